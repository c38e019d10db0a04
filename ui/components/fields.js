// Markup for labelled form controls, so every input has its label, its hint
// and an error slot wired up the same way (label/for, aria-describedby).

import { html, booleanAttr } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { csatLabel } from '../lib/format.js';

function describedBy(id, hint) {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

function labelFor(id, label, required) {
  return html`<label for="${id}">${label}${required ? html` <span class="required">${t('field.required')}</span>` : ''}</label>`;
}

function hintAndError(id, name, hint) {
  return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    <p class="field-error" id="${id}-error" data-error-for="${name}" data-testid="error-${name}" hidden></p>`;
}

/**
 * A text input. `attrs` carries autocomplete / inputmode / placeholder.
 */
export function textField({ id, name, label, testid, hint, required = false, type = 'text', autocomplete = 'off', inputmode, placeholder, list, wide = false }) {
  return html`<div class="field${wide ? ' field-wide' : ''}">
    ${labelFor(id, label, required)}
    <input id="${id}" name="${name}" type="${type}" data-testid="${testid}" autocomplete="${autocomplete}"
      ${inputmode ? html`inputmode="${inputmode}"` : ''} ${placeholder ? html`placeholder="${placeholder}"` : ''}
      ${list ? html`list="${list}"` : ''} ${required ? html`aria-required="true"` : ''}
      aria-describedby="${describedBy(id, hint)}" spellcheck="${type === 'text' ? 'true' : 'false'}">
    ${hintAndError(id, name, hint)}
  </div>`;
}

export function textArea({ id, name, label, testid, hint, required = false, rows = 4, wide = true }) {
  return html`<div class="field${wide ? ' field-wide' : ''}">
    ${labelFor(id, label, required)}
    <textarea id="${id}" name="${name}" rows="${rows}" data-testid="${testid}"
      ${required ? html`aria-required="true"` : ''} aria-describedby="${describedBy(id, hint)}"></textarea>
    ${hintAndError(id, name, hint)}
  </div>`;
}

/** options: [{value, label}]. */
export function selectField({ id, name, label, testid, hint, options, value = '' }) {
  return html`<div class="field">
    ${labelFor(id, label, false)}
    <select id="${id}" name="${name}" data-testid="${testid}" aria-describedby="${describedBy(id, hint)}">
      ${options.map((option) => html`<option value="${option.value}" ${booleanAttr('selected', option.value === value)}>${option.label}</option>`)}
    </select>
    ${hintAndError(id, name, hint)}
  </div>`;
}

/** A checkbox styled as a switch; its label says what "on" means. */
export function toggle({ id, name, label, testid, checked = false, hint }) {
  return html`<div class="toggle">
    <input type="checkbox" id="${id}" name="${name}" data-testid="${testid}" ${booleanAttr('checked', checked)}
      ${hint ? html`aria-describedby="${id}-hint"` : ''}>
    <label for="${id}">${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
  </div>`;
}

/** The CSAT selector: five radio buttons with words, not just numbers. */
export function csatField({ idPrefix, name = 'csat_score', legend = t('csat.legend'), labels = null, allowNone = true }) {
  return html`<fieldset class="csat" data-testid="csat-field" aria-describedby="${idPrefix}-csat-error">
    <legend>${legend}</legend>
    <div class="csat-options">
      ${allowNone
        ? html`<input type="radio" id="${idPrefix}-csat-none" name="${name}" value="" data-testid="csat-none">
          <label for="${idPrefix}-csat-none" class="csat-option csat-none">${t('csat.notAsked')}</label>`
        : ''}
      ${[1, 2, 3, 4, 5].map(
        (score) => html`<input type="radio" id="${idPrefix}-csat-${score}" name="${name}" value="${score}" data-testid="csat-${score}">
          <label for="${idPrefix}-csat-${score}" class="csat-option"><span class="csat-score">${score}</span><span class="csat-word">${labels ? labels[score] : csatLabel(score)}</span></label>`,
      )}
    </div>
    <p class="field-error" id="${idPrefix}-csat-error" data-error-for="${name}" data-testid="error-${name}" hidden></p>
  </fieldset>`;
}

export const option = (value, label) => ({ value, label });
