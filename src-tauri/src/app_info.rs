//! What the window shows about the app itself.

use serde::Serialize;
use tauri::{AppHandle, Runtime};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// Where problems are reported (the About screen shows it).
    pub issues_url: &'static str,
}

/// The name and version the app was built as (tauri.conf.json, so a
/// package built with another version reports that one, as the updater
/// compares).
pub fn current<R: Runtime>(app: &AppHandle<R>) -> AppInfo {
    let package = app.package_info();
    AppInfo {
        name: package.name.clone(),
        version: package.version.to_string(),
        issues_url: crate::about::ISSUES_URL,
    }
}

#[tauri::command]
pub async fn app_info<R: Runtime>(app: AppHandle<R>) -> AppInfo {
    current(&app)
}

/// The web view calls this once its first screen is interactive. Logged, and
/// with `PING_DESK_READY_FILE` set the page's time since navigation (ms) is
/// written to that file, which the start-up benchmark waits for.
#[tauri::command]
pub async fn ui_ready(
    page_ms: Option<f64>,
    navigation_started_at: Option<f64>,
    marks: Option<std::collections::BTreeMap<String, f64>>,
) {
    // The page's own clock: how long from navigation to the first screen,
    // when (Unix ms) navigation started, and the page's marks on the way,
    // to see where start-up goes.
    let marks = marks.map(|marks| format!("{marks:?}"));
    tracing::info!(page_ms, navigation_started_at, marks, "ui ready");
    if let Some(path) = std::env::var_os("PING_DESK_READY_FILE") {
        if let Err(err) = std::fs::write(&path, page_ms.unwrap_or(0.0).to_string()) {
            tracing::warn!(error = %err, "could not write the ready file");
        }
    }
}
