// This desk's data file could not be opened (damaged, from a newer Ping
// Desk, a full disk, no access). Says so, and offers the one safe way on:
// keep the file aside (renamed, never deleted), with the writes still
// queued in it copied out beside it, and start afresh.

import { html, render } from '../lib/html.js';
import { $ } from '../lib/dom.js';
import { errorText } from '../lib/errors.js';
import * as ipc from '../ipc.js';

export async function mount(host, ctx) {
  const problem = ctx.app.workspace?.storage;
  render(
    host,
    html`<section class="screen screen-storage" aria-labelledby="storage-title" data-testid="storage-problem" data-code="${problem?.code ?? ''}">
      <div class="screen-head">
        <h1 id="storage-title" tabindex="-1">Ping Desk cannot open this desk's data</h1>
      </div>
      <div class="card">
        <p data-testid="storage-message">${problem?.message ?? ''}</p>
        <p class="hint">The file: <code data-testid="storage-path">${problem?.path ?? ''}</code></p>
        <p>Ping Desk can keep this file aside, under a new name in the same folder, and start with an empty one. Nothing is deleted: writes that were still waiting to reach Ping are first copied out to a file beside it, for support to recover.</p>
        <div class="form-error" data-testid="storage-error" role="alert" hidden></div>
        <div class="button-row">
          <button type="button" class="button button-danger" data-testid="storage-set-aside">Keep the file aside and start afresh</button>
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
        html`<p>The old file is kept as <code data-testid="storage-moved-to">${setAside.movedTo}</code>.</p>
          ${setAside.queuedCopiedTo
            ? html`<p data-testid="storage-copied">${setAside.queuedCopied} waiting ${setAside.queuedCopied === 1 ? 'write was' : 'writes were'} copied out to <code>${setAside.queuedCopiedTo}</code>.</p>`
            : html`<p data-testid="storage-copied">No waiting writes could be read from it.</p>`}
          <p><a href="#/new" data-testid="storage-continue">Continue to Ping Desk</a></p>`,
      );
      ctx.setWorkspace(workspace);
      ctx.announce('The old data file was kept aside; Ping Desk started afresh.');
    } catch (err) {
      failure.textContent = errorText(err);
      failure.hidden = false;
      button.disabled = false;
    }
  });
  return {};
}
