//! Outputs handed out one at a time to whichever thread asks next, in
//! `Site::outputs_of`'s order: a thread can join while they are made
//! (`build`'s own, once it has read history).

use super::outputs::Make;
use super::watchdog::Watchdog;
use super::{Pages, Site};
use anyhow::Result;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Queue<'s> {
    site: &'s Site,
    outputs: Vec<(&'s String, &'s Make)>,
    next: AtomicUsize,
    /// Ends the process when a page renders for too long.
    dog: Arc<Watchdog>,
}

impl<'s> Queue<'s> {
    pub fn new(site: &'s Site, which: Pages) -> Queue<'s> {
        Queue {
            site,
            outputs: site.outputs_of(which),
            next: AtomicUsize::new(0),
            dog: Watchdog::start(),
        }
    }

    /// Makes outputs, handing each to `sink` as it is made, until none is
    /// left or one failed, here or on another thread.
    pub fn drain(&self, sink: &(impl Fn(&str, Vec<u8>) -> Result<()> + Sync)) -> Result<()> {
        while let Some(&(path, make)) = self.outputs.get(self.next.fetch_add(1, Ordering::Relaxed))
        {
            let made = (self.dog)
                .watch(path, || self.site.make(path, make))
                .and_then(|bytes| sink(path, bytes));
            if made.is_err() {
                self.stop();
                return made;
            }
        }
        Ok(())
    }

    /// Hands out no more outputs.
    pub fn stop(&self) {
        self.next.store(self.outputs.len(), Ordering::Relaxed);
    }
}
