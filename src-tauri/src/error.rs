//! The one error shape the web view sees: `{code, message}`. Codes are stable
//! (the UI branches on them, never on text); messages are for staff and never
//! carry the API key.

use desk_core::CoreError;
use ping_api::{ApiErrorKind, Error as PingError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    /// How long to wait before trying again (`PIN_LOCKED`), so the UI can
    /// say it in its own language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_seconds: Option<u64>,
}

pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            wait_seconds: None,
        }
    }

    /// With the wait before the next try, in whole seconds (rounded up).
    pub fn with_wait(mut self, wait: std::time::Duration) -> Self {
        self.wait_seconds = Some(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
        self
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new("VALIDATION", message)
    }

    pub fn not_connected() -> Self {
        Self::new(
            "NOT_CONNECTED",
            "Ping Desk is not connected yet: connect to Ping or open the demo workspace",
        )
    }
}

impl From<PingError> for CommandError {
    fn from(err: PingError) -> Self {
        let code = match &err {
            PingError::Api(api) => match api.kind() {
                ApiErrorKind::BadRequest => "VALIDATION",
                ApiErrorKind::Unauthorized => "AUTH_REJECTED",
                ApiErrorKind::Forbidden => "FORBIDDEN",
                ApiErrorKind::NotFound => "NOT_FOUND",
                ApiErrorKind::Conflict => "CONFLICT",
                ApiErrorKind::RateLimited => "RATE_LIMITED",
                ApiErrorKind::Server | ApiErrorKind::Other => "SERVER_ERROR",
            },
            PingError::Transport { .. } | PingError::UnexpectedResponse { .. } => "OFFLINE",
            PingError::ResponseTooLarge { .. } => "SERVER_ERROR",
            PingError::InvalidRequest(_) | PingError::InvalidBaseUrl(_) => "VALIDATION",
        };
        Self::new(code, err.to_string())
    }
}

impl From<CoreError> for CommandError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::Ping(ping) => ping.into(),
            CoreError::OfflineNotCached(_) => Self::new("OFFLINE", err.to_string()),
            CoreError::Validation(_) => Self::new("VALIDATION", err.to_string()),
            CoreError::UnknownTicket(_) | CoreError::UnknownOperation(_) => {
                Self::new("NOT_FOUND", err.to_string())
            }
            CoreError::InvalidState(_) => Self::new("INVALID_STATE", err.to_string()),
            CoreError::SurveyEnded => Self::new("SURVEY_ENDED", err.to_string()),
            CoreError::NotConnected => Self::not_connected(),
            CoreError::OutboxInUse { .. } => Self::new("OUTBOX_IN_USE", err.to_string()),
            CoreError::Open { .. }
            | CoreError::SchemaTooNew { .. }
            | CoreError::SyncLock { .. }
            | CoreError::Database(_)
            | CoreError::Corrupt(_) => Self::new("STORAGE", err.to_string()),
        }
    }
}

impl From<ping_api::KeyFormatError> for CommandError {
    fn from(err: ping_api::KeyFormatError) -> Self {
        Self::validation(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_and_client_errors_get_stable_codes() {
        let cases: Vec<(CommandError, &str)> = vec![
            (
                CoreError::Validation("subject is required".into()).into(),
                "VALIDATION",
            ),
            (
                CoreError::UnknownTicket("LOCAL-X".into()).into(),
                "NOT_FOUND",
            ),
            (CoreError::NotConnected.into(), "NOT_CONNECTED"),
            (CoreError::InvalidState("x".into()).into(), "INVALID_STATE"),
            (CoreError::SurveyEnded.into(), "SURVEY_ENDED"),
            (
                CoreError::OutboxInUse {
                    path: "desk.sqlite3".into(),
                }
                .into(),
                "OUTBOX_IN_USE",
            ),
            (
                PingError::InvalidBaseUrl("http only on loopback".into()).into(),
                "VALIDATION",
            ),
        ];
        for (err, code) in cases {
            assert_eq!(err.code, code, "{err:?}");
        }
        let api = |status| {
            CommandError::from(PingError::Api(ping_api::ApiError {
                status,
                code: None,
                message: "m".into(),
                error_info: None,
                retry_after: None,
            }))
            .code
        };
        assert_eq!(api(401), "AUTH_REJECTED");
        assert_eq!(api(403), "FORBIDDEN");
        assert_eq!(api(404), "NOT_FOUND");
        assert_eq!(api(409), "CONFLICT");
        assert_eq!(api(429), "RATE_LIMITED");
        assert_eq!(api(503), "SERVER_ERROR");
    }

    #[test]
    fn serializes_as_code_and_message() {
        let json = serde_json::to_value(CommandError::validation("subject is required")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "VALIDATION", "message": "subject is required"})
        );
    }
}
