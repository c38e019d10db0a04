//! Store settings (not secret) and the counter PIN's hash: JSON in the
//! app's data directory, readable by the user only, written atomically.

use ping_api::PRODUCTION_BASE_URL;
use serde::{Deserialize, Serialize};
use serde_json::Value;
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
    /// The staff window's language (`en`, `sn`, `nd`, or the pseudo-locale
    /// `en-XA` that tests use to find words that are not translated).
    pub ui_language: String,
    /// The language of the customer's screen and slip when a ticket names
    /// none we have (`en`, `sn`, `nd`).
    pub customer_language: String,
}

/// The languages the customer's screen and slip speak (ui/locales/).
pub const CUSTOMER_LANGUAGES: [&str; 3] = ["en", "sn", "nd"];
/// The pseudo-locale (ui/lib/i18n.js): every word marked, for tests.
pub const PSEUDO_LANGUAGE: &str = "en-XA";

impl Settings {
    /// Refuses a language Ping Desk has no words for, naming the field.
    pub fn check_languages(&self) -> Result<(), String> {
        if !CUSTOMER_LANGUAGES.contains(&self.ui_language.as_str())
            && self.ui_language != PSEUDO_LANGUAGE
        {
            return Err(format!(
                "uiLanguage must be one of en, sn, nd (not {:?})",
                self.ui_language
            ));
        }
        if !CUSTOMER_LANGUAGES.contains(&self.customer_language.as_str()) {
            return Err(format!(
                "customerLanguage must be one of en, sn, nd (not {:?})",
                self.customer_language
            ));
        }
        Ok(())
    }
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
            ui_language: "en".to_owned(),
            customer_language: "en".to_owned(),
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
    /// hashed (see [`CounterPin`]); never sent to a web view.
    pub counter_pin: Option<CounterPin>,
    /// Wrong counter PINs and the lockout they earned: kept here so a
    /// restart does not wipe the count.
    pub pin_tries: PinTries,
}

impl Default for Saved {
    fn default() -> Self {
        Self {
            mode: Mode::None,
            settings: Settings::default(),
            counter_pin: None,
            pin_tries: PinTries::default(),
        }
    }
}

/// A counter PIN as kept in settings. It guards a screen at the counter,
/// not Ping; the hash keeps the file from showing the PIN to whoever opens
/// it, and being memory-hard makes trying every PIN against a copied file
/// slow.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CounterPin {
    /// Argon2id as a PHC string: its own random salt and the parameters.
    Argon2 { argon2: String },
    /// The earlier form, a hex salt and the SHA-256 of `salt:pin`: still
    /// taken, and replaced by [`CounterPin::Argon2`] on its first right entry.
    Sha256 { salt: String, hash: String },
    /// The settings holding the PIN were damaged: one may have been set, so
    /// nothing matches until staff set (or remove) it again.
    Unreadable { unreadable: bool },
}

impl std::fmt::Debug for CounterPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CounterPin(<redacted>)")
    }
}

/// What a typed PIN is, against the stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCheck {
    Right,
    Wrong,
    /// The stored PIN cannot be read: no PIN can be right.
    Unreadable,
}

/// PINs are 4 to 8 digits: typed on the customer screen's keypad.
pub fn valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Argon2id with 19 MiB of memory, 2 passes, 1 lane: OWASP's recommended
/// minimum. A counter PC (often 4 GB, two cores, the web views open) can
/// spare 19 MiB for a moment, and one lane leaves the other core to the
/// windows; a check takes tens of milliseconds in a release build.
fn argon2() -> argon2::Argon2<'static> {
    let params = argon2::Params::new(19 * 1024, 2, 1, None)
        .unwrap_or_else(|_| unreachable!("constant Argon2 parameters are valid"));
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

