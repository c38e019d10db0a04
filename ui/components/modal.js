// The app's small modal dialogs (keyboard sheet, ticket slip) on <dialog>:
// built, shown, and removed again however they close: a button of their
// `method="dialog"` form, Esc, or the code. The browser traps and restores
// focus.

import { render } from '../lib/html.js';

/** Shows `content` (html`` markup) in a modal; returns {dialog, close}. */
export function openModal({ className = '', testid, labelledBy, content, onClose = () => {} }) {
  const dialog = document.createElement('dialog');
  dialog.className = `dialog ${className}`.trim();
  dialog.dataset.testid = testid;
  dialog.setAttribute('aria-labelledby', labelledBy);
  render(dialog, content);
  document.body.append(dialog);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    onClose();
  };
  // Close on the button itself, not only on "close": Chromium skips the
  // close event when a dialog opened by a script click is closed by one.
  dialog.querySelector('form[method="dialog"]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    close();
  });
  dialog.addEventListener('cancel', close);
  dialog.addEventListener('close', close);
  dialog.showModal();
  return { dialog, close };
}
