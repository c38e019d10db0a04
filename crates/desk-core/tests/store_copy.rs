//! The store's copy against the sandbox: it fills to its size within its
//! share of a small rate limit, a 429 storm stops it until Retry-After, it
//! resumes where it stopped after a restart, and offline it answers the
//! list, search and a walk-in's history with an honest count.

mod support;

use desk_core::{CopyConfig, DeskCore, Freshness, SyncConfig};
use ping_api::{ListQuery, NewTicket};
use ping_sandbox::{ApiKeyGrant, Database, RateLimit, RunningSandbox, SandboxConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

const REGION: &str = "Harare CBD";
/// The seeding key: the desk's key's rate limit counts only the desk.
const SEED_KEY: &str = "pk_test_SeedSeedSeedSeedSeedSeedSeed0000";

async fn start_at(db: &Path, port: u16, rate_limit: Option<RateLimit>) -> RunningSandbox {
    ping_sandbox::start(SandboxConfig {
        bind: SocketAddr::from(([127, 0, 0, 1], port)),
        database: Database::File(db.to_owned()),
        api_keys: vec![
            ApiKeyGrant::with_tickets(key()),
            ApiKeyGrant::with_tickets(SEED_KEY),
        ],
        rate_limit,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

/// A customer of the store, with the phone as Ping keeps it.
fn store_ticket(i: usize, region: &str) -> NewTicket {
    let mut ticket = walk_in(i);
    ticket.store_region = Some(region.into());
    ticket
}

/// `harare` tickets of the store and `other` of another, on a sandbox
/// without a limit; returns it stopped, its port and database kept.
async fn seeded(dir: &Path, harare: usize, other: usize) -> (std::path::PathBuf, u16) {
    let db = dir.join("ping.sqlite3");
    let sandbox = start_at(&db, 0, None).await;
    let port = sandbox.addr().port();
    let seeder = client_with_key(&sandbox.base_url(), SEED_KEY);
    for i in 0..harare + other {
        let region = if i % 5 == 4 && i / 5 < other {
            "Bulawayo"
        } else {
            REGION
        };
        seeder
            .create_ticket(&store_ticket(i, region))
            .await
            .unwrap();
    }
    sandbox.shutdown().await;
    (db, port)
}

fn copy_config(max_tickets: u32) -> SyncConfig {
    SyncConfig {
        copy: CopyConfig {
            enabled: true,
            max_tickets,
            share: 0.25,
            unmetered_interval: Duration::from_millis(10),
            refresh_interval: Duration::from_secs(3600),
            staff_quiet: Duration::ZERO,
            ..CopyConfig::default()
        },
        ..fast_sync()
    }
}

fn open(db: &Path, config: SyncConfig, sandbox: &RunningSandbox) -> DeskCore {
    let core = DeskCore::open(db, config).unwrap();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.set_store_region(Some(REGION));
    core.start_sync().unwrap();
    core
}

async fn held(core: &DeskCore, n: u64, limit: Duration) -> Duration {
    let started = Instant::now();
    wait_for(limit, || core.store_copy_status().unwrap().held >= n).await;
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_copy_fills_to_its_size_within_its_share_of_a_small_rate_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 50 of the store's tickets and 10 of another store's; the copy keeps 40.
    let (db, port) = seeded(dir.path(), 50, 10).await;
    // A small limit: 60 requests per 2-second window for the whole key.
    let limit = RateLimit {
        limit: 60,
        window: Duration::from_secs(2),
    };
    let sandbox = start_at(&db, port, Some(limit)).await;
    let core = open(&dir.path().join("desk.sqlite3"), copy_config(40), &sandbox);

    // 1 listing and 40 reads at 15 a window (a quarter of 60): about 3
    // windows. Stated bound: 30 s.
    let took = held(&core, 40, Duration::from_secs(30)).await;
    let status = core.store_copy_status().unwrap();
    assert_eq!((status.held, status.listed), (40, 40), "{status:?}");
    assert_eq!(status.store_region.as_deref(), Some(REGION));
    assert!(status.as_of.is_some());

    // Every window stayed within the share: a quarter of the 60 (15), plus
    // the engine's one check that Ping answers.
    let windows = sandbox.rate_limit_windows(&key());
    assert!(
        windows.len() >= 2,
        "the fill spread over windows: {windows:?}"
    );
    assert!(
        windows.iter().all(|&used| used <= 16),
        "a window spent more than its share: {windows:?}"
    );
    assert!(
        windows.iter().sum::<u32>() <= 43,
        "requests spent: {windows:?}"
    );

    // Only the store's tickets, the newest 40, each read in full.
    let listed = core
        .list_tickets(&ListQuery {
            store_region: Some(REGION.into()),
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.pagination.total, 50);
    for ticket in listed.tickets.iter().take(40) {
        let cached = core
            .store()
            .cached_ticket(&ticket.ticket_number)
            .unwrap()
            .unwrap();
        assert!(cached.complete, "{} read in full", ticket.ticket_number);
        assert!(cached.ticket.customer_phone.is_some());
        assert_eq!(cached.ticket.store_region.as_deref(), Some(REGION));
    }
    println!("filled 40 in {took:?}; windows {windows:?}");
    core.stop_sync().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_stops_the_fill_until_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let (db, port) = seeded(dir.path(), 40, 0).await;
    let sandbox = start_at(&db, port, None).await;
    let mut config = copy_config(40);
    config.copy.unmetered_interval = Duration::from_millis(50);
    let core = open(&dir.path().join("desk.sqlite3"), config, &sandbox);
    held(&core, 5, Duration::from_secs(20)).await;

    // Three 429s in a row, each asking for 2 s.
    let faults = sandbox.faults();
    faults.too_many_requests_next(3, 2);
    wait_for(Duration::from_secs(5), || {
        faults.snapshot().too_many_requests_next < 3
    })
    .await;
    let first = Instant::now();
    let served = sandbox.requests_served();
    let held_then = core.store_copy_status().unwrap().held;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        sandbox.requests_served(),
        served,
        "a request went out during Retry-After"
    );
    assert_eq!(core.store_copy_status().unwrap().held, held_then);

    // Each 429 holds for its 2 s: the storm takes at least 6 s to pass.
    wait_for(Duration::from_secs(20), || {
        faults.snapshot().too_many_requests_next == 0
    })
    .await;
    assert!(
        first.elapsed() >= Duration::from_millis(3900),
        "the later 429s came before their Retry-After: {:?}",
        first.elapsed()
    );
    held(&core, 40, Duration::from_secs(30)).await;
    core.stop_sync().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fill_resumes_where_it_stopped_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (db, port) = seeded(dir.path(), 30, 0).await;
    let sandbox = start_at(&db, port, None).await;
    let desk_db = dir.path().join("desk.sqlite3");
    let mut config = copy_config(30);
    config.copy.unmetered_interval = Duration::from_millis(40);

    let core = open(&desk_db, config.clone(), &sandbox);
    held(&core, 10, Duration::from_secs(20)).await;
    core.stop_sync().await;
    drop(core);
    let before = sandbox.requests_served();
    let held_before = DeskCore::open(&desk_db, config.clone())
        .unwrap()
        .store_copy_status()
        .unwrap()
        .held;
    assert!(
        (10..30).contains(&held_before),
        "stopped part way: {held_before}"
    );

    let core = open(&desk_db, config, &sandbox);
    held(&core, 30, Duration::from_secs(20)).await;
    // What was held is not read again: the reads left, one check that Ping
    // answers, no new listing (the last one is fresh).
    let spent = sandbox.requests_served() - before;
    assert!(
        spent <= 30 - held_before + 1,
        "{spent} requests after the restart for {} tickets left",
        30 - held_before
    );
    core.stop_sync().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_copy_answers_history_by_phone_as_typed_list_and_search_honestly() {
    let dir = tempfile::tempdir().unwrap();
    let (db, port) = seeded(dir.path(), 20, 0).await;
    let sandbox = start_at(&db, port, None).await;
    // A returning customer: two earlier tickets at this store.
    let seeder = client_with_key(&sandbox.base_url(), SEED_KEY);
    for subject in ["Router will not connect", "Router still drops"] {
        let mut ticket = store_ticket(900, REGION);
        ticket.subject = subject.into();
        ticket.customer_phone = Some("+263771234567".into());
        ticket.customer_first_name = Some("Rudo".into());
        seeder.create_ticket(&ticket).await.unwrap();
    }
    let core = open(&dir.path().join("desk.sqlite3"), copy_config(500), &sandbox);
    held(&core, 22, Duration::from_secs(20)).await;

    sandbox.shutdown().await;
    // A walk-in logged during the outage counts as queued.
    let mut walk_in = store_ticket(901, REGION);
    walk_in.customer_phone = Some("+263771234567".into());
    walk_in.customer_first_name = Some("Rudo".into());
    core.create_ticket(walk_in).unwrap();

    for typed in [
        "077 123 4567",
        "+263 77 123 4567",
        "0771234567",
        "263771234567",
    ] {
        let history = core.customer_history(Some(typed), None).await.unwrap();
        assert!(
            matches!(history.freshness, Freshness::Cached { .. }),
            "{typed}"
        );
        assert_eq!(history.tickets.len(), 3, "{typed}: two on Ping, one queued");
        assert_eq!(history.first_name.as_deref(), Some("Rudo"));
        let held = history
            .held
            .expect("offline history says what it is made of");
        assert_eq!((held.held, held.queued), (22, 1));
    }

    let list = core.list_tickets(&ListQuery::default()).await.unwrap();
    assert!(matches!(list.freshness, Freshness::Cached { .. }));
    let held = list.held.expect("an offline list says what the desk holds");
    assert_eq!((held.held, held.listed, held.queued), (22, 22, 1));
    assert_eq!(held.store_region.as_deref(), Some(REGION));
    assert!(held.as_of.is_some());
    assert_eq!(
        list.pagination.total, 22,
        "counts what is held, nothing more"
    );

    for typed in ["077 123 4567", "0771234567", "+263 77 123 4567"] {
        let found = core.search_cached(typed, 50).unwrap();
        assert_eq!(found.len(), 2, "{typed}");
    }
    core.stop_sync().await;
}
