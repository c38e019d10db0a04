// The ticket list's filters: what the screen holds, what goes to
// `list_tickets`, and how it is kept in the address (#/tickets?status=open).

export const LIST_FILTERS = ['search', 'status', 'priority', 'category', 'channel', 'country', 'store_region'];
export const PAGE_SIZES = [10, 25, 50, 100];
export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

function positiveInt(value, fallback) {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 ? number : fallback;
}

export const clampPerPage = (value) => Math.min(MAX_PER_PAGE, positiveInt(value, DEFAULT_PER_PAGE));

/** The screen's filter state from any partial input (e.g. the address). */
export function normalizeFilters(input = {}) {
  const filters = Object.fromEntries(
    LIST_FILTERS.map((name) => [name, typeof input[name] === 'string' ? input[name] : '']),
  );
  return { ...filters, page: positiveInt(input.page, 1), per_page: clampPerPage(input.per_page) };
}

/** The `query` argument of list_tickets: empty filters are left out, not sent as "". */
export function buildListQuery(filters) {
  const normalized = normalizeFilters(filters);
  const entries = LIST_FILTERS.map((name) => [name, normalized[name].trim()]).filter(([, value]) => value !== '');
  return Object.fromEntries([...entries, ['page', normalized.page], ['per_page', normalized.per_page]]);
}

/** "status=open&page=2": only what differs from the defaults. */
export function filtersToSearch(filters) {
  const query = buildListQuery(filters);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === 'page' && value === 1) continue;
    if (name === 'per_page' && value === DEFAULT_PER_PAGE) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

export function hasActiveFilters(filters) {
  const normalized = normalizeFilters(filters);
  return LIST_FILTERS.some((name) => normalized[name].trim() !== '');
}
