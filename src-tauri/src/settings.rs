//! Store settings (not secret): kept as JSON in the app's data directory.

use ping_api::PRODUCTION_BASE_URL;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Which workspace the app opens into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// First run, or signed out: the welcome screen.
    None,
    /// The in-process sandbox with demo data.
    Demo,
    /// The store's real Ping account.
    Ping,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub base_url: String,
    pub country: String,
    pub store_region: String,
    /// Channel new tickets default to (the counter: `in_store`).
    pub channel: String,
    pub category: String,
    pub staff_name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: PRODUCTION_BASE_URL.to_owned(),
            country: "Zimbabwe".to_owned(),
            store_region: String::new(),
            channel: "in_store".to_owned(),
            category: String::new(),
            staff_name: String::new(),
        }
    }
}

/// What is saved between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Saved {
    pub mode: Mode,
    pub settings: Settings,
}

impl Default for Saved {
    fn default() -> Self {
        Self {
            mode: Mode::None,
            settings: Settings::default(),
        }
    }
}

pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.json")
}

/// Reads saved settings; a missing or unreadable file gives the defaults
/// (and is logged), so a damaged file never keeps the app from starting.
pub fn load(data_dir: &Path) -> Saved {
    let path = path_in(data_dir);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|err| {
            tracing::warn!(path = %path.display(), error = %err, "settings unreadable; using defaults");
            Saved::default()
        }),
        Err(_) => Saved::default(),
    }
}

/// Writes settings atomically (temp file, then rename).
pub fn save(data_dir: &Path, saved: &Saved) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let path = path_in(data_dir);
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(saved)?)?;
    std::fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Saved::default());
        let saved = Saved {
            mode: Mode::Demo,
            settings: Settings {
                store_region: "Harare CBD".into(),
                staff_name: "Rudo".into(),
                ..Settings::default()
            },
        };
        save(dir.path(), &saved).unwrap();
        assert_eq!(load(dir.path()), saved);
        std::fs::write(path_in(dir.path()), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Saved::default());
    }
}
