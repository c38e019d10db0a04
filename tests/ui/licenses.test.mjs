// The About screen's crate search and licence counts (ui/lib/licenses.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterCrates, licenceSummary, matchesCrate, textsOf } from '../../ui/lib/licenses.js';

const crates = [
  { name: 'tauri', version: '2.9.5', license: 'Apache-2.0 OR MIT', texts: [0, 1] },
  { name: 'rusqlite', version: '0.37.0', license: 'MIT', texts: [1] },
  { name: 'ring', version: '0.17.14', license: 'Apache-2.0 AND ISC', texts: [0, 2] },
  { name: 'tauri-utils', version: '2.8.0', license: 'Apache-2.0 OR MIT', texts: [0, 1] },
];
const texts = [
  { license: 'Apache-2.0', name: 'Apache License 2.0', text: 'Apache…' },
  { license: 'MIT', name: 'MIT License', text: 'Permission is hereby granted…' },
  { license: 'ISC', name: 'ISC License', text: 'Permission to use…' },
];

test('a search finds crates by name or licence, every word counting, any case', () => {
  assert.deepEqual(filterCrates(crates, 'tauri').map((c) => c.name), ['tauri', 'tauri-utils']);
  assert.deepEqual(filterCrates(crates, 'isc').map((c) => c.name), ['ring']);
  assert.deepEqual(filterCrates(crates, 'TAURI utils').map((c) => c.name), ['tauri-utils']);
  assert.deepEqual(filterCrates(crates, 'mit sqlite').map((c) => c.name), ['rusqlite']);
  assert.deepEqual(filterCrates(crates, 'gpl'), []);
});

test('an empty search lists every crate, in order', () => {
  for (const query of ['', '   ', null, undefined]) assert.equal(filterCrates(crates, query).length, crates.length);
  assert.equal(matchesCrate(crates[0], ''), true);
});

test('the summary counts crates per licence expression, most first, then by name', () => {
  assert.deepEqual(licenceSummary(crates), [
    { license: 'Apache-2.0 OR MIT', count: 2 },
    { license: 'Apache-2.0 AND ISC', count: 1 },
    { license: 'MIT', count: 1 },
  ]);
  assert.deepEqual(licenceSummary([]), []);
});

test("a crate's texts come from the shared, deduplicated list; a bad index is skipped", () => {
  assert.deepEqual(textsOf(crates[2], texts).map((t) => t.license), ['Apache-2.0', 'ISC']);
  assert.deepEqual(textsOf({ name: 'x', texts: [9] }, texts), []);
  assert.deepEqual(textsOf({ name: 'x' }, texts), []);
});
