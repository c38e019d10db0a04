//! Fixed-window rate limiting per API key.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::error::json_response;

/// A fixed window: at most `limit` requests per key in each `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub limit: u32,
    pub window: Duration,
}

/// The outcome of counting one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateDecision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Unix time (seconds) when the current window ends.
    pub reset_unix: u64,
    /// Seconds until the window ends, at least 1.
    pub retry_after_secs: u64,
}

struct Window {
    started: Instant,
    used: u32,
    /// Requests counted in each finished window, oldest first (for tests:
    /// how much of the limit a client spent).
    history: Vec<u32>,
}

pub(crate) struct RateLimiter {
    config: RateLimit,
    windows: Mutex<HashMap<String, Window>>,
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

pub(crate) fn unix_now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl RateLimiter {
    pub fn new(config: RateLimit) -> Self {
        Self {
            config,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request for `key` (only known keys reach this, so the map is bounded).
    pub fn check(&self, key: &str) -> RateDecision {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let w = windows.entry(key.to_owned()).or_insert(Window {
            started: now,
            used: 0,
            history: Vec::new(),
        });
        if now.duration_since(w.started) >= self.config.window {
            if w.history.len() >= 10_000 {
                w.history.remove(0);
            }
            w.history.push(w.used);
            w.started = now;
            w.used = 0;
        }
        let left = (w.started + self.config.window).saturating_duration_since(now);
        let allowed = w.used < self.config.limit;
        if allowed {
            w.used += 1;
        }
        RateDecision {
            allowed,
            limit: self.config.limit,
            remaining: self.config.limit.saturating_sub(w.used),
            reset_unix: unix_now_secs() + ceil_secs(left),
            retry_after_secs: ceil_secs(left).max(1),
        }
    }
}

impl RateLimiter {
    /// Requests counted for `key` in each window so far, the current one
    /// last (allowed requests only: a 429 is not counted).
    pub fn windows(&self, key: &str) -> Vec<u32> {
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        windows
            .get(key)
            .map(|w| {
                let mut all = w.history.clone();
                all.push(w.used);
                all
            })
            .unwrap_or_default()
    }
}

pub(crate) fn apply_headers(headers: &mut HeaderMap, d: &RateDecision) {
    headers.insert("x-ratelimit-limit", HeaderValue::from(d.limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(d.remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(d.reset_unix));
}

/// Ping's 429: fixed body shape with the real number of seconds.
pub(crate) fn too_many_requests(retry_after_secs: u64) -> Response {
    let body = json!({
        "result": "failed",
        "message": format!("Rate limit exceeded. Please retry after {retry_after_secs} seconds."),
        "code": "RATE_LIMIT_EXCEEDED",
    });
    let mut resp = json_response(StatusCode::TOO_MANY_REQUESTS, &body);
    resp.headers_mut()
        .insert("retry-after", HeaderValue::from(retry_after_secs));
    resp
}
