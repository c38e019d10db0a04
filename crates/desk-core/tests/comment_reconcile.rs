//! Comments carry no marker: after a crash or a lost answer the engine
//! looks for a comment by its text, and a comment with the same text that
//! someone else left on the ticket first must not be taken for ours.

mod support;

use desk_core::{now_ms, DeskCore, OpState};
use ping_api::NewComment;
use std::time::Duration;
use support::*;

const TEXT: &str = "Customer called asking for an update";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_claimed_but_never_sent_is_not_taken_for_someone_elses() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox.base_url());
    let number = client
        .create_ticket(&walk_in(1))
        .await
        .unwrap()
        .ticket_number;
    // Staff on Ping's web app typed the same words earlier.
    client
        .add_comment(&number, &NewComment::new(TEXT))
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        core.add_comment(&number, NewComment::new(TEXT)).unwrap();
        // A syncer claims it, then dies before sending anything.
        assert_eq!(core.store().claim_due(now_ms(), 10).unwrap().len(), 1);
    }

    let core = DeskCore::open(&db, fast_sync()).unwrap();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    drained(&core, Duration::from_secs(10)).await;
    let thread = client.list_comments(&number, true).await.unwrap();
    assert_eq!(
        thread.iter().filter(|c| c.content == TEXT).count(),
        2,
        "ours arrived beside theirs: {thread:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_matched_to_our_comment_not_to_an_earlier_identical_one() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox.base_url());
    let number = client
        .create_ticket(&walk_in(2))
        .await
        .unwrap()
        .ticket_number;
    let theirs = client
        .add_comment(&number, &NewComment::new(TEXT))
        .await
        .unwrap()
        .public_id
        .unwrap();

    let core = syncing_core(&sandbox);
    sandbox.faults().drop_after_commit_next(1);
    let op_id = core.add_comment(&number, NewComment::new(TEXT)).unwrap();
    drained(&core, Duration::from_secs(10)).await;

    let thread = client.list_comments(&number, true).await.unwrap();
    assert_eq!(thread.len(), 2, "sent once: {thread:?}");
    let ours = core.store().operation(&op_id).unwrap();
    assert_eq!(ours.state, OpState::Done);
    assert_ne!(ours.result.as_deref(), Some(theirs.as_str()));
    assert!(thread
        .iter()
        .any(|c| c.public_id == ours.result && c.public_id.as_deref() != Some(&theirs)));
}
