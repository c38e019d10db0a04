// Languages end to end, in the real windows against a sandbox process:
// - the staff language is a setting, and the page's `lang` follows it;
// - the pseudo-locale (every word marked ⟦…⟧ and accented) is driven
//   through every staff screen, dialog and the customer's screen, and the
//   test fails on any visible or spoken text that is not marked (data from
//   Ping carries translate="no" and is left out), so no hard-coded word
//   survives;
// - a customer's whole flow in chiShona and in isiNdebele, opened in the
//   ticket's preferred language, with the one-tap switch, and the slip in
//   their language;
// - axe-core finds no violations in every language.
// Screenshots of the customer's screen and the slip in each language.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, sleep } from './support.mjs';
import en from '../../ui/locales/en.js';
import sn from '../../ui/locales/sn.js';
import nd from '../../ui/locales/nd.js';

const app = new App();
const CATALOGUES = { en, sn, nd };
const stamp = Date.now().toString(36);
/** Tickets made for the flows: {sn, nd} numbers. */
const tickets = {};

before(async () => {
  await app.start();
  await app.connect();
});

after(async () => {
  await app.stop();
});

/** A catalogue's words for a key, as the screen shows them (a plural message's form for `count`). */
function words(code, key, params = {}) {
  const message = CATALOGUES[code][key] ?? en[key];
  const form = typeof message === 'string' ? message : (message[new Intl.PluralRules(code).select(params.count)] ?? message.other);
  return form.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

async function screenReady(route) {
  await app.go(route);
  await app.until(async () => (await app.driver.executeScript('return document.querySelector("main")?.dataset.screenReady')) === 'true', `${route} ready`);
  await sleep(300);
}

/** Saves settings through the same command Settings uses (for the pseudo-locale, which Settings offers only once set). */
async function saveSettings(changes) {
  const result = await app.driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     const tauri = window.__TAURI__.core;
     tauri.invoke('workspace').then((ws) => tauri.invoke('save_settings', { settings: { ...ws.settings, ...arguments[0] } }))
       .then(() => done('ok'), (err) => done(JSON.stringify(err)));`,
    changes,
  );
  assert.equal(result, 'ok', `settings saved: ${result}`);
}

async function reload() {
  await app.driver.executeScript('location.reload()');
  await sleep(300);
  await app.waitForReady();
}

// Text that is not ours to translate: the product's name, and data marked
// translate="no" (names, subjects, numbers, Ping's own messages), dates and
// times Intl wrote (<time>), and keys printed on the keyboard (<kbd>, marked
// translate="no" too).
const UNMARKED_SCRIPT = `
  const strip = (text) => {
    let rest = text.replace(/Ping Desk/g, '');
    for (let before = null; before !== rest; ) { before = rest; rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ''); }
    return rest;
  };
  const exempt = (el) => !el || el.closest('script, style, [translate="no"], time');
  const found = [];
  // The page's text in document order (a message with markup in it, such as
  // a <kbd>, spans several text nodes), each node tagged with where it is.
  let all = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    if (exempt(node.parentElement)) continue;
    const el = node.parentElement;
    all += '\u0001' + el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + '\u0002' + node.textContent;
  }
  // Strip every marked message; what is left of each node must hold no letter.
  for (const piece of strip(all).split('\u0001')) {
    const [where, text = ''] = piece.split('\u0002');
    if (/\\p{L}/u.test(text.replace(/\u0002/g, ''))) found.push(where + ': ' + text.trim().slice(0, 80));
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest('[translate="no"], time')) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value && /\\p{L}/u.test(strip(value))) found.push(el.tagName.toLowerCase() + '@' + name + ': ' + value.slice(0, 80));
    }
  }
  return found;`;

async function unmarkedText(where, problems) {
  const found = await app.driver.executeScript(UNMARKED_SCRIPT);
  if (found.length) problems[where] = found;
}

test('the staff language is a setting, and the page speaks it (lang, words, dates)', async () => {
  await screenReady('#/settings');
  assert.equal(await app.driver.executeScript('return document.documentElement.lang'), 'en');
  await app.choose('settings-ui-language', 'sn');
  await app.click('settings-save');
  await app.until(async () => (await app.driver.executeScript('return document.documentElement.lang')) === 'sn', 'the page is Shona');
  await app.until(async () => (await app.text('nav-new')) === words('sn', 'nav.new'), 'the menu speaks Shona');
  assert.equal(await app.attribute('settings-ui-language', 'value'), 'sn', 'Settings shows the choice');
  // Kept across a restart of the page, from the saved settings.
  await reload();
  assert.equal(await app.driver.executeScript('return document.documentElement.lang'), 'sn');
  await app.screenshot('staff-settings-sn');
  await screenReady('#/settings');
  await app.choose('settings-ui-language', 'en');
  await app.click('settings-save');
  await app.until(async () => (await app.driver.executeScript('return document.documentElement.lang')) === 'en', 'back to English');
  assert.equal(await app.text('nav-new'), 'New ticket');
});

/** Submits the New ticket form and returns the TKT number of the ticket it logged (not the one shown before). */
async function logAndWait(what) {
  const before = await app.driver.executeScript('return document.querySelector(\'[data-testid="submit-result-ref"]\')?.textContent ?? null');
  await app.click('new-ticket-submit');
  return app.until(async () => {
    const text = await app.driver.executeScript('return document.querySelector(\'[data-testid="submit-result-ref"]\')?.textContent ?? ""');
    return text.startsWith('TKT-') && text !== before ? text : null;
  }, `${what} reaches Ping`);
}

test('New ticket writes the preferred language to Ping as its code, and the ticket reads codes and names back', async () => {
  for (const code of ['sn', 'nd']) {
    await screenReady('#/new');
    await app.type('new-ticket-subject', `Airtime not credited (${code}) ${stamp}`);
    await app.type('new-ticket-description', 'Bought airtime at the counter; the balance did not change.');
    await app.type('new-ticket-customer-first-name', code === 'sn' ? 'Rutendo' : 'Sipho');
    await app.choose('new-ticket-preferred-language', code);
    tickets[code] = await logAndWait(`the ${code} ticket`);
    const { body } = await app.sandbox.api(`/v1/api/tickets/${tickets[code]}`);
    assert.equal(body.ticket.preferredLanguage, code, 'Ping keeps the ISO 639-1 code');
  }
  // "Other": the language as typed.
  await screenReady('#/new');
  await app.choose('new-ticket-preferred-language', 'other');
  await app.type('new-ticket-preferred-language-other', 'Tonga');
  await app.type('new-ticket-subject', `Other language ${stamp}`);
  await app.type('new-ticket-description', 'Walk-in speaks Tonga.');
  const other = await logAndWait('the Tonga ticket');
  assert.equal((await app.sandbox.api(`/v1/api/tickets/${other}`)).body.ticket.preferredLanguage, 'Tonga');
  // A name written by another system reads back as the language.
  const { body } = await app.sandbox.api('/v1/api/tickets', {
    method: 'POST',
    body: JSON.stringify({ subject: `Named language ${stamp}`, description: 'From the web form', preferred_language: 'isiNdebele' }),
  });
  await screenReady(`#/tickets/${body.ticket.ticketNumber}`);
  assert.equal(await app.text('detail-preferred-language'), 'isiNdebele');
  assert.equal(await app.driver.executeScript('return document.querySelector(\'[data-testid="detail-preferred-language"] [lang]\')?.lang'), 'nd');
  await screenReady(`#/tickets/${tickets.sn}`);
  assert.equal(await app.text('detail-preferred-language'), 'chiShona');
});

