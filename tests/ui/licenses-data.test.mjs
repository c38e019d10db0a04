// ui/about/licenses.js (the About screen's licences) is generated from
// Cargo.lock by scripts/licenses.sh; a dependency change without
// regenerating it fails here. Every registry crate in Cargo.lock must be
// either listed as shipped (with its licence and texts) or named as not
// shipped, and the file must have been made from this very Cargo.lock.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LICENSES } from '../../ui/about/licenses.js';
import { lockedCrates, sha256 } from '../../scripts/licenses.mjs';

const lock = readFileSync(new URL('../../Cargo.lock', import.meta.url), 'utf8');
const REGENERATE = 'Cargo.lock changed: run `bash scripts/licenses.sh` and commit ui/about/licenses.js';

/** What Cargo.lock has that the file does not account for, and the reverse. */
function drift(lockText, data) {
  const locked = new Set(lockedCrates(lockText));
  const listed = new Set([...data.crates.map((crate) => `${crate.name}@${crate.version}`), ...data.notShipped]);
  return {
    unlisted: [...locked].filter((crate) => !listed.has(crate)),
    gone: [...listed].filter((crate) => !locked.has(crate)),
  };
}

test('every crate in Cargo.lock is accounted for, and nothing else', () => {
  assert.deepEqual(drift(lock, LICENSES), { unlisted: [], gone: [] }, REGENERATE);
});

test('the licences were generated from this Cargo.lock', () => {
  assert.equal(LICENSES.cargoLockSha256, sha256(lock), REGENERATE);
});

test('a crate added to Cargo.lock without regenerating is caught (so the checks above can fail)', () => {
  const added = `${lock}\n[[package]]\nname = "left-pad"\nversion = "1.0.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`;
  assert.deepEqual(drift(added, LICENSES).unlisted, ['left-pad@1.0.0']);
  assert.notEqual(sha256(added), LICENSES.cargoLockSha256);
  const bumped = lock.replace(/^name = "rusqlite"\nversion = "([^"]+)"$/m, 'name = "rusqlite"\nversion = "99.0.0"');
  assert.deepEqual(drift(bumped, LICENSES).unlisted, ['rusqlite@99.0.0'], 'a new version of a shipped crate');
});

test('every shipped crate has a licence expression and its licence texts', () => {
  assert.ok(LICENSES.crates.length > 100, `${LICENSES.crates.length} crates`);
  for (const crate of LICENSES.crates) {
    assert.match(crate.license, /^[A-Za-z0-9.+\- ()]+$/, `${crate.name}: an SPDX expression`);
    assert.notEqual(crate.license, 'Unknown', `${crate.name}: a known licence`);
    assert.ok(crate.texts.length > 0, `${crate.name}: a licence text`);
    for (const index of crate.texts) assert.ok(LICENSES.texts[index]?.text.length > 100, `${crate.name}: text ${index}`);
  }
  const texts = LICENSES.texts.map((t) => `${t.license}\n${t.text}`);
  assert.equal(new Set(texts).size, texts.length, 'each text once');
});

test('the app and its web view are shipped; test-only and build-only crates are not', () => {
  const shipped = new Map(LICENSES.crates.map((crate) => [crate.name, crate]));
  for (const name of ['tauri', 'wry', 'webkit2gtk', 'webview2-com', 'objc2', 'rusqlite', 'reqwest', 'keyring', 'tauri-plugin-window-state']) {
    assert.ok(shipped.has(name), name);
  }
  assert.equal(shipped.get('rusqlite').license, 'MIT');
  // Only the tests (proptest and its own) or build scripts (tauri-build, cc) use these.
  for (const name of ['proptest', 'rand_xorshift', 'tauri-build', 'cc']) {
    assert.ok(!shipped.has(name), `${name} is not shipped`);
    assert.ok(LICENSES.notShipped.some((crate) => crate.startsWith(`${name}@`)), `${name} is named as not shipped`);
  }
  for (const own of ['ping-desk', 'desk-core', 'ping-api', 'ping-sandbox']) assert.ok(!shipped.has(own), `${own} is Ping Desk's own`);
});
