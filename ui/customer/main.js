// The customer's satisfaction screen (the `customer` window, customer.html).
// Its capability allows only the customer_* commands and `survey` events,
// so this page shows nothing of the staff UI. The flow's rules are in
// lib/survey-flow.js; this module feeds it events, draws the state and runs
// the effects it asks for.

import { customerAnswer, customerComment, customerStaffReturn, customerSurvey, onSurvey } from '../ipc.js';
import { initialState, screenFor, stateName, step } from '../lib/survey-flow.js';
import { chooseScreen } from './choose.js';
import { commentScreen } from './comment.js';
import { staffReturn } from './staff-return.js';
import { thanksScreen } from './thanks.js';
import { flowTimers } from './timers.js';
import { waitingScreen } from './waiting.js';
import { languageSwitch } from './languages.js';
import { DEFAULT_LANGUAGE, LANGUAGE_CODES, currentLanguage, isSupported, loadLanguage, t, translateStatic, useLanguage } from '../lib/i18n.js';

const SCREENS = { choose: chooseScreen, comment: commentScreen, thanks: thanksScreen, waiting: waitingScreen };

const root = document.querySelector('[data-testid="customer-screen"]');
const main = root.querySelector('main');

let state = initialState();
let shown = null; // {key, screen}

const staff = staffReturn({ dispatch });
const languages = languageSwitch({ dispatch });
root.prepend(languages.element);
root.append(...staff.elements);
const timers = flowTimers(dispatch);

function dispatch(event) {
  const result = step(state, event);
  if (result.state !== state) {
    state = result.state;
    show();
  }
  result.effects.forEach(perform);
}

// The screen speaks the survey's language (the ticket's preferred one, else
// the store's), or the one the customer tapped; every catalogue is loaded
// before the first screen, so a switch is instant.
function applyLanguage() {
  const wanted = isSupported(state.language) ? state.language : DEFAULT_LANGUAGE;
  if (wanted !== currentLanguage()) useLanguage(wanted);
  root.dataset.language = currentLanguage();
  translateStatic(document);
  document.title = t('customer.title');
}

function show() {
  applyLanguage();
  root.dataset.stage = stateName(state);
  const name = screenFor(state.stage);
  // A new survey gets a fresh screen (an empty comment box, no face marked).
  const key = name === 'choose' || name === 'comment' ? `${name}:${state.survey?.id}` : name;
  if (shown?.key !== key) {
    const screen = SCREENS[name]({ dispatch });
    main.replaceChildren(screen.element);
    shown = { key, screen };
    screen.update(state);
    // Screen readers hear the new screen's heading; the comment box takes the typing.
    if (!state.staff?.pad) screen.focus();
  } else {
    shown.screen.update(state);
  }
  staff.update(state);
  languages.update(state);
  timers.sync(state);
}

const FAILED = { answer: 'answerFailed', comment: 'commentFailed', staffReturn: 'staffReturnFailed' };
const DONE = { answer: 'answered', comment: 'commentSent', staffReturn: 'staffReturned' };

async function perform(effect) {
  let reply;
  try {
    if (effect.type === 'answer') reply = await customerAnswer(effect.surveyId, effect.score);
    else if (effect.type === 'comment') reply = await customerComment(effect.surveyId, effect.comment);
    else if (effect.type === 'staffReturn') reply = await customerStaffReturn(effect.pin);
    else return;
  } catch (error) {
    dispatch({ type: FAILED[effect.type], surveyId: effect.surveyId, code: error?.code ?? 'INTERNAL', waitSeconds: error?.waitSeconds });
    return;
  }
  dispatch({ type: DONE[effect.type], surveyId: effect.surveyId, survey: reply });
}

// Keys 1–5 choose a face (not while typing a comment or a PIN).
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
  if (event.target.closest?.('input, textarea, dialog')) return;
  if (/^[1-5]$/.test(event.key)) dispatch({ type: 'tap', score: Number(event.key) });
});
// A kiosk: no context menu (reload, inspect, select all) for the customer.
document.addEventListener('contextmenu', (event) => event.preventDefault());
for (const name of ['pointerdown', 'keydown', 'input']) {
  document.addEventListener(name, () => timers.activity(), { capture: true, passive: true });
}

async function start() {
  // All three catalogues, so the customer's one tap switches at once; a
  // catalogue that fails to load leaves that language in English.
  await Promise.all(LANGUAGE_CODES.map((code) => loadLanguage(code).catch(() => null)));
  show();
  // Listen first, so nothing is missed between the two; an event that comes
  // before customer_survey's reply is newer than it.
  let heard = false;
  try {
    await onSurvey((payload) => {
      heard = true;
      dispatch({ type: 'surveyEvent', payload });
    });
  } catch {
    // No events: the screen still works for the survey it reads now.
  }
  try {
    const payload = await customerSurvey();
    if (!heard) dispatch({ type: 'surveyEvent', payload });
  } catch {
    // The waiting screen stays until the next `survey` event.
  }
  document.documentElement.dataset.ready = 'true';
}

start();
