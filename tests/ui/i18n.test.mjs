// The translation layer (ui/lib/i18n.js): plurals, placeholders, numbers,
// fallback to English, the pseudo-locale, and never a raw key on screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANGUAGES,
  PSEUDO,
  currentLanguage,
  formatLocale,
  formatNumber,
  hasOwnText,
  languageFromPing,
  languageName,
  loadLanguage,
  lookup,
  setLanguage,
  t,
  translate,
  translator,
  useLanguage,
} from '../../ui/lib/i18n.js';
import en from '../../ui/locales/en.js';

test('each language is named in itself', () => {
  assert.deepEqual(
    LANGUAGES.map(({ code, name }) => [code, name]),
    [['en', 'English'], ['sn', 'chiShona'], ['nd', 'isiNdebele']],
  );
});

test('plurals follow Intl.PluralRules for the language', async () => {
  await loadLanguage('sn');
  await loadLanguage('nd');
  assert.equal(translate('en', 'customer.countdown', { count: 1 }), 'Thank you! Saving in 1 second… tap another face to change');
  assert.equal(translate('en', 'customer.countdown', { count: 4 }), 'Thank you! Saving in 4 seconds… tap another face to change');
  assert.equal(translate('en', 'customer.countdown', { count: 0 }), 'Thank you! Saving in 0 seconds… tap another face to change');
  assert.match(translate('sn', 'customer.countdown', { count: 1 }), /musekondi 1…/);
  assert.match(translate('sn', 'customer.countdown', { count: 3 }), /mumasekondi 3…/);
  assert.match(translate('nd', 'customer.countdown', { count: 1 }), /komzuzwana 1…/);
  assert.match(translate('nd', 'customer.countdown', { count: 3 }), /kwemizuzwana engu-3…/);
});

test('placeholders are filled, numbers written for the language, and unknown ones left visible', () => {
  assert.equal(translate('en', 'slip.qr', { reference: 'TKT-2026-00042' }), 'QR code of TKT-2026-00042');
  assert.equal(translate('en', 'customer.pin.lockedMinutes', { count: 1200 }), 'Too many wrong PINs. Try again in 1,200 minutes.');
  assert.equal(formatNumber(1234.5, 'en'), '1,234.5');
  // A value is text, never a message: braces in data stay as they are.
  assert.equal(translate('en', 'slip.qr', { reference: '{count}' }), 'QR code of {count}');
  // A placeholder the caller forgot is shown as such, so the gap is seen.
  assert.equal(translate('en', 'slip.qr', {}), 'QR code of {reference}');
});

test('a key missing from a language falls back to English', async () => {
  await loadLanguage('sn');
  const key = Object.keys(en).find((k) => !hasOwnText('sn', k));
  if (key) assert.equal(lookup(key, 'sn'), en[key], `${key} falls back`);
  // And a language's own words win where it has them.
  assert.equal(translate('sn', 'customer.question'), 'Takakushandirai sei nhasi?');
  assert.equal(translate('nd', 'customer.thanks.title'), 'Siyabonga!');
});

test('a key missing everywhere never shows the raw key', () => {
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args.join(' '));
  try {
    const text = translate('sn', 'no.such.key');
    assert.equal(text, '…');
    assert.ok(!text.includes('no.such.key'));
    assert.match(errors.join('\n'), /no\.such\.key/, 'reported to the console for developers');
  } finally {
    console.error = original;
  }
});

test('the pseudo-locale marks every message and keeps placeholders and data readable', () => {
  const text = translate(PSEUDO, 'slip.qr', { reference: 'TKT-2026-00042' });
  assert.ok(text.startsWith('⟦') && text.endsWith('⟧'), text);
  assert.ok(text.includes('TKT-2026-00042'), 'the data is not accented');
  assert.doesNotMatch(text.replace('TKT-2026-00042', ''), /[a-zA-Z]/, 'no plain letter left in the words');
  assert.match(translate(PSEUDO, 'customer.countdown', { count: 2 }), /^⟦.*2.*⟧$/);
});

test('setLanguage switches the page language and t follows; unknown codes mean English', async () => {
  assert.equal(await setLanguage('nd'), 'nd');
  assert.equal(currentLanguage(), 'nd');
  assert.equal(t('customer.comment.send'), 'Thumela');
  assert.equal(await setLanguage('xx'), 'en');
  assert.equal(t('customer.comment.send'), 'Send');
  assert.equal(useLanguage(PSEUDO), PSEUDO);
  assert.match(t('customer.comment.send'), /^⟦.+⟧$/);
  useLanguage('en');
  const sn = translator('sn');
  assert.equal(sn('customer.comment.send'), 'Tumirai', 'a bound translator keeps its language');
  assert.equal(t('customer.comment.send'), 'Send', 'whatever the page speaks');
});

test('dates and numbers are formatted with the language', () => {
  assert.equal(formatLocale('en'), 'en-GB');
  assert.equal(formatLocale('sn'), 'sn');
  assert.equal(formatLocale('nd'), 'nd');
  const date = new Date(Date.UTC(2026, 11, 1, 8));
  const month = (locale) => new Intl.DateTimeFormat(formatLocale(locale), { month: 'long', timeZone: 'UTC' }).format(date);
  assert.equal(month('en'), 'December');
  assert.equal(month('sn'), 'Zvita');
  assert.equal(month('nd'), 'Mpalakazi');
});

test("Ping's preferred_language is read back from codes and names", () => {
  const cases = {
    en: 'en', EN: 'en', 'en-ZW': 'en', English: 'en', eng: 'en',
    sn: 'sn', sna: 'sn', Shona: 'sn', chiShona: 'sn', ' SHONA ': 'sn', 'sn-ZW': 'sn',
    nd: 'nd', nde: 'nd', Ndebele: 'nd', isiNdebele: 'nd', 'North Ndebele': 'nd', 'nd_ZW': 'nd',
  };
  for (const [value, code] of Object.entries(cases)) assert.equal(languageFromPing(value), code, value);
  for (const value of ['', 'Tonga', 'fr', 'nr', 'South Ndebele', 'english-ish', null, 42, undefined]) {
    assert.equal(languageFromPing(value), null, String(value));
  }
  assert.equal(languageName('Shona'), 'chiShona');
  assert.equal(languageName('nd'), 'isiNdebele');
  assert.equal(languageName(' Tonga '), 'Tonga');
});
