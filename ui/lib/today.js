// "Today at this store": the numbers behind the screen's tiles and its CSAT
// chart, from the backend's `today_at_store` summary. Pure functions (no DOM),
// so they are unit-tested under node; components/csat-chart.js draws them.

import { csatLabel } from './format.js';
import { formatNumber, t } from './i18n.js';

export const SCORES = [1, 2, 3, 4, 5];

/** A count from the backend: a non-negative integer, anything else 0. */
export function count(value) {
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The store region to ask about: the desk's setting, or null (all stores) when empty. */
export function storeRegionFrom(settings) {
  const region = settings?.storeRegion;
  return typeof region === 'string' && region.trim() ? region.trim() : null;
}

/** "Today at Harare – Sam Levy", or "Today at all stores" without a region. */
export function todayHeading(storeRegion) {
  return typeof storeRegion === 'string' && storeRegion.trim() ? t('today.headingAt', { store: storeRegion.trim() }) : t('today.headingAll');
}

/** The five CSAT counts (score 1 first), whatever shape the backend sent. */
export function csatDistribution(distribution) {
  const list = Array.isArray(distribution) ? distribution : [];
  return SCORES.map((_, index) => count(list[index]));
}

/**
 * {count, average} of the day's CSAT answers. The backend's count and average
 * are used as given; when missing they are worked out from the distribution.
 */
export function csatSummary(csat) {
  const distribution = csatDistribution(csat?.distribution);
  const fromBars = distribution.reduce((sum, n) => sum + n, 0);
  const answers = Number.isInteger(csat?.count) && csat.count >= 0 ? csat.count : fromBars;
  let average = typeof csat?.average === 'number' && Number.isFinite(csat.average) ? csat.average : null;
  if (average === null && fromBars > 0) {
    average = distribution.reduce((sum, n, index) => sum + n * SCORES[index], 0) / fromBars;
  }
  if (answers === 0) average = null;
  return { count: answers, average, distribution };
}

/**
 * The CSAT tile: {value: "4.6 / 5", note: "from 12 answers", text: both}, or
 * {value: "No scores yet", note: "", text: "No scores yet"}.
 */
export function formatCsatAverage(csat) {
  const { count: answers, average } = csatSummary(csat);
  if (!answers || average === null) {
    const none = t('today.noScores');
    return { value: none, note: '', text: none };
  }
  // Round half up on the tenths (4.65 → 4.7), clear of binary fractions.
  const rounded = Math.round(Math.min(5, Math.max(1, average)) * 10 + 1e-9) / 10;
  const value = t('today.average', { average: formatNumber(rounded, undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
  const note = t('today.fromAnswers', { count: answers });
  return { value, note, text: `${value} ${note}` };
}

/**
 * The four tiles from a summary: open counts "in progress" too, resolved
 * counts "closed" too, so staff see what is still with them and what is done.
 */
export function todayTiles(summary) {
  return {
    logged: count(summary?.logged),
    open: count(summary?.open) + count(summary?.inProgress),
    resolved: count(summary?.resolved) + count(summary?.closed),
    csat: formatCsatAverage(summary?.csat),
  };
}

/** Today's tickets: an array of ticket objects, whatever the backend sent. */
export function todayTickets(summary) {
  return Array.isArray(summary?.tickets) ? summary.tickets.filter((ticket) => ticket && typeof ticket === 'object') : [];
}

// `labels`: words by score, or null for the catalogue's (in the page's language).
const csatWord = (labels, score) => (labels ? (Object.hasOwn(labels, score) ? labels[score] : t('today.score', { score })) : csatLabel(score));

/** The chart's accessible name: every bar's meaning and count in one sentence. */
export function csatChartLabel(distribution, labels = null) {
  const counts = csatDistribution(distribution);
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (!total) return t('today.chart.none');
  const parts = SCORES.map((score, index) => t('today.chart.part', { word: csatWord(labels, score), score, count: counts[index] }));
  return t('today.chart.label', { count: total, parts: parts.join(', ') });
}

/** Layout of the chart in SVG user units (the SVG scales to its box). */
export const CHART_LAYOUT = Object.freeze({
  width: 560,
  rowHeight: 40,
  barHeight: 20,
  faceRadius: 11,
  labelX: 34,
  trackX: 150,
  countGap: 10,
  countWidth: 44,
  minBar: 3,
});

/**
 * Geometry of the CSAT chart: one row per score (1 at the top), each bar's
 * width proportional to the largest count, so the busiest score fills the
 * track. A count above zero always shows at least a sliver (minBar).
 */
export function csatChartGeometry(distribution, { labels = null, layout = CHART_LAYOUT } = {}) {
  const counts = csatDistribution(distribution);
  const max = Math.max(0, ...counts);
  const total = counts.reduce((sum, n) => sum + n, 0);
  // Words are longer in some languages ("Handina kufara zvachose"): the
  // track starts after the longest, at about 7 units a letter.
  const longest = Math.max(...SCORES.map((score) => [...csatWord(labels, score)].length));
  const trackX = Math.max(layout.trackX, Math.ceil(layout.labelX + longest * 7 + 8));
  layout = { ...layout, trackX };
  const track = layout.width - layout.trackX - layout.countGap - layout.countWidth;
  const bars = SCORES.map((score, index) => {
    const n = counts[index];
    const top = index * layout.rowHeight;
    const middle = top + layout.rowHeight / 2;
    const proportional = max ? (n / max) * track : 0;
    const width = n ? Math.max(layout.minBar, round1(proportional)) : 0;
    return {
      score,
      label: csatWord(labels, score),
      count: n,
      share: total ? n / total : 0,
      face: { cx: layout.faceRadius + 1, cy: middle, r: layout.faceRadius },
      labelX: layout.labelX,
      textY: middle,
      track: { x: layout.trackX, y: middle - layout.barHeight / 2, width: track, height: layout.barHeight },
      bar: { x: layout.trackX, y: middle - layout.barHeight / 2, width, height: layout.barHeight },
      countX: layout.trackX + width + layout.countGap,
    };
  });
  return { width: layout.width, height: SCORES.length * layout.rowHeight, max, total, bars };
}

/**
 * A face for a score as SVG path data for its mouth: a frown for 1, a flat
 * line for 3, a broad smile for 5 (a quadratic curve around the centre).
 */
export function mouthPath({ cx, cy, r }, score) {
  const s = Math.min(5, Math.max(1, Number(score) || 3));
  const half = r * 0.45;
  const y = cy + r * (s < 3 ? 0.5 : 0.28);
  const bend = (s - 3) * r * 0.32;
  return `M ${round1(cx - half)} ${round1(y)} Q ${round1(cx)} ${round1(y + bend)} ${round1(cx + half)} ${round1(y)}`;
}

function round1(value) {
  return Math.round(value * 10) / 10;
}
