// Development harness: puts ui/index.html's body into this page (whose
// fake-tauri.js already defined window.__TAURI__), then starts ui/main.js.
// ?scenario=... performs a few clicks once the app is ready, for screenshots.

const page = await (await fetch('/ui/index.html')).text();
const parsed = new DOMParser().parseFromString(page, 'text/html');
document.documentElement.lang = parsed.documentElement.lang;
document.body.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)));
await import('/ui/main.js');

const scenario = new URLSearchParams(location.search).get('scenario');
const ready = () => new Promise((resolve) => {
  const check = () => (document.body.dataset.ready === 'true' ? resolve() : setTimeout(check, 20));
  check();
});
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const set = (selector, value) => {
  const el = document.querySelector(selector);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

await ready();
if (scenario === 'smoke') {
  const { runSmoke } = await import('./smoke.js');
  await runSmoke(window.__fakeCalls);
} else if (scenario === 'invalid') {
  set('[data-testid="new-ticket-subject"]', 'Dish <img src=x onerror=alert(1)> offline');
  set('[data-testid="new-ticket-customer-phone"]', '0771 234 567');
  set('[data-testid="new-ticket-customer-email"]', 'tendai@');
  document.querySelector('[data-testid="custom-field-add"]').click();
  document.querySelector('[data-testid="custom-field-add"]').click();
  set('[data-testid="custom-field-row"]:nth-child(1) [data-testid="custom-field-key"]', 'serial');
  set('[data-testid="custom-field-row"]:nth-child(2) [data-testid="custom-field-key"]', 'serial');
  document.querySelector('[data-testid="new-ticket-submit"]').click();
} else if (scenario === 'submitted') {
  set('[data-testid="new-ticket-subject"]', 'Router keeps rebooting');
  set('[data-testid="new-ticket-description"]', 'Customer says the router restarts every 10 minutes.');
  set('[data-testid="new-ticket-customer-phone"]', '+263 77 123 4567');
  document.querySelector('[data-testid="new-ticket-submit"]').click();
  await wait(300);
  window.__fakeEmit?.({ type: 'sent', opId: 'op-new-1', kind: 'create_ticket', ticketNumber: 'TKT-2026-00057', localRef: 'LOCAL-7F3K2Q' });
} else if (scenario === 'walk-in') {
  // A returning customer at the counter: phone first, then template 1 by its key.
  set('[data-testid="new-ticket-customer-phone"]', '+263 77 111 2233');
  await wait(500);
  document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: '1', code: 'Digit1', altKey: true, bubbles: true }));
  await wait(100);
  const subject = document.querySelector('[data-testid="new-ticket-subject"]');
  subject.value += 'no internet since Monday';
  subject.dispatchEvent(new Event('input', { bubbles: true }));
} else if (scenario === 'templates') {
  location.hash = '#/templates';
  await wait(300);
  document.querySelector('[data-testid="template-edit"]').click();
  document.querySelector('[data-testid="templates-export-show"]').click();
  await wait(200);
  document.querySelector('[data-testid="templates-import-text"]').value = '{"format":"ping-desk-templates","version":1,"templates":[{"name":"Laptop charger"},{"name":"SIM swap","priority":"high"}]}';
  document.querySelector('[data-testid="templates-import-submit"]').click();
} else if (scenario === 'help') {
  document.querySelector('[data-testid="help-button"]').click();
} else if (scenario === 'discard') {
  document.querySelector('[data-op-id="op-create-1"] [data-testid="outbox-discard"]').click();
}
