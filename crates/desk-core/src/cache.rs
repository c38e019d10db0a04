//! Tickets and comments read from Ping, kept for offline use, with full-text
//! search; and drafts of forms in progress.

use crate::error::Result;
use crate::store::{now_ms, Store};
use ping_api::{Comment, ListQuery, Pagination, Ticket, MAX_PER_PAGE};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};

/// A ticket from the cache, with how old the copy is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedTicket {
    pub ticket: Ticket,
    /// False when only a list summary has been seen.
    pub complete: bool,
    /// Unix ms when Ping last sent it.
    pub fetched_at: i64,
}

/// A page of tickets served from the cache.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedPage {
    pub tickets: Vec<CachedTicket>,
    pub pagination: Pagination,
    /// The oldest copy on the page (unix ms), to say how stale it is.
    pub oldest_fetched_at: Option<i64>,
}

/// A ticket's comment thread from the cache.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CachedThread {
    pub comments: Vec<Comment>,
    pub fetched_at: i64,
}

impl Store {
    /// Stores what Ping sent about a ticket, merged over what was known:
    /// a list summary or an update answer does not erase fields a full read
    /// brought. `complete` marks a full ticket (a create or get answer).
    pub fn cache_ticket(&self, ticket: &Ticket, complete: bool) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        upsert_ticket(&tx, ticket, complete, now_ms())?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a page of list summaries in one transaction.
    pub fn cache_tickets(&self, tickets: &[Ticket]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let now = now_ms();
        for ticket in tickets {
            upsert_ticket(&tx, ticket, false, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn cached_ticket(&self, ticket_number: &str) -> Result<Option<CachedTicket>> {
        let conn = self.conn();
        let row = conn
            .query_row(
                "SELECT data, complete, fetched_at FROM tickets WHERE ticket_number = ?1",
                [ticket_number],
                raw_cached,
            )
            .optional()?;
        row.map(decode_cached).transpose()
    }

    /// The cached (merged) copy of each ticket, in the same order; a ticket
    /// not in the cache is returned as given.
    pub fn merged_tickets(&self, tickets: &[Ticket]) -> Result<Vec<Ticket>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT data FROM tickets WHERE ticket_number = ?1")?;
        tickets
            .iter()
            .map(|ticket| {
                let data: Option<String> = stmt
                    .query_row([&ticket.ticket_number], |r| r.get(0))
                    .optional()?;
                Ok(match data {
                    Some(data) => serde_json::from_str(&data)?,
                    None => ticket.clone(),
                })
            })
            .collect()
    }

    /// The list query answered from the cache: the same filters Ping takes,
    /// search over number, subject, description, customer name, phone and
    /// email, newest first.
    pub fn list_cached(&self, query: &ListQuery) -> Result<CachedPage> {
        let per_page = query.per_page.unwrap_or(50).clamp(1, MAX_PER_PAGE);
        let page = query.page.unwrap_or(1).max(1);
        let (filter, mut args) = where_clause(query);
        let conn = self.conn();
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM tickets t {filter}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let total = total as u64;
        args.push(SqlValue::Integer(per_page.into()));
        args.push(SqlValue::Integer((page as i64 - 1) * per_page as i64));
        let mut stmt = conn.prepare(&format!(
            "SELECT data, complete, fetched_at FROM tickets t {filter}
              ORDER BY t.sort_key DESC
              LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
        ))?;
        let rows = stmt.query_map(params_from_iter(args.iter()), raw_cached)?;
        let tickets = rows
            .map(|row| decode_cached(row?))
            .collect::<Result<Vec<_>>>()?;
        let oldest_fetched_at = tickets.iter().map(|t| t.fetched_at).min();
        Ok(CachedPage {
            tickets,
            pagination: Pagination {
                page,
                per_page,
                total,
                total_pages: total.div_ceil(per_page as u64) as u32,
            },
            oldest_fetched_at,
        })
    }

    /// Full-text search over the cache, newest first (no total is counted,
    /// which keeps a broad word fast).
    pub fn search_cached(&self, text: &str, limit: u32) -> Result<Vec<CachedTicket>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            // The index yields matches newest first (rowid = sort key), so
            // a broad word stops after the first page instead of collecting
            // and sorting thousands.
            "SELECT t.data, t.complete, t.fetched_at
               FROM (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2) m
               JOIN tickets t ON t.sort_key = m.rowid
              ORDER BY t.sort_key DESC",
        )?;
        let rows = stmt.query_map(params![query, limit.clamp(1, MAX_PER_PAGE)], raw_cached)?;
        rows.map(|row| decode_cached(row?)).collect()
    }

