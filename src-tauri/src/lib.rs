//! The Tauri shell of Ping Desk: thin commands that translate between the web
//! view and the domain crates under `crates/`, one module per feature.

pub mod about;
pub mod app_info;
pub mod autostart;
pub mod customer_view;
pub mod diagnostics;
pub mod drafts;
pub mod error;
pub mod instance;
pub mod keychain;
pub mod logging;
pub mod notifications;
pub mod outbox;
pub mod rendering;
pub mod settings;
pub mod slip;
pub mod templates;
pub mod tickets;
pub mod today;
pub mod updates;
pub mod window_state;
pub mod workspace;

use std::path::PathBuf;
use tauri::{Builder, Manager, Runtime};

/// Registers every command (keep in step with `COMMANDS` in build.rs).
/// Commands are async so they run on the async runtime's threads: a
/// synchronous Tauri command runs on the main thread, where it would wait
/// for (and hold up) the window's own work.
pub fn with_commands<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        // Signed updates: the updates module's commands use it; the web view
        // is granted none of the plugin's own commands.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updates::Updates::default())
        .invoke_handler(tauri::generate_handler![
            app_info::app_info,
            app_info::ui_ready,
            about::open_issue_page,
            workspace::workspace,
            workspace::core_events,
            workspace::start_demo,
            workspace::connect,
            workspace::sign_out,
            workspace::test_connection,
            workspace::save_settings,
            workspace::set_aside_database,
            tickets::create_ticket,
            tickets::list_tickets,
            tickets::queued_tickets,
            tickets::get_ticket,
            tickets::update_ticket,
            tickets::list_comments,
            tickets::add_comment,
            tickets::record_csat,
            tickets::search_cached,
            outbox::sync_status,
            outbox::store_copy_status,
            outbox::sync_now,
            outbox::outbox,
            outbox::retry_operation,
            outbox::discard_operation,
            drafts::save_draft,
            drafts::load_draft,
            drafts::delete_draft,
            templates::templates,
            templates::save_template,
            templates::delete_template,
            templates::export_templates,
            templates::import_templates,
            templates::customer_history,
            today::today_at_store,
            slip::ticket_slip,
            customer_view::ask_customer,
            customer_view::customer_view_status,
            customer_view::end_customer_view,
            customer_view::set_counter_pin,
            customer_view::customer_survey,
            customer_view::customer_answer,
            customer_view::customer_comment,
            customer_view::customer_staff_return,
            updates::update_status,
            updates::check_for_update,
            updates::download_update,
            updates::restart_to_update,
            autostart::autostart,
            autostart::set_autostart,
            diagnostics::copy_diagnostics,
        ])
}

/// The desktop plugins the app's commands and alerts use: starting with the
/// computer, notifications, the clipboard. None of their own commands is
/// granted to a web view (src-tauri/capabilities).
pub fn with_plugins<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(autostart::plugin())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_clipboard_manager::init())
}

/// The app's context: config, assets and the capabilities compiled from
/// src-tauri/capabilities (tests use it too, so they run under the real ACL).
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Where the app keeps its data: `PING_DESK_DATA_DIR` when set (tests, a
/// second profile), else the platform's app data directory. Never the
/// working directory: customers' details must not land wherever the app
/// happened to be started.
fn default_data_dir<R: Runtime>(app: &tauri::App<R>) -> Result<PathBuf, String> {
    match data_dir_override() {
        Some(dir) => Ok(dir),
        None => app.path().app_data_dir().map_err(|err| {
            format!("the system names no folder for app data ({err}); set PING_DESK_DATA_DIR")
        }),
    }
}

/// `PING_DESK_DATA_DIR`, when set to something.
fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("PING_DESK_DATA_DIR")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
}

/// Adds the app's state (data in `data_dir`, or the platform's data
/// directory) and reopens the last workspace; with `demo_by_default`, a desk
/// with no workspace yet opens the demo one instead of asking.
pub fn with_state<R: Runtime>(
    builder: Builder<R>,
    data_dir: Option<PathBuf>,
    demo_by_default: bool,
) -> Builder<R> {
    with_state_using(
        builder,
        data_dir,
        keychain::Keychain::default(),
        demo_by_default,
    )
}

