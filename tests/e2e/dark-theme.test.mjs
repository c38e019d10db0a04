// The dark theme end to end: the real app with GTK asked for its dark
// variant (GTK_THEME=Adwaita:dark, as a desktop set to dark does), so
// WebKitGTK reports `prefers-color-scheme: dark`. Every screen that is
// checked in the light theme (app.test.mjs) is checked here too: axe-core's
// WCAG 2.1 A/AA rules (contrast included) on what is drawn, and a page that
// is really dark. The slip stays black on white. Runs the demo workspace.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, sleep } from './support.mjs';

const app = new App({ withSandbox: false, args: ['--demo'], env: { GTK_THEME: 'Adwaita:dark' } });
let ticket; // a demo ticket

before(async () => {
  await app.start();
});

after(async () => {
  await app.stop();
});

/** The relative luminance (0 black … 1 white) of a computed CSS colour. */
async function luminanceOf(script) {
  const rgb = await app.driver.executeScript(`return ${script}`);
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const pageBackground = "getComputedStyle(document.documentElement).backgroundColor";

async function screenReady(route) {
  await app.go(route);
  await app.until(async () => (await app.driver.executeScript('return document.querySelector("main")?.dataset.screenReady')) === 'true', `${route} ready`);
  await sleep(300);
}

test('with the system in dark mode the staff window is dark', async () => {
  assert.equal(await app.driver.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"), true, 'WebKitGTK reports dark');
  await app.find('new-ticket-form');
  assert.ok((await luminanceOf(pageBackground)) < 0.05, 'the page is dark');
  assert.ok((await luminanceOf("getComputedStyle(document.querySelector('.card')).backgroundColor")) < 0.05, 'its cards are dark');
  assert.ok((await luminanceOf("getComputedStyle(document.querySelector('main h1, main legend, main label')).color")) > 0.5, 'its text is light');
});

test('axe-core finds no violations on any screen in the dark theme', async () => {
  await app.go('#/tickets');
  ticket = await app.until(
    () => app.driver.executeScript('return document.querySelector(\'[data-testid="ticket-row"]\')?.dataset.ticketNumber'),
    'the demo tickets are listed',
  );
  const found = {};
  for (const route of ['#/new', '#/tickets', `#/tickets/${ticket}`, '#/today', '#/outbox', '#/templates', '#/settings', '#/about']) {
    await screenReady(route);
    const violations = await app.accessibilityViolations();
    if (violations.length) found[route] = violations;
    assert.ok((await luminanceOf(pageBackground)) < 0.05, `${route} is dark`);
  }
  assert.deepEqual(found, {});
  await screenReady('#/tickets');
  await app.until(async () => (await app.all('ticket-row')).length >= 20, 'the list is drawn');
  await app.screenshot('dark-ticket-list');
  await screenReady('#/today');
  await app.find('today-logged');
  await app.screenshot('dark-today-at-this-store');
});

test('the slip stays black on white in the dark theme', async (t) => {
  t.after(() => app.driver.executeScript('document.querySelector(\'dialog[open]\')?.close()').catch(() => {}));
  await screenReady(`#/tickets/${ticket}`);
  await app.click('detail-print-slip');
  await app.find('slip-dialog');
  await app.until(async () => (await app.text('slip-reference')) === ticket, 'the slip shows the ticket');
  assert.ok((await luminanceOf("getComputedStyle(document.querySelector('[data-testid=\"slip-dialog\"] .slip')).backgroundColor")) > 0.95, 'white paper');
  assert.ok((await luminanceOf("getComputedStyle(document.querySelector('[data-testid=\"slip-dialog\"] .slip')).color")) < 0.01, 'black ink');
  assert.ok((await luminanceOf(pageBackground)) < 0.05, 'around a dark window');
  assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core with the slip open');
  await app.screenshot('dark-ticket-slip');
});

test("the customer's screen is dark too, and axe-clean", async () => {
  const staff = await app.driver.getWindowHandle();
  await screenReady(`#/tickets/${ticket}`);
  await app.click('detail-ask-customer');
  const customer = await app.until(async () => (await app.driver.getAllWindowHandles()).find((h) => h !== staff), 'the customer window opens');
  try {
    await app.driver.switchTo().window(customer);
    await app.driver.wait(until.elementLocated(By.css('html[data-ready="true"]')), 20000);
    await app.find('face-5');
    assert.ok((await luminanceOf(pageBackground)) < 0.05, "the customer's page is dark");
    assert.ok((await luminanceOf("getComputedStyle(document.querySelector('[data-testid=\"face-1\"]')).backgroundColor")) < 0.05, 'the faces sit on dark cards');
    assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core on the faces');
    await app.screenshot('dark-customer-choose');
    // Each language, one tap away, in the dark palette too.
    for (const code of ['sn', 'nd', 'en']) {
      await app.click(`language-${code}`);
      await app.until(async () => (await app.driver.executeScript('return document.documentElement.lang')) === code, `the screen speaks ${code}`);
      assert.deepEqual(await app.accessibilityViolations(), [], `axe-core on the faces in ${code}`);
      if (code !== 'en') await app.screenshot(`dark-customer-choose-${code}`);
    }
    // A chosen face: its tick and word in the dark palette.
    await app.click('face-4');
    await app.find('countdown');
    assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core with a face chosen');
    await app.screenshot('dark-customer-countdown');
  } finally {
    await app.driver.switchTo().window(staff);
    await app.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      window.__TAURI__.core.invoke('end_customer_view').then(done, done);`);
    await app.until(async () => (await app.driver.getAllWindowHandles()).length === 1, 'staff end the customer view');
  }
});

test('the welcome screen is dark and axe-clean', async () => {
  await app.go('#/settings');
  await app.click('sign-out');
  await app.click('confirm-ok');
  await app.find('start-demo');
  assert.ok((await luminanceOf(pageBackground)) < 0.05, 'the welcome screen is dark');
  assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core on the welcome screen');
});

test("closed by staff, the app saves the staff window's place, never the customer's kiosk window", async () => {
  await app.closeAsStaff();
  const saved = JSON.parse(readFileSync(join(app.dataDir, 'window-state.json'), 'utf8'));
  assert.deepEqual(Object.keys(saved), ['main'], 'the customer window was opened above, and is not kept');
});
