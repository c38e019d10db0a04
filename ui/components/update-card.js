// The updates card in Settings: the running version, a check, what is new,
// the download's progress and "Restart now". The restart waits while a form
// holds typed text (asked of the app) or the outbox is sending (the backend
// refuses); then the update installs when Ping Desk quits.

import { html, render, booleanAttr } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import { updateHeadline, progressText } from '../lib/updates.js';
import * as ipc from '../ipc.js';
import { t, tHtml } from '../lib/i18n.js';

/**
 * Fills `card` and keeps it current. `ctx.update()` / `ctx.setUpdate(status)`
 * share the status with the app bar; `ctx.hasUnsavedText()` says whether a
 * form holds typed text.
 */
export function mountUpdateCard(card, ctx) {
  let status = ctx.update();
  let progress = null;
  let result = { text: '', ok: '' };
  let busy = false;

  function show() {
    const state = status?.state ?? 'none';
    render(
      card,
      html`<h2 id="updates-title">${t('update.title')}</h2>
        <p data-testid="update-current">${tHtml('update.current', { version: html`<strong data-testid="update-current-version" translate="no">${status?.current ?? ''}</strong>` })}</p>
        <p data-testid="update-state" data-state="${state}" data-version="${status?.version ?? ''}">${updateHeadline(status)}</p>
        ${status?.notes && state !== 'none'
          ? html`<h3 class="subhead">${t('update.whatsNew')}</h3><div class="update-notes" data-testid="update-notes" translate="no">${status.notes}</div>`
          : ''}
        ${state === 'downloading' || progress
          ? html`<div class="update-progress">${Number.isFinite(progress?.total)
                ? html`<progress data-testid="update-progress" max="${progress.total}" value="${progress.downloaded}" aria-label="${t('update.progressLabel')}"></progress>`
                : html`<progress data-testid="update-progress" aria-label="${t('update.progressLabel')}"></progress>`}
              <span data-testid="update-progress-text">${progress ? progressText(progress) : t('update.starting')}</span></div>`
          : ''}
        <div class="button-row">
          ${state === 'none' ? html`<button type="button" class="button button-secondary" data-testid="update-check" ${booleanAttr('disabled', busy)}>${t('update.check')}</button>` : ''}
          ${state === 'available' ? html`<button type="button" class="button button-primary" data-testid="update-download" ${booleanAttr('disabled', busy)}>${t('update.download')}</button>` : ''}
          ${state === 'ready' ? html`<button type="button" class="button button-primary" data-testid="update-restart" ${booleanAttr('disabled', busy)}>${t('update.restart')}</button>` : ''}
        </div>
        <p class="inline-result" data-testid="update-result" data-ok="${result.ok}" role="status">${result.text}</p>`,
    );
  }

  function settle(next, text = '', ok = '') {
    if (next) {
      status = next;
      ctx.setUpdate(next);
    }
    result = { text, ok };
    busy = false;
    show();
  }

  async function check() {
    busy = true;
    result = { text: t('update.checking'), ok: '' };
    show();
    try {
      const next = await ipc.checkForUpdate();
      settle(next, next.state === 'none' ? t('update.upToDate', { version: next.current }) : '', 'true');
    } catch (err) {
      settle(null, errorText(err), 'false');
    }
  }

  async function download() {
    busy = true;
    status = { ...status, state: 'downloading' };
    progress = null;
    result = { text: '', ok: '' };
    show();
    try {
      const next = await ipc.downloadUpdate((step) => {
        progress = step;
        const bar = card.querySelector('[data-testid="update-progress"]');
        const text = card.querySelector('[data-testid="update-progress-text"]');
        // Update in place: re-rendering the card for every step would move focus.
        if (bar && Number.isFinite(step.total)) bar.max = step.total;
        if (bar) bar.value = step.downloaded;
        if (text) text.textContent = progressText(step);
      });
      progress = null;
      settle(next, '', 'true');
      $(card, '[data-testid="update-restart"]')?.focus();
    } catch (err) {
      progress = null;
      // Back to "available": a refused download is dropped, this version keeps working.
      const next = await ipc.updateStatus().catch(() => ({ ...status, state: 'available' }));
      settle(next, errorText(err), 'false');
    }
  }

  async function restart() {
    if (ctx.hasUnsavedText()) {
      settle(null, errorText({ code: 'UPDATE_WAIT_FORM' }), 'false');
      return;
    }
    busy = true;
    result = { text: t('update.installing'), ok: '' };
    show();
    try {
      await ipc.restartToUpdate();
    } catch (err) {
      settle(null, errorText(err), 'false');
    }
  }

  card.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || button.disabled) return;
    if (button.dataset.testid === 'update-check') check();
    if (button.dataset.testid === 'update-download') download();
    if (button.dataset.testid === 'update-restart') restart();
  });
  show();
  // The card shows what the app knows; without a status yet, ask.
  if (!status) ipc.updateStatus().then((next) => settle(next), () => {});
}
