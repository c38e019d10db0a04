// End to end: the real Ping Desk window, driven through tauri-driver and
// WebKitWebDriver, against a real sandbox process. Run by scripts/e2e.sh
// (Xvfb, a Secret Service, the built app). One app session, in order, as a
// member of staff would use it. Saves a screenshot of every screen.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key, until } from 'selenium-webdriver';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { App, API_KEY, sleep } from './support.mjs';

// The system's browser, as xdg-open finds it on a desktop with no browser
// of its own set: $BROWSER. This one writes down the address it was given.
const browserDir = mkdtempSync(join(tmpdir(), 'ping-desk-browser-'));
const browserLog = join(browserDir, 'opened.txt');
const browser = join(browserDir, 'browser');
writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${browserLog}'\n`);
chmodSync(browser, 0o755);

const app = new App({ env: { BROWSER: browser } });
const stamp = Date.now().toString(36);
let created; // the ticket logged through the form
let walkIn; // the returning customer's ticket (walk-in test)

before(async () => {
  await app.start();
});

after(async () => {
  await app.stop();
});

// The list's row numbers, read in the page in one go (no element can go
// stale between reads).
const ROW_NUMBERS = `[...document.querySelectorAll('[data-testid="ticket-row"]')].map((row) => row.dataset.ticketNumber)`;

async function rowNumbers() {
  return app.driver.executeScript(`return ${ROW_NUMBERS}`);
}

/** What the list screen shows, for a failure message. */
async function listState() {
  return app.driver.executeScript(`return JSON.stringify({
    hash: location.hash,
    search: document.querySelector('[data-testid="ticket-search"]')?.value,
    rows: ${ROW_NUMBERS},
  })`);
}

async function serverTicket(number) {
  const { status, body } = await app.sandbox.api(`/v1/api/tickets/${number}`);
  assert.equal(status, 200, `ticket ${number} on the server`);
  return body.ticket;
}

/** Clicks the visible label of a radio given by test id. */
async function pickRadio(testId) {
  const input = await app.driver.findElement(app.byTestId(testId));
  const id = await input.getAttribute('id');
  await app.driver.findElement(By.css(`label[for="${id}"]`)).click();
}

async function logTicket({ subject, description, first, last, phone }) {
  await app.go('#/new');
  await app.type('new-ticket-subject', subject);
  await app.type('new-ticket-description', description);
  if (first) await app.type('new-ticket-customer-first-name', first);
  if (last) await app.type('new-ticket-customer-last-name', last);
  if (phone) await app.type('new-ticket-customer-phone', phone);
  // Ctrl+Enter submits from anywhere in the form.
  await app.withElement('new-ticket-description', (el) => el.sendKeys(Key.CONTROL, Key.ENTER));
  await app.find('submit-result-ref');
}

/** The reference the result shows (re-read: it is redrawn when Ping answers). */
const shownRef = () => app.text('submit-result-ref');

test('first run offers Ping or the demo, and connects to Ping with a key', async () => {
  await app.find('connect-api-key');
  await app.find('start-demo');
  assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core on the welcome screen');
  await app.screenshot('welcome');
  await app.type('connect-base-url', app.sandbox.baseUrl);
  await app.type('connect-api-key', 'pk_test_short');
  await app.click('connect-submit');
  const error = await app.text('error-apiKey');
  assert.match(error, /32/, 'a malformed key is explained next to the field');

  await app.type('connect-api-key', API_KEY);
  await app.click('connect-submit');
  await app.find('new-ticket-form');
  const demoBadges = await app.all('demo-badge');
  for (const badge of demoBadges) assert.equal(await badge.isDisplayed(), false, 'not the demo workspace');
  // The key never reaches the web view.
  const page = await app.driver.executeScript('return document.documentElement.outerHTML + JSON.stringify(localStorage)');
  assert.ok(!page.includes(API_KEY), 'the key is not in the page');
});

