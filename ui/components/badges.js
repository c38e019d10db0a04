// Badges: colour plus words, never colour alone.

import { html } from '../lib/html.js';
import { statusLabel, priorityLabel, statusTone, priorityTone, opStateLabel } from '../lib/format.js';
import { t } from '../lib/i18n.js';

export const statusBadge = (status) =>
  html`<span class="badge badge-status status-${statusTone(status)}" data-testid="status-badge" data-status="${status ?? ''}">${statusLabel(status)}</span>`;

export const priorityBadge = (priority) =>
  html`<span class="badge badge-priority priority-${priorityTone(priority)}" data-testid="priority-badge" data-priority="${priority ?? ''}"><span class="visually-hidden">${t('badge.priority')} </span>${priorityLabel(priority)}</span>`;

export const queuedBadge = () =>
  html`<span class="badge badge-queued" data-testid="queued-badge">${t('badge.queued')}</span>`;

const OP_TONES = { queued: 'waiting', in_flight: 'waiting', in_doubt: 'waiting', failed: 'failed', done: 'done', discarded: 'discarded' };

export const opStateBadge = (state) =>
  html`<span class="badge badge-op op-${Object.hasOwn(OP_TONES, state) ? OP_TONES[state] : 'waiting'}" data-testid="op-state" data-state="${state ?? ''}">${opStateLabel(state)}</span>`;
