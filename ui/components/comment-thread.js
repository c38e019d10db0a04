// A ticket's comments, oldest first. Internal notes sit in a shaded box with
// an "Internal" label and lock; comments still queued on this desk show as
// "Sending…". Staff can hide internal notes (e.g. with the customer looking).

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { authorLabel, formatDateTime, formatAge, isoString } from '../lib/format.js';
import { validateComment, hasErrors } from '../lib/validation.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { freshnessBanner, errorPanel } from './notices.js';
import { toggle } from './fields.js';
import { mountCommentForm, commentBody } from './comment-form.js';
import { t } from '../lib/i18n.js';

const lockIcon = html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z" fill="currentColor"/></svg>`;

function commentItem(comment, { pending = false } = {}) {
  const internal = Boolean(pending ? comment.is_internal : comment.isInternal);
  const author = authorLabel(pending ? comment.author_type : comment.authorType);
  const created = comment.dateCreated;
  return html`<li class="comment${internal ? ' comment-internal' : ''}${pending ? ' comment-pending' : ''}" data-testid="comment"
      data-internal="${internal ? 'true' : 'false'}" data-pending="${pending ? 'true' : 'false'}">
    <div class="comment-meta">
      <span class="comment-author" data-testid="comment-author-label">${author}</span>
      ${internal ? html`<span class="comment-flag" data-testid="comment-internal-label">${lockIcon} ${t('comments.internal')}</span>` : html`<span class="comment-visibility">${t('comments.visible')}</span>`}
      ${pending
        ? html`<span class="comment-sending" data-testid="comment-sending">${t('comments.sending')}</span>`
        : created
          ? html`<time datetime="${isoString(created)}" title="${formatDateTime(created)}">${formatDateTime(created)}</time> · <span>${formatAge(created)}</span>`
          : ''}
    </div>
    <p class="comment-content prewrap" data-testid="comment-content-text" translate="no">${pending ? comment.content : comment.content ?? ''}</p>
  </li>`;
}

export function mountCommentThread(host, ctx, { ticketRef }) {
  let includeInternal = true;
  let request = 0;
  render(
    host,
    html`<section class="card comments" aria-labelledby="comments-title" data-testid="comment-thread">
      <div class="card-head">
        <h2 id="comments-title">${t('comments.title')}</h2>
        ${toggle({ id: 'ct-hide-internal', name: 'hide_internal', label: t('comments.hideInternal'), testid: 'hide-internal' })}
      </div>
      <div data-role="notice"></div>
      <ol class="comment-list" data-testid="comment-list" aria-live="polite"></ol>
      <p class="empty-note" data-role="empty" hidden>${t('comments.none')}</p>
      <div data-role="form"></div>
    </section>`,
  );
  const list = $(host, '[data-testid="comment-list"]');
  const notice = $(host, '[data-role="notice"]');
  const empty = $(host, '[data-role="empty"]');

  async function reload() {
    const mine = (request += 1);
    list.setAttribute('aria-busy', 'true');
    try {
      const thread = await ipc.listComments(ticketRef, includeInternal);
      if (mine !== request) return;
      const comments = thread.comments ?? [];
      const pending = thread.pending ?? [];
      render(list, html`${comments.map((c) => commentItem(c))}${pending.map((c) => commentItem(c, { pending: true }))}`);
      render(notice, html`${freshnessBanner(thread.freshness)}`);
      empty.hidden = comments.length + pending.length > 0;
    } catch (err) {
      if (mine !== request) return;
      list.replaceChildren();
      empty.hidden = true;
      render(notice, errorPanel(err, { testid: 'comments-error' }));
    } finally {
      if (mine === request) list.removeAttribute('aria-busy');
    }
  }

  const form = mountCommentForm($(host, '[data-role="form"]'), {
    idPrefix: 'ct',
    async onSubmit(values) {
      form.clearErrors();
      const errors = validateComment(values);
      if (hasErrors(errors)) {
        form.showErrors(errors);
        return;
      }
      form.setBusy(true);
      try {
        await ipc.addComment(ticketRef, commentBody(values));
        form.setValues({ is_internal: values.is_internal, author_type: 'admin' });
        ctx.announce(values.is_internal ? t('comments.noteSaved') : t('comments.saved'));
        await reload();
      } catch (err) {
        form.setFormError(`${t('comments.notSaved')} ${errorText(err)}`);
      } finally {
        form.setBusy(false);
      }
    },
  });

  $(host, '[data-testid="hide-internal"]').addEventListener('change', (event) => {
    includeInternal = !event.target.checked;
    reload();
  });

  return { reload, ready: reload() };
}
