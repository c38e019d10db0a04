//! Shared by the core's tests: sandboxes on loopback and quick sync settings.
#![allow(dead_code)]

use desk_core::{CopyConfig, CoreEvent, DeskCore, SyncConfig};
use ping_api::{ApiKey, ClientConfig, NewTicket, PingClient, RetryPolicy};
use ping_sandbox::{Database, RunningSandbox, SandboxConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

/// Short waits so the fault tests run in seconds, not minutes.
pub fn fast_sync() -> SyncConfig {
    SyncConfig {
        concurrency: 4,
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(300),
        reconcile_delay: Duration::from_millis(20),
        probe_interval: Duration::from_millis(50),
        reconnect_interval: Duration::from_millis(50),
        // The store's copy reads in the background; tests that count
        // requests or arm one-shot faults must not share them with it.
        copy: CopyConfig {
            enabled: false,
            ..CopyConfig::default()
        },
        ..SyncConfig::default()
    }
}

pub fn key() -> String {
    // 32 characters after the prefix.
    let body = "DeskCoreTestKey00000000000000000";
    format!("pk_test_{body}")
}

pub async fn sandbox_at(db: &Path, port: u16) -> RunningSandbox {
    ping_sandbox::start(SandboxConfig {
        bind: SocketAddr::from(([127, 0, 0, 1], port)),
        database: Database::File(db.to_owned()),
        api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key())],
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

pub async fn sandbox() -> RunningSandbox {
    ping_sandbox::start(SandboxConfig {
        api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key())],
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

pub fn client_for(base_url: &str) -> PingClient {
    client_with_key(base_url, &key())
}

pub fn client_with_key(base_url: &str, key: &str) -> PingClient {
    PingClient::with_config(
        base_url,
        ApiKey::parse(key).unwrap(),
        ClientConfig {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
            retry: RetryPolicy {
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(50),
                ..RetryPolicy::default()
            },
            ..ClientConfig::default()
        },
    )
    .unwrap()
}

pub fn core() -> DeskCore {
    DeskCore::in_memory(fast_sync()).unwrap()
}

/// A core connected to `sandbox` with its engine running.
pub fn syncing_core(sandbox: &RunningSandbox) -> DeskCore {
    let core = core();
    core.set_client(Some(client_for(&sandbox.base_url())));
    core.start_sync().unwrap();
    core
}

/// Waits until the outbox has nothing pending, or panics after `limit`.
pub async fn drained(core: &DeskCore, limit: Duration) {
    let started = Instant::now();
    loop {
        let status = core.status().unwrap();
        if status.counts.pending == 0 {
            return;
        }
        assert!(
            started.elapsed() < limit,
            "outbox not drained after {limit:?}: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn wait_for(limit: Duration, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < limit,
            "condition not met after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub fn walk_in(i: usize) -> NewTicket {
    let mut ticket = NewTicket::new(
        format!("Walk-in {i}: router will not connect"),
        format!("Customer {i} reports the router drops every few minutes since Monday."),
    );
    ticket.customer_first_name = Some(format!("Tendai{i}"));
    ticket.customer_last_name = Some("Moyo".into());
    ticket.customer_phone = Some(format!("+26377{:07}", 1_000_000 + i));
    ticket.customer_email = Some(format!("walkin{i}@example.co.zw"));
    ticket.channel = Some(ping_api::Channel::InStore);
    ticket.store_region = Some("Harare CBD".into());
    ticket.country = Some("Zimbabwe".into());
    ticket.category = Some("technical".into());
    ticket
}

/// Waits (up to 5 s) for the first event `wanted` accepts, and returns it.
pub async fn next_event(
    events: &mut tokio::sync::broadcast::Receiver<CoreEvent>,
    what: &str,
    wanted: impl Fn(&CoreEvent) -> bool,
) -> CoreEvent {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, events.recv()).await {
            Ok(Ok(event)) if wanted(&event) => return event,
            Ok(_) => {}
            Err(_) => panic!("no {what} event within 5 s"),
        }
    }
}

/// Starts a program, once more if Wine failed to start it. Under Wine a
/// child that dies while Wine sets it up, before any of its own code runs,
/// comes back as Windows' ERROR_INTERNAL_ERROR (1359); it happens rarely,
/// and is no fault of the program. Every other error is returned as is.
pub fn spawn(command: &mut tokio::process::Command) -> std::io::Result<tokio::process::Child> {
    const WINE_COULD_NOT_START_IT: i32 = 1359;
    let mut tries = 1;
    loop {
        match command.spawn() {
            Err(error)
                if cfg!(windows)
                    && error.raw_os_error() == Some(WINE_COULD_NOT_START_IT)
                    && tries < 3 =>
            {
                eprintln!("starting {command:?} failed ({error}); trying again");
                tries += 1;
            }
            started => return started,
        }
    }
}
