//! Customers' data at rest: cached tickets go after the retention window
//! (unless writes still wait for them), and a wipe leaves nothing behind.

mod support;

use desk_core::{wipe, DeskCore, CACHE_RETENTION};
use ping_api::{Comment, Ticket, TicketUpdate};
use support::*;

fn cached(number: &str, subject: &str) -> Ticket {
    Ticket {
        ticket_number: number.to_owned(),
        subject: Some(subject.to_owned()),
        customer_phone: Some("+263772987654".to_owned()),
        ..Default::default()
    }
}

#[test]
fn cached_tickets_past_the_retention_window_are_forgotten_unless_writes_wait() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        for (number, subject) in [
            ("TKT-2026-00001", "Old router"),
            ("TKT-2026-00002", "Recent router"),
            ("TKT-2026-00003", "Old router with a note waiting"),
        ] {
            core.store()
                .cache_ticket(&cached(number, subject), true)
                .unwrap();
        }
        let comment: Comment =
            serde_json::from_value(serde_json::json!({"publicId": "c1", "content": "Called back"}))
                .unwrap();
        core.store()
            .cache_comments("TKT-2026-00001", &[comment])
            .unwrap();
        core.update_ticket(
            "TKT-2026-00003",
            TicketUpdate {
                status: Some(ping_api::Status::Resolved),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let long_ago = desk_core::now_ms() - CACHE_RETENTION.as_millis() as i64 - 60_000;
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE tickets SET fetched_at = ?1 WHERE ticket_number IN ('TKT-2026-00001', 'TKT-2026-00003')",
            [long_ago],
        )
        .unwrap();

    let core = DeskCore::open(&db, fast_sync()).unwrap();
    let found: Vec<String> = core
        .search_cached("router", 10)
        .unwrap()
        .into_iter()
        .map(|t| t.ticket_number)
        .collect();
    assert_eq!(found, ["TKT-2026-00003", "TKT-2026-00002"]);
    assert!(core
        .store()
        .cached_ticket("TKT-2026-00001")
        .unwrap()
        .is_none());
    assert!(core
        .store()
        .cached_comments("TKT-2026-00001", true)
        .unwrap()
        .is_none_or(|thread| thread.comments.is_empty()));
}

#[test]
fn a_wipe_removes_the_database_and_every_copy_of_it_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        core.create_ticket(walk_in(1)).unwrap();
    }
    for copy in [
        "desk.sqlite3.aside-1764580000000",
        "desk.sqlite3.queued.json.aside-1764580000000",
    ] {
        std::fs::write(dir.path().join(copy), b"customers").unwrap();
    }
    std::fs::write(dir.path().join("settings.json"), b"{}").unwrap();
    std::fs::create_dir(dir.path().join("demo")).unwrap();

    let removed = wipe(&db).unwrap();
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert!(removed >= 3, "database, WAL and the copies: {removed}");
    assert_eq!(left, ["demo", "settings.json"]);
}
