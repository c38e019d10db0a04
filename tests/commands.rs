//! The command layer driven through Tauri's real IPC and ACL on the mock
//! runtime: what a web view gets back when it invokes a command.

use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;

/// The app's own origin on the mock runtime.
const APP_ORIGIN: &str = "tauri://localhost";

fn invoke(window: &str, cmd: &str) -> Result<serde_json::Value, serde_json::Value> {
    invoke_from(window, APP_ORIGIN, cmd)
}

/// Invokes `cmd` from a window labelled `window`, showing a page at `origin`,
/// of the real app config.
fn invoke_from(
    window: &str,
    origin: &str,
    cmd: &str,
) -> Result<serde_json::Value, serde_json::Value> {
    let app = ping_desk_lib::with_commands(mock_builder())
        .build(ping_desk_lib::context())
        .expect("mock app builds");
    let webview = tauri::WebviewWindowBuilder::new(&app, window, Default::default())
        .build()
        .expect("mock window builds");
    get_ipc_response(
        &webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: origin.parse().unwrap(),
            body: InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| {
        body.deserialize::<serde_json::Value>()
            .expect("JSON answer")
    })
}

#[test]
fn app_info_reports_name_and_package_version() {
    let info = invoke("main", "app_info").expect("app_info answers");
    assert_eq!(info["name"], "Ping Desk");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn commands_no_capability_grants_are_refused() {
    let err = invoke("main", "read_api_key").unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn a_window_without_a_capability_can_call_nothing() {
    let err = invoke("stranger", "app_info").unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn a_remote_page_in_the_main_window_can_call_nothing() {
    let err = invoke_from("main", "https://example.com", "app_info").unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}
