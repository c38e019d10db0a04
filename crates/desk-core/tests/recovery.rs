//! A database that cannot be opened is set aside, never deleted, after its
//! queued writes are copied out.

mod support;

use desk_core::{set_aside, DeskCore, OpenProblem, SALVAGE_FORMAT};
use support::*;

#[test]
fn a_database_from_a_newer_version_is_set_aside_with_its_queued_writes_copied_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    {
        let core = DeskCore::open(&db, fast_sync()).unwrap();
        core.create_ticket(walk_in(7)).unwrap();
    }
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = DeskCore::open(&db, fast_sync()).err().expect("refused");
    let problem = OpenProblem::of(&db, &err);
    assert_eq!(problem.code, "DATABASE_TOO_NEW", "{err}");

    let before = std::fs::read(&db).unwrap();
    let done = set_aside(&db, "20261201T101500").unwrap();
    assert!(!db.exists(), "the name is free for a fresh database");
    assert_eq!(
        std::fs::read(&done.moved_to).unwrap(),
        before,
        "kept, byte for byte"
    );
    assert_eq!(done.queued_copied, 1);
    let copied: serde_json::Value =
        serde_json::from_slice(&std::fs::read(done.queued_copied_to.unwrap()).unwrap()).unwrap();
    assert_eq!(copied["format"], SALVAGE_FORMAT);
    assert_eq!(copied["operations"][0]["kind"], "create_ticket");
    assert_eq!(
        copied["operations"][0]["payload"]["body"]["subject"],
        walk_in(7).subject,
        "the walk-in's ticket is in the copy"
    );

    let fresh = DeskCore::open(&db, fast_sync()).expect("starts afresh");
    assert_eq!(fresh.status().unwrap().counts.pending, 0);
}

#[test]
fn a_damaged_file_is_named_as_such_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let garbage = b"this is not a database, it is a shopping list".repeat(200);
    std::fs::write(&db, &garbage).unwrap();
    let err = DeskCore::open(&db, fast_sync()).err().expect("refused");
    assert_eq!(OpenProblem::of(&db, &err).code, "DATABASE_DAMAGED", "{err}");
    let done = set_aside(&db, "20261201T101500").unwrap();
    assert_eq!(std::fs::read(&done.moved_to).unwrap(), garbage);
    assert_eq!(done.queued_copied, 0);
    assert_eq!(done.queued_copied_to, None);
    DeskCore::open(&db, fast_sync()).expect("starts afresh");
}
