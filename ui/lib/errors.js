// What staff are told when a command fails. Behaviour is chosen on
// `err.code` only, and the headline is worded from the code in the UI's
// language; the backend's own message (written for staff, in English) is
// shown as the detail where it helps.

import { t } from './i18n.js';

export const CODES = [
  'OFFLINE',
  'AUTH_REJECTED',
  'VALIDATION',
  'NOT_FOUND',
  'NOT_CONNECTED',
  'RATE_LIMITED',
  'FORBIDDEN',
  'CONFLICT',
  'KEYCHAIN_UNAVAILABLE',
  'ADDRESS_NEEDS_KEY',
  'DATABASE_DAMAGED',
  'DATABASE_TOO_NEW',
  'DISK_FULL',
  'DATABASE_NO_ACCESS',
  'DATABASE_UNUSABLE',
  'STORAGE',
  'SERVER_ERROR',
  'INVALID_STATE',
  'UPDATE_SIGNATURE',
  'UPDATE_UNREACHABLE',
  'UPDATE_FEED_INVALID',
  'UPDATE_NOT_INSTALLED',
  'UPDATE_FAILED',
  'UPDATE_NONE',
  'UPDATE_WAIT_OUTBOX',
  'UPDATE_WAIT_SURVEY',
  'UPDATE_WAIT_FORM',
  'AUTOSTART_UNAVAILABLE',
  'NO_BROWSER',
  'INTERNAL',
];

// Each code's headline is the catalogue's `error.<CODE>`, in the page's language.
const HEADLINES = new Set(CODES);

// Codes whose backend message says what to fix (which field, which step).
const DETAIL_MATTERS = new Set(['VALIDATION', 'KEYCHAIN_UNAVAILABLE', 'INVALID_STATE', 'CONFLICT', 'STORAGE', 'UPDATE_FAILED', 'AUTOSTART_UNAVAILABLE', 'NO_BROWSER', 'INTERNAL']);

/** {headline, detail} for an error (a CommandError, or an OpError {code, message}). */
export function describeError(error) {
  const code = error?.code;
  const known = typeof code === 'string' && HEADLINES.has(code);
  const headline = known ? t(`error.${code}`) : t('error.unknown');
  const message = typeof error?.message === 'string' ? error.message.trim() : '';
  const detail = message && (DETAIL_MATTERS.has(code) || !known) ? message : '';
  return { code: code ?? 'INTERNAL', headline, detail };
}

/** One line: headline plus detail. */
export function errorText(error) {
  const { headline, detail } = describeError(error);
  return detail ? `${headline} ${detail}` : headline;
}
