//! `desk-sync`: delivers an outbox database to Ping and exits when nothing is
//! left to send. An operator's tool, and the process the crash tests kill.
//!
//! Usage: `PING_API_KEY=… desk-sync <database> <base-url>` (the key comes
//! from the environment so it never shows in a process list).
//!
//! Exit codes: 0 drained, 1 failed, 2 usage, 75 (`EX_TEMPFAIL`) another
//! Ping Desk or desk-sync is sending this outbox; try again when it stops.

use desk_core::{CopyConfig, CoreError, DeskCore, SyncConfig};
use ping_api::{ApiKey, PingClient};
use std::process::ExitCode;
use std::time::Duration;

/// `EX_TEMPFAIL` from sysexits.h: not an error in the outbox, just not now.
const OUTBOX_IN_USE: u8 = 75;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [database, base_url] = args.as_slice() else {
        eprintln!("usage: PING_API_KEY=… desk-sync <database> <base-url>");
        return ExitCode::from(2);
    };
    let key = match std::env::var("PING_API_KEY").map(|k| ApiKey::parse(&k)) {
        Ok(Ok(key)) => key,
        Ok(Err(err)) => {
            eprintln!("PING_API_KEY: {err}");
            return ExitCode::from(2);
        }
        Err(_) => {
            eprintln!("PING_API_KEY is not set");
            return ExitCode::from(2);
        }
    };
    let client = match PingClient::new(base_url, key) {
        Ok(client) => client,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };
    let config = SyncConfig {
        backoff_base: Duration::from_millis(50),
        backoff_max: Duration::from_secs(2),
        reconcile_delay: Duration::from_millis(50),
        probe_interval: Duration::from_millis(200),
        reconnect_interval: Duration::from_millis(200),
        // A drain and nothing else: no store copy read in the background.
        copy: CopyConfig {
            enabled: false,
            ..CopyConfig::default()
        },
        ..SyncConfig::default()
    };
    let core = match DeskCore::open(database.as_ref(), config) {
        Ok(core) => core,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    core.set_client(Some(client));
    match core.start_sync() {
        Ok(()) => {}
        Err(err @ CoreError::OutboxInUse { .. }) => {
            eprintln!("{err}");
            return ExitCode::from(OUTBOX_IN_USE);
        }
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    }
    loop {
        match core.status() {
            Ok(status) if status.counts.pending == 0 => break,
            Ok(status) if status.paused.is_some() => {
                eprintln!("sync paused: {}", status.paused_message.unwrap_or_default());
                core.stop_sync().await;
                return ExitCode::FAILURE;
            }
            Ok(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            Err(err) => {
                eprintln!("{err}");
                return ExitCode::FAILURE;
            }
        }
    }
    core.stop_sync().await;
    let failed = core.status().map(|s| s.counts.failed).unwrap_or(0);
    println!("drained; {failed} failed");
    ExitCode::SUCCESS
}
