//! Ping Desk's offline-first core.
//!
//! Every write staff make is stored in a local SQLite outbox first, in one
//! transaction, and a sync engine delivers it to Ping exactly once, across
//! dropped connections, lost answers and crashes. Tickets and comments read
//! from Ping are cached so lists, views and search work offline. The app's
//! web view talks only to this core (through the Tauri shell), never to the
//! raw client. No Tauri dependency: everything here is tested directly
//! against the sandbox.

pub mod alerts;
mod cache;
mod error;
mod events;
mod netwatch;
mod outbox;
mod phone;
mod recovery;
mod retention;
mod slip;
mod store;
mod store_copy;
mod survey;
mod sync;
mod templates;
mod today;

pub use cache::{CachedPage, CachedThread, CachedTicket};
pub use error::{CoreError, Result};
pub use events::CoreEvent;
pub use netwatch::NetworkWatch;
pub use outbox::{
    is_e164, validate, Change, OpError, OpOrigin, OpState, Operation, OperationKind, OutboxCounts,
    OutboxReport, Payload, QueuedCreate, LOCAL_PREFIX, MARKER_FIELD,
};
pub use phone::{normalize_phone, DEFAULT_COUNTRY_CODE};
pub use recovery::{set_aside, OpenProblem, SetAside, SALVAGE_FORMAT};
pub use retention::{wipe, CACHE_RETENTION};
pub use slip::{qr_matrix, QrMatrix, TicketSlip, SUMMARY_CHARS};
pub use store::{now_ms, write_private, Store};
pub use store_copy::{CopyConfig, StoreCopyStatus};
pub use survey::{CounterSurvey, Survey, SurveyStage, MAX_CUSTOMER_COMMENT_CHARS};
pub use sync::{Pause, SyncConfig};
pub use templates::{ImportReport, Template, TemplateSet, EXPORT_FORMAT, EXPORT_VERSION};
pub use today::{CsatSummary, TodaySummary};

use ping_api::{
    ApiErrorKind, Comment, CsatScore, ListQuery, NewComment, NewTicket, Pagination, PingClient,
    Ticket, TicketUpdate,
};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use sync::{Shared, SyncLock};
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

/// Where an answer came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Freshness {
    /// Just read from Ping.
    Live,
    /// From the local cache because Ping could not be reached; `fetched_at`
    /// (unix ms) says how old it is.
    Cached { fetched_at: Option<i64> },
}

/// A page of the ticket list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketList {
    pub tickets: Vec<Ticket>,
    /// Live: Ping's pages. Cached: pages of what this desk holds, not Ping's.
    pub pagination: Pagination,
    pub freshness: Freshness,
    /// Cached: how much of the store the desk holds, and as of when.
    pub held: Option<StoreCopyStatus>,
}

/// One ticket as the ticket view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketView {
    /// For a create still queued: the local reference as number, and the
    /// fields as typed.
    pub ticket: Ticket,
    pub local_ref: Option<String>,
    /// True while Ping has not accepted the ticket yet.
    pub queued: bool,
    /// Writes on this ticket not yet delivered.
    pub pending: Vec<Operation>,
    pub freshness: Freshness,
}

/// A comment thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thread {
    pub comments: Vec<Comment>,
    /// Comments queued on this desk and not yet on Ping.
    pub pending: Vec<NewComment>,
    pub freshness: Freshness,
}

/// A list item matched the query's filters, so it has those values: kept on
/// the cached copy (list items leave out channel, country and store region),
/// so the same filters work offline.
pub(crate) fn fill_from_query(ticket: &mut Ticket, query: &ListQuery) {
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if ticket.channel.is_none() {
        ticket.channel = query.channel.clone();
    }
    if ticket.country.is_none() {
        ticket.country = text(&query.country);
    }
    if ticket.store_region.is_none() {
        ticket.store_region = text(&query.store_region);
    }
    if ticket.category.is_none() {
        ticket.category = text(&query.category);
    }
}

/// How many earlier tickets of a walk-in are shown.
const HISTORY_LIMIT: u32 = 20;

/// A walk-in's earlier tickets and the name they gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerHistory {
    pub tickets: Vec<Ticket>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub freshness: Freshness,
    /// Cached: how much of the store the desk holds, and as of when.
    pub held: Option<StoreCopyStatus>,
}

