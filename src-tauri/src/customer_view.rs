//! The customer's satisfaction survey at the counter, in its own window.
//!
//! Staff ask from a ticket; the customer answers in the `customer` window,
//! full screen on a second monitor when there is one. That window loads its
//! own page (`customer.html`) and its capability grants only the
//! `customer_*` commands below, so nothing of the staff UI is reachable from
//! it. The rules (one score per survey, comment after score, stale screens
//! refused) are desk-core's [`CounterSurvey`]; the staff window hears only a
//! survey's stage, never the score.

use crate::error::{CommandError, CommandResult};
use crate::settings::{wait_in_words, CounterPin, PinCheck, CUSTOMER_LANGUAGES, PSEUDO_LANGUAGE};
use crate::workspace::AppState;
use desk_core::{CoreError, CounterSurvey, DeskCore, Survey, SurveyStage};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};

/// The customer window's label (its capability names it).
pub const CUSTOMER_WINDOW: &str = "customer";
/// The event both windows hear when a survey starts, moves on or ends.
pub const SURVEY_EVENT: &str = "survey";

/// The survey running at this desk, shared by both windows' commands.
#[derive(Default)]
pub struct CounterState {
    survey: CounterSurvey,
    /// One counter PIN is checked at a time, so tries sent together cannot
    /// slip past the count of wrong ones.
    pin_check: tokio::sync::Mutex<()>,
    /// The running survey's language, as staff asked (the ticket's
    /// preferred language when it is one we have); `None`: the store's.
    language: std::sync::Mutex<Option<String>>,
}

/// What the windows learn about the survey: its stage and ticket (never the
/// score); `None` when no survey runs.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyNotice {
    pub survey: Option<Survey>,
    /// The store's name, for the customer's screen.
    pub store: String,
    /// The language the customer's screen opens in (`en`, `sn`, `nd`): the
    /// ticket's preferred language when staff passed one we have, else the
    /// store's default for customers. The customer may switch.
    pub language: String,
}

impl CounterState {
    /// Whether a customer is answering now.
    pub fn survey_running(&self) -> bool {
        self.survey.current().is_some()
    }
}

async fn notice(state: &AppState, counter: &CounterState, survey: Option<Survey>) -> SurveyNotice {
    let asked = survey.as_ref().and(
        counter
            .language
            .lock()
            .ok()
            .and_then(|language| language.clone()),
    );
    SurveyNotice {
        survey,
        store: state.store_label().await,
        language: match asked {
            Some(language) => language,
            None => state.customer_language().await,
        },
    }
}

fn announce<R: Runtime>(app: &AppHandle<R>, notice: &SurveyNotice) {
    for window in ["main", CUSTOMER_WINDOW] {
        if let Err(err) = app.emit_to(window, SURVEY_EVENT, notice) {
            tracing::debug!(error = %err, window, "could not announce the survey");
        }
    }
}

/// Shows the customer window, creating it on a monitor other than the staff
/// window's when there is one, full screen.
fn show_customer_window<R: Runtime>(app: &AppHandle<R>) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(CUSTOMER_WINDOW) {
        let _ = window.show();
        let _ = window.set_focus();
        return Ok(());
    }
    let window = WebviewWindowBuilder::new(
        app,
        CUSTOMER_WINDOW,
        WebviewUrl::App("customer.html".into()),
    )
    .title("Ping Desk: how did we do?")
    .visible(false)
    // A kiosk in every build, debug included: no inspector, no window
    // buttons, above the staff window and out of the taskbar. Closing by
    // the window manager is refused in `refuse_close`; staff end it.
    .devtools(false)
    .closable(false)
    .minimizable(false)
    .maximizable(false)
    .decorations(false)
    .always_on_top(true)
    .skip_taskbar(true)
    .build()
    .map_err(|err| {
        CommandError::new(
            "WINDOW",
            format!("the customer's screen could not open: {err}"),
        )
    })?;
    // Cover the whole monitor even where no window manager honours full
    // screen (a kiosk session), then ask for full screen proper.
    if let Some(monitor) = customer_monitor(app) {
        let _ = window.set_position(*monitor.position());
        let _ = window.set_size(*monitor.size());
    }
    let _ = window.set_fullscreen(true);
    let _ = window.show();
    let _ = window.set_focus();
    Ok(())
}

