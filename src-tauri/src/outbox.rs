//! The outbox and sync status: what is waiting, what failed, the means
//! to fix and resend or discard it, and the store's copy kept for when Ping
//! cannot be reached. A customer's score from the counter survey is never
//! shown here ([`Operation::for_staff`]).

use crate::error::CommandResult;
use crate::workspace::AppState;
use desk_core::{Operation, Payload, StoreCopyStatus, SyncStatus};
use tauri::State;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> CommandResult<SyncStatus> {
    Ok(state.core()?.status()?)
}

/// What the desk holds of its store for when Ping cannot be reached.
#[tauri::command]
pub async fn store_copy_status(state: State<'_, AppState>) -> CommandResult<StoreCopyStatus> {
    Ok(state.core()?.store_copy_status()?)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> CommandResult<()> {
    Ok(state.core()?.sync_now()?)
}

#[tauri::command]
pub async fn outbox(
    state: State<'_, AppState>,
    include_done: bool,
) -> CommandResult<Vec<Operation>> {
    Ok(state
        .core()?
        .operations(include_done, 500)?
        .into_iter()
        .map(Operation::for_staff)
        .collect())
}

#[tauri::command]
pub async fn retry_operation(
    state: State<'_, AppState>,
    op_id: String,
    payload: Option<Payload>,
) -> CommandResult<Operation> {
    Ok(state.core()?.retry(&op_id, payload)?.for_staff())
}

#[tauri::command]
pub async fn discard_operation(
    state: State<'_, AppState>,
    op_id: String,
) -> CommandResult<Vec<String>> {
    Ok(state.core()?.discard(&op_id)?)
}
