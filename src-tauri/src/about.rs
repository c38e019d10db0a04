//! The About panel's one action outside the app: the page where staff
//! report a problem, opened in the system's browser. The address is fixed
//! here, so the web view can open that page and nothing else (it gets no
//! opener permission of its own).

use crate::error::{CommandError, CommandResult};

/// Where problems with Ping Desk are reported.
pub const ISSUES_URL: &str = "https://github.com/ping-desk/ping-desk/issues";

/// Opens [`ISSUES_URL`] in the default browser.
#[tauri::command]
pub async fn open_issue_page() -> CommandResult<()> {
    tauri_plugin_opener::open_url(ISSUES_URL, None::<&str>).map_err(|err| {
        tracing::warn!(error = %err, "could not open the browser");
        CommandError::new(
            "NO_BROWSER",
            format!("No web browser could be opened ({err}). The address is {ISSUES_URL}"),
        )
    })
}
