//! Shared helpers: start a sandbox and talk to it over real HTTP on loopback.
#![allow(dead_code)]

use ping_sandbox::{RunningSandbox, SandboxConfig};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub struct Api {
    pub sb: RunningSandbox,
    pub client: reqwest::Client,
}

pub fn client() -> reqwest::Client {
    // reqwest comes without a TLS provider of its own (ping-api gives its
    // client one); even a plain-http client needs one to be built.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // no_proxy: an HTTP(S)_PROXY in the environment must not intercept loopback.
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("build reqwest client")
}

impl Api {
    pub async fn start(config: SandboxConfig) -> Self {
        let sb = ping_sandbox::start(config).await.expect("sandbox starts");
        Self {
            sb,
            client: client(),
        }
    }

    pub async fn new() -> Self {
        Self::start(SandboxConfig::default()).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sb.base_url(), path)
    }

    /// Sends with the sandbox's key; `body` is serialised JSON when given.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        self.send_with_key(method, path, Some(self.sb.api_key()), body)
            .await
            .expect("request succeeds at transport level")
    }

    pub async fn send_with_key(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> reqwest::Result<reqwest::Response> {
        let mut req = self.client.request(method, self.url(path));
        if let Some(k) = key {
            req = req.header("X-Ping-Api-Key", k);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        json_of(self.send(method, path, body).await).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// Creates a minimal ticket (plus `extra` fields) and returns its number.
    pub async fn create(&self, extra: Value) -> String {
        let mut body = json!({"subject": "Router fault", "description": "Router keeps rebooting"});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        let (status, v) = self.post("/v1/api/tickets", body).await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        v["ticket"]["ticketNumber"]
            .as_str()
            .expect("ticketNumber")
            .to_owned()
    }
}

pub async fn json_of(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = resp.text().await.expect("body");
    assert!(
        ct.starts_with("application/json"),
        "content-type {ct}: {text}"
    );
    let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, v)
}

/// Asserts Ping's error envelope with `code` (and `error_info` when given).
pub fn assert_error(
    status: StatusCode,
    v: &Value,
    want_status: u16,
    code: &str,
    info: Option<&str>,
) {
    assert_eq!(status.as_u16(), want_status, "{v}");
    assert_eq!(v["result"], "failed", "{v}");
    assert_eq!(v["code"], code, "{v}");
    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    if let Some(info) = info {
        assert_eq!(v["error_info"], info, "{v}");
    }
    let obj = v.as_object().expect("object");
    for k in obj.keys() {
        assert!(
            ["result", "message", "code", "error_info"].contains(&k.as_str()),
            "unexpected key {k} in {v}"
        );
    }
}

pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

pub fn sorted(list: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    k.sort();
    k
}

pub fn is_timestamp(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").is_ok() && s.len() == 19
    })
}

pub fn year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

pub fn ticket_number(seq: u32) -> String {
    format!("TKT-{}-{seq:05}", year())
}

/// The create request from Ping's reference, verbatim (its emails read
/// "[email protected]", as published).
pub fn reference_create_body() -> Value {
    json!({
        "subject": "Cannot connect to Starlink",
        "description": "Customer reports intermittent connectivity since yesterday",
        "channel": "phone",
        "country": "Zimbabwe",
        "store_region": "Harare",
        "category": "technical",
        "priority": "high",
        "customer_first_name": "Tendai",
        "customer_last_name": "Moyo",
        "customer_phone": "+263775550142",
        "customer_email": "[email protected]",
        "custom_fields": {
            "starlink_account_email": "[email protected]",
            "customer_type": "SPT Retail"
        }
    })
}
