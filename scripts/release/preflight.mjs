#!/usr/bin/env node
// Checks made before a release is built: the tag names the version that every
// manifest carries, and the updater is configured to trust a key and to look
// at this repository's latest.json. Run by .github/workflows/release.yml, and
// by hand before tagging:
//
//   node scripts/release/preflight.mjs v1.2.3
//
// Prints `version=1.2.3` on success (for $GITHUB_OUTPUT); every problem is
// reported at once, on stderr, and the exit code is 1.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A pre-release suffix must be a number: the MSI (WiX) takes no other.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-(0|[1-9]\d*))?$/;

/** `v1.2.3` (or the pre-release `v1.2.3-1`) to `1.2.3`; null for anything else. */
export function versionFromTag(tag) {
  const m = /^v(.+)$/.exec(tag ?? '');
  return m && SEMVER.test(m[1]) ? m[1] : null;
}

/** The `key = "value"` lines of one `[section]` of a TOML file (enough for Cargo.toml). */
function tomlSection(text, section) {
  const out = {};
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inside = header[1].trim() === section;
      continue;
    }
    const kv = inside && /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.+?)\s*(#.*)?$/.exec(line);
    if (kv) out[kv[1]] = kv[2];
  }
  return out;
}

const unquote = (v) => (v && /^".*"$/.test(v) ? v.slice(1, -1) : null);

/** Where the version lives, file by file: [{file, version}] (version null when absent). */
export function readVersions(root) {
  const read = (f) => readFileSync(join(root, f), 'utf8');
  const found = [];

  const tauri = JSON.parse(read('tauri.conf.json'));
  found.push({ file: 'tauri.conf.json (version)', version: tauri.version ?? null });

  const cargo = read('Cargo.toml');
  found.push({ file: 'Cargo.toml ([workspace.package] version)', version: unquote(tomlSection(cargo, 'workspace.package').version) });
  const pkg = tomlSection(cargo, 'package');
  if (pkg['version.workspace'] !== 'true') {
    found.push({ file: 'Cargo.toml ([package] version)', version: unquote(pkg.version) });
  }

  // The lock must agree too, or every `cargo --locked` after the bump fails.
  const lock = read('Cargo.lock');
  const entry = /\[\[package\]\]\s*\nname = "ping-desk"\s*\nversion = "([^"]+)"/.exec(lock);
  found.push({ file: 'Cargo.lock (package ping-desk)', version: entry ? entry[1] : null });

  const npm = JSON.parse(read('package.json'));
  found.push({ file: 'package.json (version)', version: npm.version ?? null });
  const npmLock = JSON.parse(read('package-lock.json'));
  found.push({ file: 'package-lock.json (version)', version: npmLock.version ?? null });
  found.push({ file: 'package-lock.json (packages[""].version)', version: npmLock.packages?.['']?.version ?? null });
  return found;
}

/** Problems (strings) with the tag against the versions in `root`. */
export function checkVersions(root, tag) {
  const version = versionFromTag(tag);
  if (!version) {
    return [`the tag "${tag}" is not v<major>.<minor>.<patch> (e.g. v1.2.3), or v<major>.<minor>.<patch>-<number> for a pre-release`];
  }
  return readVersions(root)
    .filter((f) => f.version !== version)
    .map((f) =>
      f.version === null
        ? `${f.file} has no version; it must be ${version}, the tag's`
        : `${f.file} is ${f.version}, the tag ${tag} says ${version}`,
    );
}

/** The minisign public key in `plugins.updater.pubkey`: {keyId, key} or a problem string. */
export function parsePublicKey(pubkey) {
  let text;
  try {
    text = Buffer.from(pubkey ?? '', 'base64').toString('utf8');
  } catch {
    text = '';
  }
  const line = text.split('\n').find((l) => /^RW[A-Za-z0-9+/=]+$/.test(l.trim()));
  const raw = line ? Buffer.from(line.trim(), 'base64') : Buffer.alloc(0);
  if (raw.length !== 42 || raw.subarray(0, 2).toString('latin1') !== 'Ed') {
    return 'plugins.updater.pubkey is not a minisign public key (paste the whole contents of the .key.pub file that `tauri signer generate` wrote)';
  }
  return { keyId: raw.subarray(2, 10).toString('hex').toUpperCase(), key: raw.subarray(10) };
}

/** Problems with the updater's configuration for releases of `repo` (owner/name). */
export function checkUpdaterConfig(root, repo) {
  const conf = JSON.parse(readFileSync(join(root, 'tauri.conf.json'), 'utf8'));
  const problems = [];
  if (conf.bundle?.createUpdaterArtifacts !== true) {
    problems.push('bundle.createUpdaterArtifacts must be true, or the installers carry no update signatures');
  }
  const updater = conf.plugins?.updater;
  if (!updater) {
    problems.push('plugins.updater is missing: installed apps would never look for an update');
    return problems;
  }
  const key = parsePublicKey(updater.pubkey);
  if (typeof key === 'string') problems.push(key);
  const endpoint = `https://github.com/${repo}/releases/latest/download/latest.json`;
  if (!(updater.endpoints ?? []).includes(endpoint)) {
    problems.push(`plugins.updater.endpoints must include ${endpoint}, where this workflow publishes latest.json`);
  }
  return problems;
}

/** `owner/name` from Cargo.toml's `repository`. */
export function repoFromCargo(root) {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const url = unquote(tomlSection(cargo, 'workspace.package').repository) ?? '';
  const m = /^https:\/\/github\.com\/([^/]+\/[^/]+?)(\.git)?\/?$/.exec(url);
  return m ? m[1] : null;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const tag = process.argv[2];
  const repo = process.env.GITHUB_REPOSITORY || repoFromCargo(root);
  const problems = [...checkVersions(root, tag), ...checkUpdaterConfig(root, repo)];
  if (problems.length) {
    for (const p of problems) console.error(process.env.GITHUB_ACTIONS ? `::error title=Release preflight::${p}` : `error: ${p}`);
    console.error(`\n${problems.length} problem(s): fix them, delete the tag, commit and tag again (docs/releasing.md).`);
    process.exit(1);
  }
  console.log(`version=${versionFromTag(tag)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