/// The always-visible sync status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub connected: bool,
    /// None until Ping has answered or failed to.
    pub online: Option<bool>,
    pub paused: Option<String>,
    pub paused_message: Option<String>,
    pub counts: OutboxCounts,
}

/// The core: store, sync engine and event stream.
pub struct DeskCore {
    shared: Arc<Shared>,
    /// The database file, if any: its engine locks a file beside it.
    database: Option<PathBuf>,
    engine: Mutex<Option<Running>>,
}

/// The engine and the store's copy while they run: the stop signal they
/// share and their tasks.
struct Running {
    stop: watch::Sender<bool>,
    engine: JoinHandle<()>,
    copy: JoinHandle<()>,
}

impl DeskCore {
    /// Opens the database at `path` (the app's data directory), forgetting
    /// cached tickets older than [`CACHE_RETENTION`].
    pub fn open(path: &Path, config: SyncConfig) -> Result<Self> {
        let store = Store::open(path)?;
        let cutoff = now_ms().saturating_sub(CACHE_RETENTION.as_millis() as i64);
        match store.prune_cache(cutoff) {
            Ok(0) => {}
            Ok(pruned) => tracing::info!(pruned, "forgot cached tickets past the retention window"),
            Err(err) => tracing::warn!(error = %err, "could not prune the ticket cache"),
        }
        Ok(Self::with_store(store, Some(path.to_owned()), config))
    }

    pub fn in_memory(config: SyncConfig) -> Result<Self> {
        Ok(Self::with_store(Store::open_in_memory()?, None, config))
    }

    fn with_store(store: Store, database: Option<PathBuf>, config: SyncConfig) -> Self {
        Self {
            shared: Arc::new(Shared::new(store, config)),
            database,
            engine: Mutex::new(None),
        }
    }

    pub fn store(&self) -> &Store {
        &self.shared.store
    }

    pub fn subscribe(&self) -> broadcast::Receiver<CoreEvent> {
        self.shared.events.subscribe()
    }

    /// Sets (or with `None`, removes) the Ping connection. A new client lifts
    /// a pause caused by a rejected key.
    pub fn set_client(&self, client: Option<PingClient>) {
        *self
            .shared
            .client
            .write()
            .unwrap_or_else(|p| p.into_inner()) = client;
        let resumed = {
            let mut state = self.shared.state();
            state.online = None;
            state.paused.take().is_some()
        };
        if resumed {
            self.shared.emit(CoreEvent::SyncResumed);
        }
        self.shared.wake.notify_one();
    }

    pub fn is_connected(&self) -> bool {
        self.shared.client().is_some()
    }

    /// Sets the store region whose recent tickets the desk keeps a copy of
    /// (`None` or blank: the most recent tickets of every store).
    pub fn set_store_region(&self, region: Option<&str>) {
        let region = region
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        *self.shared.region.lock().unwrap_or_else(|p| p.into_inner()) = region;
        self.shared.copy_wake.notify_one();
    }

    /// How much of the store this desk holds, as of when.
    pub fn store_copy_status(&self) -> Result<StoreCopyStatus> {
        self.shared.store.store_copy_status()
    }

    /// The network changed (an interface or address came or went): check
    /// whether Ping answers at once, and send what waits if it does.
    pub fn network_changed(&self) {
        self.shared
            .recheck
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.shared.wake.notify_one();
    }

    /// Listens for the OS's network-change signal and calls
    /// [`DeskCore::network_changed`] on each; stops when the handle drops.
    /// `None` when the OS would not let it listen (timed checks still run).
    pub fn watch_network(self: &Arc<Self>) -> Option<NetworkWatch> {
        let core = Arc::downgrade(self);
        NetworkWatch::start(move || {
            if let Some(core) = core.upgrade() {
                core.network_changed();
            }
        })
    }

    /// Starts the sync engine on the current tokio runtime (once).
    ///
    /// One engine per outbox database: the engine holds an OS lock on a file
    /// beside the database from before it recovers interrupted sends until
    /// it stops (or the process dies), and a second one, in this process or
    /// another, gets [`CoreError::OutboxInUse`]. An in-memory store needs no
    /// lock.
    pub fn start_sync(&self) -> Result<()> {
        let mut engine = self.engine.lock().unwrap_or_else(|p| p.into_inner());
        if engine.is_some() {
            return Ok(());
        }
        let lock = self
            .database
            .as_deref()
            .map(SyncLock::acquire)
            .transpose()?;
        let (stop, stopped) = watch::channel(false);
        let handle = tokio::spawn(sync::run(self.shared.clone(), lock, stopped.clone()));
        let copy = tokio::spawn(store_copy::run(self.shared.clone(), stopped));
        *engine = Some(Running {
            stop,
            engine: handle,
            copy,
        });
        Ok(())
    }

