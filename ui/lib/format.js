// Turning Ping's values into what staff read. Pure functions: no DOM, so
// they are unit-tested under node.

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
export function formatDateTime(value, { locale = 'en-GB', timeZone } = {}) {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** "10:42": the time of day in the desk's time zone (or `options.timeZone`). */
export function formatTime(value, { locale = 'en-GB', timeZone } = {}) {
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
export function formatCalendarDate(value, { locale = 'en-GB' } = {}) {
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

/** "just now", "12 min ago", "3 h ago", "2 days ago"; older: the date. */
export function formatAge(value, now = Date.now(), options = {}) {
  const date = toDate(value);
  if (!date) return '';
  const elapsed = now - date.getTime();
  if (elapsed < 45_000) return elapsed < -MINUTE ? formatDateTime(date, options) : 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 7 * DAY) {
    const days = Math.floor(elapsed / DAY);
    return days === 1 ? 'yesterday' : `${days} days ago`;
  }
  return formatDateTime(date, options);
}

/** "in 40 s", "in 3 min": when the next attempt is due. */
export function formatUntil(timestampMs, now = Date.now()) {
  const remaining = timestampMs - now;
  if (!Number.isFinite(remaining) || remaining <= 0) return 'now';
  if (remaining < MINUTE) return `in ${Math.ceil(remaining / 1000)} s`;
  if (remaining < HOUR) return `in ${Math.ceil(remaining / MINUTE)} min`;
  return `in ${Math.ceil(remaining / HOUR)} h`;
}

/**
 * The notice shown when an answer came from the desk's cache.
 * Returns null when the data is live.
 */
export function freshnessNotice(freshness, now = Date.now()) {
  if (!freshness || freshness.kind !== 'cached') return null;
  if (freshness.fetchedAt === null || freshness.fetchedAt === undefined) {
    return 'Offline — showing the copy saved on this desk';
  }
  return `Offline — showing copy from ${formatAge(freshness.fetchedAt, now)}`;
}

/**
 * What an offline answer is made of: the tickets this desk holds of its store
 * and as of when Ping listed them, and the tickets queued here. Null when the
 * answer is live.
 */
export function heldNotice(held, now = Date.now()) {
  if (!held) return null;
  const store = held.storeRegion || 'all stores';
  const queued = held.queued ? ` · ${plural(held.queued, 'ticket')} queued here` : '';
  if (held.asOf === null || held.asOf === undefined) {
    return `This desk holds no copy of the tickets of ${store} yet${queued}`;
  }
  const missing = held.listed > held.held ? ` (${held.listed - held.held} more not copied yet)` : '';
  return `${plural(held.held, 'ticket')} held for ${store}, as of ${formatDateTime(held.asOf)} (${formatAge(held.asOf, now)})${missing}${queued}`;
}

/** "in_progress" → "In progress"; unknown values Ping adds later still read well. */
export function humanize(value) {
  const text = String(value ?? '').replace(/[_-]+/g, ' ').trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}

function labelFrom(labels, value, missing) {
  if (value === null || value === undefined || value === '') return missing;
  return Object.hasOwn(labels, value) ? labels[value] : humanize(value);
}

export const STATUSES = ['open', 'in_progress', 'resolved', 'closed'];
export const PRIORITIES = ['low', 'medium', 'high', 'critical'];
export const CHANNELS = ['in_store', 'phone', 'whatsapp', 'email', 'sms', 'social_media', 'live_chat', 'api'];

const STATUS_LABELS = { open: 'Open', in_progress: 'In progress', resolved: 'Resolved', closed: 'Closed' };
const PRIORITY_LABELS = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
const CHANNEL_LABELS = {
  api: 'API',
  whatsapp: 'WhatsApp',
  email: 'Email',
  phone: 'Phone',
  in_store: 'In store',
  sms: 'SMS',
  social_media: 'Social media',
  live_chat: 'Live chat',
};

export const statusLabel = (status) => labelFrom(STATUS_LABELS, status, 'Unknown');
export const priorityLabel = (priority) => labelFrom(PRIORITY_LABELS, priority, 'Not set');
export const channelLabel = (channel) => labelFrom(CHANNEL_LABELS, channel, 'Not set');

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
  if (authorType === 'customer') return 'Customer';
  if (authorType === 'admin' || authorType === null || authorType === undefined) return 'Staff';
  return humanize(authorType);
}

const OPERATION_LABELS = { create_ticket: 'New ticket', update_ticket: 'Ticket update', add_comment: 'Comment' };
export const operationLabel = (kind) => labelFrom(OPERATION_LABELS, kind, 'Operation');

const OP_STATE_LABELS = {
  queued: 'Waiting to send',
  in_flight: 'Sending',
  in_doubt: 'Checking with Ping',
  failed: 'Failed',
  done: 'Sent',
  discarded: 'Discarded',
};
export const opStateLabel = (state) => labelFrom(OP_STATE_LABELS, state, 'Unknown');

export function pendingChangesLabel(count) {
  if (!count) return 'Everything is sent';
  return count === 1 ? '1 change waiting to be sent' : `${count} changes waiting to be sent`;
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
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

export const CSAT_LABELS = {
  1: 'Very unhappy',
  2: 'Unhappy',
  3: 'Neutral',
  4: 'Happy',
  5: 'Very happy',
};

/** How far a customer is in their survey, for staff (never the score). */
export const SURVEY_STAGE_WORDS = {
  choosing: 'choosing a face',
  commenting: 'writing a comment (optional)',
  done: 'finished',
};
