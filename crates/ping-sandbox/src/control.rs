//! `/_sandbox` control endpoints (only when `control_api` is on): let
//! out-of-process tests inject faults and read counters.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{AppState, JsonObject};
use crate::error::{json_response, ApiError};
use crate::faults::FaultSnapshot;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/_sandbox/faults",
            get(get_faults).post(set_faults).delete(clear_faults),
        )
        .route("/_sandbox/stats", get(stats))
}

/// Body of `POST /_sandbox/faults`; every field optional, unknown ones rejected
/// so a typo in a test doesn't silently arm nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRequest {
    fail_next: Option<u32>,
    latency_ms: Option<u64>,
    drop_after_commit_next: Option<u32>,
    drop_after_commit_rate: Option<f64>,
    non_json_next: Option<u32>,
    too_many_requests_next: Option<u32>,
    retry_after_secs: Option<u64>,
}

#[derive(Serialize)]
struct FaultsBody {
    result: &'static str,
    faults: FaultSnapshot,
}

fn faults_response(st: &AppState) -> Response {
    json_response(
        StatusCode::OK,
        &FaultsBody {
            result: "success",
            faults: st.0.faults.snapshot(),
        },
    )
}

async fn get_faults(State(st): State<AppState>) -> Response {
    faults_response(&st)
}

async fn set_faults(
    State(st): State<AppState>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let req: FaultRequest = serde_json::from_value(Value::Object(body))
        .map_err(|e| ApiError::invalid_field("faults", &e.to_string()).info(e.to_string()))?;
    if let Some(p) = req.drop_after_commit_rate {
        if !(0.0..=1.0).contains(&p) {
            return Err(ApiError::invalid_field(
                "drop_after_commit_rate",
                "must be between 0 and 1",
            ));
        }
    }
    let faults = &st.0.faults;
    if let Some(ms) = req.latency_ms {
        faults.set_latency(Duration::from_millis(ms));
    }
    if let Some(n) = req.drop_after_commit_next {
        faults.drop_after_commit_next(n);
    }
    if let Some(p) = req.drop_after_commit_rate {
        faults.set_drop_after_commit_rate(p);
    }
    if let Some(n) = req.non_json_next {
        faults.non_json_next(n);
    }
    if req.too_many_requests_next.is_some() || req.retry_after_secs.is_some() {
        let current = faults.snapshot();
        let secs = req
            .retry_after_secs
            .unwrap_or(if current.retry_after_secs == 0 {
                60
            } else {
                current.retry_after_secs
            });
        let n = req
            .too_many_requests_next
            .unwrap_or(current.too_many_requests_next);
        faults.too_many_requests_next(n, secs);
    }
    if let Some(n) = req.fail_next {
        faults.fail_next(n);
    }
    Ok(faults_response(&st))
}

async fn clear_faults(State(st): State<AppState>) -> Response {
    st.0.faults.clear();
    faults_response(&st)
}

async fn stats(State(st): State<AppState>) -> Result<Response, ApiError> {
    let stats = crate::collect_stats(&st.0)?;
    Ok(json_response(StatusCode::OK, &stats))
}
