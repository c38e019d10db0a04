//! A sync process killed with SIGKILL at random points, fifty times, and
//! restarted: every queued ticket reaches the server exactly once.

mod support;

use desk_core::{DeskCore, MARKER_FIELD};
use futures_util::StreamExt;
use ping_api::ListQuery;
use rand::Rng;
use std::collections::HashMap;
use std::time::Duration;
use support::*;

const TICKETS: usize = 200;
const KILLS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_fifty_times_then_finish_exactly_once() {
    let sandbox = sandbox().await;
    // Slow enough that kills land mid-request, and some answers are lost
    // outright, so restarts meet in-flight and in-doubt operations.
    sandbox.faults().set_latency(Duration::from_millis(25));
    sandbox.faults().set_drop_after_commit_rate(0.15);

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let mut op_ids = Vec::new();
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        for i in 0..TICKETS {
            op_ids.push(core.create_ticket(walk_in(i)).unwrap().op_id);
        }
    }

    let bin = env!("CARGO_BIN_EXE_desk-sync");
    let mut killed_mid_run = 0;
    for _ in 0..KILLS {
        let mut child = tokio::process::Command::new(bin)
            .arg(&db)
            .arg(sandbox.base_url())
            .env("PING_API_KEY", key())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("desk-sync starts");
        let after = Duration::from_millis(rand::rng().random_range(10..50));
        tokio::select! {
            status = child.wait() => { status.unwrap(); }
            _ = tokio::time::sleep(after) => {
                child.kill().await.unwrap(); // SIGKILL
                killed_mid_run += 1;
            }
        }
    }
    assert!(
        killed_mid_run >= KILLS * 4 / 5,
        "most runs were killed mid-way ({killed_mid_run})"
    );

    sandbox.faults().clear();
    let status = tokio::process::Command::new(bin)
        .arg(&db)
        .arg(sandbox.base_url())
        .env("PING_API_KEY", key())
        .stdout(std::process::Stdio::null())
        .status()
        .await
        .unwrap();
    assert!(status.success(), "the last run drains the outbox");

    let client = client_for(&sandbox.base_url());
    let numbers: Vec<String> = client
        .all_tickets(ListQuery::default())
        .map(|t| t.unwrap().ticket_number)
        .collect()
        .await;
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
        assert_eq!(
            per_op.get(id),
            Some(&1),
            "operation {id} reached the server exactly once"
        );
    }
    assert_eq!(numbers.len(), TICKETS);

    let core = DeskCore::open(&db, fast_sync()).unwrap();
    let status = core.status().unwrap();
    assert_eq!((status.counts.pending, status.counts.failed), (0, 0));
}
