//! Unusual but legitimate input survives the round trip to Ping unchanged.

mod support;

use futures_util::StreamExt;
use ping_api::{ListQuery, NewTicket, TicketUpdate};
use serde_json::json;
use support::*;

#[tokio::test]
async fn names_emoji_and_long_text_round_trip() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let people = [
        ("Tapiwanashe", "Chigumbura"),
        ("Nqobile", "Ngwenya"),
        ("Nokuthula", "Sibanda-Dube"),
        ("Rutendo", "Mhlanga O'Brien"),
    ];
    let description = "Kufona hakuna kuri kushanda. 📡🙏🏾 ".repeat(300) + &"x".repeat(10_000);
    for (first, last) in people {
        let mut new = NewTicket::new(format!("{first}'s dish is offline 🛰️"), description.clone());
        new.customer_first_name = Some(first.into());
        new.customer_last_name = Some(last.into());
        new.preferred_language = Some("sn".into());
        let created = client.create_ticket(&new).await.expect("create");
        let fetched = client
            .get_ticket(&created.ticket_number)
            .await
            .expect("get");
        assert_eq!(fetched.subject.as_deref(), Some(new.subject.as_str()));
        assert_eq!(fetched.description.as_deref(), Some(description.as_str()));
        assert_eq!(fetched.customer_name().unwrap(), format!("{first} {last}"));
    }
    let found = client
        .list_tickets(&ListQuery {
            search: Some("ngwenya".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.tickets.len(), 1);
    assert_eq!(
        found.tickets[0].subject.as_deref(),
        Some("Nqobile's dish is offline 🛰️")
    );
}

#[tokio::test]
async fn empty_optional_strings_are_kept_and_empty_search_lists_everything() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let mut new = NewTicket::new("Billing query", "Charged twice for a bundle");
    new.category = Some(String::new());
    new.country = Some(String::new());
    let created = client.create_ticket(&new).await.unwrap();
    let fetched = client.get_ticket(&created.ticket_number).await.unwrap();
    assert_eq!(fetched.category.as_deref(), Some(""));
    let all = client
        .list_tickets(&ListQuery {
            search: Some(String::new()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.pagination.total, 1);
}

#[tokio::test]
async fn nested_custom_fields_round_trip_and_merge_shallowly() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let fields = json!({
        "device": {"model": "Starlink Gen3", "serial": "SL-99-0042", "ports": [1, 2]},
        "flags": {"vip": true, "notes": null},
        "customer_type": "SPT Retail"
    });
    let mut new = NewTicket::new("Dish obstruction", "Trees on the north side");
    new.custom_fields = fields.as_object().cloned();
    let created = client.create_ticket(&new).await.unwrap();
    assert_eq!(json!(created.custom_fields), fields);

    let update = TicketUpdate {
        custom_fields: json!({"device": {"model": "Starlink Mini"}, "flags": null, "visit": 2})
            .as_object()
            .cloned(),
        ..Default::default()
    };
    let updated = client
        .update_ticket(&created.ticket_number, &update)
        .await
        .unwrap();
    let merged = json!({
        "device": {"model": "Starlink Mini"},
        "customer_type": "SPT Retail",
        "visit": 2
    });
    assert_eq!(json!(updated.custom_fields), merged);
    let fetched = client.get_ticket(&created.ticket_number).await.unwrap();
    assert_eq!(json!(fetched.custom_fields), merged);
}

#[tokio::test]
async fn all_tickets_pages_lazily_newest_first() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let mut created = Vec::new();
    for i in 0..7 {
        let ticket = client
            .create_ticket(&NewTicket::new(format!("Walk-in {i}"), "d"))
            .await
            .unwrap();
        created.push(ticket.ticket_number);
    }
    let before = sandbox.requests_served();
    let first_two: Vec<_> = client
        .all_tickets(ListQuery {
            per_page: Some(3),
            ..Default::default()
        })
        .take(2)
        .collect()
        .await;
    assert_eq!(first_two.len(), 2);
    assert_eq!(
        sandbox.requests_served() - before,
        1,
        "only the first page was fetched"
    );

    let before = sandbox.requests_served();
    let all: Vec<String> = client
        .all_tickets(ListQuery {
            per_page: Some(3),
            ..Default::default()
        })
        .map(|t| t.expect("page").ticket_number)
        .collect()
        .await;
    assert_eq!(sandbox.requests_served() - before, 3);
    created.reverse();
    assert_eq!(all, created);
}
