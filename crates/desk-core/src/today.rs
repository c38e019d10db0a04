//! "Today at this store": the day's tickets at one store, counted by
//! status, with the satisfaction scores they received.

use crate::{fill_from_query, CoreError, DeskCore, Freshness, Result};
use futures_util::StreamExt;
use ping_api::{ListQuery, Ticket, MAX_PER_PAGE};
use serde::Serialize;

/// At most this many of today's tickets are read for the dashboard.
const TODAY_LIMIT: usize = 500;
/// At most this many resolved tickets are read in full for their CSAT.
const TODAY_READ_LIMIT: usize = 50;

/// "Today at this store".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodaySummary {
    pub store_region: Option<String>,
    /// The desk's local date, `YYYY-MM-DD`.
    pub date: String,
    pub logged: u32,
    pub open: u32,
    pub in_progress: u32,
    pub resolved: u32,
    pub closed: u32,
    pub csat: CsatSummary,
    /// Today's tickets, newest first.
    pub tickets: Vec<Ticket>,
    pub freshness: Freshness,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsatSummary {
    pub count: u32,
    pub average: Option<f64>,
    /// How many answered 1, 2, 3, 4 and 5.
    pub distribution: [u32; 5],
}

impl TodaySummary {
    fn from_tickets(
        store_region: Option<&str>,
        date: chrono::NaiveDate,
        tickets: Vec<Ticket>,
        freshness: Freshness,
    ) -> Self {
        let mut summary = TodaySummary {
            store_region: store_region.map(str::to_owned),
            date: date.format("%Y-%m-%d").to_string(),
            logged: tickets.len() as u32,
            open: 0,
            in_progress: 0,
            resolved: 0,
            closed: 0,
            csat: CsatSummary::default(),
            tickets: Vec::new(),
            freshness,
        };
        for ticket in &tickets {
            match ticket.status {
                Some(ping_api::Status::Open) => summary.open += 1,
                Some(ping_api::Status::InProgress) => summary.in_progress += 1,
                Some(ping_api::Status::Resolved) => summary.resolved += 1,
                Some(ping_api::Status::Closed) => summary.closed += 1,
                _ => {}
            }
            if let Some(score) = ticket.csat_score {
                summary.csat.distribution[score.get() as usize - 1] += 1;
            }
        }
        let count: u32 = summary.csat.distribution.iter().sum();
        let total: u32 = summary
            .csat
            .distribution
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u32 + 1) * n)
            .sum();
        summary.csat.count = count;
        summary.csat.average = (count > 0).then(|| f64::from(total) / f64::from(count));
        summary.tickets = tickets;
        summary
    }
}

impl DeskCore {
    /// "Today at this store": tickets logged today (the desk's local day) in
    /// `store_region` (every store when `None`), counted by status, with the
    /// CSAT scores they received. Live from Ping when it answers (newest
    /// first, stopping at the first ticket from before today), else from the
    /// cache. List items carry no CSAT, so resolved tickets the desk has not
    /// seen in full are read once (at most `TODAY_READ_LIMIT`).
    pub async fn today_at_store(&self, store_region: Option<&str>) -> Result<TodaySummary> {
        let store_region = store_region.map(str::trim).filter(|r| !r.is_empty());
        let today = chrono::Local::now().date_naive();
        let start = today
            .and_hms_opt(0, 0, 0)
            .and_then(|midnight| midnight.and_local_timezone(chrono::Local).earliest())
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| {
                CoreError::InvalidState("the local midnight does not exist today".into())
            })?;
        let is_today = |t: &Ticket| t.date_created.is_some_and(|d| d >= start);
        let query = ListQuery {
            store_region: store_region.map(str::to_owned),
            per_page: Some(MAX_PER_PAGE),
            ..Default::default()
        };
        let mut freshness = Freshness::Live;
        let mut numbers: Vec<String> = Vec::new();
        let live = match self.shared.client() {
            Some(client) => {
                let mut pages = std::pin::pin!(client.all_tickets(query.clone()).take(TODAY_LIMIT));
                let mut outcome = Ok(());
                while let Some(item) = pages.next().await {
                    match item {
                        Ok(mut summary) if is_today(&summary) => {
                            fill_from_query(&mut summary, &query);
                            self.shared
                                .store
                                .cache_tickets(std::slice::from_ref(&summary))?;
                            numbers.push(summary.ticket_number);
                        }
                        Ok(_) => break, // newest first: the rest are older
                        Err(err) => {
                            outcome = Err(err);
                            break;
                        }
                    }
                }
                match outcome {
                    Ok(()) => {
                        self.shared.set_online(true);
                        let mut reads = 0;
                        for number in &numbers {
                            let cached = self.shared.store.cached_ticket(number)?;
                            let settled = cached.as_ref().is_some_and(|c| {
                                matches!(
                                    c.ticket.status,
                                    Some(ping_api::Status::Resolved | ping_api::Status::Closed)
                                )
                            });
                            if settled
                                && !cached.is_some_and(|c| c.complete)
                                && reads < TODAY_READ_LIMIT
                            {
                                reads += 1;
                                match client.get_ticket(number).await {
                                    Ok(full) => self.shared.store.cache_ticket(&full, true)?,
                                    Err(err) => self.note_failure(&err),
                                }
                            }
                        }
                        true
                    }
                    Err(err) => {
                        self.note_failure(&err);
                        if !err.is_transient() {
                            return Err(err.into());
                        }
                        false
                    }
                }
            }
            None => false,
        };
        let tickets: Vec<Ticket> = if live {
            numbers
                .iter()
                .filter_map(|n| self.shared.store.cached_ticket(n).transpose())
                .map(|c| c.map(|c| c.ticket))
                .collect::<Result<_>>()?
        } else {
            let page = self.shared.store.list_cached(&ListQuery {
                per_page: Some(MAX_PER_PAGE),
                ..query
            })?;
            freshness = Freshness::Cached {
                fetched_at: page.oldest_fetched_at,
            };
            page.tickets
                .into_iter()
                .map(|c| c.ticket)
                .filter(|t| is_today(t))
                .collect()
        };
        Ok(TodaySummary::from_tickets(
            store_region,
            today,
            tickets,
            freshness,
        ))
    }
}
