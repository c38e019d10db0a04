#!/usr/bin/env node
// Writes the updater's latest.json for a draft release, once every build job
// has uploaded its installers and their .sig files, and checks each update
// before it is offered: every signature must verify, with the public key the
// installed apps trust (tauri.conf.json plugins.updater.pubkey, or
// UPDATE_SIGNING_PUBKEY while the key is being rotated), against the very
// file the release carries.
//
// One job writes the whole file, rather than each build job merging its own
// platform into it (tauri-action's includeUpdaterJson): parallel read-modify-
// write of one asset can lose a platform, and the .deb and .rpm installs need
// keys of their own (an installed app looks up `<os>-<arch>-<format>` first,
// then `<os>-<arch>`; a .deb install handed the AppImage fails to update).
//
//   GITHUB_TOKEN=... node scripts/release/updater-manifest.mjs \
//     --repo owner/name --release-id 123 --tag v1.2.3 [--out latest.json] [--upload]
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parsePublicKey, versionFromTag } from './preflight.mjs';

// Which release asset answers which updater key. Each must match exactly one
// asset. The plain `<os>-<arch>` key is the fallback an installed app uses
// when no key names its own format: NSIS on Windows (per-user, so an update
// needs no administrator), the AppImage on Linux.
export const UPDATES = [
  { keys: ['windows-x86_64', 'windows-x86_64-nsis'], what: 'Windows NSIS installer', match: /_x64-setup\.exe$/ },
  { keys: ['windows-x86_64-msi'], what: 'Windows MSI', match: /_x64_[A-Za-z]{2}-[A-Za-z]{2}\.msi$/ },
  // One universal app serves both kinds of Mac.
  { keys: ['darwin-x86_64', 'darwin-aarch64'], what: 'macOS app archive', match: /\.app\.tar\.gz$/ },
  { keys: ['linux-x86_64', 'linux-x86_64-appimage'], what: 'Linux AppImage', match: /_amd64\.AppImage$/ },
  { keys: ['linux-x86_64-deb'], what: 'Debian/Ubuntu package', match: /_amd64\.deb$/ },
  { keys: ['linux-x86_64-rpm'], what: 'RPM package', match: /\.x86_64\.rpm$/ },
];

/**
 * Picks the updater artifact of each kind among the release's asset names.
 * Returns {picked: [{rule, name, sigName}], problems: [string]}.
 */
export function pickUpdaterAssets(names) {
  const have = new Set(names);
  const picked = [];
  const problems = [];
  for (const rule of UPDATES) {
    const found = names.filter((n) => rule.match.test(n));
    if (found.length !== 1) {
      problems.push(
        found.length === 0
          ? `no ${rule.what} (${rule.match}) among the release's assets: did its build job fail?`
          : `${found.length} assets look like the ${rule.what}: ${found.join(', ')}`,
      );
      continue;
    }
    const sigName = `${found[0]}.sig`;
    if (!have.has(sigName)) {
      problems.push(`${found[0]} has no ${sigName}: was TAURI_SIGNING_PRIVATE_KEY set for its build?`);
      continue;
    }
    picked.push({ rule, name: found[0], sigName });
  }
  return { picked, problems };
}

/** A Tauri .sig file (base64 of a minisign signature) taken apart. */
export function parseSignature(sigText) {
  const lines = Buffer.from(sigText.trim(), 'base64').toString('utf8').split('\n');
  const sig = lines[1] ? Buffer.from(lines[1].trim(), 'base64') : Buffer.alloc(0);
  const trusted = (lines[2] ?? '').replace(/^trusted comment: /, '');
  const global = lines[3] ? Buffer.from(lines[3].trim(), 'base64') : Buffer.alloc(0);
  if (sig.length !== 74 || global.length !== 64 || !['Ed', 'ED'].includes(sig.subarray(0, 2).toString('latin1'))) {
    return null;
  }
  const fields = Object.fromEntries(
    trusted.split('\t').map((f) => [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 1)]),
  );
  return {
    prehashed: sig.subarray(0, 2).toString('latin1') === 'ED',
    keyId: sig.subarray(2, 10).toString('hex').toUpperCase(),
    signature: sig.subarray(10),
    trusted,
    version: fields.version ?? null,
    global,
  };
}

/** What a signature is checked against: BLAKE2b-512 of the file (minisign's prehashed mode). */
export function newDigest() {
  return createHash('blake2b512');
}

/**
 * Checks one signature: the key it names, the signature over the file's
 * digest (or the file itself, unhashed mode), the trusted comment, and the
 * version it was bound to. Returns a problem string, or null when it holds.
 */
export function checkSignature({ pubkey, sigText, digest, bytes, version, name }) {
  const key = parsePublicKey(pubkey);
  if (typeof key === 'string') return key;
  const sig = parseSignature(sigText);
  if (!sig) return `${name}.sig is not a minisign signature`;
  if (sig.keyId !== key.keyId) {
    return `${name} was signed with key ${sig.keyId}, but the app trusts key ${key.keyId} (plugins.updater.pubkey): the secret TAURI_SIGNING_PRIVATE_KEY is not the pubkey's pair`;
  }
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.key.toString('base64url') }, format: 'jwk' });
  const message = sig.prehashed ? digest : bytes;
  if (!message || !verify(null, message, publicKey, sig.signature)) {
    return `${name}: the signature does not match the file (was the asset replaced after it was signed?)`;
  }
  if (!verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trusted, 'utf8')]), publicKey, sig.global)) {
    return `${name}: the signature's trusted comment was altered`;
  }
  if (sig.version !== null && sig.version !== version) {
    return `${name} was signed as version ${sig.version}, the release is ${version}`;
  }
  return null;
}

