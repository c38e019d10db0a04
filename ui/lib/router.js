// A hash router: #/new, #/tickets, #/tickets/TKT-2026-00042, #/today, #/outbox,
// #/outbox/<opId> (edit & resend), #/templates, #/settings, #/about, #/welcome.

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** "#/tickets/TKT-1?x=1" → {name: "ticket", params: {ticket: "TKT-1"}, query: {x: "1"}}. */
export function parseRoute(hash) {
  const raw = String(hash ?? '').replace(/^#/, '');
  const [path, search = ''] = raw.split('?', 2);
  const query = Object.fromEntries(new URLSearchParams(search));
  const segments = path.split('/').filter(Boolean).map(decodeSegment);
  if (segments.includes(null)) return { name: 'notFound', params: {}, query };
  const [first, second, ...rest] = segments;
  const route = (name, params = {}) => ({ name, params, query });
  if (rest.length) return route('notFound');
  switch (first) {
    case undefined:
      return route('home');
    case 'new':
    case 'today':
    case 'templates':
    case 'settings':
    case 'about':
    case 'welcome':
      return second === undefined ? route(first) : route('notFound');
    case 'tickets':
      return second === undefined ? route('tickets') : route('ticket', { ticket: second });
    case 'outbox':
      return second === undefined ? route('outbox') : route('resend', { opId: second });
    default:
      return route('notFound');
  }
}

/** The address of a route, with its parts encoded. */
export function routeHref(name, params = {}, search = '') {
  const suffix = search ? `?${search}` : '';
  switch (name) {
    case 'ticket':
      return `#/tickets/${encodeURIComponent(params.ticket)}${suffix}`;
    case 'resend':
      return `#/outbox/${encodeURIComponent(params.opId)}${suffix}`;
    case 'home':
      return '#/';
    default:
      return `#/${name}${suffix}`;
  }
}

export const ticketHref = (ticket) => routeHref('ticket', { ticket });
