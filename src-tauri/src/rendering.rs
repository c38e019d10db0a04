//! How the app's web views draw. Ping Desk is forms, lists and a few faces:
//! nothing that needs the GPU. On Linux, WebKitGTK's accelerated compositing
//! costs every window tens of MiB (more on shop PCs without a GPU, where it
//! runs on a software GL), so the app draws in software unless
//! `PING_DESK_GPU=1` asks otherwise (see docs/benchmarks.md).

use tauri::{Runtime, WebviewWindow};

/// Applies the app's rendering policy to `window`'s web view. Used for the
/// staff window at start-up; the customer's window keeps WebKit's default
/// (see docs/architecture.md).
pub fn apply<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        if std::env::var_os("PING_DESK_GPU").is_some_and(|v| v == "1") {
            return;
        }
        let result = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(err) = result {
            tracing::debug!(error = %err, "could not set the rendering policy");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
