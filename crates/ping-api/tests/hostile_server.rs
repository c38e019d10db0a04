//! Servers that do what Ping never does: redirect, or send texts of any
//! length. Each is a tiny raw HTTP server on loopback that records what it
//! receives and answers every request the same way.

use ping_api::{ApiKey, Error, ListQuery, NewTicket, PingClient, MAX_RETRY_AFTER};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "pk_test_abcdefghijklmnopqrstuvwxyz012345";

struct FakeServer {
    base_url: String,
    /// The head (request line and headers) of every request received.
    requests: Arc<Mutex<Vec<String>>>,
}

impl FakeServer {
    async fn start(answer: Vec<u8>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let answer = answer.clone();
                let recorded = recorded.clone();
                tokio::spawn(answer_one(stream, answer, recorded));
            }
        });
        Self { base_url, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Reads one request (head and body), records its head, then writes `answer`
/// and closes: the record is there before the client sees the answer.
async fn answer_one(
    mut stream: TcpStream,
    answer: Vec<u8>,
    recorded: Arc<Mutex<Vec<String>>>,
) -> Option<()> {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        received.extend_from_slice(&buf[..n]);
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let body_len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    while received.len() < head_end + body_len {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        received.extend_from_slice(&buf[..n]);
    }
    recorded.lock().unwrap().push(head);
    stream.write_all(&answer).await.ok()?;
    stream.shutdown().await.ok()
}

fn http_answer(status_line: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    text.into_bytes()
}

fn client(base_url: &str) -> PingClient {
    PingClient::new(base_url, ApiKey::parse(KEY).unwrap()).expect("client builds")
}

#[tokio::test]
async fn a_redirect_is_refused_and_the_key_goes_nowhere_else() {
    let elsewhere = FakeServer::start(http_answer(
        "200 OK",
        &[("Content-Type", "application/json")],
        r#"{"result":"success","tickets":[],"ticket":{"ticketNumber":"TKT-2026-00001"}}"#,
    ))
    .await;
    for status in [
        "301 Moved Permanently",
        "302 Found",
        "303 See Other",
        "307 Temporary Redirect",
        "308 Permanent Redirect",
    ] {
        let location = format!("{}/v1/api/tickets", elsewhere.base_url);
        let redirecting =
            FakeServer::start(http_answer(status, &[("Location", &location)], "")).await;
        let client = client(&redirecting.base_url);

        let read = client.list_tickets(&ListQuery::default()).await;
        let write = client
            .create_ticket(&NewTicket::new("Router", "Keeps rebooting"))
            .await;

        assert!(
            elsewhere.requests().is_empty(),
            "{status} was followed: {:?}",
            elsewhere.requests()
        );
        let code: u16 = status[..3].parse().unwrap();
        for err in [read.unwrap_err(), write.unwrap_err()] {
            match &err {
                Error::UnexpectedResponse { status, detail } => {
                    assert_eq!(*status, code);
                    assert!(detail.contains("redirect"), "{detail}");
                }
                other => panic!("{status}: expected a refused redirect, got {other:?}"),
            }
            assert!(!err.to_string().contains(KEY));
        }
        let received = redirecting.requests();
        assert!(!received.is_empty(), "the configured server was asked");
        assert!(received.iter().all(|head| head.contains(KEY)));
    }
}

#[tokio::test]
async fn huge_texts_from_the_server_are_cut_in_errors() {
    let message = "Quota exceeded. ".repeat(50_000);
    let body = serde_json::json!({
        "result": "failed",
        "message": message,
        "code": "X".repeat(100_000),
        "error_info": vec!["detail"; 20_000],
    })
    .to_string();
    let long_type = format!("text/html; {}", "q=1; ".repeat(2_000));
    for answer in [
        http_answer(
            "400 Bad Request",
            &[("Content-Type", "application/json")],
            &body,
        ),
        http_answer("502 Bad Gateway", &[("Content-Type", &long_type)], "<html>"),
        http_answer("200 OK", &[("Content-Type", &long_type)], "<html>"),
    ] {
        let server = FakeServer::start(answer).await;
        let err = client(&server.base_url)
            .create_ticket(&NewTicket::new("Router", "Keeps rebooting"))
            .await
            .unwrap_err();
        let text = err.to_string();
        assert!(text.chars().count() < 1_000, "{} chars", text.len());
        // Each of Ping's own fields is cut on its own, too.
        if let Some(api) = err.api().filter(|api| api.code.is_some()) {
            for field in [
                Some(&api.message),
                api.code.as_ref(),
                api.error_info.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(field.chars().count() <= 301, "{} chars", field.len());
            }
        }
    }
}

#[tokio::test]
async fn a_huge_retry_after_is_clamped_and_returned_to_the_caller() {
    let server = FakeServer::start(http_answer(
        "429 Too Many Requests",
        &[
            ("Content-Type", "application/json"),
            ("Retry-After", "99999999999999999999"),
        ],
        r#"{"result":"failed","message":"Rate limit exceeded","code":"RATE_LIMIT_EXCEEDED"}"#,
    ))
    .await;
    let err = client(&server.base_url)
        .list_tickets(&ListQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.retry_after(), Some(MAX_RETRY_AFTER));
    assert_eq!(server.requests().len(), 1, "longer than the client waits");
}
