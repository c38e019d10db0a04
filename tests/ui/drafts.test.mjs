import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createDraftSaver, isDraftWorthKeeping, valuesFromDraft, DRAFT_DELAY_MS } from '../../ui/lib/drafts.js';
import { emptyNewTicket } from '../../ui/lib/ticket-fields.js';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('typing saves once, ~500 ms after the last keystroke, with the latest values', async () => {
  const saved = [];
  const saver = createDraftSaver({ save: async (data) => saved.push(data) });
  assert.equal(DRAFT_DELAY_MS, 500);
  saver.schedule({ subject: 'R' });
  mock.timers.tick(300);
  saver.schedule({ subject: 'Ro' });
  mock.timers.tick(300);
  saver.schedule({ subject: 'Router' });
  mock.timers.tick(499);
  assert.deepEqual(saved, [], 'nothing saved while typing');
  assert.equal(saver.pending, true);
  mock.timers.tick(1);
  assert.deepEqual(saved, [{ subject: 'Router' }]);
  assert.equal(saver.pending, false);
  mock.timers.tick(5000);
  assert.equal(saved.length, 1, 'no repeat saves');
});

test('flush saves a pending draft at once; cancel forgets it', async () => {
  const saved = [];
  const saver = createDraftSaver({ save: async (data) => saved.push(data) });
  saver.schedule({ subject: 'A' });
  await saver.flush();
  assert.deepEqual(saved, [{ subject: 'A' }]);
  await saver.flush();
  assert.equal(saved.length, 1, 'flushing with nothing pending does nothing');

  saver.schedule({ subject: 'B' });
  saver.cancel();
  mock.timers.tick(1000);
  assert.equal(saved.length, 1, 'a cancelled draft (after submit) is never written');
});

test('a failing save is reported, not thrown', async () => {
  const errors = [];
  const saver = createDraftSaver({ save: async () => { throw new Error('disk full'); }, onError: (err) => errors.push(err.message) });
  saver.schedule({ subject: 'x' });
  await saver.flush();
  assert.deepEqual(errors, ['disk full']);
});

test('a draft is worth keeping only when something beyond the defaults was typed', () => {
  const defaults = emptyNewTicket({ country: 'Zimbabwe', channel: 'in_store' });
  assert.equal(isDraftWorthKeeping(defaults, defaults), false);
  assert.equal(isDraftWorthKeeping({ ...defaults, subject: '  ' }, defaults), false);
  assert.equal(isDraftWorthKeeping({ ...defaults, subject: 'Router' }, defaults), true);
  assert.equal(isDraftWorthKeeping({ ...defaults, custom_fields: [{ key: 'serial', value: '' }] }, defaults), true);
});

test('a stored draft comes back as form values; foreign keys are ignored', () => {
  const defaults = emptyNewTicket({ country: 'Zimbabwe' });
  const values = valuesFromDraft({ subject: ' Router ', country: 'Zambia', __proto__x: 1, priority: 3, custom_fields: [{ key: 'a', value: 1 }, null] }, defaults);
  assert.equal(values.subject, ' Router ', 'as typed');
  assert.equal(values.country, 'Zambia');
  assert.equal(values.priority, 'medium', 'a non-string falls back to the default');
  assert.deepEqual(values.custom_fields, [{ key: 'a', value: '1' }]);
  assert.equal('__proto__x' in values, false);
  assert.equal(valuesFromDraft(null, defaults), null);
  assert.equal(valuesFromDraft([1], defaults), null);
});