test('a ticket logged through the form is on the server and in the list', async () => {
  const subject = `Router keeps rebooting ${stamp}`;
  await app.go('#/new');
  await app.type('new-ticket-subject', subject);
  await app.type('new-ticket-customer-phone', '0771234567');
  await app.click('new-ticket-submit');
  // Each bad field says what is wrong, next to it.
  assert.notEqual(await app.text('error-description'), '', 'description is required');
  assert.notEqual(await app.text('error-customer_phone'), '', 'the phone must be international');
  assert.equal(await app.attribute('new-ticket-description', 'aria-invalid'), 'true');
  assert.equal(await app.attribute('new-ticket-subject', 'value'), subject, 'what was typed stays');
  await app.screenshot('new-ticket-errors');

  await logTicket({
    subject,
    description: 'Customer says the router restarts every ten minutes since the power cut on Monday.',
    first: 'Tatenda',
    last: 'Mutasa',
    phone: '+263772345678',
  });
  created = await app.until(async () => {
    const text = await shownRef();
    return text.startsWith('TKT-') ? text : null;
  }, 'the TKT number replaces the local reference');
  await app.screenshot('new-ticket-logged');

  const onServer = await serverTicket(created);
  assert.equal(onServer.subject, subject);
  assert.equal(onServer.customerFirstName, 'Tatenda');
  assert.equal(onServer.customerPhone, '+263772345678');
  assert.equal(onServer.channel, 'in_store');

  // Staff start typing a search while a slow Ping still answers the list:
  // when the list arrives, their field keeps the focus (and what they type).
  await app.sandbox.api('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ latency_ms: 1500 }) });
  await app.go('#/tickets');
  await app.type('ticket-search', stamp);
  await app.until(async () => (await app.attribute('ticket-table', 'aria-busy')) === null, 'the list has loaded', 20000);
  await app.sandbox.api('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ latency_ms: 0 }) });
  assert.equal(
    await app.driver.executeScript('return document.activeElement?.dataset.testid ?? document.activeElement?.tagName'),
    'ticket-search',
    'the search field keeps the focus when the list arrives',
  );
  await app.click('ticket-search-submit');
  await app.until(
    async () => (await rowNumbers()).join() === created,
    async () => `the search finds exactly the new ticket ${created}: ${await listState()}`,
  );
});

test('the list filters by status and pages through the tickets', async () => {
  await app.go('#/tickets');
  await app.click('filters-clear');
  await app.choose('page-size', '10');
  await app.until(async () => (await rowNumbers()).length === 10, 'ten rows a page');
  const info = await app.text('page-info');
  const [, , totalPages] = info.match(/Page (\d+) of (\d+)/) ?? [];
  assert.ok(Number(totalPages) >= 4, info);
  const firstPage = await rowNumbers();
  await app.click('page-next');
  await app.until(async () => (await app.text('page-info')).startsWith('Page 2 of'), 'page 2');
  const secondPage = await rowNumbers();
  assert.equal(secondPage.length, 10);
  assert.ok(!secondPage.some((n) => firstPage.includes(n)), 'no ticket on both pages');

  await app.choose('filter-status', 'resolved');
  await app.until(async () => {
    const badges = await app.all('status-badge');
    if (badges.length === 0) return false;
    const statuses = await Promise.all(badges.map((b) => b.getAttribute('data-status')));
    return statuses.every((s) => s === 'resolved');
  }, 'only resolved tickets');
  await app.screenshot('ticket-list-filtered');
  await app.click('filters-clear');
  await app.choose('page-size', '25');
  await app.until(async () => (await rowNumbers()).length === 25, 'back to 25 a page');
  await app.driver.executeScript('window.scrollTo(0, 0)');
  await app.screenshot('ticket-list');
});

test('staff resolve a ticket with CSAT 5 and it reaches Ping', async () => {
  await app.go(`#/tickets/${created}`);
  assert.equal(await app.text('detail-ticket-number'), created);
  await app.choose('update-status', 'resolved');
  await app.type('update-resolution-notes', 'Replaced the power adapter; router stable for an hour.');
  await pickRadio('csat-5');
  await app.click('update-submit');
  await app.until(async () => {
    const t = await serverTicket(created);
    return t.status === 'resolved' && t.csatScore === 5 && t.resolutionNotes?.startsWith('Replaced') ? t : null;
  }, 'the server has the resolution and CSAT 5');
});

test('internal and customer-visible comments are shown apart', async () => {
  await app.go(`#/tickets/${created}`);
  await app.type('comment-content', 'Adapter swapped under warranty (stock code AD-12).');
  await app.click('comment-internal');
  await app.click('comment-submit');
  // The toggle stays on after an internal note (the safe way round); staff
  // turn it off for a note the customer may read.
  await app.until(async () => (await app.all('comment')).length === 1, 'the internal note is listed');
  assert.equal(await app.withElement('comment-internal', (el) => el.isSelected()), true);
  await app.click('comment-internal');
  await app.type('comment-content', 'Your router has been repaired and is ready for collection.');
  await app.click('comment-submit');

  // Read in one go: the thread redraws as the answers from Ping arrive.
  const shown = await app.until(
    () =>
      app.driver.executeScript(`
        const comments = [...document.querySelectorAll('[data-testid="comment"]')];
        if (comments.length !== 2 || comments.some((c) => c.dataset.pending !== 'false')) return null;
        return comments.map((c) => ({ internal: c.dataset.internal, text: c.innerText }));`),
    'both comments delivered and shown',
  );
  assert.deepEqual(shown.map((c) => c.internal), ['true', 'false']);
  assert.match(shown[0].text, /internal/i, 'the internal note says so');
  await app.driver.executeScript('window.scrollTo(0, 0)');
  await app.screenshot('ticket-detail');
  await app.withElement('comment-thread', (el) => app.driver.executeScript('arguments[0].scrollIntoView()', el));
  await app.screenshot('comment-thread');

  await app.click('hide-internal');
  await app.until(async () => (await app.all('comment')).length === 1, 'internal notes hidden');
  await app.click('hide-internal');

  const { body } = await app.sandbox.api(`/v1/api/tickets/${created}/comments`);
  assert.deepEqual(
    body.comments.map((c) => [c.isInternal, c.authorType]),
    [[true, 'admin'], [false, 'admin']],
  );
});

test('a ticket logged while Ping is down is queued, then synced when it is back', async () => {
  const subject = `Screen cracked while offline ${stamp}`;
  let local;
  await app.sandbox.stop();
  try {
    await logTicket({ subject, description: 'Dropped at the bus stop; touch still works.', first: 'Rudo' });
    local = await shownRef();
    assert.match(local, /^LOCAL-[0-9A-Z]{6}$/);
    await app.until(async () => /offline/i.test(await app.text('sync-label')), 'the status says offline');
    await app.go('#/outbox');
    await app.find('outbox-row');
    await app.screenshot('outbox');
  } finally {
    // Back up for the next tests, whatever happened above.
    await app.sandbox.start();
  }
  await app.go('#/tickets');
  const number = await app.until(async () => {
    const { body } = await app.sandbox.api(`/v1/api/tickets?search=${encodeURIComponent(subject)}`);
    return body.tickets?.length === 1 ? body.tickets[0].ticketNumber : null;
  }, 'the queued ticket reaches Ping once it is back', 60000);
  await app.until(async () => /online/i.test(await app.text('sync-label')), 'the status says online', 30000);
  const { body } = await app.sandbox.api(`/v1/api/tickets?search=${encodeURIComponent(subject)}`);
  assert.equal(body.pagination.total, 1, 'sent exactly once');
  await app.go(`#/tickets/${local}`);
  await app.until(async () => (await app.text('detail-ticket-number')) === number, 'the local reference leads to the number');
});

test('markup from Ping shows as text and runs nothing', async () => {
  const payload = `<img src=x onerror="window.__xss='subject'">${stamp}`;
  const { body } = await app.sandbox.api('/v1/api/tickets', {
    method: 'POST',
    body: JSON.stringify({
      subject: payload,
      description: '<script>window.__xss="description"</script>',
      customer_first_name: '<b onmouseover="window.__xss=\'name\'">Nyasha</b>',
      customer_last_name: 'Chikwanha',
    }),
  });
  const number = body.ticket.ticketNumber;
  await app.sandbox.api(`/v1/api/tickets/${number}/comments`, {
    method: 'POST',
    body: JSON.stringify({ content: '<svg onload="window.__xss=\'comment\'"></svg>', author_type: 'customer' }),
  });

  await app.go('#/tickets');
  await app.click('filters-clear');
  await app.type('ticket-search', stamp);
  await app.click('ticket-search-submit');
  const subjectCell = await app.until(async () => {
    const cells = await app.all('ticket-subject');
    for (const cell of cells) if ((await cell.getText()).includes('<img src=x')) return cell;
    return null;
  }, 'the subject is shown as text');
  assert.ok((await subjectCell.getText()).includes(payload));

  await app.go(`#/tickets/${number}`);
  assert.equal(await app.text('detail-subject'), payload);
  assert.match(await app.text('detail-description'), /<script>/);
  await app.until(async () => (await app.all('comment')).length === 1, 'the comment is listed');
  assert.match(await (await app.all('comment'))[0].getText(), /<svg onload=/);
  const markup = await app.driver.executeScript(
    'return document.querySelectorAll("main img, main script, main svg[onload], main b[onmouseover]").length',
  );
  assert.equal(markup, 0, 'no element was made from the data');
  assert.equal(await app.driver.executeScript('return window.__xss ?? null'), null, 'nothing ran');
  await app.screenshot('ticket-detail-markup-as-text');
});

test('settings show the store defaults and the connection', async () => {
  await app.go('#/settings');
  await app.find('settings-form');
  assert.equal(await app.attribute('connect-base-url', 'value'), app.sandbox.baseUrl);
  // A new address needs the key again: the form will not send without it.
  await app.type('connect-base-url', 'https://elsewhere.example');
  await app.click('connect-submit');
  await app.find('error-apiKey');
  assert.equal(await app.text('settings-base-url'), app.sandbox.baseUrl, 'still the checked address');
  await app.type('settings-store-region', 'Harare CBD');
  await app.click('settings-save');
  await app.find('settings-saved');
  await app.screenshot('settings');
  await app.go('#/new');
  assert.equal(await app.attribute('new-ticket-store-region', 'value'), 'Harare CBD', 'new tickets default to it');
});

test('this computer: starting at login is the OS entry, and diagnostics are copied without the key', async (t) => {
  await app.go('#/settings');
  const entry = join(process.env.HOME, '.config', 'autostart', 'Ping Desk.desktop');
  await app.until(async () => (await app.attribute('autostart-toggle', 'disabled')) === null, 'the switch reads the OS entry');
  assert.equal(await app.withElement('autostart-toggle', (el) => el.isSelected()), false);
  assert.equal(existsSync(entry), false);
  await app.click('autostart-toggle');
  await app.until(async () => /will start/.test(await app.text('autostart-result')), 'turned on');
  const exec = readFileSync(entry, 'utf8').split('\n').find((line) => line.startsWith('Exec='));
  assert.equal(exec, `Exec=${realpathSync(app.binary)} --autostart`, 'the entry starts this app, minimised');
  await app.click('autostart-toggle');
  await app.until(async () => /will not start/.test(await app.text('autostart-result')), 'turned off');
  assert.equal(existsSync(entry), false, 'the entry is gone');

  await app.click('copy-diagnostics');
  await app.until(async () => /Copied/.test(await app.text('diagnostics-result')), 'copied');
  const report = await app.withElement('diagnostics-text', (el) => el.getAttribute('value'));
  assert.match(report, /^Ping Desk diagnostics: /);
  assert.ok(report.includes(`Workspace: Ping at ${app.sandbox.baseUrl} (key filed)`), report);
  assert.match(report, /^Web view: WebKitGTK \d/m);
  assert.ok(report.includes(`Log folder: ${join(app.dataDir, 'logs')}`), report);
  assert.ok(!report.includes(API_KEY), 'no key in the report');
  const clipboard = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });
  assert.equal(clipboard, report, 'the clipboard holds the report');
  // What the page itself could do (it needs nothing: the app copies).
  const page = await app.driver.executeScript('return { secure: window.isSecureContext, clipboard: typeof navigator.clipboard?.writeText }');
  t.diagnostic(`web view: secure context ${page.secure}, navigator.clipboard.writeText ${page.clipboard}`);
  await app.screenshot('settings-this-computer');
  // The log file is in the data folder, and without the key.
  const logs = join(app.dataDir, 'logs');
  const text = readdirSync(logs).map((name) => readFileSync(join(logs, name), 'utf8')).join('');
  assert.ok(!text.includes(API_KEY), 'no key in the log');
});

