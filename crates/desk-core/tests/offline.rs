//! Reads fall back to the cache when Ping is unreachable; search works over
//! the cache; drafts survive a restart.

mod support;

use desk_core::{DeskCore, Freshness};
use ping_api::{ListQuery, NewComment, Status};
use ping_sandbox::SandboxConfig;
use serde_json::json;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_views_and_threads_work_offline_marked_stale() {
    let sandbox = ping_sandbox::start(SandboxConfig {
        api_keys: vec![ping_sandbox::ApiKeyGrant::with_tickets(key())],
        demo_data: true,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let core = core();
    core.set_client(Some(client_for(&sandbox.base_url())));

    let live = core
        .list_tickets(&ListQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(live.freshness, Freshness::Live);
    assert!(live.tickets.len() >= 20);
    let first = live.tickets[0].ticket_number.clone();
    let view = core.get_ticket(&first).await.unwrap();
    assert_eq!(view.freshness, Freshness::Live);
    let thread = core.comments(&first, true).await.unwrap();
    let open_only = ListQuery {
        status: Some(Status::Open),
        per_page: Some(100),
        ..Default::default()
    };
    let open_live = core.list_tickets(&open_only).await.unwrap();

    sandbox.shutdown().await;

    let cached = core
        .list_tickets(&ListQuery {
            per_page: Some(100),
            ..Default::default()
        })
        .await
        .unwrap();
    let Freshness::Cached {
        fetched_at: Some(at),
    } = cached.freshness
    else {
        panic!("expected a cached answer, got {:?}", cached.freshness);
    };
    assert!(desk_core::now_ms() - at < 60_000);
    let numbers = |tickets: &[ping_api::Ticket]| {
        tickets
            .iter()
            .map(|t| t.ticket_number.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        numbers(&cached.tickets),
        numbers(&live.tickets),
        "same tickets, same order"
    );
    assert_eq!(cached.pagination.total, live.pagination.total);
    assert_eq!(core.status().unwrap().online, Some(false));

    let open_cached = core.list_tickets(&open_only).await.unwrap();
    assert_eq!(
        numbers(&open_cached.tickets),
        numbers(&open_live.tickets),
        "filters work offline"
    );

    let offline_view = core.get_ticket(&first).await.unwrap();
    assert!(matches!(offline_view.freshness, Freshness::Cached { .. }));
    assert_eq!(
        offline_view.ticket.description, view.ticket.description,
        "the full ticket was cached"
    );
    let offline_thread = core.comments(&first, true).await.unwrap();
    assert_eq!(offline_thread.comments, thread.comments);
    let public_only = core.comments(&first, false).await.unwrap();
    assert!(public_only.comments.iter().all(|c| !c.is_internal));

    // A comment added offline shows as pending in the thread.
    core.add_comment(
        &first,
        NewComment::new("Customer phoned; told them it's in progress"),
    )
    .unwrap();
    let with_pending = core.comments(&first, true).await.unwrap();
    assert_eq!(with_pending.pending.len(), 1);
}

#[tokio::test]
async fn search_over_the_cache_finds_numbers_names_phones_and_words() {
    let sandbox = sandbox().await;
    let core = core();
    let client = client_for(&sandbox.base_url());
    let mut created = Vec::new();
    for i in 0..5 {
        created.push(client.create_ticket(&walk_in(i)).await.unwrap());
    }
    let mut special = walk_in(99);
    special.subject = "Starlink dish obstruction at Borrowdale".into();
    special.description = "The app shows the dish is blocked by trees".into();
    special.customer_first_name = Some("Nqobile".into());
    special.customer_last_name = Some("Ndlovu".into());
    special.customer_phone = Some("+263772987654".into());
    let special = client.create_ticket(&special).await.unwrap();
    core.set_client(Some(client));
    core.list_tickets(&ListQuery::default()).await.unwrap();
    core.get_ticket(&special.ticket_number).await.unwrap();
    core.set_client(None);

    let found = |text: &str| {
        core.search_cached(text, 20)
            .unwrap()
            .into_iter()
            .map(|t| t.ticket_number)
            .collect::<Vec<_>>()
    };
    assert_eq!(found("ndlovu"), vec![special.ticket_number.clone()]);
    assert_eq!(found("Nqobile Ndlovu"), vec![special.ticket_number.clone()]);
    for typed in ["0772987654", "0772 987", "+263772987654", "772987654"] {
        assert_eq!(
            found(typed),
            vec![special.ticket_number.clone()],
            "phone typed as {typed}"
        );
    }
    assert_eq!(found("obstruction"), vec![special.ticket_number.clone()]);
    assert_eq!(
        found(&special.ticket_number[4..]),
        vec![special.ticket_number.clone()],
        "part of a number"
    );
    assert_eq!(found("router").len(), 5);
    assert!(found("zzzz").is_empty());
    assert!(
        found("\"; DROP TABLE tickets; --").is_empty(),
        "query syntax is not interpreted"
    );
    assert_eq!(
        found("Nqob ndl"),
        vec![special.ticket_number.clone()],
        "word starts"
    );
    // "Walk-in" subjects and "with": a one-letter word still matches.
    assert_eq!(found("w").len(), 6);
}

#[tokio::test]
async fn drafts_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let draft = json!({"subject": "Screen cracked", "customer_phone": "+263771234567"});
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        core.save_draft("new-ticket", &json!({"subject": "Scr"}))
            .unwrap();
        core.save_draft("new-ticket", &draft).unwrap();
    }
    let core = DeskCore::open(&db, fast_sync()).unwrap();
    assert_eq!(core.load_draft("new-ticket").unwrap(), Some(draft));
    core.delete_draft("new-ticket").unwrap();
    assert_eq!(core.load_draft("new-ticket").unwrap(), None);
}

#[tokio::test]
async fn nothing_cached_and_no_connection_is_a_clear_error() {
    let core = core();
    let err = core.get_ticket("TKT-2026-00001").await.unwrap_err();
    assert!(matches!(err, desk_core::CoreError::NotConnected), "{err}");
}
