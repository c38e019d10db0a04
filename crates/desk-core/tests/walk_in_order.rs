//! Walk-in order: tickets logged on one desk reach Ping in the order they
//! were logged (Ping's numbers follow the queue), also when answers are
//! lost on the way, while comments and updates still go out alongside.

mod support;

use desk_core::{DeskCore, OperationKind, SyncConfig};
use ping_api::{NewComment, TicketUpdate};
use std::time::Duration;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_reach_ping_in_the_order_they_were_logged() {
    let sandbox = sandbox().await;
    // Answers lost at random: lost creates are looked for on the server
    // before anything else is sent, and still in order.
    sandbox.faults().set_drop_after_commit_rate(0.2);
    let core = core();
    let mut refs = Vec::new();
    for i in 0..24 {
        refs.push(core.create_ticket(walk_in(i)).unwrap().local_ref);
    }
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(60)).await;
    sandbox.faults().clear();

    let mut numbers = Vec::new();
    for local in &refs {
        let view = core.get_ticket(local).await.unwrap();
        assert!(!view.queued);
        numbers.push(view.ticket.ticket_number);
    }
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted, "Ping's numbers follow the walk-in order");
    assert_eq!(sandbox.ticket_count(), 24, "each sent once");
    core.stop_sync().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_waiting_holds_back_later_creates_but_not_comments_or_updates() {
    let sandbox = sandbox().await;
    let existing = client_for(&sandbox.base_url())
        .create_ticket(&walk_in(100))
        .await
        .unwrap()
        .ticket_number;
    let core = DeskCore::in_memory(SyncConfig {
        // The first create's lost answer is looked for after 3 s.
        reconcile_delay: Duration::from_secs(3),
        ..fast_sync()
    })
    .unwrap();
    let mut events = core.subscribe();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    wait_for(Duration::from_secs(5), || {
        core.status().unwrap().online == Some(true)
    })
    .await;
    // The first create gets a 500: it may have been applied, so it waits to
    // be looked for on the server.
    sandbox.faults().fail_next(1);
    let first = core.create_ticket(walk_in(1)).unwrap();
    next_event(
        &mut events,
        "inDoubt",
        |e| matches!(e, desk_core::CoreEvent::InDoubt { op_id } if *op_id == first.op_id),
    )
    .await;
    let second = core.create_ticket(walk_in(2)).unwrap();
    core.add_comment(&existing, NewComment::new("Called the customer back"))
        .unwrap();
    core.update_ticket(
        &existing,
        TicketUpdate {
            status: Some(ping_api::Status::InProgress),
            ..Default::default()
        },
    )
    .unwrap();
    // While the first is in doubt: the comment and the update go out, the
    // second create waits.
    wait_for(Duration::from_secs(5), || {
        core.operations(false, 100)
            .unwrap()
            .iter()
            .all(|op| op.kind == OperationKind::CreateTicket)
    })
    .await;
    assert_eq!(
        sandbox.ticket_count(),
        1,
        "only the ticket there before: the second create waited"
    );
    assert_eq!(sandbox.comment_count(), 1);

    drained(&core, Duration::from_secs(10)).await;
    let one = core
        .get_ticket(&first.local_ref)
        .await
        .unwrap()
        .ticket
        .ticket_number;
    let two = core
        .get_ticket(&second.local_ref)
        .await
        .unwrap()
        .ticket
        .ticket_number;
    assert!(one < two, "{one} before {two}");
    assert_eq!(sandbox.ticket_count(), 3, "each sent once");
    core.stop_sync().await;
}
