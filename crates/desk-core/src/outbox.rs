//! The outbox: every write staff make, stored durably before it is sent.
//!
//! States of an operation:
//!
//! ```text
//!  queued ──claim──▶ in_flight ──answer──▶ done
//!    ▲                  │  │
//!    │   transient,     │  └─ permanent (400/403/404/409) ──▶ failed ──retry──▶ queued
//!    ├── not applied ◀──┘                                        └──discard──▶ discarded
//!    │                  │
//!    │                  └─ outcome unknown (POST) ──▶ in_doubt ──reconcile──▶ done
//!    └───────────────── not found on the server ◀──────┘
//! ```
//!
//! An `in_flight` row found at start-up is a send the process did not see
//! the end of (a crash): a POST becomes `in_doubt`, a PUT (which is safe to
//! repeat) `queued`, and so does a comment that was never sent (its thread
//! is read, and what it found stored, before its first send).

use crate::error::{CoreError, Result};
use crate::store::{now_ms, Store};
use ping_api::{NewComment, NewTicket, TicketUpdate};
use rand::Rng;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The custom field every create carries, holding the operation's id, so a
/// ticket whose creation answer was lost can be recognised on the server.
pub const MARKER_FIELD: &str = "ping_desk_client_id";
/// Prefix of the references staff see for tickets Ping has not numbered yet.
pub const LOCAL_PREFIX: &str = "LOCAL-";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    CreateTicket,
    UpdateTicket,
    AddComment,
}

impl OperationKind {
    fn as_str(self) -> &'static str {
        match self {
            OperationKind::CreateTicket => "create_ticket",
            OperationKind::UpdateTicket => "update_ticket",
            OperationKind::AddComment => "add_comment",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        Ok(match text {
            "create_ticket" => OperationKind::CreateTicket,
            "update_ticket" => OperationKind::UpdateTicket,
            "add_comment" => OperationKind::AddComment,
            other => {
                return Err(CoreError::InvalidState(format!(
                    "unknown operation kind {other}"
                )))
            }
        })
    }

    /// A POST: repeating it after a lost answer could duplicate it.
    pub fn is_post(self) -> bool {
        !matches!(self, OperationKind::UpdateTicket)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    Queued,
    InFlight,
    InDoubt,
    Failed,
    Done,
    Discarded,
}

impl OpState {
    fn as_str(self) -> &'static str {
        match self {
            OpState::Queued => "queued",
            OpState::InFlight => "in_flight",
            OpState::InDoubt => "in_doubt",
            OpState::Failed => "failed",
            OpState::Done => "done",
            OpState::Discarded => "discarded",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        Ok(match text {
            "queued" => OpState::Queued,
            "in_flight" => OpState::InFlight,
            "in_doubt" => OpState::InDoubt,
            "failed" => OpState::Failed,
            "done" => OpState::Done,
            "discarded" => OpState::Discarded,
            other => {
                return Err(CoreError::InvalidState(format!(
                    "unknown operation state {other}"
                )))
            }
        })
    }

    /// Still to be delivered (or fixed).
    pub fn is_open(self) -> bool {
        !matches!(self, OpState::Done | OpState::Discarded)
    }
}

/// Who a write speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpOrigin {
    Staff,
    /// The customer at the counter: their satisfaction score (hidden from
    /// staff, see [`Operation::for_staff`]) and their comment. Sent as they
    /// gave it: staff may resend or discard it, not edit it.
    CounterSurvey,
}

impl OpOrigin {
    fn as_str(self) -> &'static str {
        match self {
            OpOrigin::Staff => "staff",
            OpOrigin::CounterSurvey => "counter_survey",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        Ok(match text {
            "staff" => OpOrigin::Staff,
            "counter_survey" => OpOrigin::CounterSurvey,
            other => {
                return Err(CoreError::InvalidState(format!(
                    "unknown operation origin {other}"
                )))
            }
        })
    }
}

/// What an operation sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "body", rename_all = "snake_case")]
pub enum Payload {
    CreateTicket(NewTicket),
    UpdateTicket(TicketUpdate),
    AddComment(NewComment),
}

impl Payload {
    pub fn kind(&self) -> OperationKind {
        match self {
            Payload::CreateTicket(_) => OperationKind::CreateTicket,
            Payload::UpdateTicket(_) => OperationKind::UpdateTicket,
            Payload::AddComment(_) => OperationKind::AddComment,
        }
    }
}

