//! Ping's reference examples replayed against the sandbox, twice: once with
//! the example's own request body over raw HTTP, once through the typed
//! client. Both must get the status codes, field names and values the
//! reference shows.

mod support;

use ping_api::{
    AuthorType, Channel, CsatScore, ListQuery, NewComment, NewTicket, Priority, Status,
    TicketUpdate,
};
use serde_json::{json, Value};
use support::*;

const KEY_HEADER: &str = "X-Ping-Api-Key";

struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Raw {
    fn new(sandbox: &ping_sandbox::RunningSandbox) -> Self {
        // reqwest comes without a TLS provider of its own (the client sets
        // one); even a plain-http client needs one to be built.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Self {
            http: reqwest::Client::new(),
            base: sandbox.base_url(),
            key: sandbox.api_key().to_owned(),
        }
    }

    /// Sends the example's method, path (with `ticket` swapped in) and body.
    async fn replay(&self, example: &Example, ticket: &str) -> (u16, Value) {
        let url = format!("{}{}", self.base, example.path_for(ticket));
        let method = reqwest::Method::from_bytes(example.method.as_bytes()).unwrap();
        let mut request = self.http.request(method, url).header(KEY_HEADER, &self.key);
        if let Some(body) = &example.body {
            request = request.json(body);
        }
        let response = request.send().await.expect("sandbox answers");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }
}

#[test]
fn the_reference_has_six_examples() {
    let methods: Vec<String> = examples()
        .iter()
        .map(|e| format!("{} {}", e.method, e.path_and_query))
        .collect();
    assert_eq!(
        methods,
        [
            "POST /v1/api/tickets",
            "GET /v1/api/tickets?status=open&priority=high&page=1&per_page=20",
            "GET /v1/api/tickets/TKT-2026-00042",
            "PUT /v1/api/tickets/TKT-2026-00042",
            "POST /v1/api/tickets/TKT-2026-00042/comments",
            "GET /v1/api/tickets/TKT-2026-00042/comments",
        ]
    );
}

