// This desk's data file could not be opened (damaged, from a newer Ping
// Desk, a full disk, no access). Says so, and offers the one safe way on:
// keep the file aside (renamed, never deleted), with the writes still
// queued in it copied out beside it, and start afresh.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';
import { t, tHtml } from '../lib/i18n.js';
import { describeError } from '../lib/errors.js';

export async function mount(host, ctx) {
  const problem = ctx.app.workspace?.storage;
  render(
    host,
    html`<section class="screen screen-storage" aria-labelledby="storage-title" data-testid="storage-problem" data-code="${problem?.code ?? ''}">
      <div class="screen-head">
        <h1 id="storage-title" tabindex="-1">${t('storage.title')}</h1>
      </div>
      <div class="card">
        ${problem?.code ? html`<p class="notice-title">${describeError({ code: problem.code }).headline}</p>` : ''}
        <p data-testid="storage-message" translate="no" lang="en">${problem?.message ?? ''}</p>
        <p class="hint">${tHtml('storage.file', { path: html`<code data-testid="storage-path" translate="no">${problem?.path ?? ''}</code>` })}</p>
        <p>${t('storage.explain')}</p>
        <div class="form-error" data-testid="storage-error" role="alert" hidden></div>
        <div class="button-row">
          <button type="button" class="button button-danger" data-testid="storage-set-aside">${t('storage.setAside')}</button>
        </div>
        <div data-testid="storage-result" role="status"></div>
      </div>
    </section>`,
  );
  const button = $(host, '[data-testid="storage-set-aside"]');
  const failure = $(host, '[data-testid="storage-error"]');
  button.addEventListener('click', async () => {
    button.disabled = true;
    failure.hidden = true;
    try {
      const { setAside, workspace } = await ipc.setAsideDatabase();
      render(
        $(host, '[data-testid="storage-result"]'),
        html`<p>${tHtml('storage.movedTo', { path: html`<code data-testid="storage-moved-to" translate="no">${setAside.movedTo}</code>` })}</p>
          ${setAside.queuedCopiedTo
            ? html`<p data-testid="storage-copied">${tHtml('storage.copied', { count: setAside.queuedCopied, path: html`<code translate="no">${setAside.queuedCopiedTo}</code>` })}</p>`
            : html`<p data-testid="storage-copied">${t('storage.noneCopied')}</p>`}
          <p><a href="#/new" data-testid="storage-continue">${t('storage.continue')}</a></p>`,
      );
      ctx.setWorkspace(workspace);
      ctx.announce(t('storage.done'));
    } catch (err) {
      failure.textContent = errorText(err);
      failure.hidden = false;
      button.disabled = false;
    }
  });
  return {};
}
