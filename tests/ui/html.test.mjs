import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, escapeHtml, booleanAttr, SafeHtml } from '../../ui/lib/html.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

test('escapeHtml turns markup characters into entities', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&\`</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
  assert.equal(escapeHtml(42), '42');
});

test('interpolated values stay text, the template stays markup', () => {
  const out = String(html`<p class="subject">${PAYLOAD}</p>`);
  assert.equal(out, '<p class="subject">&lt;img src=x onerror=alert(1)&gt;</p>');
  assert.ok(!out.includes('<img'));
});

test('attribute values cannot break out of their quotes', () => {
  const out = String(html`<a title="${'" onmouseover="alert(1)'}" data-x='${"' onclick='x"}'>x</a>`);
  assert.equal(out, `<a title="&quot; onmouseover=&quot;alert(1)" data-x='&#39; onclick=&#39;x'>x</a>`);
  // Only the template's own quotes remain as real quote characters.
  assert.equal(out.match(/"/g).length, 2);
  assert.equal(out.match(/'/g).length, 2);
});

test('nested templates and arrays compose without double escaping', () => {
  const names = ['Tendai', '<b>Nyasha</b>'];
  const out = String(html`<ul>${names.map((name) => html`<li>${name}</li>`)}</ul>`);
  assert.equal(out, '<ul><li>Tendai</li><li>&lt;b&gt;Nyasha&lt;/b&gt;</li></ul>');
});

test('an object that only looks safe is escaped', () => {
  const fake = { toString: () => PAYLOAD };
  assert.equal(String(html`${fake}`), escapeHtml(PAYLOAD));
  const alsoFake = Object.create(SafeHtml.prototype);
  assert.throws(() => String(html`${alsoFake}`), 'a SafeHtml without its private markup cannot be forged');
});

test('null, undefined and false render as nothing; 0 renders', () => {
  assert.equal(String(html`[${null}${undefined}${false}${0}]`), '[0]');
});

test('booleanAttr only emits names from a fixed list', () => {
  assert.equal(String(html`<input ${booleanAttr('checked', true)}>`), '<input checked>');
  assert.equal(String(html`<input ${booleanAttr('checked', false)}>`), '<input >');
  assert.throws(() => booleanAttr('onclick', true), TypeError);
});
