//! What the window shows about the app itself.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
}

pub fn current() -> AppInfo {
    AppInfo {
        name: "Ping Desk",
        version: env!("CARGO_PKG_VERSION"),
    }
}

#[tauri::command]
pub fn app_info() -> AppInfo {
    current()
}
