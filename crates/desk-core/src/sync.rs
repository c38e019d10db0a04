//! The sync engine: a tokio task that delivers the outbox to Ping.
//!
//! Rules:
//! - Transient failures (no connection, timeouts, 5xx, 429, an answer that
//!   is not Ping's) back off exponentially with jitter; a 429's Retry-After
//!   holds back every send, since Ping's limit is per key.
//! - Permanent failures (400, 403, 404, 409) stop that operation and keep it
//!   for staff to fix and resend, or discard.
//! - 401 pauses all sending until a new key is set.
//! - A POST whose outcome is unknown (sent, no answer) is never simply sent
//!   again: the engine first looks for it on the server (see `reconcile`).
//!   Comments carry no marker, so before a comment is first sent the engine
//!   notes which comments with the same text are already there (someone
//!   else's), and that look skips them.

use crate::error::{CoreError, Result};
use crate::events::CoreEvent;
use crate::outbox::{Change, OpError, OpState, Operation, OperationKind, Payload, MARKER_FIELD};
use crate::store::{now_ms, Store};
use crate::store_copy::CopyConfig;
use futures_util::StreamExt;
use ping_api::{
    ApiErrorKind, Comment, Error as PingError, ListQuery, PingClient, Ticket, WriteOutcome,
};
use std::collections::{HashSet, VecDeque};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch, Notify};
use tokio::task::JoinSet;

/// Tuning of the engine; the defaults suit a shop counter.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// Operations sent at once (each ticket's own stay in order).
    pub concurrency: usize,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// How long after a lost answer to look for the write on the server.
    pub reconcile_delay: Duration,
    /// How far before the first send a server-side copy may be dated and
    /// still count (covers clock skew and Ping's unstated time zone).
    pub reconcile_window: Duration,
    /// How often to check whether Ping is back while offline and nothing
    /// is queued (doubling up to a minute).
    pub probe_interval: Duration,
    /// How often to check whether Ping is back while offline with writes
    /// queued: they leave within this (plus one round trip) of Ping's return.
    pub reconnect_interval: Duration,
    /// The store's copy, filled in the background.
    pub copy: CopyConfig,
    /// Creates go one at a time in the order they were logged, so Ping's
    /// numbers follow the walk-in order. Always on in the app; off only to
    /// measure what the order costs (the drain benchmark).
    pub walk_in_order: bool,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self {
            concurrency: 4,
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::from_secs(300),
            reconcile_delay: Duration::from_secs(2),
            reconcile_window: Duration::from_secs(24 * 3600),
            probe_interval: Duration::from_secs(10),
            reconnect_interval: Duration::from_secs(5),
            copy: CopyConfig::default(),
            walk_in_order: true,
        }
    }
}

/// Why sending is paused for every operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    pub reason: &'static str,
    pub message: String,
}

#[derive(Debug, Default)]
pub(crate) struct SyncState {
    /// None until the first answer (or failure) says.
    pub online: Option<bool>,
    pub paused: Option<Pause>,
    /// Unix ms before which nothing is sent (a 429's Retry-After).
    pub hold_until: i64,
}

/// Staff's reads of Ping under way, and when the last one started: the
/// store's copy waits for them.
#[derive(Debug, Default)]
pub(crate) struct StaffActivity {
    pub in_flight: AtomicUsize,
    pub last_ms: AtomicI64,
}

/// Held while a staff read talks to Ping.
pub(crate) struct StaffRead<'a>(&'a StaffActivity);