test("a returning customer's walk-in with a template takes at most 8 interactions", async () => {
  const phone = '+263774445566';
  await app.sandbox.api('/v1/api/tickets', {
    method: 'POST',
    body: JSON.stringify({
      subject: 'Earlier visit: SIM swap',
      description: 'Lost phone',
      customer_phone: phone,
      customer_first_name: 'Nyasha',
      customer_last_name: 'Chiwenga',
    }),
  });
  // Every click, key press or field filled counts, except typing the
  // description (the customer's problem, which has to be typed anyway).
  let interactions = 0;
  const step = async (action) => {
    interactions += 1;
    await action();
  };
  await step(() => app.click('nav-new')); // "New walk-in"
  await step(() => app.type('new-ticket-customer-phone', phone));
  await app.until(async () => /1/.test(await app.text('customer-history-count')), 'the earlier ticket is shown');
  await app.until(
    async () => (await app.attribute('new-ticket-customer-first-name', 'value')) === 'Nyasha',
    'the name is filled in from last time',
  );
  await app.screenshot('walk-in-returning-customer');
  await step(() => app.withElement('new-ticket-customer-phone', (el) => el.sendKeys(Key.ALT, '1'))); // Starlink template
  await app.until(async () => (await app.attribute('new-ticket-subject', 'value')).startsWith('Starlink'), 'template applied');
  await step(() => app.type('new-ticket-subject', 'dish offline since the storm', { clear: false }));
  await app.withElement('new-ticket-description', async (el) => {
    await el.clear();
    await el.sendKeys('Dish shows "obstructed" since Tuesday; customer moved it to the roof.');
  });
  // The screen may still show the ticket logged before this one (offline,
  // above): wait for a reference that is not that one.
  const [earlier] = await app.all('submit-result-ref');
  const before = earlier ? await earlier.getText().catch(() => null) : null;
  await step(() => app.withElement('new-ticket-description', (el) => el.sendKeys(Key.CONTROL, Key.ENTER)));
  const number = await app.until(async () => {
    const text = await shownRef();
    return text.startsWith('TKT-') && text !== before ? text : null;
  }, 'the ticket number is on screen');
  assert.ok(interactions <= 8, `${interactions} interactions`);
  walkIn = number;
  const ticket = await serverTicket(number);
  assert.equal(ticket.customerFirstName, 'Nyasha');
  assert.equal(ticket.priority, 'high');
  assert.equal(ticket.customFields.customer_type, 'SPT Retail');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  mkdirSync('artifacts', { recursive: true });
  writeFileSync('artifacts/walk-in-interactions.txt', `${interactions}\n`);
});

