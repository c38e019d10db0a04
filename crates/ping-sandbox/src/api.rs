//! The `/v1` HTTP API: routing, middleware (faults, auth, rate limit) and handlers.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::ApiKeyGrant;
use crate::error::{json_response, ApiError};
use crate::faults::Faults;
use crate::rate_limit::{self, RateLimiter};
use crate::server::KillSwitch;
use crate::store::{
    Comment, NewComment, NewTicket, Store, StoreError, Ticket, TicketFilter, TicketSummary,
    TicketUpdate, UpdatedTicket,
};

/// Request bodies above this answer 413.
pub(crate) const BODY_LIMIT: usize = 1024 * 1024;

pub(crate) const PRIORITIES: &[&str] = &["low", "medium", "high", "critical"];
pub(crate) const STATUSES: &[&str] = &["open", "in_progress", "resolved", "closed"];
pub(crate) const CHANNELS: &[&str] = &[
    "api",
    "whatsapp",
    "email",
    "phone",
    "in_store",
    "sms",
    "social_media",
    "live_chat",
];
const AUTHOR_TYPES: &[&str] = &["admin", "customer"];

pub(crate) struct Shared {
    pub store: Store,
    pub keys: Vec<ApiKeyGrant>,
    pub rate: Option<RateLimiter>,
    pub faults: Faults,
    pub requests_served: AtomicU64,
    pub reject_duplicate_external_id: bool,
}

#[derive(Clone)]
pub(crate) struct AppState(pub Arc<Shared>);

pub(crate) fn router(state: AppState, control_api: bool) -> Router {
    let mut app = Router::new()
        .route("/v1/api/tickets", get(list_tickets).post(create_ticket))
        .route(
            "/v1/api/tickets/{ticket_number}",
            get(get_ticket).put(update_ticket),
        )
        .route(
            "/v1/api/tickets/{ticket_number}/comments",
            get(list_comments).post(add_comment),
        )
        .route_layer(from_fn_with_state(state.clone(), auth));
    if control_api {
        app = app.merge(crate::control::router());
    }
    app.method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .fallback(|| async { ApiError::not_found() })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), front))
        .with_state(state)
}

// ---------------------------------------------------------------------------
// Middleware

/// Outermost layer: logging for everything; counting, latency and faults for `/v1`.
async fn front(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    // Path only: the query never carries the key, but keep logs minimal anyway.
    let path = req.uri().path().to_owned();
    let is_v1 = path == "/v1" || path.starts_with("/v1/");
    let resp = if is_v1 {
        v1_pipeline(&st, &method, &path, req, next).await
    } else {
        next.run(req).await
    };
    tracing::info!(
        %method,
        %path,
        status = resp.status().as_u16(),
        latency_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    resp
}

async fn v1_pipeline(
    st: &AppState,
    method: &Method,
    path: &str,
    req: Request,
    next: Next,
) -> Response {
    let shared = &st.0;
    shared.requests_served.fetch_add(1, Ordering::Relaxed);
    let latency = shared.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(secs) = shared.faults.take_too_many_requests() {
        return rate_limit::too_many_requests(secs);
    }
    if shared.faults.take_fail() {
        return ApiError::internal().into_response();
    }
    if shared.faults.take_non_json() {
        return captive_portal();
    }
    let kill = req.extensions().get::<KillSwitch>().cloned();
    let is_write = method == Method::POST || method == Method::PUT;
    let resp = next.run(req).await;
    if is_write && resp.status().is_success() {
        if let Some(kill) = kill {
            if shared.faults.take_drop_after_commit() {
                tracing::info!(%method, %path, status = resp.status().as_u16(), "fault: committed, dropping connection without a response");
                drop(resp);
                kill.trigger();
                // The connection task drops the socket; this future is dropped with it.
                match std::future::pending::<std::convert::Infallible>().await {}
            }
        }
    }
    resp
}

/// A page like a hotel/airport Wi-Fi login, as a captive portal would inject.
fn captive_portal() -> Response {
    const PAGE: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Wi-Fi Login</title></head>\n\
<body><h1>Welcome to Free Wi-Fi</h1>\n<p>Please accept the terms of use to continue browsing.</p>\n\
<form method=\"post\" action=\"/login\"><label><input type=\"checkbox\" name=\"accept\"> I accept</label>\n\
<button type=\"submit\">Connect</button></form></body></html>\n";
    let mut resp = (StatusCode::OK, PAGE).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

/// Auth and rate limiting for matched `/v1` routes. Runs before any body parsing.
async fn auth(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let shared = &st.0;
    let Some(raw) = req.headers().get("x-ping-api-key") else {
        return missing_key();
    };
    let invalid_key = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_API_KEY",
            "Invalid API key",
        )
        .into_response()
    };
    let Ok(presented) = raw.to_str().map(str::trim) else {
        return invalid_key();
    };
    if presented.is_empty() {
        return missing_key();
    }
    let Some(grant) = shared.keys.iter().find(|g| g.key == presented) else {
        return invalid_key();
    };
    let decision = shared.rate.as_ref().map(|r| r.check(&grant.key));
    let mut resp = match decision {
        Some(d) if !d.allowed => rate_limit::too_many_requests(d.retry_after_secs),
        _ if !grant.tickets_permission => ApiError::new(
            StatusCode::FORBIDDEN,
            "INSUFFICIENT_PERMISSIONS",
            "This API key does not have the tickets permission",
        )
        .info("tickets")
        .into_response(),
        _ => next.run(req).await,
    };
    if let Some(d) = &decision {
        rate_limit::apply_headers(resp.headers_mut(), d);
    }
    resp
}

