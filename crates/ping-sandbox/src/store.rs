//! SQLite persistence: schema migrations and every query the API needs.
//!
//! One `Connection` behind a `Mutex`; each API call takes the lock for one
//! short transaction, so a write is committed before its response is built
//! (which is what makes the "commit then drop the connection" fault real).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::{Datelike, NaiveDateTime};
use rand::Rng;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::SandboxError;

/// Where the sandbox keeps its data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Database {
    /// A private in-memory database, gone when the sandbox stops.
    #[default]
    InMemory,
    /// A SQLite file (WAL mode); data survives restarts.
    File(PathBuf),
}

/// Timestamp format Ping shows: UTC, no zone suffix.
pub(crate) const TS_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn format_ts(ts: NaiveDateTime) -> String {
    ts.format(TS_FORMAT).to_string()
}

/// Schema migrations; entry `i` upgrades `user_version` i to i+1. Append only.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE tickets (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_number       TEXT NOT NULL UNIQUE,
    public_id           TEXT NOT NULL UNIQUE,
    subject             TEXT NOT NULL,
    description         TEXT NOT NULL,
    status              TEXT NOT NULL,
    priority            TEXT NOT NULL,
    category            TEXT,
    channel             TEXT NOT NULL,
    country             TEXT,
    store_region        TEXT,
    customer_first_name TEXT,
    customer_last_name  TEXT,
    customer_phone      TEXT,
    customer_email      TEXT,
    preferred_language  TEXT,
    external_ticket_id  TEXT,
    custom_fields       TEXT NOT NULL DEFAULT '{}',
    resolution_notes    TEXT,
    action_taken        TEXT,
    csat_score          INTEGER,
    tags                TEXT,
    date_created        TEXT NOT NULL,
    date_updated        TEXT NOT NULL
);
CREATE INDEX tickets_by_created ON tickets(date_created DESC, id DESC);
CREATE INDEX tickets_by_external_id ON tickets(external_ticket_id);
CREATE TABLE ticket_counters (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL
);
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id    INTEGER NOT NULL REFERENCES tickets(id),
    public_id    TEXT NOT NULL UNIQUE,
    author_type  TEXT NOT NULL,
    content      TEXT NOT NULL,
    is_internal  INTEGER NOT NULL,
    date_created TEXT NOT NULL
);
CREATE INDEX comments_by_ticket ON comments(ticket_id, id);
"#];

/// A ticket as the API returns it in full (create and get).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Ticket {
    pub ticket_number: String,
    pub public_id: String,
    pub subject: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub category: Option<String>,
    pub channel: String,
    pub country: Option<String>,
    pub store_region: Option<String>,
    pub customer_first_name: Option<String>,
    pub customer_last_name: Option<String>,
    pub customer_phone: Option<String>,
    pub customer_email: Option<String>,
    pub preferred_language: Option<String>,
    pub custom_fields: Value,
    pub resolution_notes: Option<String>,
    pub action_taken: Option<String>,
    pub csat_score: Option<i64>,
    pub tags: Option<String>,
    pub date_created: String,
    pub date_updated: String,
}

/// A list item: exactly the fields of Ping's list example.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TicketSummary {
    pub ticket_number: String,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub category: Option<String>,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Comment {
    pub public_id: String,
    pub author_type: String,
    pub content: String,
    pub is_internal: bool,
    pub date_created: String,
}

/// A validated create request.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewTicket {
    pub subject: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub category: Option<String>,
    pub channel: String,
    pub country: Option<String>,
    pub store_region: Option<String>,
    pub customer_first_name: Option<String>,
    pub customer_last_name: Option<String>,
    pub customer_phone: Option<String>,
    pub customer_email: Option<String>,
    pub preferred_language: Option<String>,
    pub external_ticket_id: Option<String>,
    pub custom_fields: Map<String, Value>,
    // Only demo seeding sets these at creation time.
    pub resolution_notes: Option<String>,
    pub action_taken: Option<String>,
    pub csat_score: Option<i64>,
    pub tags: Option<String>,
}

/// A validated update request; `None` means "not provided".
#[derive(Debug, Clone, Default)]
pub(crate) struct TicketUpdate {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub resolution_notes: Option<String>,
    pub action_taken: Option<String>,
    pub csat_score: Option<i64>,
    pub tags: Option<String>,
    pub custom_fields: Option<Map<String, Value>>,
}

