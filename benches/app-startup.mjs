// Start-up and idle memory of Ping Desk against a bare Tauri hello-world,
// both release builds, measured in the same run on the same display.
// Run through scripts/bench-app.sh (Xvfb, a Secret Service, the builds).
//
// - cold start to interactive: process spawn until the web view reports its
//   first screen ready (the `ui_ready` command writes PING_DESK_READY_FILE);
//   the median of 11 launches each, alternating; the ready file also gives
//   the page's own share (navigation to ready).
// - idle memory: PSS of the app process and its WebKit child processes, 5 s
//   after Ping Desk lists 100 tickets (the hello-world shows its page).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, sleep } from '../tests/e2e/support.mjs';
import { median, processTree, stopTree } from './proc.mjs';

const target = process.env.CARGO_TARGET_DIR;
// The release builds by default; scripts/bench-packages.sh points these at
// the binaries its packages installed.
const pingDesk = process.env.BENCH_PING_DESK ?? join(target, 'release', 'ping-desk');
const hello = process.env.BENCH_HELLO ?? join(target, 'release', 'hello-tauri');
const LAUNCHES = 11;
// Idle means settled: memory is read 5 s after the screen is shown and again
// after SETTLE_MS (the figure compared), once the engine's periodic GC ran.
const SETTLE_MS = 30000;

function pssKiB(pids) {
  let total = 0;
  const parts = [];
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kib = Number(rollup.match(/^Pss:\s+(\d+) kB/m)[1]);
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      parts.push(`${name} ${(kib / 1024).toFixed(0)}`);
      total += kib;
    } catch {
      // exited meanwhile
    }
  }
  return { total, parts };
}

function pidOf(binary) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) === binary) return Number(entry);
    } catch {
      // not ours to read, or gone
    }
  }
  return null;
}

async function launchUntilReady(binary, env) {
  const dir = mkdtempSync(join(tmpdir(), 'ready-'));
  const readyFile = join(dir, 'ready');
  const started = process.hrtime.bigint();
  const child = spawn(binary, [], { env: { ...process.env, ...env, PING_DESK_READY_FILE: readyFile }, stdio: 'ignore' });
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`${binary} exited before it was ready`);
    await sleep(2);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The file holds the page's own time since navigation (written just after
  // it is created): the rest is the process, window and web process start.
  let page = '';
  while (!(page = readFileSync(readyFile, 'utf8'))) await sleep(1);
  await stopTree(child);
  rmSync(dir, { recursive: true, force: true });
  await sleep(500);
  return { ms, pageMs: Number(page) };
}


