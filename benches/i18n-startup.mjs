// Does the staff language slow the first screen? Cold start to interactive
// of the release build, in English (the catalogue every page imports) and
// in chiShona (one more catalogue module, fetched alongside the workspace),
// 11 launches each after a warm-up, in the same run. The
// page's own marks (ms after navigation: modules in, workspace, language
// loaded, first screen routed) come from the app's log.
// Run through scripts/bench-i18n.sh (Xvfb, a Secret Service, the build).

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, sleep } from '../tests/e2e/support.mjs';
import { median, stopTree } from './proc.mjs';

const pingDesk = process.env.BENCH_PING_DESK ?? join(process.env.CARGO_TARGET_DIR, 'release', 'ping-desk');
const LAUNCHES = 11;

async function launchUntilReady(dataDir) {
  const dir = mkdtempSync(join(tmpdir(), 'ready-'));
  const readyFile = join(dir, 'ready');
  const started = process.hrtime.bigint();
  const child = spawn(pingDesk, [], {
    env: { ...process.env, PING_DESK_DATA_DIR: dataDir, PING_DESK_READY_FILE: readyFile, PING_DESK_LOG: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`ping-desk exited before it was ready: ${log}`);
    await sleep(2);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let page = '';
  while (!(page = readFileSync(readyFile, 'utf8'))) await sleep(1);
  await sleep(100);
  // The log is coloured (ANSI) even into a pipe: take the colours out first.
  log = log.replace(/\x1b\[[0-9;]*m/g, '');
  const marks = Object.fromEntries([...(log.match(/marks=.*?\{([^}]*)\}/)?.[1] ?? '').matchAll(/\\?"(\w+)\\?": ([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
  await stopTree(child);
  rmSync(dir, { recursive: true, force: true });
  await sleep(500);
  return { ms, pageMs: Number(page), marks };
}


async function main() {
  const session = new App({ binary: pingDesk });
  await session.start();
  await session.connect();
  await session.driver.quit();
  session.driverProcess.kill('SIGTERM');
  await sleep(1000);

  // The same desk in chiShona: a copy of its data folder with the setting changed.
  const dirs = { en: session.dataDir, sn: join(mkdtempSync(join(tmpdir(), 'bench-sn-')), 'data') };
  cpSync(session.dataDir, dirs.sn, { recursive: true });
  for (const [code, dir] of Object.entries(dirs)) {
    const file = join(dir, 'settings.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.settings.uiLanguage = code;
    writeFileSync(file, JSON.stringify(saved));
  }

  // In blocks, not alternating: the web view's local storage (which
  // remembers the last start's language, for the catalogue's head start)
  // is the user's, shared by both folders, and a desk keeps its language.
  // The first launch of a block has no head start; a warm-up launch each
  // is not counted.
  const runs = { en: [], sn: [] };
  for (const code of ['en', 'sn']) {
    await launchUntilReady(dirs[code]);
    for (let i = 0; i < LAUNCHES; i++) runs[code].push(await launchUntilReady(dirs[code]));
  }
  await session.sandbox.stop();

  const mark = (times, name) => {
    const values = times.map((t) => t.marks[name]).filter(Number.isFinite);
    return values.length ? `${median(values).toFixed(0)}` : '–';
  };
  console.log(`| staff language | cold start to interactive, median of ${LAUNCHES} | page (navigation to ready), median | marks after navigation, medians: modules · workspace · language · routed (ms) |`);
  console.log('|---|---|---|---|');
  for (const code of ['en', 'sn']) {
    const times = runs[code];
    console.log(
      `| ${code} | ${median(times.map((t) => t.ms)).toFixed(0)} ms (${times.map((t) => t.ms.toFixed(0)).join(', ')}) | ${median(times.map((t) => t.pageMs)).toFixed(0)} ms | ${['modules', 'workspace', 'language', 'routed'].map((name) => mark(times, name)).join(' · ')} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
