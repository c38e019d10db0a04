// A fake backend for looking at the UI in a plain browser (development only).
// Query: ?mode=none|demo|ping &offline=1 &keychain=0 &paused=1 &empty=1 &templates=0|many
//        &store=none (no store region set) &todayError=CODE (today_at_store fails)
(() => {
  const params = new URLSearchParams(location.search);
  const offline = params.get('offline') === '1';
  let mode = params.get('mode') || 'demo';
  const now = Date.now();
  const iso = (msAgo) => new Date(now - msAgo).toISOString().slice(0, 19);
  const H = 3600_000;
  const XSS = '<img src=x onerror=alert(1)>';

  const settings = { baseUrl: 'https://api.ping.co.zw', country: 'Zimbabwe', storeRegion: params.get('store') === 'none' ? '' : 'Harare – Sam Levy', channel: 'in_store', category: 'technical', staffName: 'Rudo' };
  const workspace = () => ({
    mode,
    baseUrl: mode === 'none' ? null : settings.baseUrl,
    keychain: params.get('keychain') === '0' ? { available: false, message: 'Secret Service is not running. Install and unlock gnome-keyring, then restart Ping Desk.' } : { available: true, message: null },
    settings,
    counterPinSet: pinSet,
  });

  const tickets = [
    { ticketNumber: 'TKT-2026-00056', subject: 'Starlink dish not connecting after move', status: 'open', priority: 'high', category: 'technical', dateCreated: iso(0.2 * H), customerFirstName: 'Tendai', customerLastName: 'Moyo' },
    { ticketNumber: 'TKT-2026-00055', subject: `Invoice shows wrong amount ${XSS}`, status: 'in_progress', priority: 'medium', category: 'billing', dateCreated: iso(2 * H), customerFirstName: '<b>Nyasha</b>', customerLastName: 'Chikwanha' },
    { ticketNumber: 'TKT-2026-00054', subject: 'Phone screen cracked under warranty', status: 'resolved', priority: 'low', category: 'warranty', dateCreated: iso(26 * H), customerFirstName: 'Sipho', customerLastName: 'Ndlovu' },
    { ticketNumber: 'TKT-2026-00053', subject: 'Router lights off, no internet at home', status: 'open', priority: 'critical', category: 'technical', dateCreated: iso(30 * H) },
    { ticketNumber: 'TKT-2026-00052', subject: 'Wants refund for unused airtime bundle', status: 'closed', priority: 'medium', category: 'billing', dateCreated: iso(3 * 24 * H), customerFirstName: 'Farai' },
    { ticketNumber: 'TKT-2026-00051', subject: 'SIM swap request', status: 'on_hold', priority: 'low', category: 'general', dateCreated: iso(6 * 24 * H), customerLastName: 'Dube' },
  ];
  const full = {
    ...tickets[1],
    publicId: 'TKT-A1B2C3D4',
    description: `Customer was billed twice for the March subscription.\nPaid at the Sam Levy store on 2 March; receipt photo on file.\n${XSS}`,
    channel: 'in_store',
    country: 'Zimbabwe',
    storeRegion: 'Harare – Sam Levy',
    customerPhone: '+263775550142',
    customerEmail: 'nyasha@example.co.zw',
    preferredLanguage: 'Shona',
    customFields: { account_email: 'nyasha.c@example.co.zw', receipt_no: 'R-88213', ping_desk_client_id: 'op-should-not-show', nested: { plan: 'Standard' } },
    resolutionNotes: null,
    actionTaken: 'Checked the billing history with the customer.',
    csatScore: null,
    tags: 'billing,double-charge',
    dateUpdated: iso(1 * H),
  };
  const comments = [
    { publicId: 'c1', authorType: 'admin', content: 'Checked the account: two charges on 2 March.', isInternal: true, dateCreated: iso(1.8 * H) },
    { publicId: 'c2', authorType: 'customer', content: `I only signed up once! ${XSS}`, isInternal: false, dateCreated: iso(1.5 * H) },
    { publicId: 'c3', authorType: 'admin', content: 'We have asked billing to reverse the second charge. You will get an SMS when it is done.', isInternal: false, dateCreated: iso(1.2 * H) },
  ];
  const localTicket = { ticketNumber: 'LOCAL-Q8ZP4M', subject: 'Laptop charger sparks when plugged in', description: 'Customer brought the charger in.', status: 'open', priority: 'high', category: 'technical', customerFirstName: 'Chipo', customerLastName: 'Marufu', channel: 'in_store' };
  const op = (over) => ({ seq: 1, id: 'op', kind: 'create_ticket', ticketKey: 'LOCAL-Q8ZP4M', state: 'queued', attempts: 0, notBefore: 0, firstSentAt: null, lastError: null, result: null, ticketNumber: null, createdAt: now - 20 * 60_000, updatedAt: now, ...over });
  let operations = [
    op({ seq: 3, id: 'op-create-1', kind: 'create_ticket', ticketKey: 'LOCAL-Q8ZP4M', state: 'failed', attempts: 1, lastError: { code: 'INVALID_PHONE_FORMAT', message: 'customer_phone must be in E.164 format, e.g. +263771234567' },
      payload: { kind: 'create_ticket', body: { subject: 'Laptop charger sparks when plugged in', description: 'Customer brought the charger in.', priority: 'high', channel: 'in_store', customer_first_name: 'Chipo', customer_last_name: 'Marufu', customer_phone: '0772 555 0199', external_ticket_id: 'op-create-1', custom_fields: { ping_desk_client_id: 'op-create-1', serial: 'CH-2231' } } } }),
    op({ seq: 4, id: 'op-comment-1', kind: 'add_comment', ticketKey: 'LOCAL-Q8ZP4M', state: 'queued', payload: { kind: 'add_comment', body: { content: 'Told the customer not to use it.', is_internal: true } } }),
    op({ seq: 5, id: 'op-update-1', kind: 'update_ticket', ticketKey: 'TKT-2026-00055', ticketNumber: 'TKT-2026-00055', state: 'in_doubt', attempts: 2, lastError: { code: 'OFFLINE', message: 'no answer from Ping' },
      payload: { kind: 'update_ticket', body: { status: 'in_progress', csat_score: 4, custom_fields: { old_ref: null } } } }),
    op({ seq: 6, id: 'op-update-2', kind: 'update_ticket', ticketKey: 'TKT-2026-00053', ticketNumber: 'TKT-2026-00053', state: 'queued', attempts: 3, notBefore: now + 40_000, lastError: { code: 'SERVER_ERROR', message: 'Ping answered 500' },
      payload: { kind: 'update_ticket', body: { priority: 'critical', tags: 'outage' } } }),
  ];
  const cached = offline ? { kind: 'cached', fetchedAt: now - 12 * 60_000 } : { kind: 'live' };

  // Templates: the starting set a new desk has (migration 0002 in desk-core).
  let templates = [
    { id: 'tpl-1', name: 'Starlink connectivity', category: 'technical', priority: 'high', subject: 'Starlink: ',
      description: 'What the customer sees:\nSince when:\nDish location / obstructions:\nSteps already tried:',
      customFields: { starlink_account_email: '', customer_type: 'SPT Retail' } },
    { id: 'tpl-2', name: 'Router or modem fault', category: 'technical', priority: 'medium', subject: 'Router: ',
      description: 'Device model:\nLights on the device:\nSince when:\nRestarted / reset tried:', customFields: {} },
    { id: 'tpl-3', name: 'Billing or airtime dispute', category: 'billing', priority: 'medium', subject: 'Billing: ',
      description: 'Amount and date of the charge:\nWhat the customer expected:\nReceipt / reference:', customFields: {} },
    { id: 'tpl-4', name: 'Phone screen repair', category: 'hardware', priority: 'low', subject: 'Screen repair: ',
      description: 'Phone make and model:\nDamage:\nWarranty (yes/no):\nQuote given:', customFields: {} },
    { id: 'tpl-5', name: 'SIM swap', category: 'account', priority: 'high', subject: 'SIM swap for ',
      description: 'Reason (lost / stolen / damaged):\nID document checked:\nOld SIM number (if known):', customFields: {} },
  ];
  if (params.get('templates') === '0') templates = [];
  if (params.get('templates') === 'many') {
    for (let n = 6; n <= 12; n += 1) templates.push({ id: `tpl-m${n}`, name: `Extra template ${n}`, category: null, priority: null, subject: `Extra ${n}: `, description: '', customFields: {} });
  }
  let nextTemplate = 6;
  const invalid = (message) => ({ code: 'VALIDATION', message });
  const checkTemplate = (t) => {
    const name = String(t.name ?? '').trim();
    if (!name) throw invalid('a template needs a name');
    if (t.priority && !['low', 'medium', 'high', 'critical'].includes(t.priority)) throw invalid(`${t.priority} is not a priority Ping knows (low, medium, high, critical)`);
    if (Object.hasOwn(t.customFields ?? {}, 'ping_desk_client_id')) throw invalid("ping_desk_client_id is kept for Ping Desk's own use");
  };
  const saveTemplate = (t) => {
    checkTemplate(t);
    const saved = { ...t, name: t.name.trim() };
    if (templates.some((o) => o.id !== saved.id && o.name.toLowerCase() === saved.name.toLowerCase())) throw invalid(`there is already a template called ${saved.name}`);
    if (!saved.id) {
      saved.id = `tpl-${nextTemplate++}`;
      templates.push(saved);
    } else {
      templates = templates.map((o) => (o.id === saved.id ? saved : o));
    }
    return saved;
  };
  const importTemplates = (json) => {
    let set;
    try {
      set = JSON.parse(json);
    } catch (err) {
      throw invalid(`this is not a Ping Desk templates file (${err.message})`);
    }
    if (set?.format !== 'ping-desk-templates' || !Array.isArray(set.templates)) throw invalid('this is not a Ping Desk templates file');
    if (set.version > 1) throw invalid(`this templates file is from a newer Ping Desk (version ${set.version}); update this desk first`);
    set.templates.forEach((t, i) => {
      try {
        checkTemplate(t);
      } catch (err) {
        throw invalid(`template ${i + 1} (${t.name}): ${err.message}`);
      }
    });
    const report = { added: 0, updated: 0 };
    for (const t of set.templates) {
      const current = templates.find((o) => o.name.toLowerCase() === String(t.name).trim().toLowerCase());
      saveTemplate({ category: null, priority: null, subject: '', description: '', customFields: {}, ...t, id: current?.id ?? '' });
      report[current ? 'updated' : 'added'] += 1;
    }
    return report;
  };

  // A returning customer: +263771112233 (or tendai.moyo@example.co.zw).
  const returning = {
    tickets: [
      { ticketNumber: 'TKT-2026-00049', subject: `Starlink dish offline after the storm ${XSS}`, status: 'resolved', priority: 'high', category: 'technical', dateCreated: iso(9 * 24 * H), customerFirstName: 'Tendai', customerLastName: 'Moyo', customerPhone: '+263771112233' },
      { ticketNumber: 'TKT-2026-00031', subject: 'Router lights blinking red', status: 'closed', priority: 'medium', category: 'technical', dateCreated: iso(41 * 24 * H), customerFirstName: 'Tendai', customerLastName: 'Moyo', customerPhone: '+263771112233' },
    ],
    firstName: 'Tendai',
    lastName: 'Moyo',
  };
  // Answers slowly (for the stale-answer check): a different customer.
  const slowPhone = '+263779999999';
  const slow = { tickets: [{ ticketNumber: 'TKT-2026-00012', subject: 'Slow answer: must never show', status: 'open', dateCreated: iso(90 * 24 * H) }], firstName: 'Stale', lastName: 'Answer' };
  const customerHistory = ({ phone, email }) => {
    if (!phone && !email) throw invalid('a phone number or an email is needed');
    if (phone && !/^\+[1-9]\d{6,14}$/.test(phone)) throw invalid('the phone must be in international format, e.g. +263771234567');
    if (phone === '+263770000000') throw { code: 'SERVER_ERROR', message: 'Ping answered 500' };
    const found = phone === slowPhone ? slow : phone === '+263771112233' || String(email).toLowerCase() === 'tendai.moyo@example.co.zw' ? returning : { tickets: [], firstName: null, lastName: null };
    return { ...found, freshness: offline ? { kind: 'cached', fetchedAt: null } : { kind: 'live' } };
  };
  // Today at this store: nine tickets since midnight (spread between midnight
  // and now), twelve CSAT answers averaging 4.6, one subject with markup.
  const todayAtStore = ({ storeRegion }) => {
    if (params.get('todayError')) throw { code: params.get('todayError'), message: 'fake failure for the harness' };
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    const pad = (n) => String(n).padStart(2, '0');
    const date = `${midnight.getFullYear()}-${pad(midnight.getMonth() + 1)}-${pad(midnight.getDate())}`;
    const step = Math.max(60_000, Math.min(50 * 60_000, (now - midnight.getTime()) / 10));
    const at = (n) => iso(n * step + 4 * 60_000);
    const day = [
      { ticketNumber: 'TKT-2026-00066', subject: 'Starlink kit: dish stuck on "searching"', status: 'open', priority: 'high', customerFirstName: 'Tendai', customerLastName: 'Moyo' },
      { ticketNumber: 'TKT-2026-00065', subject: `Airtime not credited after payment ${XSS}`, status: 'in_progress', priority: 'medium', customerFirstName: '<b>Nyasha</b>', customerLastName: 'Chikwanha' },
      { ticketNumber: 'TKT-2026-00064', subject: 'Phone screen replacement quote', status: 'resolved', priority: 'low', customerFirstName: 'Sipho' },
      { ticketNumber: 'TKT-2026-00063', subject: 'Router keeps rebooting every ten minutes since the power cut on Tuesday evening, customer already reset it twice', status: 'open', priority: 'medium', customerFirstName: 'Rumbidzai', customerLastName: 'Mutasa' },
      { ticketNumber: 'TKT-2026-00062', subject: 'SIM swap: lost phone', status: 'closed', priority: 'high', customerLastName: 'Dube' },
      { ticketNumber: 'TKT-2026-00061', subject: 'Fibre installation date', status: 'in_progress', priority: 'low', customerFirstName: 'Farai', customerLastName: 'Gumbo' },
      { ticketNumber: 'TKT-2026-00060', subject: 'Double charge on the monthly bundle', status: 'resolved', priority: 'medium', customerFirstName: 'Chipo' },
      { ticketNumber: 'TKT-2026-00059', subject: 'Laptop charger sparks when plugged in', status: 'open', priority: 'critical', customerFirstName: 'Tatenda', customerLastName: 'Banda' },
      { ticketNumber: 'TKT-2026-00058', subject: 'Wants a new PUK code', status: 'resolved', priority: 'low' },
    ].map((t, n) => ({ category: null, storeRegion: storeRegion ?? 'Harare – Sam Levy', ...t, dateCreated: at(n) }));
    const tickets = params.get('empty') === '1' ? [] : day;
    const by = (status) => tickets.filter((t) => t.status === status).length;
    const distribution = params.get('empty') === '1' ? [0, 0, 0, 0, 0] : [0, 1, 0, 2, 9];
    const answers = distribution.reduce((a, b) => a + b, 0);
    return {
      storeRegion: storeRegion ?? null,
      date,
      logged: tickets.length,
      open: by('open'),
      inProgress: by('in_progress'),
      resolved: by('resolved'),
      closed: by('closed'),
      csat: { count: answers, average: answers ? distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / answers : null, distribution },
      tickets,
      freshness: cached,
    };
  };
  let pinSet = false;
  const DELAYS = { customer_history: ({ phone }) => (phone === slowPhone ? 600 : 60) };
  const listeners = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective}: ${event.sourceFile}:${event.lineNumber}`));
  window.__fakeCalls = [];
  window.__fakeEmit = (payload) => listeners.forEach((handler) => handler({ payload }));

  const handlers = {
    app_info: () => ({ name: 'Ping Desk', version: '0.1.0' }),
    workspace,
    start_demo: () => ((mode = 'demo'), workspace()),
    connect: ({ apiKey }) => {
      if (!apiKey.endsWith('0'.repeat(4))) throw { code: 'AUTH_REJECTED', message: 'Ping answered 401' };
      mode = 'ping';
      return workspace();
    },
    sign_out: () => ((mode = 'none'), workspace()),
    test_connection: () => ({ ok: true }),
    save_settings: ({ settings: next }) => (Object.assign(settings, next), workspace()),
    create_ticket: () => ({ opId: 'op-new-1', localRef: 'LOCAL-7F3K2Q' }),
    list_tickets: ({ query }) => {
      if (params.get('empty') === '1') return { tickets: [], pagination: { page: 1, perPage: query.per_page, total: 0, totalPages: 0 }, freshness: cached };
      const found = tickets.filter((t) => (!query.status || t.status === query.status) && (!query.priority || t.priority === query.priority));
      return { tickets: found, pagination: { page: query.page, perPage: query.per_page, total: 132, totalPages: Math.ceil(132 / query.per_page) }, freshness: cached };
    },
    queued_tickets: () => [{ ticket: localTicket, localRef: 'LOCAL-Q8ZP4M', queued: true, pending: operations.slice(0, 2), freshness: { kind: 'cached', fetchedAt: null } }],
    get_ticket: ({ ticket }) => {
      if (ticket === 'LOCAL-Q8ZP4M') return { ticket: localTicket, localRef: ticket, queued: true, pending: operations.slice(0, 2), freshness: { kind: 'cached', fetchedAt: null } };
      if (ticket === 'TKT-2026-00055') return { ticket: full, localRef: null, queued: false, pending: [operations[2]], freshness: cached };
      const summary = tickets.find((t) => t.ticketNumber === ticket);
      if (!summary) throw { code: 'NOT_FOUND', message: `there is no ticket ${ticket}` };
      return { ticket: summary, localRef: null, queued: false, pending: [], freshness: cached };
    },
    update_ticket: () => 'op-upd-x',
    record_csat: () => 'op-csat-x',
    list_comments: ({ includeInternal }) => ({
      comments: comments.filter((c) => includeInternal || !c.isInternal),
      pending: [{ content: 'Customer will bring the receipt tomorrow.', is_internal: false, author_type: 'admin' }],
      freshness: cached,
    }),
    add_comment: () => 'op-cmt-x',
    sync_status: () => ({ connected: mode !== 'none', online: !offline, paused: params.get('paused') === '1' ? 'AUTH_REJECTED' : null, pausedMessage: 'Ping rejected the API key (401).', counts: { pending: 3, failed: 1 } }),
    sync_now: () => null,
    outbox: () => operations,
    retry_operation: ({ opId }) => operations.find((o) => o.id === opId),
    discard_operation: ({ opId }) => ((operations = operations.filter((o) => o.id !== opId)), [opId]),
    save_draft: () => null,
    load_draft: () => null,
    delete_draft: () => null,
    search_cached: () => tickets.slice(0, 2),
    templates: () => templates,
    save_template: ({ template }) => saveTemplate(template),
    delete_template: ({ id }) => {
      if (!templates.some((t) => t.id === id)) throw invalid('that template no longer exists');
      templates = templates.filter((t) => t.id !== id);
      return null;
    },
    export_templates: () => JSON.stringify({ format: 'ping-desk-templates', version: 1, templates: templates.map((t) => ({ ...t, id: '' })) }, null, 2),
    import_templates: ({ json }) => importTemplates(json),
    customer_history: customerHistory,
    today_at_store: todayAtStore,
    // A slip with a made-up (not scannable) QR pattern: for looking only.
    ticket_slip: ({ ticket }) => ({
      reference: ticket,
      queued: ticket.startsWith('LOCAL-'),
      date: new Date().toISOString(),
      store: settings.storeName || settings.storeRegion || '',
      summary: 'Router keeps dropping <b>every</b> evening',
      customerFirstName: 'Tendai',
      qr: { size: 21, rows: Array.from({ length: 21 }, (_, y) => Array.from({ length: 21 }, (_, x) => ((x * 7 + y * 3 + x * y) % 5 < 2 ? '1' : '0')).join('')) },
    }),
    // `survey=choosing|commenting|done` starts with the customer answering.
    ask_customer: ({ ticket }) => ({ id: 'survey-1', ticket, stage: 'choosing' }),
    customer_view_status: () => (params.get('survey') ? { id: 'survey-1', ticket: 'TKT-2026-00055', stage: params.get('survey') } : null),
    end_customer_view: () => null,
    set_counter_pin: ({ pin }) => ((pinSet = pin !== null), workspace()),
  };

  window.__TAURI__ = {
    core: {
      Channel: class {
        onmessage = () => {};
      },
      async invoke(command, args = {}) {
        if (command === 'core_events') {
          listeners.push((event) => args.channel.onmessage(event.payload));
          return null;
        }
        window.__fakeCalls.push([command, structuredClone(args)]);
        await new Promise((resolve) => setTimeout(resolve, DELAYS[command]?.(args) ?? 15));
        if (!handlers[command]) throw `command ${command} not found`;
        return structuredClone(handlers[command](args));
      },
    },
    event: {
      async listen() {
        return () => {};
      },
    },
  };
  // Tauri's freezePrototype: the app must work with a frozen Object.prototype.
  Object.freeze(Object.prototype);
})();
