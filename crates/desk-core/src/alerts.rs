//! When to tell staff, outside the app, that something needs them: writes
//! Ping refused, or the key it stopped accepting. Staff may be in another
//! program, so the app shows these as desktop notifications, but only while
//! its window is not focused (the window's own notices say it otherwise).
//!
//! Pure: signals and the clock go in, at most a few [`Alert`]s come out. No
//! storm: refusals that arrive close together become one alert ("3 writes
//! were refused"), and a rejected key is told once until sending resumes.
//! The text names tickets by their local reference or number only, never a
//! customer's details, Ping's message or the key.

use crate::events::CoreEvent;
use std::time::Duration;

/// How long refusals are gathered before one alert tells of them all.
pub const REFUSALS_WINDOW: Duration = Duration::from_secs(4);

/// At most this many tickets are named in one alert; the rest are counted.
const TICKETS_NAMED: usize = 3;

/// A ticket reference is ours (`LOCAL-…`) or Ping's number (`TKT-…`); a
/// longer one from a strange server is cut rather than shown whole.
const REFERENCE_CHARS: usize = 32;

/// What to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub title: String,
    pub body: String,
}

/// What the alerts are made of: the core's events, reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Ping refused a queued write (it waits in the Outbox for staff).
    Refused {
        op_id: String,
        /// The local reference or ticket number the write is about.
        ticket: String,
    },
    /// Ping rejected the key: all sending paused.
    KeyRejected,
    /// Sending resumed (a new key): a later rejection is news again.
    Resumed,
}