    /// Stops the engine and releases its lock; sends in flight are recovered
    /// at the next start.
    pub async fn stop_sync(&self) {
        let engine = self.engine.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(running) = engine {
            let _ = running.stop.send(true);
            let _ = running.engine.await;
            let _ = running.copy.await;
        }
    }

    /// Asks the engine to try every waiting operation now.
    pub fn sync_now(&self) -> Result<()> {
        self.shared.store.expedite()?;
        self.shared.wake.notify_one();
        Ok(())
    }

    pub fn status(&self) -> Result<SyncStatus> {
        let counts = self.shared.store.counts()?;
        let state = self.shared.state();
        Ok(SyncStatus {
            connected: self.is_connected(),
            online: state.online,
            paused: state.paused.as_ref().map(|p| p.reason.to_owned()),
            paused_message: state.paused.as_ref().map(|p| p.message.clone()),
            counts,
        })
    }

    // ---- writes: stored first, sent by the engine ----

    /// Queues a new ticket; staff get its local reference at once.
    pub fn create_ticket(&self, ticket: NewTicket) -> Result<QueuedCreate> {
        let queued = self.shared.store.enqueue_create(ticket)?;
        self.announce_queued(
            &queued.op_id,
            OperationKind::CreateTicket,
            &queued.local_ref,
        );
        Ok(queued)
    }

    /// Queues an update of a ticket (by number or local reference).
    pub fn update_ticket(&self, ticket: &str, update: TicketUpdate) -> Result<String> {
        let op_id = self.shared.store.enqueue_update(ticket, update)?;
        self.announce_queued(&op_id, OperationKind::UpdateTicket, ticket);
        Ok(op_id)
    }

    /// Queues a comment on a ticket (by number or local reference).
    pub fn add_comment(&self, ticket: &str, comment: NewComment) -> Result<String> {
        let op_id = self.shared.store.enqueue_comment(ticket, comment)?;
        self.announce_queued(&op_id, OperationKind::AddComment, ticket);
        Ok(op_id)
    }

    /// Queues a customer satisfaction score (an update of `csat_score`).
    pub fn record_csat(&self, ticket: &str, score: u8) -> Result<String> {
        let score = CsatScore::new(score)
            .ok_or_else(|| CoreError::Validation("a satisfaction score is 1 to 5".into()))?;
        self.update_ticket(
            ticket,
            TicketUpdate {
                csat_score: Some(score),
                ..Default::default()
            },
        )
    }

    /// Queues what a customer gave at the counter (their score, their
    /// comment), marked as theirs so staff views hide the score.
    pub(crate) fn queue_from_counter(&self, ticket: &str, payload: Payload) -> Result<String> {
        let kind = payload.kind();
        let op_id = self.shared.store.enqueue_from_counter(ticket, payload)?;
        self.announce_queued(&op_id, kind, ticket);
        Ok(op_id)
    }

    fn announce_queued(&self, op_id: &str, kind: OperationKind, ticket: &str) {
        self.shared.emit(CoreEvent::Queued {
            op_id: op_id.to_owned(),
            kind,
            ticket: ticket.to_owned(),
        });
        self.shared.emit_counts();
        self.shared.wake.notify_one();
    }

    // ---- the outbox, for staff ----

    pub fn operations(&self, include_done: bool, limit: u32) -> Result<Vec<Operation>> {
        self.shared.store.operations(include_done, limit)
    }

    /// Sends a failed operation again, edited if `payload` is given.
    pub fn retry(&self, op_id: &str, payload: Option<Payload>) -> Result<Operation> {
        let op = self.shared.store.retry(op_id, payload)?;
        self.shared.emit_counts();
        self.shared.wake.notify_one();
        Ok(op)
    }

    /// Gives up on a queued or failed operation (and, for a create, the
    /// writes queued on that ticket). Returns the ids discarded.
    pub fn discard(&self, op_id: &str) -> Result<Vec<String>> {
        let ids = self.shared.store.discard(op_id)?;
        self.shared.emit_counts();
        Ok(ids)
    }

