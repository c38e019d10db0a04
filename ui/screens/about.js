// About Ping Desk: the version, where to report a problem (opened in the
// system's browser by the backend, which knows the one address), and the
// licences of every open-source crate the app is built from. The list is
// ui/about/licenses.js, generated from Cargo.lock (scripts/licenses.sh),
// loaded only when this screen opens.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import { filterCrates, licenceSummary, textsOf } from '../lib/licenses.js';
import * as ipc from '../ipc.js';
import { t, tHtml } from '../lib/i18n.js';

export async function mount(host) {
  render(
    host,
    html`<section class="screen screen-about" aria-labelledby="about-title">
      <div class="screen-head">
        <p class="breadcrumb"><a href="#/settings">${t('settings.title')}</a></p>
        <h1 id="about-title" tabindex="-1">${t('settings.about')}</h1>
      </div>
      <div class="about-grid">
        <section class="card" aria-labelledby="about-app-title" data-testid="about-app">
          <h2 id="about-app-title" translate="no">Ping Desk</h2>
          <p>${tHtml('about.version', { version: html`<strong data-testid="about-version" data-role="version" translate="no">…</strong>` })}</p>
          <p>${t('about.text')}</p>
        </section>
        <section class="card" aria-labelledby="about-report-title" data-testid="about-report-card">
          <h2 id="about-report-title">${t('about.report')}</h2>
          <p>${t('about.reportHow')}</p>
          <p class="hint">${tHtml('about.opens', { address: html`<span class="code-text" data-testid="about-report-address" data-role="address" translate="no"></span>` })}</p>
          <div class="button-row">
            <button type="button" class="button button-secondary" data-testid="about-report">${t('about.report')}</button>
          </div>
          <p class="inline-result" data-testid="about-report-result" data-role="report-result" role="status"></p>
        </section>
      </div>
      <section class="card licences" aria-labelledby="licences-title" data-testid="about-licences">
        <div class="card-head">
          <h2 id="licences-title">${t('about.licences')}</h2>
          <span class="card-count" data-testid="licences-count" data-role="count"></span>
        </div>
        <p class="hint">${t('about.licencesHint')}</p>
        <p class="licence-summary" data-testid="licences-summary" data-role="summary" translate="no"></p>
        <div class="field licence-search">
          <label for="licence-search">${t('about.find')}</label>
          <input id="licence-search" type="search" data-testid="licences-search" data-search autocomplete="off" spellcheck="false">
        </div>
        <p class="hint" data-testid="licences-shown" data-role="shown" role="status"></p>
        <ul class="licence-list" data-testid="licences-list" data-role="list" translate="no"></ul>
      </section>
    </section>`,
  );

  const version = $(host, '[data-role="version"]');
  const address = $(host, '[data-role="address"]');
  ipc.appInfo().then(
    (info) => {
      version.textContent = info.version ?? '';
      address.textContent = info.issuesUrl ?? '';
    },
    () => {
      version.textContent = t('value.unknown');
      version.translate = true;
    },
  );

  const reportResult = $(host, '[data-role="report-result"]');
  $(host, '[data-testid="about-report"]').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    reportResult.dataset.ok = '';
    reportResult.textContent = '';
    try {
      await ipc.openIssuePage();
      reportResult.dataset.ok = 'true';
      reportResult.textContent = t('about.opened');
    } catch (err) {
      reportResult.dataset.ok = 'false';
      reportResult.textContent = errorText(err);
    } finally {
      button.disabled = false;
    }
  });

  const { LICENSES } = await import('../about/licenses.js');
  const { crates, texts } = LICENSES;
  $(host, '[data-role="count"]').textContent = t('about.crates', { count: crates.length });
  render(
    $(host, '[data-role="summary"]'),
    html`${licenceSummary(crates).map(
      ({ license, count }, index) => html`${index ? ' · ' : ''}<span class="licence-count">${license}: ${count}</span>`,
    )}`,
  );

  const list = $(host, '[data-role="list"]');
  const shown = $(host, '[data-role="shown"]');
  const search = $(host, '[data-testid="licences-search"]');
  function showCrates() {
    const found = filterCrates(crates, search.value);
    shown.textContent = search.value.trim() ? t('about.shown', { found: found.length, count: crates.length }) : '';
    render(
      list,
      html`${found.map(
        (crate) => html`<li><details class="licence-crate" data-testid="licence-crate" data-crate="${crate.name}" data-version="${crate.version}">
          <summary><span class="licence-name">${crate.name}</span> <span class="licence-version">${crate.version}</span>
            <span class="licence-expression" data-testid="licence-expression">${crate.license}</span></summary>
          <div class="licence-texts"></div>
        </details></li>`,
      )}`,
    );
  }
  // A crate's licence texts are drawn when it is opened: hundreds of them
  // at once would be megabytes of text nobody reads. (toggle does not
  // bubble: listen while it passes down.)
  list.addEventListener(
    'toggle',
    (event) => {
      const details = event.target;
      if (!details.open || details.dataset.filled) return;
      const crate = crates.find((c) => c.name === details.dataset.crate && c.version === details.dataset.version);
      if (!crate) return;
      details.dataset.filled = 'true';
      render(
        details.querySelector('.licence-texts'),
        html`${textsOf(crate, texts).map(
          (text) => html`<h3 class="subhead">${text.name} (${text.license})</h3><pre class="licence-text" data-testid="licence-text">${text.text}</pre>`,
        )}`,
      );
    },
    true,
  );
  search.addEventListener('input', showCrates);
  showCrates();
  return {};
}