impl Signal {
    /// The signal in a core event, if any. `ticket_of` names the ticket of a
    /// refused operation (its local reference or number).
    pub fn of(event: &CoreEvent, ticket_of: impl FnOnce(&str) -> Option<String>) -> Option<Self> {
        match event {
            CoreEvent::Failed { op_id, .. } => Some(Signal::Refused {
                op_id: op_id.clone(),
                ticket: ticket_of(op_id).unwrap_or_default(),
            }),
            CoreEvent::SyncPaused { reason, .. } if reason == "AUTH_REJECTED" => {
                Some(Signal::KeyRejected)
            }
            CoreEvent::SyncResumed => Some(Signal::Resumed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyAlert {
    /// Nothing to tell.
    Quiet,
    /// Rejected; not told yet.
    Due,
    /// Told (or seen in the window): not again until sending resumes.
    Told,
}

/// The alert state of one workspace.
#[derive(Debug, Clone)]
pub struct Alerts {
    window_ms: i64,
    /// Refused writes gathered for the next alert: (operation, ticket).
    refused: Vec<(String, String)>,
    /// When the first of them arrived.
    first_refused_at: Option<i64>,
    key: KeyAlert,
}

impl Default for Alerts {
    fn default() -> Self {
        Self::new(REFUSALS_WINDOW)
    }
}

impl Alerts {
    /// Refusals are gathered for `window` after the first.
    pub fn new(window: Duration) -> Self {
        Self {
            window_ms: window.as_millis().min(i64::MAX as u128) as i64,
            refused: Vec::new(),
            first_refused_at: None,
            key: KeyAlert::Quiet,
        }
    }

    /// Takes in a signal that arrived at `now_ms`.
    pub fn observe(&mut self, signal: Signal, now_ms: i64) {
        match signal {
            Signal::Refused { op_id, ticket } => {
                if self.refused.iter().any(|(op, _)| *op == op_id) {
                    return;
                }
                self.first_refused_at.get_or_insert(now_ms);
                self.refused.push((op_id, ticket));
            }
            Signal::KeyRejected => {
                if self.key == KeyAlert::Quiet {
                    self.key = KeyAlert::Due;
                }
            }
            Signal::Resumed => self.key = KeyAlert::Quiet,
        }
    }

    /// When [`Alerts::due`] next has something to give (for the caller's
    /// timer), if anything waits.
    pub fn next_due_at(&self) -> Option<i64> {
        if self.key == KeyAlert::Due {
            return Some(i64::MIN);
        }
        self.first_refused_at
            .map(|first| first.saturating_add(self.window_ms))
    }

    /// The alerts due at `now_ms`. With `focused` (the staff window has
    /// focus, and shows these itself) they are dropped, not kept for later:
    /// staff have seen them.
    pub fn due(&mut self, now_ms: i64, focused: bool) -> Vec<Alert> {
        let mut alerts = Vec::new();
        if self.key == KeyAlert::Due {
            self.key = KeyAlert::Told;
            alerts.push(key_rejected_alert());
        }
        let refusals_due = self
            .first_refused_at
            .is_some_and(|first| now_ms >= first.saturating_add(self.window_ms));
        if refusals_due {
            let refused = std::mem::take(&mut self.refused);
            self.first_refused_at = None;
            let tickets: Vec<&str> = refused.iter().map(|(_, ticket)| ticket.as_str()).collect();
            alerts.push(refusal_alert(&tickets));
        }
        if focused {
            alerts.clear();
        }
        alerts
    }
}

/// The alert for writes Ping refused, about these tickets (one per write).
pub fn refusal_alert(tickets: &[&str]) -> Alert {
    let writes = tickets.len();
    let mut named: Vec<String> = Vec::new();
    for ticket in tickets {
        let ticket = reference(ticket);
        if !ticket.is_empty() && !named.contains(&ticket) {
            named.push(ticket);
        }
    }
    let more = named.len().saturating_sub(TICKETS_NAMED);
    named.truncate(TICKETS_NAMED);
    let mut list = match named.len() {
        0 => String::new(),
        1 => named[0].clone(),
        n => format!("{} and {}", named[..n - 1].join(", "), named[n - 1]),
    };
    if more > 0 {
        list = format!("{}, and {more} more", named.join(", "));
    }
    let (title, what) = if writes <= 1 {
        ("Ping refused a write".to_owned(), "a write")
    } else {
        (format!("{writes} writes were refused"), "writes")
    };
    let about = if list.is_empty() {
        String::new()
    } else {
        format!(" for {list}")
    };
    let fix = if writes <= 1 {
        "fix it and send it again, or discard it"
    } else {
        "fix them and send them again, or discard them"
    };
    Alert {
        title,
        body: format!("Ping refused {what}{about}. Open the Outbox in Ping Desk to {fix}."),
    }
}

/// The alert for a key Ping stopped accepting.
pub fn key_rejected_alert() -> Alert {
    Alert {
        title: "Ping rejected the API key".to_owned(),
        body: "Ping Desk has stopped sending; writes wait in the Outbox. Connect again with a valid key in Settings.".to_owned(),
    }
}

/// A ticket reference as an alert shows it: printable, and short.
fn reference(ticket: &str) -> String {
    ticket
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(REFERENCE_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(op: &str, ticket: &str) -> Signal {
        Signal::Refused {
            op_id: op.into(),
            ticket: ticket.into(),
        }
    }

    #[test]
    fn refusals_close_together_become_one_alert_once_the_window_has_passed() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(refused("op1", "LOCAL-AAAAAA"), 1_000);
        alerts.observe(refused("op2", "TKT-2026-00012"), 2_000);
        alerts.observe(refused("op3", "LOCAL-BBBBBB"), 4_900);
        assert_eq!(alerts.next_due_at(), Some(5_000));
        assert!(
            alerts.due(4_999, false).is_empty(),
            "not before the window ends"
        );
        let due = alerts.due(5_000, false);
        assert_eq!(
            due,
            vec![Alert {
                title: "3 writes were refused".into(),
                body: "Ping refused writes for LOCAL-AAAAAA, TKT-2026-00012 and LOCAL-BBBBBB. Open the Outbox in Ping Desk to fix them and send them again, or discard them.".into(),
            }]
        );
        assert!(alerts.due(60_000, false).is_empty(), "told once");
        assert_eq!(alerts.next_due_at(), None);
    }

    #[test]
    fn one_refusal_names_its_ticket() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(refused("op1", "LOCAL-7KQ2PX"), 0);
        assert_eq!(
            alerts.due(4_000, false),
            vec![Alert {
                title: "Ping refused a write".into(),
                body: "Ping refused a write for LOCAL-7KQ2PX. Open the Outbox in Ping Desk to fix it and send it again, or discard it.".into(),
            }]
        );
    }

    #[test]
    fn a_later_refusal_starts_a_new_alert() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(refused("op1", "LOCAL-AAAAAA"), 0);
        assert_eq!(alerts.due(4_000, false).len(), 1);
        alerts.observe(refused("op2", "LOCAL-BBBBBB"), 10_000);
        assert_eq!(alerts.next_due_at(), Some(14_000));
        let due = alerts.due(14_000, false);
        assert_eq!(due.len(), 1);
        assert!(due[0].body.contains("LOCAL-BBBBBB"));
        assert!(!due[0].body.contains("LOCAL-AAAAAA"));
    }

    #[test]
    fn the_same_write_is_counted_once_and_a_ticket_named_once() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(refused("op1", "LOCAL-AAAAAA"), 0);
        alerts.observe(refused("op1", "LOCAL-AAAAAA"), 100);
        alerts.observe(refused("op2", "LOCAL-AAAAAA"), 200);
        let due = alerts.due(4_000, false);
        assert_eq!(due[0].title, "2 writes were refused");
        assert_eq!(
            due[0].body.matches("LOCAL-AAAAAA").count(),
            1,
            "{}",
            due[0].body
        );
    }

    #[test]
    fn many_tickets_are_counted_past_the_first_three() {
        let tickets = ["LOCAL-A", "LOCAL-B", "LOCAL-C", "LOCAL-D", "LOCAL-E"];
        let alert = refusal_alert(&tickets);
        assert_eq!(alert.title, "5 writes were refused");
        assert!(
            alert
                .body
                .starts_with("Ping refused writes for LOCAL-A, LOCAL-B, LOCAL-C, and 2 more."),
            "{}",
            alert.body
        );
        assert!(!alert.body.contains("LOCAL-D"));
    }

    #[test]
    fn a_refusal_without_a_known_ticket_still_alerts() {
        let alert = refusal_alert(&[""]);
        assert_eq!(
            alert.body,
            "Ping refused a write. Open the Outbox in Ping Desk to fix it and send it again, or discard it."
        );
    }

    #[test]
    fn a_strange_reference_is_cut_and_stripped_of_control_characters() {
        let long = format!("TKT-\n{}", "9".repeat(100));
        let alert = refusal_alert(&[&long]);
        assert!(!alert.body.contains('\n'));
        assert!(alert.body.contains(&format!("TKT-{}", "9".repeat(28))));
        assert!(!alert.body.contains(&"9".repeat(29)));
    }

    #[test]
    fn nothing_is_shown_while_the_window_is_focused_and_nothing_is_kept_for_later() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(refused("op1", "LOCAL-AAAAAA"), 0);
        alerts.observe(Signal::KeyRejected, 0);
        assert!(alerts.due(4_000, true).is_empty());
        assert!(
            alerts.due(60_000, false).is_empty(),
            "seen in the window already"
        );
    }

