//! When a roadmap item runs: its dates, its dated milestones and the items
//! it waits for, read once from its fields so that the timeline, an item's
//! own bar and any later view draw from the same facts.

use crate::model::{Date, Entity, Kind, Strategy};

/// A roadmap item's place in time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub start: Option<Date>,
    pub target: Option<Date>,
    /// Those with a date, in date order.
    pub milestones: Vec<Milestone>,
    /// The roadmap items it depends on that exist, in the order written.
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub title: String,
    pub date: Date,
    pub done: bool,
}

impl Schedule {
    pub fn new(strategy: &Strategy, item: &Entity) -> Schedule {
        let mut milestones: Vec<Milestone> = item
            .fields
            .records("milestones")
            .filter_map(|m| {
                Some(Milestone {
                    title: m.str("title").unwrap_or_default().to_string(),
                    date: m.date("date")?,
                    done: m.bool("done").unwrap_or(false),
                })
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
