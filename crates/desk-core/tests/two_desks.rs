//! Two desks, one store: a ticket logged at one desk appears in the other
//! desk's customer history and list at once (both read Ping), and in its
//! offline copy after its next refresh of the store's list.

mod support;

use desk_core::{CopyConfig, DeskCore, Freshness, SyncConfig};
use ping_api::ListQuery;
use std::time::{Duration, Instant};
use support::*;

fn desk(dir: &std::path::Path, name: &str, base_url: &str) -> DeskCore {
    let core = DeskCore::open(
        &dir.join(name),
        SyncConfig {
            copy: CopyConfig {
                enabled: true,
                // The app refreshes every 2 minutes; a test cannot wait that long.
                refresh_interval: Duration::from_secs(1),
                unmetered_interval: Duration::from_millis(10),
                staff_quiet: Duration::ZERO,
                ..CopyConfig::default()
            },
            ..fast_sync()
        },
    )
    .unwrap();
    core.set_client(Some(client_for(base_url)));
    core.set_store_region(Some("Harare CBD"));
    core.start_sync().unwrap();
    core
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_logged_at_one_desk_reaches_the_other_desks_history_list_and_copy() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox_at(&dir.path().join("ping.sqlite3"), 0).await;
    let front = desk(dir.path(), "front.sqlite3", &sandbox.base_url());
    let back = desk(dir.path(), "back.sqlite3", &sandbox.base_url());

    let mut ticket = walk_in(7);
    ticket.customer_phone = Some("+263772000777".into());
    let queued = front.create_ticket(ticket).unwrap();
    drained(&front, Duration::from_secs(10)).await;
    let number = front
        .get_ticket(&queued.local_ref)
        .await
        .unwrap()
        .ticket
        .ticket_number;

    // Online, the other desk reads Ping: history and list have it at once.
    let history = back
        .customer_history(Some("0772 000 777"), None)
        .await
        .unwrap();
    assert_eq!(history.freshness, Freshness::Live);
    assert_eq!(history.tickets.len(), 1);
    assert_eq!(history.tickets[0].ticket_number, number);
    let list = back.list_tickets(&ListQuery::default()).await.unwrap();
    assert!(list.tickets.iter().any(|t| t.ticket_number == number));

    // Its copy has it, in full, after its next refresh.
    let started = Instant::now();
    wait_for(Duration::from_secs(15), || {
        back.store()
            .cached_ticket(&number)
            .unwrap()
            .is_some_and(|c| c.complete)
            && back.store_copy_status().unwrap().held == 1
    })
    .await;
    println!("in the other desk's copy after {:?}", started.elapsed());

    // And offline, from that copy.
    sandbox.shutdown().await;
    let history = back
        .customer_history(Some("+263 77 200 0777"), None)
        .await
        .unwrap();
    assert!(matches!(history.freshness, Freshness::Cached { .. }));
    assert_eq!(history.tickets.len(), 1);
    assert_eq!(history.tickets[0].ticket_number, number);
    let list = back.list_tickets(&ListQuery::default()).await.unwrap();
    assert_eq!(list.held.unwrap().held, 1);
    assert!(list.tickets.iter().any(|t| t.ticket_number == number));
    front.stop_sync().await;
    back.stop_sync().await;
}
