import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildListQuery, normalizeFilters, filtersToSearch, hasActiveFilters, clampPerPage, DEFAULT_PER_PAGE } from '../../ui/lib/query.js';

test('empty filters are omitted, not sent as ""', () => {
  const query = buildListQuery({ status: 'open', priority: '', category: '  ', channel: undefined, search: ' starlink ', page: 2, per_page: 50 });
  assert.deepEqual(query, { search: 'starlink', status: 'open', page: 2, per_page: 50 });
});

test('every filter Ping offers is passed with its snake_case name', () => {
  const query = buildListQuery({ status: 'resolved', priority: 'high', category: 'billing', channel: 'in_store', country: 'Zimbabwe', store_region: 'Harare', search: 'moyo' });
  assert.deepEqual(Object.keys(query).sort(), ['category', 'channel', 'country', 'page', 'per_page', 'priority', 'search', 'status', 'store_region']);
  assert.equal(query.store_region, 'Harare');
});

test('page and per_page are whole numbers within Ping limits', () => {
  assert.deepEqual(buildListQuery({}), { page: 1, per_page: DEFAULT_PER_PAGE });
  assert.equal(buildListQuery({ page: '3' }).page, 3);
  assert.equal(buildListQuery({ page: 0 }).page, 1);
  assert.equal(buildListQuery({ page: 'x' }).page, 1);
  assert.equal(clampPerPage(500), 100);
  assert.equal(clampPerPage(0), DEFAULT_PER_PAGE);
  assert.equal(clampPerPage('10'), 10);
  assert.equal(buildListQuery({ per_page: 1000 }).per_page, 100);
});

test('filters round-trip through the address, defaults left out', () => {
  const filters = normalizeFilters({ status: 'open', page: 2, search: 'a&b' });
  const search = filtersToSearch(filters);
  assert.equal(search, 'search=a%26b&status=open&page=2');
  const back = normalizeFilters(Object.fromEntries(new URLSearchParams(search)));
  assert.deepEqual(buildListQuery(back), buildListQuery(filters));
  assert.equal(filtersToSearch(normalizeFilters({})), '');
});

test('non-string filter values from the address are ignored', () => {
  assert.equal(normalizeFilters({ status: ['open'] }).status, '');
  assert.equal(hasActiveFilters({ status: '' }), false);
  assert.equal(hasActiveFilters({ country: 'Zimbabwe' }), true);
});
