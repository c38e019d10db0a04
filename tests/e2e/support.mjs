// Shared by the end-to-end tests: a real sandbox process, tauri-driver (which
// starts WebKitWebDriver, which starts the real app), a WebDriver session,
// and small helpers that find things the way the tests talk about them.

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, By, Capabilities, until } from 'selenium-webdriver';

export const repoRoot = resolve(import.meta.dirname, '../..');
const targetDir = process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target');
export const appBinary = join(targetDir, 'debug', 'ping-desk');
const sandboxBinary = join(targetDir, 'debug', 'ping-sandbox');
// artifacts/ by default (ignored by git); scripts/e2e.sh --docs refreshes
// the ones the README shows.
export const screenshotsDir = process.env.PING_DESK_SCREENSHOTS ?? join(repoRoot, 'artifacts', 'screenshots');
export const API_KEY = 'pk_test_EndToEndEndToEndEndToEnd12345678';

export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function waitForHttp(url, timeoutMs = 15000) {
  const started = Date.now();
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer`);
      await sleep(100);
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The sandbox as a separate process, so a test can stop and restart it. */
export class Sandbox {
  constructor(dir) {
    this.db = join(dir, 'sandbox.sqlite3');
    this.process = null;
  }

  async start() {
    this.port ??= await freePort();
    this.process = spawn(
      sandboxBinary,
      ['--demo', '--control', '--port', String(this.port), '--api-key', API_KEY, '--db', this.db],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    await waitForHttp(`${this.baseUrl}/_sandbox/stats`);
  }

  async stop() {
    if (!this.process) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGTERM');
    await exited;
    this.process = null;
  }

  async api(path, init = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { 'X-Ping-Api-Key': API_KEY, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
    return { status: response.status, body: await response.json() };
  }
}

// The app's windows as the X server knows them (their titles).
const WINDOW_TITLES = { main: '^Ping Desk$', customer: '^Ping Desk: how did we do\\?$' };

/** tauri-driver plus a session on the real app. `dataDir` reopens a data
 * folder an earlier App used (a restart); `env` is added to the app's
 * environment, `args` to its command line. */
export class App {
  constructor({ binary = appBinary, withSandbox = true, dataDir = null, env = {}, args = [] } = {}) {
    this.binary = binary;
    this.withSandbox = withSandbox;
    this.dataDir = dataDir;
    this.env = env;
    this.args = args;
  }

  async start() {
    const dir = mkdtempSync(join(tmpdir(), 'ping-desk-e2e-'));
    if (!this.dataDir) {
      this.dataDir = join(dir, 'app-data');
      mkdirSync(this.dataDir);
    }
    if (this.withSandbox) {
      this.sandbox = new Sandbox(dir);
      await this.sandbox.start();
    }

    const port = await freePort();
    const nativePort = await freePort();
    this.driverProcess = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
      // The app inherits this environment through WebKitWebDriver.
      env: { ...process.env, PING_DESK_DATA_DIR: this.dataDir, PING_DESK_LOG: 'warn', ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHttp(`http://127.0.0.1:${port}/status`);
    const capabilities = new Capabilities();
    capabilities.set('tauri:options', { application: this.binary, args: this.args });
    capabilities.setBrowserName('wry');
    this.driver = await new Builder()
      .withCapabilities(capabilities)
      .usingServer(`http://127.0.0.1:${port}/`)
      .build();
    await this.waitForReady();
    this.mainHandle = await this.driver.getWindowHandle();
  }

  async stop() {
    try {
      // The app may have closed itself (a test closed its window).
      await this.driver?.quit().catch((err) => {
        if (!this.exited) throw err;
      });
    } finally {
      this.driverProcess?.kill('SIGTERM');
      await this.sandbox?.stop();
    }
  }

  /** Connects the first-run screen to this App's sandbox with the test key. */
  async connect() {
    await this.type('connect-base-url', this.sandbox.baseUrl);
    await this.type('connect-api-key', API_KEY);
    await this.click('connect-submit');
    await this.find('new-ticket-form');
  }

  /** "Ask the customer" on the ticket shown; returns [staff, customer]
   * window handles, with the customer's window current and ready. */
  async askTheCustomer() {
    const staff = await this.driver.getWindowHandle();
    await this.click('detail-ask-customer');
    const customer = await this.until(
      async () => (await this.driver.getAllWindowHandles()).find((handle) => handle !== staff),
      'the customer window opens',
    );
    await this.driver.switchTo().window(customer);
    await this.driver.wait(until.elementLocated(By.css('html[data-ready="true"]')), 20000);
    return [staff, customer];
  }

  /** "End customer view" from the staff window. */
  async endCustomerView(staff) {
    await this.driver.switchTo().window(staff);
    await this.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      window.__TAURI__.core.invoke('end_customer_view').then(done, done);`);
    await this.until(async () => (await this.driver.getAllWindowHandles()).length === 1, 'staff end the customer view');
  }

  async waitForReady() {
    await this.driver.wait(until.elementLocated(By.css('body[data-ready="true"]')), 20000);
  }

  byTestId(id) {
    return By.css(`[data-testid="${id}"]`);
  }

  /** The first visible element with this test id, once it exists. */
  async find(id, timeoutMs = 10000) {
    const started = Date.now();
    for (;;) {
      const el = await this.driver.wait(until.elementLocated(this.byTestId(id)), timeoutMs, `no ${id}`);
      try {
        await this.driver.wait(until.elementIsVisible(el), Math.max(1, timeoutMs - (Date.now() - started)), `${id} not visible`);
        return el;
      } catch (err) {
        // Redrawn while we looked: look again.
        if (err?.name !== 'StaleElementReferenceError' || Date.now() - started > timeoutMs) throw err;
      }
    }
  }

  async all(id) {
    return this.driver.findElements(this.byTestId(id));
  }

  /** Runs `action` on the element, finding it again if the UI redrew it
   * in between (screens re-render when Ping's answers arrive). */
  async withElement(id, action) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action(await this.find(id));
      } catch (err) {
        if (err?.name !== 'StaleElementReferenceError' || attempt >= 5) throw err;
      }
    }
  }

  async click(id) {
    return this.withElement(id, (el) => el.click());
  }

  async type(id, text, { clear = true } = {}) {
    return this.withElement(id, async (el) => {
      if (clear) await el.clear();
      await el.sendKeys(text);
    });
  }

  async attribute(id, name) {
    return this.withElement(id, (el) => el.getAttribute(name));
  }

  /** Picks an option of a <select>. WebKitWebDriver cannot click options
   * in GTK's native pop-up, so the choice is made the way the pop-up does:
   * set the value and fire `change`. */
  async choose(id, value) {
    await this.withElement(id, async (select) => {
      await select.findElement(By.css(`option[value="${value}"]`));
      await this.driver.executeScript(
        'arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event("input", {bubbles: true})); arguments[0].dispatchEvent(new Event("change", {bubbles: true}));',
        select,
        value,
      );
    });
  }

  async text(id) {
    return this.withElement(id, (el) => el.getText());
  }

  /** Waits until `check` returns a truthy value, and returns it. `message`
   * may be an async function, to describe the page as it was at the end. */
  async until(check, message, timeoutMs = 15000) {
    const started = Date.now();
    let last;
    for (;;) {
      try {
        last = await check();
        if (last) return last;
      } catch (err) {
        last = err;
      }
      if (Date.now() - started > timeoutMs) {
        const what = typeof message === 'function' ? await message().catch((err) => `(could not describe: ${err})`) : message;
        throw new Error(`${what} (last: ${last})`);
      }
      await sleep(100);
    }
  }

  async go(hash) {
    await this.driver.executeScript(`location.hash = ${JSON.stringify(hash)}`);
  }

  /** Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is now and
   * returns its violations as readable lines. */
  async accessibilityViolations() {
    const source = readFileSync(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    // Injected as the automation script itself: the page's CSP rightly
    // forbids eval, and WebDriver scripts are not page scripts.
    if (!(await this.driver.executeScript('return Boolean(window.axe)'))) {
      await this.driver.executeScript(`${source}\n;return true;`);
    }
    const result = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
         .then((r) => done(r.violations.map((v) => v.id + ': ' + v.help + ' -> ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', '))))
         .catch((e) => done(['axe failed: ' + e]));`,
    );
    return result;
  }

  /**
   * The window WebDriver is on, as the X server shows it (what staff or the
   * customer see), as PNG bytes. WebKitWebDriver's own screenshots hang
   * when the web view draws without accelerated compositing, as Ping Desk
   * does (src-tauri/src/rendering.rs), so the display is read instead.
   */
  /** The X window id of the app's `main` or `customer` window. */
  xWindow(which) {
    return execFileSync('xdotool', ['search', '--onlyvisible', '--name', WINDOW_TITLES[which]], { encoding: 'utf8' })
      .trim()
      .split('\n')[0];
  }

  /** How many windows of this kind the X server shows. */
  xWindowCount(which) {
    try {
      return execFileSync('xdotool', ['search', '--onlyvisible', '--name', WINDOW_TITLES[which]], { encoding: 'utf8' }).trim().split('\n').length;
    } catch {
      return 0; // xdotool exits 1 when it finds none
    }
  }

  /** Asks a window to close as the window manager does for Alt+F4 or its close button. */
  requestClose(which) {
    // Debian's python3-xlib is for the system's interpreter.
    execFileSync('/usr/bin/python3', [join(repoRoot, 'tests/e2e/close-request.py'), this.xWindow(which)]);
  }

  /** Closes the staff window as staff do (Alt+F4, the close button), waits
   * for the app to exit (a next start must find the data folder free) and
   * ends the session. */
  async closeAsStaff() {
    const pid = execFileSync('xdotool', ['getwindowpid', this.xWindow('main')], { encoding: 'utf8' }).trim();
    const running = () => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'; // a zombie has ended
      } catch {
        return false;
      }
    };
    this.requestClose('main');
    await this.until(() => !running(), 'the app exits', 20000);
    this.exited = true;
    await this.stop();
  }

  /** An X property of a window as `xprop` prints it (e.g. _NET_WM_STATE). */
  xProperty(which, name) {
    return execFileSync('xprop', ['-id', this.xWindow(which), name], { encoding: 'utf8' });
  }

  async captureWindow() {
    const which = (await this.driver.getWindowHandle()) === this.mainHandle ? 'main' : 'customer';
    const id = this.xWindow(which);
    // The customer's full-screen window may cover the staff one: bring the
    // one pictured to the front.
    execFileSync('xdotool', ['windowraise', id]);
    await sleep(400);
    return execFileSync('import', ['-window', id, 'png:-']);
  }

  async screenshot(name) {
    mkdirSync(screenshotsDir, { recursive: true });
    await sleep(300); // let transitions and fonts settle
    writeFileSync(join(screenshotsDir, `${name}.png`), await this.captureWindow());
  }
}
