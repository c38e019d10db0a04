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
  publishManifest,
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

// The workflow's end of it, against a server on loopback that answers like
// GitHub's releases API: real signed files, listed, downloaded through the
// storage redirect, checked, and latest.json put in place of the old one.
async function fakeReleaseApi(files) {
  const { createServer } = await import('node:http');
  const seen = { deleted: [], uploaded: null, unauthenticated: [] };
  let assets = files.map((f, i) => ({ id: 100 + i, name: f.name, bytes: f.bytes }));
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const reply = (status, body, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    if (url.pathname.startsWith('/storage/')) {
      // Storage is reached without the API token, as on GitHub.
      const asset = assets.find((a) => a.id === Number(url.pathname.slice(9)));
      return reply(200, asset.bytes, 'application/octet-stream');
    }
    if (req.headers.authorization !== 'Bearer t0ken') seen.unauthenticated.push(req.url);
    let m;
    if (req.method === 'GET' && url.pathname === '/repos/o/r/releases/7') {
      return reply(200, { id: 7, upload_url: `http://127.0.0.1:${server.address().port}/uploads/repos/o/r/releases/7/assets{?name,label}` });
    }
    if (req.method === 'GET' && url.pathname === '/repos/o/r/releases/7/assets') {
      const page = Number(url.searchParams.get('page'));
      return reply(200, page === 1 ? assets.map(({ id, name }) => ({ id, name })) : []);
    }
    if ((m = /^\/repos\/o\/r\/releases\/assets\/(\d+)$/.exec(url.pathname))) {
      if (req.method === 'DELETE') {
        seen.deleted.push(assets.find((a) => a.id === Number(m[1])).name);
        assets = assets.filter((a) => a.id !== Number(m[1]));
        return reply(204, '');
      }
      if (req.headers.accept === 'application/octet-stream') {
        res.writeHead(302, { Location: `/storage/${m[1]}` });
        return res.end();
      }
    }
    if (req.method === 'POST' && url.pathname === '/uploads/repos/o/r/releases/7/assets') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.uploaded = { name: url.searchParams.get('name'), body: Buffer.concat(chunks).toString('utf8') };
        reply(201, { id: 999 });
      });
      return;
    }
    reply(404, { message: `no ${req.method} ${req.url}` });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { apiUrl: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() };
}

function signedRelease(key, version, tamper) {
  const files = [];
  for (const name of ASSETS.filter((n) => !n.endsWith('.sig'))) {
    const path = join(dir, name);
    const bytes = randomBytes(4096);
    writeFileSync(path, bytes);
    files.push({ name, bytes: tamper === name ? Buffer.concat([bytes, Buffer.from('!')]) : bytes });
    if (ASSETS.includes(`${name}.sig`)) files.push({ name: `${name}.sig`, bytes: Buffer.from(sign(key, path, version)) });
  }
  files.push({ name: 'latest.json', bytes: Buffer.from('{"version":"1.3.0"}') });
  return files;
}

test('the workflow step checks every update on the draft and replaces latest.json', async () => {
  const api = await fakeReleaseApi(signedRelease(keys.release, '1.4.0'));
  try {
    const out = join(dir, 'latest.json');
    const manifest = await publishManifest({
      repo: 'o/r', releaseId: '7', tag: 'v1.4.0', out, upload: true,
      token: 't0ken', apiUrl: api.apiUrl, pubkey: keys.release.pubkey, log: () => {},
    });
    assert.equal(Object.keys(manifest.platforms).length, 9);
    assert.equal(manifest.platforms['windows-x86_64'].url, 'https://github.com/o/r/releases/download/v1.4.0/Ping.Desk_1.4.0_x64-setup.exe');
    assert.deepEqual(api.seen.deleted, ['latest.json'], 'the old latest.json goes');
    assert.equal(api.seen.uploaded.name, 'latest.json');
    assert.deepEqual(JSON.parse(api.seen.uploaded.body), JSON.parse(readFileSync(out, 'utf8')));
    assert.deepEqual(api.seen.unauthenticated, [], 'every API call carried the token');
  } finally {
    api.close();
  }
});

test('one asset changed after signing, or signed with another key: nothing is published', async () => {
  for (const [files, expected] of [
    [signedRelease(keys.release, '1.4.0', 'ping-desk-1.4.0-1.x86_64.rpm'), /ping-desk-1\.4\.0-1\.x86_64\.rpm: the signature does not match the file/],
    [signedRelease(keys.other, '1.4.0'), /signed with key [0-9A-F]{16}, but the app trusts key/],
  ]) {
    const api = await fakeReleaseApi(files);
    try {
      await assert.rejects(
        publishManifest({
          repo: 'o/r', releaseId: '7', tag: 'v1.4.0', out: join(dir, 'refused.json'), upload: true,
          token: 't0ken', apiUrl: api.apiUrl, pubkey: keys.release.pubkey, log: () => {},
        }),
        (e) => expected.test(e.problems.join('\n')),
      );
      assert.equal(api.seen.uploaded, null);
      assert.deepEqual(api.seen.deleted, [], 'the old latest.json stays until a good one replaces it');
    } finally {
      api.close();
    }
  }
});
