//! Runtime fault injection for the `/v1` routes.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// A cheap, clonable handle to the sandbox's fault switches. Every method is
/// thread-safe and takes effect on the next request.
///
/// When several one-shot faults are armed, a request consumes at most one of
/// them, in this order: too-many-requests, fail, non-JSON. Latency applies
/// first, to every request. Drop-after-commit is consumed only by writes
/// (POST/PUT) that succeeded, i.e. whose change is committed.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    inner: Arc<FaultState>,
}

#[derive(Debug, Default)]
struct FaultState {
    fail_next: AtomicU32,
    latency_ms: AtomicU64,
    drop_after_commit_next: AtomicU32,
    /// f64 bits; probability in 0.0..=1.0.
    drop_after_commit_rate: AtomicU64,
    non_json_next: AtomicU32,
    too_many_requests_next: AtomicU32,
    retry_after_secs: AtomicU64,
}

/// The current fault settings (as `GET /_sandbox/faults` shows them).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct FaultSnapshot {
    pub fail_next: u32,
    pub latency_ms: u64,
    pub drop_after_commit_next: u32,
    pub drop_after_commit_rate: f64,
    pub non_json_next: u32,
    pub too_many_requests_next: u32,
    pub retry_after_secs: u64,
}

/// Decrements `counter` if it is positive; true when a unit was taken.
fn take(counter: &AtomicU32) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

impl Faults {
    /// The next `n` requests get `500 INTERNAL_ERROR` without touching data.
    pub fn fail_next(&self, n: u32) {
        self.inner.fail_next.store(n, Ordering::SeqCst);
    }

    /// Delay applied before handling each request (zero disables).
    pub fn set_latency(&self, latency: Duration) {
        let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        self.inner.latency_ms.store(ms, Ordering::SeqCst);
    }

    /// The next `n` successful writes commit, then the connection is closed
    /// without a single response byte.
    pub fn drop_after_commit_next(&self, n: u32) {
        self.inner.drop_after_commit_next.store(n, Ordering::SeqCst);
    }

    /// Each successful write, with probability `p` (clamped to 0..=1), commits
    /// and then loses its response like [`Faults::drop_after_commit_next`].
    pub fn set_drop_after_commit_rate(&self, p: f64) {
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
        self.inner
            .drop_after_commit_rate
            .store(p.to_bits(), Ordering::SeqCst);
    }

    /// The next `n` requests get a `200 text/html` captive-portal page.
    pub fn non_json_next(&self, n: u32) {
        self.inner.non_json_next.store(n, Ordering::SeqCst);
    }

    /// The next `n` requests get `429 RATE_LIMIT_EXCEEDED` with
    /// `Retry-After: retry_after_secs`.
    pub fn too_many_requests_next(&self, n: u32, retry_after_secs: u64) {
        self.inner
            .retry_after_secs
            .store(retry_after_secs, Ordering::SeqCst);
        self.inner.too_many_requests_next.store(n, Ordering::SeqCst);
    }

    /// Disarms every fault and removes latency.
    pub fn clear(&self) {
        self.fail_next(0);
        self.set_latency(Duration::ZERO);
        self.drop_after_commit_next(0);
        self.set_drop_after_commit_rate(0.0);
        self.non_json_next(0);
        self.too_many_requests_next(0, 0);
    }

    /// Current settings.
    pub fn snapshot(&self) -> FaultSnapshot {
        let s = &self.inner;
        FaultSnapshot {
            fail_next: s.fail_next.load(Ordering::SeqCst),
            latency_ms: s.latency_ms.load(Ordering::SeqCst),
            drop_after_commit_next: s.drop_after_commit_next.load(Ordering::SeqCst),
            drop_after_commit_rate: f64::from_bits(s.drop_after_commit_rate.load(Ordering::SeqCst)),
            non_json_next: s.non_json_next.load(Ordering::SeqCst),
            too_many_requests_next: s.too_many_requests_next.load(Ordering::SeqCst),
            retry_after_secs: s.retry_after_secs.load(Ordering::SeqCst),
        }
    }

    pub(crate) fn latency(&self) -> Duration {
        Duration::from_millis(self.inner.latency_ms.load(Ordering::SeqCst))
    }

    pub(crate) fn take_fail(&self) -> bool {
        take(&self.inner.fail_next)
    }

    pub(crate) fn take_non_json(&self) -> bool {
        take(&self.inner.non_json_next)
    }

    /// `Some(retry_after_secs)` when a 429 fault is consumed.
    pub(crate) fn take_too_many_requests(&self) -> Option<u64> {
        take(&self.inner.too_many_requests_next)
            .then(|| self.inner.retry_after_secs.load(Ordering::SeqCst))
    }

    /// Whether this successful write should lose its response.
    pub(crate) fn take_drop_after_commit(&self) -> bool {
        if take(&self.inner.drop_after_commit_next) {
            return true;
        }
        let p = f64::from_bits(self.inner.drop_after_commit_rate.load(Ordering::SeqCst));
        p > 0.0 && rand::rng().random_bool(p)
    }
}