/** Opens the customer's screen for a ticket; returns [staff, customer] window handles. */
async function askTheCustomer(ticket) {
  await screenReady(`#/tickets/${ticket}`);
  return app.askTheCustomer();
}

const endCustomerView = (staff) => app.endCustomerView(staff);

async function slipShot(ticket, code) {
  await screenReady(`#/tickets/${ticket}`);
  await app.click('detail-print-slip');
  await app.find('slip-dialog');
  await app.until(async () => (await app.driver.executeScript('return document.querySelector(\'[data-testid="slip"]\')?.lang')) === code, `the slip is in ${code}`);
  const label = await app.driver.executeScript('return document.querySelector(\'[data-testid="slip"] .slip-label\').textContent');
  assert.equal(label, words(code, 'slip.yourNumber'));
  assert.equal(
    await app.driver.executeScript('return document.querySelector(\'[data-testid="slip"] .slip-footer\').textContent'),
    words(code, 'slip.thanks'),
  );
  assert.deepEqual(await app.accessibilityViolations(), [], `axe-core on the slip dialog (${code})`);
  await app.screenshot(`ticket-slip-${code}`);
  await app.click('slip-close');
  await app.until(async () => (await app.all('slip-dialog')).length === 0, 'the slip dialog closes');
}

for (const code of ['sn', 'nd']) {
  test(`a customer answers in ${code === 'sn' ? 'chiShona' : 'isiNdebele'}: the screen opens in the ticket's language, one tap switches, the slip is theirs`, async () => {
    const [staff] = await askTheCustomer(tickets[code]);
    try {
      assert.equal(await app.driver.executeScript('return document.documentElement.lang'), code, 'lang follows the ticket');
      assert.equal(await app.text('customer-screen').then(() => app.driver.executeScript('return document.querySelector("h1").textContent')), words(code, 'customer.question'));
      assert.equal(await app.attribute(`language-${code}`, 'aria-pressed'), 'true');
      for (const score of [1, 2, 3, 4, 5]) {
        const word = await app.driver.executeScript(`return document.querySelector('[data-testid="face-${score}"] .face-word').textContent`);
        assert.equal(word, words(code, `face.${score}`));
      }
      assert.deepEqual(await app.accessibilityViolations(), [], `axe-core on the customer's screen (${code})`);
      await app.screenshot(`customer-choose-${code}`);

      // One tap: English, then back.
      await app.click('language-en');
      await app.until(async () => (await app.driver.executeScript('return document.documentElement.lang')) === 'en', 'switched to English');
      assert.equal(await app.driver.executeScript('return document.querySelector("h1").textContent'), en['customer.question']);
      await app.click(`language-${code}`);
      await app.until(async () => (await app.driver.executeScript('return document.documentElement.lang')) === code, 'and back');

      await app.click('face-4');
      await app.until(async () => (await app.text('countdown')).startsWith(words(code, 'customer.countdown', { count: 4 }).slice(0, 12)), 'the countdown speaks the language');
      await app.screenshot(`customer-countdown-${code}`);
      await app.find('comment-text', 15000);
      assert.equal(await app.text('comment-skip'), words(code, 'customer.comment.skip'));
      assert.deepEqual(await app.accessibilityViolations(), [], `axe-core on the comment screen (${code})`);
      await app.type('comment-text', code === 'sn' ? 'Vashandi vakandibatsira zvakanaka.' : 'Abasebenzi bangisize kuhle.');
      await app.screenshot(`customer-comment-${code}`);
      await app.click('comment-send');
      await app.find('thank-you');
      assert.equal(await app.driver.executeScript('return document.querySelector("h1").textContent'), words(code, 'customer.thanks.title'));
      await app.screenshot(`customer-thank-you-${code}`);
      await app.find('waiting', 15000);
    } finally {
      await endCustomerView(staff);
    }
    const score = await app.until(async () => (await app.sandbox.api(`/v1/api/tickets/${tickets[code]}`)).body.ticket.csatScore, 'the score reaches Ping', 30000);
    assert.equal(score, 4);
    await slipShot(tickets[code], code);
  });
}

