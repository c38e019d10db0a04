// Input checks that mirror Ping's (and the backend's) rules, so staff hear
// about a mistake while the customer is still at the counter rather than
// hours later from the Outbox. Each function returns messages keyed by field;
// an empty object means valid.

import { HIDDEN_CUSTOM_FIELDS } from './ticket-fields.js';
import { t } from './i18n.js';

/** The phone field's hint, in the page's language. */
export const phoneHint = () => t('validation.phoneHint', { example: '+263771234567' });

/** Spaces, dashes, dots and brackets people type in phone numbers, dropped. */
export function normalizePhone(text) {
  return String(text ?? '').replace(/[\s\-().]/g, '');
}

/** E.164: "+", a first digit that is not 0, 7 to 15 digits in all. */
export function isE164(phone) {
  return /^\+[1-9]\d{6,14}$/.test(phone);
}

/** A simple shape check (something@something.tld), as Ping documents none. */
export function isEmail(email) {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email);
}

export function phoneError(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return null;
  const phone = normalizePhone(text);
  // The format hint is always shown under the field; errors say what is wrong with this number.
  if (!phone.startsWith('+')) return t('validation.phonePlus', { example: '+263771234567' });
  if (!/^\+\d+$/.test(phone)) return t('validation.phoneDigits');
  if (phone[1] === '0') return t('validation.phoneZero');
  if (!isE164(phone)) {
    const digits = phone.length - 1;
    return t(digits < 7 ? 'validation.phoneShort' : 'validation.phoneLong', { count: digits });
  }
  return null;
}

export function emailError(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return null;
  return isEmail(text) ? null : t('validation.email', { example: 'name@example.com' });
}

/**
 * Checks the rows of a custom-field editor. Rows with neither key nor value
 * are ignored (an added row left blank). Returns one entry per row: null or
 * {key?, value?} messages.
 */
export function customFieldRowErrors(rows, { reserved = HIDDEN_CUSTOM_FIELDS } = {}) {
  const seen = new Map();
  const errors = rows.map(() => null);
  rows.forEach((row, index) => {
    const key = String(row.key ?? '').trim();
    const value = String(row.value ?? '');
    if (!key && !value.trim()) return;
    if (!key) {
      errors[index] = { key: t('validation.customName') };
    } else if (reserved.includes(key)) {
      errors[index] = { key: t('validation.customReserved', { name: key }) };
    } else if (seen.has(key)) {
      errors[index] = { key: t('validation.customDuplicate', { name: key, row: seen.get(key) + 1 }) };
    } else {
      seen.set(key, index);
    }
  });
  return errors;
}

function addCustomFieldErrors(errors, rows) {
  const rowErrors = customFieldRowErrors(rows ?? []);
  if (rowErrors.some(Boolean)) errors.custom_fields = rowErrors;
}

/** The new-ticket form: values use the request's snake_case names. */
export function validateNewTicket(values) {
  const errors = {};
  if (!String(values.subject ?? '').trim()) errors.subject = t('validation.subject');
  if (!String(values.description ?? '').trim()) errors.description = t('validation.description');
  const phone = phoneError(values.customer_phone);
  if (phone) errors.customer_phone = phone;
  const email = emailError(values.customer_email);
  if (email) errors.customer_email = email;
  addCustomFieldErrors(errors, values.custom_fields);
  return errors;
}

/** A satisfaction score: a whole number from 1 to 5. */
export function isCsatScore(value) {
  const score = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return Number.isInteger(score) && score >= 1 && score <= 5;
}

export function csatError(value) {
  if (value === null || value === undefined || value === '') return null;
  return isCsatScore(value) ? null : t('validation.csat');
}

/** The ticket edit form (values as the form holds them). */
export function validateTicketUpdate(values) {
  const errors = {};
  const csat = csatError(values.csat_score);
  if (csat) errors.csat_score = csat;
  addCustomFieldErrors(errors, values.custom_fields);
  return errors;
}

export function validateComment(values) {
  return String(values.content ?? '').trim() ? {} : { content: t('validation.comment') };
}

const API_KEY = /^(pk|sk)_(live|test)_[A-Za-z0-9]{32}$/;

/** The welcome screen's connect form. */
export function validateConnect({ apiKey, baseUrl }) {
  const errors = {};
  const key = String(apiKey ?? '').trim();
  if (!key) errors.apiKey = t('validation.apiKeyEmpty');
  else if (!API_KEY.test(key)) {
    errors.apiKey = t('validation.apiKeyShape', { count: 32 });
  }
  const urlError = baseUrlError(baseUrl);
  if (urlError) errors.baseUrl = urlError;
  return errors;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Ping's address: https, or http to this computer (the sandbox). */
export function baseUrlError(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return t('validation.baseUrlEmpty', { example: 'https://api.ping.co.zw' });
  let url;
  try {
    url = new URL(text);
  } catch {
    return t('validation.baseUrlShape', { example: 'https://api.ping.co.zw' });
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return t('validation.baseUrlHttps');
}

export const hasErrors = (errors) => Object.keys(errors).length > 0;
