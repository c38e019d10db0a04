// First run: connect this desk to Ping with an API key, or try the demo
// workspace. The key goes straight to the backend (which tests it and keeps
// it in the OS keychain); this screen forgets it as soon as it has been used.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { connectForm, wireConnectForm } from '../components/connect-form.js';
import { keychainWarning } from '../components/workspace-banners.js';
import { t } from '../lib/i18n.js';

export const DEFAULT_BASE_URL = 'https://api.ping.co.zw';

export async function mount(host, ctx) {
  render(
    host,
    html`<section class="screen screen-welcome" aria-labelledby="welcome-title">
      <div class="screen-head welcome-head">
        <h1 id="welcome-title" tabindex="-1">${t('welcome.title')}</h1>
        <p class="lede">${t('welcome.lede')}</p>
      </div>
      ${keychainWarning(ctx.app.workspace)}
      <div class="welcome-choices">
        <section class="card welcome-card" aria-labelledby="connect-title">
          <h2 id="connect-title">${t('welcome.connectTitle')}</h2>
          <p>${t('welcome.connectText')}</p>
          ${connectForm({ idPrefix: 'wc' })}
        </section>
        <section class="card welcome-card welcome-demo" aria-labelledby="demo-title">
          <h2 id="demo-title">${t('welcome.demoTitle')}</h2>
          <p>${t('welcome.demoText')}</p>
          <div class="form-error" data-testid="demo-error" role="alert" hidden></div>
          <button type="button" class="button button-secondary button-wide" data-testid="start-demo">${t('welcome.demoButton')}</button>
        </section>
      </div>
    </section>`,
  );

  const demoError = $(host, '[data-testid="demo-error"]');
  const clearKey = wireConnectForm($(host, '[data-testid="connect-form"]'), {
    baseUrl: ctx.app.workspace?.settings?.baseUrl || DEFAULT_BASE_URL,
    onConnected(workspace) {
      ctx.setWorkspace(workspace);
      ctx.announce(t('welcome.connected'));
      ctx.navigate('#/new');
    },
  });
  const showFormError = (slot, message) => {
    slot.textContent = message ?? '';
    slot.hidden = !message;
  };

  $(host, '[data-testid="start-demo"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    showFormError(demoError, null);
    try {
      ctx.setWorkspace(await ipc.startDemo());
      ctx.announce(t('welcome.demoOpened'));
      ctx.navigate('#/new');
    } catch (err) {
      showFormError(demoError, `${t('welcome.demoFailed')} ${errorText(err)}`);
    } finally {
      button.disabled = false;
    }
  });

  return {
    unmount: clearKey,
  };
}
