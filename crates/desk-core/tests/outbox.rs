//! The outbox's own rules, on the store alone.

mod support;

use desk_core::{CoreError, OpState, Payload, Store, MARKER_FIELD};
use ping_api::{NewComment, NewTicket, Status, TicketUpdate};
use support::walk_in;

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn status(s: Status) -> TicketUpdate {
    TicketUpdate {
        status: Some(s),
        ..Default::default()
    }
}

#[test]
fn a_create_is_stored_with_its_marker_and_a_readable_local_reference() {
    let store = store();
    let queued = store.enqueue_create(walk_in(1)).unwrap();
    assert!(queued.local_ref.starts_with("LOCAL-"));
    assert!(queued.local_ref[6..]
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
    assert!(!queued.local_ref[6..].contains(['I', 'L', 'O', 'U']));
    let op = store.operation(&queued.op_id).unwrap();
    assert_eq!(op.state, OpState::Queued);
    let Payload::CreateTicket(sent) = op.payload else {
        panic!()
    };
    assert_eq!(
        sent.external_ticket_id.as_deref(),
        Some(queued.op_id.as_str())
    );
    assert_eq!(
        sent.custom_fields.unwrap()[MARKER_FIELD],
        queued.op_id.as_str()
    );
    let refs: std::collections::HashSet<String> = (0..200)
        .map(|i| store.enqueue_create(walk_in(i)).unwrap().local_ref)
        .collect();
    assert_eq!(refs.len(), 200);
}

#[test]
fn bad_input_is_refused_and_nothing_is_stored() {
    let store = store();
    let mut no_subject = walk_in(1);
    no_subject.subject = "  ".into();
    let mut bad_phone = walk_in(2);
    bad_phone.customer_phone = Some("0771 234 567".into());
    for ticket in [no_subject, bad_phone, NewTicket::new("s", "")] {
        assert!(matches!(
            store.enqueue_create(ticket),
            Err(CoreError::Validation(_))
        ));
    }
    let queued = store.enqueue_create(walk_in(3)).unwrap();
    assert!(matches!(
        store.enqueue_comment(&queued.local_ref, NewComment::new(" ")),
        Err(CoreError::Validation(_))
    ));
    assert!(matches!(
        store.enqueue_update(&queued.local_ref, TicketUpdate::default()),
        Err(CoreError::Validation(_))
    ));
    assert!(matches!(
        store.enqueue_comment("LOCAL-NOSUCH", NewComment::new("hi")),
        Err(CoreError::UnknownTicket(_))
    ));
    assert_eq!(store.counts().unwrap().pending, 1);
}

#[test]
fn each_tickets_writes_are_claimed_in_order_and_one_at_a_time() {
    let store = store();
    let a = store.enqueue_create(walk_in(1)).unwrap();
    let a_comment = store
        .enqueue_comment(&a.local_ref, NewComment::new("first"))
        .unwrap();
    let b_update = store
        .enqueue_update("TKT-2026-00009", status(Status::Closed))
        .unwrap();
    let b_comment = store
        .enqueue_comment("TKT-2026-00009", NewComment::new("second"))
        .unwrap();

    let now = desk_core::now_ms();
    let claimed: Vec<String> = store
        .claim_due(now, 10)
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(
        claimed,
        [a.op_id.clone(), b_update.clone()],
        "one per ticket, oldest first"
    );
    assert!(
        store.claim_due(now, 10).unwrap().is_empty(),
        "the rest wait for those"
    );

    let create = store.operation(&a.op_id).unwrap();
    store.mark_done(&create, "TKT-2026-00042").unwrap();
    let next = store.claim_due(now, 10).unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].id, a_comment);
    assert_eq!(
        next[0].ticket_number.as_deref(),
        Some("TKT-2026-00042"),
        "sent against the real number"
    );

    // A write aimed at the new number joins the local reference's queue.
    let later = store
        .enqueue_update("TKT-2026-00042", status(Status::Resolved))
        .unwrap();
    assert_eq!(store.operation(&later).unwrap().ticket_key, a.local_ref);
    let _ = b_comment;
}

#[test]
fn interrupted_sends_recover_as_in_doubt_posts_and_queued_puts() {
    let store = store();
    let create = store.enqueue_create(walk_in(1)).unwrap();
    let update = store
        .enqueue_update("TKT-2026-00001", status(Status::Open))
        .unwrap();
    store.claim_due(desk_core::now_ms(), 10).unwrap();
    assert_eq!(store.recover_interrupted().unwrap(), 2);
    assert_eq!(
        store.operation(&create.op_id).unwrap().state,
        OpState::InDoubt
    );
    assert_eq!(store.operation(&update).unwrap().state, OpState::Queued);
}

#[test]
fn retry_and_discard_follow_the_states() {
    let store = store();
    let queued = store.enqueue_create(walk_in(1)).unwrap();
    let comment = store
        .enqueue_comment(&queued.local_ref, NewComment::new("waiting"))
        .unwrap();
    assert!(matches!(
        store.retry(&queued.op_id, None),
        Err(CoreError::InvalidState(_))
    ));

    let op = store.claim_due(desk_core::now_ms(), 1).unwrap().remove(0);
    let error = desk_core::OpError {
        code: "INVALID_FIELD_VALUE".into(),
        message: "bad priority".into(),
    };
    store.mark_failed(&op, &error).unwrap();
    assert_eq!(store.counts().unwrap().failed, 1);
    assert!(matches!(
        store.retry(
            &queued.op_id,
            Some(Payload::AddComment(NewComment::new("x")))
        ),
        Err(CoreError::Validation(_))
    ));
    let mut edited = walk_in(1);
    edited.subject = "Fixed subject".into();
    let retried = store
        .retry(&queued.op_id, Some(Payload::CreateTicket(edited)))
        .unwrap();
    assert_eq!(retried.state, OpState::Queued);
    let Payload::CreateTicket(sent) = retried.payload else {
        panic!()
    };
    assert_eq!(sent.subject, "Fixed subject");
    assert_eq!(
        sent.custom_fields.unwrap()[MARKER_FIELD],
        queued.op_id.as_str(),
        "marker kept"
    );

    let discarded = store.discard(&queued.op_id).unwrap();
    assert_eq!(
        discarded,
        [queued.op_id.clone(), comment.clone()],
        "the create takes its comment with it"
    );
    assert_eq!(
        store.counts().unwrap(),
        desk_core::OutboxCounts {
            pending: 0,
            failed: 0
        }
    );
    assert_eq!(store.operation(&comment).unwrap().state, OpState::Discarded);
}
