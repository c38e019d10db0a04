//! Templates: the starting set, applying one to a form, managing them, and
//! sharing a set between desks as JSON.

use desk_core::{CoreError, Store, Template, MARKER_FIELD};
use ping_api::{NewTicket, Priority};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn template(name: &str) -> Template {
    Template {
        id: String::new(),
        name: name.into(),
        category: Some("technical".into()),
        priority: Some(Priority::High),
        subject: "Fibre: ".into(),
        description: "Since when:".into(),
        custom_fields: json!({"line_id": ""}).as_object().cloned().unwrap(),
    }
}

#[test]
fn a_new_desk_has_a_starting_set_with_the_starlink_template_first() {
    let templates = store().templates().unwrap();
    assert_eq!(templates.len(), 5);
    let starlink = &templates[0];
    assert_eq!(starlink.name, "Starlink connectivity");
    assert_eq!(starlink.priority, Some(Priority::High));
    assert_eq!(starlink.custom_fields["customer_type"], "SPT Retail");
    assert!(starlink
        .custom_fields
        .contains_key("starlink_account_email"));
}

#[test]
fn applying_a_template_never_overwrites_what_staff_typed() {
    let starlink = store().templates().unwrap().remove(0);
    let mut typed = NewTicket::new("Dish says obstructed", "");
    typed.custom_fields = json!({"customer_type": "Business"}).as_object().cloned();
    starlink.apply(&mut typed);
    assert_eq!(typed.subject, "Dish says obstructed", "typed subject kept");
    assert!(
        typed.description.starts_with("What the customer sees:"),
        "empty description filled"
    );
    assert_eq!(typed.category.as_deref(), Some("technical"));
    assert_eq!(typed.priority, Some(Priority::High));
    let fields = typed.custom_fields.unwrap();
    assert_eq!(
        fields["customer_type"], "Business",
        "typed custom field kept"
    );
    assert_eq!(fields["starlink_account_email"], "", "preset added");
}

#[test]
fn saving_checks_names_priorities_and_reserved_fields() {
    let store = store();
    let saved = store.save_template(&template("Fibre fault")).unwrap();
    assert!(!saved.id.is_empty());
    assert_eq!(
        store.templates().unwrap().last().unwrap().name,
        "Fibre fault",
        "new ones go last"
    );

    let mut renamed = saved.clone();
    renamed.description = "Line id:".into();
    store.save_template(&renamed).unwrap();
    assert_eq!(store.templates().unwrap().len(), 6, "saving again replaces");

    let refusals = [
        Template {
            name: "  ".into(),
            ..template("x")
        },
        Template {
            name: "FIBRE FAULT".into(),
            ..template("x")
        },
        Template {
            priority: Some(Priority::Other("urgent".into())),
            ..template("Urgent")
        },
        Template {
            custom_fields: json!({ MARKER_FIELD: "x" }).as_object().cloned().unwrap(),
            ..template("Sneaky")
        },
        Template {
            name: "n".repeat(81),
            ..template("x")
        },
    ];
    for bad in refusals {
        assert!(
            matches!(store.save_template(&bad), Err(CoreError::Validation(_))),
            "{bad:?}"
        );
    }
    store.delete_template(&saved.id).unwrap();
    assert_eq!(store.templates().unwrap().len(), 5);
    assert!(store.delete_template(&saved.id).is_err());
}

#[test]
fn a_set_exported_on_one_desk_imports_on_another() {
    let manager = store();
    manager.save_template(&template("Fibre fault")).unwrap();
    let mut starlink = manager.templates().unwrap().remove(0);
    starlink.subject = "Starlink (Harare): ".into();
    manager.save_template(&starlink).unwrap();
    let file = manager.export_templates().unwrap();
    assert!(
        !file.contains("0190f000"),
        "ids are the desk's own, not exported"
    );

    let desk = store();
    let report = desk.import_templates(&file).unwrap();
    assert_eq!((report.added, report.updated), (1, 5));
    let names: Vec<String> = desk
        .templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names.len(), 6);
    assert_eq!(desk.templates().unwrap()[0].subject, "Starlink (Harare): ");
    let again = desk.import_templates(&file).unwrap();
    assert_eq!(
        (again.added, again.updated),
        (0, 6),
        "importing twice adds nothing"
    );
}

