//! # ping-sandbox
//!
//! A faithful local implementation of Ping's Tickets API (`/v1/api/tickets`),
//! built from Ping's published reference (`shared/ping-docs/tickets-api.txt`).
//! Every test in the workspace talks to it over real HTTP, and the desktop app
//! embeds it as a demo/training workspace.
//!
//! ```no_run
//! # async fn demo() -> Result<(), ping_sandbox::SandboxError> {
//! let sandbox = ping_sandbox::start(ping_sandbox::SandboxConfig {
//!     demo_data: true,
//!     ..Default::default()
//! })
//! .await?;
//! println!("{} {}", sandbox.base_url(), sandbox.api_key());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! ## Decisions where Ping's docs are silent
//!
//! These are the project's choices, not Ping's promises; client code must not
//! depend on more than Ping documents.
//!
//! - **Errors**: every error, including unknown routes (`404 NOT_FOUND`) and
//!   wrong methods (`405 METHOD_NOT_ALLOWED`), is the envelope
//!   `{"result":"failed","message","code","error_info"?}`; `error_info`
//!   names the offending field (or the ticket number for `TICKET_NOT_FOUND`).
//! - **Auth** (`X-Ping-Api-Key`) runs before any body parsing: missing/empty
//!   → 401 `MISSING_API_KEY`, unknown → 401 `INVALID_API_KEY`, known without
//!   the tickets permission → 403 `INSUFFICIENT_PERMISSIONS`. Keys are never
//!   logged or echoed. `Authorization: Bearer` is not accepted.
//! - **Bodies** are parsed as JSON whatever the Content-Type; non-JSON or a
//!   non-object → 400 `INVALID_JSON`; over 1 MiB → 413 `PAYLOAD_TOO_LARGE`.
//!   Unknown fields are ignored.
//! - **Create**: `subject`/`description` missing, null, non-string or blank →
//!   400 `MISSING_REQUIRED_FIELD`. Enums (`priority`, `channel`) are exact,
//!   lowercase, and an empty string is invalid (400 `INVALID_FIELD_VALUE`, as
//!   is a wrong JSON type). Other optional strings may be empty and are stored
//!   as given; null means unset. Non-empty `customer_phone` must be E.164
//!   (`INVALID_PHONE_FORMAT`). `customer_email` is stored as given: Ping
//!   documents no email check, and its own example's email (as published,
//!   `[email protected]`) must be accepted.
//!   `external_ticket_id` is stored but never returned; duplicates are allowed
//!   unless `reject_duplicate_external_id` (409 `DUPLICATE_EXTERNAL_ID`).
//! - **Numbers**: `TKT-<UTC year>-<5 digits>`, a per-year counter from 00001
//!   that is never reused; `publicId` is `TKT-` + 8 random uppercase hex;
//!   comment `publicId` is a random v4 UUID.
//! - **Tickets** are returned in full by create and get (every key present,
//!   unset values `null`, `customFields` `{}` when empty). Timestamps are UTC
//!   `YYYY-MM-DDTHH:MM:SS` without zone, second precision.
//! - **List** items are summaries only (`ticketNumber, subject, status,
//!   priority, category, dateCreated`), newest first. `status`, `priority`,
//!   `channel` filters are validated; `category`, `country`, `store_region`
//!   match exactly but case-insensitively; `search` is a case-insensitive
//!   substring over subject, description, first/last/full name, email and
//!   phone (not ticket number, not external id). Empty query values count as
//!   absent. `page`/`per_page` must be integers ≥ 1 (`INVALID_PAGINATION`);
//!   `per_page` above 100 is clamped to 100; a page past the end is empty.
//! - **Update** (PUT): fields given as null are ignored (except keys inside
//!   `custom_fields`); `custom_fields` is merged shallowly (null removes a
//!   key); `csat_score` must be an integer 1..=5 (`INVALID_CSAT_SCORE`); no
//!   updatable field → `NO_FIELDS_TO_UPDATE`. The response carries only
//!   `ticketNumber`, each provided field and `dateUpdated`, like Ping's example.
//! - **Comments**: blank `content` → `MISSING_REQUIRED_FIELD`; adding one bumps
//!   the ticket's `dateUpdated`; listed oldest first; `include_internal`
//!   accepts true/false/1/0.
//! - **Rate limit** (optional): fixed window per known key, counted after the
//!   key is recognised; `X-RateLimit-*` headers on every response to a known
//!   key; 429 carries `Retry-After` and the real seconds in the message.
//! - **Faults** (see [`Faults`]) apply to `/v1` paths before auth.
//!   Drop-after-commit is consumed only by successful POST/PUT requests.
//! - **Transport**: HTTP/1.1 only, loopback only unless explicitly allowed.