async function main() {
  // Ping Desk connected to a sandbox holding well over 100 tickets.
  const session = new App({ binary: pingDesk });
  await session.start();
  for (let i = 0; i < 80; i++) {
    await session.sandbox.api('/v1/api/tickets', {
      method: 'POST',
      body: JSON.stringify({ subject: `Bench walk-in ${i}`, description: 'Router drops every few minutes.', customer_first_name: 'Tendai', customer_last_name: `Moyo${i}` }),
    });
  }
  await session.connect();

  // Idle memory at the first screen, then with 100 tickets listed.
  await sleep(5000);
  const deskFirstScreen = pssKiB(processTree(pidOf(pingDesk)));
  await session.go('#/tickets?per_page=100');
  await session.until(async () => (await session.all('ticket-row')).length === 100, '100 rows listed', 30000);
  await sleep(5000);
  const deskPid = pidOf(pingDesk);
  const deskAt5s = pssKiB(processTree(deskPid));
  await sleep(SETTLE_MS - 5000);
  const deskMemory = pssKiB(processTree(deskPid));
  await session.driver.quit();
  session.driverProcess.kill('SIGTERM');
  await sleep(1000);

  const helloSession = new App({ binary: hello, withSandbox: false });
  await helloSession.start();
  await sleep(5000);
  const helloAt5s = pssKiB(processTree(pidOf(hello)));
  await sleep(SETTLE_MS - 5000);
  const helloMemory = pssKiB(processTree(pidOf(hello)));
  await helloSession.stop();

  // The same bare app drawing in software as Ping Desk does on Linux (see
  // src-tauri/src/rendering.rs): the like-for-like comparison.
  process.env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  const softSession = new App({ binary: hello, withSandbox: false });
  await softSession.start();
  await sleep(SETTLE_MS);
  const softMemory = pssKiB(processTree(pidOf(hello)));
  await softSession.stop();
  delete process.env.WEBKIT_DISABLE_COMPOSITING_MODE;

  // Cold start to interactive, alternating the two apps.
  const deskTimes = [];
  const helloTimes = [];
  const softTimes = [];
  for (let i = 0; i < LAUNCHES; i++) {
    deskTimes.push(await launchUntilReady(pingDesk, { PING_DESK_DATA_DIR: session.dataDir }));
    helloTimes.push(await launchUntilReady(hello, {}));
    softTimes.push(await launchUntilReady(hello, { WEBKIT_DISABLE_COMPOSITING_MODE: '1' }));
  }
  await session.sandbox.stop();

  const deskStart = median(deskTimes.map((t) => t.ms));
  const helloStart = median(helloTimes.map((t) => t.ms));
  const listed = (times) => times.map((t) => t.ms.toFixed(0)).join(', ');
  const split = (times) =>
    `page ${median(times.map((t) => t.pageMs)).toFixed(0)} ms, before it ${median(times.map((t) => t.ms - t.pageMs)).toFixed(0)} ms`;
  const mib = (kib) => (kib / 1024).toFixed(0);
  console.log('| measure | Ping Desk | bare Tauri hello-world (same run) | ratio (target ≤ 1.25) |');
  console.log('|---|---|---|---|');
  console.log(
    `| cold start to interactive, median of ${LAUNCHES} | ${deskStart.toFixed(0)} ms (${listed(deskTimes)}) | ${helloStart.toFixed(0)} ms (${listed(helloTimes)}) | ${(deskStart / helloStart).toFixed(2)} |`,
  );
  console.log(
    `| of which the page (navigation to ready) and before it, medians | ${split(deskTimes)} | ${split(helloTimes)} | |`,
  );
  console.log(
    `| memory 5 s after showing (not yet settled) | ${mib(deskAt5s.total)} MiB | ${mib(helloAt5s.total)} MiB | ${(deskAt5s.total / helloAt5s.total).toFixed(2)} |`,
  );
  console.log(
    `| idle memory at the first screen (new ticket), for comparison | ${mib(deskFirstScreen.total)} MiB (${deskFirstScreen.parts.join(' + ')}) | ${mib(helloMemory.total)} MiB | ${(deskFirstScreen.total / helloMemory.total).toFixed(2)} |`,
  );
  console.log(
    `| idle memory, PSS of app + WebKit processes (Ping Desk listing 100 tickets), 30 s after showing | ${mib(deskMemory.total)} MiB (${deskMemory.parts.join(' + ')}) | ${mib(helloMemory.total)} MiB (${helloMemory.parts.join(' + ')}) | ${(deskMemory.total / helloMemory.total).toFixed(2)} |`,
  );
  const softStart = median(softTimes.map((t) => t.ms));
  console.log('');
  console.log('Like for like: the hello-world also drawing in software (WEBKIT_DISABLE_COMPOSITING_MODE=1).');
  console.log('');
  console.log('| measure | Ping Desk | hello-world in software (same run) | ratio |');
  console.log('|---|---|---|---|');
  console.log(
    `| cold start to interactive, median of ${LAUNCHES} | ${deskStart.toFixed(0)} ms | ${softStart.toFixed(0)} ms (${listed(softTimes)}) | ${(deskStart / softStart).toFixed(2)} |`,
  );
  console.log(
    `| idle memory with 100 tickets listed, 30 s after showing | ${mib(deskMemory.total)} MiB | ${mib(softMemory.total)} MiB (${softMemory.parts.join(' + ')}) | ${(deskMemory.total / softMemory.total).toFixed(2)} |`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
