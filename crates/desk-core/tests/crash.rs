//! The crash soak: a desk-sync process is killed with SIGKILL again and
//! again while it delivers creates, updates and comments (identical texts on
//! one ticket included, one of them already there from Ping's web app) under
//! latency and lost answers, then run to the end: every queued write is on
//! the server exactly once.
//!
//! Each kill waits until the run has landed a few writes on the server, then
//! a random part of a request's latency more, so kills hit sends in flight
//! and answers not yet recorded, not a process still starting. The test
//! counts where kills landed and asserts on it.
//!
//! `CRASH_KILLS` sets the number of kills; `scripts/crash-soak.sh` runs this
//! test with a count and prints its figures.

mod support;

use desk_core::{DeskCore, OpState, LOCAL_PREFIX, MARKER_FIELD};
use futures_util::StreamExt;
use ping_api::{ListQuery, NewComment, NewTicket, PingClient, TicketUpdate};
use ping_sandbox::RunningSandbox;
use rand::Rng;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

/// Kills when `CRASH_KILLS` is not set: enough to meet every kind of
/// interrupted send, short enough for CI.
const DEFAULT_KILLS: usize = 60;
/// Rounds of writes queued before the first run, so it starts with a backlog.
const BACKLOG_ROUNDS: usize = 20;
const LATENCY: Duration = Duration::from_millis(20);
const LOST_ANSWERS: f64 = 0.15;
/// The text staff type again and again on a busy ticket.
const SAME_TEXT: &str = "Customer called asking for an update";
/// Tickets already on Ping before the desk queues anything.
const EXISTING: usize = 4;
/// How long one run may take to land its writes before it is killed anyway
/// (a bound on the loop, not an assertion).
const RUN_BOUND: Duration = Duration::from_secs(20);

fn kills() -> usize {
    match std::env::var("CRASH_KILLS") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("CRASH_KILLS must be a whole number, not {text:?}")),
        Err(_) => DEFAULT_KILLS,
    }
}

/// Everything queued on the desk, to compare with the server at the end.
#[derive(Default)]
struct Queued {
    creates: Vec<String>,
    /// Ticket (local reference or number) → comment texts queued on it.
    comments: HashMap<String, Vec<String>>,
    /// Ticket → the `action_taken` of the last update queued on it.
    last_update: HashMap<String, String>,
    local_refs: Vec<String>,
    writes: usize,
}

impl Queued {
    fn comment(&mut self, app: &DeskCore, ticket: &str, text: &str) {
        app.add_comment(ticket, NewComment::new(text)).unwrap();
        self.comments
            .entry(ticket.to_owned())
            .or_default()
            .push(text.to_owned());
        self.writes += 1;
    }

    fn update(&mut self, app: &DeskCore, ticket: &str, action: String) {
        let update = TicketUpdate {
            action_taken: Some(action.clone()),
            ..TicketUpdate::default()
        };
        app.update_ticket(ticket, update).unwrap();
        self.last_update.insert(ticket.to_owned(), action);
        self.writes += 1;
    }

    /// One round of counter work: a walk-in's ticket and its first comment
    /// (both on the new local reference), an update of the previous round's
    /// ticket, the same text again on a busy ticket (in the first rounds the
    /// Ping ticket that has it from the web already, then this desk's own
    /// tickets, ten rounds each, so no thread grows without end: each
    /// comment's first send reads its thread); an update of a ticket already
    /// on Ping.
    fn round(&mut self, app: &DeskCore, round: usize, existing: &[String]) {
        let created = app.create_ticket(walk_in(round)).unwrap();
        self.creates.push(created.op_id);
        self.writes += 1;
        let local = created.local_ref;
        self.comment(
            app,
            &local,
            &format!("Round {round}: router reset, lights checked"),
        );
        if let Some(previous) = self.local_refs.last().cloned() {
            self.update(
                app,
                &previous,
                format!("Replaced the cable (round {round})"),
            );
        }
        self.local_refs.push(local);
        if round < 30 {
            self.comment(app, &existing[0], SAME_TEXT);
        }
        let busy = self.local_refs[(round / 10 * 10).min(self.local_refs.len() - 1)].clone();
        self.comment(app, &busy, SAME_TEXT);
        let other = &existing[1 + round % (existing.len() - 1)];
        self.update(
            app,
            other,
            format!("Called the customer back (round {round})"),
        );
    }
}

