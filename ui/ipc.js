// Every call from the web view to the Rust side passes through here, so the
// error shape ({code, message}) is handled in one place. Screens import the
// named functions below and never touch window.__TAURI__ themselves.

export class CommandError extends Error {
  constructor(code, message, waitSeconds) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    // PIN_LOCKED: seconds before the next try, for the UI to word.
    if (Number.isFinite(waitSeconds)) this.waitSeconds = waitSeconds;
  }
}

// Looked up on each call (not at import time) so tests and the dev harness
// can provide the bridge before the first call.
const bridge = () => globalThis.window?.__TAURI__;

/** The backend's {code, message} becomes a CommandError; anything else is INTERNAL. */
export function toCommandError(raw) {
  if (raw instanceof CommandError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.code === 'string') {
    return new CommandError(raw.code, typeof raw.message === 'string' ? raw.message : '', raw.waitSeconds);
  }
  // Tauri itself rejects with a plain string (e.g. a command the window may not call).
  return new CommandError('INTERNAL', typeof raw === 'string' ? raw : String(raw?.message ?? raw));
}

export async function invoke(command, args = {}) {
  const tauri = bridge();
  if (!tauri?.core?.invoke) throw new CommandError('INTERNAL', 'Ping Desk must run inside its desktop app.');
  try {
    return await tauri.core.invoke(command, args);
  } catch (raw) {
    throw toCommandError(raw);
  }
}

/**
 * Subscribes to the core's events (outbox, sync, ticket numbers); resolves to
 * an unsubscribe function. They come on a channel only this window opened,
 * not as app-wide events, which every window could listen to.
 */
export async function onCoreEvent(handler) {
  const tauri = bridge();
  if (!tauri?.core?.Channel) return () => {};
  const channel = new tauri.core.Channel();
  channel.onmessage = handler;
  await invoke('core_events', { channel });
  return () => {
    channel.onmessage = () => {};
  };
}

// ---- app and workspace ----
export const appInfo = () => invoke('app_info');
export const uiReady = () => {
  // Where the page's start-up time went (ms since navigation), for the log.
  const nav = performance.getEntriesByType?.('navigation')?.[0];
  const marks = Object.fromEntries((performance.getEntriesByType?.('mark') ?? []).map((m) => [m.name, Math.round(m.startTime)]));
  if (nav) Object.assign(marks, { domInteractive: Math.round(nav.domInteractive), domContentLoaded: Math.round(nav.domContentLoadedEventEnd) });
  return invoke('ui_ready', { pageMs: performance.now(), navigationStartedAt: performance.timeOrigin, marks });
};
/** Opens the page where problems are reported, in the system's browser (the backend knows the address). */
export const openIssuePage = () => invoke('open_issue_page');
export const getWorkspace = () => invoke('workspace');
export const startDemo = () => invoke('start_demo');
/** The key is passed straight through; the caller clears its field afterwards. */
export const connect = (apiKey, baseUrl) => invoke('connect', { apiKey, baseUrl });
export const signOut = ({ wipe = false } = {}) => invoke('sign_out', { wipe });
export const testConnection = () => invoke('test_connection');
export const saveSettings = (settings) => invoke('save_settings', { settings });
export const setAsideDatabase = () => invoke('set_aside_database');

// ---- this computer ----
/** Whether the OS starts Ping Desk at login ({enabled}); the OS's answer, not a saved copy. */
export const autostart = () => invoke('autostart');
/** Asks the OS to start Ping Desk at login, or not; resolves to what the OS says then. */
export const setAutostart = (enabled) => invoke('set_autostart', { enabled: Boolean(enabled) });
/** The support report, put on the clipboard by the app: {text, copied, copyError}. */
export const copyDiagnostics = () => invoke('copy_diagnostics');

// ---- tickets ----
export const createTicket = (ticket) => invoke('create_ticket', { ticket });
export const listTickets = (query) => invoke('list_tickets', { query });
export const queuedTickets = () => invoke('queued_tickets');
export const getTicket = (ticket) => invoke('get_ticket', { ticket });
export const updateTicket = (ticket, update) => invoke('update_ticket', { ticket, update });
export const recordCsat = (ticket, score) => invoke('record_csat', { ticket, score });
export const searchCached = (text) => invoke('search_cached', { text });

