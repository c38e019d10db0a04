//! The Ping API key in the OS keychain (macOS Keychain, Windows Credential
//! Manager, the Secret Service on Linux). There is no file fallback: where no
//! keychain is available the app says so and how to fix it.
//!
//! The key is filed together with the Ping address it was checked against,
//! and is only ever handed out for that address: whoever changes the address
//! (in Settings or in settings.json) finds no key there and must type it
//! again, through the connect flow and its test call.

use ping_api::ApiKey;

/// Where the key is filed in the keychain.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
    account: String,
}

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// No keychain service to talk to (typically Linux without a running
    /// Secret Service such as GNOME Keyring or KWallet).
    #[error("{0}")]
    Unavailable(String),
    /// The stored value is not a valid key (e.g. edited by hand).
    #[error("the key stored in the keychain is not a valid Ping API key; connect again")]
    Corrupt,
}

impl Default for Keychain {
    fn default() -> Self {
        Self::new("zw.co.ping.desk", "ping-api-key")
    }
}

impl Keychain {
    pub fn new(service: impl Into<String>, account: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            account: account.into(),
        }
    }

    fn entry(&self) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, &self.account).map_err(unavailable)
    }

    /// The stored key, if one is filed for exactly `base_url`.
    pub fn load(&self, base_url: &str) -> Result<Option<ApiKey>, KeychainError> {
        let text = match self.entry()?.get_password() {
            Ok(text) => text,
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(err) => return Err(unavailable(err)),
        };
        // `<address>\n<key>`; a value without an address (or with another
        // one) is no key for this address.
        let Some((bound_to, key)) = text.split_once('\n') else {
            return Ok(None);
        };
        if bound_to != base_url {
            return Ok(None);
        }
        ApiKey::parse(key)
            .map(Some)
            .map_err(|_| KeychainError::Corrupt)
    }

    /// Files `key` for `base_url`, replacing any key filed before (one desk,
    /// one Ping account).
    pub fn store(&self, base_url: &str, key: &ApiKey) -> Result<(), KeychainError> {
        self.entry()?
            .set_password(&format!("{base_url}\n{}", key.expose_secret()))
            .map_err(unavailable)
    }

    /// Removes the key; removing a key that is not there is not an error.
    pub fn delete(&self) -> Result<(), KeychainError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(unavailable(err)),
        }
    }

    /// Whether a keychain answers at all (reading a missing entry is fine).
    pub fn check(&self) -> Result<(), KeychainError> {
        match self.entry()?.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) | Err(keyring::Error::BadEncoding(_)) => Ok(()),
            Err(err) => Err(unavailable(err)),
        }
    }
}

/// keyring's errors never contain the secret; still, only the kind of
/// failure and how to fix it reach the message.
fn unavailable(err: keyring::Error) -> KeychainError {
    let fix = if cfg!(target_os = "linux") {
        "Ping Desk keeps the API key in the system keychain and found none it can use. \
         Install and unlock a Secret Service (GNOME Keyring: `sudo apt install gnome-keyring`, \
         or KWallet), sign in to a desktop session, then try again."
    } else {
        "Ping Desk keeps the API key in the system keychain and could not use it. \
         Unlock the keychain and try again."
    };
    let kind = match err {
        keyring::Error::PlatformFailure(_) => "the keychain service failed",
        keyring::Error::NoStorageAccess(_) => "the keychain could not be opened",
        keyring::Error::TooLong(..) | keyring::Error::Invalid(..) => {
            "the keychain refused the entry"
        }
        _ => "the keychain answered with an error",
    };
    KeychainError::Unavailable(format!("{fix} ({kind})"))
}
