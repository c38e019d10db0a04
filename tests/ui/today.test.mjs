import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  count,
  storeRegionFrom,
  todayHeading,
  csatDistribution,
  csatSummary,
  formatCsatAverage,
  todayTiles,
  todayTickets,
  csatChartLabel,
  csatChartGeometry,
  mouthPath,
  CHART_LAYOUT,
} from '../../ui/lib/today.js';
import { csatLabel } from '../../ui/lib/format.js';

const summary = (over = {}) => ({
  storeRegion: 'Harare – Sam Levy',
  date: '2026-11-28',
  logged: 9,
  open: 3,
  inProgress: 2,
  resolved: 3,
  closed: 1,
  csat: { count: 12, average: 55 / 12, distribution: [0, 1, 0, 2, 9] },
  tickets: [],
  freshness: { kind: 'live' },
  ...over,
});

test('the store region asked for: the setting, trimmed, or null for all stores', () => {
  assert.equal(storeRegionFrom({ storeRegion: 'Harare – Sam Levy' }), 'Harare – Sam Levy');
  assert.equal(storeRegionFrom({ storeRegion: '  Bulawayo  ' }), 'Bulawayo');
  for (const empty of [{ storeRegion: '' }, { storeRegion: '   ' }, { storeRegion: null }, {}, null, undefined, { storeRegion: 42 }]) {
    assert.equal(storeRegionFrom(empty), null, JSON.stringify(empty));
  }
});

test('the heading names the store, or all stores', () => {
  assert.equal(todayHeading('Harare – Sam Levy'), 'Today at Harare – Sam Levy');
  assert.equal(todayHeading(null), 'Today at all stores');
  assert.equal(todayHeading(''), 'Today at all stores');
  assert.equal(todayHeading(undefined), 'Today at all stores');
});

test('tiles: open counts in progress, resolved counts closed', () => {
  const tiles = todayTiles(summary());
  assert.equal(tiles.logged, 9);
  assert.equal(tiles.open, 5);
  assert.equal(tiles.resolved, 4);
  assert.equal(tiles.csat.text, '4.6 / 5 from 12 answers');
  assert.deepEqual(tiles.csat, { value: '4.6 / 5', note: 'from 12 answers', text: '4.6 / 5 from 12 answers' });
});

test('tiles survive missing or odd numbers from the backend', () => {
  const tiles = todayTiles({ logged: -1, open: '3', inProgress: 2.5, resolved: null, closed: 2 });
  assert.deepEqual({ logged: tiles.logged, open: tiles.open, resolved: tiles.resolved }, { logged: 0, open: 0, resolved: 2 });
  assert.equal(tiles.csat.text, 'No scores yet');
  const nothing = todayTiles(null);
  assert.deepEqual({ logged: nothing.logged, open: nothing.open, resolved: nothing.resolved }, { logged: 0, open: 0, resolved: 0 });
  assert.equal(count(7), 7);
  assert.equal(count(Number.NaN), 0);
});

test('CSAT average: one decimal, answers counted, "No scores yet" without answers', () => {
  assert.equal(formatCsatAverage({ count: 12, average: 4.5833, distribution: [0, 1, 0, 2, 9] }).text, '4.6 / 5 from 12 answers');
  assert.equal(formatCsatAverage({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0] }).text, '4.0 / 5 from 1 answer');
  assert.equal(formatCsatAverage({ count: 2, average: 4.65, distribution: [0, 0, 0, 1, 1] }).value, '4.7 / 5', 'half rounds up');
  assert.equal(formatCsatAverage({ count: 4, average: 4.25, distribution: [0, 0, 0, 3, 1] }).value, '4.3 / 5');
  assert.equal(formatCsatAverage({ count: 3, average: 5, distribution: [0, 0, 0, 0, 3] }).value, '5.0 / 5');
  assert.deepEqual(formatCsatAverage({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] }), { value: 'No scores yet', note: '', text: 'No scores yet' });
  assert.equal(formatCsatAverage({ count: 0, average: 3 }).text, 'No scores yet', 'no answers: no average, whatever was sent');
  assert.equal(formatCsatAverage(undefined).text, 'No scores yet');
});

test('CSAT summary: worked out from the distribution when count or average is missing', () => {
  assert.deepEqual(csatSummary({ distribution: [1, 0, 0, 0, 1] }), { count: 2, average: 3, distribution: [1, 0, 0, 0, 1] });
  assert.equal(csatSummary({ count: 3, average: null, distribution: [0, 0, 1, 1, 1] }).average, 4);
  assert.equal(csatSummary({ count: 5, average: 4.2, distribution: [0, 0, 0, 4, 1] }).average, 4.2, "the backend's average is used as given");
  assert.deepEqual(csatDistribution([1, 2]), [1, 2, 0, 0, 0]);
  assert.deepEqual(csatDistribution([1, 2, 3, 4, 5, 6]), [1, 2, 3, 4, 5]);
  assert.deepEqual(csatDistribution('nope'), [0, 0, 0, 0, 0]);
  assert.deepEqual(csatDistribution([-1, 1.5, '2', null, 4]), [0, 0, 0, 0, 4]);
});