    #[test]
    fn a_rejected_key_is_told_at_once_and_once_until_sending_resumes() {
        let mut alerts = Alerts::new(Duration::from_secs(4));
        alerts.observe(Signal::KeyRejected, 1_000);
        assert_eq!(alerts.next_due_at(), Some(i64::MIN), "due at once");
        assert_eq!(alerts.due(1_000, false), vec![key_rejected_alert()]);
        alerts.observe(Signal::KeyRejected, 2_000);
        assert!(
            alerts.due(10_000, false).is_empty(),
            "the same pause, told once"
        );
        alerts.observe(Signal::Resumed, 20_000);
        alerts.observe(Signal::KeyRejected, 30_000);
        assert_eq!(alerts.due(30_000, false), vec![key_rejected_alert()]);
    }

    #[test]
    fn signals_come_from_refusals_key_pauses_and_resumes_only() {
        let failed = CoreEvent::Failed {
            op_id: "op1".into(),
            error: crate::OpError {
                code: "VALIDATION".into(),
                message: "phone +263771234567 is not valid".into(),
            },
        };
        assert_eq!(
            Signal::of(&failed, |op| Some(format!("LOCAL-{op}"))),
            Some(refused("op1", "LOCAL-op1"))
        );
        let paused = |reason: &str| CoreEvent::SyncPaused {
            reason: reason.into(),
            message: "m".into(),
        };
        assert_eq!(
            Signal::of(&paused("AUTH_REJECTED"), |_| None),
            Some(Signal::KeyRejected)
        );
        assert_eq!(Signal::of(&paused("OTHER"), |_| None), None);
        assert_eq!(
            Signal::of(&CoreEvent::SyncResumed, |_| None),
            Some(Signal::Resumed)
        );
        assert_eq!(
            Signal::of(&CoreEvent::InDoubt { op_id: "x".into() }, |_| None),
            None
        );
    }

    #[test]
    fn alert_texts_never_carry_pings_message() {
        let mut alerts = Alerts::new(Duration::ZERO);
        let failed = CoreEvent::Failed {
            op_id: "op1".into(),
            error: crate::OpError {
                code: "VALIDATION".into(),
                message: "Tendai Moyo +263771234567".into(),
            },
        };
        alerts.observe(
            Signal::of(&failed, |_| Some("LOCAL-AAAAAA".into())).unwrap(),
            0,
        );
        let due = alerts.due(0, false);
        assert_eq!(due.len(), 1);
        assert!(!due[0].body.contains("Tendai") && !due[0].body.contains("+263"));
    }
}
