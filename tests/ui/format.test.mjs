import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parsePingDate,
  formatDateTime,
  formatAge,
  formatUntil,
  freshnessNotice,
  statusLabel,
  priorityLabel,
  channelLabel,
  statusTone,
  priorityTone,
  customerName,
  authorLabel,
  opStateLabel,
  pendingChangesLabel,
  splitTags,
  customValueText,
  humanize,
  formatTime,
  formatCalendarDate,
} from '../../ui/lib/format.js';

test("Ping's zoneless timestamps are read as UTC", () => {
  assert.equal(parsePingDate('2026-05-04T08:00:00').toISOString(), '2026-05-04T08:00:00.000Z');
  assert.equal(parsePingDate('2026-05-04T08:00:00+02:00').toISOString(), '2026-05-04T06:00:00.000Z');
  assert.equal(parsePingDate('2026-05-04T08:00:00Z').toISOString(), '2026-05-04T08:00:00.000Z');
  for (const bad of ['', 'yesterday', null, undefined, 42, '2026-13-40T99:00:00']) assert.equal(parsePingDate(bad), null, String(bad));
});

test('dates display in the local zone', () => {
  assert.equal(formatDateTime('2026-05-04T08:00:00', { timeZone: 'Africa/Harare' }), '4 May 2026, 10:00');
  assert.equal(formatDateTime('2026-05-04T23:30:00', { timeZone: 'Africa/Harare' }), '5 May 2026, 01:30');
  assert.equal(formatDateTime('2026-05-04T08:00:00', { timeZone: 'UTC' }), '4 May 2026, 08:00');
  assert.equal(formatDateTime('not a date'), '');
});

test('relative ages', () => {
  const now = Date.parse('2026-05-04T12:00:00Z');
  assert.equal(formatAge(now - 10_000, now), 'just now');
  assert.equal(formatAge(now - 12 * 60_000, now), '12 min ago');
  assert.equal(formatAge(now - 60_000, now), '1 min ago');
  assert.equal(formatAge('2026-05-04T09:00:00', now), '3 h ago');
  assert.equal(formatAge(now - 30 * 3600_000, now), 'yesterday');
  assert.equal(formatAge(now - 3 * 86400_000, now), '3 days ago');
  assert.equal(formatAge('2026-04-01T08:00:00', now, { timeZone: 'UTC' }), '1 Apr 2026, 08:00');
  assert.equal(formatUntil(now + 40_000, now), 'in 40 s');
  assert.equal(formatUntil(now + 3 * 60_000, now), 'in 3 min');
  assert.equal(formatUntil(now - 1, now), 'now');
});

test('the offline notice says how old the copy is', () => {
  const now = Date.parse('2026-05-04T12:00:00Z');
  assert.equal(freshnessNotice({ kind: 'live' }, now), null);
  assert.equal(freshnessNotice({ kind: 'cached', fetchedAt: now - 12 * 60_000 }, now), 'Offline — showing copy from 12 min ago');
  assert.match(freshnessNotice({ kind: 'cached', fetchedAt: null }, now), /^Offline/);
  assert.equal(freshnessNotice(undefined, now), null);
});

test('status, priority and channel labels, including values Ping adds later', () => {
  assert.equal(statusLabel('in_progress'), 'In progress');
  assert.equal(statusLabel('open'), 'Open');
  assert.equal(statusLabel('on_hold'), 'On hold');
  assert.equal(statusLabel(null), 'Unknown');
  assert.equal(priorityLabel('critical'), 'Critical');
  assert.equal(priorityLabel(undefined), 'Not set');
  assert.equal(channelLabel('in_store'), 'In store');
  assert.equal(channelLabel('whatsapp'), 'WhatsApp');
  assert.equal(channelLabel('carrier_pigeon'), 'Carrier pigeon');
  assert.equal(statusLabel('toString'), 'ToString', 'inherited names are not labels');
});

test('badge tones are limited to known values', () => {
  assert.equal(statusTone('in_progress'), 'in-progress');
  assert.equal(statusTone('x" onmouseover="y'), 'other');
  assert.equal(priorityTone('high'), 'high');
  assert.equal(priorityTone('urgent'), 'other');
});

test('customer names', () => {
  assert.equal(customerName({ customerFirstName: 'Tendai', customerLastName: 'Moyo' }), 'Tendai Moyo');
  assert.equal(customerName({ customerFirstName: ' Nyasha ', customerLastName: null }), 'Nyasha');
  assert.equal(customerName({ customerLastName: 'Ncube' }), 'Ncube');
  assert.equal(customerName({ ticketNumber: 'TKT-1' }), '');
  assert.equal(customerName(null), '');
});

test('other labels', () => {
  assert.equal(authorLabel('admin'), 'Staff');
  assert.equal(authorLabel('customer'), 'Customer');
  assert.equal(opStateLabel('in_doubt'), 'Checking with Ping');
  assert.equal(pendingChangesLabel(2), '2 changes waiting to be sent');
  assert.equal(pendingChangesLabel(1), '1 change waiting to be sent');
  assert.deepEqual(splitTags(' vip, starlink,,vip ,router '), ['vip', 'starlink', 'router']);
  assert.equal(customValueText({ a: 1 }), '{"a":1}');
  assert.equal(customValueText(7), '7');
  assert.equal(humanize('store_region'), 'Store region');
});

test('times of day and calendar days', () => {
  assert.equal(formatTime('2026-11-28T08:05:00', { timeZone: 'Africa/Harare' }), '10:05');
  assert.equal(formatTime('2026-11-28T23:30:00', { timeZone: 'UTC' }), '23:30');
  assert.equal(formatTime('not a time'), '');
  // A day has no zone: never shifted by one, whatever the desk's zone.
  assert.match(formatCalendarDate('2026-11-28'), /^Saturday,? 28 November 2026$/);
  assert.match(formatCalendarDate('2026-01-01'), /^Thursday,? 1 January 2026$/);
  assert.equal(formatCalendarDate('2026-02-30'), '2026-02-30', 'an impossible day is shown as given');
  assert.equal(formatCalendarDate('today'), 'today');
  assert.equal(formatCalendarDate(null), '');
});
