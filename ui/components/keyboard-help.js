// The keyboard help sheet, opened with "?" (outside text fields) or the
// "?" button in the app bar. Built from the same table the handler uses.

import { html } from '../lib/html.js';
import { openModal } from './modal.js';
import { SHORTCUTS } from '../lib/keyboard.js';
import { t } from '../lib/i18n.js';

let open = null;

export function openKeyboardHelp() {
  if (open) return;
  open = openModal({
    className: 'dialog-help',
    testid: 'keyboard-help',
    labelledBy: 'help-title',
    content: html`<div class="dialog-body">
      <h2 id="help-title">${t('keyboardHelp.title')}</h2>
      <table class="shortcut-table">
        <thead><tr><th scope="col">${t('keyboardHelp.keys')}</th><th scope="col">${t('keyboardHelp.does')}</th></tr></thead>
        <tbody>
          ${SHORTCUTS.map(
            (shortcut) => html`<tr>
              <td>${shortcut.keys.map((key, index) => html`${index ? ' + ' : ''}<kbd translate="no">${key}</kbd>`)}</td>
              <td>${t(shortcut.descriptionKey)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <form method="dialog" class="dialog-actions">
        <button type="submit" class="button button-primary" data-testid="keyboard-help-close">${t('common.close')}</button>
      </form>
    </div>`,
    onClose: () => {
      open = null;
    },
  });
}
