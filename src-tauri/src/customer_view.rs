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
use crate::workspace::AppState;
use desk_core::{CounterSurvey, Survey, SurveyStage};
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
    /// Wrong PINs typed on the customer's screen, and when the last came:
    /// after a few, the screen waits before it takes another (a four-digit
    /// PIN cannot stand up to guessing otherwise).
    wrong_pins: std::sync::Mutex<(u32, Option<std::time::Instant>)>,
}

/// Wrong PINs allowed before the customer's screen makes people wait.
const PIN_TRIES: u32 = 5;
const PIN_LOCKOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl CounterState {
    fn wrong_pins(&self) -> std::sync::MutexGuard<'_, (u32, Option<std::time::Instant>)> {
        self.wrong_pins.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// True while too many wrong PINs came too recently.
    fn pin_locked(&self) -> bool {
        let (count, last) = *self.wrong_pins();
        count >= PIN_TRIES && last.is_some_and(|at| at.elapsed() < PIN_LOCKOUT)
    }

    /// Counts a wrong PIN (after a lockout the count starts again), or
    /// clears the count on a right one.
    fn record_pin_try(&self, right: bool) {
        let mut wrong = self.wrong_pins();
        *wrong = if right {
            (0, None)
        } else {
            (wrong.0 % PIN_TRIES + 1, Some(std::time::Instant::now()))
        };
    }
}

/// What the windows learn about the survey: its stage and ticket (never the
/// score); `None` when no survey runs.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SurveyNotice {
    pub survey: Option<Survey>,
    /// The store's name, for the customer's screen.
    pub store: String,
}

async fn notice(state: &AppState, survey: Option<Survey>) -> SurveyNotice {
    SurveyNotice {
        survey,
        store: state.store_label().await,
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

/// Called when the customer window goes away by any route (closed by the
/// window manager too): the survey ends and the staff window hears it.
pub fn customer_window_closed<R: Runtime>(app: &AppHandle<R>) {
    let counter = app.state::<CounterState>();
    if counter.survey.end().is_some() {
        let ended = SurveyNotice {
            survey: None,
            store: String::new(),
        };
        if let Err(err) = app.emit_to("main", SURVEY_EVENT, ended) {
            tracing::debug!(error = %err, "could not announce the survey's end");
        }
    }
}

// ---- the staff window's commands ----

/// "Ask the customer": starts a survey for `ticket` and shows the customer's
/// screen (replacing a survey still running there).
#[tauri::command]
pub async fn ask_customer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    counter: State<'_, CounterState>,
    ticket: String,
) -> CommandResult<Survey> {
    state.core()?;
    let survey = counter.survey.begin(&ticket)?;
    show_customer_window(&app)?;
    announce(&app, &notice(&state, Some(survey.clone())).await);
    Ok(survey)
}

/// The survey running now (stage only), for a staff window that (re)loads.
#[tauri::command]
pub async fn customer_view_status(
    counter: State<'_, CounterState>,
) -> CommandResult<Option<Survey>> {
    Ok(counter.survey.current())
}

/// Closes the customer's screen and ends its survey, if one runs.
pub fn end_survey<R: Runtime>(app: &AppHandle<R>) {
    close_customer_window(app);
    customer_window_closed(app);
}

/// Staff end the customer's screen from their own window.
#[tauri::command]
pub async fn end_customer_view<R: Runtime>(app: AppHandle<R>) -> CommandResult<()> {
    end_survey(&app);
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
    Ok(notice(&state, counter.survey.current()).await)
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
    let answered = counter.survey.answer(&*state.core()?, &survey, score)?;
    announce(&app, &notice(&state, Some(answered.clone())).await);
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
        .comment(&*state.core()?, &survey, comment.as_deref())?;
    debug_assert_eq!(done.stage, SurveyStage::Done);
    announce(&app, &notice(&state, Some(done.clone())).await);
    Ok(done)
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
    // The first try after the long press comes without a PIN: when one is
    // set, that asks for it and is no wrong guess.
    if pin.is_none() && !state.counter_pin_allows(None).await {
        return Err(CommandError::new(
            "PIN_REQUIRED",
            "Type the counter PIN to go back to Ping Desk.",
        ));
    }
    if counter.pin_locked() {
        return Err(CommandError::new(
            "PIN_LOCKED",
            "Too many wrong PINs. Try again in half a minute.",
        ));
    }
    let allowed = state.counter_pin_allows(pin).await;
    counter.record_pin_try(allowed);
    if !allowed {
        return Err(CommandError::new(
            "PIN_WRONG",
            "That PIN is not right. Ask a member of staff.",
        ));
    }
    close_customer_window(&app);
    customer_window_closed(&app);
    Ok(())
}