    /// Tickets of one customer, by phone or email (exact), newest first.
    pub fn cached_for_customer(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
        limit: u32,
    ) -> Result<Vec<CachedTicket>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT data, complete, fetched_at FROM tickets
              WHERE (?1 IS NOT NULL AND customer_phone = ?1)
                 OR (?2 IS NOT NULL AND customer_email = ?2 COLLATE NOCASE)
              ORDER BY sort_key DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![phone, email, limit], raw_cached)?;
        rows.map(|row| decode_cached(row?)).collect()
    }

    /// Replaces a ticket's cached thread with what Ping listed (read with
    /// internal comments included, so the thread is whole).
    pub fn cache_comments(&self, ticket_number: &str, comments: &[Comment]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let now = now_ms();
        tx.execute(
            "DELETE FROM comments WHERE ticket_number = ?1",
            [ticket_number],
        )?;
        for (position, comment) in comments.iter().enumerate() {
            let id = comment
                .public_id
                .clone()
                .unwrap_or_else(|| format!("position-{position}"));
            tx.execute(
                "INSERT OR REPLACE INTO comments (ticket_number, public_id, position, data, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![ticket_number, id, position as i64, serde_json::to_string(comment)?, now],
            )?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO comment_threads (ticket_number, fetched_at) VALUES (?1, ?2)",
            params![ticket_number, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Adds one comment Ping accepted to the end of a cached thread.
    pub fn cache_new_comment(&self, ticket_number: &str, comment: &Comment) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        append_comment(&tx, ticket_number, comment, now_ms())?;
        tx.commit()?;
        Ok(())
    }

    pub fn cached_comments(
        &self,
        ticket_number: &str,
        include_internal: bool,
    ) -> Result<Option<CachedThread>> {
        let conn = self.conn();
        let fetched_at: Option<i64> = conn
            .query_row(
                "SELECT fetched_at FROM comment_threads WHERE ticket_number = ?1",
                [ticket_number],
                |r| r.get(0),
            )
            .optional()?;
        let Some(fetched_at) = fetched_at else {
            return Ok(None);
        };
        let mut stmt =
            conn.prepare("SELECT data FROM comments WHERE ticket_number = ?1 ORDER BY position")?;
        let rows = stmt.query_map([ticket_number], |r| r.get::<_, String>(0))?;
        let mut comments = Vec::new();
        for row in rows {
            let comment: Comment = serde_json::from_str(&row?)?;
            if include_internal || !comment.is_internal {
                comments.push(comment);
            }
        }
        Ok(Some(CachedThread {
            comments,
            fetched_at,
        }))
    }

    /// Saves a form in progress under `key` (e.g. `new-ticket`).
    pub fn save_draft(&self, key: &str, data: &Value) -> Result<()> {
        self.conn().execute(
            "INSERT INTO drafts (key, data, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            params![key, serde_json::to_string(data)?, now_ms()],
        )?;
        Ok(())
    }

    pub fn load_draft(&self, key: &str) -> Result<Option<Value>> {
        let conn = self.conn();
        let data: Option<String> = conn
            .query_row("SELECT data FROM drafts WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(data.map(|d| serde_json::from_str(&d)).transpose()?)
    }

    pub fn delete_draft(&self, key: &str) -> Result<()> {
        self.conn()
            .execute("DELETE FROM drafts WHERE key = ?1", [key])?;
        Ok(())
    }
}

/// Reads `data, complete, fetched_at` of a `tickets` row.
fn raw_cached(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, bool, i64)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
}

fn decode_cached((data, complete, fetched_at): (String, bool, i64)) -> Result<CachedTicket> {
    Ok(CachedTicket {
        ticket: serde_json::from_str(&data)?,
        complete,
        fetched_at,
    })
}

pub(crate) fn append_comment(
    tx: &Transaction<'_>,
    ticket_number: &str,
    comment: &Comment,
    now: i64,
) -> Result<()> {
    let id = comment
        .public_id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    tx.execute(
        "INSERT OR REPLACE INTO comments (ticket_number, public_id, position, data, fetched_at)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM comments WHERE ticket_number = ?1), ?3, ?4)",
        params![ticket_number, id, serde_json::to_string(comment)?, now],
    )?;
    Ok(())
}

pub(crate) fn upsert_ticket(
    tx: &Transaction<'_>,
    ticket: &Ticket,
    complete: bool,
    now: i64,
) -> Result<()> {
    let existing: Option<(String, i64)> = tx
        .query_row(
            "SELECT data, sort_key FROM tickets WHERE ticket_number = ?1",
            [&ticket.ticket_number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (merged, merged_ticket, old_key) = match existing {
        None => (serde_json::to_value(ticket)?, ticket.clone(), None),
        Some((data, old_key)) => {
            let mut merged: Map<String, Value> = serde_json::from_str(&data)?;
            let Value::Object(incoming) = serde_json::to_value(ticket)? else {
                unreachable!("a ticket serializes to an object");
            };
            for (key, value) in incoming {
                if !value.is_null() {
                    merged.insert(key, value);
                }
            }
            let merged = Value::Object(merged);
            let merged_ticket: Ticket = serde_json::from_value(merged.clone())?;
            (merged, merged_ticket, Some(old_key))
        }
    };
    let t = &merged_ticket;
    let sort_key = free_sort_key(tx, t, old_key)?;
    tx.execute(
        "INSERT INTO tickets (ticket_number, data, complete, status, priority, category, channel, country,
                              store_region, customer_phone, customer_email, date_created, sort_key, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (ticket_number) DO UPDATE SET
           data = excluded.data, complete = MAX(tickets.complete, excluded.complete),
           status = excluded.status, priority = excluded.priority, category = excluded.category,
           channel = excluded.channel, country = excluded.country, store_region = excluded.store_region,
           customer_phone = excluded.customer_phone, customer_email = excluded.customer_email,
           date_created = excluded.date_created, sort_key = excluded.sort_key, fetched_at = excluded.fetched_at",
        params![
            t.ticket_number,
            serde_json::to_string(&merged)?,
            complete,
            t.status.as_ref().map(|s| s.as_str()),
            t.priority.as_ref().map(|p| p.as_str()),
            t.category,
            t.channel.as_ref().map(|c| c.as_str()),
            t.country,
            t.store_region,
            t.customer_phone,
            t.customer_email,
            t.date_created.as_ref().map(ping_api::model::ping_time::format),
            sort_key,
            now,
        ],
    )?;
    if let Some(old_key) = old_key {
        tx.execute("DELETE FROM tickets_fts WHERE rowid = ?1", [old_key])?;
    }
    tx.execute(
        "INSERT INTO tickets_fts (rowid, ticket_number, subject, description, customer_name, customer_phone, customer_email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            sort_key,
            t.ticket_number,
            t.subject,
            t.description,
            t.customer_name(),
            t.customer_phone.as_deref().map(phone_forms),
            t.customer_email
        ],
    )?;
    Ok(())
}

/// A ticket's place in "newest first": its creation second, then 20 bits
/// from its number, so FTS rows (whose rowid this is) come out of the index
/// newest first and a search can stop after the first page of matches.
/// Unique: on the rare clash within one second, the next free key is taken.
fn free_sort_key(tx: &Transaction<'_>, ticket: &Ticket, current: Option<i64>) -> Result<i64> {
    let seconds = ticket
        .date_created
        .map(|d| d.timestamp().max(0))
        .unwrap_or(0);
    let spread = ticket
        .ticket_number
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        })
        & 0xF_FFFF;
    let mut key = (seconds << 20) | spread as i64;
    if current == Some(key) {
        return Ok(key);
    }
    loop {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM tickets WHERE sort_key = ?1 AND ticket_number <> ?2)",
            params![key, ticket.ticket_number],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(key);
        }
        key += 1;
    }
}

