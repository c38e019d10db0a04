// Settings: where Ping is, the store's defaults for new tickets (the store
// is also the one whose tickets the desk copies for when the internet is
// down, and how much it holds is said here), a connection test, and signing
// out (which deletes the key from the keychain);
// this computer: starting with it, and the diagnostics report for support;
// the languages (the staff window's, and the customers' default); and the
// way to About.

import { html, render, booleanAttr } from '../lib/html.js';
import { $, readForm, writeForm, setFieldError, clearFieldErrors } from '../lib/dom.js';
import { CHANNELS, channelLabel, heldNotice } from '../lib/format.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { textField, selectField, option, toggle } from '../components/fields.js';
import { keychainWarning } from '../components/workspace-banners.js';
import { connectForm, wireConnectForm } from '../components/connect-form.js';
import { mountUpdateCard } from '../components/update-card.js';
import { LANGUAGES, PSEUDO, currentLanguage, t, tHtml } from '../lib/i18n.js';

/**
 * A language choice, each language named in itself. The pseudo-locale
 * (a developer's check that every word is translated) is offered only when
 * it is already set, so it can be turned off again.
 */
function languageSelect({ id, name, label, testid, value, pseudo = true }) {
  const current = value || 'en';
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}" data-testid="${testid}">
      ${LANGUAGES.map(({ code, name: own }) => html`<option value="${code}" lang="${code}" translate="no" ${booleanAttr('selected', code === current)}>${own}</option>`)}
      ${pseudo && current === PSEUDO ? html`<option value="${PSEUDO}" translate="no" selected>Pseudo (${PSEUDO})</option>` : ''}
    </select>
  </div>`;
}

export async function mount(host, ctx) {
  const { app } = ctx;
  const workspace = app.workspace;
  const demo = workspace.mode === 'demo';
  const settings = workspace.settings ?? {};

  render(
    host,
    html`<section class="screen screen-settings" aria-labelledby="settings-title">
      <div class="screen-head">
        <h1 id="settings-title" tabindex="-1">${t('settings.title')}</h1>
      </div>
      ${keychainWarning(workspace)}
      <div class="settings-grid">
        <section class="card" aria-labelledby="workspace-title" data-testid="settings-workspace">
          <h2 id="workspace-title">${t('settings.workspace')}</h2>
          ${demo
            ? html`<p data-testid="settings-mode" data-mode="demo"><strong>${t('settings.demo')}</strong> ${t('settings.demoText')}</p>
              <p class="hint">${t('settings.demoHint')}</p>`
            : html`${workspace.keyNeeded
                ? html`<p data-testid="settings-mode" data-mode="ping" data-key-needed="true"><strong>${t('settings.notConnected')}</strong> ${tHtml('settings.keyNeeded', { url: html`<strong data-testid="settings-base-url" translate="no">${workspace.baseUrl ?? settings.baseUrl ?? ''}</strong>` })}</p>`
                : html`<p data-testid="settings-mode" data-mode="ping">${tHtml('settings.connected', { url: html`<strong data-testid="settings-base-url" translate="no">${workspace.baseUrl ?? settings.baseUrl ?? ''}</strong>` })}</p>`}
              ${workspace.keychain?.available === false ? '' : html`<p class="hint">${t('settings.keyHint')}</p>`}
              ${connectForm({ idPrefix: 'st', submitLabel: workspace.keyNeeded ? t('connect.submit') : t('settings.connectHere') })}`}
          <div class="button-row">
            <button type="button" class="button button-secondary" data-testid="test-connection">${t('settings.test')}</button>
            <button type="button" class="button button-danger" data-testid="sign-out">${demo ? t('settings.leaveDemo') : t('settings.signOut')}</button>
          </div>
          <p class="inline-result" data-testid="test-connection-result" data-role="test-result" role="status"></p>
        </section>
        <section class="card" aria-labelledby="defaults-title">
          <h2 id="defaults-title">${t('settings.title')}</h2>
          <form data-testid="settings-form" novalidate>
            <h3 class="subhead">${t('settings.defaults')}</h3>
            <p class="hint subhead-hint">${t('settings.defaultsHint')}</p>
            <div class="field-row">
              ${textField({ id: 'st-country', name: 'country', label: t('field.country'), testid: 'settings-country' })}
              ${textField({ id: 'st-store-region', name: 'storeRegion', label: t('field.storeRegion'), testid: 'settings-store-region' })}
            </div>
            <p class="hint field-note" data-testid="settings-store-copy"></p>
            <div class="field-row">
              ${selectField({ id: 'st-channel', name: 'channel', label: t('field.channel'), testid: 'settings-channel', options: CHANNELS.map((c) => option(c, channelLabel(c))) })}
              ${textField({ id: 'st-category', name: 'category', label: t('field.category'), testid: 'settings-category' })}
            </div>
            <h3 class="subhead">${t('settings.thisDesk')}</h3>
            ${textField({ id: 'st-staff-name', name: 'staffName', label: t('settings.staffName'), testid: 'settings-staff-name', autocomplete: 'name', wide: true })}
            ${textField({ id: 'st-store-name', name: 'storeName', label: t('settings.storeName'), testid: 'settings-store-name', wide: true, hint: t('settings.storeNameHint') })}
            <h3 class="subhead">${t('settings.languages')}</h3>
            <div class="field-row">
              ${languageSelect({ id: 'st-ui-language', name: 'uiLanguage', label: t('settings.uiLanguage'), testid: 'settings-ui-language', value: settings.uiLanguage })}
              ${languageSelect({ id: 'st-customer-language', name: 'customerLanguage', label: t('settings.customerLanguage'), testid: 'settings-customer-language', value: settings.customerLanguage, pseudo: false })}
            </div>
            <p class="hint">${t('settings.languagesHint')}</p>
            <div class="form-error" data-testid="settings-form-error" role="alert" hidden></div>
            <div class="form-actions-buttons">
              <p class="inline-result" data-testid="settings-saved" role="status"></p>
              <button type="submit" class="button button-primary" data-testid="settings-save" aria-keyshortcuts="Control+Enter">${t('settings.save')}</button>
            </div>
          </form>
        </section>
        <section class="card" aria-labelledby="pin-title" data-testid="settings-counter-pin" data-role="pin-card"></section>
        <section class="card" aria-labelledby="updates-title" data-testid="settings-updates" data-role="update-card"></section>
        <section class="card" aria-labelledby="computer-title" data-testid="settings-computer">
          <h2 id="computer-title">${t('settings.computer')}</h2>
          ${toggle({ id: 'st-autostart', name: 'autostart', label: t('settings.autostart'), testid: 'autostart-toggle', hint: t('settings.autostartHint') })}
          <p class="inline-result" data-testid="autostart-result" role="status"></p>
          <h3 class="subhead">${t('settings.support')}</h3>
          <p class="hint subhead-hint">${t('settings.supportHint')}</p>
          <div class="button-row">
            <button type="button" class="button button-secondary" data-testid="copy-diagnostics">${t('settings.copyDiagnostics')}</button>
          </div>
          <p class="inline-result" data-testid="diagnostics-result" role="status"></p>
          <label for="st-diagnostics" class="visually-hidden">${t('settings.diagnosticsLabel')}</label>
          <textarea id="st-diagnostics" data-testid="diagnostics-text" rows="10" readonly hidden translate="no"></textarea>
        </section>
        <section class="card" aria-labelledby="settings-about-title">
          <h2 id="settings-about-title">${t('settings.about')}</h2>
          <p class="hint">${t('settings.aboutHint')}</p>
          <div class="button-row">
            <a class="button button-secondary" href="#/about" data-testid="settings-about">${t('settings.about')}</a>
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
        submitLabel: workspace.keyNeeded ? t('connect.submit') : t('settings.connectHere'),
        onConnected(next) {
          ctx.setWorkspace(next);
          ctx.announce(t('settings.connectedTo', { url: next.baseUrl }));
          ctx.navigate('#/settings');
        },
      })
    : () => {};

  form.addEventListener('input', () => {
    saved.textContent = '';
  });

  // What the desk holds of its store for when Ping cannot be reached.
  const storeCopy = $(form, '[data-testid="settings-store-copy"]');
  async function showStoreCopy() {
    try {
      storeCopy.textContent = t('settings.storeCopy', { held: heldNotice(await ipc.storeCopyStatus()) });
    } catch {
      // Not connected: there is no copy to speak of.
      storeCopy.textContent = '';
    }
  }
  showStoreCopy();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    formError.hidden = true;
    const values = readForm(form);
    const next = {
      // Whatever else the backend keeps in settings goes back as it was.
      ...settings,
      // The address changes only by connecting (the key is typed again).
      baseUrl: String(settings.baseUrl ?? ''),
      country: values.country.trim(),
      storeRegion: values.storeRegion.trim(),
      channel: values.channel || 'in_store',
      category: values.category.trim(),
      staffName: values.staffName.trim(),
      storeName: values.storeName.trim(),
      uiLanguage: values.uiLanguage,
      customerLanguage: values.customerLanguage,
    };
    const submit = $(form, '[data-testid="settings-save"]');
    submit.disabled = true;
    try {
      const languageBefore = currentLanguage();
      ctx.setWorkspace(await ipc.saveSettings(next));
      if (next.uiLanguage !== languageBefore) {
        // The whole window speaks the new language at once: this screen is drawn again in it.
        await ctx.changeLanguage(next.uiLanguage);
        ctx.announce(t('settings.saved'));
        return;
      }
      saved.textContent = t('settings.saved');
      showStoreCopy();
    } catch (err) {
      formError.textContent = `${t('templates.notSaved')} ${errorText(err)}`;
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
    const state = unreadable ? t('settings.pinUnreadable') : set ? t('settings.pinSet') : t('settings.pinNone');
    render(
      pinCard,
      html`<h2 id="pin-title">${t('settings.customerScreen')}</h2>
        <p class="hint">${t(set ? 'settings.pinHintSet' : 'settings.pinHint')}</p>
        <p data-testid="counter-pin-state" data-set="${set ? 'true' : 'false'}" data-unreadable="${unreadable ? 'true' : 'false'}" class="${unreadable ? 'field-error' : ''}">${state}</p>
        <form data-testid="counter-pin-form" novalidate>
          ${textField({ id: 'st-counter-pin', name: 'pin', label: set ? t('settings.pinNew') : t('settings.pin'), testid: 'counter-pin-input', type: 'password', inputmode: 'numeric', hint: t('settings.pinDigits'), autocomplete: 'new-password' })}
          <div class="button-row">
            <button type="submit" class="button button-secondary" data-testid="counter-pin-save">${t('settings.pinSave')}</button>
            ${set ? html`<button type="button" class="button button-danger-quiet" data-testid="counter-pin-remove">${t('settings.pinRemove')}</button>` : ''}
          </div>
          <p class="inline-result" data-testid="counter-pin-result" role="status">${result}</p>
        </form>`,
    );
    const pinForm = $(pinCard, 'form');
    const pinInput = $(pinForm, '[name="pin"]');
    async function changePin(pin) {
      clearFieldErrors(pinForm);
      if (pin !== null && !/^[0-9]{4,8}$/.test(pin)) {
        setFieldError(pinForm, 'pin', t('settings.pinInvalid'));
        pinInput.focus();
        return;
      }
      try {
        ctx.setWorkspace(await ipc.setCounterPin(pin));
        renderPinCard(pin === null ? t('settings.pinRemoved') : t('settings.pinDone'));
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
      autostartResult.textContent = enabled ? t('settings.autostartOn') : t('settings.autostartOff');
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
      diagnosticsResult.textContent = report.copied ? t('settings.diagnosticsCopied') : t('settings.diagnosticsNotCopied');
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
    testResult.textContent = t('settings.testing');
    try {
      await ipc.testConnection();
      testResult.dataset.ok = 'true';
      testResult.textContent = demo ? t('settings.testOkDemo') : t('settings.testOk');
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
            title: t('settings.leaveDemoTitle'),
            message: t('settings.leaveDemoMessage'),
            confirmLabel: t('settings.leaveDemo'),
          }
        : {
            title: t('settings.signOutTitle'),
            message: t('settings.signOutMessage'),
            details: waiting ? [t('settings.signOutWaiting', { count: waiting })] : [],
            option: {
              label: waiting ? t('settings.wipeWaiting') : t('settings.wipe'),
              testid: 'sign-out-wipe',
            },
            confirmLabel: t('settings.signOut'),
            danger: true,
          },
    );
    if (!sure) return;
    try {
      ctx.setWorkspace(await ipc.signOut({ wipe: Boolean(sure.option) }));
      ctx.announce(demo ? t('settings.leftDemo') : t('settings.signedOut'));
      ctx.navigate('#/welcome');
    } catch (err) {
      testResult.dataset.ok = 'false';
      testResult.textContent = `${t('settings.notSignedOut')} ${errorText(err)}`;
    }
  });

  return { unmount: clearKey };
}