impl Drop for StaffRead<'_> {
    fn drop(&mut self) {
        self.0.last_ms.store(now_ms(), Ordering::SeqCst);
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the engine and the facade share.
pub(crate) struct Shared {
    pub store: Store,
    pub client: RwLock<Option<PingClient>>,
    pub events: broadcast::Sender<CoreEvent>,
    pub state: Mutex<SyncState>,
    pub wake: Notify,
    pub config: SyncConfig,
    /// Wakes the store's copy (back online, a new region).
    pub copy_wake: Notify,
    pub staff: StaffActivity,
    /// Sends the engine has under way.
    pub sending: AtomicUsize,
    /// The store region the copy is of (`None`: every store).
    pub region: Mutex<Option<String>>,
    /// The OS said the network changed: check Ping at once.
    pub recheck: AtomicBool,
}

impl Shared {
    pub fn new(store: Store, config: SyncConfig) -> Self {
        let (events, _) = broadcast::channel(1024);
        Self {
            store,
            client: Default::default(),
            events,
            state: Mutex::new(SyncState::default()),
            wake: Notify::new(),
            config,
            copy_wake: Notify::new(),
            staff: StaffActivity::default(),
            sending: AtomicUsize::new(0),
            region: Mutex::new(None),
            recheck: AtomicBool::new(false),
        }
    }

    /// Marks a staff read of Ping as under way until the guard drops.
    pub fn staff_read(&self) -> StaffRead<'_> {
        self.staff.in_flight.fetch_add(1, Ordering::SeqCst);
        self.staff.last_ms.store(now_ms(), Ordering::SeqCst);
        StaffRead(&self.staff)
    }

    pub fn store_region(&self) -> Option<String> {
        self.region
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn client(&self) -> Option<PingClient> {
        self.client
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn emit(&self, event: CoreEvent) {
        // No subscriber is fine: the app may not listen yet.
        let _ = self.events.send(event);
    }

    pub fn state(&self) -> std::sync::MutexGuard<'_, SyncState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn emit_counts(&self) {
        if let Ok(counts) = self.store.counts() {
            self.emit(CoreEvent::OutboxChanged { counts });
        }
    }

    /// Records whether Ping answered. Coming back online makes waiting
    /// operations due at once instead of at the end of their backoff.
    pub fn set_online(&self, online: bool) {
        let changed = {
            let mut state = self.state();
            let changed = state.online != Some(online);
            state.online = Some(online);
            changed
        };
        if changed {
            if online {
                if let Err(err) = self.store.expedite() {
                    tracing::warn!(error = %err, "could not expedite the outbox");
                }
                self.wake.notify_one();
                self.copy_wake.notify_one();
            }
            self.emit(CoreEvent::Connectivity { online });
        }
    }

    /// Notes what an error says about connectivity.
    pub fn observe(&self, err: &PingError) {
        match err {
            PingError::Transport { .. } | PingError::UnexpectedResponse { .. } => {
                self.set_online(false)
            }
            PingError::Api(_) => self.set_online(true),
            _ => {}
        }
    }

    pub fn pause(&self, reason: &'static str, message: String) {
        self.state().paused = Some(Pause {
            reason,
            message: message.clone(),
        });
        self.emit(CoreEvent::SyncPaused {
            reason: reason.to_owned(),
            message,
        });
    }
}

/// An exclusive OS lock on `<database>.sync-lock`, held while an engine
/// sends that database's outbox. It locks a file of its own, not the
/// database, because Windows locks are mandatory and would stop SQLite too.
/// The OS releases it when the process dies, so the file a crash leaves
/// behind blocks nothing.
pub(crate) struct SyncLock {
    _held: File,
}

impl SyncLock {
    pub fn acquire(database: &Path) -> Result<Self> {
        let mut name = database.as_os_str().to_owned();
        name.push(".sync-lock");
        let path = PathBuf::from(name);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| CoreError::SyncLock {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _held: file }),
            Err(TryLockError::WouldBlock) => Err(CoreError::OutboxInUse {
                path: database.to_owned(),
            }),
            Err(TryLockError::Error(source)) => Err(CoreError::SyncLock { path, source }),
        }
    }
}

