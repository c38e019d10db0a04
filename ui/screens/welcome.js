// First run: connect this desk to Ping with an API key, or try the demo
// workspace. The key goes straight to the backend (which tests it and keeps
// it in the OS keychain); this screen forgets it as soon as it has been used.

import { html, render } from '../lib/html.js';
import { $, setFieldError, clearFieldErrors, focusFirstInvalid } from '../lib/dom.js';
import { validateConnect, hasErrors } from '../lib/validation.js';
import { describeError, errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { textField } from '../components/fields.js';
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
          <form data-testid="connect-form" novalidate>
            <div class="field field-wide">
              <label for="wc-api-key">API key <span class="required">(required)</span></label>
              <input id="wc-api-key" name="apiKey" type="password" data-testid="connect-api-key" autocomplete="off"
                spellcheck="false" aria-required="true" aria-describedby="wc-api-key-hint wc-api-key-error">
              <p class="hint" id="wc-api-key-hint">Starts with pk_live_ or pk_test_ (or sk_…), then 32 letters or digits.</p>
              <p class="field-error" id="wc-api-key-error" data-error-for="apiKey" data-testid="error-apiKey" hidden></p>
            </div>
            ${textField({ id: 'wc-base-url', name: 'baseUrl', label: 'Ping address (base URL)', testid: 'connect-base-url', type: 'url', wide: true })}
            <div class="form-error" data-testid="connect-error" role="alert" hidden></div>
            <button type="submit" class="button button-primary button-wide" data-testid="connect-submit">Connect</button>
          </form>
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

  const form = $(host, '[data-testid="connect-form"]');
  const keyInput = $(form, '[name="apiKey"]');
  const urlInput = $(form, '[name="baseUrl"]');
  const connectError = $(form, '[data-testid="connect-error"]');
  const demoError = $(host, '[data-testid="demo-error"]');
  urlInput.value = ctx.app.workspace?.settings?.baseUrl || DEFAULT_BASE_URL;

  const showFormError = (slot, message) => {
    slot.textContent = message ?? '';
    slot.hidden = !message;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    showFormError(connectError, null);
    const baseUrl = urlInput.value.trim();
    const errors = validateConnect({ apiKey: keyInput.value, baseUrl });
    if (hasErrors(errors)) {
      for (const [name, message] of Object.entries(errors)) setFieldError(form, name, message);
      focusFirstInvalid(form);
      return;
    }
    const submit = $(form, '[data-testid="connect-submit"]');
    submit.disabled = true;
    submit.textContent = 'Checking the key with Ping…';
    try {
      // Read straight from the field into the call: no copy is kept.
      const workspace = await ipc.connect(keyInput.value.trim(), baseUrl);
      ctx.setWorkspace(workspace);
      ctx.announce('Connected to Ping.');
      ctx.navigate('#/new');
    } catch (err) {
      const { headline, detail } = describeError(err);
      switch (err.code) {
        case 'AUTH_REJECTED':
          setFieldError(form, 'apiKey', 'Ping rejected this key. Check that you copied all of it and that it has the tickets permission, then paste it again.');
          keyInput.focus();
          break;
        case 'FORBIDDEN':
          setFieldError(form, 'apiKey', `${headline} Then paste the key again.`);
          keyInput.focus();
          break;
        case 'VALIDATION':
          showFormError(connectError, `${detail || headline} Paste the key again after fixing it.`);
          break;
        case 'OFFLINE':
          showFormError(connectError, `${headline} Nothing was saved; paste the key again when online, or open the demo meanwhile.`);
          break;
        case 'KEYCHAIN_UNAVAILABLE':
          showFormError(connectError, [headline, detail].filter(Boolean).join(' '));
          break;
        default:
          showFormError(connectError, `Not connected. ${errorText(err)}`);
      }
    } finally {
      // The key has been handed to the backend (or refused): the page keeps no copy.
      keyInput.value = '';
      submit.disabled = false;
      submit.textContent = 'Connect';
    }
  });

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
    unmount() {
      keyInput.value = '';
    },
  };
}
