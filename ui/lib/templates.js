// Ticket templates: applying one to the new-ticket form, and the template
// editor's values. Pure, so the rules are unit-tested. Applying mirrors the
// backend's rule (desk-core templates.rs, `Template::apply`): nothing staff
// typed is ever overwritten.

import { PRIORITIES, customValueText } from './format.js';
import { isHiddenCustomField, customFieldRows, rowsToCustomFields } from './ticket-fields.js';
import { customFieldRowErrors } from './validation.js';
import { t } from './i18n.js';

/** The first nine templates get a key (Alt+1 … Alt+9). */
export const TEMPLATE_KEYS = 9;
/** As the backend: a template name is at most this long. */
export const MAX_TEMPLATE_NAME = 80;

const isBlank = (value) => String(value ?? '').trim() === '';
const isSet = (value) => value !== null && value !== undefined;

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** 1–9 for the first nine templates in the list, otherwise null. */
export const templateKey = (index) => (Number.isInteger(index) && index >= 0 && index < TEMPLATE_KEYS ? index + 1 : null);

/**
 * New-ticket form values with `template` applied:
 * - the subject stub only into an empty subject, the description scaffold
 *   only into an empty description (blank counts as empty);
 * - category and priority set when the template has them;
 * - custom field presets added only for names not already in the form
 *   (a row staff added keeps its value, even an empty one).
 * `values` is not changed; a new object is returned.
 */
export function applyTemplate(values, template) {
  const next = { ...values };
  if (!template || typeof template !== 'object') return next;
  if (isBlank(next.subject)) next.subject = String(template.subject ?? '');
  if (isBlank(next.description)) next.description = String(template.description ?? '');
  if (isSet(template.category)) next.category = String(template.category);
  if (isSet(template.priority) && template.priority !== '') next.priority = String(template.priority);
  const rows = (Array.isArray(values?.custom_fields) ? values.custom_fields : []).map((row) => ({ ...row }));
  const present = new Set(rows.map((row) => String(row.key ?? '').trim()).filter(Boolean));
  const presets = isPlainObject(template.customFields) ? Object.entries(template.customFields) : [];
  for (const [key, value] of presets) {
    const name = key.trim();
    if (!name || isHiddenCustomField(name) || present.has(name)) continue;
    present.add(name);
    rows.push({ key: name, value: customValueText(value) });
  }
  next.custom_fields = rows;
  return next;
}

/**
 * The presets of every template applied so far, first one winning, so the
 * ticket keeps a preset's type (a number stays a number) when staff leave
 * its text alone (see `rowsToCustomFields`).
 */
export function mergePresets(presets, template) {
  const added = isPlainObject(template?.customFields) ? template.customFields : {};
  return Object.fromEntries([...Object.entries(added), ...Object.entries(presets ?? {})]);
}

// ---- the template editor ----

export const emptyTemplateValues = () => ({
  name: '',
  category: '',
  priority: '',
  subject: '',
  description: '',
  custom_fields: [],
});

const EDITOR_FIELDS = ['name', 'category', 'priority', 'subject', 'description'];

/** The editor holds the same as `b` (to ask before throwing edits away). */
export function sameTemplateValues(a, b) {
  const rows = (values) => JSON.stringify((values?.custom_fields ?? []).map((row) => [String(row.key ?? ''), String(row.value ?? '')]));
  return EDITOR_FIELDS.every((field) => String(a?.[field] ?? '') === String(b?.[field] ?? '')) && rows(a) === rows(b);
}

/** A template → the editor's values (strings; priority "" is none). */
export function templateFormValues(template) {
  if (!template) return emptyTemplateValues();
  return {
    name: String(template.name ?? ''),
    category: String(template.category ?? ''),
    priority: String(template.priority ?? ''),
    subject: String(template.subject ?? ''),
    description: String(template.description ?? ''),
    custom_fields: customFieldRows(template.customFields),
  };
}

/**
 * The editor's values → the Template the backend saves. The subject stub and
 * the scaffold are kept exactly as typed (a stub such as "Starlink: " ends
 * in a space on purpose); an empty category or priority is null.
 */
export function templateFromForm(values, original = null) {
  const category = String(values.category ?? '').trim();
  const priority = String(values.priority ?? '').trim();
  return {
    id: original?.id ?? '',
    name: String(values.name ?? '').trim(),
    category: category || null,
    priority: priority || null,
    subject: String(values.subject ?? ''),
    description: String(values.description ?? ''),
    customFields: rowsToCustomFields(values.custom_fields, original?.customFields),
  };
}

/** The editor's checks (the backend checks again): messages keyed by field. */
export function validateTemplateForm(values, { templates = [], id = '' } = {}) {
  const errors = {};
  const name = String(values.name ?? '').trim();
  if (!name) errors.name = t('templates.error.name');
  else if ([...name].length > MAX_TEMPLATE_NAME) errors.name = t('templates.error.long', { count: MAX_TEMPLATE_NAME });
  else if (templates.some((other) => other.id !== id && String(other.name ?? '').trim().toLowerCase() === name.toLowerCase())) {
    errors.name = t('templates.error.taken', { name });
  }
  const priority = String(values.priority ?? '');
  if (priority && !PRIORITIES.includes(priority)) errors.priority = t('templates.error.priority');
  const rowErrors = customFieldRowErrors(values.custom_fields ?? []);
  if (rowErrors.some(Boolean)) errors.custom_fields = rowErrors;
  return errors;
}

/** "3 added, 2 updated" for what an import did. */
export function importResultText(report) {
  const added = Number(report?.added ?? 0);
  const updated = Number(report?.updated ?? 0);
  return t('templates.imported', { added, updated });
}

/** Bigger than any sensible set of templates (the backend keeps at most 200). */
export const MAX_IMPORT_BYTES = 1_000_000;
