// The one translation layer of both windows: every visible word comes from a
// catalogue (ui/locales/<code>.js) through `t(key, params)`.
//
// Messages are plain strings with `{name}` placeholders, or, where a number
// changes the words, an object of CLDR plural forms chosen by
// Intl.PluralRules for the `count` parameter ({one: '…', other: '…'}).
// Numbers put into a message are formatted for its language. A key missing
// from a catalogue falls back to English; a key missing from English too
// shows a neutral "…" and is reported on the console, never the raw key.
//
// English is imported statically (it is every other language's fallback and
// the first screen's language nearly always); other catalogues load on
// demand with `loadLanguage`, one small module each.

import en from '../locales/en.js';
import { SafeHtml, escapeHtml } from './html.js';

/** The languages Ping Desk speaks, each named in itself (never translated). */
export const LANGUAGES = Object.freeze([
  Object.freeze({ code: 'en', name: 'English' }),
  Object.freeze({ code: 'sn', name: 'chiShona' }),
  Object.freeze({ code: 'nd', name: 'isiNdebele' }),
]);
export const LANGUAGE_CODES = Object.freeze(LANGUAGES.map((language) => language.code));
/**
 * The pseudo-locale: English with every letter accented and each message
 * wrapped in ⟦ ⟧, so a word that did not come through `t` stands out (the
 * end-to-end pseudo-locale test fails on any). A developer's tool: Settings
 * offers it only when it is already set.
 */
export const PSEUDO = 'en-XA';
export const DEFAULT_LANGUAGE = 'en';

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

// Intl formats English as spoken in Zimbabwe's shops: day before month,
// 24-hour clock (en-GB's conventions; en-ZW's differ by ICU version).
const FORMAT_LOCALE = { en: 'en-GB', [PSEUDO]: 'en-GB', sn: 'sn', nd: 'nd' };

const catalogues = new Map([['en', en]]);
const loading = new Map();
let current = DEFAULT_LANGUAGE;
const listeners = new Set();

export function isSupported(code) {
  return LANGUAGE_CODES.includes(code) || code === PSEUDO;
}

/** The catalogue module of a language (sn, nd) loads once; English is always there. */
export function loadLanguage(code) {
  if (!isSupported(code)) return Promise.reject(new Error(`unsupported language: ${code}`));
  if (code === PSEUDO || catalogues.has(code)) return Promise.resolve(code);
  if (!loading.has(code)) {
    loading.set(
      code,
      import(`../locales/${code}.js`).then((module) => {
        catalogues.set(code, module.default);
        return code;
      }),
    );
  }
  return loading.get(code);
}

/** Makes `code` the page's language (loading it first); unknown codes mean English. */
export async function setLanguage(code) {
  const wanted = isSupported(code) ? code : DEFAULT_LANGUAGE;
  try {
    await loadLanguage(wanted);
  } catch (err) {
    console.error('language could not load; English is used', err);
    return useLanguage(DEFAULT_LANGUAGE);
  }
  return useLanguage(wanted);
}

/** Switches to an already loaded language at once (English and the pseudo-locale always are). */
export function useLanguage(code) {
  const wanted = isSupported(code) && (code === PSEUDO || catalogues.has(code)) ? code : DEFAULT_LANGUAGE;
  const changed = wanted !== current;
  current = wanted;
  if (globalThis.document?.documentElement) document.documentElement.lang = wanted;
  if (changed) for (const listener of listeners) listener(wanted);
  return wanted;
}

export function currentLanguage() {
  return current;
}

/** Called with the new code whenever the page's language changes; returns an unsubscribe. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The locale Intl formats dates and numbers with for a language. */
export function formatLocale(code = current) {
  return FORMAT_LOCALE[code] ?? 'en-GB';
}

const pluralRules = new Map();
function pluralCategory(code, count) {
  const locale = formatLocale(code);
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  return pluralRules.get(locale).select(count);
}

const numberFormats = new Map();
/** A number written for the language (grouping, decimal mark). */
export function formatNumber(value, code = current, options = {}) {
  const locale = formatLocale(code);
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  if (!numberFormats.has(cacheKey)) numberFormats.set(cacheKey, new Intl.NumberFormat(locale, options));
  return numberFormats.get(cacheKey).format(value);
}

// Whether a message (string or plural object) exists in a catalogue.
function messageIn(catalogue, key) {
  return catalogue && Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

const reported = new Set();
function reportMissing(key) {
  if (reported.has(key)) return;
  reported.add(key);
  console.error(`no English text for "${key}"`);
}

/** The message for a key in a language, falling back to English; undefined when English lacks it too. */
export function lookup(key, code = current) {
  const own = code === PSEUDO ? undefined : messageIn(catalogues.get(code), key);
  return own ?? messageIn(en, key);
}

/** Chooses a plural form for `count` (falling back to `other`). */
function pickForm(message, params, code) {
  if (typeof message === 'string') return message;
  const count = Number(params?.count);
  const category = Number.isFinite(count) ? pluralCategory(code, count) : 'other';
  // "=0" and "=1" forms, when a catalogue has them, win over the category.
  return message[`=${count}`] ?? message[category] ?? message.other ?? '';
}

const PLACEHOLDER = /\{(\w+)\}/g;

function valueText(value, code) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, code);
  return String(value);
}

