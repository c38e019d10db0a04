// Settings: where Ping is, the store's defaults for new tickets, a
// connection test, and signing out (which deletes the key from the keychain);
// this computer: starting with it, and the diagnostics report for support;
// and the way to About.

import { html, render } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors } from '../lib/dom.js';
import { CHANNELS, channelLabel, plural } from '../lib/format.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { textField, selectField, option, toggle } from '../components/fields.js';
import { keychainWarning } from '../components/workspace-banners.js';
import { connectForm, wireConnectForm } from '../components/connect-form.js';
import { mountUpdateCard } from '../components/update-card.js';

export async function mount(host, ctx) {
  const { app } = ctx;
  const workspace = app.workspace;
  const demo = workspace.mode === 'demo';
  const settings = workspace.settings ?? {};

  render(
    host,
    html`<section class="screen screen-settings" aria-labelledby="settings-title">
      <div class="screen-head">
        <h1 id="settings-title" tabindex="-1">Settings</h1>
      </div>
      ${keychainWarning(workspace)}
      <div class="settings-grid">
        <section class="card" aria-labelledby="workspace-title" data-testid="settings-workspace">
          <h2 id="workspace-title">Workspace</h2>
          ${demo
            ? html`<p data-testid="settings-mode" data-mode="demo"><strong>Demo workspace.</strong> Practice data on this computer; nothing is sent to Ping.</p>
              <p class="hint">To use your business's real tickets, leave the demo and connect with your Ping API key.</p>`
            : html`${workspace.keyNeeded
                ? html`<p data-testid="settings-mode" data-mode="ping" data-key-needed="true"><strong>Not connected.</strong> Type the API key for <strong data-testid="settings-base-url">${workspace.baseUrl ?? settings.baseUrl ?? ''}</strong>: writes wait in the Outbox until then.</p>`
                : html`<p data-testid="settings-mode" data-mode="ping">Connected to Ping at <strong data-testid="settings-base-url">${workspace.baseUrl ?? settings.baseUrl ?? ''}</strong>.</p>`}
              ${workspace.keychain?.available === false ? '' : html`<p class="hint">The API key is kept in this computer's keychain, for this address only, and is never shown here. A new address needs the key again.</p>`}
              ${connectForm({ idPrefix: 'st', submitLabel: workspace.keyNeeded ? 'Connect' : 'Connect to this address' })}`}
          <div class="button-row">
            <button type="button" class="button button-secondary" data-testid="test-connection">Test connection</button>
            <button type="button" class="button button-danger" data-testid="sign-out">${demo ? 'Leave demo' : 'Sign out'}</button>
          </div>
          <p class="inline-result" data-testid="test-connection-result" data-role="test-result" role="status"></p>
        </section>
        <section class="card" aria-labelledby="defaults-title">
          <h2 id="defaults-title">Settings</h2>
          <form data-testid="settings-form" novalidate>
            <h3 class="subhead">Store defaults</h3>
            <p class="hint subhead-hint">Filled in on every new ticket; staff can still change them per ticket.</p>
            <div class="field-row">
              ${textField({ id: 'st-country', name: 'country', label: 'Country', testid: 'settings-country' })}
              ${textField({ id: 'st-store-region', name: 'storeRegion', label: 'Store / region', testid: 'settings-store-region' })}
            </div>
            <div class="field-row">
              ${selectField({ id: 'st-channel', name: 'channel', label: 'Channel', testid: 'settings-channel', options: CHANNELS.map((c) => option(c, channelLabel(c))) })}
              ${textField({ id: 'st-category', name: 'category', label: 'Category', testid: 'settings-category' })}
            </div>
            <h3 class="subhead">This desk</h3>
            ${textField({ id: 'st-staff-name', name: 'staffName', label: 'Staff name on this desk', testid: 'settings-staff-name', autocomplete: 'name', wide: true })}
            ${textField({ id: 'st-store-name', name: 'storeName', label: 'Store name on ticket slips', testid: 'settings-store-name', wide: true, hint: 'Printed at the top of each slip and shown on the customer’s screen; the store / region is used when empty.' })}
            <div class="form-error" data-testid="settings-form-error" role="alert" hidden></div>
            <div class="form-actions-buttons">
              <p class="inline-result" data-testid="settings-saved" role="status"></p>
              <button type="submit" class="button button-primary" data-testid="settings-save" aria-keyshortcuts="Control+Enter">Save settings</button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="pin-title" data-testid="settings-counter-pin" data-role="pin-card"></section>
        <section class="card" aria-labelledby="updates-title" data-testid="settings-updates" data-role="update-card"></section>
        <section class="card" aria-labelledby="computer-title" data-testid="settings-computer">
          <h2 id="computer-title">This computer</h2>
          ${toggle({ id: 'st-autostart', name: 'autostart', label: 'Start Ping Desk when I log in', testid: 'autostart-toggle', hint: 'It opens minimised and sends what waits in the Outbox, before anyone opens it.' })}
          <p class="inline-result" data-testid="autostart-result" role="status"></p>
          <h3 class="subhead">Help from support</h3>
          <p class="hint subhead-hint">A report of this desk's set-up and recent log for support: versions, folders, the Outbox's counts and error codes. It never holds the API key or customers' details.</p>
          <div class="button-row">
            <button type="button" class="button button-secondary" data-testid="copy-diagnostics">Copy diagnostics</button>
          </div>
          <p class="inline-result" data-testid="diagnostics-result" role="status"></p>
          <label for="st-diagnostics" class="visually-hidden">Diagnostics report</label>
          <textarea id="st-diagnostics" data-testid="diagnostics-text" rows="10" readonly hidden></textarea>
        </section>
        <section class="card" aria-labelledby="settings-about-title">
          <h2 id="settings-about-title">About Ping Desk</h2>
          <p class="hint">The version, the licences of the open-source parts, and where to report a problem.</p>
          <div class="button-row">
            <a class="button button-secondary" href="#/about" data-testid="settings-about">About Ping Desk</a>
          </div>
        </section>
      </div>
    </section>`,
  );

  const form = $(host, '[data-testid="settings-form"]');
  const formError = $(form, '[data-testid="settings-form-error"]');
  const saved = $(form, '[data-testid="settings-saved"]');
  const testResult = $(host, '[data-role="test-result"]');
  form.dataset.primaryForm = 'true';
  writeForm(form, { ...settings, channel: settings.channel || 'in_store' });
  const connect = $(host, '[data-testid="connect-form"]');
  const clearKey = connect
    ? wireConnectForm(connect, {
        baseUrl: settings.baseUrl ?? workspace.baseUrl ?? '',
        submitLabel: workspace.keyNeeded ? 'Connect' : 'Connect to this address',
        onConnected(next) {
          ctx.setWorkspace(next);
          ctx.announce(`Connected to Ping at ${next.baseUrl}.`);
          ctx.navigate('#/settings');
        },
      })
    : () => {};

  form.addEventListener('input', () => {
    saved.textContent = '';
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    formError.hidden = true;
    const values = readForm(form);
    const next = {
      // The address changes only by connecting (the key is typed again).
      baseUrl: String(settings.baseUrl ?? ''),
      country: values.country.trim(),
      storeRegion: values.storeRegion.trim(),
      channel: values.channel || 'in_store',
      category: values.category.trim(),
      staffName: values.staffName.trim(),
      storeName: values.storeName.trim(),
    };
    const submit = $(form, '[data-testid="settings-save"]');
    submit.disabled = true;
    try {
      ctx.setWorkspace(await ipc.saveSettings(next));
      saved.textContent = 'Saved.';
    } catch (err) {
      formError.textContent = `Not saved. ${errorText(err)}`;
      formError.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });

  // The customer screen's PIN: its own small form, so setting it never
  // touches what is typed in the settings form.
  const pinCard = $(host, '[data-role="pin-card"]');
  function renderPinCard(result = '') {
    const set = Boolean(app.workspace.counterPinSet);
    const unreadable = Boolean(app.workspace.counterPinUnreadable);
    const state = unreadable
      ? 'The counter PIN could not be read: the settings file was damaged (it is kept aside). Until you set a PIN again, the customer’s screen does not hand back to staff; use “End customer view” on the staff screen.'
      : set
        ? 'A counter PIN is set.'
        : 'No counter PIN is set: a long press alone takes staff back.';
    render(
      pinCard,
      html`<h2 id="pin-title">Customer screen</h2>
        <p class="hint">When a customer gives their score, staff get back by pressing and holding “Staff” on the customer’s screen${set ? ', then typing the counter PIN' : ''}.</p>
        <p data-testid="counter-pin-state" data-set="${set ? 'true' : 'false'}" data-unreadable="${unreadable ? 'true' : 'false'}" class="${unreadable ? 'field-error' : ''}">${state}</p>
        <form data-testid="counter-pin-form" novalidate>
          ${textField({ id: 'st-counter-pin', name: 'pin', label: set ? 'New counter PIN' : 'Counter PIN', testid: 'counter-pin-input', type: 'password', inputmode: 'numeric', hint: '4 to 8 digits', autocomplete: 'new-password' })}
          <div class="button-row">
            <button type="submit" class="button button-secondary" data-testid="counter-pin-save">Set PIN</button>
            ${set ? html`<button type="button" class="button button-danger-quiet" data-testid="counter-pin-remove">Remove PIN</button>` : ''}
          </div>
          <p class="inline-result" data-testid="counter-pin-result" role="status">${result}</p>
        </form>`,
    );
    const pinForm = $(pinCard, 'form');
    const pinInput = $(pinForm, '[name="pin"]');
    async function changePin(pin) {
      clearFieldErrors(pinForm);
      if (pin !== null && !/^[0-9]{4,8}$/.test(pin)) {
        setFieldError(pinForm, 'pin', 'A counter PIN is 4 to 8 digits.');
        pinInput.focus();
        return;
      }
      try {
        ctx.setWorkspace(await ipc.setCounterPin(pin));
        renderPinCard(pin === null ? 'PIN removed.' : 'PIN set.');
      } catch (err) {
        $(pinForm, '[data-testid="counter-pin-result"]').textContent = errorText(err);
      }
    }
    pinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      changePin(pinInput.value.trim());
    });
    $(pinForm, '[data-testid="counter-pin-remove"]')?.addEventListener('click', () => changePin(null));
  }
  renderPinCard();
  mountUpdateCard($(host, '[data-role="update-card"]'), ctx);

  // Starting with the computer: the OS's entry is the truth, so the switch
  // shows what the OS says, before and after each change.
  const autostartToggle = $(host, '[data-testid="autostart-toggle"]');
  const autostartResult = $(host, '[data-testid="autostart-result"]');
  autostartToggle.disabled = true;
  ipc.autostart().then(
    ({ enabled }) => {
      autostartToggle.checked = enabled;
      autostartToggle.disabled = false;
    },
    (err) => {
      autostartResult.textContent = errorText(err);
    },
  );
  autostartToggle.addEventListener('change', async () => {
    const wanted = autostartToggle.checked;
    autostartToggle.disabled = true;
    autostartResult.textContent = '';
    try {
      const { enabled } = await ipc.setAutostart(wanted);
      autostartToggle.checked = enabled;
      autostartResult.textContent = enabled
        ? 'Ping Desk will start when you log in.'
        : 'Ping Desk will not start by itself.';
    } catch (err) {
      autostartToggle.checked = !wanted;
      autostartResult.textContent = errorText(err);
    } finally {
      autostartToggle.disabled = false;
    }
  });

  // The report is put on the clipboard by the app, and shown here too, so
  // it can be selected by hand if the clipboard fails.
  const diagnosticsResult = $(host, '[data-testid="diagnostics-result"]');
  const diagnosticsText = $(host, '[data-testid="diagnostics-text"]');
  $(host, '[data-testid="copy-diagnostics"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    diagnosticsResult.textContent = '';
    try {
      const report = await ipc.copyDiagnostics();
      diagnosticsText.value = report.text;
      diagnosticsText.hidden = false;
      diagnosticsResult.dataset.copied = report.copied ? 'true' : 'false';
      diagnosticsResult.textContent = report.copied
        ? 'Copied. Paste it into your message to support.'
        : 'Could not copy: select the report below and copy it.';
      if (!report.copied) diagnosticsText.select();
    } catch (err) {
      diagnosticsResult.textContent = errorText(err);
    } finally {
      button.disabled = false;
    }
  });

  $(host, '[data-testid="test-connection"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    testResult.dataset.ok = '';
    testResult.textContent = 'Testing…';
    try {
      await ipc.testConnection();
      testResult.dataset.ok = 'true';
      testResult.textContent = `Connection OK: ${demo ? 'the demo workspace' : 'Ping'} answered.`;
    } catch (err) {
      testResult.dataset.ok = 'false';
      testResult.textContent = errorText(err);
    } finally {
      button.disabled = false;
    }
  });

  $(host, '[data-testid="sign-out"]').addEventListener('click', async () => {
    const { pending, failed } = app.sync.get().counts;
    const waiting = pending + failed;
    const sure = await ctx.confirm(
      demo
        ? {
            title: 'Leave the demo workspace?',
            message: 'You will be back at the start, where you can connect to Ping or open the demo again.',
            confirmLabel: 'Leave demo',
          }
        : {
            title: 'Sign out of Ping?',
            message: "The API key is deleted from this computer's keychain. You will need it again to reconnect.",
            details: waiting ? [`${plural(waiting, 'write')} in the Outbox ${waiting === 1 ? 'has' : 'have'} not reached Ping yet.`] : [],
            option: {
              label: waiting
                ? "Also delete this desk's copy of customers' details: cached tickets, drafts, and the writes still waiting (they will never reach Ping)."
                : "Also delete this desk's copy of customers' details: cached tickets, comments and drafts.",
              testid: 'sign-out-wipe',
            },
            confirmLabel: 'Sign out',
            danger: true,
          },
    );
    if (!sure) return;
    try {
      ctx.setWorkspace(await ipc.signOut({ wipe: Boolean(sure.option) }));
      ctx.announce(demo ? 'Left the demo workspace.' : 'Signed out. The API key was removed from this computer.');
      ctx.navigate('#/welcome');
    } catch (err) {
      testResult.dataset.ok = 'false';
      testResult.textContent = `Not signed out. ${errorText(err)}`;
    }
  });

  return { unmount: clearKey };
}
