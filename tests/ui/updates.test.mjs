import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, progressText, updateHeadline, updateBannerText } from '../../ui/lib/updates.js';
import { watchTypedText } from '../../ui/lib/unsaved.js';

test('sizes read as file managers show them', () => {
  assert.equal(formatBytes(0), '0 bytes');
  assert.equal(formatBytes(999), '999 bytes');
  assert.equal(formatBytes(1500), '1.5 kB');
  assert.equal(formatBytes(8_400_000), '8.4 MB');
  assert.equal(formatBytes(250_000_000), '250 MB');
  assert.equal(formatBytes(-1), '');
  assert.equal(formatBytes(Number.NaN), '');
});

test('progress says how far, with or without a size from the server', () => {
  assert.equal(progressText({ downloaded: 1_200_000, total: 8_400_000 }), '1.2 MB of 8.4 MB (14%)');
  assert.equal(progressText({ downloaded: 8_400_000, total: 8_400_000 }), '8.4 MB of 8.4 MB (100%)');
  assert.equal(progressText({ downloaded: 1_200_000, total: null }), '1.2 MB downloaded');
  assert.equal(progressText({ downloaded: 10, total: 0 }), '10 bytes downloaded');
});

test('each state has its sentence, and the bar speaks only while a version waits', () => {
  assert.match(updateHeadline({ state: 'none', current: '0.1.0' }), /looks for a newer version/);
  assert.equal(updateHeadline({ state: 'available', version: '0.2.0', date: '2026-12-03T10:00:00+00:00' }), 'Ping Desk 0.2.0 is available (published Thursday, 3 December 2026).');
  assert.equal(updateHeadline({ state: 'available', version: '0.2.0' }), 'Ping Desk 0.2.0 is available.');
  assert.match(updateHeadline({ state: 'ready', version: '0.2.0' }), /signature checked.*installs when Ping Desk quits/);
  assert.equal(updateHeadline(null), updateHeadline({ state: 'none' }));
  assert.equal(updateBannerText({ state: 'available', version: '0.2.0' }), 'Ping Desk 0.2.0 is available.');
  assert.equal(updateBannerText({ state: 'ready', version: '0.2.0' }), 'Ping Desk 0.2.0 is ready to install.');
  assert.equal(updateBannerText({ state: 'none' }), '');
  assert.equal(updateBannerText(null), '');
});

// A stand-in for the screen's container: focus events and the fields in it.
function fakeRoot(fields) {
  const listeners = {};
  return {
    addEventListener: (name, fn) => { listeners[name] = fn; },
    removeEventListener: (name) => { delete listeners[name]; },
    querySelectorAll: () => fields,
    focus(field) { listeners.focusin?.({ target: field }); },
  };
}
const field = (value, { tagName = 'INPUT', type = 'text', readOnly = false } = {}) => ({ tagName, type, value, readOnly });

test('typed text counts until it is back to what the field held', () => {
  const subject = field('');
  const notes = field('', { tagName: 'TEXTAREA' });
  const root = fakeRoot([subject, notes]);
  const typed = watchTypedText(root);
  assert.equal(typed.hasUnsavedText(), false);
  root.focus(subject);
  subject.value = 'Router';
  assert.equal(typed.hasUnsavedText(), true, 'typed into a field');
  subject.value = '';
  assert.equal(typed.hasUnsavedText(), false, 'cleared again (or reset after saving)');
  root.focus(notes);
  notes.value = 'Blinks red';
  assert.equal(typed.hasUnsavedText(), true, 'a textarea counts too');
});

test('values set by code, and fields that are not text, never count', () => {
  const address = field('https://api.ping.co.zw');
  const box = field('on', { type: 'checkbox' });
  const diagnostics = field('version 0.1.0', { tagName: 'TEXTAREA', readOnly: true });
  const root = fakeRoot([address, box, diagnostics]);
  const typed = watchTypedText(root);
  address.value = 'filled by the screen after loading';
  root.focus(box);
  box.value = 'off';
  root.focus(diagnostics);
  diagnostics.value = 'refreshed';
  assert.equal(typed.hasUnsavedText(), false);
  root.focus(address);
  assert.equal(typed.hasUnsavedText(), false, 'focus alone is not typing');
  address.value = 'https://other.example';
  assert.equal(typed.hasUnsavedText(), true);
  typed.stop();
});
