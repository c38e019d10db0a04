//! The workspace the app is in (none, demo or the store's Ping account), the
//! core that serves it, and the commands that switch between them.

use crate::error::{CommandError, CommandResult};
use crate::keychain::{Keychain, KeychainError};
use crate::settings::{self, Mode, Saved, Settings};
use desk_core::{DeskCore, SyncConfig};
use ping_api::{ApiKey, ListQuery, PingClient};
use ping_sandbox::{ApiKeyGrant, Database, RunningSandbox, SandboxConfig};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Emitter, Runtime, State};
use tokio::sync::Mutex;

/// What the web view learns about the workspace. Never the key.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfo {
    pub mode: Mode,
    pub base_url: Option<String>,
    pub keychain: KeychainStatus,
    pub settings: Settings,
    /// Whether a counter PIN guards the customer's screen (never the PIN).
    pub counter_pin_set: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeychainStatus {
    pub available: bool,
    pub message: Option<String>,
}

/// The app's state, managed by Tauri.
pub struct AppState {
    data_dir: PathBuf,
    keychain: Keychain,
    /// Open the demo workspace when none has been chosen yet (`--demo`).
    demo_by_default: bool,
    /// The core of the open workspace, for commands (cheap to read).
    core: RwLock<Option<Arc<DeskCore>>>,
    /// Switching workspaces is serialized.
    workspace: Mutex<Workspace>,
    /// Set once the last run's workspace has been reopened. That starts in
    /// the background at launch, so the window opens without waiting for it;
    /// the first command that needs it waits (or starts it).
    restored: tokio::sync::OnceCell<()>,
}