fn missing_key() -> Response {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "MISSING_API_KEY",
        "Missing API key: send it in the X-Ping-Api-Key header",
    )
    .into_response()
}

// ---------------------------------------------------------------------------
// Extractors

/// The request body parsed as a JSON object, whatever the Content-Type.
pub(crate) struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rej| {
            if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::payload_too_large()
            } else {
                ApiError::invalid_json()
            }
        })?;
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(JsonObject(map)),
            _ => Err(ApiError::invalid_json()),
        }
    }
}

/// The `{ticket_number}` path segment.
struct TicketNumber(String);

impl<S: Send + Sync> FromRequestParts<S> for TicketNumber {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(n)| TicketNumber(n))
            .map_err(|_| ApiError::not_found())
    }
}

type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// First value of `name`; empty values count as absent.
fn query_param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn query_pairs(q: QueryPairs) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|_| ApiError::invalid_field("query", "malformed query string"))
}

// ---------------------------------------------------------------------------
// Field validation

fn required_string(body: &Map<String, Value>, field: &str) -> Result<String, ApiError> {
    match body.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err(ApiError::missing_field(field)),
    }
}

/// Optional string; absent or null is `None`; other JSON types are invalid.
fn opt_string(body: &Map<String, Value>, field: &str) -> Result<Option<String>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::invalid_field(field, "must be a string")),
    }
}

fn check_enum(field: &str, value: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ApiError::invalid_field(
            field,
            &format!("must be one of {}", allowed.join(", ")),
        ))
    }
}

fn opt_enum(
    body: &Map<String, Value>,
    field: &str,
    allowed: &[&str],
) -> Result<Option<String>, ApiError> {
    let value = opt_string(body, field)?;
    if let Some(v) = &value {
        check_enum(field, v, allowed)?;
    }
    Ok(value)
}

fn opt_object(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<Map<String, Value>>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m.clone())),
        Some(_) => Err(ApiError::invalid_field(field, "must be a JSON object")),
    }
}

