//! Happy paths with the reference examples as test vectors, plus the
//! behaviours our docs decide (list, update merge, comments).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

const FULL_TICKET_KEYS: &[&str] = &[
    "ticketNumber",
    "publicId",
    "subject",
    "description",
    "status",
    "priority",
    "category",
    "channel",
    "country",
    "storeRegion",
    "customerFirstName",
    "customerLastName",
    "customerPhone",
    "customerEmail",
    "preferredLanguage",
    "customFields",
    "resolutionNotes",
    "actionTaken",
    "csatScore",
    "tags",
    "dateCreated",
    "dateUpdated",
];

fn is_ticket_public_id(s: &str) -> bool {
    s.len() == 12
        && s.starts_with("TKT-")
        && s[4..]
            .chars()
            .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
}

#[tokio::test]
async fn create_ticket_reference_example() {
    let api = Api::new().await;
    let (status, v) = api.post("/v1/api/tickets", reference_create_body()).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["result"], "success");
    assert_eq!(v["message"], "Ticket created");
    assert_eq!(keys(&v), sorted(&["result", "message", "ticket"]));
    let t = &v["ticket"];
    assert_eq!(keys(t), sorted(FULL_TICKET_KEYS));
    assert_eq!(t["ticketNumber"], ticket_number(1));
    assert!(is_ticket_public_id(t["publicId"].as_str().unwrap()), "{t}");
    assert_eq!(t["subject"], "Cannot connect to Starlink");
    assert_eq!(
        t["description"],
        "Customer reports intermittent connectivity since yesterday"
    );
    assert_eq!(t["status"], "open");
    assert_eq!(t["priority"], "high");
    assert_eq!(t["category"], "technical");
    assert_eq!(t["channel"], "phone");
    assert_eq!(t["country"], "Zimbabwe");
    assert_eq!(t["storeRegion"], "Harare");
    assert_eq!(t["customerFirstName"], "Tendai");
    assert_eq!(t["customerLastName"], "Moyo");
    assert_eq!(t["customerPhone"], "+263775550142");
    assert_eq!(t["customerEmail"], "[email protected]");
    assert_eq!(
        t["customFields"],
        json!({"starlink_account_email": "[email protected]", "customer_type": "SPT Retail"})
    );
    assert!(t["preferredLanguage"].is_null());
    assert!(t["resolutionNotes"].is_null());
    assert!(t["actionTaken"].is_null());
    assert!(t["csatScore"].is_null());
    assert!(t["tags"].is_null());
    assert!(is_timestamp(&t["dateCreated"]), "{t}");
    assert_eq!(t["dateCreated"], t["dateUpdated"]);
    assert_eq!(api.sb.ticket_count(), 1);
}

