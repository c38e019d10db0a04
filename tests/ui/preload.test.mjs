// index.html preloads every module the first screen needs (main.js's static
// imports, and New ticket, where start-up nearly always opens), so WebKit fetches them in
// one go rather than one import level at a time. This keeps the list true.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ui = resolve(import.meta.dirname, '../../ui');
// The welcome screen shows only on a first run: it loads on demand.
const FIRST_SCREENS = ['main.js', 'screens/new-ticket.js'];

function staticImports(entries) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^\s*import\s[^'"]*['"](\.[^'"]+)['"]/gm)) {
      walk(join(dirname(file), match[1]));
    }
  };
  entries.forEach((entry) => walk(join(ui, entry)));
  return new Set([...seen].map((file) => relative(ui, file)));
}

test('index.html preloads exactly the modules of the first screens', () => {
  const html = readFileSync(join(ui, 'index.html'), 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]));
  const needed = staticImports(FIRST_SCREENS);
  // Modules the page loads with their own <script> need no preload.
  for (const [, src] of html.matchAll(/<script type="module"[^>]* src="([^"]+)">/g)) needed.delete(src);
  assert.deepEqual([...preloaded].sort(), [...needed].sort());
});