    // ---- reads: live when Ping answers, else the cache ----

    /// The ticket list. Served from the cache, marked with its age, when
    /// Ping cannot be reached.
    pub async fn list_tickets(&self, query: &ListQuery) -> Result<TicketList> {
        let Some(client) = self.shared.client() else {
            return self.cached_list(query);
        };
        let _staff = self.shared.staff_read();
        match client.list_tickets(query).await {
            Ok(mut page) => {
                self.shared.set_online(true);
                for ticket in &mut page.tickets {
                    fill_from_query(ticket, query);
                }
                self.shared.store.cache_tickets(&page.tickets)?;
                // List items are summaries; what this desk knows beyond them
                // (customer names from tickets opened before) is merged in.
                let tickets = self.shared.store.merged_tickets(&page.tickets)?;
                Ok(TicketList {
                    tickets,
                    pagination: page.pagination,
                    freshness: Freshness::Live,
                    held: None,
                })
            }
            Err(err) => {
                self.note_failure(&err);
                if err.is_transient() {
                    self.cached_list(query)
                } else {
                    Err(err.into())
                }
            }
        }
    }

    fn cached_list(&self, query: &ListQuery) -> Result<TicketList> {
        let page = self.shared.store.list_cached(query)?;
        Ok(TicketList {
            tickets: page.tickets.into_iter().map(|t| t.ticket).collect(),
            pagination: page.pagination,
            freshness: Freshness::Cached {
                fetched_at: page.oldest_fetched_at,
            },
            held: Some(self.shared.store.store_copy_status()?),
        })
    }

    /// One ticket, by number or local reference.
    pub async fn get_ticket(&self, ticket: &str) -> Result<TicketView> {
        let ticket = ticket.trim();
        let (number, local_ref) = self.resolve(ticket)?;
        let pending = self.pending_on(local_ref.as_deref().unwrap_or(ticket))?;
        let Some(number) = number else {
            // Not on Ping yet: show what staff typed.
            return Ok(TicketView {
                ticket: queued_ticket(local_ref.as_deref().unwrap_or(ticket), &pending)?,
                local_ref,
                queued: true,
                pending,
                freshness: Freshness::Cached { fetched_at: None },
            });
        };
        let _staff = self.shared.staff_read();
        let live = match self.shared.client() {
            Some(client) => match client.get_ticket(&number).await {
                Ok(fresh) => {
                    self.shared.set_online(true);
                    self.shared.store.cache_ticket(&fresh, true)?;
                    Some(fresh)
                }
                Err(err) => {
                    self.note_failure(&err);
                    if !err.is_transient() {
                        return Err(err.into());
                    }
                    None
                }
            },
            None => None,
        };
        let (ticket, freshness) = match live {
            Some(fresh) => (fresh, Freshness::Live),
            None => match self.shared.store.cached_ticket(&number)? {
                Some(cached) => (
                    cached.ticket,
                    Freshness::Cached {
                        fetched_at: Some(cached.fetched_at),
                    },
                ),
                None if self.shared.client().is_none() => return Err(CoreError::NotConnected),
                None => return Err(CoreError::UnknownTicket(number)),
            },
        };
        Ok(TicketView {
            ticket,
            local_ref,
            queued: false,
            pending,
            freshness,
        })
    }

    /// A ticket's comments (internal ones with `include_internal`), plus the
    /// ones queued here.
    pub async fn comments(&self, ticket: &str, include_internal: bool) -> Result<Thread> {
        let ticket = ticket.trim();
        let (number, local_ref) = self.resolve(ticket)?;
        let pending: Vec<NewComment> = self
            .pending_on(local_ref.as_deref().unwrap_or(ticket))?
            .into_iter()
            .filter_map(|op| match op.payload {
                Payload::AddComment(c) if include_internal || !c.is_internal.unwrap_or(false) => {
                    Some(c)
                }
                _ => None,
            })
            .collect();
        let Some(number) = number else {
            return Ok(Thread {
                comments: Vec::new(),
                pending,
                freshness: Freshness::Cached { fetched_at: None },
            });
        };
        let _staff = self.shared.staff_read();
        if let Some(client) = self.shared.client() {
            // Always read the whole thread, so the cache can answer both views.
            match client.list_comments(&number, true).await {
                Ok(comments) => {
                    self.shared.set_online(true);
                    self.shared.store.cache_comments(&number, &comments)?;
                    let comments = comments
                        .into_iter()
                        .filter(|c| include_internal || !c.is_internal)
                        .collect();
                    return Ok(Thread {
                        comments,
                        pending,
                        freshness: Freshness::Live,
                    });
                }
                Err(err) => {
                    self.note_failure(&err);
                    if !err.is_transient() {
                        return Err(err.into());
                    }
                }
            }
        }
        match self
            .shared
            .store
            .cached_comments(&number, include_internal)?
        {
            Some(thread) => Ok(Thread {
                comments: thread.comments,
                pending,
                freshness: Freshness::Cached {
                    fetched_at: Some(thread.fetched_at),
                },
            }),
            None => Ok(Thread {
                comments: Vec::new(),
                pending,
                freshness: Freshness::Cached { fetched_at: None },
            }),
        }
    }

