//! The baseline for Ping Desk's start-up and memory benchmark: a window, a
//! page, and the same "UI ready" signal, nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ready {
    /// Writes the milliseconds since start to `PING_DESK_READY_FILE`.
    #[tauri::command]
    pub fn ui_ready() {
        if let Some(path) = std::env::var_os("PING_DESK_READY_FILE") {
            let _ = std::fs::write(path, "ready");
        }
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready::ui_ready])
        .run(tauri::generate_context!())
        .expect("hello-tauri could not start");
}
