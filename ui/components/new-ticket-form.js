// The new-ticket form: every field Ping's create request takes. Used by the
// New ticket screen and by the Outbox to fix and resend a failed create.
// The customer comes first, phone and email at the top: at the counter they
// are asked first, and they find the walk-in's earlier tickets.

import { html, render } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { CHANNELS, PRIORITIES, channelLabel, priorityLabel } from '../lib/format.js';
import { phoneHint } from '../lib/validation.js';
import { CATEGORY_SUGGESTIONS } from '../lib/ticket-fields.js';
import { textField, textArea, selectField, option } from './fields.js';
import { mountCustomFieldsEditor } from './custom-fields-editor.js';
import { LANGUAGES, LANGUAGE_CODES, languageFromPing, t } from '../lib/i18n.js';

/**
 * The preferred-language control's choice for a value from a draft, a
 * template or Ping: a language we have (whatever form the value is in),
 * "other" with the text as given, or "" for none.
 */
export function languageChoice(value) {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return { choice: '', other: '' };
  const code = languageFromPing(text);
  return code ? { choice: code, other: '' } : { choice: 'other', other: text };
}

/**
 * What is written to Ping's preferred_language: the ISO 639-1 code of a
 * language we have ("en", "sn", "nd"; docs/translations.md), else the
 * language staff typed under "Other", as typed.
 */
export function preferredLanguageValue(choice, other) {
  if (LANGUAGE_CODES.includes(choice)) return choice;
  return choice === 'other' ? String(other ?? '').trim() : '';
}

export function mountNewTicketForm(host, { idPrefix = 'nt', values, submitLabel = t('newTicket.submit'), secondary = '', onInput = () => {}, onSubmit }) {
  const id = (name) => `${idPrefix}-${name}`;
  render(
    host,
    html`<form class="ticket-form" data-testid="new-ticket-form" novalidate aria-describedby="${id('form-error')}">
      <div class="form-columns">
        <div class="form-stack form-stack-customer">
          <fieldset class="card form-section" data-testid="new-ticket-customer">
            <legend>${t('newTicket.customer')}</legend>
            ${textField({ id: id('phone'), name: 'customer_phone', label: t('field.phone'), testid: 'new-ticket-customer-phone', type: 'tel', inputmode: 'tel', placeholder: '+263771234567', hint: phoneHint(), wide: true })}
            ${textField({ id: id('email'), name: 'customer_email', label: t('field.email'), testid: 'new-ticket-customer-email', type: 'email', inputmode: 'email', wide: true })}
            <div data-role="customer-aside" class="customer-aside"></div>
            <div class="field-row">
              ${textField({ id: id('first-name'), name: 'customer_first_name', label: t('field.firstName'), testid: 'new-ticket-customer-first-name', autocomplete: 'off' })}
              ${textField({ id: id('last-name'), name: 'customer_last_name', label: t('field.lastName'), testid: 'new-ticket-customer-last-name', autocomplete: 'off' })}
            </div>
            <div class="field field-wide preferred-language">
              <label for="${id('language')}">${t('field.preferredLanguage')}</label>
              <div class="preferred-language-inputs">
                <select id="${id('language')}" data-role="language-choice" data-testid="new-ticket-preferred-language" aria-describedby="${id('language')}-hint">
                  <option value="">${t('newTicket.languageNone')}</option>
                  ${LANGUAGES.map(({ code, name }) => html`<option value="${code}" lang="${code}" translate="no">${name}</option>`)}
                  <option value="other">${t('newTicket.languageOther')}</option>
                </select>
                <input id="${id('language-other')}" data-role="language-other" data-testid="new-ticket-preferred-language-other"
                  aria-label="${t('newTicket.languageOtherLabel')}" autocomplete="off" hidden>
              </div>
              <p class="hint" id="${id('language')}-hint">${t('newTicket.languageHint')}</p>
            </div>
          </fieldset>
        </div>
        <div class="form-stack">
          <fieldset class="card form-section">
            <legend>${t('newTicket.problem')}</legend>
            ${textField({ id: id('subject'), name: 'subject', label: t('field.subject'), testid: 'new-ticket-subject', required: true, wide: true, hint: t('newTicket.subjectHint') })}
            ${textArea({ id: id('description'), name: 'description', label: t('field.description'), testid: 'new-ticket-description', required: true, rows: 5 })}
            <div class="field-row">
              ${selectField({ id: id('priority'), name: 'priority', label: t('field.priority'), testid: 'new-ticket-priority', options: PRIORITIES.map((p) => option(p, priorityLabel(p))) })}
              ${textField({ id: id('category'), name: 'category', label: t('field.category'), testid: 'new-ticket-category', list: id('categories') })}
              ${selectField({ id: id('channel'), name: 'channel', label: t('field.channel'), testid: 'new-ticket-channel', options: CHANNELS.map((c) => option(c, channelLabel(c))) })}
            </div>
          </fieldset>
          <div class="card form-section" data-role="custom-fields"></div>
          <fieldset class="card form-section">
            <legend>${t('newTicket.store')}</legend>
            <div class="field-row">
              ${textField({ id: id('country'), name: 'country', label: t('field.country'), testid: 'new-ticket-country' })}
              ${textField({ id: id('store-region'), name: 'store_region', label: t('field.storeRegion'), testid: 'new-ticket-store-region' })}
            </div>
          </fieldset>
        </div>
      </div>
      <datalist id="${id('categories')}">${CATEGORY_SUGGESTIONS.map((value) => html`<option value="${value}"></option>`)}</datalist>
      <div class="form-actions">
        <div class="form-error" id="${id('form-error')}" data-testid="form-error" role="alert" hidden></div>
        <div class="form-actions-buttons">
          ${secondary}
          <button type="submit" class="button button-primary" data-testid="new-ticket-submit" aria-keyshortcuts="Control+Enter">
            ${submitLabel} <kbd class="kbd-hint" translate="no">Ctrl+Enter</kbd>
          </button>
        </div>
      </div>
    </form>`,
  );
  const form = $(host, 'form');
  const formError = $(form, '[data-testid="form-error"]');
  const customFields = mountCustomFieldsEditor($(form, '[data-role="custom-fields"]'), {
    idPrefix,
    hint: t('newTicket.customHint'),
    onChange: onInput,
  });

  const languageSelect = $(form, '[data-role="language-choice"]');
  const languageOther = $(form, '[data-role="language-other"]');
  const showOther = () => {
    languageOther.hidden = languageSelect.value !== 'other';
  };
  languageSelect.addEventListener('change', () => {
    showOther();
    if (!languageOther.hidden) languageOther.focus();
  });

  const api = {
    form,
    /** A slot under the phone and email (the New ticket screen shows the customer's history there, above the names it fills in). */
    customerAside: $(form, '[data-role="customer-aside"]'),
    getValues() {
      return {
        ...readForm(form),
        preferred_language: preferredLanguageValue(languageSelect.value, languageOther.value),
        custom_fields: customFields.getRows(),
      };
    },
    setValues(next) {
      writeForm(form, next);
      if (Object.hasOwn(next, 'preferred_language')) {
        const { choice, other } = languageChoice(next.preferred_language);
        languageSelect.value = choice;
        languageOther.value = other;
        showOther();
      }
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
