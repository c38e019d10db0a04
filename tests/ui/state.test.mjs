import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initialSync,
  syncFromStatus,
  reduceSync,
  syncSummary,
  initialRefs,
  reduceRefs,
  rememberCreate,
  refForOp,
  ticketNumberForLocalRef,
  createStore,
} from '../../ui/lib/state.js';

const connected = syncFromStatus({ connected: true, online: true, paused: null, counts: { pending: 0, failed: 0 } });

test('sync status from sync_status, with missing parts defaulted', () => {
  assert.deepEqual(syncFromStatus({}), { connected: false, online: null, paused: null, pausedMessage: null, counts: { pending: 0, failed: 0 } });
  assert.equal(syncFromStatus({ online: 'yes' }).online, null);
  assert.deepEqual(syncFromStatus({ counts: { pending: 2, failed: -1 } }).counts, { pending: 2, failed: 0 });
});

test('events move the sync indicator', () => {
  let state = connected;
  state = reduceSync(state, { type: 'connectivity', online: false });
  assert.equal(state.online, false);
  assert.deepEqual(syncSummary(state), { tone: 'offline', label: 'Offline', counts: '', target: 'outbox' });

  state = reduceSync(state, { type: 'outboxChanged', counts: { pending: 3, failed: 1 } });
  assert.equal(syncSummary(state).counts, '3 pending · 1 failed');

  state = reduceSync(state, { type: 'syncPaused', reason: 'AUTH_REJECTED', message: 'Ping rejected the API key' });
  assert.equal(syncSummary(state).label, 'Sending paused: API key rejected');
  assert.equal(syncSummary(state).target, 'settings');
  assert.equal(state.pausedMessage, 'Ping rejected the API key');

  state = reduceSync(state, { type: 'syncResumed' });
  assert.equal(state.paused, null);
  state = reduceSync(state, { type: 'connectivity', online: true });
  assert.equal(syncSummary(state).label, 'Online');
});

test('reducers do not mutate and ignore unrelated events', () => {
  const before = structuredClone(connected);
  const after = reduceSync(connected, { type: 'connectivity', online: false });
  assert.deepEqual(connected, before);
  assert.notEqual(after, connected);
  assert.equal(reduceSync(connected, { type: 'ticketCached', ticketNumber: 'TKT-1' }), connected);
  assert.equal(reduceSync(connected, null), connected);
});

test('not connected, or first run, says so', () => {
  assert.equal(syncSummary(initialSync).label, 'Not connected');
  assert.equal(syncSummary(connected, 'none').label, 'Not connected');
  assert.equal(syncSummary({ ...connected, online: null }).label, 'Checking…');
});

test('opId → LOCAL ref → Ping ticket number', () => {
  let refs = initialRefs;
  refs = reduceRefs(refs, { type: 'queued', opId: 'op1', kind: 'create_ticket', ticket: 'LOCAL-7F3K2Q' });
  refs = reduceRefs(refs, { type: 'queued', opId: 'op2', kind: 'add_comment', ticket: 'LOCAL-7F3K2Q' });
  assert.equal(refForOp(refs, 'op1'), 'LOCAL-7F3K2Q');
  assert.equal(refForOp(refs, 'op2'), null, 'only creates name a ticket');
  assert.equal(ticketNumberForLocalRef(refs, 'LOCAL-7F3K2Q'), null);

  refs = reduceRefs(refs, { type: 'sent', opId: 'op1', kind: 'create_ticket', ticketNumber: 'TKT-2026-00042', localRef: 'LOCAL-7F3K2Q' });
  assert.equal(refForOp(refs, 'op1'), 'TKT-2026-00042');
  assert.equal(ticketNumberForLocalRef(refs, 'LOCAL-7F3K2Q'), 'TKT-2026-00042');
});

test('the sent event may beat the create answer; remembering later keeps the number', () => {
  let refs = reduceRefs(initialRefs, { type: 'sent', opId: 'op9', kind: 'create_ticket', ticketNumber: 'TKT-2026-00050', localRef: 'LOCAL-AAAAAA' });
  refs = rememberCreate(refs, 'op9', 'LOCAL-AAAAAA');
  assert.equal(refForOp(refs, 'op9'), 'TKT-2026-00050');
  assert.equal(refForOp(refs, 'unknown'), null);
});

test('createStore notifies on change only', () => {
  const store = createStore(reduceSync, connected);
  const seen = [];
  store.subscribe((state) => seen.push(state.online));
  store.dispatch({ type: 'ticketCached' });
  store.dispatch({ type: 'connectivity', online: false });
  assert.deepEqual(seen, [false]);
});
