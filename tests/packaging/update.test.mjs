// The installed app (version N, from its .deb) updates itself from a feed on
// loopback: a tampered package and one signed with another key are refused
// and N keeps working; the genuine N+1 is downloaded, its signature checked,
// installed with the system's package manager, and the app restarts into it
// (or, when it was not restarted, installs it as it quits). Run by
// tests/packaging/run.sh, which builds and installs the packages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, sleep } from '../e2e/support.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests/packaging/run.sh`);
  return value;
};
const port = Number(env('PING_DESK_UPDATE_PORT'));
const OLD = env('PING_DESK_OLD_VERSION');
const NEW = env('PING_DESK_NEW_VERSION');
const newDeb = readFileSync(env('PING_DESK_NEW_DEB'));
const genuineSignature = readFileSync(env('PING_DESK_NEW_SIG'), 'utf8').trim();
const strangerSignature = readFileSync(env('PING_DESK_STRANGER_SIG'), 'utf8').trim();
const INSTALLED = '/usr/bin/ping-desk';
const NOTES = 'Faster ticket list.\nShona and Ndebele on the customer’s screen.';

// One byte changed after signing, in the middle of the package.
const tamperedDeb = Buffer.from(newDeb);
tamperedDeb[Math.floor(tamperedDeb.length / 2)] ^= 0xff;

/** What the feed offers now: {deb, signature}. */
let offer = null;
const downloads = [];
const feed = createServer((request, response) => {
  if (request.url === '/latest.json') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({
      version: NEW,
      notes: NOTES,
      pub_date: '2026-12-01T09:00:00Z',
      platforms: {
        'linux-x86_64-deb': { signature: offer.signature, url: `http://127.0.0.1:${port}/ping-desk_${NEW}_amd64.deb` },
      },
    }));
    return;
  }
  if (request.url === `/ping-desk_${NEW}_amd64.deb`) {
    downloads.push(request.url);
    response.setHeader('content-type', 'application/vnd.debian.binary-package');
    response.setHeader('content-length', String(offer.deb.length));
    response.end(offer.deb);
    return;
  }
  response.statusCode = 404;
  response.end();
});

const dataDir = join(mkdtempSync(join(tmpdir(), 'ping-desk-update-')), 'app-data');
mkdirSync(dataDir);
let app = null;

const installedVersion = () => execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'ping-desk'], { encoding: 'utf8' }).trim();

/** Processes running the installed binary: {pid, replaced} (replaced: its file was since swapped by dpkg). */
function installedProcesses() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const exe = readlinkSync(`/proc/${pid}/exe`);
      if (exe === INSTALLED || exe === `${INSTALLED} (deleted)`) found.push({ pid: Number(pid), replaced: exe !== INSTALLED });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

