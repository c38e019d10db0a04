// "Thank you!": shown for a few seconds after the comment step, then the
// waiting screen (the timer is in timers.js, the rule in lib/survey-flow.js).

import { html, render } from '../lib/html.js';
import { svgElement } from '../lib/dom.js';
import { translateStatic } from '../lib/i18n.js';

// A heart rather than a face: the thank-you is the same whatever the score,
// so it never hints at what the customer chose.
function heart() {
  const svg = svgElement('svg', { viewBox: '0 0 100 100', class: 'thanks-heart', 'aria-hidden': 'true', focusable: 'false' });
  svg.append(
    svgElement('path', {
      d: 'M50 86 C20 64 8 48 8 32 C8 18 19 8 32 8 C40 8 46 12 50 19 C54 12 60 8 68 8 C81 8 92 18 92 32 C92 48 80 64 50 86 Z',
    }),
  );
  return svg;
}

export function thanksScreen() {
  const element = document.createElement('section');
  element.className = 'screen screen-thanks';
  element.dataset.testid = 'thank-you';
  element.setAttribute('aria-labelledby', 'thanks-title');
  render(
    element,
    html`<div class="thanks-mark"></div>
      <h1 id="thanks-title" tabindex="-1" data-i18n="customer.thanks.title"></h1>
      <p class="screen-note" data-i18n="customer.thanks.note"></p>`,
  );
  translateStatic(element);
  element.querySelector('.thanks-mark').append(heart());
  const title = element.querySelector('h1');
  return { element, update: () => translateStatic(element), focus: () => title.focus() };
}
