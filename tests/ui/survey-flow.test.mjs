import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHANGE_SECONDS,
  THANKS_SECONDS,
  COMMENT_IDLE_SECONDS,
  LONG_PRESS_MS,
  COMMENT_MAX_LENGTH,
  FACES,
  faceFor,
  initialState,
  step,
  reduce,
  stateName,
  screenFor,
  normaliseSurvey,
  statusLine,
  waitingStore,
  commentToSend,
  cleanPin,
  customerMessage,
  lockedError,
} from '../../ui/lib/survey-flow.js';
import { translate } from '../../ui/lib/i18n.js';
import en from '../../ui/locales/en.js';

/** A message of the flow ({key, params}, or an error) as the English screen words it. */
const words = (message) => (message ? translate('en', message.key, message.params) : '');

const survey = (id = 's1', stage = 'choosing') => ({ id, ticket: 'TKT-2026-00056', stage });
const started = (id = 's1', store = 'Harare – Sam Levy') => reduce(initialState(), { type: 'surveyEvent', payload: { survey: survey(id), store } });

/** Runs events in order; returns the last state and every effect asked for. */
function run(state, events) {
  const effects = [];
  for (const event of events) {
    const result = step(state, event);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}
const ticks = (n) => Array.from({ length: n }, () => ({ type: 'tick' }));

// ---- constants and the faces ----

test('timings are the ones the customer screen promises', () => {
  assert.equal(CHANGE_SECONDS, 4);
  assert.equal(THANKS_SECONDS, 5);
  assert.equal(COMMENT_IDLE_SECONDS, 60);
  assert.equal(LONG_PRESS_MS, 2000);
  assert.equal(COMMENT_MAX_LENGTH, 2000);
});

test('five faces, 1 "Very unhappy" to 5 "Very happy", each a distinct colour', () => {
  assert.deepEqual(FACES.map((face) => face.score), [1, 2, 3, 4, 5]);
  assert.deepEqual(FACES.map((face) => translate('en', face.wordKey)), ['Very unhappy', 'Unhappy', 'Okay', 'Happy', 'Very happy']);
  assert.equal(new Set(FACES.map((face) => face.colour)).size, 5);
  assert.ok(Object.isFrozen(FACES) && Object.isFrozen(FACES[0]));
  assert.equal(translate('en', faceFor(4).wordKey), 'Happy');
  assert.equal(faceFor(0), null);
  assert.equal(faceFor('5'), null);
});

// WCAG 2.1 relative luminance and contrast ratio.
function luminance(hex) {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [16, 8, 0].map((shift) => ((n >> shift) & 255) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

test('contrast helper agrees with known values (so the next test can fail)', () => {
  assert.equal(Math.round(contrast('#000000', '#ffffff') * 10) / 10, 21);
  assert.equal(contrast('#777777', '#777777'), 1);
  assert.ok(contrast('#f2c230', '#ffffff') < 4.5, 'yellow on white is not readable text');
});

test("each face's word meets WCAG AA (4.5:1) on white, on its tint, and white on its ink", () => {
  for (const face of FACES) {
    assert.ok(contrast(face.ink, '#ffffff') >= 4.5, `${face.wordKey}: ink on white`);
    assert.ok(contrast(face.ink, face.tint) >= 4.5, `${face.wordKey}: ink on tint`);
    assert.ok(contrast('#ffffff', face.ink) >= 4.5, `${face.wordKey}: white on ink`);
  }
});

test("in the dark theme each face's word meets AA on the dark card and its dark tint, and its tick on inkDark", () => {
  // The customer's dark card and page (ui/customer.css).
  for (const face of FACES) {
    assert.ok(contrast(face.inkDark, '#1f252d') >= 4.5, `${face.word}: inkDark on the dark card`);
    assert.ok(contrast(face.inkDark, face.tintDark) >= 4.5, `${face.word}: inkDark on tintDark`);
    assert.ok(contrast('#14181d', face.inkDark) >= 4.5, `${face.word}: the dark tick on inkDark`);
  }
});

test('the faces run from red to green (hue rises with the score)', () => {
  const hue = (hex) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, b] = [16, 8, 0].map((shift) => ((n >> shift) & 255) / 255);
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const hues = FACES.map((face) => hue(face.colour));
  assert.ok(hues[0] < 15, 'score 1 is red');
  assert.ok(hues[4] > 100 && hues[4] < 160, 'score 5 is green');
  for (let i = 1; i < hues.length; i += 1) assert.ok(hues[i] > hues[i - 1], `hue of ${i + 1} above ${i}`);
});

// ---- start-up and survey events ----

test('starts on the waiting screen; a survey event brings the faces', () => {
  const state = initialState();
  assert.equal(stateName(state), 'waiting');
  const next = started();
  assert.equal(next.stage, 'choosing');
  assert.equal(next.survey.id, 's1');
  assert.equal(next.store, 'Harare – Sam Levy');
  assert.equal(screenFor(next.stage), 'choose');
});

test('customer_survey with survey: null (or garbage) shows the waiting screen', () => {
  for (const payload of [{ survey: null, store: 'X' }, { survey: { id: 7, stage: 'choosing' } }, { survey: { id: 's', stage: 'rated' } }, null, {}]) {
    const state = reduce(initialState(), { type: 'surveyEvent', payload });
    assert.equal(state.stage, 'waiting', JSON.stringify(payload));
    assert.equal(state.survey, null);
  }
});

test('a screen that starts mid-survey picks up at its stage', () => {
  const commenting = reduce(initialState(), { type: 'surveyEvent', payload: { survey: survey('s1', 'commenting'), store: '' } });
  assert.equal(commenting.stage, 'commenting');
  const done = reduce(initialState(), { type: 'surveyEvent', payload: { survey: survey('s1', 'done'), store: '' } });
  assert.equal(done.stage, 'waiting', 'no "thank you" for an answer given before this page loaded');
});

test('the store name follows the events; a missing store keeps the last one', () => {
  let state = started('s1', 'Bulawayo');
  state = reduce(state, { type: 'surveyEvent', payload: { survey: survey('s1') } });
  assert.equal(state.store, 'Bulawayo');
  state = reduce(state, { type: 'surveyEvent', payload: { survey: null, store: '' } });
  assert.equal(state.store, '');
});

test('normaliseSurvey keeps id, ticket and stage only', () => {
  assert.deepEqual(normaliseSurvey({ id: 'a', ticket: 'T', stage: 'done', score: 5 }), { id: 'a', ticket: 'T', stage: 'done' });
  assert.deepEqual(normaliseSurvey({ id: 'a', stage: 'choosing' }), { id: 'a', ticket: '', stage: 'choosing' });
  assert.equal(normaliseSurvey({ id: '', stage: 'choosing' }), null);
  assert.equal(normaliseSurvey('s1'), null);
});

// ---- choosing and the countdown ----

test('one tap marks the face and starts the countdown; nothing is sent yet', () => {
  const { state, effects } = step(started(), { type: 'tap', score: 4 });
  assert.equal(state.stage, 'countdown');
  assert.equal(state.score, 4);
  assert.equal(state.secondsLeft, CHANGE_SECONDS);
  assert.deepEqual(effects, []);
  assert.equal(words(statusLine(state)), 'Thank you! Saving in 4 seconds… tap another face to change');
});

test('no answer is sent before the countdown ends, and exactly one when it does', () => {
  const tapped = reduce(started(), { type: 'tap', score: 2 });
  const early = run(tapped, ticks(CHANGE_SECONDS - 1));
  assert.deepEqual(early.effects, []);
  assert.equal(early.state.stage, 'countdown');
  assert.equal(early.state.secondsLeft, 1);
  assert.equal(words(statusLine(early.state)), 'Thank you! Saving in 1 second… tap another face to change');

  const done = run(early.state, ticks(1));
  assert.equal(done.state.stage, 'saving');
  assert.deepEqual(done.effects, [{ type: 'answer', surveyId: 's1', score: 2 }]);
  assert.equal(words(statusLine(done.state)), 'Saving…');

  const after = run(done.state, ticks(3));
  assert.deepEqual(after.effects, [], 'more ticks send nothing more');
});

test('tapping another face switches the choice and restarts the countdown; the last tap is sent', () => {
  let { state, effects } = run(started(), [{ type: 'tap', score: 5 }, ...ticks(3)]);
  assert.equal(state.secondsLeft, 1);
  const firstRun = state.countdownRun;
  ({ state, effects } = run(state, [{ type: 'tap', score: 1 }]));
  assert.equal(state.score, 1);
  assert.equal(state.secondsLeft, CHANGE_SECONDS, 'full countdown again');
  assert.notEqual(state.countdownRun, firstRun, 'the view restarts its timer');
  ({ state, effects } = run(state, ticks(CHANGE_SECONDS - 1)));
  assert.deepEqual(effects, [], 'the first countdown would have ended by now; the restarted one has not');
  ({ state, effects } = run(state, ticks(1)));
  assert.deepEqual(effects, [{ type: 'answer', surveyId: 's1', score: 1 }]);
});

test('tapping the same face again also restarts the countdown', () => {
  const { state } = run(started(), [{ type: 'tap', score: 3 }, ...ticks(2), { type: 'tap', score: 3 }]);
  assert.equal(state.secondsLeft, CHANGE_SECONDS);
});

test('countdownDone sends at once; taps while saving, waiting or with a bad score do nothing', () => {
  const saving = run(started(), [{ type: 'tap', score: 3 }, { type: 'countdownDone' }]);
  assert.deepEqual(saving.effects, [{ type: 'answer', surveyId: 's1', score: 3 }]);
  assert.equal(reduce(saving.state, { type: 'tap', score: 5 }).score, 3, 'too late to change once saving');
  assert.deepEqual(step(started(), { type: 'countdownDone' }).effects, [], 'no face chosen, nothing to send');
  assert.equal(reduce(initialState(), { type: 'tap', score: 4 }).stage, 'waiting');
  for (const score of [0, 6, '4', 2.5, null]) assert.equal(reduce(started(), { type: 'tap', score }).stage, 'choosing');
});

test('ticks outside the countdown change nothing', () => {
  const state = started();
  assert.equal(reduce(state, { type: 'tick' }), state);
});

// ---- answering ----

function saving(score = 4) {
  return run(started(), [{ type: 'tap', score }, ...ticks(CHANGE_SECONDS)]).state;
}

test('the answer saved moves on to the comment', () => {
  const state = reduce(saving(), { type: 'answered', surveyId: 's1', survey: survey('s1', 'commenting') });
  assert.equal(state.stage, 'commenting');
  assert.equal(state.score, null, 'the score is not kept around');
  assert.equal(screenFor(state.stage), 'comment');
});

test('our own answer announced back before the reply: the reply then changes nothing', () => {
  let state = reduce(saving(), { type: 'surveyEvent', payload: { survey: survey('s1', 'commenting'), store: 'X' } });
  assert.equal(state.stage, 'commenting');
  const again = reduce(state, { type: 'answered', surveyId: 's1', survey: survey('s1', 'commenting') });
  assert.equal(again, state);
  state = reduce(state, { type: 'surveyEvent', payload: { survey: survey('s1', 'choosing'), store: 'X' } });
  assert.equal(state.stage, 'commenting', 'a stale "choosing" never sends the customer back');
});

test('SURVEY_ENDED while saving goes to the waiting screen', () => {
  const state = reduce(saving(), { type: 'answerFailed', surveyId: 's1', code: 'SURVEY_ENDED' });
  assert.equal(state.stage, 'waiting');
  assert.equal(state.survey, null);
});

test('INVALID_STATE (already answered) goes on to the comment', () => {
  assert.equal(reduce(saving(), { type: 'answerFailed', surveyId: 's1', code: 'INVALID_STATE' }).stage, 'commenting');
});

test('another failure keeps the face marked and asks the customer to tap again', () => {
  const state = reduce(saving(5), { type: 'answerFailed', surveyId: 's1', code: 'STORAGE' });
  assert.equal(state.stage, 'choosing');
  assert.equal(state.score, 5);
  assert.equal(state.error.code, 'STORAGE');
  assert.match(words(state.error), /tap a face again/);
  const retried = reduce(state, { type: 'tap', score: 5 });
  assert.equal(retried.stage, 'countdown');
  assert.equal(retried.error, null);
});

test('replies for a survey the screen has left are ignored', () => {
  // s1's answer is on its way when staff start s2.
  let state = reduce(saving(), { type: 'surveyEvent', payload: { survey: survey('s2'), store: '' } });
  assert.equal(state.stage, 'choosing');
  assert.equal(state.survey.id, 's2');
  assert.equal(state.score, null);
  assert.equal(reduce(state, { type: 'answerFailed', surveyId: 's1', code: 'SURVEY_ENDED' }), state);
  assert.equal(reduce(state, { type: 'answered', surveyId: 's1', survey: survey('s1', 'commenting') }), state);
  state = reduce(state, { type: 'tap', score: 2 });
  assert.deepEqual(run(state, ticks(CHANGE_SECONDS)).effects, [{ type: 'answer', surveyId: 's2', score: 2 }]);
});

test('a survey event with a new id resets from any stage', () => {
  const mid = [
    reduce(started(), { type: 'tap', score: 1 }),
    saving(),
    reduce(saving(), { type: 'answered', surveyId: 's1', survey: survey('s1', 'commenting') }),
    reduce(reduce(saving(), { type: 'answered', surveyId: 's1' }), { type: 'commentSent', surveyId: 's1' }),
    reduce(started(), { type: 'answerFailed', surveyId: 's1', code: 'VALIDATION' }),
  ];
  for (const state of mid) {
    const next = reduce(state, { type: 'surveyEvent', payload: { survey: survey('s9'), store: 'Mutare' } });
    assert.equal(next.stage, 'choosing', `from ${state.stage}`);
    assert.equal(next.survey.id, 's9');
    assert.equal(next.score, null);
    assert.equal(next.error, null);
    assert.equal(next.sending, false);
  }
});

test('the survey ending (survey: null) goes to the waiting screen from anywhere', () => {
  const state = reduce(reduce(started(), { type: 'tap', score: 5 }), { type: 'surveyEvent', payload: { survey: null, store: 'X' } });
  assert.equal(state.stage, 'waiting');
  assert.deepEqual(run(state, ticks(CHANGE_SECONDS)).effects, [], 'the pending answer is dropped');
});

// ---- commenting ----

const commenting = () => reduce(saving(), { type: 'answered', surveyId: 's1', survey: survey('s1', 'commenting') });

test('Send sends the trimmed text; blank text is sent as null (a skip)', () => {
  let result = step(commenting(), { type: 'send', text: '  Rudo was very helpful.\n' });
  assert.deepEqual(result.effects, [{ type: 'comment', surveyId: 's1', comment: 'Rudo was very helpful.' }]);
  assert.equal(result.state.sending, true);
  assert.deepEqual(step(result.state, { type: 'send', text: 'twice' }).effects, [], 'no second send while one is on its way');
  result = step(commenting(), { type: 'send', text: '   ' });
  assert.deepEqual(result.effects, [{ type: 'comment', surveyId: 's1', comment: null }]);
});

test('"No thanks" and 60 s without a touch both skip the comment', () => {
  assert.deepEqual(step(commenting(), { type: 'skip' }).effects, [{ type: 'comment', surveyId: 's1', comment: null }]);
  assert.deepEqual(step(commenting(), { type: 'idleTimeout' }).effects, [{ type: 'comment', surveyId: 's1', comment: null }]);
  assert.deepEqual(step(started(), { type: 'idleTimeout' }).effects, [], 'only the comment screen times out');
});

test('the comment sent shows the thank-you, which gives way to the waiting screen', () => {
  let state = reduce(commenting(), { type: 'skip' });
  state = reduce(state, { type: 'commentSent', surveyId: 's1', survey: survey('s1', 'done') });
  assert.equal(state.stage, 'thanks');
  assert.equal(screenFor(state.stage), 'thanks');
  // The backend announces "done" too; the thank-you stays.
  assert.equal(reduce(state, { type: 'surveyEvent', payload: { survey: survey('s1', 'done'), store: '' } }).stage, 'thanks');
  state = reduce(state, { type: 'thanksDone' });
  assert.equal(state.stage, 'waiting');
  assert.equal(reduce(state, { type: 'surveyEvent', payload: { survey: survey('s1', 'done'), store: '' } }).stage, 'waiting');
  assert.equal(reduce(state, { type: 'surveyEvent', payload: { survey: survey('s2'), store: '' } }).stage, 'choosing', 'the next customer');
});

test('a failed comment keeps the screen (and so the text) with a message; sending again works', () => {
  let state = reduce(commenting(), { type: 'send', text: 'Great service' });
  state = reduce(state, { type: 'commentFailed', surveyId: 's1', code: 'STORAGE' });
  assert.equal(state.stage, 'commenting');
  assert.equal(state.sending, false);
  assert.match(words(state.error), /not sent/);
  const again = step(state, { type: 'send', text: 'Great service' });
  assert.deepEqual(again.effects, [{ type: 'comment', surveyId: 's1', comment: 'Great service' }]);
  assert.equal(again.state.error, null);
});

test('comment failures: SURVEY_ENDED waits, INVALID_STATE (already done) thanks', () => {
  const sending = reduce(commenting(), { type: 'send', text: 'x' });
  assert.equal(reduce(sending, { type: 'commentFailed', surveyId: 's1', code: 'SURVEY_ENDED' }).stage, 'waiting');
  assert.equal(reduce(sending, { type: 'commentFailed', surveyId: 's1', code: 'INVALID_STATE' }).stage, 'thanks');
});

test('commentToSend: trimmed, capped at 2000, null when blank or not text', () => {
  assert.equal(commentToSend(' hi '), 'hi');
  assert.equal(commentToSend(''), null);
  assert.equal(commentToSend(' \n\t'), null);
  assert.equal(commentToSend(null), null);
  assert.equal(commentToSend('x'.repeat(2500)).length, COMMENT_MAX_LENGTH);
});

// ---- staff taking the counter back ----

test('after the long-press, the screen first tries without a PIN', () => {
  const before = reduce(started(), { type: 'tap', score: 4 });
  const { state, effects } = step(before, { type: 'longPressDone' });
  assert.deepEqual(effects, [{ type: 'staffReturn', pin: null }]);
  assert.equal(stateName(state), 'countdown', 'no pad until the backend asks for a PIN');
  assert.deepEqual(step(state, { type: 'longPressDone' }).effects, [], 'one try at a time');
});

test('PIN_REQUIRED on the empty try opens the pad without an error', () => {
  const state = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_REQUIRED' }]).state;
  assert.equal(state.staff.pad, true);
  assert.equal(state.staff.error, null);
  assert.equal(state.pinRequired, true);
});

test('PIN_WRONG on the empty try opens the pad without an error', () => {
  const state = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_WRONG' }]).state;
  assert.equal(stateName(state), 'pin');
  assert.equal(state.staff.error, null);
  assert.equal(state.pinRequired, true);
});

test('a wrong PIN says so and clears for another try; PIN_LOCKED says to wait', () => {
  let { state, effects } = run(started(), [
    { type: 'longPressDone' },
    { type: 'staffReturnFailed', code: 'PIN_WRONG' },
    { type: 'pinSubmit', pin: '12 34' },
  ]);
  assert.deepEqual(effects.at(-1), { type: 'staffReturn', pin: '1234' });
  assert.equal(state.staff.busy, true);
  assert.deepEqual(step(state, { type: 'pinSubmit', pin: '9999' }).effects, [], 'no second try while one is checked');
  state = reduce(state, { type: 'staffReturnFailed', code: 'PIN_WRONG' });
  assert.equal(stateName(state), 'pin');
  assert.equal(state.staff.error.code, 'PIN_WRONG');
  assert.equal(state.staff.error.key, customerMessage('staff', 'PIN_WRONG'));
  assert.equal(state.staff.failures, 1);
  state = reduce(reduce(state, { type: 'pinSubmit', pin: '0000' }), {
    type: 'staffReturnFailed',
    code: 'PIN_LOCKED',
    waitSeconds: 120,
  });
  assert.equal(words(state.staff.error), 'Too many wrong PINs. Try again in 2 minutes.', 'the wait grows: the backend says how long');
  assert.equal(state.staff.failures, 2);
  state = reduce(reduce(state, { type: 'pinSubmit', pin: '0000' }), { type: 'staffReturnFailed', code: 'PIN_LOCKED' });
  assert.match(words(state.staff.error), /wait/, "without the backend's wait, still a word to wait");
  assert.equal(words(lockedError(30)), 'Too many wrong PINs. Try again in 30 seconds.');
  assert.equal(words(lockedError(1)), 'Too many wrong PINs. Try again in 1 second.');
  assert.equal(words(lockedError(61)), 'Too many wrong PINs. Try again in 2 minutes.');
});

test('a PIN that could not be read sends staff to their own screen', () => {
  const corner = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_UNKNOWN' }]).state;
  assert.equal(corner.staff, null, 'no pad: no PIN can be right');
  assert.match(words(corner.staffMessage), /staff screen/);
  const pad = run(started(), [
    { type: 'longPressDone' },
    { type: 'staffReturnFailed', code: 'PIN_REQUIRED' },
    { type: 'pinSubmit', pin: '2580' },
    { type: 'staffReturnFailed', code: 'PIN_UNKNOWN' },
  ]).state;
  assert.equal(pad.staff.error.code, 'PIN_UNKNOWN');
  assert.match(words(pad.staff.error), /staff screen/);
});

test('an empty PIN is not sent', () => {
  const pad = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_WRONG' }]).state;
  const { state, effects } = step(pad, { type: 'pinSubmit', pin: 'abc' });
  assert.deepEqual(effects, []);
  assert.equal(state.staff.error.code, 'PIN_EMPTY');
});

test('once a PIN was asked for, the next long-press opens the pad straight away', () => {
  let state = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_WRONG' }, { type: 'pinCancel' }]).state;
  const { state: next, effects } = step(state, { type: 'longPressDone' });
  assert.deepEqual(effects, [], 'no wasted empty try');
  assert.equal(stateName(next), 'pin');
});

test('Cancel returns to exactly where the customer was, and the flow held still meanwhile', () => {
  const before = run(started(), [{ type: 'tap', score: 2 }, ...ticks(1)]).state;
  let { state, effects } = run(before, [
    { type: 'longPressDone' },
    { type: 'staffReturnFailed', code: 'PIN_WRONG' },
    ...ticks(10),
    { type: 'tap', score: 5 },
    { type: 'countdownDone' },
  ]);
  assert.deepEqual(effects, [{ type: 'staffReturn', pin: null }], 'no answer sent while the pad is up');
  state = reduce(state, { type: 'pinCancel' });
  assert.equal(stateName(state), 'countdown');
  assert.equal(state.score, 2);
  assert.equal(state.secondsLeft, before.secondsLeft);
  assert.equal(state.pinRequired, true);
});

test('the pad over the comment and thank-you screens holds their timeouts too', () => {
  const pad = (state) => run(state, [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_WRONG' }]).state;
  assert.deepEqual(step(pad(commenting()), { type: 'idleTimeout' }).effects, []);
  const thanks = reduce(reduce(commenting(), { type: 'skip' }), { type: 'commentSent', surveyId: 's1' });
  assert.equal(reduce(pad(thanks), { type: 'thanksDone' }).stage, 'thanks');
});

test('a new survey while the pad is up changes what is behind it, not the pad', () => {
  const pad = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'PIN_WRONG' }]).state;
  const state = reduce(pad, { type: 'surveyEvent', payload: { survey: survey('s2'), store: '' } });
  assert.equal(stateName(state), 'pin');
  assert.equal(reduce(state, { type: 'pinCancel' }).survey.id, 's2');
});

test('without a PIN set, the empty try succeeds; other failures come back as a word by the corner', () => {
  const ok = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturned' }]).state;
  assert.equal(ok.staff.returned, true);
  const failed = run(started(), [{ type: 'longPressDone' }, { type: 'staffReturnFailed', code: 'INTERNAL' }]).state;
  assert.equal(failed.staff, null);
  assert.equal(stateName(failed), 'choosing');
  assert.match(words(failed.staffMessage), /could not be handed back/);
  assert.equal(reduce(failed, { type: 'longPressDone' }).staffMessage, null, 'cleared on the next try');
});

test('a late reply after Cancel changes nothing', () => {
  const state = run(started(), [{ type: 'longPressDone' }, { type: 'pinCancel' }]).state;
  assert.equal(reduce(state, { type: 'staffReturnFailed', code: 'PIN_WRONG' }), state);
});

test('cleanPin keeps up to eight digits', () => {
  assert.equal(cleanPin('12a3-4'), '1234');
  assert.equal(cleanPin('1234567890'), '12345678');
  assert.equal(cleanPin(null), '');
});

// ---- words ----

test("the waiting screen's store line, with and without a store name", () => {
  assert.equal(waitingStore(' Harare – Sam Levy '), 'Harare – Sam Levy');
  assert.equal(waitingStore('  '), '');
  assert.equal(waitingStore(null), '');
});

test('messages for the customer are friendly, never the error code, and in the catalogue', () => {
  for (const [stepName, code] of [['answer', 'STORAGE'], ['comment', 'INTERNAL'], ['staff', 'WINDOW'], ['answer', undefined]]) {
    const key = customerMessage(stepName, code);
    assert.ok(Object.hasOwn(en, key), key);
    const message = translate('en', key);
    assert.ok(message.length > 10);
    if (code) assert.ok(!message.includes(code), message);
  }
  assert.notEqual(customerMessage('answer', 'X'), customerMessage('comment', 'X'));
});

test('unknown events leave the state alone', () => {
  const state = started();
  assert.equal(reduce(state, { type: 'dance' }), state);
  assert.equal(reduce(state, null), state);
});
