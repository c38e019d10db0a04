// The calm screen between customers: "Ping Desk — store" until staff start
// the next survey (a `survey` event) or close the window.

import { html, render } from '../lib/html.js';
import { waitingHeading } from '../lib/survey-flow.js';

export function waitingScreen() {
  const element = document.createElement('section');
  element.className = 'screen screen-waiting';
  element.dataset.testid = 'waiting';
  element.setAttribute('aria-labelledby', 'waiting-title');
  render(
    element,
    html`<div class="waiting-mark" aria-hidden="true"><span></span><span></span><span></span></div>
      <h1 id="waiting-title" tabindex="-1"></h1>
      <p class="screen-note">Staff will be with you shortly</p>`,
  );
  const title = element.querySelector('h1');
  function update(state) {
    const heading = waitingHeading(state.store);
    if (title.textContent !== heading) title.textContent = heading;
  }
  return { element, update, focus: () => title.focus() };
}
