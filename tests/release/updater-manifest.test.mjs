// The release's latest.json and the signature checks behind it, with keys and
// signatures made by the real Tauri CLI (`tauri signer`), as a release makes them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import {
  pickUpdaterAssets,
  buildManifest,
  checkSignature,
  parseSignature,
  newDigest,
} from '../../scripts/release/updater-manifest.mjs';

const TAURI = fileURLToPath(new URL('../../node_modules/.bin/tauri', import.meta.url));
let dir;
const keys = {};

function generateKey(name, password) {
  const path = join(dir, `${name}.key`);
  execFileSync(TAURI, ['signer', 'generate', '--ci', '-w', path, '-p', password], { stdio: 'ignore' });
  return { path, password, pubkey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

function sign(key, file, version) {
  const args = ['signer', 'sign', '-f', key.path, '-p', key.password, file];
  if (version) args.splice(2, 0, '--app-version', version);
  // The key comes from the file alone, whatever the caller's environment holds.
  const env = { ...process.env };
  delete env.TAURI_SIGNING_PRIVATE_KEY;
  delete env.TAURI_SIGNING_PRIVATE_KEY_PASSWORD;
  execFileSync(TAURI, args, { stdio: 'ignore', env });
  return readFileSync(`${file}.sig`, 'utf8');
}

function digestOf(file) {
  return newDigest().update(readFileSync(file)).digest();
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ping-desk-release-'));
  keys.release = generateKey('release', 'correct horse');
  keys.other = generateKey('other', 'battery staple');
});
after(() => rmSync(dir, { recursive: true, force: true }));

// The assets of a real draft: tauri-action turns spaces into dots.
const ASSETS = [
  'Ping.Desk_1.4.0_x64-setup.exe', 'Ping.Desk_1.4.0_x64-setup.exe.sig',
  'Ping.Desk_1.4.0_x64_en-US.msi', 'Ping.Desk_1.4.0_x64_en-US.msi.sig',
  'Ping.Desk_1.4.0_x64-offline-setup.exe',
  'Ping.Desk_universal.app.tar.gz', 'Ping.Desk_universal.app.tar.gz.sig',
  'Ping.Desk_1.4.0_universal.dmg',
  'Ping.Desk_1.4.0_amd64.AppImage', 'Ping.Desk_1.4.0_amd64.AppImage.sig',
  'ping-desk_1.4.0_amd64.deb', 'ping-desk_1.4.0_amd64.deb.sig',
  'ping-desk-1.4.0-1.x86_64.rpm', 'ping-desk-1.4.0-1.x86_64.rpm.sig',
];

test('every install format gets its own update, the offline installer none', () => {
  const { picked, problems } = pickUpdaterAssets(ASSETS);
  assert.deepEqual(problems, []);
  const byKey = Object.fromEntries(picked.flatMap((p) => p.rule.keys.map((k) => [k, p.name])));
  assert.deepEqual(byKey, {
    'windows-x86_64': 'Ping.Desk_1.4.0_x64-setup.exe',
    'windows-x86_64-nsis': 'Ping.Desk_1.4.0_x64-setup.exe',
    'windows-x86_64-msi': 'Ping.Desk_1.4.0_x64_en-US.msi',
    'darwin-x86_64': 'Ping.Desk_universal.app.tar.gz',
    'darwin-aarch64': 'Ping.Desk_universal.app.tar.gz',
    'linux-x86_64': 'Ping.Desk_1.4.0_amd64.AppImage',
    'linux-x86_64-appimage': 'Ping.Desk_1.4.0_amd64.AppImage',
    'linux-x86_64-deb': 'ping-desk_1.4.0_amd64.deb',
    'linux-x86_64-rpm': 'ping-desk-1.4.0-1.x86_64.rpm',
  });
  assert.ok(!Object.values(byKey).some((n) => n.includes('offline')), 'the 130 MB installer is never an update');
});

test('a platform whose build failed, or an unsigned artifact, stops the manifest', () => {
  const withoutMac = ASSETS.filter((n) => !n.includes('.app.tar.gz'));
  assert.match(pickUpdaterAssets(withoutMac).problems.join('\n'), /no macOS app archive .*did its build job fail/);

  const unsignedDeb = ASSETS.filter((n) => n !== 'ping-desk_1.4.0_amd64.deb.sig');
  assert.deepEqual(pickUpdaterAssets(unsignedDeb).problems, [
    'ping-desk_1.4.0_amd64.deb has no ping-desk_1.4.0_amd64.deb.sig: was TAURI_SIGNING_PRIVATE_KEY set for its build?',
  ]);

  const twoMsis = [...ASSETS, 'Ping.Desk_1.4.0_x64_fr-FR.msi', 'Ping.Desk_1.4.0_x64_fr-FR.msi.sig'];
  assert.match(pickUpdaterAssets(twoMsis).problems.join('\n'), /2 assets look like the Windows MSI/);
});

test('latest.json points each key at the tagged download with its signature', () => {
  const { picked } = pickUpdaterAssets(ASSETS);
  const signatures = new Map(picked.map((p) => [p.sigName, `sig of ${p.name}\n`]));
  const manifest = buildManifest({
    picked, signatures, repo: 'ping-desk/ping-desk', tag: 'v1.4.0', version: '1.4.0',
    pubDate: '2026-12-01T10:00:00.000Z', notes: 'n',
  });
  assert.equal(manifest.version, '1.4.0');
  assert.equal(manifest.pub_date, '2026-12-01T10:00:00.000Z');
  assert.deepEqual(manifest.platforms['linux-x86_64-rpm'], {
    signature: 'sig of ping-desk-1.4.0-1.x86_64.rpm',
    url: 'https://github.com/ping-desk/ping-desk/releases/download/v1.4.0/ping-desk-1.4.0-1.x86_64.rpm',
  });
  assert.equal(Object.keys(manifest.platforms).length, 9);
});

test('a signature made with the release key verifies against the pubkey the app trusts', () => {
  const file = join(dir, 'Ping Desk_1.4.0_x64-setup.exe');
  writeFileSync(file, randomBytes(200_000));
  const sigText = sign(keys.release, file, '1.4.0');
  assert.equal(parseSignature(sigText).version, '1.4.0');
  const problem = checkSignature({ pubkey: keys.release.pubkey, sigText, digest: digestOf(file), version: '1.4.0', name: 'setup.exe' });
  assert.equal(problem, null);
});

test('a changed file, the wrong key, an altered comment or another version are each refused', () => {
  const file = join(dir, 'ping-desk_1.4.0_amd64.deb');
  const bytes = randomBytes(100_000);
  writeFileSync(file, bytes);
  const sigText = sign(keys.release, file, '1.4.0');
  const good = { pubkey: keys.release.pubkey, sigText, digest: digestOf(file), version: '1.4.0', name: 'x.deb' };

  bytes[500] ^= 1;
  writeFileSync(file, bytes);
  assert.match(checkSignature({ ...good, digest: digestOf(file) }), /signature does not match the file/);

  const wrongKey = checkSignature({ ...good, pubkey: keys.other.pubkey });
  assert.match(wrongKey, /signed with key [0-9A-F]{16}, but the app trusts key [0-9A-F]{16}/);

  assert.match(checkSignature({ ...good, version: '1.5.0' }), /signed as version 1\.4\.0, the release is 1\.5\.0/);

  const lines = Buffer.from(sigText, 'base64').toString('utf8').split('\n');
  lines[2] = lines[2].replace('version:1.4.0', 'version:9.9.9');
  const forged = Buffer.from(lines.join('\n')).toString('base64');
  assert.match(checkSignature({ ...good, sigText: forged, version: '9.9.9' }), /trusted comment was altered/);

  assert.match(checkSignature({ ...good, pubkey: 'not a key' }), /not a minisign public key/);
  assert.match(checkSignature({ ...good, sigText: 'garbage' }), /not a minisign signature/);
});
