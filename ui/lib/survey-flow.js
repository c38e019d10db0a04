// The customer's satisfaction screen as a state machine: pure functions, no
// DOM and no timers, so every rule of the flow is unit-tested under node
// (tests/ui/survey-flow.test.mjs). ui/customer/ draws the state, runs the
// timers that send `tick`, `thanksDone` and `idleTimeout`, and carries out
// the effects `step` asks for (the customer_* commands).
//
// Stages: waiting → choosing → countdown → saving → commenting → thanks →
// waiting. The PIN pad for staff is an overlay (`staff`) over any stage, so
// Cancel goes back to exactly where the customer was.

/** Seconds the customer has to change their mind before the score is sent. */
export const CHANGE_SECONDS = 4;
/** Seconds the "Thank you!" screen stays before the waiting screen. */
export const THANKS_SECONDS = 5;
/** Seconds without a touch or key on the comment screen before it is skipped. */
export const COMMENT_IDLE_SECONDS = 60;
/** How long staff hold the "Staff" corner to take the counter back. */
export const LONG_PRESS_MS = 2000;
export const COMMENT_MAX_LENGTH = 2000;
/** The counter PIN is 4 to 8 digits (set_counter_pin). */
export const PIN_MAX_LENGTH = 8;

// Red to green. `wordKey` is the face's word in the catalogues (ui/locales/).
// `colour` fills the face; `ink` is the word's colour and meets
// WCAG AA (4.5:1) on white and on `tint` (the selected face's background),
// and white on `ink` does too (the tests check all three). `inkDark` and
// `tintDark` are the same for the dark theme: on the dark card, on the dark
// tint, and the dark page colour on `inkDark` (the chosen face's tick).
export const FACES = Object.freeze(
  [
    { score: 1, wordKey: 'face.1', colour: '#e0412f', ink: '#a3241a', tint: '#fdebe8', inkDark: '#ff8f80', tintDark: '#3d1f1b' },
    { score: 2, wordKey: 'face.2', colour: '#f08a24', ink: '#9c4700', tint: '#fff0e0', inkDark: '#ffad66', tintDark: '#3d2a17' },
    { score: 3, wordKey: 'face.3', colour: '#f2c230', ink: '#725500', tint: '#fff7d6', inkDark: '#f2cf5b', tintDark: '#3a3214' },
    { score: 4, wordKey: 'face.4', colour: '#8fc23e', ink: '#3d6b0f', tint: '#eef7e0', inkDark: '#b5e07a', tintDark: '#27351a' },
    { score: 5, wordKey: 'face.5', colour: '#2fa457', ink: '#16693a', tint: '#e2f4e8', inkDark: '#6fd49a', tintDark: '#173a26' },
  ].map((face) => Object.freeze(face)),
);

export const SCORES = FACES.map((face) => face.score);

