// Scans ui/ for what the CSP and the XSS rules forbid, so a regression fails
// here before it reaches WebDriver or a customer's subject line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const UI = fileURLToPath(new URL('../../ui/', import.meta.url));
// The one module allowed to turn (escaped) markup into nodes.
const PARSER_MODULE = 'lib/html.js';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const STRING_LITERAL = /^\s*(?:'[^'\\\n]*'|"[^"\\\n]*"|`[^`$\\]*`)\s*;?\s*$/;

/** Problems in a JavaScript module's source. */
export function checkScript(source, file = 'script.js') {
  const problems = [];
  const lines = source.split('\n');
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const sink = line.match(/\.(innerHTML|outerHTML)\s*(\+?=)(?!=)(.*)$/);
    if (sink && (sink[2] === '+=' || !STRING_LITERAL.test(sink[3]))) problems.push(`${where}: ${sink[1]} assigned non-constant data`);
    if (/insertAdjacentHTML\s*\(/.test(line)) problems.push(`${where}: insertAdjacentHTML`);
    if (/document\.write(ln)?\s*\(/.test(line)) problems.push(`${where}: document.write`);
    if (/(^|[^.\w])eval\s*\(/.test(line)) problems.push(`${where}: eval`);
    if (/new\s+Function\s*\(/.test(line)) problems.push(`${where}: new Function`);
    if (/set(Timeout|Interval)\s*\(\s*['"`]/.test(line)) problems.push(`${where}: string passed to a timer`);
    if (/\.setAttribute\s*\(\s*['"`](on\w+|style)['"`]/i.test(line)) problems.push(`${where}: inline handler or style set as an attribute`);
    if (file !== PARSER_MODULE && /createContextualFragment|DOMParser|parseFromString|\.srcdoc\s*=/.test(line)) {
      problems.push(`${where}: markup parsing outside ${PARSER_MODULE}`);
    }
    if (file !== 'ipc.js' && /__TAURI__/.test(line)) problems.push(`${where}: window.__TAURI__ used outside ipc.js`);
  });
  // Markup inside template literals: no inline handlers, styles or scripts.
  // Whole-line comments are left out (they may quote a payload in backticks).
  const code = lines.map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? '' : line)).join('\n');
  for (const [literal] of code.matchAll(/`[^`]*`/gs)) {
    for (const [tag] of literal.matchAll(/<[a-zA-Z][^<>]*>/g)) {
      if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`${file}: inline event handler in markup: ${tag}`);
      if (/\sstyle\s*=/i.test(tag)) problems.push(`${file}: inline style attribute in markup: ${tag}`);
      if (/^<(script|style|iframe|object|embed)\b/i.test(tag)) problems.push(`${file}: <${tag.slice(1).split(/[\s>]/)[0]}> in markup`);
      if (/\s(src|href)\s*=\s*["']?\s*(https?:|\/\/|javascript:)/i.test(tag)) problems.push(`${file}: remote or javascript: URL in markup: ${tag}`);
    }
  }
  return problems;
}

/** Problems in an HTML file. */
export function checkHtml(source, file = 'page.html') {
  const problems = [];
  for (const [tag] of source.matchAll(/<[a-zA-Z][^<>]*>/g)) {
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`${file}: inline event handler: ${tag}`);
    if (/\sstyle\s*=/i.test(tag)) problems.push(`${file}: inline style attribute: ${tag}`);
    if (/^<script\b/i.test(tag) && !/\ssrc\s*=/i.test(tag)) problems.push(`${file}: inline <script>`);
    if (/^<style\b/i.test(tag)) problems.push(`${file}: inline <style> block`);
    if (/\s(src|href)\s*=\s*["']?\s*(https?:|\/\/|javascript:)/i.test(tag)) problems.push(`${file}: remote or javascript: URL: ${tag}`);
  }
  if (!/<html[^>]*\slang=["'][a-z]/i.test(source)) problems.push(`${file}: <html> has no lang`);
  return problems;
}

/** Problems in a stylesheet: nothing fetched from elsewhere. */
export function checkCss(source, file = 'styles.css') {
  const problems = [];
  if (/url\(\s*['"]?\s*(https?:|\/\/)/i.test(source)) problems.push(`${file}: remote url()`);
  if (/@import/i.test(source)) problems.push(`${file}: @import`);
  if (/expression\s*\(/i.test(source)) problems.push(`${file}: CSS expression`);
  return problems;
}

test('the checker itself catches what it must (so this test can fail)', () => {
  assert.equal(checkScript("el.innerHTML = ticket.subject;").length, 1);
  assert.equal(checkScript('el.innerHTML = `<b>${name}</b>`;').length, 1);
  assert.equal(checkScript("el.innerHTML += '<br>';").length, 1);
  assert.equal(checkScript("el.outerHTML = html;").length, 1);
  assert.equal(checkScript("el.insertAdjacentHTML('beforeend', x);").length, 1);
  assert.equal(checkScript("el.setAttribute('onclick', 'x()');").length, 1);
  assert.equal(checkScript("const f = new Function('return 1');").length, 1);
  assert.equal(checkScript('eval(code);').length, 1);
  assert.equal(checkScript("new DOMParser().parseFromString(s, 'text/html');", 'screens/x.js').length, 1);
  assert.equal(checkScript('const t = html`<button onclick="go()">Go</button>`;').length, 1);
  assert.equal(checkScript('const t = html`<p style="color:red">x</p>`;').length, 1);
  assert.equal(checkScript('const t = html`<img src="https://cdn.example.com/x.png">`;').length, 1);
  assert.equal(checkScript('window.__TAURI__.core.invoke("x")', 'screens/x.js').length, 1);
  assert.deepEqual(checkScript("el.innerHTML = '';"), [], 'clearing with a constant is fine');
  assert.deepEqual(checkScript('if (a.innerHTML === b) {}'), [], 'a comparison is not an assignment');
  assert.deepEqual(checkScript('el.style.display = "none"; el.textContent = data;'), []);
  assert.deepEqual(checkScript('// e.g. `<img src=x onerror=alert(1)>` shows as text\nconst a = 1;'), [], 'comments are not markup');
  assert.equal(checkHtml('<html lang="en"><script>alert(1)</script></html>').length, 1);
  assert.equal(checkHtml('<html lang="en"><div style="color:red" onclick="x()"></div></html>').length, 2);
  assert.equal(checkHtml('<html><body></body></html>').length, 1, 'lang is required');
  assert.deepEqual(checkHtml('<html lang="en"><script type="module" src="main.js"></script></html>'), []);
  assert.equal(checkCss("@font-face { src: url('https://fonts.example.com/a.woff2'); }").length, 1);
});

test('ui/ has no unsafe HTML sinks, inline scripts, styles or handlers, or remote resources', () => {
  const files = filesUnder(UI);
  assert.ok(files.some((file) => file.endsWith('main.js')), 'the scan found the UI');
  const problems = files.flatMap((path) => {
    const file = relative(UI, path).split('\\').join('/');
    const source = readFileSync(path, 'utf8');
    switch (extname(path)) {
      case '.js':
        return checkScript(source, file);
      case '.html':
        return checkHtml(source, file);
      case '.css':
        return checkCss(source, file);
      default:
        return [`${file}: unexpected file type in ui/`];
    }
  });
  assert.deepEqual(problems, []);
});
