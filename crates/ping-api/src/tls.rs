//! Whom the client trusts over HTTPS: Mozilla's root certificates, compiled
//! into the app (webpki-roots), through rustls with ring. Not the OS's
//! store: a root that software on the shop's PC adds to it (an antivirus or
//! a proxy that inspects TLS) must not be able to read the key on its way
//! to Ping.

use std::sync::Arc;

pub(crate) fn mozilla_roots() -> rustls::RootCertStore {
    rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    }
}

/// TLS 1.2 and 1.3 with rustls' safe defaults, trusting `roots` only. The
/// provider is given here rather than installed process-wide, so nothing
/// else in the process changes what this client trusts.
pub(crate) fn client_config(
    roots: rustls::RootCertStore,
) -> Result<rustls::ClientConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ApiKey, ClientConfig, Delivery, Error, PingClient};
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    use std::error::Error as _;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    const KEY: &str = "pk_test_abcdefghijklmnopqrstuvwxyz012345";

    /// An HTTPS server on loopback with a certificate of its own making for
    /// 127.0.0.1. It answers every request with an empty ticket list and
    /// keeps the head of each request it could read.
    struct TlsServer {
        url: String,
        certificate: CertificateDer<'static>,
        requests: Arc<Mutex<Vec<String>>>,
        refused_handshakes: Arc<AtomicUsize>,
    }

    async fn tls_server() -> TlsServer {
        let issued = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
        let certificate = issued.cert.der().clone();
        let key =
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.signing_key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certificate.clone()], key)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let refused_handshakes = Arc::new(AtomicUsize::new(0));
        let (seen, refused) = (requests.clone(), refused_handshakes.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let mut stream = match acceptor.accept(stream).await {
                    Ok(stream) => stream,
                    Err(_) => {
                        refused.fetch_add(1, Ordering::SeqCst);
                        continue;
                    }
                };
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                seen.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&head).into_owned());
                let body = r#"{"result":"success","tickets":[],"pagination":{"page":1,"perPage":1,"total":0,"totalPages":0}}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            }
        });
        TlsServer {
            url,
            certificate,
            requests,
            refused_handshakes,
        }
    }

    #[tokio::test]
    async fn a_certificate_from_outside_the_compiled_in_roots_is_refused_before_the_key_is_sent() {
        let server = tls_server().await;
        // What the app uses: `PingClient::new` trusts Mozilla's roots only.
        let ping = PingClient::new(&server.url, ApiKey::parse(KEY).unwrap()).unwrap();

        let err = ping
            .probe()
            .await
            .expect_err("an unknown issuer is refused");
        let Error::Transport { delivery, .. } = &err else {
            panic!("not a transport error: {err:?}");
        };
        assert_eq!(*delivery, Delivery::NotSent, "{err:?}");
        let causes: Vec<String> = std::iter::successors(err.source(), |&c| c.source())
            .map(|c| c.to_string())
            .collect();
        assert!(causes.join(" / ").contains("UnknownIssuer"), "{causes:?}");
        assert!(!err.to_string().contains(KEY), "{err}");
        assert!(
            server.requests.lock().unwrap().is_empty(),
            "a request got through"
        );
        // The server sees the client's alert a moment after the client gave up.
        for _ in 0..100 {
            if server.refused_handshakes.load(Ordering::SeqCst) > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(server.refused_handshakes.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_certificate_from_the_trusted_roots_carries_the_request_and_its_key() {
        let server = tls_server().await;
        let mut roots = rustls::RootCertStore::empty();
        roots.add(server.certificate.clone()).unwrap();

        let ping = PingClient::with_roots(
            &server.url,
            ApiKey::parse(KEY).unwrap(),
            ClientConfig::default(),
            roots,
        )
        .unwrap();
        ping.probe().await.expect("TLS to a trusted server works");
        let requests = server.requests.lock().unwrap();
        assert_eq!(requests.len(), 1, "{requests:?}");
        let head = requests[0].to_ascii_lowercase();
        assert!(
            head.starts_with("get /v1/api/tickets?per_page=1 http/1.1"),
            "{head}"
        );
        assert!(head.contains(&format!("x-ping-api-key: {KEY}")), "{head}");
    }
}
