// Looking up a walk-in's earlier tickets while staff type the phone or email:
// when the input is worth a lookup, debouncing, and ignoring answers that a
// newer lookup has replaced. No DOM, so it is unit-tested.

import { normalizePhone, isE164, isEmail } from './validation.js';

export const LOOKUP_DELAY_MS = 300;

/** The country code of a number typed without one (Zimbabwe, where Ping's stores are). */
export const DEFAULT_COUNTRY_CODE = '263';

/**
 * A phone as staff type it, in E.164 (as desk-core's `normalize_phone`):
 * "077 123 4567", "+263 77 123 4567", "0771234567", "263771234567" and
 * "771234567" are all "+263771234567" (a national number has 9 digits, so
 * a number half typed is not looked up). Anything else is returned with only
 * spaces, dashes, dots and brackets dropped.
 */
export function lookupPhone(text, countryCode = DEFAULT_COUNTRY_CODE) {
  const typed = normalizePhone(String(text ?? '').trim());
  if (!/^\d+$/.test(typed)) return typed;
  if (typed.startsWith('00')) return `+${typed.slice(2)}`;
  if (typed.startsWith(countryCode) && typed.length >= countryCode.length + 9) return `+${typed}`;
  if (typed.startsWith('0') && typed.length === 10) return `+${countryCode}${typed.slice(1)}`;
  if (typed.length === 9) return `+${countryCode}${typed}`;
  return typed;
}

/**
 * What to look up for the typed phone and email: {phone, email} with each
 * null unless valid (the phone in any form staff type, see `lookupPhone`;
 * the email trimmed), or null when neither is valid.
 */
export function lookupKey({ phone, email } = {}) {
  const number = lookupPhone(phone);
  const address = String(email ?? '').trim();
  const key = { phone: isE164(number) ? number : null, email: isEmail(address) ? address : null };
  return key.phone || key.email ? key : null;
}

/** Two keys ask the same question (email compared ignoring case, as the backend does). */
export function sameKey(a, b) {
  if (!a || !b) return a === b;
  return a.phone === b.phone && (a.email ?? '').toLowerCase() === (b.email ?? '').toLowerCase();
}

/**
 * `schedule(fields)` (on input) looks up after `delay` of quiet; `flush(fields)`
 * (on blur, or a restored draft) looks up now. A lookup runs only when the
 * key changed since the last one; a newer lookup, a cleared field or
 * `reset()` makes every older answer stale, and stale answers are dropped.
 * Callbacks: onStart(key), onResult(result, key), onError(err, key), onClear().
 */
export function createHistoryLookup({
  lookup,
  onStart = () => {},
  onResult = () => {},
  onError = () => {},
  onClear = () => {},
  delay = LOOKUP_DELAY_MS,
  timers = globalThis,
}) {
  let timer = null;
  let generation = 0;
  let current = null; // the key of the latest lookup, answered or not
  let failed = false; // the latest lookup failed: the same input may ask again

  function stopTimer() {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  /** Resolves when the lookup it started has been handled (at once if none). */
  function run(fields) {
    stopTimer();
    const key = lookupKey(fields);
    if (!key) {
      if (current) {
        current = null;
        generation += 1;
        onClear();
      }
      return Promise.resolve();
    }
    if (sameKey(key, current) && !failed) return Promise.resolve();
    current = key;
    failed = false;
    generation += 1;
    const mine = generation;
    onStart(key);
    return Promise.resolve()
      .then(() => lookup(key))
      .then(
        (result) => {
          if (mine === generation) onResult(result, key);
        },
        (err) => {
          if (mine !== generation) return;
          // Asking again with the same input may work (e.g. once online).
          failed = true;
          onError(err, key);
        },
      );
  }

  return {
    schedule(fields) {
      stopTimer();
      timer = timers.setTimeout(() => {
        timer = null;
        run(fields);
      }, delay);
    },
    flush: run,
    /** Forgets the last lookup (the form was cleared); answers still on their way are dropped. */
    reset() {
      stopTimer();
      current = null;
      failed = false;
      generation += 1;
    },
    get current() {
      return current;
    },
  };
}

const NAME_FIELDS = [
  ['customer_first_name', 'firstName'],
  ['customer_last_name', 'lastName'],
];

const clean = (value) => (typeof value === 'string' ? value.trim() : '');

/**
 * The name fields to fill from a lookup's answer, never over staff's typing:
 * a field is filled only when it is empty or still holds what an earlier
 * answer put there (`autoFilled`, by field). When staff typed the other name
 * and it is not the customer's, nothing is filled (someone else may be using
 * the number). Returns {field: value} for the fields to change.
 */
export function namesToFill(values, history, autoFilled = {}) {
  const ours = (field, now) => Object.hasOwn(autoFilled, field) && autoFilled[field] === now;
  const typed = NAME_FIELDS.filter(([field]) => {
    const now = String(values?.[field] ?? '');
    return now.trim() !== '' && !ours(field, now);
  });
  const mismatch = typed.some(([field, prop]) => {
    const given = clean(history?.[prop]);
    return given && given.toLowerCase() !== String(values[field]).trim().toLowerCase();
  });
  if (mismatch) return {};
  const fills = {};
  for (const [field, prop] of NAME_FIELDS) {
    if (typed.some(([name]) => name === field)) continue;
    const now = String(values?.[field] ?? '');
    const next = clean(history?.[prop]);
    if (next !== now) fills[field] = next;
  }
  return fills;
}
