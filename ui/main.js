// Starts the web view: reads the workspace, follows the backend's events,
// routes between screens and handles the global keyboard shortcuts.

import * as ipc from './ipc.js';
import { workspaceAtStart, LAST_LANGUAGE_KEY } from './startup.js';
import { html, render } from './lib/html.js';
import { $, $$ } from './lib/dom.js';
import { parseRoute, ticketHref } from './lib/router.js';
import { shortcutFor, isTextField, templateNumber, SCREEN_ACTIONS } from './lib/keyboard.js';
import { createStore, reduceSync, initialSync, syncFromStatus, reduceRefs, initialRefs, ticketNumberForLocalRef } from './lib/state.js';
import { renderSyncStatus } from './components/sync-status.js';
import { errorPanel } from './components/notices.js';
import { surveyStageWords } from './lib/format.js';
import { setLanguage, t, tHtml, translateStatic } from './lib/i18n.js';
import { watchTypedText } from './lib/unsaved.js';
import { updateBannerText } from './lib/updates.js';
// Screens load on first use: start-up fetches only the first screen's
// modules (each module is a round trip through the app's protocol).
// `title`: the catalogue key of the window title's screen name.
const SCREENS = {
  welcome: { load: () => import('./screens/welcome.js'), title: 'title.welcome', nav: null },
  new: { load: () => import('./screens/new-ticket.js'), title: 'title.new', nav: 'new' },
  tickets: { load: () => import('./screens/ticket-list.js'), title: 'title.tickets', nav: 'tickets' },
  ticket: { load: () => import('./screens/ticket-detail.js'), title: 'title.ticket', nav: 'tickets' },
  today: { load: () => import('./screens/today.js'), title: 'title.today', nav: 'today' },
  outbox: { load: () => import('./screens/outbox.js'), title: 'title.outbox', nav: 'outbox' },
  resend: { load: () => import('./screens/resend.js'), title: 'title.resend', nav: 'outbox' },
  templates: { load: () => import('./screens/templates.js'), title: 'title.templates', nav: 'templates' },
  settings: { load: () => import('./screens/settings.js'), title: 'title.settings', nav: 'settings' },
  about: { load: () => import('./screens/about.js'), title: 'title.about', nav: 'settings' },
  storage: { load: () => import('./screens/storage.js'), title: 'title.storage', nav: null },
};
// The first screen is nearly always New ticket: fetch it while the
// workspace loads (the welcome screen only on a first run).
SCREENS.new.load();

// Dialogs load on first use, not at start-up.
const confirmAction = (options) => import('./components/confirm-dialog.js').then((m) => m.confirmAction(options));
const openKeyboardHelp = () => import('./components/keyboard-help.js').then((m) => m.openKeyboardHelp());

const main = document.getElementById('screen');
/** How long after start-up the quiet update check runs. */
const UPDATE_CHECK_DELAY_MS = 3000;
const bar = {
  nav: $(document, '[data-testid="main-nav"]'),
  sync: $(document, '[data-testid="sync-status"]'),
  demoBadge: $(document, '[data-testid="demo-badge"]'),
  demoBanner: $(document, '[data-testid="demo-banner"]'),
  keychainBanner: $(document, '[data-testid="keychain-banner"]'),
  announcer: $(document, '[data-testid="announcer"]'),
  surveyBanner: $(document, '[data-testid="survey-banner"]'),
  updateBanner: $(document, '[data-testid="update-banner"]'),
  version: $(document, '[data-testid="app-version"]'),
};

const app = {
  workspace: null,
  sync: createStore(reduceSync, initialSync),
  refs: createStore(reduceRefs, initialRefs),
  /** The last ticket logged on the New ticket screen: {opId, localRef, error}. */
  lastCreated: null,
  /** What the last update check found (the backend's UpdateStatus), or null. */
  update: null,
};

// Text staff typed and have not saved holds back a restart into an update.
const typed = watchTypedText(main);

let current = { route: null, screen: null };
let navigation = 0;
/** Runs once the next screen has mounted (e.g. focus its search box). */
let afterRoute = null;

