// New ticket: the counter's main screen. The form keeps a draft while staff
// type, checks input like Ping does, and queues the ticket, which the backend
// sends when Ping can be reached.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { validateNewTicket, hasErrors } from '../lib/validation.js';
import { emptyNewTicket, newTicketBody } from '../lib/ticket-fields.js';
import { createDraftSaver, isDraftWorthKeeping, valuesFromDraft } from '../lib/drafts.js';
import { rememberCreate, refForOp } from '../lib/state.js';
import { errorText } from '../lib/errors.js';
import { ticketHref } from '../lib/router.js';
import * as ipc from '../ipc.js';
import { mountNewTicketForm } from '../components/new-ticket-form.js';

export const DRAFT_KEY = 'new-ticket';

export async function mount(host, ctx) {
  const { app } = ctx;
  const defaults = () => emptyNewTicket(app.workspace?.settings);
  render(
    host,
    html`<section class="screen screen-new" aria-labelledby="new-title">
      <div class="screen-head">
        <h1 id="new-title" tabindex="-1">New ticket</h1>
        <p class="lede">Log a walk-in customer's problem. It is saved on this desk at once and sent to Ping when online.</p>
      </div>
      <div class="result-slot" data-role="result" aria-live="polite"></div>
      <p class="draft-note" data-testid="draft-status" data-role="draft"></p>
      <div data-role="form"></div>
    </section>`,
  );
  const resultSlot = $(host, '[data-role="result"]');
  const draftNote = $(host, '[data-role="draft"]');

  const saver = createDraftSaver({
    save: (values) => (isDraftWorthKeeping(values, defaults()) ? ipc.saveDraft(DRAFT_KEY, values) : ipc.deleteDraft(DRAFT_KEY)),
    onSaved: (values) => {
      draftNote.textContent = isDraftWorthKeeping(values, defaults()) ? 'Draft saved on this desk' : '';
    },
    onError: () => {
      draftNote.textContent = 'The draft could not be saved on this desk.';
    },
  });

  const clearButton = html`<button type="button" class="button button-secondary" data-testid="new-ticket-clear">Clear form</button>`;
  const form = mountNewTicketForm($(host, '[data-role="form"]'), {
    values: defaults(),
    secondary: clearButton,
    onInput: () => saver.schedule(form.getValues()),
    onSubmit: submit,
  });
  form.form.dataset.primaryForm = 'true';

  $(host, '[data-testid="new-ticket-clear"]').addEventListener('click', async () => {
    const values = form.getValues();
    if (isDraftWorthKeeping(values, defaults())) {
      const sure = await ctx.confirm({
        title: 'Clear the form?',
        message: 'Everything typed for this ticket will be removed.',
        confirmLabel: 'Clear form',
        danger: true,
      });
      if (!sure) return;
    }
    resetForm();
  });

  function resetForm() {
    saver.cancel();
    form.clearErrors();
    form.setValues(defaults());
    draftNote.textContent = '';
    ipc.deleteDraft(DRAFT_KEY).catch(() => {});
    $(form.form, '[name="subject"]').focus();
  }

  function showResult() {
    const last = app.lastCreated;
    if (!last) {
      resultSlot.replaceChildren();
      return;
    }
    const ref = refForOp(app.refs.get(), last.opId) ?? last.localRef;
    const sent = ref && !ref.startsWith('LOCAL-');
    let state = sent ? '(sent to Ping)' : '(queued, will be sent when online)';
    if (!sent && last.error) state = `(could not be sent: ${errorText(last.error)})`;
    render(
      resultSlot,
      html`<div class="notice ${last.error && !sent ? 'notice-error' : 'notice-success'}" data-testid="submit-result"
          data-op-id="${last.opId}" data-sent="${sent ? 'true' : 'false'}">
        <p>Ticket logged: <strong data-testid="submit-result-ref">${ref}</strong> <span data-testid="submit-result-state">${state}</span></p>
        <p class="notice-actions">
          <a href="${ticketHref(ref)}" data-testid="submit-result-open">Open ticket</a>
          ${last.error && !sent ? html` · <a href="#/outbox">Fix it in the Outbox</a>` : ''}
        </p>
      </div>`,
    );
  }

  async function submit(values) {
    form.clearErrors();
    const errors = validateNewTicket(values);
    if (hasErrors(errors)) {
      form.showErrors(errors);
      ctx.announce('The ticket was not logged: please fix the highlighted fields.');
      return;
    }
    form.setBusy(true);
    try {
      const { opId, localRef } = await ipc.createTicket(newTicketBody(values));
      app.refs.set(rememberCreate(app.refs.get(), opId, localRef));
      app.lastCreated = { opId, localRef, error: null };
      showResult();
      resetForm();
      ctx.announce(`Ticket logged as ${refForOp(app.refs.get(), opId) ?? localRef}.`);
    } catch (err) {
      // The form keeps everything typed; only the message changes.
      form.setFormError(`The ticket was not logged. ${errorText(err)}`);
    } finally {
      form.setBusy(false);
    }
  }

  // Restore what was being typed before the app closed or staff left the
  // screen. Not awaited: the form is usable at once, and if staff start
  // typing before the draft arrives, theirs wins.
  ipc
    .loadDraft(DRAFT_KEY)
    .then((draft) => {
      const restored = valuesFromDraft(draft, defaults());
      if (restored && !isDraftWorthKeeping(form.getValues(), defaults())) {
        form.setValues(restored);
        draftNote.textContent = 'Draft restored from this desk';
      }
    })
    .catch(() => {
      draftNote.textContent = 'No draft could be read from this desk.';
    });
  showResult();

  return {
    onEvent(event) {
      // main.js has already updated app.lastCreated and the references.
      if (event.opId && event.opId === app.lastCreated?.opId) showResult();
    },
    unmount() {
      // Leaving the screen must not lose the last keystrokes.
      saver.flush();
    },
  };
}
