//! A 429's Retry-After, however large, holds sending back for at most an
//! hour, and never breaks the sync engine.

mod support;

use desk_core::{now_ms, CoreEvent, OpState};
use std::time::Duration;
use support::*;

const HOUR_MS: i64 = 3_600_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_retry_after_holds_sending_for_an_hour_at_most() {
    // i64::MAX ms overflows the time it is added to; u64::MAX seconds does
    // not even fit in i64 milliseconds.
    for retry_after_secs in [i64::MAX as u64 / 1000, u64::MAX] {
        let sandbox = sandbox().await;
        let core = syncing_core(&sandbox);
        let mut events = core.subscribe();
        // Online first, so the 429 answers the create, not the first probe.
        wait_for(Duration::from_secs(5), || {
            core.status().unwrap().online == Some(true)
        })
        .await;
        sandbox.faults().too_many_requests_next(1, retry_after_secs);
        let asked_at = now_ms();
        let queued = core.create_ticket(walk_in(1)).unwrap();

        let retrying = next_event(
            &mut events,
            "retrying",
            |e| matches!(e, CoreEvent::Retrying { op_id, .. } if *op_id == queued.op_id),
        )
        .await;
        let CoreEvent::Retrying {
            next_attempt_at, ..
        } = retrying
        else {
            unreachable!("the filter above takes only Retrying");
        };
        assert!(
            (asked_at + HOUR_MS..=now_ms() + HOUR_MS).contains(&next_attempt_at),
            "Retry-After {retry_after_secs} s: held an hour, not {} ms",
            next_attempt_at - asked_at
        );
        let op = core.store().operation(&queued.op_id).unwrap();
        assert_eq!(
            op.state,
            OpState::Queued,
            "Retry-After {retry_after_secs} s"
        );
        assert_eq!(
            op.not_before, next_attempt_at,
            "the outbox holds it as long"
        );
        assert_eq!(op.last_error.unwrap().code, "RATE_LIMIT_EXCEEDED");
        assert_eq!(sandbox.ticket_count(), 0);
        assert_eq!(core.status().unwrap().counts.pending, 1);
        core.stop_sync().await;
    }
}
