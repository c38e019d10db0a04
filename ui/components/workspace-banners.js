// Banners about the workspace itself: the demo marker and keychain trouble.

import { html } from '../lib/html.js';

/** Shown prominently when the OS keychain cannot hold the API key. */
export function keychainWarning(workspace) {
  if (!workspace?.keychain || workspace.keychain.available !== false) return '';
  return html`<div class="notice notice-error" role="alert" data-testid="keychain-warning">
    <p class="notice-title">The computer's keychain is not available, so the Ping API key cannot be stored safely.</p>
    ${workspace.keychain.message ? html`<p>${workspace.keychain.message}</p>` : ''}
  </div>`;
}