impl TicketUpdate {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.priority.is_none()
            && self.category.is_none()
            && self.resolution_notes.is_none()
            && self.action_taken.is_none()
            && self.csat_score.is_none()
            && self.tags.is_none()
            && self.custom_fields.is_none()
    }
}

/// The update response's ticket: the number, each updated field, dateUpdated.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UpdatedTicket {
    pub ticket_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_taken: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csat_score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Value>,
    pub date_updated: String,
}

#[derive(Debug, Clone)]
pub(crate) struct NewComment {
    pub content: String,
    pub is_internal: bool,
    pub author_type: String,
}

/// List filters, already validated; text filters compare case-insensitively.
#[derive(Debug, Clone, Default)]
pub(crate) struct TicketFilter {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
    pub country: Option<String>,
    pub store_region: Option<String>,
    pub search: Option<String>,
}

/// Failures of store operations that map to specific API errors.
#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    #[error("ticket not found")]
    TicketNotFound,
    #[error("duplicate external_ticket_id")]
    DuplicateExternalId,
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

pub(crate) struct Store {
    conn: Mutex<Connection>,
}

const TICKET_COLUMNS: &str = "ticket_number, public_id, subject, description, status, priority, \
     category, channel, country, store_region, customer_first_name, customer_last_name, \
     customer_phone, customer_email, preferred_language, custom_fields, resolution_notes, \
     action_taken, csat_score, tags, date_created, date_updated";

fn ticket_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Ticket> {
    let custom: String = row.get(15)?;
    Ok(Ticket {
        ticket_number: row.get(0)?,
        public_id: row.get(1)?,
        subject: row.get(2)?,
        description: row.get(3)?,
        status: row.get(4)?,
        priority: row.get(5)?,
        category: row.get(6)?,
        channel: row.get(7)?,
        country: row.get(8)?,
        store_region: row.get(9)?,
        customer_first_name: row.get(10)?,
        customer_last_name: row.get(11)?,
        customer_phone: row.get(12)?,
        customer_email: row.get(13)?,
        preferred_language: row.get(14)?,
        custom_fields: parse_custom_fields(&custom),
        resolution_notes: row.get(16)?,
        action_taken: row.get(17)?,
        csat_score: row.get(18)?,
        tags: row.get(19)?,
        date_created: row.get(20)?,
        date_updated: row.get(21)?,
    })
}

/// Stored custom fields are always an object we wrote; tolerate anything else
/// (a hand-edited file) by treating it as empty instead of failing requests.
fn parse_custom_fields(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Object(_)) => v,
        _ => Value::Object(Map::new()),
    }
}

fn contains_ci(haystack: Option<&str>, needle_lower: &str) -> bool {
    haystack.is_some_and(|h| h.to_lowercase().contains(needle_lower))
}

fn eq_ci(value: Option<&str>, wanted: &Option<String>) -> bool {
    match wanted {
        None => true,
        Some(w) => value.is_some_and(|v| v.to_lowercase() == w.to_lowercase()),
    }
}

