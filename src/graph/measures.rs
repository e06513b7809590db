//! The numbers the strategy implies: a roadmap item's RICE score and place
//! in the status order, and a metric's values in date order and where it
//! stands against its target.

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
    /// Its place on the board.
    #[serde(skip)]
    pub board: BoardKey,
}

impl ItemFacts {
    pub fn new(strategy: &Strategy, item: &Entity) -> ItemFacts {
        let status = item.fields.str("status").unwrap_or_default();
        let rice = rice(&item.fields).map(Number);
        let status_index = strategy.config.statuses.iter().position(|s| s == status);
        let rank = status_index.unwrap_or(strategy.config.statuses.len());
        let title = item.title().to_lowercase();
        ItemFacts {
            board: BoardKey(rank, rice_key(rice), title, item.id.clone()),
            rice,
            status_index,
            schedule: Schedule::new(strategy, item),
            finished: strategy.config.finished.iter().any(|s| s == status),
        }
    }

    /// See `rice_key`.
    pub fn rice_key(&self) -> i64 {
        rice_key(self.rice)
    }
}

/// Highest RICE first as an integer key: RICE has one decimal, so ten
/// times it orders exactly; items without a score come last.
fn rice_key(rice: Option<Number>) -> i64 {
    rice.map_or(i64::MAX, |r| -(r.0 * 10.0).round() as i64)
}

/// An item's place on the board: by status, then RICE (highest first),
/// then title, then id. Worked out once per item, so that each board
/// only compares keys, and an edit changes only the edited item's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BoardKey(usize, i64, String, String);

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
    /// `by`: see `Standing::by`, found for every metric at once
    /// (`standings`).
    fn new(metric: &Entity, series: &Series, by: Option<Date>) -> Standing {
        let target = metric.fields.number("target");
        let latest = series.latest.as_ref().map(|p| p.value.0);
        let met = match (latest, target, metric.fields.str("direction")) {
            (Some(v), Some(t), Some("down")) => Some(v <= t),
            (Some(v), Some(t), Some(_)) => Some(v >= t),
            _ => None,
        };
        let values = &series.values;
        Standing {
            met,
            to_go: (met == Some(false))
                .then(|| {
                    latest
                        .zip(target)
                        .map(|(v, t)| Number::difference(t.max(v), t.min(v)))
                })
                .flatten(),
            by,
            change: series
                .first
                .as_ref()
                .zip(latest)
                .map(|(f, v)| Number::difference(v, f.value.0)),
            changes: (0..values.len())
                .map(|i| {
                    i.checked_sub(1)
                        .map(|j| Number::difference(values[i].value.0, values[j].value.0))
                })
                .collect(),
        }
    }
}

/// Every metric's standing, by id. The key results that set a target and
/// a date are gathered by metric in one pass over the goals: a pass per
/// metric would read every goal once per metric.
pub fn standings(
    strategy: &Strategy,
    metrics: &FxHashMap<String, Series>,
) -> FxHashMap<String, Standing> {
    let mut aims: FxHashMap<&str, Vec<(f64, Date)>> = FxHashMap::default();
    let key_results = strategy
        .all(Kind::Goals)
        .flat_map(|g| g.fields.records("key_results"));
    for kr in key_results {
        if let (Some(metric), Some(target), Some(by)) =
            (kr.str("metric"), kr.number("target"), kr.date("by"))
        {
            aims.entry(metric).or_default().push((target, by));
        }
    }
    let all = strategy.all(Kind::Metrics);
    all.filter_map(|metric| {
        let series = metrics.get(&metric.id)?;
        let target = metric.fields.number("target");
        let aims = aims.get(metric.id.as_str()).into_iter().flatten();
        let by = aims.filter(|(t, _)| Some(*t) == target).map(|(_, by)| *by);
        let standing = Standing::new(metric, series, by.min());
        Some((metric.id.clone(), standing))
    })
    .collect()
}
