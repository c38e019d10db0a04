// The light and the dark theme's palettes (custom properties in the
// stylesheets) meet WCAG AA for the pairs the screens use, and print is
// never dark. axe-core checks the rendered screens in both themes end to
// end (tests/e2e/); this catches a bad colour before a window is opened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`../../ui/${name}`, import.meta.url), 'utf8');

/** The block's text after `start` (at its opening brace), braces balanced. */
function blockAt(css, start) {
  const open = css.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < css.length; i += 1) {
    if (css[i] === '{') depth += 1;
    if (css[i] === '}' && --depth === 0) return css.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

function customProperties(block) {
  return Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]));
}

/** {light, dark}: the first `:root` block, and it overlaid with the one in the dark media query. */
export function palettes(css) {
  const light = customProperties(blockAt(css, css.indexOf(':root')));
  const media = css.search(/@media[^{]*prefers-color-scheme:\s*dark/);
  assert.notEqual(media, -1, 'a dark-theme media query');
  const inMedia = blockAt(css, media);
  const dark = { ...light, ...customProperties(blockAt(inMedia, inMedia.indexOf(':root'))) };
  return { light, dark, query: css.slice(media, css.indexOf('{', media)) };
}

// WCAG 2.1 relative luminance and contrast ratio (#rgb or #rrggbb).
function luminance(hex) {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  assert.match(full, /^#[0-9a-f]{6}$/i, `${hex} is a plain colour`);
  const n = Number.parseInt(full.slice(1), 16);
  const [r, g, b] = [16, 8, 0].map((shift) => ((n >> shift) & 255) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const colour = (palette, name) => (name.startsWith('#') ? name : palette[name]);

function failures(palette, pairs, minimum) {
  return pairs
    .map(([fg, bg]) => [fg, bg, contrast(colour(palette, fg), colour(palette, bg))])
    .filter(([, , ratio]) => ratio < minimum)
    .map(([fg, bg, ratio]) => `${fg} on ${bg}: ${ratio.toFixed(2)}`);
}

// Text (4.5:1) and the edges of controls and focus rings (3:1).
const STAFF_TEXT = [
  ['--ink', '--paper'], ['--ink', '--card'], ['--ink', '--field-bg'], ['--ink', '--subtle'], ['--ink', '--hover'],
  ['--muted', '--paper'], ['--muted', '--card'], ['--muted', '--subtle'],
  ['--link', '--card'], ['--link', '--paper'],
  ['--danger-ink', '--card'], ['--danger-ink', '--danger-soft'], ['--warning-ink', '--warning-soft'],
  ['--info-ink', '--info-soft'], ['--success-ink', '--accent-soft'], ['--placeholder', '--field-bg'],
  ['#ffffff', '--accent'], ['#ffffff', '--accent-dark'], ['#ffffff', '--danger'], ['--bar-ink', '--bar'],
];
const STAFF_EDGES = [['--field-border', '--field-bg'], ['--focus', '--paper'], ['--focus', '--card']];
const CUSTOMER_TEXT = [
  ['--ink', '--paper'], ['--ink', '--card'], ['--muted', '--paper'], ['--muted', '--card'],
  ['--accent-ink', '--paper'], ['--danger-ink', '--danger-soft'], ['--disabled-ink', '--disabled'], ['#ffffff', '--accent'],
];
const CUSTOMER_EDGES = [['--field-border', '--card'], ['--focus', '--paper'], ['--focus', '--card']];

test('the contrast check itself fails a pair that is too faint (so the tests below can fail)', () => {
  assert.deepEqual(failures({ '--a': '#777777', '--b': '#888888' }, [['--a', '--b']], 4.5).length, 1);
  assert.equal(Math.round(contrast('#000', '#fff')), 21);
});

test('the staff screens meet AA in the light and the dark theme', () => {
  const { light, dark } = palettes(read('styles.css'));
  for (const [name, palette] of [['light', light], ['dark', dark]]) {
    assert.deepEqual(failures(palette, STAFF_TEXT, 4.5), [], `${name}: text`);
    assert.deepEqual(failures(palette, STAFF_EDGES, 3), [], `${name}: edges and focus`);
  }
  assert.ok(luminance(dark['--paper']) < 0.05 && luminance(dark['--card']) < 0.05, 'the dark theme is dark');
});

test("the customer's screen meets AA in the light and the dark theme", () => {
  const { light, dark } = palettes(read('customer.css'));
  for (const [name, palette] of [['light', light], ['dark', dark]]) {
    assert.deepEqual(failures(palette, CUSTOMER_TEXT, 4.5), [], `${name}: text`);
    assert.deepEqual(failures(palette, CUSTOMER_EDGES, 3), [], `${name}: edges and focus`);
  }
  assert.ok(luminance(dark['--paper']) < 0.05, 'the dark theme is dark');
});

test('print is never dark: the staff dark theme is for screens only', () => {
  assert.match(palettes(read('styles.css')).query, /@media\s+screen\s+and\s+\(prefers-color-scheme:\s*dark\)/);
});

test('both pages let the system choose (color-scheme: light dark)', () => {
  for (const page of ['index.html', 'customer.html']) {
    assert.match(read(page), /<meta name="color-scheme" content="light dark">/, page);
  }
});
