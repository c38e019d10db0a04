// Mapping between what the forms hold and the request bodies the backend
// takes (snake_case, as Ping's). Pure, so the rules are unit-tested.

import { customValueText, priorityLabel, splitTags, statusLabel } from './format.js';
import { t } from './i18n.js';

/** Custom fields the backend keeps for its own bookkeeping: never shown or edited. */
export const HIDDEN_CUSTOM_FIELDS = ['ping_desk_client_id'];
export const isHiddenCustomField = (key) => HIDDEN_CUSTOM_FIELDS.includes(key);

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** [key, value] pairs staff may see, in the object's order. */
export function visibleCustomFields(customFields) {
  if (!isPlainObject(customFields)) return [];
  return Object.entries(customFields).filter(([key]) => !isHiddenCustomField(key));
}

function hiddenCustomFields(customFields) {
  if (!isPlainObject(customFields)) return [];
  return Object.entries(customFields).filter(([key]) => isHiddenCustomField(key));
}

/** Editor rows ({key, value} strings) for a custom-fields object. */
export function customFieldRows(customFields) {
  return visibleCustomFields(customFields).map(([key, value]) => ({ key, value: customValueText(value) }));
}

const filledRows = (rows) => (rows ?? []).filter((row) => String(row.key ?? '').trim());

/**
 * Rows → object. A value that was not a string (a number, a nested object)
 * and whose text was not touched keeps its original type.
 */
export function rowsToCustomFields(rows, original = {}) {
  const source = isPlainObject(original) ? original : {};
  return Object.fromEntries(
    filledRows(rows).map((row) => {
      const key = String(row.key).trim();
      const value = String(row.value ?? '');
      const before = Object.hasOwn(source, key) ? source[key] : undefined;
      const keepType = before !== undefined && typeof before !== 'string' && customValueText(before) === value;
      return [key, keepType ? before : value];
    }),
  );
}

/**
 * What to send so that the ticket's custom fields become `rows`: added or
 * changed keys with their value, removed keys with null (Ping merges, and a
 * null removes). Hidden keys are left alone. Empty object: nothing changed.
 */
export function diffCustomFields(original, rows) {
  const before = new Map(visibleCustomFields(original));
  const after = rowsToCustomFields(rows, original);
  const changes = [];
  for (const [key, value] of Object.entries(after)) {
    if (!before.has(key) || customValueText(before.get(key)) !== customValueText(value)) changes.push([key, value]);
  }
  for (const key of before.keys()) {
    if (!Object.hasOwn(after, key)) changes.push([key, null]);
  }
  return Object.fromEntries(changes);
}

// ---- new ticket ----

/** Offered while typing a category (any text is allowed). */
export const CATEGORY_SUGGESTIONS = ['technical', 'billing', 'general', 'sales', 'returns', 'warranty', 'hardware', 'account'];

export const NEW_TICKET_FIELDS = [
  'subject',
  'description',
  'priority',
  'category',
  'channel',
  'country',
  'store_region',
  'customer_first_name',
  'customer_last_name',
  'customer_phone',
  'customer_email',
  'preferred_language',
];

/** A blank form with the store's defaults from Settings. */
export function emptyNewTicket(settings = {}) {
  const values = Object.fromEntries(NEW_TICKET_FIELDS.map((field) => [field, '']));
  return {
    ...values,
    priority: 'medium',
    channel: settings?.channel || 'in_store',
    category: settings?.category || '',
    country: settings?.country || '',
    store_region: settings?.storeRegion || '',
    custom_fields: [],
  };
}

/** Form values → NewTicket body; optional fields left empty are omitted. */
export function newTicketBody(values, originalCustomFields = {}) {
  const entries = [
    ['subject', String(values.subject ?? '').trim()],
    ['description', String(values.description ?? '').trim()],
  ];
  for (const field of NEW_TICKET_FIELDS.slice(2)) {
    let value = String(values[field] ?? '').trim();
    if (field === 'customer_phone') value = value.replace(/[\s\-().]/g, '');
    if (value) entries.push([field, value]);
  }
  const customFields = rowsToCustomFields(values.custom_fields, originalCustomFields);
  if (Object.keys(customFields).length) entries.push(['custom_fields', customFields]);
  return Object.fromEntries(entries);
}

