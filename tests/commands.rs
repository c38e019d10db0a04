//! The command layer driven through Tauri's real IPC and ACL on the mock
//! runtime: what a web view gets back when it invokes a command.

mod support;

use ping_desk_lib::keychain::Keychain;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::TestKeychain;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

/// The app's own origin on the mock runtime: Windows' web view (WebView2)
/// serves the app from http://tauri.localhost, the others from tauri:.
#[cfg(windows)]
const APP_ORIGIN: &str = "http://tauri.localhost";
#[cfg(not(windows))]
const APP_ORIGIN: &str = "tauri://localhost";

struct App {
    app: tauri::App<MockRuntime>,
    windows: Vec<WebviewWindow<MockRuntime>>,
    /// The data directory: inside `_root`, created by the app itself.
    data: PathBuf,
    keychain: Keychain,
    _root: tempfile::TempDir,
}

impl App {
    fn new() -> Self {
        Self::in_dir(tempfile::tempdir().unwrap())
    }

    /// An app whose data directory is `root/data` (files a test put there
    /// before are what the app finds at start).
    fn in_dir(root: tempfile::TempDir) -> Self {
        Self::with_keychain(root, Keychain::default())
    }

    /// [`App::in_dir`], filing the key in `keychain`.
    fn with_keychain(root: tempfile::TempDir, keychain: Keychain) -> Self {
        let data = root.path().join("data");
        let app = ping_desk_lib::with_state_using(
            ping_desk_lib::with_commands(mock_builder()),
            Some(data.clone()),
            keychain.clone(),
            false,
        )
        .build(ping_desk_lib::context())
        .expect("mock app builds");
        let windows = ["main", "stranger", "customer"]
            .into_iter()
            .map(|label| {
                tauri::WebviewWindowBuilder::new(&app, label, Default::default())
                    .build()
                    .expect("mock window builds")
            })
            .collect();
        Self {
            app,
            windows,
            data,
            keychain,
            _root: root,
        }
    }

    /// The same desk after a restart: a new app on the same data directory.
    fn restart(self) -> Self {
        self.restart_with(|_| {})
    }

    /// A restart with `while_closed` done to the data directory in between.
    fn restart_with(self, while_closed: impl FnOnce(&std::path::Path)) -> Self {
        let App {
            app,
            windows,
            data,
            keychain,
            _root,
        } = self;
        // As the app quits: the workspace closes (and lets go of its outbox).
        tauri::async_runtime::block_on(
            app.state::<ping_desk_lib::workspace::AppState>()
                .shut_down(app.handle()),
        );
        drop(windows);
        drop(app);
        while_closed(&data);
        Self::with_keychain(_root, keychain)
    }

    /// Collects the payloads of `event` sent to any window from now on.
    fn record_events(&self, event: &str) -> Arc<Mutex<Vec<String>>> {
        use tauri::Listener;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        self.app.listen_any(event, move |event| {
            sink.lock().unwrap().push(event.payload().to_owned());
        });
        seen
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from(0, APP_ORIGIN, cmd, args)
    }

    /// A call from the customer's window (its own capability).
    fn invoke_as_customer(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from(CUSTOMER, APP_ORIGIN, cmd, args)
    }

    fn invoke_from(
        &self,
        window: usize,
        origin: &str,
        cmd: &str,
        args: Value,
    ) -> Result<Value, Value> {
        get_ipc_response(
            &self.windows[window],
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: origin.parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("JSON answer"))
    }
}

fn code(err: &Value) -> &str {
    err["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not a {{code, message}} error: {err}"))
}

