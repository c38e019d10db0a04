//! "Today at this store": the counter's day at a glance.

use crate::error::CommandResult;
use crate::workspace::AppState;
use desk_core::TodaySummary;
use tauri::State;

/// Today's tickets, counts and CSAT for a store (every store without one).
#[tauri::command]
pub async fn today_at_store(
    state: State<'_, AppState>,
    store_region: Option<String>,
) -> CommandResult<TodaySummary> {
    Ok(state
        .core()?
        .today_at_store(store_region.as_deref())
        .await?)
}