/// Why an operation last failed, as staff see it in the Outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpError {
    /// Ping's machine code, or the core's (`OFFLINE`, `SERVER_ERROR`, ...).
    pub code: String,
    pub message: String,
}

/// One outbox row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub seq: i64,
    pub id: String,
    pub kind: OperationKind,
    pub ticket_key: String,
    pub payload: Payload,
    pub state: OpState,
    pub origin: OpOrigin,
    pub attempts: u32,
    pub not_before: i64,
    pub first_sent_at: Option<i64>,
    pub last_error: Option<OpError>,
    /// Ticket number (create) or comment publicId, once Ping accepted it.
    pub result: Option<String>,
    /// The ticket's number, when Ping has given it one.
    pub ticket_number: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// For a comment: publicIds of comments with the same text that were on
    /// the ticket before its first send. None until read: never sent.
    #[serde(skip)]
    pub seen_before: Option<Vec<String>>,
}

impl Operation {
    /// The operation as staff may see it: a customer's score is taken out
    /// (`origin` says whose it was). The stored operation keeps it, and
    /// sends it; once Ping has it, the ticket shows it like any score.
    pub fn for_staff(mut self) -> Self {
        if self.origin == OpOrigin::CounterSurvey {
            if let Payload::UpdateTicket(update) = &mut self.payload {
                update.csat_score = None;
            }
        }
        self
    }

    /// The local reference, for an operation on a ticket created here.
    pub fn local_ref(&self) -> Option<&str> {
        self.ticket_key
            .starts_with(LOCAL_PREFIX)
            .then_some(self.ticket_key.as_str())
    }
}

/// A create, as queued: what staff are shown at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedCreate {
    pub op_id: String,
    pub local_ref: String,
}

/// Counts for the always-visible sync status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxCounts {
    /// Waiting to be sent or being sent (queued, in flight, in doubt).
    pub pending: u32,
    /// Stopped on a permanent error, waiting for staff.
    pub failed: u32,
}

/// The outbox as support needs it (the app's diagnostics): how many writes
/// are in each state, when Ping last took one, and the latest error codes.
/// Codes and times only: never a write's content or Ping's message, which
/// may quote it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutboxReport {
    /// (state, count), for every state that has writes.
    pub by_state: Vec<(String, u32)>,
    /// When a write last reached Ping (ms since the epoch).
    pub last_sent_at: Option<i64>,
    /// The latest errors: (code, state now, when).
    pub recent_errors: Vec<(String, String, i64)>,
}

const SELECT_OPERATION: &str = "SELECT o.seq, o.id, o.kind, o.ticket_key, o.payload, o.state, o.attempts, o.not_before,
        o.first_sent_at, o.last_error_code, o.last_error_message, o.result, o.created_at, o.updated_at,
        COALESCE(l.ticket_number, CASE WHEN o.ticket_key LIKE 'LOCAL-%' THEN NULL ELSE o.ticket_key END),
        o.origin, o.seen_before
   FROM operations o LEFT JOIN local_tickets l ON l.local_ref = o.ticket_key";

/// An operation with its enum and JSON columns still raw: kind, payload,
/// state, origin, and seen_before.
type RawOperation = (Operation, [String; 4], Option<String>);

fn operation_from_row(row: &Row<'_>) -> rusqlite::Result<RawOperation> {
    let code: Option<String> = row.get(9)?;
    let message: Option<String> = row.get(10)?;
    Ok((
        Operation {
            seq: row.get(0)?,
            id: row.get(1)?,
            kind: OperationKind::CreateTicket,
            ticket_key: row.get(3)?,
            payload: Payload::CreateTicket(NewTicket::default()),
            state: OpState::Queued,
            origin: OpOrigin::Staff,
            attempts: row.get(6)?,
            not_before: row.get(7)?,
            first_sent_at: row.get(8)?,
            last_error: code.map(|code| OpError {
                code,
                message: message.unwrap_or_default(),
            }),
            result: row.get(11)?,
            created_at: row.get(12)?,
            updated_at: row.get(13)?,
            ticket_number: row.get(14)?,
            seen_before: None,
        },
        [row.get(2)?, row.get(4)?, row.get(5)?, row.get(15)?],
        row.get(16)?,
    ))
}

