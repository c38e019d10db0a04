//! Offline search takes whatever staff type: words next to grouped numbers,
//! query syntax, control characters, any Unicode, very long text. It gives
//! results or none, never an error; and a phone finds its ticket in every
//! form staff may type it.

use desk_core::{is_e164, Store};
use ping_api::{ListQuery, Ticket};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn ticket(number: &str, first: &str, last: &str, phone: &str, subject: &str) -> Ticket {
    Ticket {
        ticket_number: number.into(),
        subject: Some(subject.into()),
        description: Some("Customer reports the line drops since Monday.".into()),
        customer_first_name: Some(first.into()),
        customer_last_name: Some(last.into()),
        customer_phone: Some(phone.into()),
        customer_email: Some(format!("{}@example.co.zw", first.to_lowercase())),
        ..Ticket::default()
    }
}

/// Tendai Moyo (the one staff look for), another Moyo, another Tendai, and
/// a ticket whose text is full of FTS5 syntax.
fn counter_store() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .cache_tickets(&[
            ticket(
                "TKT-0001",
                "Tendai",
                "Moyo",
                "+263772987654",
                "Router will not connect",
            ),
            ticket(
                "TKT-0002",
                "Rudo",
                "Moyo",
                "+263772111222",
                "Airtime not received",
            ),
            ticket(
                "TKT-0003",
                "Tendai",
                "Chikwanha",
                "+263773000111",
                "Screen repair",
            ),
            ticket(
                "TKT-0004",
                "Nqobile",
                "Ndlovu",
                "+27821234567",
                "\"NEAR(a b)\" AND OR NOT ^x* col:y {a b} [c] -d +e",
            ),
        ])
        .unwrap();
    store
}

fn searched(store: &Store, text: &str) -> Vec<String> {
    let mut numbers: Vec<String> = store
        .search_cached(text, 50)
        .unwrap_or_else(|err| panic!("search for {text:?} failed: {err}"))
        .into_iter()
        .map(|c| c.ticket.ticket_number)
        .collect();
    numbers.sort();
    numbers
}

fn listed(store: &Store, text: &str) -> Vec<String> {
    let page = store
        .list_cached(&ListQuery {
            search: Some(text.into()),
            per_page: Some(100),
            ..ListQuery::default()
        })
        .unwrap_or_else(|err| panic!("list search for {text:?} failed: {err}"));
    let mut numbers: Vec<String> = page
        .tickets
        .into_iter()
        .map(|c| c.ticket.ticket_number)
        .collect();
    numbers.sort();
    numbers
}

#[test]
fn a_word_next_to_a_grouped_number_finds_the_customer() {
    let store = counter_store();
    let tendai_moyo = vec!["TKT-0001".to_owned()];
    for typed in [
        "moyo 0772 987",
        "tendai +263772987654",
        "Tendai 0772 987 654",
        "moyo 0772987654",
        "0772 987 moyo",
        "tendai (077) 298-7654",
        "tend moy 772987",
    ] {
        assert_eq!(searched(&store, typed), tendai_moyo, "search for {typed:?}");
        assert_eq!(
            listed(&store, typed),
            tendai_moyo,
            "list search for {typed:?}"
        );
    }
    assert_eq!(searched(&store, "moyo"), ["TKT-0001", "TKT-0002"]);
    assert_eq!(searched(&store, "tendai"), ["TKT-0001", "TKT-0003"]);
    assert!(searched(&store, "rudo 0772 987").is_empty());
    assert!(listed(&store, "chikwanha +263772987654").is_empty());
}

#[test]
fn query_syntax_typed_is_searched_as_words() {
    let store = counter_store();
    let ndlovu = vec!["TKT-0004".to_owned()];
    assert_eq!(searched(&store, "near and or not"), ndlovu);
    assert_eq!(searched(&store, "NEAR(a b)"), ndlovu);
    assert_eq!(searched(&store, "col:y"), ndlovu);
    assert_eq!(searched(&store, "ndlovu \"NEAR\" ^x*"), ndlovu);
    assert_eq!(listed(&store, "{a b} [c] -d +e ndlovu"), ndlovu);
    for nothing in [
        "\0",
        "moyo\0tendai",
        "\u{301}\u{345}",
        "\"",
        "( ) { } * ^ :",
    ] {
        searched(&store, nothing);
        listed(&store, nothing);
    }
    assert_eq!(
        searched(&store, "moyo\0tendai"),
        ["TKT-0001"],
        "a control character separates words"
    );
}

