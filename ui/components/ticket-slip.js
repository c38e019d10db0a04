// The ticket slip handed to a walk-in: shown in a dialog as it will print,
// then printed through the system print dialog. The print stylesheet
// (styles.css, @media print) prints only #print-root, so the slip comes out
// alone on the page, whatever screen staff were on.

import { html, render } from '../lib/html.js';
import { $, svgElement } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { errorText } from '../lib/errors.js';
import { LANGUAGES, DEFAULT_LANGUAGE, PSEUDO, currentLanguage, formatLocale, isSupported, languageFromPing, loadLanguage, t, translator } from '../lib/i18n.js';
import * as ipc from '../ipc.js';
import { openModal } from './modal.js';

// QR codes need four light modules around them to scan.
const QUIET_ZONE = 4;

/** The QR matrix ({size, rows of '0'/'1'}) as an SVG: one path of dark squares. */
export function qrSvg(qr, label) {
  const total = qr.size + 2 * QUIET_ZONE;
  const svg = svgElement('svg', {
    viewBox: `0 0 ${total} ${total}`,
    class: 'slip-qr',
    role: 'img',
    'aria-label': label,
    'shape-rendering': 'crispEdges',
  });
  svg.append(
    svgElement('rect', { width: total, height: total, fill: '#fff' }),
    svgElement('path', { d: qrPath(qr), fill: '#000' }),
  );
  return svg;
}

/** The SVG path of a QR matrix's dark modules, offset by the quiet zone. */
export function qrPath(qr) {
  const parts = [];
  qr.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (row[x] === '1') parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }
  });
  return parts.join('');
}

/**
 * The language a slip prints in: the ticket's preferred language when it is
 * one we have, else the store's default for customers, else English.
 */
export function slipLanguage(slip, storeLanguage) {
  // A staff window in the pseudo-locale prints in it (its test checks every word).
  if (currentLanguage() === PSEUDO) return PSEUDO;
  return languageFromPing(slip?.preferredLanguage) ?? (isSupported(storeLanguage) ? storeLanguage : DEFAULT_LANGUAGE);
}

/** The slip itself (the same element is previewed and printed), in `language` (the customer's). */
export function slipElement(slip, language = DEFAULT_LANGUAGE) {
  const tr = translator(language);
  const article = document.createElement('article');
  article.className = 'slip';
  article.dataset.testid = 'slip';
  // Marked with its language (hyphenation, the printer's fonts, screen readers), whatever the staff window's.
  article.lang = language;
  article.dataset.language = language;
  render(
    article,
    html`<header class="slip-store" data-testid="slip-store" translate="no">${slip.store || 'Ping Desk'}</header>
      <p class="slip-label">${slip.queued ? tr('slip.yourReference') : tr('slip.yourNumber')}</p>
      <p class="slip-reference" data-testid="slip-reference" translate="no">${slip.reference}</p>
      ${slip.queued
        ? html`<p class="slip-note" data-testid="slip-queued-note">${tr('slip.queuedNote')}</p>`
        : html`<p class="slip-note">${tr('slip.note')}</p>`}
      <div class="slip-qr-box" data-role="qr"></div>
      <dl class="slip-facts">
        <div><dt>${tr('slip.date')}</dt><dd data-testid="slip-date"><time datetime="${slip.date}">${formatDateTime(slip.date, { locale: formatLocale(language) })}</time></dd></div>
        ${slip.customerFirstName ? html`<div><dt>${tr('slip.for')}</dt><dd data-testid="slip-customer" translate="no">${slip.customerFirstName}</dd></div>` : ''}
        <div><dt>${tr('slip.about')}</dt><dd data-testid="slip-summary" translate="no">${slip.summary || '—'}</dd></div>
      </dl>
      <footer class="slip-footer">${tr('slip.thanks')}</footer>`,
  );
  $(article, '[data-role="qr"]').append(qrSvg(slip.qr, tr('slip.qr', { reference: slip.reference })));
  return article;
}

