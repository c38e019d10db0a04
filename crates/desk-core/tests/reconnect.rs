//! Back within seconds: with the engine's default timings, queued writes
//! leave within 10 s of Ping coming back, across a dozen outages of
//! different lengths; a network-change signal checks at once; and with
//! nothing queued, nothing checks Ping at the quick pace.

mod support;

use desk_core::{CopyConfig, DeskCore, SyncConfig};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

/// The app's timings (reconnect check every 5 s while writes wait), with
/// the store's copy off so only the outbox talks to the sandbox.
fn app_timings() -> SyncConfig {
    SyncConfig {
        copy: CopyConfig {
            enabled: false,
            ..CopyConfig::default()
        },
        ..SyncConfig::default()
    }
}

/// One outage of `outage`: a write is queued while Ping is down; returns how
/// long after Ping's return it left.
async fn outage(outage: Duration) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ping.sqlite3");
    let sandbox = sandbox_at(&db, 0).await;
    let port = sandbox.addr().port();
    let core = DeskCore::open(&dir.path().join("desk.sqlite3"), app_timings()).unwrap();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    core.create_ticket(walk_in(0)).unwrap();
    drained(&core, Duration::from_secs(10)).await;

    sandbox.shutdown().await;
    core.create_ticket(walk_in(1)).unwrap();
    wait_for(Duration::from_secs(10), || {
        core.status().unwrap().online == Some(false)
    })
    .await;
    tokio::time::sleep(outage).await;

    let sandbox = sandbox_at(&db, port).await;
    let back = Instant::now();
    drained(&core, Duration::from_secs(60)).await;
    let delay = back.elapsed();
    assert_eq!(sandbox.ticket_count(), 2, "each ticket sent once");
    core.stop_sync().await;
    sandbox.shutdown().await;
    delay
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_writes_leave_within_10_s_across_a_dozen_outages() {
    // Outages of 0.2 to 14 s, each against its own sandbox and desk, all at
    // once so the test takes about the longest one.
    let lengths_ms = [
        200, 700, 1300, 2100, 2900, 3700, 4600, 5500, 7000, 9000, 11000, 14000,
    ];
    let runs = lengths_ms
        .iter()
        .map(|&ms| tokio::spawn(outage(Duration::from_millis(ms))));
    let mut delays = Vec::new();
    for (run, ms) in futures_util::future::join_all(runs)
        .await
        .into_iter()
        .zip(lengths_ms)
    {
        delays.push((ms, run.expect("the outage ran")));
    }
    println!("outage (ms) → delay after Ping's return: {delays:?}");
    for (ms, delay) in &delays {
        assert!(
            *delay < Duration::from_secs(10),
            "after a {ms} ms outage the write left {delay:?} after Ping was back: {delays:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_change_checks_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ping.sqlite3");
    let sandbox = sandbox_at(&db, 0).await;
    let port = sandbox.addr().port();
    // A long reconnect interval: only the signal can explain a quick send.
    let config = SyncConfig {
        reconnect_interval: Duration::from_secs(60),
        probe_interval: Duration::from_secs(60),
        ..app_timings()
    };
    let core = DeskCore::open(&dir.path().join("desk.sqlite3"), config).unwrap();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    sandbox.shutdown().await;
    core.create_ticket(walk_in(0)).unwrap();
    wait_for(Duration::from_secs(10), || {
        core.status().unwrap().online == Some(false)
    })
    .await;
    // Past the first check after going offline.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let sandbox = sandbox_at(&db, port).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        core.status().unwrap().counts.pending,
        1,
        "nothing checks before the signal"
    );
    let signalled = Instant::now();
    core.network_changed();
    drained(&core, Duration::from_secs(5)).await;
    assert!(signalled.elapsed() < Duration::from_secs(5));
    assert_eq!(sandbox.ticket_count(), 1);
    core.stop_sync().await;
    sandbox.shutdown().await;
}

/// A "Ping" that is down: it accepts each connection and drops it at once,
/// counting them (every check is a connection of its own).
fn down_server() -> (String, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, connections)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_nothing_checks_faster_than_the_idle_pace_until_a_write_waits() {
    // The app's pace is a check every 10 s (doubling) with nothing queued
    // and every 5 s with writes waiting; scaled down here (2 s and 0.25 s)
    // so that polling at the quick pace while idle shows as many more
    // checks. The store's copy is on: offline it must not ask Ping either.
    let defaults = SyncConfig::default();
    assert_eq!(defaults.probe_interval, Duration::from_secs(10));
    assert_eq!(defaults.reconnect_interval, Duration::from_secs(5));
    let config = SyncConfig {
        probe_interval: Duration::from_secs(2),
        reconnect_interval: Duration::from_millis(250),
        ..SyncConfig::default()
    };
    let (url, connections) = down_server();
    let core = DeskCore::in_memory(config).unwrap();
    core.set_client(Some(client_for(&url)));
    core.start_sync().unwrap();

    // Nothing queued for 5 s: checks at 0, 2 s (and 6 s): two, three at most.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(core.status().unwrap().online, Some(false));
    let idle = connections.load(Ordering::SeqCst);
    assert!(
        (1..=3).contains(&idle),
        "{idle} checks in 5 s with nothing queued"
    );

    // A write waits: a check every 0.25 s, so 2 s bring several.
    core.create_ticket(walk_in(0)).unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let waiting = connections.load(Ordering::SeqCst) - idle;
    assert!(waiting >= 4, "{waiting} checks in 2 s with a write waiting");
    core.stop_sync().await;
    println!("checks: {idle} in 5 s idle, {waiting} in 2 s with a write waiting");
}
