// The store's copy end to end, in the real window against a sandbox process
// (issue 12's "done when"). A desk that has been online a while loses Ping
// (the sandbox process stops) and still:
// - lists the store's recent tickets, saying how many it holds for the
//   store and as of when, its pages "on this desk", never Ping's count;
// - finds a returning customer's history by phone in each form staff type,
//   from tickets it never opened (only the background copy read them);
// and when the sandbox returns, the walk-ins logged meanwhile reach Ping
// within 10 s, once each, numbered in the order they were logged.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { App, sleep } from './support.mjs';

const app = new App();
const REGION = 'Harare CBD';
const PHONE = '+263779876543';
/** The returning customer's earlier visits, made in Ping before the desk connects. */
const EARLIER = ['Router drops at night', 'Bill shows a double charge'];
let heldForStore; // how many of the store's tickets Ping has, as the copy should hold

before(async () => {
  await app.start();
  for (const subject of EARLIER) {
    const { status } = await app.sandbox.api('/v1/api/tickets', {
      method: 'POST',
      body: JSON.stringify({
        subject,
        description: 'Came to the counter.',
        customer_phone: PHONE,
        customer_first_name: 'Tendai',
        customer_last_name: 'Moyo',
        store_region: REGION,
      }),
    });
    assert.equal(status, 201);
  }
  const { body } = await app.sandbox.api(`/v1/api/tickets?store_region=${encodeURIComponent(REGION)}&per_page=100`);
  heldForStore = body.pagination.total;
  assert.ok(heldForStore > EARLIER.length, `the demo data has other ${REGION} tickets too`);

  await app.connect();
});

after(async () => {
  await app.stop();
});

/** What the backend says the desk holds (the command Settings uses). */
async function storeCopyStatus() {
  return JSON.parse(
    await app.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      window.__TAURI__.core.invoke('store_copy_status').then((s) => done(JSON.stringify(s)), (e) => done(JSON.stringify({ error: e })));`),
  );
}

test('the store in Settings is copied in the background, and Settings says how much is held', async () => {
  await app.go('#/settings');
  await app.type('settings-store-region', REGION);
  await app.click('settings-save');
  await app.until(async () => /saved/i.test(await app.text('settings-saved')), 'the settings are saved');
  const status = await app.until(async () => {
    const s = await storeCopyStatus();
    return s.storeRegion === REGION && s.asOf && s.held === heldForStore && s.listed === heldForStore ? s : null;
  }, `the copy holds all ${heldForStore} of ${REGION}'s tickets`, 60000);
  assert.equal(status.queued, 0);
  await app.go('#/tickets');
  await app.go('#/settings');
  await app.until(
    async () => (await app.text('settings-store-copy')).includes(`${heldForStore} tickets held for ${REGION}, as of`),
    'Settings says what the desk holds',
  );
  await app.screenshot('settings-store-copy');
});

test('offline, the list says how many of the store the desk holds and as of when', async () => {
  await app.sandbox.stop(); // the shop's internet drops
  await app.go(`#/tickets?store_region=${encodeURIComponent(REGION)}&per_page=100`);
  const held = await app.until(async () => {
    const els = await app.all('held-notice');
    return els.length ? els[0].getText() : null;
  }, 'the list says what the desk holds');
  assert.match(held, new RegExp(`^${heldForStore} tickets held for ${REGION}, as of .+`));
  assert.doesNotMatch(held, /not copied yet/, 'the whole store is held');
  assert.match(await app.text('freshness-notice'), /offline/i);
  // The pages are of what this desk holds, and say so.
  const pageInfo = await app.text('page-info');
  assert.match(pageInfo, new RegExp(`^Page 1 of 1 here · ${heldForStore} tickets on this desk$`), pageInfo);
  assert.equal((await app.all('ticket-row')).length, heldForStore);
  assert.deepEqual(await app.accessibilityViolations(), [], 'axe-core on the offline list');
  await app.screenshot('offline-list-held');
});

test("offline, a returning customer's history is found by phone in each form staff type", async () => {
  // Still offline. The desk never opened these tickets: only the copy read them in full.
  await app.go('#/new');
  let first = true;
  for (const typed of ['077 987 6543', '0779876543', '+263 77 987 6543', '263779876543', '+263779876543']) {
    // Emptied by keys, as staff do (the lookup listens for input): the panel
    // goes, so the one that comes back is this form's answer.
    await app.withElement('new-ticket-customer-phone', (el) => el.sendKeys(Key.CONTROL, 'a', Key.NULL, Key.BACK_SPACE));
    await app.until(async () => (await app.all('customer-history')).length === 0, 'the last answer is cleared');
    await app.type('new-ticket-customer-phone', typed, { clear: false });
    await app.until(
      async () => (await app.attribute('customer-history-count', 'data-count')) === String(EARLIER.length),
      `the earlier visits are found for "${typed}"`,
    );
    const offline = await app.text('customer-history-offline');
    assert.match(offline, new RegExp(`${heldForStore} tickets held for ${REGION}`), offline);
    if (first) {
      await app.until(
        async () => (await app.attribute('new-ticket-customer-first-name', 'value')) === 'Tendai',
        'the name is filled in from last time',
      );
      first = false;
    }
  }
  await app.screenshot('offline-returning-customer');
});

test('walk-ins logged offline reach Ping within 10 s of its return, in the order they were logged', async () => {
  const stamp = Date.now().toString(36);
  const subjects = [1, 2, 3].map((n) => `Walk-in ${n} while offline ${stamp}`);
  let before = null;
  for (const subject of subjects) {
    await app.go('#/new');
    await app.type('new-ticket-subject', subject);
    await app.type('new-ticket-description', 'Logged while the shop was offline.');
    await app.withElement('new-ticket-description', (el) => el.sendKeys(Key.CONTROL, Key.ENTER));
    before = await app.until(async () => {
      const els = await app.all('submit-result-ref');
      const text = els.length ? await els[0].getText().catch(() => null) : null;
      return text && text !== before && /^LOCAL-/.test(text) ? text : null;
    }, `"${subject}" is queued`);
  }
  // Ping does not answer: nothing left.
  assert.match(await app.text('sync-label'), /offline/i);

  await sleep(3000); // an outage of a few seconds more, so the desk's checks have backed off
  await app.sandbox.start();
  const back = Date.now();
  const numbers = await app.until(async () => {
    const found = [];
    for (const subject of subjects) {
      const { body } = await app.sandbox.api(`/v1/api/tickets?search=${encodeURIComponent(subject)}`);
      if (body.tickets?.length !== 1) return null;
      found.push(body.tickets[0].ticketNumber);
    }
    return found;
  }, 'the queued walk-ins reach Ping within 10 s of its return', 10000);
  console.log(`# queued walk-ins all reached Ping ${Date.now() - back} ms after it came back`);
  // One each, numbered in walk-in order.
  const order = numbers.map((n) => Number(n.replace(/\D/g, '')));
  assert.deepEqual([...order].sort((a, b) => a - b), order, `numbers in walk-in order: ${numbers.join(', ')}`);
  await app.until(async () => /online/i.test(await app.text('sync-label')), 'the status says online');
});
