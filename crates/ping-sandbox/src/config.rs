//! Sandbox configuration.

use std::net::{Ipv4Addr, SocketAddr};

use rand::distr::Alphanumeric;
use rand::Rng;

use crate::rate_limit::RateLimit;
use crate::store::Database;

/// An API key the sandbox accepts, and whether it carries the `tickets` permission.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKeyGrant {
    pub key: String,
    pub tickets_permission: bool,
}

impl ApiKeyGrant {
    /// A key with the tickets permission.
    pub fn with_tickets(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            tickets_permission: true,
        }
    }

    /// A valid key lacking the tickets permission (answers 403).
    pub fn without_tickets(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            tickets_permission: false,
        }
    }
}

// Keys are secrets: Debug shows only their prefix.
impl std::fmt::Debug for ApiKeyGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix: String = self.key.chars().take(8).collect();
        f.debug_struct("ApiKeyGrant")
            .field("key", &format_args!("{prefix}…"))
            .field("tickets_permission", &self.tickets_permission)
            .finish()
    }
}

/// How to run a sandbox. See the crate docs for behaviour.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Listen address; default `127.0.0.1:0` (a random free port).
    pub bind: SocketAddr,
    /// Allow a non-loopback `bind` (default false: `start` refuses it).
    pub allow_non_loopback: bool,
    /// Where data lives; default in memory.
    pub database: Database,
    /// Accepted keys; default one random `pk_test_` key with the tickets permission.
    pub api_keys: Vec<ApiKeyGrant>,
    /// Seed demo data when the database has no tickets.
    pub demo_data: bool,
    /// Optional fixed-window limit per key.
    pub rate_limit: Option<RateLimit>,
    /// Expose the `/_sandbox` control endpoints.
    pub control_api: bool,
    /// Answer `409 DUPLICATE_EXTERNAL_ID` to a create whose non-empty
    /// `external_ticket_id` already exists (Ping does not document this).
    pub reject_duplicate_external_id: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            allow_non_loopback: false,
            database: Database::InMemory,
            api_keys: vec![ApiKeyGrant::with_tickets(generate_test_key())],
            demo_data: false,
            rate_limit: None,
            control_api: false,
            reject_duplicate_external_id: false,
        }
    }
}

/// A fresh test key: `pk_test_` followed by 32 random alphanumerics.
pub fn generate_test_key() -> String {
    let tail: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(32)
        .map(char::from)
        .collect();
    format!("pk_test_{tail}")
}

/// Whether `key` has the shape of a Ping key:
/// `pk_test_|pk_live_|sk_test_|sk_live_` followed by 32 ASCII alphanumerics.
pub fn is_valid_key_format(key: &str) -> bool {
    ["pk_test_", "pk_live_", "sk_test_", "sk_live_"]
        .iter()
        .filter_map(|p| key.strip_prefix(p))
        .any(|tail| tail.len() == 32 && tail.bytes().all(|b| b.is_ascii_alphanumeric()))
}
