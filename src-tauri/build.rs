//! Builds the Tauri context. The app's own commands are declared here so each
//! becomes a permission (`allow-<command>`), and the capability files in
//! src-tauri/capabilities grant them window by window: a command no
//! capability grants cannot be called from any web view.

/// Every command the shell registers; keep in step with `lib.rs`.
const COMMANDS: &[&str] = &[
    "app_info",
    "ui_ready",
    "open_issue_page",
    "workspace",
    "core_events",
    "start_demo",
    "connect",
    "sign_out",
    "test_connection",
    "save_settings",
    "set_aside_database",
    "create_ticket",
    "list_tickets",
    "queued_tickets",
    "get_ticket",
    "update_ticket",
    "list_comments",
    "add_comment",
    "record_csat",
    "search_cached",
    "sync_status",
    "store_copy_status",
    "sync_now",
    "outbox",
    "retry_operation",
    "discard_operation",
    "save_draft",
    "load_draft",
    "delete_draft",
    "templates",
    "save_template",
    "delete_template",
    "export_templates",
    "import_templates",
    "customer_history",
    "today_at_store",
    "ticket_slip",
    "ask_customer",
    "customer_view_status",
    "end_customer_view",
    "set_counter_pin",
    "customer_survey",
    "customer_answer",
    "customer_comment",
    "customer_staff_return",
    "update_status",
    "check_for_update",
    "download_update",
    "restart_to_update",
    "autostart",
    "set_autostart",
    "copy_diagnostics",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
