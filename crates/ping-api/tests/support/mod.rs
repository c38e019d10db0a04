//! Shared by the client's integration tests: a real sandbox on a random
//! loopback port, and the examples of Ping's reference as test vectors.
#![allow(dead_code)]

use chrono::NaiveDateTime;
use ping_api::{ApiKey, ClientConfig, PingClient, RetryPolicy};
use ping_sandbox::{RunningSandbox, SandboxConfig};
use serde_json::Value;
use std::time::Duration;

pub async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig::default()).await
}

pub async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    ping_sandbox::start(config).await.expect("sandbox starts")
}

pub fn key_of(sandbox: &RunningSandbox) -> ApiKey {
    ApiKey::parse(sandbox.api_key()).expect("sandbox key has Ping's format")
}

/// A client with quick retries so the tests stay fast.
pub fn client(sandbox: &RunningSandbox) -> PingClient {
    client_with(sandbox, ClientConfig::default())
}

pub fn client_with(sandbox: &RunningSandbox, mut config: ClientConfig) -> PingClient {
    config.retry = RetryPolicy {
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        ..config.retry
    };
    PingClient::with_config(&sandbox.base_url(), key_of(sandbox), config).expect("client builds")
}

/// One request/response example of Ping's reference.
#[derive(Debug, Clone)]
pub struct Example {
    pub method: String,
    /// Path and query as the example's curl command has them.
    pub path_and_query: String,
    /// The body after `-d`, exactly as in the reference.
    pub body: Option<Value>,
    pub response: Value,
}

impl Example {
    /// The path with the reference's ticket number swapped for a real one.
    pub fn path_for(&self, ticket_number: &str) -> String {
        self.path_and_query.replace("TKT-2026-00042", ticket_number)
    }
}

pub const REFERENCE: &str = include_str!("../../../../docs/ping-reference/tickets-api.txt");

/// Every example in Ping's Tickets reference, in the order it shows them.
pub fn examples() -> Vec<Example> {
    let mut examples = Vec::new();
    let mut rest = REFERENCE;
    while let Some(start) = rest.find("curl ") {
        let after_curl = &rest[start..];
        let response_at = after_curl
            .find("\nResponse\n")
            .expect("every curl example has a Response");
        let command = &after_curl[..response_at];
        let response_text = &after_curl[response_at + "\nResponse\n".len()..];
        let json_start = response_text.find('{').expect("response JSON");
        let response: Value = serde_json::Deserializer::from_str(&response_text[json_start..])
            .into_iter::<Value>()
            .next()
            .expect("a JSON value")
            .expect("the reference's response parses as JSON");

        let method = command
            .split("-X ")
            .nth(1)
            .map(|m| m.split_whitespace().next().unwrap_or("GET").to_owned())
            .unwrap_or_else(|| "GET".to_owned());
        let url = command
            .split_whitespace()
            .map(|w| w.trim_matches('"'))
            .find(|w| w.starts_with("https://"))
            .expect("an https URL");
        let path_and_query = url["https://api.ping.co.zw".len()..].to_owned();
        let body = command.find("-d '").map(|at| {
            let text = &command[at + 4..];
            let end = text.rfind('\'').expect("closing quote of -d");
            serde_json::from_str(&text[..end]).expect("the reference's body parses as JSON")
        });
        examples.push(Example {
            method,
            path_and_query,
            body,
            response,
        });
        rest = &response_text[json_start..];
    }
    examples
}

pub fn example(method: &str, path_suffix: &str) -> Example {
    examples()
        .into_iter()
        .find(|e| {
            e.method == method
                && e.path_and_query
                    .split('?')
                    .next()
                    .unwrap()
                    .ends_with(path_suffix)
        })
        .unwrap_or_else(|| panic!("no {method} …{path_suffix} example in the reference"))
}

/// Fields whose values differ run to run: checked for their format instead.
const VOLATILE: [&str; 4] = ["ticketNumber", "publicId", "dateCreated", "dateUpdated"];

/// Asserts that `actual` has every field the reference's `expected` shows,
/// with the same value, or for volatile fields a value of the same format.
pub fn assert_matches_reference(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(actual), Value::Object(expected)) => {
            for (key, want) in expected {
                let path = format!("{at}.{key}");
                let got = actual
                    .get(key)
                    .unwrap_or_else(|| panic!("{path} is missing; got {actual:?}"));
                if VOLATILE.contains(&key.as_str()) {
                    assert_same_format(key, got, want, &path);
                } else {
                    assert_matches_reference(got, want, &path);
                }
            }
        }
        (Value::Array(actual), Value::Array(expected)) => {
            assert_eq!(actual.len(), expected.len(), "{at}: list length");
            for (i, (got, want)) in actual.iter().zip(expected).enumerate() {
                assert_matches_reference(got, want, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}

fn assert_same_format(key: &str, got: &Value, want: &Value, path: &str) {
    let got = got
        .as_str()
        .unwrap_or_else(|| panic!("{path} is not a string: {got}"));
    let want = want.as_str().expect("reference values are strings");
    let ok = match key {
        "ticketNumber" => is_ticket_number(got),
        "publicId" if want.starts_with("TKT-") => is_ticket_public_id(got),
        "publicId" => is_uuid(got),
        _ => is_ping_timestamp(got),
    };
    assert!(ok, "{path}: {got:?} does not have the format of {want:?}");
}

pub fn is_ticket_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts[0] == "TKT"
        && parts[1].len() == 4
        && parts[1].bytes().all(|b| b.is_ascii_digit())
        && parts[2].len() == 5
        && parts[2].bytes().all(|b| b.is_ascii_digit())
}

pub fn is_ticket_public_id(text: &str) -> bool {
    text.strip_prefix("TKT-").is_some_and(|hex| {
        hex.len() == 8
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
    })
}

pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

pub fn is_ping_timestamp(text: &str) -> bool {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").is_ok() && text.len() == 19
}
