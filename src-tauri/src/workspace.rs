//! The workspace the app is in (none, demo or the store's Ping account), the
//! core that serves it, and the commands that switch between them.

use crate::error::{CommandError, CommandResult};
use crate::keychain::{Keychain, KeychainError};
use crate::settings::{self, Mode, Saved, Settings};
use desk_core::{CoreEvent, DeskCore, NetworkWatch, OpenProblem, SetAside, SyncConfig};
use ping_api::{ApiKey, ListQuery, PingClient};
use ping_sandbox::{ApiKeyGrant, Database, RunningSandbox, SandboxConfig};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tauri::async_runtime::JoinHandle;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
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
    /// In the Ping workspace, no key is filed for `base_url`: staff must
    /// connect again (type the key, which is checked against that address).
    pub key_needed: bool,
    /// The workspace's database could not be opened: why, and where it is.
    pub storage: Option<OpenProblem>,
    /// The settings holding the counter PIN were damaged: the customer's
    /// screen cannot hand back to staff until the PIN is set again.
    pub counter_pin_unreadable: bool,
}

/// What `set_aside_database` did, and the workspace after it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetAsideResult {
    pub set_aside: SetAside,
    pub workspace: WorkspaceInfo,
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
    /// Where the core's events go: the channel the staff window opened
    /// (`core_events`). A channel reaches only the page that made it; an
    /// app-wide event would reach every window listening, the customer's too.
    events_to: Arc<std::sync::Mutex<Option<Channel<CoreEvent>>>>,
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
    /// Desktop notifications and the log of the open workspace's events.
    alerts: Option<JoinHandle<()>>,
    /// The key and the address it was checked against, when the keychain
    /// could not keep them: for this run only.
    session_key: Option<(String, ApiKey)>,
    /// Whether the open Ping workspace has a key for its address.
    has_key: bool,
    /// Why a workspace's database could not be opened, and which workspace,
    /// until it opens.
    storage: Option<(Mode, OpenProblem)>,
    /// The OS's network-change signal, for the open workspace's core.
    network: Option<NetworkWatch>,
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
                alerts: None,
                session_key: None,
                has_key: false,
                storage: None,
                network: None,
            }),
            restored: tokio::sync::OnceCell::new(),
            events_to: Default::default(),
        }
    }

    /// With `true`, a first run (or a signed-out desk) opens the demo
    /// workspace instead of the welcome screen.
    pub fn with_demo_by_default(mut self, demo: bool) -> Self {
        self.demo_by_default = demo;
        self
    }

    /// The folder the app keeps its data in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
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

    /// The Ping workspace's database (the demo keeps its own in `demo/`).
    fn ping_database(&self) -> PathBuf {
        self.data_dir.join("desk.sqlite3")
    }

    /// Closes the open workspace (its sync engine puts claimed sends back
    /// and lets go of the outbox's lock): as the app quits.
    pub async fn shut_down<R: Runtime>(&self, app: &AppHandle<R>) {
        let mut ws = self.workspace.lock().await;
        self.close(app, &mut ws).await;
    }

    /// The store as slips and the customer's screen name it.
    /// The store's default language for customers (the customer's screen
    /// and slip when a ticket names none we have).
    pub async fn customer_language(&self) -> String {
        let ws = self.workspace.lock().await;
        let language = &ws.saved.settings.customer_language;
        if crate::settings::CUSTOMER_LANGUAGES.contains(&language.as_str()) {
            language.clone()
        } else {
            "en".to_owned()
        }
    }

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
        ws.saved.pin_tries = Default::default();
        self.persist(&ws);
        Ok(())
    }

    /// A copy of what is saved between runs.
    pub async fn saved(&self) -> Saved {
        self.workspace.lock().await.saved.clone()
    }

    /// Changes what is saved between runs, and saves it if it changed.
    pub async fn update_saved<T>(&self, change: impl FnOnce(&mut Saved) -> T) -> T {
        let mut ws = self.workspace.lock().await;
        let before = ws.saved.clone();
        let result = change(&mut ws.saved);
        if ws.saved != before {
            self.persist(&ws);
        }
        result
    }

    pub async fn info(&self) -> WorkspaceInfo {
        let ws = self.workspace.lock().await;
        info_of(&ws)
    }

    async fn open_demo<R: Runtime>(&self, app: &AppHandle<R>) -> CommandResult<()> {
        let mut ws = self.workspace.lock().await;
        self.close(app, &mut ws).await;
        let dir = self.data_dir.join("demo");
        settings::create_private_dir(&dir).map_err(|e| {
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
        let core = match open_core(&mut ws, Mode::Demo, &dir.join("desk.sqlite3")) {
            Ok(core) => core,
            Err(err) => {
                sandbox.shutdown().await;
                return Err(err);
            }
        };
        if let Err(err) = self.activate(app, &mut ws, core, Some(client)) {
            sandbox.shutdown().await;
            return Err(err);
        }
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

    /// Opens the Ping workspace at the saved address with `key`, or with the
    /// key filed for that address. Without one, the workspace opens with no
    /// connection (queued writes wait) and asks for the key: nothing is sent
    /// to an address no key was checked against.
    async fn open_ping<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        key: Option<ApiKey>,
    ) -> CommandResult<()> {
        let mut ws = self.workspace.lock().await;
        self.close(app, &mut ws).await;
        let base_url = ws.saved.settings.base_url.clone();
        let session_key = ws
            .session_key
            .as_ref()
            .filter(|(bound_to, _)| *bound_to == base_url)
            .map(|(_, key)| key.clone());
        let key = match key.or(session_key) {
            Some(key) => Some(key),
            None => match self.keychain.load(&base_url) {
                Ok(key) => key,
                Err(err) => {
                    ws.keychain = keychain_status(Err(&err));
                    None
                }
            },
        };
        ws.has_key = key.is_some();
        let client = key.map(|key| PingClient::new(&base_url, key)).transpose()?;
        let core = open_core(&mut ws, Mode::Ping, &self.ping_database())?;
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
        // The store's copy is of the store the settings name.
        core.set_store_region(Some(&ws.saved.settings.store_region));
        core.start_sync()?;
        ws.network = core.watch_network();
        ws.forwarder = Some(forward_events(self.events_to.clone(), &core));
        ws.alerts = Some(crate::notifications::watch(app, &core));
        *self.core.write().unwrap_or_else(|p| p.into_inner()) = Some(core);
        Ok(())
    }

    /// Stops the open workspace's sync, event forwarding and demo server,
    /// and ends a survey running for it: a score is only ever given for the
    /// workspace it was asked in.
    async fn close<R: Runtime>(&self, app: &AppHandle<R>, ws: &mut Workspace) {
        crate::customer_view::end_customer_view_now(app);
        let core = self.core.write().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(core) = core {
            core.stop_sync().await;
        }
        ws.network = None;
        if let Some(forwarder) = ws.forwarder.take() {
            forwarder.abort();
        }
        if let Some(alerts) = ws.alerts.take() {
            alerts.abort();
        }
        if let Some(demo) = ws.demo.take() {
            demo.shutdown().await;
        }
        ws.base_url = None;
        ws.has_key = false;
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
        key_needed: ws.saved.mode == Mode::Ping && !ws.has_key && ws.storage.is_none(),
        storage: ws.storage.as_ref().map(|(_, problem)| problem.clone()),
        counter_pin_unreadable: ws
            .saved
            .counter_pin
            .as_ref()
            .is_some_and(|pin| !pin.is_readable()),
    }
}

/// Opens a workspace's database; when it cannot be opened the workspace
/// remembers why, for the screen that offers to set the file aside.
fn open_core(ws: &mut Workspace, mode: Mode, path: &Path) -> CommandResult<DeskCore> {
    match DeskCore::open(path, SyncConfig::default()) {
        Ok(core) => {
            ws.storage = None;
            Ok(core)
        }
        Err(err) => {
            let problem = OpenProblem::of(path, &err);
            tracing::error!(code = problem.code, error = %err, "the database could not be opened");
            let reported = CommandError::new(problem.code, problem.message.clone());
            ws.storage = Some((mode, problem));
            Err(reported)
        }
    }
}

/// The address as the keychain files it: checked (https, or http on
/// loopback only) and without a trailing slash.
fn normalized_base_url(raw: &str) -> CommandResult<String> {
    Ok(ping_api::validate_base_url(raw.trim())?
        .as_str()
        .trim_end_matches('/')
        .to_owned())
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

/// Forwards the core's events to the staff window's channel.
fn forward_events(
    events_to: Arc<std::sync::Mutex<Option<Channel<CoreEvent>>>>,
    core: &DeskCore,
) -> JoinHandle<()> {
    let mut events = core.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    let channel = events_to.lock().unwrap_or_else(|p| p.into_inner()).clone();
                    if let Some(channel) = channel {
                        if let Err(err) = channel.send(event) {
                            tracing::debug!(error = %err, "could not forward an event");
                        }
                    }
                }
                // A slow window missed some: it refreshes on the next one.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    })
}

/// The staff window subscribes to the core's events (again after a reload:
/// the newest channel replaces the last).
#[tauri::command]
pub async fn core_events(
    state: State<'_, AppState>,
    channel: Channel<CoreEvent>,
) -> CommandResult<()> {
    *state.events_to.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    Ok(())
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
        Some(url) => normalized_base_url(url)?,
        None => normalized_base_url(&state.info().await.settings.base_url)?,
    };
    let client = PingClient::new(&base_url, key.clone())?;
    client
        .list_tickets(&ListQuery {
            per_page: Some(1),
            ..Default::default()
        })
        .await?;
    // From here on the key belongs to this address, and to no other.
    let stored = state.keychain.store(&base_url, &key);
    {
        let mut ws = state.workspace.lock().await;
        ws.saved.settings.base_url = base_url.clone();
        ws.session_key = stored.is_err().then(|| (base_url, key.clone()));
    }
    state.open_ping(&app, Some(key)).await?;
    let mut ws = state.workspace.lock().await;
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
/// Writes not yet sent stay in the outbox and go after the next connect,
/// unless `wipe` is asked for: then this desk's copy of the store's data
/// (cached tickets and comments, drafts, the outbox and any copies of the
/// database) is deleted too, for a shared or retiring PC.
#[tauri::command]
pub async fn sign_out<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    wipe: Option<bool>,
) -> CommandResult<WorkspaceInfo> {
    state.ensure_restored(&app).await;
    let mut ws = state.workspace.lock().await;
    let deleted = state.keychain.delete();
    state.close(&app, &mut ws).await;
    ws.session_key = None;
    ws.saved.mode = Mode::None;
    state.persist(&ws);
    if wipe == Some(true) {
        let removed = desk_core::wipe(&state.ping_database()).map_err(|err| {
            CommandError::new(
                "STORAGE",
                format!("Signed out, but this desk's data could not all be deleted: {err}"),
            )
        })?;
        tracing::info!(files = removed, "wiped this desk's data at sign-out");
    }
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
    let mut ws = state.workspace.lock().await;
    // The key goes only where it was checked: a new address is set by
    // `connect`, with the key typed again, never by saving settings.
    let saved_url = normalized_base_url(&ws.saved.settings.base_url).unwrap_or_default();
    if normalized_base_url(&settings.base_url)? != saved_url {
        return Err(CommandError::new(
            "ADDRESS_NEEDS_KEY",
            "Changing Ping's address needs the API key again: connect to the new address with the key. Nothing was saved.",
        ));
    }
    settings
        .check_languages()
        .map_err(CommandError::validation)?;
    ws.saved.settings = Settings {
        base_url: ws.saved.settings.base_url.clone(),
        ..settings
    };
    if let Some(core) = state
        .core
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
    {
        core.set_store_region(Some(&ws.saved.settings.store_region));
    }
    state.persist(&ws);
    Ok(info_of(&ws))
}

/// The database could not be opened: copies its queued writes out beside it,
/// renames it aside (never deletes it) and opens the workspace afresh.
#[tauri::command]
pub async fn set_aside_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CommandResult<SetAsideResult> {
    state.ensure_restored(&app).await;
    let storage = state.workspace.lock().await.storage.clone();
    let (mode, problem) = storage.ok_or_else(|| {
        CommandError::new(
            "INVALID_STATE",
            "This desk's data opened normally: there is nothing to set aside.",
        )
    })?;
    let stamp = desk_core::now_ms().to_string();
    let set_aside = desk_core::set_aside(&problem.path, &stamp).map_err(|err| {
        CommandError::new(
            "STORAGE",
            format!("The data file could not be set aside ({err}); nothing was changed."),
        )
    })?;
    tracing::warn!(moved_to = %set_aside.moved_to.display(), copied = set_aside.queued_copied, "database set aside");
    state.workspace.lock().await.storage = None;
    if mode == Mode::Demo {
        state.open_demo(&app).await?;
    } else {
        state.open_ping(&app, None).await?;
    }
    Ok(SetAsideResult {
        set_aside,
        workspace: state.info().await,
    })
}
