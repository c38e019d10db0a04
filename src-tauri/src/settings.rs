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
    /// The store's name as printed on ticket slips (else the region).
    pub store_name: String,
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
            store_name: String::new(),
        }
    }
}

/// What is saved between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Saved {
    pub mode: Mode,
    pub settings: Settings,
    /// The counter PIN that takes staff back from the customer's screen,
    /// salted and hashed (see [`CounterPin`]); never sent to a web view.
    pub counter_pin: Option<CounterPin>,
}

impl Default for Saved {
    fn default() -> Self {
        Self {
            mode: Mode::None,
            settings: Settings::default(),
            counter_pin: None,
        }
    }
}

/// A counter PIN as kept in settings: a random salt and the SHA-256 of
/// salt and PIN. It guards a screen at the counter, not Ping: the point is
/// that the file does not show the PIN to whoever opens it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterPin {
    salt: String,
    hash: String,
}

impl std::fmt::Debug for CounterPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CounterPin(<redacted>)")
    }
}

/// PINs are 4 to 8 digits: typed on the customer screen's keypad.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

impl CounterPin {
    pub fn new(pin: &str) -> Self {
        let salt: [u8; 16] = rand::random();
        let salt = hex(&salt);
        Self {
            hash: digest(&salt, pin),
            salt,
        }
    }

    pub fn matches(&self, pin: &str) -> bool {
        let given = digest(&self.salt, pin);
        // Same length always; compare every byte so timing says nothing.
        given
            .bytes()
            .zip(self.hash.bytes())
            .fold(given.len() == self.hash.len(), |same, (a, b)| {
                same & (a == b)
            })
    }
}

fn digest(salt: &str, pin: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(pin.as_bytes());
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
            counter_pin: Some(CounterPin::new("2580")),
        };
        save(dir.path(), &saved).unwrap();
        assert_eq!(load(dir.path()), saved);
        let text = std::fs::read_to_string(path_in(dir.path())).unwrap();
        assert!(!text.contains("2580"), "the PIN is not in the file");
        std::fs::write(path_in(dir.path()), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Saved::default());
    }

    #[test]
    fn counter_pins_match_only_themselves() {
        let pin = CounterPin::new("2580");
        assert!(pin.matches("2580"));
        assert!(!pin.matches("2581"));
        assert!(!pin.matches(""));
        assert_ne!(CounterPin::new("2580"), pin, "salted");
        assert_eq!(format!("{pin:?}"), "CounterPin(<redacted>)");
        assert!(valid_pin("0000") && valid_pin("12345678"));
        assert!(!valid_pin("123") && !valid_pin("123456789") && !valid_pin("12a4"));
    }
}
