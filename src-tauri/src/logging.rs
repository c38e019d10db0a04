//! The app's log: `tracing` events (the app's and the crates'; the `log`
//! records of libraries are bridged in by tracing-subscriber's `LogTracer`)
//! go to stderr, as in development, and to a file in the OS's log folder
//! that support can ask a store for.
//!
//! The file is tauri-plugin-log's size-rotating file: at 1 MiB it is renamed
//! with the date and a new one started, and only the four newest renamed
//! files are kept, so the log never takes more than about 5 MiB. Only its
//! file writer is used (`Builder::split`): the plugin's logger is never made
//! the global `log` logger, which `LogTracer` already is; this module hands
//! it each line tracing-subscriber has formatted. The plugin is not
//! registered, so the web view cannot write to the log.
//!
//! What is logged: ticket numbers, local references, operation ids, error
//! codes and HTTP statuses, paths, timings. Never the key (a redacted type),
//! nor a customer's details or Ping's error texts, which can quote them
//! (docs/security.md, "Logs").

use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};
use tracing_subscriber::fmt::MakeWriter;

/// The log file's name, without `.log`; rotated files are
/// `ping-desk_<date>_<time>.log`.
pub const FILE_NAME: &str = "ping-desk";
/// A file is rotated once it would grow past this.
pub const MAX_FILE_BYTES: u128 = 1024 * 1024;
/// Rotated files kept besides the current one.
pub const FILES_KEPT: usize = 4;
/// Lines kept in memory until the file is open (the window's setup), so
/// what the start logs still reaches it.
const EARLY_LINES: usize = 200;
/// What is logged unless `PING_DESK_LOG` says otherwise (an EnvFilter). The
/// demo's in-process sandbox logs every request; staff's log keeps its
/// warnings only.
const DEFAULT_FILTER: &str = "info,ping_sandbox=warn";

struct Sink {
    file: Option<Box<dyn log::Log>>,
    dir: Option<PathBuf>,
    early: Vec<String>,
}

static SINK: Mutex<Sink> = Mutex::new(Sink {
    file: None,
    dir: None,
    early: Vec::new(),
});

/// Whether [`init`] installed the subscriber: without it nothing would be
/// written, and no file is made (the command tests run without one).
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread writes a line: a line logged from within the
    /// writer (it never should) is dropped instead of deadlocking.
    static WRITING: Cell<bool> = const { Cell::new(false) };
}

fn sink() -> std::sync::MutexGuard<'static, Sink> {
    SINK.lock().unwrap_or_else(|p| p.into_inner())
}

/// Installs the process's tracing subscriber: stderr and the log file (open
/// once [`attach`] names its folder). `PING_DESK_LOG` filters both. Once per
/// process; later calls do nothing.
pub fn init() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{fmt, EnvFilter};
    let filter =
        EnvFilter::try_from_env("PING_DESK_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_target(false).with_writer(std::io::stderr))
        .with(fmt::layer().with_ansi(false).with_writer(LogFile))
        .try_init();
    if installed.is_ok() {
        INSTALLED.store(true, Ordering::SeqCst);
    }
}

/// Where the log files go: `logs/` in the data folder when it is overridden
/// (`PING_DESK_DATA_DIR`: tests, a second profile), else the OS's log folder
/// for the app (`~/.local/share/zw.co.ping.desk/logs` on Linux,
/// `%LOCALAPPDATA%\zw.co.ping.desk\logs` on Windows,
/// `~/Library/Logs/zw.co.ping.desk` on macOS).
pub fn dir_for<R: Runtime>(
    app: &AppHandle<R>,
    data_dir_override: Option<&Path>,
) -> Result<PathBuf, String> {
    match data_dir_override {
        Some(dir) => Ok(dir.join("logs")),
        None => app
            .path()
            .app_log_dir()
            .map_err(|err| format!("the system names no folder for logs ({err})")),
    }
}

/// Opens the log file in `dir` (created readable by the user only) and
/// writes what was logged before. Without [`init`]'s subscriber it only
/// notes the folder. A file that cannot be opened leaves the
/// log on stderr only, and says so there.
pub fn attach<R: Runtime>(app: &AppHandle<R>, dir: &Path) {
    if !INSTALLED.load(Ordering::SeqCst) {
        sink().dir = Some(dir.to_owned());
        return;
    }
    let opened = crate::settings::create_private_dir(dir)
        .map_err(|err| err.to_string())
        .and_then(|()| {
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .target(tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::Folder {
                        path: dir.to_owned(),
                        file_name: Some(FILE_NAME.to_owned()),
                    },
                ))
                // Lines arrive formatted by tracing-subscriber, filtered by
                // `PING_DESK_LOG`.
                .clear_format()
                .level(log::LevelFilter::Trace)
                .max_file_size(MAX_FILE_BYTES)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(FILES_KEPT))
                .split(app)
                .map(|(_plugin, _level, file)| file)
                .map_err(|err| err.to_string())
        });
    let mut sink = sink();
    sink.dir = Some(dir.to_owned());
    match opened {
        Ok(file) => {
            for line in std::mem::take(&mut sink.early) {
                write_line(file.as_ref(), &line);
            }
            sink.file = Some(file);
        }
        Err(err) => {
            sink.file = None;
            eprintln!(
                "Ping Desk: cannot write the log in {}: {err}",
                dir.display()
            );
        }
    }
}

/// The folder the log file is in, once known.
pub fn current_dir() -> Option<PathBuf> {
    sink().dir.clone()
}

/// The last `count` lines of the log (the current file, and the newest
/// rotated one when the current file is shorter), oldest first.
pub fn tail(count: usize) -> Vec<String> {
    let Some(dir) = current_dir() else {
        return Vec::new();
    };
    let mut files = vec![dir.join(format!("{FILE_NAME}.log"))];
    let mut rotated: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| {
                            name.starts_with(&format!("{FILE_NAME}_")) && name.ends_with(".log")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    // Dated names sort in time order: the newest last.
    rotated.sort();
    files.extend(rotated.pop());
    let mut lines: Vec<String> = Vec::new();
    for file in files {
        let text = std::fs::read(&file)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let mut older: Vec<String> = text.lines().map(str::to_owned).collect();
        let wanted = count - lines.len();
        let skip = older.len().saturating_sub(wanted);
        older.drain(..skip);
        older.append(&mut lines);
        lines = older;
        if lines.len() >= count {
            break;
        }
    }
    lines
}

fn write_line(file: &dyn log::Log, line: &str) {
    file.log(
        &log::Record::builder()
            .args(format_args!("{line}"))
            .level(log::Level::Info)
            .target("ping_desk")
            .build(),
    );
}

/// tracing-subscriber's writer for the file: each event arrives as one
/// formatted line.
struct LogFile;

impl<'a> MakeWriter<'a> for LogFile {
    type Writer = Line;

    fn make_writer(&'a self) -> Self::Writer {
        Line(Vec::new())
    }
}

/// One formatted event, handed to the file when tracing-subscriber is done.
struct Line(Vec<u8>);

impl Write for Line {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        if self.0.is_empty() || WRITING.with(Cell::get) {
            return;
        }
        WRITING.with(|w| w.set(true));
        let text = String::from_utf8_lossy(&self.0);
        let line = text.trim_end_matches(['\r', '\n']);
        let mut sink = sink();
        match &sink.file {
            Some(file) => write_line(file.as_ref(), line),
            None if sink.early.len() < EARLY_LINES => sink.early.push(line.to_owned()),
            None => {}
        }
        drop(sink);
        WRITING.with(|w| w.set(false));
    }
}
