//! The desktop conventions through the app's commands on the mock runtime,
//! with the real plugins: starting with the computer (the XDG autostart
//! entry, in a throwaway HOME), desktop notifications (a notification server
//! on the tests' private D-Bus session: run through
//! scripts/with-secret-service.sh) and the log file (ticket numbers in it,
//! never the key or a customer's details).
//!
//! HOME and the tracing subscriber belong to the whole process, so they are
//! set once, first, and the tests take turns.
//!
//! Linux only: the XDG autostart entry and the D-Bus notification server are
//! Linux's (scripts/windows.sh runs the other shell tests under Wine).
#![cfg(target_os = "linux")]

mod support;

use ping_desk_lib::keychain::Keychain;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};
use support::TestKeychain;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

/// The throwaway HOME every test runs with.
fn home() -> &'static Path {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| {
        let home = tempfile::tempdir().unwrap();
        // Set before any test does anything (each waits for this first),
        // so nothing reads the environment while it changes.
        std::env::set_var("HOME", home.path());
        std::env::set_var("XDG_CONFIG_HOME", home.path().join(".config"));
        // Debug lines too: a support person may turn them on.
        std::env::set_var("PING_DESK_LOG", "debug");
        ping_desk_lib::logging::init();
        home
    })
    .path()
}

/// Takes this test's turn, after the process-wide set-up.
fn turn() -> MutexGuard<'static, ()> {
    home();
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|p| p.into_inner())
}

struct App {
    app: tauri::App<MockRuntime>,
    main: WebviewWindow<MockRuntime>,
    data: PathBuf,
    _root: tempfile::TempDir,
}

impl App {
    fn new(keychain: Keychain) -> Self {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let app = ping_desk_lib::with_state_using(
            ping_desk_lib::with_plugins(ping_desk_lib::with_commands(mock_builder())),
            Some(data.clone()),
            keychain,
            false,
        )
        .build(ping_desk_lib::context())
        .expect("mock app builds");
        // One turn of the (mock) event loop runs the app's setup, as the
        // real one does at start: the window from the config, the log file.
        let mut app = app;
        // Once, not in a loop (what the deprecation warns of).
        #[allow(deprecated)]
        app.run_iteration(|_, _| {});
        let main = app.get_webview_window("main").expect("the staff window");
        Self {
            app,
            main,
            data,
            _root: root,
        }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.main,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("JSON answer"))
    }

    fn wait_for(&self, what: &str, mut done: impl FnMut(&App) -> bool) {
        let started = Instant::now();
        while !done(self) {
            assert!(started.elapsed() < Duration::from_secs(15), "{what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        tauri::async_runtime::block_on(
            self.app
                .state::<ping_desk_lib::workspace::AppState>()
                .shut_down(self.app.handle()),
        );
    }
}

#[test]
fn starting_with_the_computer_writes_the_login_entry_and_removes_it() {
    let _turn = turn();
    let app = App::new(Keychain::default());
    let entry = home().join(".config/autostart/Ping Desk.desktop");
    assert_eq!(
        app.invoke("autostart", json!({})).unwrap(),
        json!({"enabled": false})
    );
    assert!(!entry.exists());

    let on = app
        .invoke("set_autostart", json!({"enabled": true}))
        .unwrap();
    assert_eq!(on, json!({"enabled": true}));
    let desktop = std::fs::read_to_string(&entry).expect("the login entry is written");
    let exe = std::env::current_exe().unwrap();
    assert!(
        desktop
            .lines()
            .any(|line| line == format!("Exec={} --autostart", exe.display())),
        "runs this program with --autostart:\n{desktop}"
    );
    assert!(desktop.contains("Name=Ping Desk"), "{desktop}");
    // The OS's entry is the truth: read back, and nothing in settings.json.
    assert_eq!(
        app.invoke("autostart", json!({})).unwrap(),
        json!({"enabled": true})
    );
    let settings = std::fs::read_to_string(app.data.join("settings.json")).unwrap_or_default();
    assert!(!settings.contains("autostart"), "{settings}");

    let off = app
        .invoke("set_autostart", json!({"enabled": false}))
        .unwrap();
    assert_eq!(off, json!({"enabled": false}));
    assert!(!entry.exists(), "the login entry is removed");
    // Turning off what is off is fine.
    app.invoke("set_autostart", json!({"enabled": false}))
        .unwrap();
}

#[test]
fn the_web_view_gets_none_of_the_desktop_plugins_own_commands() {
    let _turn = turn();
    let app = App::new(Keychain::default());
    for cmd in [
        "plugin:autostart|enable",
        "plugin:autostart|is_enabled",
        "plugin:notification|notify",
        "plugin:notification|is_permission_granted",
        "plugin:clipboard-manager|write_text",
        "plugin:clipboard-manager|read_text",
        "plugin:log|log",
    ] {
        let err = app
            .invoke(cmd, json!({"text": "x", "options": {"title": "x"}}))
            .unwrap_err();
        assert!(
            err.to_string().contains("not allowed") || err.to_string().contains("not found"),
            "{cmd}: {err}"
        );
    }
    assert!(!home().join(".config/autostart/Ping Desk.desktop").exists());
}

