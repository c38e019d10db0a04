// The form that hands an API key to the backend for one Ping address: the
// welcome screen's "Connect to Ping" and Settings' connection card. The key
// is checked against that address before anything else is sent there, and
// the page keeps no copy of it once the call returns.

import { html } from '../lib/html.js';
import { $, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { validateConnect, hasErrors } from '../lib/validation.js';
import { describeError, errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { textField } from './fields.js';
import { t } from '../lib/i18n.js';

/** The form's markup; `idPrefix` keeps ids unique on the page. */
export function connectForm({ idPrefix, submitLabel = t('connect.submit') }) {
  const keyId = `${idPrefix}-api-key`;
  return html`<form data-testid="connect-form" novalidate>
    ${textField({ id: `${idPrefix}-base-url`, name: 'baseUrl', label: t('connect.baseUrl'), testid: 'connect-base-url', type: 'url', wide: true, hint: t('connect.baseUrlHint', { url: 'https://api.ping.co.zw' }) })}
    <div class="field field-wide">
      <label for="${keyId}">${t('connect.apiKey')} <span class="required">${t('field.required')}</span></label>
      <input id="${keyId}" name="apiKey" type="password" data-testid="connect-api-key" autocomplete="off"
        spellcheck="false" aria-required="true" aria-describedby="${keyId}-hint ${keyId}-error">
      <p class="hint" id="${keyId}-hint">${t('connect.apiKeyHint')}</p>
      <p class="field-error" id="${keyId}-error" data-error-for="apiKey" data-testid="error-apiKey" hidden></p>
    </div>
    <div class="form-error" data-testid="connect-error" role="alert" hidden></div>
    <button type="submit" class="button button-primary button-wide" data-testid="connect-submit">${submitLabel}</button>
  </form>`;
}

/**
 * Wires a rendered `connectForm`: validates, calls `connect`, says what went
 * wrong per error code, and calls `onConnected(workspace)` on success.
 * Returns a function that clears the key field (call it on unmount).
 */
export function wireConnectForm(form, { baseUrl, submitLabel = t('connect.submit'), onConnected }) {
  const keyInput = $(form, '[name="apiKey"]');
  const urlInput = $(form, '[name="baseUrl"]');
  const formError = $(form, '[data-testid="connect-error"]');
  const submit = $(form, '[data-testid="connect-submit"]');
  urlInput.value = baseUrl;

  const showFormError = (message) => {
    formError.textContent = message ?? '';
    formError.hidden = !message;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    showFormError(null);
    const url = urlInput.value.trim();
    const errors = validateConnect({ apiKey: keyInput.value, baseUrl: url });
    if (hasErrors(errors)) {
      for (const [name, message] of Object.entries(errors)) setFieldError(form, name, message);
      focusFirstInvalid(form);
      return;
    }
    submit.disabled = true;
    submit.textContent = t('connect.checking');
    try {
      // Read straight from the field into the call: no copy is kept.
      onConnected(await ipc.connect(keyInput.value.trim(), url));
    } catch (err) {
      const { headline, detail } = describeError(err);
      switch (err.code) {
        case 'AUTH_REJECTED':
          setFieldError(form, 'apiKey', t('connect.rejected'));
          keyInput.focus();
          break;
        case 'FORBIDDEN':
          setFieldError(form, 'apiKey', `${headline} ${t('connect.pasteAgain')}`);
          keyInput.focus();
          break;
        case 'VALIDATION':
          showFormError(`${detail || headline} ${t('connect.pasteAfterFix')}`);
          break;
        case 'OFFLINE':
          showFormError(`${headline} ${t('connect.pasteWhenOnline')}`);
          break;
        case 'KEYCHAIN_UNAVAILABLE':
          showFormError([headline, detail].filter(Boolean).join(' '));
          break;
        default:
          showFormError(`${t('connect.notConnected')} ${errorText(err)}`);
      }
    } finally {
      // The key has been handed to the backend (or refused): the page keeps no copy.
      keyInput.value = '';
      submit.disabled = false;
      submit.textContent = submitLabel;
    }
  });

  return () => {
    keyInput.value = '';
  };
}
