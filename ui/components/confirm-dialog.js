// A modal "are you sure?" built on <dialog>: focus is trapped and restored by
// the browser, Esc cancels.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

/**
 * Resolves false on cancel or Esc; on confirm, true, or with an `option`
 * ({label, testid}: a checkbox, off by default) `{ option: checked }`.
 */
export function confirmAction({ title, message, details = [], confirmLabel = t('common.confirm'), cancelLabel = t('common.cancel'), danger = false, option = null }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog';
  dialog.dataset.testid = 'confirm-dialog';
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.setAttribute('aria-describedby', 'confirm-message');
  render(
    dialog,
    html`<form method="dialog" class="dialog-body">
      <h2 id="confirm-title">${title}</h2>
      <p id="confirm-message">${message}</p>
      ${details.length ? html`<ul class="dialog-details">${details.map((line) => html`<li>${line}</li>`)}</ul>` : ''}
      ${option ? html`<p class="dialog-option"><label><input type="checkbox" name="option" data-testid="${option.testid}"> ${option.label}</label></p>` : ''}
      <div class="dialog-actions">
        <button type="submit" value="cancel" class="button button-secondary" data-testid="confirm-cancel">${cancelLabel}</button>
        <button type="submit" value="confirm" class="button ${danger ? 'button-danger' : 'button-primary'}" data-testid="confirm-ok">${confirmLabel}</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (confirmed) => {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      const checked = Boolean(dialog.querySelector('[name="option"]')?.checked);
      dialog.remove();
      resolve(confirmed && option ? { option: checked } : confirmed);
    };
    // Settle on the button itself, not only on "close": Chromium skips the
    // close event when a dialog opened by a script click is closed by one.
    dialog.querySelector('form').addEventListener('submit', (event) => {
      event.preventDefault();
      settle(event.submitter?.value === 'confirm');
    });
    dialog.addEventListener('cancel', () => settle(false));
    dialog.addEventListener('close', () => settle(dialog.returnValue === 'confirm'));
    dialog.showModal();
    // Start on the safe choice.
    $(dialog, '[data-testid="confirm-cancel"]').focus();
  });
}