    /// A walk-in's earlier tickets, by phone or email, newest first, with the
    /// name they gave last time: Ping's search and this desk's cache (so it
    /// works offline, marked as such). Tickets are read in full (list items
    /// carry no customer fields) and kept only when the phone or email really
    /// is the customer's, since Ping's search also matches other fields.
    pub async fn customer_history(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<CustomerHistory> {
        let phone = phone.map(str::trim).filter(|p| !p.is_empty());
        let email = email.map(str::trim).filter(|e| !e.is_empty());
        if phone.is_none() && email.is_none() {
            return Err(CoreError::Validation(
                "a phone number or an email is needed".into(),
            ));
        }
        // Staff type a phone as the customer says it: "077 123 4567",
        // "+263 77 123 4567", "0771234567", "263771234567" are one number.
        let phone = match phone {
            Some(typed) => Some(normalize_phone(typed, DEFAULT_COUNTRY_CODE).ok_or_else(|| {
                CoreError::Validation(
                    "that is not a phone number: type it as +263771234567 or 0771234567".into(),
                )
            })?),
            None => None,
        };
        let phone = phone.as_deref();
        let _staff = self.shared.staff_read();
        let is_theirs = |t: &Ticket| {
            phone.is_some_and(|p| t.customer_phone.as_deref() == Some(p))
                || email.is_some_and(|e| {
                    t.customer_email
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(e))
                })
        };
        let mut freshness = Freshness::Live;
        if let Some(client) = self.shared.client() {
            let search = phone.or(email).unwrap_or_default().to_owned();
            match client
                .list_tickets(&ListQuery {
                    search: Some(search),
                    per_page: Some(HISTORY_LIMIT),
                    ..Default::default()
                })
                .await
            {
                Ok(page) => {
                    self.shared.set_online(true);
                    for summary in page.tickets {
                        let known_complete = self
                            .shared
                            .store
                            .cached_ticket(&summary.ticket_number)?
                            .is_some_and(|c| c.complete);
                        if known_complete {
                            self.shared
                                .store
                                .cache_tickets(std::slice::from_ref(&summary))?;
                            continue;
                        }
                        match client.get_ticket(&summary.ticket_number).await {
                            Ok(full) => self.shared.store.cache_ticket(&full, true)?,
                            Err(err) => {
                                self.note_failure(&err);
                                break;
                            }
                        }
                    }
                }
                Err(err) => {
                    self.note_failure(&err);
                    if !err.is_transient() {
                        return Err(err.into());
                    }
                    freshness = Freshness::Cached { fetched_at: None };
                }
            }
        } else {
            freshness = Freshness::Cached { fetched_at: None };
        }
        let mut tickets: Vec<Ticket> = self
            .shared
            .store
            .cached_for_customer(phone, email, HISTORY_LIMIT)?
            .into_iter()
            .map(|c| c.ticket)
            .filter(|t| is_theirs(t))
            .collect();
        // Tickets logged here and not yet on Ping belong to the history too.
        let queued: Vec<Ticket> = self
            .queued_tickets()?
            .into_iter()
            .map(|v| v.ticket)
            .filter(|t| is_theirs(t))
            .collect();
        tickets.splice(0..0, queued);
        let named = tickets
            .iter()
            .find(|t| t.customer_first_name.is_some() || t.customer_last_name.is_some());
        let held = match freshness {
            Freshness::Live => None,
            Freshness::Cached { .. } => Some(self.shared.store.store_copy_status()?),
        };
        Ok(CustomerHistory {
            first_name: named.and_then(|t| t.customer_first_name.clone()),
            last_name: named.and_then(|t| t.customer_last_name.clone()),
            tickets,
            freshness,
            held,
        })
    }

