// Which text staff have typed and not saved: the update waits for it.
// A field counts once staff have focused it and its value has moved away
// from what it held then; screens that save (or clear) a form re-render or
// reset it, which ends the count. Values filled in by code before staff
// touched the field never count.

/**
 * Starts watching `root` (the screen's container); returns
 * `hasUnsavedText()` and `stop()`.
 */
export function watchTypedText(root) {
  const before = new WeakMap();
  const onFocus = (event) => {
    const field = event.target;
    if (isTextEntry(field) && !before.has(field)) before.set(field, field.value);
  };
  root.addEventListener('focusin', onFocus);
  return {
    /** True when a field still on the page holds text that differs from before staff typed. */
    hasUnsavedText() {
      for (const field of root.querySelectorAll('input, textarea')) {
        if (!isTextEntry(field) || !before.has(field)) continue;
        if (field.value !== before.get(field)) return true;
      }
      return false;
    },
    stop() {
      root.removeEventListener('focusin', onFocus);
    },
  };
}

const NOT_TEXT = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'hidden', 'image', 'range', 'color']);

function isTextEntry(field) {
  if (!field || typeof field.tagName !== 'string') return false;
  const tag = field.tagName.toLowerCase();
  if (tag === 'textarea') return !field.readOnly;
  if (tag !== 'input') return false;
  return !NOT_TEXT.has(String(field.type || 'text').toLowerCase()) && !field.readOnly;
}
