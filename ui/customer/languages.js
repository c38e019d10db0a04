// The customer's one tap to another language: English, chiShona, isiNdebele,
// each named in itself (and marked as that language for screen readers), at
// the top of every customer screen. The choice lasts for this customer; the
// next survey opens in its own language again (lib/survey-flow.js).

import { html, render } from '../lib/html.js';
import { LANGUAGES, currentLanguage, translateStatic } from '../lib/i18n.js';

export function languageSwitch({ dispatch }) {
  const element = document.createElement('nav');
  element.className = 'language-switch';
  element.dataset.testid = 'language-switch';
  element.setAttribute('data-i18n-attr', 'aria-label:customer.language.label');
  render(
    element,
    html`${LANGUAGES.map(
      ({ code, name }) =>
        html`<button type="button" class="language-button" data-language="${code}" data-testid="language-${code}" lang="${code}" translate="no" aria-pressed="false">${name}</button>`,
    )}`,
  );
  translateStatic(element);
  element.addEventListener('click', (event) => {
    const button = event.target.closest('[data-language]');
    if (button) dispatch({ type: 'language', code: button.dataset.language });
  });

  function update() {
    const shown = currentLanguage();
    for (const button of element.querySelectorAll('[data-language]')) {
      button.setAttribute('aria-pressed', String(button.dataset.language === shown));
    }
  }

  return { element, update };
}
