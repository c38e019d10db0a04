//! The HTTP client for Ping's six ticket endpoints.

use crate::error::{bounded, ApiError, Error, Result};
use crate::model::{
    Comment, ListQuery, NewComment, NewTicket, Pagination, Ticket, TicketPage, TicketUpdate,
    MAX_PER_PAGE,
};
use crate::retry_after::parse_retry_after;
use crate::secret::ApiKey;
use crate::tls;
use chrono::Utc;
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use reqwest::header::{HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::net::IpAddr;
use std::time::{Duration, Instant};
use url::{Host, Url};

/// Ping's production address.
pub const PRODUCTION_BASE_URL: &str = "https://api.ping.co.zw";
const API_KEY_HEADER: &str = "X-Ping-Api-Key";

/// Timeouts, limits and retries. The defaults suit a shop's flaky uplink.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub connect_timeout: Duration,
    /// Whole request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// Larger answers are refused without being read into memory.
    pub max_response_bytes: u64,
    pub retry: RetryPolicy,
    pub user_agent: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 10 * 1024 * 1024,
            retry: RetryPolicy::default(),
            user_agent: concat!("PingDesk/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

/// Retries for requests that are safe to repeat: GET, and PUT (which sets
/// absolute values). A POST is never retried here: repeating a create or a
/// comment after a lost answer could duplicate it, so that decision belongs to
/// the caller (the sync engine), which can look on the server first.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 means no retry.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out here; the error goes
    /// back to the caller with the wait Ping asked for.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Exponential backoff with jitter: attempt 1 waits about `base_delay`,
    /// each next one twice as long, capped at `max_delay`; the jitter (50 to
    /// 100 % of the step) keeps several desks of a store from retrying in step.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let step = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
            .min(self.max_delay);
        step.mul_f64(rand::random_range(0.5..=1.0))
    }
}

/// What Ping's last `X-RateLimit-*` headers said about the key's budget.
/// Ping's limit is per key, so it is shared by every desk of a store: this
/// is the whole key's budget as Ping counts it, not this desk's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitStatus {
    /// Requests allowed in a window (`X-RateLimit-Limit`).
    pub limit: u64,
    /// Requests left in the current window (`X-RateLimit-Remaining`).
    pub remaining: u64,
    /// Unix seconds when the window ends (`X-RateLimit-Reset`).
    pub reset: i64,
    /// Unix ms when these headers arrived.
    pub seen_at: i64,
}

impl RateLimitStatus {
    /// Reads the three headers; `None` unless all three are there and numbers.
    fn from_headers(headers: &reqwest::header::HeaderMap, now_ms: i64) -> Option<Self> {
        let number =
            |name: &str| -> Option<u64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
        Some(Self {
            limit: number("x-ratelimit-limit")?,
            remaining: number("x-ratelimit-remaining")?,
            reset: i64::try_from(number("x-ratelimit-reset")?).ok()?,
            seen_at: now_ms,
        })
    }
}

/// A typed client for Ping's Tickets API.
#[derive(Debug, Clone)]
pub struct PingClient {
    http: reqwest::Client,
    tickets_url: Url,
    key: ApiKey,
    config: ClientConfig,
    /// The latest rate-limit headers, shared by every clone of this client.
    rate_limit: std::sync::Arc<std::sync::Mutex<Option<RateLimitStatus>>>,
}

#[derive(Deserialize)]
struct TicketEnvelope {
    ticket: Ticket,
}

#[derive(Deserialize)]
struct TicketListEnvelope {
    tickets: Vec<Ticket>,
    #[serde(default)]
    pagination: Pagination,
}

#[derive(Deserialize)]
struct CommentEnvelope {
    comment: Comment,
}

#[derive(Deserialize)]
struct CommentListEnvelope {
    comments: Vec<Comment>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    error_info: Option<Value>,
}

