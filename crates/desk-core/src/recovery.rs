//! A database that cannot be opened (damaged, written by a newer Ping Desk,
//! a full disk, no access): what went wrong, in words for staff, and a way
//! forward that loses nothing. The file is set aside under a new name, never
//! deleted, and the writes still queued in it are first copied out to a JSON
//! file beside it, as far as the file can still be read.

use crate::error::CoreError;
use rusqlite::{ErrorCode, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Why a database cannot be opened; `code` is stable for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenProblem {
    pub code: &'static str,
    pub message: String,
    pub path: PathBuf,
}

impl OpenProblem {
    /// Describes why opening `path` failed with `err`.
    pub fn of(path: &Path, err: &CoreError) -> Self {
        let sqlite_code = match err {
            CoreError::Open { source, .. } | CoreError::Database(source) => {
                source.sqlite_error_code()
            }
            _ => None,
        };
        let (code, message) = match (err, sqlite_code) {
            (CoreError::SchemaTooNew { .. }, _) => (
                "DATABASE_TOO_NEW",
                "This desk's data was written by a newer version of Ping Desk. Install that version again, or keep the file aside and start afresh.".to_owned(),
            ),
            (_, Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)) => (
                "DATABASE_DAMAGED",
                "This desk's data file is damaged and cannot be read.".to_owned(),
            ),
            (_, Some(ErrorCode::DiskFull)) => (
                "DISK_FULL",
                "The disk is full: Ping Desk cannot write its data. Free some space and restart Ping Desk.".to_owned(),
            ),
            (_, Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly)) => (
                "DATABASE_NO_ACCESS",
                "Ping Desk may not open its data file (permissions, or the disk is read-only).".to_owned(),
            ),
            _ => (
                "DATABASE_UNUSABLE",
                format!("This desk's data could not be opened: {err}"),
            ),
        };
        Self {
            code,
            message,
            path: path.to_owned(),
        }
    }
}

/// What setting a database aside did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAside {
    /// Where the database is now.
    pub moved_to: PathBuf,
    /// The queued writes copied out, when any could be read.
    pub queued_copied_to: Option<PathBuf>,
    pub queued_copied: usize,
}

/// The format of the copied-out writes.
pub const SALVAGE_FORMAT: &str = "ping-desk-queued-writes";

/// Copies the queued writes out of the database at `path` (as far as it can
/// be read), then renames it and its WAL and shared-memory files aside with
/// `stamp` (e.g. the time) in their names. Nothing is deleted.
pub fn set_aside(path: &Path, stamp: &str) -> std::io::Result<SetAside> {
    let aside = |suffix: &str| {
        let mut name = path.file_name().unwrap_or_default().to_owned();
        name.push(format!("{suffix}.aside-{stamp}"));
        path.with_file_name(name)
    };
    let queued = queued_writes(path);
    let mut queued_copied_to = None;
    if !queued.is_empty() {
        let target = aside(".queued.json");
        let document = serde_json::json!({
            "format": SALVAGE_FORMAT,
            "version": 1,
            "from": path,
            "operations": queued,
        });
        crate::store::write_private(&target, &serde_json::to_vec_pretty(&document)?)?;
        queued_copied_to = Some(target);
    }
    let moved_to = aside("");
    std::fs::rename(path, &moved_to)?;
    for companion in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(companion);
        let from = PathBuf::from(name);
        if from.exists() {
            std::fs::rename(&from, aside(companion))?;
        }
    }
    Ok(SetAside {
        moved_to,
        queued_copied: queued.len(),
        queued_copied_to,
    })
}

/// The writes not yet delivered, read-only and row by row: whatever of the
/// outbox can still be read is kept; nothing here fails.
fn queued_writes(path: &Path) -> Vec<serde_json::Value> {
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return Vec::new();
    };
    let Ok(mut statement) = conn.prepare(
        "SELECT id, kind, ticket_key, payload, state, created_at FROM operations
         WHERE state IN ('queued', 'in_flight', 'in_doubt', 'failed') ORDER BY seq",
    ) else {
        return Vec::new();
    };
    let Ok(rows) = statement.query_map([], |row| {
        let payload: String = row.get(3)?;
        Ok(serde_json::json!({
            "id": row.get::<_, String>(0)?,
            "kind": row.get::<_, String>(1)?,
            "ticket": row.get::<_, String>(2)?,
            "payload": serde_json::from_str::<serde_json::Value>(&payload)
                .unwrap_or(serde_json::Value::String(payload)),
            // in_flight and in_doubt may have reached Ping already.
            "state": row.get::<_, String>(4)?,
            "createdAt": row.get::<_, i64>(5)?,
        }))
    }) else {
        return Vec::new();
    };
    rows.map_while(Result::ok).collect()
}
