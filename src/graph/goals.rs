//! What the goals imply: each goal's pillar and key-result progress
//! (measured on the metrics' series), the goals that stand on each pillar,
//! and how many key results there are, worked out in one pass over the
//! goals.

use super::measures::Series;
use crate::model::value::Number;
use crate::model::{Entity, Kind, Strategy};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Every goal's facts, and what the home page and the goal map read of
/// them all.
#[derive(Debug, Default)]
pub struct Goals {
    facts: FxHashMap<String, GoalFacts>,
    /// The goals on each pillar, by pillar id; each list by goal id.
    on_pillar: FxHashMap<String, Vec<String>>,
    /// How many key results the goals have, all together.
    pub key_results: usize,
}

impl Goals {
    /// `metrics` are the strategy's series, by metric id, worked out once.
    pub fn new(strategy: &Strategy, metrics: &FxHashMap<String, Series>) -> Goals {
        let mut goals = Goals::default();
        for goal in strategy.all(Kind::Goals) {
            let facts = GoalFacts::new(strategy, goal, metrics);
            if let Some(pillar) = &facts.pillar {
                let on = goals.on_pillar.entry(pillar.id.clone()).or_default();
                on.push(goal.id.clone());
            }
            goals.key_results += facts.key_results.len();
            goals.facts.insert(goal.id.clone(), facts);
        }
        goals
    }

    pub fn get(&self, id: &str) -> Option<&GoalFacts> {
        self.facts.get(id)
    }

    /// How many goals there are.
    pub fn count(&self) -> usize {
        self.facts.len()
    }

    /// The goals on pillar `id`, by id.
    pub fn on_pillar(&self, id: &str) -> &[String] {
        self.on_pillar.get(id).map_or(&[], Vec::as_slice)
    }
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
