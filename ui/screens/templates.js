// Templates: the ready-made starts for common problems that staff apply on the
// New ticket screen (Alt+1 … Alt+9 for the first nine). Create, edit and
// delete them here, and share a set between desks as a JSON file.

import { html, render } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { PRIORITIES, priorityLabel } from '../lib/format.js';
import { hasErrors } from '../lib/validation.js';
import { CATEGORY_SUGGESTIONS } from '../lib/ticket-fields.js';
import {
  templateKey,
  emptyTemplateValues,
  templateFormValues,
  templateFromForm,
  validateTemplateForm,
  importResultText,
  sameTemplateValues,
  MAX_IMPORT_BYTES,
} from '../lib/templates.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { priorityBadge } from '../components/badges.js';
import { errorPanel } from '../components/notices.js';
import { textField, textArea, selectField, option } from '../components/fields.js';
import { mountCustomFieldsEditor } from '../components/custom-fields-editor.js';
import { t, tHtml } from '../lib/i18n.js';

const priorityOptions = () => [option('', t('templates.priorityNone')), ...PRIORITIES.map((p) => option(p, priorityLabel(p)))];

function templateRow(template, index) {
  const key = templateKey(index);
  return html`<tr data-testid="template-row" data-template-id="${template.id}">
    <td class="col-key">${key ? html`<kbd title="${t('templates.keyTitle', { key: `Alt+${key}` })}" translate="no">${key}</kbd>` : html`<span class="muted">–</span>`}</td>
    <td class="col-template" translate="no">
      <span class="template-name" data-testid="template-name">${template.name}</span>
      ${template.subject ? html`<span class="template-stub">${template.subject}</span>` : ''}
    </td>
    <td translate="no">${template.category ?? html`<span class="muted">–</span>`}</td>
    <td class="col-badge">${template.priority ? priorityBadge(template.priority) : html`<span class="muted">–</span>`}</td>
    <td class="col-actions">
      <button type="button" class="button button-quiet button-small" data-testid="template-edit" data-action="edit">${t('templates.edit')}<span class="visually-hidden" translate="no"> ${template.name}</span></button>
      <button type="button" class="button button-danger-quiet button-small" data-testid="template-delete" data-action="delete">${t('templates.delete')}<span class="visually-hidden" translate="no"> ${template.name}</span></button>
    </td>
  </tr>`;
}

