// Edit & resend (from the Outbox): a failed write opened in the form it came
// from, with Ping's error on top, so staff fix the field and send it again.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { validateNewTicket, validateTicketUpdate, validateComment, hasErrors } from '../lib/validation.js';
import {
  UPDATE_FIELDS,
  newTicketBody,
  newTicketValuesFromBody,
  mergeEditedCreate,
  updateValuesFromBody,
  editedUpdateBody,
  fromCustomer,
} from '../lib/ticket-fields.js';
import { errorText } from '../lib/errors.js';
import { ticketHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { errorPanel } from '../components/notices.js';
import { mountNewTicketForm } from '../components/new-ticket-form.js';
import { mountTicketUpdateForm } from '../components/ticket-update-form.js';
import { mountCommentForm, commentBody } from '../components/comment-form.js';
import { t, tHtml } from '../lib/i18n.js';

// Ping's codes that point at one field of a create.
const FIELD_FOR_CODE = new Map([['INVALID_PHONE_FORMAT', 'customer_phone']]);

const cancelLink = () => html`<a class="button button-secondary" href="#/outbox" data-testid="resend-cancel">${t('common.cancel')}</a>`;

export async function mount(host, ctx, route) {
  const { opId } = route.params;
  render(
    host,
    html`<section class="screen screen-resend" aria-labelledby="resend-title">
      <p class="breadcrumb"><a href="#/outbox">← Outbox</a></p>
      <div class="screen-head">
        <h1 id="resend-title" tabindex="-1">${t('title.resend')}</h1>
      </div>
      <div data-role="problem"></div>
      <div data-role="form"></div>
    </section>`,
  );
  const problem = $(host, '[data-role="problem"]');
  const formHost = $(host, '[data-role="form"]');
  const title = $(host, '#resend-title');

  let op;
  try {
    op = (await ipc.listOutbox(false)).find((candidate) => candidate.id === opId);
  } catch (err) {
    render(problem, errorPanel(err, { testid: 'resend-error' }));
    return {};
  }
  if (!op || op.state !== 'failed') {
    render(
      problem,
      html`<div class="notice notice-info" data-testid="resend-gone" role="status">
        <p>${t('resend.gone')}</p>
        <p><a href="#/outbox">${t('resend.back')}</a></p>
      </div>`,
    );
    return {};
  }

  if (fromCustomer(op)) {
    render(
      problem,
      html`<div class="notice notice-info" data-testid="resend-customer" role="status">
        <p>${t('resend.fromCustomer')}</p>
        <p><a href="#/outbox">${t('resend.back')}</a></p>
      </div>`,
    );
    return {};
  }

  const ticket = op.ticketNumber ?? op.ticketKey;
  title.textContent = t(`resend.title.${['create_ticket', 'update_ticket', 'add_comment'].includes(op.kind) ? op.kind : 'other'}`);
  render(
    problem,
    html`<div class="notice notice-error" data-testid="resend-last-error" role="alert">
      <p class="notice-title">${ticket ? tHtml('resend.refusedTicket', { ticket: html`<a href="${ticketHref(ticket)}" translate="no">${ticket}</a>` }) : t('resend.refused')}</p>
      ${op.lastError ? html`<p><code translate="no">${op.lastError.code}</code> <span translate="no" lang="en">${op.lastError.message}</span></p>` : ''}
      <p>${t('resend.howTo')}</p>
    </div>`,
  );

  const body = op.payload?.body ?? {};

  async function resend(form, editedBody) {
    form.setBusy(true);
    try {
      await ipc.retryOperation(op.id, { kind: op.kind, body: editedBody });
      ctx.announce(t('resend.queued'));
      ctx.navigate('#/outbox');
    } catch (err) {
      form.setFormError(`${t('resend.failed')} ${errorText(err)}`);
      form.setBusy(false);
    }
  }

  if (op.kind === 'create_ticket') {
    const form = mountNewTicketForm(formHost, {
      idPrefix: 'rs',
      values: newTicketValuesFromBody(body),
      submitLabel: t('resend.ticket'),
      secondary: cancelLink(),
      onSubmit(values) {
        form.clearErrors();
        const errors = validateNewTicket(values);
        if (hasErrors(errors)) return form.showErrors(errors);
        return resend(form, mergeEditedCreate(body, newTicketBody(values, body.custom_fields)));
      },
    });
    form.form.dataset.primaryForm = 'true';
    // Point at the problem straight away: our own checks, or the field Ping named.
    const errors = validateNewTicket(form.getValues());
    const field = FIELD_FOR_CODE.get(op.lastError?.code);
    if (field && !errors[field]) errors[field] = op.lastError.message;
    if (hasErrors(errors)) form.showErrors(errors);
  } else if (op.kind === 'update_ticket') {
    const fields = UPDATE_FIELDS.filter((field) => Object.hasOwn(body, field));
    if (body.custom_fields) fields.push('custom_fields');
    const values = updateValuesFromBody(body);
    const form = mountTicketUpdateForm(formHost, {
      idPrefix: 'rs',
      values,
      fields,
      removals: values.custom_field_removals,
      csatOptional: false,
      submitLabel: t('resend.change'),
      secondary: cancelLink(),
      onSubmit(edited) {
        form.clearErrors();
        const errors = validateTicketUpdate(edited);
        if (fields.includes('csat_score') && edited.csat_score === '') errors.csat_score = t('resend.chooseScore');
        if (hasErrors(errors)) return form.showErrors(errors);
        const editedBody = editedUpdateBody(edited, body);
        if (!Object.keys(editedBody).length) return form.setFormError(t('resend.nothingLeft'));
        return resend(form, editedBody);
      },
    });
    form.form.dataset.primaryForm = 'true';
    form.form.classList.add('card', 'form-narrow');
  } else if (op.kind === 'add_comment') {
    const form = mountCommentForm(formHost, {
      idPrefix: 'rs',
      values: { content: body.content ?? '', is_internal: Boolean(body.is_internal), author_type: body.author_type ?? 'admin' },
      submitLabel: t('resend.comment'),
      secondary: cancelLink(),
      onSubmit(values) {
        form.clearErrors();
        const errors = validateComment(values);
        if (hasErrors(errors)) return form.showErrors(errors);
        return resend(form, commentBody(values));
      },
    });
    form.form.dataset.primaryForm = 'true';
    form.form.classList.add('card', 'form-narrow');
  }
  return {};
}
