// Saving a form's draft while staff type: one write ~500 ms after typing
// stops, not one per keystroke, and never lost when the screen closes.

export const DRAFT_DELAY_MS = 500;

/**
 * `schedule(data)` (re)starts the timer; the latest data is saved when it
 * fires. `flush()` saves a pending draft now (leaving the screen);
 * `cancel()` forgets it (after a successful submit).
 */
export function createDraftSaver({ save, delay = DRAFT_DELAY_MS, onError = () => {}, onSaved = () => {} }) {
  let timer = null;
  let latest;
  let hasPending = false;

  async function write() {
    timer = null;
    if (!hasPending) return;
    hasPending = false;
    const data = latest;
    try {
      await save(data);
      onSaved(data);
    } catch (err) {
      onError(err);
    }
  }

  return {
    schedule(data) {
      latest = data;
      hasPending = true;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(write, delay);
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      return write();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      hasPending = false;
    },
    get pending() {
      return hasPending;
    },
  };
}

/** A draft worth keeping: anything typed beyond the store's defaults. */
export function isDraftWorthKeeping(values, defaults) {
  if (!values) return false;
  if ((values.custom_fields ?? []).some((row) => String(row.key ?? '').trim() || String(row.value ?? '').trim())) {
    return true;
  }
  return Object.keys(defaults)
    .filter((field) => field !== 'custom_fields')
    .some((field) => String(values[field] ?? '').trim() !== String(defaults[field] ?? '').trim());
}

/**
 * A stored draft back into form values. Only the form's own fields are
 * taken, as typed; anything else in the stored object is ignored.
 */
export function valuesFromDraft(draft, defaults) {
  if (!draft || typeof draft !== 'object' || Array.isArray(draft)) return null;
  const fields = Object.keys(defaults).filter((field) => field !== 'custom_fields');
  const text = fields.map((field) => [field, typeof draft[field] === 'string' ? draft[field] : defaults[field]]);
  const rows = Array.isArray(draft.custom_fields)
    ? draft.custom_fields
        .filter((row) => row && typeof row === 'object')
        .map((row) => ({ key: String(row.key ?? ''), value: String(row.value ?? '') }))
    : [];
  return Object.fromEntries([...text, ['custom_fields', rows]]);
}
