//! A proxy set in the environment never sees the sandbox's plain-http
//! traffic (and with it the key). Environment variables are process-wide, so
//! this file holds a single test: nothing else in its binary can race it.

mod support;

use ping_api::{ListQuery, PingClient};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use support::*;
use tokio::net::TcpListener;

const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
];

/// A "proxy" on loopback that counts the connections made to it and answers
/// none of them.
async fn counting_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, connections)
}

#[tokio::test]
async fn loopback_traffic_bypasses_every_proxy_from_the_environment() {
    let sandbox = sandbox().await;
    let (proxy_url, proxy_connections) = counting_proxy().await;
    for name in PROXY_VARIABLES {
        std::env::set_var(name, &proxy_url);
    }
    // An exemption list would hide what the client itself does.
    for name in ["NO_PROXY", "no_proxy", "REQUEST_METHOD"] {
        std::env::remove_var(name);
    }

    let port = sandbox.base_url().rsplit(':').next().unwrap().to_owned();
    for base_url in [sandbox.base_url(), format!("http://localhost:{port}")] {
        let client = PingClient::new(&base_url, key_of(&sandbox)).expect("client builds");
        let served = sandbox.requests_served();
        let answer = client.list_tickets(&ListQuery::default()).await;
        assert_eq!(
            proxy_connections.load(Ordering::SeqCst),
            0,
            "{base_url} went through the proxy"
        );
        answer.unwrap_or_else(|e| panic!("{base_url}: {e}"));
        assert_eq!(sandbox.requests_served(), served + 1, "{base_url}");
    }

    for name in PROXY_VARIABLES {
        std::env::remove_var(name);
    }
}