impl Store {
    pub fn open(database: &Database) -> Result<Self, SandboxError> {
        let conn = match database {
            Database::InMemory => Connection::open_in_memory()?,
            Database::File(path) => {
                let conn = Connection::open(path)?;
                // WAL keeps readers and the writer out of each other's way and
                // survives an abrupt stop; NORMAL is durable across a process crash.
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                conn
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn: Mutex::new(conn),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), SandboxError> {
        let conn = self.conn.get_mut().unwrap_or_else(|e| e.into_inner());
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(SandboxError::SchemaTooNew {
                found: version,
                supported,
            });
        }
        for (idx, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", idx as i64 + 1)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Locks the connection. A panic while holding the lock cannot leave a
    /// half-applied transaction (rusqlite rolls back on drop), so poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn ticket_count(&self) -> rusqlite::Result<usize> {
        let n: i64 = self
            .lock()
            .query_row("SELECT COUNT(*) FROM tickets", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn comment_count(&self) -> rusqlite::Result<usize> {
        let n: i64 = self
            .lock()
            .query_row("SELECT COUNT(*) FROM comments", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn create_ticket(
        &self,
        new: &NewTicket,
        now: NaiveDateTime,
        reject_duplicate_external_id: bool,
    ) -> Result<Ticket, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        if reject_duplicate_external_id {
            if let Some(ext) = new.external_ticket_id.as_deref().filter(|s| !s.is_empty()) {
                let exists: bool = tx.query_row(
                    "SELECT EXISTS(SELECT 1 FROM tickets WHERE external_ticket_id = ?1)",
                    [ext],
                    |r| r.get(0),
                )?;
                if exists {
                    return Err(StoreError::DuplicateExternalId);
                }
            }
        }
        let ticket = insert_ticket(&tx, new, now, now)?;
        tx.commit()?;
        Ok(ticket)
    }

    pub fn get_ticket(&self, number: &str) -> Result<Ticket, StoreError> {
        let conn = self.lock();
        conn.query_row(
            &format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE ticket_number = ?1"),
            [number],
            ticket_from_row,
        )
        .optional()?
        .ok_or(StoreError::TicketNotFound)
    }

    /// Returns the requested page and the total number of matches.
    pub fn list_tickets(
        &self,
        filter: &TicketFilter,
        page: u64,
        per_page: u64,
    ) -> Result<(Vec<TicketSummary>, u64), StoreError> {
        // Filtering happens in Rust: SQLite's LIKE/lower() only fold ASCII, and
        // customer names and searches may be any Unicode.
        let search = filter.search.as_ref().map(|s| s.to_lowercase());
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT ticket_number, subject, status, priority, category, date_created, \
             description, channel, country, store_region, customer_first_name, \
             customer_last_name, customer_email, customer_phone \
             FROM tickets ORDER BY date_created DESC, id DESC",
        )?;
        let mut rows = stmt.query([])?;
        let skip = page.saturating_sub(1).saturating_mul(per_page);
        let mut total: u64 = 0;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            let status: String = row.get(2)?;
            let priority: String = row.get(3)?;
            let category: Option<String> = row.get(4)?;
            let channel: String = row.get(7)?;
            let country: Option<String> = row.get(8)?;
            let region: Option<String> = row.get(9)?;
            if filter.status.as_ref().is_some_and(|s| *s != status)
                || filter.priority.as_ref().is_some_and(|p| *p != priority)
                || filter.channel.as_ref().is_some_and(|c| *c != channel)
                || !eq_ci(category.as_deref(), &filter.category)
                || !eq_ci(country.as_deref(), &filter.country)
                || !eq_ci(region.as_deref(), &filter.store_region)
            {
                continue;
            }
            let subject: String = row.get(1)?;
            if let Some(needle) = &search {
                let description: String = row.get(6)?;
                let first: Option<String> = row.get(10)?;
                let last: Option<String> = row.get(11)?;
                let email: Option<String> = row.get(12)?;
                let phone: Option<String> = row.get(13)?;
                let full_name = format!(
                    "{} {}",
                    first.as_deref().unwrap_or(""),
                    last.as_deref().unwrap_or("")
                );
                let hit = contains_ci(Some(&subject), needle)
                    || contains_ci(Some(&description), needle)
                    || contains_ci(first.as_deref(), needle)
                    || contains_ci(last.as_deref(), needle)
                    || contains_ci(Some(&full_name), needle)
                    || contains_ci(email.as_deref(), needle)
                    || contains_ci(phone.as_deref(), needle);
                if !hit {
                    continue;
                }
            }
            total += 1;
            if total > skip && (items.len() as u64) < per_page {
                items.push(TicketSummary {
                    ticket_number: row.get(0)?,
                    subject,
                    status,
                    priority,
                    category,
                    date_created: row.get(5)?,
                });
            }
        }
        Ok((items, total))
    }

    pub fn update_ticket(
        &self,
        number: &str,
        update: &TicketUpdate,
        now: NaiveDateTime,
    ) -> Result<UpdatedTicket, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let (id, custom_text): (i64, String) = tx
            .query_row(
                "SELECT id, custom_fields FROM tickets WHERE ticket_number = ?1",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::TicketNotFound)?;

        let date_updated = format_ts(now);
        let mut sets: Vec<&str> = vec!["date_updated = ?"];
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(date_updated.clone())];
        let text_fields = [
            ("status = ?", &update.status),
            ("priority = ?", &update.priority),
            ("category = ?", &update.category),
            ("resolution_notes = ?", &update.resolution_notes),
            ("action_taken = ?", &update.action_taken),
            ("tags = ?", &update.tags),
        ];
        for (set, value) in text_fields {
            if let Some(v) = value {
                sets.push(set);
                values.push(SqlValue::Text(v.clone()));
            }
        }
        if let Some(score) = update.csat_score {
            sets.push("csat_score = ?");
            values.push(SqlValue::Integer(score));
        }
        let merged = update.custom_fields.as_ref().map(|patch| {
            // Shallow merge: a null value removes the key, anything else replaces it.
            let mut current = match parse_custom_fields(&custom_text) {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            for (k, v) in patch {
                if v.is_null() {
                    current.remove(k);
                } else {
                    current.insert(k.clone(), v.clone());
                }
            }
            Value::Object(current)
        });
        if let Some(m) = &merged {
            sets.push("custom_fields = ?");
            values.push(SqlValue::Text(m.to_string()));
        }
        values.push(SqlValue::Integer(id));
        tx.execute(
            &format!("UPDATE tickets SET {} WHERE id = ?", sets.join(", ")),
            rusqlite::params_from_iter(values),
        )?;
        tx.commit()?;
        Ok(UpdatedTicket {
            ticket_number: number.to_owned(),
            status: update.status.clone(),
            priority: update.priority.clone(),
            category: update.category.clone(),
            resolution_notes: update.resolution_notes.clone(),
            action_taken: update.action_taken.clone(),
            csat_score: update.csat_score,
            tags: update.tags.clone(),
            custom_fields: merged,
            date_updated,
        })
    }

    pub fn add_comment(
        &self,
        number: &str,
        new: &NewComment,
        now: NaiveDateTime,
    ) -> Result<Comment, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let id = ticket_id(&tx, number)?;
        let comment = insert_comment(&tx, id, new, now)?;
        tx.execute(
            "UPDATE tickets SET date_updated = ?1 WHERE id = ?2 AND date_updated < ?1",
            params![comment.date_created, id],
        )?;
        tx.commit()?;
        Ok(comment)
    }

    pub fn list_comments(
        &self,
        number: &str,
        include_internal: bool,
    ) -> Result<Vec<Comment>, StoreError> {
        let conn = self.lock();
        let id = ticket_id(&conn, number)?;
        let mut stmt = conn.prepare_cached(
            "SELECT public_id, author_type, content, is_internal, date_created FROM comments \
             WHERE ticket_id = ?1 AND (?2 OR is_internal = 0) ORDER BY date_created, id",
        )?;
        let comments = stmt
            .query_map(params![id, include_internal], |r| {
                Ok(Comment {
                    public_id: r.get(0)?,
                    author_type: r.get(1)?,
                    content: r.get(2)?,
                    is_internal: r.get(3)?,
                    date_created: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(comments)
    }

    /// Runs `f` in one transaction if the database has no tickets yet.
    /// Returns whether it ran.
    pub fn seed_if_empty(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<bool> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let count: i64 = tx.query_row("SELECT COUNT(*) FROM tickets", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(false);
        }
        f(&tx)?;
        tx.commit()?;
        Ok(true)
    }
}

fn ticket_id(conn: &Connection, number: &str) -> Result<i64, StoreError> {
    conn.query_row(
        "SELECT id FROM tickets WHERE ticket_number = ?1",
        [number],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::TicketNotFound)
}

/// Next `TKT-<year>-<seq>` for the year of `created`, from a per-year counter
/// (not MAX(), so numbers are never reused).
fn next_ticket_number(conn: &Connection, created: NaiveDateTime) -> rusqlite::Result<String> {
    let year = created.year();
    let seq: i64 = conn.query_row(
        "INSERT INTO ticket_counters(year, last_seq) VALUES (?1, 1) \
         ON CONFLICT(year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("TKT-{year}-{seq:05}"))
}

fn unique_public_id(
    conn: &Connection,
    sql_exists: &str,
    mut make: impl FnMut() -> String,
) -> rusqlite::Result<String> {
    loop {
        let candidate = make();
        let exists: bool = conn.query_row(sql_exists, [&candidate], |r| r.get(0))?;
        if !exists {
            return Ok(candidate);
        }
    }
}

pub(crate) fn random_ticket_public_id() -> String {
    format!("TKT-{:08X}", rand::rng().random::<u32>())
}

/// Inserts a ticket inside `tx`. `public_id` generation is injectable so demo
/// data can be deterministic.
pub(crate) fn insert_ticket_with(
    tx: &Connection,
    new: &NewTicket,
    created: NaiveDateTime,
    updated: NaiveDateTime,
    make_public_id: impl FnMut() -> String,
) -> rusqlite::Result<Ticket> {
    let number = next_ticket_number(tx, created)?;
    let public_id = unique_public_id(
        tx,
        "SELECT EXISTS(SELECT 1 FROM tickets WHERE public_id = ?1)",
        make_public_id,
    )?;
    let custom = Value::Object(new.custom_fields.clone());
    tx.execute(
        "INSERT INTO tickets (ticket_number, public_id, subject, description, status, priority, \
         category, channel, country, store_region, customer_first_name, customer_last_name, \
         customer_phone, customer_email, preferred_language, external_ticket_id, custom_fields, \
         resolution_notes, action_taken, csat_score, tags, date_created, date_updated) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23)",
        params![
            number,
            public_id,
            new.subject,
            new.description,
            new.status,
            new.priority,
            new.category,
            new.channel,
            new.country,
            new.store_region,
            new.customer_first_name,
            new.customer_last_name,
            new.customer_phone,
            new.customer_email,
            new.preferred_language,
            new.external_ticket_id,
            custom.to_string(),
            new.resolution_notes,
            new.action_taken,
            new.csat_score,
            new.tags,
            format_ts(created),
            format_ts(updated),
        ],
    )?;
    Ok(Ticket {
        ticket_number: number,
        public_id,
        subject: new.subject.clone(),
        description: new.description.clone(),
        status: new.status.clone(),
        priority: new.priority.clone(),
        category: new.category.clone(),
        channel: new.channel.clone(),
        country: new.country.clone(),
        store_region: new.store_region.clone(),
        customer_first_name: new.customer_first_name.clone(),
        customer_last_name: new.customer_last_name.clone(),
        customer_phone: new.customer_phone.clone(),
        customer_email: new.customer_email.clone(),
        preferred_language: new.preferred_language.clone(),
        custom_fields: custom,
        resolution_notes: new.resolution_notes.clone(),
        action_taken: new.action_taken.clone(),
        csat_score: new.csat_score,
        tags: new.tags.clone(),
        date_created: format_ts(created),
        date_updated: format_ts(updated),
    })
}

fn insert_ticket(
    tx: &Connection,
    new: &NewTicket,
    created: NaiveDateTime,
    updated: NaiveDateTime,
) -> rusqlite::Result<Ticket> {
    insert_ticket_with(tx, new, created, updated, random_ticket_public_id)
}

/// Inserts a comment with a random v4 UUID.
fn insert_comment(
    conn: &Connection,
    ticket_id: i64,
    new: &NewComment,
    created: NaiveDateTime,
) -> rusqlite::Result<Comment> {
    insert_comment_with(conn, ticket_id, new, created, || {
        uuid::Uuid::new_v4().to_string()
    })
}

pub(crate) fn insert_comment_with(
    conn: &Connection,
    ticket_id: i64,
    new: &NewComment,
    created: NaiveDateTime,
    make_public_id: impl FnMut() -> String,
) -> rusqlite::Result<Comment> {
    let public_id = unique_public_id(
        conn,
        "SELECT EXISTS(SELECT 1 FROM comments WHERE public_id = ?1)",
        make_public_id,
    )?;
    let date_created = format_ts(created);
    conn.execute(
        "INSERT INTO comments (ticket_id, public_id, author_type, content, is_internal, date_created) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            ticket_id,
            public_id,
            new.author_type,
            new.content,
            new.is_internal,
            date_created
        ],
    )?;
    Ok(Comment {
        public_id,
        author_type: new.author_type.clone(),
        content: new.content.clone(),
        is_internal: new.is_internal,
        date_created,
    })
}

/// Row id of a ticket number, for demo seeding.
pub(crate) fn ticket_row_id(conn: &Connection, number: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT id FROM tickets WHERE ticket_number = ?1",
        [number],
        |r| r.get(0),
    )
}