/** latest.json from the picked assets and their signature texts (Map sigName -> text). */
export function buildManifest({ picked, signatures, repo, tag, version, pubDate, notes }) {
  const platforms = {};
  for (const { rule, name, sigName } of picked) {
    const entry = {
      signature: signatures.get(sigName).trim(),
      url: `https://github.com/${repo}/releases/download/${encodeURIComponent(tag)}/${encodeURIComponent(name)}`,
    };
    for (const k of rule.keys) platforms[k] = entry;
  }
  return { version, notes, pub_date: pubDate, platforms };
}

// --- GitHub, for the workflow -------------------------------------------------

function githubClient({ token, apiUrl }) {
  return async function github(path, { method = 'GET', accept = 'application/vnd.github+json', body, headers = {} } = {}) {
    const url = /^https?:\/\//.test(path) ? path : `${apiUrl}${path}`;
    const res = await fetch(url, {
      method,
      body,
      headers: { Authorization: `Bearer ${token}`, Accept: accept, 'X-GitHub-Api-Version': '2022-11-28', ...headers },
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res;
  };
}

/**
 * Verifies every update on the draft release `releaseId` and writes `out`;
 * with `upload`, replaces the draft's latest.json with it. Throws, having
 * written nothing, when an update is missing or does not verify.
 */
export async function publishManifest({ repo, releaseId, tag, out, upload, token, apiUrl, pubkey, log = console.log }) {
  const version = versionFromTag(tag);
  if (!version) throw new Error(`the tag "${tag}" is not v<major>.<minor>.<patch>`);
  const github = githubClient({ token, apiUrl });
  const release = await (await github(`/repos/${repo}/releases/${releaseId}`)).json();
  const assets = [];
  for (let page = 1; ; page++) {
    const batch = await (await github(`/repos/${repo}/releases/${releaseId}/assets?per_page=100&page=${page}`)).json();
    assets.push(...batch);
    if (batch.length < 100) break;
  }
  // Asset downloads redirect to storage; fetch drops the Authorization header across origins.
  const download = async (asset, onChunk) => {
    const res = await github(`/repos/${repo}/releases/assets/${asset.id}`, { accept: 'application/octet-stream' });
    for await (const chunk of res.body) onChunk(Buffer.from(chunk));
  };

  const byName = new Map(assets.map((a) => [a.name, a]));
  const { picked, problems } = pickUpdaterAssets(assets.map((a) => a.name));
  const signatures = new Map();
  for (const { name, sigName } of picked) {
    const sigChunks = [];
    await download(byName.get(sigName), (c) => sigChunks.push(c));
    const sigText = Buffer.concat(sigChunks).toString('utf8');
    signatures.set(sigName, sigText);
    const sig = parseSignature(sigText);
    const digest = newDigest();
    const chunks = [];
    await download(byName.get(name), (c) => {
      digest.update(c);
      if (sig && !sig.prehashed) chunks.push(c);
    });
    const problem = checkSignature({ pubkey, sigText, digest: digest.digest(), bytes: Buffer.concat(chunks), version, name });
    if (problem) problems.push(problem);
    else log(`ok: ${name} verifies with the app's update key`);
  }
  if (problems.length) {
    const error = new Error(`${problems.length} problem(s): latest.json was not written`);
    error.problems = problems;
    throw error;
  }

  const manifest = buildManifest({
    picked,
    signatures,
    repo,
    tag,
    version,
    pubDate: new Date().toISOString(),
    notes: `Ping Desk ${version}: https://github.com/${repo}/releases/tag/${tag}`,
  });
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`wrote ${out}: ${Object.keys(manifest.platforms).join(', ')}`);

  if (upload) {
    const old = byName.get('latest.json');
    if (old) await github(`/repos/${repo}/releases/assets/${old.id}`, { method: 'DELETE' });
    const uploadUrl = release.upload_url.replace(/\{.*\}$/, '');
    await github(`${uploadUrl}?name=latest.json`, {
      method: 'POST',
      body: readFileSync(out),
      headers: { 'Content-Type': 'application/json' },
    });
    log('uploaded latest.json to the draft release');
  }
  return manifest;
}

async function main() {
  const { values } = parseArgs({
    options: {
      repo: { type: 'string' },
      'release-id': { type: 'string' },
      tag: { type: 'string' },
      out: { type: 'string', default: 'latest.json' },
      upload: { type: 'boolean', default: false },
    },
  });
  const token = process.env.GITHUB_TOKEN;
  if (!token || !values.repo || !values['release-id'] || !values.tag) {
    throw new Error('usage: GITHUB_TOKEN=... updater-manifest.mjs --repo owner/name --release-id ID --tag vX.Y.Z [--out FILE] [--upload]');
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const configured = JSON.parse(readFileSync(join(root, 'tauri.conf.json'), 'utf8')).plugins?.updater?.pubkey;
  // While the update key is being rotated, the installed desks still trust
  // the old key and the updates are signed with it, while tauri.conf.json
  // already carries the new one (docs/releasing.md, "Rotating the key").
  const pubkey = process.env.UPDATE_SIGNING_PUBKEY || configured;
  if (pubkey !== configured) {
    const note = 'Key rotation: checking the updates against UPDATE_SIGNING_PUBKEY (the key installed desks trust), not the pubkey this release carries';
    console.log(process.env.GITHUB_ACTIONS ? `::warning title=Update key rotation::${note}` : note);
  }
  try {
    await publishManifest({
      repo: values.repo,
      releaseId: values['release-id'],
      tag: values.tag,
      out: values.out,
      upload: values.upload,
      token,
      apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      pubkey,
    });
  } catch (e) {
    for (const p of e.problems ?? []) console.error(process.env.GITHUB_ACTIONS ? `::error title=Updater manifest::${p}` : `error: ${p}`);
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
