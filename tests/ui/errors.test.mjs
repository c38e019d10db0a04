import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, errorText, CODES } from '../../ui/lib/errors.js';

test('every stable code has its own headline', () => {
  const headlines = new Set(CODES.map((code) => describeError({ code, message: '' }).headline));
  assert.equal(headlines.size, CODES.length);
  assert.ok(!headlines.has('Something went wrong.'));
});

test('behaviour depends on the code, not on the message', () => {
  const a = describeError({ code: 'OFFLINE', message: 'validation failed: subject' });
  assert.match(a.headline, /can't be reached/);
  assert.equal(a.detail, '', 'an OFFLINE message is not needed');
  const b = describeError({ code: 'VALIDATION', message: 'subject is required' });
  assert.equal(b.detail, 'subject is required', "the backend's words say which field");
  assert.match(errorText({ code: 'KEYCHAIN_UNAVAILABLE', message: 'Unlock gnome-keyring.' }), /Unlock gnome-keyring\.$/);
});

test('unknown codes and odd input are handled', () => {
  assert.deepEqual(describeError({ code: 'INVALID_PHONE_FORMAT', message: 'phone must be E.164' }), {
    code: 'INVALID_PHONE_FORMAT', headline: 'Something went wrong.', detail: 'phone must be E.164',
  });
  assert.equal(describeError(undefined).code, 'INTERNAL');
  assert.equal(describeError({ code: 'toString' }).headline, 'Something went wrong.');
});
