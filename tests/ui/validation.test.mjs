import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isE164,
  isEmail,
  normalizePhone,
  phoneError,
  emailError,
  customFieldRowErrors,
  validateNewTicket,
  validateTicketUpdate,
  validateComment,
  validateConnect,
  baseUrlError,
  isCsatScore,
  csatError,
  hasErrors,
  phoneHint,
} from '../../ui/lib/validation.js';

const validTicket = { subject: 'Router dead', description: 'No lights since the storm', custom_fields: [] };

test('subject and description are required, whitespace does not count', () => {
  const errors = validateNewTicket({ subject: '  ', description: '\n\t', custom_fields: [] });
  assert.ok(errors.subject);
  assert.ok(errors.description);
  assert.deepEqual(validateNewTicket(validTicket), {});
});

test('E.164: + then 7 to 15 digits, first digit not 0', () => {
  for (const good of ['+263771234567', '+1234567', '+123456789012345']) assert.equal(isE164(good), true, good);
  for (const bad of ['263771234567', '+0263771234567', '+123456', '+1234567890123456', '+26377 1234567', '+2637712345a7', '', '+'])
    assert.equal(isE164(bad), false, bad);
});

test('phone numbers typed with spaces and dashes are accepted once normalized', () => {
  assert.equal(normalizePhone(' +263 77-123 (4567) '), '+263771234567');
  assert.equal(phoneError('+263 77 123 4567'), null);
  assert.equal(validateNewTicket({ ...validTicket, customer_phone: '+263 77 123 4567' }).customer_phone, undefined);
});

test('phone errors say what is wrong with this number; the hint gives the format', () => {
  assert.match(phoneError('0771234567'), /Start with \+/);
  assert.match(phoneError('0771234567'), /\+263771234567/);
  assert.match(phoneError('+0771234567'), /cannot start with 0/);
  assert.match(phoneError('+12345'), /Too short: 5 digits/);
  assert.match(phoneError('+1234567890123456'), /Too long: 16 digits/);
  assert.match(phoneError('+26377abc'), /only digits/);
  assert.match(phoneHint(), /\+263771234567/);
  assert.equal(phoneError(''), null, 'phone is optional');
});

test('email: a simple shape check', () => {
  assert.equal(isEmail('tendai@example.co.zw'), true);
  for (const bad of ['tendai', 'tendai@', '@example.com', 'tendai@example', 'ten dai@example.com', 'a@b.'])
    assert.equal(isEmail(bad), false, bad);
  assert.equal(emailError(''), null, 'email is optional');
  assert.ok(validateNewTicket({ ...validTicket, customer_email: 'nope' }).customer_email);
});

test('custom field keys must be non-empty and unique; blank rows are ignored', () => {
  const errors = customFieldRowErrors([
    { key: 'warranty', value: 'yes' },
    { key: '', value: 'orphan value' },
    { key: ' warranty ', value: 'again' },
    { key: '', value: '' },
    { key: 'ping_desk_client_id', value: 'x' },
    { key: 'serial', value: '' },
  ]);
  assert.equal(errors[0], null);
  assert.match(errors[1].key, /name/);
  assert.match(errors[2].key, /already used in row 1/);
  assert.equal(errors[3], null);
  assert.match(errors[4].key, /used by Ping Desk/);
  assert.equal(errors[5], null, 'an empty value is allowed');
  const ticketErrors = validateNewTicket({ ...validTicket, custom_fields: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] });
  assert.equal(ticketErrors.custom_fields.length, 2);
  assert.equal(ticketErrors.custom_fields[0], null);
  assert.ok(ticketErrors.custom_fields[1].key);
});

test('CSAT is a whole number from 1 to 5', () => {
  for (const good of [1, 3, 5, '4']) assert.equal(isCsatScore(good), true, String(good));
  for (const bad of [0, 6, 2.5, '', 'five', null, -1]) assert.equal(isCsatScore(bad), false, String(bad));
  assert.equal(csatError(''), null, 'no score chosen is fine');
  assert.ok(csatError('7'));
  assert.ok(validateTicketUpdate({ csat_score: '9', custom_fields: [] }).csat_score);
  assert.deepEqual(validateTicketUpdate({ csat_score: '5', custom_fields: [] }), {});
});

test('comments need content', () => {
  assert.ok(validateComment({ content: '   ' }).content);
  assert.deepEqual(validateComment({ content: 'Called the customer' }), {});
});

test('connect: key format and base URL', () => {
  const key = `pk_live_${'a1'.repeat(16)}`;
  assert.deepEqual(validateConnect({ apiKey: key, baseUrl: 'https://api.ping.co.zw' }), {});
  assert.ok(validateConnect({ apiKey: '', baseUrl: 'https://api.ping.co.zw' }).apiKey);
  assert.ok(validateConnect({ apiKey: 'pk_live_short', baseUrl: 'https://api.ping.co.zw' }).apiKey);
  assert.ok(validateConnect({ apiKey: `xx_live_${'a'.repeat(32)}`, baseUrl: 'https://x' }).apiKey);
  assert.equal(baseUrlError('http://127.0.0.1:8080'), null, 'the local sandbox is allowed');
  assert.ok(baseUrlError('http://api.ping.co.zw'));
  assert.ok(baseUrlError('api.ping.co.zw'));
  assert.ok(baseUrlError(''));
});

test('hasErrors', () => {
  assert.equal(hasErrors({}), false);
  assert.equal(hasErrors({ subject: 'x' }), true);
});
