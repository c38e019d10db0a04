//! One Ping Desk per data folder: two apps on one folder would run two sync
//! engines on one outbox. A second launch hands over to the running app,
//! which shows its window, and exits (tauri-plugin-single-instance); below
//! that, the running app holds an OS lock on a file in its data folder, so a
//! copy the plugin cannot see (no session bus, another folder override on
//! Windows or macOS) still cannot open the folder.

use std::fs::{File, OpenOptions};
use std::path::Path;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

/// The lock file in the data folder.
const LOCK_FILE: &str = "ping-desk.lock";

/// The single-instance plugin for the data folder in use: `data_dir_override`
/// is `PING_DESK_DATA_DIR` when set. On Linux each folder gets its own D-Bus
/// name, so a second profile runs beside the first; elsewhere the plugin
/// knows one instance per app, so it guards only the default folder and the
/// lock file guards the others.
pub fn plugin<R: Runtime>(data_dir_override: Option<&Path>) -> Option<TauriPlugin<R>> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, _argv, _cwd| {
        tracing::info!("Ping Desk was launched again: showing this window");
        show_main_window(app);
    });
    match data_dir_override {
        None => Some(builder.build()),
        #[cfg(target_os = "linux")]
        Some(dir) => Some(
            builder
                .dbus_id(format!("zw.co.ping.desk.d{:016x}", folder_hash(dir)))
                .build(),
        ),
        #[cfg(not(target_os = "linux"))]
        Some(_) => None,
    }
}

/// A stable name for a folder (FNV-1a of its absolute path).
#[cfg(target_os = "linux")]
fn folder_hash(dir: &Path) -> u64 {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    dir.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Takes the data folder's lock for as long as the returned file lives, or
/// says that another Ping Desk has it.
pub fn lock_data_dir(dir: &Path) -> Result<File, String> {
    lock_data_dir_within(dir, std::time::Duration::ZERO)
}

/// [`lock_data_dir`], waiting up to `patience` for a holder that is on its
/// way out: an app restarting into an update starts its successor a moment
/// before its own process has ended.
pub fn lock_data_dir_within(dir: &Path, patience: std::time::Duration) -> Result<File, String> {
    let give_up = std::time::Instant::now() + patience;
    loop {
        match try_lock_data_dir(dir) {
            Err(LockError::Held(_)) if std::time::Instant::now() < give_up => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(LockError::Held(message) | LockError::Failed(message)) => return Err(message),
            Ok(file) => return Ok(file),
        }
    }
}

enum LockError {
    Held(String),
    Failed(String),
}

fn try_lock_data_dir(dir: &Path) -> Result<File, LockError> {
    std::fs::create_dir_all(dir)
        .map_err(|err| LockError::Failed(format!("cannot create {}: {err}", dir.display())))?;
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| LockError::Failed(format!("cannot open {}: {err}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Held(format!(
            "another Ping Desk is already open on {}; use that window",
            dir.display()
        ))),
        Err(std::fs::TryLockError::Error(err)) => Err(LockError::Failed(format!(
            "cannot lock {}: {err}",
            path.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restart_waits_for_its_predecessor_to_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_data_dir(dir.path()).expect("first lock");
        let path = dir.path().to_owned();
        let successor = std::thread::spawn(move || {
            lock_data_dir_within(&path, std::time::Duration::from_secs(10))
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(first);
        successor
            .join()
            .unwrap()
            .expect("the lock is taken once the first holder lets go");
        let held = lock_data_dir(dir.path()).map(drop);
        assert!(held.is_ok(), "the successor's lock was dropped with it");
    }

    #[test]
    fn a_second_lock_on_one_folder_is_refused_until_the_first_goes() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_data_dir(dir.path()).expect("first lock");
        let err = lock_data_dir(dir.path()).expect_err("second lock refused");
        assert!(err.contains("already open"), "{err}");
        drop(first);
        lock_data_dir(dir.path()).expect("free again once the first app is gone");
    }
}
