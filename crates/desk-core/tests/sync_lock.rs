//! One syncer per outbox: while an engine sends a database's outbox, a second
//! one (in the same process, or a desk-sync process) refuses to start, and
//! the first one's sends in flight stay as they are and arrive once.

mod support;

use desk_core::{CoreError, DeskCore, OpState, MARKER_FIELD};
use futures_util::StreamExt;
use ping_api::ListQuery;
use std::collections::HashMap;
use std::time::Duration;
use support::*;

const TICKETS: usize = 40;

fn states(core: &DeskCore) -> HashMap<String, OpState> {
    core.operations(true, 1000)
        .unwrap()
        .into_iter()
        .map(|op| (op.id, op.state))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_syncer_refuses_while_the_first_delivers() {
    let sandbox = sandbox().await;
    // Slow answers keep the first engine's sends in flight while the second
    // ones try to start.
    sandbox.faults().set_latency(Duration::from_millis(300));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");

    let first = DeskCore::open(&db, fast_sync()).unwrap();
    let op_ids: Vec<String> = (0..TICKETS)
        .map(|i| first.create_ticket(walk_in(i)).unwrap().op_id)
        .collect();
    first.set_client(Some(client_for(&sandbox.base_url())));
    first.start_sync().unwrap();
    wait_for(Duration::from_secs(10), || {
        states(&first).values().any(|s| *s == OpState::InFlight)
    })
    .await;

    let second = DeskCore::open(&db, fast_sync()).unwrap();
    second.set_client(Some(client_for(&sandbox.base_url())));
    let refused = second.start_sync().expect_err("a second engine refuses");
    assert!(
        matches!(&refused, CoreError::OutboxInUse { path } if *path == db),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        format!(
            "another Ping Desk or desk-sync is already sending this outbox: {}",
            db.display()
        )
    );

    let output = spawn(
        tokio::process::Command::new(env!("CARGO_BIN_EXE_desk-sync"))
            .arg(&db)
            .arg(sandbox.base_url())
            .env("PING_API_KEY", key())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
    )
    .unwrap()
    .wait_with_output()
    .await
    .unwrap();
    assert_eq!(
        output.status.code(),
        Some(75),
        "desk-sync refuses: {output:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("another Ping Desk or desk-sync is already sending this outbox"),
        "{stderr}"
    );

    // Neither declared the first engine's sends interrupted: with no lost
    // answer, nothing can be in doubt unless a second engine recovered
    // sends that were still in flight.
    let during = states(&first);
    assert!(
        during.values().any(|s| *s == OpState::InFlight),
        "sends were still in flight after both refusals: {during:?}"
    );
    assert!(
        !during.values().any(|s| *s == OpState::InDoubt),
        "{during:?}"
    );

    drained(&first, Duration::from_secs(30)).await;
    sandbox.faults().clear();
    let client = client_for(&sandbox.base_url());
    let numbers: Vec<String> = client
        .all_tickets(ListQuery::default())
        .map(|t| t.unwrap().ticket_number)
        .collect()
        .await;
    assert_eq!(numbers.len(), TICKETS, "each ticket created once");
    let mut per_op: HashMap<String, usize> = HashMap::new();
    for number in &numbers {
        let ticket = client.get_ticket(number).await.unwrap();
        let marker = ticket.custom_fields.unwrap()[MARKER_FIELD]
            .as_str()
            .unwrap()
            .to_owned();
        *per_op.entry(marker).or_default() += 1;
    }
    for id in &op_ids {
        assert_eq!(per_op.get(id), Some(&1), "operation {id} sent once");
    }

    // Stopping releases the lock: the next syncer starts.
    first.stop_sync().await;
    second.start_sync().unwrap();
    second.stop_sync().await;
}

#[tokio::test]
async fn a_lock_left_by_a_dead_process_blocks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    // A crash leaves the lock file behind, unlocked (the OS released it).
    std::fs::write(dir.path().join("desk.sqlite3.sync-lock"), b"").unwrap();
    let core = DeskCore::open(&db, fast_sync()).unwrap();
    core.start_sync().unwrap();
    core.stop_sync().await;
}
