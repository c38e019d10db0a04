// The `html` tagged template: markup written in this code base stays markup,
// every interpolated value becomes text. Data from Ping or the backend is
// never parsed as HTML, so `<img src=x onerror=...>` in a subject shows as
// the literal characters.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]);
}

/** Markup that is known to be safe: built only by `html` (or `booleanAttr`). */
export class SafeHtml {
  #markup;
  constructor(markup) {
    this.#markup = markup;
  }
  toString() {
    return this.#markup;
  }
}

// Only our own SafeHtml objects pass unescaped; a look-alike object from data
// (e.g. {toString() {...}}) is escaped like anything else.
function interpolate(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return escapeHtml(value);
}

export function html(strings, ...values) {
  let markup = strings[0];
  for (let i = 0; i < values.length; i += 1) {
    markup += interpolate(values[i]) + strings[i + 1];
  }
  return new SafeHtml(markup);
}

const BOOLEAN_ATTRIBUTES = new Set(['checked', 'selected', 'disabled', 'hidden', 'required', 'readonly', 'open']);

/** `<input ${booleanAttr('checked', isOn)}>`: the attribute name comes from a fixed list. */
export function booleanAttr(name, on) {
  if (!BOOLEAN_ATTRIBUTES.has(name)) throw new TypeError(`not a boolean attribute: ${name}`);
  return on ? new SafeHtml(name) : new SafeHtml('');
}

/**
 * Replaces the children of `target` with the nodes described by `markup`.
 * The only place in the UI where markup is parsed, and it accepts nothing
 * but SafeHtml, whose interpolations were escaped.
 */
export function render(target, markup) {
  target.replaceChildren(toFragment(markup, target));
  return target;
}

export function toFragment(markup, context = document.body) {
  if (!(markup instanceof SafeHtml)) throw new TypeError('render() takes html`...` markup only');
  const range = document.createRange();
  // Parse in the target's context so that e.g. <tr> inside <tbody> survives.
  range.selectNodeContents(context);
  return range.createContextualFragment(markup.toString());
}
