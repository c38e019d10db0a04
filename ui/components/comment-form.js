// Writing a comment: customer-visible by default, as Ping's API; the
// "Internal note" switch keeps it among staff, and the button says which.

import { html, render, booleanAttr } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors } from '../lib/dom.js';
import { textArea, toggle } from './fields.js';
import { t } from '../lib/i18n.js';

export function mountCommentForm(host, { idPrefix = 'cm', values = {}, submitLabel, secondary = '', onSubmit }) {
  const id = (name) => `${idPrefix}-${name}`;
  render(
    host,
    html`<form class="comment-form" data-testid="comment-form" novalidate>
      ${textArea({ id: id('content'), name: 'content', label: t('comments.add'), testid: 'comment-content', rows: 3 })}
      <div class="comment-form-options">
        ${toggle({ id: id('internal'), name: 'is_internal', label: t('comments.internalToggle'), testid: 'comment-internal' })}
        <div class="field field-inline">
          <label for="${id('author')}">${t('comments.writtenBy')}</label>
          <select id="${id('author')}" name="author_type" data-testid="comment-author">
            <option value="admin" ${booleanAttr('selected', true)}>${t('author.staff')}</option>
            <option value="customer">${t('author.customer')}</option>
          </select>
        </div>
      </div>
      <div class="form-error" data-testid="comment-form-error" role="alert" hidden></div>
      <div class="form-actions-buttons">
        ${secondary}
        <button type="submit" class="button button-primary" data-testid="comment-submit" aria-keyshortcuts="Control+Enter"></button>
      </div>
    </form>`,
  );
  const form = $(host, 'form');
  const submit = $(form, '[data-testid="comment-submit"]');
  const internal = $(form, '[name="is_internal"]');
  const formError = $(form, '[data-testid="comment-form-error"]');

  // The button says where the words go, so nothing internal reaches a customer by accident.
  const relabel = () => {
    submit.textContent = submitLabel ?? (internal.checked ? t('comments.submitInternal') : t('comments.submit'));
    form.classList.toggle('is-internal', internal.checked);
  };

  const api = {
    form,
    getValues: () => readForm(form),
    setValues(next) {
      writeForm(form, { content: '', is_internal: false, author_type: 'admin', ...next });
      relabel();
    },
    showErrors(errors) {
      clearFieldErrors(form);
      for (const [name, message] of Object.entries(errors)) setFieldError(form, name, message);
      form.querySelector('[aria-invalid="true"]')?.focus();
    },
    setFormError(message) {
      formError.textContent = message ?? '';
      formError.hidden = !message;
    },
    clearErrors() {
      clearFieldErrors(form);
      api.setFormError(null);
    },
    setBusy(busy) {
      submit.disabled = busy;
    },
  };
  internal.addEventListener('change', relabel);
  api.setValues(values);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(api.getValues());
  });
  return api;
}

/** Form values → NewComment body. */
export function commentBody(values) {
  return {
    content: String(values.content ?? '').trim(),
    is_internal: Boolean(values.is_internal),
    author_type: values.author_type === 'customer' ? 'customer' : 'admin',
  };
}
