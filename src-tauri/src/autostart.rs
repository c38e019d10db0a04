//! "Start Ping Desk when I log in": the OS's own login items
//! (tauri-plugin-autostart: an XDG autostart entry on Linux, the `Run` key
//! on Windows, a Launch Agent on macOS). The OS's entry is the setting's
//! only truth: nothing about it is kept in settings.json. The web view
//! reads and changes it through these commands only; it is granted none of
//! the plugin's own.
//!
//! Started that way the app gets [`ARG`]: its window opens minimised, not
//! taking the focus at login, while the workspace opens and the outbox
//! drains as usual.

use crate::error::{CommandError, CommandResult};
use serde::Serialize;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// The argument the login entry starts the app with.
pub const ARG: &str = "--autostart";

/// The plugin, with the entry named after the app and passing [`ARG`].
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new()
        .app_name("Ping Desk")
        .arg(ARG)
        .build()
}

/// Managed by `run` when the login entry started the app: the window's
/// setup then keeps it minimised.
pub struct StartedAtLogin;

/// Whether this run was started by the login entry.
pub fn started_at_login(mut args: impl Iterator<Item = String>) -> bool {
    args.any(|arg| arg == ARG)
}

/// Started at login: the staff window waits minimised, without the focus.
/// Called as the window is set up, before it is first drawn.
pub fn start_quietly<R: Runtime>(app: &AppHandle<R>) {
    if let Some(main) = app.get_webview_window("main") {
        if let Err(err) = main.minimize() {
            tracing::warn!(error = %err, "could not minimise the window at login");
        }
    }
    tracing::info!("started at login: window minimised, the outbox drains as usual");
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Autostart {
    pub enabled: bool,
}

fn manager<R: Runtime>(app: &AppHandle<R>) -> CommandResult<tauri::State<'_, AutoLaunchManager>> {
    app.try_state::<AutoLaunchManager>().ok_or_else(|| {
        CommandError::new(
            "AUTOSTART_UNAVAILABLE",
            "Starting with the computer cannot be set up here.",
        )
    })
}

fn os_error(err: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        "AUTOSTART_UNAVAILABLE",
        format!("The computer's login items could not be read or changed: {err}"),
    )
}

/// Whether the OS starts Ping Desk at login.
#[tauri::command]
pub async fn autostart<R: Runtime>(app: AppHandle<R>) -> CommandResult<Autostart> {
    let enabled = manager(&app)?.is_enabled().map_err(os_error)?;
    Ok(Autostart { enabled })
}

/// Asks the OS to start Ping Desk at login, or not; answers what the OS
/// says afterwards.
#[tauri::command]
pub async fn set_autostart<R: Runtime>(
    app: AppHandle<R>,
    enabled: bool,
) -> CommandResult<Autostart> {
    let manager = manager(&app)?;
    if enabled {
        manager.enable().map_err(os_error)?;
    } else {
        manager.disable().map_err(os_error)?;
    }
    let enabled = manager.is_enabled().map_err(os_error)?;
    tracing::info!(enabled, "start with the computer changed");
    Ok(Autostart { enabled })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_login_entrys_argument_counts() {
        let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert!(started_at_login(
            args(&["ping-desk", "--autostart"]).into_iter()
        ));
        assert!(!started_at_login(
            args(&["ping-desk", "--demo"]).into_iter()
        ));
        assert!(!started_at_login(
            args(&["ping-desk", "--autostart=no"]).into_iter()
        ));
    }
}
