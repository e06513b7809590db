//! When a roadmap item runs: its dates, its milestones and the items it
//! waits for, read once from its fields so that the timeline, an item's
//! own bar, its page's list of milestones and any later view draw from the
//! same facts.

use crate::model::{Date, Entity, Kind, Strategy};
use serde::Serialize;

/// A roadmap item's place in time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub start: Option<Date>,
    pub target: Option<Date>,
    /// Every milestone, in the order its page lists them: those without
    /// a date first, as written, then the others by date. Only those with
    /// a date are drawn.
    pub milestones: Vec<Milestone>,
    /// The roadmap items it depends on that exist, in the order written.
    pub depends_on: Vec<String>,
}

/// A milestone as written: serialised, it is the record in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// `None` where the file does not say: not done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

impl Milestone {
    pub fn is_done(&self) -> bool {
        self.done == Some(true)
    }
}

impl Schedule {
    pub fn new(strategy: &Strategy, item: &Entity) -> Schedule {
        let mut milestones: Vec<Milestone> = item
            .fields
            .records("milestones")
            .map(|m| Milestone {
                title: m.str("title").unwrap_or_default().to_string(),
                date: m.date("date"),
                done: m.bool("done"),
            })
            .collect();
        milestones.sort_by_key(|m| m.date);
        let depends_on = item
            .fields
            .refs("depends_on")
            .into_iter()
            .map(|r| r.value)
            .filter(|id| *id != item.id && strategy.get(Kind::Roadmap, id).is_some())
            .map(String::from)
            .collect();
        Schedule {
            start: item.fields.date("start"),
            target: item.fields.date("target"),
            milestones,
            depends_on,
        }
    }

    /// From `start` to `target`, when it has both in that order: what a
    /// bar is drawn from. Anything else is listed apart.
    pub fn span(&self) -> Option<(Date, Date)> {
        self.start.zip(self.target).filter(|(s, t)| s <= t)
    }
}