/// An FTS5 query for what staff typed: every word must match the start of a
/// word in the ticket (`tend moy` finds Tendai Moyo). Each word is quoted, so
/// nothing typed is read as query syntax, and any text makes a valid query.
fn fts_query(text: &str) -> Option<String> {
    let numeric = |w: &str| w.chars().all(|c| c.is_ascii_digit() || "+-() ".contains(c));
    let quote = |w: &str| format!("\"{}\"*", w.replace('"', "\"\""));
    // Control characters separate words, as the tokenizer treats them; kept
    // inside a quoted word, a NUL would end the query mid-string.
    let typed_words = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty());
    // Digits typed in groups ("0772 987 654", "2026-00042") may be one
    // number (a phone) or several words (a ticket number): match either.
    let mut words: Vec<String> = Vec::new();
    for word in typed_words {
        match words.last_mut() {
            Some(last) if numeric(word) && numeric(last) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
    }
    let phrases: Vec<String> = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| {
            let compact: String = w.chars().filter(char::is_ascii_digit).collect();
            if numeric(w) && compact != *w {
                format!("({} OR {})", quote(w), quote(&compact))
            } else {
                quote(w)
            }
        })
        .collect();
    // An explicit AND: FTS5 takes an implicit one only between phrases, and
    // a grouped number is a parenthesised OR.
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// A phone in the forms staff may type: as stored (+263772987654), without
/// the plus, and for Zimbabwean numbers the local 0772987654 and 772987654.
fn phone_forms(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let mut forms = vec![phone.to_owned(), digits.clone()];
    if let Some(national) = digits.strip_prefix("263") {
        forms.push(format!("0{national}"));
        forms.push(national.to_owned());
    }
    forms.join(" ")
}

