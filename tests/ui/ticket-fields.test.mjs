import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptyNewTicket,
  newTicketBody,
  newTicketValuesFromBody,
  mergeEditedCreate,
  visibleCustomFields,
  customFieldRows,
  rowsToCustomFields,
  diffCustomFields,
  updateValuesFromTicket,
  ticketUpdateBody,
  editedUpdateBody,
  updateValuesFromBody,
  ticketWithUpdate,
  ticketWithPending,
  summarizePayload,
  summarizeOperation,
  fromCustomer,
} from '../../ui/lib/ticket-fields.js';

const settings = { country: 'Zimbabwe', storeRegion: 'Harare', channel: '', category: 'technical' };

test('a new form is prefilled with the store defaults; channel defaults to in_store', () => {
  const values = emptyNewTicket(settings);
  assert.equal(values.country, 'Zimbabwe');
  assert.equal(values.store_region, 'Harare');
  assert.equal(values.channel, 'in_store');
  assert.equal(values.category, 'technical');
  assert.equal(values.priority, 'medium');
  assert.equal(emptyNewTicket({ channel: 'phone' }).channel, 'phone');
  assert.equal(emptyNewTicket(undefined).channel, 'in_store');
});

test('the create body is snake_case, trimmed, without empty optional fields', () => {
  const body = newTicketBody({
    ...emptyNewTicket(settings),
    subject: '  Dish offline ',
    description: 'Line 1\nLine 2 ',
    customer_first_name: 'Tendai',
    customer_phone: '+263 77 123-4567',
    customer_email: '',
    custom_fields: [{ key: ' serial ', value: 'CH-1' }, { key: '', value: '' }],
  });
  assert.deepEqual(body, {
    subject: 'Dish offline',
    description: 'Line 1\nLine 2',
    priority: 'medium',
    category: 'technical',
    channel: 'in_store',
    country: 'Zimbabwe',
    store_region: 'Harare',
    customer_first_name: 'Tendai',
    customer_phone: '+263771234567',
    custom_fields: { serial: 'CH-1' },
  });
  assert.equal('custom_fields' in newTicketBody({ subject: 'a', description: 'b', custom_fields: [] }), false);
});

test('custom field names that clash with Object.prototype are plain keys', () => {
  const fields = rowsToCustomFields([{ key: 'constructor', value: 'x' }, { key: '__proto__', value: 'y' }]);
  assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  assert.equal(Object.hasOwn(fields, 'constructor'), true);
  assert.equal(Object.hasOwn(fields, '__proto__'), true);
  assert.equal(JSON.stringify(fields), '{"constructor":"x","__proto__":"y"}');
});

test('the bookkeeping custom field is never shown or edited', () => {
  const custom = { ping_desk_client_id: 'op-1', serial: 'CH-1' };
  assert.deepEqual(visibleCustomFields(custom), [['serial', 'CH-1']]);
  assert.deepEqual(customFieldRows(custom), [{ key: 'serial', value: 'CH-1' }]);
  assert.deepEqual(diffCustomFields(custom, []), { serial: null }, 'removing every row never removes the hidden key');
  assert.deepEqual(visibleCustomFields(null), []);
  assert.deepEqual(visibleCustomFields(['a']), []);
});

test('an edited failed create keeps what the form does not show', () => {
  const original = {
    subject: 'Old',
    description: 'D',
    customer_phone: '0771234567',
    customer_email: 'old@example.com',
    external_ticket_id: 'op-1',
    custom_fields: { ping_desk_client_id: 'op-1', serial: 'CH-1', count: 3 },
  };
  const values = newTicketValuesFromBody(original);
  assert.equal(values.customer_phone, '0771234567');
  assert.deepEqual(values.custom_fields, [{ key: 'serial', value: 'CH-1' }, { key: 'count', value: '3' }]);
  const edited = newTicketBody({ ...values, customer_phone: '+263771234567', customer_email: '' }, original.custom_fields);
  const body = mergeEditedCreate(original, edited);
  assert.equal(body.customer_phone, '+263771234567');
  assert.equal('customer_email' in body, false, 'a field staff emptied is dropped');
  assert.equal(body.external_ticket_id, 'op-1');
  assert.deepEqual(body.custom_fields, { ping_desk_client_id: 'op-1', serial: 'CH-1', count: 3 }, 'an untouched number stays a number');
});

const ticket = {
  ticketNumber: 'TKT-2026-00042',
  status: 'open',
  priority: 'high',
  category: 'technical',
  resolutionNotes: null,
  actionTaken: 'Reset the router',
  csatScore: null,
  tags: 'starlink, vip',
  customFields: { ping_desk_client_id: 'op-1', serial: 'CH-1', plan: { name: 'Standard' }, old: 'x' },
};

