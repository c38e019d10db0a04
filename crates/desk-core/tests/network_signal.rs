//! The OS's network-change signal, for real (Linux): in a network namespace
//! of its own, the test takes the address 127.0.0.1 off the loopback
//! interface (Ping, the sandbox listening there, becomes unreachable),
//! queues a ticket, and gives the address back, as a DHCP lease coming
//! back does. With timed checks a minute apart, only the kernel's netlink
//! message, through `netwatcher` and `DeskCore::watch_network`, can make
//! the ticket leave within seconds. (`netwatcher` reports interfaces and
//! addresses coming and going, not a link going down with its addresses
//! kept.)
#![cfg(target_os = "linux")]

mod support;

use desk_core::{CopyConfig, DeskCore, SyncConfig};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

const INSIDE: &str = "DESK_CORE_NETNS_INSIDE";

fn ip(args: &[&str]) {
    let status = Command::new("ip").args(args).status().expect("ip runs");
    assert!(status.success(), "ip {args:?}");
}

#[test]
fn a_network_change_from_the_os_sends_queued_writes_at_once() {
    if std::env::var_os(INSIDE).is_some() {
        return inside();
    }
    // Run this same test again inside a new network namespace (and a user
    // namespace, so no privilege is needed where user namespaces are
    // allowed; as root it works either way).
    let output = Command::new("unshare")
        .args(["--net", "--map-root-user", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_network_change_from_the_os_sends_queued_writes_at_once",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(INSIDE, "1")
        .output()
        .expect("unshare runs (util-linux)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "inside the namespace:\n{text}");
    assert!(text.contains("1 passed"), "the inner test ran:\n{text}");
    println!("{text}");
}

fn inside() {
    ip(&["link", "set", "lo", "up"]);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let sandbox = sandbox().await;
        let config = SyncConfig {
            // Timed checks a minute apart: only the signal explains a quick send.
            reconnect_interval: Duration::from_secs(60),
            probe_interval: Duration::from_secs(60),
            copy: CopyConfig {
                enabled: false,
                ..CopyConfig::default()
            },
            ..SyncConfig::default()
        };
        let core = Arc::new(DeskCore::in_memory(config).unwrap());
        core.set_client(Some(client_for(&sandbox.base_url())));
        core.start_sync().unwrap();
        wait_for(Duration::from_secs(5), || {
            core.status().unwrap().online == Some(true)
        })
        .await;
        let _watch = core.watch_network().expect("netlink answers");

        ip(&["addr", "del", "127.0.0.1/8", "dev", "lo"]);
        core.create_ticket(walk_in(0)).unwrap();
        wait_for(Duration::from_secs(10), || {
            core.status().unwrap().online == Some(false)
        })
        .await;
        // The signal of the address going has passed; nothing else checks.
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert_eq!(core.status().unwrap().counts.pending, 1);

        let up = Instant::now();
        ip(&["addr", "add", "127.0.0.1/8", "dev", "lo"]);
        drained(&core, Duration::from_secs(10)).await;
        println!("sent {:?} after the address came back", up.elapsed());
        assert_eq!(sandbox.ticket_count(), 1);
        core.stop_sync().await;
    });
}
