import { appInfo } from './ipc.js';

async function start() {
  const info = await appInfo();
  document.getElementById('app-version').textContent = `v${info.version}`;
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  document.getElementById('app-version').textContent = err.message;
});