export async function mount(host, ctx) {
  let templates = [];
  /** The template being edited, or null for a new one. */
  let editing = null;
  let pristine = emptyTemplateValues();
  let mounted = true;

  render(
    host,
    html`<section class="screen screen-templates" aria-labelledby="templates-title">
      <div class="screen-head screen-head-row">
        <div>
          <h1 id="templates-title" tabindex="-1">${t('templates.title')}</h1>
          <p class="lede">${tHtml('templates.lede', { keys: html`<kbd translate="no">Alt</kbd> + <kbd translate="no">1</kbd>…<kbd translate="no">9</kbd>` })}</p>
        </div>
        <button type="button" class="button button-primary" data-testid="template-new">${t('templates.new')}</button>
      </div>
      <div data-role="notice"></div>
      <div class="templates-grid">
        <section class="card table-card" aria-labelledby="templates-list-title">
          <h2 id="templates-list-title" class="table-card-title">${t('templates.onDesk')} <span class="muted" data-testid="templates-count"></span></h2>
          <table class="templates-table" data-testid="templates-list">
            <caption class="visually-hidden">${t('templates.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="col-key">${t('templates.colKey')}</th>
                <th scope="col">${t('templates.colName')}</th>
                <th scope="col">${t('field.category')}</th>
                <th scope="col" class="col-badge">${t('field.priority')}</th>
                <th scope="col" class="col-actions"><span class="visually-hidden">${t('outbox.colActions')}</span></th>
              </tr>
            </thead>
            <tbody data-role="rows"></tbody>
          </table>
          <p class="table-status" data-role="status" data-testid="templates-status" role="status">${t('templateBar.loading')}</p>
        </section>
        <section class="card template-editor" aria-labelledby="template-form-title" data-testid="template-editor">
          <h2 id="template-form-title" data-testid="template-form-title" tabindex="-1">${t('templates.new')}</h2>
          <form data-testid="template-form" novalidate aria-describedby="tf-form-error">
            ${textField({ id: 'tf-name', name: 'name', label: t('detail.name'), testid: 'template-name-input', required: true, wide: true, hint: t('templates.nameHint') })}
            <div class="field-row">
              ${textField({ id: 'tf-category', name: 'category', label: t('field.category'), testid: 'template-category', list: 'tf-categories' })}
              ${selectField({ id: 'tf-priority', name: 'priority', label: t('field.priority'), testid: 'template-priority', options: priorityOptions() })}
            </div>
            ${textField({ id: 'tf-subject', name: 'subject', label: t('templates.subject'), testid: 'template-subject', wide: true, hint: t('templates.subjectHint') })}
            ${textArea({ id: 'tf-description', name: 'description', label: t('templates.description'), testid: 'template-description', rows: 5, hint: t('templates.descriptionHint') })}
            <div data-role="custom-fields"></div>
            <datalist id="tf-categories">${CATEGORY_SUGGESTIONS.map((value) => html`<option value="${value}"></option>`)}</datalist>
            <div class="form-error" id="tf-form-error" data-testid="template-form-error" role="alert" hidden></div>
            <div class="form-actions-buttons">
              <button type="button" class="button button-secondary" data-testid="template-cancel" hidden>${t('common.cancel')}</button>
              <button type="submit" class="button button-primary" data-testid="template-save" aria-keyshortcuts="Control+Enter">${t('templates.save')}</button>
            </div>
          </form>
        </section>
      </div>
      <section class="card share-card" aria-labelledby="share-title">
        <h2 id="share-title">${t('templates.share')}</h2>
        <div class="share-grid">
          <div class="share-part" data-testid="templates-export">
            <h3 class="subhead">${t('templates.export')}</h3>
            <p class="hint">${t('templates.exportHint')}</p>
            <div class="button-row">
              <button type="button" class="button button-secondary" data-testid="templates-export-show">${t('templates.exportButton')}</button>
              <button type="button" class="button button-secondary" data-testid="templates-export-copy" hidden>${t('templates.copy')}</button>
            </div>
            <div class="field field-wide" data-role="export" hidden>
              <label for="tx-export">${t('templates.exportFile')}</label>
              <textarea id="tx-export" class="code-text" rows="10" readonly data-testid="templates-export-text" spellcheck="false"></textarea>
            </div>
            <p class="inline-result" data-testid="templates-export-status" role="status"></p>
          </div>
          <form class="share-part" data-testid="templates-import" novalidate>
            <h3 class="subhead">${t('templates.import')}</h3>
            <p class="hint">${t('templates.importHint')}</p>
            <div class="field field-wide">
              <label for="tx-import-file">${t('templates.importFile')}</label>
              <input id="tx-import-file" type="file" accept=".json,application/json" data-testid="templates-import-file">
            </div>
            <div class="field field-wide">
              <label for="tx-import-text">${t('templates.importText')}</label>
              <textarea id="tx-import-text" class="code-text" rows="6" data-testid="templates-import-text" spellcheck="false"></textarea>
            </div>
            <div class="button-row">
              <button type="submit" class="button button-secondary" data-testid="templates-import-submit">${t('templates.importButton')}</button>
            </div>
            <p class="inline-result" data-testid="templates-import-result" role="status"></p>
          </form>
        </div>
      </section>
    </section>`,
  );

  const notice = $(host, '[data-role="notice"]');
  const rows = $(host, '[data-role="rows"]');
  const listStatus = $(host, '[data-role="status"]');
  const count = $(host, '[data-testid="templates-count"]');
  const form = $(host, '[data-testid="template-form"]');
  const formTitle = $(host, '[data-testid="template-form-title"]');
  const formError = $(host, '[data-testid="template-form-error"]');
  const saveButton = $(host, '[data-testid="template-save"]');
  const cancelButton = $(host, '[data-testid="template-cancel"]');
  const exportBox = $(host, '[data-role="export"]');
  const exportText = $(host, '[data-testid="templates-export-text"]');
  const exportCopy = $(host, '[data-testid="templates-export-copy"]');
  const exportStatus = $(host, '[data-testid="templates-export-status"]');
  const importForm = $(host, '[data-testid="templates-import"]');
  const importFile = $(host, '[data-testid="templates-import-file"]');
  const importText = $(host, '[data-testid="templates-import-text"]');
  const importResult = $(host, '[data-testid="templates-import-result"]');
  form.dataset.primaryForm = 'true';

  const customFields = mountCustomFieldsEditor($(form, '[data-role="custom-fields"]'), {
    idPrefix: 'tf',
    legend: t('templates.presets'),
    hint: t('templates.presetsHint'),
  });

  const getValues = () => ({ ...readForm(form), custom_fields: customFields.getRows() });
  const isDirty = () => !sameTemplateValues(getValues(), pristine);

  // ---- the list ----
  async function load() {
    try {
      const list = await ipc.listTemplates();
      if (!mounted) return;
      templates = Array.isArray(list) ? list : [];
      render(rows, html`${templates.map(templateRow)}`);
      markEditing();
      count.textContent = t('templates.count', { count: templates.length });
      listStatus.textContent = templates.length ? '' : t('templates.none');
      notice.replaceChildren();
    } catch (err) {
      if (!mounted) return;
      listStatus.textContent = '';
      render(
        notice,
        errorPanel(err, {
          testid: 'templates-error',
          action: html`<p><button type="button" class="button button-secondary button-small" data-testid="templates-retry">${t('common.tryAgain')}</button></p>`,
        }),
      );
    }
  }

  notice.addEventListener('click', (event) => {
    if (event.target.closest('[data-testid="templates-retry"]')) load();
  });

  rows.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const template = templates.find((t) => t.id === button.closest('tr').dataset.templateId);
    if (!template) return;
    if (button.dataset.action === 'edit') await edit(template);
    else await remove(template);
  });

  // ---- the editor ----
  function fill(template) {
    editing = template;
    pristine = templateFormValues(template);
    clearFieldErrors(form);
    customFields.showErrors([]);
    setFormError(null);
    writeForm(form, pristine);
    customFields.setRows(pristine.custom_fields);
    formTitle.textContent = template ? t('templates.editTitle', { name: template.name }) : t('templates.new');
    cancelButton.hidden = !template;
    markEditing();
  }

  /** The row being edited is marked in the list. */
  function markEditing() {
    for (const row of rows.querySelectorAll('tr')) {
      if (editing && row.dataset.templateId === editing.id) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  async function okToLeaveEdits() {
    if (!isDirty()) return true;
    return ctx.confirm({
      title: t('templates.discardTitle'),
      message: editing ? t('templates.discardEdit', { name: editing.name }) : t('templates.discardNew'),
      confirmLabel: t('templates.discardButton'),
      danger: true,
    });
  }

  async function edit(template) {
    if (editing?.id === template.id) {
      $(form, '[name="name"]').focus();
      return;
    }
    if (!(await okToLeaveEdits())) return;
    fill(template);
    $(form, '[name="name"]').focus();
  }

  async function startNew() {
    if (!(await okToLeaveEdits())) return;
    fill(null);
    $(form, '[name="name"]').focus();
  }

  function setFormError(message) {
    formError.textContent = message ?? '';
    formError.hidden = !message;
  }

  $(host, '[data-testid="template-new"]').addEventListener('click', startNew);
  cancelButton.addEventListener('click', async () => {
    if (!(await okToLeaveEdits())) return;
    fill(null);
    formTitle.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    customFields.showErrors([]);
    setFormError(null);
    const values = getValues();
    const errors = validateTemplateForm(values, { templates, id: editing?.id ?? '' });
    if (hasErrors(errors)) {
      for (const [name, message] of Object.entries(errors)) {
        if (name !== 'custom_fields') setFieldError(form, name, message);
      }
      customFields.showErrors(errors.custom_fields ?? []);
      if (!focusFirstInvalid(form)) $(form, '[data-testid="custom-field-key"][aria-invalid="true"]')?.focus();
      ctx.announce(t('templates.fixFields'));
      return;
    }
    saveButton.disabled = true;
    try {
      const saved = await ipc.saveTemplate(templateFromForm(values, editing));
      if (!mounted) return;
      ctx.announce(t('templates.saved', { name: saved?.name ?? values.name.trim() }));
      await load();
      fill(null);
      formTitle.focus();
    } catch (err) {
      // A VALIDATION names the problem (a name already used, a reserved field).
      setFormError(`${t('templates.notSaved')} ${errorText(err)}`);
    } finally {
      saveButton.disabled = false;
    }
  });

  async function remove(template) {
    const sure = await ctx.confirm({
      title: t('templates.deleteTitle', { name: template.name }),
      message: t('templates.deleteMessage'),
      confirmLabel: t('templates.deleteButton'),
      danger: true,
    });
    if (!sure) return;
    try {
      await ipc.deleteTemplate(template.id);
      ctx.announce(t('templates.deleted', { name: template.name }));
      if (editing?.id === template.id) fill(null);
    } catch (err) {
      render(notice, errorPanel(err, { testid: 'templates-error' }));
    }
    await load();
    formTitle.focus();
  }

  // ---- export ----
  $(host, '[data-testid="templates-export-show"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    exportStatus.dataset.ok = '';
    exportStatus.textContent = '';
    try {
      exportText.value = await ipc.exportTemplates();
      exportBox.hidden = false;
      exportCopy.hidden = false;
      exportStatus.textContent = t('templates.readyToCopy');
    } catch (err) {
      exportStatus.dataset.ok = 'false';
      exportStatus.textContent = `${t('templates.notExported')} ${errorText(err)}`;
    } finally {
      button.disabled = false;
    }
  });

  exportCopy.addEventListener('click', async () => {
    exportStatus.dataset.ok = '';
    try {
      await navigator.clipboard.writeText(exportText.value);
      exportStatus.dataset.ok = 'true';
      exportStatus.textContent = t('templates.copied');
    } catch {
      // No clipboard access: select the text so Ctrl+C copies it.
      exportText.focus();
      exportText.select();
      exportStatus.textContent = t('templates.selected', { keys: 'Ctrl+C' });
    }
  });

  // ---- import ----
  function showImport(message, ok) {
    importResult.dataset.ok = ok === undefined ? '' : String(ok);
    importResult.textContent = message;
  }

  importFile.addEventListener('change', () => {
    const file = importFile.files?.[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      showImport(t('templates.tooBig', { name: file.name }), false);
      importFile.value = '';
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      importText.value = String(reader.result ?? '');
      showImport(t('templates.read', { name: file.name }));
    });
    reader.addEventListener('error', () => showImport(t('templates.unreadable', { name: file.name }), false));
    reader.readAsText(file);
  });

  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const json = importText.value;
    if (!json.trim()) {
      showImport(t('templates.chooseFirst'), false);
      importText.focus();
      return;
    }
    const submit = $(importForm, '[data-testid="templates-import-submit"]');
    submit.disabled = true;
    showImport(t('templates.importing'));
    try {
      const report = await ipc.importTemplates(json);
      if (!mounted) return;
      showImport(importResultText(report), true);
      ctx.announce(t('templates.importedAnnounce', { result: importResultText(report) }));
      importFile.value = '';
      importText.value = '';
      await load();
    } catch (err) {
      const message = err.code === 'VALIDATION' && err.message ? err.message : errorText(err);
      showImport(t('templates.notImported', { message }), false);
    } finally {
      submit.disabled = false;
    }
  });

  fill(null);
  await load();

  return {
    unmount() {
      mounted = false;
    },
  };
}
