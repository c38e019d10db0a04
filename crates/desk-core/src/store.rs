//! The SQLite database: opening it, its pragmas and its migrations.

use crate::error::{CoreError, Result};
use rusqlite::Connection;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// Versioned migrations, applied in order; `PRAGMA user_version` records the
/// last one applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_templates.sql"),
    include_str!("../migrations/0003_operation_origin.sql"),
    include_str!("../migrations/0004_comment_seen_before.sql"),
    include_str!("../migrations/0005_store_copy.sql"),
];

/// The local store. One connection behind a mutex: every statement is short,
/// and SQLite serializes writers anyway.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    /// The file is created readable by the user only before SQLite opens
    /// it; SQLite gives its `-wal` and `-shm` files the same mode.
    pub fn open(path: &Path) -> Result<Self> {
        keep_private(path).map_err(|err| CoreError::Open {
            path: path.to_owned(),
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(format!("the file could not be made private: {err}")),
            ),
        })?;
        let conn = Connection::open(path).map_err(|source| CoreError::Open {
            path: path.to_owned(),
            source,
        })?;
        Self::prepare(conn)
    }

    /// A private in-memory store, for tests and the demo workspace.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Self> {
        // WAL lets reads go on while the sync engine writes; synchronous=FULL
        // makes each commit durable across a power cut, which is the point of
        // an outbox that must not lose a walk-in's ticket.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (a
        // transaction either committed or rolls back), so keep going.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// Writes a new file readable by the user only (a leftover from a crash is
/// replaced), and syncs it to disk: settings, copies of customers' details.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates a missing directory for the database, then (on Unix) the file
/// itself for the user alone, taking other users' access off files an older
/// version left open. On Windows the per-user app-data folder's inherited
/// ACL already keeps other users out, and SQLite creates the file.
fn keep_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    #[cfg(unix)]
    keep_files_private(path)?;
    Ok(())
}

#[cfg(unix)]
fn keep_files_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let mut shm = path.as_os_str().to_owned();
    shm.push("-shm");
    for file in [path.as_os_str(), &wal, &shm] {
        match std::fs::metadata(file) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?
            }
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > known {
        return Err(CoreError::SchemaTooNew {
            found: current,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        drop(store);
        let again = Store::open(&path).unwrap();
        assert_eq!(again.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let mode: String = again
            .conn()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn opens_in_a_folder_that_does_not_exist_yet() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("new").join("data").join("desk.sqlite3");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert!(path.is_file());
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_wal_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("new-data");
        let path = dir.join("desk.sqlite3");
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO drafts (key, data, updated_at) VALUES ('k', '{}', 0)",
                [],
            )
            .unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.join("desk.sqlite3-wal")), 0o600);
        assert_eq!(mode(&dir), 0o700);
        drop(store);
        // A file an older version created for everyone to read is taken back.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let _again = Store::open(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 99).unwrap();
        }
        let err = Store::open(&path).err().expect("refused");
        assert!(
            matches!(err, CoreError::SchemaTooNew { found: 99, .. }),
            "{err}"
        );
    }
}
