//! The client's one error type.
//!
//! Ping's error envelope (an answer from Ping) is kept apart from transport
//! failures (no answer), and a transport failure says whether the request may
//! have reached Ping: the offline sync engine decides on that whether a create
//! can be sent again or must first be looked for on the server.

use std::time::Duration;

/// Everything a call to Ping can fail with. No variant ever carries the API
/// key, and the texts are written for people.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Ping answered with its error envelope (or an HTTP error status).
    #[error(transparent)]
    Api(#[from] ApiError),

    /// No complete answer arrived.
    #[error("{}", transport_message(.delivery, .timed_out))]
    Transport {
        delivery: Delivery,
        timed_out: bool,
        #[source]
        source: reqwest::Error,
    },

    /// An answer arrived but it is not Ping's JSON (a captive portal, a proxy
    /// error page, a truncated body).
    #[error("the server at the configured address did not answer like Ping's API (HTTP {status}: {detail})")]
    UnexpectedResponse { status: u16, detail: String },

    /// The answer is larger than the client accepts; it was not read.
    #[error("Ping's answer is larger than {limit_bytes} bytes and was not read")]
    ResponseTooLarge { limit_bytes: u64 },

    /// The request was refused before sending: the input cannot be valid.
    #[error("{0}")]
    InvalidRequest(String),

    /// The configured base URL cannot be used.
    #[error("{0}")]
    InvalidBaseUrl(String),
}

fn transport_message(delivery: &Delivery, timed_out: &bool) -> &'static str {
    match (delivery, timed_out) {
        (Delivery::NotSent, true) => "could not reach Ping: the connection timed out",
        (Delivery::NotSent, false) => "could not reach Ping: no connection",
        (Delivery::MaybeDelivered, true) => {
            "Ping did not answer in time; the request may have reached it"
        }
        (Delivery::MaybeDelivered, false) => {
            "the connection to Ping broke before it answered; the request may have reached it"
        }
    }
}

/// Whether a request that got no answer may have reached Ping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// No connection was made: Ping cannot have seen the request.
    NotSent,
    /// The request was (or may have been) sent and no answer came back.
    MaybeDelivered,
}

/// What is known about a write once a call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Ping did not apply it: safe to send again (after fixing it, if needed).
    NotApplied,
    /// Ping may have applied it: look before sending again.
    Unknown,
}

/// Ping's error envelope with its HTTP status. Ping's texts (code, message,
/// error_info) are cut to a few hundred characters when read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct ApiError {
    pub status: u16,
    /// Ping's machine code, when it sends one (`RATE_LIMIT_EXCEEDED`, ...).
    pub code: Option<String>,
    pub message: String,
    pub error_info: Option<String>,
    /// From `Retry-After`, on 429 (and any status that sends it); never more
    /// than [`MAX_RETRY_AFTER`](crate::MAX_RETRY_AFTER).
    pub retry_after: Option<Duration>,
}

/// The statuses Ping documents, as something to match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiErrorKind {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Server,
    Other,
}

impl ApiError {
    pub fn kind(&self) -> ApiErrorKind {
        match self.status {
            400 | 413 | 422 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            429 => ApiErrorKind::RateLimited,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }

    fn describe(&self) -> String {
        let mut text = format!("Ping answered {}: {}", self.status, self.message);
        if let Some(info) = self.error_info.as_deref().filter(|i| !i.is_empty()) {
            text.push_str(" (");
            text.push_str(info);
            text.push(')');
        }
        text
    }
}

impl Error {
    pub(crate) fn transport(source: reqwest::Error) -> Self {
        // Only a failure to connect proves Ping never saw the request; a
        // timeout or broken connection after that may follow a commit.
        let delivery = if source.is_connect() {
            Delivery::NotSent
        } else {
            Delivery::MaybeDelivered
        };
        Error::Transport {
            delivery,
            timed_out: source.is_timeout(),
            source: source.without_url(),
        }
    }

    /// The Ping envelope, when Ping answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        self.api().map(ApiError::kind)
    }

