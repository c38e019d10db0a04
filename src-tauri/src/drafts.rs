//! Forms in progress, saved as staff type and restored after a restart.

use crate::error::CommandResult;
use crate::workspace::AppState;
use serde_json::Value;
use tauri::State;

#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, key: String, data: Value) -> CommandResult<()> {
    Ok(state.core()?.save_draft(&key, &data)?)
}

#[tauri::command]
pub async fn load_draft(state: State<'_, AppState>, key: String) -> CommandResult<Option<Value>> {
    Ok(state.core()?.load_draft(&key)?)
}

#[tauri::command]
pub async fn delete_draft(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    Ok(state.core()?.delete_draft(&key)?)
}