impl PingClient {
    pub fn new(base_url: &str, key: ApiKey) -> Result<Self> {
        Self::with_config(base_url, key, ClientConfig::default())
    }

    pub fn with_config(base_url: &str, key: ApiKey, config: ClientConfig) -> Result<Self> {
        Self::with_roots(base_url, key, config, tls::mozilla_roots())
    }

    /// A client that trusts `roots` over HTTPS (the app: Mozilla's, above).
    pub(crate) fn with_roots(
        base_url: &str,
        key: ApiKey,
        config: ClientConfig,
        roots: rustls::RootCertStore,
    ) -> Result<Self> {
        let base = validate_base_url(base_url)?;
        let tls = tls::client_config(roots)
            .map_err(|e| Error::InvalidBaseUrl(format!("cannot set up HTTPS: {e}")))?;
        let tickets_url = base
            .join("v1/api/tickets")
            .map_err(|e| Error::InvalidBaseUrl(format!("cannot use that base URL: {e}")))?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(config.user_agent.clone())
            // Ping's API never redirects, and reqwest keeps a custom header
            // such as the key's on a redirect to another host: none is followed.
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls);
        if is_loopback(base.host()) {
            // The sandbox on this computer speaks plain http: a proxy from the
            // environment or the OS's settings would read the key. Any other host is https-only,
            // which reqwest sends through an HTTP proxy only inside a CONNECT
            // tunnel, so the key stays within TLS to that host.
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| Error::InvalidBaseUrl(format!("cannot set up HTTPS: {e}")))?;
        Ok(Self {
            http,
            tickets_url,
            key,
            config,
            rate_limit: Default::default(),
        })
    }

    /// What the latest answer's `X-RateLimit-*` headers said, if any did.
    pub fn rate_limit(&self) -> Option<RateLimitStatus> {
        *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One cheap read (a one-ticket list), sent once, never retried: tells
    /// whether Ping answers, without the waits of the retry policy.
    pub async fn probe(&self) -> Result<()> {
        let mut url = self.tickets_url.clone();
        url.query_pairs_mut().append_pair("per_page", "1");
        let _: TicketListEnvelope = self.send_once(Method::GET, url, None::<&()>).await?;
        Ok(())
    }

    /// The base URL requests go to (without the `/v1/api/tickets` path).
    pub fn base_url(&self) -> String {
        let mut base = self.tickets_url.clone();
        base.set_path(
            self.tickets_url
                .path()
                .trim_end_matches("v1/api/tickets")
                .trim_end_matches('/'),
        );
        base.to_string().trim_end_matches('/').to_owned()
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// `POST /v1/api/tickets`. Never retried (see [`RetryPolicy`]).
    pub async fn create_ticket(&self, ticket: &NewTicket) -> Result<Ticket> {
        require_text("subject", &ticket.subject)?;
        require_text("description", &ticket.description)?;
        let envelope: TicketEnvelope = self
            .call(Method::POST, self.tickets_url.clone(), Some(ticket))
            .await?;
        Ok(envelope.ticket)
    }

    /// `GET /v1/api/tickets` with filters, search and paging.
    pub async fn list_tickets(&self, query: &ListQuery) -> Result<TicketPage> {
        validate_paging(query)?;
        let mut url = self.tickets_url.clone();
        url.query_pairs_mut().extend_pairs(query.to_pairs());
        let envelope: TicketListEnvelope = self.call(Method::GET, url, None::<&()>).await?;
        Ok(TicketPage {
            tickets: envelope.tickets,
            pagination: envelope.pagination,
        })
    }

    /// Every ticket matching `query`, fetched a page at a time as the stream
    /// is read (100 a page unless `per_page` says otherwise).
    pub fn all_tickets(&self, query: ListQuery) -> impl Stream<Item = Result<Ticket>> + '_ {
        let per_page = query.per_page.unwrap_or(MAX_PER_PAGE);
        let first_page = query.page.unwrap_or(1);
        let pages = stream::try_unfold(Some(first_page), move |next| {
            let query = query.clone();
            async move {
                let Some(page) = next else {
                    return Ok::<_, Error>(None);
                };
                let result = self
                    .list_tickets(&ListQuery {
                        page: Some(page),
                        per_page: Some(per_page),
                        ..query
                    })
                    .await?;
                let total_pages = result.pagination.total_pages;
                let last = result.tickets.is_empty()
                    || (total_pages > 0 && page >= total_pages)
                    || (total_pages == 0 && result.tickets.len() < per_page as usize);
                // A page number past u32 ends the walk instead of wrapping.
                let next = if last { None } else { page.checked_add(1) };
                Ok(Some((result.tickets, next)))
            }
        });
        pages
            .map_ok(|tickets| stream::iter(tickets.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// `GET /v1/api/tickets/:ticket_number`.
    pub async fn get_ticket(&self, ticket_number: &str) -> Result<Ticket> {
        let url = self.ticket_url(ticket_number, None)?;
        let envelope: TicketEnvelope = self.call(Method::GET, url, None::<&()>).await?;
        Ok(envelope.ticket)
    }

    /// `PUT /v1/api/tickets/:ticket_number`: sends only the fields set. The
    /// answer carries the number and what changed (as Ping's example shows).
    pub async fn update_ticket(
        &self,
        ticket_number: &str,
        update: &TicketUpdate,
    ) -> Result<Ticket> {
        if update.is_empty() {
            return Err(Error::InvalidRequest(
                "an update needs at least one field to change".into(),
            ));
        }
        let url = self.ticket_url(ticket_number, None)?;
        let envelope: TicketEnvelope = self.call(Method::PUT, url, Some(update)).await?;
        Ok(envelope.ticket)
    }

    /// `POST /v1/api/tickets/:ticket_number/comments`. Never retried.
    pub async fn add_comment(&self, ticket_number: &str, comment: &NewComment) -> Result<Comment> {
        require_text("content", &comment.content)?;
        let url = self.ticket_url(ticket_number, Some("comments"))?;
        let envelope: CommentEnvelope = self.call(Method::POST, url, Some(comment)).await?;
        Ok(envelope.comment)
    }

    /// `GET /v1/api/tickets/:ticket_number/comments`.
    pub async fn list_comments(
        &self,
        ticket_number: &str,
        include_internal: bool,
    ) -> Result<Vec<Comment>> {
        let mut url = self.ticket_url(ticket_number, Some("comments"))?;
        url.query_pairs_mut().append_pair(
            "include_internal",
            if include_internal { "true" } else { "false" },
        );
        let envelope: CommentListEnvelope = self.call(Method::GET, url, None::<&()>).await?;
        Ok(envelope.comments)
    }

    fn ticket_url(&self, ticket_number: &str, sub: Option<&str>) -> Result<Url> {
        let number = ticket_number.trim();
        if number.is_empty() {
            return Err(Error::InvalidRequest("a ticket number is required".into()));
        }
        let mut url = self.tickets_url.clone();
        {
            // Pushing a segment percent-encodes it, so a number can never
            // change the path.
            let mut segments = url
                .path_segments_mut()
                .map_err(|_| Error::InvalidBaseUrl("that base URL cannot take a path".into()))?;
            segments.push(number);
            if let Some(sub) = sub {
                segments.push(sub);
            }
        }
        Ok(url)
    }

    /// Sends a request, retrying where repeating it is safe.
    async fn call<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
    ) -> Result<T> {
        let repeatable = method == Method::GET || method == Method::PUT;
        let policy = &self.config.retry;
        let mut attempt = 1;
        loop {
            let result = self.send_once(method.clone(), url.clone(), body).await;
            let err = match result {
                Ok(value) => return Ok(value),
                Err(err) => err,
            };
            if !repeatable || !err.is_transient() || attempt >= policy.max_attempts {
                return Err(err);
            }
            let wait = match err.retry_after() {
                Some(asked) if asked > policy.max_retry_after => return Err(err),
                Some(asked) => asked,
                None => policy.backoff(attempt),
            };
            tracing::debug!(%method, path = url.path(), attempt, wait_ms = wait.as_millis() as u64, error = %err.log_summary(), "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn send_once<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
    ) -> Result<T> {
        let mut key_header = HeaderValue::from_str(self.key.expose_secret())
            .map_err(|_| Error::InvalidRequest("the API key cannot be sent as a header".into()))?;
        key_header.set_sensitive(true);
        let path = url.path().to_owned();
        let mut request = self
            .http
            .request(method.clone(), url)
            .header(API_KEY_HEADER, key_header)
            .header(ACCEPT, "application/json");
        if let Some(body) = body {
            request = request.json(body);
        }
        let started = Instant::now();
        let response = request.send().await.map_err(Error::transport)?;
        let status = response.status();
        let result = self.read_answer(response).await;
        tracing::debug!(%method, path, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, ok = result.is_ok(), "ping request");
        result
    }

    async fn read_answer<T: DeserializeOwned>(&self, response: Response) -> Result<T> {
        let status = response.status();
        if let Some(seen) =
            RateLimitStatus::from_headers(response.headers(), Utc::now().timestamp_millis())
        {
            *self.rate_limit.lock().unwrap_or_else(|p| p.into_inner()) = Some(seen);
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_owned();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| parse_retry_after(v.as_bytes(), Utc::now()));
        let body = read_limited(response, self.config.max_response_bytes).await?;
        decode_answer(status, &content_type, retry_after, &body)
    }
}

/// Reads one of Ping's answers as `T`, or as the error it reports. Whatever
/// the status and bytes, the result is `Ok` or an `Error` whose text quotes
/// at most a bounded part of what the server sent.
pub(crate) fn decode_answer<T: DeserializeOwned>(
    status: StatusCode,
    content_type: &str,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Result<T> {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let failed_envelope = json
        .as_ref()
        .and_then(|v| v.get("result"))
        .and_then(Value::as_str)
        == Some("failed");
    if status.is_success() && !failed_envelope {
        let Some(json) = json else {
            return Err(Error::UnexpectedResponse {
                status: status.as_u16(),
                detail: format!("a {} body instead of JSON", bounded(content_type)),
            });
        };
        // serde's message quotes the offending value, which may be long.
        return serde_json::from_value(json).map_err(|e| Error::UnexpectedResponse {
            status: status.as_u16(),
            detail: bounded(&format!("unreadable answer: {e}")),
        });
    }
    if status.is_redirection() {
        return Err(Error::UnexpectedResponse {
            status: status.as_u16(),
            detail: "a redirect, which was not followed (Ping's API does not redirect, and following it would send the key elsewhere)".into(),
        });
    }
    let envelope = json.and_then(|v| serde_json::from_value::<ErrorEnvelope>(v).ok());
    Err(Error::Api(api_error(
        status,
        envelope,
        content_type,
        retry_after,
    )))
}

fn api_error(
    status: StatusCode,
    envelope: Option<ErrorEnvelope>,
    content_type: &str,
    retry_after: Option<Duration>,
) -> ApiError {
    let reason = status.canonical_reason().unwrap_or("error").to_owned();
    match envelope {
        Some(envelope) => ApiError {
            status: status.as_u16(),
            code: envelope.code.filter(|c| !c.is_empty()).map(|c| bounded(&c)),
            message: envelope
                .message
                .filter(|m| !m.is_empty())
                .map_or(reason, |m| bounded(&m)),
            error_info: envelope.error_info.and_then(|info| match info {
                Value::Null => None,
                Value::String(text) => Some(bounded(&text)),
                other => Some(bounded(&other.to_string())),
            }),
            retry_after,
        },
        None => ApiError {
            status: status.as_u16(),
            code: None,
            message: reason,
            error_info: Some(format!(
                "the answer was not Ping's JSON ({})",
                bounded(content_type)
            )),
            retry_after,
        },
    }
}

/// Reads the body, refusing to hold more than `limit` bytes.
async fn read_limited(mut response: Response, limit: u64) -> Result<Vec<u8>> {
    let declared = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit) {
        return Err(Error::ResponseTooLarge { limit_bytes: limit });
    }
    let mut body = Vec::with_capacity(declared.unwrap_or(0).min(limit) as usize);
    while let Some(chunk) = response.chunk().await.map_err(Error::transport)? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(Error::ResponseTooLarge { limit_bytes: limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn require_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::InvalidRequest(format!("{field} is required")));
    }
    Ok(())
}

fn validate_paging(query: &ListQuery) -> Result<()> {
    if let Some(per_page) = query.per_page {
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(Error::InvalidRequest(format!(
                "per_page must be between 1 and {MAX_PER_PAGE} (got {per_page})"
            )));
        }
    }
    if query.page == Some(0) {
        return Err(Error::InvalidRequest("page numbers start at 1".into()));
    }
    Ok(())
}

/// Ping must be reached over HTTPS; plain HTTP is allowed only to this
/// computer, where the sandbox runs.
pub fn validate_base_url(raw: &str) -> Result<Url> {
    let raw = raw.trim();
    let mut url = Url::parse(raw)
        .map_err(|e| Error::InvalidBaseUrl(format!("the base URL is not a valid URL ({e})")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::InvalidBaseUrl(
            "the base URL must not contain a user name or password".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::InvalidBaseUrl(
            "the base URL must not have a query (?) or fragment (#)".into(),
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url.host()) => {}
        "http" => {
            return Err(Error::InvalidBaseUrl(
                "Ping must be reached over https://; plain http:// is allowed only for a sandbox on this computer (127.0.0.1, [::1] or localhost)".into(),
            ))
        }
        other => {
            return Err(Error::InvalidBaseUrl(format!(
                "the base URL must start with https:// (not {other}://)"
            )))
        }
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::MAX_PING_TEXT_CHARS;

    fn key() -> ApiKey {
        ApiKey::parse("pk_test_abcdefghijklmnopqrstuvwxyz012345").unwrap()
    }

    #[test]
    fn base_url_rules() {
        for ok in [
            "https://api.ping.co.zw",
            "https://api.ping.co.zw/",
            "http://127.0.0.1:8787",
            "http://127.8.9.10:1",
            "http://[::1]:8080",
            "http://localhost:3000",
            "https://proxy.example/ping",
        ] {
            assert!(validate_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.ping.co.zw",
            "http://192.168.1.10:8787",
            "ftp://api.ping.co.zw",
            "https://user:pw@api.ping.co.zw",
            "https://api.ping.co.zw/?x=1",
            "api.ping.co.zw",
            "",
        ] {
            let err = validate_base_url(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidBaseUrl(_)), "{bad}: {err}");
        }
    }

    #[test]
    fn urls_keep_a_path_prefix_and_encode_numbers() {
        let client = PingClient::new("https://proxy.example/ping", key()).unwrap();
        assert_eq!(client.base_url(), "https://proxy.example/ping");
        let url = client
            .ticket_url("TKT-2026-00042", Some("comments"))
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://proxy.example/ping/v1/api/tickets/TKT-2026-00042/comments"
        );
        let sneaky = client.ticket_url("../../admin?x", None).unwrap();
        assert_eq!(
            sneaky.as_str(),
            "https://proxy.example/ping/v1/api/tickets/..%2F..%2Fadmin%3Fx"
        );
        let root = PingClient::new(PRODUCTION_BASE_URL, key()).unwrap();
        assert_eq!(root.base_url(), "https://api.ping.co.zw");
    }

    #[test]
    fn client_debug_does_not_show_the_key() {
        let client = PingClient::new(PRODUCTION_BASE_URL, key()).unwrap();
        let printed = format!("{client:?}");
        assert!(!printed.contains("abcdefghij"), "{printed}");
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn a_huge_error_message_is_cut() {
        let body = serde_json::json!({
            "result": "failed",
            "message": "m".repeat(1_000_000),
            "code": "C".repeat(10_000),
            "error_info": {"field": "f".repeat(50_000)},
        });
        let err = decode_answer::<TicketEnvelope>(
            StatusCode::BAD_REQUEST,
            "application/json",
            None,
            body.to_string().as_bytes(),
        )
        .err()
        .expect("Ping's error");
        let api = err.api().expect("Ping's envelope");
        for text in [
            &api.message,
            api.code.as_ref().unwrap(),
            api.error_info.as_ref().unwrap(),
        ] {
            assert!(
                text.chars().count() <= MAX_PING_TEXT_CHARS + 1,
                "{}",
                text.len()
            );
            assert!(text.ends_with('…'));
        }
        assert!(err.to_string().chars().count() < 1_000);
    }

    #[test]
    fn a_huge_value_quoted_by_the_decoder_is_cut() {
        let body = serde_json::json!({
            "ticket": {"ticketNumber": "TKT-2026-00001", "csatScore": "5".repeat(1_000_000)},
        });
        let err = decode_answer::<TicketEnvelope>(
            StatusCode::OK,
            &"text/html; ".repeat(10_000),
            None,
            body.to_string().as_bytes(),
        )
        .err()
        .expect("an unreadable answer");
        let Error::UnexpectedResponse { detail, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(detail.starts_with("unreadable answer: invalid type: string"));
        assert!(detail.chars().count() <= MAX_PING_TEXT_CHARS + 1);
        let not_json =
            decode_answer::<TicketEnvelope>(StatusCode::OK, &"x".repeat(100_000), None, b"<html>")
                .err()
                .expect("not JSON");
        assert!(not_json.to_string().chars().count() < 1_000, "{not_json}");
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default();
        let first = policy.backoff(1);
        assert!(first >= Duration::from_millis(125) && first <= Duration::from_millis(250));
        let late = policy.backoff(20);
        assert!(late <= policy.max_delay && late >= policy.max_delay / 2);
    }

    /// Ping's answers as the client decodes them, from well-formed to hostile.
    mod decode_properties {
        use super::*;
        use proptest::prelude::*;
        use serde_json::json;

        const FIELDS: &[&str] = &[
            "ticketNumber",
            "publicId",
            "subject",
            "description",
            "status",
            "priority",
            "category",
            "channel",
            "customFirstName",
            "customerPhone",
            "customFields",
            "resolutionNotes",
            "csatScore",
            "tags",
            "dateCreated",
            "dateUpdated",
            "authorType",
            "content",
            "isInternal",
            "page",
            "perPage",
            "total",
            "totalPages",
            "result",
            "message",
            "code",
            "error_info",
        ];

        /// Numbers as text, including ones no Rust number holds.
        const NUMBERS: &[&str] = &[
            "0",
            "-0",
            "-1",
            "1.5",
            "1e400",
            "-1e400",
            "4294967296",
            "18446744073709551616",
            "123456789012345678901234567890",
            "9223372036854775808",
            "-9223372036854775809",
        ];

        fn json_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                any::<f64>().prop_filter_map("finite", |f| {
                    serde_json::Number::from_f64(f).map(Value::Number)
                }),
                text().prop_map(Value::String),
                prop::sample::select(FIELDS).prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 48, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                    prop::collection::vec((field_name(), inner), 0..6)
                        .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
                ]
            })
        }

        /// Mostly short text, sometimes far longer than an error may quote.
        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                3 => ".{0,24}",
                1 => "[a-z \"]{1200,3000}",
            ]
        }

        fn field_name() -> impl Strategy<Value = String> {
            prop_oneof![
                3 => prop::sample::select(FIELDS).prop_map(str::to_owned),
                1 => ".{0,10}",
            ]
        }

        /// An object with Ping's field names and values of any type.
        fn ping_object() -> impl Strategy<Value = Value> {
            prop::collection::vec((field_name(), json_value()), 0..10)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect()))
        }

        /// Bodies shaped like each of Ping's answers, with any values inside.
        fn ping_shaped() -> impl Strategy<Value = Value> {
            let result = prop_oneof![Just(json!("success")), Just(json!("failed")), json_value()];
            (
                result,
                ping_object(),
                prop::collection::vec(ping_object(), 0..4),
                ping_object(),
                (text(), text()),
            )
                .prop_flat_map(|(result, one, many, extra, (message, code))| {
                    prop_oneof![
                        Just(json!({"result": result, "ticket": one})),
                        Just(json!({"result": result, "tickets": many, "pagination": extra})),
                        Just(json!({"result": result, "comment": one})),
                        Just(json!({"result": result, "comments": many})),
                        Just(json!({"result": result, "message": one, "code": extra, "error_info": many})),
                        Just(json!({"result": "failed", "message": message, "code": code, "error_info": one})),
                    ]
                })
        }

        /// Ping-shaped text with numbers too large or odd for their fields.
        fn odd_numbers() -> impl Strategy<Value = Vec<u8>> {
            (prop::sample::select(NUMBERS), prop::sample::select(NUMBERS)).prop_map(|(a, b)| {
                format!(
                    r#"{{"tickets":[{{"ticketNumber":{a},"csatScore":{b}}}],"pagination":{{"page":{a},"perPage":{b},"total":{a},"totalPages":{b}}},"comment":{{"isInternal":{a}}},"ticket":{{"ticketNumber":"T","csatScore":{a}}},"result":"failed","message":{b}}}"#
                )
                .into_bytes()
            })
        }

        /// Nesting far past serde_json's recursion limit, inside a ticket.
        fn deeply_nested() -> impl Strategy<Value = Vec<u8>> {
            (
                1usize..3_000,
                prop::sample::select(&["[", "{\"a\":"][..]),
                any::<bool>(),
            )
                .prop_map(|(depth, open, closed)| {
                    let close = if open == "[" { "]" } else { "}" };
                    let mut text = String::from(r#"{"ticket":{"ticketNumber":"T","customFields":"#);
                    text.push_str(&open.repeat(depth));
                    text.push('1');
                    if closed {
                        text.push_str(&close.repeat(depth));
                        text.push_str("}}");
                    }
                    text.into_bytes()
                })
        }

        fn body() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..256),
                json_value().prop_map(|v| v.to_string().into_bytes()),
                ping_shaped().prop_map(|v| v.to_string().into_bytes()),
                odd_numbers(),
                deeply_nested(),
            ]
        }

        fn status() -> impl Strategy<Value = StatusCode> {
            prop_oneof![
                Just(200u16),
                Just(201),
                400u16..500,
                500u16..600,
                100u16..1000,
            ]
            .prop_map(|code| StatusCode::from_u16(code).expect("100..1000 is a valid status"))
        }

        /// The answer decodes or fails; either way nothing panics and the
        /// error's text stays short, whatever Ping sent.
        fn check<T: DeserializeOwned>(
            status: StatusCode,
            body: &[u8],
        ) -> Result<(), TestCaseError> {
            if let Err(err) = decode_answer::<T>(status, "application/json", None, body) {
                let text = err.to_string();
                prop_assert!(text.chars().count() < 4 * MAX_PING_TEXT_CHARS, "{}", text);
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn any_answer_decodes_or_errs_for_every_response_type(
                status in status(),
                body in body(),
            ) {
                check::<TicketEnvelope>(status, &body)?;
                check::<TicketListEnvelope>(status, &body)?;
                check::<CommentEnvelope>(status, &body)?;
                check::<CommentListEnvelope>(status, &body)?;
            }
        }
    }
}
