//! Start/stop, persistence across restarts, loopback policy, demo data, the binary.

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use ping_sandbox::{Database, SandboxConfig, SandboxError};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn file_database_survives_restart_on_same_port() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.sqlite");
    let key = ping_sandbox::generate_test_key();
    let config = |bind: SocketAddr| SandboxConfig {
        bind,
        database: Database::File(db.clone()),
        api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key.clone())],
        ..Default::default()
    };

    let api = Api::start(config("127.0.0.1:0".parse().unwrap())).await;
    let addr = api.sb.addr();
    let url = api.sb.base_url();
    assert_eq!(url, format!("http://127.0.0.1:{}", addr.port()));
    let first = api.create(json!({"subject": "before restart"})).await;
    api.create(json!({})).await;
    api.post(
        &format!("/v1/api/tickets/{first}/comments"),
        json!({"content": "kept"}),
    )
    .await;
    // A keep-alive connection open at shutdown must be closed by it.
    let mut idle = std::net::TcpStream::connect(addr).unwrap();
    let Api { sb, client } = api;
    sb.shutdown().await;

    // Port released and the idle connection closed.
    idle.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut buf = [0u8; 1];
    match idle.read(&mut buf) {
        Ok(0) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        other => panic!("idle connection still open after shutdown: {other:?}"),
    }
    assert!(client
        .get(format!("{url}/v1/api/tickets"))
        .send()
        .await
        .is_err());

    let api = Api::start(config(addr)).await;
    assert_eq!(api.sb.addr(), addr);
    assert_eq!(api.sb.ticket_count(), 2);
    assert_eq!(api.sb.comment_count(), 1);
    let (s, v) = api.get(&format!("/v1/api/tickets/{first}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["ticket"]["subject"], "before restart");
    // Numbering continues.
    assert_eq!(api.create(json!({})).await, ticket_number(3));
    api.sb.shutdown().await;
}

#[tokio::test]
async fn non_loopback_bind_is_refused_unless_allowed() {
    let err = ping_sandbox::start(SandboxConfig {
        bind: "0.0.0.0:0".parse().unwrap(),
        ..Default::default()
    })
    .await
    .expect_err("must refuse");
    assert!(matches!(err, SandboxError::NonLoopbackBind(_)), "{err}");
    assert!(err.to_string().contains("allow_non_loopback"));

    let sb = ping_sandbox::start(SandboxConfig {
        bind: "0.0.0.0:0".parse().unwrap(),
        allow_non_loopback: true,
        ..Default::default()
    })
    .await
    .expect("allowed");
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    let r = client()
        .get(format!("{}/v1/api/tickets", sb.base_url()))
        .header("X-Ping-Api-Key", sb.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    sb.shutdown().await;

    let err = ping_sandbox::start(SandboxConfig {
        api_keys: vec![],
        ..Default::default()
    })
    .await
    .expect_err("no keys");
    assert!(matches!(err, SandboxError::InvalidConfig(_)));
}

#[tokio::test]
async fn default_config_and_keys() {
    let key = ping_sandbox::generate_test_key();
    assert!(ping_sandbox::is_valid_key_format(&key), "{key}");
    assert_eq!(key.len(), "pk_test_".len() + 32);
    assert_ne!(key, ping_sandbox::generate_test_key());
    let config = SandboxConfig::default();
    assert_eq!(config.bind, "127.0.0.1:0".parse().unwrap());
    assert!(!config.allow_non_loopback && !config.control_api && !config.demo_data);
    assert_eq!(config.database, Database::InMemory);
    assert_eq!(config.api_keys.len(), 1);
    assert!(config.api_keys[0].tickets_permission);
    assert!(config.api_keys[0].key.starts_with("pk_test_"));
    // Debug never shows the whole key.
    assert!(!format!("{config:?}").contains(&config.api_keys[0].key));
    for bad in [
        "pk_test_short",
        "xx_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "pk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
    ] {
        assert!(!ping_sandbox::is_valid_key_format(bad));
    }
}

#[tokio::test]
async fn demo_data_is_present_and_varied() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    let config = || SandboxConfig {
        demo_data: true,
        database: Database::File(db.clone()),
        ..Default::default()
    };
    let api = Api::start(config()).await;
    let count = api.sb.ticket_count();
    assert!((30..=40).contains(&count), "{count}");
    assert!(api.sb.comment_count() >= 20);

    let (s, v) = api.get("/v1/api/tickets?per_page=100").await;
    assert_eq!(s, StatusCode::OK);
    let items = v["tickets"].as_array().unwrap();
    assert_eq!(items.len(), count);
    // Newest first and numbered from 00001 in creation order.
    let last = &items[count - 1];
    assert!(
        last["ticketNumber"].as_str().unwrap().ends_with("-00001"),
        "{last}"
    );
    let mut statuses = HashSet::new();
    let mut priorities = HashSet::new();
    let mut channels = Vec::new();
    let mut regions = HashSet::new();
    let mut starlink = 0;
    let mut internal_comments = 0;
    let mut customer_comments = 0;
    let mut created: Vec<String> = Vec::new();
    for item in items {
        let n = item["ticketNumber"].as_str().unwrap();
        let (_, t) = api.get(&format!("/v1/api/tickets/{n}")).await;
        let t = &t["ticket"];
        statuses.insert(t["status"].as_str().unwrap().to_owned());
        priorities.insert(t["priority"].as_str().unwrap().to_owned());
        channels.push(t["channel"].as_str().unwrap().to_owned());
        regions.insert(t["storeRegion"].as_str().unwrap().to_owned());
        assert_eq!(t["country"], "Zimbabwe");
        assert!(t["customerPhone"].as_str().unwrap().starts_with("+2637"));
        assert!(is_timestamp(&t["dateCreated"]) && is_timestamp(&t["dateUpdated"]));
        assert!(t["dateUpdated"].as_str() >= t["dateCreated"].as_str());
        if t["customFields"].get("starlink_account_email").is_some() {
            starlink += 1;
            assert!(t["customFields"]["customer_type"].is_string());
        }
        if matches!(t["status"].as_str(), Some("resolved" | "closed")) {
            assert!(t["resolutionNotes"].is_string(), "{t}");
        }
        created.push(t["dateCreated"].as_str().unwrap().to_owned());
        let (_, c) = api.get(&format!("/v1/api/tickets/{n}/comments")).await;
        for c in c["comments"].as_array().unwrap() {
            internal_comments += usize::from(c["isInternal"] == true);
            customer_comments += usize::from(c["authorType"] == "customer");
            assert!(c["dateCreated"].as_str() >= t["dateCreated"].as_str());
        }
    }
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert_eq!(priorities.len(), 4, "{priorities:?}");
    let distinct: HashSet<&String> = channels.iter().collect();
    assert_eq!(distinct.len(), 8, "{distinct:?}");
    let in_store = channels.iter().filter(|c| *c == "in_store").count();
    assert!(in_store * 2 > channels.len(), "mostly in_store: {in_store}");
    for r in [
        "Harare CBD",
        "Borrowdale",
        "Bulawayo",
        "Mutare",
        "Gweru",
        "Masvingo",
    ] {
        assert!(regions.contains(r), "{r}");
    }
    assert!(starlink >= 3);
    assert!(internal_comments > 0 && customer_comments > 0);
    let mut sorted_desc = created.clone();
    sorted_desc.sort_by(|a, b| b.cmp(a));
    assert_eq!(created, sorted_desc);
    let newest = chrono::NaiveDateTime::parse_from_str(&created[0], "%Y-%m-%dT%H:%M:%S").unwrap();
    let oldest =
        chrono::NaiveDateTime::parse_from_str(created.last().unwrap(), "%Y-%m-%dT%H:%M:%S")
            .unwrap();
    let now = chrono::Utc::now().naive_utc();
    assert!(now - newest < chrono::Duration::hours(12));
    assert!(now - oldest > chrono::Duration::days(25) && now - oldest < chrono::Duration::days(32));

    // A search a trainer would try.
    let (_, v) = api.get("/v1/api/tickets?search=starlink").await;
    assert!(v["pagination"]["total"].as_u64().unwrap() >= 3);

    // Not seeded twice into a non-empty database.
    api.sb.shutdown().await;
    let api = Api::start(config()).await;
    assert_eq!(api.sb.ticket_count(), count);
    // New tickets continue after the demo numbers.
    let n = api.create(json!({})).await;
    assert!(n.ends_with(&format!("{:05}", count + 1)), "{n}");
}

fn sandbox_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ping-sandbox"))
}

