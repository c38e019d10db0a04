import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as ipc from '../../ui/ipc.js';

let calls;
let answer;
beforeEach(() => {
  calls = [];
  answer = async () => null;
  globalThis.window = {
    __TAURI__: {
      core: {
        invoke: async (command, args) => { calls.push([command, args]); return answer(command, args); },
        Channel: class { onmessage = null; },
      },
      event: { listen: async (name, handler) => { calls.push(['listen', name]); handler({ payload: { type: 'syncResumed' } }); return () => {}; } },
    },
  };
});

test('commands go out with camelCase top-level argument names', async () => {
  await ipc.connect('pk_test_x', 'https://api.ping.co.zw');
  await ipc.listComments('TKT-1', false);
  await ipc.listOutbox(true);
  await ipc.retryOperation('op1');
  await ipc.retryOperation('op1', { kind: 'add_comment', body: { content: 'x' } });
  await ipc.getTicket('LOCAL-7F3K2Q');
  await ipc.updateTicket('TKT-1', { status: 'resolved' });
  await ipc.saveDraft('new-ticket', { subject: 'x' });
  assert.deepEqual(calls, [
    ['connect', { apiKey: 'pk_test_x', baseUrl: 'https://api.ping.co.zw' }],
    ['list_comments', { ticket: 'TKT-1', includeInternal: false }],
    ['outbox', { includeDone: true }],
    ['retry_operation', { opId: 'op1' }],
    ['retry_operation', { opId: 'op1', payload: { kind: 'add_comment', body: { content: 'x' } } }],
    ['get_ticket', { ticket: 'LOCAL-7F3K2Q' }],
    ['update_ticket', { ticket: 'TKT-1', update: { status: 'resolved' } }],
    ['save_draft', { key: 'new-ticket', data: { subject: 'x' } }],
  ]);
});

test('templates and customer history: command names and argument shapes', async () => {
  const template = { id: '', name: 'Laptop charger', category: null, priority: null, subject: 'Charger: ', description: '', customFields: {} };
  await ipc.listTemplates();
  await ipc.saveTemplate(template);
  await ipc.deleteTemplate('tpl-1');
  await ipc.exportTemplates();
  await ipc.importTemplates('{"format":"ping-desk-templates"}');
  await ipc.customerHistory('+263771112233', null);
  await ipc.customerHistory(null, 'tendai@example.co.zw');
  await ipc.customerHistory('+263771112233');
  assert.deepEqual(calls, [
    ['templates', {}],
    ['save_template', { template }],
    ['delete_template', { id: 'tpl-1' }],
    ['export_templates', {}],
    ['import_templates', { json: '{"format":"ping-desk-templates"}' }],
    ['customer_history', { phone: '+263771112233', email: null }],
    ['customer_history', { phone: null, email: 'tendai@example.co.zw' }],
    ['customer_history', { phone: '+263771112233', email: null }],
  ]);
});

test('today at this store: the region, or null for all stores', async () => {
  await ipc.todayAtStore('Harare – Sam Levy');
  await ipc.todayAtStore(null);
  await ipc.todayAtStore();
  assert.deepEqual(calls, [
    ['today_at_store', { storeRegion: 'Harare – Sam Levy' }],
    ['today_at_store', { storeRegion: null }],
    ['today_at_store', { storeRegion: null }],
  ]);
  answer = async () => { throw { code: 'NOT_CONNECTED', message: 'connect first' }; };
  await assert.rejects(ipc.todayAtStore(null), (err) => err instanceof ipc.CommandError && err.code === 'NOT_CONNECTED');
});

test('backend errors become CommandError with the code', async () => {
  answer = async () => { throw { code: 'AUTH_REJECTED', message: 'Ping answered 401' }; };
  await assert.rejects(ipc.testConnection(), (err) => err instanceof ipc.CommandError && err.code === 'AUTH_REJECTED' && err.message === 'Ping answered 401');
});

test('anything else becomes INTERNAL', async () => {
  answer = async () => { throw 'create_ticket not allowed on window main'; };
  await assert.rejects(ipc.createTicket({}), (err) => err.code === 'INTERNAL' && /not allowed/.test(err.message));
  globalThis.window = {};
  await assert.rejects(ipc.appInfo(), (err) => err.code === 'INTERNAL');
});

test('core events come on a channel this window opens, not as app-wide events', async () => {
  const seen = [];
  const unsubscribe = await ipc.onCoreEvent((event) => seen.push(event));
  assert.equal(calls.length, 1);
  const [[command, { channel }]] = calls;
  assert.equal(command, 'core_events');
  channel.onmessage({ type: 'syncResumed' });
  assert.deepEqual(seen, [{ type: 'syncResumed' }]);
  unsubscribe();
  channel.onmessage({ type: 'syncResumed' });
  assert.equal(seen.length, 1, 'nothing after unsubscribing');
});