/** Decodes the QR code in a PNG image, or null. */
function decodeQr(pngBytes) {
  const png = PNG.sync.read(pngBytes);
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  return found?.data ?? null;
}

test('the ticket slip shows the number, date, store and a QR code that scans as the number', async (t) => {
  // A dialog left open would block the tests after this one.
  t.after(() => app.driver.executeScript('document.querySelector(\'dialog[open]\')?.close()').catch(() => {}));
  // Right after logging, from the result: "Print slip" (Alt+P).
  await app.go('#/new');
  await app.withElement('new-ticket-customer-phone', (el) => el.sendKeys(Key.ALT, 'p'));
  await app.find('slip-dialog');
  await app.until(async () => (await app.text('slip-reference')) === walkIn, 'the slip shows the ticket number');
  assert.equal(await app.text('slip-store'), 'Harare CBD', 'the store from settings');
  assert.match(await app.text('slip-summary'), /^Starlink/);
  assert.equal(await app.text('slip-customer'), 'Nyasha');
  const today = new Date();
  assert.match(await app.text('slip-date'), new RegExp(String(today.getFullYear())));
  await app.screenshot('ticket-slip');
  // Scanned from what is on screen: the window's pixels, as a phone would see them.
  assert.equal(decodeQr(await app.captureWindow()), walkIn, 'the QR code on screen scans as the ticket number');

  // Print: the system print dialog is the OS's, so the test stands in for
  // window.print and checks what would be printed at that moment.
  await app.driver.executeScript(`
    window.__printed = [];
    window.print = () => window.__printed.push({
      printing: document.body.classList.contains('printing-slip'),
      slip: document.querySelector('#print-root [data-testid="slip-reference"]')?.textContent ?? null,
      others: [...document.body.children].filter((el) => el.id !== 'print-root' && getComputedStyle(el).display !== 'none').length,
    });`);
  await app.click('slip-print');
  const printed = await app.driver.executeScript('return window.__printed');
  assert.equal(printed.length, 1, 'print was asked for once');
  assert.equal(printed[0].printing, true);
  assert.equal(printed[0].slip, walkIn, 'the printed page holds the slip');
  await app.click('slip-close');
  await app.until(async () => (await app.all('slip-dialog')).length === 0, 'the dialog closes');
  assert.equal(
    await app.driver.executeScript("return document.body.classList.contains('printing-slip') || Boolean(document.querySelector('#print-root')?.childElementCount)"),
    false,
    'nothing is left for the next print',
  );
});

