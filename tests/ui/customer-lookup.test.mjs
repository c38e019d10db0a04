import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupKey, lookupPhone, sameKey, createHistoryLookup, namesToFill, LOOKUP_DELAY_MS } from '../../ui/lib/customer-lookup.js';

test('a valid E.164 phone (after normalising) or a plausible email is worth a lookup', () => {
  assert.deepEqual(lookupKey({ phone: '+263 77 111-2233', email: '' }), { phone: '+263771112233', email: null });
  assert.deepEqual(lookupKey({ phone: ' (+263) 77.111.2233 ' }), { phone: '+263771112233', email: null });
  assert.deepEqual(lookupKey({ phone: '', email: ' tendai@example.co.zw ' }), { phone: null, email: 'tendai@example.co.zw' });
  assert.deepEqual(lookupKey({ phone: '+263771112233', email: 'tendai@example.co.zw' }), { phone: '+263771112233', email: 'tendai@example.co.zw' });
  assert.deepEqual(lookupKey({ phone: '+26377', email: 't@x.co' }), { phone: null, email: 't@x.co' }, 'an invalid phone is left out, not sent');
});

test('a phone is looked up in every form staff type it', () => {
  for (const typed of ['077 111 2233', '+263 77 111 2233', '0771112233', '263771112233', '771112233', '00263 77 111 2233']) {
    assert.deepEqual(lookupKey({ phone: typed }), { phone: '+263771112233', email: null }, typed);
  }
  assert.equal(lookupPhone('+27 82 123 4567'), '+27821234567', 'another country keeps its code');
});

test('nothing to look up: empty, partial or invalid input', () => {
  assert.equal(lookupKey({}), null);
  assert.equal(lookupKey({ phone: '', email: '' }), null);
  assert.equal(lookupKey({ phone: '+26377' }), null, 'too short');
  assert.equal(lookupKey({ phone: '07711' }), null, 'too short for a national number');
  assert.equal(lookupKey({ phone: '+0771112233' }), null);
  assert.equal(lookupKey({ phone: '+2637711122334455' }), null, 'too long');
  assert.equal(lookupKey({ email: 'tendai@' }), null);
  assert.equal(lookupKey({ email: 'tendai@example' }), null);
});

test('keys compare emails ignoring case', () => {
  assert.ok(sameKey({ phone: null, email: 'A@B.co' }, { phone: null, email: 'a@b.co' }));
  assert.ok(!sameKey({ phone: '+263771112233', email: null }, { phone: '+263771112234', email: null }));
  assert.ok(!sameKey(null, { phone: '+263771112233', email: null }));
  assert.ok(sameKey(null, null));
});