/// [`with_state`] with the key filed in `keychain` (tests use their own).
pub fn with_state_using<R: Runtime>(
    builder: Builder<R>,
    data_dir: Option<PathBuf>,
    keychain: keychain::Keychain,
    demo_by_default: bool,
) -> Builder<R> {
    let state_in = move |dir: PathBuf| {
        workspace::AppState::new(dir, keychain.clone()).with_demo_by_default(demo_by_default)
    };
    let builder = builder
        .manage(customer_view::CounterState::default())
        .on_window_event(|window, event| {
            if window.label() == customer_view::CUSTOMER_WINDOW {
                match event {
                    tauri::WindowEvent::CloseRequested { api, .. } => {
                        customer_view::refuse_close(window, api)
                    }
                    tauri::WindowEvent::Focused(false) | tauri::WindowEvent::Resized(_) => {
                        customer_view::keep_shown(window)
                    }
                    _ => {}
                }
            }
            if let tauri::WindowEvent::Destroyed = event {
                match window.label() {
                    // The customer's screen went (by any route): the survey ends.
                    customer_view::CUSTOMER_WINDOW => {
                        customer_view::customer_window_closed(window.app_handle())
                    }
                    // Staff closed the app: the customer's screen goes too.
                    "main" => {
                        if let Some(customer) =
                            window.get_webview_window(customer_view::CUSTOMER_WINDOW)
                        {
                            let _ = customer.destroy();
                        }
                    }
                    _ => {}
                }
            }
        });
    let builder = match &data_dir {
        Some(dir) => builder.manage(state_in(dir.clone())),
        None => builder,
    };
    builder.setup(move |app| {
        // The log file first, so the rest of the start is in it.
        let logs_in = data_dir.clone().or_else(data_dir_override);
        match logging::dir_for(app.handle(), logs_in.as_deref()) {
            Ok(dir) => logging::attach(app.handle(), &dir),
            Err(message) => eprintln!("Ping Desk: {message}; logging to stderr only"),
        }
        // Shown from the start and moved by the window-state plugin as it is
        // created: a staff window created hidden never drew once given the
        // software rendering policy (WebKitGTK), even when shown.
        if let Some(main) = app.get_webview_window(window_state::MAIN_WINDOW) {
            rendering::apply(&main);
        }
        if app.try_state::<autostart::StartedAtLogin>().is_some() {
            autostart::start_quietly(app.handle());
        }
        if data_dir.is_none() {
            let dir_and_lock = default_data_dir(app).and_then(|dir| {
                // A few seconds' patience: restarting into an update,
                // the old process may not have ended yet.
                instance::lock_data_dir_within(&dir, std::time::Duration::from_secs(5))
                    .map(|lock| (dir, lock))
            });
            match dir_and_lock {
                Ok((dir, lock)) => {
                    // Held for the app's life: the OS lets go when it exits.
                    std::mem::forget(lock);
                    app.manage(state_in(dir));
                }
                Err(message) => {
                    tracing::error!("{message}");
                    eprintln!("Ping Desk: {message}");
                    std::process::exit(1);
                }
            }
        }
        // Reopened in the background: the window does not wait for the
        // database, the keychain and the first check of Ping; the web view's
        // first `workspace` call does.
        let handle = app.handle().clone();
        tauri::async_runtime::spawn(async move {
            handle
                .state::<workspace::AppState>()
                .ensure_restored(&handle)
                .await;
        });
        Ok(())
    })
}

/// Starts the desktop app.
pub fn run() {
    logging::init();
    // `--demo` (the README's run command): demo until a key is set up.
    let demo_by_default = std::env::args().any(|arg| arg == "--demo");
    // `--autostart`: the OS started the app at login.
    let at_login = autostart::started_at_login(std::env::args());
    // First among plugins: a second launch must hand over before anything
    // else starts.
    let mut builder = Builder::default();
    if let Some(single_instance) = instance::plugin(data_dir_override().as_deref()) {
        builder = builder.plugin(single_instance);
    }
    // Before the staff window is created, so it opens where staff left it.
    builder = builder.plugin(window_state::plugin(data_dir_override().as_deref()));
    if at_login {
        builder = builder.manage(autostart::StartedAtLogin);
    }
    with_state(with_plugins(with_commands(builder)), None, demo_by_default)
        .build(context())
        .expect("Ping Desk could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Stop sending cleanly rather than leave it to crash recovery.
                tauri::async_runtime::block_on(app.state::<workspace::AppState>().shut_down(app));
                // A downloaded update goes in now, for the next start.
                updates::install_on_quit(app);
            }
        });
}
