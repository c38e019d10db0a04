import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyTemplate,
  mergePresets,
  templateKey,
  templateFormValues,
  templateFromForm,
  validateTemplateForm,
  sameTemplateValues,
  emptyTemplateValues,
  importResultText,
} from '../../ui/lib/templates.js';
import { emptyNewTicket, newTicketBody } from '../../ui/lib/ticket-fields.js';

const starlink = {
  id: 'tpl-1',
  name: 'Starlink connectivity',
  category: 'technical',
  priority: 'high',
  subject: 'Starlink: ',
  description: 'What the customer sees:\nSince when:',
  customFields: { starlink_account_email: '', customer_type: 'SPT Retail' },
};
const blank = () => emptyNewTicket({ channel: 'in_store', country: 'Zimbabwe', storeRegion: 'Harare', category: 'general' });

test('on an empty form: stub, scaffold, category, priority and presets', () => {
  const next = applyTemplate(blank(), starlink);
  assert.equal(next.subject, 'Starlink: ', 'the stub keeps its trailing space');
  assert.equal(next.description, 'What the customer sees:\nSince when:');
  assert.equal(next.category, 'technical', 'the template category replaces the store default');
  assert.equal(next.priority, 'high');
  assert.deepEqual(next.custom_fields, [
    { key: 'starlink_account_email', value: '' },
    { key: 'customer_type', value: 'SPT Retail' },
  ]);
  assert.equal(next.channel, 'in_store', 'fields the template does not have are left alone');
  assert.equal(next.country, 'Zimbabwe');
});

test('what staff typed wins: subject and description are never overwritten', () => {
  const values = { ...blank(), subject: 'Dish says "disconnected"', description: 'Since Monday' };
  const next = applyTemplate(values, starlink);
  assert.equal(next.subject, 'Dish says "disconnected"');
  assert.equal(next.description, 'Since Monday');
  const spaces = applyTemplate({ ...blank(), subject: '   ', description: '\n' }, starlink);
  assert.equal(spaces.subject, 'Starlink: ', 'blank counts as empty, as in the backend');
  assert.equal(spaces.description, starlink.description);
});

test('presets only for names not in the form; typed values, even empty, stay', () => {
  const values = {
    ...blank(),
    custom_fields: [
      { key: 'customer_type', value: 'Corporate' },
      { key: ' starlink_account_email ', value: '' },
      { key: 'serial', value: 'KIT-1' },
    ],
  };
  const next = applyTemplate(values, starlink);
  assert.deepEqual(next.custom_fields, values.custom_fields, 'nothing added, nothing changed');
  const partly = applyTemplate({ ...blank(), custom_fields: [{ key: 'customer_type', value: 'Corporate' }] }, starlink);
  assert.deepEqual(partly.custom_fields, [
    { key: 'customer_type', value: 'Corporate' },
    { key: 'starlink_account_email', value: '' },
  ]);
  assert.deepEqual(values.custom_fields[0], { key: 'customer_type', value: 'Corporate' }, 'the input is not mutated');
});

test('a template without category or priority keeps the form\'s', () => {
  const plain = { id: 't', name: 'Plain', category: null, priority: null, subject: '', description: '', customFields: {} };
  const values = { ...blank(), priority: 'critical', category: 'billing' };
  const next = applyTemplate(values, plain);
  assert.equal(next.priority, 'critical');
  assert.equal(next.category, 'billing');
  assert.equal(next.subject, '');
  assert.deepEqual(next.custom_fields, []);
});