struct Workspace {
    saved: Saved,
    keychain: KeychainStatus,
    base_url: Option<String>,
    demo: Option<RunningSandbox>,
    forwarder: Option<JoinHandle<()>>,
    /// The key, when the keychain could not keep it: for this run only.
    session_key: Option<ApiKey>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, keychain: Keychain) -> Self {
        let saved = settings::load(&data_dir);
        Self {
            data_dir,
            keychain,
            demo_by_default: false,
            core: RwLock::new(None),
            workspace: Mutex::new(Workspace {
                saved,
                keychain: KeychainStatus {
                    available: true,
                    message: None,
                },
                base_url: None,
                demo: None,
                forwarder: None,
                session_key: None,
            }),
            restored: tokio::sync::OnceCell::new(),
        }
    }

    /// With `true`, a first run (or a signed-out desk) opens the demo
    /// workspace instead of the welcome screen.
    pub fn with_demo_by_default(mut self, demo: bool) -> Self {
        self.demo_by_default = demo;
        self
    }

    /// Reopens the last workspace once; later calls wait for that.
    pub async fn ensure_restored<R: Runtime>(&self, app: &AppHandle<R>) {
        self.restored.get_or_init(|| self.restore(app)).await;
    }

    /// The open workspace's core, or NOT_CONNECTED on the welcome screen.
    pub fn core(&self) -> CommandResult<Arc<DeskCore>> {
        self.core
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(CommandError::not_connected)
    }

    /// Reopens the workspace saved at the last run.
    async fn restore<R: Runtime>(&self, app: &AppHandle<R>) {
        let started = std::time::Instant::now();
        let mode = self.workspace.lock().await.saved.mode;
        let result = match mode {
            Mode::None if self.demo_by_default => self.open_demo(app).await,
            Mode::None => Ok(()),
            Mode::Demo => self.open_demo(app).await,
            Mode::Ping => self.open_ping(app, None).await,
        };
        if let Err(err) = result {
            tracing::warn!(code = err.code, error = %err.message, "could not reopen the last workspace");
        }
        tracing::info!(
            ?mode,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "workspace reopened"
        );
    }

    /// The store as slips and the customer's screen name it.
    pub async fn store_label(&self) -> String {
        let ws = self.workspace.lock().await;
        let settings = &ws.saved.settings;
        match settings.store_name.trim() {
            "" => settings.store_region.trim().to_owned(),
            name => name.to_owned(),
        }
    }

    /// Sets (or with `None` removes) the counter PIN.
    pub async fn set_counter_pin(&self, pin: Option<&str>) -> CommandResult<()> {
        let pin = match pin.map(str::trim).filter(|pin| !pin.is_empty()) {
            Some(pin) if settings::valid_pin(pin) => Some(settings::CounterPin::new(pin)),
            Some(_) => {
                return Err(CommandError::new(
                    "VALIDATION",
                    "a counter PIN is 4 to 8 digits",
                ))
            }
            None => None,
        };
        let mut ws = self.workspace.lock().await;
        ws.saved.counter_pin = pin;
        self.persist(&ws);
        Ok(())
    }

    /// True when no PIN is set, or `pin` is it.
    pub async fn counter_pin_allows(&self, pin: Option<&str>) -> bool {
        let ws = self.workspace.lock().await;
        match &ws.saved.counter_pin {
            None => true,
            Some(stored) => pin.is_some_and(|pin| stored.matches(pin.trim())),
        }
    }

    pub async fn info(&self) -> WorkspaceInfo {
        let ws = self.workspace.lock().await;
        info_of(&ws)
    }

    async fn open_demo<R: Runtime>(&self, app: &AppHandle<R>) -> CommandResult<()> {
        let mut ws = self.workspace.lock().await;
        self.close(&mut ws).await;
        let dir = self.data_dir.join("demo");
        std::fs::create_dir_all(&dir).map_err(|e| {
            CommandError::new("STORAGE", format!("cannot create {}: {e}", dir.display()))
        })?;
        let key = ping_sandbox::generate_test_key();
        let sandbox = ping_sandbox::start(SandboxConfig {
            database: Database::File(dir.join("sandbox.sqlite3")),
            api_keys: vec![ApiKeyGrant::with_tickets(key.clone())],
            demo_data: true,
            ..SandboxConfig::default()
        })
        .await
        .map_err(|e| {
            CommandError::new(
                "INTERNAL",
                format!("the demo workspace could not start: {e}"),
            )
        })?;
        let client = PingClient::new(&sandbox.base_url(), ApiKey::parse(&key)?)?;
        let core = DeskCore::open(&dir.join("desk.sqlite3"), SyncConfig::default())?;
        self.activate(app, &mut ws, core, Some(client))?;
        ws.base_url = Some(sandbox.base_url());
        ws.demo = Some(sandbox);
        ws.keychain = KeychainStatus {
            available: true,
            message: None,
        };
        ws.saved.mode = Mode::Demo;
        self.persist(&ws);
        Ok(())
    }

    /// Opens the Ping workspace with `key`, or with the key in the keychain.
    async fn open_ping<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        key: Option<ApiKey>,
    ) -> CommandResult<()> {
        let mut ws = self.workspace.lock().await;
        self.close(&mut ws).await;
        let key = match key.or_else(|| ws.session_key.clone()) {
            Some(key) => Some(key),
            None => match self.keychain.load() {
                Ok(key) => key,
                Err(err) => {
                    ws.keychain = keychain_status(Err(&err));
                    None
                }
            },
        };
        let base_url = ws.saved.settings.base_url.clone();
        let client = key.map(|key| PingClient::new(&base_url, key)).transpose()?;
        let core = DeskCore::open(&self.data_dir.join("desk.sqlite3"), SyncConfig::default())?;
        self.activate(app, &mut ws, core, client)?;
        ws.base_url = Some(base_url);
        ws.saved.mode = Mode::Ping;
        self.persist(&ws);
        Ok(())
    }

    fn activate<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        ws: &mut Workspace,
        core: DeskCore,
        client: Option<PingClient>,
    ) -> CommandResult<()> {
        let core = Arc::new(core);
        core.set_client(client);
        core.start_sync()?;
        ws.forwarder = Some(forward_events(app.clone(), &core));
        *self.core.write().unwrap_or_else(|p| p.into_inner()) = Some(core);
        Ok(())
    }

    /// Stops the open workspace's sync, event forwarding and demo server.
    async fn close(&self, ws: &mut Workspace) {
        let core = self.core.write().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(core) = core {
            core.stop_sync().await;
        }
        if let Some(forwarder) = ws.forwarder.take() {
            forwarder.abort();
        }
        if let Some(demo) = ws.demo.take() {
            demo.shutdown().await;
        }
        ws.base_url = None;
    }

    fn persist(&self, ws: &Workspace) {
        if let Err(err) = settings::save(&self.data_dir, &ws.saved) {
            tracing::warn!(error = %err, "could not save settings");
        }
    }
}

