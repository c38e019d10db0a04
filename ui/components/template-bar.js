// The template bar above the new-ticket form: one button per template, the
// first nine with their key (Alt+1 … Alt+9), the rest in a menu.

import { html } from '../lib/html.js';
import { templateKey, TEMPLATE_KEYS } from '../lib/templates.js';
import { t } from '../lib/i18n.js';

function templateButton(template, index) {
  const key = templateKey(index);
  return html`<button type="button" class="template-button" data-testid="template-apply" data-template-id="${template.id}"
      aria-keyshortcuts="Alt+${key}"><span class="template-key" translate="no">${key}</span> <span translate="no">${template.name}</span></button>`;
}

/** state: {status: "loading"} | {status: "ready", templates} | {status: "error", error}. */
export function templateBar(state) {
  const templates = state.status === 'ready' ? state.templates : [];
  const more = templates.slice(TEMPLATE_KEYS);
  let body;
  if (state.status === 'loading') body = html`<p class="template-bar-note">${t('templateBar.loading')}</p>`;
  else if (state.status === 'error') body = html`<p class="template-bar-note" data-testid="template-bar-error">${t('templateBar.error')}</p>`;
  else if (!templates.length) body = html`<p class="template-bar-note">${t('templateBar.none')}</p>`;
  else {
    body = html`<div class="template-buttons">${templates.slice(0, TEMPLATE_KEYS).map(templateButton)}</div>
      ${more.length
        ? html`<label class="visually-hidden" for="template-more">${t('templateBar.more')}</label>
          <select id="template-more" class="template-more" data-testid="template-more">
            <option value="">${t('templateBar.moreOption')}</option>
            ${more.map((template) => html`<option value="${template.id}" translate="no">${template.name}</option>`)}
          </select>`
        : ''}`;
  }
  return html`<section class="template-bar" data-testid="template-bar" aria-labelledby="template-bar-title">
    <h2 id="template-bar-title" class="template-bar-title">${t('templateBar.title')}${templates.length ? html` <span class="template-bar-keys" translate="no">Alt+1…${Math.min(templates.length, TEMPLATE_KEYS)}</span>` : ''}</h2>
    ${body}
    <a class="template-manage" href="#/templates" data-testid="template-manage">${t('templateBar.manage')}</a>
  </section>`;
}
