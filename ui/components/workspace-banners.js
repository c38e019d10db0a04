// Banners about the workspace itself: the demo marker and keychain trouble.

import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

/** Shown prominently when the OS keychain cannot hold the API key. */
export function keychainWarning(workspace) {
  if (!workspace?.keychain || workspace.keychain.available !== false) return '';
  return html`<div class="notice notice-error" role="alert" data-testid="keychain-warning">
    <p class="notice-title">${t('keychain.warning')}</p>
    ${workspace.keychain.message ? html`<p translate="no" lang="en">${workspace.keychain.message}</p>` : ''}
  </div>`;
}