/// A monitor other than the one the staff window is on when there is one
/// (the customer's side of the counter), else the staff window's own.
fn customer_monitor<R: Runtime>(app: &AppHandle<R>) -> Option<tauri::Monitor> {
    let staff = app.get_webview_window("main")?;
    let staff_monitor = staff.current_monitor().ok().flatten();
    let staff_at = staff_monitor.as_ref().map(|m| *m.position());
    staff
        .available_monitors()
        .ok()?
        .into_iter()
        .find(|monitor| Some(*monitor.position()) != staff_at)
        .or(staff_monitor)
}

/// Closes the customer window and ends the survey; staff are back.
fn close_customer_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(CUSTOMER_WINDOW) {
        let _ = window.destroy();
    }
}

/// The customer's window is closed only by staff (the long press and PIN
/// there, or "End customer view"), which destroy it: a close request from
/// the window manager (Alt+F4, a close button, a taskbar menu) is refused.
pub fn refuse_close<R: Runtime>(window: &tauri::Window<R>, api: &tauri::CloseRequestApi) {
    api.prevent_close();
    tracing::info!("refused a request to close the customer's screen");
    let _ = window.set_focus();
}

/// A minimised customer screen comes straight back (where the window
/// manager minimises windows that asked it not to).
pub fn keep_shown<R: Runtime>(window: &tauri::Window<R>) {
    if window.is_minimized().unwrap_or(false) {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Ends the survey and closes the customer's screen; the staff window hears
/// it. Staff ending the view, staff taking the counter back, and every
/// switch of workspace (a survey belongs to the workspace it was asked in).
pub fn end_customer_view_now<R: Runtime>(app: &AppHandle<R>) {
    close_customer_window(app);
    customer_window_closed(app);
}

/// Called when the customer window goes away by any route (closed by the
/// window manager too): the survey ends and the staff window hears it.
pub fn customer_window_closed<R: Runtime>(app: &AppHandle<R>) {
    let counter = app.state::<CounterState>();
    if counter.survey.end().is_some() {
        let ended = SurveyNotice {
            survey: None,
            store: String::new(),
            language: String::new(),
        };
        if let Err(err) = app.emit_to("main", SURVEY_EVENT, ended) {
            tracing::debug!(error = %err, "could not announce the survey's end");
        }
    }
}

// ---- the staff window's commands ----

/// "Ask the customer": starts a survey for `ticket` and shows the customer's
/// screen (replacing a survey still running there), in `language` (the
/// ticket's preferred language, as the staff window read it) when it is
/// one the screen speaks, else in the store's default.
#[tauri::command]
pub async fn ask_customer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
    ticket: String,
    language: Option<String>,
) -> CommandResult<Survey> {
    // The pseudo-locale too: a staff window in it asks in it (its test).
    let language = language
        .filter(|code| CUSTOMER_LANGUAGES.contains(&code.as_str()) || code == PSEUDO_LANGUAGE);
    let survey = counter.survey.begin(&*state.core()?, &ticket)?;
    if let Ok(mut asked) = counter.language.lock() {
        *asked = language;
    }
    show_customer_window(&app)?;
    announce(&app, &notice(&state, &counter, Some(survey.clone())).await);
    Ok(survey)
}

/// The survey running now (stage only), for a staff window that (re)loads.
#[tauri::command]
pub async fn customer_view_status(
    counter: State<'_, CounterState>,
) -> CommandResult<Option<Survey>> {
    Ok(counter.survey.current())
}

/// Staff end the customer's screen from their own window.
#[tauri::command]
pub async fn end_customer_view<R: Runtime>(app: AppHandle<R>) -> CommandResult<()> {
    end_customer_view_now(&app);
    Ok(())
}

/// Sets the counter PIN (4 to 8 digits), or removes it with `null`.
#[tauri::command]
pub async fn set_counter_pin(
    state: State<'_, AppState>,
    pin: Option<String>,
) -> CommandResult<crate::workspace::WorkspaceInfo> {
    state.set_counter_pin(pin.as_deref()).await?;
    Ok(state.info().await)
}

// ---- the customer window's commands (its capability grants only these) ----

/// What the customer's screen shows now.
#[tauri::command]
pub async fn customer_survey(
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
) -> CommandResult<SurveyNotice> {
    Ok(notice(&state, &counter, counter.survey.current()).await)
}

/// The customer's score, after the few seconds they had to change it.
#[tauri::command]
pub async fn customer_answer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
    survey: String,
    score: u8,
) -> CommandResult<Survey> {
    let answered = counter
        .survey
        .answer(&*survey_core(&state)?, &survey, score)?;
    announce(
        &app,
        &notice(&state, &counter, Some(answered.clone())).await,
    );
    Ok(answered)
}