test('applying twice changes nothing more; a second template only fills gaps', () => {
  const once = applyTemplate(blank(), starlink);
  assert.deepEqual(applyTemplate(once, starlink), once);
  const router = { id: 'tpl-2', name: 'Router', category: 'network', priority: 'medium', subject: 'Router: ', description: 'Lights:', customFields: { customer_type: 'Home', model: 'X1' } };
  const both = applyTemplate(once, router);
  assert.equal(both.subject, 'Starlink: ');
  assert.equal(both.description, starlink.description);
  assert.equal(both.priority, 'medium', 'category and priority follow the last template, as in the backend');
  assert.equal(both.category, 'network');
  assert.deepEqual(both.custom_fields.map((row) => `${row.key}=${row.value}`), ['starlink_account_email=', 'customer_type=SPT Retail', 'model=X1']);
});

test('the reserved bookkeeping field is never preset; odd values become text', () => {
  const odd = { ...starlink, customFields: { ping_desk_client_id: 'x', seats: 4, plan: { tier: 'Standard' } } };
  const next = applyTemplate(blank(), odd);
  assert.deepEqual(next.custom_fields, [
    { key: 'seats', value: '4' },
    { key: 'plan', value: '{"tier":"Standard"}' },
  ]);
  // Untouched presets keep their type in the body sent to Ping.
  const body = newTicketBody({ ...next, subject: 's', description: 'd' }, mergePresets({}, odd));
  assert.deepEqual(body.custom_fields, { seats: 4, plan: { tier: 'Standard' } });
});

test('mergePresets: the first template applied wins for a name', () => {
  assert.deepEqual(mergePresets({ a: 1 }, { customFields: { a: 2, b: 3 } }), { a: 1, b: 3 });
  assert.deepEqual(mergePresets({}, null), {});
});

test('keys 1–9 for the first nine', () => {
  assert.equal(templateKey(0), 1);
  assert.equal(templateKey(8), 9);
  assert.equal(templateKey(9), null);
  assert.equal(templateKey(-1), null);
});

test('editor values round-trip to the Template the backend takes', () => {
  const values = templateFormValues(starlink);
  assert.equal(values.priority, 'high');
  assert.deepEqual(values.custom_fields, [
    { key: 'starlink_account_email', value: '' },
    { key: 'customer_type', value: 'SPT Retail' },
  ]);
  assert.deepEqual(templateFromForm(values, starlink), starlink);
  const fresh = templateFromForm({ ...emptyTemplateValues(), name: '  Laptop charger ', subject: 'Charger: ' });
  assert.deepEqual(fresh, { id: '', name: 'Laptop charger', category: null, priority: null, subject: 'Charger: ', description: '', customFields: {} });
  assert.ok(sameTemplateValues(templateFormValues(starlink), values));
  assert.ok(!sameTemplateValues(values, { ...values, subject: 'Starlink:' }));
});

test('editor checks: name required and unique (ignoring case), reserved and duplicate fields', () => {
  const templates = [starlink, { id: 'tpl-2', name: 'SIM swap' }];
  assert.match(validateTemplateForm({ name: ' ' }).name, /name/);
  assert.match(validateTemplateForm({ name: 'sim SWAP' }, { templates }).name, /already/);
  assert.equal(validateTemplateForm({ name: 'SIM swap' }, { templates, id: 'tpl-2' }).name, undefined, 'its own name is fine');
  assert.match(validateTemplateForm({ name: 'x'.repeat(81) }).name, /80/);
  assert.ok(validateTemplateForm({ name: 'x', priority: 'urgent' }).priority);
  const errors = validateTemplateForm({ name: 'x', custom_fields: [{ key: 'ping_desk_client_id', value: '' }, { key: 'a', value: '' }, { key: 'a', value: '' }] });
  assert.match(errors.custom_fields[0].key, /Ping Desk itself/);
  assert.equal(errors.custom_fields[1], null);
  assert.match(errors.custom_fields[2].key, /already used/);
  assert.deepEqual(validateTemplateForm(templateFormValues(starlink), { templates, id: 'tpl-1' }), {});
});

test('import result text', () => {
  assert.equal(importResultText({ added: 3, updated: 2 }), '3 added, 2 updated');
  assert.equal(importResultText({ added: 0, updated: 0 }), '0 added, 0 updated');
});
