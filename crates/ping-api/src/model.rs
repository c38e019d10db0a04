//! Request and response types of Ping's Tickets API.
//!
//! Requests serialize in snake_case as Ping's reference shows; responses are
//! read from camelCase. Every response field except the ticket number is
//! optional, because Ping's own examples omit fields from one endpoint to the
//! next, and fields Ping adds later are kept in `extra` instead of failing.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// A JSON object, as Ping's `custom_fields`.
pub type CustomFields = Map<String, Value>;

/// Defines a string enum that round-trips Ping's documented values and keeps
/// any value Ping adds later in `Other` rather than failing to parse.
macro_rules! ping_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this version does not know; sent and shown as is.
            Other(String),
        }

        impl $name {
            /// Every documented value, in Ping's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Other(value) => value,
                }
            }

            /// Parses a wire value; unknown values become `Other`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }

            /// True for the values Ping documents.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }
    };
}

ping_enum!(
    /// A ticket's status.
    Status {
        Open => "open",
        InProgress => "in_progress",
        Resolved => "resolved",
        Closed => "closed",
    }
);

ping_enum!(
    /// A ticket's priority (Ping's default is `medium`).
    Priority {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
);

ping_enum!(
    /// Where a ticket came from (Ping's default is `api`).
    Channel {
        Api => "api",
        Whatsapp => "whatsapp",
        Email => "email",
        Phone => "phone",
        InStore => "in_store",
        Sms => "sms",
        SocialMedia => "social_media",
        LiveChat => "live_chat",
    }
);

ping_enum!(
    /// Who wrote a comment (Ping's default is `admin`).
    AuthorType {
        Admin => "admin",
        Customer => "customer",
    }
);

/// A customer satisfaction score, 1 to 5 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CsatScore(u8);

impl CsatScore {
    pub fn new(score: u8) -> Option<Self> {
        (1..=5).contains(&score).then_some(Self(score))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl<'de> Deserialize<'de> for CsatScore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        u8::try_from(value)
            .ok()
            .and_then(CsatScore::new)
            .ok_or_else(|| serde::de::Error::custom(format!("csat score {value} is outside 1..5")))
    }
}

/// Body of `POST /v1/api/tickets`. Only `subject` and `description` are
/// required; unset fields are not sent, so Ping applies its defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewTicket {
    pub subject: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priority: Option<Priority>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub channel: Option<Channel>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub store_region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub customer_first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub customer_last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub customer_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub customer_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub preferred_language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub custom_fields: Option<CustomFields>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub external_ticket_id: Option<String>,
}

impl NewTicket {
    pub fn new(subject: impl Into<String>, description: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            description: description.into(),
            ..Self::default()
        }
    }
}

/// Body of `PUT /v1/api/tickets/:ticket_number`. Only the fields set are
/// sent; `custom_fields` merges with the ticket's existing ones on Ping's side.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketUpdate {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub status: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub priority: Option<Priority>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resolution_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub action_taken: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub csat_score: Option<CsatScore>,
    /// Comma-separated, as Ping takes them; see [`TicketUpdate::with_tags`].
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tags: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub custom_fields: Option<CustomFields>,
}

impl TicketUpdate {
    /// True when no field is set: such an update is not sent.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Sets `tags` from a list, trimming each tag and dropping empty ones.
    pub fn with_tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let joined: Vec<String> = tags
            .into_iter()
            .map(|t| t.as_ref().trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        self.tags = Some(joined.join(","));
        self
    }
}

/// Body of `POST /v1/api/tickets/:ticket_number/comments`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewComment {
    pub content: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub is_internal: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub author_type: Option<AuthorType>,
}

impl NewComment {
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            ..Self::default()
        }
    }
}

