// Small DOM helpers shared by screens and components.

export const $ = (root, selector) => root.querySelector(selector);
export const $$ = (root, selector) => Array.from(root.querySelectorAll(selector));

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element built with DOM APIs (no markup parsed), with its attributes and optional text. */
export function svgElement(name, attributes = {}, text = null) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== null) element.textContent = String(text);
  return element;
}

/** Shows a message next to a field and links it for screen readers; null clears it. */
export function setFieldError(form, name, message) {
  const field = form.querySelector(`[name="${name}"]`);
  const slot = form.querySelector(`[data-error-for="${name}"]`);
  if (slot) {
    slot.textContent = message ?? '';
    slot.hidden = !message;
  }
  if (field) {
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
}

/** Clears every field error in a form. */
export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
}

/** Focuses the first field marked invalid, so keyboard users land on the problem. */
export function focusFirstInvalid(root) {
  const field = root.querySelector('[aria-invalid="true"]');
  if (field) field.focus();
  return field;
}

/**
 * The values of a form's named controls as strings (checkboxes as booleans,
 * radio groups as the checked value or ""). Controls without a name (such as
 * the custom-field rows, read by their editor) are not included.
 */
export function readForm(form) {
  const values = {};
  for (const control of form.elements) {
    const { name, type } = control;
    if (!name || control.disabled || type === 'submit' || type === 'button') continue;
    let value;
    if (type === 'checkbox') value = control.checked;
    else if (type === 'radio') value = control.checked ? control.value : (values[name] ?? '');
    else value = control.value;
    // defineProperty: a form field named like an Object.prototype member
    // cannot trip over the frozen prototype.
    Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return values;
}

/** Puts values into a form's named controls; names not in `values` are left alone. */
export function writeForm(form, values) {
  for (const control of form.elements) {
    const { name, type } = control;
    if (!name || !Object.hasOwn(values, name)) continue;
    const value = values[name];
    if (type === 'checkbox') control.checked = Boolean(value);
    else if (type === 'radio') control.checked = String(value) === control.value;
    else if (control.tagName === 'SELECT') selectValue(control, value);
    else control.value = value ?? '';
  }
}

/** Selects `value` in a <select>, adding an option for a value Ping added later. */
export function selectValue(select, value) {
  const text = value === null || value === undefined ? '' : String(value);
  if (text && !Array.from(select.options).some((option) => option.value === text)) {
    const option = document.createElement('option');
    option.value = text;
    option.textContent = text;
    select.append(option);
  }
  select.value = text;
}
