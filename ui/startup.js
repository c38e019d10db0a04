// Asks the backend for the workspace the moment the page starts: index.html
// runs this module on its own, so the answer is on its way while the first
// screen's other modules still load. main.js takes the answer from here.

import { getWorkspace } from './ipc.js';

export const workspaceAtStart = getWorkspace();
// main.js handles a failure; this only keeps it from being reported twice.
workspaceAtStart.catch(() => {});
