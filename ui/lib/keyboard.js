// Keyboard shortcuts: one table, used by the handler and by the help sheet.

export const SHORTCUTS = [
  { keys: ['Alt', 'N'], action: 'go:new', description: 'New ticket' },
  { keys: ['Alt', 'L'], action: 'go:tickets', description: 'Ticket list' },
  { keys: ['Alt', 'O'], action: 'go:outbox', description: 'Outbox' },
  { keys: ['Alt', 'S'], action: 'go:settings', description: 'Settings' },
  { keys: ['Ctrl', 'Enter'], action: 'submit', description: 'Submit the form you are in (new ticket, comment, changes)' },
  { keys: ['/'], action: 'focus-search', description: 'Search tickets (when not typing)' },
  { keys: ['?'], action: 'help', description: 'Show this keyboard help (when not typing)' },
  { keys: ['Esc'], action: 'close', description: 'Close a dialog' },
];

const ALT_KEYS = { KeyN: 'go:new', KeyL: 'go:tickets', KeyO: 'go:outbox', KeyS: 'go:settings' };

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
  if (event.altKey && !event.ctrlKey && !event.metaKey && Object.hasOwn(ALT_KEYS, event.code)) return ALT_KEYS[event.code];
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') return 'submit';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (!inTextField && event.key === '?') return 'help';
  if (!inTextField && event.key === '/') return 'focus-search';
  return null;
}
