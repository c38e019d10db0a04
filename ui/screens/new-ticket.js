// New ticket: the counter's main screen. The form keeps a draft while staff
// type, checks input like Ping does, and queues the ticket, which the backend
// sends when Ping can be reached. Built for a walk-in: the phone is asked
// first and finds the customer's earlier tickets; a template is one
// keystroke away (Alt+1 … Alt+9).

import { html, render } from '../lib/html.js';
import { $, writeForm } from '../lib/dom.js';
import { validateNewTicket, hasErrors } from '../lib/validation.js';
import { emptyNewTicket, newTicketBody } from '../lib/ticket-fields.js';
import { createDraftSaver, isDraftWorthKeeping, valuesFromDraft } from '../lib/drafts.js';
import { rememberCreate, refForOp } from '../lib/state.js';
import { errorText } from '../lib/errors.js';
import { ticketHref } from '../lib/router.js';
import { customerName } from '../lib/format.js';
import * as ipc from '../ipc.js';
import { applyTemplate, mergePresets } from '../lib/templates.js';
import { createHistoryLookup, namesToFill } from '../lib/customer-lookup.js';
import { mountNewTicketForm } from '../components/new-ticket-form.js';
import { templateBar } from '../components/template-bar.js';
import { t } from '../lib/i18n.js';

export const DRAFT_KEY = 'new-ticket';