impl CounterPin {
    /// Hashes `pin` with Argon2id and a fresh random salt.
    pub fn new(pin: &str) -> Self {
        use argon2::password_hash::{PasswordHasher, SaltString};
        let salt: [u8; 16] = rand::random();
        let salt = SaltString::encode_b64(&salt)
            .unwrap_or_else(|_| unreachable!("16 bytes are a valid salt"));
        let phc = argon2()
            .hash_password(pin.as_bytes(), &salt)
            .unwrap_or_else(|_| unreachable!("hashing a short PIN with valid parameters"))
            .to_string();
        Self::Argon2 { argon2: phc }
    }

    /// Checks `pin` against the stored hash (in constant time for the
    /// hash's bytes). An Argon2 string that does not parse is unreadable.
    pub fn check(&self, pin: &str) -> PinCheck {
        match self {
            Self::Argon2 { argon2: phc } => {
                use argon2::password_hash::PasswordVerifier;
                let Some(hash) = argon2id_hash(phc) else {
                    return PinCheck::Unreadable;
                };
                match argon2().verify_password(pin.as_bytes(), &hash) {
                    Ok(()) => PinCheck::Right,
                    Err(argon2::password_hash::Error::Password) => PinCheck::Wrong,
                    Err(_) => PinCheck::Unreadable,
                }
            }
            Self::Sha256 { salt, hash } => {
                let given = sha256_digest(salt, pin);
                // Same length always; compare every byte so timing says nothing.
                let same = given
                    .bytes()
                    .zip(hash.bytes())
                    .fold(given.len() == hash.len(), |same, (a, b)| same & (a == b));
                if same {
                    PinCheck::Right
                } else {
                    PinCheck::Wrong
                }
            }
            Self::Unreadable { .. } => PinCheck::Unreadable,
        }
    }

    /// False when no typed PIN can match (the settings were damaged).
    pub fn is_readable(&self) -> bool {
        match self {
            Self::Argon2 { argon2: phc } => argon2id_hash(phc).is_some(),
            Self::Sha256 { .. } => true,
            Self::Unreadable { .. } => false,
        }
    }

    /// True for the earlier SHA-256 form, which is re-hashed when it is
    /// next typed right.
    pub fn needs_rehash(&self) -> bool {
        matches!(self, Self::Sha256 { .. })
    }
}

/// A stored Argon2id PHC string with its hash, else `None`.
fn argon2id_hash(phc: &str) -> Option<argon2::password_hash::PasswordHash<'_>> {
    argon2::password_hash::PasswordHash::new(phc)
        .ok()
        .filter(|hash| hash.algorithm == argon2::Algorithm::Argon2id.ident() && hash.hash.is_some())
}

fn sha256_digest(salt: &str, pin: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(pin.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Wrong PINs allowed before the customer's screen makes people wait.
pub const FREE_PIN_TRIES: u32 = 5;
/// The first wait; each further wrong PIN doubles it, up to the longest.
const FIRST_LOCKOUT_MS: i64 = 30_000;
const LONGEST_LOCKOUT_MS: i64 = 60 * 60_000;

/// Wrong counter PINs since the last right one, and until when (Unix ms,
/// the wall clock, since it must hold across a restart) no PIN is taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PinTries {
    pub wrong: u32,
    pub locked_until: Option<i64>,
}

impl PinTries {
    /// The wait `wrong` wrong PINs earn: none for the first few, then 30 s,
    /// doubling with each further one, at most an hour.
    fn lockout_ms(wrong: u32) -> i64 {
        match wrong.checked_sub(FREE_PIN_TRIES) {
            None => 0,
            Some(extra) => FIRST_LOCKOUT_MS
                .saturating_mul(1_i64 << extra.min(20))
                .min(LONGEST_LOCKOUT_MS),
        }
    }

    /// How long until a PIN is taken again at `now` (ms), or `None` when one
    /// is. A lockout that ends further off than the wait it was given (the
    /// clock was set back) is brought back to that wait from now, so no
    /// clock change locks the screen for longer than the longest lockout.
    pub fn locked_for(&mut self, now: i64) -> Option<std::time::Duration> {
        let until = self.locked_until?;
        let longest = Self::lockout_ms(self.wrong.max(FREE_PIN_TRIES));
        let until = until.min(now.saturating_add(longest));
        self.locked_until = Some(until);
        let left = until.saturating_sub(now);
        (left > 0).then(|| std::time::Duration::from_millis(left.unsigned_abs()))
    }

    /// Counts a wrong PIN at `now`; from the fifth on, the screen waits.
    pub fn record_wrong(&mut self, now: i64) {
        self.wrong = self.wrong.saturating_add(1);
        let wait = Self::lockout_ms(self.wrong);
        self.locked_until = (wait > 0).then(|| now.saturating_add(wait));
    }
}

/// The wait as the customer's screen says it: "30 seconds", "4 minutes".
pub fn wait_in_words(wait: std::time::Duration) -> String {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    match seconds {
        0..=1 => "1 second".to_owned(),
        2..=59 => format!("{seconds} seconds"),
        _ => match seconds.div_ceil(60) {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes} minutes"),
        },
    }
}

pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.json")
}

/// Reads saved settings. A missing file gives the defaults. A damaged one
/// is kept aside (renamed with the time, never deleted) and what can still
/// be read of it is kept; the counter PIN is never dropped silently: when
/// the file cannot say whether one was set, the PIN is marked unreadable
/// (the customer's screen then cannot hand back to staff until staff set it
/// again), and that is saved at once, so a restart does not forget it.
pub fn load(data_dir: &Path) -> Saved {
    let path = path_in(data_dir);
    let problem = match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<Saved>(&bytes) {
            Ok(saved) => return saved,
            Err(err) => (
                err.to_string(),
                serde_json::from_slice::<Value>(&bytes).ok(),
            ),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Saved::default(),
        Err(err) => (err.to_string(), None),
    };
    let (error, readable) = problem;
    let saved = salvage(readable.as_ref());
    match keep_aside(&path) {
        Ok(kept) => {
            tracing::warn!(error = %error, kept = %kept.display(), "settings damaged; kept aside");
            if let Err(err) = save(data_dir, &saved) {
                tracing::warn!(error = %err, "could not save the settings read from a damaged file");
            }
        }
        // The file stays where it is; nothing overwrites it this run.
        Err(err) => {
            tracing::warn!(error = %error, keep_error = %err, "settings damaged and could not be kept aside")
        }
    }
    saved
}

/// What can be read of damaged settings: each part that still parses. The
/// PIN is dropped only when the file, read as JSON, plainly has none.
fn salvage(value: Option<&Value>) -> Saved {
    fn part<T: serde::de::DeserializeOwned>(value: Option<&Value>, name: &str) -> Option<T> {
        serde_json::from_value(value?.get(name)?.clone()).ok()
    }
    let plainly_no_pin = value.is_some_and(|value| {
        value.is_object() && value.get("counterPin").is_none_or(Value::is_null)
    });
    Saved {
        mode: part(value, "mode").unwrap_or(Mode::None),
        settings: part(value, "settings").unwrap_or_default(),
        counter_pin: if plainly_no_pin {
            None
        } else {
            Some(part(value, "counterPin").unwrap_or(CounterPin::Unreadable { unreadable: true }))
        },
        pin_tries: part(value, "pinTries").unwrap_or_default(),
    }
}

/// Renames a damaged settings file to `settings.json.damaged-<UTC time>`.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut kept = path.with_file_name(format!("{name}.damaged-{stamp}"));
    let mut n = 1;
    while kept.exists() {
        n += 1;
        kept = path.with_file_name(format!("{name}.damaged-{stamp}-{n}"));
    }
    std::fs::rename(path, &kept)?;
    Ok(kept)
}