function stopInstalledProcesses() {
  for (const { pid } of installedProcesses()) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

async function openInstalledApp() {
  app = new App({ binary: INSTALLED, withSandbox: false, dataDir });
  await app.start();
  // A workspace, so Settings is there: the demo one needs no key.
  if ((await app.all('start-demo')).length) {
    await app.click('start-demo');
    await app.find('nav-settings');
  }
  return app;
}

async function closeApp() {
  await app?.stop().catch(() => {});
  app = null;
}

/** Ends every app left running (a restarted one is no WebDriver session's),
 * so the next launch is not handed over to it (one app per data folder). */
async function closeEverything() {
  await closeApp();
  stopInstalledProcesses();
  for (let i = 0; i < 100 && installedProcesses().length; i++) await sleep(100);
}

/** Settings → Updates → "Check for updates": the offer appears with its notes. */
async function checkAndSeeOffer() {
  await app.go('#/settings');
  await app.find('settings-updates');
  // The quiet check at start-up may already have found it.
  if ((await app.attribute('update-state', 'data-state')) === 'none') await app.click('update-check');
  await app.until(async () => (await app.attribute('update-state', 'data-state')) === 'available', 'the update is offered');
  assert.equal(await app.attribute('update-state', 'data-version'), NEW);
  assert.equal(await app.text('update-notes'), NOTES, 'what is new, as the release says');
  assert.equal(await app.text('update-current-version'), OLD);
}

async function expectRefused() {
  const before = downloads.length;
  await app.click('update-download');
  await app.until(async () => (await app.attribute('update-result', 'data-ok')) === 'false', 'the download is refused');
  assert.equal(downloads.length, before + 1, 'the package was downloaded, then refused');
  assert.match(await app.text('update-result'), /not signed by Ping Desk, so it was not installed/);
  assert.equal(await app.attribute('update-state', 'data-state'), 'available', 'nothing is ready to install');
  assert.equal(installedVersion(), OLD, 'the installed package is unchanged');
  // The installed version keeps working.
  await app.go('#/tickets');
  await app.find('ticket-row');
  assert.match(await app.text('app-version'), new RegExp(`v${OLD.replaceAll('.', '\\.')}$`));
}

before(async () => {
  feed.listen(port, '127.0.0.1');
  await once(feed, 'listening');
  assert.equal(installedVersion(), OLD, `version ${OLD} is installed`);
});

after(async () => {
  await closeEverything();
  feed.close();
});

/** The feed offers `forged`: the installed app sees the offer and refuses the download. */
async function refuseForged(forged) {
  offer = forged;
  try {
    await openInstalledApp();
    await checkAndSeeOffer();
    await expectRefused();
  } finally {
    await closeEverything();
  }
}

test('a package changed after it was signed is refused, and the installed app keeps working', () =>
  refuseForged({ deb: tamperedDeb, signature: genuineSignature }));

test('a package signed with another key is refused', () => refuseForged({ deb: newDeb, signature: strangerSignature }));

test('the genuine update downloads, waits for typed text, installs and restarts into the new version', async () => {
  offer = { deb: newDeb, signature: genuineSignature };
  try {
    await updateAndRestart();
  } finally {
    await closeEverything();
  }
});

async function updateAndRestart() {
  await openInstalledApp();
  await checkAndSeeOffer();
  await app.click('update-download');
  await app.until(async () => (await app.attribute('update-state', 'data-state')) === 'ready', 'the update is downloaded and verified', 60000);
  assert.match(await app.text('update-banner'), new RegExp(`${NEW.replaceAll('.', '\\.')} is ready to install`));
  assert.equal(installedVersion(), OLD, 'downloading alone installs nothing');

  // Typed text and not saved: no restart.
  await app.type('settings-store-name', 'Harare Central');
  await app.click('update-restart');
  await app.until(async () => /text that is not saved/.test(await app.text('update-result')), 'the restart waits for the typed text');
  await sleep(1000);
  assert.equal(installedVersion(), OLD, 'nothing was installed while a form held typed text');
  await app.withElement('settings-store-name', (el) => el.clear());

  await app.click('update-restart');
  await app.until(() => installedVersion() === NEW, `version ${NEW} is installed`, 60000);
  // The app restarted into the new binary: a process of the new file, with a window.
  const restarted = await app.until(() => installedProcesses().find((p) => !p.replaced), 'the app restarted into the new version', 30000);
  await app.until(() => {
    try {
      return execFileSync('xdotool', ['search', '--onlyvisible', '--pid', String(restarted.pid), '--name', 'Ping Desk'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  }, 'the restarted app shows its window', 30000);
  await closeEverything();

  // Opened again (as staff would): it reports the new version, and finds nothing newer.
  await openInstalledApp();
  assert.match(await app.text('app-version'), new RegExp(`v${NEW.replaceAll('.', '\\.')}$`));
  await app.go('#/settings');
  assert.equal(await app.text('update-current-version'), NEW);
  await app.click('update-check');
  await app.until(async () => /is up to date/.test(await app.text('update-result')), 'no newer version');
}

test('a downloaded update not restarted into installs as the app quits', async () => {
  // Back to the old version, as a desk that has not updated yet.
  const asRoot = process.getuid() === 0 ? [] : ['sudo', '-n'];
  const [command, ...args] = [...asRoot, 'dpkg', '-i', env('PING_DESK_OLD_DEB')];
  execFileSync(command, args, { stdio: 'ignore' });
  assert.equal(installedVersion(), OLD);
  offer = { deb: newDeb, signature: genuineSignature };
  try {
    await openInstalledApp();
    await checkAndSeeOffer();
    await app.click('update-download');
    await app.until(async () => (await app.attribute('update-state', 'data-state')) === 'ready', 'the update is ready', 60000);
    assert.equal(installedVersion(), OLD);
    // Staff close the window at the end of the day (as the window manager
    // asks on Alt+F4 or the close button).
    app.requestClose('main');
    await app.until(() => installedVersion() === NEW, `version ${NEW} is installed as the app quits`, 60000);
  } finally {
    await closeEverything();
  }
});
