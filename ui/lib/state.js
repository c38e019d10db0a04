// App-wide state that core events change: the sync indicator and the
// references of tickets created on this desk (opId → LOCAL ref → TKT number).
// Reducers are pure and return new objects.

import { t } from './i18n.js';

export const initialSync = Object.freeze({
  connected: false,
  online: null,
  paused: null,
  pausedMessage: null,
  counts: Object.freeze({ pending: 0, failed: 0 }),
});

/** A SyncStatus from `sync_status`, with anything missing defaulted. */
export function syncFromStatus(status = {}) {
  return {
    connected: Boolean(status.connected),
    online: typeof status.online === 'boolean' ? status.online : null,
    paused: status.paused ?? null,
    pausedMessage: status.pausedMessage ?? null,
    counts: countsFrom(status.counts),
  };
}

function countsFrom(counts) {
  const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);
  return { pending: count(counts?.pending), failed: count(counts?.failed) };
}

export function reduceSync(state, event) {
  switch (event?.type) {
    case 'connectivity':
      return { ...state, online: Boolean(event.online) };
    case 'syncPaused':
      return { ...state, paused: event.reason ?? 'PAUSED', pausedMessage: event.message ?? null };
    case 'syncResumed':
      return { ...state, paused: null, pausedMessage: null };
    case 'outboxChanged':
      return { ...state, counts: countsFrom(event.counts) };
    case 'sent':
      // Ping answered, so it is reachable.
      return state.online === true ? state : { ...state, online: true };
    default:
      return state;
  }
}

/**
 * What the always-visible indicator says. `tone` picks the colour, `label`
 * the words (never colour alone), `target` where a click leads.
 */
export function syncSummary(state, mode = 'ping') {
  const { pending, failed } = state.counts;
  const parts = [];
  if (pending) parts.push(t('sync.pending', { count: pending }));
  if (failed) parts.push(t('sync.failed', { count: failed }));
  const counts = parts.join(' · ');
  if (state.paused) {
    const label = state.paused === 'AUTH_REJECTED' ? t('sync.pausedKey') : t('sync.paused');
    return { tone: 'paused', label, counts, target: 'settings' };
  }
  if (mode === 'none' || !state.connected) {
    return { tone: 'unknown', label: t('sync.notConnected'), counts, target: 'settings' };
  }
  if (state.online === true) return { tone: 'online', label: t('sync.online'), counts, target: 'outbox' };
  if (state.online === false) return { tone: 'offline', label: t('sync.offline'), counts, target: 'outbox' };
  return { tone: 'unknown', label: t('sync.checking'), counts, target: 'outbox' };
}

// ---- references of tickets created here ----

export const initialRefs = Object.freeze({ byOp: Object.freeze({}) });

export function reduceRefs(refs, event) {
  if (event?.type === 'queued' && event.kind === 'create_ticket' && event.opId) {
    const known = refs.byOp[event.opId];
    return {
      byOp: { ...refs.byOp, [event.opId]: { localRef: event.ticket ?? null, ticketNumber: known?.ticketNumber ?? null } },
    };
  }
  if (event?.type === 'sent' && event.kind === 'create_ticket' && event.opId) {
    const known = refs.byOp[event.opId];
    return {
      byOp: {
        ...refs.byOp,
        [event.opId]: { localRef: event.localRef ?? known?.localRef ?? null, ticketNumber: event.ticketNumber ?? null },
      },
    };
  }
  return refs;
}

/** Remember a create the UI itself queued (its answer may beat the event). */
export function rememberCreate(refs, opId, localRef) {
  return reduceRefs(refs, { type: 'queued', kind: 'create_ticket', opId, ticket: localRef });
}

/** The best reference for a create: Ping's number once known, else the LOCAL ref. */
export function refForOp(refs, opId) {
  const entry = refs.byOp[opId];
  return entry ? entry.ticketNumber ?? entry.localRef : null;
}

export function ticketNumberForLocalRef(refs, localRef) {
  for (const entry of Object.values(refs.byOp)) {
    if (entry.localRef === localRef && entry.ticketNumber) return entry.ticketNumber;
  }
  return null;
}

/** A tiny observable store: `dispatch` runs the reducer, subscribers hear every change. */
export function createStore(reducer, initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener(state);
    },
    dispatch(event) {
      this.set(reducer(state, event));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