/// Runs until `shutdown` turns true, holding `lock` (taken before any
/// in-flight send is declared interrupted) to the end.
///
/// Operations are claimed in batches (one disk sync marks a batch
/// `in_flight` before any of it is sent), sent `concurrency` at a time, and
/// their outcomes recorded together: whatever finished while the last batch
/// of outcomes was written goes into the next single transaction. Marking
/// `in_flight` is what makes a crash safe; a delivery not yet recorded when
/// the process dies is found again on the server, not resent.
pub(crate) async fn run(
    shared: Arc<Shared>,
    lock: Option<SyncLock>,
    mut shutdown: watch::Receiver<bool>,
) {
    match shared.store.recover_interrupted() {
        Ok(0) => {}
        Ok(n) => tracing::info!(operations = n, "recovered sends interrupted by a stop"),
        Err(err) => tracing::error!(error = %err, "could not recover interrupted sends"),
    }
    shared.emit_counts();
    let batch = (shared.config.concurrency * 16).max(1);
    let mut claimed: VecDeque<Operation> = VecDeque::new();
    let mut tasks: JoinSet<(Operation, Result<Delivered, PingError>)> = JoinSet::new();
    // Offline: when Ping was last checked, and the wait between checks
    // while nothing is queued (it doubles up to a minute).
    let mut last_probe: Option<Instant> = None;
    let mut idle_probe_wait = shared.config.probe_interval;
    let mut finished = Vec::new();
    loop {
        if *shutdown.borrow() {
            break;
        }
        let client = shared.client();
        let (paused, hold_until) = {
            let state = shared.state();
            (state.paused.is_some(), state.hold_until)
        };
        let now = now_ms();
        let mut sleep_for = Duration::from_secs(60);

        if let (Some(client), false) = (&client, paused) {
            let offline = shared.state().online != Some(true);
            let recheck = shared.recheck.swap(false, Ordering::SeqCst);
            if (offline || recheck) && tasks.is_empty() && claimed.is_empty() && now >= hold_until {
                // Writes waiting: check every few seconds, so they leave
                // within seconds of Ping's return. Nothing waiting: back off.
                let waiting = shared.store.counts().map_or(true, |c| c.pending > 0);
                let interval = if waiting {
                    shared.config.reconnect_interval.min(idle_probe_wait)
                } else {
                    idle_probe_wait
                };
                let due = recheck || last_probe.is_none_or(|at| at.elapsed() >= interval);
                if due {
                    // Offline, not known yet (just started or reconnected), or
                    // the network changed: one cheap read, sent once, tells.
                    last_probe = Some(Instant::now());
                    match client.probe().await {
                        Ok(()) => {
                            shared.set_online(true);
                            last_probe = None;
                            idle_probe_wait = shared.config.probe_interval;
                            if recheck {
                                // Whatever waited out a backoff may go now.
                                if let Err(err) = shared.store.expedite() {
                                    tracing::warn!(error = %err, "could not expedite the outbox");
                                }
                            }
                        }
                        Err(err) => {
                            shared.observe(&err);
                            match err.api_kind() {
                                Some(ApiErrorKind::Unauthorized) => shared
                                    .pause("AUTH_REJECTED", "Ping rejected the API key".into()),
                                Some(ApiErrorKind::RateLimited) => {
                                    let until = after(
                                        now_ms(),
                                        err.retry_after().unwrap_or(Duration::from_secs(60)),
                                    );
                                    let mut state = shared.state();
                                    state.hold_until = state.hold_until.max(until);
                                }
                                _ => {}
                            }
                            if !waiting {
                                idle_probe_wait =
                                    (idle_probe_wait * 2).min(Duration::from_secs(60));
                            }
                        }
                    }
                    continue;
                }
                if let Some(at) = last_probe {
                    sleep_for = sleep_for.min(interval.saturating_sub(at.elapsed()));
                }
            }
            let online = shared.state().online != Some(false);
            if online && now >= hold_until && claimed.len() < shared.config.concurrency {
                match shared.store.claim_due_ordered(
                    now,
                    (batch - claimed.len()) as u32,
                    shared.config.walk_in_order,
                ) {
                    Ok(ops) => claimed.extend(ops),
                    Err(err) => tracing::error!(error = %err, "could not read the outbox"),
                }
            }
            if online && now >= hold_until {
                while tasks.len() < shared.config.concurrency {
                    let Some(op) = claimed.pop_front() else { break };
                    let client = client.clone();
                    let shared = shared.clone();
                    tasks.spawn(async move {
                        let result = deliver(&shared, &client, &op).await;
                        (op, result)
                    });
                }
            }
            if now < hold_until {
                sleep_for = sleep_for.min(Duration::from_millis((hold_until - now) as u64));
            } else if online && claimed.is_empty() {
                if let Ok(Some(next)) = shared.store.next_due_at() {
                    sleep_for = sleep_for.min(Duration::from_millis((next - now).max(0) as u64));
                }
            }
        }

        shared.sending.store(tasks.len(), Ordering::SeqCst);
        // Sends already started go on while the last outcomes are written.
        if !finished.is_empty() {
            record(&shared, std::mem::take(&mut finished));
            continue;
        }

        tokio::select! {
            Some(joined) = tasks.join_next(), if !tasks.is_empty() => {
                finished.extend(joined.ok());
                while let Some(more) = tasks.try_join_next() {
                    finished.extend(more.ok());
                }
            }
            _ = shared.wake.notified() => {}
            _ = tokio::time::sleep(sleep_for.max(Duration::from_millis(5))) => {}
            _ = shutdown.changed() => {}
        }
        // Paused or held back: claimed but unsent operations wait in the
        // outbox, not in memory.
        let (paused, hold_until) = {
            let state = shared.state();
            (state.paused.is_some(), state.hold_until)
        };
        if (paused || now_ms() < hold_until || shared.state().online == Some(false))
            && !claimed.is_empty()
        {
            let unsent: Vec<Operation> = claimed.drain(..).collect();
            if let Err(err) = shared.store.release(&unsent) {
                tracing::error!(error = %err, "could not release claimed operations");
            }
        }
    }
    if !finished.is_empty() {
        record(&shared, finished);
    }
    tasks.shutdown().await;
    let unsent: Vec<Operation> = claimed.drain(..).collect();
    if let Err(err) = shared.store.release(&unsent) {
        tracing::error!(error = %err, "could not release claimed operations");
    }
    // Only now, with every claimed operation released, may another start.
    drop(lock);
}