/**
 * Puts `slipNode` where the print stylesheet looks (#print-root) and marks
 * the page, so that printing shows the slip alone. It stays there until
 * `clearPrintedSlip`: WebKitGTK renders the pages after the print dialog,
 * once the user picks a printer, so it must not be taken away when
 * `window.print()` returns.
 */
export function preparePrint(slipNode) {
  let root = document.getElementById('print-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.append(root);
  }
  root.replaceChildren(slipNode.cloneNode(true));
  document.body.classList.add('printing-slip');
}

export function clearPrintedSlip() {
  document.body.classList.remove('printing-slip');
  document.getElementById('print-root')?.replaceChildren();
}

/** Opens the system print dialog for the prepared slip. */
export function printSlip(slipNode) {
  preparePrint(slipNode);
  window.print();
}

let openDialog = null;

/**
 * Shows the slip for `ticketRef` as it will print, with Print and Close, in
 * the customer's language (staff may pick another before printing).
 * `print: true` opens the print dialog straight away (Alt+P).
 * `storeLanguage`: the store's default language for customers.
 */
export async function openSlipDialog(ticketRef, { print = false, storeLanguage = DEFAULT_LANGUAGE } = {}) {
  if (openDialog) return;
  const { dialog } = openModal({
    className: 'dialog-slip',
    testid: 'slip-dialog',
    labelledBy: 'slip-title',
    content: html`<div class="dialog-body">
      <h2 id="slip-title">${t('slip.dialog.title')}</h2>
      <p class="field slip-language">
        <label for="slip-language">${t('slip.dialog.language')}</label>
        <select id="slip-language" data-testid="slip-language" disabled>
          ${LANGUAGES.map(({ code, name }) => html`<option value="${code}" lang="${code}" translate="no">${name}</option>`)}
          ${currentLanguage() === PSEUDO ? html`<option value="${PSEUDO}" translate="no">${PSEUDO}</option>` : ''}
        </select>
      </p>
      <div class="slip-preview" data-role="preview" aria-busy="true"><p class="muted">${t('slip.dialog.preparing')}</p></div>
      <form method="dialog" class="dialog-actions">
        <button type="submit" value="close" class="button button-secondary" data-testid="slip-close">${t('common.close')}</button>
        <button type="button" class="button button-primary" data-testid="slip-print" aria-keyshortcuts="Alt+P" disabled>${t('slip.dialog.print')}</button>
      </form>
    </div>`,
    onClose: () => {
      openDialog = null;
      clearPrintedSlip();
    },
  });
  openDialog = dialog;

  const preview = $(dialog, '[data-role="preview"]');
  const printButton = $(dialog, '[data-testid="slip-print"]');
  const languageSelect = $(dialog, '[data-testid="slip-language"]');
  try {
    const slip = await ipc.ticketSlip(ticketRef);
    let language = slipLanguage(slip, storeLanguage);
    await loadLanguage(language).catch(() => (language = DEFAULT_LANGUAGE));
    let node = slipElement(slip, language);
    preview.replaceChildren(node);
    preview.removeAttribute('aria-busy');
    languageSelect.value = language;
    languageSelect.disabled = false;
    languageSelect.addEventListener('change', async () => {
      const wanted = languageSelect.value;
      await loadLanguage(wanted).catch(() => null);
      node = slipElement(slip, isSupported(wanted) ? wanted : DEFAULT_LANGUAGE);
      preview.replaceChildren(node);
    });
    printButton.disabled = false;
    printButton.addEventListener('click', () => printSlip(node));
    // Alt+P inside the dialog prints too.
    dialog.addEventListener('keydown', (event) => {
      if (event.altKey && event.code === 'KeyP') {
        event.preventDefault();
        event.stopPropagation();
        printSlip(node);
      }
    });
    printButton.focus();
    if (print) printSlip(node);
  } catch (err) {
    preview.removeAttribute('aria-busy');
    render(preview, html`<p class="notice notice-error" role="alert" data-testid="slip-error">${t('slip.dialog.failed')} ${errorText(err)}</p>`);
  }
}