/// Finishes decoding a row: the enum and JSON columns.
fn decode(
    (mut op, [kind, payload, state, origin], seen_before): RawOperation,
) -> Result<Operation> {
    op.kind = OperationKind::parse(&kind)?;
    op.payload = serde_json::from_str(&payload)?;
    op.state = OpState::parse(&state)?;
    op.origin = OpOrigin::parse(&origin)?;
    op.seen_before = seen_before
        .map(|ids| serde_json::from_str(&ids))
        .transpose()?;
    Ok(op)
}

fn new_local_ref() -> String {
    // Crockford's base32 without I, L, O, U: easy to read out and type.
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let code: String = (0..6)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{LOCAL_PREFIX}{code}")
}

/// Checks that input can be valid before it is stored: the same rules Ping
/// applies, so a queued write does not fail hours later for a typo.
pub fn validate(payload: &Payload) -> Result<()> {
    fn required(field: &str, value: &str) -> Result<()> {
        if value.trim().is_empty() {
            return Err(CoreError::Validation(format!("{field} is required")));
        }
        Ok(())
    }
    match payload {
        Payload::CreateTicket(ticket) => {
            required("subject", &ticket.subject)?;
            required("description", &ticket.description)?;
            if let Some(phone) = ticket.customer_phone.as_deref().filter(|p| !p.is_empty()) {
                if !is_e164(phone) {
                    return Err(CoreError::Validation(
                        "the customer's phone must be in international format, e.g. +263771234567"
                            .into(),
                    ));
                }
            }
        }
        Payload::UpdateTicket(update) => {
            if update.is_empty() {
                return Err(CoreError::Validation("nothing to update".into()));
            }
        }
        Payload::AddComment(comment) => required("the comment", &comment.content)?,
    }
    Ok(())
}

