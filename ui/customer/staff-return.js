// The "Staff" corner and the PIN pad. Staff take the counter back by
// holding the corner for LONG_PRESS_MS (pointer, or Enter/Space held down);
// a ring fills while they hold, and letting go or sliding off cancels. A
// short tap only explains itself, so a customer's stray touch does nothing.
// What happens after the hold (try without a PIN, then ask for one) is
// decided in lib/survey-flow.js.

import { html, render } from '../lib/html.js';
import { svgElement } from '../lib/dom.js';
import { LONG_PRESS_MS, PIN_MAX_LENGTH, cleanPin } from '../lib/survey-flow.js';
import { t, translateStatic } from '../lib/i18n.js';

const HOLD_SECONDS = LONG_PRESS_MS / 1000;

function progressRing() {
  const ring = svgElement('svg', { class: 'staff-ring', viewBox: '0 0 100 100', 'aria-hidden': 'true', focusable: 'false' });
  for (const part of ['staff-ring-track', 'staff-ring-fill']) {
    // Dash lengths in percent of the circle (pathLength), whatever its drawn size.
    ring.append(svgElement('circle', { class: part, cx: 50, cy: 50, r: 46, pathLength: 100 }));
  }
  return ring;
}

/** The corner (in a <footer>) and the PIN dialog; `update(state)` follows the flow. */
export function staffReturn({ dispatch }) {
  const footer = document.createElement('footer');
  footer.className = 'staff-area';
  render(
    footer,
    html`<p class="staff-hint" id="staff-hint" data-testid="staff-hint" role="status"></p>
      <button type="button" class="staff-corner" data-testid="staff-corner" aria-describedby="staff-help">
        <span class="staff-label" data-i18n="customer.staff.label"></span>
      </button>
      <span class="visually-hidden" id="staff-help"></span>`,
  );
  const corner = footer.querySelector('.staff-corner');
  const hint = footer.querySelector('.staff-hint');
  const help = footer.querySelector('#staff-help');
  corner.prepend(progressRing());
  corner.style.setProperty('--hold-ms', `${LONG_PRESS_MS}ms`);

  // ---- the long-press ----
  let holdTimer = null;
  let hintTimer = null;
  let staffBusy = false;

  // What the hint says, as {key, params}: worded again when the language changes.
  let saying = null;
  function say(message, { fadeAfterMs = 0 } = {}) {
    clearTimeout(hintTimer);
    saying = message;
    hint.textContent = message ? t(message.key, message.params) : '';
    hint.classList.toggle('is-shown', Boolean(message));
    if (message && fadeAfterMs) hintTimer = setTimeout(() => say(null), fadeAfterMs);
  }

  function startHold() {
    if (holdTimer || staffBusy) return;
    corner.classList.add('is-holding');
    say({ key: 'customer.staff.keepHolding' });
    holdTimer = setTimeout(() => {
      holdTimer = null;
      corner.classList.remove('is-holding');
      say(null);
      dispatch({ type: 'longPressDone' });
    }, LONG_PRESS_MS);
  }

  function cancelHold() {
    if (!holdTimer) return;
    clearTimeout(holdTimer);
    holdTimer = null;
    corner.classList.remove('is-holding');
    say({ key: 'customer.staff.holdHint', params: { count: HOLD_SECONDS } }, { fadeAfterMs: 3000 });
  }

  corner.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault(); // no text selection or focus flicker while holding
    startHold();
  });
  for (const name of ['pointerup', 'pointerleave', 'pointercancel']) corner.addEventListener(name, cancelHold);
  corner.addEventListener('blur', cancelHold);
  // A touch held down opens a context menu in some web views.
  corner.addEventListener('contextmenu', (event) => event.preventDefault());
  corner.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault(); // Space would scroll, Enter would "click"
    if (!event.repeat) startHold();
  });
  corner.addEventListener('keyup', (event) => {
    if (event.key === 'Enter' || event.key === ' ') cancelHold();
  });

  // ---- the PIN pad ----
  const dialog = document.createElement('dialog');
  dialog.className = 'pin-dialog';
  dialog.dataset.testid = 'pin-dialog';
  dialog.setAttribute('aria-labelledby', 'pin-title');
  dialog.setAttribute('aria-describedby', 'pin-help');
  const digitButton = (digit) =>
    html`<button type="button" class="pin-key" data-digit="${digit}" data-testid="pin-key-${digit}">${digit}</button>`;
  render(
    dialog,
    html`<form class="pin-form" novalidate>
      <h2 id="pin-title" data-i18n="customer.pin.title"></h2>
      <p id="pin-help" class="pin-help" data-i18n="customer.pin.help"></p>
      <label class="pin-label" for="pin-input" data-i18n="customer.pin.label"></label>
      <input id="pin-input" class="pin-input" data-testid="pin-input" type="password" inputmode="numeric"
        autocomplete="off" maxlength="${PIN_MAX_LENGTH}" pattern="[0-9]*" spellcheck="false">
      <p class="pin-error" data-testid="pin-error" role="alert" hidden></p>
      <div class="pin-pad" role="group" data-i18n-attr="aria-label:customer.pin.keypad">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digitButton)}
        <button type="button" class="pin-key pin-key-delete" data-testid="pin-delete"><span aria-hidden="true">⌫ </span><span data-i18n="customer.pin.delete"></span></button>
        ${digitButton('0')}
        <button type="submit" class="pin-key pin-key-ok" data-testid="pin-ok" data-i18n="customer.pin.ok"></button>
      </div>
      <button type="button" class="big-button big-button-secondary pin-cancel" data-testid="pin-cancel" data-i18n="customer.pin.cancel"></button>
    </form>`,
  );
  // Words for both parts, again on every update (the customer may switch language).
  function word() {
    translateStatic(footer);
    translateStatic(dialog);
    help.textContent = t('customer.staff.help', { count: HOLD_SECONDS });
    if (saying) hint.textContent = t(saying.key, saying.params);
  }
  word();
  const form = dialog.querySelector('form');
  const input = dialog.querySelector('.pin-input');
  const error = dialog.querySelector('.pin-error');
  const ok = dialog.querySelector('[data-testid="pin-ok"]');

  input.addEventListener('input', () => {
    const clean = cleanPin(input.value);
    if (clean !== input.value) input.value = clean;
  });
  dialog.querySelector('.pin-pad').addEventListener('click', (event) => {
    const key = event.target.closest('button');
    if (!key || key.type === 'submit') return;
    input.value = key.dataset.digit ? cleanPin(input.value + key.dataset.digit) : input.value.slice(0, -1);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dispatch({ type: 'pinSubmit', pin: input.value });
  });
  dialog.querySelector('[data-testid="pin-cancel"]').addEventListener('click', () => dispatch({ type: 'pinCancel' }));
  // Esc: the same as Cancel, through the flow (so the state and the dialog agree).
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    dispatch({ type: 'pinCancel' });
  });

  let shownFailures = 0;
  let shownMessage = null;

  function update(state) {
    word();
    const staff = state.staff;
    staffBusy = Boolean(staff);
    corner.classList.toggle('is-busy', Boolean(staff) && !staff.pad);
    if (staff?.returned && saying?.key !== 'customer.staff.handingBack') say({ key: 'customer.staff.handingBack' });
    if (state.staffMessage !== shownMessage) {
      shownMessage = state.staffMessage;
      if (shownMessage) say(shownMessage, { fadeAfterMs: 6000 });
    }

    const wantPad = Boolean(staff?.pad);
    if (wantPad && !dialog.open) {
      input.value = '';
      shownFailures = staff.failures;
      dialog.showModal();
      input.focus();
    } else if (!wantPad && dialog.open) {
      dialog.close();
      input.value = ''; // the PIN does not linger in the page
    }
    if (!wantPad) return;
    // A refused PIN: clear the field for the next try.
    if (staff.failures !== shownFailures) {
      shownFailures = staff.failures;
      input.value = '';
      input.focus();
    }
    ok.disabled = staff.busy;
    input.readOnly = staff.busy;
    if (staff.error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    error.textContent = staff.returned || !staff.error ? '' : t(staff.error.key, staff.error.params);
    error.hidden = !error.textContent;
  }

  return { elements: [footer, dialog], update };
}
