//! The numbers the strategy implies: a roadmap item's RICE score and place
//! in the status order, a goal's pillar and key-result progress, and a
//! metric's values in date order.

use super::schedule::Schedule;
use crate::model::value::Number;
use crate::model::{Date, Entity, Fields, Kind, Strategy};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// What a roadmap item's fields imply.
#[derive(Debug, Clone, Serialize)]
pub struct ItemFacts {
    /// RICE, when the item has a `score`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rice: Option<Number>,
    /// The position of its status in `statuses`.
    pub status_index: Option<usize>,
    /// Its dates, milestones and dependencies: drawn, not printed.
    #[serde(skip)]
    pub schedule: Schedule,
    /// Whether its status is one of `finished` (shipped, dropped).
    pub finished: bool,
}

impl ItemFacts {
    pub fn new(strategy: &Strategy, item: &Entity) -> ItemFacts {
        let status = item.fields.str("status").unwrap_or_default();
        ItemFacts {
            rice: rice(&item.fields).map(Number),
            status_index: strategy.config.statuses.iter().position(|s| s == status),
            schedule: Schedule::new(strategy, item),
            finished: strategy.config.finished.iter().any(|s| s == status),
        }
    }
}

impl ItemFacts {
    /// Highest RICE first as an integer key: RICE has one decimal, so ten
    /// times it orders exactly; items without a score come last.
    pub fn rice_key(&self) -> i64 {
        self.rice.map_or(i64::MAX, |r| -(r.0 * 10.0).round() as i64)
    }
}

/// An item's place on the board: by status, then RICE (highest first),
/// then title, then id. Worked out once per item, so that each board
/// only compares keys, and an edit changes only the edited item's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BoardKey(usize, i64, String, String);

impl BoardKey {
    pub fn new(strategy: &Strategy, item: &Entity, facts: &ItemFacts) -> BoardKey {
        let status = facts.status_index.unwrap_or(strategy.config.statuses.len());
        let title = item.title().to_lowercase();
        BoardKey(status, facts.rice_key(), title, item.id.clone())
    }
}

/// RICE: reach × impact × confidence% / effort, to one decimal.
fn rice(fields: &Fields) -> Option<f64> {
    let s = fields.record("score")?;
    let (r, i, c, e) = (
        s.number("reach")?,
        s.number("impact")?,
        s.number("confidence")?,
        s.number("effort")?,
    );
    Some((r * i * c / 100.0 / e * 10.0).round() / 10.0)
}

/// What a goal's fields imply.
#[derive(Debug, Clone, Default)]
pub struct GoalFacts {
    pub pillar: Option<Pillar>,
    /// One per key result, in order.
    pub key_results: Vec<KeyResultFacts>,
}

/// A goal's pillar, with the title the vision gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Pillar {
    pub id: String,
    pub title: String,
}

/// A key result measured on its metric, when it names one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KeyResultFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The metric's first value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Number>,
    /// Its latest value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<Number>,
    /// 0-100, from the baseline toward the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u32>,
}

impl GoalFacts {
    /// `metrics` are the strategy's series, by metric id, worked out once.
    pub fn new(
        strategy: &Strategy,
        goal: &Entity,
        metrics: &FxHashMap<String, Series>,
    ) -> GoalFacts {
        let pillar = goal.fields.str("pillar").map(|id| {
            let title = strategy.pillar_title(id).unwrap_or(id);
            Pillar {
                id: id.to_string(),
                title: title.to_string(),
            }
        });
        let key_results = goal
            .fields
            .records("key_results")
            .map(|kr| {
                let id = kr.str("metric");
                let metric = id.and_then(|id| strategy.get(Kind::Metrics, id));
                let (Some(metric), Some(series)) = (metric, id.and_then(|id| metrics.get(id)))
                else {
                    return KeyResultFacts::default();
                };
                let (first, last) = (series.first.as_ref(), series.latest.as_ref());
                KeyResultFacts {
                    unit: metric.fields.str("unit").map(String::from),
                    baseline: first.map(|p| p.value),
                    current: last.map(|p| p.value),
                    progress: first.zip(last).zip(kr.number("target")).map(
                        |((first, last), target)| progress(first.value.0, last.value.0, target),
                    ),
                }
            })
            .collect();
        GoalFacts {
            pillar,
            key_results,
        }
    }
}

/// How far `current` has moved from `baseline` toward `target`, 0-100.
/// Works for both directions: a target below the baseline is a decrease.
fn progress(baseline: f64, current: f64, target: f64) -> u32 {
    if (target - baseline).abs() < f64::EPSILON {
        return if (current - target).abs() < f64::EPSILON {
            100
        } else {
            0
        };
    }
    let p = (current - baseline) / (target - baseline) * 100.0;
    p.clamp(0.0, 100.0).round() as u32
}

/// A metric's values, oldest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Series {
    pub values: Vec<Point>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<Point>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub date: Date,
    pub value: Number,
}

impl Series {
    pub fn new(fields: &Fields) -> Series {
        let mut values: Vec<Point> = fields
            .records("values")
            .filter_map(|v| {
                Some(Point {
                    date: v.date("date")?,
                    value: Number(v.number("value")?),
                })
            })
            .collect();
        values.sort_by_key(|p| p.date);
        Series {
            first: values.first().cloned(),
            latest: values.last().cloned(),
            values,
        }
    }
}

/// Where a metric stands against its target, and how each value moved.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Standing {
    /// Whether the latest value meets the target, the good way round;
    /// unknown without a value, a target and a direction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
    /// How far the latest value is from the target, when it is not met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_go: Option<Number>,
    /// The earliest `by` of the key results measured on the metric that
    /// aim at its target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
    /// The latest value less the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Number>,
    /// Each value's change from the one before, oldest first.
    pub changes: Vec<Option<Number>>,
}

impl Standing {
    pub fn new(strategy: &Strategy, metric: &Entity, series: &Series) -> Standing {
        let target = metric.fields.number("target");
        let latest = series.latest.as_ref().map(|p| p.value.0);
        let met = match (latest, target, metric.fields.str("direction")) {
            (Some(v), Some(t), Some("down")) => Some(v <= t),
            (Some(v), Some(t), Some(_)) => Some(v >= t),
            _ => None,
        };
        let by = strategy
            .all(Kind::Goals)
            .flat_map(|g| g.fields.records("key_results"))
            .filter(|kr| kr.str("metric") == Some(metric.id.as_str()))
            .filter(|kr| kr.number("target").is_some() && kr.number("target") == target)
            .filter_map(|kr| kr.date("by"))
            .min();
        let values = &series.values;
        Standing {
            met,
            to_go: (met == Some(false))
                .then(|| latest.zip(target).map(|(v, t)| Number((t - v).abs())))
                .flatten(),
            by,
            change: series
                .first
                .as_ref()
                .zip(latest)
                .map(|(f, v)| Number(v - f.value.0)),
            changes: (0..values.len())
                .map(|i| {
                    i.checked_sub(1)
                        .map(|j| Number(values[i].value.0 - values[j].value.0))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_in_both_directions() {
        assert_eq!(progress(40.0, 45.0, 50.0), 50);
        assert_eq!(progress(10.0, 8.0, 6.0), 50);
        assert_eq!(progress(10.0, 12.0, 6.0), 0);
        assert_eq!(progress(10.0, 20.0, 15.0), 100);
    }
}
