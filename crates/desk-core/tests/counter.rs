//! At the counter: the customer's satisfaction survey and the ticket slip,
//! against the sandbox on loopback, online and offline.

mod support;

use desk_core::{CoreError, CounterSurvey, OpOrigin, Payload, SurveyStage};
use ping_api::AuthorType;
use std::time::Duration;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_scores_once_and_comments_as_the_customer() {
    let sandbox = sandbox().await;
    let core = syncing_core(&sandbox);
    let client = client_for(&sandbox.base_url());
    let number = client
        .create_ticket(&walk_in(1))
        .await
        .unwrap()
        .ticket_number;

    let survey = CounterSurvey::new();
    let asked = survey.begin(&core, &number).unwrap();
    assert_eq!(asked.stage, SurveyStage::Choosing);

    let answered = survey.answer(&core, &asked.id, 4).unwrap();
    assert_eq!(answered.stage, SurveyStage::Commenting);
    // A second tap after the score is saved cannot change it.
    let again = survey.answer(&core, &asked.id, 1).unwrap_err();
    assert!(matches!(again, CoreError::InvalidState(_)), "{again:?}");

    let done = survey
        .comment(&core, &asked.id, Some("  Quick and friendly, thank you  "))
        .unwrap();
    assert_eq!(done.stage, SurveyStage::Done);
    drained(&core, Duration::from_secs(5)).await;

    let ticket = client.get_ticket(&number).await.unwrap();
    assert_eq!(ticket.csat_score.map(|s| s.get()), Some(4));
    let comments = client.list_comments(&number, true).await.unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].content, "Quick and friendly, thank you");
    assert_eq!(comments[0].author_type, Some(AuthorType::Customer));
    assert!(!comments[0].is_internal);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_or_replaced_survey_takes_no_answers() {
    let sandbox = sandbox().await;
    let core = syncing_core(&sandbox);
    let client = client_for(&sandbox.base_url());
    let first = client
        .create_ticket(&walk_in(2))
        .await
        .unwrap()
        .ticket_number;
    let second = client
        .create_ticket(&walk_in(3))
        .await
        .unwrap()
        .ticket_number;

    let survey = CounterSurvey::new();
    let old = survey.begin(&core, &first).unwrap();
    let new = survey.begin(&core, &second).unwrap();
    let stale = survey.answer(&core, &old.id, 1).unwrap_err();
    assert!(matches!(stale, CoreError::SurveyEnded), "{stale:?}");

    // The comment comes after the score, and a skipped comment sends nothing.
    let early = survey.comment(&core, &new.id, Some("hi")).unwrap_err();
    assert!(matches!(early, CoreError::InvalidState(_)), "{early:?}");
    survey.answer(&core, &new.id, 5).unwrap();
    assert_eq!(
        survey.comment(&core, &new.id, None).unwrap().stage,
        SurveyStage::Done
    );
    assert_eq!(survey.end().map(|s| s.ticket), Some(second.clone()));
    let ended = survey.answer(&core, &new.id, 2).unwrap_err();
    assert!(matches!(ended, CoreError::SurveyEnded), "{ended:?}");
    assert_eq!(survey.current(), None);

    // Scores outside 1 to 5 are refused before anything is queued.
    let third = survey.begin(&core, &first).unwrap();
    let refused = survey.answer(&core, &third.id, 6).unwrap_err();
    assert!(matches!(refused, CoreError::Validation(_)), "{refused:?}");
    assert_eq!(survey.current().unwrap().stage, SurveyStage::Choosing);

    drained(&core, Duration::from_secs(5)).await;
    assert_eq!(
        client
            .get_ticket(&first)
            .await
            .unwrap()
            .csat_score
            .map(|s| s.get()),
        None
    );
    assert_eq!(
        client
            .get_ticket(&second)
            .await
            .unwrap()
            .csat_score
            .map(|s| s.get()),
        Some(5)
    );
    assert!(client
        .list_comments(&second, true)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_score_and_comment_wait_in_the_outbox_for_the_queued_ticket() {
    let sandbox = sandbox().await;
    let core = core(); // no connection yet: the shop's internet is down
    let queued = core.create_ticket(walk_in(4)).unwrap();

    let survey = CounterSurvey::new();
    let asked = survey.begin(&core, &queued.local_ref).unwrap();
    survey.answer(&core, &asked.id, 2).unwrap();
    survey
        .comment(&core, &asked.id, Some("Waited a long time"))
        .unwrap();
    assert_eq!(core.status().unwrap().counts.pending, 3);

    // The slip works offline too, with the local reference.
    let slip = core.ticket_slip(&queued.local_ref, "").await.unwrap();
    assert!(slip.queued);
    assert_eq!(slip.reference, queued.local_ref);
    assert_eq!(slip.store, "Harare CBD");

    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(5)).await;
    let client = client_for(&sandbox.base_url());
    let view = core.get_ticket(&queued.local_ref).await.unwrap();
    let number = view.ticket.ticket_number.clone();
    assert!(number.starts_with("TKT-"), "{number}");
    let ticket = client.get_ticket(&number).await.unwrap();
    assert_eq!(ticket.csat_score.map(|s| s.get()), Some(2));
    let comments = client.list_comments(&number, true).await.unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author_type, Some(AuthorType::Customer));

    // Once sent, the slip carries the ticket number, and its QR encodes it.
    let slip = core
        .ticket_slip(&number, "Ping Store Avondale")
        .await
        .unwrap();
    assert!(!slip.queued);
    assert_eq!(slip.reference, number);
    assert_eq!(slip.store, "Ping Store Avondale");
    assert_eq!(slip.summary, "Walk-in 4: router will not connect");
    assert_eq!(slip.customer_first_name.as_deref(), Some("Tendai4"));
    assert_eq!(slip.qr, desk_core::qr_matrix(&number).unwrap());
}

