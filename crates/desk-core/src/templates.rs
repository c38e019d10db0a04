//! Ticket templates: kept on the desk, applied to the new-ticket form in one
//! keystroke, and exported and imported as JSON so a store manager can share
//! a set across desks.

use crate::error::{CoreError, Result};
use crate::outbox::MARKER_FIELD;
use crate::store::{now_ms, Store};
use ping_api::{CustomFields, NewTicket, Priority};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// The `format` of an exported set; an import refuses anything else.
pub const EXPORT_FORMAT: &str = "ping-desk-templates";
pub const EXPORT_VERSION: u32 = 1;
/// The largest templates file an import reads: the same limit as the import
/// screen's own check (`MAX_IMPORT_BYTES` in ui/lib/templates.js), far above
/// a full desk's export (200 templates of a few hundred bytes each).
pub const MAX_IMPORT_BYTES: usize = 1_000_000;
const MAX_NAME: usize = 80;
const MAX_TEMPLATES: usize = 200;
/// How much of a name or value from a file an error quotes.
const QUOTED_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    /// Empty for a template not saved yet.
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub priority: Option<Priority>,
    /// A subject stub staff complete (e.g. "Starlink: ").
    #[serde(default)]
    pub subject: String,
    /// A description scaffold staff fill in.
    #[serde(default)]
    pub description: String,
    /// Custom field presets (e.g. `customer_type`).
    #[serde(default)]
    pub custom_fields: CustomFields,
}

impl Template {
    /// Checks what Ping and the desk would refuse later.
    pub fn validate(&self) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(CoreError::Validation("a template needs a name".into()));
        }
        if name.chars().count() > MAX_NAME {
            return Err(CoreError::Validation(format!(
                "a template name is at most {MAX_NAME} characters"
            )));
        }
        if let Some(priority) = &self.priority {
            if !priority.is_known() {
                return Err(CoreError::Validation(format!(
                    "{} is not a priority Ping knows (low, medium, high, critical)",
                    cut(priority.as_str(), QUOTED_CHARS)
                )));
            }
        }
        for key in self.custom_fields.keys() {
            if key.trim().is_empty() {
                return Err(CoreError::Validation("a custom field needs a name".into()));
            }
            if key == MARKER_FIELD {
                return Err(CoreError::Validation(format!(
                    "{MARKER_FIELD} is kept for Ping Desk's own use"
                )));
            }
        }
        Ok(())
    }

    /// Fills a new ticket from the template without overwriting what staff
    /// already typed: the subject stub and description scaffold go only into
    /// empty fields, presets only into custom fields not set yet.
    pub fn apply(&self, ticket: &mut NewTicket) {
        if ticket.subject.trim().is_empty() {
            ticket.subject = self.subject.clone();
        }
        if ticket.description.trim().is_empty() {
            ticket.description = self.description.clone();
        }
        if self.category.is_some() {
            ticket.category = self.category.clone();
        }
        if self.priority.is_some() {
            ticket.priority = self.priority.clone();
        }
        if !self.custom_fields.is_empty() {
            let fields = ticket.custom_fields.get_or_insert_with(Default::default);
            for (key, value) in &self.custom_fields {
                fields.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
}

/// An exported set of templates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSet {
    pub format: String,
    pub version: u32,
    pub templates: Vec<Template>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub added: u32,
    /// Templates whose name was already on this desk: replaced.
    pub updated: u32,
}

impl Store {
    /// The desk's templates in picker order (the first nine get keys 1–9).
    pub fn templates(&self) -> Result<Vec<Template>> {
        templates_in(&self.conn())
    }

    /// Saves a template: a new one (empty id) goes last in the picker; an
    /// existing one is replaced. Names are unique, ignoring case.
    pub fn save_template(&self, template: &Template) -> Result<Template> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let saved = save_in(&tx, template)?;
        tx.commit()?;
        Ok(saved)
    }

    pub fn delete_template(&self, id: &str) -> Result<()> {
        let deleted = self
            .conn()
            .execute("DELETE FROM templates WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(CoreError::Validation(
                "that template no longer exists".into(),
            ));
        }
        Ok(())
    }

    /// The desk's templates as a JSON document to share.
    pub fn export_templates(&self) -> Result<String> {
        let set = TemplateSet {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            templates: self
                .templates()?
                .into_iter()
                .map(|t| Template {
                    id: String::new(),
                    ..t
                })
                .collect(),
        };
        Ok(serde_json::to_string_pretty(&set)?)
    }

    /// Imports a shared set: templates are matched by name (ignoring case);
    /// a match is replaced, anything else is added. All or nothing, in one
    /// transaction: an invalid template, or two in the file with the same
    /// name, refuses the whole file and changes nothing.
    pub fn import_templates(&self, json: &str) -> Result<ImportReport> {
        // Checked before parsing, so a huge paste costs nothing.
        if json.len() > MAX_IMPORT_BYTES {
            return Err(CoreError::Validation(format!(
                "this file is too big to be a templates file (at most {} KB)",
                MAX_IMPORT_BYTES / 1000
            )));
        }
        let set: TemplateSet = serde_json::from_str(json).map_err(|e| {
            CoreError::Validation(format!(
                "this is not a Ping Desk templates file ({})",
                json_error_text(&e)
            ))
        })?;
        if set.format != EXPORT_FORMAT {
            return Err(CoreError::Validation(
                "this is not a Ping Desk templates file".into(),
            ));
        }
        if set.version > EXPORT_VERSION {
            return Err(CoreError::Validation(format!(
                "this templates file is from a newer Ping Desk (version {}); update this desk first",
                set.version
            )));
        }
        if set.templates.len() > MAX_TEMPLATES {
            return Err(CoreError::Validation(format!(
                "a desk keeps at most {MAX_TEMPLATES} templates; this file has {}",
                set.templates.len()
            )));
        }
        let mut first_named: HashMap<String, usize> = HashMap::new();
        for (index, template) in set.templates.iter().enumerate() {
            template.validate().map_err(|err| {
                CoreError::Validation(format!(
                    "template {} ({}): {err}",
                    index + 1,
                    cut(&template.name, QUOTED_CHARS)
                ))
            })?;
            if let Some(first) = first_named.insert(name_key(&template.name), index) {
                return Err(CoreError::Validation(format!(
                    "templates {} and {} are both called {} (names are matched ignoring case)",
                    first + 1,
                    index + 1,
                    cut(template.name.trim(), QUOTED_CHARS)
                )));
            }
        }
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let existing: HashMap<String, String> = templates_in(&tx)?
            .into_iter()
            .map(|t| (name_key(&t.name), t.id))
            .collect();
        let added = first_named
            .keys()
            .filter(|name| !existing.contains_key(*name))
            .count();
        if existing.len() + added > MAX_TEMPLATES {
            return Err(CoreError::Validation(format!(
                "a desk keeps at most {MAX_TEMPLATES} templates; this file would make {}",
                existing.len() + added
            )));
        }
        let mut report = ImportReport::default();
        for template in set.templates {
            let current = existing.get(&name_key(&template.name));
            let id = current.cloned().unwrap_or_default();
            save_in(&tx, &Template { id, ..template })?;
            if current.is_some() {
                report.updated += 1;
            } else {
                report.added += 1;
            }
        }
        tx.commit()?;
        Ok(report)
    }
}

