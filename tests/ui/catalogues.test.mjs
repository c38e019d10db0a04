// The completeness report: each catalogue's coverage against English
// (printed as TAP diagnostics), and failures for what would break a screen:
// a key English lacks, a placeholder that differs from English's, plural
// forms the language does not have, a key the code uses that English
// lacks, and a gap in what customers see (their screen and the slip must
// be complete in every language).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../../ui/locales/en.js';
import { LANGUAGE_CODES } from '../../ui/lib/i18n.js';

const UI = fileURLToPath(new URL('../../ui/', import.meta.url));
const OTHERS = LANGUAGE_CODES.filter((code) => code !== 'en');
const catalogues = Object.fromEntries(
  await Promise.all(OTHERS.map(async (code) => [code, (await import(`../../ui/locales/${code}.js`)).default])),
);

// What a customer reads: their screen, the faces and the slip.
const CUSTOMER_FACING = /^(customer\.|face\.|slip\.(?!dialog\.))/;

const forms = (message) => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message) => new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])));
const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

test('English is complete: every message is text or plural forms with "other"', () => {
  for (const [key, message] of Object.entries(en)) {
    if (typeof message === 'string') {
      assert.ok(message.trim(), `${key} is empty`);
      continue;
    }
    assert.equal(typeof message, 'object', key);
    assert.ok(typeof message.other === 'string' && message.other.trim(), `${key} has no "other" form`);
    assert.ok(placeholders(message).has('count'), `${key} has plural forms but no {count}`);
  }
});

for (const code of OTHERS) {
  test(`${code}: coverage report, no key English lacks, the same placeholders and valid plural forms`, (t) => {
    const catalogue = catalogues[code];
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const problems = [];
    for (const [key, message] of Object.entries(catalogue)) {
      if (!Object.hasOwn(en, key)) {
        problems.push(`${key}: not in English`);
        continue;
      }
      if (!sameSet(placeholders(message), placeholders(en[key]))) {
        problems.push(`${key}: placeholders {${[...placeholders(message)].join('},{')}} differ from English's {${[...placeholders(en[key])].join('},{')}}`);
      }
      if (typeof message === 'object') {
        if (typeof en[key] !== 'object') problems.push(`${key}: plural forms where English has one text`);
        for (const form of Object.keys(message)) {
          if (!categories.includes(form) && !/^=\d+$/.test(form)) problems.push(`${key}: "${form}" is not a plural form of ${code} (${categories.join(', ')})`);
        }
        if (!message.other) problems.push(`${key}: no "other" form`);
      } else if (typeof en[key] === 'object') {
        problems.push(`${key}: one text where English has plural forms`);
      }
      for (const text of forms(message)) if (!text.trim()) problems.push(`${key}: empty`);
    }
    const keys = Object.keys(en);
    const translated = keys.filter((key) => Object.hasOwn(catalogue, key));
    const customer = keys.filter((key) => CUSTOMER_FACING.test(key));
    const customerDone = customer.filter((key) => Object.hasOwn(catalogue, key));
    const staff = keys.filter((key) => !CUSTOMER_FACING.test(key));
    const staffDone = staff.filter((key) => Object.hasOwn(catalogue, key));
    const percent = (part, whole) => `${((100 * part.length) / whole.length).toFixed(1)}%`;
    t.diagnostic(`${code}: ${translated.length}/${keys.length} keys (${percent(translated, keys)}); customer-facing ${customerDone.length}/${customer.length} (${percent(customerDone, customer)}); staff ${staffDone.length}/${staff.length} (${percent(staffDone, staff)})`);
    const missingStaff = staff.filter((key) => !Object.hasOwn(catalogue, key));
    if (missingStaff.length) t.diagnostic(`${code}: shown in English until translated: ${missingStaff.join(', ')}`);
    assert.deepEqual(problems, []);
  });

  test(`${code}: the customer's screen and the slip are complete`, () => {
    const missing = Object.keys(en).filter((key) => CUSTOMER_FACING.test(key) && !Object.hasOwn(catalogues[code], key));
    assert.deepEqual(missing, []);
  });
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('every key the UI names is in English', () => {
  const used = new Map();
  const note = (key, file) => used.set(key, used.get(key) ?? relative(UI, file));
  for (const file of filesUnder(UI)) {
    // The catalogues themselves, the generated licence list, and the layer (whose comments show the syntax).
    if (file.includes(join('ui', 'locales')) || file.endsWith(join('about', 'licenses.js')) || file.endsWith(join('lib', 'i18n.js'))) continue;
    if (!/\.(js|html)$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    // t('key'), tr('key'), tHtml('key'), translate(code, 'key'), t(cond ? 'a' : 'b')
    for (const m of source.matchAll(/\b(?:t|tr|tHtml)\(\s*([^()]*?)[,)]/g)) {
      for (const k of m[1].matchAll(/'([a-zA-Z][\w.:-]*\.[\w.:-]+)'/g)) note(k[1], file);
    }
    for (const m of source.matchAll(/data-i18n="([^"]+)"/g)) note(m[1], file);
    for (const m of source.matchAll(/data-i18n-attr="([^"]+)"/g)) {
      for (const pair of m[1].split(';')) note(pair.split(':')[1].trim(), file);
    }
    // Keys kept in tables: wordKey, title and descriptionKey entries, customerMessage's list.
    for (const m of source.matchAll(/(?:wordKey|descriptionKey|title):\s*'([a-zA-Z][\w.:-]*\.[\w.:-]+)'/g)) note(m[1], file);
    for (const m of source.matchAll(/^\s+\w+: '((?:customer|error)\.[\w.]+)',$/gm)) note(m[1], file);
  }
  const missing = [...used].filter(([key]) => !Object.hasOwn(en, key)).map(([key, file]) => `${key} (${file})`);
  assert.deepEqual(missing, []);
  assert.ok(used.size > 300, `the scan found the keys (${used.size})`);
});
