// The staff window opens where staff left it: moved and resized, closed the
// way staff close it (the window manager's close request), started again on
// the same data folder, it comes back with the same rectangle; maximised, it
// comes back maximised. A real window manager (openbox) runs on the test
// display for this file only: without one nothing can be maximised. The
// state lives in the data folder (PING_DESK_DATA_DIR), never shared.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, sleep } from './support.mjs';

let windowManager;
let dataDir;

before(async () => {
  windowManager = spawn('openbox', ['--sm-disable'], { stdio: 'ignore' });
  // Running once it owns the screen's window-manager selection.
  for (let i = 0; i < 50; i += 1) {
    try {
      if (/_NET_SUPPORTING_WM_CHECK\(WINDOW\)/.test(execFileSync('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK'], { encoding: 'utf8' }))) break;
    } catch {
      // not yet
    }
    await sleep(100);
  }
});

after(() => {
  // By its id: the one this file started.
  windowManager?.kill('SIGTERM');
});

/** Starts the app on `dataDir` (a new folder the first time). */
async function open() {
  const app = new App({ withSandbox: false, dataDir });
  await app.start();
  dataDir = app.dataDir;
  return app;
}

const closeAsStaff = (app) => app.closeAsStaff();

const stateFile = () => join(dataDir, 'window-state.json');
const rect = (app) => app.driver.manage().window().getRect();
const near = (a, b) => Math.abs(a - b) <= 2;

test('moved and resized, the staff window comes back where it was left', async () => {
  let app = await open();
  assert.equal(existsSync(stateFile()), false, 'nothing saved before the first close');
  await app.driver.manage().window().setRect({ x: 130, y: 90, width: 1000, height: 660 });
  const left = await app.until(async () => {
    const now = await rect(app);
    return near(now.width, 1000) && near(now.height, 660) ? now : null;
  }, 'the window is resized');
  await closeAsStaff(app);

  const saved = JSON.parse(readFileSync(stateFile(), 'utf8'));
  assert.deepEqual(Object.keys(saved), ['main'], 'the staff window only');
  assert.equal(saved.main.maximized, false);

  app = await open();
  try {
    const back = await rect(app);
    for (const key of ['x', 'y', 'width', 'height']) {
      assert.ok(near(back[key], left[key]), `${key}: ${back[key]} again, as left (${left[key]}); ${JSON.stringify(back)}`);
    }
    assert.notEqual(back.width, 1200, 'not the default size');
  } finally {
    await closeAsStaff(app);
  }
});

test('maximised, it comes back maximised, and keeps the size to restore to', async () => {
  let app = await open();
  await app.driver.manage().window().maximize();
  await app.until(async () => (await rect(app)).width >= 1270, 'the window is maximised');
  await closeAsStaff(app);
  const saved = JSON.parse(readFileSync(stateFile(), 'utf8'));
  assert.equal(saved.main.maximized, true);
  assert.ok(near(saved.main.width, 1000), `the size to restore to is kept: ${saved.main.width}`);

  app = await open();
  try {
    await app.until(async () => (await rect(app)).width >= 1270, 'the window opens maximised');
    const state = execFileSync('xprop', ['-id', app.xWindow('main'), '_NET_WM_STATE'], { encoding: 'utf8' });
    assert.match(state, /_NET_WM_STATE_MAXIMIZED_HORZ/, state);
  } finally {
    await closeAsStaff(app);
  }
});

test("a damaged state file is ignored: the window opens at its default size", async () => {
  rmSync(stateFile());
  const { writeFileSync } = await import('node:fs');
  writeFileSync(stateFile(), '{"main": {"width": ');
  const app = await open();
  try {
    const now = await rect(app);
    assert.ok(near(now.width, 1200), `default width: ${JSON.stringify(now)}`);
    assert.equal(await app.driver.executeScript('return document.body.dataset.ready'), 'true', 'the app started');
  } finally {
    await closeAsStaff(app);
  }
});
