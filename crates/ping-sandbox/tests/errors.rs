//! Every error code: auth, routing, body parsing, validation, rate limiting.

mod common;

use std::time::Duration;

use common::*;
use ping_sandbox::{ApiKeyGrant, RateLimit, SandboxConfig};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn post_ticket(api: &Api, body: Value) -> (StatusCode, Value) {
    api.post("/v1/api/tickets", body).await
}

#[tokio::test]
async fn auth_missing_invalid_forbidden() {
    let no_perm = "pk_live_NoTicketsPermission0000000000";
    let api = Api::start(SandboxConfig {
        api_keys: vec![
            ApiKeyGrant::with_tickets("pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            ApiKeyGrant::without_tickets(no_perm),
        ],
        ..Default::default()
    })
    .await;
    assert_eq!(api.sb.api_key(), "pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let routes = [
        (Method::GET, "/v1/api/tickets"),
        (Method::POST, "/v1/api/tickets"),
        (Method::GET, "/v1/api/tickets/TKT-2026-00001"),
        (Method::PUT, "/v1/api/tickets/TKT-2026-00001"),
        (Method::GET, "/v1/api/tickets/TKT-2026-00001/comments"),
        (Method::POST, "/v1/api/tickets/TKT-2026-00001/comments"),
    ];
    for (method, path) in routes {
        // Auth comes before body validation: send an invalid body.
        let body = Some(json!("not an object"));
        let r = api
            .send_with_key(method.clone(), path, None, body.clone())
            .await
            .unwrap();
        let (s, v) = json_of(r).await;
        assert_error(s, &v, 401, "MISSING_API_KEY", None);

        let r = api
            .send_with_key(method.clone(), path, Some(""), body.clone())
            .await
            .unwrap();
        let (s, v) = json_of(r).await;
        assert_error(s, &v, 401, "MISSING_API_KEY", None);

        let wrong = "pk_test_WRONGWRONGWRONGWRONGWRONGWRONG1";
        let r = api
            .send_with_key(method.clone(), path, Some(wrong), body.clone())
            .await
            .unwrap();
        let (s, v) = json_of(r).await;
        assert_error(s, &v, 401, "INVALID_API_KEY", None);
        assert!(!v.to_string().contains(wrong), "key echoed: {v}");

        let r = api
            .send_with_key(method.clone(), path, Some(no_perm), body)
            .await
            .unwrap();
        let (s, v) = json_of(r).await;
        assert_error(s, &v, 403, "INSUFFICIENT_PERMISSIONS", None);
        assert!(!v.to_string().contains(no_perm), "key echoed: {v}");
    }
    // Bearer auth (an older Ping page) is not the Tickets API's scheme.
    let r = api
        .client
        .get(api.url("/v1/api/tickets"))
        .bearer_auth(api.sb.api_key())
        .send()
        .await
        .unwrap();
    let (s, v) = json_of(r).await;
    assert_error(s, &v, 401, "MISSING_API_KEY", None);
    assert_eq!(api.sb.ticket_count(), 0);
}

#[tokio::test]
async fn unknown_route_and_wrong_method() {
    let api = Api::new().await;
    for path in [
        "/",
        "/v1",
        "/v1/api/ticket",
        "/v2/api/tickets",
        "/v1/api/tickets/X/notes",
    ] {
        let (s, v) = api.get(path).await;
        assert_error(s, &v, 404, "NOT_FOUND", None);
    }
    for (method, path) in [
        (Method::DELETE, "/v1/api/tickets/TKT-2026-00001"),
        (Method::PATCH, "/v1/api/tickets/TKT-2026-00001"),
        (Method::PUT, "/v1/api/tickets"),
        (Method::DELETE, "/v1/api/tickets/TKT-2026-00001/comments"),
    ] {
        let (s, v) = api.call(method, path, None).await;
        assert_error(s, &v, 405, "METHOD_NOT_ALLOWED", None);
    }
    // Control API is off by default.
    let (s, v) = api.get("/_sandbox/stats").await;
    assert_error(s, &v, 404, "NOT_FOUND", None);
}

#[tokio::test]
async fn invalid_json_and_payload_too_large() {
    let api = Api::new().await;
    let raw = |path: &'static str, method: Method, body: Vec<u8>| {
        let api = &api;
        async move {
            let r = api
                .client
                .request(method, api.url(path))
                .header("X-Ping-Api-Key", api.sb.api_key())
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .expect("response");
            json_of(r).await
        }
    };
    let paths: [(&'static str, Method); 3] = [
        ("/v1/api/tickets", Method::POST),
        ("/v1/api/tickets/TKT-0000-00000/comments", Method::POST),
        ("/v1/api/tickets/TKT-0000-00000", Method::PUT),
    ];
    for (path, method) in paths {
        for body in [
            &b"not json"[..],
            b"",
            b"[1,2,3]",
            b"\"string\"",
            b"42",
            b"null",
            b"{\"subject\": ",
        ] {
            let (s, v) = raw(path, method.clone(), body.to_vec()).await;
            assert_error(s, &v, 400, "INVALID_JSON", None);
        }
    }
    // 1.5 MiB: over the 1 MiB limit.
    let big = json!({"subject": "big", "description": "x".repeat(1_536 * 1024)}).to_string();
    let (s, v) = raw("/v1/api/tickets", Method::POST, big.into_bytes()).await;
    assert_error(s, &v, 413, "PAYLOAD_TOO_LARGE", None);
    // Just under the limit is fine.
    let ok = json!({"subject": "big", "description": "x".repeat(1000 * 1024)}).to_string();
    let (s, _) = raw("/v1/api/tickets", Method::POST, ok.into_bytes()).await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn create_validation_errors() {
    let api = Api::new().await;
    for (field, bad) in [
        ("subject", None),
        ("subject", Some(Value::Null)),
        ("subject", Some(json!(""))),
        ("subject", Some(json!("   \t\n"))),
        ("subject", Some(json!(5))),
        ("description", None),
        ("description", Some(json!(""))),
        ("description", Some(json!(["x"]))),
    ] {
        let mut body = json!({"subject": "S", "description": "D"});
        match bad {
            None => {
                body.as_object_mut().unwrap().remove(field);
            }
            Some(v) => body[field] = v,
        }
        let (s, v) = post_ticket(&api, body).await;
        assert_error(s, &v, 400, "MISSING_REQUIRED_FIELD", Some(field));
    }

    let invalid_values = [
        ("priority", json!("urgent")),
        ("priority", json!("HIGH")),
        ("priority", json!("")),
        ("priority", json!(3)),
        ("channel", json!("fax")),
        ("channel", json!(true)),
        ("category", json!(5)),
        ("country", json!({"name": "Zimbabwe"})),
        ("store_region", json!(1)),
        ("customer_first_name", json!(["Tendai"])),
        ("customer_last_name", json!(false)),
        ("customer_phone", json!(263775550142_i64)),
        ("customer_email", json!(1)),
        ("preferred_language", json!(2)),
        ("external_ticket_id", json!(12345)),
        ("custom_fields", json!("a=b")),
        ("custom_fields", json!([1, 2])),
    ];
    for (field, bad) in invalid_values {
        let mut body = json!({"subject": "S", "description": "D"});
        body[field] = bad;
        let (s, v) = post_ticket(&api, body).await;
        assert_error(s, &v, 400, "INVALID_FIELD_VALUE", Some(field));
    }

    for phone in [
        "0775550142",
        "263775550142",
        "+263 77 555 0142",
        "+0263775550142",
        "+12345",
        "+2637755501420000",
        "+26377abc0142",
    ] {
        let (s, v) = post_ticket(
            &api,
            json!({"subject": "S", "description": "D", "customer_phone": phone}),
        )
        .await;
        assert_error(s, &v, 400, "INVALID_PHONE_FORMAT", Some("customer_phone"));
    }
    // Ping documents no email check: any text is stored as given.
    for email in ["tendai", "[email protected]", "tendai moyo@example.com"] {
        let (s, v) = post_ticket(
            &api,
            json!({"subject": "S", "description": "D", "customer_email": email}),
        )
        .await;
        assert_eq!(s, 201, "{email}: {v}");
        assert_eq!(v["ticket"]["customerEmail"], email);
    }
    for channel in [
        "api",
        "whatsapp",
        "email",
        "phone",
        "in_store",
        "sms",
        "social_media",
        "live_chat",
    ] {
        let (s, v) = post_ticket(
            &api,
            json!({"subject": "S", "description": "D", "channel": channel}),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        assert_eq!(v["ticket"]["channel"], channel);
    }
    assert_eq!(
        api.sb.ticket_count(),
        8 + 3,
        "eight channels and three emails"
    );
}

#[tokio::test]
async fn duplicate_external_id() {
    // Default: Ping promises nothing, duplicates are accepted.
    let api = Api::new().await;
    api.create(json!({"external_ticket_id": "desk-42"})).await;
    api.create(json!({"external_ticket_id": "desk-42"})).await;
    assert_eq!(api.sb.ticket_count(), 2);

    let api = Api::start(SandboxConfig {
        reject_duplicate_external_id: true,
        ..Default::default()
    })
    .await;
    api.create(json!({"external_ticket_id": "desk-42"})).await;
    let (s, v) = post_ticket(
        &api,
        json!({"subject": "S", "description": "D", "external_ticket_id": "desk-42"}),
    )
    .await;
    assert_error(
        s,
        &v,
        409,
        "DUPLICATE_EXTERNAL_ID",
        Some("external_ticket_id"),
    );
    // Empty ids are never considered duplicates.
    api.create(json!({"external_ticket_id": ""})).await;
    api.create(json!({"external_ticket_id": ""})).await;
    api.create(json!({"external_ticket_id": "desk-43"})).await;
    assert_eq!(api.sb.ticket_count(), 4);
}

#[tokio::test]
async fn not_found_errors() {
    let api = Api::new().await;
    let missing = "TKT-1999-99999";
    let (s, v) = api.get(&format!("/v1/api/tickets/{missing}")).await;
    assert_error(s, &v, 404, "TICKET_NOT_FOUND", Some(missing));
    let (s, v) = api
        .put(
            &format!("/v1/api/tickets/{missing}"),
            json!({"status": "closed"}),
        )
        .await;
    assert_error(s, &v, 404, "TICKET_NOT_FOUND", Some(missing));
    let (s, v) = api
        .post(
            &format!("/v1/api/tickets/{missing}/comments"),
            json!({"content": "hi"}),
        )
        .await;
    assert_error(s, &v, 404, "TICKET_NOT_FOUND", Some(missing));
    let (s, v) = api
        .get(&format!("/v1/api/tickets/{missing}/comments"))
        .await;
    assert_error(s, &v, 404, "TICKET_NOT_FOUND", Some(missing));
    assert_eq!(api.sb.comment_count(), 0);
}

#[tokio::test]
async fn update_validation_errors() {
    let api = Api::new().await;
    let n = api.create(json!({})).await;
    let path = format!("/v1/api/tickets/{n}");
    for body in [
        json!({}),
        json!({"subject": "not updatable", "description": "nor this"}),
        json!({"status": null, "csat_score": null, "custom_fields": null}),
    ] {
        let (s, v) = api.put(&path, body).await;
        assert_error(s, &v, 400, "NO_FIELDS_TO_UPDATE", None);
    }
    for bad in [
        json!(0),
        json!(6),
        json!(-1),
        json!(4.5),
        json!(5.0),
        json!("5"),
        json!(true),
        json!([5]),
    ] {
        let (s, v) = api.put(&path, json!({"csat_score": bad})).await;
        assert_error(s, &v, 400, "INVALID_CSAT_SCORE", Some("csat_score"));
    }
    for (field, bad) in [
        ("status", json!("done")),
        ("status", json!("Open")),
        ("priority", json!("urgent")),
        ("category", json!(1)),
        ("resolution_notes", json!({"a": 1})),
        ("action_taken", json!(false)),
        ("tags", json!(["a", "b"])),
        ("custom_fields", json!("x")),
    ] {
        let (s, v) = api.put(&path, json!({ field: bad })).await;
        assert_error(s, &v, 400, "INVALID_FIELD_VALUE", Some(field));
    }
    // Nothing was changed by the rejected updates.
    let (_, v) = api.get(&path).await;
    assert_eq!(v["ticket"]["status"], "open");
    assert!(v["ticket"]["csatScore"].is_null());
}

#[tokio::test]
async fn comment_validation_errors() {
    let api = Api::new().await;
    let n = api.create(json!({})).await;
    let path = format!("/v1/api/tickets/{n}/comments");
    for body in [
        json!({}),
        json!({"content": ""}),
        json!({"content": "  "}),
        json!({"content": null}),
        json!({"content": 7}),
    ] {
        let (s, v) = api.post(&path, body).await;
        assert_error(s, &v, 400, "MISSING_REQUIRED_FIELD", Some("content"));
    }
    for (field, bad) in [
        ("is_internal", json!("yes")),
        ("is_internal", json!(1)),
        ("author_type", json!("agent")),
        ("author_type", json!(3)),
    ] {
        let mut body = json!({"content": "hello"});
        body[field] = bad;
        let (s, v) = api.post(&path, body).await;
        assert_error(s, &v, 400, "INVALID_FIELD_VALUE", Some(field));
    }
    let (s, v) = api.get(&format!("{path}?include_internal=maybe")).await;
    assert_error(s, &v, 400, "INVALID_FIELD_VALUE", Some("include_internal"));
    assert_eq!(api.sb.comment_count(), 0);
}

#[tokio::test]
async fn list_query_errors() {
    let api = Api::new().await;
    for q in [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "per_page=0",
        "per_page=ten",
        "per_page=-5",
        "per_page=2.0",
    ] {
        let (s, v) = api.get(&format!("/v1/api/tickets?{q}")).await;
        let field = q.split('=').next().unwrap();
        assert_error(s, &v, 400, "INVALID_PAGINATION", Some(field));
    }
    for (q, field) in [
        ("status=pending", "status"),
        ("priority=urgent", "priority"),
        ("channel=fax", "channel"),
    ] {
        let (s, v) = api.get(&format!("/v1/api/tickets?{q}")).await;
        assert_error(s, &v, 400, "INVALID_FIELD_VALUE", Some(field));
    }
}

#[tokio::test]
async fn rate_limit_headers_and_429() {
    let other = "sk_test_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    let api = Api::start(SandboxConfig {
        api_keys: vec![
            ApiKeyGrant::with_tickets("pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            ApiKeyGrant::with_tickets(other),
        ],
        rate_limit: Some(RateLimit {
            limit: 3,
            window: Duration::from_secs(60),
        }),
        ..Default::default()
    })
    .await;
    let now = ping_now();
    for expected_remaining in [2, 1, 0] {
        let r = api.send(Method::GET, "/v1/api/tickets", None).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(header(&r, "x-ratelimit-limit"), "3");
        assert_eq!(
            header(&r, "x-ratelimit-remaining"),
            expected_remaining.to_string()
        );
        let reset: u64 = header(&r, "x-ratelimit-reset").parse().unwrap();
        assert!(
            reset >= now + 59 && reset <= now + 62,
            "reset {reset} now {now}"
        );
    }
    let r = api
        .send(
            Method::POST,
            "/v1/api/tickets",
            Some(json!({"subject": "S", "description": "D"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = header(&r, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(header(&r, "x-ratelimit-remaining"), "0");
    let (_, v) = json_of(r).await;
    assert_eq!(
        v,
        json!({
            "result": "failed",
            "message": format!("Rate limit exceeded. Please retry after {retry} seconds."),
            "code": "RATE_LIMIT_EXCEEDED"
        })
    );
    assert_eq!(api.sb.ticket_count(), 0, "limited request must not write");

    // Limits are per key.
    let r = api
        .send_with_key(Method::GET, "/v1/api/tickets", Some(other), None)
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "x-ratelimit-remaining"), "2");
}

#[tokio::test]
async fn rate_limit_window_resets() {
    let api = Api::start(SandboxConfig {
        rate_limit: Some(RateLimit {
            limit: 1,
            window: Duration::from_millis(800),
        }),
        ..Default::default()
    })
    .await;
    assert_eq!(
        api.send(Method::GET, "/v1/api/tickets", None)
            .await
            .status(),
        StatusCode::OK
    );
    let r = api.send(Method::GET, "/v1/api/tickets", None).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&r, "retry-after"), "1");
    tokio::time::sleep(Duration::from_millis(850)).await;
    assert_eq!(
        api.send(Method::GET, "/v1/api/tickets", None)
            .await
            .status(),
        StatusCode::OK
    );
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .unwrap_or_else(|| panic!("missing header {name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

fn ping_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}
