//! Errors: the crate's own (`SandboxError`) and the HTTP error envelope (`ApiError`).

use std::net::SocketAddr;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Errors returned by [`crate::start`] and the sandbox's setup code.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The bind address is not loopback and `allow_non_loopback` is false.
    #[error(
        "refusing to bind {0}: not a loopback address (set allow_non_loopback / --allow-non-loopback to expose the sandbox)"
    )]
    NonLoopbackBind(SocketAddr),
    /// The listening socket could not be bound.
    #[error("could not bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The configuration is unusable (no API key, zero rate limit...).
    #[error("invalid sandbox configuration: {0}")]
    InvalidConfig(String),
    /// The database file was written by a newer sandbox.
    #[error("database schema version {found} is newer than this sandbox supports ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    /// SQLite failed.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// Other I/O failure.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// Ping's error envelope: `{"result":"failed","message","code","error_info"}`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Envelope {
    pub result: &'static str,
    pub message: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_info: Option<String>,
}

/// An HTTP error answered with Ping's error envelope.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub error_info: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            error_info: None,
        }
    }

    pub fn info(mut self, info: impl Into<String>) -> Self {
        self.error_info = Some(info.into());
        self
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            "Internal server error",
        )
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "NOT_FOUND", "Not found")
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "Method not allowed",
        )
    }

    pub fn invalid_json() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "INVALID_JSON",
            "Request body must be a JSON object",
        )
    }

    pub fn payload_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PAYLOAD_TOO_LARGE",
            "Request body is larger than 1 MiB",
        )
    }

    pub fn missing_field(field: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "MISSING_REQUIRED_FIELD",
            format!("Missing required field: {field}"),
        )
        .info(field)
    }

    pub fn invalid_field(field: &str, why: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "INVALID_FIELD_VALUE",
            format!("Invalid value for {field}: {why}"),
        )
        .info(field)
    }

    pub fn ticket_not_found(ticket_number: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "TICKET_NOT_FOUND",
            "Ticket not found",
        )
        .info(ticket_number)
    }

    pub fn envelope(&self) -> Envelope {
        Envelope {
            result: "failed",
            message: self.message.clone(),
            code: self.code,
            error_info: self.error_info.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.envelope())
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        tracing::error!(error = %err, "database error while handling request");
        ApiError::internal()
    }
}

/// Serialises `body` as a JSON response; serialisation of our own types cannot
/// fail, but if it ever did we still answer with a valid envelope.
pub(crate) fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| {
        br#"{"result":"failed","message":"Internal server error","code":"INTERNAL_ERROR"}"#.to_vec()
    });
    let mut resp = (status, bytes).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}