// ---- comments ----
export const listComments = (ticket, includeInternal) => invoke('list_comments', { ticket, includeInternal });
export const addComment = (ticket, comment) => invoke('add_comment', { ticket, comment });

// ---- sync and outbox ----
export const syncStatus = () => invoke('sync_status');
export const storeCopyStatus = () => invoke('store_copy_status');
export const syncNow = () => invoke('sync_now');
export const listOutbox = (includeDone) => invoke('outbox', { includeDone });
export const retryOperation = (opId, payload) =>
  invoke('retry_operation', payload === undefined ? { opId } : { opId, payload });
export const discardOperation = (opId) => invoke('discard_operation', { opId });

// ---- drafts ----
export const saveDraft = (key, data) => invoke('save_draft', { key, data });
export const loadDraft = (key) => invoke('load_draft', { key });
export const deleteDraft = (key) => invoke('delete_draft', { key });

// ---- templates ----
export const listTemplates = () => invoke('templates');
/** A template with id "" is new; resolves to the saved template (with its id). */
export const saveTemplate = (template) => invoke('save_template', { template });
export const deleteTemplate = (id) => invoke('delete_template', { id });
/** The desk's templates as a JSON document (a string) to share with other desks. */
export const exportTemplates = () => invoke('export_templates');
/** Resolves to {added, updated}; a bad file is refused whole (VALIDATION). */
export const importTemplates = (json) => invoke('import_templates', { json });

// ---- customers ----
/** A walk-in's earlier tickets by phone (E.164) or email; either may be null. */
export const customerHistory = (phone, email) => invoke('customer_history', { phone: phone ?? null, email: email ?? null });

// ---- today at this store ----
/** Today's counts, CSAT and tickets for a store region (null: all stores). */
export const todayAtStore = (storeRegion) => invoke('today_at_store', { storeRegion: storeRegion ?? null });

// ---- at the counter: slips and the customer's survey screen ----
/** The slip for a ticket (number or local reference): text and a QR matrix. */
export const ticketSlip = (ticket) => invoke('ticket_slip', { ticket });
/** Staff: start a survey for a ticket and show the customer's screen, in `language` (en, sn, nd; null: the store's). */
export const askCustomer = (ticket, language) => invoke('ask_customer', { ticket, language: language ?? null });
/** Staff: the running survey's stage (never its score), or null. */
export const customerViewStatus = () => invoke('customer_view_status');
/** Staff: close the customer's screen. */
export const endCustomerView = () => invoke('end_customer_view');
/** Staff: set the counter PIN (4–8 digits), or remove it with null. */
export const setCounterPin = (pin) => invoke('set_counter_pin', { pin: pin ?? null });
/** Both windows: `survey` events ({survey, store}) as a survey starts, moves on or ends. */
export async function onSurvey(handler) {
  const tauri = bridge();
  if (!tauri?.event?.listen) return () => {};
  return tauri.event.listen('survey', (event) => handler(event.payload));
}

// The customer window's commands (its capability grants only these).
export const customerSurvey = () => invoke('customer_survey');
export const customerAnswer = (survey, score) => invoke('customer_answer', { survey, score });
/** `comment` null or blank skips the comment. */
export const customerComment = (survey, comment) => invoke('customer_comment', { survey, comment: comment ?? null });
export const customerStaffReturn = (pin) => invoke('customer_staff_return', { pin: pin ?? null });

// ---- updates ----
/** {current, state: none|available|downloading|ready, version, notes, date}. */
export const updateStatus = () => invoke('update_status');
export const checkForUpdate = () => invoke('check_for_update');
/** Downloads and verifies the update; `onProgress({downloaded, total})` as it comes. */
export async function downloadUpdate(onProgress) {
  const tauri = bridge();
  if (!tauri?.core?.Channel) throw new CommandError('INTERNAL', 'Ping Desk must run inside its desktop app.');
  const progress = new tauri.core.Channel();
  progress.onmessage = (message) => onProgress?.(message);
  return invoke('download_update', { progress });
}
/** Installs the downloaded update and restarts into it (refused while sending). */
export const restartToUpdate = () => invoke('restart_to_update');