/// What makes two names the same template: trimmed, ignoring ASCII case,
/// as the `name` column's NOCASE collation compares them.
fn name_key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// At most `max` characters of `text` (from a file or typed), so an error
/// never echoes a long input back.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A JSON error in a few words: serde's message can quote a whole string
/// from the file, so it is cut, and its position kept.
fn json_error_text(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    format!(
        "{} at line {}, column {}",
        cut(message, QUOTED_CHARS + 20),
        err.line(),
        err.column()
    )
}

fn templates_in(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, category, priority, subject, description, custom_fields
           FROM templates ORDER BY position, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (id, name, category, priority, subject, description, fields) = row?;
        Ok(Template {
            id,
            name,
            category,
            priority: priority.as_deref().map(Priority::from_wire),
            subject,
            description,
            custom_fields: match serde_json::from_str(&fields)? {
                Value::Object(map) => map,
                _ => CustomFields::new(),
            },
        })
    })
    .collect()
}

/// Saves a template within `tx` (see [`Store::save_template`]).
fn save_in(tx: &Transaction<'_>, template: &Template) -> Result<Template> {
    template.validate()?;
    let mut saved = template.clone();
    saved.name = saved.name.trim().to_owned();
    let clash: Option<String> = tx
        .query_row(
            "SELECT id FROM templates WHERE name = ?1 AND id <> ?2",
            params![saved.name, saved.id],
            |r| r.get(0),
        )
        .optional()?;
    if clash.is_some() {
        return Err(CoreError::Validation(format!(
            "there is already a template called {}",
            saved.name
        )));
    }
    if saved.id.is_empty() {
        let count: i64 = tx.query_row("SELECT COUNT(*) FROM templates", [], |r| r.get(0))?;
        if count as usize >= MAX_TEMPLATES {
            return Err(CoreError::Validation(format!(
                "a desk keeps at most {MAX_TEMPLATES} templates"
            )));
        }
        saved.id = uuid::Uuid::now_v7().to_string();
    }
    tx.execute(
        "INSERT INTO templates (id, name, category, priority, subject, description, custom_fields, position, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT COALESCE(MAX(position), 0) + 1 FROM templates), ?8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category,
           priority = excluded.priority, subject = excluded.subject, description = excluded.description,
           custom_fields = excluded.custom_fields, updated_at = excluded.updated_at",
        params![
            saved.id,
            saved.name,
            saved.category,
            saved.priority.as_ref().map(|p| p.as_str()),
            saved.subject,
            saved.description,
            serde_json::to_string(&saved.custom_fields)?,
            now_ms()
        ],
    )?;
    Ok(saved)
}
