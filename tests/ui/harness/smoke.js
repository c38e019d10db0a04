// In-browser smoke checks for the harness (?scenario=smoke): drives a few
// flows through the real DOM against fake-tauri.js and writes the results
// into <pre data-testid="smoke-results">. Development only.

const results = [];
const check = (name, ok, detail = '') => results.push(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const $ = (selector) => document.querySelector(selector);
const until = async (predicate, ms = 2000) => {
  for (let waited = 0; waited < ms; waited += 20) {
    if (predicate()) return true;
    await wait(20);
  }
  return false;
};
const type = (selector, value) => {
  const el = $(selector);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const go = async (hash, selector) => {
  location.hash = hash;
  await until(() => $(selector));
  await until(() => !$('main').hasAttribute('aria-busy'));
};

async function welcomeChecks(calls) {
  check('first run shows the welcome screen', location.hash === '#/welcome' && Boolean($('[data-testid="connect-form"]')));
  check('no nav on first run', $('[data-testid="main-nav"]').hidden);
  check('base URL prefilled', $('[data-testid="connect-base-url"]').value === 'https://api.ping.co.zw');
  type('[data-testid="connect-api-key"]', 'pk_live_short');
  $('[data-testid="connect-submit"]').click();
  await wait(50);
  check('bad key format: error by the field, nothing sent', !$('[data-testid="error-apiKey"]').hidden && !calls.some(([c]) => c === 'connect'));
  check('bad key kept for fixing', $('[data-testid="connect-api-key"]').value === 'pk_live_short');
  type('[data-testid="connect-api-key"]', `pk_live_${'a'.repeat(32)}`);
  $('[data-testid="connect-submit"]').click();
  await until(() => calls.some(([c]) => c === 'connect'));
  await wait(50);
  check('rejected key: message by the field, key cleared', /rejected/.test($('[data-testid="error-apiKey"]').textContent) && $('[data-testid="connect-api-key"]').value === '');
  $('[data-testid="start-demo"]').click();
  await until(() => location.hash === '#/new' && $('[data-testid="new-ticket-form"]'));
  await until(() => !$('main').hasAttribute('aria-busy'));
  check('demo opens the new ticket screen with the DEMO marker', !$('[data-testid="demo-badge"]').hidden && !$('[data-testid="demo-banner"]').hidden);
}

export async function runSmoke(calls) {
  if (document.body.dataset.mode === 'none') await welcomeChecks(calls);
  // New ticket: invalid input keeps the form and shows errors by the fields.
  await go('#/new', '[data-testid="new-ticket-form"]');
  type('[data-testid="new-ticket-subject"]', 'Dish <img src=x onerror=alert(1)>');
  type('[data-testid="new-ticket-customer-phone"]', '0771234567');
  $('[data-testid="new-ticket-subject"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  await wait(50);
  check('Ctrl+Enter validates: description error shown', !$('[data-testid="error-description"]').hidden);
  check('phone error shown', /Start with \+/.test($('[data-testid="error-customer_phone"]').textContent));
  check('typed subject kept', $('[data-testid="new-ticket-subject"]').value.includes('<img'));
  check('focus moved to first invalid field', document.activeElement === $('[data-testid="new-ticket-description"]'));
  check('nothing was sent', !calls.some(([c]) => c === 'create_ticket'));
  await wait(600);
  check('draft saved after typing stopped', calls.filter(([c]) => c === 'save_draft').length === 1);

  type('[data-testid="new-ticket-description"]', 'Stopped working');
  type('[data-testid="new-ticket-customer-phone"]', '+263 77 123 4567');
  $('[data-testid="custom-field-add"]').click();
  type('[data-testid="custom-field-key"]', 'constructor');
  type('[data-testid="custom-field-value"]', 'CH-1');
  $('[data-testid="new-ticket-submit"]').click();
  await until(() => $('[data-testid="submit-result"]'));
  const create = calls.find(([c]) => c === 'create_ticket');
  check('create_ticket called with snake_case body', create && create[1].ticket.customer_phone === '+263771234567' && create[1].ticket.custom_fields.constructor === 'CH-1', JSON.stringify(create?.[1]));
  check('result shows LOCAL ref', $('[data-testid="submit-result-ref"]').textContent === 'LOCAL-7F3K2Q');
  check('form reset after submit', $('[data-testid="new-ticket-subject"]').value === '');
  check('draft deleted after submit', calls.some(([c]) => c === 'delete_draft'));
  window.__fakeEmit({ type: 'sent', opId: 'op-new-1', kind: 'create_ticket', ticketNumber: 'TKT-2026-00057', localRef: 'LOCAL-7F3K2Q' });
  await wait(20);
  check('result updates to the TKT number on sent', $('[data-testid="submit-result-ref"]').textContent === 'TKT-2026-00057');

  // Sync indicator follows events.
  window.__fakeEmit({ type: 'connectivity', online: false });
  window.__fakeEmit({ type: 'outboxChanged', counts: { pending: 5, failed: 0 } });
  await wait(20);
  check('sync indicator offline + counts', $('[data-testid="sync-label"]').textContent === 'Offline' && $('[data-testid="sync-counts"]').textContent === '5 pending');

  // List: filters go into the query, XSS stays text.
  await go('#/tickets', '[data-testid="ticket-row"]');
  check('queued local ticket on top', $('[data-testid="ticket-row"]').dataset.localRef === 'LOCAL-Q8ZP4M');
  check('no injected img', !document.querySelector('main img'));
  const status = $('[data-testid="filter-status"]');
  status.value = 'open';
  status.dispatchEvent(new Event('change', { bubbles: true }));
  await wait(100);
  const list = calls.filter(([c]) => c === 'list_tickets').at(-1);
  check('status filter sent, empty ones omitted', JSON.stringify(list[1].query) === '{"status":"open","page":1,"per_page":25}', JSON.stringify(list[1].query));
  check('filters kept in the address', location.hash === '#/tickets?status=open');
  $('[data-testid="page-next"]').click();
  await wait(100);
  check('next page', calls.filter(([c]) => c === 'list_tickets').at(-1)[1].query.page === 2);

  // Keyboard help.
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
  await wait(20);
  check('? opens keyboard help', Boolean($('[data-testid="keyboard-help"][open]')));
  $('[data-testid="keyboard-help-close"]').click();
  await wait(20);
  check('help closes', !$('[data-testid="keyboard-help"]'));

  // Detail: edit sends only changes; hidden custom field never shown.
  await go('#/tickets/TKT-2026-00055', '[data-testid="ticket-update-form"]');
  await until(() => $('[data-testid="comment"]'));
  check('hidden custom field not shown', !document.body.textContent.includes('ping_desk_client_id'));
  check('internal comment marked', $('[data-testid="comment"][data-internal="true"] [data-testid="comment-internal-label"]') !== null);
  check('pending comment shows Sending…', Boolean($('[data-testid="comment-sending"]')));
  $('[data-testid="update-form-error"]');
  const rows = document.querySelectorAll('[data-testid="ticket-update-form"] [data-testid="custom-field-row"]');
  rows[1].querySelector('[data-testid="custom-field-remove"]').click();
  $('[data-testid="update-status"]').value = 'resolved';
  $('[data-testid="update-submit"]').click();
  await wait(100);
  const update = calls.find(([c]) => c === 'update_ticket');
  check('update sends only changes and null for a removed field', update && JSON.stringify(update[1]) === '{"ticket":"TKT-2026-00055","update":{"status":"resolved","custom_fields":{"receipt_no":null}}}', JSON.stringify(update?.[1]));
  type('[data-testid="comment-content"]', 'Called the customer');
  $('[data-testid="comment-internal"]').click();
  $('[data-testid="comment-submit"]').click();
  await wait(100);
  const comment = calls.find(([c]) => c === 'add_comment');
  check('internal comment sent', comment && comment[1].comment.is_internal === true && comment[1].comment.content === 'Called the customer');
  $('[data-testid="hide-internal"]').click();
  await wait(100);
  check('hide internal asks without internal', calls.filter(([c]) => c === 'list_comments').at(-1)[1].includeInternal === false);

  // Outbox: discarding a create confirms and names the dependants.
  await go('#/outbox', '[data-testid="outbox-row"]');
  $('[data-op-id="op-create-1"] [data-testid="outbox-discard"]').click();
  await wait(30);
  const dialog = $('[data-testid="confirm-dialog"]');
  check('discard asks first and names the queued comment', dialog && /discarded too/.test(dialog.textContent) && /Told the customer/.test(dialog.textContent));
  $('[data-testid="confirm-ok"]').click();
  await wait(100);
  check('discard_operation called', calls.some(([c, a]) => c === 'discard_operation' && a.opId === 'op-create-1'));
  check('confirm dialog removed', !dialog.isConnected);

  // Errors: rendered from the code.
  await go('#/tickets/TKT-404', '[data-testid="detail-error"]');
  check('not found by code', $('[data-testid="detail-error"]').dataset.code === 'NOT_FOUND');

  check('no CSP violations', window.__cspViolations.length === 0, window.__cspViolations.join('; '));
  const out = document.createElement('pre');
  out.dataset.testid = 'smoke-results';
  out.textContent = results.join('\n');
  document.body.append(out);
  document.title = results.some((line) => line.startsWith('FAIL')) ? 'SMOKE FAIL' : 'SMOKE PASS';
}