/** Fake timers, and a lookup whose answers the test releases by hand. */
function harness() {
  const timers = { queue: [], setTimeout(fn, ms) { const t = { fn, ms }; this.queue.push(t); return t; }, clearTimeout(t) { this.queue = this.queue.filter((x) => x !== t); } };
  const fire = () => { const due = timers.queue.splice(0); due.forEach((t) => t.fn()); };
  const asked = [];
  const pending = [];
  const events = [];
  const lookup = createHistoryLookup({
    lookup: (key) => new Promise((resolve, reject) => { asked.push(key); pending.push({ key, resolve, reject }); }),
    onStart: (key) => events.push(['start', key.phone ?? key.email]),
    onResult: (result, key) => events.push(['result', key.phone ?? key.email, result]),
    onError: (err, key) => events.push(['error', key.phone ?? key.email, err.code]),
    onClear: () => events.push(['clear']),
    timers,
  });
  return { lookup, timers, fire, asked, pending, events };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('input is debounced: one lookup after typing stops', async () => {
  const h = harness();
  h.lookup.schedule({ phone: '+26377111223' });
  h.lookup.schedule({ phone: '+263771112233' });
  assert.equal(h.timers.queue.length, 1, 'each keystroke restarts the timer');
  assert.equal(h.timers.queue[0].ms, LOOKUP_DELAY_MS);
  assert.equal(h.asked.length, 0);
  h.fire();
  await tick();
  assert.deepEqual(h.asked, [{ phone: '+263771112233', email: null }]);
});

test('blur looks up at once, and the same input is not looked up twice', async () => {
  const h = harness();
  h.lookup.schedule({ phone: '+263 77 111 2233' });
  h.lookup.flush({ phone: '+263 77 111 2233' });
  assert.equal(h.timers.queue.length, 0, 'the pending timer is dropped');
  await tick();
  h.lookup.flush({ phone: '+263771112233' });
  h.lookup.schedule({ phone: '+263771112233', email: 'tendai@' });
  h.fire();
  await tick();
  assert.equal(h.asked.length, 1, 'same phone, email not valid yet: no new lookup');
  h.lookup.flush({ phone: '+263771112233', email: 'tendai@example.co.zw' });
  await tick();
  assert.equal(h.asked.length, 2, 'a valid email refines the lookup');
});

test('a newer lookup supersedes an older one: stale answers are dropped', async () => {
  const h = harness();
  h.lookup.flush({ phone: '+263779999999' });
  await tick();
  h.lookup.flush({ phone: '+263771112233' });
  await tick();
  // The newer answer comes first, then the older one.
  h.pending[1].resolve({ tickets: [1, 2] });
  await tick();
  h.pending[0].resolve({ tickets: ['stale'] });
  await tick();
  assert.deepEqual(h.events, [
    ['start', '+263779999999'],
    ['start', '+263771112233'],
    ['result', '+263771112233', { tickets: [1, 2] }],
  ]);
});

test('clearing the field or reset() drops an answer still on its way', async () => {
  const h = harness();
  h.lookup.flush({ phone: '+263771112233' });
  await tick();
  h.lookup.flush({ phone: '+2637' });
  h.pending[0].resolve({ tickets: [1] });
  await tick();
  assert.deepEqual(h.events, [['start', '+263771112233'], ['clear']]);

  h.lookup.flush({ phone: '+263771112233' });
  await tick();
  h.lookup.reset();
  h.pending[1].resolve({ tickets: [1] });
  await tick();
  assert.equal(h.events.filter(([kind]) => kind === 'result').length, 0);
  h.lookup.flush({ phone: '+263771112233' });
  await tick();
  assert.equal(h.asked.length, 3, 'after a reset the same customer is looked up again');
});

test('errors are reported (unless stale) and the same input may be retried', async () => {
  const h = harness();
  h.lookup.flush({ email: 'a@b.co' });
  await tick();
  h.pending[0].reject({ code: 'SERVER_ERROR' });
  await tick();
  assert.deepEqual(h.events.at(-1), ['error', 'a@b.co', 'SERVER_ERROR']);
  h.lookup.flush({ email: 'a@b.co' });
  await tick();
  assert.equal(h.asked.length, 2);
  h.lookup.flush({ email: 'c@d.co' });
  await tick();
  h.pending[1].reject({ code: 'OFFLINE' });
  await tick();
  assert.ok(!h.events.some(([kind, who, code]) => kind === 'error' && code === 'OFFLINE'), 'a stale error is dropped too');
});

test('after an error, emptying the field still clears the panel', async () => {
  const h = harness();
  h.lookup.flush({ phone: '+263770000000' });
  await tick();
  h.pending[0].reject({ code: 'SERVER_ERROR' });
  await tick();
  h.lookup.flush({ phone: '' });
  assert.deepEqual(h.events.at(-1), ['clear']);
});

const history = { firstName: 'Tendai', lastName: 'Moyo' };
const empty = { customer_first_name: '', customer_last_name: '' };

test('names go only into empty fields', () => {
  assert.deepEqual(namesToFill(empty, history), { customer_first_name: 'Tendai', customer_last_name: 'Moyo' });
  assert.deepEqual(namesToFill({ customer_first_name: 'Tendai', customer_last_name: '' }, history), { customer_last_name: 'Moyo' });
  assert.deepEqual(namesToFill({ customer_first_name: 'tendai ', customer_last_name: 'Moyo-Dube' }, history), {}, 'typing is never overwritten');
  assert.deepEqual(namesToFill(empty, { firstName: null, lastName: null }), {});
  assert.deepEqual(namesToFill(empty, { firstName: ' Rudo ', lastName: null }), { customer_first_name: 'Rudo' });
});

test('someone else on the number: a typed name that differs stops the fill', () => {
  assert.deepEqual(namesToFill({ customer_first_name: 'Farai', customer_last_name: '' }, history), {});
});

test('names an earlier answer filled in are replaced by a newer answer, typed ones are not', () => {
  const auto = { customer_first_name: 'Tendai', customer_last_name: 'Moyo' };
  const filled = { customer_first_name: 'Tendai', customer_last_name: 'Moyo' };
  assert.deepEqual(namesToFill(filled, { firstName: 'Rudo', lastName: 'Dube' }, auto), { customer_first_name: 'Rudo', customer_last_name: 'Dube' });
  assert.deepEqual(namesToFill(filled, { firstName: null, lastName: null }, auto), { customer_first_name: '', customer_last_name: '' }, 'a new customer: the other customer\'s name goes');
  const edited = { customer_first_name: 'Tendai', customer_last_name: 'Moyo-Dube' };
  assert.deepEqual(namesToFill(edited, { firstName: 'Tendai', lastName: 'Moyo' }, auto), {}, 'staff corrected the surname: kept');
});
