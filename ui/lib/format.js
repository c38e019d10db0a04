// Turning Ping's values into what staff read. Pure functions: no DOM, so
// they are unit-tested under node. Words come from the catalogues and
// dates from Intl, in the page's language (ui/lib/i18n.js).

import { formatLocale, t } from './i18n.js';

const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Ping's timestamps carry no zone ("2026-05-04T08:00:00"); the project reads
 * them as UTC (docs/architecture.md). A value with an offset is honoured.
 * Returns a Date, or null for anything unreadable.
 */
export function parsePingDate(value) {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let date = null;
  if (ZONELESS.test(text)) date = new Date(`${text}Z`);
  else if (WITH_ZONE.test(text)) date = new Date(text);
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function toDate(value) {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  return parsePingDate(value);
}

/** "4 May 2026, 10:00" in the desk's time zone (or `options.timeZone`). */
export function formatDateTime(value, { locale = formatLocale(), timeZone } = {}) {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** "10:42": the time of day in the desk's time zone (or `options.timeZone`). */
export function formatTime(value, { locale = formatLocale(), timeZone } = {}) {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day from the backend ("2026-11-28") as "Saturday, 28 November
 * 2026". The day has no time or zone, so it is never shifted by one.
 * Anything unreadable comes back as it was given ("" for non-strings).
 */
export function formatCalendarDate(value, { locale = formatLocale() } = {}) {
  if (typeof value !== 'string') return '';
  const match = CALENDAR_DATE.exec(value.trim());
  if (!match) return value;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return value;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Machine-readable form for <time datetime="...">. */
export function isoString(value) {
  const date = toDate(value);
  return date ? date.toISOString() : '';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Relative times are catalogue messages with plurals, not
// Intl.RelativeTimeFormat: ICU has no relative-time words for sn or nd (it
// answers "-3 min"), and the catalogues' short forms suit the screen.

/** "just now", "12 min ago", "3 h ago", "2 days ago"; older: the date. */
export function formatAge(value, now = Date.now(), options = {}) {
  const date = toDate(value);
  if (!date) return '';
  const elapsed = now - date.getTime();
  if (elapsed < 45_000) return elapsed < -MINUTE ? formatDateTime(date, options) : t('age.justNow');
  if (elapsed < HOUR) return t('age.minutes', { count: Math.max(1, Math.round(elapsed / MINUTE)) });
  if (elapsed < DAY) return t('age.hours', { count: Math.floor(elapsed / HOUR) });
  if (elapsed < 7 * DAY) {
    const days = Math.floor(elapsed / DAY);
    return days === 1 ? t('age.yesterday') : t('age.days', { count: days });
  }
  return t('age.on', { date: formatDateTime(date, options) });
}

/** "in 40 s", "in 3 min": when the next attempt is due. */
export function formatUntil(timestampMs, now = Date.now()) {
  const remaining = timestampMs - now;
  if (!Number.isFinite(remaining) || remaining <= 0) return t('until.now');
  if (remaining < MINUTE) return t('until.seconds', { count: Math.ceil(remaining / 1000) });
  if (remaining < HOUR) return t('until.minutes', { count: Math.ceil(remaining / MINUTE) });
  return t('until.hours', { count: Math.ceil(remaining / HOUR) });
}

/**
 * The notice shown when an answer came from the desk's cache.
 * Returns null when the data is live.
 */
export function freshnessNotice(freshness, now = Date.now()) {
  if (!freshness || freshness.kind !== 'cached') return null;
  if (freshness.fetchedAt === null || freshness.fetchedAt === undefined) {
    return t('freshness.saved');
  }
  return t('freshness.from', { age: formatAge(freshness.fetchedAt, now) });
}

/**
 * What an offline answer is made of: the tickets this desk holds of its store
 * and as of when Ping listed them, and the tickets queued here. Null when the
 * answer is live.
 */
export function heldNotice(held, now = Date.now()) {
  if (!held) return null;
  const store = held.storeRegion || t('held.allStores');
  const queued = held.queued ? t('held.queued', { tickets: t('list.tickets', { count: held.queued }) }) : '';
  if (held.asOf === null || held.asOf === undefined) {
    return t('held.none', { store }) + queued;
  }
  const missing = held.listed > held.held ? t('held.missing', { count: held.listed - held.held }) : '';
  const copy = t('held.store', {
    tickets: t('list.tickets', { count: held.held }),
    store,
    time: formatDateTime(held.asOf),
    age: formatAge(held.asOf, now),
  });
  return copy + missing + queued;
}

/** "in_progress" → "In progress"; unknown values Ping adds later still read well. */
export function humanize(value) {
  const text = String(value ?? '').replace(/[_-]+/g, ' ').trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}

// `labels` maps Ping's values to catalogue keys; a value Ping adds later
// shows humanized (it is Ping's word, not ours).
function labelFrom(labels, value, missingKey) {
  if (value === null || value === undefined || value === '') return t(missingKey);
  return Object.hasOwn(labels, value) ? t(labels[value]) : humanize(value);
}

export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'];
export const PRIORITIES = ['low', 'medium', 'high', 'critical'];
export const CHANNELS = ['in_store', 'phone', 'whatsapp', 'email', 'sms', 'social_media', 'live_chat', 'api'];

const keysFor = (prefix, values) => Object.fromEntries(values.map((value) => [value, `${prefix}.${value}`]));
const STATUS_LABELS = keysFor('status', STATUSES);
const PRIORITY_LABELS = keysFor('priority', PRIORITIES);
const CHANNEL_LABELS = keysFor('channel', CHANNELS);

export const statusLabel = (status) => labelFrom(STATUS_LABELS, status, 'value.unknown');
export const priorityLabel = (priority) => labelFrom(PRIORITY_LABELS, priority, 'value.notSet');
export const channelLabel = (channel) => labelFrom(CHANNEL_LABELS, channel, 'value.notSet');

/** A CSS modifier for a badge: only known values get their own colour. */
export function statusTone(status) {
  return STATUSES.includes(status) ? status.replace('_', '-') : 'other';
}
export function priorityTone(priority) {
  return PRIORITIES.includes(priority) ? priority : 'other';
}

/** "Tendai Moyo", "Tendai", "Moyo" or "" from a ticket (camelCase fields). */
export function customerName(ticket) {
  if (!ticket) return '';
  const parts = [ticket.customerFirstName, ticket.customerLastName]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean);
  return parts.join(' ');
}

export function authorLabel(authorType) {
  if (authorType === 'customer') return t('author.customer');
  if (authorType === 'admin' || authorType === null || authorType === undefined) return t('author.staff');
  return humanize(authorType);
}

const OPERATION_LABELS = keysFor('operation', ['create_ticket', 'update_ticket', 'add_comment']);
export const operationLabel = (kind) => labelFrom(OPERATION_LABELS, kind, 'operation.other');

const OP_STATE_LABELS = keysFor('opState', ['queued', 'in_flight', 'in_doubt', 'failed', 'done', 'discarded']);
export const opStateLabel = (state) => labelFrom(OP_STATE_LABELS, state, 'value.unknown');

export function pendingChangesLabel(count) {
  return count ? t('pendingChanges', { count }) : t('pendingChanges.none');
}

/** A custom field value as text: strings as they are, anything else as JSON. */
export function customValueText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Tags "a, b,,c" → ["a", "b", "c"]. */
export function splitTags(tags) {
  if (typeof tags !== 'string') return [];
  const seen = new Set();
  return tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag && !seen.has(tag) && seen.add(tag));
}

/** The words for a CSAT score (1–5) in the page's language, '' for anything else. */
export function csatLabel(score) {
  return [1, 2, 3, 4, 5].includes(Number(score)) ? t(`csat.${Number(score)}`) : '';
}

/** How far a customer is in their survey, for staff (never the score). */
export function surveyStageWords(stage) {
  return ['choosing', 'commenting', 'done'].includes(stage) ? t(`surveyStage.${stage}`) : humanize(stage);
}
