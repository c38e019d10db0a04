// First run: connect this desk to Ping with an API key, or try the demo
// workspace. The key goes straight to the backend (which tests it and keeps
// it in the OS keychain); this screen forgets it as soon as it has been used.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { connectForm, wireConnectForm } from '../components/connect-form.js';
import { keychainWarning } from '../components/workspace-banners.js';

export const DEFAULT_BASE_URL = 'https://api.ping.co.zw';

export async function mount(host, ctx) {
  render(
    host,
    html`<section class="screen screen-welcome" aria-labelledby="welcome-title">
      <div class="screen-head welcome-head">
        <h1 id="welcome-title" tabindex="-1">Welcome to Ping Desk</h1>
        <p class="lede">Log walk-in customers' problems as Ping tickets, follow them up, and keep working when the internet drops.</p>
      </div>
      ${keychainWarning(ctx.app.workspace)}
      <div class="welcome-choices">
        <section class="card welcome-card" aria-labelledby="connect-title">
          <h2 id="connect-title">Connect to Ping</h2>
          <p>Use your business's API key from the Ping dashboard. It is kept in this computer's keychain, never in files.</p>
          ${connectForm({ idPrefix: 'wc' })}
        </section>
        <section class="card welcome-card welcome-demo" aria-labelledby="demo-title">
          <h2 id="demo-title">Try the demo workspace</h2>
          <p>Practise with realistic sample tickets on this computer. Nothing is sent to Ping, and you can connect for real later from Settings.</p>
          <div class="form-error" data-testid="demo-error" role="alert" hidden></div>
          <button type="button" class="button button-secondary button-wide" data-testid="start-demo">Open the demo workspace</button>
        </section>
      </div>
    </section>`,
  );

  const demoError = $(host, '[data-testid="demo-error"]');
  const clearKey = wireConnectForm($(host, '[data-testid="connect-form"]'), {
    baseUrl: ctx.app.workspace?.settings?.baseUrl || DEFAULT_BASE_URL,
    onConnected(workspace) {
      ctx.setWorkspace(workspace);
      ctx.announce('Connected to Ping.');
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
      ctx.announce('Demo workspace opened.');
      ctx.navigate('#/new');
    } catch (err) {
      showFormError(demoError, `The demo could not start. ${errorText(err)}`);
    } finally {
      button.disabled = false;
    }
  });

  return {
    unmount: clearKey,
  };
}
