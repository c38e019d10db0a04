import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute, routeHref, ticketHref } from '../../ui/lib/router.js';

test('routes', () => {
  assert.equal(parseRoute('').name, 'home');
  assert.equal(parseRoute('#/').name, 'home');
  assert.equal(parseRoute('#/new').name, 'new');
  assert.equal(parseRoute('#/tickets').name, 'tickets');
  assert.deepEqual(parseRoute('#/tickets/TKT-2026-00042'), { name: 'ticket', params: { ticket: 'TKT-2026-00042' }, query: {} });
  assert.deepEqual(parseRoute('#/outbox/op-1').params, { opId: 'op-1' });
  assert.equal(parseRoute('#/outbox/op-1').name, 'resend');
  assert.equal(parseRoute('#/settings').name, 'settings');
  assert.equal(parseRoute('#/templates').name, 'templates');
  assert.equal(parseRoute('#/today').name, 'today');
  assert.equal(parseRoute('#/today/x').name, 'notFound');
  assert.equal(routeHref('today'), '#/today');
  assert.equal(parseRoute('#/templates/x').name, 'notFound');
  assert.equal(routeHref('templates'), '#/templates');
  assert.equal(parseRoute('#/welcome').name, 'welcome');
  assert.equal(parseRoute('#/nope').name, 'notFound');
  assert.equal(parseRoute('#/tickets/a/b').name, 'notFound');
  assert.equal(parseRoute('#/new/x').name, 'notFound');
  assert.equal(parseRoute('#/tickets/%E0%A4%A').name, 'notFound', 'a malformed escape does not throw');
});

test('query strings are parsed', () => {
  assert.deepEqual(parseRoute('#/tickets?status=open&page=2').query, { status: 'open', page: '2' });
});

test('hrefs encode their parts and round-trip', () => {
  assert.equal(ticketHref('LOCAL-7F3K2Q'), '#/tickets/LOCAL-7F3K2Q');
  const odd = 'TKT/1?x=<y>';
  assert.equal(parseRoute(ticketHref(odd)).params.ticket, odd);
  assert.equal(routeHref('tickets', {}, 'status=open'), '#/tickets?status=open');
  assert.equal(routeHref('resend', { opId: 'a b' }), '#/outbox/a%20b');
});