    /// Search over every ticket cached on this desk (works offline).
    pub fn search_cached(&self, text: &str, limit: u32) -> Result<Vec<Ticket>> {
        Ok(self
            .shared
            .store
            .search_cached(text, limit)?
            .into_iter()
            .map(|t| t.ticket)
            .collect())
    }

    /// Tickets created here and not yet accepted by Ping, newest first.
    pub fn queued_tickets(&self) -> Result<Vec<TicketView>> {
        // One read of the outbox; each queued ticket's writes come from it.
        let ops = self.shared.store.operations(false, 10_000)?;
        ops.iter()
            .rev()
            .filter(|op| op.kind == OperationKind::CreateTicket)
            .map(|create| {
                let key = &create.ticket_key;
                let pending: Vec<Operation> = ops
                    .iter()
                    .filter(|op| &op.ticket_key == key)
                    .cloned()
                    .collect();
                Ok(TicketView {
                    ticket: queued_ticket(key, &pending)?,
                    local_ref: Some(key.clone()),
                    queued: true,
                    pending,
                    freshness: Freshness::Cached { fetched_at: None },
                })
            })
            .collect()
    }

    // ---- drafts ----

    pub fn save_draft(&self, key: &str, data: &serde_json::Value) -> Result<()> {
        self.shared.store.save_draft(key, data)
    }

    pub fn load_draft(&self, key: &str) -> Result<Option<serde_json::Value>> {
        self.shared.store.load_draft(key)
    }

    pub fn delete_draft(&self, key: &str) -> Result<()> {
        self.shared.store.delete_draft(key)
    }

    /// The slip to print for a ticket (queued or on Ping; works offline for
    /// tickets seen on this desk). `store` names the store on the slip.
    pub async fn ticket_slip(&self, ticket: &str, store: &str) -> Result<TicketSlip> {
        let view = self.get_ticket(ticket).await?;
        TicketSlip::for_ticket(&view, store, chrono::Utc::now())
    }

    // ---- helpers ----

    fn note_failure(&self, err: &ping_api::Error) {
        self.shared.observe(err);
        if err.api_kind() == Some(ApiErrorKind::Unauthorized) {
            self.shared.pause(
                "AUTH_REJECTED",
                "Ping rejected the API key; sending is paused until a valid key is set".into(),
            );
        }
    }

    /// (Ping number if known, local reference if created here).
    fn resolve(&self, ticket: &str) -> Result<(Option<String>, Option<String>)> {
        if ticket.starts_with(LOCAL_PREFIX) {
            let number = self.shared.store.ticket_number_for(ticket)?;
            return Ok((number, Some(ticket.to_owned())));
        }
        if ticket.is_empty() {
            return Err(CoreError::Validation("a ticket number is required".into()));
        }
        Ok((Some(ticket.to_owned()), None))
    }

    fn pending_on(&self, ticket_key: &str) -> Result<Vec<Operation>> {
        self.shared.store.open_operations_on(ticket_key)
    }
}

/// A ticket built from its queued create (among `pending`, the ticket's open
/// operations), for showing before Ping has it.
fn queued_ticket(local_ref: &str, pending: &[Operation]) -> Result<Ticket> {
    let create = pending
        .iter()
        .find(|op| op.kind == OperationKind::CreateTicket)
        .ok_or_else(|| CoreError::UnknownTicket(local_ref.to_owned()))?;
    let Payload::CreateTicket(new) = create.payload.clone() else {
        return Err(CoreError::UnknownTicket(local_ref.to_owned()));
    };
    Ok(Ticket {
        ticket_number: local_ref.to_owned(),
        subject: Some(new.subject),
        description: Some(new.description),
        priority: new.priority,
        category: new.category,
        channel: new.channel,
        country: new.country,
        store_region: new.store_region,
        customer_first_name: new.customer_first_name,
        customer_last_name: new.customer_last_name,
        customer_phone: new.customer_phone,
        customer_email: new.customer_email,
        preferred_language: new.preferred_language,
        custom_fields: new.custom_fields,
        date_created: chrono::DateTime::from_timestamp_millis(create.created_at),
        ..Default::default()
    })
}