#[tokio::test]
async fn raw_replay_of_every_example() {
    let sandbox = sandbox().await;
    let raw = Raw::new(&sandbox);

    let create = example("POST", "/tickets");
    let (status, created) = raw.replay(&create, "").await;
    assert_eq!(status, 201);
    assert_matches_reference(&created, &create.response, "create");
    let number = created["ticket"]["ticketNumber"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        created["ticket"]["dateCreated"],
        created["ticket"]["dateUpdated"]
    );

    let list = example("GET", "/tickets");
    let (status, listed) = raw.replay(&list, &number).await;
    assert_eq!(status, 200);
    assert_matches_reference(&listed, &list.response, "list");
    // List items are the summary the reference shows, nothing more.
    let item_keys: Vec<&String> = listed["tickets"][0].as_object().unwrap().keys().collect();
    let reference_keys: Vec<&String> = list.response["tickets"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(sorted(item_keys), sorted(reference_keys));

    let get = example("GET", "/TKT-2026-00042");
    let (status, fetched) = raw.replay(&get, &number).await;
    assert_eq!(status, 200);
    assert_matches_reference(&fetched, &get.response, "get");
    assert_eq!(fetched["ticket"]["ticketNumber"], number.as_str());
    // Everything the create example sent is on the ticket.
    assert_matches_reference(&fetched["ticket"], &create.response["ticket"], "get-full");

    let update = example("PUT", "/TKT-2026-00042");
    let (status, updated) = raw.replay(&update, &number).await;
    assert_eq!(status, 200);
    assert_matches_reference(&updated, &update.response, "update");
    let updated_keys: Vec<&String> = updated["ticket"].as_object().unwrap().keys().collect();
    let reference_keys: Vec<&String> = update.response["ticket"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(sorted(updated_keys), sorted(reference_keys));

    let comment = example("POST", "/comments");
    let (status, added) = raw.replay(&comment, &number).await;
    assert_eq!(status, 201);
    assert_matches_reference(&added, &comment.response, "add comment");

    // The list-comments example shows an admin and a customer comment; post
    // exactly those, then list.
    let comments = example("GET", "/comments");
    let (_, second) = raw.replay(&create, "").await;
    let second = second["ticket"]["ticketNumber"]
        .as_str()
        .unwrap()
        .to_owned();
    for shown in comments.response["comments"].as_array().unwrap() {
        let body = json!({
            "content": shown["content"],
            "is_internal": shown["isInternal"],
            "author_type": shown["authorType"],
        });
        let status = raw
            .http
            .post(format!("{}/v1/api/tickets/{second}/comments", raw.base))
            .header(KEY_HEADER, &raw.key)
            .json(&body)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 201);
    }
    let (status, listed) = raw.replay(&comments, &second).await;
    assert_eq!(status, 200);
    assert_matches_reference(&listed, &comments.response, "list comments");
}

#[tokio::test]
async fn client_replay_of_every_example() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);

    let create = example("POST", "/tickets");
    let typed: NewTicket = serde_json::from_value(create.body.clone().unwrap()).unwrap();
    // What the client sends is the reference's body, field for field.
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        create.body.clone().unwrap()
    );
    assert_eq!(typed.priority, Some(Priority::High));
    assert_eq!(typed.channel, Some(Channel::Phone));

    let ticket = client.create_ticket(&typed).await.expect("create");
    assert_matches_reference(
        &serde_json::to_value(&ticket).unwrap(),
        &create.response["ticket"],
        "client create",
    );
    assert_eq!(ticket.status, Some(Status::Open));
    assert_eq!(ticket.customer_name().as_deref(), Some("Tendai Moyo"));
    assert_eq!(
        ticket.custom_fields.as_ref().unwrap()["customer_type"],
        json!("SPT Retail")
    );

    let page = client
        .list_tickets(&ListQuery {
            status: Some(Status::Open),
            priority: Some(Priority::High),
            page: Some(1),
            per_page: Some(20),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(page.pagination.page, 1);
    assert_eq!(page.pagination.per_page, 20);
    assert_eq!(page.pagination.total, 1);
    assert_eq!(page.pagination.total_pages, 1);
    assert_eq!(page.tickets.len(), 1);
    assert_eq!(page.tickets[0].ticket_number, ticket.ticket_number);
    assert_eq!(
        page.tickets[0].subject.as_deref(),
        Some("Cannot connect to Starlink")
    );
    assert_eq!(page.tickets[0].category.as_deref(), Some("technical"));
    assert!(page.tickets[0].date_created.is_some());

    let fetched = client.get_ticket(&ticket.ticket_number).await.expect("get");
    assert_eq!(fetched.public_id, ticket.public_id);
    assert_eq!(fetched.store_region.as_deref(), Some("Harare"));
    assert_eq!(fetched.date_updated, fetched.date_created);

    let update = example("PUT", "/TKT-2026-00042");
    let typed: TicketUpdate = serde_json::from_value(update.body.clone().unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        update.body.clone().unwrap()
    );
    let updated = client
        .update_ticket(&ticket.ticket_number, &typed)
        .await
        .expect("update");
    assert_eq!(updated.status, Some(Status::Resolved));
    assert_eq!(
        updated.resolution_notes.as_deref(),
        Some("Replaced faulty ethernet adapter")
    );
    assert_eq!(updated.csat_score, CsatScore::new(5));
    assert!(updated.date_updated.is_some());

    let comment_example = example("POST", "/comments");
    let typed: NewComment = serde_json::from_value(comment_example.body.clone().unwrap()).unwrap();
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        comment_example.body.clone().unwrap()
    );
    let comment = client
        .add_comment(&ticket.ticket_number, &typed)
        .await
        .expect("comment");
    assert_eq!(comment.author_type, Some(AuthorType::Admin));
    assert!(!comment.is_internal);
    assert!(is_uuid(comment.public_id.as_deref().unwrap()));

    let reply = NewComment {
        content: "Yes, everything is working now. Thank you!".into(),
        author_type: Some(AuthorType::Customer),
        ..Default::default()
    };
    client
        .add_comment(&ticket.ticket_number, &reply)
        .await
        .expect("customer comment");
    let thread = client
        .list_comments(&ticket.ticket_number, true)
        .await
        .expect("comments");
    let contents: Vec<(&str, Option<&AuthorType>)> = thread
        .iter()
        .map(|c| (c.content.as_str(), c.author_type.as_ref()))
        .collect();
    assert_eq!(
        contents,
        [
            (
                comment_example.body.as_ref().unwrap()["content"]
                    .as_str()
                    .unwrap(),
                Some(&AuthorType::Admin)
            ),
            (
                "Yes, everything is working now. Thank you!",
                Some(&AuthorType::Customer)
            ),
        ]
    );

    // After all that the ticket reads back with the update applied.
    let after = client.get_ticket(&ticket.ticket_number).await.unwrap();
    assert_eq!(after.status, Some(Status::Resolved));
    assert_eq!(after.csat_score, CsatScore::new(5));
    assert!(after.date_updated >= after.date_created);
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}