/// A ticket as Ping returns it. Create and get return the whole ticket; list
/// items and update responses carry fewer fields (see Ping's examples), so
/// everything but the number is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    pub ticket_number: String,
    #[serde(default)]
    pub public_id: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub store_region: Option<String>,
    #[serde(default)]
    pub customer_first_name: Option<String>,
    #[serde(default)]
    pub customer_last_name: Option<String>,
    #[serde(default)]
    pub customer_phone: Option<String>,
    #[serde(default)]
    pub customer_email: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub custom_fields: Option<CustomFields>,
    #[serde(default)]
    pub resolution_notes: Option<String>,
    #[serde(default)]
    pub action_taken: Option<String>,
    #[serde(default)]
    pub csat_score: Option<CsatScore>,
    #[serde(default)]
    pub tags: Option<String>,
    #[serde(default, with = "ping_time")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(default, with = "ping_time")]
    pub date_updated: Option<DateTime<Utc>>,
    /// Fields this version does not know, kept so nothing Ping sends is lost.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Ticket {
    /// The tags as a list (Ping stores them comma-separated).
    pub fn tag_list(&self) -> Vec<&str> {
        self.tags
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// "First Last", or whichever part is present.
    pub fn customer_name(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.customer_first_name, &self.customer_last_name]
            .into_iter()
            .filter_map(|p| p.as_deref().map(str::trim))
            .filter(|p| !p.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// A comment on a ticket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    #[serde(default)]
    pub public_id: Option<String>,
    #[serde(default)]
    pub author_type: Option<AuthorType>,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub is_internal: bool,
    #[serde(default, with = "ping_time")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Pagination metadata of a list answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    #[serde(default)]
    pub page: u32,
    #[serde(default)]
    pub per_page: u32,
    #[serde(default)]
    pub total: u64,
    #[serde(default)]
    pub total_pages: u32,
}

/// One page of `GET /v1/api/tickets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketPage {
    pub tickets: Vec<Ticket>,
    #[serde(default)]
    pub pagination: Pagination,
}

/// Filters, search and paging of `GET /v1/api/tickets`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub store_region: Option<String>,
    #[serde(default)]
    pub search: Option<String>,
    /// 1-based; Ping's default is 1.
    #[serde(default)]
    pub page: Option<u32>,
    /// 1 to 100; Ping's default is 50.
    #[serde(default)]
    pub per_page: Option<u32>,
}

/// The largest page Ping serves.
pub const MAX_PER_PAGE: u32 = 100;

impl ListQuery {
    /// The query string pairs, in Ping's parameter names; empty filters are
    /// left out rather than sent as `status=`.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let text = [
            (
                "status",
                self.status.as_ref().map(|s| s.as_str().to_owned()),
            ),
            (
                "priority",
                self.priority.as_ref().map(|p| p.as_str().to_owned()),
            ),
            ("category", self.category.clone()),
            (
                "channel",
                self.channel.as_ref().map(|c| c.as_str().to_owned()),
            ),
            ("country", self.country.clone()),
            ("store_region", self.store_region.clone()),
            ("search", self.search.clone()),
            ("page", self.page.map(|p| p.to_string())),
            ("per_page", self.per_page.map(|p| p.to_string())),
        ];
        text.into_iter()
            .filter_map(|(name, value)| {
                value
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .map(|v| (name, v))
            })
            .collect()
    }
}

/// Ping's timestamps look like `2026-05-04T08:00:00`, with no zone. We read
/// them as UTC (see docs/architecture.md); a value with an offset is honoured,
/// and one we cannot read becomes `None` rather than failing the response.
pub mod ping_time {
    use super::*;

    pub const FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

    pub fn parse(text: &str) -> Option<DateTime<Utc>> {
        if let Ok(with_zone) = DateTime::parse_from_rfc3339(text) {
            return Some(with_zone.with_timezone(&Utc));
        }
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
            .ok()
            .map(|naive| naive.and_utc())
    }

