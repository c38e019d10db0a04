//! Benchmarks of offline readiness (run: `cargo bench -p desk-core --bench offline`).
//!
//! 1. Filling the store's copy (500 tickets) against a sandbox with a rate
//!    limit: time, requests spent, the most spent in one window.
//! 2. Search over the full copy, p99, by what staff type (phones in every
//!    form, names, words).
//! 3. The reconnect delay: queued writes leaving after Ping comes back,
//!    across a dozen outages of different lengths, with the app's timings.
//!
//! Prints a Markdown report; docs/benchmarks.md records it.

use desk_core::{CopyConfig, DeskCore, SyncConfig};
use ping_api::{ApiKey, ClientConfig, NewTicket, PingClient};
use ping_sandbox::{ApiKeyGrant, Database, RateLimit, SandboxConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

const COPY: usize = 500;
const SEARCHES: usize = 1_000;
const REGION: &str = "Harare CBD";
/// The limit the fill runs under: 300 requests per 5-second window.
const LIMIT: u32 = 300;
const WINDOW: Duration = Duration::from_secs(5);

fn key() -> String {
    "pk_test_BenchBenchBenchBenchBenchBench00".to_owned()
}

fn seed_key() -> String {
    "pk_test_SeedSeedSeedSeedSeedSeedSeed0000".to_owned()
}

fn client(base_url: &str, key: &str) -> PingClient {
    PingClient::with_config(
        base_url,
        ApiKey::parse(key).unwrap(),
        ClientConfig::default(),
    )
    .unwrap()
}

fn walk_in(i: usize, region: &str) -> NewTicket {
    let names = [
        "Tendai Moyo",
        "Rudo Chikwanha",
        "Sipho Ndlovu",
        "Nomvula Dube",
        "Tatenda Mutasa",
    ];
    let problems = [
        "router will not connect after a power cut",
        "airtime was deducted twice for one bundle",
        "Starlink dish reports obstruction",
        "phone screen cracked, customer wants a quote",
        "SIM swap requested after the phone was stolen",
    ];
    let (first, last) = names[i % names.len()].split_once(' ').unwrap();
    let mut t = NewTicket::new(
        format!("Walk-in {i}: {}", problems[i % problems.len()]),
        format!(
            "Customer {i}: {}. Logged at the counter.",
            problems[(i / 3) % problems.len()]
        ),
    );
    t.customer_first_name = Some(first.into());
    t.customer_last_name = Some(format!("{last}{i}"));
    t.customer_phone = Some(format!("+26377{:07}", 1_000_000 + i));
    t.store_region = Some(region.into());
    t
}

async fn start(
    db: &Path,
    port: u16,
    rate_limit: Option<RateLimit>,
) -> ping_sandbox::RunningSandbox {
    ping_sandbox::start(SandboxConfig {
        bind: SocketAddr::from(([127, 0, 0, 1], port)),
        database: Database::File(db.to_owned()),
        api_keys: vec![
            ApiKeyGrant::with_tickets(key()),
            ApiKeyGrant::with_tickets(seed_key()),
        ],
        rate_limit,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn app_sync(copy: bool) -> SyncConfig {
    SyncConfig {
        copy: CopyConfig {
            enabled: copy,
            ..CopyConfig::default()
        },
        ..SyncConfig::default()
    }
}

/// Fills a 500-ticket copy with the app's settings; returns the desk (its
/// directory kept alive), the time, requests and windows.
async fn fill(dir: &Path) -> (DeskCore, Duration, Vec<u32>) {
    let db = dir.join("ping.sqlite3");
    let seeding = start(&db, 0, None).await;
    let port = seeding.addr().port();
    let seeder = client(&seeding.base_url(), &seed_key());
    // 600 of the store's tickets and 100 of another's.
    for i in 0..700 {
        let region = if i % 7 == 6 { "Bulawayo" } else { REGION };
        seeder.create_ticket(&walk_in(i, region)).await.unwrap();
    }
    seeding.shutdown().await;
    let sandbox = start(
        &db,
        port,
        Some(RateLimit {
            limit: LIMIT,
            window: WINDOW,
        }),
    )
    .await;
    let core = DeskCore::open(&dir.join("desk.sqlite3"), app_sync(true)).unwrap();
    core.set_client(Some(client(&sandbox.base_url(), &key())));
    core.set_store_region(Some(REGION));
    let started = Instant::now();
    core.start_sync().unwrap();
    while core.store_copy_status().unwrap().held < COPY as u64 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "the copy did not fill"
        );
    }
    let took = started.elapsed();
    core.stop_sync().await;
    let windows = sandbox.rate_limit_windows(&key());
    sandbox.shutdown().await;
    (core, took, windows)
}

fn search(core: &DeskCore) -> Vec<Duration> {
    let queries = [
        "077 100 0123",
        "+263 77 100 0456",
        "0771000321",
        "263771000222",
        "Moyo",
        "Rudo Chikwanha1",
        "obstruction",
        "airtime deducted",
        "Walk-in 42",
        "ZZZ-no-match",
    ];
    let mut samples: Vec<Duration> = (0..SEARCHES)
        .map(|i| {
            let started = Instant::now();
            core.search_cached(queries[i % queries.len()], 50).unwrap();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

/// One outage: returns how long after Ping's return the queued write left.
async fn outage(length: Duration) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ping.sqlite3");
    let sandbox = start(&db, 0, None).await;
    let port = sandbox.addr().port();
    let core = DeskCore::open(&dir.path().join("desk.sqlite3"), app_sync(false)).unwrap();
    core.set_client(Some(client(&sandbox.base_url(), &key())));
    core.start_sync().unwrap();
    core.create_ticket(walk_in(0, REGION)).unwrap();
    while core.status().unwrap().counts.pending > 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    sandbox.shutdown().await;
    core.create_ticket(walk_in(1, REGION)).unwrap();
    while core.status().unwrap().online != Some(false) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(length).await;
    let sandbox = start(&db, port, None).await;
    let back = Instant::now();
    while core.status().unwrap().counts.pending > 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let delay = back.elapsed();
    core.stop_sync().await;
    sandbox.shutdown().await;
    delay
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("## Offline readiness (desk-core)\n");
    println!("| measure | result | notes |");
    println!("|---|---|---|");

    let dir = tempfile::tempdir().unwrap();
    let (core, took, windows) = runtime.block_on(fill(dir.path()));
    let spent: u32 = windows.iter().sum();
    let most = windows.iter().max().copied().unwrap_or(0);
    println!(
        "| fill the store's copy: {COPY} tickets (of 600 at the store, 700 in all), rate limit {LIMIT} per {} s, share {:.0} % | {:.1} s | {spent} requests (1 listing per 100, 1 read per ticket, 1 reconnect check); at most {most} in one window ({:.1} % of the limit); {} windows |",
        WINDOW.as_secs(),
        CopyConfig::default().share * 100.0,
        took.as_secs_f64(),
        most as f64 * 100.0 / LIMIT as f64,
        windows.len()
    );

    let samples = search(&core);
    println!(
        "| search the full copy ({COPY} held, {SEARCHES} queries: phones as typed, names, words) | p50 {} · p99 {} · max {} | — |",
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.99)),
        ms(*samples.last().unwrap())
    );

    let lengths_ms = [
        200u64, 700, 1300, 2100, 2900, 3700, 4600, 5500, 7000, 9000, 11000, 14000,
    ];
    let mut delays: Vec<Duration> = runtime.block_on(async {
        let runs: Vec<_> = lengths_ms
            .iter()
            .map(|&ms| tokio::spawn(outage(Duration::from_millis(ms))))
            .collect();
        let mut delays = Vec::new();
        for run in runs {
            delays.push(run.await.unwrap());
        }
        delays
    });
    let each: Vec<String> = lengths_ms
        .iter()
        .zip(&delays)
        .map(|(len, d)| format!("{:.1} s → {:.1} s", *len as f64 / 1e3, d.as_secs_f64()))
        .collect();
    delays.sort();
    println!(
        "| reconnect: a queued write leaves after Ping is back, {} outages of 0.2–14 s, app timings (check every 5 s while writes wait) | median {:.2} s · worst {:.2} s | outage → delay: {} |",
        delays.len(),
        percentile(&delays, 0.5).as_secs_f64(),
        delays.last().unwrap().as_secs_f64(),
        each.join(", ")
    );
}
