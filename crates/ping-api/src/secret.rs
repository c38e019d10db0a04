//! The API key as a secret type.
//!
//! `ApiKey` prints `<redacted>` in Debug and Display, implements neither
//! `Serialize` nor `Clone`-to-string helpers, and wipes its bytes on drop, so it
//! cannot slip into a log line, an error text or a response for the web view.

use std::fmt;
use zeroize::Zeroizing;

/// The four key prefixes Ping documents.
const PREFIXES: [&str; 4] = ["pk_live_", "pk_test_", "sk_live_", "sk_test_"];
/// Ping's keys carry 32 characters after the prefix.
const KEY_BODY_LEN: usize = 32;

/// Why a string is not accepted as a Ping API key. The text never contains the
/// key itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyFormatError {
    #[error("the API key is empty")]
    Empty,
    #[error("a Ping API key starts with pk_live_, pk_test_, sk_live_ or sk_test_")]
    UnknownPrefix,
    #[error("a Ping API key has 32 letters or digits after its prefix (this one has {0})")]
    WrongLength(usize),
    #[error("a Ping API key has only letters and digits after its prefix")]
    BadCharacter,
}

/// A Ping API key. Construct with [`ApiKey::parse`].
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Zeroizing<String>);

impl ApiKey {
    /// Checks the documented format (`pk_test_` and 32 letters or digits);
    /// surrounding whitespace, as pasted from a web page, is trimmed.
    pub fn parse(raw: &str) -> Result<Self, KeyFormatError> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(KeyFormatError::Empty);
        }
        let prefix = PREFIXES
            .iter()
            .find(|p| key.starts_with(*p))
            .ok_or(KeyFormatError::UnknownPrefix)?;
        let body = &key[prefix.len()..];
        if !body.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(KeyFormatError::BadCharacter);
        }
        if body.len() != KEY_BODY_LEN {
            return Err(KeyFormatError::WrongLength(body.len()));
        }
        Ok(Self(Zeroizing::new(key.to_owned())))
    }

    /// True for `pk_test_` / `sk_test_` keys (Ping's development keys).
    pub fn is_test_key(&self) -> bool {
        self.0.starts_with("pk_test_") || self.0.starts_with("sk_test_")
    }

    /// The key's text, for the two places that need it: the request header and
    /// the OS keychain. Never format it into a message.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "pk_test_abcdefghijklmnopqrstuvwxyz012345";

    #[test]
    fn accepts_documented_formats_and_trims() {
        for prefix in PREFIXES {
            let raw = format!("  {prefix}{}\n", &GOOD[8..]);
            let key = ApiKey::parse(&raw).expect("valid key");
            assert_eq!(key.expose_secret(), raw.trim());
        }
        assert!(ApiKey::parse(GOOD).unwrap().is_test_key());
    }

    #[test]
    fn rejects_malformed_keys_without_echoing_them() {
        let cases = [
            ("", KeyFormatError::Empty),
            (
                "xk_test_abcdefghijklmnopqrstuvwxyz012345",
                KeyFormatError::UnknownPrefix,
            ),
            ("pk_test_short", KeyFormatError::WrongLength(5)),
            (
                "pk_test_abcdefghijklmnopqrstuvwxyz01234!",
                KeyFormatError::BadCharacter,
            ),
        ];
        for (raw, expected) in cases {
            let err = ApiKey::parse(raw).unwrap_err();
            assert_eq!(err, expected);
            if !raw.is_empty() {
                assert!(!err.to_string().contains(raw));
            }
        }
    }

    #[test]
    fn debug_and_display_are_redacted() {
        let key = ApiKey::parse(GOOD).unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(format!("{key}"), "<redacted>");
        assert!(!format!("{:?}", Some(&key)).contains("abcdef"));
    }
}