test('templates are exported as JSON and imported on another desk', async () => {
  await app.go('#/templates');
  await app.find('template-form');
  const name = `Handset repair ${stamp}`;
  await app.type('template-name-input', name);
  await app.type('template-subject', 'Handset repair: ');
  await app.type('template-description', 'Model:\nFault:\nAccessories left:');
  await app.click('template-save');
  await app.until(async () => {
    const names = await Promise.all((await app.all('template-name')).map((el) => el.getText()));
    return names.includes(name);
  }, 'the new template is listed');
  await app.click('templates-export-show');
  const exported = await app.until(async () => app.attribute('templates-export-text', 'value'), 'the export shows');
  const file = JSON.parse(exported);
  assert.ok(file.templates.some((t) => t.name === name), 'the export holds the new template');
  await app.screenshot('templates');

  // "Another desk": delete it here, then import the file.
  const rows = await app.all('template-row');
  for (const row of rows) {
    if ((await row.findElement(app.byTestId('template-name')).getText()) === name) {
      await row.findElement(app.byTestId('template-delete')).click();
      break;
    }
  }
  await app.click('confirm-ok');
  await app.until(async () => {
    const names = await Promise.all((await app.all('template-name')).map((el) => el.getText()));
    return !names.includes(name);
  }, 'the template is gone');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const path = join(mkdtempSync(join(tmpdir(), 'ping-desk-templates-')), 'templates.json');
  writeFileSync(path, exported);
  await app.withElement('templates-import-file', (el) => el.sendKeys(path));
  await app.click('templates-import-submit');
  await app.until(async () => /1 added|added 1|imported/i.test(await app.text('templates-import-result')), 'the import reports what it added');
  await app.until(async () => {
    const names = await Promise.all((await app.all('template-name')).map((el) => el.getText()));
    return names.includes(name);
  }, 'the template is back after the import');
});

