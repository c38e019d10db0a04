//! Runtime fault injection, through the Rust handle and the HTTP control API.

mod common;

use std::time::{Duration, Instant};

use common::*;
use ping_sandbox::SandboxConfig;
use reqwest::{Method, StatusCode};
use serde_json::json;

fn create_body(subject: &str) -> serde_json::Value {
    json!({"subject": subject, "description": "fault test"})
}

#[tokio::test]
async fn fail_next_answers_500_without_touching_data() {
    let api = Api::new().await;
    api.sb.faults().fail_next(2);
    for _ in 0..2 {
        let (s, v) = api.post("/v1/api/tickets", create_body("x")).await;
        assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            v,
            json!({"result": "failed", "message": "Internal server error", "code": "INTERNAL_ERROR"})
        );
    }
    assert_eq!(api.sb.ticket_count(), 0);
    let n = api.create(json!({})).await;
    assert_eq!(n, ticket_number(1));
    assert_eq!(api.sb.requests_served(), 3);
}

#[tokio::test]
async fn latency_delays_each_request() {
    let api = Api::new().await;
    api.sb.faults().set_latency(Duration::from_millis(250));
    let started = Instant::now();
    let (s, _) = api.get("/v1/api/tickets").await;
    assert_eq!(s, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(250));
    api.sb.faults().clear();
    let started = Instant::now();
    api.get("/v1/api/tickets").await;
    assert!(started.elapsed() < Duration::from_millis(250));
}