const ctx = {
  app,
  navigate(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  replace(hash) {
    history.replaceState(null, '', hash);
    route();
  },
  announce(text) {
    // Clear first so the same words are announced again.
    bar.announcer.textContent = '';
    setTimeout(() => {
      bar.announcer.textContent = text;
    }, 50);
  },
  confirm: confirmAction,
  /** The customer survey running at this desk ({id, ticket, stage}), or null. */
  survey() {
    return app.survey ?? null;
  },
  setTitle(text) {
    // The window's own title stays "Ping Desk" (the window manager and
    // tests find the window by it); the page's carries the screen.
    document.title = text ? `${text} — Ping Desk` : 'Ping Desk';
  },
  /** The staff window speaks `code` from now on (Settings saved a new language). */
  async changeLanguage(code) {
    await applyLanguage(code);
    route();
  },
  update() {
    return app.update;
  },
  setUpdate(status) {
    app.update = status ?? null;
    showUpdateBanner();
  },
  hasUnsavedText() {
    return typed.hasUnsavedText() || Boolean(current.screen?.hasUnsavedText?.());
  },
  setWorkspace(workspace) {
    app.workspace = workspace;
    showWorkspace();
    refreshSync();
  },
};

function showWorkspace() {
  const mode = app.workspace?.mode ?? 'none';
  const demo = mode === 'demo';
  bar.demoBadge.hidden = !demo;
  bar.demoBanner.hidden = !demo;
  document.body.dataset.mode = mode;
  bar.keychainBanner.hidden = app.workspace?.keychain?.available !== false || mode === 'demo';
  bar.nav.hidden = mode === 'none';
  bar.sync.hidden = mode === 'none';
  showSync();
}

/** Loads the staff language and words the page's own markup (the bar, the footer). */
async function applyLanguage(code) {
  const language = await setLanguage(code);
  try {
    localStorage.setItem(LAST_LANGUAGE_KEY, language);
  } catch {
    // Only a head start for the next start-up.
  }
  translateStatic(document);
  render($(document, '[data-testid="footer-help"]'), tHtml('app.footer', { key: html`<kbd translate="no">?</kbd>` }));
  lastSyncKey = '';
  showSync();
  showUpdateBanner();
  if (app.survey) showSurvey(app.survey);
}

function showUpdateBanner() {
  const text = updateBannerText(app.update);
  bar.updateBanner.hidden = !text;
  $(bar.updateBanner, '[data-role="update-banner-text"]').textContent = text;
}

/** On start, quietly: no internet or no answer is not worth a word. */
function checkForUpdateQuietly() {
  ipc.checkForUpdate().then((status) => ctx.setUpdate(status), () => {});
}

let lastSyncKey = '';
function showSync() {
  const state = app.sync.get();
  const mode = app.workspace?.mode ?? 'none';
  // Re-render only on a visible change, so the live region does not chatter.
  const key = JSON.stringify([state, mode]);
  if (key === lastSyncKey) return;
  lastSyncKey = key;
  renderSyncStatus(bar.sync, state, mode);
}

async function refreshSync() {
  if ((app.workspace?.mode ?? 'none') === 'none') return;
  try {
    app.sync.set(syncFromStatus(await ipc.syncStatus()));
  } catch {
    // The indicator keeps its last state; events will correct it.
  }
}

function handleCoreEvent(event) {
  if (!event || typeof event !== 'object') return;
  app.sync.dispatch(event);
  app.refs.dispatch(event);
  const last = app.lastCreated;
  if (last && event.opId === last.opId) {
    if (event.type === 'failed') app.lastCreated = { ...last, error: event.error ?? null };
    if (event.type === 'sent') app.lastCreated = { ...last, error: null };
  }
  if (event.type === 'sent' && event.kind === 'create_ticket') {
    ctx.announce(t('announce.reachedPing', { ref: event.localRef ?? '', number: event.ticketNumber }));
    // Staff looking at the queued ticket follow it to its Ping number.
    if (current.route?.name === 'ticket' && event.localRef && current.route.params.ticket === event.localRef) {
      ctx.replace(ticketHref(event.ticketNumber));
      return;
    }
  }
  if (event.type === 'failed') ctx.announce(t('announce.writeFailed'));
  if (event.type === 'syncPaused') ctx.announce(event.reason === 'AUTH_REJECTED' ? t('error.AUTH_REJECTED') : t('announce.paused'));
  try {
    current.screen?.onEvent?.(event);
  } catch (err) {
    console.error('screen event handler failed', err);
  }
}

/** Where a route really goes, given the workspace (first run → welcome). */
function resolve(route) {
  const mode = app.workspace?.mode ?? 'none';
  // Nothing works without the data: say so first, whatever was asked for.
  if (app.workspace?.storage) return { name: 'storage', params: {}, query: {} };
  // About (version, licences, where to report a problem) needs no workspace.
  if (mode === 'none') return route.name === 'welcome' || route.name === 'about' ? route : { name: 'welcome', params: {}, query: {}, redirect: '#/welcome' };
  if (route.name === 'welcome' || route.name === 'home') return { name: 'new', params: {}, query: {}, redirect: '#/new' };
  // A LOCAL ref that Ping has numbered since: show the ticket under its number.
  const number = route.name === 'ticket' ? ticketNumberForLocalRef(app.refs.get(), route.params.ticket) : null;
  if (number) return { ...route, params: { ticket: number }, redirect: ticketHref(number) };
  return route;
}

async function route({ initial = false } = {}) {
  const mine = (navigation += 1);
  const target = resolve(parseRoute(location.hash));
  if (target.redirect && location.hash !== target.redirect) history.replaceState(null, '', target.redirect);

  try {
    current.screen?.unmount?.();
  } catch (err) {
    console.error('screen unmount failed', err);
  }
  current = { route: target, screen: null };

  const entry = SCREENS[target.name];
  for (const link of $$(bar.nav, 'a')) {
    if (entry && link.dataset.nav === entry.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  ctx.setTitle(t(entry?.title ?? 'title.notFound'));
  // Each screen gets its own host: a screen still loading after staff moved
  // on writes into a detached element, never over the next screen.
  const host = document.createElement('div');
  host.className = 'screen-host';
  main.replaceChildren(host);
  main.dataset.screen = target.name;
  main.setAttribute('aria-busy', 'true');

  let screen = null;
  try {
    if (!entry) {
      render(host, html`<section class="screen" aria-labelledby="nf-title"><h1 id="nf-title" tabindex="-1">${t('notFound.title')}</h1>
        <p><a href="#/new">${t('notFound.link')}</a></p></section>`);
    } else {
      screen = await (await entry.load()).mount(host, ctx, target);
    }
  } catch (err) {
    console.error(err);
    render(host, html`<section class="screen"><h1 tabindex="-1">${entry ? t(entry.title) : html`<span translate="no">Ping Desk</span>`}</h1>${errorPanel(err)}</section>`);
  }
  if (mine !== navigation) {
    screen?.unmount?.();
    return;
  }
  current.screen = screen ?? null;
  main.removeAttribute('aria-busy');
  main.dataset.screenReady = 'true';
  // Staff may already be typing in the new screen (its form is there before
  // its data): their field keeps the focus, or the rest of what they type
  // would go nowhere.
  const alreadyInScreen = host.contains(document.activeElement);
  if (screen?.focusStart) {
    // A screen built for typing (New ticket) says where staff start.
    if (!alreadyInScreen) screen.focusStart();
    if (!initial) window.scrollTo(0, 0);
  } else if (!initial) {
    // Move focus to the new screen's heading so screen readers announce it.
    if (!alreadyInScreen) host.querySelector('h1')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  const then = afterRoute;
  afterRoute = null;
  then?.();
}

function go(hash, then) {
  // Already there: keep the screen (and anything typed), just act.
  if (location.hash === hash && current.route) {
    then?.();
    return;
  }
  afterRoute = then ?? null;
  ctx.navigate(hash);
}

function onKeydown(event) {
  if (event.defaultPrevented || event.isComposing) return;
  const openDialog = document.querySelector('dialog[open]');
  const action = shortcutFor(event, { inTextField: isTextField(event.target) });
  if (!action) return;
  if (openDialog && action !== 'submit') return;
  if (action.startsWith('go:') && (app.workspace?.mode ?? 'none') === 'none') return;
  const template = templateNumber(action);
  // Alt+1 … Alt+9 belong to the New ticket screen; elsewhere the keys do what they did.
  if (template !== null && !current.screen?.applyTemplateNumber) return;
  event.preventDefault();
  if (template !== null) {
    current.screen.applyTemplateNumber(template);
    return;
  }
  switch (action) {
    case 'go:new':
      go('#/new', () => current.screen?.focusStart?.());
      break;
    case 'go:tickets':
      go('#/tickets');
      break;
    case 'go:today':
      go('#/today');
      break;
    case 'go:outbox':
      go('#/outbox');
      break;
    case 'go:templates':
      go('#/templates');
      break;
    case 'go:settings':
      go('#/settings');
      break;
    case 'help':
      openKeyboardHelp();
      break;
    case 'end-customer-view':
      if (app.survey) ipc.endCustomerView().catch(() => {});
      break;
    case 'sync-now':
      if ((app.workspace?.mode ?? 'none') !== 'none') {
        ipc.syncNow().then(
          () => ctx.announce(t('announce.syncNow')),
          () => ctx.announce(t('announce.syncNowFailed')),
        );
      }
      break;
    case 'focus-search': {
      const search = $(main, '[data-search]');
      if (search) search.focus();
      else if (app.workspace?.mode !== 'none') go('#/tickets', () => $(main, '[data-search]')?.focus());
      break;
    }
    case 'submit': {
      const form = event.target.closest?.('form') ?? $(main, 'form[data-primary-form]');
      if (form && !form.closest('dialog')) form.requestSubmit();
      break;
    }
    default:
      if (SCREEN_ACTIONS.has(action)) current.screen?.shortcut?.(action);
      break;
  }
}

/** A customer survey started, moved on or ended: the bar says so (never the score). */
function showSurvey(survey) {
  const was = app.survey;
  app.survey = survey ?? null;
  const banner = bar.surveyBanner;
  if (app.survey) {
    render(
      banner,
      html`<span>${t('survey.banner', { ticket: app.survey.ticket, stage: surveyStageWords(app.survey.stage) })}</span>
        <button type="button" class="button button-small button-secondary" data-testid="survey-banner-end" aria-keyshortcuts="Alt+E">${t('survey.end')}</button>`,
    );
    banner.dataset.stage = app.survey.stage;
    banner.hidden = false;
  } else {
    banner.hidden = true;
    banner.replaceChildren();
    delete banner.dataset.stage;
    if (was) ctx.announce(t('announce.customerClosed'));
  }
  try {
    current.screen?.onSurvey?.(app.survey);
  } catch (err) {
    console.error('screen survey handler failed', err);
  }
}

async function start() {
  // Start-up marks, reported with ui_ready: the modules are in by now.
  performance.mark('modules');
  document.addEventListener('keydown', onKeydown);
  $(document, '[data-testid="help-button"]').addEventListener('click', openKeyboardHelp);
  // The skip link must not change the route: focus the content instead.
  $(document, '[data-testid="skip-link"]').addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  app.sync.subscribe(showSync);
  bar.surveyBanner.addEventListener('click', (event) => {
    if (event.target.closest('[data-testid="survey-banner-end"]')) ipc.endCustomerView().catch(() => {});
  });

  ipc.appInfo().then(
    (info) => {
      bar.version.textContent = `${info.name ?? 'Ping Desk'} ${info.version ? `v${info.version}` : ''}`.trim();
    },
    () => {},
  );

  try {
    app.workspace = await workspaceAtStart;
    performance.mark('workspace');
    // The staff language before the first screen (English is already in;
    // another language is one small module more).
    await applyLanguage(app.workspace?.settings?.uiLanguage);
    performance.mark('language');
  } catch (err) {
    render(main, html`<section class="screen"><h1>${t('startup.failed')}</h1>${errorPanel(err)}
      <p><button type="button" class="button button-primary" data-testid="startup-retry">${t('common.tryAgain')}</button></p></section>`);
    $(main, '[data-testid="startup-retry"]').addEventListener('click', () => location.reload());
    document.body.dataset.ready = 'true';
    return;
  }
  showWorkspace();
  ipc.onCoreEvent(handleCoreEvent).catch((err) => console.error('core events unavailable', err));
  // The indicator fills in when the answer comes; the first screen does not wait.
  refreshSync();
  window.addEventListener('hashchange', () => route());
  await route({ initial: true });
  performance.mark('routed');
  document.body.dataset.ready = 'true';
  // Tells the backend the first screen is interactive (start-up benchmark).
  ipc.uiReady().catch(() => {});
  // Customer surveys: only after the first screen (IPC calls queue on the
  // app's main thread, ahead of the screen's own). A survey may already be
  // running when the staff window reloads.
  ipc.onSurvey((notice) => showSurvey(notice?.survey)).catch(() => {});
  ipc.customerViewStatus().then((survey) => survey && showSurvey(survey), () => {});
  // Later still: the first screen and its data come first.
  setTimeout(checkForUpdateQuietly, UPDATE_CHECK_DELAY_MS);
}

start();