/// A desktop notification server on the session bus: what it was asked to
/// show.
struct NotificationServer {
    shown: Arc<Mutex<Vec<(String, String)>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationServer {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        _app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        _actions: Vec<String>,
        _hints: HashMap<String, zbus::zvariant::OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap();
        shown.push((summary, body));
        shown.len() as u32
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "ping-desk-tests".into(),
            "ping-desk".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    fn close_notification(&self, _id: u32) {}
}

#[test]
fn refused_writes_become_one_desktop_notification_over_dbus() {
    let _turn = turn();
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "no D-Bus session: run this through scripts/with-secret-service.sh"
    );
    let shown = Arc::new(Mutex::new(Vec::new()));
    let _server = zbus::blocking::connection::Builder::session()
        .unwrap()
        .name("org.freedesktop.Notifications")
        .unwrap()
        .serve_at(
            "/org/freedesktop/Notifications",
            NotificationServer {
                shown: shown.clone(),
            },
        )
        .unwrap()
        .build()
        .expect("the notification server takes its name on the session bus");

    let app = App::new(Keychain::default());
    app.invoke("start_demo", json!({})).unwrap();
    // Two writes Ping refuses (an unknown priority), close together.
    let mut refs = Vec::new();
    for phone in ["+263771230001", "+263771230002"] {
        let queued = app
            .invoke(
                "create_ticket",
                json!({"ticket": {"subject": "Charger sparks", "description": "Sparks at the plug",
                                  "priority": "urgent", "customer_first_name": "Rudo",
                                  "customer_last_name": "Marufu", "customer_phone": phone}}),
            )
            .unwrap();
        refs.push(queued["localRef"].as_str().unwrap().to_owned());
    }
    app.wait_for("both writes refused", |app| {
        app.invoke("sync_status", json!({})).unwrap()["counts"]["failed"] == 2
    });
    let started = Instant::now();
    while shown.lock().unwrap().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no notification reached the server"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A moment more: nothing else follows (one notification for both).
    std::thread::sleep(Duration::from_millis(1500));
    let shown = shown.lock().unwrap().clone();
    assert_eq!(shown.len(), 1, "{shown:?}");
    let (title, body) = &shown[0];
    assert_eq!(title, "2 writes were refused");
    assert_eq!(
        *body,
        format!(
            "Ping refused writes for {} and {}. Open the Outbox in Ping Desk to fix them and send them again, or discard them.",
            refs[0], refs[1]
        )
    );
    for private in ["Rudo", "Marufu", "+26377123000", "Sparks", "urgent"] {
        assert!(!body.contains(private), "{private} in {body}");
    }
}

fn log_text(data: &Path) -> String {
    let dir = data.join("logs");
    let mut text = String::new();
    for entry in std::fs::read_dir(&dir).expect("a logs folder in the data folder") {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    text
}

#[test]
fn the_log_names_tickets_but_never_the_key_or_a_customers_details() {
    let _turn = turn();
    let keychain = TestKeychain::new("logs");
    let key = ping_sandbox::generate_test_key();
    let sandbox =
        tauri::async_runtime::block_on(ping_sandbox::start(ping_sandbox::SandboxConfig {
            api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key.clone())],
            ..Default::default()
        }))
        .expect("sandbox starts");
    let app = App::new(keychain.0.clone());
    app.invoke(
        "connect",
        json!({"apiKey": key, "baseUrl": sandbox.base_url()}),
    )
    .expect("connects");

    let (first, last, phone, email) = (
        "Nyasha",
        "Chikwanha",
        "+263772468135",
        "nyasha.c@example.co.zw",
    );
    let description = "Laptop hinge snapped on the kombi";
    let comment = "Customer will collect on Friday";
    let customer = json!({"subject": "Hinge broken", "description": description,
        "customer_first_name": first, "customer_last_name": last,
        "customer_phone": phone, "customer_email": email});
    let queued = app
        .invoke("create_ticket", json!({ "ticket": customer }))
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    let mut number = String::new();
    app.wait_for("the walk-in reaches Ping", |app| {
        let view = app
            .invoke("get_ticket", json!({"ticket": local_ref}))
            .unwrap();
        number = view["ticket"]["ticketNumber"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        view["queued"] == false
    });
    app.invoke(
        "add_comment",
        json!({"ticket": number, "comment": {"content": comment, "is_internal": false}}),
    )
    .unwrap();
    // The customer comes back: their history is looked up by phone.
    app.invoke("customer_history", json!({"phone": phone, "email": email}))
        .unwrap();
    app.invoke("search_cached", json!({"text": last})).unwrap();
    // A write Ping refuses.
    let mut refused = customer.clone();
    refused["priority"] = json!("urgent");
    let refused = app
        .invoke("create_ticket", json!({ "ticket": refused }))
        .unwrap();
    let refused_ref = refused["localRef"].as_str().unwrap().to_owned();
    app.wait_for("the refusal", |app| {
        app.invoke("sync_status", json!({})).unwrap()["counts"]["failed"] == 1
    });
    app.invoke("copy_diagnostics", json!({})).unwrap();
    // The log is written as events arrive; give the last ones a moment.
    app.wait_for("the refusal is in the log", |app| {
        log_text(&app.data).contains(&refused_ref)
    });

    let log = log_text(&app.data);
    assert!(log.contains(&number), "the ticket number is logged:\n{log}");
    assert!(log.contains(&local_ref), "the local reference is logged");
    assert!(
        log.contains("Ping refused a write") && log.contains("INVALID_FIELD_VALUE"),
        "the refusal and its code are logged:\n{log}"
    );
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let secret_tail = &key[key.len() - 12..];
    for private in [
        key.as_str(),
        secret_tail,
        first,
        last,
        phone,
        &digits,
        &digits[3..],
        email,
        description,
        "kombi",
        comment,
    ] {
        assert!(!log.contains(private), "{private:?} is in the log:\n{log}");
    }
}
