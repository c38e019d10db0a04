//! The accept loop. Hand-rolled rather than `axum::serve` so that a handler
//! can close its own TCP connection without sending a byte (the
//! drop-after-commit fault) and so shutdown can abort every connection.

use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Notify};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Per-connection switch, put in each request's extensions; triggering it
/// makes the connection task drop the socket at once.
#[derive(Clone, Default)]
pub(crate) struct KillSwitch(Arc<Notify>);

impl KillSwitch {
    pub fn trigger(&self) {
        // notify_one stores a permit, so the trigger is never lost.
        self.0.notify_one();
    }

    async fn triggered(&self) {
        self.0.notified().await;
    }
}

pub(crate) async fn accept_loop(
    listener: TcpListener,
    app: Router,
    mut shutdown: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // Fires on an explicit shutdown and when the handle is dropped.
            _ = &mut shutdown => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, app.clone()));
                }
                Err(err) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tracing::warn!(error = %err, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            },
        }
    }
    drop(listener);
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, app: Router) {
    // Small JSON responses: don't let Nagle delay them.
    let _ = stream.set_nodelay(true);
    let kill = KillSwitch::default();
    let kill_for_requests = kill.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(kill_for_requests.clone());
        app.clone().oneshot(req)
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        res = conn => {
            if let Err(err) = res {
                tracing::debug!(error = %err, "connection ended with an error");
            }
        }
        // Dropping `conn` closes the socket with no response written.
        _ = kill.triggered() => {}
    }
}
