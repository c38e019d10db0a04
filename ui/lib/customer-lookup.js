// Looking up a walk-in's earlier tickets while staff type the phone or email:
// when the input is worth a lookup, debouncing, and ignoring answers that a
// newer lookup has replaced. No DOM, so it is unit-tested.

import { normalizePhone, isE164, isEmail } from './validation.js';

export const LOOKUP_DELAY_MS = 300;

/**
 * What to look up for the typed phone and email: {phone, email} with each
 * null unless valid (the phone after dropping spaces, dashes, dots and
 * brackets; the email trimmed), or null when neither is valid.
 */
export function lookupKey({ phone, email } = {}) {
  const number = normalizePhone(String(phone ?? '').trim());
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
