import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutFor, isTextField, templateNumber, SHORTCUTS } from '../../ui/lib/keyboard.js';
import { translate } from '../../ui/lib/i18n.js';

const key = (over) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...over });

test('Alt shortcuts go by physical key, so they work on any layout', () => {
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyN', key: '˜' })), 'go:new');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyL', key: 'l' })), 'go:tickets');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyO', key: 'o' })), 'go:outbox');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyS', key: 's' })), 'go:settings');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyT', key: '†' })), 'go:templates');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyT' }), { inTextField: true }), 'go:templates');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyD', key: '∂' })), 'go:today');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyD' }), { inTextField: true }), 'go:today');
  assert.equal(shortcutFor(key({ altKey: true, ctrlKey: true, code: 'KeyN' })), null, 'AltGr combinations are left alone');
  assert.equal(shortcutFor(key({ altKey: true, code: 'KeyN' }), { inTextField: true }), 'go:new', 'works while typing');
});

test('Alt+1 … Alt+9 apply a template, by the digit row, also while typing', () => {
  for (let n = 1; n <= 9; n += 1) {
    const action = shortcutFor(key({ altKey: true, code: `Digit${n}`, key: String(n) }), { inTextField: true });
    assert.equal(action, `template:${n}`);
    assert.equal(templateNumber(action), n);
  }
  assert.equal(shortcutFor(key({ altKey: true, code: 'Digit1', key: '¡' })), 'template:1', 'the character typed does not matter (macOS Option)');
  assert.equal(shortcutFor(key({ altKey: true, code: 'Digit0' })), null, 'no template 0');
  assert.equal(shortcutFor(key({ altKey: true, code: 'Numpad1' })), null, 'Alt+keypad types characters on Windows');
  assert.equal(shortcutFor(key({ altKey: true, ctrlKey: true, code: 'Digit2' })), null, 'AltGr+2 types a character');
  assert.equal(shortcutFor(key({ code: 'Digit1', key: '1' }), { inTextField: true }), null, 'a plain 1 is a 1');
  assert.equal(shortcutFor(key({ ctrlKey: true, code: 'Digit1', key: '1' })), null);
  assert.equal(templateNumber('go:new'), null);
  assert.equal(templateNumber('template:10'), null);
  assert.equal(templateNumber(null), null);
});

test('Ctrl+Enter submits, also from a text field', () => {
  assert.equal(shortcutFor(key({ ctrlKey: true, key: 'Enter' }), { inTextField: true }), 'submit');
  assert.equal(shortcutFor(key({ key: 'Enter' }), { inTextField: true }), null);
});

test('? and / only act outside text fields', () => {
  assert.equal(shortcutFor(key({ key: '?', shiftKey: true })), 'help');
  assert.equal(shortcutFor(key({ key: '?', shiftKey: true }), { inTextField: true }), null);
  assert.equal(shortcutFor(key({ key: '/' })), 'focus-search');
  assert.equal(shortcutFor(key({ key: '/' }), { inTextField: true }), null);
});

test('what counts as a text field', () => {
  assert.equal(isTextField({ tagName: 'INPUT', type: 'text' }), true);
  assert.equal(isTextField({ tagName: 'INPUT', type: 'search' }), true);
  assert.equal(isTextField({ tagName: 'INPUT', type: 'checkbox' }), false);
  assert.equal(isTextField({ tagName: 'TEXTAREA' }), true);
  assert.equal(isTextField({ tagName: 'BUTTON' }), false);
  assert.equal(isTextField({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(isTextField(null), false);
});

test('the help sheet lists every handled action', () => {
  const listed = new Set(SHORTCUTS.map((s) => s.action));
  for (const action of ['go:new', 'go:tickets', 'go:today', 'go:outbox', 'go:templates', 'go:settings', 'template', 'submit', 'help', 'focus-search']) assert.ok(listed.has(action), action);
  const templateRow = SHORTCUTS.find((s) => s.action === 'template');
  assert.deepEqual(templateRow.keys[0], 'Alt');
  assert.match(translate('en', templateRow.descriptionKey), /template/i);
  assert.deepEqual(SHORTCUTS.find((s) => s.action === 'go:today').keys, ['Alt', 'D']);
});

test('every counter action has an Alt shortcut, listed on the sheet with its key', () => {
  const counter = { KeyP: 'print-slip', KeyA: 'ask-customer', KeyE: 'end-customer-view', KeyM: 'comment', KeyU: 'update', KeyY: 'sync-now' };
  for (const [code, action] of Object.entries(counter)) {
    assert.equal(shortcutFor(key({ altKey: true, code })), action, code);
    assert.equal(shortcutFor(key({ altKey: true, code }), { inTextField: true }), action, `${code} while typing`);
    const row = SHORTCUTS.find((s) => s.action === action);
    assert.ok(row, `${action} is on the sheet`);
    assert.deepEqual(row.keys, ['Alt', code.slice(3)]);
  }
  // No two actions share a key on the sheet.
  const keys = SHORTCUTS.map((s) => s.keys.join('+'));
  assert.equal(new Set(keys).size, keys.length);
});