#[tokio::test]
async fn binary_prints_url_and_key_then_serves() {
    let mut child = sandbox_bin()
        .args(["--demo", "--control"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url_line = lines.next().unwrap().unwrap();
    let key_line = lines.next().unwrap().unwrap();
    let url = url_line
        .strip_prefix("PING_SANDBOX_URL=")
        .expect(&url_line)
        .to_owned();
    let key = key_line
        .strip_prefix("PING_SANDBOX_API_KEY=")
        .expect(&key_line)
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(ping_sandbox::is_valid_key_format(&key));
    let r = client()
        .get(format!("{url}/v1/api/tickets"))
        .header("X-Ping-Api-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, v) = json_of(r).await;
    assert!(v["pagination"]["total"].as_u64().unwrap() >= 30);
    let r = client()
        .get(format!("{url}/_sandbox/stats"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn binary_rejects_bad_arguments_without_echoing_the_key() {
    let secret = "pk_test_tooShortButSecret";
    let out = sandbox_bin().args(["--api-key", secret]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--api-key"), "{stderr}");
    assert!(!stderr.contains(secret), "{stderr}");
    assert!(out.stdout.is_empty());

    let out = sandbox_bin().args(["--bind", "0.0.0.0"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loopback"), "{stderr}");

    let out = sandbox_bin().args(["--rate-limit", "0"]).output().unwrap();
    assert!(!out.status.success());
}