#[test]
fn a_bad_file_is_refused_and_changes_nothing() {
    let desk = store();
    let before = desk.templates().unwrap();
    let mut with_bad_one = json!({"format": "ping-desk-templates", "version": 1, "templates": [
        {"name": "Good one", "subject": "x"},
        {"name": "", "subject": "nameless"}
    ]});
    for file in [
        "not json".to_owned(),
        json!({"format": "something-else", "version": 1, "templates": []}).to_string(),
        json!({"format": "ping-desk-templates", "version": 99, "templates": []}).to_string(),
        with_bad_one.to_string(),
    ] {
        let err = desk.import_templates(&file).unwrap_err();
        assert!(matches!(err, CoreError::Validation(_)), "{err}");
    }
    assert_eq!(desk.templates().unwrap(), before);
    with_bad_one["templates"][1]["name"] = json!("Fixed");
    assert_eq!(
        desk.import_templates(&with_bad_one.to_string())
            .unwrap()
            .added,
        2
    );
}

fn names(store: &Store) -> Vec<String> {
    store
        .templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect()
}

fn refusal(store: &Store, file: &str) -> String {
    match store.import_templates(file) {
        Err(CoreError::Validation(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn two_templates_with_one_name_in_a_file_save_none() {
    let desk = store();
    let before = desk.templates().unwrap();
    let file = json!({"format": "ping-desk-templates", "version": 1, "templates": [
        {"name": "Fibre fault", "subject": "Fibre: "},
        {"name": "Solar kit", "subject": "Solar: "},
        {"name": " FIBRE fault ", "subject": "Fibre again: "}
    ]});
    let message = refusal(&desk, &file.to_string());
    assert!(
        message.contains("templates 1 and 3") && message.contains("FIBRE fault"),
        "says which: {message}"
    );
    assert_eq!(desk.templates().unwrap(), before, "none saved");
}

#[test]
fn two_templates_naming_one_already_here_save_none() {
    let desk = store();
    let before = desk.templates().unwrap();
    // A file template named like one on the desk replaces it; two of them
    // would both replace the same one, so the file is refused whole.
    let file = json!({"format": "ping-desk-templates", "version": 1, "templates": [
        {"name": "New one", "subject": "New: "},
        {"name": "Starlink connectivity", "subject": "Changed: "},
        {"name": "STARLINK CONNECTIVITY", "subject": "Changed again: "}
    ]});
    let message = refusal(&desk, &file.to_string());
    assert!(
        message.contains("templates 2 and 3") && message.contains("STARLINK CONNECTIVITY"),
        "says which: {message}"
    );
    assert_eq!(
        desk.templates().unwrap(),
        before,
        "none saved, none changed"
    );
    assert!(!names(&desk).contains(&"New one".to_owned()));
}

#[test]
fn an_oversize_file_is_refused_before_it_is_read() {
    let desk = store();
    let before = desk.templates().unwrap();
    // Valid apart from its size: 1 MB of blanks after a good file.
    let good = json!({"format": "ping-desk-templates", "version": 1, "templates": [
        {"name": "Padded", "subject": "x"}
    ]})
    .to_string();
    let padded = format!("{good}{}", " ".repeat(1_000_000));
    let message = refusal(&desk, &padded);
    assert!(message.contains("too big"), "{message}");
    assert_eq!(desk.templates().unwrap(), before);
    // Not JSON at all: the size is what it is refused for, not its syntax.
    let message = refusal(&desk, &"{".repeat(1_000_001));
    assert!(message.contains("too big"), "{message}");
    assert_eq!(
        desk.import_templates(&good).unwrap().added,
        1,
        "at its size, imported"
    );
}

#[test]
fn an_error_over_huge_input_stays_short() {
    let desk = store();
    let huge = "Ж".repeat(100_000);
    let files = [
        json!({"format": "ping-desk-templates", "version": 1, "templates": [{"name": huge}]}),
        json!({"format": "ping-desk-templates", "version": 1, "templates": [
            {"name": "Fine", "priority": huge}
        ]}),
        json!({"format": "ping-desk-templates", "version": huge, "templates": []}),
        json!({"format": "ping-desk-templates", "version": 1, "templates": [{"name": 7, "subject": huge}]}),
        json!({"format": "ping-desk-templates", "version": 1, "templates": [
            {"name": "Ж".repeat(70) + "a"}, {"name": "Ж".repeat(70) + "A"}
        ]}),
        json!({"format": huge, "version": 1, "templates": []}),
    ];
    for file in files {
        let message = refusal(&desk, &file.to_string());
        assert!(
            message.chars().count() <= 160 && message.matches('Ж').count() <= 40,
            "{} characters: {}",
            message.chars().count(),
            message.chars().take(300).collect::<String>()
        );
    }
}

/// Something shaped like an export, mostly valid, with any of its parts
/// wrong: names clashing (with each other or with the starting set, in any
/// case), too long or empty, unknown priorities, reserved or empty custom
/// fields, wrong types, other formats and versions.
fn export_like() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        Just(String::new()),
        "\\PC{0,12}",
        any::<String>(),
        (1usize..120).prop_map(|n| "n".repeat(n)),
    ];
    let any_json = prop_oneof![
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text.clone().prop_map(Value::from),
    ];
    let name = prop_oneof![
        6 => prop::sample::select(vec![
            "Fibre fault",
            "fibre FAULT",
            "Solar kit",
            "Starlink connectivity",
            "SIM SWAP",
            " Router or modem fault ",
        ])
        .prop_map(Value::from),
        3 => "[A-Za-z][A-Za-z ]{0,11}".prop_map(Value::from),
        2 => text.clone().prop_map(Value::from),
        1 => any_json.clone(),
    ];
    let priority = prop_oneof![
        6 => prop::sample::select(vec!["low", "medium", "high", "critical"]).prop_map(Value::from),
        2 => Just(Value::Null),
        1 => prop::sample::select(vec!["urgent", ""]).prop_map(Value::from),
        1 => any_json.clone(),
    ];
    let fields = prop_oneof![
        6 => prop::collection::btree_map("[a-z_]{1,10}", "\\PC{0,8}", 0..3)
            .prop_map(|m| json!(m)),
        1 => prop::collection::btree_map(
            prop_oneof![text.clone(), Just(MARKER_FIELD.to_owned())],
            any_json.clone(),
            1..3
        )
        .prop_map(|m| Value::Object(m.into_iter().collect())),
        1 => any_json.clone(),
    ];
    let template = (name, priority, text, fields).prop_map(|(name, priority, subject, fields)| {
        json!({"name": name, "priority": priority, "subject": subject, "customFields": fields})
    });
    (
        prop_oneof![
            8 => Just(Value::from("ping-desk-templates")),
            1 => any_json.clone()
        ],
        prop_oneof![8 => Just(Value::from(1)), 1 => any_json],
        prop::collection::vec(template, 0..8),
    )
        .prop_map(|(format, version, templates)| {
            json!({"format": format, "version": version, "templates": templates})
        })
}

#[test]
fn any_import_is_a_report_or_a_short_error_and_never_half_saved() {
    let files = prop_oneof![
        3 => export_like().prop_map(|v| v.to_string()),
        1 => any::<String>(),
    ];
    let mut runner = TestRunner::new(Config {
        cases: 250,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&files, |file| {
            let desk = store();
            let before = desk.templates().unwrap();
            match desk.import_templates(&file) {
                Ok(report) => {
                    let after = desk.templates().unwrap();
                    prop_assert_eq!(after.len(), before.len() + report.added as usize);
                }
                Err(CoreError::Validation(message)) => {
                    prop_assert_eq!(desk.templates().unwrap(), before, "{}", message);
                    prop_assert!(message.chars().count() <= 160, "{}", message);
                }
                Err(other) => prop_assert!(false, "not a clear refusal: {other}"),
            }
            Ok(())
        })
        .unwrap();
}
