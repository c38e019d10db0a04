// Signals "interactive" exactly as Ping Desk does, so the two compare: the
// page's own time since navigation goes with it.
window.__TAURI__.core.invoke('ui_ready', { pageMs: performance.now() });
document.body.dataset.ready = 'true';
