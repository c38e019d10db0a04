//! Signed updates: Ping Desk asks its release feed for a newer version,
//! downloads it, checks its signature against the public key built into the
//! app (tauri.conf.json `plugins.updater`), and installs it only when
//! nothing would be lost: never while the outbox is sending or a customer is
//! answering, and the web view holds back while a form holds typed text.
//! Otherwise the verified download waits and is installed as the app quits.

use crate::customer_view::CounterState;
use crate::error::{CommandError, CommandResult};
use crate::workspace::AppState;
use serde::Serialize;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_updater::{Error as UpdaterError, Update, UpdaterExt};
use tokio::sync::Mutex;

/// How long a check may take: the feed is one small JSON file. Downloads
/// have no overall limit (a shop's slow line may need minutes).
const CHECK_TIMEOUT: Duration = Duration::from_secs(30);

/// Progress events are sent at most this often (bytes), plus the last one.
const PROGRESS_STEP: u64 = 256 * 1024;

/// What the app knows about updates, kept for the app's life.
#[derive(Default)]
pub struct Updates {
    inner: Mutex<Found>,
}

#[derive(Default)]
struct Found {
    /// The newer version the last check found.
    available: Option<Update>,
    /// Downloaded and its signature checked: waiting to be installed.
    ready: Option<(Update, Vec<u8>)>,
    downloading: bool,
}

/// The updates card's state, as the web view shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    /// The running version.
    pub current: String,
    /// `none` (nothing newer found yet), `available`, `downloading` or
    /// `ready` (downloaded and verified, installs on restart or quit).
    pub state: &'static str,
    pub version: Option<String>,
    /// What is new, as the release says (plain text).
    pub notes: Option<String>,
    /// When the update was published (RFC 3339), if the feed says.
    pub date: Option<String>,
}

/// How far a download is: bytes so far and the total when the server says.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadProgress {
    pub downloaded: u64,
    pub total: Option<u64>,
}

fn current_version<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

fn status_of<R: Runtime>(app: &AppHandle<R>, found: &Found) -> UpdateStatus {
    let (state, update) = match (&found.ready, &found.available) {
        (Some((update, _)), _) => ("ready", Some(update)),
        (None, Some(update)) if found.downloading => ("downloading", Some(update)),
        (None, Some(update)) => ("available", Some(update)),
        (None, None) => ("none", None),
    };
    UpdateStatus {
        current: current_version(app),
        state,
        version: update.map(|u| u.version.clone()),
        notes: update.and_then(|u| u.body.as_deref()).map(bounded_notes),
        date: update
            .and_then(|u| u.date)
            .and_then(|date| chrono::DateTime::from_timestamp(date.unix_timestamp(), 0))
            .map(|date| date.to_rfc3339()),
    }
}

/// Release notes are shown as text; a feed can say anything, so they are
/// cut to a length a card can hold.
fn bounded_notes(notes: &str) -> String {
    const MAX: usize = 4000;
    match notes.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &notes[..cut]),
        None => notes.to_owned(),
    }
}

/// The updater's errors as the stable codes the web view branches on.
pub fn command_error(err: &UpdaterError) -> CommandError {
    use UpdaterError as E;
    match err {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => CommandError::new(
            "UPDATE_SIGNATURE",
            "The download is not signed by Ping Desk's release key, so it was not installed. \
             This version keeps working.",
        ),
        E::Reqwest(_) | E::Network(_) | E::Io(_) => CommandError::new(
            "UPDATE_UNREACHABLE",
            "The update server could not be reached. Ping Desk will try again later.",
        ),
        E::ReleaseNotFound
        | E::Serialization(_)
        | E::Semver(_)
        | E::UrlParse(_)
        | E::TargetNotFound(_)
        | E::TargetsNotFound(_) => CommandError::new(
            "UPDATE_FEED_INVALID",
            "The update server's answer was not a release Ping Desk can use.",
        ),
        E::AuthenticationFailed => CommandError::new(
            "UPDATE_NOT_INSTALLED",
            "The update was not installed: the computer's administrator password was not given.",
        ),
        other => CommandError::new(
            "UPDATE_FAILED",
            format!(
                "The update could not be installed ({}).",
                ping_api::bounded(&other.to_string())
            ),
        ),
    }
}

/// The updates card's state.
#[tauri::command]
pub async fn update_status<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
) -> CommandResult<UpdateStatus> {
    Ok(status_of(&app, &*updates.inner.lock().await))
}

/// Asks the release feed for a newer version. Once one is downloaded (or
/// downloading) the check is not repeated: that one is what gets installed.
#[tauri::command]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
) -> CommandResult<UpdateStatus> {
    {
        let found = updates.inner.lock().await;
        if found.ready.is_some() || found.downloading {
            return Ok(status_of(&app, &found));
        }
    }
    let updater = app.updater().map_err(|err| command_error(&err))?;
    let checked = tokio::time::timeout(CHECK_TIMEOUT, updater.check())
        .await
        .map_err(|_| {
            CommandError::new(
                "UPDATE_UNREACHABLE",
                "The update server did not answer in time. Ping Desk will try again later.",
            )
        })?;
    let update = checked.map_err(|err| {
        tracing::info!(error = %ping_api::bounded(&err.to_string()), "update check failed");
        command_error(&err)
    })?;
    if let Some(update) = &update {
        tracing::info!(version = %update.version, "an update is available");
    }
    let mut found = updates.inner.lock().await;
    if found.ready.is_none() && !found.downloading {
        found.available = update;
    }
    Ok(status_of(&app, &found))
}

