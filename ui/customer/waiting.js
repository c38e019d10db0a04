// The calm screen between customers: "Ping Desk" and the store until staff start
// the next survey (a `survey` event) or close the window.

import { html, render } from '../lib/html.js';
import { waitingStore } from '../lib/survey-flow.js';
import { translateStatic } from '../lib/i18n.js';

export function waitingScreen() {
  const element = document.createElement('section');
  element.className = 'screen screen-waiting';
  element.dataset.testid = 'waiting';
  element.setAttribute('aria-labelledby', 'waiting-title');
  render(
    element,
    html`<div class="waiting-mark" aria-hidden="true"><span></span><span></span><span></span></div>
      <h1 id="waiting-title" tabindex="-1"><span translate="no">Ping Desk</span><span class="waiting-store" translate="no"></span></h1>
      <p class="screen-note" data-i18n="customer.waiting.note"></p>`,
  );
  const title = element.querySelector('h1');
  const store = element.querySelector('.waiting-store');
  function update(state) {
    translateStatic(element);
    // The product's and the store's names are names: never translated.
    const name = waitingStore(state.store);
    const text = name ? ` — ${name}` : '';
    if (store.textContent !== text) store.textContent = text;
  }
  return { element, update, focus: () => title.focus() };
}
