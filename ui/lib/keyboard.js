// Keyboard shortcuts: one table, used by the handler and by the help sheet.

export const SHORTCUTS = [
  { keys: ['Alt', 'N'], action: 'go:new', descriptionKey: 'shortcut.go:new' },
  { keys: ['Alt', 'L'], action: 'go:tickets', descriptionKey: 'shortcut.go:tickets' },
  { keys: ['Alt', 'D'], action: 'go:today', descriptionKey: 'shortcut.go:today' },
  { keys: ['Alt', 'O'], action: 'go:outbox', descriptionKey: 'shortcut.go:outbox' },
  { keys: ['Alt', 'T'], action: 'go:templates', descriptionKey: 'shortcut.go:templates' },
  { keys: ['Alt', 'S'], action: 'go:settings', descriptionKey: 'shortcut.go:settings' },
  { keys: ['Alt', '1 … 9'], action: 'template', descriptionKey: 'shortcut.template' },
  { keys: ['Alt', 'P'], action: 'print-slip', descriptionKey: 'shortcut.print-slip' },
  { keys: ['Alt', 'A'], action: 'ask-customer', descriptionKey: 'shortcut.ask-customer' },
  { keys: ['Alt', 'E'], action: 'end-customer-view', descriptionKey: 'shortcut.end-customer-view' },
  { keys: ['Alt', 'M'], action: 'comment', descriptionKey: 'shortcut.comment' },
  { keys: ['Alt', 'U'], action: 'update', descriptionKey: 'shortcut.update' },
  { keys: ['Alt', 'Y'], action: 'sync-now', descriptionKey: 'shortcut.sync-now' },
  { keys: ['Ctrl', 'Enter'], action: 'submit', descriptionKey: 'shortcut.submit' },
  { keys: ['/'], action: 'focus-search', descriptionKey: 'shortcut.focus-search' },
  { keys: ['?'], action: 'help', descriptionKey: 'shortcut.help' },
  { keys: ['Esc'], action: 'close', descriptionKey: 'shortcut.close' },
];

// Alt+letter shortcuts come from the table above (so the sheet cannot drift
// from the handler), by physical key: ['Alt', 'P'] is KeyP.
const ALT_KEYS = Object.fromEntries(
  SHORTCUTS.filter(({ keys }) => keys.length === 2 && keys[0] === 'Alt' && /^[A-Z]$/.test(keys[1])).map(({ keys, action }) => [
    `Key${keys[1]}`,
    action,
  ]),
);

/** Actions the current screen handles (it says whether it did). */
export const SCREEN_ACTIONS = new Set(['print-slip', 'ask-customer', 'comment', 'update']);

// Alt+1 … Alt+9 (the digit row, not the keypad, where Alt+digits type
// characters on Windows) apply the template with that key.
const TEMPLATE_KEY = /^Digit([1-9])$/;

/** The template number (1–9) of a `template:N` action, or null. */
export function templateNumber(action) {
  const match = /^template:([1-9])$/.exec(String(action ?? ''));
  return match ? Number(match[1]) : null;
}

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when keys typed into `element` are text (so "?" and "/" are characters there). */
export function isTextField(element) {
  if (!element || !element.tagName) return false;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has(String(element.type || 'text').toLowerCase());
  return Boolean(element.isContentEditable);
}

/**
 * The action for a keydown, or null. Alt combinations go by physical key
 * (event.code), so they work on any keyboard layout.
 */
export function shortcutFor(event, { inTextField = false } = {}) {
  if (event.altKey && !event.ctrlKey && !event.metaKey) {
    if (Object.hasOwn(ALT_KEYS, event.code)) return ALT_KEYS[event.code];
    const digit = TEMPLATE_KEY.exec(String(event.code ?? ''));
    if (digit) return `template:${digit[1]}`;
  }
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') return 'submit';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (!inTextField && event.key === '?') return 'help';
  if (!inTextField && event.key === '/') return 'focus-search';
  return null;
}
