//! "Today at this store": today's tickets, counts and CSAT, live and offline.

mod support;

use desk_core::Freshness;
use ping_api::{CsatScore, NewTicket, Status, TicketUpdate};
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_and_csat_for_one_store_live_and_offline() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox.base_url());
    let mut numbers = Vec::new();
    for (subject, region) in [
        ("Router fault", "Harare CBD"),
        ("Airtime dispute", "Harare CBD"),
        ("Screen repair", "Harare CBD"),
        ("SIM swap", "Bulawayo"),
    ] {
        let mut ticket = NewTicket::new(subject, "At the counter");
        ticket.store_region = Some(region.into());
        numbers.push(client.create_ticket(&ticket).await.unwrap().ticket_number);
    }
    for (number, score) in [(&numbers[0], 5), (&numbers[1], 3)] {
        let update = TicketUpdate {
            status: Some(Status::Resolved),
            csat_score: CsatScore::new(score),
            ..Default::default()
        };
        client.update_ticket(number, &update).await.unwrap();
    }

    let core = core();
    core.set_client(Some(client));
    let today = core.today_at_store(Some("Harare CBD")).await.unwrap();
    assert_eq!(today.freshness, Freshness::Live);
    assert_eq!(today.store_region.as_deref(), Some("Harare CBD"));
    assert_eq!((today.logged, today.open, today.resolved), (3, 1, 2));
    assert_eq!(today.csat.count, 2);
    assert_eq!(today.csat.average, Some(4.0));
    assert_eq!(today.csat.distribution, [0, 0, 1, 0, 1]);
    assert_eq!(today.tickets.len(), 3);
    assert_eq!(
        today.date,
        chrono::Local::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string()
    );

    let everywhere = core.today_at_store(None).await.unwrap();
    assert_eq!(everywhere.logged, 4);

    core.set_client(None);
    let offline = core.today_at_store(Some("Harare CBD")).await.unwrap();
    assert!(matches!(offline.freshness, Freshness::Cached { .. }));
    assert_eq!(
        (offline.logged, offline.resolved, offline.csat.count),
        (3, 2, 2)
    );
}