/// E.164: `+`, a non-zero digit, then 6 to 14 more digits.
pub(crate) fn is_e164(phone: &str) -> bool {
    let Some(digits) = phone.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

fn parse_new_ticket(body: &Map<String, Value>) -> Result<NewTicket, ApiError> {
    let subject = required_string(body, "subject")?;
    let description = required_string(body, "description")?;
    let new = NewTicket {
        subject,
        description,
        status: "open".to_owned(),
        priority: opt_enum(body, "priority", PRIORITIES)?.unwrap_or_else(|| "medium".into()),
        category: opt_string(body, "category")?,
        channel: opt_enum(body, "channel", CHANNELS)?.unwrap_or_else(|| "api".into()),
        country: opt_string(body, "country")?,
        store_region: opt_string(body, "store_region")?,
        customer_first_name: opt_string(body, "customer_first_name")?,
        customer_last_name: opt_string(body, "customer_last_name")?,
        customer_phone: opt_string(body, "customer_phone")?,
        customer_email: opt_string(body, "customer_email")?,
        preferred_language: opt_string(body, "preferred_language")?,
        external_ticket_id: opt_string(body, "external_ticket_id")?,
        custom_fields: opt_object(body, "custom_fields")?.unwrap_or_default(),
        ..NewTicket::default()
    };
    if let Some(phone) = new.customer_phone.as_deref().filter(|p| !p.is_empty()) {
        if !is_e164(phone) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_PHONE_FORMAT",
                "customer_phone must be in E.164 format, e.g. +263771234567",
            )
            .info("customer_phone"));
        }
    }
    Ok(new)
}

fn parse_update(body: &Map<String, Value>) -> Result<TicketUpdate, ApiError> {
    let csat_score = match body.get("csat_score") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_i64() {
            Some(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "INVALID_CSAT_SCORE",
                    "csat_score must be an integer from 1 to 5",
                )
                .info("csat_score"))
            }
        },
    };
    let update = TicketUpdate {
        status: opt_enum(body, "status", STATUSES)?,
        priority: opt_enum(body, "priority", PRIORITIES)?,
        category: opt_string(body, "category")?,
        resolution_notes: opt_string(body, "resolution_notes")?,
        action_taken: opt_string(body, "action_taken")?,
        csat_score,
        tags: opt_string(body, "tags")?,
        custom_fields: opt_object(body, "custom_fields")?,
    };
    if update.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "NO_FIELDS_TO_UPDATE",
            "No updatable fields provided (status, priority, category, resolution_notes, action_taken, csat_score, tags, custom_fields)",
        ));
    }
    Ok(update)
}

fn parse_new_comment(body: &Map<String, Value>) -> Result<NewComment, ApiError> {
    let content = required_string(body, "content")?;
    let is_internal = match body.get("is_internal") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(ApiError::invalid_field("is_internal", "must be a boolean")),
    };
    let author_type =
        opt_enum(body, "author_type", AUTHOR_TYPES)?.unwrap_or_else(|| "admin".into());
    Ok(NewComment {
        content,
        is_internal,
        author_type,
    })
}

fn parse_page_param(pairs: &[(String, String)], name: &str, default: u64) -> Result<u64, ApiError> {
    match query_param(pairs, name) {
        None => Ok(default),
        Some(raw) => match raw.parse::<u64>() {
            Ok(n) if n >= 1 => Ok(n),
            _ => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "INVALID_PAGINATION",
                format!("{name} must be a positive integer"),
            )
            .info(name)),
        },
    }
}

fn query_enum(
    pairs: &[(String, String)],
    name: &str,
    allowed: &[&str],
) -> Result<Option<String>, ApiError> {
    let value = query_param(pairs, name).map(str::to_owned);
    if let Some(v) = &value {
        check_enum(name, v, allowed)?;
    }
    Ok(value)
}

// ---------------------------------------------------------------------------
// Handlers

#[derive(Serialize)]
struct Success<T: Serialize> {
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
    #[serde(flatten)]
    body: T,
}

fn success<T: Serialize>(status: StatusCode, message: Option<&'static str>, body: T) -> Response {
    json_response(
        status,
        &Success {
            result: "success",
            message,
            body,
        },
    )
}

#[derive(Serialize)]
struct TicketBody<T: Serialize> {
    ticket: T,
}

#[derive(Serialize)]
struct CommentBody {
    comment: Comment,
}

