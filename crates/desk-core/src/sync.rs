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

use crate::events::CoreEvent;
use crate::outbox::{OpError, OpState, Operation, OperationKind, Payload, MARKER_FIELD};
use crate::store::{now_ms, Store};
use futures_util::StreamExt;
use ping_api::{
    ApiErrorKind, Comment, Error as PingError, ListQuery, PingClient, Ticket, WriteOutcome,
};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
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
    /// How often to check whether Ping is back while offline.
    pub probe_interval: Duration,
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

/// What the engine and the facade share.
pub(crate) struct Shared {
    pub store: Store,
    pub client: RwLock<Option<PingClient>>,
    pub events: broadcast::Sender<CoreEvent>,
    pub state: Mutex<SyncState>,
    pub wake: Notify,
    pub config: SyncConfig,
}

impl Shared {
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

/// Runs until `shutdown` turns true. Sends in flight when it stops are left
/// `in_flight` and recovered at the next start, as after a crash.
pub(crate) async fn run(shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    match shared.store.recover_interrupted() {
        Ok(0) => {}
        Ok(n) => tracing::info!(operations = n, "recovered sends interrupted by a stop"),
        Err(err) => tracing::error!(error = %err, "could not recover interrupted sends"),
    }
    shared.emit_counts();
    let mut tasks: JoinSet<()> = JoinSet::new();
    let mut probe_wait = shared.config.probe_interval;
    loop {
        if *shutdown.borrow() {
            break;
        }
        let client = shared.client();
        let (paused, online, hold_until) = {
            let state = shared.state();
            (state.paused.is_some(), state.online, state.hold_until)
        };
        let now = now_ms();
        let mut sleep_for = Duration::from_secs(60);

        if let (Some(client), false) = (&client, paused) {
            if online == Some(false) && tasks.is_empty() {
                // Offline: one cheap read tells when Ping is back.
                match client
                    .list_tickets(&ListQuery {
                        per_page: Some(1),
                        ..Default::default()
                    })
                    .await
                {
                    Ok(_) => {
                        shared.set_online(true);
                        probe_wait = shared.config.probe_interval;
                    }
                    Err(err) => {
                        shared.observe(&err);
                        if err.api_kind() == Some(ApiErrorKind::Unauthorized) {
                            shared.pause("AUTH_REJECTED", "Ping rejected the API key".into());
                        }
                        sleep_for = probe_wait;
                        probe_wait = (probe_wait * 2).min(Duration::from_secs(60));
                    }
                }
            }
            let online = shared.state().online != Some(false);
            let free = shared.config.concurrency.saturating_sub(tasks.len());
            if online && free > 0 && now >= hold_until {
                match shared.store.claim_due(now, free as u32) {
                    Ok(ops) => {
                        for op in ops {
                            tasks.spawn(deliver(shared.clone(), client.clone(), op));
                        }
                    }
                    Err(err) => tracing::error!(error = %err, "could not read the outbox"),
                }
            }
            if now < hold_until {
                sleep_for = sleep_for.min(Duration::from_millis((hold_until - now) as u64));
            } else if online {
                if let Ok(Some(next)) = shared.store.next_due_at() {
                    sleep_for = sleep_for.min(Duration::from_millis((next - now).max(0) as u64));
                }
            }
        }

        tokio::select! {
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            _ = shared.wake.notified() => {}
            _ = tokio::time::sleep(sleep_for.max(Duration::from_millis(5))) => {}
            _ = shutdown.changed() => {}
        }
    }
    tasks.shutdown().await;
}

/// Delivers one claimed operation and records the outcome.
async fn deliver(shared: Arc<Shared>, client: PingClient, op: Operation) {
    let result = attempt(&shared, &client, &op).await;
    let recorded = match result {
        Ok(()) => Ok(()),
        Err(err) => handle_failure(&shared, &op, &err),
    };
    if let Err(err) = recorded {
        tracing::error!(op = %op.id, error = %err, "could not record an outcome");
    }
    shared.emit_counts();
}

async fn attempt(shared: &Shared, client: &PingClient, op: &Operation) -> Result<(), PingError> {
    if op.state == OpState::InDoubt && op.kind.is_post() {
        if let Some(found) = reconcile(shared, client, op).await? {
            tracing::info!(op = %op.id, result = %found, "found a write whose answer was lost; not sending it again");
            return finish(shared, op, found);
        }
    }
    let ticket_number = || {
        op.ticket_number
            .clone()
            .ok_or_else(|| PingError::InvalidRequest("the ticket was never created on Ping".into()))
    };
    let result = match &op.payload {
        Payload::CreateTicket(ticket) => {
            let created = client.create_ticket(ticket).await?;
            cache(shared, &created, true);
            created.ticket_number
        }
        Payload::UpdateTicket(update) => {
            let number = ticket_number()?;
            let updated = client.update_ticket(&number, update).await?;
            cache(shared, &updated, false);
            number
        }
        Payload::AddComment(comment) => {
            let number = ticket_number()?;
            let added = client.add_comment(&number, comment).await?;
            if let Err(err) = shared.store.cache_new_comment(&number, &added) {
                tracing::warn!(error = %err, "could not cache a comment");
            }
            added.public_id.unwrap_or_default()
        }
    };
    shared.set_online(true);
    finish(shared, op, result)
}

fn finish(shared: &Shared, op: &Operation, result: String) -> Result<(), PingError> {
    shared
        .store
        .mark_done(op, &result)
        .map_err(|e| PingError::InvalidRequest(format!("could not record the delivery: {e}")))?;
    let ticket_number = match op.kind {
        OperationKind::CreateTicket => result,
        _ => op.ticket_number.clone().unwrap_or_default(),
    };
    shared.emit(CoreEvent::Sent {
        op_id: op.id.clone(),
        kind: op.kind,
        ticket_number,
        local_ref: op.local_ref().map(str::to_owned),
    });
    Ok(())
}

fn cache(shared: &Shared, ticket: &Ticket, complete: bool) {
    match shared.store.cache_ticket(ticket, complete) {
        Ok(()) => shared.emit(CoreEvent::TicketCached {
            ticket_number: ticket.ticket_number.clone(),
        }),
        Err(err) => tracing::warn!(error = %err, "could not cache a ticket"),
    }
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

fn backoff(config: &SyncConfig, attempts: u32) -> Duration {
    let step = config
        .backoff_base
        .saturating_mul(2u32.saturating_pow(attempts.saturating_sub(1).min(20)))
        .min(config.backoff_max);
    step.mul_f64(rand::random_range(0.5..=1.0))
}

fn handle_failure(shared: &Shared, op: &Operation, err: &PingError) -> crate::Result<()> {
    shared.observe(err);
    let error = op_error(err);
    let now = now_ms();
    let store = &shared.store;

    if err.api_kind() == Some(ApiErrorKind::Unauthorized) {
        // The key is wrong for every operation: stop them all, lose none.
        // A POST that got a 401 was not applied, so it is simply queued.
        store.reschedule(op, 0, &error)?;
        shared.pause(
            "AUTH_REJECTED",
            "Ping rejected the API key; sending is paused until a valid key is set".into(),
        );
        return Ok(());
    }
    if err.api_kind() == Some(ApiErrorKind::RateLimited) {
        let wait = err
            .retry_after()
            .unwrap_or_else(|| backoff(&shared.config, op.attempts));
        let until = now + wait.as_millis() as i64;
        {
            let mut state = shared.state();
            state.hold_until = state.hold_until.max(until);
        }
        store.reschedule(op, until, &error)?;
        shared.emit(CoreEvent::Retrying {
            op_id: op.id.clone(),
            error,
            next_attempt_at: until,
        });
        return Ok(());
    }
    let was_in_doubt = op.state == OpState::InDoubt;
    match (err.write_outcome(), op.kind.is_post()) {
        // Sent, no answer (or a 5xx): look on the server before sending again.
        (WriteOutcome::Unknown, true) => {
            let when = now
                + shared
                    .config
                    .reconcile_delay
                    .max(backoff(&shared.config, op.attempts))
                    .as_millis() as i64;
            store.mark_in_doubt(op, when, &error)?;
            shared.emit(CoreEvent::InDoubt {
                op_id: op.id.clone(),
            });
        }
        // Not applied, or safe to repeat: try again later. An operation that
        // was in doubt stays in doubt until a look on the server settles it.
        (WriteOutcome::Unknown, false) | (WriteOutcome::NotApplied, _) if err.is_transient() => {
            let when = now + backoff(&shared.config, op.attempts).as_millis() as i64;
            if was_in_doubt {
                store.mark_in_doubt(op, when, &error)?;
            } else {
                store.reschedule(op, when, &error)?;
            }
            shared.emit(CoreEvent::Retrying {
                op_id: op.id.clone(),
                error,
                next_attempt_at: when,
            });
        }
        (WriteOutcome::Unknown, false) => {
            // A PUT with an odd answer (e.g. too large): it is safe to repeat.
            let when = now + backoff(&shared.config, op.attempts).as_millis() as i64;
            store.reschedule(op, when, &error)?;
        }
        (WriteOutcome::NotApplied, _) => {
            store.mark_failed(op, &error)?;
            shared.emit(CoreEvent::Failed {
                op_id: op.id.clone(),
                error,
            });
        }
    }
    Ok(())
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
            let known: HashSet<String> = shared
                .store
                .delivered_comment_ids(&op.ticket_key)
                .map_err(|e| PingError::InvalidRequest(e.to_string()))?
                .into_iter()
                .collect();
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

/// The earliest comment on the server that matches ours (text, author,
/// visibility), is recent enough, and is not one this desk already
/// accounted for.
fn find_comment(
    thread: &[Comment],
    ours: &ping_api::NewComment,
    window_start: i64,
    known: &HashSet<String>,
) -> Option<String> {
    let author = ours
        .author_type
        .clone()
        .unwrap_or(ping_api::AuthorType::Admin);
    let internal = ours.is_internal.unwrap_or(false);
    thread
        .iter()
        .filter(|c| c.content == ours.content && c.is_internal == internal)
        .filter(|c| c.author_type.as_ref().is_none_or(|a| *a == author))
        .filter(|c| {
            c.date_created
                .is_none_or(|t| t.timestamp_millis() >= window_start)
        })
        .filter_map(|c| c.public_id.clone())
        .find(|id| !known.contains(id))
}