/// The customer's optional comment (`null` or blank skips it).
#[tauri::command]
pub async fn customer_comment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
    survey: String,
    comment: Option<String>,
) -> CommandResult<Survey> {
    let done = counter
        .survey
        .comment(&*survey_core(&state)?, &survey, comment.as_deref())?;
    debug_assert_eq!(done.stage, SurveyStage::Done);
    announce(&app, &notice(&state, &counter, Some(done.clone())).await);
    Ok(done)
}

/// The open workspace's core, for an answer: with none open, the survey
/// that was asked has ended (the survey itself refuses any other core).
fn survey_core(state: &AppState) -> CommandResult<std::sync::Arc<DeskCore>> {
    state
        .core()
        .map_err(|_| CommandError::from(CoreError::SurveyEnded))
}

/// Staff take the counter back from the customer's screen (after a
/// long-press there), with the counter PIN when one is set.
#[tauri::command]
pub async fn customer_staff_return<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
    pin: Option<String>,
) -> CommandResult<()> {
    let pin = pin.as_deref().map(str::trim).filter(|pin| !pin.is_empty());
    let _one_at_a_time = counter.pin_check.lock().await;
    if let Some(stored) = state.saved().await.counter_pin {
        check_counter_pin(&state, stored, pin).await?;
    }
    end_customer_view_now(&app);
    Ok(())
}

/// Checks a typed PIN against the stored one: counts wrong ones (and the
/// lockout they earn) in the saved settings, clears them on a right one,
/// and re-hashes a PIN kept in the earlier SHA-256 form with Argon2id.
async fn check_counter_pin(
    state: &AppState,
    stored: CounterPin,
    pin: Option<&str>,
) -> CommandResult<()> {
    if !stored.is_readable() {
        return Err(pin_unknown());
    }
    // The first try after the long press comes without a PIN: that asks
    // for it and is no wrong guess.
    let Some(pin) = pin else {
        return Err(CommandError::new(
            "PIN_REQUIRED",
            "Type the counter PIN to go back to Ping Desk.",
        ));
    };
    let now = desk_core::now_ms();
    if let Some(wait) = state
        .update_saved(|saved| saved.pin_tries.locked_for(now))
        .await
    {
        return Err(pin_locked(wait));
    }
    let (check, rehashed) = {
        let (stored, pin) = (stored.clone(), pin.to_owned());
        // Argon2 is deliberately slow: off the async threads.
        tauri::async_runtime::spawn_blocking(move || {
            let check = stored.check(&pin);
            let rehashed =
                (check == PinCheck::Right && stored.needs_rehash()).then(|| CounterPin::new(&pin));
            (check, rehashed)
        })
        .await
        .map_err(|err| CommandError::new("INTERNAL", format!("the PIN check stopped: {err}")))?
    };
    match check {
        PinCheck::Right => {
            state
                .update_saved(|saved| {
                    saved.pin_tries = Default::default();
                    // Unless staff changed the PIN meanwhile.
                    if saved.counter_pin.as_ref() == Some(&stored) {
                        if let Some(rehashed) = rehashed {
                            saved.counter_pin = Some(rehashed);
                        }
                    }
                })
                .await;
            Ok(())
        }
        PinCheck::Wrong => {
            let locked = state
                .update_saved(|saved| {
                    saved.pin_tries.record_wrong(now);
                    saved.pin_tries.locked_for(now)
                })
                .await;
            Err(match locked {
                Some(wait) => pin_locked(wait),
                None => {
                    CommandError::new("PIN_WRONG", "That PIN is not right. Ask a member of staff.")
                }
            })
        }
        PinCheck::Unreadable => Err(pin_unknown()),
    }
}

fn pin_unknown() -> CommandError {
    CommandError::new(
        "PIN_UNKNOWN",
        "The counter PIN could not be read; end the customer view from the staff screen and set the PIN again in Settings.",
    )
}

fn pin_locked(wait: std::time::Duration) -> CommandError {
    CommandError::new(
        "PIN_LOCKED",
        format!("Too many wrong PINs. Try again in {}.", wait_in_words(wait)),
    )
    .with_wait(wait)
}
