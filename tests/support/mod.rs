//! Shared by the shell's integration tests (each test file is its own crate
//! and takes what it needs: `mod support;`).

use ping_desk_lib::keychain::Keychain;

/// A keychain entry of this test's own, deleted when dropped.
pub struct TestKeychain(pub Keychain);

impl TestKeychain {
    pub fn new(test: &str) -> Self {
        let keychain = Keychain::new(
            format!("zw.co.ping.desk.test.{}.{test}", std::process::id()),
            "ping-api-key",
        );
        if let Err(err) = keychain.check() {
            panic!("no usable keychain for this test ({err}); run it through scripts/with-secret-service.sh (scripts/test.sh does)");
        }
        Self(keychain)
    }
}

impl Drop for TestKeychain {
    fn drop(&mut self) {
        let _ = self.0.delete();
    }
}
