// Outbox: every write made on this desk that Ping has not accepted yet, why
// it is waiting or failed, and what staff can do: send now, fix and resend,
// or discard.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { operationLabel, formatAge, formatDateTime, formatUntil, isoString } from '../lib/format.js';
import { fromCustomer, summarizeOperation } from '../lib/ticket-fields.js';
import { ticketHref, routeHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { opStateBadge } from '../components/badges.js';
import { errorPanel } from '../components/notices.js';
import { toggle } from '../components/fields.js';
import { t, tHtml } from '../lib/i18n.js';
import { describeError } from '../lib/errors.js';

const OPEN_STATES = new Set(['queued', 'in_flight', 'in_doubt', 'failed']);

/** Writes queued on a new ticket after it: discarding the create discards them too. */
export function dependantsOf(op, operations) {
  if (op.kind !== 'create_ticket') return [];
  return operations.filter((other) => other.id !== op.id && other.ticketKey === op.ticketKey && other.seq > op.seq && OPEN_STATES.has(other.state));
}

function waitingNote(op, now) {
  if (op.state === 'in_doubt') return t('outbox.inDoubt');
  if (op.state === 'in_flight') return t('outbox.inFlight');
  if (op.state === 'queued' && op.notBefore > now) return t('outbox.nextTry', { when: formatUntil(op.notBefore, now) });
  if (op.state === 'queued') return t('outbox.waiting');
  return '';
}

function operationRow(op, now) {
  const ticket = op.ticketNumber ?? op.ticketKey;
  const canDiscard = op.state === 'failed' || op.state === 'queued';
  return html`<tr data-testid="outbox-row" data-op-id="${op.id}" data-state="${op.state}" data-kind="${op.kind}">
    <td class="op-what">
      <span class="op-kind">${operationLabel(op.kind)}${ticket ? html` · <a href="${ticketHref(ticket)}" data-testid="outbox-ticket" translate="no">${ticket}</a>` : ''}</span>
      <span class="op-summary" data-testid="outbox-summary">${summarizeOperation(op)}</span>
      <span class="op-saved">${tHtml('outbox.saved', { age: html`<time datetime="${isoString(op.createdAt)}" title="${formatDateTime(op.createdAt)}">${formatAge(op.createdAt, now)}</time>` })}</span>
    </td>
    <td class="op-state">
      ${opStateBadge(op.state)}
      <span class="op-note">${waitingNote(op, now)}</span>
      <span class="op-note" data-testid="outbox-attempts" data-attempts="${op.attempts ?? 0}">${t('outbox.attempts', { count: op.attempts ?? 0 })}</span>
    </td>
    <td class="op-error" data-testid="outbox-error">${op.lastError
      ? html`<code data-testid="outbox-error-code" translate="no">${op.lastError.code}</code><span class="op-error-headline">${describeError(op.lastError).headline}</span><span class="op-error-message" translate="no" lang="en">${op.lastError.message}</span>`
      : html`<span class="muted">—</span>`}</td>
    <td><div class="op-actions-stack">
      ${op.state === 'failed'
        ? html`${fromCustomer(op) ? '' : html`<a class="button button-primary button-small" href="${routeHref('resend', { opId: op.id })}" data-testid="outbox-edit">${t('outbox.edit')}</a>`}
          <button type="button" class="button button-secondary button-small" data-action="retry" data-testid="outbox-retry">${t('outbox.retry')}</button>`
        : ''}
      ${canDiscard ? html`<button type="button" class="button button-danger-quiet button-small" data-action="discard" data-testid="outbox-discard">${t('outbox.discard')}</button>` : ''}
    </div></td>
  </tr>`;
}

export async function mount(host, ctx, route) {
  let includeDone = route.query.done === '1';
  let operations = [];
  let request = 0;
  let reloadTimer = null;

  render(
    host,
    html`<section class="screen screen-outbox" aria-labelledby="outbox-title">
      <div class="screen-head screen-head-row">
        <div>
          <h1 id="outbox-title" tabindex="-1">${t('outbox.title')}</h1>
          <p class="lede">${t('outbox.lede')}</p>
        </div>
        <div class="head-actions">
          ${toggle({ id: 'ob-done', name: 'include_done', label: t('outbox.showDone'), testid: 'outbox-show-done', checked: includeDone })}
          <button type="button" class="button button-primary" data-testid="sync-now">${t('outbox.syncNow')}</button>
        </div>
      </div>
      <div data-role="notice" aria-live="polite"></div>
      <div class="card table-card">
        <table class="outbox-table" data-testid="outbox-table">
          <caption class="visually-hidden">${t('outbox.caption')}</caption>
          <thead><tr>
            <th scope="col" class="col-what">${t('outbox.colWhat')}</th><th scope="col" class="col-state">${t('outbox.colState')}</th><th scope="col">${t('outbox.colError')}</th>
            <th scope="col" class="col-actions"><span class="visually-hidden">${t('outbox.colActions')}</span></th>
          </tr></thead>
          <tbody data-role="rows"></tbody>
        </table>
        <p class="table-status" data-role="status" data-testid="outbox-status" role="status"></p>
      </div>
    </section>`,
  );
  const rows = $(host, '[data-role="rows"]');
  const notice = $(host, '[data-role="notice"]');
  const status = $(host, '[data-role="status"]');

  async function load() {
    const mine = (request += 1);
    try {
      const result = await ipc.listOutbox(includeDone);
      if (mine !== request) return;
      operations = result ?? [];
      const now = Date.now();
      render(rows, html`${operations.map((op) => operationRow(op, now))}`);
      const failed = operations.filter((op) => op.state === 'failed').length;
      status.textContent = operations.length
        ? failed
          ? t('outbox.failedCount', { count: failed })
          : ''
        : t('outbox.empty');
    } catch (err) {
      if (mine !== request) return;
      rows.replaceChildren();
      status.textContent = '';
      render(notice, errorPanel(err, { testid: 'outbox-load-error' }));
    }
  }

  async function discard(op) {
    const dependants = dependantsOf(op, operations);
    const isCreate = op.kind === 'create_ticket';
    const sure = await ctx.confirm({
      title: t(isCreate ? 'outbox.discardTitle.create_ticket' : op.kind === 'add_comment' ? 'outbox.discardTitle.add_comment' : 'outbox.discardTitle.update_ticket'),
      message: isCreate ? t('outbox.discardCreate', { what: summarizeOperation(op) }) : t('outbox.discardOther'),
      details: dependants.length
        ? [t('outbox.discardDependants', { count: dependants.length }), ...dependants.map((d) => t('detail.pendingLine', { kind: operationLabel(d.kind), what: summarizeOperation(d) }))]
        : [],
      confirmLabel: dependants.length ? t('outbox.discardItems', { count: dependants.length + 1 }) : t('outbox.discard'),
      danger: true,
    });
    if (!sure) return;
    try {
      const ids = await ipc.discardOperation(op.id);
      ctx.announce(t('outbox.discarded', { count: ids.length }));
      render(notice, html``);
    } catch (err) {
      render(notice, errorPanel(err, { testid: 'outbox-action-error' }));
    }
    await load();
  }

  async function retry(op) {
    try {
      await ipc.retryOperation(op.id);
      ctx.announce(t('outbox.requeued'));
      render(notice, html``);
    } catch (err) {
      render(notice, errorPanel(err, { testid: 'outbox-action-error' }));
    }
    await load();
  }

  rows.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const op = operations.find((candidate) => candidate.id === button.closest('tr').dataset.opId);
    if (!op) return;
    if (button.dataset.action === 'discard') discard(op);
    if (button.dataset.action === 'retry') retry(op);
  });
  $(host, '[data-testid="sync-now"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await ipc.syncNow();
      ctx.announce(t('outbox.sendingNow'));
      render(notice, html``);
    } catch (err) {
      render(notice, errorPanel(err, { testid: 'outbox-action-error' }));
    } finally {
      button.disabled = false;
    }
    await load();
  });
  $(host, '[data-testid="outbox-show-done"]').addEventListener('change', (event) => {
    includeDone = event.target.checked;
    history.replaceState(null, '', includeDone ? '#/outbox?done=1' : '#/outbox');
    load();
  });

  await load();

  return {
    onEvent(event) {
      if (['queued', 'sent', 'retrying', 'inDoubt', 'failed', 'outboxChanged'].includes(event.type)) {
        clearTimeout(reloadTimer);
        reloadTimer = setTimeout(load, 300);
      }
    },
    unmount() {
      clearTimeout(reloadTimer);
    },
  };
}
