// The checks the release workflow makes before building anything: the tag
// names the version every manifest carries, and the updater is configured.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  versionFromTag,
  checkVersions,
  checkUpdaterConfig,
  parsePublicKey,
  repoFromCargo,
} from '../../scripts/release/preflight.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MANIFESTS = ['tauri.conf.json', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json'];
let dir;

/** A copy of the repository's manifests, edited as a release bump would. */
function copyRepo() {
  const d = mkdtempSync(join(dir, 'repo-'));
  for (const f of MANIFESTS) copyFileSync(join(ROOT, f), join(d, f));
  return d;
}
const edit = (d, f, fn) => writeFileSync(join(d, f), fn(readFileSync(join(d, f), 'utf8')));
const editJson = (d, f, fn) => edit(d, f, (t) => `${JSON.stringify(fn(JSON.parse(t)), null, 2)}\n`);

/** Bumps every place the version lives, as docs/releasing.md says. */
function bumpAll(d, version) {
  editJson(d, 'tauri.conf.json', (c) => ({ ...c, version }));
  edit(d, 'Cargo.toml', (t) => t.replace(/(\[workspace\.package\]\nversion = )"[^"]+"/, `$1"${version}"`));
  edit(d, 'Cargo.lock', (t) => t.replace(/(name = "ping-desk"\nversion = )"[^"]+"/, `$1"${version}"`));
  editJson(d, 'package.json', (c) => ({ ...c, version }));
  editJson(d, 'package-lock.json', (c) => {
    c.version = version;
    c.packages[''].version = version;
    return c;
  });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ping-desk-preflight-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('tags are v<semver>', () => {
  assert.equal(versionFromTag('v1.2.3'), '1.2.3');
  assert.equal(versionFromTag('v1.2.3-4'), '1.2.3-4', 'a pre-release');
  // 'rc.1': the MSI (WiX) refuses a version that is not all numbers.
  for (const bad of ['1.2.3', 'v1.2', 'v01.2.3', 'v1.2.3.4', 'v1.2.3-rc.1', 'release-1', '', undefined]) {
    assert.equal(versionFromTag(bad), null, String(bad));
  }
});

test("this repository's manifests agree on one version", () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8')).version;
  assert.deepEqual(checkVersions(ROOT, `v${version}`), []);
});

test('a full bump passes; each place left behind is named', () => {
  const d = copyRepo();
  bumpAll(d, '2.0.0');
  assert.deepEqual(checkVersions(d, 'v2.0.0'), []);

  edit(d, 'Cargo.lock', (t) => t.replace(/(name = "ping-desk"\nversion = )"2\.0\.0"/, '$1"1.9.0"'));
  editJson(d, 'package.json', (c) => ({ ...c, version: '1.9.0' }));
  assert.deepEqual(checkVersions(d, 'v2.0.0'), [
    'Cargo.lock (package ping-desk) is 1.9.0, the tag v2.0.0 says 2.0.0',
    'package.json (version) is 1.9.0, the tag v2.0.0 says 2.0.0',
  ]);
  assert.match(checkVersions(d, 'v2.0.1').join('\n'), /tauri\.conf\.json \(version\) is 2\.0\.0, the tag v2\.0\.1 says 2\.0\.1/);
  assert.match(checkVersions(d, '2.0.0').join(), /the tag "2\.0\.0" is not v<major>\.<minor>\.<patch>/);
});

test('the updater must trust a real key and read this repository', () => {
  const d = copyRepo();
  const keyFile = join(dir, 'updater.key');
  execFileSync(join(ROOT, 'node_modules/.bin/tauri'), ['signer', 'generate', '--ci', '-w', keyFile, '-p', 'pw'], { stdio: 'ignore' });
  const pubkey = readFileSync(`${keyFile}.pub`, 'utf8').trim();
  assert.match(parsePublicKey(pubkey).keyId, /^[0-9A-F]{16}$/);

  const endpoint = 'https://github.com/ping-desk/ping-desk/releases/latest/download/latest.json';
  const configure = (updater, createUpdaterArtifacts = true) =>
    editJson(d, 'tauri.conf.json', (c) => ({ ...c, bundle: { ...c.bundle, createUpdaterArtifacts }, plugins: { updater } }));

  configure({ pubkey, endpoints: [endpoint], windows: { installMode: 'passive' } });
  assert.deepEqual(checkUpdaterConfig(d, 'ping-desk/ping-desk'), []);

  assert.match(checkUpdaterConfig(d, 'a-fork/ping-desk').join(), /endpoints must include https:\/\/github\.com\/a-fork\/ping-desk\//);
  configure({ pubkey: 'REPLACE_ME', endpoints: [endpoint] });
  assert.match(checkUpdaterConfig(d, 'ping-desk/ping-desk').join(), /pubkey is not a minisign public key/);
  configure({ pubkey, endpoints: [endpoint] }, false);
  assert.match(checkUpdaterConfig(d, 'ping-desk/ping-desk').join(), /createUpdaterArtifacts must be true/);
  editJson(d, 'tauri.conf.json', (c) => ({ ...c, plugins: {} }));
  assert.match(checkUpdaterConfig(d, 'ping-desk/ping-desk').join(), /plugins\.updater is missing/);
});

test('the repository comes from Cargo.toml', () => {
  assert.equal(repoFromCargo(ROOT), 'ping-desk/ping-desk');
});
