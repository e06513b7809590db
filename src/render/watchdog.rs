//! Gives up on a build whose page takes too long to render. The limits on
//! input (file size, nesting) bound what the built-in theme does, but a
//! site's own template can still loop over far too much (every item for
//! every item, at 100,000 items): a CI job should then fail within a
//! minute, naming the page, rather than run until its own timeout. A
//! render cannot be interrupted, so the build ends there; `serve` has no
//! watchdog, and its other pages are answered meanwhile.

use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, Weak};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long one page may take, unless `CHARTER_PAGE_TIME_LIMIT` (seconds)
/// says otherwise.
const LIMIT: Duration = Duration::from_secs(60);

pub struct Watchdog {
    limit: Duration,
    /// The page each rendering thread is on, and since when.
    running: Mutex<FxHashMap<ThreadId, (String, Instant)>>,
}

impl Watchdog {
    /// Starts watching; it stops when the last `Arc` is dropped.
    pub fn start() -> Arc<Watchdog> {
        let limit = std::env::var("CHARTER_PAGE_TIME_LIMIT")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(LIMIT, Duration::from_secs_f64);
        let dog = Arc::new(Watchdog {
            limit,
            running: Mutex::default(),
        });
        let weak: Weak<Watchdog> = Arc::downgrade(&dog);
        std::thread::spawn(move || {
            let tick = (limit / 10).clamp(Duration::from_millis(10), Duration::from_secs(1));
            loop {
                std::thread::sleep(tick);
                let Some(dog) = weak.upgrade() else {
                    return;
                };
                if let Some(page) = dog.overdue() {
                    eprintln!(
                        "{}: rendering {page} took more than {} s, the limit for one page; \
                         a template may loop over far too much (set CHARTER_PAGE_TIME_LIMIT \
                         to a number of seconds to allow more)",
                        crate::term::error_label(),
                        dog.limit.as_secs_f64()
                    );
                    std::process::exit(2);
                }
            }
        });
        dog
    }

    /// Runs `render` for `page`, on the watch.
    pub fn watch<T>(&self, page: &str, render: impl FnOnce() -> T) -> T {
        let thread = std::thread::current().id();
        let started = (page.to_string(), Instant::now());
        self.lock().insert(thread, started);
        let out = render();
        self.lock().remove(&thread);
        out
    }

    fn overdue(&self) -> Option<String> {
        self.lock()
            .values()
            .find(|(_, since)| since.elapsed() > self.limit)
            .map(|(page, _)| page.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<ThreadId, (String, Instant)>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}
