// Choosing: "How did we do today?" and the five faces. One tap chooses; the
// countdown line (a live region) says how long the customer can still change
// their mind. The flow itself (what a tap does, when the answer is sent)
// lives in lib/survey-flow.js.

import { html, render } from '../lib/html.js';
import { CHANGE_SECONDS, statusLine } from '../lib/survey-flow.js';
import { t, translateStatic } from '../lib/i18n.js';
import { faceButtons } from './faces.js';

export function chooseScreen({ dispatch }) {
  const element = document.createElement('section');
  element.className = 'screen screen-choose';
  element.setAttribute('aria-labelledby', 'choose-title');
  render(
    element,
    html`<header class="screen-head">
        <h1 id="choose-title" tabindex="-1" data-i18n="customer.question"></h1>
        <p class="store-name" data-testid="store-name" translate="no" hidden></p>
      </header>
      <div class="faces" role="group" aria-labelledby="choose-title"></div>
      <div class="choose-status">
        <p class="countdown" data-testid="countdown" role="status" aria-live="polite"></p>
        <div class="countdown-bar" aria-hidden="true"><span class="countdown-bar-fill"></span></div>
        <p class="customer-error" data-testid="customer-error" role="alert" hidden></p>
      </div>`,
  );
  translateStatic(element);
  const title = element.querySelector('h1');
  const store = element.querySelector('.store-name');
  const faces = element.querySelector('.faces');
  const countdown = element.querySelector('.countdown');
  const bar = element.querySelector('.countdown-bar');
  const error = element.querySelector('.customer-error');
  // The bar empties over the whole countdown, however long it is set to be.
  bar.style.setProperty('--countdown-seconds', `${CHANGE_SECONDS}s`);

  const buttons = faceButtons();
  faces.append(...buttons);
  faces.addEventListener('click', (event) => {
    const button = event.target.closest('.face-button');
    if (button) dispatch({ type: 'tap', score: Number(button.dataset.score) });
  });

  let shownRun = null;

  function update(state) {
    translateStatic(element);
    for (const button of buttons) button.querySelector('.face-word').textContent = t(button.dataset.wordKey);
    store.textContent = state.store.trim();
    store.hidden = !state.store.trim();
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.score) === state.score));
    }
    faces.classList.toggle('has-choice', state.score !== null);
    const status = statusLine(state);
    const line = status ? t(status.key, status.params) : '';
    if (countdown.textContent !== line) countdown.textContent = line;
    countdown.classList.toggle('is-active', Boolean(line));

    // Restart the bar's animation on every new countdown (a tap on another face).
    const run = state.stage === 'countdown' ? state.countdownRun : null;
    if (run !== shownRun) {
      bar.classList.remove('is-running');
      if (run !== null) {
        void bar.offsetWidth; // a reflow, so removing and adding the class restarts the animation
        bar.classList.add('is-running');
      }
      shownRun = run;
    }
    // The flow holds still while staff use the PIN pad; so does the bar.
    bar.classList.toggle('is-paused', Boolean(state.staff));

    error.textContent = state.error ? t(state.error.key, state.error.params) : '';
    error.hidden = !state.error;
  }

  return { element, update, focus: () => title.focus() };
}