test('the customer scores on their own screen, unseen by staff, while Ping is down', async () => {
  // A counter PIN takes staff back from the customer's screen.
  await app.go('#/settings');
  await app.type('counter-pin-input', '2468');
  await app.click('counter-pin-save');
  await app.until(async () => (await app.attribute('counter-pin-state', 'data-set')) === 'true', 'the PIN is set');

  const staff = await app.driver.getWindowHandle();
  await app.go(`#/tickets/${walkIn}`);
  await app.find('detail-ask-customer');
  await app.sandbox.stop(); // the shop's internet drops
  let customer;
  try {
    // Alt+A: "Ask the customer".
    await app.withElement('detail-subject', (el) => el.click());
    await app.driver.actions().keyDown(Key.ALT).sendKeys('a').keyUp(Key.ALT).perform();
    customer = await app.until(async () => {
      const handles = await app.driver.getAllWindowHandles();
      return handles.find((handle) => handle !== staff);
    }, 'the customer window opens');
    // Staff see that the customer is answering, not what.
    await app.until(async () => (await app.attribute('survey-banner', 'data-stage')) === 'choosing', 'staff see the stage');
    assert.match(await app.text('detail-csat'), /hidden/i);
    await app.screenshot('staff-while-customer-answers');

    await app.driver.switchTo().window(customer);
    await app.driver.wait(until.elementLocated(By.css('html[data-ready="true"]')), 20000);
    assert.equal(await app.attribute('customer-screen', 'data-stage'), 'choosing');
    assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core on the customer screen');
    for (const score of [1, 2, 3, 4, 5]) {
      const rect = await (await app.find(`face-${score}`)).getRect();
      assert.ok(rect.width >= 120 && rect.height >= 120, `face ${score} is a large target (${rect.width}×${rect.height})`);
    }
    await app.screenshot('customer-choose');
    // An accidental tap, then the real answer: only the last one counts.
    await app.click('face-2');
    await app.find('countdown');
    await app.click('face-5');
    assert.equal(await app.attribute('face-5', 'aria-pressed'), 'true');
    assert.equal(await app.attribute('face-2', 'aria-pressed'), 'false');
    await app.screenshot('customer-countdown');
    await app.find('comment-text', 15000);
    await app.type('comment-text', 'Nyasha at the counter was patient <script>alert(1)</script>');
    await app.screenshot('customer-comment');
    await app.click('comment-send');
    await app.find('thank-you');
    await app.screenshot('customer-thank-you');
    await app.find('waiting', 15000);
    await app.screenshot('customer-waiting');

    // Staff back: a long press on "Staff", then the PIN (a wrong one first).
    const corner = await app.find('staff-corner');
    await app.driver.actions().move({ origin: corner }).press().pause(2600).release().perform();
    await app.type('pin-input', '1111');
    await app.click('pin-ok');
    await app.find('pin-error');
    await app.type('pin-input', '2468');
    // The right PIN closes the window, possibly before the click returns.
    await app.click('pin-ok').catch((err) => {
      if (err?.name !== 'NoSuchWindowError') throw err;
    });
    await app.driver.switchTo().window(staff);
    await app.until(async () => (await app.driver.getAllWindowHandles()).length === 1, 'the customer window closes');
    await app.until(
      () => app.driver.executeScript('return document.querySelector(\'[data-testid="survey-banner"]\').hidden'),
      'the survey banner goes',
    );
  } finally {
    await app.driver.switchTo().window(staff).catch(() => {});
    await app.sandbox.start();
  }
  // Queued while offline, sent once Ping is back.
  await app.until(async () => (await serverTicket(walkIn)).csatScore === 5, 'the score reaches Ping', 60000);
  const fromCustomer = await app.until(async () => {
    const { body } = await app.sandbox.api(`/v1/api/tickets/${walkIn}/comments`);
    const found = body.comments.filter((c) => c.authorType === 'customer');
    return found.length ? found : null;
  }, 'the comment reaches Ping', 30000);
  assert.equal(fromCustomer.length, 1, 'one customer comment');
  assert.match(fromCustomer[0].content, /patient <script>/);
  assert.equal(fromCustomer[0].isInternal, false);
  await app.until(async () => /5 of 5/.test(await app.text('detail-csat')), 'staff see the score once the customer is done');
});

/** Opens the customer's screen for the walk-in's ticket; returns [staff, customer] window handles. */
async function askTheCustomer() {
  await app.go(`#/tickets/${walkIn}`);
  return app.askTheCustomer();
}

