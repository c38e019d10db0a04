// Starts the INSTALLED Ping Desk (the binary the .deb put in /usr/bin)
// through tauri-driver and WebKitWebDriver, waits for its first screen (the
// welcome screen's connect form and demo button), then opens the demo
// workspace so the app writes real data to its data folder. Run by
// tests/packaging/linux.sh under Xvfb and a private Secret Service.
// Prints one JSON line: the data folder used and the window's WM_CLASS.

import { App } from '../e2e/support.mjs';

const binary = process.argv[2] ?? '/usr/bin/ping-desk';
const app = new App({ binary, withSandbox: false });
try {
  await app.start();
  await app.find('connect-api-key');
  await app.find('start-demo');
  await app.screenshot('installed-first-screen');
  // What the desktop entry's StartupWMClass must match for the launcher
  // and the window to be one app in docks and task switchers.
  const wmClass = app.xProperty('main', 'WM_CLASS');
  await app.click('start-demo');
  await app.find('new-ticket-form');
  const demo = await app.find('demo-badge');
  if (!(await demo.isDisplayed())) throw new Error('the demo workspace did not open');
  console.log(JSON.stringify({ dataDir: app.dataDir, wmClass: wmClass.trim() }));
} finally {
  await app.stop();
}
