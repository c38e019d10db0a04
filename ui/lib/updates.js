// What the updates card and the app bar say about a newer version. Pure
// functions of the backend's UpdateStatus, unit-tested under node.

import { formatCalendarDate } from './format.js';
import { formatNumber, t } from './i18n.js';

/** "8.4 MB": a download's size for people, in powers of 1000 as file managers show. */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return t('bytes', { count: Math.round(bytes) });
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : 1;
  return `${formatNumber(value, undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${units[unit]}`;
}

/** "1.2 MB of 8.4 MB (14%)", or "1.2 MB" when the server gave no size. */
export function progressText({ downloaded = 0, total = null } = {}) {
  if (!Number.isFinite(total) || total <= 0) return t('update.downloaded', { size: formatBytes(downloaded) });
  const percent = Math.min(100, Math.floor((downloaded / total) * 100));
  return t('update.progress', { done: formatBytes(downloaded), total: formatBytes(total), percent });
}

/** The sentence for the card's state. */
export function updateHeadline(status) {
  const version = status?.version ?? '';
  const published = status?.date ? formatCalendarDate(String(status.date).slice(0, 10)) : '';
  switch (status?.state) {
    case 'available':
      return published ? t('update.availablePublished', { version, date: published }) : t('update.available', { version });
    case 'downloading':
      return t('update.downloading', { version });
    case 'ready':
      return t('update.ready', { version });
    default:
      return t('update.idle');
  }
}

/** The app bar's line while a newer version waits, or '' when none does. */
export function updateBannerText(status) {
  if (status?.state === 'available') return t('update.banner.available', { version: status.version });
  if (status?.state === 'ready') return t('update.banner.ready', { version: status.version });
  return '';
}