/** A NewTicket body (a draft, or a failed create from the Outbox) → form values. */
export function newTicketValuesFromBody(body = {}) {
  const values = Object.fromEntries(
    NEW_TICKET_FIELDS.map((field) => [field, body[field] === null || body[field] === undefined ? '' : String(body[field])]),
  );
  return { ...values, custom_fields: customFieldRows(body.custom_fields) };
}

/**
 * The body to resend after staff edited a failed create: their fields, plus
 * what the form does not show (the bookkeeping custom field, fields such as
 * external_ticket_id) kept from the original.
 */
export function mergeEditedCreate(originalBody, editedBody) {
  const kept = Object.entries(originalBody ?? {}).filter(
    ([field]) => !NEW_TICKET_FIELDS.includes(field) && field !== 'custom_fields',
  );
  const customFields = Object.fromEntries([
    ...hiddenCustomFields(originalBody?.custom_fields),
    ...Object.entries(editedBody.custom_fields ?? {}),
  ]);
  const edited = Object.entries(editedBody).filter(([field]) => field !== 'custom_fields');
  const entries = [...kept, ...edited];
  if (Object.keys(customFields).length) entries.push(['custom_fields', customFields]);
  return Object.fromEntries(entries);
}

// ---- ticket update ----

export const UPDATE_FIELDS = [
  'status',
  'priority',
  'category',
  'resolution_notes',
  'action_taken',
  'tags',
  'csat_score',
];

const CAMEL = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  resolution_notes: 'resolutionNotes',
  action_taken: 'actionTaken',
  tags: 'tags',
  csat_score: 'csatScore',
};

const text = (value) => (value === null || value === undefined ? '' : String(value));
export const normalizeTags = (tags) => splitTags(text(tags)).join(',');

/** The edit form's starting values for a ticket (camelCase, from Ping). */
export function updateValuesFromTicket(ticket = {}) {
  const values = Object.fromEntries(UPDATE_FIELDS.map((field) => [field, text(ticket[CAMEL[field]])]));
  return { ...values, custom_fields: customFieldRows(ticket.customFields) };
}

/**
 * Only what staff changed, as a TicketUpdate body. A text emptied by staff
 * is sent as "" (Ping ignores null); a status or priority cannot be emptied.
 */
export function ticketUpdateBody(values, ticket = {}) {
  const changes = [];
  for (const field of ['status', 'priority']) {
    const value = text(values[field]);
    if (value && value !== text(ticket[CAMEL[field]])) changes.push([field, value]);
  }
  for (const field of ['category', 'resolution_notes', 'action_taken']) {
    const value = text(values[field]).trim();
    if (value !== text(ticket[CAMEL[field]]).trim()) changes.push([field, value]);
  }
  const tags = normalizeTags(values.tags);
  if (tags !== normalizeTags(ticket.tags)) changes.push(['tags', tags]);
  const csat = text(values.csat_score);
  if (csat !== '' && Number(csat) !== ticket.csatScore) changes.push(['csat_score', Number(csat)]);
  const customFields = diffCustomFields(ticket.customFields, values.custom_fields);
  if (Object.keys(customFields).length) changes.push(['custom_fields', customFields]);
  return Object.fromEntries(changes);
}

/**
 * A failed update edited in the Outbox: every field the form showed is sent
 * as it now reads; custom-field removals the operation carried stay unless
 * staff unticked them.
 */
export function editedUpdateBody(values, originalBody = {}) {
  const changes = [];
  for (const field of UPDATE_FIELDS) {
    if (!Object.hasOwn(originalBody, field)) continue;
    if (field === 'csat_score') changes.push([field, Number(values.csat_score)]);
    else if (field === 'tags') changes.push([field, normalizeTags(values.tags)]);
    else if (field === 'status' || field === 'priority') changes.push([field, text(values[field])]);
    else changes.push([field, text(values[field]).trim()]);
  }
  if (Object.hasOwn(originalBody, 'custom_fields')) {
    const removals = (values.custom_field_removals ?? []).map((key) => [key, null]);
    const set = Object.entries(rowsToCustomFields(values.custom_fields, originalBody.custom_fields));
    const customFields = Object.fromEntries([...removals, ...set]);
    if (Object.keys(customFields).length) changes.push(['custom_fields', customFields]);
  }
  return Object.fromEntries(changes);
}

