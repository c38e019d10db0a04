// Today at this store: what the counter has logged since midnight (for the
// desk's store region, or every store when none is set), how much of it is
// still open, how satisfied today's customers were, and today's tickets.
// When Ping cannot be reached the backend answers from this desk's cache,
// and the screen says so.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { customerName, formatCalendarDate, formatDateTime, formatTime, isoString } from '../lib/format.js';
import { storeRegionFrom, todayHeading, todayTiles, todayTickets, csatSummary, count } from '../lib/today.js';
import { ticketHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { statusBadge, queuedBadge } from '../components/badges.js';
import { freshnessBanner, errorPanel } from '../components/notices.js';
import { csatChart } from '../components/csat-chart.js';
import { t } from '../lib/i18n.js';

const isLocal = (number) => String(number ?? '').startsWith('LOCAL-');
// Other desks at the store log tickets too, and no event tells this desk:
// while the screen is open (and the window visible) it recounts quietly.
const AUTO_REFRESH_MS = 2 * 60_000;

function tile({ label, testid, value, hint = '', none = false }) {
  return html`<div class="stat-tile">
    <dt class="stat-label">${label}</dt>
    <dd class="stat-value${none ? ' stat-value-none' : ''}" data-testid="${testid}" data-value="${value}">${value}</dd>
    ${hint ? html`<dd class="stat-hint">${hint}</dd>` : ''}
  </div>`;
}

function tiles(summary) {
  const numbers = todayTiles(summary);
  const { csat } = numbers;
  return html`${tile({ label: t('today.logged'), testid: 'today-logged', value: numbers.logged, hint: t('today.sinceMidnight') })}
    ${tile({
      label: t('today.stillOpen'),
      testid: 'today-open',
      value: numbers.open,
      hint: t('today.openHint', { open: count(summary?.open), inProgress: count(summary?.inProgress) }),
    })}
    ${tile({
      label: t('status.resolved'),
      testid: 'today-resolved',
      value: numbers.resolved,
      hint: t('today.resolvedHint', { resolved: count(summary?.resolved), closed: count(summary?.closed) }),
    })}
    <div class="stat-tile">
      <dt class="stat-label">${t('today.satisfaction')}</dt>
      <dd class="stat-value${csat.note ? '' : ' stat-value-none'}" data-testid="today-csat-average" data-value="${csat.value}">
        <span class="stat-number">${csat.value}</span>${csat.note ? html` <span class="stat-note">${csat.note}</span>` : ''}
      </dd>
    </div>`;
}

function ticketItem(ticket) {
  const number = typeof ticket.ticketNumber === 'string' ? ticket.ticketNumber : '';
  const created = ticket.dateCreated;
  const name = customerName(ticket);
  return html`<li class="today-ticket" data-testid="today-ticket" data-ticket-number="${number}">
    ${number
      ? html`<a class="today-ticket-number" href="${ticketHref(number)}" data-testid="today-ticket-link" translate="no">${number}</a>`
      : html`<span class="today-ticket-number muted">${t('today.noNumber')}</span>`}
    <span class="today-ticket-text">
      ${ticket.subject
        ? html`<span class="today-ticket-subject" data-testid="today-ticket-subject" title="${ticket.subject}" translate="no">${ticket.subject}</span>`
        : html`<span class="today-ticket-subject" data-testid="today-ticket-subject">${t('ticket.noSubject')}</span>`}
      ${name ? html`<span class="today-ticket-customer" data-testid="today-ticket-customer" translate="no">${name}</span>` : ''}
    </span>
    <span class="today-ticket-status">${isLocal(number) ? queuedBadge() : statusBadge(ticket.status)}</span>
    ${created
      ? html`<time class="today-ticket-time" datetime="${isoString(created)}" title="${formatDateTime(created)}">${formatTime(created)}</time>`
      : html`<span class="today-ticket-time muted">${isLocal(number) ? t('today.notSent') : ''}</span>`}
  </li>`;
}

export async function mount(host, ctx) {
  const asked = storeRegionFrom(ctx.app.workspace?.settings);
  let summary = null;
  let request = 0;
  let reloadTimer = null;
  let autoTimer = null;

  render(
    host,
    html`<section class="screen screen-today" aria-labelledby="today-title" data-testid="today-screen">
      <div class="screen-head screen-head-row">
        <div>
          <h1 id="today-title" tabindex="-1" data-testid="today-title">${todayHeading(asked)}</h1>
          <p class="lede" data-testid="today-date"></p>
        </div>
        <div class="head-actions">
          <p class="today-updated" data-testid="today-updated"></p>
          <button type="button" class="button button-secondary" data-testid="today-refresh">${t('today.refresh')}</button>
        </div>
      </div>
      <div data-role="notice"></div>
      <div class="today-body" data-role="body" data-testid="today-body" hidden>
        <dl class="stat-tiles" data-role="tiles" data-testid="today-tiles"></dl>
        <div class="today-grid">
          <section class="card today-csat" aria-labelledby="today-csat-title">
            <div class="card-head">
              <h2 id="today-csat-title">${t('today.csatTitle')}</h2>
              <span class="card-count" data-testid="today-csat-answers"></span>
            </div>
            <div class="csat-chart-box" data-role="chart"></div>
          </section>
          <section class="card today-tickets" aria-labelledby="today-tickets-title">
            <div class="card-head">
              <h2 id="today-tickets-title">${t('today.ticketsTitle')}</h2>
              <span class="card-count" data-testid="today-ticket-count"></span>
            </div>
            <ol class="today-list" data-role="tickets" data-testid="today-tickets" aria-label="${t('today.listLabel')}"></ol>
            <p class="empty-note today-empty" data-testid="today-empty" hidden>${t('today.none')}</p>
          </section>
        </div>
      </div>
    </section>`,
  );

  const title = $(host, '[data-testid="today-title"]');
  const dateLine = $(host, '[data-testid="today-date"]');
  const updated = $(host, '[data-testid="today-updated"]');
  const refresh = $(host, '[data-testid="today-refresh"]');
  const notice = $(host, '[data-role="notice"]');
  const body = $(host, '[data-role="body"]');
  const list = $(host, '[data-role="tickets"]');
  const empty = $(host, '[data-testid="today-empty"]');

  function show(next) {
    summary = next;
    const heading = todayHeading(next.storeRegion ?? null);
    title.textContent = heading;
    ctx.setTitle(heading);
    render(
      dateLine,
      next.date ? html`<time datetime="${next.date}">${formatCalendarDate(next.date)}</time>` : html``,
    );
    render($(host, '[data-role="tiles"]'), tiles(next));

    const csat = csatSummary(next.csat);
    $(host, '[data-testid="today-csat-answers"]').textContent = csat.count ? t('today.answers', { count: csat.count }) : t('today.noAnswers');
    $(host, '[data-role="chart"]').replaceChildren(csatChart(csat.distribution));

    const tickets = todayTickets(next);
    // A recount must not drop keyboard focus: the same ticket's link gets it back.
    const focused = list.contains(document.activeElement) ? document.activeElement.closest('[data-ticket-number]')?.dataset.ticketNumber : undefined;
    render(list, html`${tickets.map(ticketItem)}`);
    if (focused !== undefined) {
      const again = Array.from(list.children).find((item) => item.dataset.ticketNumber === focused);
      (again?.querySelector('a') ?? refresh).focus({ preventScroll: true });
    }
    list.hidden = tickets.length === 0;
    empty.hidden = tickets.length > 0;
    $(host, '[data-testid="today-ticket-count"]').textContent = tickets.length ? t('list.tickets', { count: tickets.length }) : '';

    const live = next.freshness?.kind !== 'cached';
    body.dataset.freshness = live ? 'live' : 'cached';
    updated.textContent = live ? t('today.updated', { time: formatTime(Date.now()) }) : '';
    render(notice, html`${freshnessBanner(next.freshness)}`);
    body.hidden = false;
  }

  function showFailure(err) {
    const action =
      err.code === 'NOT_CONNECTED'
        ? html`<p><a href="#/settings">${t('list.openSettings')}</a></p>`
        : html`<p><button type="button" class="button button-secondary button-small" data-testid="today-retry">${t('common.tryAgain')}</button></p>`;
    if (summary) {
      // A refresh failed: keep the last numbers on screen, and say they may be old.
      render(notice, html`${freshnessBanner(summary.freshness)}${errorPanel(err, { testid: 'today-refresh-error', action })}`);
      updated.textContent = '';
      return;
    }
    body.hidden = true;
    render(notice, errorPanel(err, { testid: 'today-error', action }));
  }

  /** `quiet`: a background recount, with no dimming and no button change. */
  async function load({ announce = false, quiet = false } = {}) {
    const mine = (request += 1);
    clearTimeout(reloadTimer);
    const hadFocus = host.contains(document.activeElement);
    if (!quiet) {
      body.setAttribute('aria-busy', 'true');
      // Not disabled: the button keeps keyboard focus; a second click just asks again.
      refresh.textContent = t('today.refreshing');
    }
    try {
      const next = await ipc.todayAtStore(asked);
      if (mine !== request) return;
      show(next ?? {});
      if (announce) {
        ctx.announce(next?.freshness?.kind === 'cached' ? "Offline: showing this desk's saved copy." : "Today's numbers are up to date.");
      }
    } catch (err) {
      if (mine !== request) return;
      showFailure(err);
      if (announce) ctx.announce(t('today.refreshFailed'));
    } finally {
      if (mine === request) {
        body.removeAttribute('aria-busy');
        refresh.textContent = t('today.refresh');
        // Focus was on something re-rendered (e.g. "Try again"): keep it on this screen.
        if (hadFocus && !host.contains(document.activeElement)) refresh.focus({ preventScroll: true });
      }
    }
  }

  refresh.addEventListener('click', () => load({ announce: true }));
  notice.addEventListener('click', (event) => {
    if (event.target.closest('[data-testid="today-retry"]')) load({ announce: true });
  });

  await load();

  const scheduleReload = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => load({ quiet: true }), 800);
  };
  autoTimer = setInterval(() => {
    if (!document.hidden) load({ quiet: true });
  }, AUTO_REFRESH_MS);

  return {
    onEvent(event) {
      // A ticket logged or changed here reached Ping, or Ping is back: recount.
      if (event.type === 'sent') scheduleReload();
      else if (event.type === 'queued' && event.kind === 'create_ticket') scheduleReload();
      else if (event.type === 'connectivity' && event.online) scheduleReload();
    },
    unmount() {
      clearTimeout(reloadTimer);
      clearInterval(autoTimer);
      request += 1;
    },
  };
}
