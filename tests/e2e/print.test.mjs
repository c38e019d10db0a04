// The ticket slip through the real print path: the app started on its own
// (WebDriver sessions suppress print dialogs), driven with xdotool on the
// Xvfb display, printed with the system print dialog's "Print to File", and
// the PDF read back with Ghostscript. It checks what the print stylesheet
// promises: the slip alone on the page, not the app around it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appBinary, sleep } from './support.mjs';

const xdotool = (...args) => execFileSync('xdotool', args, { encoding: 'utf8' }).trim();

async function windowNamed(pattern, timeoutMs = 20000) {
  const started = Date.now();
  for (;;) {
    try {
      const found = xdotool('search', '--name', pattern).split('\n')[0];
      if (found) return found;
    } catch {
      // xdotool exits 1 while nothing matches
    }
    if (Date.now() - started > timeoutMs) throw new Error(`no window named ${pattern}`);
    await sleep(250);
  }
}

function geometry(window) {
  const shell = xdotool('getwindowgeometry', '--shell', window);
  return Object.fromEntries(shell.split('\n').map((line) => line.split('=')).map(([k, v]) => [k, Number(v)]));
}

async function waitForFile(path, timeoutMs = 20000) {
  const started = Date.now();
  while (!existsSync(path)) {
    if (Date.now() - started > timeoutMs) throw new Error(`${path} was not written`);
    await sleep(250);
  }
  await sleep(1000); // let the print job finish writing
}

test('a printed slip holds the slip alone: number, date, summary, and none of the app', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ping-desk-print-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // GTK's "Print to File" writes output.pdf into the working directory.
  const app = spawn(appBinary, ['--demo'], {
    cwd: dir,
    env: { ...process.env, PING_DESK_DATA_DIR: join(dir, 'data'), PING_DESK_LOG: 'warn' },
    stdio: 'ignore',
  });
  t.after(() => app.kill('SIGTERM'));

  const main = await windowNamed('^Ping Desk$');
  await sleep(4000); // the demo workspace opens and the first screen is drawn
  xdotool('windowfocus', main);
  // The ticket list (Alt+L), the newest demo ticket, its slip (Alt+P), Print.
  xdotool('key', '--window', main, 'alt+l');
  await sleep(2500);
  const { X, Y } = geometry(main);
  // The first row of the list, in the 1200×800 window.
  xdotool('mousemove', String(X + 260), String(Y + 420), 'click', '1');
  await sleep(2500);
  xdotool('key', 'alt+p');
  await sleep(2000);
  xdotool('key', 'Return'); // the dialog's Print button has the focus

  const dialog = await windowNamed('^Print$');
  await sleep(1000);
  const box = geometry(dialog);
  // "Print to File" is the first printer on a machine without printers;
  // then the dialog's Print button (bottom right).
  xdotool('mousemove', String(box.X + 82), String(box.Y + 86), 'click', '1');
  await sleep(500);
  xdotool('mousemove', String(box.X + box.WIDTH - 56), String(box.Y + box.HEIGHT - 30), 'click', '1');

  const pdf = join(dir, 'output.pdf');
  await waitForFile(pdf);
  const text = execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=txtwrite', '-sOutputFile=-', pdf], {
    encoding: 'utf8',
  });
  const pages = execFileSync('gs', ['-q', '-dNODISPLAY', '-dNOSAFER', '-c', `(${pdf}) (r) file runpdfbegin pdfpagecount = quit`], {
    encoding: 'utf8',
  }).trim();
  assert.equal(pages, '1', 'one page');
  assert.match(text, /YOUR TICKET NUMBER/);
  assert.match(text, /TKT-\d{4}-\d{5}/, 'the ticket number');
  assert.match(text, /Date\s+\d{1,2} \w{3} \d{4}/, 'the date');
  assert.match(text, /About\s+\S+/, 'the summary');
  assert.match(text, /Thank you for visiting us/);
  for (const appText of ['Outbox', 'Templates', 'DEMO', 'Print slip', 'Ask the customer', 'Update ticket']) {
    assert.doesNotMatch(text, new RegExp(appText), `the app's "${appText}" is not printed`);
  }
});
