// Notices shared by screens: the offline/cached banner and error panels.

import { html } from '../lib/html.js';
import { freshnessNotice, heldNotice } from '../lib/format.js';
import { describeError } from '../lib/errors.js';

export function freshnessBanner(freshness, now = Date.now()) {
  const text = freshnessNotice(freshness, now);
  return text ? html`<p class="notice notice-offline" data-testid="freshness-notice" role="status">${text}</p>` : '';
}

/** Offline: how many of the store's tickets the desk holds, as of when. */
export function heldBanner(held, now = Date.now()) {
  const text = heldNotice(held, now);
  return text ? html`<p class="notice notice-offline" data-testid="held-notice" role="status">${text}</p>` : '';
}

/** An error as a panel: headline, the backend's detail when it helps, and the code for support. */
export function errorPanel(error, { testid = 'error-panel', action = '' } = {}) {
  const { code, headline, detail } = describeError(error);
  return html`<div class="notice notice-error" role="alert" data-testid="${testid}" data-code="${code}">
    <p class="notice-title">${headline}</p>
    ${detail ? html`<p translate="no" lang="en">${detail}</p>` : ''}
    ${action}
  </div>`;
}