#[test]
fn app_info_reports_name_and_package_version() {
    let app = App::new();
    let info = app.invoke("app_info", json!({})).expect("app_info answers");
    assert_eq!(info["name"], "Ping Desk");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn commands_no_capability_grants_are_refused() {
    let app = App::new();
    let err = app.invoke("read_api_key", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn a_window_without_a_capability_can_call_nothing() {
    let app = App::new();
    let err = app
        .invoke_from(1, APP_ORIGIN, "app_info", json!({}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn a_remote_page_in_the_main_window_can_call_nothing() {
    let app = App::new();
    let err = app
        .invoke_from(0, "https://example.com", "workspace", json!({}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn first_run_has_no_workspace_and_ticket_commands_say_not_connected() {
    let app = App::new();
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["mode"], "none");
    assert_eq!(ws["settings"]["baseUrl"], "https://api.ping.co.zw");
    assert_eq!(ws["settings"]["channel"], "in_store");
    let err = app
        .invoke("list_tickets", json!({"query": {}}))
        .unwrap_err();
    assert_eq!(code(&err), "NOT_CONNECTED");
    assert!(!err["message"].as_str().unwrap().is_empty());
}

#[test]
fn a_malformed_key_is_refused_without_being_echoed() {
    let app = App::new();
    let secret = "pk_live_short1234";
    let err = app
        .invoke(
            "connect",
            json!({"apiKey": secret, "baseUrl": "https://api.ping.co.zw"}),
        )
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");
    assert!(!err.to_string().contains(secret));
    let err = app
        .invoke(
            "connect",
            json!({"apiKey": "pk_live_abcdefghijklmnopqrstuvwxyz012345", "baseUrl": "http://ping.example"}),
        )
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION", "plain http off loopback: {err}");
}

/// A server on loopback that only counts who connects: an address the key
/// must never reach.
struct Stranger {
    url: String,
    connections: Arc<AtomicUsize>,
}

fn stranger() -> Stranger {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    Stranger { url, connections }
}

/// A sandbox standing in for Ping on loopback, and a key it accepts.
fn sandbox_with_key() -> (ping_sandbox::RunningSandbox, String) {
    let key = ping_sandbox::generate_test_key();
    let sandbox =
        tauri::async_runtime::block_on(ping_sandbox::start(ping_sandbox::SandboxConfig {
            api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key.clone())],
            ..Default::default()
        }))
        .expect("sandbox starts");
    (sandbox, key)
}

#[test]
fn the_key_goes_only_to_the_address_it_was_checked_against() {
    let keychain = TestKeychain::new("bound-key");
    let (sandbox, key) = sandbox_with_key();
    let app = App::with_keychain(tempfile::tempdir().unwrap(), keychain.0.clone());
    let ws = app
        .invoke(
            "connect",
            json!({"apiKey": key, "baseUrl": sandbox.base_url()}),
        )
        .expect("connects to the sandbox");
    assert_eq!(ws["baseUrl"], sandbox.base_url());
    assert_eq!(ws["keyNeeded"], false);

    // Someone at the unattended desk points Settings at their own server.
    let stranger = stranger();
    let mut settings = ws["settings"].clone();
    settings["baseUrl"] = json!(stranger.url);
    let err = app
        .invoke("save_settings", json!({ "settings": settings }))
        .unwrap_err();
    assert_eq!(code(&err), "ADDRESS_NEEDS_KEY", "{err}");
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(
        ws["baseUrl"],
        sandbox.base_url(),
        "still the checked address"
    );
    assert_eq!(ws["settings"]["baseUrl"], sandbox.base_url());

    // Or edits settings.json and restarts the app: no key for that address.
    let app = app.restart_with(|data| {
        let mut saved = read_settings(data);
        saved["settings"]["baseUrl"] = json!(stranger.url);
        std::fs::write(settings_file(data), saved.to_string()).unwrap();
    });
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["mode"], "ping");
    assert_eq!(ws["keyNeeded"], true, "asks for the key again: {ws}");
    // A queued walk-in would make a connected engine send at once.
    app.invoke(
        "create_ticket",
        json!({"ticket": {"subject": "Router", "description": "Drops every hour"}}),
    )
    .unwrap();
    app.invoke("sync_now", json!({})).unwrap();
    app.invoke("test_connection", json!({})).unwrap_err();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        stranger.connections.load(Ordering::SeqCst),
        0,
        "nothing, and so no key, reached the stranger"
    );
    // The key still works where it was checked.
    let ws = app
        .invoke(
            "connect",
            json!({"apiKey": key, "baseUrl": sandbox.base_url()}),
        )
        .unwrap();
    assert_eq!(ws["keyNeeded"], false);
}

#[test]
fn signing_out_with_wipe_deletes_this_desks_copy_of_customers_details() {
    let keychain = TestKeychain::new("wipe");
    let (sandbox, key) = sandbox_with_key();
    let app = App::with_keychain(tempfile::tempdir().unwrap(), keychain.0.clone());
    let database = app.data.join("desk.sqlite3");
    let connect = json!({"apiKey": key, "baseUrl": sandbox.base_url()});
    app.invoke("connect", connect.clone()).unwrap();
    app.invoke(
        "create_ticket",
        json!({"ticket": {"subject": "Router", "description": "Tendai Moyo, +263772987654"}}),
    )
    .unwrap();
    app.invoke("sign_out", json!({})).unwrap();
    assert!(
        database.exists(),
        "a plain sign-out keeps the outbox for the next connect"
    );

    app.invoke("connect", connect).unwrap();
    app.invoke("sign_out", json!({"wipe": true})).unwrap();
    let left: Vec<_> = std::fs::read_dir(&app.data)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("desk.sqlite3"))
        .collect();
    assert!(left.is_empty(), "wiped: {left:?}");
}

#[test]
fn a_damaged_database_is_kept_aside_and_the_desk_starts_afresh() {
    let root = tempfile::tempdir().unwrap();
    let demo = root.path().join("data/demo");
    std::fs::create_dir_all(&demo).unwrap();
    let garbage = b"not a database: a photo of the shop cat".repeat(100);
    std::fs::write(demo.join("desk.sqlite3"), &garbage).unwrap();
    std::fs::write(
        root.path().join("data/settings.json"),
        br#"{"mode": "demo"}"#,
    )
    .unwrap();

    let app = App::in_dir(root);
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["storage"]["code"], "DATABASE_DAMAGED", "{ws}");
    let done = app.invoke("set_aside_database", json!({})).unwrap();
    let moved_to = done["setAside"]["movedTo"].as_str().unwrap();
    assert_eq!(
        std::fs::read(moved_to).unwrap(),
        garbage,
        "kept, never deleted"
    );
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["storage"], Value::Null);
    assert_eq!(ws["mode"], "demo");
    app.invoke(
        "create_ticket",
        json!({"ticket": {"subject": "Router", "description": "Drops every hour"}}),
    )
    .expect("the fresh database takes a walk-in");
    let err = app.invoke("set_aside_database", json!({})).unwrap_err();
    assert_eq!(code(&err), "INVALID_STATE", "nothing to set aside now");
}

#[test]
fn the_demo_workspace_lists_creates_and_syncs_tickets() {
    let app = App::new();
    let ws = app.invoke("start_demo", json!({})).unwrap();
    assert_eq!(ws["mode"], "demo");
    let base_url = ws["baseUrl"].as_str().unwrap();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    assert!(
        !ws.to_string().contains("pk_test_"),
        "no key reaches the web view: {ws}"
    );

    let list = app
        .invoke("list_tickets", json!({"query": {"per_page": 10}}))
        .unwrap();
    assert_eq!(list["freshness"]["kind"], "live");
    assert_eq!(list["tickets"].as_array().unwrap().len(), 10);
    assert!(list["pagination"]["total"].as_u64().unwrap() >= 20);

    let err = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Screen cracked", "description": "Dropped", "customer_phone": "0771234567"}}),
        )
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");

    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Screen cracked", "description": "Dropped at the bus stop",
                              "channel": "in_store", "customer_phone": "+263771234567"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    assert!(local_ref.starts_with("LOCAL-"));

    let started = Instant::now();
    let number = loop {
        let view = app
            .invoke("get_ticket", json!({"ticket": local_ref}))
            .unwrap();
        if view["queued"] == false {
            break view["ticket"]["ticketNumber"].as_str().unwrap().to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "not synced: {view}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(number.starts_with("TKT-"), "{number}");

    app.invoke(
        "add_comment",
        json!({"ticket": number, "comment": {"content": "Quote sent", "is_internal": true}}),
    )
    .unwrap();
    app.invoke("record_csat", json!({"ticket": number, "score": 5}))
        .unwrap();
    let err = app
        .invoke("record_csat", json!({"ticket": number, "score": 9}))
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");
    let started = Instant::now();
    while app.invoke("sync_status", json!({})).unwrap()["counts"]["pending"] != 0 {
        assert!(started.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(50));
    }
    let view = app.invoke("get_ticket", json!({"ticket": number})).unwrap();
    assert_eq!(view["ticket"]["csatScore"], 5);
    let thread = app
        .invoke(
            "list_comments",
            json!({"ticket": number, "includeInternal": false}),
        )
        .unwrap();
    assert_eq!(
        thread["comments"].as_array().unwrap().len(),
        0,
        "internal comments hidden"
    );
    let thread = app
        .invoke(
            "list_comments",
            json!({"ticket": number, "includeInternal": true}),
        )
        .unwrap();
    assert_eq!(thread["comments"][0]["isInternal"], true);

    let outbox = app.invoke("outbox", json!({"includeDone": true})).unwrap();
    assert!(outbox.as_array().unwrap().len() >= 3);
    let err = app
        .invoke("discard_operation", json!({"opId": "no-such-op"}))
        .unwrap_err();
    assert_eq!(code(&err), "NOT_FOUND");

    app.invoke(
        "save_draft",
        json!({"key": "new-ticket", "data": {"subject": "half-typed"}}),
    )
    .unwrap();
    let draft = app
        .invoke("load_draft", json!({"key": "new-ticket"}))
        .unwrap();
    assert_eq!(draft["subject"], "half-typed");
}

#[test]
fn templates_and_a_returning_customers_history_in_the_demo_workspace() {
    let app = App::new();
    app.invoke("start_demo", json!({})).unwrap();

    let templates = app.invoke("templates", json!({})).unwrap();
    assert_eq!(templates[0]["name"], "Starlink connectivity");
    assert_eq!(templates[0]["customFields"]["customer_type"], "SPT Retail");
    let saved = app
        .invoke(
            "save_template",
            json!({"template": {"name": "Fibre fault", "priority": "high", "subject": "Fibre: ", "customFields": {}}}),
        )
        .unwrap();
    assert!(!saved["id"].as_str().unwrap().is_empty());
    let err = app
        .invoke(
            "save_template",
            json!({"template": {"name": "fibre FAULT", "subject": ""}}),
        )
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION", "names are unique");

    let exported = app.invoke("export_templates", json!({})).unwrap();
    let report = app
        .invoke("import_templates", json!({"json": exported}))
        .unwrap();
    assert_eq!(
        (report["added"].as_u64(), report["updated"].as_u64()),
        (Some(0), Some(6))
    );
    let err = app
        .invoke("import_templates", json!({"json": "{}"}))
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");
    app.invoke("delete_template", json!({"id": saved["id"]}))
        .unwrap();

    // A demo customer's phone finds their tickets and name.
    let list = app
        .invoke("list_tickets", json!({"query": {"per_page": 50}}))
        .unwrap();
    let (phone, first_name) = list["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|summary| {
            let view = app
                .invoke("get_ticket", json!({"ticket": summary["ticketNumber"]}))
                .ok()?;
            let t = &view["ticket"];
            Some((
                t["customerPhone"].as_str()?.to_owned(),
                t["customerFirstName"].as_str()?.to_owned(),
            ))
        })
        .expect("a demo ticket with a phone");
    let history = app
        .invoke("customer_history", json!({"phone": phone, "email": null}))
        .unwrap();
    assert_eq!(history["firstName"], first_name.as_str());
    let tickets = history["tickets"].as_array().unwrap();
    assert!(!tickets.is_empty());
    assert!(tickets.iter().all(|t| t["customerPhone"] == phone.as_str()));
    // The phone as staff type it (national form, spaces) finds the same.
    let national = format!("0{} {}", &phone[4..6], &phone[6..]);
    let typed = app
        .invoke(
            "customer_history",
            json!({"phone": national, "email": null}),
        )
        .unwrap();
    assert_eq!(typed["tickets"], history["tickets"], "{national}");
    let err = app
        .invoke("customer_history", json!({"phone": "077 12ab"}))
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");
}

#[test]
fn today_at_the_demo_store() {
    let app = App::new();
    app.invoke("start_demo", json!({})).unwrap();
    app.invoke(
        "create_ticket",
        json!({"ticket": {"subject": "Walk-in today", "description": "d", "store_region": "Harare CBD"}}),
    )
    .unwrap();
    let started = Instant::now();
    let today = loop {
        let today = app
            .invoke("today_at_store", json!({"storeRegion": "Harare CBD"}))
            .unwrap();
        if today["logged"].as_u64() >= Some(1) {
            break today;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the ticket did not sync: {today}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(today["storeRegion"], "Harare CBD");
    assert_eq!(today["csat"]["distribution"].as_array().unwrap().len(), 5);
    assert!(today["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["subject"] == "Walk-in today"));
}

/// The store region in Settings is the store the desk copies for when Ping
/// cannot be reached; changing it starts the copy of the new store, and
/// the staff window (only) can ask how much it holds.
#[test]
fn the_desk_copies_the_store_its_settings_name_and_says_how_much_it_holds() {
    let app = App::new();
    let ws = app.invoke("start_demo", json!({})).unwrap();
    let copy_of = |region: &str| {
        let started = Instant::now();
        loop {
            let status = app.invoke("store_copy_status", json!({})).unwrap();
            if status["storeRegion"] == region
                && status["asOf"].is_i64()
                && status["held"].as_u64() >= Some(1)
                && status["held"] == status["listed"]
            {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the copy of {region} did not fill: {status}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let mut settings = ws["settings"].clone();
    for region in ["Bulawayo", "Harare CBD"] {
        settings["storeRegion"] = json!(region);
        app.invoke("save_settings", json!({"settings": settings}))
            .unwrap();
        let status = copy_of(region);
        // Everything held is of that store, and Ping's list agrees on how many.
        let live = app
            .invoke(
                "list_tickets",
                json!({"query": {"store_region": region, "per_page": 100}}),
            )
            .unwrap();
        assert_eq!(
            status["listed"], live["pagination"]["total"],
            "{region}: {status} vs {live}"
        );
    }
    let err = app
        .invoke_as_customer("store_copy_status", json!({}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

/// Index of the customer's window in `App::windows`.
const CUSTOMER: usize = 2;

fn wait_until_synced(app: &App) {
    let started = Instant::now();
    while app.invoke("sync_status", json!({})).unwrap()["counts"]["pending"] != 0 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "outbox not drained"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_customer_window_answers_the_survey_and_reaches_nothing_else() {
    let app = App::new();
    app.invoke("start_demo", json!({})).unwrap();
    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Phone will not charge", "description": "Since Friday",
                              "channel": "in_store", "store_region": "Harare CBD"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    let survey = app
        .invoke("ask_customer", json!({"ticket": local_ref}))
        .unwrap();
    assert_eq!(survey["stage"], "choosing");
    let id = survey["id"].as_str().unwrap().to_owned();

    // The customer's screen can reach none of the staff commands...
    for (cmd, args) in [
        ("workspace", json!({})),
        ("list_tickets", json!({"query": {}})),
        ("get_ticket", json!({"ticket": local_ref})),
        (
            "create_ticket",
            json!({"ticket": {"subject": "x", "description": "y"}}),
        ),
        ("record_csat", json!({"ticket": local_ref, "score": 5})),
        ("ask_customer", json!({"ticket": local_ref})),
        ("end_customer_view", json!({})),
        ("set_counter_pin", json!({"pin": null})),
        ("outbox", json!({"includeDone": true})),
        ("sign_out", json!({})),
    ] {
        let err = app.invoke_as_customer(cmd, args).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{cmd}: {err}");
    }
    // ...and the staff window cannot answer for the customer.
    let err = app
        .invoke("customer_answer", json!({"survey": id, "score": 5}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");

    let shown = app
        .invoke_as_customer("customer_survey", json!({}))
        .unwrap();
    assert_eq!(shown["survey"]["id"], id.as_str());
    let answered = app
        .invoke_as_customer("customer_answer", json!({"survey": id, "score": 4}))
        .unwrap();
    assert_eq!(answered["stage"], "commenting");
    // Staff see how far the customer is, never the score.
    let status = app.invoke("customer_view_status", json!({})).unwrap();
    assert_eq!(status["stage"], "commenting");
    let mut fields: Vec<_> = status.as_object().unwrap().keys().cloned().collect();
    fields.sort();
    assert_eq!(fields, ["id", "stage", "ticket"], "{status}");
    let again = app
        .invoke_as_customer("customer_answer", json!({"survey": id, "score": 1}))
        .unwrap_err();
    assert_eq!(code(&again), "INVALID_STATE");
    let done = app
        .invoke_as_customer(
            "customer_comment",
            json!({"survey": id, "comment": "Helpful <b>staff</b>"}),
        )
        .unwrap();
    assert_eq!(done["stage"], "done");

    // A new question makes the old one stale.
    let next = app
        .invoke("ask_customer", json!({"ticket": local_ref}))
        .unwrap();
    let stale = app
        .invoke_as_customer("customer_answer", json!({"survey": id, "score": 1}))
        .unwrap_err();
    assert_eq!(code(&stale), "SURVEY_ENDED");
    assert_ne!(next["id"], id.as_str());

    // Staff take the counter back with the PIN, when one is set.
    let err = app
        .invoke("set_counter_pin", json!({"pin": "12a4"}))
        .unwrap_err();
    assert_eq!(code(&err), "VALIDATION");
    let ws = app
        .invoke("set_counter_pin", json!({"pin": "2580"}))
        .unwrap();
    assert_eq!(ws["counterPinSet"], true);
    assert!(!ws.to_string().contains("2580"));
    let asked = app
        .invoke_as_customer("customer_staff_return", json!({"pin": null}))
        .unwrap_err();
    assert_eq!(code(&asked), "PIN_REQUIRED");
    let wrong = app
        .invoke_as_customer("customer_staff_return", json!({"pin": "1111"}))
        .unwrap_err();
    assert_eq!(code(&wrong), "PIN_WRONG");
    assert_eq!(
        app.invoke("customer_view_status", json!({})).unwrap()["stage"],
        "choosing"
    );
    app.invoke_as_customer("customer_staff_return", json!({"pin": "2580"}))
        .unwrap();
    assert_eq!(
        app.invoke("customer_view_status", json!({})).unwrap(),
        Value::Null
    );

    // The score and the customer's comment reach Ping once the ticket does.
    wait_until_synced(&app);
    let view = app
        .invoke("get_ticket", json!({"ticket": local_ref}))
        .unwrap();
    assert_eq!(view["ticket"]["csatScore"], 4);
    let number = view["ticket"]["ticketNumber"].as_str().unwrap().to_owned();
    let thread = app
        .invoke(
            "list_comments",
            json!({"ticket": number, "includeInternal": true}),
        )
        .unwrap();
    let comments = thread["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{thread}");
    assert_eq!(comments[0]["content"], "Helpful <b>staff</b>");
    assert_eq!(comments[0]["authorType"], "customer");
    assert_eq!(comments[0]["isInternal"], false);
}

#[test]
fn a_ticket_slip_names_the_store_and_carries_a_qr_code() {
    let app = App::new();
    let ws = app.invoke("start_demo", json!({})).unwrap();
    let mut settings = ws["settings"].clone();
    settings["storeName"] = json!("Ping Store Avondale");
    app.invoke("save_settings", json!({"settings": settings}))
        .unwrap();
    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Laptop fan noise", "description": "Loud since the update"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap();
    let slip = app
        .invoke("ticket_slip", json!({"ticket": local_ref}))
        .unwrap();
    assert_eq!(slip["store"], "Ping Store Avondale");
    assert_eq!(slip["summary"], "Laptop fan noise");
    let size = slip["qr"]["size"].as_u64().unwrap();
    assert!(size >= 21, "{slip}");
    assert_eq!(slip["qr"]["rows"].as_array().unwrap().len() as u64, size);
    // Once Ping has it, the slip carries the TKT number.
    wait_until_synced(&app);
    let slip = app
        .invoke("ticket_slip", json!({"ticket": local_ref}))
        .unwrap();
    assert_eq!(slip["queued"], false);
    assert!(
        slip["reference"].as_str().unwrap().starts_with("TKT-"),
        "{slip}"
    );
    let err = app
        .invoke("ticket_slip", json!({"ticket": "TKT-1999-99999"}))
        .unwrap_err();
    assert_eq!(code(&err), "NOT_FOUND");
}

// ---- languages ----

#[test]
fn the_staff_and_customer_languages_are_settings_and_unknown_ones_are_refused() {
    let app = App::new();
    let ws = app.invoke("start_demo", json!({})).unwrap();
    assert_eq!(ws["settings"]["uiLanguage"], "en", "{ws}");
    assert_eq!(ws["settings"]["customerLanguage"], "en", "{ws}");
    let mut settings = ws["settings"].clone();
    settings["uiLanguage"] = json!("sn");
    settings["customerLanguage"] = json!("nd");
    let saved = app
        .invoke("save_settings", json!({"settings": settings}))
        .unwrap();
    assert_eq!(saved["settings"]["uiLanguage"], "sn");
    assert_eq!(
        read_settings(&app.data)["settings"]["customerLanguage"],
        "nd"
    );
    // The pseudo-locale is a staff language (for its test), not a customer's.
    settings["uiLanguage"] = json!("en-XA");
    app.invoke("save_settings", json!({"settings": settings}))
        .unwrap();
    for (field, value) in [
        ("uiLanguage", "fr"),
        ("customerLanguage", "en-XA"),
        ("customerLanguage", "Shona"),
    ] {
        let mut bad = settings.clone();
        bad[field] = json!(value);
        let err = app
            .invoke("save_settings", json!({"settings": bad}))
            .unwrap_err();
        assert_eq!(code(&err), "VALIDATION", "{field}={value}: {err}");
        assert!(message(&err).contains(field), "{err}");
    }
    let kept = read_settings(&app.data);
    assert_eq!(
        kept["settings"]["uiLanguage"], "en-XA",
        "nothing refused was kept"
    );
    assert_eq!(kept["settings"]["customerLanguage"], "nd");
    // Settings saved before languages existed read as English.
    let app = app.restart_with(|data| {
        let mut saved = read_settings(data);
        let map = saved["settings"].as_object_mut().unwrap();
        map.remove("uiLanguage");
        map.remove("customerLanguage");
        std::fs::write(settings_file(data), saved.to_string()).unwrap();
    });
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["settings"]["uiLanguage"], "en");
    assert_eq!(ws["settings"]["customerLanguage"], "en");
}

#[test]
fn the_customers_screen_opens_in_the_language_staff_ask_in_else_the_stores() {
    let app = App::new();
    let ws = app.invoke("start_demo", json!({})).unwrap();
    let mut settings = ws["settings"].clone();
    settings["customerLanguage"] = json!("sn");
    app.invoke("save_settings", json!({"settings": settings}))
        .unwrap();
    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Airtime", "description": "Not credited", "preferred_language": "nd"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    let slip = app
        .invoke("ticket_slip", json!({"ticket": local_ref}))
        .unwrap();
    assert_eq!(
        slip["preferredLanguage"], "nd",
        "the slip knows the customer's language: {slip}"
    );
    for (asked, shown) in [
        (json!("nd"), "nd"),
        (json!(null), "sn"),
        (json!("fr"), "sn"),
        (json!("en"), "en"),
    ] {
        app.invoke(
            "ask_customer",
            json!({"ticket": local_ref, "language": asked}),
        )
        .unwrap();
        let notice = app
            .invoke_as_customer("customer_survey", json!({}))
            .unwrap();
        assert_eq!(notice["language"], shown, "asked {asked}: {notice}");
    }
    // Without the argument at all (an older staff page): the store's.
    app.invoke("ask_customer", json!({"ticket": local_ref}))
        .unwrap();
    let notice = app
        .invoke_as_customer("customer_survey", json!({}))
        .unwrap();
    assert_eq!(notice["language"], "sn");
}

// ---- the counter PIN ----

fn message(err: &Value) -> &str {
    err["message"].as_str().unwrap_or_default()
}

fn settings_file(data: &Path) -> PathBuf {
    data.join("settings.json")
}

fn read_settings(data: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(settings_file(data)).unwrap()).unwrap()
}

/// Half a minute (or however long) passes while the app is closed: the
/// saved lockout's end is moved into the past, then the app starts again.
fn lockout_over_then_restart(app: App) -> App {
    app.restart_with(|data| {
        let mut settings = read_settings(data);
        assert!(settings["pinTries"]["lockedUntil"].is_i64(), "{settings}");
        settings["pinTries"]["lockedUntil"] = json!(0);
        std::fs::write(settings_file(data), settings.to_string()).unwrap();
    })
}

fn staff_return(app: &App, pin: Option<&str>) -> Result<Value, Value> {
    app.invoke_as_customer("customer_staff_return", json!({ "pin": pin }))
}

#[test]
fn the_counter_pin_is_an_argon2_hash_and_wrong_tries_lock_out_longer_across_restarts() {
    let app = App::new();
    app.invoke("set_counter_pin", json!({"pin": "2580"}))
        .unwrap();
    let text = std::fs::read_to_string(settings_file(&app.data)).unwrap();
    assert!(text.contains("\"$argon2id$v=19$"), "{text}");
    assert!(
        !text.contains("2580") && !text.contains("\"hash\""),
        "neither the PIN nor a SHA-256 form: {text}"
    );

    for _ in 0..4 {
        let wrong = staff_return(&app, Some("1111")).unwrap_err();
        assert_eq!(code(&wrong), "PIN_WRONG");
    }
    let locked = staff_return(&app, Some("1111")).unwrap_err();
    assert_eq!(code(&locked), "PIN_LOCKED");
    assert!(message(&locked).contains("30 seconds"), "{locked}");
    // The wait as a number too, for the customer's screen to say in its language.
    assert_eq!(locked["waitSeconds"], 30, "{locked}");
    let unchecked = staff_return(&app, Some("2580")).unwrap_err();
    assert_eq!(code(&unchecked), "PIN_LOCKED", "not even the right PIN");

    // A restart does not lift the lockout.
    let app = app.restart();
    let locked = staff_return(&app, Some("2580")).unwrap_err();
    assert_eq!(code(&locked), "PIN_LOCKED");

    // Once it is over, each further wrong PIN waits twice as long; the count
    // survived the restarts.
    let app = lockout_over_then_restart(app);
    let locked = staff_return(&app, Some("1111")).unwrap_err();
    assert_eq!(code(&locked), "PIN_LOCKED");
    assert!(message(&locked).contains("1 minute"), "{locked}");
    let app = lockout_over_then_restart(app);
    let locked = staff_return(&app, Some("1111")).unwrap_err();
    assert!(message(&locked).contains("2 minutes"), "{locked}");
    assert_eq!(read_settings(&app.data)["pinTries"]["wrong"], 7);

    // The right PIN, once the wait is over, clears the count.
    let app = lockout_over_then_restart(app);
    staff_return(&app, Some("2580")).unwrap();
    assert_eq!(read_settings(&app.data)["pinTries"]["wrong"], 0);
}

#[test]
fn a_pin_kept_in_the_earlier_sha256_form_works_and_is_rehashed_with_argon2() {
    use sha2::{Digest, Sha256};
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let salt = "5f1c0a9e3b7d2c4e8a6f1b3d5c7e9a0b";
    let hash: String = Sha256::digest(format!("{salt}:2580"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(
        settings_file(&data),
        json!({"mode": "none", "counterPin": {"salt": salt, "hash": hash}}).to_string(),
    )
    .unwrap();

    let app = App::in_dir(root);
    assert_eq!(
        app.invoke("workspace", json!({})).unwrap()["counterPinSet"],
        true
    );
    let wrong = staff_return(&app, Some("1111")).unwrap_err();
    assert_eq!(code(&wrong), "PIN_WRONG");
    assert!(std::fs::read_to_string(settings_file(&app.data))
        .unwrap()
        .contains(&hash));
    staff_return(&app, Some("2580")).unwrap();
    let text = std::fs::read_to_string(settings_file(&app.data)).unwrap();
    assert!(text.contains("\"$argon2id$v=19$"), "rehashed: {text}");
    assert!(
        !text.contains(&hash) && !text.contains(salt),
        "the SHA-256 form is gone: {text}"
    );

    let app = app.restart();
    let wrong = staff_return(&app, Some("1111")).unwrap_err();
    assert_eq!(code(&wrong), "PIN_WRONG");
    staff_return(&app, Some("2580")).unwrap();
}

#[test]
fn a_damaged_settings_file_is_kept_aside_and_never_drops_the_pin() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let damaged: &[u8] = b"{\"mode\": \"none\", \"counterPin\": {\"argon2\": \"$argon2id$v=19$m=19";
    std::fs::write(settings_file(&data), damaged).unwrap();

    let app = App::in_dir(root);
    let ws = app.invoke("workspace", json!({})).unwrap();
    assert_eq!(ws["counterPinSet"], true, "{ws}");
    assert_eq!(ws["counterPinUnreadable"], true, "{ws}");
    let kept: Vec<PathBuf> = std::fs::read_dir(&app.data)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("settings.json.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damaged);

    // The customer's screen does not hand back to staff, with or without a
    // PIN, and says what to do; also after a restart.
    for pin in [None, Some("2580"), Some("0000")] {
        let err = staff_return(&app, pin).unwrap_err();
        assert_eq!(code(&err), "PIN_UNKNOWN", "{err}");
        assert!(message(&err).contains("set the PIN again"), "{err}");
    }
    let app = app.restart();
    let err = staff_return(&app, None).unwrap_err();
    assert_eq!(code(&err), "PIN_UNKNOWN");

    // Staff end the customer view from their own window and set the PIN.
    app.invoke("end_customer_view", json!({})).unwrap();
    let ws = app
        .invoke("set_counter_pin", json!({"pin": "2580"}))
        .unwrap();
    assert_eq!(ws["counterPinUnreadable"], false);
    staff_return(&app, Some("2580")).unwrap();
    assert!(kept[0].exists(), "the damaged file is never deleted");
}

#[cfg(unix)]
#[test]
fn settings_and_the_database_are_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = App::new();
    assert!(!app.data.exists());
    app.invoke("start_demo", json!({})).unwrap();
    app.invoke("set_counter_pin", json!({"pin": "2580"}))
        .unwrap();
    app.invoke(
        "create_ticket",
        json!({"ticket": {"subject": "Router lights off", "description": "Since the storm"}}),
    )
    .unwrap();
    let mode = |path: PathBuf| {
        std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(app.data.clone()), 0o700);
    assert_eq!(mode(app.data.join("demo")), 0o700);
    assert_eq!(mode(settings_file(&app.data)), 0o600);
    assert_eq!(mode(app.data.join("demo/desk.sqlite3")), 0o600);
    assert_eq!(mode(app.data.join("demo/desk.sqlite3-wal")), 0o600);
}

// ---- the survey and its workspace ----

#[test]
fn switching_workspace_ends_the_survey_and_a_late_answer_is_refused() {
    let app = App::new();
    app.invoke("start_demo", json!({})).unwrap();
    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "SIM swap", "description": "Lost phone"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    let surveys = app.record_events("survey");
    let survey = app
        .invoke("ask_customer", json!({"ticket": local_ref}))
        .unwrap();
    let id = survey["id"].as_str().unwrap().to_owned();

    // Staff sign out while the customer is still choosing. (Where no
    // keychain answers, sign_out says so, after closing the workspace.)
    if let Err(err) = app.invoke("sign_out", json!({})) {
        assert_eq!(code(&err), "KEYCHAIN_UNAVAILABLE", "{err}");
    }
    assert_eq!(app.invoke("workspace", json!({})).unwrap()["mode"], "none");
    assert_eq!(
        app.invoke("customer_view_status", json!({})).unwrap(),
        Value::Null
    );
    let last: Value = serde_json::from_str(surveys.lock().unwrap().last().unwrap()).unwrap();
    assert_eq!(
        last["survey"],
        Value::Null,
        "the staff window hears the end"
    );

    let late = app
        .invoke_as_customer("customer_answer", json!({"survey": id, "score": 1}))
        .unwrap_err();
    assert_eq!(code(&late), "SURVEY_ENDED");
    let late = app
        .invoke_as_customer("customer_comment", json!({"survey": id, "comment": "late"}))
        .unwrap_err();
    assert_eq!(code(&late), "SURVEY_ENDED");

    // Back in the demo workspace, its outbox holds the ticket and no score.
    app.invoke("start_demo", json!({})).unwrap();
    let outbox = app.invoke("outbox", json!({"includeDone": true})).unwrap();
    let kinds: Vec<&str> = outbox
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["create_ticket"], "{outbox}");
}

// ---- the customer's score, hidden from staff ----

/// Every CSAT value set anywhere in `value` (payload bodies and tickets).
fn scores_in(value: &Value) -> Vec<Value> {
    match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(key, inner)| {
                let own = (key == "csat_score" || key == "csatScore")
                    .then(|| inner.clone())
                    .filter(|v| !v.is_null());
                own.into_iter().chain(scores_in(inner))
            })
            .collect(),
        Value::Array(items) => items.iter().flat_map(scores_in).collect(),
        _ => Vec::new(),
    }
}

fn wait_for_state(app: &App, ticket: &str, kind: &str, state: &str) -> Value {
    let started = Instant::now();
    loop {
        let outbox = app.invoke("outbox", json!({"includeDone": false})).unwrap();
        if let Some(op) = outbox
            .as_array()
            .unwrap()
            .iter()
            .find(|op| op["ticketKey"] == ticket && op["kind"] == kind && op["state"] == state)
        {
            return op.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no {state} {kind} on {ticket}: {outbox}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_customers_score_is_hidden_from_everything_the_staff_window_can_call() {
    let app = App::new();
    app.invoke("start_demo", json!({})).unwrap();
    // A ticket Ping refuses (a channel it does not know): it, and the score
    // queued behind it, wait in the outbox.
    let queued = app
        .invoke(
            "create_ticket",
            json!({"ticket": {"subject": "Data bundle", "description": "Not credited",
                              "channel": "carrier_pigeon"}}),
        )
        .unwrap();
    let local_ref = queued["localRef"].as_str().unwrap().to_owned();
    wait_for_state(&app, &local_ref, "create_ticket", "failed");
    let survey = app
        .invoke("ask_customer", json!({"ticket": local_ref}))
        .unwrap();
    app.invoke_as_customer(
        "customer_answer",
        json!({"survey": survey["id"], "score": 4}),
    )
    .unwrap();
    // And a score for a ticket Ping does not have: it fails.
    let missing = "TKT-2020-00999";
    let survey = app
        .invoke("ask_customer", json!({"ticket": missing}))
        .unwrap();
    app.invoke_as_customer(
        "customer_answer",
        json!({"survey": survey["id"], "score": 2}),
    )
    .unwrap();
    app.invoke("end_customer_view", json!({})).unwrap();
    let failed = wait_for_state(&app, missing, "update_ticket", "failed");
    let op_id = failed["id"].as_str().unwrap().to_owned();

    // Staff cannot edit the score into view (or change it)...
    let edited = app
        .invoke(
            "retry_operation",
            json!({"opId": op_id, "payload": {"kind": "update_ticket", "body": {"csat_score": 5}}}),
        )
        .unwrap_err();
    assert_eq!(code(&edited), "VALIDATION", "{edited}");
    // ...and sending it again keeps the customer's score, unseen.
    let retried = app
        .invoke("retry_operation", json!({"opId": op_id, "payload": null}))
        .unwrap();

    let answers = [
        retried,
        failed,
        app.invoke("outbox", json!({"includeDone": false})).unwrap(),
        app.invoke("outbox", json!({"includeDone": true})).unwrap(),
        app.invoke("get_ticket", json!({"ticket": local_ref}))
            .unwrap(),
        app.invoke("queued_tickets", json!({})).unwrap(),
        app.invoke("sync_status", json!({})).unwrap(),
        app.invoke("customer_view_status", json!({})).unwrap(),
    ];
    for answer in &answers {
        assert_eq!(scores_in(answer), Vec::<Value>::new(), "{answer}");
    }
    let outbox = &answers[3];
    let customers: Vec<&Value> = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["origin"] == "counter_survey")
        .collect();
    assert_eq!(customers.len(), 2, "both scores are marked: {outbox}");
    let pending = answers[4]["pending"].as_array().unwrap();
    assert!(
        pending.iter().any(|op| op["origin"] == "counter_survey"),
        "{pending:?}"
    );

    // The outbox itself still holds both scores, and sends them.
    let store = desk_core::Store::open(&app.data.join("demo/desk.sqlite3")).unwrap();
    let stored: Vec<Option<u8>> = store
        .operations(true, 100)
        .unwrap()
        .into_iter()
        .filter_map(|op| match op.payload {
            desk_core::Payload::UpdateTicket(update) => Some(update.csat_score.map(|s| s.get())),
            _ => None,
        })
        .collect();
    assert_eq!(stored, [Some(2), Some(4)], "newest first");
}

#[test]
fn the_diagnostics_report_has_the_desks_facts_and_no_key_or_customer_details() {
    let keychain = TestKeychain::new("diagnostics");
    let (sandbox, key) = sandbox_with_key();
    let app = App::with_keychain(tempfile::tempdir().unwrap(), keychain.0.clone());
    app.invoke(
        "connect",
        json!({"apiKey": key, "baseUrl": sandbox.base_url()}),
    )
    .unwrap();
    let walk_in = json!({"subject": "Phone will not charge", "description": "Tried three cables at home",
        "customer_first_name": "Farai", "customer_last_name": "Mupfumira",
        "customer_phone": "+263773579246", "customer_email": "farai.m@example.co.zw"});
    app.invoke("create_ticket", json!({ "ticket": walk_in }))
        .unwrap();
    wait_until_synced(&app);
    let mut refused = walk_in.clone();
    refused["priority"] = json!("urgent");
    app.invoke("create_ticket", json!({ "ticket": refused }))
        .unwrap();
    let started = Instant::now();
    while app.invoke("sync_status", json!({})).unwrap()["counts"]["failed"] != 1 {
        assert!(started.elapsed() < Duration::from_secs(10), "not refused");
        std::thread::sleep(Duration::from_millis(50));
    }

    let report = app.invoke("copy_diagnostics", json!({})).unwrap();
    let text = report["text"].as_str().unwrap();
    let has = |line: &str| {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "no line {line:?} in:\n{text}"
        )
    };
    has(&format!("App: Ping Desk {}", env!("CARGO_PKG_VERSION")));
    has("OS: ");
    has("Web view: ");
    has(&format!("Data folder: {}", app.data.display()));
    // Where the log is (set as the real window is set up): tests/desktop.rs.
    has("Log folder: ");
    has(&format!(
        "Workspace: Ping at {} (key filed)",
        sandbox.base_url()
    ));
    has("Keychain: available");
    has("Database: ok");
    has("Sync: connected: yes, online");
    has("Outbox: done 1, failed 1");
    has("Latest error codes: INVALID_FIELD_VALUE (failed, ");
    has("Last write Ping took: 20");
    has("Last ");
    for private in [
        key.as_str(),
        "Farai",
        "Mupfumira",
        "+263773579246",
        "773579246",
        "farai.m@",
        "three cables",
        "Phone will not charge",
    ] {
        assert!(!text.contains(private), "{private:?} in:\n{text}");
    }
    // No clipboard in the mock app: the text still comes back to be shown.
    assert_eq!(report["copied"], false);
    assert!(report["copyError"].is_string());
    // The customer's window cannot ask for it.
    let err = app
        .invoke_as_customer("copy_diagnostics", json!({}))
        .unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}
