// The new-ticket form: every field Ping's create request takes. Used by the
// New ticket screen and by the Outbox to fix and resend a failed create.
// The customer comes first, phone and email at the top: at the counter they
// are asked first, and they find the walk-in's earlier tickets.

import { html, render } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { CHANNELS, PRIORITIES, channelLabel, priorityLabel } from '../lib/format.js';
import { PHONE_HINT } from '../lib/validation.js';
import { CATEGORY_SUGGESTIONS } from '../lib/ticket-fields.js';
import { textField, textArea, selectField, option } from './fields.js';
import { mountCustomFieldsEditor } from './custom-fields-editor.js';

const LANGUAGE_SUGGESTIONS = ['English', 'Shona', 'Ndebele'];

export function mountNewTicketForm(host, { idPrefix = 'nt', values, submitLabel = 'Log ticket', secondary = '', onInput = () => {}, onSubmit }) {
  const id = (name) => `${idPrefix}-${name}`;
  render(
    host,
    html`<form class="ticket-form" data-testid="new-ticket-form" novalidate aria-describedby="${id('form-error')}">
      <div class="form-columns">
        <div class="form-stack form-stack-customer">
          <fieldset class="card form-section" data-testid="new-ticket-customer">
            <legend>Customer</legend>
            ${textField({ id: id('phone'), name: 'customer_phone', label: 'Phone', testid: 'new-ticket-customer-phone', type: 'tel', inputmode: 'tel', placeholder: '+263771234567', hint: PHONE_HINT, wide: true })}
            ${textField({ id: id('email'), name: 'customer_email', label: 'Email', testid: 'new-ticket-customer-email', type: 'email', inputmode: 'email', wide: true })}
            <div data-role="customer-aside" class="customer-aside"></div>
            <div class="field-row">
              ${textField({ id: id('first-name'), name: 'customer_first_name', label: 'First name', testid: 'new-ticket-customer-first-name', autocomplete: 'off' })}
              ${textField({ id: id('last-name'), name: 'customer_last_name', label: 'Last name', testid: 'new-ticket-customer-last-name', autocomplete: 'off' })}
            </div>
            ${textField({ id: id('language'), name: 'preferred_language', label: 'Preferred language', testid: 'new-ticket-preferred-language', list: id('languages'), wide: true })}
          </fieldset>
        </div>
        <div class="form-stack">
          <fieldset class="card form-section">
            <legend>The problem</legend>
            ${textField({ id: id('subject'), name: 'subject', label: 'Subject', testid: 'new-ticket-subject', required: true, wide: true, hint: 'A short summary, e.g. "Starlink dish not connecting".' })}
            ${textArea({ id: id('description'), name: 'description', label: 'Description', testid: 'new-ticket-description', required: true, rows: 5 })}
            <div class="field-row">
              ${selectField({ id: id('priority'), name: 'priority', label: 'Priority', testid: 'new-ticket-priority', options: PRIORITIES.map((p) => option(p, priorityLabel(p))) })}
              ${textField({ id: id('category'), name: 'category', label: 'Category', testid: 'new-ticket-category', list: id('categories') })}
              ${selectField({ id: id('channel'), name: 'channel', label: 'Channel', testid: 'new-ticket-channel', options: CHANNELS.map((c) => option(c, channelLabel(c))) })}
            </div>
          </fieldset>
          <div class="card form-section" data-role="custom-fields"></div>
          <fieldset class="card form-section">
            <legend>Store</legend>
            <div class="field-row">
              ${textField({ id: id('country'), name: 'country', label: 'Country', testid: 'new-ticket-country' })}
              ${textField({ id: id('store-region'), name: 'store_region', label: 'Store / region', testid: 'new-ticket-store-region' })}
            </div>
          </fieldset>
        </div>
      </div>
      <datalist id="${id('categories')}">${CATEGORY_SUGGESTIONS.map((value) => html`<option value="${value}"></option>`)}</datalist>
      <datalist id="${id('languages')}">${LANGUAGE_SUGGESTIONS.map((value) => html`<option value="${value}"></option>`)}</datalist>
      <div class="form-actions">
        <div class="form-error" id="${id('form-error')}" data-testid="form-error" role="alert" hidden></div>
        <div class="form-actions-buttons">
          ${secondary}
          <button type="submit" class="button button-primary" data-testid="new-ticket-submit" aria-keyshortcuts="Control+Enter">
            ${submitLabel} <kbd class="kbd-hint">Ctrl+Enter</kbd>
          </button>
        </div>
      </div>
    </form>`,
  );
  const form = $(host, 'form');
  const formError = $(form, '[data-testid="form-error"]');
  const customFields = mountCustomFieldsEditor($(form, '[data-role="custom-fields"]'), {
    idPrefix,
    hint: 'Business-specific details, e.g. account email or serial number.',
    onChange: onInput,
  });

  const api = {
    form,
    /** A slot under the phone and email (the New ticket screen shows the customer's history there, above the names it fills in). */
    customerAside: $(form, '[data-role="customer-aside"]'),
    getValues() {
      return { ...readForm(form), custom_fields: customFields.getRows() };
    },
    setValues(next) {
      writeForm(form, next);
      customFields.setRows(next.custom_fields ?? []);
    },
    showErrors(errors) {
      clearFieldErrors(form);
      for (const [name, message] of Object.entries(errors)) {
        if (name !== 'custom_fields') setFieldError(form, name, message);
      }
      customFields.showErrors(errors.custom_fields ?? []);
      focusFirstInvalid(form);
    },
    clearErrors() {
      clearFieldErrors(form);
      customFields.showErrors([]);
      api.setFormError(null);
    },
    /** A message for the whole form (e.g. a backend VALIDATION), as text. */
    setFormError(message) {
      formError.textContent = message ?? '';
      formError.hidden = !message;
    },
    setBusy(busy) {
      const submit = $(form, '[data-testid="new-ticket-submit"]');
      submit.disabled = busy;
      form.setAttribute('aria-busy', String(busy));
    },
  };
  api.setValues(values);
  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(api.getValues());
  });
  return api;
}