/// Creates and comments the server holds: what a run has landed.
fn landed(sandbox: &RunningSandbox) -> usize {
    let stats = sandbox.stats();
    stats.tickets + stats.comments
}

fn desk_sync(db: &Path, sandbox: &RunningSandbox) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_desk-sync"));
    command
        .arg(db)
        .arg(sandbox.base_url())
        .env("PING_API_KEY", key())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    command
}

/// Lost and duplicated writes, comparing what was queued with the server.
#[derive(Debug, Default)]
struct Tally {
    lost: usize,
    duplicated: usize,
}

impl Tally {
    fn compare(&mut self, expected: usize, found: usize) {
        self.lost += expected.saturating_sub(found);
        self.duplicated += found.saturating_sub(expected);
    }
}

async fn tally(app: &DeskCore, client: &PingClient, queued: &Queued) -> Tally {
    let mut tally = Tally::default();
    let number_of = |ticket: &str| -> String {
        if ticket.starts_with(LOCAL_PREFIX) {
            app.store()
                .ticket_number_for(ticket)
                .unwrap()
                .unwrap_or_else(|| panic!("{ticket} was never numbered"))
        } else {
            ticket.to_owned()
        }
    };

    let numbers: Vec<String> = client
        .all_tickets(ListQuery::default())
        .map(|t| t.unwrap().ticket_number)
        .collect()
        .await;
    let mut per_marker: HashMap<String, usize> = HashMap::new();
    for number in &numbers {
        let ticket = client.get_ticket(number).await.unwrap();
        let marker = ticket
            .custom_fields
            .as_ref()
            .and_then(|fields| fields.get(MARKER_FIELD))
            .and_then(|marker| marker.as_str());
        if let Some(marker) = marker {
            *per_marker.entry(marker.to_owned()).or_default() += 1;
        }
    }
    for op_id in &queued.creates {
        tally.compare(1, per_marker.get(op_id).copied().unwrap_or(0));
    }
    let strays = per_marker
        .keys()
        .filter(|marker| !queued.creates.contains(marker))
        .count();
    tally.compare(0, strays);

    for (ticket, texts) in &queued.comments {
        let mut expected: HashMap<&str, usize> = HashMap::new();
        for text in texts {
            *expected.entry(text).or_default() += 1;
        }
        let thread = client
            .list_comments(&number_of(ticket), true)
            .await
            .unwrap();
        let mut found: HashMap<&str, usize> = HashMap::new();
        for comment in &thread {
            *found.entry(&comment.content).or_default() += 1;
        }
        let texts: HashSet<&str> = expected.keys().chain(found.keys()).copied().collect();
        for text in texts {
            tally.compare(
                expected.get(text).copied().unwrap_or(0),
                found.get(text).copied().unwrap_or(0),
            );
        }
    }

    for (ticket, action) in &queued.last_update {
        let ticket = client.get_ticket(&number_of(ticket)).await.unwrap();
        // An update lost, or applied out of order, leaves another value.
        if ticket.action_taken.as_deref() != Some(action.as_str()) {
            tally.lost += 1;
        }
    }
    tally
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_delivery_again_and_again_every_write_arrives_once() {
    let started = Instant::now();
    let kills = kills();
    let sandbox = sandbox().await;
    let client = client_for(&sandbox.base_url());
    let mut existing = Vec::new();
    for i in 0..EXISTING {
        let mut ticket = NewTicket::new(
            format!("Existing {i}: no signal upstairs"),
            "Logged from the web before this desk queued anything.",
        );
        ticket.customer_phone = Some(format!("+26371{:07}", 1_000_000 + i));
        existing.push(client.create_ticket(&ticket).await.unwrap().ticket_number);
    }

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    // The counter app: it queues writes between kills and never syncs.
    let app = DeskCore::open(&db, fast_sync()).unwrap();
    let mut queued = Queued::default();
    // Staff on Ping's web app typed the busy ticket's common text before the
    // desk did: the desk's identical comments must not be taken for it.
    client
        .add_comment(&existing[0], &NewComment::new(SAME_TEXT))
        .await
        .unwrap();
    queued
        .comments
        .entry(existing[0].clone())
        .or_default()
        .push(SAME_TEXT.to_owned());
    for round in 0..BACKLOG_ROUNDS {
        queued.round(&app, round, &existing);
    }

    sandbox.faults().set_latency(LATENCY);
    sandbox.faults().set_drop_after_commit_rate(LOST_ANSWERS);
    let landed_before_kills = landed(&sandbox);
    let mut killed = 0;
    let mut killed_in_flight = 0;
    let mut rng = rand::rng();
    for kill in 0..kills {
        // Two rounds per run: more than a run delivers before its kill, so
        // each run starts with writes to send.
        for round in [2 * kill, 2 * kill + 1] {
            queued.round(&app, BACKLOG_ROUNDS + round, &existing);
        }
        let landed_at_start = landed(&sandbox);
        let wanted = landed_at_start + rng.random_range(1..=6);
        let mut child = spawn(&mut desk_sync(&db, &sandbox)).expect("desk-sync starts");
        let run_started = Instant::now();
        let mut exited = false;
        while landed(&sandbox) < wanted && run_started.elapsed() < RUN_BOUND {
            if child.try_wait().unwrap().is_some() {
                exited = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        if exited {
            continue;
        }
        // Somewhere within the next requests' latency: mid-request, between
        // a commit and its (maybe lost) answer, or before it is recorded.
        let extra = rng.random_range(0..=2 * LATENCY.as_millis() as u64);
        tokio::time::sleep(Duration::from_millis(extra)).await;
        if child.try_wait().unwrap().is_some() {
            continue;
        }
        child.kill().await.unwrap(); // SIGKILL
        killed += 1;
        let in_flight = app
            .operations(false, u32::MAX)
            .unwrap()
            .iter()
            .filter(|op| op.state == OpState::InFlight)
            .count();
        if in_flight > 0 && landed(&sandbox) > landed_at_start {
            killed_in_flight += 1;
        }
    }
    let landed_during_kills = landed(&sandbox) - landed_before_kills;

    sandbox.faults().clear();
    let status = spawn(&mut desk_sync(&db, &sandbox))
        .unwrap()
        .wait()
        .await
        .unwrap();
    assert!(status.success(), "the last run drains the outbox");

    let tally = tally(&app, &client, &queued).await;
    println!(
        "crash soak: kills={killed} kills_in_flight={killed_in_flight} writes_queued={} \
         landed_during_kills={landed_during_kills} lost={} duplicated={} seconds={:.1}",
        queued.writes,
        tally.lost,
        tally.duplicated,
        started.elapsed().as_secs_f64()
    );
    assert!(
        killed >= kills * 9 / 10,
        "{killed} of {kills} runs were killed"
    );
    assert!(
        killed_in_flight >= kills * 3 / 4,
        "only {killed_in_flight} of {kills} kills landed after the run had landed writes, with sends in flight"
    );
    assert!(landed_during_kills > 0, "the killed runs delivered nothing");
    assert_eq!((tally.lost, tally.duplicated), (0, 0), "{tally:?}");
    let status = app.status().unwrap();
    assert_eq!((status.counts.pending, status.counts.failed), (0, 0));
}
