// The "Staff" corner and the PIN pad. Staff take the counter back by
// holding the corner for LONG_PRESS_MS (pointer, or Enter/Space held down);
// a ring fills while they hold, and letting go or sliding off cancels. A
// short tap only explains itself, so a customer's stray touch does nothing.
// What happens after the hold (try without a PIN, then ask for one) is
// decided in lib/survey-flow.js.

import { html, render } from '../lib/html.js';
import { svgElement } from '../lib/dom.js';
import { LONG_PRESS_MS, PIN_MAX_LENGTH, cleanPin } from '../lib/survey-flow.js';

const HOLD_HINT = 'Press and hold for 2 seconds';

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
        <span class="staff-label">Staff</span>
      </button>
      <span class="visually-hidden" id="staff-help">For staff: press and hold for 2 seconds to hand the screen back.</span>`,
  );
  const corner = footer.querySelector('.staff-corner');
  const hint = footer.querySelector('.staff-hint');
  corner.prepend(progressRing());
  corner.style.setProperty('--hold-ms', `${LONG_PRESS_MS}ms`);

  // ---- the long-press ----
  let holdTimer = null;
  let hintTimer = null;
  let staffBusy = false;

  function say(text, { fadeAfterMs = 0 } = {}) {
    clearTimeout(hintTimer);
    hint.textContent = text;
    hint.classList.toggle('is-shown', Boolean(text));
    if (text && fadeAfterMs) hintTimer = setTimeout(() => say(''), fadeAfterMs);
  }

  function startHold() {
    if (holdTimer || staffBusy) return;
    corner.classList.add('is-holding');
    say('Keep holding…');
    holdTimer = setTimeout(() => {
      holdTimer = null;
      corner.classList.remove('is-holding');
      say('');
      dispatch({ type: 'longPressDone' });
    }, LONG_PRESS_MS);
  }

  function cancelHold() {
    if (!holdTimer) return;
    clearTimeout(holdTimer);
    holdTimer = null;
    corner.classList.remove('is-holding');
    say(HOLD_HINT, { fadeAfterMs: 3000 });
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
      <h2 id="pin-title">Staff PIN</h2>
      <p id="pin-help" class="pin-help">Type the counter PIN to hand the screen back to staff.</p>
      <label class="pin-label" for="pin-input">PIN</label>
      <input id="pin-input" class="pin-input" data-testid="pin-input" type="password" inputmode="numeric"
        autocomplete="off" maxlength="${PIN_MAX_LENGTH}" pattern="[0-9]*" spellcheck="false">
      <p class="pin-error" data-testid="pin-error" role="alert" hidden></p>
      <div class="pin-pad" role="group" aria-label="Keypad">
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digitButton)}
        <button type="button" class="pin-key pin-key-delete" data-testid="pin-delete"><span aria-hidden="true">⌫ </span>Delete</button>
        ${digitButton('0')}
        <button type="submit" class="pin-key pin-key-ok" data-testid="pin-ok">OK</button>
      </div>
      <button type="button" class="big-button big-button-secondary pin-cancel" data-testid="pin-cancel">Cancel</button>
    </form>`,
  );
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
    const staff = state.staff;
    staffBusy = Boolean(staff);
    corner.classList.toggle('is-busy', Boolean(staff) && !staff.pad);
    if (staff?.returned) say('Handing back to staff…');
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
    error.textContent = staff.returned ? '' : (staff.error?.message ?? '');
    error.hidden = !error.textContent;
  }

  return { elements: [footer, dialog], update };
}