/// What staff might type: any character at all, the pieces of FTS5 syntax,
/// and pieces of what the tickets hold, mixed; up to ~5,000 characters.
fn typed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\"".to_owned()),
        Just("\0".to_owned()),
        Just("\u{301}".to_owned()),
        Just("\u{345}".to_owned()),
        Just("\u{200b}".to_owned()),
        prop::sample::select(vec![
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "NEAR(",
            "^",
            "*",
            ":",
            "(",
            ")",
            "{",
            "}",
            "[",
            "]",
            "-",
            "+",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{7f}",
            "moyo",
            "Tendai",
            "0772",
            "987",
            "654",
            "+263772987654",
            "TKT-",
            "col:",
            "e\u{301}",
        ])
        .prop_map(str::to_owned),
        "\\PC{1,8}",
    ];
    prop_oneof![
        4 => prop::collection::vec(piece.clone(), 0..24).prop_map(|p| p.concat()),
        2 => prop::collection::vec(any::<char>(), 0..64).prop_map(String::from_iter),
        1 => prop::collection::vec(piece, 800..1500).prop_map(|p| {
            let text = p.concat();
            text.chars().take(5_000).collect()
        }),
    ]
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn any_text_gives_results_or_none_never_an_error() {
    let store = counter_store();
    runner(300)
        .run(&typed_text(), |text| {
            let found = store.search_cached(&text, 20);
            prop_assert!(found.is_ok(), "search {text:?}: {:?}", found.err());
            let page = store.list_cached(&ListQuery {
                search: Some(text.clone()),
                ..ListQuery::default()
            });
            prop_assert!(page.is_ok(), "list {text:?}: {:?}", page.err());
            Ok(())
        })
        .unwrap();
}

/// A valid E.164 number: a plus, a non-zero digit, 7 to 15 digits; half of
/// them Zimbabwean, whose local forms staff type most.
fn e164() -> impl Strategy<Value = String> {
    prop_oneof!["\\+[1-9][0-9]{6,14}", "\\+263[1-9][0-9]{3,11}",]
}

/// The forms staff may type a phone in: as stored, digits only, and for a
/// Zimbabwean number the local 07… and 7… forms.
fn typed_forms(phone: &str) -> Vec<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let mut forms = vec![phone.to_owned(), digits.clone()];
    if let Some(national) = digits.strip_prefix("263") {
        forms.push(format!("0{national}"));
        forms.push(national.to_owned());
    }
    forms
}

/// `digits` with a space after each position in `cuts` (grouped typing).
fn grouped(digits: &str, cuts: &[usize]) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && cuts.contains(&i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[test]
fn every_form_of_a_valid_phone_finds_its_ticket() {
    let strategy = (e164(), prop::collection::vec(1usize..12, 0..4));
    runner(60)
        .run(&strategy, |(phone, cuts)| {
            prop_assert!(is_e164(&phone), "{phone} is E.164");
            let store = counter_store();
            store
                .cache_ticket(
                    &ticket("TKT-9999", "Walk", "In", &phone, "Phone lookup"),
                    true,
                )
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut forms = typed_forms(&phone);
            forms.push(grouped(&forms[forms.len() - 1], &cuts));
            for form in forms {
                prop_assert!(
                    searched(&store, &form).contains(&"TKT-9999".to_owned()),
                    "{phone} typed as {form:?}"
                );
                prop_assert!(
                    listed(&store, &form).contains(&"TKT-9999".to_owned()),
                    "{phone} listed as {form:?}"
                );
            }
            let history = store
                .cached_for_customer(Some(&phone), None, 20)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(history.iter().any(|c| c.ticket.ticket_number == "TKT-9999"));
            Ok(())
        })
        .unwrap();
}

/// What E.164 means, spelled out by characters.
fn e164_by_hand(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    let count = digits.chars().count();
    (7..=15).contains(&count)
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

#[test]
fn phone_validation_never_panics_and_says_what_e164_means() {
    let near_phones = prop_oneof![
        any::<String>(),
        "[+0-9 ()٠-٩-]{0,20}",
        "\\+[0-9]{0,18}",
        e164(),
    ];
    runner(500)
        .run(&near_phones, |text| {
            prop_assert_eq!(is_e164(&text), e164_by_hand(&text), "{:?}", text);
            Ok(())
        })
        .unwrap();
}
