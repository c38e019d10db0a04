// One ticket: every field Ping returned (except the backend's bookkeeping
// custom field), the edit form, writes still waiting to be sent, and the
// comment thread.

import { html, render, toFragment } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import {
  customerName,
  channelLabel,
  formatDateTime,
  formatAge,
  isoString,
  customValueText,
  humanize,
  pendingChangesLabel,
  operationLabel,
  csatLabel,
  surveyStageWords,
  splitTags,
} from '../lib/format.js';
import { validateTicketUpdate, hasErrors } from '../lib/validation.js';
import {
  visibleCustomFields,
  updateValuesFromTicket,
  ticketUpdateBody,
  ticketWithPending,
  ticketWithUpdate,
  summarizeOperation,
} from '../lib/ticket-fields.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { statusBadge, priorityBadge, queuedBadge, opStateBadge } from '../components/badges.js';
import { freshnessBanner, errorPanel } from '../components/notices.js';
import { mountTicketUpdateForm } from '../components/ticket-update-form.js';
import { mountCommentThread } from '../components/comment-thread.js';
import { PSEUDO, currentLanguage, languageFromPing, languageName, t, tHtml } from '../lib/i18n.js';

// Fields shown in their own sections; anything else Ping sends goes under "More".
const KNOWN_FIELDS = new Set([
  'ticketNumber', 'publicId', 'subject', 'description', 'status', 'priority', 'category', 'channel', 'country',
  'storeRegion', 'customerFirstName', 'customerLastName', 'customerPhone', 'customerEmail', 'preferredLanguage',
  'customFields', 'resolutionNotes', 'actionTaken', 'csatScore', 'tags', 'dateCreated', 'dateUpdated',
]);

const present = (value) => value !== null && value !== undefined && value !== '';

// `data`: the value is Ping's (a name, a phone), not our words: never translated.
function row(label, value, testid, { data = true } = {}) {
  return html`<div class="dl-row"><dt>${label}</dt><dd data-testid="${testid}" translate="${data ? 'no' : 'yes'}">${present(value) ? value : html`<span class="muted">—</span>`}</dd></div>`;
}

/** The preferred language as Ping has it: a language we have by its own name (marked as that language), else as given. */
function languageValue(value) {
  const code = languageFromPing(value);
  return code ? html`<span lang="${code}">${languageName(value)}</span>` : value;
}

function dateValue(value) {
  return present(value)
    ? html`<time datetime="${isoString(value)}">${formatDateTime(value)}</time> <span class="muted" translate="yes">${t('detail.age', { age: formatAge(value) })}</span>`
    : '';
}

