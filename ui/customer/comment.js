// Commenting: an optional message, "Send" or "No thanks". Ctrl+Enter sends.
// The screen stays mounted while the comment is on its way, so after an
// error the customer's text is still there to send again.

import { html, render } from '../lib/html.js';
import { COMMENT_MAX_LENGTH } from '../lib/survey-flow.js';
import { t, translateStatic } from '../lib/i18n.js';

export function commentScreen({ dispatch }) {
  const element = document.createElement('section');
  element.className = 'screen screen-comment';
  element.setAttribute('aria-labelledby', 'comment-title');
  render(
    element,
    html`<form class="comment-form" novalidate>
      <h1 id="comment-title">
        <label for="comment-text"><span data-i18n="customer.comment.question"></span> <span class="optional" data-i18n="customer.comment.optional"></span></label>
      </h1>
      <textarea id="comment-text" class="comment-text" data-testid="comment-text" rows="5"
        maxlength="${COMMENT_MAX_LENGTH}" aria-describedby="comment-hint" autocomplete="off"></textarea>
      <p id="comment-hint" class="comment-hint" data-i18n="customer.comment.hint"></p>
      <p class="customer-error" data-testid="customer-error" role="alert" hidden></p>
      <div class="comment-actions">
        <button type="button" class="big-button big-button-secondary" data-testid="comment-skip" data-i18n="customer.comment.skip"></button>
        <button type="submit" class="big-button big-button-primary" data-testid="comment-send"></button>
      </div>
    </form>`,
  );
  translateStatic(element);
  const form = element.querySelector('form');
  const text = element.querySelector('textarea');
  const send = element.querySelector('[data-testid="comment-send"]');
  const skip = element.querySelector('[data-testid="comment-skip"]');
  const error = element.querySelector('.customer-error');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dispatch({ type: 'send', text: text.value });
  });
  skip.addEventListener('click', () => dispatch({ type: 'skip' }));
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      dispatch({ type: 'send', text: text.value });
    }
  });

  function update(state) {
    // Read-only (not disabled) while sending: the text stays focusable and readable.
    text.readOnly = state.sending;
    send.disabled = state.sending;
    skip.disabled = state.sending;
    translateStatic(element);
    send.textContent = t(state.sending ? 'customer.comment.sending' : 'customer.comment.send');
    error.textContent = state.error ? t(state.error.key, state.error.params) : '';
    error.hidden = !state.error;
  }

  return { element, update, focus: () => text.focus() };
}