export function isScore(value) {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/** The face for a score, or null. */
export function faceFor(score) {
  return FACES.find((face) => face.score === score) ?? null;
}

export const STAGES = Object.freeze(['waiting', 'choosing', 'countdown', 'saving', 'commenting', 'thanks']);
const SURVEY_STAGES = new Set(['choosing', 'commenting', 'done']);

/**
 * The starting state: the waiting screen until customer_survey (or a
 * `survey` event) says a survey runs.
 *
 * - `score`: the face marked selected (choosing again clears it)
 * - `secondsLeft`, `countdownRun`: the countdown; the run number changes on
 *   every tap so the view restarts its one-second timer
 * - `sending`: a comment (or skip) is on its way
 * - `error`: {code, key, params} for the customer (a catalogue key), or null
 * - `language`: the screen's language: the survey's (the ticket's preferred
 *   language, else the store's default) until the customer picks another
 * - `staff`: null, or the staff-return overlay {pad, busy, error, failures}:
 *   `pad` is whether the PIN pad shows, `failures` counts refused PINs so
 *   the view knows to clear the field
 * - `staffMessage`: why handing back to staff failed (shown by the corner)
 * - `pinRequired`: the backend asked for a PIN once, so the next long-press
 *   opens the pad straight away (an empty try counts against the PIN limit)
 */
export function initialState() {
  return {
    stage: 'waiting',
    survey: null,
    store: '',
    score: null,
    secondsLeft: 0,
    countdownRun: 0,
    sending: false,
    error: null,
    staff: null,
    staffMessage: null,
    pinRequired: false,
    language: null,
  };
}

/** The name the page shows in data-stage: the stage, or "pin" while the pad is up. */
export function stateName(state) {
  return state.staff?.pad ? 'pin' : state.stage;
}

/** Which screen draws a stage: the faces stay up while counting down and saving. */
export function screenFor(stage) {
  if (stage === 'choosing' || stage === 'countdown' || stage === 'saving') return 'choose';
  if (stage === 'commenting') return 'comment';
  if (stage === 'thanks') return 'thanks';
  return 'waiting';
}

/** A survey from the backend, checked; anything malformed counts as none. */
export function normaliseSurvey(survey) {
  if (!survey || typeof survey !== 'object') return null;
  if (typeof survey.id !== 'string' || !survey.id) return null;
  if (!SURVEY_STAGES.has(survey.stage)) return null;
  return { id: survey.id, ticket: typeof survey.ticket === 'string' ? survey.ticket : '', stage: survey.stage };
}

/** The line under the faces (the countdown's live region) as {key, params}, or null. */
export function statusLine(state) {
  if (state.stage === 'countdown') return { key: 'customer.countdown', params: { count: state.secondsLeft } };
  if (state.stage === 'saving') return { key: 'customer.saving' };
  return null;
}

/** The waiting screen's store line: the store's name, or "" (the heading is Ping Desk). */
export function waitingStore(store) {
  return typeof store === 'string' ? store.trim() : '';
}

/** The comment to send: null when blank (the backend then skips it). */
export function commentToSend(text) {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(0, COMMENT_MAX_LENGTH) : null;
}

/** What is typed into the PIN field, kept to digits and the longest PIN. */
export function cleanPin(text) {
  return String(text ?? '').replace(/\D/g, '').slice(0, PIN_MAX_LENGTH);
}

// Words for the customer (or the staff member at the pad), not the staff
// window's error texts: nothing technical, and always what to do next.
// Catalogue keys (ui/locales/): the screen words them in its language.
const MESSAGES = {
  answer: 'customer.error.answer',
  comment: 'customer.error.comment',
  PIN_WRONG: 'customer.pin.wrong',
  PIN_LOCKED: 'customer.pin.locked',
  PIN_UNKNOWN: 'customer.pin.unknown',
  PIN_EMPTY: 'customer.pin.empty',
  staff: 'customer.error.staff',
};

/** The catalogue key of a customer-facing message for a failed step ('answer', 'comment', 'staff') and error code. */
export function customerMessage(step, code) {
  if (Object.hasOwn(MESSAGES, code)) return MESSAGES[code];
  return MESSAGES[step] ?? MESSAGES.staff;
}

const errorFor = (step, code) => ({ code: typeof code === 'string' ? code : 'INTERNAL', key: customerMessage(step, code) });

/** The lockout's wait, from the backend's `waitSeconds`, as a message: seconds under a minute, else whole minutes. */
export function lockedError(waitSeconds) {
  const seconds = Number(waitSeconds);
  if (!Number.isFinite(seconds) || seconds <= 0) return errorFor('staff', 'PIN_LOCKED');
  if (seconds < 60) return { code: 'PIN_LOCKED', key: 'customer.pin.lockedSeconds', params: { count: Math.ceil(seconds) } };
  return { code: 'PIN_LOCKED', key: 'customer.pin.lockedMinutes', params: { count: Math.ceil(seconds / 60) } };
}
const staffError = (code, waitSeconds) => (code === 'PIN_LOCKED' ? lockedError(waitSeconds) : errorFor('staff', code));

// A new survey (or a screen that starts mid-survey) begins with a clean slate.
function freshFor(state, survey) {
  const base = { ...state, survey, score: null, secondsLeft: 0, sending: false, error: null };
  if (!survey) return { ...base, stage: 'waiting' };
  if (survey.stage === 'choosing') return { ...base, stage: 'choosing' };
  if (survey.stage === 'commenting') return { ...base, stage: 'commenting' };
  // Done before this screen saw it (e.g. the page reloaded): nothing to thank for.
  return { ...base, stage: 'waiting' };
}

// The same survey moved on (our own answer announced back, usually before
// the command's own reply): follow it forwards, never backwards.
function advance(state, survey) {
  const next = { ...state, survey };
  const before = ['choosing', 'countdown', 'saving'].includes(state.stage);
  if (survey.stage === 'commenting' && before) {
    return { ...next, stage: 'commenting', score: null, secondsLeft: 0, error: null, sending: false };
  }
  if (survey.stage === 'done' && (before || state.stage === 'commenting')) {
    return { ...next, stage: 'thanks', score: null, secondsLeft: 0, error: null, sending: false };
  }
  return next;
}

function onSurveyEvent(state, payload) {
  const store = typeof payload?.store === 'string' ? payload.store : state.store;
  const survey = normaliseSurvey(payload?.survey);
  const withStore = { ...state, store };
  // A new survey opens in its own language (the next customer's), whatever
  // the last customer switched to; the waiting screen keeps the last one.
  const language = typeof payload?.language === 'string' && payload.language ? payload.language : state.language;
  if (!survey) return freshFor({ ...withStore, language }, null);
  if (survey.id !== state.survey?.id) return freshFor({ ...withStore, language }, survey);
  return advance(withStore, survey);
}

// A reply for a survey this screen has moved on from is ignored.
const isCurrent = (state, surveyId) => Boolean(state.survey) && state.survey.id === surveyId;

// While the PIN pad (or the empty-PIN check) is up, the customer's flow
// holds still: no countdown, no timeouts, no face taps.
const FROZEN_WHILE_STAFF = new Set(['tap', 'tick', 'countdownDone', 'thanksDone', 'idleTimeout', 'send', 'skip']);

const unchanged = (state) => ({ state, effects: [] });

function sendAnswer(state) {
  return {
    state: { ...state, stage: 'saving', secondsLeft: 0 },
    effects: [{ type: 'answer', surveyId: state.survey.id, score: state.score }],
  };
}

function sendComment(state, comment) {
  return {
    state: { ...state, sending: true, error: null },
    effects: [{ type: 'comment', surveyId: state.survey.id, comment }],
  };
}

/**
 * One step of the flow: the next state and the effects to carry out, as
 * {type: 'answer', surveyId, score} | {type: 'comment', surveyId, comment}
 * | {type: 'staffReturn', pin}. Unknown or out-of-place events change nothing.
 */
export function step(state, event) {
  const type = event?.type;
  if (state.staff && FROZEN_WHILE_STAFF.has(type)) return unchanged(state);

  switch (type) {
    case 'surveyEvent':
      return unchanged(onSurveyEvent(state, event.payload));

    case 'tap': {
      if (!isScore(event.score) || !state.survey) return unchanged(state);
      if (state.stage !== 'choosing' && state.stage !== 'countdown') return unchanged(state);
      // Every tap (the same face or another) starts the full countdown again.
      return unchanged({
        ...state,
        stage: 'countdown',
        score: event.score,
        secondsLeft: CHANGE_SECONDS,
        countdownRun: state.countdownRun + 1,
        error: null,
      });
    }

    case 'tick': {
      if (state.stage !== 'countdown') return unchanged(state);
      const secondsLeft = state.secondsLeft - 1;
      if (secondsLeft > 0) return unchanged({ ...state, secondsLeft });
      return sendAnswer(state);
    }

    case 'countdownDone':
      return state.stage === 'countdown' ? sendAnswer(state) : unchanged(state);

    case 'answered': {
      if (!isCurrent(state, event.surveyId) || state.stage !== 'saving') return unchanged(state);
      // The reply says where the survey is; a score saved means at least "commenting".
      const survey = normaliseSurvey(event.survey) ?? state.survey;
      return unchanged(advance(state, { ...survey, stage: survey.stage === 'done' ? 'done' : 'commenting' }));
    }

    case 'answerFailed': {
      if (!isCurrent(state, event.surveyId) || state.stage !== 'saving') return unchanged(state);
      // Staff started another survey or ended this one: nothing left to answer.
      if (event.code === 'SURVEY_ENDED') return unchanged(freshFor(state, null));
      // Already answered (a second screen, or a reply that got lost): the
      // score is in, so the comment step is next.
      if (event.code === 'INVALID_STATE') return unchanged(advance(state, { ...state.survey, stage: 'commenting' }));
      // Keep the face marked so the customer sees what to tap again.
      return unchanged({ ...state, stage: 'choosing', error: errorFor('answer', event.code) });
    }

    case 'send': {
      if (state.stage !== 'commenting' || state.sending) return unchanged(state);
      return sendComment(state, commentToSend(event.text));
    }

    case 'skip':
    case 'idleTimeout':
      if (state.stage !== 'commenting' || state.sending) return unchanged(state);
      return sendComment(state, null);

    case 'commentSent': {
      if (!isCurrent(state, event.surveyId) || state.stage !== 'commenting') return unchanged(state);
      const survey = normaliseSurvey(event.survey) ?? { ...state.survey, stage: 'done' };
      return unchanged(advance(state, { ...survey, stage: 'done' }));
    }

    case 'commentFailed': {
      if (!isCurrent(state, event.surveyId) || state.stage !== 'commenting') return unchanged(state);
      if (event.code === 'SURVEY_ENDED') return unchanged(freshFor(state, null));
      // Already done: the comment step is over either way.
      if (event.code === 'INVALID_STATE') return unchanged(advance(state, { ...state.survey, stage: 'done' }));
      return unchanged({ ...state, sending: false, error: errorFor('comment', event.code) });
    }

    case 'language':
      // One tap on a language: the screen speaks it from now on, for this customer.
      return typeof event.code === 'string' && event.code ? unchanged({ ...state, language: event.code }) : unchanged(state);

    case 'thanksDone':
      return state.stage === 'thanks' ? unchanged({ ...state, stage: 'waiting' }) : unchanged(state);

    case 'longPressDone': {
      if (state.staff) return unchanged(state);
      const next = { ...state, staffMessage: null };
      if (state.pinRequired) return unchanged({ ...next, staff: { pad: true, busy: false, error: null, failures: 0 } });
      // Without knowing whether a PIN is set, try without one first.
      return {
        state: { ...next, staff: { pad: false, busy: true, error: null, failures: 0 } },
        effects: [{ type: 'staffReturn', pin: null }],
      };
    }

    case 'pinSubmit': {
      if (!state.staff?.pad || state.staff.busy) return unchanged(state);
      const pin = cleanPin(event.pin);
      if (!pin) return unchanged({ ...state, staff: { ...state.staff, error: errorFor('staff', 'PIN_EMPTY') } });
      return {
        state: { ...state, staff: { ...state.staff, busy: true, error: null } },
        effects: [{ type: 'staffReturn', pin }],
      };
    }

    case 'pinCancel':
      return state.staff ? unchanged({ ...state, staff: null }) : unchanged(state);

    case 'staffReturnFailed': {
      const staff = state.staff;
      if (!staff?.busy) return unchanged(state);
      const { code } = event;
      if (!staff.pad) {
        // The try without a PIN: PIN_REQUIRED (or PIN_WRONG from an older
        // backend) only means a PIN is set, so the pad opens without an error.
        if (code === 'PIN_REQUIRED' || code === 'PIN_WRONG' || code === 'PIN_LOCKED') {
          return unchanged({
            ...state,
            pinRequired: true,
            staff: { pad: true, busy: false, error: code === 'PIN_LOCKED' ? lockedError(event.waitSeconds) : null, failures: 0 },
          });
        }
        // Anything else: back to the customer's screen, with a word by the corner.
        return unchanged({ ...state, staff: null, staffMessage: { key: customerMessage('staff', code) } });
      }
      return unchanged({
        ...state,
        pinRequired: true,
        staff: { ...staff, busy: false, error: staffError(code, event.waitSeconds), failures: staff.failures + 1 },
      });
    }

    case 'staffReturned':
      // The backend closes this window; until it goes, keep still.
      return state.staff ? unchanged({ ...state, staff: { ...state.staff, busy: true, error: null, returned: true } }) : unchanged(state);

    default:
      return unchanged(state);
  }
}

/** The next state only (for tests and callers that need no effects). */
export function reduce(state, event) {
  return step(state, event).state;
}
