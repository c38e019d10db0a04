//! Asking a customer for their satisfaction score at the counter.
//!
//! Staff start a survey for one ticket; the customer answers on their own
//! screen. The rules live here so they hold whatever the screens do: one
//! survey at a time, one score per survey (a second tap cannot overwrite the
//! first once it is saved), a comment only after the score, and answers
//! that name the survey they belong to, so a customer screen left over from
//! an earlier survey cannot score the next customer's ticket. Scores and
//! comments go through the outbox like every write: queued offline, sent
//! once. What staff learn about a running survey is its stage, never the
//! score.

use crate::{CoreError, DeskCore, Result};
use ping_api::{AuthorType, NewComment};
use serde::Serialize;
use std::sync::Mutex;

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
    current: Mutex<Option<Survey>>,
}

impl CounterSurvey {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a survey for `ticket`, replacing any survey still running.
    pub fn begin(&self, ticket: &str) -> Result<Survey> {
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
        *self.lock() = Some(survey.clone());
        Ok(survey)
    }

    /// The running survey, if any.
    pub fn current(&self) -> Option<Survey> {
        self.lock().clone()
    }

    /// Ends the running survey (staff are back). Returns it.
    pub fn end(&self) -> Option<Survey> {
        self.lock().take()
    }

    /// The customer's score: queued as the ticket's `csat_score`. Only once
    /// per survey, and only for the survey the customer's screen shows.
    pub fn answer(&self, core: &DeskCore, survey_id: &str, score: u8) -> Result<Survey> {
        let mut current = self.lock();
        let survey = running(&mut current, survey_id)?;
        if survey.stage != SurveyStage::Choosing {
            return Err(CoreError::InvalidState(
                "this customer's score is already saved".into(),
            ));
        }
        core.record_csat(&survey.ticket, score)?;
        survey.stage = SurveyStage::Commenting;
        Ok(survey.clone())
    }

    /// The customer's optional comment, queued as a customer-visible comment
    /// by the customer (`author_type: customer`). `None` skips it.
    pub fn comment(&self, core: &DeskCore, survey_id: &str, text: Option<&str>) -> Result<Survey> {
        let mut current = self.lock();
        let survey = running(&mut current, survey_id)?;
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
            core.add_comment(
                &survey.ticket,
                NewComment {
                    content: text.to_owned(),
                    is_internal: Some(false),
                    author_type: Some(AuthorType::Customer),
                },
            )?;
        }
        survey.stage = SurveyStage::Done;
        Ok(survey.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Survey>> {
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The running survey if it is the one named, else why not.
fn running<'a>(current: &'a mut Option<Survey>, survey_id: &str) -> Result<&'a mut Survey> {
    match current {
        Some(survey) if survey.id == survey_id => Ok(survey),
        _ => Err(CoreError::SurveyEnded),
    }
}
