//! What the core announces; the app forwards these to the web view.

use crate::outbox::{OpError, OperationKind, OutboxCounts};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CoreEvent {
    /// A write was stored and waits to be sent.
    Queued {
        op_id: String,
        kind: OperationKind,
        /// The local reference or number the write is about.
        ticket: String,
    },
    /// Ping accepted a write.
    Sent {
        op_id: String,
        kind: OperationKind,
        ticket_number: String,
        local_ref: Option<String>,
    },
    /// A send failed for now; it will be tried again.
    Retrying {
        op_id: String,
        error: OpError,
        next_attempt_at: i64,
    },
    /// A send got no answer; the server will be checked before sending again.
    InDoubt {
        op_id: String,
    },
    /// A write stopped on an error only staff can fix.
    Failed {
        op_id: String,
        error: OpError,
    },
    /// A ticket in the local cache changed.
    TicketCached {
        ticket_number: String,
    },
    /// Ping became reachable or unreachable.
    Connectivity {
        online: bool,
    },
    /// Sending stopped for every write (e.g. `AUTH_REJECTED`).
    SyncPaused {
        reason: String,
        message: String,
    },
    SyncResumed,
    /// The outbox's counts changed.
    OutboxChanged {
        counts: OutboxCounts,
    },
}
