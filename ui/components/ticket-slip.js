// The ticket slip handed to a walk-in: shown in a dialog as it will print,
// then printed through the system print dialog. The print stylesheet
// (styles.css, @media print) prints only #print-root, so the slip comes out
// alone on the page, whatever screen staff were on.

import { html, render } from '../lib/html.js';
import { $, svgElement } from '../lib/dom.js';
import { formatDateTime } from '../lib/format.js';
import { errorText } from '../lib/errors.js';
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

/** The slip itself (the same element is previewed and printed). */
export function slipElement(slip) {
  const article = document.createElement('article');
  article.className = 'slip';
  article.dataset.testid = 'slip';
  render(
    article,
    html`<header class="slip-store" data-testid="slip-store">${slip.store || 'Ping Desk'}</header>
      <p class="slip-label">${slip.queued ? 'Your reference' : 'Your ticket number'}</p>
      <p class="slip-reference" data-testid="slip-reference">${slip.reference}</p>
      ${slip.queued
        ? html`<p class="slip-note" data-testid="slip-queued-note">We are sending your ticket to our helpdesk; quote this reference until it has a ticket number.</p>`
        : html`<p class="slip-note">Quote this number when you call or come back.</p>`}
      <div class="slip-qr-box" data-role="qr"></div>
      <dl class="slip-facts">
        <div><dt>Date</dt><dd data-testid="slip-date"><time datetime="${slip.date}">${formatDateTime(slip.date)}</time></dd></div>
        ${slip.customerFirstName ? html`<div><dt>For</dt><dd data-testid="slip-customer">${slip.customerFirstName}</dd></div>` : ''}
        <div><dt>About</dt><dd data-testid="slip-summary">${slip.summary || '—'}</dd></div>
      </dl>
      <footer class="slip-footer">Thank you for visiting us.</footer>`,
  );
  $(article, '[data-role="qr"]').append(qrSvg(slip.qr, `QR code of ${slip.reference}`));
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
 * Shows the slip for `ticketRef` as it will print, with Print and Close.
 * `print: true` opens the print dialog straight away (Alt+P).
 */
export async function openSlipDialog(ticketRef, { print = false } = {}) {
  if (openDialog) return;
  const { dialog } = openModal({
    className: 'dialog-slip',
    testid: 'slip-dialog',
    labelledBy: 'slip-title',
    content: html`<div class="dialog-body">
      <h2 id="slip-title">Ticket slip</h2>
      <div class="slip-preview" data-role="preview" aria-busy="true"><p class="muted">Preparing the slip…</p></div>
      <form method="dialog" class="dialog-actions">
        <button type="submit" value="close" class="button button-secondary" data-testid="slip-close">Close</button>
        <button type="button" class="button button-primary" data-testid="slip-print" aria-keyshortcuts="Alt+P" disabled>Print</button>
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
  try {
    const slip = await ipc.ticketSlip(ticketRef);
    const node = slipElement(slip);
    preview.replaceChildren(node);
    preview.removeAttribute('aria-busy');
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
    render(preview, html`<p class="notice notice-error" role="alert" data-testid="slip-error">The slip could not be prepared. ${errorText(err)}</p>`);
  }
}