#[derive(Serialize)]
struct CommentsBody {
    comments: Vec<Comment>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pagination {
    page: u64,
    per_page: u64,
    total: u64,
    total_pages: u64,
}

#[derive(Serialize)]
struct ListBody {
    tickets: Vec<TicketSummary>,
    pagination: Pagination,
}

fn map_store_error(err: StoreError, ticket_number: &str) -> ApiError {
    match err {
        StoreError::TicketNotFound => ApiError::ticket_not_found(ticket_number),
        StoreError::DuplicateExternalId => ApiError::new(
            StatusCode::CONFLICT,
            "DUPLICATE_EXTERNAL_ID",
            "A ticket with this external_ticket_id already exists",
        )
        .info("external_ticket_id"),
        StoreError::Sql(e) => e.into(),
    }
}

fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

async fn create_ticket(
    State(st): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let new = parse_new_ticket(&body)?;
    let ticket: Ticket =
        st.0.store
            .create_ticket(&new, now(), st.0.reject_duplicate_external_id)
            .map_err(|e| map_store_error(e, ""))?;
    Ok(success(
        StatusCode::CREATED,
        Some("Ticket created"),
        TicketBody { ticket },
    ))
}

async fn get_ticket(
    State(st): State<AppState>,
    TicketNumber(number): TicketNumber,
) -> Result<Response, ApiError> {
    let ticket =
        st.0.store
            .get_ticket(&number)
            .map_err(|e| map_store_error(e, &number))?;
    Ok(success(StatusCode::OK, None, TicketBody { ticket }))
}

async fn list_tickets(State(st): State<AppState>, query: QueryPairs) -> Result<Response, ApiError> {
    let pairs = query_pairs(query)?;
    let filter = TicketFilter {
        status: query_enum(&pairs, "status", STATUSES)?,
        priority: query_enum(&pairs, "priority", PRIORITIES)?,
        category: query_param(&pairs, "category").map(str::to_owned),
        channel: query_enum(&pairs, "channel", CHANNELS)?,
        country: query_param(&pairs, "country").map(str::to_owned),
        store_region: query_param(&pairs, "store_region").map(str::to_owned),
        search: query_param(&pairs, "search").map(str::to_owned),
    };
    let page = parse_page_param(&pairs, "page", 1)?;
    // Ping documents a maximum of 100; larger values are clamped, not rejected.
    let per_page = parse_page_param(&pairs, "per_page", 50)?.min(100);
    let (tickets, total) =
        st.0.store
            .list_tickets(&filter, page, per_page)
            .map_err(|e| map_store_error(e, ""))?;
    Ok(success(
        StatusCode::OK,
        None,
        ListBody {
            tickets,
            pagination: Pagination {
                page,
                per_page,
                total,
                total_pages: total.div_ceil(per_page),
            },
        },
    ))
}

async fn update_ticket(
    State(st): State<AppState>,
    TicketNumber(number): TicketNumber,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let update = parse_update(&body)?;
    let ticket: UpdatedTicket =
        st.0.store
            .update_ticket(&number, &update, now())
            .map_err(|e| map_store_error(e, &number))?;
    Ok(success(
        StatusCode::OK,
        Some("Ticket updated"),
        TicketBody { ticket },
    ))
}

async fn add_comment(
    State(st): State<AppState>,
    TicketNumber(number): TicketNumber,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let new = parse_new_comment(&body)?;
    let comment =
        st.0.store
            .add_comment(&number, &new, now())
            .map_err(|e| map_store_error(e, &number))?;
    Ok(success(
        StatusCode::CREATED,
        Some("Comment added"),
        CommentBody { comment },
    ))
}

async fn list_comments(
    State(st): State<AppState>,
    TicketNumber(number): TicketNumber,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(query)?;
    let include_internal = match query_param(&pairs, "include_internal") {
        None => true,
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => true,
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => false,
        Some(_) => {
            return Err(ApiError::invalid_field(
                "include_internal",
                "must be true, false, 1 or 0",
            ))
        }
    };
    let comments =
        st.0.store
            .list_comments(&number, include_internal)
            .map_err(|e| map_store_error(e, &number))?;
    Ok(success(StatusCode::OK, None, CommentsBody { comments }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164() {
        assert!(is_e164("+263775550142"));
        assert!(is_e164("+1234567"));
        assert!(!is_e164("+123456"));
        assert!(!is_e164("263775550142"));
        assert!(!is_e164("+0263775550142"));
        assert!(!is_e164("+2637755501421234"));
        assert!(!is_e164("+26377 555 0142"));
    }
}