const endCustomerView = (staff) => app.endCustomerView(staff);

test("the customer's screen hears none of the staff window's events", async () => {
  const [staff, customer] = await askTheCustomer();
  try {
    // Listen as any page could: an app-wide listener for the core's events.
    await app.driver.executeScript(`window.__heard = [];
      return window.__TAURI__.event.listen('core-event', (event) => window.__heard.push(event.payload));`);
    // Staff queue a note meanwhile: the core announces it, to staff only.
    await app.driver.switchTo().window(staff);
    const queued = await app.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      window.__TAURI__.core.invoke('add_comment', { ticket: ${JSON.stringify(walkIn)}, comment: { content: 'Kiosk check', is_internal: true } })
        .then(() => done('queued'), (err) => done(JSON.stringify(err)));`);
    assert.equal(queued, 'queued');
    await sleep(1500);
    await app.driver.switchTo().window(customer);
    assert.deepEqual(await app.driver.executeScript('return window.__heard'), [], "the customer's window heard none of the staff window's events");
  } finally {
    await endCustomerView(staff);
  }
});

test("the customer's screen is a kiosk: the window manager cannot close it, no context menu", async () => {
  const [staff] = await askTheCustomer();
  try {
    // Alt+F4, the close button, the taskbar: the window manager's close request.
    app.requestClose('customer');
    await sleep(1500);
    assert.equal((await app.driver.getAllWindowHandles()).length, 2, "the customer's window is still open");
    assert.equal(await app.attribute('customer-screen', 'data-stage'), 'choosing', 'and still asking');
    // What the window asks of a window manager: above the rest, full screen, no taskbar entry.
    const state = app.xProperty('customer', '_NET_WM_STATE');
    for (const wanted of ['_NET_WM_STATE_ABOVE', '_NET_WM_STATE_SKIP_TASKBAR', '_NET_WM_STATE_FULLSCREEN']) {
      assert.match(state, new RegExp(wanted), `${wanted} in ${state}`);
    }
    const menu = await app.driver.executeScript(`const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('[data-testid="customer-screen"]').dispatchEvent(event);
      return event.defaultPrevented;`);
    assert.equal(menu, true, 'no context menu');
  } finally {
    await endCustomerView(staff);
  }
});

test('today at this store counts the day and charts its CSAT', async () => {
  // Settings set the store to Harare CBD above; one more resolved ticket with
  // a score, made on Ping directly.
  const { body } = await app.sandbox.api('/v1/api/tickets', {
    method: 'POST',
    body: JSON.stringify({ subject: 'Data bundle not applied', description: 'Bought at 9am', store_region: 'Harare CBD' }),
  });
  await app.sandbox.api(`/v1/api/tickets/${body.ticket.ticketNumber}`, {
    method: 'PUT',
    body: JSON.stringify({ status: 'resolved', csat_score: 4 }),
  });
  await app.click('nav-today');
  await app.until(async () => Number(await app.text('today-logged')) >= 2, 'today counts the walk-in and this ticket');
  const bars = await app.all('today-csat-bar');
  const counts = Object.fromEntries(
    await Promise.all(bars.map(async (bar) => [await bar.getAttribute('data-score'), Number(await bar.getAttribute('data-count'))])),
  );
  assert.equal(counts['4'], 1, 'one customer gave 4');
  assert.match(await app.text('today-csat-average'), /4/);
  const listed = await Promise.all((await app.all('today-ticket')).map((t) => t.getAttribute('data-ticket-number')));
  assert.ok(listed.includes(body.ticket.ticketNumber));
  await app.screenshot('today-at-this-store');
});

test('"?" shows the keyboard sheet with every counter shortcut', async () => {
  await app.go('#/tickets');
  await app.find('ticket-table');
  await app.driver.actions().sendKeys('?').perform();
  const sheet = await app.find('keyboard-help');
  const text = await sheet.getText();
  for (const line of [/New ticket/, /slip/i, /Ask the customer/, /End the customer/, /comment/i, /Send queued/, /template/i]) {
    assert.match(text, line);
  }
  await app.screenshot('keyboard-shortcuts');
  await app.click('keyboard-help-close');
  await app.until(async () => (await app.all('keyboard-help')).length === 0, 'the sheet closes');
});

test('About shows the version, every crate with its licence, and opens the report page in the browser', async () => {
  // From Settings.
  await app.go('#/settings');
  await app.click('settings-about');
  await app.until(async () => (await app.all('licence-crate')).length > 100, 'the licences are listed');
  const cargoToml = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  const version = cargoToml.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
  assert.equal(await app.text('about-version'), version, "the app's version (Cargo.toml)");
  assert.equal(await app.text('about-version'), await app.driver.executeScript("return document.querySelector('[data-testid=\"app-version\"]').textContent.replace(/^Ping Desk v/, '')"), 'the same version as the footer');
  // The crates the app is built on, each with its licence expression from Cargo.lock.
  const entries = await app.driver.executeScript(`return Object.fromEntries([...document.querySelectorAll('[data-testid="licence-crate"]')]
    .map((el) => [el.dataset.crate, el.querySelector('[data-testid="licence-expression"]').textContent]))`);
  assert.match(entries.tauri, /MIT/, `tauri: ${entries.tauri}`);
  assert.match(entries.tauri, /Apache-2\.0/);
  assert.equal(entries.rusqlite, 'MIT');
  assert.ok(!('ping-desk' in entries), "the app's own crates are not in the list");
  // Searching narrows the list; opening a crate shows its licence text.
  await app.type('licences-search', 'rusqlite');
  await app.until(async () => (await app.all('licence-crate')).length === 1, 'one crate found');
  await app.withElement('licence-crate', (el) => el.findElement(By.css('summary')).click());
  assert.match(await app.text('licence-text'), /Permission is hereby granted/, 'the MIT text');
  await app.screenshot('about');

  // "Report a problem" opens the issues page in the system's browser.
  await app.click('about-report');
  await app.until(async () => (await app.text('about-report-result')).length > 0, 'the result is shown');
  assert.equal(await app.attribute('about-report-result', 'data-ok'), 'true', await app.text('about-report-result'));
  const opened = await app.until(() => existsSync(browserLog) && readFileSync(browserLog, 'utf8'), 'the browser was started');
  assert.equal(opened, 'https://github.com/ping-desk/ping-desk/issues\n', 'exactly that page, once');
  assert.equal(await app.text('about-report-address'), 'https://github.com/ping-desk/ping-desk/issues');
  // The footer's version leads here too.
  await app.go('#/new');
  await app.click('app-version');
  await app.find('about-licences');
});

test('axe-core finds no accessibility violations on any screen', async () => {
  const found = {};
  for (const route of ['#/new', '#/tickets', `#/tickets/${created}`, '#/today', '#/outbox', '#/templates', '#/settings', '#/about']) {
    await app.go(route);
    await app.until(async () => (await app.driver.executeScript('return document.querySelector("main")?.dataset.screenReady')) === 'true', `${route} ready`);
    await sleep(300);
    const violations = await app.accessibilityViolations();
    if (violations.length) found[route] = violations;
  }
  assert.deepEqual(found, {});
});

