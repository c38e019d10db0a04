// Every call from the web view to the Rust side passes through here, so the
// error shape ({code, message}) is handled in one place.

const tauri = window.__TAURI__;

export class CommandError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}

export async function invoke(command, args = {}) {
  if (!tauri) throw new CommandError('NO_BACKEND', 'Ping Desk must run inside its desktop app.');
  try {
    return await tauri.core.invoke(command, args);
  } catch (raw) {
    if (raw && typeof raw === 'object' && 'code' in raw) throw new CommandError(raw.code, raw.message);
    throw new CommandError('INTERNAL', String(raw));
  }
}

export const appInfo = () => invoke('app_info');