test('in English too: the customer screen and slip for the record', async () => {
  const { body } = await app.sandbox.api('/v1/api/tickets', {
    method: 'POST',
    body: JSON.stringify({ subject: `Router setup ${stamp}`, description: 'Needs the Wi-Fi password changed', customer_first_name: 'Tendai', preferred_language: 'English' }),
  });
  const [staff] = await askTheCustomer(body.ticket.ticketNumber);
  try {
    assert.equal(await app.driver.executeScript('return document.documentElement.lang'), 'en');
    await app.screenshot('customer-choose-en');
  } finally {
    await endCustomerView(staff);
  }
  await slipShot(body.ticket.ticketNumber, 'en');
});

test('the staff screens pass axe-core in chiShona and isiNdebele', async () => {
  const found = {};
  for (const code of ['sn', 'nd']) {
    await saveSettings({ uiLanguage: code });
    await reload();
    for (const route of ['#/new', '#/tickets', `#/tickets/${tickets.sn}`, '#/today', '#/outbox', '#/templates', '#/settings', '#/about']) {
      await screenReady(route);
      assert.equal(await app.driver.executeScript('return document.documentElement.lang'), code);
      const violations = await app.accessibilityViolations();
      if (violations.length) found[`${code} ${route}`] = violations;
    }
  }
  await saveSettings({ uiLanguage: 'en' });
  assert.deepEqual(found, {});
});

