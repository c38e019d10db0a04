// The ticket edit form: status, priority, category, resolution notes, action
// taken, tags, CSAT and custom fields. On the ticket screen it shows every
// field and sends only what changed; in the Outbox it shows the fields a
// failed update carried, for fixing.

import { html, render, booleanAttr } from '../lib/html.js';
import { $, $$, readForm, writeForm, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { STATUSES, PRIORITIES, statusLabel, priorityLabel } from '../lib/format.js';
import { UPDATE_FIELDS } from '../lib/ticket-fields.js';
import { textField, textArea, selectField, csatField, option } from './fields.js';
import { mountCustomFieldsEditor } from './custom-fields-editor.js';
import { t } from '../lib/i18n.js';

/**
 * `fields`: which of UPDATE_FIELDS (and 'custom_fields') to show.
 * `removals`: custom-field keys an edited update removes (Outbox only).
 */
export function mountTicketUpdateForm(
  host,
  { idPrefix = 'tu', values, fields = [...UPDATE_FIELDS, 'custom_fields'], removals = [], csatOptional = true, submitLabel = t('update.save'), secondary = '', onSubmit, onInput = () => {} },
) {
  const id = (name) => `${idPrefix}-${name}`;
  const shows = (field) => fields.includes(field);
  render(
    host,
    html`<form class="update-form" data-testid="ticket-update-form" novalidate>
      <div class="field-row">
        ${shows('status') ? selectField({ id: id('status'), name: 'status', label: t('field.status'), testid: 'update-status', options: STATUSES.map((s) => option(s, statusLabel(s))) }) : ''}
        ${shows('priority') ? selectField({ id: id('priority'), name: 'priority', label: t('field.priority'), testid: 'update-priority', options: PRIORITIES.map((p) => option(p, priorityLabel(p))) }) : ''}
      </div>
      ${shows('category') ? textField({ id: id('category'), name: 'category', label: t('field.category'), testid: 'update-category', wide: true }) : ''}
      ${shows('resolution_notes') ? textArea({ id: id('resolution'), name: 'resolution_notes', label: t('field.resolutionNotes'), testid: 'update-resolution-notes', rows: 3 }) : ''}
      ${shows('action_taken') ? textArea({ id: id('action'), name: 'action_taken', label: t('field.actionTaken'), testid: 'update-action-taken', rows: 3 }) : ''}
      ${shows('tags') ? textField({ id: id('tags'), name: 'tags', label: t('field.tags'), testid: 'update-tags', hint: t('update.tagsHint'), wide: true }) : ''}
      ${shows('csat_score') ? csatField({ idPrefix, allowNone: csatOptional }) : ''}
      ${removals.length
        ? html`<fieldset class="removals" data-testid="custom-field-removals">
            <legend>${t('update.removals')}</legend>
            ${removals.map(
              (key, index) => html`<div class="toggle">
                <input type="checkbox" id="${id(`remove-${index}`)}" data-removal="${key}" ${booleanAttr('checked', true)}>
                <label for="${id(`remove-${index}`)}">${t('update.removeField', { name: key })}</label>
              </div>`,
            )}
          </fieldset>`
        : ''}
      ${shows('custom_fields') ? html`<div data-role="custom-fields"></div>` : ''}
      <div class="form-error" data-testid="update-form-error" role="alert" hidden></div>
      <div class="form-actions-buttons">
        ${secondary}
        <button type="submit" class="button button-primary" data-testid="update-submit" aria-keyshortcuts="Control+Enter">${submitLabel}</button>
      </div>
    </form>`,
  );
  const form = $(host, 'form');
  const formError = $(form, '[data-testid="update-form-error"]');
  const editorHost = $(form, '[data-role="custom-fields"]');
  const customFields = editorHost
    ? mountCustomFieldsEditor(editorHost, { idPrefix, hint: t('update.customHint'), onChange: onInput })
    : null;

  const api = {
    form,
    getValues() {
      const values = readForm(form);
      return {
        ...values,
        custom_fields: customFields ? customFields.getRows() : [],
        custom_field_removals: $$(form, '[data-removal]').filter((box) => box.checked).map((box) => box.dataset.removal),
      };
    },
    setValues(next) {
      // Radio groups: clear first so a missing score shows as "not asked".
      for (const radio of $$(form, 'input[type="radio"]')) radio.checked = false;
      writeForm(form, next);
      customFields?.setRows(next.custom_fields ?? []);
    },
    showErrors(errors) {
      clearFieldErrors(form);
      for (const [name, message] of Object.entries(errors)) {
        if (name !== 'custom_fields') setFieldError(form, name, message);
      }
      customFields?.showErrors(errors.custom_fields ?? []);
      focusFirstInvalid(form);
    },
    clearErrors() {
      clearFieldErrors(form);
      customFields?.showErrors([]);
      api.setFormError(null);
    },
    setFormError(message) {
      formError.textContent = message ?? '';
      formError.hidden = !message;
    },
    setBusy(busy) {
      $(form, '[data-testid="update-submit"]').disabled = busy;
      form.setAttribute('aria-busy', String(busy));
    },
  };
  api.setValues(values);
  form.addEventListener('input', onInput);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(api.getValues());
  });
  return api;
}
