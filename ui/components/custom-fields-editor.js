// Key/value editor for a ticket's custom fields: add and remove rows, errors
// shown on the row they belong to. The bookkeeping field the backend adds is
// never handed to this editor (see lib/ticket-fields.js).

import { html, toFragment } from '../lib/html.js';
import { $, $$ } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

/**
 * Mounts the editor in `host`. Returns {getRows, setRows, showErrors, focusFirstError}.
 * `onChange` runs after any edit, add or remove.
 */
export function mountCustomFieldsEditor(host, { idPrefix, rows = [], legend = t('custom.legend'), hint = '', onChange = () => {} }) {
  let nextRow = 0;
  host.replaceChildren(
    toFragment(html`<fieldset class="custom-fields" data-testid="custom-fields">
      <legend>${legend}</legend>
      ${hint ? html`<p class="hint">${hint}</p>` : ''}
      <div class="custom-fields-head" aria-hidden="true"><span>${t('custom.name')}</span><span>${t('custom.value')}</span><span></span></div>
      <ol class="custom-fields-rows" data-testid="custom-fields-rows"></ol>
      <p class="empty-note" data-role="empty">${t('custom.none')}</p>
      <button type="button" class="button button-secondary button-small" data-testid="custom-field-add">${t('custom.add')}</button>
    </fieldset>`),
  );
  const list = $(host, 'ol');
  const emptyNote = $(host, '[data-role="empty"]');

  function rowMarkup(row) {
    nextRow += 1;
    const id = `${idPrefix}-cf-${nextRow}`;
    return html`<li class="custom-field-row" data-testid="custom-field-row">
      <div class="cf-cell">
        <label class="visually-hidden" for="${id}-key" data-role="key-label"></label>
        <input id="${id}-key" data-role="key" data-testid="custom-field-key" value="${row.key}" autocomplete="off" placeholder="${t('custom.namePlaceholder')}"
          aria-describedby="${id}-error">
      </div>
      <div class="cf-cell">
        <label class="visually-hidden" for="${id}-value" data-role="value-label"></label>
        <input id="${id}-value" data-role="value" data-testid="custom-field-value" value="${row.value}" autocomplete="off" placeholder="${t('custom.valuePlaceholder')}">
      </div>
      <button type="button" class="button button-quiet button-small" data-role="remove" data-testid="custom-field-remove">${t('common.remove')}</button>
      <p class="field-error cf-error" id="${id}-error" data-role="error" hidden></p>
    </li>`;
  }

  // Labels carry the row number, so a screen reader says "Name of field 2".
  function relabel() {
    $$(list, 'li').forEach((item, index) => {
      const key = $(item, '[data-role="key"]').value.trim();
      $(item, '[data-role="key-label"]').textContent = t('custom.nameOf', { number: index + 1 });
      $(item, '[data-role="value-label"]').textContent = key ? t('custom.valueOfNamed', { number: index + 1, name: key }) : t('custom.valueOf', { number: index + 1 });
      $(item, '[data-role="remove"]').setAttribute('aria-label', key ? t('custom.removeNamed', { number: index + 1, name: key }) : t('custom.remove', { number: index + 1 }));
    });
    emptyNote.hidden = list.children.length > 0;
  }

  function addRow(row = { key: '', value: '' }) {
    list.append(toFragment(rowMarkup(row), list));
    relabel();
    return list.lastElementChild;
  }

  function getRows() {
    return $$(list, 'li').map((item) => ({
      key: $(item, '[data-role="key"]').value,
      value: $(item, '[data-role="value"]').value,
    }));
  }

  function setRows(rows) {
    list.replaceChildren();
    for (const row of rows) addRow(row);
    relabel();
  }

  function showErrors(rowErrors = []) {
    $$(list, 'li').forEach((item, index) => {
      const message = rowErrors[index]?.key ?? rowErrors[index]?.value ?? '';
      const slot = $(item, '[data-role="error"]');
      slot.textContent = message;
      slot.hidden = !message;
      const key = $(item, '[data-role="key"]');
      if (message) key.setAttribute('aria-invalid', 'true');
      else key.removeAttribute('aria-invalid');
    });
  }

  host.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.testid === 'custom-field-add') {
      addRow().querySelector('input').focus();
      onChange();
    } else if (button.dataset.role === 'remove') {
      const item = button.closest('li');
      const next = item.nextElementSibling ?? item.previousElementSibling;
      item.remove();
      relabel();
      // Keep the keyboard user near where they were.
      (next ? $(next, '[data-role="remove"]') : $(host, '[data-testid="custom-field-add"]')).focus();
      onChange();
    }
  });
  host.addEventListener('input', () => {
    relabel();
    onChange();
  });

  setRows(rows);
  return { getRows, setRows, showErrors, addRow };
}