test('an untouched edit form sends nothing', () => {
  assert.deepEqual(ticketUpdateBody(updateValuesFromTicket(ticket), ticket), {});
});

test('only changed fields are sent; removed custom fields are sent as null', () => {
  const values = updateValuesFromTicket(ticket);
  values.status = 'resolved';
  values.resolution_notes = ' Replaced the adapter ';
  values.action_taken = '';
  values.tags = 'vip,starlink, warranty';
  values.csat_score = '5';
  values.custom_fields = values.custom_fields.filter((row) => row.key !== 'old').map((row) => (row.key === 'serial' ? { ...row, value: 'CH-2' } : row));
  values.custom_fields.push({ key: 'warranty', value: 'yes' });
  assert.deepEqual(ticketUpdateBody(values, ticket), {
    status: 'resolved',
    resolution_notes: 'Replaced the adapter',
    action_taken: '',
    tags: 'vip,starlink,warranty',
    csat_score: 5,
    custom_fields: { serial: 'CH-2', warranty: 'yes', old: null },
  });
});

test('tag order and spacing alone are not a change', () => {
  const values = { ...updateValuesFromTicket(ticket), tags: 'starlink,vip' };
  assert.deepEqual(ticketUpdateBody(values, ticket), {});
});

test('queued updates form the baseline, so the same change is not queued twice', () => {
  const pending = [
    { state: 'queued', payload: { kind: 'update_ticket', body: { status: 'resolved', custom_fields: { old: null, serial: 'CH-9' } } } },
    { state: 'queued', payload: { kind: 'add_comment', body: { content: 'x' } } },
    { state: 'discarded', payload: { kind: 'update_ticket', body: { priority: 'low' } } },
  ];
  const baseline = ticketWithPending(ticket, pending);
  assert.equal(baseline.status, 'resolved');
  assert.equal(baseline.priority, 'high', 'a discarded write does not count');
  assert.deepEqual(baseline.customFields, { ping_desk_client_id: 'op-1', serial: 'CH-9', plan: { name: 'Standard' } });
  const values = updateValuesFromTicket(baseline);
  assert.equal(values.status, 'resolved');
  assert.deepEqual(ticketUpdateBody(values, baseline), {});
  assert.equal(ticketWithUpdate(ticket, { csat_score: 4 }).csatScore, 4);
});

test('a failed update edited in the Outbox keeps its fields and removals', () => {
  const body = { status: 'resolved', csat_score: 4, custom_fields: { old: null, serial: 'CH-2' } };
  const values = updateValuesFromBody(body);
  assert.deepEqual(values.custom_fields, [{ key: 'serial', value: 'CH-2' }]);
  assert.deepEqual(values.custom_field_removals, ['old']);
  assert.deepEqual(editedUpdateBody({ ...values, csat_score: '5' }, body), {
    status: 'resolved',
    csat_score: 5,
    custom_fields: { old: null, serial: 'CH-2' },
  });
  assert.deepEqual(editedUpdateBody({ ...values, custom_field_removals: [] }, body).custom_fields, { serial: 'CH-2' });
});

test('payload summaries', () => {
  assert.equal(summarizePayload({ kind: 'create_ticket', body: { subject: 'Dish offline' } }), 'Dish offline');
  assert.equal(summarizePayload({ kind: 'add_comment', body: { content: 'Called back', is_internal: true } }), 'Internal note: “Called back”');
  assert.equal(
    summarizePayload({ kind: 'update_ticket', body: { status: 'in_progress', csat_score: 4, custom_fields: { old: null, ping_desk_client_id: 'x' } } }),
    'Status → In progress; CSAT → 4; Custom fields: old removed',
  );
});

test('the customer\'s score from the counter reads as hidden; staff writes read as they are', () => {
  const customers = { kind: 'update_ticket', origin: 'counter_survey', payload: { kind: 'update_ticket', body: {} } };
  assert.equal(summarizeOperation(customers), 'Customer’s score (hidden)');
  assert.equal(fromCustomer(customers), true);
  const comment = { kind: 'add_comment', origin: 'counter_survey', payload: { kind: 'add_comment', body: { content: 'Thanks', is_internal: false } } };
  assert.equal(summarizeOperation(comment), 'Comment: “Thanks”');
  const staff = { kind: 'update_ticket', origin: 'staff', payload: { kind: 'update_ticket', body: { csat_score: 3 } } };
  assert.equal(summarizeOperation(staff), 'CSAT → 3');
  assert.equal(fromCustomer(staff), false);
});
