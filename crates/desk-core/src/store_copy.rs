//! The store's copy: full copies of the store's most recent tickets, filled
//! in the background while Ping answers, so the list, search and a walk-in's
//! history work offline with an honest count.
//!
//! Ping's list gives summaries only, so the copy costs a GET per ticket, on
//! a rate limit every desk of the store shares (it is per key). The filler
//! is a good citizen of it:
//! - it spends at most [`CopyConfig::share`] of what a window has left when
//!   it first sees that window (`X-RateLimit-Remaining`), spread evenly up to
//!   `X-RateLimit-Reset`, and stops for the window once what is left has
//!   halved (staff or another desk are busy);
//! - it reads one ticket at a time, and waits while staff's own reads are
//!   under way or were a moment ago, and while the outbox is sending;
//! - a 429 (its own or anyone's) holds it until Retry-After;
//! - what is still to read is in the database, so a restart resumes there.

use crate::error::Result;
use crate::store::{now_ms, Store};
use crate::sync::Shared;
use ping_api::{ApiErrorKind, Error as PingError, ListQuery, RateLimitStatus, Ticket};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// Tuning of the store's copy; the defaults suit a shop counter.
#[derive(Debug, Clone)]
pub struct CopyConfig {
    /// Off: nothing is read in the background.
    pub enabled: bool,
    /// At most this many of the store's newest tickets.
    pub max_tickets: u32,
    /// And none older than this.
    pub max_age: Duration,
    /// The share of what a rate-limit window has left that the copy may
    /// spend in it (see the module docs).
    pub share: f64,
    /// Between requests when Ping sends no rate-limit headers.
    pub unmetered_interval: Duration,
    /// How often the store's list is read again (new tickets, changed
    /// status): a ticket logged at another desk is in this desk's copy
    /// within this, plus one read.
    pub refresh_interval: Duration,
    /// A ticket read in full longer ago than this is read again (a change
    /// the list does not show, e.g. the customer's name).
    pub full_ttl: Duration,
    /// After a staff read, the copy waits this long before its next read.
    pub staff_quiet: Duration,
}

impl Default for CopyConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            max_tickets: 500,
            max_age: Duration::from_secs(90 * 24 * 3600),
            share: 0.2,
            unmetered_interval: Duration::from_millis(500),
            refresh_interval: Duration::from_secs(120),
            full_ttl: Duration::from_secs(24 * 3600),
            staff_quiet: Duration::from_secs(1),
        }
    }
}

/// What the desk holds of the store, to say honestly what an offline answer
/// is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreCopyStatus {
    /// The store region the copy is of (`None`: every store's tickets).
    pub store_region: Option<String>,
    /// Tickets of the store held in full on this desk.
    pub held: u64,
    /// Tickets the last listing of the store named (held or still to read).
    pub listed: u64,
    /// Unix ms when Ping last listed the store's tickets: the copy is as of
    /// then. `None` until a listing has finished.
    pub as_of: Option<i64>,
    /// Tickets logged on this desk that Ping does not have yet.
    pub queued: u64,
}

const META_REGION: &str = "copy.region";
const META_LISTED_AT: &str = "copy.listed_at";

/// The summary fields a listing shows; a change asks for a new full read.
fn summary_of(ticket: &Ticket) -> String {
    serde_json::json!([
        ticket.status.as_ref().map(|s| s.as_str()),
        ticket.priority.as_ref().map(|p| p.as_str()),
        ticket.subject,
        ticket.category,
    ])
    .to_string()
}

