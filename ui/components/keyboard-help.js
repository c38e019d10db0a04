// The keyboard help sheet, opened with "?" (outside text fields) or the
// "?" button in the app bar. Built from the same table the handler uses.

import { html, render } from '../lib/html.js';
import { SHORTCUTS } from '../lib/keyboard.js';

let openDialog = null;

export function openKeyboardHelp() {
  if (openDialog) return;
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog dialog-help';
  dialog.dataset.testid = 'keyboard-help';
  dialog.setAttribute('aria-labelledby', 'help-title');
  render(
    dialog,
    html`<div class="dialog-body">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table class="shortcut-table">
        <thead><tr><th scope="col">Keys</th><th scope="col">Does</th></tr></thead>
        <tbody>
          ${SHORTCUTS.map(
            (shortcut) => html`<tr>
              <td>${shortcut.keys.map((key, index) => html`${index ? ' + ' : ''}<kbd>${key}</kbd>`)}</td>
              <td>${shortcut.description}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <form method="dialog" class="dialog-actions">
        <button type="submit" class="button button-primary" data-testid="keyboard-help-close">Close</button>
      </form>
    </div>`,
  );
  document.body.append(dialog);
  const done = () => {
    if (dialog.open) dialog.close();
    dialog.remove();
    openDialog = null;
  };
  // The button and Esc close it directly (see confirm-dialog.js on "close").
  dialog.querySelector('form').addEventListener('submit', (event) => {
    event.preventDefault();
    done();
  });
  dialog.addEventListener('cancel', done);
  dialog.addEventListener('close', done);
  openDialog = dialog;
  dialog.showModal();
}