// Letters an accent can sit on, for the pseudo-locale.
const ACCENTED = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const accent = (text) => text.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch]);

const asText = { literal: (text) => text, value: valueText };

/**
 * Fills a message's placeholders; in the pseudo-locale the message's own
 * words are accented and wrapped. `as` turns the message's own text and
 * each value into the output (plain text, or escaped markup for tHtml).
 */
function fill(message, params, code, as = asText) {
  const pseudo = code === PSEUDO;
  let out = '';
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const own = message.slice(last, match.index);
    out += as.literal(pseudo ? accent(own) : own);
    out += params && Object.hasOwn(params, match[1]) ? as.value(params[match[1]], code) : as.literal(match[0]);
    last = match.index + match[0].length;
  }
  const rest = message.slice(last);
  out += as.literal(pseudo ? accent(rest) : rest);
  return pseudo ? `${as.literal(PSEUDO_OPEN)}${out}${as.literal(PSEUDO_CLOSE)}` : out;
}

const asMarkup = {
  literal: escapeHtml,
  value: (value, code) => (value instanceof SafeHtml ? value.toString() : escapeHtml(valueText(value, code))),
};

/**
 * A message as markup for the `html` template, where a placeholder is
 * itself markup (`Press {key} for shortcuts` with a <kbd>): the message's
 * words and plain values are escaped, only `html` values pass as markup.
 */
export function tHtml(key, params) {
  const message = lookup(key, current);
  if (message === undefined) {
    reportMissing(key);
    return new SafeHtml('…');
  }
  return new SafeHtml(fill(pickForm(message, params, current), params, current, asMarkup));
}

/** The text for `key` in a language (default: the page's), with `params` filled in. */
export function translate(code, key, params) {
  const message = lookup(key, code);
  if (message === undefined) {
    reportMissing(key);
    return '…';
  }
  return fill(pickForm(message, params, code), params, code);
}

/** `t(key, params)`: the page's language. */
export function t(key, params) {
  return translate(current, key, params);
}

/** A `t` bound to one language (the slip prints in the customer's, whatever the page's). */
export function translator(code) {
  const fixed = isSupported(code) ? code : DEFAULT_LANGUAGE;
  return (key, params) => translate(fixed, key, params);
}

/** Whether a language has its own text for a key (not English's). */
export function hasOwnText(code, key) {
  return messageIn(catalogues.get(code), key) !== undefined;
}

/**
 * Gives the page's static markup its words: `data-i18n="key"` sets an
 * element's text, `data-i18n-attr="aria-label:key;title:key"` its attributes.
 */
export function translateStatic(root = globalThis.document) {
  if (!root?.querySelectorAll) return;
  const within = (selector) => [...(root.matches?.(selector) ? [root] : []), ...root.querySelectorAll(selector)];
  for (const element of within('[data-i18n]')) {
    const text = t(element.dataset.i18n);
    if (element.textContent !== text) element.textContent = text;
  }
  for (const element of within('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

// ---- the customer's preferred language, as Ping stores it ----

// Ping's field is free text. Ping Desk writes the ISO 639-1 code ("en",
// "sn", "nd"); tickets from elsewhere carry names ("Shona", "isiNdebele")
// or other codes ("sna", "en-ZW"), so all of these are read back.
const READ_AS = {
  en: 'en', eng: 'en', english: 'en', chirungu: 'en', isingisi: 'en',
  sn: 'sn', sna: 'sn', shona: 'sn', chishona: 'sn',
  nd: 'nd', nde: 'nd', ndebele: 'nd', isindebele: 'nd', sindebele: 'nd', 'north ndebele': 'nd', 'northern ndebele': 'nd',
};

/** A supported language code for a preferred_language value from Ping, or null. */
export function languageFromPing(value) {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase().replace(/_/g, '-').replace(/\s+/g, ' ');
  if (!text) return null;
  if (Object.hasOwn(READ_AS, text)) return READ_AS[text];
  // A regional tag of a supported language ("en-ZW", "sn-Latn-ZW").
  const primary = text.split('-')[0];
  return text.includes('-') && Object.hasOwn(READ_AS, primary) && primary.length <= 3 ? READ_AS[primary] : null;
}

/** The name of a preferred_language value in a language: "chiShona" for "sn", the value itself when unknown. */
export function languageName(value) {
  const code = languageFromPing(value);
  return code ? LANGUAGES.find((language) => language.code === code).name : typeof value === 'string' ? value.trim() : '';
}