/// Writes settings atomically: a temp file beside them (readable by the
/// user only), written and synced, renamed over the old file, and the
/// directory synced so the rename itself survives a power cut.
pub fn save(data_dir: &Path, saved: &Saved) -> std::io::Result<()> {
    create_private_dir(data_dir)?;
    let path = path_in(data_dir);
    let tmp = data_dir.join("settings.json.tmp");
    desk_core::write_private(&tmp, &serde_json::to_vec_pretty(saved)?)?;
    std::fs::rename(&tmp, &path)?;
    sync_dir(data_dir)
}

/// Creates `dir` (and missing parents) readable by the user only. On
/// Windows the per-user app-data folder's inherited ACL already keeps
/// other users out.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Windows cannot open a directory to sync it; NTFS journals the rename.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved_with_pin(pin: CounterPin) -> Saved {
        Saved {
            mode: Mode::Demo,
            settings: Settings {
                store_region: "Harare CBD".into(),
                staff_name: "Rudo".into(),
                ..Settings::default()
            },
            counter_pin: Some(pin),
            pin_tries: PinTries::default(),
        }
    }

    fn damaged_copies(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.to_string_lossy().contains("settings.json.damaged-"))
            .collect()
    }

    #[test]
    fn round_trips_with_an_argon2_pin_and_nothing_of_the_pin_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Saved::default());
        let saved = saved_with_pin(CounterPin::new("2580"));
        save(dir.path(), &saved).unwrap();
        assert_eq!(load(dir.path()), saved);
        let text = std::fs::read_to_string(path_in(dir.path())).unwrap();
        assert!(!text.contains("2580"), "the PIN is not in the file");
        assert!(
            text.contains("\"argon2\": \"$argon2id$v=19$m=19456,t=2,p=1$"),
            "{text}"
        );
        assert!(
            !text.contains("\"hash\"") && !text.contains("\"salt\""),
            "{text}"
        );
        assert!(!dir.path().join("settings.json.tmp").exists());
    }

    #[test]
    fn a_file_that_is_not_json_is_kept_aside_and_the_pin_fails_closed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            path_in(dir.path()),
            b"{\"mode\": \"demo\", \"counterPin\": {\"argo",
        )
        .unwrap();
        let saved = load(dir.path());
        let pin = saved.counter_pin.clone().expect("the PIN is not dropped");
        assert!(!pin.is_readable());
        assert_eq!(pin.check("2580"), PinCheck::Unreadable);
        let kept = damaged_copies(dir.path());
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(
            std::fs::read(&kept[0]).unwrap(),
            b"{\"mode\": \"demo\", \"counterPin\": {\"argo"
        );
        // Saved at once: a restart still knows the PIN is unreadable.
        assert_eq!(load(dir.path()), saved);
        // Damaged again: a second copy is kept, not written over the first.
        std::fs::write(path_in(dir.path()), b"\xff").unwrap();
        assert!(load(dir.path()).counter_pin.is_some());
        assert_eq!(damaged_copies(dir.path()).len(), 2);
    }

    #[test]
    fn what_still_reads_in_a_damaged_file_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let pin = CounterPin::new("2580");
        let mut value = serde_json::to_value(saved_with_pin(pin.clone())).unwrap();
        value["settings"] = json_text("not an object");
        std::fs::write(path_in(dir.path()), value.to_string()).unwrap();
        let saved = load(dir.path());
        assert_eq!(saved.mode, Mode::Demo);
        assert_eq!(saved.settings, Settings::default());
        assert_eq!(saved.counter_pin, Some(pin), "the PIN itself still reads");

        // A PIN entry of an unknown shape is unreadable, not absent.
        value["counterPin"] = json_text("2580");
        std::fs::write(path_in(dir.path()), value.to_string()).unwrap();
        assert!(!load(dir.path()).counter_pin.unwrap().is_readable());
        // A file that plainly has no PIN has none.
        value["counterPin"] = Value::Null;
        std::fs::write(path_in(dir.path()), value.to_string()).unwrap();
        assert_eq!(load(dir.path()).counter_pin, None);
    }

    fn json_text(text: &str) -> Value {
        Value::String(text.to_owned())
    }

    #[cfg(unix)]
    #[test]
    fn settings_and_a_new_data_dir_are_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("fresh").join("data");
        save(&dir, &Saved::default()).unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path_in(&dir)), 0o600);
        assert_eq!(mode(&dir), 0o700);
        // A leftover temp file from a crash does not lend its mode.
        std::fs::write(dir.join("settings.json.tmp"), b"x").unwrap();
        std::fs::set_permissions(
            dir.join("settings.json.tmp"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        save(&dir, &Saved::default()).unwrap();
        assert_eq!(mode(&path_in(&dir)), 0o600);
    }

    #[test]
    fn counter_pins_match_only_themselves() {
        let pin = CounterPin::new("2580");
        assert_eq!(pin.check("2580"), PinCheck::Right);
        assert_eq!(pin.check("2581"), PinCheck::Wrong);
        assert_eq!(pin.check(""), PinCheck::Wrong);
        assert_ne!(CounterPin::new("2580"), pin, "salted");
        assert_eq!(format!("{pin:?}"), "CounterPin(<redacted>)");
        assert!(valid_pin("0000") && valid_pin("12345678"));
        assert!(!valid_pin("123") && !valid_pin("123456789") && !valid_pin("12a4"));
        for mangled in [
            "$argon2id$v=19$nonsense",
            "not a PHC string",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0",
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        ] {
            let mangled = CounterPin::Argon2 {
                argon2: mangled.into(),
            };
            assert!(!mangled.is_readable(), "{mangled:?}");
            assert_eq!(mangled.check("2580"), PinCheck::Unreadable);
        }
    }

    #[test]
    fn the_earlier_sha256_form_still_matches_and_asks_to_be_rehashed() {
        let salt = "00112233445566778899aabbccddeeff".to_owned();
        let legacy: CounterPin = serde_json::from_value(serde_json::json!({
            "salt": salt, "hash": sha256_digest(&salt, "2580")
        }))
        .unwrap();
        assert!(legacy.needs_rehash());
        assert_eq!(legacy.check("2580"), PinCheck::Right);
        assert_eq!(legacy.check("2581"), PinCheck::Wrong);
        assert!(!CounterPin::new("2580").needs_rehash());
    }

    #[test]
    fn wrong_pins_lock_out_for_longer_each_time_up_to_an_hour() {
        let mut tries = PinTries::default();
        let mut now = 1_000_000_i64;
        for _ in 0..4 {
            tries.record_wrong(now);
            assert_eq!(tries.locked_for(now), None);
        }
        let mut waits = Vec::new();
        for _ in 0..10 {
            tries.record_wrong(now);
            let wait = tries.locked_for(now).expect("locked");
            waits.push(wait.as_secs());
            assert!(tries
                .locked_for(now + wait.as_millis() as i64 - 1)
                .is_some());
            now += wait.as_millis() as i64;
            assert_eq!(tries.locked_for(now), None, "the lockout ends");
        }
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    }

    #[test]
    fn a_clock_set_back_never_locks_for_longer_than_the_lockout() {
        let mut tries = PinTries::default();
        let now = 10_000_000_000_i64;
        for _ in 0..5 {
            tries.record_wrong(now);
        }
        // The clock goes back a day: still 30 s at most, from now.
        let earlier = now - 86_400_000;
        assert_eq!(tries.locked_for(earlier).unwrap().as_secs(), 30);
        assert_eq!(tries.locked_for(earlier + 30_000), None);
        // A lockout end written far in the future (a clock that was ahead).
        let mut tries = PinTries {
            wrong: 40,
            locked_until: Some(i64::MAX),
        };
        assert_eq!(tries.locked_for(now).unwrap().as_secs(), 3600);
    }

    #[test]
    fn waits_are_said_in_seconds_or_minutes() {
        use std::time::Duration;
        assert_eq!(wait_in_words(Duration::from_millis(200)), "1 second");
        assert_eq!(wait_in_words(Duration::from_millis(29_001)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::from_secs(3600)), "60 minutes");
    }
}