/// What Ping answered to a delivered operation.
struct Delivered {
    result: String,
    ticket: Option<(Ticket, bool)>,
    comment: Option<(String, Comment)>,
}

/// Sends one claimed operation (looking for it on the server first when it
/// is in doubt). Records nothing: the engine records outcomes in batches.
async fn deliver(
    shared: &Shared,
    client: &PingClient,
    op: &Operation,
) -> Result<Delivered, PingError> {
    // A comment with no note of its thread was never sent: nothing to find.
    let never_sent = op.kind == OperationKind::AddComment && op.seen_before.is_none();
    if op.state == OpState::InDoubt && op.kind.is_post() && !never_sent {
        if let Some(found) = reconcile(shared, client, op).await? {
            tracing::info!(op = %op.id, result = %found, "found a write whose answer was lost; not sending it again");
            return Ok(Delivered {
                result: found,
                ticket: None,
                comment: None,
            });
        }
    }
    let ticket_number = || {
        op.ticket_number
            .clone()
            .ok_or_else(|| PingError::InvalidRequest("the ticket was never created on Ping".into()))
    };
    Ok(match &op.payload {
        Payload::CreateTicket(ticket) => {
            let created = client.create_ticket(ticket).await?;
            Delivered {
                result: created.ticket_number.clone(),
                ticket: Some((created, true)),
                comment: None,
            }
        }
        Payload::UpdateTicket(update) => {
            let number = ticket_number()?;
            let updated = client.update_ticket(&number, update).await?;
            Delivered {
                result: number,
                ticket: Some((updated, false)),
                comment: None,
            }
        }
        Payload::AddComment(comment) => {
            let number = ticket_number()?;
            if op.seen_before.is_none() {
                let thread = client.list_comments(&number, true).await?;
                let same: Vec<String> = thread
                    .iter()
                    .filter(|c| same_comment(c, comment))
                    .filter_map(|c| c.public_id.clone())
                    .collect();
                shared
                    .store
                    .set_seen_before(op, &same)
                    .map_err(|e| PingError::InvalidRequest(e.to_string()))?;
            }
            let added = client.add_comment(&number, comment).await?;
            Delivered {
                result: added.public_id.clone().unwrap_or_default(),
                ticket: None,
                comment: Some((number, added)),
            }
        }
    })
}

/// Writes a batch of outcomes in one transaction, then announces them.
fn record(shared: &Shared, finished: Vec<(Operation, Result<Delivered, PingError>)>) {
    let mut changes = Vec::with_capacity(finished.len());
    let mut events = Vec::new();
    for (op, result) in finished {
        let change = match result {
            Ok(delivered) => {
                shared.set_online(true);
                let ticket_number = match op.kind {
                    OperationKind::CreateTicket => delivered.result.clone(),
                    _ => op.ticket_number.clone().unwrap_or_default(),
                };
                if let Some((ticket, _)) = &delivered.ticket {
                    events.push(CoreEvent::TicketCached {
                        ticket_number: ticket.ticket_number.clone(),
                    });
                }
                events.push(CoreEvent::Sent {
                    op_id: op.id.clone(),
                    kind: op.kind,
                    ticket_number,
                    local_ref: op.local_ref().map(str::to_owned),
                });
                Change::Delivered {
                    result: delivered.result,
                    ticket: delivered.ticket.map(Box::new),
                    comment: delivered.comment.map(Box::new),
                }
            }
            Err(err) => {
                let (change, event) = decide(shared, &op, &err);
                events.extend(event);
                change
            }
        };
        changes.push((op, change));
    }
    if let Err(err) = shared.store.record(&changes) {
        // Not recorded: the operations stay in_flight and are settled at the
        // next start as after a crash (looked for on the server, not resent).
        tracing::error!(error = %err, "could not record delivery outcomes");
        return;
    }
    for event in events {
        shared.emit(event);
    }
    shared.emit_counts();
}

