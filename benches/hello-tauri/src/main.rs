//! The baseline for Ping Desk's start-up and memory benchmark: a window, a
//! page, and the same "UI ready" signal, nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ready {
    /// Writes the page's time since navigation (ms) to `PING_DESK_READY_FILE`,
    /// as Ping Desk does.
    #[tauri::command]
    pub fn ui_ready(page_ms: Option<f64>) {
        if let Some(path) = std::env::var_os("PING_DESK_READY_FILE") {
            let _ = std::fs::write(path, page_ms.unwrap_or(0.0).to_string());
        }
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready::ui_ready])
        .run(tauri::generate_context!())
        .expect("hello-tauri could not start");
}
