//! Templates: the starting set, applying one to a form, managing them, and
//! sharing a set between desks as JSON.

use desk_core::{CoreError, Store, Template, MARKER_FIELD};
use ping_api::{NewTicket, Priority};
use serde_json::json;

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