test("today's tickets: an array of objects, whatever came", () => {
  const ticket = { ticketNumber: 'TKT-1', subject: '<img src=x onerror=alert(1)>' };
  assert.deepEqual(todayTickets(summary({ tickets: [ticket, null, 'x'] })), [ticket]);
  assert.deepEqual(todayTickets({}), []);
  assert.deepEqual(todayTickets(null), []);
});

test('the chart is summarised in words for screen readers', () => {
  assert.equal(
    csatChartLabel([0, 1, 0, 2, 9]),
    'Customer satisfaction today, 12 answers. Very unhappy (1): 0, Unhappy (2): 1, Neutral (3): 0, Happy (4): 2, Very happy (5): 9.',
  );
  assert.equal(csatChartLabel([0, 0, 0, 1, 0]), 'Customer satisfaction today, 1 answer. Very unhappy (1): 0, Unhappy (2): 0, Neutral (3): 0, Happy (4): 1, Very happy (5): 0.');
  assert.equal(csatChartLabel([0, 0, 0, 0, 0]), 'Customer satisfaction today: no answers yet.');
});

test('chart geometry: five rows, 1 at the top, widths proportional to the largest count', () => {
  const geometry = csatChartGeometry([0, 1, 0, 2, 9]);
  const track = CHART_LAYOUT.width - CHART_LAYOUT.trackX - CHART_LAYOUT.countGap - CHART_LAYOUT.countWidth;
  assert.equal(geometry.max, 9);
  assert.equal(geometry.total, 12);
  assert.equal(geometry.height, 5 * CHART_LAYOUT.rowHeight);
  assert.deepEqual(geometry.bars.map((b) => b.score), [1, 2, 3, 4, 5]);
  assert.deepEqual(geometry.bars.map((b) => b.label), [1, 2, 3, 4, 5].map((s) => csatLabel(s)));
  assert.deepEqual(geometry.bars.map((b) => b.count), [0, 1, 0, 2, 9]);
  const widths = geometry.bars.map((b) => b.bar.width);
  assert.equal(widths[4], track, 'the busiest score fills the track');
  assert.equal(widths[0], 0);
  assert.equal(widths[2], 0);
  assert.ok(Math.abs(widths[3] - (2 / 9) * track) <= 0.05, String(widths[3]));
  assert.ok(Math.abs(widths[1] - (1 / 9) * track) <= 0.05, String(widths[1]));
  // Rows go down the chart, bars sit inside their row, counts right after the bar.
  geometry.bars.forEach((b, i) => {
    assert.equal(b.textY, i * CHART_LAYOUT.rowHeight + CHART_LAYOUT.rowHeight / 2);
    assert.ok(b.bar.y >= i * CHART_LAYOUT.rowHeight && b.bar.y + b.bar.height <= (i + 1) * CHART_LAYOUT.rowHeight);
    assert.equal(b.countX, CHART_LAYOUT.trackX + b.bar.width + CHART_LAYOUT.countGap);
    assert.ok(b.countX + CHART_LAYOUT.countWidth <= geometry.width, 'the count fits in the chart');
  });
  assert.ok(Math.abs(geometry.bars[4].share - 9 / 12) < 1e-9);
});

test('chart geometry: a small count still shows; no answers, no bars', () => {
  const geometry = csatChartGeometry([1, 0, 0, 0, 1000]);
  assert.equal(geometry.bars[0].bar.width, CHART_LAYOUT.minBar);
  const none = csatChartGeometry([0, 0, 0, 0, 0]);
  assert.equal(none.max, 0);
  assert.deepEqual(none.bars.map((b) => b.bar.width), [0, 0, 0, 0, 0]);
  assert.deepEqual(none.bars.map((b) => b.share), [0, 0, 0, 0, 0]);
  assert.deepEqual(csatChartGeometry(undefined).bars.map((b) => b.count), [0, 0, 0, 0, 0]);
});

test('chart geometry: labels can come from elsewhere; unknown scores still read', () => {
  const geometry = csatChartGeometry([1, 1, 1, 1, 1], { labels: { 1: 'Bad', 5: 'Great' } });
  assert.deepEqual(geometry.bars.map((b) => b.label), ['Bad', 'Score 2', 'Score 3', 'Score 4', 'Great']);
});

test('faces: the mouth frowns at 1, is straight at 3 and smiles at 5', () => {
  const at = { cx: 12, cy: 20, r: 10 };
  const bend = (path) => {
    const [, y0, , qy] = path.split(' ').filter((part) => part !== 'M' && part !== 'Q').map(Number);
    return qy - y0;
  };
  assert.match(mouthPath(at, 3), /^M [\d.]+ [\d.]+ Q [\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
  assert.ok(bend(mouthPath(at, 1)) < bend(mouthPath(at, 2)));
  assert.ok(bend(mouthPath(at, 2)) < 0, 'frown: the curve rises in the middle');
  assert.equal(bend(mouthPath(at, 3)), 0);
  assert.ok(bend(mouthPath(at, 4)) > 0, 'smile: the curve dips in the middle');
  assert.ok(bend(mouthPath(at, 5)) > bend(mouthPath(at, 4)));
  assert.equal(mouthPath(at, 'x'), mouthPath(at, 3), 'anything else: neutral');
});
