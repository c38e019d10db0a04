//! The core's error type. The app maps these to stable `{code, message}`
//! pairs at its boundary; texts here are written for staff and never carry
//! the API key (ping-api's errors cannot contain it).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("the local database at {path} could not be opened: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error("the local database was written by a newer Ping Desk (schema {found}; this version knows up to {known})")]
    SchemaTooNew { found: i64, known: i64 },

    #[error("the local database failed: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("stored data could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),

    /// The input cannot be valid; nothing was stored or sent.
    #[error("{0}")]
    Validation(String),

    #[error("there is no ticket {0} on this desk")]
    UnknownTicket(String),

    #[error("there is no queued operation {0}")]
    UnknownOperation(String),

    #[error("{0}")]
    InvalidState(String),

    /// A customer's screen answered a survey that has ended or was replaced.
    #[error("this question has ended; please ask a member of staff")]
    SurveyEnded,

    /// No Ping connection is set up (no key yet, or signed out).
    #[error("Ping Desk is not connected to Ping yet")]
    NotConnected,

    /// Ping could not be reached and nothing is cached to show instead.
    #[error("Ping cannot be reached and this has not been seen on this desk before")]
    OfflineNotCached(#[source] ping_api::Error),

    /// Another engine holds this outbox's sync lock: two syncers would each
    /// take the other's sends in flight for interrupted ones and send them again.
    #[error("another Ping Desk or desk-sync is already sending this outbox: {path}")]
    OutboxInUse { path: PathBuf },

    #[error("the sync lock file at {path} could not be used: {source}")]
    SyncLock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    Ping(#[from] ping_api::Error),
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