    pub fn format(time: &DateTime<Utc>) -> String {
        time.format(FORMAT).to_string()
    }

    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => serializer.serialize_str(&format(t)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let raw = Option::<Value>::deserialize(deserializer)?;
        Ok(match raw {
            Some(Value::String(text)) => {
                let parsed = parse(&text);
                if parsed.is_none() {
                    tracing::warn!(value = %crate::error::bounded(&text), "unreadable timestamp from Ping");
                }
                parsed
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enums_round_trip_documented_values_and_keep_new_ones() {
        for channel in Channel::KNOWN {
            let wire = serde_json::to_value(channel).unwrap();
            assert_eq!(serde_json::from_value::<Channel>(wire).unwrap(), *channel);
        }
        assert_eq!(Channel::InStore.as_str(), "in_store");
        let new: Status = serde_json::from_value(json!("on_hold")).unwrap();
        assert_eq!(new, Status::Other("on_hold".into()));
        assert!(!new.is_known());
        assert_eq!(serde_json::to_value(&new).unwrap(), json!("on_hold"));
    }

    #[test]
    fn csat_score_is_bounded() {
        assert!(CsatScore::new(0).is_none());
        assert!(CsatScore::new(6).is_none());
        assert_eq!(CsatScore::new(5).unwrap().get(), 5);
        assert!(serde_json::from_value::<CsatScore>(json!(7)).is_err());
    }

    #[test]
    fn update_sends_only_fields_set() {
        let update = TicketUpdate {
            status: Some(Status::Resolved),
            csat_score: CsatScore::new(5),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"status": "resolved", "csat_score": 5})
        );
        assert!(TicketUpdate::default().is_empty());
        let tagged = TicketUpdate::default().with_tags([" router ", "", "starlink"]);
        assert_eq!(tagged.tags.as_deref(), Some("router,starlink"));
    }

    #[test]
    fn ticket_tolerates_missing_and_unknown_fields() {
        let ticket: Ticket = serde_json::from_value(json!({
            "ticketNumber": "TKT-2026-00042",
            "status": "resolved",
            "slaDueAt": "2026-05-05T08:00:00",
            "dateUpdated": "2026-05-04T09:30:00"
        }))
        .unwrap();
        assert_eq!(ticket.ticket_number, "TKT-2026-00042");
        assert_eq!(ticket.subject, None);
        assert_eq!(ticket.extra["slaDueAt"], json!("2026-05-05T08:00:00"));
        assert_eq!(
            ticket
                .date_updated
                .map(|t| ping_time::format(&t))
                .as_deref(),
            Some("2026-05-04T09:30:00")
        );
    }

    #[test]
    fn timestamps_with_zone_or_garbage() {
        assert_eq!(
            ping_time::format(&ping_time::parse("2026-05-04T10:00:00+02:00").unwrap()),
            "2026-05-04T08:00:00"
        );
        let ticket: Ticket = serde_json::from_value(
            json!({"ticketNumber": "T", "dateCreated": "yesterday", "dateUpdated": null}),
        )
        .unwrap();
        assert_eq!(ticket.date_created, None);
    }

    #[test]
    fn list_query_leaves_out_empty_filters() {
        let query = ListQuery {
            status: Some(Status::Open),
            search: Some("  ".into()),
            category: Some("billing".into()),
            per_page: Some(20),
            ..Default::default()
        };
        assert_eq!(
            query.to_pairs(),
            vec![
                ("status", "open".to_owned()),
                ("category", "billing".to_owned()),
                ("per_page", "20".to_owned())
            ]
        );
    }

    #[test]
    fn customer_name_joins_present_parts() {
        let mut ticket = Ticket {
            customer_first_name: Some("Tendai".into()),
            ..Default::default()
        };
        assert_eq!(ticket.customer_name().as_deref(), Some("Tendai"));
        ticket.customer_last_name = Some("Moyo".into());
        assert_eq!(ticket.customer_name().as_deref(), Some("Tendai Moyo"));
    }
}