mod api;
mod config;
mod control;
mod demo;
mod error;
mod faults;
mod rate_limit;
mod server;
mod store;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{generate_test_key, is_valid_key_format, ApiKeyGrant, SandboxConfig};
pub use error::SandboxError;
pub use faults::{FaultSnapshot, Faults};
pub use rate_limit::RateLimit;
pub use store::Database;

use api::{AppState, Shared};

/// Namespace for [`Sandbox::start`]; same as the free function [`start`].
pub struct Sandbox;

impl Sandbox {
    /// See [`start`].
    pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
        start(config).await
    }
}

/// Counters for tests and the control API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxStats {
    pub tickets: usize,
    pub comments: usize,
    /// Requests that reached a `/v1` path (faulted ones included).
    pub requests_served: u64,
}

/// Opens the database (running migrations, seeding demo data if asked),
/// binds the listener and serves in the background on the current Tokio
/// runtime until [`RunningSandbox::shutdown`] or drop.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox, SandboxError> {
    if !config.bind.ip().is_loopback() && !config.allow_non_loopback {
        return Err(SandboxError::NonLoopbackBind(config.bind));
    }
    if config.api_keys.is_empty() {
        return Err(SandboxError::InvalidConfig(
            "at least one API key is required".into(),
        ));
    }
    if let Some(rl) = config.rate_limit {
        if rl.limit == 0 || rl.window.is_zero() {
            return Err(SandboxError::InvalidConfig(
                "rate limit needs a non-zero limit and window".into(),
            ));
        }
    }
    let store = store::Store::open(&config.database)?;
    if config.demo_data {
        demo::seed(&store, chrono::Utc::now().naive_utc())?;
    }
    let listener = TcpListener::bind(config.bind)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr()?;
    let api_key = config
        .api_keys
        .iter()
        .find(|g| g.tickets_permission)
        .unwrap_or(&config.api_keys[0])
        .key
        .clone();
    let faults = Faults::default();
    let shared = Arc::new(Shared {
        store,
        keys: config.api_keys,
        rate: config.rate_limit.map(rate_limit::RateLimiter::new),
        faults: faults.clone(),
        requests_served: AtomicU64::new(0),
        reject_duplicate_external_id: config.reject_duplicate_external_id,
    });
    let app = api::router(AppState(shared.clone()), config.control_api);
    let (shutdown_tx, shutdown_rx) = oneshot::channel();
    let task = tokio::spawn(server::accept_loop(listener, app, shutdown_rx));
    tracing::info!(%addr, "ping sandbox listening");
    Ok(RunningSandbox {
        addr,
        api_key,
        faults,
        shared,
        shutdown: Some(shutdown_tx),
        task: Some(task),
    })
}

/// A sandbox serving in the background. Dropping it also stops the server
/// (without waiting); prefer [`RunningSandbox::shutdown`].
pub struct RunningSandbox {
    addr: SocketAddr,
    api_key: String,
    faults: Faults,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

pub(crate) fn collect_stats(shared: &Shared) -> Result<SandboxStats, rusqlite::Error> {
    Ok(SandboxStats {
        tickets: shared.store.ticket_count()?,
        comments: shared.store.comment_count()?,
        requests_served: shared.requests_served.load(Ordering::Relaxed),
    })
}

impl RunningSandbox {
    /// `http://127.0.0.1:<port>` (a wildcard bind is reported as loopback).
    pub fn base_url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// The bound address (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The first configured key with the tickets permission (else the first key).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Handle to arm faults at runtime.
    pub fn faults(&self) -> Faults {
        self.faults.clone()
    }

    /// Tickets, comments and `/v1` requests served so far. Database errors
    /// read as zero counts (this is a test helper).
    pub fn stats(&self) -> SandboxStats {
        collect_stats(&self.shared).unwrap_or(SandboxStats {
            tickets: 0,
            comments: 0,
            requests_served: self.requests_served(),
        })
    }

    pub fn ticket_count(&self) -> usize {
        self.stats().tickets
    }

    pub fn comment_count(&self) -> usize {
        self.stats().comments
    }

    pub fn requests_served(&self) -> u64 {
        self.shared.requests_served.load(Ordering::Relaxed)
    }

    /// With a rate limit: the requests counted for `key` in each window so
    /// far (fixed windows, the current one last); empty without a limit.
    pub fn rate_limit_windows(&self, key: &str) -> Vec<u32> {
        self.shared
            .rate
            .as_ref()
            .map(|r| r.windows(key))
            .unwrap_or_default()
    }

    /// Stops accepting, closes every open connection, releases the port and
    /// waits for all of that to finish. With [`Database::File`], a later
    /// [`start`] on the same file continues with the same data.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