    /// True when the same request may succeed later unchanged: no connection,
    /// no answer, a server error, a rate limit, an answer that was not Ping's.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::UnexpectedResponse { .. } => true,
            Error::Api(api) => {
                matches!(api.kind(), ApiErrorKind::Server | ApiErrorKind::RateLimited)
            }
            Error::ResponseTooLarge { .. }
            | Error::InvalidRequest(_)
            | Error::InvalidBaseUrl(_) => false,
        }
    }

    /// Whether a failed write may nevertheless have been applied by Ping.
    pub fn write_outcome(&self) -> WriteOutcome {
        match self {
            Error::Transport {
                delivery: Delivery::NotSent,
                ..
            } => WriteOutcome::NotApplied,
            Error::Transport { .. }
            | Error::UnexpectedResponse { .. }
            | Error::ResponseTooLarge { .. } => WriteOutcome::Unknown,
            // A 5xx may come after the write was committed.
            Error::Api(api) if api.kind() == ApiErrorKind::Server => WriteOutcome::Unknown,
            Error::Api(_) | Error::InvalidRequest(_) | Error::InvalidBaseUrl(_) => {
                WriteOutcome::NotApplied
            }
        }
    }

    /// The error as a log line may carry it: what kind, the HTTP status and
    /// Ping's code. Never Ping's message or a refused input's text, which can
    /// quote what was sent (a customer's name or phone).
    pub fn log_summary(&self) -> String {
        match self {
            Error::Api(api) => match api.code.as_deref() {
                Some(code) => format!("Ping answered {} {}", api.status, bounded_code(code)),
                None => format!("Ping answered {}", api.status),
            },
            Error::Transport {
                delivery,
                timed_out,
                ..
            } => transport_message(delivery, timed_out).to_owned(),
            Error::UnexpectedResponse { status, .. } => {
                format!("an answer that was not Ping's (HTTP {status})")
            }
            Error::ResponseTooLarge { .. } => self.to_string(),
            Error::InvalidRequest(_) => "refused before sending".to_owned(),
            Error::InvalidBaseUrl(_) => "the address cannot be used".to_owned(),
        }
    }

    /// How long Ping asked us to wait, on a rate limit.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api().and_then(|api| api.retry_after)
    }
}

/// A machine code as logs show it: letters, digits and `_` only, short.
fn bounded_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(64)
        .collect()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The most characters of Ping's own text (a message, a detail, a quoted
/// value) an error keeps: enough to read, too few to flood a log line.
pub(crate) const MAX_PING_TEXT_CHARS: usize = 300;

/// `text` cut to [`MAX_PING_TEXT_CHARS`] characters, ending in "…" when cut,
/// on one line: control characters (newlines included) become spaces, so
/// Ping's text cannot forge extra lines in a log.
pub fn bounded(text: &str) -> String {
    let one_line = |part: &str| -> String {
        part.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    match text.char_indices().nth(MAX_PING_TEXT_CHARS) {
        Some((cut_at, _)) => format!("{}…", one_line(&text[..cut_at])),
        None => one_line(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(status: u16) -> Error {
        Error::Api(ApiError {
            status,
            code: None,
            message: "m".into(),
            error_info: None,
            retry_after: None,
        })
    }

    #[test]
    fn classifies_statuses() {
        assert_eq!(api(401).api_kind(), Some(ApiErrorKind::Unauthorized));
        assert_eq!(api(403).api_kind(), Some(ApiErrorKind::Forbidden));
        assert_eq!(api(409).api_kind(), Some(ApiErrorKind::Conflict));
        assert!(api(429).is_transient());
        assert!(api(503).is_transient());
        assert!(!api(400).is_transient());
        assert_eq!(api(500).write_outcome(), WriteOutcome::Unknown);
        assert_eq!(api(400).write_outcome(), WriteOutcome::NotApplied);
    }

    #[test]
    fn log_summaries_keep_status_and_code_but_never_pings_text() {
        let err = Error::Api(ApiError {
            status: 400,
            code: Some("INVALID_PHONE_FORMAT\nforged".into()),
            message: "+263771234567 is not a phone number".into(),
            error_info: Some("Tendai Moyo".into()),
            retry_after: None,
        });
        assert_eq!(
            err.log_summary(),
            "Ping answered 400 INVALID_PHONE_FORMATforged"
        );
        assert_eq!(api(503).log_summary(), "Ping answered 503");
        let refused = Error::InvalidRequest("phone +263771234567 is not E.164".into());
        assert_eq!(refused.log_summary(), "refused before sending");
        let foreign = Error::UnexpectedResponse {
            status: 200,
            detail: "<html>Tendai</html>".into(),
        };
        assert!(!foreign.log_summary().contains("Tendai"));
    }

    #[test]
    fn bounded_cuts_long_text_on_a_character_boundary() {
        assert_eq!(bounded("short"), "short");
        let exact = "é".repeat(MAX_PING_TEXT_CHARS);
        assert_eq!(bounded(&exact), exact);
        let long = "🛰️".repeat(MAX_PING_TEXT_CHARS);
        let cut = bounded(&long);
        assert_eq!(cut.chars().count(), MAX_PING_TEXT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert!(long.starts_with(cut.trim_end_matches('…')));
        assert_eq!(
            bounded("ok\n2026-12-01 INFO forged line\r\u{1b}[2J"),
            "ok 2026-12-01 INFO forged line  [2J"
        );
    }

    #[test]
    fn message_includes_error_info() {
        let err = ApiError {
            status: 400,
            code: Some("MISSING_REQUIRED_FIELD".into()),
            message: "subject is required".into(),
            error_info: Some("subject".into()),
            retry_after: None,
        };
        assert_eq!(
            err.to_string(),
            "Ping answered 400: subject is required (subject)"
        );
    }
}
