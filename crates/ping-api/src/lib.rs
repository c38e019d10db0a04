//! A typed async client for Ping's Tickets API (`/v1/api/tickets`).
//!
//! The contract is Ping's reference (`shared/ping-docs/tickets-api.txt`).
//! This crate knows nothing of the desktop app: it is used by the offline
//! core, and tested against `ping-sandbox` over real HTTP on loopback.

mod client;
mod error;
pub mod model;
mod retry_after;
mod secret;
mod tls;

pub use client::{
    validate_base_url, ClientConfig, PingClient, RateLimitStatus, RetryPolicy, PRODUCTION_BASE_URL,
};
pub use error::{bounded, ApiError, ApiErrorKind, Delivery, Error, Result, WriteOutcome};
pub use model::{
    AuthorType, Channel, Comment, CsatScore, CustomFields, ListQuery, NewComment, NewTicket,
    Pagination, Priority, Status, Ticket, TicketPage, TicketUpdate, MAX_PER_PAGE,
};
pub use retry_after::MAX_RETRY_AFTER;
pub use secret::{ApiKey, KeyFormatError};
