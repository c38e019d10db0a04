//! Benchmarks of the offline core (run: `cargo bench -p desk-core`).
//!
//! 1. Drain 1,000 queued creates to a sandbox on loopback, against a bare
//!    reqwest loop POSTing the same 1,000 bodies at the same concurrency in
//!    the same run (target: ratio ≤ 1.3).
//! 2. Durable enqueue latency on a file database (target: p99 ≤ 5 ms).
//! 3. Full-text search over 50,000 cached tickets (target: p99 ≤ 20 ms).
//!
//! Prints a Markdown report; docs/benchmarks.md records it.

use desk_core::{CoreEvent, DeskCore, Store, SyncConfig};
use futures_util::StreamExt;
use ping_api::{ApiKey, NewTicket, PingClient, Ticket};
use ping_sandbox::{ApiKeyGrant, SandboxConfig};
use std::time::{Duration, Instant};

const CREATES: usize = 1_000;
const CONCURRENCY: usize = 4;
const ENQUEUES: usize = 2_000;
const CACHED: usize = 50_000;
const SEARCHES: usize = 1_000;

fn key() -> String {
    "pk_test_BenchBenchBenchBenchBenchBench00".to_owned()
}

fn walk_in(i: usize) -> NewTicket {
    let mut t = NewTicket::new(
        format!("Walk-in {i}: router will not connect"),
        format!("Customer {i} reports the router drops every few minutes since Monday; restarted twice."),
    );
    t.customer_first_name = Some("Tendai".into());
    t.customer_last_name = Some(format!("Moyo{i}"));
    t.customer_phone = Some(format!("+26377{:07}", i));
    t.customer_email = Some(format!("walkin{i}@example.co.zw"));
    t.channel = Some(ping_api::Channel::InStore);
    t.store_region = Some("Harare CBD".into());
    t
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

async fn sandbox() -> ping_sandbox::RunningSandbox {
    ping_sandbox::start(SandboxConfig {
        api_keys: vec![ApiKeyGrant::with_tickets(key())],
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// The same bodies the engine sends (marker and external id included).
fn bodies(n: usize) -> Vec<NewTicket> {
    let store = Store::open_in_memory().unwrap();
    (0..n)
        .map(|i| {
            let queued = store.enqueue_create(walk_in(i)).unwrap();
            match store.operation(&queued.op_id).unwrap().payload {
                desk_core::Payload::CreateTicket(t) => t,
                _ => unreachable!(),
            }
        })
        .collect()
}

async fn bare_reqwest(bodies: &[NewTicket], latency: Duration) -> Duration {
    let sandbox = sandbox().await;
    sandbox.faults().set_latency(latency);
    let url = format!("{}/v1/api/tickets", sandbox.base_url());
    // reqwest comes without a TLS provider of its own (ping-api gives its
    // client one); even a plain-http client needs one to be built.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let started = Instant::now();
    let statuses: Vec<u16> = futures_util::stream::iter(bodies)
        .map(|body| {
            let http = http.clone();
            let url = url.clone();
            async move {
                http.post(&url)
                    .header("X-Ping-Api-Key", key())
                    .json(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();
    assert!(statuses.iter().all(|s| *s == 201));
    assert_eq!(sandbox.ticket_count(), bodies.len());
    elapsed
}

async fn engine_drain(n: usize, latency: Duration, walk_in_order: bool) -> Duration {
    let sandbox = sandbox().await;
    sandbox.faults().set_latency(latency);
    let dir = tempfile::tempdir().unwrap();
    let core = DeskCore::open(
        &dir.path().join("desk.sqlite3"),
        SyncConfig {
            concurrency: CONCURRENCY,
            walk_in_order,
            copy: desk_core::CopyConfig {
                enabled: false,
                ..Default::default()
            },
            ..SyncConfig::default()
        },
    )
    .unwrap();
    for i in 0..n {
        core.create_ticket(walk_in(i)).unwrap();
    }
    let mut events = core.subscribe();
    core.set_client(Some(
        PingClient::new(&sandbox.base_url(), ApiKey::parse(&key()).unwrap()).unwrap(),
    ));
    let started = Instant::now();
    core.start_sync().unwrap();
    loop {
        if let Ok(CoreEvent::OutboxChanged { counts }) = events.recv().await {
            if counts.pending == 0 {
                break;
            }
        }
    }
    let elapsed = started.elapsed();
    core.stop_sync().await;
    assert_eq!(sandbox.ticket_count(), n);
    elapsed
}

fn enqueue_latency() -> Vec<Duration> {
    let dir = tempfile::tempdir().unwrap();
    let core = DeskCore::open(&dir.path().join("desk.sqlite3"), SyncConfig::default()).unwrap();
    let mut samples: Vec<Duration> = (0..ENQUEUES)
        .map(|i| {
            let ticket = walk_in(i);
            let started = Instant::now();
            core.create_ticket(ticket).unwrap();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

fn search_latency() -> (Vec<Duration>, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("desk.sqlite3")).unwrap();
    let regions = [
        "Harare CBD",
        "Borrowdale",
        "Bulawayo",
        "Mutare",
        "Gweru",
        "Masvingo",
    ];
    let problems = [
        "router will not connect after a power cut",
        "airtime was deducted twice for one bundle",
        "Starlink dish reports obstruction on the north side",
        "phone screen cracked, customer wants a quote",
        "SIM swap requested after the phone was stolen",
        "data bundle bought but not applied to the line",
    ];
    let names = [
        "Tendai Moyo",
        "Rudo Chikwanha",
        "Sipho Ndlovu",
        "Nomvula Dube",
        "Tatenda Mutasa",
        "Nqobile Ngwenya",
    ];
    let loaded = Instant::now();
    for chunk in (0..CACHED).collect::<Vec<_>>().chunks(1_000) {
        let tickets: Vec<Ticket> = chunk
            .iter()
            .map(|&i| {
                let (first, last) = names[i % names.len()].split_once(' ').unwrap();
                Ticket {
                    ticket_number: format!("TKT-2026-{:05}", i % 100_000),
                    subject: Some(format!("{} ({})", problems[i % problems.len()], regions[i % regions.len()])),
                    description: Some(format!(
                        "Walk-in {i}. {}. Staff checked the account and logged the case at the counter.",
                        problems[(i / 7) % problems.len()]
                    )),
                    status: Some(ping_api::Status::Open),
                    customer_first_name: Some(first.into()),
                    customer_last_name: Some(format!("{last}{}", i % 997)),
                    customer_phone: Some(format!("+26377{:07}", i)),
                    customer_email: Some(format!("customer{i}@example.co.zw")),
                    store_region: Some(regions[i % regions.len()].into()),
                    date_created: chrono::DateTime::from_timestamp(1_767_225_600 + i as i64 * 60, 0),
                    ..Default::default()
                }
            })
            .collect();
        store.cache_tickets(&tickets).unwrap();
    }
    let load_time = loaded.elapsed();
    let queries = [
        "Moyo",
        "Ndlovu",
        "2026-0421",
        "0770012345",
        "obstruction",
        "airtime deducted",
        "Borrowdale",
        "customer4242@",
        "screen",
        "Nqobile Ngwenya17",
        "bundle",
        "ZZZ-no-match",
    ];
    let mut per_query: Vec<(&str, Vec<Duration>, usize)> =
        queries.iter().map(|q| (*q, Vec::new(), 0)).collect();
    let mut samples: Vec<Duration> = (0..SEARCHES)
        .map(|i| {
            let q = queries[i % queries.len()];
            let started = Instant::now();
            let found = store.search_cached(q, 50).unwrap();
            let elapsed = started.elapsed();
            per_query[i % queries.len()].1.push(elapsed);
            per_query[i % queries.len()].2 = found.len();
            elapsed
        })
        .collect();
    samples.sort();
    if std::env::var_os("BENCH_DETAIL").is_some() {
        for (q, mut times, found) in per_query {
            times.sort();
            println!(
                "  {q:<22} results {found:>3}  p50 {}",
                ms(percentile(&times, 0.5))
            );
        }
    }
    (samples, load_time)
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent; only
    // measure when asked to.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let bodies = bodies(CREATES);

    println!("## Offline core (desk-core)\n");
    println!("| measure | result | baseline (same run) | target |");
    println!("|---|---|---|---|");
    // Loopback (the target's setting), then with a 20 ms round trip, nearer
    // what a shop's uplink to Ping costs. Best and median of three runs.
    for (n, latency) in [(CREATES, Duration::ZERO), (200, Duration::from_millis(20))] {
        let mut bare = Vec::new();
        let mut engine = Vec::new();
        let mut unordered = Vec::new();
        for _ in 0..3 {
            bare.push(runtime.block_on(bare_reqwest(&bodies[..n], latency)));
            engine.push(runtime.block_on(engine_drain(n, latency, true)));
            unordered.push(runtime.block_on(engine_drain(n, latency, false)));
        }
        bare.sort();
        engine.sort();
        unordered.sort();
        for (label, runs) in [
            ("in walk-in order (one create at a time)", &engine),
            ("creates unordered (as before walk-in order)", &unordered),
        ] {
            let ratio = runs[0].as_secs_f64() / bare[0].as_secs_f64();
            println!(
                "| drain {n} queued creates {label}, concurrency {CONCURRENCY}, {} ms added latency | {} (median {}) | bare reqwest POST loop {} (median {}) | ratio {:.2} (≤ 1.3) |",
                latency.as_millis(),
                ms(runs[0]),
                ms(runs[1]),
                ms(bare[0]),
                ms(bare[1]),
                ratio
            );
        }
    }

    let enqueue = enqueue_latency();
    println!(
        "| durable enqueue of a create ({ENQUEUES} samples, file DB, synchronous=FULL) | p50 {} · p99 {} · max {} | — | p99 ≤ 5 ms |",
        ms(percentile(&enqueue, 0.5)),
        ms(percentile(&enqueue, 0.99)),
        ms(*enqueue.last().unwrap())
    );

    let (search, load) = search_latency();
    println!(
        "| FTS search over {CACHED} cached tickets ({SEARCHES} queries, 50 results) | p50 {} · p99 {} · max {} | loading them took {} | p99 ≤ 20 ms |",
        ms(percentile(&search, 0.5)),
        ms(percentile(&search, 0.99)),
        ms(*search.last().unwrap()),
        ms(load)
    );
}