function ticketSections(ticket, { hideScore = false } = {}) {
  const custom = visibleCustomFields(ticket.customFields);
  const extra = Object.entries(ticket).filter(
    ([key, value]) => !KNOWN_FIELDS.has(key) && value !== null && typeof value !== 'object',
  );
  const tags = splitTags(ticket.tags);
  return html`
    <section class="card" aria-labelledby="sec-description">
      <h2 id="sec-description">${t('field.description')}</h2>
      ${ticket.description ? html`<p class="prewrap" data-testid="detail-description" translate="no">${ticket.description}</p>` : html`<p class="prewrap" data-testid="detail-description"><span class="muted">${t('detail.noDescription')}</span></p>`}
    </section>
    <div class="card-pair">
      <section class="card" aria-labelledby="sec-customer">
        <h2 id="sec-customer">${t('newTicket.customer')}</h2>
        <dl class="dl">
          ${row(t('detail.name'), customerName(ticket), 'detail-customer-name')}
          ${row(t('field.phone'), ticket.customerPhone, 'detail-customer-phone')}
          ${row(t('field.email'), ticket.customerEmail, 'detail-customer-email')}
          ${row(t('field.preferredLanguage'), present(ticket.preferredLanguage) ? languageValue(ticket.preferredLanguage) : '', 'detail-preferred-language')}
        </dl>
      </section>
      <section class="card" aria-labelledby="sec-details">
        <h2 id="sec-details">${t('detail.details')}</h2>
        <dl class="dl">
          ${row(t('field.category'), ticket.category, 'detail-category')}
          ${row(t('field.channel'), present(ticket.channel) ? channelLabel(ticket.channel) : '', 'detail-channel', { data: false })}
          ${row(t('field.country'), ticket.country, 'detail-country')}
          ${row(t('field.storeRegion'), ticket.storeRegion, 'detail-store-region')}
          ${row(t('field.tags'), tags.length ? html`${tags.map((tag) => html`<span class="tag">${tag}</span>`)}` : '', 'detail-tags')}
          ${hideScore ? row(t('field.csat'), html`<span class="muted">${t('detail.csatHidden')}</span>`, 'detail-csat', { data: false }) : row(t('field.csat'), present(ticket.csatScore) ? t('detail.csat', { score: ticket.csatScore, word: csatLabel(ticket.csatScore) }) : '', 'detail-csat', { data: false })}
          ${row(t('detail.publicId'), ticket.publicId, 'detail-public-id')}
          ${row(t('detail.created'), dateValue(ticket.dateCreated), 'detail-created')}
          ${row(t('detail.updated'), dateValue(ticket.dateUpdated), 'detail-updated')}
          ${extra.map(([key, value]) => row(html`<span translate="no">${humanize(key)}</span>`, String(value), `detail-extra-${key}`))}
        </dl>
      </section>
    </div>
    <section class="card" aria-labelledby="sec-resolution">
      <h2 id="sec-resolution">${t('detail.resolution')}</h2>
      <dl class="dl dl-stacked">
        ${row(t('field.resolutionNotes'), ticket.resolutionNotes ? html`<span class="prewrap">${ticket.resolutionNotes}</span>` : '', 'detail-resolution-notes')}
        ${row(t('field.actionTaken'), ticket.actionTaken ? html`<span class="prewrap">${ticket.actionTaken}</span>` : '', 'detail-action-taken')}
      </dl>
    </section>
    <section class="card" aria-labelledby="sec-custom">
      <h2 id="sec-custom">${t('custom.legend')}</h2>
      ${custom.length
        ? html`<dl class="dl" data-testid="detail-custom-fields" translate="no">
            ${custom.map(([key, value]) => html`<div class="dl-row" data-testid="detail-custom-field" data-key="${key}"><dt>${key}</dt><dd class="prewrap">${customValueText(value)}</dd></div>`)}
          </dl>`
        : html`<p class="muted">${t('detail.none')}</p>`}
    </section>`;
}

// While the customer scores on their own screen, staff do not see the score.
const hiddenScore = () => t('detail.scoreHidden');

function surveyPanel(survey) {
  if (!survey) return html``;
  return html`<div class="notice notice-info survey-notice" data-testid="survey-running" data-stage="${survey.stage}" role="status">
    <p class="notice-title">${t('detail.surveyRunning', { stage: surveyStageWords(survey.stage) })}</p>
    <p>${t('detail.surveyHidden')}</p>
    <p class="notice-actions"><button type="button" class="button button-secondary button-small" data-action="end-survey" data-testid="end-customer-view" aria-keyshortcuts="Alt+E">${t('survey.end')}</button></p>
  </div>`;
}

function pendingPanel(pending, { hideScore = false } = {}) {
  const open = (pending ?? []).filter((op) => !['done', 'discarded'].includes(op.state));
  if (!open.length) return '';
  const failed = open.some((op) => op.state === 'failed');
  return html`<div class="notice ${failed ? 'notice-error' : 'notice-pending'}" data-testid="pending-writes" data-count="${open.length}" role="status">
    <p class="notice-title">${pendingChangesLabel(open.length)}</p>
    <ul class="pending-list">
      ${open.map(
        (op) => html`<li data-testid="pending-write" data-op-id="${op.id}">${opStateBadge(op.state)} <span>${t('detail.pendingLine', { kind: operationLabel(op.kind), what: hideScore && Object.hasOwn(op.payload?.body ?? {}, 'csat_score') ? hiddenScore() : summarizeOperation(op) })}</span></li>`,
      )}
    </ul>
    ${failed ? html`<p><a href="#/outbox">${t('detail.fixInOutbox')}</a></p>` : ''}
  </div>`;
}

