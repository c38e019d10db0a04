//! Asking a customer for their satisfaction score at the counter.
//!
//! Staff start a survey for one ticket; the customer answers on their own
//! screen. The rules live here so they hold whatever the screens do: one
//! survey at a time, one score per survey (a second tap cannot overwrite the
//! first once it is saved), a comment only after the score, answers that
//! name the survey they belong to, so a customer screen left over from an
//! earlier survey cannot score the next customer's ticket, and a survey
//! bound to the core (the workspace) it was asked in, so a score never lands
//! in another. Scores and comments go through the outbox like every write:
//! queued offline, sent once, marked as the customer's
//! ([`OpOrigin::CounterSurvey`](crate::OpOrigin::CounterSurvey)) so staff views hide the score. What staff
//! learn about a running survey is its stage, never the score.

use crate::outbox::Payload;
use crate::sync::Shared;
use crate::{CoreError, DeskCore, Result};
use ping_api::{AuthorType, CsatScore, NewComment, TicketUpdate};
use serde::Serialize;
use std::sync::{Arc, Mutex, Weak};

/// The longest comment a customer can leave at the counter.
pub const MAX_CUSTOMER_COMMENT_CHARS: usize = 2000;

/// Where a survey is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStage {
    /// The customer is choosing a face.
    Choosing,
    /// The score is saved; the customer may leave a comment.
    Commenting,
    /// The customer is done (thank-you, then the waiting screen).
    Done,
}

/// A survey as both screens may see it (no score in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    pub id: String,
    /// The ticket it scores (number, or local reference while queued).
    pub ticket: String,
    pub stage: SurveyStage,
}

/// The survey running on this desk, if any.
#[derive(Debug, Default)]
pub struct CounterSurvey {
    current: Mutex<Option<Running>>,
}

/// A survey and the core it was asked in. The weak reference keeps that
/// core's allocation, so no later core can ever compare equal to it.
#[derive(Debug)]
struct Running {
    survey: Survey,
    asked_in: Weak<Shared>,
}

impl CounterSurvey {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a survey for `ticket` in `core`'s workspace, replacing any
    /// survey still running. Only `core` takes its answers.
    pub fn begin(&self, core: &DeskCore, ticket: &str) -> Result<Survey> {
        let ticket = ticket.trim();
        if ticket.is_empty() {
            return Err(CoreError::Validation(
                "choose a ticket to ask the customer about".into(),
            ));
        }
        let survey = Survey {
            id: uuid::Uuid::now_v7().to_string(),
            ticket: ticket.to_owned(),
            stage: SurveyStage::Choosing,
        };
        *self.lock() = Some(Running {
            survey: survey.clone(),
            asked_in: Arc::downgrade(&core.shared),
        });
        Ok(survey)
    }

    /// The running survey, if any.
    pub fn current(&self) -> Option<Survey> {
        self.lock().as_ref().map(|running| running.survey.clone())
    }

    /// Ends the running survey (staff are back). Returns it.
    pub fn end(&self) -> Option<Survey> {
        self.lock().take().map(|running| running.survey)
    }

    /// The customer's score: queued as the ticket's `csat_score`. Only once
    /// per survey, only for the survey the customer's screen shows, and only
    /// into the core the survey was asked in.
    pub fn answer(&self, core: &DeskCore, survey_id: &str, score: u8) -> Result<Survey> {
        let mut current = self.lock();
        let survey = running(&mut current, core, survey_id)?;
        if survey.stage != SurveyStage::Choosing {
            return Err(CoreError::InvalidState(
                "this customer's score is already saved".into(),
            ));
        }
        let score = CsatScore::new(score)
            .ok_or_else(|| CoreError::Validation("a satisfaction score is 1 to 5".into()))?;
        core.queue_from_counter(
            &survey.ticket,
            Payload::UpdateTicket(TicketUpdate {
                csat_score: Some(score),
                ..Default::default()
            }),
        )?;
        survey.stage = SurveyStage::Commenting;
        Ok(survey.clone())
    }

    /// The customer's optional comment, queued as a customer-visible comment
    /// by the customer (`author_type: customer`). `None` skips it.
    pub fn comment(&self, core: &DeskCore, survey_id: &str, text: Option<&str>) -> Result<Survey> {
        let mut current = self.lock();
        let survey = running(&mut current, core, survey_id)?;
        match survey.stage {
            SurveyStage::Choosing => {
                return Err(CoreError::InvalidState(
                    "choose a face first; the comment comes after the score".into(),
                ))
            }
            SurveyStage::Done => {
                return Err(CoreError::InvalidState(
                    "this customer has already finished".into(),
                ))
            }
            SurveyStage::Commenting => {}
        }
        if let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) {
            if text.chars().count() > MAX_CUSTOMER_COMMENT_CHARS {
                return Err(CoreError::Validation(format!(
                    "a comment here can be at most {MAX_CUSTOMER_COMMENT_CHARS} characters"
                )));
            }
            core.queue_from_counter(
                &survey.ticket,
                Payload::AddComment(NewComment {
                    content: text.to_owned(),
                    is_internal: Some(false),
                    author_type: Some(AuthorType::Customer),
                }),
            )?;
        }
        survey.stage = SurveyStage::Done;
        Ok(survey.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The running survey if it is the one named and was asked in `core`, else
/// why not: an answer for another workspace's survey has no survey open.
fn running<'a>(
    current: &'a mut Option<Running>,
    core: &DeskCore,
    survey_id: &str,
) -> Result<&'a mut Survey> {
    match current {
        Some(running)
            if running.survey.id == survey_id
                && std::ptr::eq(running.asked_in.as_ptr(), Arc::as_ptr(&core.shared)) =>
        {
            Ok(&mut running.survey)
        }
        _ => Err(CoreError::SurveyEnded),
    }
}
