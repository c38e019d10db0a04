//! The ticket slip printed for a walk-in. The core assembles it (number or
//! local reference, date, store, summary, QR code); the web view lays it out
//! and opens the system print dialog.

use crate::error::CommandResult;
use crate::workspace::AppState;
use desk_core::TicketSlip;
use tauri::State;

#[tauri::command]
pub async fn ticket_slip(state: State<'_, AppState>, ticket: String) -> CommandResult<TicketSlip> {
    let store = state.store_label().await;
    Ok(state.core()?.ticket_slip(&ticket, &store).await?)
}