test('a second launch on the same data folder hands over to the running window and exits', async () => {
  const second = spawn(app.binary, [], {
    env: { ...process.env, PING_DESK_DATA_DIR: app.dataDir, PING_DESK_LOG: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  second.stderr.on('data', (chunk) => (log += chunk));
  const [code] = await Promise.race([once(second, 'exit'), sleep(20000).then(() => ['still running'])]);
  if (code === 'still running') second.kill('SIGKILL');
  // 0: it handed over to the running app (1 would be the data-folder lock refusing it).
  assert.equal(code, 0, `the second copy exits at once, handing over: ${log}`);
  assert.equal(app.xWindowCount('main'), 1, 'one staff window');
  assert.ok(await app.driver.executeScript('return document.body.dataset.ready === "true"'), 'the first app still answers');
});

test('signing out deletes the key; the demo workspace says DEMO on every screen', async () => {
  const { execFileSync } = await import('node:child_process');
  // What the keychain holds for the app (secret-tool exits 1 when nothing).
  const storedKeys = () => {
    try {
      return execFileSync('secret-tool', ['search', '--all', 'service', 'zw.co.ping.desk'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      return `${err.stdout ?? ''}`;
    }
  };
  assert.match(storedKeys(), /ping-api-key/, 'the key is in the keychain while connected');

  await app.go('#/settings');
  await app.click('sign-out');
  await app.click('confirm-ok');
  await app.find('connect-api-key');
  assert.doesNotMatch(storedKeys(), /ping-api-key/, 'signing out deleted the key');

  await app.click('start-demo');
  await app.find('new-ticket-form');
  for (const route of ['#/new', '#/tickets', '#/outbox', '#/settings']) {
    await app.go(route);
    await app.until(async () => (await app.find('demo-badge')).isDisplayed(), `DEMO shown on ${route}`);
    assert.match(await app.text('demo-banner'), /demo/i);
  }
  await app.go('#/tickets');
  await app.until(async () => (await app.all('ticket-row')).length >= 20, 'the demo tickets are listed');
  assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core with the DEMO banner');
  await app.screenshot('demo-workspace');
});
