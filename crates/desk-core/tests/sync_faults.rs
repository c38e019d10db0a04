//! The sync engine against a real sandbox with its faults: nothing lost,
//! nothing sent twice.

mod support;

use desk_core::{CoreEvent, OpState, Payload, MARKER_FIELD};
use ping_api::{ListQuery, NewComment, Priority, Status, TicketUpdate};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use support::*;

/// Every ticket on the server, full (list items are summaries).
async fn server_tickets(base_url: &str) -> Vec<ping_api::Ticket> {
    use futures_util::StreamExt;
    let client = client_for(base_url);
    let numbers: Vec<String> = client
        .all_tickets(ListQuery::default())
        .map(|t| t.unwrap().ticket_number)
        .collect()
        .await;
    let mut full = Vec::new();
    for number in numbers {
        full.push(client.get_ticket(&number).await.unwrap());
    }
    full
}

fn marker(ticket: &ping_api::Ticket) -> String {
    ticket.custom_fields.as_ref().unwrap()[MARKER_FIELD]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_creates_while_ping_is_down_arrive_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ping.sqlite3");
    let sandbox = sandbox_at(&db, 0).await;
    let addr = sandbox.addr();
    let base_url = sandbox.base_url();
    sandbox.shutdown().await;

    let core = core();
    let mut events = core.subscribe();
    core.set_client(Some(client_for(&base_url)));
    core.start_sync().unwrap();
    let queued: Vec<_> = (0..50)
        .map(|i| core.create_ticket(walk_in(i)).unwrap())
        .collect();
    for q in &queued {
        assert!(
            q.local_ref.starts_with("LOCAL-") && q.local_ref.len() == 12,
            "{}",
            q.local_ref
        );
    }

    // Offline is noticed and announced; nothing is lost meanwhile.
    next_event(&mut events, "offline", |e| {
        matches!(e, CoreEvent::Connectivity { online: false })
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(core.status().unwrap().counts.pending, 50);

    let sandbox = sandbox_at(&db, addr.port()).await;
    drained(&core, Duration::from_secs(30)).await;
    assert_eq!(core.status().unwrap().online, Some(true));

    let on_server = server_tickets(&base_url).await;
    assert_eq!(on_server.len(), 50);
    let by_marker: HashMap<String, &ping_api::Ticket> =
        on_server.iter().map(|t| (marker(t), t)).collect();
    assert_eq!(by_marker.len(), 50, "each create exactly once");
    for (i, q) in queued.iter().enumerate() {
        let ticket = by_marker[&q.op_id];
        let sent = walk_in(i);
        assert_eq!(ticket.subject.as_deref(), Some(sent.subject.as_str()));
        assert_eq!(
            ticket.description.as_deref(),
            Some(sent.description.as_str())
        );
        assert_eq!(ticket.customer_phone, sent.customer_phone);
        assert_eq!(ticket.customer_email, sent.customer_email);
        assert_eq!(ticket.store_region, sent.store_region);
        assert_eq!(ticket.channel, sent.channel);
        let view = core.get_ticket(&q.local_ref).await.unwrap();
        assert_eq!(
            view.ticket.ticket_number, ticket.ticket_number,
            "local ref maps to the TKT number"
        );
        assert!(!view.queued);
    }
    core.stop_sync().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_mixed_writes_with_thirty_percent_lost_answers() {
    let sandbox = sandbox().await;
    let core = core();
    core.set_client(Some(client_for(&sandbox.base_url())));

    // 100 tickets, each with updates and comments queued behind its create.
    let mut expected_comments: HashMap<String, Vec<String>> = HashMap::new();
    let mut expected_status: HashMap<String, Status> = HashMap::new();
    let mut refs = Vec::new();
    for i in 0..100 {
        refs.push(core.create_ticket(walk_in(i)).unwrap().local_ref);
    }
    let statuses = [
        Status::InProgress,
        Status::Resolved,
        Status::Open,
        Status::Closed,
    ];
    let mut ops = 100;
    let mut i = 0usize;
    while ops < 500 {
        let local_ref = &refs[(i * 37) % refs.len()];
        if i.is_multiple_of(2) {
            let status = statuses[i % statuses.len()].clone();
            core.update_ticket(
                local_ref,
                TicketUpdate {
                    status: Some(status.clone()),
                    ..Default::default()
                },
            )
            .unwrap();
            expected_status.insert(local_ref.clone(), status);
        } else {
            // Some identical texts on one ticket, on purpose: each must
            // still arrive once.
            let text = format!("Follow-up {} on {local_ref}", i % 3);
            core.add_comment(local_ref, NewComment::new(text.clone()))
                .unwrap();
            expected_comments
                .entry(local_ref.clone())
                .or_default()
                .push(text);
        }
        ops += 1;
        i += 1;
    }

    sandbox.faults().set_drop_after_commit_rate(0.3);
    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(120)).await;
    sandbox.faults().clear();
    assert_eq!(core.status().unwrap().counts.failed, 0);

    let on_server = server_tickets(&sandbox.base_url()).await;
    assert_eq!(on_server.len(), 100, "no ticket duplicated or lost");
    let client = client_for(&sandbox.base_url());
    let mut comment_total = 0;
    for local_ref in &refs {
        let number = core
            .store()
            .ticket_number_for(local_ref)
            .unwrap()
            .expect("numbered");
        let ticket = on_server
            .iter()
            .find(|t| t.ticket_number == number)
            .unwrap();
        if let Some(status) = expected_status.get(local_ref) {
            assert_eq!(
                ticket.status.as_ref(),
                Some(status),
                "last update wins, in order"
            );
        }
        let mut server: Vec<String> = client
            .list_comments(&number, true)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.content)
            .collect();
        let mut wanted = expected_comments
            .get(local_ref)
            .cloned()
            .unwrap_or_default();
        server.sort();
        wanted.sort();
        assert_eq!(server, wanted, "comments on {local_ref}");
        comment_total += server.len();
    }
    assert_eq!(sandbox.comment_count(), comment_total);
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_holds_every_send_for_retry_after() {
    let sandbox = sandbox().await;
    let core = core();
    core.set_client(Some(client_for(&sandbox.base_url())));
    for i in 0..8 {
        core.create_ticket(walk_in(i)).unwrap();
    }
    // The first batch of sends (concurrency 4) is rate limited for 1 s.
    sandbox.faults().too_many_requests_next(4, 1);
    let served_before = sandbox.requests_served();
    let started = Instant::now();
    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(20)).await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(sandbox.ticket_count(), 8);
    assert_eq!(
        sandbox.requests_served() - served_before,
        8 + 4,
        "nothing was sent during the hold beyond the four rate-limited requests"
    );
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_key_pauses_sync_and_keeps_every_write() {
    let sandbox = sandbox().await;
    let core = core();
    let mut events = core.subscribe();
    core.set_client(Some(client_with_key(
        &sandbox.base_url(),
        "pk_test_WrongKeyWrongKeyWrongKeyWrongKey",
    )));
    core.start_sync().unwrap();
    let queued = core.create_ticket(walk_in(1)).unwrap();
    let paused = next_event(&mut events, "pause", |e| {
        matches!(e, CoreEvent::SyncPaused { .. })
    })
    .await;
    assert!(matches!(paused, CoreEvent::SyncPaused { reason, .. } if reason == "AUTH_REJECTED"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let status = core.status().unwrap();
    assert_eq!(status.paused.as_deref(), Some("AUTH_REJECTED"));
    assert_eq!(status.counts.pending, 1);
    let op = core.store().operation(&queued.op_id).unwrap();
    assert_eq!(op.state, OpState::Queued);
    // The engine's first look at Ping may meet the 401 before the write is
    // sent (then the write was never tried); a write that was tried says why.
    if let Some(error) = op.last_error {
        assert_eq!(error.code, "INVALID_API_KEY");
    }
    assert_eq!(sandbox.ticket_count(), 0);

    core.set_client(Some(client_for(&sandbox.base_url())));
    drained(&core, Duration::from_secs(10)).await;
    assert_eq!(sandbox.ticket_count(), 1);
    assert_eq!(core.status().unwrap().paused, None);
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_400_stops_the_operation_keeps_it_and_a_fix_resends_it() {
    let sandbox = sandbox().await;
    let core = syncing_core(&sandbox);
    let mut ticket = walk_in(7);
    ticket.priority = Some(Priority::Other("urgent".into()));
    let queued = core.create_ticket(ticket.clone()).unwrap();
    wait_for(Duration::from_secs(10), || {
        core.status().unwrap().counts.failed == 1
    })
    .await;
    let op = core.store().operation(&queued.op_id).unwrap();
    assert_eq!(op.state, OpState::Failed);
    let error = op.last_error.unwrap();
    assert_eq!(error.code, "INVALID_FIELD_VALUE");
    assert!(error.message.contains("priority"), "{}", error.message);
    assert_eq!(sandbox.ticket_count(), 0);

    // Still failed a while later: a permanent error is not retried.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(core.store().operation(&queued.op_id).unwrap().attempts, 1);

    ticket.priority = Some(Priority::High);
    core.retry(&queued.op_id, Some(Payload::CreateTicket(ticket)))
        .unwrap();
    drained(&core, Duration::from_secs(10)).await;
    let number = core
        .store()
        .ticket_number_for(&queued.local_ref)
        .unwrap()
        .unwrap();
    let on_server = client_for(&sandbox.base_url())
        .get_ticket(&number)
        .await
        .unwrap();
    assert_eq!(on_server.priority, Some(Priority::High));
    assert_eq!(marker(&on_server), queued.op_id, "the fix kept the marker");
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_on_a_queued_ticket_wait_for_it_and_keep_their_order() {
    let sandbox = sandbox().await;
    let core = core();
    core.set_client(Some(client_for(&sandbox.base_url())));
    let queued = core.create_ticket(walk_in(3)).unwrap();
    core.add_comment(
        &queued.local_ref,
        NewComment::new("Customer left the router with us"),
    )
    .unwrap();
    core.update_ticket(
        &queued.local_ref,
        TicketUpdate {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    )
    .unwrap();
    core.add_comment(
        &queued.local_ref,
        NewComment {
            content: "Parts ordered".into(),
            is_internal: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    core.record_csat(&queued.local_ref, 5).unwrap();
    let view = core.get_ticket(&queued.local_ref).await.unwrap();
    assert!(view.queued);
    assert_eq!(view.pending.len(), 5);

    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(10)).await;
    let number = core
        .store()
        .ticket_number_for(&queued.local_ref)
        .unwrap()
        .unwrap();
    let client = client_for(&sandbox.base_url());
    let ticket = client.get_ticket(&number).await.unwrap();
    assert_eq!(ticket.status, Some(Status::InProgress));
    assert_eq!(ticket.csat_score.map(|s| s.get()), Some(5));
    let thread = client.list_comments(&number, true).await.unwrap();
    let texts: Vec<&str> = thread.iter().map(|c| c.content.as_str()).collect();
    assert_eq!(texts, ["Customer left the router with us", "Parts ordered"]);
    assert!(thread[1].is_internal);
    // An update by number after the fact joins the same ordered queue.
    core.update_ticket(
        &number,
        TicketUpdate {
            status: Some(Status::Resolved),
            ..Default::default()
        },
    )
    .unwrap();
    drained(&core, Duration::from_secs(10)).await;
    assert_eq!(
        client.get_ticket(&number).await.unwrap().status,
        Some(Status::Resolved)
    );
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_whose_answer_was_lost_is_not_posted_twice() {
    let sandbox = sandbox().await;
    let core = syncing_core(&sandbox);
    let queued = core.create_ticket(walk_in(9)).unwrap();
    drained(&core, Duration::from_secs(10)).await;
    sandbox.faults().drop_after_commit_next(1);
    let op = core
        .add_comment(
            &queued.local_ref,
            NewComment::new("Called the customer back"),
        )
        .unwrap();
    drained(&core, Duration::from_secs(10)).await;
    assert_eq!(sandbox.comment_count(), 1);
    let op = core.store().operation(&op).unwrap();
    assert_eq!(op.state, OpState::Done);
    assert!(op.attempts >= 2, "it was in doubt and then found");
    core.stop_sync().await;
}