fn op_error(err: &PingError) -> OpError {
    let code = match err {
        PingError::Api(api) => api
            .code
            .clone()
            .unwrap_or_else(|| format!("HTTP_{}", api.status)),
        PingError::Transport { .. } => "OFFLINE".into(),
        PingError::UnexpectedResponse { .. } => "UNEXPECTED_RESPONSE".into(),
        PingError::ResponseTooLarge { .. } => "RESPONSE_TOO_LARGE".into(),
        PingError::InvalidRequest(_) => "VALIDATION".into(),
        PingError::InvalidBaseUrl(_) => "INVALID_BASE_URL".into(),
    };
    OpError {
        code,
        message: err.to_string(),
    }
}

/// The longest any wait holds sending back, whatever a Retry-After asks (the
/// client clamps it too; a backoff is held to the same bound here).
const MAX_HOLD: Duration = ping_api::MAX_RETRY_AFTER;

/// `now` (unix ms) plus `wait`, held to at most [`MAX_HOLD`]: a huge
/// Retry-After neither overflows nor pauses sending for years.
fn after(now: i64, wait: Duration) -> i64 {
    let wait_ms = i64::try_from(wait.min(MAX_HOLD).as_millis()).unwrap_or(i64::MAX);
    now.saturating_add(wait_ms)
}

fn backoff(config: &SyncConfig, attempts: u32) -> Duration {
    let step = config
        .backoff_base
        .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1).min(20)))
        .min(config.backoff_max);
    step.mul_f64(rand::random_range(0.5..=1.0))
}

/// What a failed send means for the operation (and for every operation:
/// a rejected key pauses sync, a rate limit holds it).
fn decide(shared: &Shared, op: &Operation, err: &PingError) -> (Change, Option<CoreEvent>) {
    shared.observe(err);
    let error = op_error(err);
    let now = now_ms();
    let later = |wait: Duration| after(now, wait);

    if err.api_kind() == Some(ApiErrorKind::Unauthorized) {
        // The key is wrong for every operation: stop them all, lose none.
        // A POST that got a 401 was not applied, so it is simply queued.
        shared.pause(
            "AUTH_REJECTED",
            "Ping rejected the API key; sending is paused until a valid key is set".into(),
        );
        return (
            Change::Requeue {
                not_before: 0,
                error,
            },
            None,
        );
    }
    if err.api_kind() == Some(ApiErrorKind::RateLimited) {
        let until = later(
            err.retry_after()
                .unwrap_or_else(|| backoff(&shared.config, op.attempts)),
        );
        {
            let mut state = shared.state();
            state.hold_until = state.hold_until.max(until);
        }
        let event = CoreEvent::Retrying {
            op_id: op.id.clone(),
            error: error.clone(),
            next_attempt_at: until,
        };
        let change = if op.state == OpState::InDoubt {
            Change::InDoubt {
                not_before: until,
                error,
            }
        } else {
            Change::Requeue {
                not_before: until,
                error,
            }
        };
        return (change, Some(event));
    }
    let outcome = err.write_outcome();
    if outcome == WriteOutcome::Unknown && op.kind.is_post() {
        // Sent, no answer (or a 5xx): look on the server before sending again.
        let wait = shared
            .config
            .reconcile_delay
            .max(backoff(&shared.config, op.attempts));
        let change = Change::InDoubt {
            not_before: later(wait),
            error,
        };
        return (
            change,
            Some(CoreEvent::InDoubt {
                op_id: op.id.clone(),
            }),
        );
    }
    if err.is_transient() || outcome == WriteOutcome::Unknown {
        // Not applied, or a PUT (safe to repeat): try again later. An
        // operation that was in doubt stays so until a look settles it.
        let when = later(backoff(&shared.config, op.attempts));
        let event = CoreEvent::Retrying {
            op_id: op.id.clone(),
            error: error.clone(),
            next_attempt_at: when,
        };
        let change = if op.state == OpState::InDoubt {
            Change::InDoubt {
                not_before: when,
                error,
            }
        } else {
            Change::Requeue {
                not_before: when,
                error,
            }
        };
        return (change, Some(event));
    }
    let event = CoreEvent::Failed {
        op_id: op.id.clone(),
        error: error.clone(),
    };
    (Change::Failed { error }, Some(event))
}

