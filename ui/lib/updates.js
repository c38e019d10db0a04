// What the updates card and the app bar say about a newer version. Pure
// functions of the backend's UpdateStatus, unit-tested under node.

import { formatCalendarDate } from './format.js';

/** "8.4 MB": a download's size for people, in powers of 1000 as file managers show. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return `${Math.round(bytes)} bytes`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** "1.2 MB of 8.4 MB (14%)", or "1.2 MB" when the server gave no size. */
export function progressText({ downloaded = 0, total = null } = {}) {
  if (!Number.isFinite(total) || total <= 0) return `${formatBytes(downloaded)} downloaded`;
  const percent = Math.min(100, Math.floor((downloaded / total) * 100));
  return `${formatBytes(downloaded)} of ${formatBytes(total)} (${percent}%)`;
}

/** The sentence for the card's state. */
export function updateHeadline(status) {
  const version = status?.version ?? '';
  const published = status?.date ? formatCalendarDate(String(status.date).slice(0, 10)) : '';
  switch (status?.state) {
    case 'available':
      return `Ping Desk ${version} is available${published ? ` (published ${published})` : ''}.`;
    case 'downloading':
      return `Downloading Ping Desk ${version}…`;
    case 'ready':
      return `Ping Desk ${version} is downloaded and its signature checked. Restart to use it, or it installs when Ping Desk quits.`;
    default:
      return 'Ping Desk looks for a newer version each time it starts.';
  }
}

/** The app bar's line while a newer version waits, or '' when none does. */
export function updateBannerText(status) {
  if (status?.state === 'available') return `Ping Desk ${status.version} is available.`;
  if (status?.state === 'ready') return `Ping Desk ${status.version} is ready to install.`;
  return '';
}