export async function mount(host, ctx, route) {
  const ticketRef = route.params.ticket;
  let view = null;
  let baseline = null; // the ticket as it will be once queued writes are sent
  let form = null;
  let reloadTimer = null;

  render(
    host,
    html`<section class="screen screen-detail" aria-labelledby="detail-title">
      <p class="breadcrumb"><a href="#/tickets" data-testid="back-to-list">${t('detail.back')}</a></p>
      <div class="detail-head">
        <h1 id="detail-title" tabindex="-1">
          <span class="detail-number" data-testid="detail-ticket-number" translate="no">${ticketRef}</span>
          <span class="detail-subject" data-testid="detail-subject" translate="no"></span>
        </h1>
        <div class="detail-badges" data-role="badges"></div>
      </div>
      <div class="detail-actions" data-role="actions" hidden>
        <button type="button" class="button button-secondary" data-action="print-slip" data-testid="detail-print-slip" aria-keyshortcuts="Alt+P">${t('ticket.printSlip')}</button>
        <button type="button" class="button button-primary" data-action="ask-customer" data-testid="detail-ask-customer" aria-keyshortcuts="Alt+A">${t('detail.ask')}</button>
      </div>
      <div data-role="survey"></div>
      <div data-role="notices" aria-live="polite"></div>
      <div class="detail-grid" data-role="body" hidden>
        <div class="detail-main">
          <div data-role="sections"></div>
          <div data-role="comments"></div>
        </div>
        <div class="detail-side">
          <section class="card card-sticky" aria-labelledby="update-title">
            <h2 id="update-title">${t('detail.updateTitle')}</h2>
            <div data-role="form"></div>
          </section>
        </div>
      </div>
    </section>`,
  );
  const notices = $(host, '[data-role="notices"]');
  const body = $(host, '[data-role="body"]');
  const actions = $(host, '[data-role="actions"]');
  const surveySlot = $(host, '[data-role="survey"]');

  /** The survey running for this ticket, if any (its stage, never its score). */
  function surveyHere() {
    const survey = ctx.survey?.();
    if (!survey || !view) return null;
    const names = [ticketRef, view.ticket?.ticketNumber, view.localRef].filter(Boolean);
    return names.includes(survey.ticket) ? survey : null;
  }

  function renderSurvey() {
    const survey = surveyHere();
    render(surveySlot, surveyPanel(survey));
    const csat = form && $(host, '[data-role="form"] [data-testid="csat-field"]');
    if (csat) csat.hidden = Boolean(survey);
    return survey;
  }

  async function askCustomer() {
    const button = $(host, '[data-testid="detail-ask-customer"]');
    button.disabled = true;
    try {
      // The customer's screen opens in the ticket's preferred language when it
      // is one we have (a staff window in the pseudo-locale asks in it, for its test).
      const language = currentLanguage() === PSEUDO ? PSEUDO : languageFromPing(view?.ticket?.preferredLanguage);
      await ipc.askCustomer(view?.localRef && view.queued ? view.localRef : (view?.ticket?.ticketNumber ?? ticketRef), language);
      ctx.announce(t('detail.asking'));
    } catch (err) {
      notices.append(toFragment(errorPanel(err, { testid: 'ask-customer-error' }), notices));
    } finally {
      button.disabled = false;
    }
  }

  async function endCustomerView() {
    try {
      await ipc.endCustomerView();
    } catch (err) {
      notices.append(toFragment(errorPanel(err, { testid: 'end-customer-view-error' }), notices));
    }
  }

  function printSlip(options) {
    const ref = view?.queued ? (view.localRef ?? ticketRef) : (view?.ticket?.ticketNumber ?? ticketRef);
    const storeLanguage = ctx.app.workspace?.settings?.customerLanguage;
    import('../components/ticket-slip.js').then(({ openSlipDialog }) => openSlipDialog(ref, { ...options, storeLanguage }));
  }

  host.addEventListener('click', (event) => {
    const action = event.target.closest?.('[data-action]')?.dataset.action;
    if (action === 'print-slip') printSlip();
    else if (action === 'ask-customer') askCustomer();
    else if (action === 'end-survey') endCustomerView();
  });

  function renderView() {
    const { ticket } = view;
    const hideScore = Boolean(surveyHere());
    actions.hidden = false;
    const subject = $(host, '[data-testid="detail-subject"]');
    subject.textContent = ticket.subject || t('ticket.noSubject');
    subject.translate = !ticket.subject;
    render(
      $(host, '[data-role="badges"]'),
      html`${view.queued ? queuedBadge() : ''}${ticket.status || !view.queued ? statusBadge(ticket.status) : ''}${ticket.priority ? priorityBadge(ticket.priority) : ''}`,
    );
    render(
      notices,
      html`${view.queued
        ? html`<p class="notice notice-pending" data-testid="queued-notice" role="status">${tHtml('detail.queued', { ref: html`<strong translate="no">${view.localRef ?? ticketRef}</strong>` })}</p>`
        : freshnessBanner(view.freshness)}
        ${pendingPanel(view.pending, { hideScore })}`,
    );
    render($(host, '[data-role="sections"]'), ticketSections(ticket, { hideScore }));
    renderSurvey();
    ctx.setTitle(`${ticket.ticketNumber ?? ticketRef} ${ticket.subject ?? ''}`.trim());
  }

  function isDirty() {
    return form && baseline && Object.keys(ticketUpdateBody(form.getValues(), baseline)).length > 0;
  }

  async function load({ keepForm = false } = {}) {
    try {
      view = await ipc.getTicket(ticketRef);
    } catch (err) {
      if (view) {
        // A refresh failed: keep showing what is known, and say so.
        renderView();
        notices.append(toFragment(errorPanel(err, { testid: 'detail-refresh-error' }), notices));
        return true;
      }
      body.hidden = true;
      const action = html`<p><a href="#/tickets">${t('detail.backToList')}</a></p>`;
      render(notices, errorPanel(err, { testid: 'detail-error', action }));
      if (err.code === 'NOT_FOUND') {
        const subject = $(host, '[data-testid="detail-subject"]');
        subject.textContent = t('detail.notFound');
        subject.translate = true;
      }
      return false;
    }
    const dirty = keepForm && isDirty();
    baseline = ticketWithPending(view.ticket, view.pending);
    renderView();
    body.hidden = false;
    if (!form) mountForm();
    else if (!dirty) form.setValues(updateValuesFromTicket(baseline));
    renderSurvey();
    return true;
  }

  function mountForm() {
    form = mountTicketUpdateForm($(host, '[data-role="form"]'), {
      values: updateValuesFromTicket(baseline),
      async onSubmit(values) {
        form.clearErrors();
        const errors = validateTicketUpdate(values);
        if (hasErrors(errors)) {
          form.showErrors(errors);
          return;
        }
        const update = ticketUpdateBody(values, baseline);
        if (!Object.keys(update).length) {
          form.setFormError(t('detail.nothingChanged'));
          return;
        }
        form.setBusy(true);
        try {
          // A score on its own is the counter's most common update: record_csat says so.
          const onlyCsat = Object.keys(update).length === 1 && 'csat_score' in update;
          if (onlyCsat) await ipc.recordCsat(ticketRef, update.csat_score);
          else await ipc.updateTicket(ticketRef, update);
          baseline = ticketWithUpdate(baseline, update);
          ctx.announce(t('detail.saved'));
          await load({ keepForm: true });
        } catch (err) {
          form.setFormError(`${t('detail.notSaved')} ${errorText(err)}`);
        } finally {
          form.setBusy(false);
        }
      },
    });
  }

  const loaded = await load();
  let thread = null;
  if (loaded) {
    thread = mountCommentThread($(host, '[data-role="comments"]'), ctx, { ticketRef });
    await thread.ready;
  }

  const scheduleReload = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      load({ keepForm: true });
      thread?.reload();
    }, 400);
  };

  return {
    shortcut(action) {
      if (!view) return false;
      switch (action) {
        case 'print-slip':
          printSlip();
          return true;
        case 'ask-customer':
          askCustomer();
          return true;
        case 'comment':
          $(host, '[data-role="comments"] textarea')?.focus();
          return true;
        case 'update':
          $(host, '[data-role="form"] select, [data-role="form"] input, [data-role="form"] textarea')?.focus();
          return true;
        default:
          return false;
      }
    },
    onSurvey() {
      if (!view) return;
      // The score shows again once staff have ended the customer's view.
      renderView();
      if (!surveyHere()) scheduleReload();
    },
    onEvent(event) {
      if (!view) return;
      const number = view.ticket?.ticketNumber;
      const mine = new Set((view.pending ?? []).map((op) => op.id));
      if (event.type === 'ticketCached' && event.ticketNumber === number) scheduleReload();
      else if (['sent', 'failed', 'retrying', 'inDoubt'].includes(event.type) && mine.has(event.opId)) scheduleReload();
      else if (event.type === 'queued' && (event.ticket === ticketRef || event.ticket === number)) scheduleReload();
    },
    unmount() {
      clearTimeout(reloadTimer);
    },
  };
}