/// Looks on the server for a POST whose answer was lost. Returns the ticket
/// number (create) or comment id (comment) when Ping has it.
async fn reconcile(
    shared: &Shared,
    client: &PingClient,
    op: &Operation,
) -> Result<Option<String>, PingError> {
    let window_start = op.first_sent_at.unwrap_or(op.created_at)
        - shared.config.reconcile_window.as_millis() as i64;
    match &op.payload {
        Payload::CreateTicket(ticket) => {
            find_created_ticket(client, op, ticket, window_start).await
        }
        Payload::AddComment(comment) => {
            let Some(number) = op.ticket_number.as_deref() else {
                return Ok(None);
            };
            let mut known: HashSet<String> = shared
                .store
                .delivered_comment_ids(&op.ticket_key)
                .map_err(|e| PingError::InvalidRequest(e.to_string()))?
                .into_iter()
                .collect();
            known.extend(op.seen_before.iter().flatten().cloned());
            let thread = client.list_comments(number, true).await?;
            Ok(find_comment(&thread, comment, window_start, &known))
        }
        Payload::UpdateTicket(_) => Ok(None),
    }
}

/// A create carries its operation id in the marker custom field. Search by
/// what identifies the customer best, read each recent candidate (list items
/// are summaries without custom fields) and compare the marker.
async fn find_created_ticket(
    client: &PingClient,
    op: &Operation,
    ticket: &ping_api::NewTicket,
    window_start: i64,
) -> Result<Option<String>, PingError> {
    let keys = [
        ticket.customer_phone.as_deref(),
        ticket.customer_email.as_deref(),
        Some(ticket.subject.as_str()),
    ];
    let mut seen = HashSet::new();
    for key in keys
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        let query = ListQuery {
            search: Some(key.to_owned()),
            per_page: Some(100),
            ..Default::default()
        };
        // Bounded: five pages of candidates per key is far beyond one
        // customer's tickets in a day.
        let mut candidates = client.all_tickets(query).take(500);
        while let Some(summary) = candidates.next().await {
            let summary = summary?;
            if let Some(created) = summary.date_created {
                if created.timestamp_millis() < window_start {
                    break; // newest first: the rest are older still
                }
            }
            if !seen.insert(summary.ticket_number.clone()) {
                continue;
            }
            let full = client.get_ticket(&summary.ticket_number).await?;
            let marker = full
                .custom_fields
                .as_ref()
                .and_then(|fields| fields.get(MARKER_FIELD))
                .and_then(|v| v.as_str());
            if marker == Some(op.id.as_str()) {
                return Ok(Some(full.ticket_number));
            }
        }
    }
    Ok(None)
}

/// Whether a comment on the server says what ours says (text, author,
/// visibility).
fn same_comment(theirs: &Comment, ours: &ping_api::NewComment) -> bool {
    let author = ours
        .author_type
        .clone()
        .unwrap_or(ping_api::AuthorType::Admin);
    theirs.content == ours.content
        && theirs.is_internal == ours.is_internal.unwrap_or(false)
        && theirs.author_type.as_ref().is_none_or(|a| *a == author)
}

/// The earliest comment on the server that matches ours, is recent enough,
/// and is not one already accounted for (delivered by this desk, or there
/// before ours was first sent).
fn find_comment(
    thread: &[Comment],
    ours: &ping_api::NewComment,
    window_start: i64,
    known: &HashSet<String>,
) -> Option<String> {
    thread
        .iter()
        .filter(|c| same_comment(c, ours))
        .filter(|c| {
            c.date_created
                .is_none_or(|t| t.timestamp_millis() >= window_start)
        })
        .filter_map(|c| c.public_id.clone())
        .find(|id| !known.contains(id))
}