/// E.164: a plus, a non-zero digit, 7 to 15 digits in all.
pub fn is_e164(phone: &str) -> bool {
    phone.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

impl Store {
    /// Queues a new ticket. It carries its operation id as
    /// `external_ticket_id` and in the marker custom field.
    pub fn enqueue_create(&self, mut ticket: NewTicket) -> Result<QueuedCreate> {
        validate(&Payload::CreateTicket(ticket.clone()))?;
        let op_id = uuid::Uuid::now_v7().to_string();
        ticket.external_ticket_id = Some(op_id.clone());
        ticket
            .custom_fields
            .get_or_insert_with(Default::default)
            .insert(MARKER_FIELD.into(), Value::String(op_id.clone()));
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let local_ref = loop {
            let candidate = new_local_ref();
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM local_tickets WHERE local_ref = ?1)",
                [&candidate],
                |r| r.get(0),
            )?;
            if !taken {
                break candidate;
            }
        };
        insert_operation(
            &tx,
            &op_id,
            &local_ref,
            &Payload::CreateTicket(ticket),
            OpOrigin::Staff,
        )?;
        tx.execute(
            "INSERT INTO local_tickets (local_ref, op_id, created_at) VALUES (?1, ?2, ?3)",
            params![local_ref, op_id, now_ms()],
        )?;
        tx.commit()?;
        Ok(QueuedCreate { op_id, local_ref })
    }

    /// Queues an update of a ticket, by number or local reference.
    pub fn enqueue_update(&self, ticket: &str, update: TicketUpdate) -> Result<String> {
        self.enqueue_on_ticket(ticket, Payload::UpdateTicket(update), OpOrigin::Staff)
    }

    /// Queues a comment on a ticket, by number or local reference.
    pub fn enqueue_comment(&self, ticket: &str, comment: NewComment) -> Result<String> {
        self.enqueue_on_ticket(ticket, Payload::AddComment(comment), OpOrigin::Staff)
    }

    /// Queues what the customer gave at the counter (score or comment).
    pub(crate) fn enqueue_from_counter(&self, ticket: &str, payload: Payload) -> Result<String> {
        self.enqueue_on_ticket(ticket, payload, OpOrigin::CounterSurvey)
    }

    fn enqueue_on_ticket(
        &self,
        ticket: &str,
        payload: Payload,
        origin: OpOrigin,
    ) -> Result<String> {
        validate(&payload)?;
        let op_id = uuid::Uuid::now_v7().to_string();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let key = ticket_key(&tx, ticket)?;
        insert_operation(&tx, &op_id, &key, &payload, origin)?;
        tx.commit()?;
        Ok(op_id)
    }

    pub fn operation(&self, op_id: &str) -> Result<Operation> {
        let conn = self.conn();
        let raw = conn
            .query_row(
                &format!("{SELECT_OPERATION} WHERE o.id = ?1"),
                [op_id],
                operation_from_row,
            )
            .optional()?
            .ok_or_else(|| CoreError::UnknownOperation(op_id.to_owned()))?;
        decode(raw)
    }

    /// Operations still to deliver or fix, oldest first; with `include_done`,
    /// delivered and discarded ones too (newest first, up to `limit`).
    pub fn operations(&self, include_done: bool, limit: u32) -> Result<Vec<Operation>> {
        let conn = self.conn();
        let sql = if include_done {
            format!("{SELECT_OPERATION} ORDER BY o.seq DESC LIMIT ?1")
        } else {
            format!("{SELECT_OPERATION} WHERE o.state NOT IN ('done', 'discarded') ORDER BY o.seq LIMIT ?1")
        };
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([limit], operation_from_row)?;
        rows.map(|raw| decode(raw?)).collect()
    }

    /// Operations on one ticket still to deliver or fix, oldest first.
    pub fn open_operations_on(&self, ticket_key: &str) -> Result<Vec<Operation>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT_OPERATION} WHERE o.ticket_key = ?1 AND o.state NOT IN ('done', 'discarded') ORDER BY o.seq"
        ))?;
        let rows = stmt.query_map([ticket_key], operation_from_row)?;
        rows.map(|raw| decode(raw?)).collect()
    }

    pub fn counts(&self) -> Result<OutboxCounts> {
        let conn = self.conn();
        Ok(conn.query_row(
            // Only open rows are read (through the state index), so the count
            // stays cheap however long the history of delivered writes grows.
            "SELECT COUNT(*) FILTER (WHERE state <> 'failed'), COUNT(*) FILTER (WHERE state = 'failed')
               FROM operations WHERE state IN ('queued', 'in_flight', 'in_doubt', 'failed')",
            [],
            |r| {
                Ok(OutboxCounts {
                    pending: r.get(0)?,
                    failed: r.get(1)?,
                })
            },
        )?)
    }

    /// Counts by state, the last delivery and the five latest error codes.
    pub fn outbox_report(&self) -> Result<OutboxReport> {
        let conn = self.conn();
        let by_state = conn
            .prepare("SELECT state, COUNT(*) FROM operations GROUP BY state ORDER BY state")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let last_sent_at = conn.query_row(
            "SELECT MAX(updated_at) FROM operations WHERE state = 'done'",
            [],
            |r| r.get(0),
        )?;
        let recent_errors = conn
            .prepare(
                "SELECT last_error_code, state, updated_at FROM operations
                  WHERE last_error_code IS NOT NULL ORDER BY updated_at DESC LIMIT 5",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OutboxReport {
            by_state,
            last_sent_at,
            recent_errors,
        })
    }

    /// The earliest time a waiting operation may be sent, if any waits.
    pub fn next_due_at(&self) -> Result<Option<i64>> {
        let conn = self.conn();
        Ok(conn.query_row(
            "SELECT MIN(not_before) FROM operations WHERE state IN ('queued', 'in_doubt')",
            [],
            |r| r.get(0),
        )?)
    }

    /// Marks up to `limit` due operations `in_flight` and returns them. An
    /// operation is due when its backoff has passed and every earlier
    /// operation on the same ticket has been delivered or discarded, so each
    /// ticket's writes reach Ping in the order staff made them. A create is
    /// due only when no earlier create is still on its way (queued, in
    /// flight or in doubt), so new tickets reach Ping one at a time in the
    /// order they were logged and Ping's numbers follow the walk-in order;
    /// one that failed (for staff to fix) does not hold the others back.
    pub fn claim_due(&self, now: i64, limit: u32) -> Result<Vec<Operation>> {
        self.claim_due_ordered(now, limit, true)
    }

    /// [`Store::claim_due`], with creates in walk-in order or (`ordered`
    /// false, only to measure what the order costs) like any other write.
    pub fn claim_due_ordered(&self, now: i64, limit: u32, ordered: bool) -> Result<Vec<Operation>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let due: Vec<Operation> = {
            let mut stmt = tx.prepare(&format!(
                "{SELECT_OPERATION}
                  WHERE o.state IN ('queued', 'in_doubt') AND o.not_before <= ?1
                    AND NOT EXISTS (SELECT 1 FROM operations p
                                     WHERE p.ticket_key = o.ticket_key AND p.seq < o.seq
                                       AND p.state NOT IN ('done', 'discarded'))
                    AND (o.kind <> 'create_ticket' OR NOT ?3
                         OR NOT EXISTS (SELECT 1 FROM operations c
                                         WHERE c.kind = 'create_ticket' AND c.seq < o.seq
                                           AND c.state IN ('queued', 'in_flight', 'in_doubt')))
                  ORDER BY o.seq LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![now, limit, ordered], operation_from_row)?;
            rows.map(|raw| decode(raw?)).collect::<Result<_>>()?
        };
        // Claimed operations are in_flight, in doubt or not: a crash while
        // one is handled makes a POST in_doubt again at start-up. The
        // returned copies keep the state they were claimed in, so the engine
        // knows to look on the server before resending an in-doubt one.
        for op in &due {
            tx.execute(
                "UPDATE operations SET state = 'in_flight', attempts = attempts + 1,
                        first_sent_at = COALESCE(first_sent_at, ?2), updated_at = ?2
                  WHERE seq = ?1",
                params![op.seq, now],
            )?;
        }
        tx.commit()?;
        Ok(due
            .into_iter()
            .map(|mut op| {
                op.attempts += 1;
                op.first_sent_at.get_or_insert(now);
                op
            })
            .collect())
    }

    /// After a crash: sends that never saw their end. A POST's outcome is
    /// unknown; a PUT can simply be sent again, and so can a comment whose
    /// thread was never read (it is read before the first send).
    pub fn recover_interrupted(&self) -> Result<usize> {
        let conn = self.conn();
        let now = now_ms();
        let posts = conn.execute(
            "UPDATE operations SET state = 'in_doubt', updated_at = ?1
              WHERE state = 'in_flight'
                AND (kind = 'create_ticket' OR (kind = 'add_comment' AND seen_before IS NOT NULL))",
            [now],
        )?;
        let puts = conn.execute(
            "UPDATE operations SET state = 'queued', updated_at = ?1 WHERE state = 'in_flight'",
            [now],
        )?;
        Ok(posts + puts)
    }

    /// Records what became of sent operations, all in one transaction (one
    /// disk sync for a batch): deliveries with what Ping answered (cached on
    /// the way), and new states for the rest.
    pub fn record(&self, outcomes: &[(Operation, Change)]) -> Result<()> {
        let mut conn = self.conn();
        // An outcome need not survive a power cut: a delivery whose record is
        // lost is `in_flight` at the next start, and is then found on the
        // server instead of being sent again. The writes that must be durable
        // (enqueue, claim) keep synchronous=FULL; this one skips the disk
        // sync, and the next FULL commit syncs it along.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let result = Self::record_in(&mut conn, outcomes);
        conn.pragma_update(None, "synchronous", "FULL")?;
        result
    }

    fn record_in(conn: &mut rusqlite::Connection, outcomes: &[(Operation, Change)]) -> Result<()> {
        let tx = conn.transaction()?;
        let now = now_ms();
        for (op, change) in outcomes {
            match change {
                Change::Delivered {
                    result,
                    ticket,
                    comment,
                } => {
                    tx.execute(
                        "UPDATE operations SET state = 'done', result = ?2, last_error_code = NULL,
                                last_error_message = NULL, updated_at = ?3 WHERE seq = ?1",
                        params![op.seq, result, now],
                    )?;
                    if op.kind == OperationKind::CreateTicket {
                        tx.execute(
                            "UPDATE local_tickets SET ticket_number = ?2 WHERE op_id = ?1",
                            params![op.id, result],
                        )?;
                    }
                    if let Some((ticket, complete)) = ticket.as_deref() {
                        crate::cache::upsert_ticket(&tx, ticket, *complete, now)?;
                    }
                    if let Some((number, comment)) = comment.as_deref() {
                        crate::cache::append_comment(&tx, number, comment, now)?;
                    }
                }
                Change::Requeue { not_before, error } => {
                    set_state(&tx, op, OpState::Queued, *not_before, Some(error), now)?
                }
                Change::InDoubt { not_before, error } => {
                    set_state(&tx, op, OpState::InDoubt, *not_before, Some(error), now)?
                }
                Change::Failed { error } => {
                    set_state(&tx, op, OpState::Failed, 0, Some(error), now)?
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Ping accepted the operation (see [`Store::record`]).
    pub fn mark_done(&self, op: &Operation, result: &str) -> Result<()> {
        let change = Change::Delivered {
            result: result.to_owned(),
            ticket: None,
            comment: None,
        };
        self.record(&[(op.clone(), change)])
    }

    /// Stopped on a permanent error, kept for staff to fix or discard.
    pub fn mark_failed(&self, op: &Operation, error: &OpError) -> Result<()> {
        self.record(&[(
            op.clone(),
            Change::Failed {
                error: error.clone(),
            },
        )])
    }

    /// Claimed operations that were never sent (the engine stopped): back to
    /// the state they were claimed in.
    pub fn release(&self, ops: &[Operation]) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for op in ops {
            tx.execute(
                "UPDATE operations SET state = ?2, attempts = MAX(attempts - 1, 0)
                  WHERE seq = ?1 AND state = 'in_flight'",
                params![op.seq, op.state.as_str()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Makes waiting operations due now (connectivity came back, or staff
    /// asked to sync). In-doubt ones keep their state.
    pub fn expedite(&self) -> Result<usize> {
        Ok(self.conn().execute(
            "UPDATE operations SET not_before = 0 WHERE state IN ('queued', 'in_doubt') AND not_before > 0",
            [],
        )?)
    }

    /// Staff fixed (or just retry) a failed operation: queue it again, with
    /// the edited payload if given. A create keeps its id and marker.
    pub fn retry(&self, op_id: &str, edited: Option<Payload>) -> Result<Operation> {
        let op = self.operation(op_id)?;
        if op.state != OpState::Failed {
            return Err(CoreError::InvalidState(
                "only an operation that failed can be sent again".into(),
            ));
        }
        let payload = match edited {
            None => op.payload.clone(),
            Some(_) if op.origin == OpOrigin::CounterSurvey => {
                return Err(CoreError::Validation(
                    "what the customer gave is sent as they gave it: send it again or discard it"
                        .into(),
                ))
            }
            Some(edited) if edited.kind() != op.kind => {
                return Err(CoreError::Validation(
                    "the edited operation must be of the same kind".into(),
                ))
            }
            Some(Payload::CreateTicket(mut ticket)) => {
                ticket.external_ticket_id = Some(op.id.clone());
                ticket
                    .custom_fields
                    .get_or_insert_with(Default::default)
                    .insert(MARKER_FIELD.into(), Value::String(op.id.clone()));
                Payload::CreateTicket(ticket)
            }
            Some(other) => other,
        };
        validate(&payload)?;
        self.conn().execute(
            // A failed write was not applied: a comment's thread is read
            // afresh before it is sent (its text may have been edited).
            "UPDATE operations SET state = 'queued', payload = ?2, not_before = 0, updated_at = ?3,
                    seen_before = NULL
              WHERE seq = ?1",
            params![op.seq, serde_json::to_string(&payload)?, now_ms()],
        )?;
        self.operation(op_id)
    }

    /// Staff gave up on an operation. Discarding a create also discards the
    /// updates and comments queued on that ticket, which could never be sent.
    /// Returns the ids discarded.
    pub fn discard(&self, op_id: &str) -> Result<Vec<String>> {
        let op = self.operation(op_id)?;
        if !matches!(op.state, OpState::Failed | OpState::Queued) {
            return Err(CoreError::InvalidState(
                "only a queued or failed operation can be discarded; this one is being sent or is done".into(),
            ));
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let mut ids = vec![op.id.clone()];
        if op.kind == OperationKind::CreateTicket {
            let mut stmt = tx.prepare(
                "SELECT id FROM operations WHERE ticket_key = ?1 AND seq > ?2 AND state NOT IN ('done', 'discarded')",
            )?;
            let dependants =
                stmt.query_map(params![op.ticket_key, op.seq], |r| r.get::<_, String>(0))?;
            for id in dependants {
                ids.push(id?);
            }
        }
        for id in &ids {
            tx.execute(
                "UPDATE operations SET state = 'discarded', updated_at = ?2 WHERE id = ?1",
                params![id, now_ms()],
            )?;
        }
        tx.commit()?;
        Ok(ids)
    }

    /// The Ping number of a ticket created here, once known.
    pub fn ticket_number_for(&self, local_ref: &str) -> Result<Option<String>> {
        let conn = self.conn();
        let row: Option<Option<String>> = conn
            .query_row(
                "SELECT ticket_number FROM local_tickets WHERE local_ref = ?1",
                [local_ref],
                |r| r.get(0),
            )
            .optional()?;
        row.ok_or_else(|| CoreError::UnknownTicket(local_ref.to_owned()))
    }

    /// Records, durably and before a comment is first sent, the comments with
    /// the same text already on its ticket.
    pub fn set_seen_before(&self, op: &Operation, comment_ids: &[String]) -> Result<()> {
        self.conn().execute(
            "UPDATE operations SET seen_before = ?2 WHERE seq = ?1",
            params![op.seq, serde_json::to_string(comment_ids)?],
        )?;
        Ok(())
    }

    /// Publicids of comments this desk already delivered with the same text
    /// on a ticket: reconciliation must not claim one of those as a lost one.
    pub fn delivered_comment_ids(&self, ticket_key: &str) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT result FROM operations WHERE ticket_key = ?1 AND kind = 'add_comment'
                AND state = 'done' AND result IS NOT NULL",
        )?;
        let rows = stmt.query_map([ticket_key], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// What became of a sent operation.
#[derive(Debug, Clone)]
pub enum Change {
    /// Ping accepted it: the ticket number (create, update) or comment id,
    /// and what to cache from the answer.
    Delivered {
        result: String,
        ticket: Option<Box<(ping_api::Ticket, bool)>>,
        comment: Option<Box<(String, ping_api::Comment)>>,
    },
    Requeue {
        not_before: i64,
        error: OpError,
    },
    InDoubt {
        not_before: i64,
        error: OpError,
    },
    Failed {
        error: OpError,
    },
}

fn set_state(
    tx: &Transaction<'_>,
    op: &Operation,
    state: OpState,
    not_before: i64,
    error: Option<&OpError>,
    now: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE operations SET state = ?2, not_before = ?3, last_error_code = ?4,
                last_error_message = ?5, updated_at = ?6 WHERE seq = ?1",
        params![
            op.seq,
            state.as_str(),
            not_before,
            error.map(|e| e.code.as_str()),
            error.map(|e| e.message.as_str()),
            now
        ],
    )?;
    Ok(())
}

fn insert_operation(
    tx: &Transaction<'_>,
    op_id: &str,
    ticket_key: &str,
    payload: &Payload,
    origin: OpOrigin,
) -> Result<()> {
    let now = now_ms();
    tx.execute(
        "INSERT INTO operations (id, kind, ticket_key, payload, state, origin, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?6)",
        params![
            op_id,
            payload.kind().as_str(),
            ticket_key,
            serde_json::to_string(payload)?,
            origin.as_str(),
            now
        ],
    )?;
    Ok(())
}

/// The key operations on `ticket` are ordered by: its local reference when
/// it was created on this desk (even after Ping numbered it), else the number.
fn ticket_key(tx: &Transaction<'_>, ticket: &str) -> Result<String> {
    let ticket = ticket.trim();
    if ticket.is_empty() {
        return Err(CoreError::Validation("a ticket number is required".into()));
    }
    if ticket.starts_with(LOCAL_PREFIX) {
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM local_tickets WHERE local_ref = ?1)",
            [ticket],
            |r| r.get(0),
        )?;
        return if known {
            Ok(ticket.to_owned())
        } else {
            Err(CoreError::UnknownTicket(ticket.to_owned()))
        };
    }
    let local: Option<String> = tx
        .query_row(
            "SELECT local_ref FROM local_tickets WHERE ticket_number = ?1",
            [ticket],
            |r| r.get(0),
        )
        .optional()?;
    Ok(local.unwrap_or_else(|| ticket.to_owned()))
}
