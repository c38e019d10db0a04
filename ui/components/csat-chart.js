// The day's CSAT answers as five horizontal bars (1 Very unhappy at the top,
// 5 Very happy at the bottom), drawn as inline SVG with DOM APIs: no markup
// is parsed, every label and count is set as text. Screen readers get the
// SVG's summary (role="img", aria-label) and a visually hidden table with
// the same numbers. The geometry comes from lib/today.js.

import { csatLabel } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { svgElement as svg } from '../lib/dom.js';
import { csatChartGeometry, csatChartLabel, csatDistribution, mouthPath, SCORES } from '../lib/today.js';

/** A small face drawn for a score: frown at 1, straight at 3, smile at 5. */
function face(bar) {
  const { cx, cy, r } = bar.face;
  const group = svg('g', { class: 'csat-face' });
  group.append(
    svg('circle', { class: 'csat-face-outline', cx, cy, r: r - 1 }),
    svg('circle', { class: 'csat-face-eye', cx: cx - r * 0.35, cy: cy - r * 0.25, r: 1.4 }),
    svg('circle', { class: 'csat-face-eye', cx: cx + r * 0.35, cy: cy - r * 0.25, r: 1.4 }),
    svg('path', { class: 'csat-face-mouth', d: mouthPath(bar.face, bar.score) }),
  );
  return group;
}

/** The SVG chart itself. */
export function csatChartSvg(distribution, { labels = null } = {}) {
  const geometry = csatChartGeometry(distribution, { labels });
  const root = svg('svg', {
    class: 'csat-chart',
    viewBox: `0 0 ${geometry.width} ${geometry.height}`,
    role: 'img',
    'aria-label': csatChartLabel(distribution, labels),
    'data-testid': 'today-csat-chart',
    'data-total': geometry.total,
  });
  for (const bar of geometry.bars) {
    const row = svg('g', {
      class: `csat-row csat-score-${bar.score}`,
      'data-testid': 'today-csat-bar',
      'data-score': bar.score,
      'data-count': bar.count,
    });
    row.append(
      face(bar),
      svg('text', { class: 'csat-bar-label', x: bar.labelX, y: bar.textY, 'dominant-baseline': 'central' }, bar.label),
      svg('rect', { class: 'csat-track', x: bar.track.x, y: bar.track.y, width: bar.track.width, height: bar.track.height, rx: 4 }),
      svg('rect', { class: 'csat-bar', x: bar.bar.x, y: bar.bar.y, width: bar.bar.width, height: bar.bar.height, rx: 4 }),
      svg('text', { class: `csat-count${bar.count ? '' : ' csat-count-zero'}`, x: bar.countX, y: bar.textY, 'dominant-baseline': 'central', 'data-testid': 'today-csat-count' }, bar.count),
    );
    root.append(row);
  }
  return root;
}

/** The same numbers as a table, for screen readers (visually hidden). */
export function csatTable(distribution, { labels = null } = {}) {
  const counts = csatDistribution(distribution);
  const table = document.createElement('table');
  table.className = 'visually-hidden';
  table.dataset.testid = 'today-csat-table';
  const caption = document.createElement('caption');
  caption.textContent = t('today.table.caption');
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const title of [t('today.table.score'), t('today.table.meaning'), t('today.table.answers')]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = title;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  SCORES.forEach((score, index) => {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = String(score);
    const meaning = document.createElement('td');
    meaning.textContent = labels ? (Object.hasOwn(labels, score) ? labels[score] : '') : csatLabel(score);
    const answers = document.createElement('td');
    answers.textContent = String(counts[index]);
    row.append(th, meaning, answers);
    body.append(row);
  });
  table.append(caption, head, body);
  return table;
}

/** Chart plus table, ready to put into the screen. */
export function csatChart(distribution, options = {}) {
  const fragment = document.createDocumentFragment();
  fragment.append(csatChartSvg(distribution, options), csatTable(distribution, options));
  return fragment;
}
