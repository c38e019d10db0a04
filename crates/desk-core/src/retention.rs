//! Customers' data at rest: the desk keeps its copy of Ping's tickets only
//! for a while, and wipes everything on request (signing out of a shared or
//! retired PC).

use crate::error::Result;
use crate::store::Store;
use rusqlite::params;
use std::path::Path;
use std::time::Duration;

/// How long a cached ticket is kept after it was last read from Ping.
pub const CACHE_RETENTION: Duration = Duration::from_secs(90 * 24 * 3600);

impl Store {
    /// Forgets cached tickets (and their comments) last read before
    /// `cutoff_ms`, except those this desk still has writes waiting for.
    /// Returns how many tickets went.
    pub fn prune_cache(&self, cutoff_ms: i64) -> Result<usize> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS expired (ticket_number TEXT PRIMARY KEY, sort_key INTEGER);
             DELETE FROM temp.expired;",
        )?;
        tx.execute(
            "INSERT INTO temp.expired (ticket_number, sort_key)
             SELECT t.ticket_number, t.sort_key FROM tickets t
             WHERE t.fetched_at < ?1
               AND NOT EXISTS (SELECT 1 FROM local_tickets l
                               JOIN operations o ON o.ticket_key = l.local_ref
                               WHERE l.ticket_number = t.ticket_number
                                 AND o.state NOT IN ('done', 'discarded'))
               AND NOT EXISTS (SELECT 1 FROM operations o
                               WHERE o.ticket_key = t.ticket_number
                                 AND o.state NOT IN ('done', 'discarded'))",
            params![cutoff_ms],
        )?;
        tx.execute_batch(
            "DELETE FROM tickets_fts WHERE rowid IN (SELECT sort_key FROM temp.expired);
             DELETE FROM comments WHERE ticket_number IN (SELECT ticket_number FROM temp.expired);
             DELETE FROM comment_threads WHERE ticket_number IN (SELECT ticket_number FROM temp.expired);",
        )?;
        let pruned = tx.execute(
            "DELETE FROM tickets WHERE ticket_number IN (SELECT ticket_number FROM temp.expired)",
            [],
        )?;
        tx.execute_batch("DELETE FROM temp.expired;")?;
        tx.commit()?;
        Ok(pruned)
    }
}

/// Deletes a workspace's database and every copy of it this desk made (its
/// WAL and shared-memory files, databases kept aside, queued writes copied
/// out): what signing out with "wipe" removes. Call it with the database
/// closed. Returns the files removed.
pub fn wipe(path: &Path) -> std::io::Result<usize> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Ok(0);
    };
    let Some(dir) = path.parent() else {
        return Ok(0);
    };
    let mut removed = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let ours = file_name == name
            || file_name
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('.'));
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
