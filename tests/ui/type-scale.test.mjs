// The staff window's stylesheet keeps to the system's UI font and one type
// scale. On Linux each font name that is not installed, and each size and
// weight in use, costs WebKitGTK a fontconfig alias scan while the window
// opens (docs/benchmarks.md: it was most of the page's start-up time), so a
// new size, weight or named font should be a decision, not a drift.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ui = resolve(import.meta.dirname, '../../ui');
const css = (name) => readFileSync(join(ui, name), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const values = (source, property) =>
  [...source.matchAll(new RegExp(`(?:^|[;{\\s])${property}\\s*:\\s*([^;}]+)`, 'g'))].map((m) => m[1].trim());

// Sizes off the scale, each for a reason: the root size the scale is built
// on, Today's big figures, and the slip's print sizes (physical units).
const SIZE_EXCEPTIONS = new Set(['15px', '2.1rem']);
const isPrintSize = (size) => /^\d+(\.\d+)?pt$/.test(size);

test('the staff stylesheet sizes text only from the type scale', () => {
  const offScale = values(css('styles.css'), 'font-size').filter(
    (size) => !/^var\(--text-(xs|sm|md|lg|xl)\)$/.test(size) && !SIZE_EXCEPTIONS.has(size) && !isPrintSize(size),
  );
  assert.deepEqual(offScale, []);
});

test('both stylesheets use the weights 400, 600 and 700 only', () => {
  for (const sheet of ['styles.css', 'customer.css']) {
    const others = values(css(sheet), 'font-weight').filter((weight) => !['400', '600', '700'].includes(weight));
    assert.deepEqual(others, [], sheet);
  }
});

test('text is set in the system UI font; no font is named that may not be installed', () => {
  for (const sheet of ['styles.css', 'customer.css']) {
    const source = css(sheet);
    assert.ok(values(source, 'font').includes('message-box'), `${sheet} sets font: message-box`);
    const families = values(source, 'font-family').filter((family) => !['inherit', 'ui-monospace, monospace'].includes(family));
    assert.deepEqual(families, [], sheet);
    const shorthands = values(source, 'font').filter((font) => !['message-box', 'inherit'].includes(font));
    assert.deepEqual(shorthands, [], sheet);
  }
});
