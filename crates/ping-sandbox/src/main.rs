//! `ping-sandbox`: run the local Ping Tickets API from the command line.
//!
//! Prints `PING_SANDBOX_URL=...` and `PING_SANDBOX_API_KEY=...` on stdout
//! (scripts parse these), logs to stderr, serves until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use ping_sandbox::{
    generate_test_key, is_valid_key_format, ApiKeyGrant, Database, RateLimit, SandboxConfig,
};

#[derive(Debug, Parser)]
#[command(
    name = "ping-sandbox",
    version,
    about = "A local implementation of Ping's Tickets API for tests, demos and training"
)]
struct Cli {
    /// Seed realistic demo tickets when the database is empty.
    #[arg(long)]
    demo: bool,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Allow listening on a non-loopback address (exposes the sandbox to the network).
    #[arg(long)]
    allow_non_loopback: bool,
    /// API key to accept (pk_test_/pk_live_/sk_test_/sk_live_ + 32 alphanumerics);
    /// a random pk_test_ key by default.
    #[arg(long)]
    api_key: Option<String>,
    /// SQLite file to keep data in (in memory by default).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Requests allowed per key per window (no limit by default).
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Rate-limit window in seconds.
    #[arg(long, default_value_t = 60)]
    rate_window_secs: u64,
    /// Expose the /_sandbox control endpoints (fault injection, stats).
    #[arg(long)]
    control: bool,
}

fn config_from(cli: Cli) -> Result<SandboxConfig, String> {
    let key = match cli.api_key {
        // The key is a secret: the error names the expected shape, never the value.
        Some(k) if !is_valid_key_format(&k) => {
            return Err("--api-key must be pk_test_, pk_live_, sk_test_ or sk_live_ followed by 32 letters or digits".into())
        }
        Some(k) => k,
        None => generate_test_key(),
    };
    let rate_limit = match cli.rate_limit {
        Some(0) => return Err("--rate-limit must be at least 1".into()),
        Some(_) if cli.rate_window_secs == 0 => {
            return Err("--rate-window-secs must be at least 1".into())
        }
        Some(limit) => Some(RateLimit {
            limit,
            window: Duration::from_secs(cli.rate_window_secs),
        }),
        None => None,
    };
    Ok(SandboxConfig {
        bind: SocketAddr::new(cli.bind, cli.port),
        allow_non_loopback: cli.allow_non_loopback,
        database: cli.db.map_or(Database::InMemory, Database::File),
        api_keys: vec![ApiKeyGrant::with_tickets(key)],
        demo_data: cli.demo,
        rate_limit,
        control_api: cli.control,
        reject_duplicate_external_id: false,
    })
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let cli = Cli::parse();
    let config = match config_from(cli) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
    };
    let demo = config.demo_data;
    let sandbox = match ping_sandbox::start(config).await {
        Ok(s) => s,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };

    let mut stdout = std::io::stdout().lock();
    let printed = writeln!(stdout, "PING_SANDBOX_URL={}", sandbox.base_url())
        .and_then(|()| writeln!(stdout, "PING_SANDBOX_API_KEY={}", sandbox.api_key()))
        .and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(err) = printed {
        eprintln!("error: could not write to stdout: {err}");
        sandbox.shutdown().await;
        return ExitCode::FAILURE;
    }
    eprintln!(
        "Ping sandbox serving the Tickets API at {}/v1/api/tickets{} (Ctrl-C to stop)",
        sandbox.base_url(),
        if demo { " with demo data" } else { "" }
    );
    eprintln!("Send the key above in the X-Ping-Api-Key header.");

    wait_for_stop_signal().await;
    eprintln!("Stopping Ping sandbox...");
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
