// Signals "interactive" exactly as Ping Desk does, so the two compare.
window.__TAURI__.core.invoke('ui_ready');
document.body.dataset.ready = 'true';
