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

const key = (target, init) => target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
const leave = (selector) => $(selector).dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
const text = (selector) => ($(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function walkInChecks(calls) {
  await go('#/new', '[data-testid="new-ticket-form"]');
  await until(() => $('[data-testid="template-apply"]'));
  const phone = '[data-testid="new-ticket-customer-phone"]';
  check('walk-in: the phone is focused on an empty form', document.activeElement === $(phone));
  const order = [...$('[data-testid="new-ticket-form"]').querySelectorAll('input, textarea, select')].map((el) => el.name).filter(Boolean);
  check('walk-in: phone and email come first in the form', order[0] === 'customer_phone' && order[1] === 'customer_email', order.slice(0, 3).join());
  const buttons = [...document.querySelectorAll('[data-testid="template-apply"]')];
  check('template bar: a button per template with its key', buttons.length === 5 && buttons[0].textContent.replace(/\s+/g, ' ').trim() === '1 Starlink connectivity' && buttons[0].dataset.templateId === 'tpl-1');

  // A slow answer for an earlier number must not replace the newer one.
  const before = calls.filter(([c]) => c === 'customer_history').length;
  type(phone, '+263 77 999 9999');
  leave(phone);
  type(phone, '+263 77 111 2233');
  leave(phone);
  await until(() => $('[data-testid="customer-history"][data-state="result"]'));
  const asked = calls.filter(([c]) => c === 'customer_history').slice(before);
  check('history: looked up once per number, normalised', asked.length === 2 && asked[1][1].phone === '+263771112233' && asked[1][1].email === null, JSON.stringify(asked.map(([, a]) => a)));
  check('history: returning customer with their tickets', text('[data-testid="customer-history-count"]') === '2 earlier tickets' && document.querySelectorAll('[data-testid="customer-history-ticket"]').length === 2);
  check('history: name shown', text('[data-testid="customer-history-name"]') === 'Tendai Moyo');
  const row = $('[data-testid="customer-history-ticket"]');
  check('history: rows link to the ticket', row.dataset.ticketNumber === 'TKT-2026-00049' && row.querySelector('a').getAttribute('href') === '#/tickets/TKT-2026-00049');
  check('history: a subject with markup stays text', row.textContent.includes('<img src=x onerror=alert(1)>') && !document.querySelector('main img'));
  check('history: names filled into the empty fields', $('[data-testid="new-ticket-customer-first-name"]').value === 'Tendai' && $('[data-testid="new-ticket-customer-last-name"]').value === 'Moyo');
  await wait(700);
  check('history: the slower, older answer was ignored', !document.body.textContent.includes('Slow answer') && $('[data-testid="new-ticket-customer-first-name"]').value === 'Tendai');

  // Typed names are never overwritten by a later answer.
  type('[data-testid="new-ticket-customer-first-name"]', 'Tee');
  type('[data-testid="new-ticket-customer-email"]', 'tendai.moyo@example.co.zw');
  leave('[data-testid="new-ticket-customer-email"]');
  await until(() => calls.filter(([c]) => c === 'customer_history').length === before + 3);
  await until(() => $('[data-testid="customer-history"][data-state="result"]:not([aria-busy])'));
  check('history: typed first name kept', $('[data-testid="new-ticket-customer-first-name"]').value === 'Tee');

  // Alt+1: template 1 fills only the gaps, focus goes to the subject's end.
  type('[data-testid="new-ticket-description"]', 'Dish shows "disconnected"');
  key($(phone), { key: '1', code: 'Digit1', altKey: true });
  await wait(100);
  const subject = $('[data-testid="new-ticket-subject"]');
  check('Alt+1: subject stub into the empty subject', subject.value === 'Starlink: ');
  check('Alt+1: typed description kept', $('[data-testid="new-ticket-description"]').value === 'Dish shows "disconnected"');
  check('Alt+1: priority and category from the template', $('[data-testid="new-ticket-priority"]').value === 'high' && $('[data-testid="new-ticket-category"]').value === 'technical');
  const presetKeys = [...document.querySelectorAll('[data-testid="new-ticket-form"] [data-testid="custom-field-key"]')].map((el) => el.value);
  check('Alt+1: custom field presets added', presetKeys.join() === 'starlink_account_email,customer_type', presetKeys.join());
  check('Alt+1: focus at the end of the subject', document.activeElement === subject && subject.selectionStart === subject.value.length);
  await wait(100);
  check('Alt+1: announced', text('[data-testid="announcer"]') === 'Template applied: Starlink connectivity');
  key(subject, { key: '2', code: 'Digit2', altKey: true });
  await wait(50);
  check('Alt+2: a second template does not overwrite the subject', subject.value === 'Starlink: ' && $('[data-testid="new-ticket-priority"]').value === 'medium');
  key(subject, { key: '9', code: 'Digit9', altKey: true });
  await wait(100);
  check('Alt+9 without a template 9: says so, changes nothing', /no template 9/.test(text('[data-testid="announcer"]')) && subject.value === 'Starlink: ');

  // A failed lookup is quiet and does not block logging.
  type(phone, '+263770000000');
  leave(phone);
  await until(() => $('[data-testid="customer-history-error"]'));
  check('history: an error shows quietly in the panel', $('[data-testid="customer-history"]').dataset.state === 'error' && !$('[data-testid="customer-history"] [role="alert"]'));
  type('[data-testid="new-ticket-customer-email"]', '');
  type(phone, '');
  leave(phone);
  await wait(20);
  check('history: emptied phone and email clear the panel', !$('[data-testid="customer-history"]'));

  $('[data-testid="new-ticket-clear"]').click();
  await until(() => $('[data-testid="confirm-ok"]'));
  $('[data-testid="confirm-ok"]').click();
  await wait(50);
  check('cleared form: phone focused for the next customer', document.activeElement === $(phone) && subject.value === '');
}

async function templatesChecks(calls) {
  key(document.body, { key: 't', code: 'KeyT', altKey: true });
  await until(() => location.hash === '#/templates' && $('[data-testid="template-row"]'));
  await until(() => !$('main').hasAttribute('aria-busy'));
  check('Alt+T opens Templates', $('[data-testid="nav-templates"]').getAttribute('aria-current') === 'page');
  check('templates: the starting five listed', document.querySelectorAll('[data-testid="template-row"]').length === 5);

  type('[data-testid="template-name-input"]', 'starlink CONNECTIVITY');
  $('[data-testid="template-save"]').click();
  await wait(50);
  check('templates: a name in use is refused by the field', /already/.test(text('[data-testid="error-name"]')) && !calls.some(([c]) => c === 'save_template'));

  const xssName = 'Laptop charger <img src=x onerror=alert(1)>';
  type('[data-testid="template-name-input"]', xssName);
  type('[data-testid="template-subject"]', 'Charger: ');
  $('[data-testid="template-priority"]').value = 'critical';
  $('[data-testid="template-editor"] [data-testid="custom-field-add"]').click();
  type('[data-testid="template-editor"] [data-testid="custom-field-key"]', 'ping_desk_client_id');
  $('[data-testid="template-save"]').click();
  await wait(50);
  check('templates: the reserved field is refused', !calls.some(([c]) => c === 'save_template') && /Ping Desk itself/.test(text('[data-testid="template-editor"] .cf-error')));
  type('[data-testid="template-editor"] [data-testid="custom-field-key"]', 'serial');
  $('[data-testid="template-save"]').click();
  await until(() => document.querySelectorAll('[data-testid="template-row"]').length === 6);
  const saved = calls.find(([c]) => c === 'save_template');
  check('templates: save_template with a new template', saved && JSON.stringify(saved[1]) === JSON.stringify({ template: { id: '', name: xssName, category: null, priority: 'critical', subject: 'Charger: ', description: '', customFields: { serial: '' } } }), JSON.stringify(saved?.[1]));
  check('templates: a name with markup stays text', text('[data-template-id="tpl-6"] [data-testid="template-name"]') === xssName && !document.querySelector('main img'));
  check('templates: the form is ready for the next one', $('[data-testid="template-name-input"]').value === '' && text('[data-testid="template-form-title"]') === 'New template');

  $('[data-template-id="tpl-2"] [data-testid="template-edit"]').click();
  await wait(20);
  check('templates: edit fills the form', $('[data-testid="template-name-input"]').value === 'Router or modem fault' && $('[data-testid="template-subject"]').value === 'Router: ');
  $('[data-testid="template-priority"]').value = '';
  $('[data-testid="template-save"]').click();
  await wait(100);
  const edited = calls.filter(([c]) => c === 'save_template').at(-1);
  check('templates: an edit keeps the id; "none" priority is null', edited[1].template.id === 'tpl-2' && edited[1].template.priority === null);

  $('[data-template-id="tpl-6"] [data-testid="template-delete"]').click();
  await until(() => $('[data-testid="confirm-dialog"]'));
  check('templates: delete asks first, naming the template', text('[data-testid="confirm-dialog"] h2').includes(xssName));
  $('[data-testid="confirm-ok"]').click();
  await until(() => document.querySelectorAll('[data-testid="template-row"]').length === 5);
  check('templates: delete_template called with the id', calls.some(([c, a]) => c === 'delete_template' && a.id === 'tpl-6'));

  $('[data-testid="templates-export-show"]').click();
  await until(() => $('[data-testid="templates-export-text"]').value);
  let exported = null;
  try {
    exported = JSON.parse($('[data-testid="templates-export-text"]').value);
  } catch {
    // checked below
  }
  check('templates: export shows the JSON, read-only', exported?.format === 'ping-desk-templates' && exported.templates.length === 5 && $('[data-testid="templates-export-text"]').readOnly);

  type('[data-testid="templates-import-text"]', '{"format":"something-else","version":1,"templates":[]}');
  $('[data-testid="templates-import-submit"]').click();
  await until(() => $('[data-testid="templates-import-result"]').dataset.ok === 'false');
  check('templates: a bad file is refused with the reason', /not a Ping Desk templates file/.test(text('[data-testid="templates-import-result"]')));
  type('[data-testid="templates-import-text"]', JSON.stringify({ format: 'ping-desk-templates', version: 1, templates: [{ name: 'Laptop charger', subject: 'Charger: ' }, { name: 'sim swap', priority: 'critical' }, { name: 'Fibre install', category: 'sales' }] }));
  $('[data-testid="templates-import-submit"]').click();
  await until(() => $('[data-testid="templates-import-result"]').dataset.ok === 'true');
  check('templates: import result', text('[data-testid="templates-import-result"]') === '2 added, 1 updated');
  await until(() => document.querySelectorAll('[data-testid="template-row"]').length === 7);
  check('templates: list refreshed after import', document.querySelectorAll('[data-testid="template-row"]').length === 7);
}

async function todayChecks(calls) {
  const before = calls.filter(([c]) => c === 'today_at_store').length;
  key(document.body, { key: 'd', code: 'KeyD', altKey: true });
  await until(() => location.hash === '#/today' && $('[data-testid="today-ticket"]'));
  await until(() => !$('main').hasAttribute('aria-busy'));
  check('Alt+D opens Today', $('[data-testid="nav-today"]').getAttribute('aria-current') === 'page');
  const asked = calls.filter(([c]) => c === 'today_at_store');
  check('today: asked once for the desk\'s store region', asked.length === before + 1 && JSON.stringify(asked.at(-1)[1]) === JSON.stringify({ storeRegion: 'Harare – Sam Levy' }), JSON.stringify(asked.at(-1)?.[1]));
  check('today: heading names the store', text('[data-testid="today-title"]') === 'Today at Harare – Sam Levy' && Boolean($('[data-testid="today-date"] time[datetime]')));
  const tiles = ['today-logged', 'today-open', 'today-resolved', 'today-csat-average'].map((id) => text(`[data-testid="${id}"]`));
  check('today: tiles (open counts in progress, resolved counts closed)', tiles.join('|') === '9|5|4|4.6 / 5 from 12 answers', tiles.join('|'));
  const chart = $('svg[data-testid="today-csat-chart"]');
  check('today: the chart is an image with a summary', chart?.getAttribute('role') === 'img' && /12 answers.*Very unhappy \(1\): 0.*Very happy \(5\): 9/.test(chart.getAttribute('aria-label')), chart?.getAttribute('aria-label'));
  const bars = [...document.querySelectorAll('[data-testid="today-csat-bar"]')];
  check('today: five bars, 1 to 5, with their counts', bars.map((b) => `${b.dataset.score}:${b.dataset.count}`).join() === '1:0,2:1,3:0,4:2,5:9', bars.map((b) => `${b.dataset.score}:${b.dataset.count}`).join());
  const widths = bars.map((b) => b.querySelector('.csat-bar').getBoundingClientRect().width);
  check('today: bar widths follow the counts', widths[4] > widths[3] && widths[3] > widths[1] && widths[1] > 0 && widths[0] === 0 && Math.abs(widths[3] / widths[4] - 2 / 9) < 0.02, widths.map(Math.round).join());
  check('today: the counts are written as text', bars.map((b) => b.querySelector('[data-testid="today-csat-count"]').textContent).join() === '0,1,0,2,9');
  const table = [...document.querySelectorAll('[data-testid="today-csat-table"] tbody tr')].map((tr) => tr.textContent.trim().replace(/\s+/g, ' '));
  check('today: the same numbers in a table for screen readers', table.length === 5 && table[0] === '1Very unhappy0' && table[4] === '5Very happy9', table.join(' / '));
  const rows = [...document.querySelectorAll('[data-testid="today-ticket"]')];
  check('today: today\'s tickets, newest first', rows.length === 9 && rows[0].dataset.ticketNumber === 'TKT-2026-00066' && rows[0].querySelector('a').getAttribute('href') === '#/tickets/TKT-2026-00066');
  check('today: a subject with markup stays text', rows[1].textContent.includes('<img src=x onerror=alert(1)>') && rows[1].textContent.includes('<b>Nyasha</b>') && !document.querySelector('main img, main b'));
  check('today: no offline notice when live, empty note hidden', !$('[data-testid="freshness-notice"]') && $('[data-testid="today-empty"]').hidden);
  $('[data-testid="today-refresh"]').click();
  await until(() => calls.filter(([c]) => c === 'today_at_store').length === before + 2);
  await until(() => !$('[data-testid="today-body"]').hasAttribute('aria-busy'));
  check('today: Refresh asks again and keeps the screen', document.querySelectorAll('[data-testid="today-ticket"]').length === 9 && text('[data-testid="today-refresh"]') === 'Refresh');
  // A ticket sent from this desk recounts quietly; keyboard focus stays on the same ticket.
  document.querySelector('[data-ticket-number="TKT-2026-00064"] a').focus();
  window.__fakeEmit({ type: 'sent', opId: 'op-x', kind: 'update_ticket', ticketNumber: 'TKT-2026-00064' });
  await until(() => calls.filter(([c]) => c === 'today_at_store').length === before + 3, 3000);
  await wait(100);
  const focusedRow = document.activeElement?.closest('[data-testid="today-ticket"]');
  check('today: a sent write recounts; focus stays on its ticket', focusedRow?.dataset.ticketNumber === 'TKT-2026-00064' && focusedRow.isConnected && !rows[2].isConnected, document.activeElement?.outerHTML.slice(0, 80));
  document.querySelector('[data-testid="today-ticket"] a').click();
  await until(() => location.hash === '#/tickets/TKT-2026-00066');
  check('today: a ticket number opens the ticket', location.hash === '#/tickets/TKT-2026-00066');
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
  // The customer comes first in the form, so the phone is the first field to fix.
  check('focus moved to first invalid field', document.activeElement === $('[data-testid="new-ticket-customer-phone"]'));
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

  await walkInChecks(calls);
  await templatesChecks(calls);
  await todayChecks(calls);

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
