//! The API key in a real OS keychain. On Linux this needs a Secret Service
//! (scripts/test.sh runs the tests in a D-Bus session with an unlocked
//! gnome-keyring); without one, the failure says how to get one. On Windows
//! they use the Credential Manager (scripts/windows.sh runs them under Wine).

use ping_api::ApiKey;
use ping_desk_lib::keychain::{Keychain, KeychainError};

fn keychain(test: &str) -> Keychain {
    // A service name per test and run, so tests never touch a real key.
    Keychain::new(
        format!("zw.co.ping.desk.test.{}.{test}", std::process::id()),
        "ping-api-key",
    )
}

fn require_secret_service(keychain: &Keychain) {
    if let Err(err) = keychain.check() {
        panic!("no usable keychain for this test ({err}); run it through scripts/test.sh, which starts a Secret Service");
    }
}

#[test]
fn set_read_delete_round_trip() {
    let keychain = keychain("round-trip");
    require_secret_service(&keychain);
    let key = ApiKey::parse("pk_test_KeychainKeychainKeychain12345678").unwrap();
    assert_eq!(keychain.load(PING).unwrap(), None);
    keychain.store(PING, &key).unwrap();
    assert_eq!(keychain.load(PING).unwrap(), Some(key.clone()));

    let replacement = ApiKey::parse("sk_live_ReplacementReplacement1234567890").unwrap();
    keychain.store(PING, &replacement).unwrap();
    assert_eq!(keychain.load(PING).unwrap(), Some(replacement));

    keychain.delete().unwrap();
    assert_eq!(keychain.load(PING).unwrap(), None);
    keychain.delete().expect("deleting nothing is fine");
}

const PING: &str = "https://api.ping.co.zw";

#[test]
fn a_key_is_only_handed_out_for_the_address_it_was_filed_for() {
    let keychain = keychain("bound");
    require_secret_service(&keychain);
    let key = ApiKey::parse("pk_test_BoundBoundBoundBoundBoun12345678").unwrap();
    keychain.store(PING, &key).unwrap();
    for elsewhere in [
        "https://api.ping.co.zw.evil.example",
        "https://other.example",
        "http://127.0.0.1:8787",
        "https://api.ping.co.zw/v2",
    ] {
        assert_eq!(keychain.load(elsewhere).unwrap(), None, "{elsewhere}");
    }
    assert_eq!(keychain.load(PING).unwrap(), Some(key));
    // A bare key (no address with it) is a key for no address.
    let service = format!("zw.co.ping.desk.test.{}.bound", std::process::id());
    keyring::Entry::new(&service, "ping-api-key")
        .unwrap()
        .set_password("pk_test_BoundBoundBoundBoundBoun12345678")
        .unwrap();
    assert_eq!(keychain.load(PING).unwrap(), None);
    keychain.delete().unwrap();
}

#[test]
fn a_damaged_entry_is_reported_not_used() {
    let keychain = keychain("damaged");
    require_secret_service(&keychain);
    let service = format!("zw.co.ping.desk.test.{}.damaged", std::process::id());
    keyring::Entry::new(&service, "ping-api-key")
        .unwrap()
        .set_password(&format!("{PING}\nnot a key"))
        .unwrap();
    assert!(matches!(keychain.load(PING), Err(KeychainError::Corrupt)));
    keychain.delete().unwrap();
}

// Only Linux can be without a keychain service: Windows' Credential Manager
// and macOS's Keychain are always there.
#[cfg(target_os = "linux")]
#[test]
fn without_a_secret_service_the_error_says_how_to_fix_it() {
    // Point D-Bus at nothing: the keychain must say it is unavailable and
    // how to fix it, and never fall back to a file.
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "no_bus_child",
            "--nocapture",
            "--include-ignored",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("PING_DESK_KEYCHAIN_CHILD", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("1 passed"), "the child ran the check: {text}");
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "run by without_a_secret_service_the_error_says_how_to_fix_it in a child process"]
fn no_bus_child() {
    if std::env::var_os("PING_DESK_KEYCHAIN_CHILD").is_none() {
        return;
    }
    let keychain = keychain("no-bus");
    let key = ApiKey::parse("pk_test_KeychainKeychainKeychain12345678").unwrap();
    match keychain.store(PING, &key) {
        Err(KeychainError::Unavailable(message)) => {
            assert!(message.contains("Secret Service"), "{message}");
            assert!(!message.contains("KeychainKeychain"));
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}