/// The WHERE clause for a list query over `tickets t`, with its arguments.
fn where_clause(query: &ListQuery) -> (String, Vec<SqlValue>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let mut add = |sql: &str, value: String| {
        args.push(SqlValue::Text(value));
        conditions.push(sql.replace('?', &format!("?{}", args.len())));
    };
    let trimmed = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(status) = &query.status {
        add("t.status = ?", status.as_str().to_owned());
    }
    if let Some(priority) = &query.priority {
        add("t.priority = ?", priority.as_str().to_owned());
    }
    if let Some(channel) = &query.channel {
        add("t.channel = ?", channel.as_str().to_owned());
    }
    if let Some(category) = trimmed(&query.category) {
        add("t.category = ? COLLATE NOCASE", category);
    }
    if let Some(country) = trimmed(&query.country) {
        add("t.country = ? COLLATE NOCASE", country);
    }
    if let Some(region) = trimmed(&query.store_region) {
        add("t.store_region = ? COLLATE NOCASE", region);
    }
    if let Some(search) = trimmed(&query.search) {
        match fts_query(&search) {
            Some(fts) => add(
                "t.sort_key IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)",
                fts,
            ),
            // Only punctuation: nothing can match.
            None => conditions.push("0".into()),
        }
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (filter, args)
}
