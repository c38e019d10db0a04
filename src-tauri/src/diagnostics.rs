//! "Copy diagnostics": a plain-text report support can ask a store for. It
//! is assembled here and put on the clipboard from here
//! (tauri-plugin-clipboard-manager), so the web view needs no clipboard
//! permission; the text also comes back for the page to show, selectable by
//! hand if the clipboard fails.
//!
//! What it holds: the app's version, the OS and web view versions, the data
//! and log folders, the workspace (demo, or Ping's address; never the key),
//! the keychain's and the database's state, the outbox's counts by state,
//! the last delivery and the latest error codes, and the log's last lines
//! (which carry no key and no customer details: see logging.rs). Nothing
//! from a ticket, a draft or a template.

use crate::error::CommandResult;
use crate::settings::Mode;
use crate::workspace::AppState;
use serde::Serialize;
use std::fmt::Write as _;
use tauri::{AppHandle, Manager, Runtime, State};

/// How many of the log's last lines the report carries.
pub const LOG_LINES: usize = 50;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    pub text: String,
    /// Whether the text is on the clipboard.
    pub copied: bool,
    /// Why not, when it is not.
    pub copy_error: Option<String>,
}

/// Assembles the report, puts it on the clipboard and returns it.
#[tauri::command]
pub async fn copy_diagnostics<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<Diagnostics> {
    state.ensure_restored(&app).await;
    let text = report(&app, &state).await;
    let copied = match app.try_state::<tauri_plugin_clipboard_manager::Clipboard<R>>() {
        Some(clipboard) => clipboard
            .write_text(text.clone())
            .map_err(|err| err.to_string()),
        None => Err("no clipboard here".to_owned()),
    };
    if let Err(err) = &copied {
        tracing::warn!(error = %err, "could not copy the diagnostics");
    }
    Ok(Diagnostics {
        text,
        copied: copied.is_ok(),
        copy_error: copied.err(),
    })
}

async fn report<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> String {
    let info = state.info().await;
    let mut out = String::new();
    let line = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(out, "{label}: {value}");
    };
    line(&mut out, "Ping Desk diagnostics", &iso_now());
    let app_info = crate::app_info::current(app);
    let build = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    line(
        &mut out,
        "App",
        &format!("{} {} ({build})", app_info.name, app_info.version),
    );
    line(
        &mut out,
        "OS",
        &format!("{} ({})", os_info::get(), std::env::consts::ARCH),
    );
    line(&mut out, "Web view", &web_view());
    line(
        &mut out,
        "Data folder",
        &state.data_dir().display().to_string(),
    );
    line(
        &mut out,
        "Log folder",
        &crate::logging::current_dir()
            .map(|dir| dir.display().to_string())
            .unwrap_or_else(|| "not known".to_owned()),
    );
    let workspace = match info.mode {
        Mode::None => "none (welcome screen)".to_owned(),
        Mode::Demo => "demo (practice data on this computer)".to_owned(),
        Mode::Ping => {
            let address = info
                .base_url
                .clone()
                .unwrap_or_else(|| info.settings.base_url.clone());
            let key = if info.key_needed {
                "no key for this address"
            } else {
                "key filed"
            };
            format!("Ping at {address} ({key})")
        }
    };
    line(&mut out, "Workspace", &workspace);
    let keychain = match (&info.keychain.available, &info.keychain.message) {
        (true, _) => "available".to_owned(),
        (false, Some(message)) => format!("not available: {message}"),
        (false, None) => "not available".to_owned(),
    };
    line(&mut out, "Keychain", &keychain);
    let storage = match &info.storage {
        None => "ok".to_owned(),
        Some(problem) => format!("{}: {}", problem.code, problem.path.display()),
    };
    line(&mut out, "Database", &storage);
    let autostart = app
        .try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .map(|manager| match manager.is_enabled() {
            Ok(true) => "on".to_owned(),
            Ok(false) => "off".to_owned(),
            Err(err) => format!("unknown ({err})"),
        })
        .unwrap_or_else(|| "not available".to_owned());
    line(&mut out, "Start with the computer", &autostart);
    match state.core() {
        Ok(core) => {
            if let Ok(status) = core.status() {
                let online = match status.online {
                    Some(true) => "online",
                    Some(false) => "offline",
                    None => "not checked yet",
                };
                let paused = status.paused.as_deref().unwrap_or("no");
                line(
                    &mut out,
                    "Sync",
                    &format!(
                        "connected: {}, {online}, paused: {paused}",
                        if status.connected { "yes" } else { "no" }
                    ),
                );
            }
            match core.store().outbox_report() {
                Ok(outbox) => {
                    let counts = if outbox.by_state.is_empty() {
                        "empty".to_owned()
                    } else {
                        outbox
                            .by_state
                            .iter()
                            .map(|(state, count)| format!("{state} {count}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    line(&mut out, "Outbox", &counts);
                    line(
                        &mut out,
                        "Last write Ping took",
                        &outbox
                            .last_sent_at
                            .map(iso_ms)
                            .unwrap_or_else(|| "none".to_owned()),
                    );
                    let errors = if outbox.recent_errors.is_empty() {
                        "none".to_owned()
                    } else {
                        outbox
                            .recent_errors
                            .iter()
                            .map(|(code, state, at)| format!("{code} ({state}, {})", iso_ms(*at)))
                            .collect::<Vec<_>>()
                            .join("; ")
                    };
                    line(&mut out, "Latest error codes", &errors);
                }
                Err(err) => line(&mut out, "Outbox", &format!("not readable: {err}")),
            }
        }
        Err(_) => line(&mut out, "Outbox", "no workspace open"),
    }
    let log = crate::logging::tail(LOG_LINES);
    let _ = writeln!(out, "\nLast {} log lines:", log.len());
    for entry in log {
        let _ = writeln!(out, "{entry}");
    }
    out
}

fn web_view() -> String {
    let engine = if cfg!(target_os = "linux") {
        "WebKitGTK"
    } else if cfg!(windows) {
        "WebView2"
    } else {
        "WKWebView"
    };
    match tauri::webview_version() {
        Ok(version) => format!("{engine} {version}"),
        Err(_) => format!("{engine} (version not known)"),
    }
}

fn iso_now() -> String {
    iso_ms(desk_core::now_ms())
}

fn iso_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| ms.to_string())
}
