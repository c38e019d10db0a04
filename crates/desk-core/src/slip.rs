//! The ticket slip staff print for a walk-in: the ticket number (or the local
//! reference while the ticket is queued), the date, the store, a short
//! summary and a QR code of the number, so the customer can quote it later.

use crate::{Result, TicketView};
use chrono::{DateTime, Utc};
use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;

/// The longest summary a slip carries; longer subjects are cut at a word.
pub const SUMMARY_CHARS: usize = 120;

/// What the slip shows. Text only: the web view lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketSlip {
    /// The ticket number, or the local reference while it is queued.
    pub reference: String,
    /// True while Ping has not given the ticket a number yet.
    pub queued: bool,
    pub date: DateTime<Utc>,
    /// The store as set up on this desk (its name, else its region).
    pub store: String,
    pub summary: String,
    pub customer_first_name: Option<String>,
    /// The customer's preferred language as the ticket has it (a code or a
    /// name; the web view picks the slip's language from it).
    pub preferred_language: Option<String>,
    /// The QR code of `reference`.
    pub qr: QrMatrix,
}

/// A QR code as rows of modules: `'1'` dark, `'0'` light, without the quiet
/// zone (the layout adds it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QrMatrix {
    pub size: usize,
    pub rows: Vec<String>,
}

impl TicketSlip {
    /// The slip for a ticket as this desk sees it (queued or on Ping).
    pub fn for_ticket(view: &TicketView, store: &str, now: DateTime<Utc>) -> Result<Self> {
        let ticket = &view.ticket;
        let reference = if view.queued {
            view.local_ref
                .clone()
                .unwrap_or_else(|| ticket.ticket_number.clone())
        } else {
            ticket.ticket_number.clone()
        };
        let store = match store.trim() {
            "" => ticket.store_region.clone().unwrap_or_default(),
            named => named.to_owned(),
        };
        let summary = ticket
            .subject
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(ticket.description.as_deref())
            .map(|text| shorten(text, SUMMARY_CHARS))
            .unwrap_or_default();
        Ok(Self {
            qr: qr_matrix(&reference)?,
            reference,
            queued: view.queued,
            date: ticket.date_created.unwrap_or(now),
            store,
            summary,
            customer_first_name: ticket
                .customer_first_name
                .clone()
                .filter(|name| !name.trim().is_empty()),
            preferred_language: ticket
                .preferred_language
                .clone()
                .filter(|language| !language.trim().is_empty()),
        })
    }
}

/// The QR code of `text` at error correction level M (a slip survives a
/// crease or a smudge).
pub fn qr_matrix(text: &str) -> Result<QrMatrix> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|err| crate::CoreError::Validation(format!("no QR code for this text: {err}")))?;
    let size = code.width();
    let rows = code
        .to_colors()
        .chunks(size)
        .map(|row| {
            row.iter()
                .map(|module| if *module == Color::Dark { '1' } else { '0' })
                .collect()
        })
        .collect();
    Ok(QrMatrix { size, rows })
}

/// `text` on one line, at most `max` characters, cut at a word with "…".
fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > max / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_of_a_ticket_number_is_a_square_version_1_or_2_code() {
        let qr = qr_matrix("TKT-2026-00042").unwrap();
        assert!(qr.size == 21 || qr.size == 25, "size {}", qr.size);
        assert_eq!(qr.rows.len(), qr.size);
        assert!(qr.rows.iter().all(|row| row.len() == qr.size));
        // The three finder patterns: a dark 7×7 ring at three corners.
        for (row, col) in [(0, 0), (0, qr.size - 7), (qr.size - 7, 0)] {
            let top = &qr.rows[row][col..col + 7];
            assert_eq!(top, "1111111", "finder at {row},{col}");
        }
    }

    #[test]
    fn summaries_are_one_line_and_cut_at_a_word() {
        assert_eq!(
            shorten("Router\n  keeps   dropping", 120),
            "Router keeps dropping"
        );
        let long = "word ".repeat(60);
        let short = shorten(&long, 40);
        assert!(short.chars().count() <= 40, "{short}");
        assert!(short.ends_with("word…"), "{short}");
        let unbroken = "x".repeat(200);
        assert_eq!(shorten(&unbroken, 10).chars().count(), 10);
    }
}
