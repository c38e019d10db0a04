// The template bar above the new-ticket form: one button per template, the
// first nine with their key (Alt+1 … Alt+9), the rest in a menu.

import { html } from '../lib/html.js';
import { templateKey, TEMPLATE_KEYS } from '../lib/templates.js';

function templateButton(template, index) {
  const key = templateKey(index);
  return html`<button type="button" class="template-button" data-testid="template-apply" data-template-id="${template.id}"
      aria-keyshortcuts="Alt+${key}"><span class="template-key">${key}</span> ${template.name}</button>`;
}

/** state: {status: "loading"} | {status: "ready", templates} | {status: "error", error}. */
export function templateBar(state) {
  const templates = state.status === 'ready' ? state.templates : [];
  const more = templates.slice(TEMPLATE_KEYS);
  let body;
  if (state.status === 'loading') body = html`<p class="template-bar-note">Loading templates…</p>`;
  else if (state.status === 'error') body = html`<p class="template-bar-note" data-testid="template-bar-error">Templates could not be loaded.</p>`;
  else if (!templates.length) body = html`<p class="template-bar-note">No templates yet. Add the problems you log most under Manage.</p>`;
  else {
    body = html`<div class="template-buttons">${templates.slice(0, TEMPLATE_KEYS).map(templateButton)}</div>
      ${more.length
        ? html`<label class="visually-hidden" for="template-more">More templates</label>
          <select id="template-more" class="template-more" data-testid="template-more">
            <option value="">More templates…</option>
            ${more.map((template) => html`<option value="${template.id}">${template.name}</option>`)}
          </select>`
        : ''}`;
  }
  return html`<section class="template-bar" data-testid="template-bar" aria-labelledby="template-bar-title">
    <h2 id="template-bar-title" class="template-bar-title">Templates${templates.length ? html` <span class="template-bar-keys">Alt+1…${Math.min(templates.length, TEMPLATE_KEYS)}</span>` : ''}</h2>
    ${body}
    <a class="template-manage" href="#/templates" data-testid="template-manage">Manage</a>
  </section>`;
}
