//! A returning walk-in: their earlier tickets and name, online and offline.

mod support;

use desk_core::{CoreError, Freshness};
use ping_api::NewTicket;
use support::*;

fn ticket(subject: &str, phone: &str, first: &str, last: &str) -> NewTicket {
    let mut t = NewTicket::new(subject, "At the counter");
    t.customer_phone = Some(phone.into());
    t.customer_first_name = Some(first.into());
    t.customer_last_name = Some(last.into());
    t
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_by_phone_finds_only_that_customer_and_works_offline() {
    let sandbox = sandbox().await;
    let client = client_for(&sandbox.base_url());
    let rudo = "+263771112233";
    let first = client
        .create_ticket(&ticket("Router fault", rudo, "Rudo", "Chikwanha"))
        .await
        .unwrap();
    let second = client
        .create_ticket(&ticket("Airtime not credited", rudo, "Rudo", "Chikwanha"))
        .await
        .unwrap();
    // Someone else whose ticket mentions Rudo's number: Ping's search finds
    // it, but it is not Rudo's ticket.
    let mut other = ticket(
        "Called on behalf of a friend",
        "+263779998877",
        "Sipho",
        "Ndlovu",
    );
    other.description = format!("Friend's number is {rudo}");
    client.create_ticket(&other).await.unwrap();

    let core = core();
    core.set_client(Some(client));
    let history = core.customer_history(Some(rudo), None).await.unwrap();
    let numbers: Vec<&str> = history
        .tickets
        .iter()
        .map(|t| t.ticket_number.as_str())
        .collect();
    assert_eq!(numbers.len(), 2);
    assert!(
        numbers.contains(&first.ticket_number.as_str())
            && numbers.contains(&second.ticket_number.as_str())
    );
    assert_eq!(
        (history.first_name.as_deref(), history.last_name.as_deref()),
        (Some("Rudo"), Some("Chikwanha"))
    );
    assert_eq!(history.freshness, Freshness::Live);

    // Offline: the desk's copy, plus a ticket logged meanwhile.
    core.set_client(None);
    core.create_ticket(ticket("Screen cracked", rudo, "Rudo", "Chikwanha"))
        .unwrap();
    let offline = core.customer_history(Some(rudo), None).await.unwrap();
    assert_eq!(offline.tickets.len(), 3);
    assert!(
        offline.tickets[0].ticket_number.starts_with("LOCAL-"),
        "the queued one first"
    );
    assert!(matches!(offline.freshness, Freshness::Cached { .. }));
}

#[tokio::test]
async fn history_needs_a_valid_phone_or_an_email() {
    let core = core();
    for (phone, email) in [
        (None, None),
        // A national number is welcome ("0771112233"), half of one is not.
        (Some("07711"), None),
        (Some("call me"), None),
        (Some(" "), Some("")),
    ] {
        let err = core.customer_history(phone, email).await.unwrap_err();
        assert!(matches!(err, CoreError::Validation(_)), "{err}");
    }
    let by_email = core
        .customer_history(None, Some("rudo@example.co.zw"))
        .await
        .unwrap();
    assert!(by_email.tickets.is_empty());
}