fn info_of(ws: &Workspace) -> WorkspaceInfo {
    WorkspaceInfo {
        mode: ws.saved.mode,
        base_url: ws.base_url.clone(),
        keychain: ws.keychain.clone(),
        settings: ws.saved.settings.clone(),
        counter_pin_set: ws.saved.counter_pin.is_some(),
    }
}

fn keychain_status(result: Result<(), &KeychainError>) -> KeychainStatus {
    match result {
        Ok(()) => KeychainStatus {
            available: true,
            message: None,
        },
        Err(err) => KeychainStatus {
            available: false,
            message: Some(err.to_string()),
        },
    }
}

/// Forwards the core's events to the staff window.
fn forward_events<R: Runtime>(app: AppHandle<R>, core: &DeskCore) -> JoinHandle<()> {
    let mut events = core.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    if let Err(err) = app.emit_to("main", "core-event", &event) {
                        tracing::debug!(error = %err, "could not forward an event");
                    }
                }
                // A slow window missed some: it refreshes on the next one.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    })
}

#[tauri::command]
pub async fn workspace<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    Ok(state.info().await)
}

#[tauri::command]
pub async fn start_demo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    state.open_demo(&app).await?;
    Ok(state.info().await)
}

/// Checks the key with a real call, keeps it in the OS keychain and opens
/// the Ping workspace. Without a keychain the key is kept for this run only.
#[tauri::command]
pub async fn connect<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    api_key: String,
    base_url: Option<String>,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    // The key's text lives only until it is parsed into the secret type.
    let key = ApiKey::parse(&api_key)?;
    drop(api_key);
    let base_url = match base_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => url.to_owned(),
        None => state.info().await.settings.base_url,
    };
    let client = PingClient::new(&base_url, key.clone())?;
    client
        .list_tickets(&ListQuery {
            per_page: Some(1),
            ..Default::default()
        })
        .await?;
    let stored = state.keychain.store(&key);
    {
        let mut ws = state.workspace.lock().await;
        ws.saved.settings.base_url = ping_api::validate_base_url(&base_url)?
            .as_str()
            .trim_end_matches('/')
            .to_owned();
    }
    state.open_ping(&app, Some(key.clone())).await?;
    let mut ws = state.workspace.lock().await;
    ws.session_key = stored.is_err().then_some(key);
    ws.keychain = match &stored {
        Ok(()) => keychain_status(Ok(())),
        Err(err) => KeychainStatus {
            available: false,
            message: Some(format!(
                "{err} Until then the key is kept only while Ping Desk is open."
            )),
        },
    };
    Ok(info_of(&ws))
}

/// Deletes the key from the keychain and returns to the welcome screen.
/// Writes not yet sent stay in the outbox and go after the next connect.
#[tauri::command]
pub async fn sign_out<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    let mut ws = state.workspace.lock().await;
    let deleted = state.keychain.delete();
    state.close(&mut ws).await;
    ws.session_key = None;
    ws.saved.mode = Mode::None;
    state.persist(&ws);
    if let Err(err) = deleted {
        return Err(CommandError::new("KEYCHAIN_UNAVAILABLE", err.to_string()));
    }
    Ok(info_of(&ws))
}

#[derive(Debug, Serialize)]
pub struct ConnectionCheck {
    ok: bool,
}

#[tauri::command]
pub async fn test_connection(state: State<'_, AppState>) -> CommandResult<ConnectionCheck> {
    let core = state.core()?;
    core.list_tickets(&ListQuery {
        per_page: Some(1),
        ..Default::default()
    })
    .await
    .and_then(|list| match list.freshness {
        desk_core::Freshness::Live => Ok(ConnectionCheck { ok: true }),
        desk_core::Freshness::Cached { .. } => Err(desk_core::CoreError::OfflineNotCached(
            ping_api::Error::InvalidRequest("Ping could not be reached".into()),
        )),
    })
    .map_err(CommandError::from)
}

#[tauri::command]
pub async fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    ping_api::validate_base_url(&settings.base_url)?;
    let reconnect = {
        let mut ws = state.workspace.lock().await;
        let changed_url = ws.saved.settings.base_url != settings.base_url;
        ws.saved.settings = settings;
        state.persist(&ws);
        changed_url && ws.saved.mode == Mode::Ping
    };
    if reconnect {
        state.open_ping(&app, None).await?;
    }
    Ok(state.info().await)
}
