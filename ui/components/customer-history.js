// The "Returning customer" panel on the New ticket screen: the walk-in's
// earlier tickets, found by phone or email while staff type. Quiet by
// design: it informs, it never blocks logging the ticket.

import { html } from '../lib/html.js';
import { customerName, formatDateTime, formatAge, heldNotice, isoString } from '../lib/format.js';
import { errorText } from '../lib/errors.js';
import { ticketHref } from '../lib/router.js';
import { statusBadge, queuedBadge } from './badges.js';
import { t } from '../lib/i18n.js';

const isLocal = (number) => String(number ?? '').startsWith('LOCAL-');

/** Who was looked up, as staff typed it: "+263771112233" or "a@b.co" or both. */
const lookedUp = (key) => [key?.phone, key?.email].filter(Boolean).join(' · ');

function ticketRow(ticket) {
  const number = ticket.ticketNumber ?? '';
  const created = ticket.dateCreated;
  return html`<li class="history-ticket" data-testid="customer-history-ticket" data-ticket-number="${number}">
    <div class="history-ticket-main">
      <a href="${ticketHref(number)}" class="history-ticket-number" data-testid="customer-history-ticket-link" translate="no">${number}</a>
      ${ticket.subject ? html`<span class="history-ticket-subject" translate="no">${ticket.subject}</span>` : html`<span class="history-ticket-subject">${t('ticket.noSubject')}</span>`}
    </div>
    <div class="history-ticket-meta">
      ${isLocal(number) ? queuedBadge() : statusBadge(ticket.status)}
      ${created
        ? html`<time datetime="${isoString(created)}" title="${formatDateTime(created)}">${formatAge(created)}</time>`
        : html`<span>${isLocal(number) ? t('history.notSent') : ''}</span>`}
    </div>
  </li>`;
}

/**
 * The panel for a lookup's state: {status: "loading", key},
 * {status: "result", key, history} or {status: "error", key, error}.
 */
export function customerHistoryPanel(state) {
  const { status, key } = state;
  if (status === 'loading') {
    return html`<section class="history-panel history-loading" data-testid="customer-history" data-state="loading" aria-busy="true" aria-label="${t('history.label')}">
      <p class="history-note">${t('history.looking', { who: lookedUp(key) })}</p>
    </section>`;
  }
  if (status === 'error') {
    return html`<section class="history-panel" data-testid="customer-history" data-state="error" aria-label="${t('history.label')}">
      <p class="history-note" data-testid="customer-history-error" data-code="${state.error?.code ?? 'INTERNAL'}">${t('history.error')} ${errorText(state.error)}</p>
    </section>`;
  }
  const history = state.history ?? {};
  const tickets = Array.isArray(history.tickets) ? history.tickets : [];
  const name = customerName({ customerFirstName: history.firstName, customerLastName: history.lastName });
  const cached = history.freshness?.kind === 'cached';
  const returning = tickets.length > 0;
  return html`<section class="history-panel${returning ? ' history-returning' : ''}" data-testid="customer-history" data-state="result"
      data-returning="${returning ? 'true' : 'false'}" aria-labelledby="history-title">
    <div class="history-head">
      <h2 id="history-title">${returning ? t('history.returning') : t('history.none')}</h2>
      <span class="history-count" data-testid="customer-history-count" data-count="${tickets.length}">${returning ? t('history.count', { count: tickets.length }) : ''}</span>
    </div>
    ${name ? html`<p class="history-name" data-testid="customer-history-name" translate="no">${name}</p>` : ''}
    ${returning ? '' : html`<p class="history-note">${t(cached ? 'history.nothingHere' : 'history.nothing', { who: lookedUp(key) })}</p>`}
    ${cached ? html`<p class="history-offline" data-testid="customer-history-offline">${history.held ? t('history.offlineHeld', { held: heldNotice(history.held) }) : t('history.offline')}</p>` : ''}
    ${returning ? html`<ol class="history-list" aria-label="${t('history.listLabel')}">${tickets.map(ticketRow)}</ol>` : ''}
  </section>`;
}
