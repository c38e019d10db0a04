//! Every error path of the client against a real sandbox: Ping's envelope
//! statuses, transport failures and what they say about delivery, retries,
//! limits, and that the key never shows in an error.

mod support;

use ping_api::{
    ApiErrorKind, ApiKey, ClientConfig, Delivery, Error, ListQuery, NewComment, NewTicket,
    PingClient, Priority, RetryPolicy, Status, TicketUpdate, WriteOutcome,
};
use ping_sandbox::{ApiKeyGrant, RateLimit, SandboxConfig};
use std::time::{Duration, Instant};
use support::*;

const OTHER_KEY: &str = "pk_test_ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

fn ticket(subject: &str) -> NewTicket {
    NewTicket::new(subject, "Walk-in at the Harare CBD counter")
}

/// The error's texts must never carry a key.
fn assert_no_key(err: &Error, keys: &[&str]) {
    for text in [err.to_string(), format!("{err:?}")] {
        for key in keys {
            assert!(!text.contains(key), "key leaked into {text}");
        }
    }
}

#[tokio::test]
async fn unknown_key_is_401_and_never_echoed() {
    let sandbox = sandbox().await;
    let client = PingClient::new(&sandbox.base_url(), ApiKey::parse(OTHER_KEY).unwrap()).unwrap();
    let err = client.get_ticket("TKT-2026-00001").await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Unauthorized));
    assert_eq!(err.api().unwrap().code.as_deref(), Some("INVALID_API_KEY"));
    assert!(!err.is_transient());
    assert_no_key(&err, &[OTHER_KEY, sandbox.api_key()]);
}

#[tokio::test]
async fn key_without_tickets_permission_is_403() {
    let sandbox = sandbox_with(SandboxConfig {
        api_keys: vec![
            ApiKeyGrant {
                key: "pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(),
                tickets_permission: true,
            },
            ApiKeyGrant {
                key: OTHER_KEY.into(),
                tickets_permission: false,
            },
        ],
        ..Default::default()
    })
    .await;
    let client = PingClient::new(&sandbox.base_url(), ApiKey::parse(OTHER_KEY).unwrap()).unwrap();
    let err = client
        .list_tickets(&ListQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Forbidden));
    assert_eq!(err.write_outcome(), WriteOutcome::NotApplied);
    assert_no_key(&err, &[OTHER_KEY]);
}

#[tokio::test]
async fn unknown_ticket_is_404_on_every_ticket_endpoint() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let missing = "TKT-1999-99999";
    let update = TicketUpdate {
        status: Some(Status::Closed),
        ..Default::default()
    };
    let errors = [
        client.get_ticket(missing).await.unwrap_err(),
        client.update_ticket(missing, &update).await.unwrap_err(),
        client
            .add_comment(missing, &NewComment::new("hello"))
            .await
            .unwrap_err(),
        client.list_comments(missing, true).await.unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound), "{err}");
        assert_eq!(err.api().unwrap().code.as_deref(), Some("TICKET_NOT_FOUND"));
    }
}

#[tokio::test]
async fn duplicate_external_id_is_409_when_the_server_rejects_it() {
    let sandbox = sandbox_with(SandboxConfig {
        reject_duplicate_external_id: true,
        ..Default::default()
    })
    .await;
    let client = client(&sandbox);
    let mut new = ticket("Router keeps rebooting");
    new.external_ticket_id = Some("desk-0192".into());
    client.create_ticket(&new).await.expect("first create");
    let err = client.create_ticket(&new).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Conflict));
    assert!(!err.is_transient());
    assert_eq!(sandbox.ticket_count(), 1);
}

#[tokio::test]
async fn rate_limit_is_429_with_retry_after() {
    let sandbox = sandbox_with(SandboxConfig {
        rate_limit: Some(RateLimit {
            limit: 2,
            window: Duration::from_secs(60),
        }),
        ..Default::default()
    })
    .await;
    let client = client(&sandbox);
    client.list_tickets(&ListQuery::default()).await.unwrap();
    client.list_tickets(&ListQuery::default()).await.unwrap();
    let err = client
        .list_tickets(&ListQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::RateLimited));
    assert_eq!(
        err.api().unwrap().code.as_deref(),
        Some("RATE_LIMIT_EXCEEDED")
    );
    let wait = err.retry_after().expect("Retry-After is read");
    assert!(
        wait > Duration::ZERO && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
    assert!(err.is_transient());
}

#[tokio::test]
async fn short_retry_after_is_waited_out_for_reads() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox.faults().too_many_requests_next(1, 1);
    let started = Instant::now();
    client
        .list_tickets(&ListQuery::default())
        .await
        .expect("succeeds after waiting");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
}

