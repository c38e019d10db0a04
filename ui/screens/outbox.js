// Outbox: every write made on this desk that Ping has not accepted yet, why
// it is waiting or failed, and what staff can do: send now, fix and resend,
// or discard.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { operationLabel, formatAge, formatDateTime, formatUntil, isoString, plural } from '../lib/format.js';
import { fromCustomer, summarizeOperation } from '../lib/ticket-fields.js';
import { ticketHref, routeHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { opStateBadge } from '../components/badges.js';
import { errorPanel } from '../components/notices.js';
import { toggle } from '../components/fields.js';

const OPEN_STATES = new Set(['queued', 'in_flight', 'in_doubt', 'failed']);

/** Writes queued on a new ticket after it: discarding the create discards them too. */
export function dependantsOf(op, operations) {
  if (op.kind !== 'create_ticket') return [];
  return operations.filter((other) => other.id !== op.id && other.ticketKey === op.ticketKey && other.seq > op.seq && OPEN_STATES.has(other.state));
}

function waitingNote(op, now) {
  if (op.state === 'in_doubt') return 'No answer from Ping; checking whether it arrived before sending again.';
  if (op.state === 'in_flight') return 'Being sent now.';
  if (op.state === 'queued' && op.notBefore > now) return `Next try ${formatUntil(op.notBefore, now)}.`;
  if (op.state === 'queued') return 'Waiting to be sent.';
  return '';
}

function operationRow(op, now) {
  const ticket = op.ticketNumber ?? op.ticketKey;
  const canDiscard = op.state === 'failed' || op.state === 'queued';
  return html`<tr data-testid="outbox-row" data-op-id="${op.id}" data-state="${op.state}" data-kind="${op.kind}">
    <td class="op-what">
      <span class="op-kind">${operationLabel(op.kind)}${ticket ? html` · <a href="${ticketHref(ticket)}" data-testid="outbox-ticket">${ticket}</a>` : ''}</span>
      <span class="op-summary" data-testid="outbox-summary">${summarizeOperation(op)}</span>
      <span class="op-saved">Saved <time datetime="${isoString(op.createdAt)}" title="${formatDateTime(op.createdAt)}">${formatAge(op.createdAt, now)}</time></span>
    </td>
    <td class="op-state">
      ${opStateBadge(op.state)}
      <span class="op-note">${waitingNote(op, now)}</span>
      <span class="op-note" data-testid="outbox-attempts" data-attempts="${op.attempts ?? 0}">${plural(op.attempts ?? 0, 'attempt')}</span>
    </td>
    <td class="op-error" data-testid="outbox-error">${op.lastError
      ? html`<code data-testid="outbox-error-code">${op.lastError.code}</code><span class="op-error-message">${op.lastError.message}</span>`
      : html`<span class="muted">—</span>`}</td>
    <td><div class="op-actions-stack">
      ${op.state === 'failed'
        ? html`${fromCustomer(op) ? '' : html`<a class="button button-primary button-small" href="${routeHref('resend', { opId: op.id })}" data-testid="outbox-edit">Edit &amp; resend</a>`}
          <button type="button" class="button button-secondary button-small" data-action="retry" data-testid="outbox-retry">Send again</button>`
        : ''}
      ${canDiscard ? html`<button type="button" class="button button-danger-quiet button-small" data-action="discard" data-testid="outbox-discard">Discard</button>` : ''}
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
          <h1 id="outbox-title" tabindex="-1">Outbox</h1>
          <p class="lede">Tickets, changes and comments saved on this desk and waiting for Ping.</p>
        </div>
        <div class="head-actions">
          ${toggle({ id: 'ob-done', name: 'include_done', label: 'Show sent and discarded', testid: 'outbox-show-done', checked: includeDone })}
          <button type="button" class="button button-primary" data-testid="sync-now">Sync now</button>
        </div>
      </div>
      <div data-role="notice" aria-live="polite"></div>
      <div class="card table-card">
        <table class="outbox-table" data-testid="outbox-table">
          <caption class="visually-hidden">Waiting writes, oldest first</caption>
          <thead><tr>
            <th scope="col" class="col-what">What</th><th scope="col" class="col-state">State</th><th scope="col">Last error</th>
            <th scope="col" class="col-actions"><span class="visually-hidden">Actions</span></th>
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
          ? `${plural(failed, 'write')} failed and need${failed === 1 ? 's' : ''} you: edit and resend, or discard.`
          : ''
        : 'Nothing waiting: everything saved on this desk has reached Ping.';
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
      title: isCreate ? 'Discard this new ticket?' : `Discard this ${operationLabel(op.kind).toLowerCase()}?`,
      message: isCreate
        ? `“${summarizeOperation(op)}” has not reached Ping and will never be sent.`
        : 'It will not be sent to Ping.',
      details: dependants.length
        ? [`The ${plural(dependants.length, 'change or comment', 'changes and comments')} queued on this ticket will be discarded too:`, ...dependants.map((d) => `${operationLabel(d.kind)}: ${summarizeOperation(d)}`)]
        : [],
      confirmLabel: dependants.length ? `Discard ${dependants.length + 1} items` : 'Discard',
      danger: true,
    });
    if (!sure) return;
    try {
      const ids = await ipc.discardOperation(op.id);
      ctx.announce(`${plural(ids.length, 'item')} discarded.`);
      render(notice, html``);
    } catch (err) {
      render(notice, errorPanel(err, { testid: 'outbox-action-error' }));
    }
    await load();
  }

  async function retry(op) {
    try {
      await ipc.retryOperation(op.id);
      ctx.announce('Queued to send again.');
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
      ctx.announce('Sending now…');
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
