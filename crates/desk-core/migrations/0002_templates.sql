-- Ticket templates staff pick at the counter: a category, a priority, a
-- subject stub, a description scaffold and custom field presets.
CREATE TABLE templates (
    id             TEXT PRIMARY KEY,                     -- UUIDv7
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    category       TEXT,
    priority       TEXT,
    subject        TEXT NOT NULL DEFAULT '',             -- a stub staff complete
    description    TEXT NOT NULL DEFAULT '',             -- a scaffold staff fill in
    custom_fields  TEXT NOT NULL DEFAULT '{}',           -- JSON object of presets
    position       INTEGER NOT NULL,                     -- order in the picker; 1-9 get a key
    updated_at     INTEGER NOT NULL
);

-- A starting set, so a new desk has templates before anyone writes one.
INSERT INTO templates (id, name, category, priority, subject, description, custom_fields, position, updated_at) VALUES
 ('0190f000-0000-7000-8000-000000000001', 'Starlink connectivity', 'technical', 'high',
  'Starlink: ', 'What the customer sees:
Since when:
Dish location / obstructions:
Steps already tried:',
  '{"starlink_account_email": "", "customer_type": "SPT Retail"}', 1, 0),
 ('0190f000-0000-7000-8000-000000000002', 'Router or modem fault', 'technical', 'medium',
  'Router: ', 'Device model:
Lights on the device:
Since when:
Restarted / reset tried:', '{}', 2, 0),
 ('0190f000-0000-7000-8000-000000000003', 'Billing or airtime dispute', 'billing', 'medium',
  'Billing: ', 'Amount and date of the charge:
What the customer expected:
Receipt / reference:', '{}', 3, 0),
 ('0190f000-0000-7000-8000-000000000004', 'Phone screen repair', 'hardware', 'low',
  'Screen repair: ', 'Phone make and model:
Damage:
Warranty (yes/no):
Quote given:', '{}', 4, 0),
 ('0190f000-0000-7000-8000-000000000005', 'SIM swap', 'account', 'high',
  'SIM swap for ', 'Reason (lost / stolen / damaged):
ID document checked:
Old SIM number (if known):', '{}', 5, 0);