/// A value kept in `meta`, read on `conn` (a transaction's too).
fn read_meta(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

impl Store {
    fn meta(&self, key: &str) -> Result<Option<String>> {
        read_meta(&self.conn(), key)
    }

    /// Records a finished listing of the store: the tickets it named join
    /// (or stay in) the copy, those it no longer names leave it, and those
    /// whose summary changed are read in full again. A new region starts the
    /// copy afresh.
    pub fn record_copy_listing(&self, region: Option<&str>, tickets: &[Ticket]) -> Result<()> {
        let now = now_ms();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let region_key = region.unwrap_or("");
        let known = read_meta(&tx, META_REGION)?;
        if known.as_deref() != Some(region_key) {
            tx.execute("DELETE FROM store_copy", [])?;
        }
        for ticket in tickets {
            tx.execute(
                "INSERT INTO store_copy (ticket_number, summary, listed_at, full_at)
                 VALUES (?1, ?2, ?3, NULL)
                 ON CONFLICT (ticket_number) DO UPDATE SET
                   listed_at = excluded.listed_at,
                   full_at = CASE WHEN store_copy.summary = excluded.summary THEN store_copy.full_at END,
                   summary = excluded.summary",
                params![ticket.ticket_number, summary_of(ticket), now],
            )?;
        }
        tx.execute("DELETE FROM store_copy WHERE listed_at < ?1", [now])?;
        for (key, value) in [
            (META_REGION, region_key.to_owned()),
            (META_LISTED_AT, now.to_string()),
        ] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The next ticket of the copy to read in full: never read first (newest
    /// first), then the stalest read before `stale_before` (unix ms).
    pub fn copy_next_to_read(&self, stale_before: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT c.ticket_number FROM store_copy c
                   LEFT JOIN tickets t ON t.ticket_number = c.ticket_number
                  WHERE c.full_at IS NULL OR c.full_at < ?1
                  ORDER BY c.full_at IS NOT NULL, c.full_at, t.sort_key DESC
                  LIMIT 1",
                [stale_before],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// A ticket of the copy was read in full (or could not be, and waits
    /// for the next round).
    pub fn copy_mark_read(&self, ticket_number: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE store_copy SET full_at = ?2 WHERE ticket_number = ?1",
            params![ticket_number, now_ms()],
        )?;
        Ok(())
    }

    /// Ping no longer has the ticket: it leaves the copy.
    pub fn copy_forget(&self, ticket_number: &str) -> Result<()> {
        self.conn().execute(
            "DELETE FROM store_copy WHERE ticket_number = ?1",
            [ticket_number],
        )?;
        Ok(())
    }

    /// Unix ms of the last finished listing, and the region it was of.
    pub fn copy_listing(&self) -> Result<Option<(i64, Option<String>)>> {
        let at = self.meta(META_LISTED_AT)?.and_then(|v| v.parse().ok());
        let region = self.meta(META_REGION)?.filter(|r| !r.is_empty());
        Ok(at.map(|at| (at, region)))
    }

    /// How much of the store the desk holds, as of when.
    pub fn store_copy_status(&self) -> Result<StoreCopyStatus> {
        let listing = self.copy_listing()?;
        let conn = self.conn();
        let (listed, held): (i64, i64) = conn.query_row(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE c.full_at IS NOT NULL AND t.complete)
               FROM store_copy c LEFT JOIN tickets t ON t.ticket_number = c.ticket_number",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let queued: i64 = conn.query_row(
            "SELECT COUNT(*) FROM operations
              WHERE kind = 'create_ticket' AND state NOT IN ('done', 'discarded')",
            [],
            |r| r.get(0),
        )?;
        Ok(StoreCopyStatus {
            store_region: listing.as_ref().and_then(|(_, r)| r.clone()),
            held: held as u64,
            listed: listed as u64,
            as_of: listing.map(|(at, _)| at),
            queued: queued as u64,
        })
    }
}

/// Keeps the copy within its share of the key's rate limit.
#[derive(Debug, Default)]
struct Pacer {
    /// `X-RateLimit-Reset` of the window the budget is for.
    window_reset: i64,
    /// What the window had left when first seen.
    window_start_remaining: u64,
    budget: u64,
    spent: u64,
    /// One request was let through to learn a new window's headers.
    probed_new_window: bool,
    last_request: Option<Instant>,
}

impl Pacer {
    /// How long to wait before the next background request, if at all.
    fn wait(
        &mut self,
        config: &CopyConfig,
        seen: Option<RateLimitStatus>,
        now_ms: i64,
    ) -> Option<Duration> {
        let since_last = self.last_request.map(|t| t.elapsed());
        let Some(seen) = seen else {
            // Ping sent no budget: a slow, steady pace.
            return since_last
                .filter(|e| *e < config.unmetered_interval)
                .map(|e| config.unmetered_interval - e);
        };
        // A server may round the reset by a second either way: a window
        // counts as over a second after its reset.
        let reset_ms = seen.reset.saturating_mul(1000).saturating_add(1000);
        if reset_ms <= now_ms {
            // The last headers are of a window that has ended: a request
            // (at most one a second) learns the new window's budget.
            if let Some(wait) = since_last
                .filter(|e| *e < Duration::from_secs(1))
                .map(|e| Duration::from_secs(1) - e)
            {
                return Some(wait);
            }
            self.probed_new_window = true;
            return None;
        }
        // A reset two seconds or more later is a new window.
        if seen.reset >= self.window_reset.saturating_add(2) {
            self.window_reset = seen.reset;
            self.window_start_remaining = seen
                .remaining
                .saturating_add(u64::from(self.probed_new_window));
            self.budget =
                (self.window_start_remaining as f64 * config.share.clamp(0.0, 1.0)).floor() as u64;
            self.spent = u64::from(self.probed_new_window);
        }
        self.probed_new_window = false;
        let window_left = Duration::from_millis((reset_ms - now_ms).max(0) as u64);
        // Until the window is over (plus a little, so desks do not all start
        // at once): the budget is spent, or staff and other desks have used
        // half of what the window had.
        let until_next_window = window_left + Duration::from_millis(rand::random_range(50..=500));
        if self.spent >= self.budget
            || seen.remaining.saturating_mul(2) < self.window_start_remaining
        {
            return Some(until_next_window);
        }
        // Spread what is left of the budget evenly over the window.
        // (The headers are Ping's: any number may come, so no cast may wrap.)
        let left = u32::try_from(self.budget - self.spent).unwrap_or(u32::MAX);
        let interval = window_left / left;
        since_last.filter(|e| *e < interval).map(|e| interval - e)
    }

    fn spent(&mut self) {
        self.spent += 1;
        self.last_request = Some(Instant::now());
    }
}

/// A listing of the store in progress (one page per step).
struct Listing {
    region: Option<String>,
    page: u32,
    tickets: Vec<Ticket>,
}

enum Next {
    Wait(Duration),
    Go,
}

/// Runs until `shutdown` turns true.
pub(crate) async fn run(shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let mut pacer = Pacer::default();
    let mut listing: Option<Listing> = None;
    loop {
        if *shutdown.borrow() {
            break;
        }
        let wait = match step(&shared, &mut pacer, &mut listing).await {
            Ok(Next::Go) => continue,
            Ok(Next::Wait(wait)) => wait,
            Err(err) => {
                tracing::warn!(error = %err, "the store's copy could not be updated");
                Duration::from_secs(30)
            }
        };
        tokio::select! {
            _ = shared.copy_wake.notified() => {}
            _ = tokio::time::sleep(wait.max(Duration::from_millis(20))) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// One background request, or how long to wait before the next.
async fn step(shared: &Shared, pacer: &mut Pacer, listing: &mut Option<Listing>) -> Result<Next> {
    let config = &shared.config.copy;
    const IDLE: Duration = Duration::from_secs(3600);
    if !config.enabled {
        return Ok(Next::Wait(IDLE));
    }
    let Some(client) = shared.client() else {
        return Ok(Next::Wait(IDLE));
    };
    let now = now_ms();
    {
        let state = shared.state();
        if state.paused.is_some() {
            return Ok(Next::Wait(IDLE));
        }
        if state.online != Some(true) {
            // The engine finds out when Ping is back, and wakes this task.
            return Ok(Next::Wait(Duration::from_secs(10)));
        }
        if state.hold_until > now {
            return Ok(Next::Wait(Duration::from_millis(
                (state.hold_until - now) as u64,
            )));
        }
    }
    // Staff first: their reads, and the outbox's sends.
    if shared.staff.in_flight.load(Ordering::SeqCst) > 0
        || shared.sending.load(Ordering::SeqCst) > 0
    {
        return Ok(Next::Wait(Duration::from_millis(200)));
    }
    let quiet_until = shared
        .staff
        .last_ms
        .load(Ordering::SeqCst)
        .saturating_add(config.staff_quiet.as_millis() as i64);
    if quiet_until > now {
        return Ok(Next::Wait(Duration::from_millis(
            (quiet_until - now) as u64,
        )));
    }

    // What to do: list the store when the listing is due, else read the next
    // ticket still to read.
    let region = shared.store_region();
    let last = shared.store.copy_listing()?;
    let listing_due = match &last {
        None => true,
        Some((at, listed_region)) => {
            *listed_region != region
                || now.saturating_sub(*at) >= config.refresh_interval.as_millis() as i64
        }
    };
    if listing.as_ref().is_some_and(|l| l.region != region) {
        *listing = None;
    }
    let to_read = if listing.is_none() && !listing_due {
        let stale_before = now.saturating_sub(config.full_ttl.as_millis() as i64);
        match shared.store.copy_next_to_read(stale_before)? {
            Some(number) => Some(number),
            None => {
                let next_listing =
                    last.map(|(at, _)| at + config.refresh_interval.as_millis() as i64);
                let wait =
                    next_listing.map_or(IDLE, |at| Duration::from_millis((at - now).max(0) as u64));
                return Ok(Next::Wait(wait));
            }
        }
    } else {
        None
    };
    if let Some(wait) = pacer.wait(config, client.rate_limit(), now) {
        return Ok(Next::Wait(wait));
    }
    pacer.spent();

    match to_read {
        Some(number) => match client.get_ticket(&number).await {
            Ok(full) => {
                shared.set_online(true);
                shared.store.cache_ticket(&full, true)?;
                shared.store.copy_mark_read(&number)?;
            }
            Err(err) => return failed(shared, &err, Some(&number)),
        },
        None => {
            let current = listing.get_or_insert_with(|| Listing {
                region: region.clone(),
                page: 1,
                tickets: Vec::new(),
            });
            let query = ListQuery {
                store_region: region.clone(),
                per_page: Some(100),
                page: Some(current.page),
                ..Default::default()
            };
            let page = match client.list_tickets(&query).await {
                Ok(page) => page,
                Err(err) => {
                    *listing = None;
                    return failed(shared, &err, None);
                }
            };
            shared.set_online(true);
            let cutoff = now - config.max_age.as_millis() as i64;
            let mut ended = page.tickets.is_empty()
                || page.pagination.total_pages == 0
                || current.page >= page.pagination.total_pages;
            let mut tickets = page.tickets;
            for ticket in &mut tickets {
                crate::fill_from_query(ticket, &query);
            }
            // Newest first: stop at the first ticket too old, or at the size.
            let keep = tickets
                .iter()
                .position(|t| {
                    t.date_created
                        .is_some_and(|d| d.timestamp_millis() < cutoff)
                })
                .unwrap_or(tickets.len())
                .min(
                    config.max_tickets as usize
                        - current.tickets.len().min(config.max_tickets as usize),
                );
            if keep < tickets.len() {
                ended = true;
                tickets.truncate(keep);
            }
            shared.store.cache_tickets(&tickets)?;
            current.tickets.extend(tickets);
            current.page += 1;
            if ended || current.tickets.len() >= config.max_tickets as usize {
                let done = listing.take().expect("a listing in progress");
                shared
                    .store
                    .record_copy_listing(done.region.as_deref(), &done.tickets)?;
                tracing::info!(
                    tickets = done.tickets.len(),
                    "listed the store's recent tickets"
                );
            }
        }
    }
    Ok(Next::Go)
}

/// What a failed background request means: a 429 holds every request
/// until Retry-After, no answer waits for the engine to find Ping again,
/// a ticket gone leaves the copy.
fn failed(shared: &Shared, err: &PingError, ticket: Option<&str>) -> Result<Next> {
    shared.observe(err);
    match err.api_kind() {
        Some(ApiErrorKind::RateLimited) => {
            let wait = err.retry_after().unwrap_or(Duration::from_secs(60));
            let until =
                now_ms().saturating_add(wait.min(ping_api::MAX_RETRY_AFTER).as_millis() as i64);
            {
                let mut state = shared.state();
                state.hold_until = state.hold_until.max(until);
            }
            tracing::info!(
                wait_ms = wait.as_millis() as u64,
                "rate limited: the store's copy waits"
            );
            Ok(Next::Wait(wait))
        }
        Some(ApiErrorKind::Unauthorized) => {
            shared.pause(
                "AUTH_REJECTED",
                "Ping rejected the API key; sending is paused until a valid key is set".into(),
            );
            Ok(Next::Wait(Duration::from_secs(3600)))
        }
        Some(ApiErrorKind::NotFound) => {
            if let Some(number) = ticket {
                shared.store.copy_forget(number)?;
            }
            Ok(Next::Go)
        }
        _ if err.is_transient() => Ok(Next::Wait(Duration::from_secs(10))),
        _ => {
            // Refused for another reason: try this one again next round.
            if let Some(number) = ticket {
                shared.store.copy_mark_read(number)?;
            }
            Ok(Next::Wait(Duration::from_secs(5)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The rate-limit headers come from outside: whatever numbers they
        /// hold, pacing answers (wait, or go) and never panics (an
        /// overflow, or a division by a count that wrapped to zero, would).
        #[test]
        fn any_rate_limit_headers_pace_without_panicking(
            answers in prop::collection::vec(
                (prop_oneof![any::<u64>(), Just(u64::MAX), Just(5u64 << 32), 0u64..1000],
                 prop_oneof![any::<i64>(), Just(i64::MAX), 0i64..4_000_000_000]),
                1..12,
            ),
            now_s in 1_700_000_000i64..1_900_000_000,
        ) {
            let config = CopyConfig::default();
            let mut pacer = Pacer::default();
            for (remaining, reset) in answers {
                let seen = RateLimitStatus { limit: remaining, remaining, reset, seen_at: 0 };
                if pacer.wait(&config, Some(seen), now_s * 1000).is_none() {
                    pacer.spent();
                }
            }
        }
    }

    #[test]
    fn a_budget_that_would_wrap_a_u32_still_paces() {
        // 0.2 × 5·2³² leaves a budget of exactly 2³², which `as u32` makes 0.
        let config = CopyConfig::default();
        let mut pacer = Pacer::default();
        let now_ms = 1_800_000_000_000;
        let seen = RateLimitStatus {
            limit: 5 << 32,
            remaining: 5 << 32,
            reset: now_ms / 1000 + 60,
            seen_at: now_ms,
        };
        assert_eq!(pacer.wait(&config, Some(seen), now_ms), None);
    }
}