/// Downloads the update the last check found and checks its signature;
/// progress goes to `progress`. A download that fails its signature is
/// dropped: nothing of it is kept or installed.
#[tauri::command]
pub async fn download_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
    progress: Channel<DownloadProgress>,
) -> CommandResult<UpdateStatus> {
    let update = {
        let mut found = updates.inner.lock().await;
        if found.ready.is_some() || found.downloading {
            return Ok(status_of(&app, &found));
        }
        let Some(update) = found.available.clone() else {
            return Err(CommandError::new(
                "UPDATE_NONE",
                "There is no update to download: check for updates first.",
            ));
        };
        found.downloading = true;
        update
    };
    let mut downloaded = 0u64;
    let mut reported = 0u64;
    let result = update
        .download(
            |chunk, total| {
                downloaded += chunk as u64;
                if downloaded - reported >= PROGRESS_STEP || Some(downloaded) == total {
                    reported = downloaded;
                    let _ = progress.send(DownloadProgress { downloaded, total });
                }
            },
            || {},
        )
        .await;
    let mut found = updates.inner.lock().await;
    found.downloading = false;
    match result {
        Ok(bytes) => {
            tracing::info!(version = %update.version, bytes = bytes.len(), "update downloaded and verified");
            found.ready = Some((update, bytes));
            Ok(status_of(&app, &found))
        }
        Err(err) => {
            tracing::warn!(version = %update.version, error = %ping_api::bounded(&err.to_string()), "update download refused");
            Err(command_error(&err))
        }
    }
}

/// Installs the downloaded update and restarts into it, unless the outbox
/// is sending or a customer is answering (then it waits for the next quit).
/// The web view asks only when no form holds typed text.
#[tauri::command]
pub async fn restart_to_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
) -> CommandResult<()> {
    if counter.survey_running() {
        return Err(CommandError::new(
            "UPDATE_WAIT_SURVEY",
            "A customer is answering on the customer's screen: restart when they are done, \
             or the update installs when Ping Desk quits.",
        ));
    }
    let core = state.core().ok();
    if let Some(core) = &core {
        if outbox_sending(&core.status()?) {
            return Err(CommandError::new(
                "UPDATE_WAIT_OUTBOX",
                "The outbox is sending to Ping: restart when it is done, \
                 or the update installs when Ping Desk quits.",
            ));
        }
        // Nothing may be claimed for sending while the new version goes in.
        core.stop_sync().await;
    }
    let found = updates.inner.lock().await;
    let Some((update, bytes)) = found.ready.as_ref() else {
        return Err(CommandError::new(
            "UPDATE_NONE",
            "There is no downloaded update to install.",
        ));
    };
    let (update, bytes) = (update.clone(), bytes.clone());
    drop(found);
    // Windows: the installer takes over and this process exits inside.
    let installed = tauri::async_runtime::spawn_blocking(move || update.install(bytes))
        .await
        .map_err(|err| CommandError::new("UPDATE_FAILED", err.to_string()))?;
    if let Err(err) = installed {
        tracing::warn!(error = %ping_api::bounded(&err.to_string()), "update not installed");
        if let Some(core) = &core {
            if let Err(err) = core.start_sync() {
                tracing::warn!(error = %err, "sending did not resume after a failed update");
            }
        }
        return Err(command_error(&err));
    }
    updates.inner.lock().await.ready = None;
    tracing::info!("update installed; restarting");
    state.shut_down(&app).await;
    app.restart()
}

/// Sending now: connected, reachable, not paused and with writes waiting.
/// Queued writes while offline are not "sending": they wait on disk and
/// survive a restart unchanged.
pub fn outbox_sending(status: &desk_core::SyncStatus) -> bool {
    status.connected
        && status.online != Some(false)
        && status.paused.is_none()
        && status.counts.pending > 0
}

/// As the app quits (after the workspace closed): installs a downloaded
/// update, so the next start runs it.
pub fn install_on_quit<R: Runtime>(app: &AppHandle<R>) {
    let Some(updates) = app.try_state::<Updates>() else {
        return;
    };
    let ready = tauri::async_runtime::block_on(updates.inner.lock())
        .ready
        .take();
    if let Some((update, bytes)) = ready {
        tracing::info!(version = %update.version, "installing the downloaded update as Ping Desk quits");
        if let Err(err) = update.install(bytes) {
            tracing::warn!(error = %ping_api::bounded(&err.to_string()), "update not installed at quit");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use desk_core::{OutboxCounts, SyncStatus};

    fn status(online: Option<bool>, paused: bool, pending: u32) -> SyncStatus {
        SyncStatus {
            connected: true,
            online,
            paused: paused.then(|| "RATE_LIMITED".to_owned()),
            paused_message: None,
            counts: OutboxCounts { pending, failed: 0 },
        }
    }

    #[test]
    fn the_outbox_is_sending_only_when_writes_can_leave() {
        assert!(outbox_sending(&status(Some(true), false, 2)));
        assert!(outbox_sending(&status(None, false, 1)));
        assert!(!outbox_sending(&status(Some(true), false, 0)));
        assert!(!outbox_sending(&status(Some(false), false, 5)));
        assert!(!outbox_sending(&status(Some(true), true, 5)));
    }

    #[test]
    fn notes_are_cut_on_a_character_boundary() {
        let long = "é".repeat(5000);
        let cut = bounded_notes(&long);
        assert_eq!(cut.chars().count(), 4001);
        assert!(cut.ends_with('…'));
        assert_eq!(bounded_notes("short"), "short");
    }
}
