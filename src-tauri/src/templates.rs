//! Ticket templates and the walk-in's customer history, for the counter.

use crate::error::CommandResult;
use crate::workspace::AppState;
use desk_core::{CustomerHistory, ImportReport, Template};
use tauri::State;

#[tauri::command]
pub async fn templates(state: State<'_, AppState>) -> CommandResult<Vec<Template>> {
    Ok(state.core()?.store().templates()?)
}

#[tauri::command]
pub async fn save_template(
    state: State<'_, AppState>,
    template: Template,
) -> CommandResult<Template> {
    Ok(state.core()?.store().save_template(&template)?)
}

#[tauri::command]
pub async fn delete_template(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(state.core()?.store().delete_template(&id)?)
}

/// The desk's templates as a JSON document a manager can share.
#[tauri::command]
pub async fn export_templates(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(state.core()?.store().export_templates()?)
}

#[tauri::command]
pub async fn import_templates(
    state: State<'_, AppState>,
    json: String,
) -> CommandResult<ImportReport> {
    Ok(state.core()?.store().import_templates(&json)?)
}

/// A walk-in's earlier tickets and name, by phone or email.
#[tauri::command]
pub async fn customer_history(
    state: State<'_, AppState>,
    phone: Option<String>,
    email: Option<String>,
) -> CommandResult<CustomerHistory> {
    Ok(state
        .core()?
        .customer_history(phone.as_deref(), email.as_deref())
        .await?)
}