export async function mount(host, ctx) {
  const { app } = ctx;
  const defaults = () => emptyNewTicket(app.workspace?.settings);
  render(
    host,
    html`<section class="screen screen-new" aria-labelledby="new-title">
      <div class="screen-head">
        <h1 id="new-title" tabindex="-1">${t('newTicket.title')}</h1>
        <p class="lede">${t('newTicket.lede')}</p>
      </div>
      <div class="result-slot" data-role="result" aria-live="polite"></div>
      <div data-role="templates"></div>
      <p class="draft-note" data-testid="draft-status" data-role="draft"></p>
      <div data-role="form"></div>
    </section>`,
  );
  const resultSlot = $(host, '[data-role="result"]');
  const draftNote = $(host, '[data-role="draft"]');
  const templateSlot = $(host, '[data-role="templates"]');
  let templates = [];
  /** Presets of the templates applied to this ticket (keeps their types on submit). */
  let presets = {};
  /** Names the history lookup put in the form, so a later answer may replace them. */
  let autoFilled = {};
  /** The last "returning customer" announcement. */
  let lastNews = '';
  let mounted = true;

  const saver = createDraftSaver({
    save: (values) => (isDraftWorthKeeping(values, defaults()) ? ipc.saveDraft(DRAFT_KEY, values) : ipc.deleteDraft(DRAFT_KEY)),
    onSaved: (values) => {
      draftNote.textContent = isDraftWorthKeeping(values, defaults()) ? t('draft.saved') : '';
    },
    onError: () => {
      draftNote.textContent = t('draft.saveFailed');
    },
  });

  const clearButton = html`<button type="button" class="button button-secondary" data-testid="new-ticket-clear">${t('newTicket.clear')}</button>`;
  const form = mountNewTicketForm($(host, '[data-role="form"]'), {
    values: defaults(),
    secondary: clearButton,
    onInput: () => saver.schedule(form.getValues()),
    onSubmit: submit,
  });
  form.form.dataset.primaryForm = 'true';
  const field = (name) => $(form.form, `[name="${name}"]`);
  const historySlot = form.customerAside;
  // The history panel's module loads after the first screen is up; panels
  // are drawn in the order asked for, and a later ask (or a clear) wins.
  let historyModule = null;
  const loadHistoryPanel = () => (historyModule ??= import('../components/customer-history.js'));
  let panelSeq = 0;
  function showHistory(state) {
    const seq = ++panelSeq;
    loadHistoryPanel().then(({ customerHistoryPanel }) => {
      if (mounted && seq === panelSeq) render(historySlot, customerHistoryPanel(state));
    });
  }
  setTimeout(loadHistoryPanel, 500);

  // ---- the walk-in's earlier tickets ----
  const contact = () => ({ phone: field('customer_phone').value, email: field('customer_email').value });
  const customerLookup = createHistoryLookup({
    lookup: (key) => ipc.customerHistory(key.phone, key.email),
    onStart: (key) => {
      if (!mounted) return;
      // A panel already showing stays (dimmed) until the answer replaces it: no flashing.
      const shown = $(historySlot, '[data-testid="customer-history"][data-state="result"]');
      if (shown) shown.setAttribute('aria-busy', 'true');
      else showHistory({ status: 'loading', key });
    },
    onResult: (result, key) => {
      if (!mounted) return;
      showHistory({ status: 'result', key, history: result });
      fillNames(result);
      const count = result?.tickets?.length ?? 0;
      const name = customerName({ customerFirstName: result?.firstName, customerLastName: result?.lastName });
      const news = count ? t(name ? 'newTicket.returningNamed' : 'newTicket.returning', { name, count }) : '';
      // The email refining the phone's lookup: say it once.
      if (news && news !== lastNews) ctx.announce(news);
      lastNews = news;
    },
    // Quiet: the ticket can be logged all the same.
    onError: (error, key) => {
      if (mounted) showHistory({ status: 'error', key, error });
    },
    onClear: () => {
      panelSeq += 1;
      historySlot.replaceChildren();
      lastNews = '';
    },
  });

  function fillNames(result) {
    const fills = namesToFill(form.getValues(), result, autoFilled);
    if (!Object.keys(fills).length) return;
    writeForm(form.form, fills);
    autoFilled = { ...autoFilled, ...fills };
    saver.schedule(form.getValues());
  }

  const isContactField = (target) => ['customer_phone', 'customer_email'].includes(target?.name);
  form.form.addEventListener('input', (event) => {
    if (isContactField(event.target)) customerLookup.schedule(contact());
  });
  // Leaving the field (Tab to the next one) looks up at once.
  form.form.addEventListener('focusout', (event) => {
    if (mounted && isContactField(event.target)) customerLookup.flush(contact());
  });

  // ---- templates ----
  render(templateSlot, templateBar({ status: 'loading' }));
  ipc.listTemplates().then(
    (list) => {
      templates = Array.isArray(list) ? list : [];
      if (mounted) render(templateSlot, templateBar({ status: 'ready', templates }));
    },
    (error) => {
      if (mounted) render(templateSlot, templateBar({ status: 'error', error }));
    },
  );
  templateSlot.addEventListener('click', (event) => {
    const button = event.target.closest('[data-testid="template-apply"]');
    if (button) useTemplate(templates.find((t) => t.id === button.dataset.templateId));
  });
  templateSlot.addEventListener('change', (event) => {
    if (event.target.dataset.testid !== 'template-more' || !event.target.value) return;
    useTemplate(templates.find((t) => t.id === event.target.value));
    event.target.value = '';
  });

  function useTemplate(template) {
    if (!template) return;
    form.setValues(applyTemplate(form.getValues(), template));
    presets = mergePresets(presets, template);
    saver.schedule(form.getValues());
    // Staff keep typing where the stub ends.
    const subject = field('subject');
    subject.focus();
    subject.setSelectionRange(subject.value.length, subject.value.length);
    ctx.announce(t('newTicket.templateApplied', { name: template.name }));
  }

  /** Alt+1 … Alt+9 (main.js routes the shortcut here). */
  function applyTemplateNumber(number) {
    const template = templates[number - 1];
    if (template) useTemplate(template);
    else ctx.announce(templates.length ? t('newTicket.noTemplate', { number }) : t('newTicket.noTemplates'));
  }

  /** Where staff start: the phone on an empty form, otherwise the subject. */
  function focusStart() {
    const target = isDraftWorthKeeping(form.getValues(), defaults()) ? field('subject') : field('customer_phone');
    target.focus();
  }

  $(host, '[data-testid="new-ticket-clear"]').addEventListener('click', async () => {
    const values = form.getValues();
    if (isDraftWorthKeeping(values, defaults())) {
      const sure = await ctx.confirm({
        title: t('newTicket.clearTitle'),
        message: t('newTicket.clearMessage'),
        confirmLabel: t('newTicket.clear'),
        danger: true,
      });
      if (!sure) return;
    }
    resetForm();
  });

  function resetForm() {
    saver.cancel();
    customerLookup.reset();
    historySlot.replaceChildren();
    presets = {};
    autoFilled = {};
    lastNews = '';
    form.clearErrors();
    form.setValues(defaults());
    draftNote.textContent = '';
    ipc.deleteDraft(DRAFT_KEY).catch(() => {});
    // Ready for the next customer.
    field('customer_phone').focus();
  }

  function showResult() {
    const last = app.lastCreated;
    if (!last) {
      resultSlot.replaceChildren();
      return;
    }
    const ref = refForOp(app.refs.get(), last.opId) ?? last.localRef;
    const sent = ref && !ref.startsWith('LOCAL-');
    let state = sent ? t('newTicket.stateSent') : t('newTicket.stateQueued');
    if (!sent && last.error) state = t('newTicket.stateFailed', { error: errorText(last.error) });
    render(
      resultSlot,
      html`<div class="notice ${last.error && !sent ? 'notice-error' : 'notice-success'}" data-testid="submit-result"
          data-op-id="${last.opId}" data-sent="${sent ? 'true' : 'false'}">
        <p>${t('newTicket.logged')} <strong data-testid="submit-result-ref" translate="no">${ref}</strong> <span data-testid="submit-result-state">${state}</span></p>
        <p class="notice-actions">
          <button type="button" class="button button-secondary button-small" data-action="print-slip" data-testid="submit-result-print" aria-keyshortcuts="Alt+P">${t('ticket.printSlip')}</button>
          <a href="${ticketHref(ref)}" data-testid="submit-result-open">${t('newTicket.openTicket')}</a>
          ${last.error && !sent ? html` · <a href="#/outbox">${t('newTicket.fixInOutbox')}</a>` : ''}
        </p>
      </div>`,
    );
  }

  /** The slip of the ticket just logged (its number once Ping has it). */
  function printLastSlip({ print = false } = {}) {
    const last = app.lastCreated;
    if (!last) return false;
    const ref = refForOp(app.refs.get(), last.opId) ?? last.localRef;
    // Loaded on first use: most screens never print.
    import('../components/ticket-slip.js').then(({ openSlipDialog }) => openSlipDialog(ref, { print, storeLanguage: app.workspace?.settings?.customerLanguage }));
    return true;
  }
  resultSlot.addEventListener('click', (event) => {
    if (event.target.closest('[data-action="print-slip"]')) printLastSlip();
  });

  async function submit(values) {
    form.clearErrors();
    const errors = validateNewTicket(values);
    if (hasErrors(errors)) {
      form.showErrors(errors);
      ctx.announce(t('newTicket.fixFields'));
      return;
    }
    form.setBusy(true);
    try {
      const { opId, localRef } = await ipc.createTicket(newTicketBody(values, presets));
      app.refs.set(rememberCreate(app.refs.get(), opId, localRef));
      app.lastCreated = { opId, localRef, error: null };
      showResult();
      resetForm();
      ctx.announce(t('newTicket.loggedAs', { ref: refForOp(app.refs.get(), opId) ?? localRef }));
    } catch (err) {
      // The form keeps everything typed; only the message changes.
      form.setFormError(`${t('newTicket.notLogged')} ${errorText(err)}`);
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
      if (restored && mounted && !isDraftWorthKeeping(form.getValues(), defaults())) {
        const phone = field('customer_phone');
        const wasWaiting = document.activeElement === phone;
        form.setValues(restored);
        draftNote.textContent = t('draft.restored');
        if (wasWaiting) focusStart();
        customerLookup.flush(contact());
      }
    })
    .catch(() => {
      draftNote.textContent = t('draft.readFailed');
    });
  showResult();

  return {
    focusStart,
    applyTemplateNumber,
    shortcut(action) {
      if (action === 'print-slip') return printLastSlip();
      return false;
    },
    onEvent(event) {
      // main.js has already updated app.lastCreated and the references.
      if (event.opId && event.opId === app.lastCreated?.opId) showResult();
    },
    unmount() {
      mounted = false;
      customerLookup.reset();
      // Leaving the screen must not lose the last keystrokes.
      saver.flush();
    },
  };
}
