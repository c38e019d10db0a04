//! The staff window opens where staff left it: its size, position and
//! whether it was maximised (tauri-plugin-window-state). Only the staff
//! window: the customer's is a kiosk that `customer_view.rs` places on the
//! customer's monitor each time, never from a saved state.

use std::path::Path;
use tauri::plugin::TauriPlugin;
use tauri::Runtime;
use tauri_plugin_window_state::{Builder, StateFlags};

/// The staff window's label (tauri.conf.json).
pub const MAIN_WINDOW: &str = "main";

/// The state file's name in a data folder given by `PING_DESK_DATA_DIR`.
pub const FILE_NAME: &str = "window-state.json";

/// What is kept: not visibility (a failed restore must never leave the
/// window hidden), decorations or full screen.
pub fn flags() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// The plugin, tracking the staff window only. The state lives in the app's
/// config folder (`.window-state.json`), or with `PING_DESK_DATA_DIR` in
/// that folder, so a second profile (or a test) keeps its own.
pub fn plugin<R: Runtime>(data_dir_override: Option<&Path>) -> TauriPlugin<R> {
    let builder = Builder::new()
        .with_state_flags(flags())
        .with_filter(|label| label == MAIN_WINDOW);
    match data_dir_override {
        // The plugin joins the name to the config folder: an absolute path
        // replaces it.
        Some(dir) => {
            let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
            builder.with_filename(dir.join(FILE_NAME).to_string_lossy())
        }
        None => builder,
    }
    .build()
}