test('pseudo-locale: every word on every screen, dialog and the customer screen came through the catalogues', async () => {
  await saveSettings({ uiLanguage: 'en-XA' });
  await reload();
  assert.equal(await app.driver.executeScript('return document.documentElement.lang'), 'en-XA');
  const problems = {};
  const violations = {};
  for (const route of ['#/new', '#/tickets', `#/tickets/${tickets.sn}`, '#/today', '#/outbox', '#/outbox?done=1', '#/templates', '#/settings', '#/about', '#/nowhere']) {
    await screenReady(route);
    await unmarkedText(route, problems);
    const axe = await app.accessibilityViolations();
    if (axe.length) violations[route] = axe;
  }
  // What only shows after a step: form errors, the returning customer, dialogs.
  await screenReady('#/new');
  await app.type('new-ticket-customer-phone', '0771234567');
  await app.click('new-ticket-submit');
  await app.find('error-description');
  await app.choose('new-ticket-preferred-language', 'other');
  await unmarkedText('#/new with errors', problems);
  await app.type('new-ticket-customer-phone', '+263772345678');
  await app.until(async () => (await app.all('customer-history')).length > 0, 'the history panel');
  await sleep(800);
  await unmarkedText('#/new with a customer looked up', problems);
  await app.driver.executeScript("document.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }))");
  await app.find('keyboard-help');
  await unmarkedText('keyboard help', problems);
  await app.click('keyboard-help-close');
  await screenReady(`#/tickets/${tickets.sn}`);
  await app.click('detail-print-slip');
  await app.find('slip');
  await unmarkedText('slip dialog (the slip itself is in the ticket language)', problems);
  await app.click('slip-close');
  await screenReady('#/settings');
  await app.click('sign-out');
  await app.find('confirm-dialog');
  await unmarkedText('sign-out dialog', problems);
  await app.click('confirm-cancel');
  await app.screenshot('pseudo-settings');
  // The check itself can fail: a word put on the page without the catalogues is found.
  await app.driver.executeScript(`const p = document.createElement('p'); p.id = 'unmarked-probe'; p.textContent = 'Plain words';
    document.querySelector('main').append(p);`);
  const probe = {};
  await unmarkedText('probe', probe);
  await app.driver.executeScript("document.getElementById('unmarked-probe').remove()");
  assert.deepEqual(probe, { probe: ['p: Plain words'] }, 'the check finds a word that is not marked');

  // The customer's screen, asked in the pseudo-locale by a pseudo staff window.
  const [staff] = await askTheCustomer(tickets.nd);
  try {
    assert.equal(await app.driver.executeScript('return document.documentElement.lang'), 'en-XA');
    await unmarkedText('customer: choosing', problems);
    await app.click('face-3');
    await app.find('countdown');
    await unmarkedText('customer: countdown', problems);
    await app.find('comment-text', 15000);
    await unmarkedText('customer: comment', problems);
    await app.screenshot('pseudo-customer-comment');
    const corner = await app.find('staff-corner');
    await app.driver.actions().move({ origin: corner }).press().pause(400).release().perform();
    await sleep(300);
    await unmarkedText('customer: staff hint', problems);
  } finally {
    await endCustomerView(staff);
  }
  // Signing out: its dialog, then the first-run screen with the connect form.
  await screenReady('#/settings');
  await app.click('sign-out');
  await app.find('confirm-dialog');
  await app.click('confirm-ok');
  await app.find('connect-api-key');
  await app.type('connect-api-key', 'pk_test_short');
  await app.click('connect-submit');
  await app.find('error-apiKey');
  await unmarkedText('welcome, with a refused key', problems);
  const welcomeAxe = await app.accessibilityViolations();
  if (welcomeAxe.length) violations['#/welcome'] = welcomeAxe;
  assert.deepEqual(problems, {}, `text not marked by the pseudo-locale (a word that skipped the catalogues): ${JSON.stringify(problems, null, 1)}`);
  assert.deepEqual(violations, {}, `axe-core in the pseudo-locale: ${JSON.stringify(violations, null, 1)}`);
});
