// What staff are told when a command fails. Behaviour is chosen on
// `err.code` only; the backend's own message (written for staff) is shown as
// the detail where it helps.

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

const HEADLINES = {
  OFFLINE: "Ping can't be reached. Check the shop's internet connection.",
  AUTH_REJECTED: 'Ping rejected the API key. Check it in Settings or connect again.',
  VALIDATION: 'Some input was not accepted.',
  NOT_FOUND: 'Not found on Ping.',
  NOT_CONNECTED: 'Ping Desk is not connected to Ping yet.',
  RATE_LIMITED: 'Ping is busy (too many requests). Try again in a minute.',
  FORBIDDEN: "This API key doesn't have permission for tickets. Ask your Ping admin.",
  CONFLICT: 'This conflicts with something already on Ping.',
  KEYCHAIN_UNAVAILABLE: "The computer's keychain (secure password store) is not available.",
  DATABASE_DAMAGED: "This desk's data file is damaged.",
  DATABASE_TOO_NEW: "This desk's data was written by a newer Ping Desk.",
  DISK_FULL: 'The disk is full: Ping Desk cannot save.',
  DATABASE_NO_ACCESS: "Ping Desk may not open this desk's data file.",
  DATABASE_UNUSABLE: "This desk's data could not be opened.",
  ADDRESS_NEEDS_KEY: "A new Ping address needs the API key again: connect to it in Settings.",
  STORAGE: "Ping Desk couldn't read or write its data on this computer.",
  SERVER_ERROR: 'Ping had a problem on its side. It will be tried again.',
  INVALID_STATE: 'That is not possible right now; the view has been refreshed.',
  UPDATE_SIGNATURE: 'The download is not signed by Ping Desk, so it was not installed. This version keeps working.',
  UPDATE_UNREACHABLE: "The update server can't be reached. Ping Desk will try again later.",
  UPDATE_FEED_INVALID: "The update server's answer could not be used. Ping Desk will try again later.",
  UPDATE_NOT_INSTALLED: 'The update was not installed: the administrator password was not given.',
  UPDATE_FAILED: 'The update could not be installed. This version keeps working.',
  UPDATE_NONE: 'There is no update to install: check for updates again.',
  UPDATE_WAIT_OUTBOX: 'The outbox is sending to Ping: Ping Desk restarts when you try again after it is done, or updates when it quits.',
  UPDATE_WAIT_SURVEY: "A customer is answering on the customer's screen: restart when they are done, or the update installs when Ping Desk quits.",
  UPDATE_WAIT_FORM: 'A form has text that is not saved yet: save or clear it first, or the update installs when Ping Desk quits.',
  AUTOSTART_UNAVAILABLE: "Starting with the computer couldn't be changed here.",
  NO_BROWSER: 'No web browser could be opened on this computer.',
  INTERNAL: 'Something went wrong inside Ping Desk.',
};

// Codes whose backend message says what to fix (which field, which step).
const DETAIL_MATTERS = new Set(['VALIDATION', 'KEYCHAIN_UNAVAILABLE', 'INVALID_STATE', 'CONFLICT', 'STORAGE', 'UPDATE_FAILED', 'AUTOSTART_UNAVAILABLE', 'NO_BROWSER', 'INTERNAL']);

/** {headline, detail} for an error (a CommandError, or an OpError {code, message}). */
export function describeError(error) {
  const code = error?.code;
  const known = typeof code === 'string' && Object.hasOwn(HEADLINES, code);
  const headline = known ? HEADLINES[code] : 'Something went wrong.';
  const message = typeof error?.message === 'string' ? error.message.trim() : '';
  const detail = message && (DETAIL_MATTERS.has(code) || !known) ? message : '';
  return { code: code ?? 'INTERNAL', headline, detail };
}

/** One line: headline plus detail. */
export function errorText(error) {
  const { headline, detail } = describeError(error);
  return detail ? `${headline} ${detail}` : headline;
}
