//! Builds the Tauri context. The app's own commands are declared here so each
//! becomes a permission (`allow-<command>`), and the capability files in
//! src-tauri/capabilities grant them window by window: a command no
//! capability grants cannot be called from any web view.

/// Every command the shell registers; keep in step with `lib.rs`.
const COMMANDS: &[&str] = &["app_info"];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run tauri-build");
}
