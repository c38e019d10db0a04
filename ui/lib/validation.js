// Input checks that mirror Ping's (and the backend's) rules, so staff hear
// about a mistake while the customer is still at the counter rather than
// hours later from the Outbox. Each function returns messages keyed by field;
// an empty object means valid.

import { HIDDEN_CUSTOM_FIELDS } from './ticket-fields.js';

export const PHONE_HINT = 'International format: + then the country code and number, e.g. +263771234567.';

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
  if (!phone.startsWith('+')) return 'Start with + and the country code instead of 0, e.g. +263771234567.';
  if (!/^\+\d+$/.test(phone)) return 'Use only digits after the +.';
  if (phone[1] === '0') return 'The country code after the + cannot start with 0.';
  if (!isE164(phone)) {
    const digits = phone.length - 1;
    return `${digits < 7 ? 'Too short' : 'Too long'}: ${digits} digits after the +; a number has 7 to 15.`;
  }
  return null;
}

export function emailError(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return null;
  return isEmail(text) ? null : 'Enter an email address like name@example.com.';
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
      errors[index] = { key: 'Give this field a name, or remove the row.' };
    } else if (reserved.includes(key)) {
      errors[index] = { key: `"${key}" is used by Ping Desk itself; choose another name.` };
    } else if (seen.has(key)) {
      errors[index] = { key: `"${key}" is already used in row ${seen.get(key) + 1}; names must be unique.` };
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
  if (!String(values.subject ?? '').trim()) errors.subject = 'Enter a short summary of the problem.';
  if (!String(values.description ?? '').trim()) errors.description = "Describe the problem in the customer's words.";
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
  return isCsatScore(value) ? null : 'Choose a score from 1 (very unhappy) to 5 (very happy).';
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
  return String(values.content ?? '').trim() ? {} : { content: 'Write the comment first.' };
}

const API_KEY = /^(pk|sk)_(live|test)_[A-Za-z0-9]{32}$/;

/** The welcome screen's connect form. */
export function validateConnect({ apiKey, baseUrl }) {
  const errors = {};
  const key = String(apiKey ?? '').trim();
  if (!key) errors.apiKey = 'Paste the API key from your Ping dashboard.';
  else if (!API_KEY.test(key)) {
    errors.apiKey = 'A Ping API key looks like pk_live_ (or pk_test_, sk_live_, sk_test_) followed by 32 letters or digits.';
  }
  const urlError = baseUrlError(baseUrl);
  if (urlError) errors.baseUrl = urlError;
  return errors;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Ping's address: https, or http to this computer (the sandbox). */
export function baseUrlError(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return "Enter Ping's address, e.g. https://api.ping.co.zw.";
  let url;
  try {
    url = new URL(text);
  } catch {
    return 'This is not a web address; it should look like https://api.ping.co.zw.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'The address must start with https:// (plain http is allowed only for this computer).';
}

export const hasErrors = (errors) => Object.keys(errors).length > 0;