/** A TicketUpdate body → form values, for the Outbox's edit form. */
export function updateValuesFromBody(body = {}) {
  const values = Object.fromEntries(UPDATE_FIELDS.map((field) => [field, text(body[field])]));
  const entries = isPlainObject(body.custom_fields) ? Object.entries(body.custom_fields) : [];
  return {
    ...values,
    custom_fields: entries
      .filter(([key, value]) => value !== null && !isHiddenCustomField(key))
      .map(([key, value]) => ({ key, value: customValueText(value) })),
    custom_field_removals: entries.filter(([, value]) => value === null).map(([key]) => key),
  };
}

// ---- summaries for the Outbox and pending lists ----

function truncate(value, length = 80) {
  const str = text(value).replace(/\s+/g, ' ').trim();
  return str.length > length ? `${str.slice(0, length - 1)}…` : str;
}

/** One line saying what a queued write does, e.g. "Status → Resolved; CSAT → 5". */
export function summarizePayload(payload) {
  const body = payload?.body ?? {};
  switch (payload?.kind) {
    case 'create_ticket':
      return truncate(body.subject) ? t('summary.create', { subject: truncate(body.subject) }) : t('operation.create_ticket');
    case 'add_comment':
      return t(body.is_internal ? 'summary.note' : 'summary.comment', { text: truncate(body.content, 60) });
    case 'update_ticket': {
      const parts = [];
      if (body.status) parts.push(t('summary.status', { value: statusLabel(body.status) }));
      if (body.priority) parts.push(t('summary.priority', { value: priorityLabel(body.priority) }));
      if (Object.hasOwn(body, 'category')) parts.push(truncate(body.category, 30) ? t('summary.category', { value: truncate(body.category, 30) }) : t('summary.categoryEmpty'));
      if (Object.hasOwn(body, 'resolution_notes')) parts.push(t('summary.resolution'));
      if (Object.hasOwn(body, 'action_taken')) parts.push(t('summary.action'));
      if (Object.hasOwn(body, 'tags')) parts.push(truncate(body.tags, 30) ? t('summary.tags', { value: truncate(body.tags, 30) }) : t('summary.tagsNone'));
      if (Object.hasOwn(body, 'csat_score')) parts.push(t('summary.csat', { value: body.csat_score }));
      const custom = visibleCustomFields(body.custom_fields);
      if (custom.length) {
        const names = custom.map(([key, value]) => (value === null ? t('summary.customRemoved', { name: key }) : key)).join(', ');
        parts.push(t('summary.custom', { names }));
      }
      return parts.join('; ') || t('operation.update_ticket');
    }
    default:
      return t('operation.other');
  }
}

/** What the customer gave at the counter: staff may resend or discard it, never edit it. */
export const fromCustomer = (op) => op?.origin === 'counter_survey';

/**
 * One line for a queued write, as staff may see it: the customer's score
 * from the counter survey comes without its value (the backend leaves it
 * out), so it reads as hidden.
 */
export function summarizeOperation(op) {
  if (fromCustomer(op) && op.kind === 'update_ticket') return t('summary.customerScore');
  return summarizePayload(op?.payload);
}

/**
 * A ticket as it will read once `body` (a TicketUpdate) is applied: the
 * baseline the edit form compares against while writes are still queued,
 * so the same change is not queued twice.
 */
export function ticketWithUpdate(ticket, body = {}) {
  const changed = Object.entries(body)
    .filter(([field]) => Object.hasOwn(CAMEL, field))
    .map(([field, value]) => [CAMEL[field], value]);
  let customFields = ticket?.customFields;
  if (isPlainObject(body.custom_fields)) {
    const merged = Object.entries({ ...(isPlainObject(customFields) ? customFields : {}), ...body.custom_fields });
    customFields = Object.fromEntries(merged.filter(([, value]) => value !== null));
  }
  return { ...ticket, ...Object.fromEntries(changed), customFields };
}

/** The ticket with every queued update on it applied, in order. */
export function ticketWithPending(ticket, pending = []) {
  return pending
    .filter((op) => op?.payload?.kind === 'update_ticket' && !['done', 'discarded'].includes(op.state))
    .reduce((current, op) => ticketWithUpdate(current, op.payload.body), ticket);
}
