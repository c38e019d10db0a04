// The sync indicator that is always in the app bar: Online/Offline, how many
// writes are waiting or failed (a link to the Outbox), and a clear warning
// when sending is paused because Ping rejected the key.

import { html, render } from '../lib/html.js';
import { syncSummary } from '../lib/state.js';
import { routeHref } from '../lib/router.js';
import { t } from '../lib/i18n.js';
import { describeError } from '../lib/errors.js';

export function renderSyncStatus(host, state, mode) {
  const summary = syncSummary(state, mode);
  host.dataset.tone = summary.tone;
  const { pending, failed } = state.counts;
  render(
    host,
    html`<a class="sync-link sync-${summary.tone}" href="${routeHref(summary.target)}" data-testid="sync-indicator"
        data-tone="${summary.tone}" data-pending="${pending}" data-failed="${failed}"
        title="${summary.tone === 'paused' ? describeError({ code: state.paused }).headline : t('sync.openOutbox')}">
      <span class="sync-dot" aria-hidden="true"></span>
      <span class="sync-label" data-testid="sync-label">${summary.label}</span>
    </a>
    ${summary.counts
      ? html`<a class="sync-counts${failed ? ' has-failed' : ''}" href="${routeHref('outbox')}" data-testid="sync-counts">${summary.counts}</a>`
      : ''}`,
  );
}
