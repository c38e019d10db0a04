//! Telling staff what needs them while they are in another program: writes
//! Ping refused and a key Ping stopped accepting become desktop
//! notifications (tauri-plugin-notification, sent from here; the web view
//! has no notification permission), only while the staff window is not
//! focused. When, how often and in which words is desk-core's
//! [`desk_core::alerts`]; this module feeds it the open workspace's events
//! and shows what it gives.
//!
//! The same events are written to the log: ticket references, operation
//! ids and error codes, never Ping's message (it can quote a customer's
//! details).

use desk_core::alerts::{Alert, Alerts, Signal};
use desk_core::{now_ms, CoreEvent, DeskCore};
use std::sync::Arc;
use std::time::Duration;
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

/// Watches a workspace's core for as long as it is open (the handle is
/// aborted as the workspace closes).
pub fn watch<R: Runtime>(app: &AppHandle<R>, core: &Arc<DeskCore>) -> JoinHandle<()> {
    let mut events = core.subscribe();
    // Not a strong reference: a closed workspace's database must not stay
    // open in a task that is being aborted (sign-out may wipe it).
    let core = Arc::downgrade(core);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut alerts = Alerts::default();
        loop {
            let wait = alerts
                .next_due_at()
                .map(|at| Duration::from_millis(at.saturating_sub(now_ms()).max(0) as u64));
            tokio::select! {
                event = events.recv() => match event {
                    Ok(event) => {
                        let Some(core) = core.upgrade() else { break };
                        log_event(&core, &event);
                        let signal = Signal::of(&event, |op| ticket_of(&core, op));
                        drop(core);
                        if let Some(signal) = signal {
                            alerts.observe(signal, now_ms());
                        }
                    }
                    Err(RecvError::Lagged(missed)) => {
                        tracing::debug!(missed, "alerts missed some events");
                    }
                    Err(RecvError::Closed) => break,
                },
                _ = tokio::time::sleep(wait.unwrap_or_default()), if wait.is_some() => {}
            }
            let now = now_ms();
            if alerts.next_due_at().is_some_and(|at| at <= now) {
                for alert in alerts.due(now, staff_window_focused(&app)) {
                    show(&app, &alert);
                }
            }
        }
    })
}

/// The ticket a write is about, as staff know it: Ping's number once it has
/// one, else the local reference.
fn ticket_of(core: &DeskCore, op_id: &str) -> Option<String> {
    let op = core.store().operation(op_id).ok()?;
    Some(op.ticket_number.unwrap_or(op.ticket_key))
}

fn staff_window_focused<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window("main")
        .and_then(|window| window.is_focused().ok())
        .unwrap_or(false)
}

fn show<R: Runtime>(app: &AppHandle<R>, alert: &Alert) {
    let Some(notifications) = app.try_state::<tauri_plugin_notification::Notification<R>>() else {
        return;
    };
    match notifications
        .builder()
        .title(&alert.title)
        .body(&alert.body)
        .show()
    {
        Ok(()) => tracing::info!(title = %alert.title, "notified staff"),
        Err(err) => tracing::warn!(error = %err, "could not show a desktop notification"),
    }
}

/// The core's events, as support reads them in the log.
fn log_event(core: &DeskCore, event: &CoreEvent) {
    match event {
        CoreEvent::Queued {
            op_id,
            kind,
            ticket,
        } => {
            tracing::info!(op = %op_id, ?kind, %ticket, "write queued")
        }
        CoreEvent::Sent {
            op_id,
            kind,
            ticket_number,
            local_ref,
        } => {
            tracing::info!(op = %op_id, ?kind, ticket = %ticket_number, local_ref = local_ref.as_deref().unwrap_or(""), "Ping took a write")
        }
        CoreEvent::Retrying {
            op_id,
            error,
            next_attempt_at,
        } => {
            tracing::debug!(op = %op_id, code = %error.code, next_attempt_at, "write will be tried again")
        }
        CoreEvent::InDoubt { op_id } => {
            tracing::info!(op = %op_id, "no answer to a write; Ping will be checked before sending it again")
        }
        CoreEvent::Failed { op_id, error } => {
            let ticket = ticket_of(core, op_id).unwrap_or_default();
            tracing::warn!(op = %op_id, %ticket, code = %error.code, "Ping refused a write; it waits in the Outbox")
        }
        CoreEvent::Connectivity { online } => tracing::info!(online, "connectivity changed"),
        CoreEvent::SyncPaused { reason, .. } => tracing::warn!(%reason, "sending paused"),
        CoreEvent::SyncResumed => tracing::info!("sending resumed"),
        CoreEvent::TicketCached { .. } | CoreEvent::OutboxChanged { .. } => {}
    }
}
