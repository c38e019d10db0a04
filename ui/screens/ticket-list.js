// Ticket list: Ping's tickets, newest first, with every filter Ping offers,
// search and paging. Tickets created here and not yet on Ping come first.
// When Ping cannot be reached the backend answers from this desk's cache,
// and the screen says so.

import { html, render } from '../lib/html.js';
import { $, readForm, writeForm } from '../lib/dom.js';
import {
  STATUSES,
  PRIORITIES,
  CHANNELS,
  statusLabel,
  priorityLabel,
  channelLabel,
  customerName,
  formatDateTime,
  formatAge,
  isoString,
} from '../lib/format.js';
import { normalizeFilters, buildListQuery, filtersToSearch, hasActiveFilters, PAGE_SIZES } from '../lib/query.js';
import { ticketHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { statusBadge, priorityBadge, queuedBadge } from '../components/badges.js';
import { freshnessBanner, heldBanner, errorPanel } from '../components/notices.js';
import { option } from '../components/fields.js';
import { t } from '../lib/i18n.js';

const choice = (id, name, label, testid, options, allLabel) => html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}" data-testid="${testid}">
      <option value="">${allLabel}</option>
      ${options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
    </select>
  </div>`;

const text = (id, name, label, testid) => html`<div class="field">
    <label for="${id}">${label}</label>
    <input id="${id}" name="${name}" data-testid="${testid}" autocomplete="off">
  </div>`;

export async function mount(host, ctx, route) {
  let filters = normalizeFilters(route.query);
  let request = 0;
  let refreshTimer = null;

  render(
    host,
    html`<section class="screen screen-list" aria-labelledby="list-title">
      <div class="screen-head screen-head-row">
        <h1 id="list-title" tabindex="-1">${t('list.title')}</h1>
        <a class="button button-primary" href="#/new" data-testid="list-new-ticket">${t('nav.new')}</a>
      </div>
      <form class="card filters" role="search" aria-label="${t('list.filtersLabel')}" data-testid="ticket-filters" novalidate>
        <div class="filters-search">
          <div class="field field-grow">
            <label for="tl-search">${t('list.search')}</label>
            <input id="tl-search" name="search" type="search" data-testid="ticket-search" data-search autocomplete="off"
              aria-describedby="tl-search-hint" aria-keyshortcuts="/">
            <p class="hint" id="tl-search-hint">${t('list.searchHint')}</p>
          </div>
          <button type="submit" class="button button-secondary" data-testid="ticket-search-submit">${t('list.search')}</button>
        </div>
        <div class="filters-row">
          ${choice('tl-status', 'status', t('field.status'), 'filter-status', STATUSES.map((s) => option(s, statusLabel(s))), t('list.allStatuses'))}
          ${choice('tl-priority', 'priority', t('field.priority'), 'filter-priority', PRIORITIES.map((p) => option(p, priorityLabel(p))), t('list.allPriorities'))}
          ${choice('tl-channel', 'channel', t('field.channel'), 'filter-channel', CHANNELS.map((c) => option(c, channelLabel(c))), t('list.allChannels'))}
          ${text('tl-category', 'category', t('field.category'), 'filter-category')}
          ${text('tl-country', 'country', t('field.country'), 'filter-country')}
          ${text('tl-store-region', 'store_region', t('field.storeRegion'), 'filter-store-region')}
          <button type="button" class="button button-quiet" data-testid="filters-clear">${t('list.clearFilters')}</button>
        </div>
      </form>
      <div data-role="notice"></div>
      <div class="card table-card">
        <table class="ticket-table" data-testid="ticket-table">
          <caption class="visually-hidden">${t('list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" class="col-number">${t('list.colTicket')}</th>
              <th scope="col">${t('list.colSubject')}</th>
              <th scope="col" class="col-badge">${t('field.status')}</th>
              <th scope="col" class="col-badge">${t('field.priority')}</th>
              <th scope="col">${t('field.category')}</th>
              <th scope="col" class="col-date">${t('detail.created')}</th>
            </tr>
          </thead>
          <tbody data-role="queued" data-testid="queued-rows"></tbody>
          <tbody data-role="rows" data-testid="ticket-rows"></tbody>
        </table>
        <p class="table-status" data-role="status" data-testid="list-status" role="status"></p>
      </div>
      <nav class="pagination" aria-label="${t('list.pages')}" data-testid="pagination">
        <div class="field field-inline">
          <label for="tl-per-page">${t('list.perPage')}</label>
          <select id="tl-per-page" data-testid="page-size">
            ${PAGE_SIZES.map((size) => html`<option value="${size}">${size}</option>`)}
          </select>
        </div>
        <p class="page-info" data-testid="page-info" aria-live="polite"></p>
        <div class="pagination-buttons">
          <button type="button" class="button button-secondary" data-testid="page-prev">${t('list.prev')}</button>
          <button type="button" class="button button-secondary" data-testid="page-next">${t('list.next')}</button>
        </div>
      </nav>
    </section>`,
  );

  const form = $(host, 'form');
  const notice = $(host, '[data-role="notice"]');
  const rows = $(host, '[data-role="rows"]');
  const queuedRows = $(host, '[data-role="queued"]');
  const status = $(host, '[data-role="status"]');
  const table = $(host, 'table');
  const pageInfo = $(host, '[data-testid="page-info"]');
  const prev = $(host, '[data-testid="page-prev"]');
  const next = $(host, '[data-testid="page-next"]');
  const perPage = $(host, '[data-testid="page-size"]');

  function syncControls() {
    writeForm(form, filters);
    perPage.value = String(filters.per_page);
    if (perPage.value !== String(filters.per_page)) {
      // A size from the address that the menu lacks: add it.
      perPage.append(new Option(String(filters.per_page), String(filters.per_page)));
      perPage.value = String(filters.per_page);
    }
  }

  function apply(changes, { resetPage = true, force = false } = {}) {
    const before = filtersToSearch(filters);
    filters = normalizeFilters({ ...filters, ...changes, ...(resetPage ? { page: 1 } : {}) });
    const search = filtersToSearch(filters);
    // Enter in a text filter fires both "change" and "submit": load once.
    if (search === before && !force) return Promise.resolve();
    // Keep the filters in the address (reload and Back restore them) without a new route.
    history.replaceState(null, '', `#/tickets${search ? `?${search}` : ''}`);
    return load();
  }

  const ticketRow = (ticket, { queued = false, localRef = null } = {}) => {
    const ref = localRef ?? ticket.ticketNumber;
    const name = customerName(ticket);
    const created = ticket.dateCreated;
    return html`<tr class="row-link${queued ? ' row-queued' : ''}" data-testid="ticket-row" data-ticket-number="${ref}"
        ${queued ? html`data-local-ref="${ref}"` : ''} data-href="${ticketHref(ref)}">
      <td class="col-number" translate="no"><a href="${ticketHref(ref)}" data-testid="ticket-link">${ref}</a></td>
      <td class="col-subject">
        ${ticket.subject ? html`<span class="row-subject" data-testid="ticket-subject" translate="no">${ticket.subject}</span>` : html`<span class="row-subject" data-testid="ticket-subject">${t('ticket.noSubject')}</span>`}
        ${name ? html`<span class="row-customer" data-testid="ticket-customer" translate="no">${name}</span>` : ''}
      </td>
      <td class="col-badge">${queued ? queuedBadge() : statusBadge(ticket.status)}</td>
      <td class="col-badge">${ticket.priority ? priorityBadge(ticket.priority) : ''}</td>
      <td translate="no">${ticket.category ?? ''}</td>
      <td class="col-date">${created
        ? html`<time datetime="${isoString(created)}" title="${formatDateTime(created)}">${formatDateTime(created)}</time>
          <span class="row-age">${formatAge(created)}</span>`
        : html`<span class="row-age">${queued ? t('history.notSent') : ''}</span>`}</td>
    </tr>`;
  };

  async function loadQueued() {
    if (filters.page !== 1) {
      queuedRows.replaceChildren();
      return;
    }
    try {
      const views = await ipc.queuedTickets();
      render(queuedRows, html`${views.map((view) => ticketRow(view.ticket ?? {}, { queued: true, localRef: view.localRef ?? view.ticket?.ticketNumber }))}`);
    } catch {
      queuedRows.replaceChildren();
    }
  }

  function showPage(pagination, count, { local = false } = {}) {
    const page = pagination?.page ?? filters.page;
    const totalPages = Math.max(1, pagination?.totalPages ?? 1);
    const total = pagination?.total ?? count;
    // Offline the pages are of what this desk holds, never Ping's count.
    pageInfo.textContent = t(local ? 'list.pageInfoHere' : 'list.pageInfo', { page, pages: totalPages, tickets: t('list.tickets', { count: total }) });
    prev.disabled = page <= 1;
    next.disabled = page >= totalPages;
  }

  async function load() {
    const mine = (request += 1);
    table.setAttribute('aria-busy', 'true');
    status.textContent = t('list.loading');
    const queuedDone = loadQueued();
    try {
      const result = await ipc.listTickets(buildListQuery(filters));
      if (mine !== request) return;
      const tickets = result.tickets ?? [];
      render(rows, html`${tickets.map((ticket) => ticketRow(ticket))}`);
      render(notice, html`${freshnessBanner(result.freshness)}${heldBanner(result.held)}`);
      status.textContent = tickets.length
        ? ''
        : hasActiveFilters(filters)
          ? t('list.noMatch')
          : t('list.none');
      showPage(result.pagination, tickets.length, { local: result.freshness?.kind === 'cached' });
    } catch (err) {
      if (mine !== request) return;
      await showFailure(err, mine);
    } finally {
      await queuedDone;
      if (mine === request) table.removeAttribute('aria-busy');
    }
  }

  async function showFailure(err, mine) {
    rows.replaceChildren();
    status.textContent = '';
    showPage(null, 0);
    // Offline with no cached page: a search can still look through every ticket saved here.
    if (err.code === 'OFFLINE' && filters.search.trim()) {
      try {
        const found = await ipc.searchCached(filters.search.trim());
        if (mine !== request) return;
        render(rows, html`${found.map((ticket) => ticketRow(ticket))}`);
        render(
          notice,
          html`<p class="notice notice-offline" data-testid="freshness-notice" role="status">${t('list.offlineSearch')}</p>`,
        );
        status.textContent = found.length ? '' : t('list.noSavedMatch');
        showPage({ page: 1, totalPages: 1, total: found.length }, found.length);
        return;
      } catch {
        // fall through to the error panel
      }
    }
    const action =
      err.code === 'NOT_CONNECTED'
        ? html`<p><a href="#/settings">${t('list.openSettings')}</a></p>`
        : html`<p><button type="button" class="button button-secondary button-small" data-testid="list-retry">${t('common.tryAgain')}</button></p>`;
    render(notice, errorPanel(err, { testid: 'list-error', action }));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(readForm(form));
  });
  form.addEventListener('change', (event) => {
    // Menus apply at once; text filters when staff press Enter or leave the field.
    if (event.target.name) apply(readForm(form));
  });
  $(host, '[data-testid="filters-clear"]').addEventListener('click', () => {
    filters = normalizeFilters({ per_page: filters.per_page });
    syncControls();
    apply({}, { force: true });
  });
  perPage.addEventListener('change', () => apply({ per_page: Number(perPage.value) }));
  prev.addEventListener('click', () => apply({ page: filters.page - 1 }, { resetPage: false }));
  next.addEventListener('click', () => apply({ page: filters.page + 1 }, { resetPage: false }));
  notice.addEventListener('click', (event) => {
    if (event.target.closest('[data-testid="list-retry"]')) load();
  });
  // A click anywhere on a row opens it; the number inside is a real link for the keyboard.
  host.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-href]');
    if (!row || event.target.closest('a, button')) return;
    if (window.getSelection?.().toString()) return; // staff were selecting text
    ctx.navigate(row.dataset.href);
  });

  syncControls();
  await load();

  const scheduleRefresh = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 800);
  };

  return {
    onEvent(event) {
      if (event.type === 'queued' || event.type === 'failed') loadQueued();
      if (event.type === 'sent' && event.kind === 'create_ticket') scheduleRefresh();
      if (event.type === 'connectivity' && event.online) scheduleRefresh();
    },
    unmount() {
      clearTimeout(refreshTimer);
      request += 1;
    },
  };
}
