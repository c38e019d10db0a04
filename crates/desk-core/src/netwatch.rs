//! The OS's network-change signal: when an interface or an address comes
//! or goes (the shop's router back, Wi-Fi rejoined, a cable plugged in), the
//! core checks Ping at once instead of at its next timed check.
//!
//! `netwatcher` listens the way each OS tells: a netlink socket on Linux,
//! `NotifyIpInterfaceChange` on Windows, the SystemConfiguration store on
//! macOS. It needs no async runtime; its callback runs on its own thread.

/// Listening for network changes; dropping it stops.
pub struct NetworkWatch {
    _handle: netwatcher::WatchHandle,
}

impl std::fmt::Debug for NetworkWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NetworkWatch")
    }
}

impl NetworkWatch {
    /// Calls `changed` on every change after the first snapshot. `None`
    /// (logged) when the OS would not let it listen: timed checks still run.
    pub fn start(mut changed: impl FnMut() + Send + 'static) -> Option<Self> {
        let handle = netwatcher::watch_interfaces_with_callback(move |update| {
            if !update.is_initial {
                tracing::debug!("the network changed");
                changed();
            }
        });
        match handle {
            Ok(handle) => Some(Self { _handle: handle }),
            Err(err) => {
                tracing::warn!(error = ?err, "cannot listen for network changes; timed checks only");
                None
            }
        }
    }
}