#[tokio::test]
async fn drop_after_commit_loses_the_response_but_keeps_the_write() {
    let api = Api::new().await;
    let faults = api.sb.faults();
    faults.drop_after_commit_next(1);
    // Reads are not writes: unaffected, and don't consume the fault.
    let (s, _) = api.get("/v1/api/tickets").await;
    assert_eq!(s, StatusCode::OK);
    // A rejected write commits nothing: not dropped either.
    let (s, _) = api.post("/v1/api/tickets", json!({"subject": ""})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let err = api
        .send_with_key(
            Method::POST,
            "/v1/api/tickets",
            Some(api.sb.api_key()),
            Some(create_body("lost response")),
        )
        .await
        .expect_err("connection must close without a response");
    assert!(!err.is_status(), "{err}");
    // Committed all the same.
    assert_eq!(api.sb.ticket_count(), 1);
    let (_, v) = api
        .get(&format!("/v1/api/tickets/{}", ticket_number(1)))
        .await;
    assert_eq!(v["ticket"]["subject"], "lost response");

    // Consumed: the next write answers normally (a retry creates a second ticket,
    // as on Ping: no idempotency keys).
    assert_eq!(api.create(json!({})).await, ticket_number(2));

    // PUT and comment writes too.
    faults.drop_after_commit_next(2);
    let path = format!("/v1/api/tickets/{}", ticket_number(1));
    let r = api
        .send_with_key(
            Method::PUT,
            &path,
            Some(api.sb.api_key()),
            Some(json!({"status": "resolved"})),
        )
        .await;
    assert!(r.is_err());
    let r = api
        .send_with_key(
            Method::POST,
            &format!("{path}/comments"),
            Some(api.sb.api_key()),
            Some(json!({"content": "lost"})),
        )
        .await;
    assert!(r.is_err());
    let (_, v) = api.get(&path).await;
    assert_eq!(v["ticket"]["status"], "resolved");
    assert_eq!(api.sb.comment_count(), 1);
    assert_eq!(faults.snapshot().drop_after_commit_next, 0);
}

#[tokio::test]
async fn drop_after_commit_rate() {
    let api = Api::new().await;
    let faults = api.sb.faults();
    faults.set_drop_after_commit_rate(1.0);
    for i in 0..3 {
        let r = api
            .send_with_key(
                Method::POST,
                "/v1/api/tickets",
                Some(api.sb.api_key()),
                Some(create_body(&format!("t{i}"))),
            )
            .await;
        assert!(r.is_err());
    }
    assert_eq!(api.sb.ticket_count(), 3);
    faults.set_drop_after_commit_rate(0.0);
    assert_eq!(api.create(json!({})).await, ticket_number(4));
}

#[tokio::test]
async fn non_json_captive_portal() {
    let api = Api::new().await;
    api.sb.faults().non_json_next(1);
    let r = api
        .send(Method::POST, "/v1/api/tickets", Some(create_body("x")))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/html"), "{ct}");
    let body = r.text().await.unwrap();
    assert!(body.contains("<html") && body.contains("Wi-Fi"), "{body}");
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
    assert_eq!(api.sb.ticket_count(), 0);
    let (s, _) = api.get("/v1/api/tickets").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn too_many_requests_fault() {
    let api = Api::new().await;
    api.sb.faults().too_many_requests_next(2, 7);
    for _ in 0..2 {
        let r = api.send(Method::GET, "/v1/api/tickets", None).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()["retry-after"], "7");
        let (_, v) = json_of(r).await;
        assert_eq!(
            v,
            json!({
                "result": "failed",
                "message": "Rate limit exceeded. Please retry after 7 seconds.",
                "code": "RATE_LIMIT_EXCEEDED"
            })
        );
    }
    let (s, _) = api.get("/v1/api/tickets").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn faults_apply_before_auth_and_only_to_v1() {
    let api = Api::start(SandboxConfig {
        control_api: true,
        ..Default::default()
    })
    .await;
    api.sb.faults().fail_next(1);
    let (s, _) = api.get("/_sandbox/stats").await;
    assert_eq!(s, StatusCode::OK);
    let r = api
        .send_with_key(Method::GET, "/v1/api/tickets", None, None)
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn control_api() {
    let api = Api::start(SandboxConfig {
        control_api: true,
        ..Default::default()
    })
    .await;
    let ctl = |method: Method, body: Option<serde_json::Value>| {
        let api = &api;
        async move {
            let mut req = api.client.request(method, api.url("/_sandbox/faults"));
            if let Some(b) = body {
                req = req.json(&b);
            }
            json_of(req.send().await.unwrap()).await
        }
    };
    let (s, v) = api.get("/_sandbox/stats").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v, json!({"tickets": 0, "comments": 0, "requestsServed": 0}));

    let (s, v) = ctl(
        Method::POST,
        Some(json!({
            "fail_next": 1, "latency_ms": 20, "drop_after_commit_next": 1,
            "drop_after_commit_rate": 0.0, "non_json_next": 1,
            "too_many_requests_next": 1, "retry_after_secs": 3
        })),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["faults"]["fail_next"], 1);
    assert_eq!(v["faults"]["retry_after_secs"], 3);
    let snap = api.sb.faults().snapshot();
    assert_eq!(snap.latency_ms, 20);
    assert_eq!(snap.drop_after_commit_next, 1);

    // Order of one-shot faults: 429, then 500, then HTML, then the drop on a write.
    let r = api.send(Method::GET, "/v1/api/tickets", None).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers()["retry-after"], "3");
    let r = api.send(Method::GET, "/v1/api/tickets", None).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let r = api.send(Method::GET, "/v1/api/tickets", None).await;
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let r = api
        .send_with_key(
            Method::POST,
            "/v1/api/tickets",
            Some(api.sb.api_key()),
            Some(create_body("x")),
        )
        .await;
    assert!(r.is_err());

    let (s, v) = ctl(Method::DELETE, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        v["faults"],
        json!({
            "fail_next": 0, "latency_ms": 0, "drop_after_commit_next": 0,
            "drop_after_commit_rate": 0.0, "non_json_next": 0,
            "too_many_requests_next": 0, "retry_after_secs": 0
        })
    );
    let (_, v) = ctl(Method::GET, None).await;
    assert_eq!(v["faults"]["latency_ms"], 0);

    let n = api.create(json!({})).await;
    api.post(
        &format!("/v1/api/tickets/{n}/comments"),
        json!({"content": "c"}),
    )
    .await;
    let (_, v) = api.get("/_sandbox/stats").await;
    assert_eq!(v, json!({"tickets": 2, "comments": 1, "requestsServed": 6}));
    let stats = api.sb.stats();
    assert_eq!((stats.tickets, stats.comments), (2, 1));

    // Typos and bad values are rejected, not silently ignored.
    for bad in [
        json!({"fail_nxt": 1}),
        json!({"fail_next": -1}),
        json!({"drop_after_commit_rate": 2.0}),
        json!({"latency_ms": "fast"}),
    ] {
        let (s, v) = ctl(Method::POST, Some(bad)).await;
        assert_error(s, &v, 400, "INVALID_FIELD_VALUE", None);
    }
    assert_eq!(api.sb.faults().snapshot().fail_next, 0);
}
