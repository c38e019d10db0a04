//! The Tauri shell of Ping Desk: thin commands that translate between the web
//! view and the domain crates under `crates/`, one module per feature.

pub mod app_info;

use tauri::{Builder, Runtime};

/// Registers every command; used by `run` and by the command tests, which
/// drive the same handlers through Tauri's mock runtime.
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder.invoke_handler(tauri::generate_handler![app_info::app_info])
}

/// The app's context: config, assets and the capabilities compiled from
/// src-tauri/capabilities (tests use it too, so they run under the real ACL).
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Starts the desktop app.
pub fn run() {
    init_logging();
    with_commands(Builder::default())
        .run(context())
        .expect("Ping Desk could not start its window");
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("PING_DESK_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