#[tokio::test]
async fn create_defaults_numbering_and_storage() {
    let api = Api::new().await;
    let (status, v) = api
        .post(
            "/v1/api/tickets",
            json!({"subject": "S", "description": "D", "external_ticket_id": "desk-1", "unknown_field": 42}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let t = &v["ticket"];
    assert_eq!(t["priority"], "medium");
    assert_eq!(t["channel"], "api");
    assert_eq!(t["status"], "open");
    assert_eq!(t["customFields"], json!({}));
    assert!(t["category"].is_null());
    assert!(t["customerPhone"].is_null());
    // Not documented as returned: never in a response.
    assert!(t.get("externalTicketId").is_none());
    assert!(t.get("unknownField").is_none());

    let second = api.create(json!({})).await;
    let third = api.create(json!({})).await;
    assert_eq!(second, ticket_number(2));
    assert_eq!(third, ticket_number(3));

    // Empty optional strings are stored as empty strings.
    let (status, v) = api
        .post(
            "/v1/api/tickets",
            json!({"subject": "S", "description": "D", "customer_phone": "", "customer_email": "", "category": "", "country": null}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["ticket"]["customerPhone"], "");
    assert_eq!(v["ticket"]["customerEmail"], "");
    assert_eq!(v["ticket"]["category"], "");
    assert!(v["ticket"]["country"].is_null());
}

#[tokio::test]
async fn create_accepts_unicode_long_text_and_any_content_type() {
    let api = Api::new().await;
    let long = "Ndiri kunetseka ne router 📶. ".repeat(400);
    assert!(long.chars().count() > 10_000);
    let (status, v) = api
        .post(
            "/v1/api/tickets",
            json!({
                "subject": "Foni yangu haishande 😟",
                "description": long,
                "customer_first_name": "Nomvula",
                "customer_last_name": "Dube-Ndlovu",
                "preferred_language": "isiNdebele",
                "custom_fields": {"nested": {"deep": [1, {"x": null}]}, "emoji": "🇿🇼"}
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let number = v["ticket"]["ticketNumber"].as_str().unwrap().to_owned();
    let (_, got) = api.get(&format!("/v1/api/tickets/{number}")).await;
    assert_eq!(got["ticket"]["subject"], "Foni yangu haishande 😟");
    assert_eq!(got["ticket"]["description"], long.as_str());
    assert_eq!(
        got["ticket"]["customFields"]["nested"]["deep"][1],
        json!({"x": null})
    );
    assert_eq!(got["ticket"]["customFields"]["emoji"], "🇿🇼");

    // JSON parsed regardless of Content-Type.
    let resp = api
        .client
        .post(api.url("/v1/api/tickets"))
        .header("X-Ping-Api-Key", api.sb.api_key())
        .header("Content-Type", "text/plain")
        .body(r#"{"subject":"plain","description":"text"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn get_ticket_reference_example() {
    let api = Api::new().await;
    let (_, created) = api.post("/v1/api/tickets", reference_create_body()).await;
    let number = ticket_number(1);
    let (status, v) = api.get(&format!("/v1/api/tickets/{number}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(keys(&v), sorted(&["result", "ticket"]));
    assert_eq!(v["result"], "success");
    let t = &v["ticket"];
    assert_eq!(keys(t), sorted(FULL_TICKET_KEYS));
    assert_eq!(t, &created["ticket"]);
    assert_eq!(t["ticketNumber"], number);
    assert_eq!(t["customerLastName"], "Moyo");
    assert!(is_timestamp(&t["dateUpdated"]));
}

#[tokio::test]
async fn list_reference_example() {
    let api = Api::new().await;
    api.post("/v1/api/tickets", reference_create_body()).await;
    api.create(json!({"priority": "low"})).await;
    let (status, v) = api
        .get("/v1/api/tickets?status=open&priority=high&page=1&per_page=20")
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(keys(&v), sorted(&["result", "tickets", "pagination"]));
    assert_eq!(v["result"], "success");
    assert_eq!(
        v["pagination"],
        json!({"page": 1, "perPage": 20, "total": 1, "totalPages": 1})
    );
    let items = v["tickets"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(
        keys(item),
        sorted(&[
            "ticketNumber",
            "subject",
            "status",
            "priority",
            "category",
            "dateCreated"
        ])
    );
    assert_eq!(item["ticketNumber"], ticket_number(1));
    assert_eq!(item["subject"], "Cannot connect to Starlink");
    assert_eq!(item["status"], "open");
    assert_eq!(item["priority"], "high");
    assert_eq!(item["category"], "technical");
    assert!(is_timestamp(&item["dateCreated"]));
}

#[tokio::test]
async fn list_pagination_and_order() {
    let api = Api::new().await;
    let (_, v) = api.get("/v1/api/tickets").await;
    assert_eq!(
        v["pagination"],
        json!({"page": 1, "perPage": 50, "total": 0, "totalPages": 0})
    );
    assert_eq!(v["tickets"], json!([]));

    for i in 0..7 {
        api.create(json!({"subject": format!("ticket {i}")})).await;
    }
    // Newest first (same second: insertion order descending).
    let (_, v) = api.get("/v1/api/tickets?per_page=3").await;
    assert_eq!(
        v["pagination"],
        json!({"page": 1, "perPage": 3, "total": 7, "totalPages": 3})
    );
    let numbers: Vec<&str> = v["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ticketNumber"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        [ticket_number(7), ticket_number(6), ticket_number(5)]
    );

    let (_, v) = api.get("/v1/api/tickets?per_page=3&page=3").await;
    assert_eq!(v["tickets"].as_array().unwrap().len(), 1);
    assert_eq!(v["tickets"][0]["ticketNumber"], ticket_number(1));

    // Past the end: empty page, still 200.
    let (status, v) = api.get("/v1/api/tickets?per_page=3&page=9").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["tickets"], json!([]));
    assert_eq!(v["pagination"]["total"], 7);
    assert_eq!(v["pagination"]["page"], 9);

    // per_page above the maximum is clamped.
    let (status, v) = api.get("/v1/api/tickets?per_page=500").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["pagination"]["perPage"], 100);
    assert_eq!(v["pagination"]["totalPages"], 1);

    // Empty values count as absent.
    let (status, v) = api.get("/v1/api/tickets?page=&status=").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["pagination"]["total"], 7);
}

#[tokio::test]
async fn list_filters_and_search() {
    let api = Api::new().await;
    let a = api
        .create(json!({
            "subject": "Starlink dish obstruction",
            "description": "Tree in the way",
            "priority": "high", "channel": "in_store", "category": "technical",
            "country": "Zimbabwe", "store_region": "Harare CBD",
            "customer_first_name": "Tendai", "customer_last_name": "Moyo",
            "customer_email": "tendai.moyo@example.co.zw", "customer_phone": "+263772104518",
            "external_ticket_id": "EXT-SECRET-77"
        }))
        .await;
    let b = api
        .create(json!({
            "subject": "Airtime deducted twice",
            "description": "Two EcoCash debits",
            "priority": "medium", "channel": "whatsapp", "category": "billing",
            "country": "Zimbabwe", "store_region": "Bulawayo",
            "customer_first_name": "Sipho", "customer_last_name": "Ndlovu",
            "customer_phone": "+263712334091"
        }))
        .await;
    let c = api
        .create(json!({
            "subject": "Phone screen", "description": "Cracked — needs ROUTER? no",
            "priority": "low", "channel": "in_store", "category": "Hardware",
            "country": "South Africa", "store_region": "harare cbd",
            "customer_first_name": "Émile", "customer_last_name": "Ñandú"
        }))
        .await;
    api.put(
        &format!("/v1/api/tickets/{b}"),
        json!({"status": "in_progress"}),
    )
    .await;

    async fn numbers(api: &Api, query: &str) -> Vec<String> {
        let (status, v) = api.get(&format!("/v1/api/tickets?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {v}");
        let mut n: Vec<String> = v["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["ticketNumber"].as_str().unwrap().to_owned())
            .collect();
        n.sort();
        assert_eq!(v["pagination"]["total"], n.len(), "{query}");
        n
    }

    assert_eq!(numbers(&api, "status=open").await, [a.as_str(), c.as_str()]);
    assert_eq!(numbers(&api, "status=in_progress").await, [b.as_str()]);
    assert_eq!(numbers(&api, "priority=low").await, [c.as_str()]);
    assert_eq!(
        numbers(&api, "channel=in_store").await,
        [a.as_str(), c.as_str()]
    );
    assert_eq!(numbers(&api, "category=hardware").await, [c.as_str()]);
    assert_eq!(numbers(&api, "category=TECHNICAL").await, [a.as_str()]);
    assert_eq!(
        numbers(&api, "country=zimbabwe").await,
        [a.as_str(), b.as_str()]
    );
    assert_eq!(
        numbers(&api, "store_region=Harare%20CBD").await,
        [a.as_str(), c.as_str()]
    );
    // Exact match, not substring.
    assert!(numbers(&api, "store_region=Harare").await.is_empty());
    // AND of filters.
    assert_eq!(
        numbers(
            &api,
            "store_region=harare+cbd&channel=in_store&priority=high"
        )
        .await,
        [a.as_str()]
    );
    // Search: subject, description, names, full name, email, phone; case-insensitive.
    assert_eq!(numbers(&api, "search=obstruction").await, [a.as_str()]);
    assert_eq!(numbers(&api, "search=ECOCASH").await, [b.as_str()]);
    assert_eq!(numbers(&api, "search=sipho").await, [b.as_str()]);
    assert_eq!(numbers(&api, "search=ndlovu").await, [b.as_str()]);
    assert_eq!(numbers(&api, "search=Tendai%20Moyo").await, [a.as_str()]);
    assert_eq!(numbers(&api, "search=moyo%40example").await, [a.as_str()]);
    assert_eq!(numbers(&api, "search=%2B26371233").await, [b.as_str()]);
    assert_eq!(numbers(&api, "search=%C3%A9MILE").await, [c.as_str()]); // "éMILE"
    assert_eq!(numbers(&api, "search=router").await, [c.as_str()]);
    // Not ticket numbers, not external ids.
    assert!(numbers(&api, &format!("search={a}")).await.is_empty());
    assert!(numbers(&api, "search=EXT-SECRET").await.is_empty());
    assert_eq!(numbers(&api, "search=moyo&status=closed").await.len(), 0);
}

#[tokio::test]
async fn update_ticket_reference_example() {
    let api = Api::new().await;
    api.post("/v1/api/tickets", reference_create_body()).await;
    let number = ticket_number(1);
    let (status, v) = api
        .put(
            &format!("/v1/api/tickets/{number}"),
            json!({
                "status": "resolved",
                "resolution_notes": "Replaced faulty ethernet adapter",
                "csat_score": 5
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(keys(&v), sorted(&["result", "message", "ticket"]));
    assert_eq!(v["result"], "success");
    assert_eq!(v["message"], "Ticket updated");
    let t = &v["ticket"];
    assert_eq!(
        keys(t),
        sorted(&[
            "ticketNumber",
            "status",
            "resolutionNotes",
            "csatScore",
            "dateUpdated"
        ])
    );
    assert_eq!(t["ticketNumber"], number);
    assert_eq!(t["status"], "resolved");
    assert_eq!(t["resolutionNotes"], "Replaced faulty ethernet adapter");
    assert_eq!(t["csatScore"], 5);
    assert!(is_timestamp(&t["dateUpdated"]));

    let (_, got) = api.get(&format!("/v1/api/tickets/{number}")).await;
    let g = &got["ticket"];
    assert_eq!(g["status"], "resolved");
    assert_eq!(g["resolutionNotes"], "Replaced faulty ethernet adapter");
    assert_eq!(g["csatScore"], 5);
    assert_eq!(g["dateUpdated"], t["dateUpdated"]);
    assert_eq!(g["subject"], "Cannot connect to Starlink");
}

#[tokio::test]
async fn update_every_field_and_custom_fields_merge() {
    let api = Api::new().await;
    let n = api
        .create(json!({"custom_fields": {"a": 1, "b": {"x": 1, "y": 2}, "c": "keep"}}))
        .await;
    let path = format!("/v1/api/tickets/{n}");
    let (status, v) = api
        .put(
            &path,
            json!({
                "status": "in_progress",
                "priority": "critical",
                "category": "billing",
                "action_taken": "Called customer",
                "tags": "vip,starlink",
                "csat_score": 1,
                "custom_fields": {"a": null, "b": {"x": 9}, "d": [1, 2]},
                "subject": "ignored: not updatable",
                "resolution_notes": null
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let t = &v["ticket"];
    assert_eq!(
        keys(t),
        sorted(&[
            "ticketNumber",
            "status",
            "priority",
            "category",
            "actionTaken",
            "tags",
            "csatScore",
            "customFields",
            "dateUpdated"
        ])
    );
    let merged = json!({"b": {"x": 9}, "c": "keep", "d": [1, 2]});
    assert_eq!(t["customFields"], merged);
    let (_, got) = api.get(&path).await;
    let g = &got["ticket"];
    assert_eq!(g["customFields"], merged);
    assert_eq!(g["status"], "in_progress");
    assert_eq!(g["priority"], "critical");
    assert_eq!(g["category"], "billing");
    assert_eq!(g["actionTaken"], "Called customer");
    assert_eq!(g["tags"], "vip,starlink");
    assert_eq!(g["csatScore"], 1);
    assert_eq!(g["subject"], "Router fault");
    assert!(g["resolutionNotes"].is_null());

    // Status round trip through every value.
    for s in ["open", "in_progress", "resolved", "closed"] {
        let (status, v) = api.put(&path, json!({"status": s})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(v["ticket"]["status"], s);
    }
    // An empty custom_fields object is still an update.
    let (status, v) = api.put(&path, json!({"custom_fields": {}})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["ticket"]["customFields"], merged);
}

#[tokio::test]
async fn comments_reference_examples() {
    let api = Api::new().await;
    api.post("/v1/api/tickets", reference_create_body()).await;
    let number = ticket_number(1);
    let path = format!("/v1/api/tickets/{number}/comments");
    let (status, v) = api
        .post(
            &path,
            json!({
                "content": "Customer confirmed the issue is resolved after adapter replacement.",
                "is_internal": false
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(keys(&v), sorted(&["result", "message", "comment"]));
    assert_eq!(v["result"], "success");
    assert_eq!(v["message"], "Comment added");
    let c = &v["comment"];
    assert_eq!(
        keys(c),
        sorted(&[
            "publicId",
            "authorType",
            "content",
            "isInternal",
            "dateCreated"
        ])
    );
    let id = c["publicId"].as_str().unwrap();
    let parsed = uuid::Uuid::parse_str(id).expect("uuid");
    assert_eq!(parsed.get_version_num(), 4);
    assert_eq!(id, id.to_lowercase());
    assert_eq!(id.len(), 36);
    assert_eq!(c["authorType"], "admin");
    assert_eq!(
        c["content"],
        "Customer confirmed the issue is resolved after adapter replacement."
    );
    assert_eq!(c["isInternal"], false);
    assert!(is_timestamp(&c["dateCreated"]));

    let (status, v2) = api
        .post(
            &path,
            json!({"content": "Yes, everything is working now. Thank you!", "author_type": "customer"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(v2["comment"]["authorType"], "customer");
    assert_eq!(v2["comment"]["isInternal"], false);

    let (status, list) = api.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(keys(&list), sorted(&["result", "comments"]));
    assert_eq!(list["result"], "success");
    let comments = list["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0], v["comment"]);
    assert_eq!(comments[1], v2["comment"]);
    for c in comments {
        assert_eq!(
            keys(c),
            sorted(&[
                "publicId",
                "authorType",
                "content",
                "isInternal",
                "dateCreated"
            ])
        );
    }
    assert_eq!(api.sb.comment_count(), 2);

    // Adding a comment bumps the ticket's dateUpdated to the comment's time.
    let (_, t) = api.get(&format!("/v1/api/tickets/{number}")).await;
    assert_eq!(t["ticket"]["dateUpdated"], v2["comment"]["dateCreated"]);
}

#[tokio::test]
async fn comments_include_internal() {
    let api = Api::new().await;
    let n = api.create(json!({})).await;
    let path = format!("/v1/api/tickets/{n}/comments");
    api.post(&path, json!({"content": "public one"})).await;
    let (status, v) = api
        .post(
            &path,
            json!({"content": "agents only", "is_internal": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(v["comment"]["isInternal"], true);
    api.post(
        &path,
        json!({"content": "public two", "author_type": "customer"}),
    )
    .await;

    let contents = |v: &serde_json::Value| -> Vec<String> {
        v["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["content"].as_str().unwrap().to_owned())
            .collect()
    };
    for q in [
        "",
        "?include_internal=true",
        "?include_internal=1",
        "?include_internal=TRUE",
    ] {
        let (status, v) = api.get(&format!("{path}{q}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            contents(&v),
            ["public one", "agents only", "public two"],
            "{q}"
        );
    }
    for q in ["?include_internal=false", "?include_internal=0"] {
        let (_, v) = api.get(&format!("{path}{q}")).await;
        assert_eq!(contents(&v), ["public one", "public two"], "{q}");
    }
    // A ticket without comments lists an empty array.
    let other = api.create(json!({})).await;
    let (status, v) = api.get(&format!("/v1/api/tickets/{other}/comments")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["comments"], json!([]));
}
