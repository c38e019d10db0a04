//! Ticket commands: writes are queued in the core's outbox (durable before
//! anything is sent); reads are live or from the cache. Writes still queued
//! come back as staff may see them: without a customer's score.

use crate::error::CommandResult;
use crate::workspace::AppState;
use desk_core::{Operation, QueuedCreate, Thread, TicketList, TicketView};
use ping_api::{ListQuery, NewComment, NewTicket, Ticket, TicketUpdate};
use tauri::State;

#[tauri::command]
pub async fn create_ticket(
    state: State<'_, AppState>,
    ticket: NewTicket,
) -> CommandResult<QueuedCreate> {
    Ok(state.core()?.create_ticket(ticket)?)
}

#[tauri::command]
pub async fn list_tickets(
    state: State<'_, AppState>,
    query: ListQuery,
) -> CommandResult<TicketList> {
    Ok(state.core()?.list_tickets(&query).await?)
}

/// Tickets created here that Ping has not numbered yet.
#[tauri::command]
pub async fn queued_tickets(state: State<'_, AppState>) -> CommandResult<Vec<TicketView>> {
    Ok(state
        .core()?
        .queued_tickets()?
        .into_iter()
        .map(for_staff)
        .collect())
}

#[tauri::command]
pub async fn get_ticket(state: State<'_, AppState>, ticket: String) -> CommandResult<TicketView> {
    Ok(for_staff(state.core()?.get_ticket(&ticket).await?))
}

/// A ticket view with its pending writes as staff may see them.
fn for_staff(mut view: TicketView) -> TicketView {
    view.pending = view.pending.into_iter().map(Operation::for_staff).collect();
    view
}

#[tauri::command]
pub async fn update_ticket(
    state: State<'_, AppState>,
    ticket: String,
    update: TicketUpdate,
) -> CommandResult<String> {
    Ok(state.core()?.update_ticket(&ticket, update)?)
}

#[tauri::command]
pub async fn list_comments(
    state: State<'_, AppState>,
    ticket: String,
    include_internal: bool,
) -> CommandResult<Thread> {
    Ok(state.core()?.comments(&ticket, include_internal).await?)
}

#[tauri::command]
pub async fn add_comment(
    state: State<'_, AppState>,
    ticket: String,
    comment: NewComment,
) -> CommandResult<String> {
    Ok(state.core()?.add_comment(&ticket, comment)?)
}

#[tauri::command]
pub async fn record_csat(
    state: State<'_, AppState>,
    ticket: String,
    score: u8,
) -> CommandResult<String> {
    Ok(state.core()?.record_csat(&ticket, score)?)
}

/// Search over the tickets cached on this desk (works offline).
#[tauri::command]
pub async fn search_cached(state: State<'_, AppState>, text: String) -> CommandResult<Vec<Ticket>> {
    Ok(state.core()?.search_cached(&text, 50)?)
}