#[test]
fn a_survey_takes_answers_only_in_the_workspace_it_was_asked_in() {
    let demo = core();
    let ping = core();
    let ticket = demo.create_ticket(walk_in(5)).unwrap().local_ref;
    let survey = CounterSurvey::new();
    let asked = survey.begin(&demo, &ticket).unwrap();

    // The desk switched workspace: the other core's answer is refused...
    let elsewhere = survey.answer(&ping, &asked.id, 5).unwrap_err();
    assert!(matches!(elsewhere, CoreError::SurveyEnded), "{elsewhere:?}");
    let elsewhere = survey.comment(&ping, &asked.id, Some("hi")).unwrap_err();
    assert!(matches!(elsewhere, CoreError::SurveyEnded), "{elsewhere:?}");
    // ...and queues nothing, in either core.
    assert!(ping.operations(true, 10).unwrap().is_empty());
    assert_eq!(
        demo.operations(true, 10).unwrap().len(),
        1,
        "the create only"
    );
    assert_eq!(survey.current().unwrap().stage, SurveyStage::Choosing);

    // Once the core it was asked in is gone, nothing can answer it.
    drop(demo);
    let fresh = core();
    let gone = survey.answer(&fresh, &asked.id, 5).unwrap_err();
    assert!(matches!(gone, CoreError::SurveyEnded), "{gone:?}");
}

#[test]
fn the_customers_score_is_marked_theirs_hidden_from_staff_and_not_editable() {
    let core = core();
    let ticket = core.create_ticket(walk_in(6)).unwrap().local_ref;
    core.record_csat(&ticket, 3).unwrap();
    let survey = CounterSurvey::new();
    let asked = survey.begin(&core, &ticket).unwrap();
    survey.answer(&core, &asked.id, 4).unwrap();
    survey.comment(&core, &asked.id, Some("Thanks")).unwrap();

    let ops = core.operations(false, 10).unwrap();
    let origins: Vec<OpOrigin> = ops.iter().map(|op| op.origin).collect();
    assert_eq!(
        origins,
        [
            OpOrigin::Staff,
            OpOrigin::Staff,
            OpOrigin::CounterSurvey,
            OpOrigin::CounterSurvey
        ]
    );
    let score = |op: &desk_core::Operation| match &op.payload {
        Payload::UpdateTicket(update) => update.csat_score.map(|s| s.get()),
        _ => None,
    };
    // Staff see their own score, never the customer's; the outbox keeps it.
    let for_staff: Vec<Option<u8>> = ops
        .iter()
        .cloned()
        .map(|op| score(&op.for_staff()))
        .collect();
    assert_eq!(for_staff, [None, Some(3), None, None]);
    assert_eq!(score(&ops[2]), Some(4));
    assert_eq!(
        ops[3].clone().for_staff(),
        ops[3],
        "the comment shows as given"
    );

    // A customer's write is resent as given, never edited.
    let failed = &ops[2];
    core.store()
        .mark_failed(
            failed,
            &desk_core::OpError {
                code: "TICKET_NOT_FOUND".into(),
                message: "no such ticket".into(),
            },
        )
        .unwrap();
    let edited = core
        .retry(
            &failed.id,
            Some(Payload::UpdateTicket(ping_api::TicketUpdate {
                csat_score: ping_api::CsatScore::new(5),
                ..Default::default()
            })),
        )
        .unwrap_err();
    assert!(matches!(edited, CoreError::Validation(_)), "{edited:?}");
    let resent = core.retry(&failed.id, None).unwrap();
    assert_eq!(score(&resent), Some(4));
    assert_eq!(resent.origin, OpOrigin::CounterSurvey);
}