#[tokio::test]
async fn validation_errors_come_back_with_ping_codes() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);

    let mut bad_phone = ticket("Airtime not credited");
    bad_phone.customer_phone = Some("0771234567".into());
    let err = client.create_ticket(&bad_phone).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::BadRequest));
    assert_eq!(
        err.api().unwrap().code.as_deref(),
        Some("INVALID_PHONE_FORMAT")
    );
    assert_eq!(err.write_outcome(), WriteOutcome::NotApplied);

    let mut unknown_priority = ticket("SIM swap");
    unknown_priority.priority = Some(Priority::Other("urgent".into()));
    let err = client.create_ticket(&unknown_priority).await.unwrap_err();
    assert_eq!(
        err.api().unwrap().code.as_deref(),
        Some("INVALID_FIELD_VALUE")
    );
    assert_eq!(err.api().unwrap().error_info.as_deref(), Some("priority"));
    assert_eq!(sandbox.ticket_count(), 0);
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let served = sandbox.requests_served();
    let refusals = [
        client
            .create_ticket(&NewTicket::new("  ", "description"))
            .await
            .unwrap_err(),
        client
            .create_ticket(&NewTicket::new("subject", ""))
            .await
            .unwrap_err(),
        client
            .add_comment("TKT-2026-00001", &NewComment::new(""))
            .await
            .unwrap_err(),
        client
            .update_ticket("TKT-2026-00001", &TicketUpdate::default())
            .await
            .unwrap_err(),
        client.get_ticket(" ").await.unwrap_err(),
        client
            .list_tickets(&ListQuery {
                per_page: Some(0),
                ..Default::default()
            })
            .await
            .unwrap_err(),
        client
            .list_tickets(&ListQuery {
                per_page: Some(101),
                ..Default::default()
            })
            .await
            .unwrap_err(),
        client
            .list_tickets(&ListQuery {
                page: Some(0),
                ..Default::default()
            })
            .await
            .unwrap_err(),
    ];
    for err in refusals {
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    }
    assert_eq!(
        sandbox.requests_served(),
        served,
        "nothing reached the server"
    );
}

#[tokio::test]
async fn a_closed_port_is_not_sent() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox.shutdown().await;
    let err = client.create_ticket(&ticket("Offline")).await.unwrap_err();
    match &err {
        Error::Transport { delivery, .. } => assert_eq!(*delivery, Delivery::NotSent),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(err.write_outcome(), WriteOutcome::NotApplied);
    assert!(err.is_transient());
}

#[tokio::test]
async fn a_lost_answer_may_have_been_delivered_and_a_post_is_not_retried() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox.faults().drop_after_commit_next(1);
    let err = client
        .create_ticket(&ticket("Lost answer"))
        .await
        .unwrap_err();
    match &err {
        Error::Transport { delivery, .. } => assert_eq!(*delivery, Delivery::MaybeDelivered),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert_eq!(err.write_outcome(), WriteOutcome::Unknown);
    assert_eq!(sandbox.ticket_count(), 1, "committed once, not retried");
}

#[tokio::test]
async fn server_errors_retry_reads_and_puts_but_never_posts() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let created = client
        .create_ticket(&ticket("Screen cracked"))
        .await
        .unwrap();

    sandbox.faults().fail_next(2);
    let fetched = client
        .get_ticket(&created.ticket_number)
        .await
        .expect("third attempt succeeds");
    assert_eq!(fetched.ticket_number, created.ticket_number);

    sandbox.faults().fail_next(1);
    let update = TicketUpdate {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    client
        .update_ticket(&created.ticket_number, &update)
        .await
        .expect("PUT retried");

    sandbox.faults().fail_next(1);
    let err = client.create_ticket(&ticket("Second")).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::Server));
    assert_eq!(err.write_outcome(), WriteOutcome::Unknown);
    assert_eq!(sandbox.ticket_count(), 1);

    sandbox.faults().fail_next(5);
    let err = client.get_ticket(&created.ticket_number).await.unwrap_err();
    assert_eq!(
        err.api_kind(),
        Some(ApiErrorKind::Server),
        "gives up after max_attempts"
    );
    sandbox.faults().clear();
}

#[tokio::test]
async fn a_non_json_answer_is_unexpected() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox.faults().non_json_next(1);
    let err = client
        .create_ticket(&ticket("Captive portal"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::UnexpectedResponse { status: 200, .. }),
        "{err:?}"
    );
    assert_eq!(err.write_outcome(), WriteOutcome::Unknown);

    sandbox.faults().non_json_next(1);
    client
        .list_tickets(&ListQuery::default())
        .await
        .expect("a read retries past it");
}

#[tokio::test]
async fn oversized_answers_are_refused() {
    let sandbox = sandbox_with(SandboxConfig {
        demo_data: true,
        ..Default::default()
    })
    .await;
    let client = client_with(
        &sandbox,
        ClientConfig {
            max_response_bytes: 1024,
            ..Default::default()
        },
    );
    let err = client
        .list_tickets(&ListQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit_bytes: 1024 }),
        "{err:?}"
    );
    assert!(!err.is_transient());
}

#[tokio::test]
async fn a_slow_server_times_out_as_maybe_delivered() {
    let sandbox = sandbox().await;
    let client = client_with(
        &sandbox,
        ClientConfig {
            request_timeout: Duration::from_millis(200),
            retry: RetryPolicy::none(),
            ..Default::default()
        },
    );
    sandbox.faults().set_latency(Duration::from_millis(1500));
    let err = client
        .list_tickets(&ListQuery::default())
        .await
        .unwrap_err();
    match &err {
        Error::Transport {
            delivery,
            timed_out,
            ..
        } => {
            assert_eq!(*delivery, Delivery::MaybeDelivered);
            assert!(*timed_out);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    sandbox.faults().clear();
}
