// Asks the backend for the workspace the moment the page starts: index.html
// runs this module on its own, so the answer is on its way while the first
// screen's other modules still load. main.js takes the answer from here.

import { getWorkspace } from './ipc.js';

export const workspaceAtStart = getWorkspace();
// main.js handles a failure; this only keeps it from being reported twice.
workspaceAtStart.catch(() => {});

/** Where the staff language of the last start is remembered (the settings stay the truth). */
export const LAST_LANGUAGE_KEY = 'ping-desk.ui-language';

// A staff window in chiShona or isiNdebele fetches its catalogue alongside
// the workspace, not after it: the language of the last start is the best
// guess (the same module i18n.js imports, so it is fetched once), and
// main.js still follows what the workspace's settings say. Nothing else is
// imported here, so the workspace is asked for at once.
const PREFETCH = { sn: () => import('./locales/sn.js'), nd: () => import('./locales/nd.js') };
try {
  const last = globalThis.localStorage?.getItem(LAST_LANGUAGE_KEY);
  if (last && Object.hasOwn(PREFETCH, last)) PREFETCH[last]().catch(() => {});
} catch {
  // No storage: the catalogue loads after the workspace instead.
}
