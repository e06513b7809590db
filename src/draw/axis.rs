//! Axes shared by every drawing: a time axis that maps dates to x and
//! picks month, quarter or year ticks by how much room a period gets, a
//! value axis with round ticks, and the width a label is taken to need.

use crate::model::Date;

/// The width a label of `text` is laid out with, at `font_px`: an upper
/// estimate of the theme's sans-serif, so that labels kept apart by it
/// stay apart as drawn.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.62
}

/// `text` cut to fit `width` at `font_px`, with an ellipsis when cut.
pub fn fit(text: &str, width: f64, font_px: f64) -> String {
    let room = (width / (font_px * 0.62)).floor().max(0.0) as usize;
    if text.chars().count() <= room {
        return text.to_string();
    }
    let kept: String = text.chars().take(room.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// The font size of axis labels.
pub const TICK_FONT: f64 = 11.0;

/// Dates from `from` to `to` laid along x from `x0`.
#[derive(Debug, Clone, Copy)]
pub struct TimeAxis {
    pub from: Date,
    pub to: Date,
    pub x0: f64,
    pub px_per_day: f64,
}

/// A mark on an axis: where it is, and its label if there is room for one.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: Option<String>,
}

/// Periods an axis can mark, in months, finest first.
const PERIODS: [i32; 6] = [1, 3, 12, 24, 60, 120];
/// The least room a period gets before a finer one is given up.
const MIN_PERIOD_PX: f64 = 8.0;

impl TimeAxis {
    pub fn x(&self, date: Date) -> f64 {
        self.x0 + f64::from(self.from.days_until(date)) * self.px_per_day
    }

    pub fn width(&self) -> f64 {
        f64::from(self.from.days_until(self.to)) * self.px_per_day
    }

    /// The two rows of ticks, finer then coarser: months and quarters when
    /// months have room, else quarters and years, and so on. Labels sit
    /// at the start of their period and only where the period holds them.
    pub fn ticks(&self) -> (Vec<Tick>, Vec<Tick>) {
        let px = |months: i32| f64::from(months) * 30.4 * self.px_per_day;
        let fine = PERIODS
            .iter()
            .position(|&m| px(m) >= MIN_PERIOD_PX)
            .unwrap_or(PERIODS.len() - 1);
        let coarse = (fine + 1).min(PERIODS.len() - 1);
        let coarse_years = PERIODS[coarse] >= 12;
        (
            self.row(PERIODS[fine], !coarse_years || PERIODS[fine] >= 12),
            self.row(PERIODS[coarse], true),
        )
    }

    /// Ticks every `months`, from the first period that reaches `from`.
    fn row(&self, months: i32, with_year: bool) -> Vec<Tick> {
        let mut start = self.from.first_of_month();
        // Align quarters and years to the calendar, longer periods to
        // years divisible by their length.
        let offset = |d: Date| {
            if months < 12 {
                (i32::from(d.month()) - 1) % months
            } else {
                ((i32::from(d.year()) % (months / 12)) * 12) + i32::from(d.month()) - 1
            }
        };
        start = start.months_later(-offset(start));
        let mut ticks = Vec::new();
        while start <= self.to {
            let next = start.months_later(months);
            if next <= start {
                break;
            }
            let x = self.x(start).max(self.x0);
            let room = self.x(next).min(self.x0 + self.width()) - x;
            let label = label(start, months, with_year);
            let fits = text_width(&label, TICK_FONT) + 6.0 <= room;
            ticks.push(Tick {
                x,
                label: fits.then_some(label),
            });
            start = next;
        }
        // A row with some inner periods unlabelled reads as gaps: label
        // none, and let the coarser row speak.
        let inner = ticks.len().saturating_sub(1).max(1);
        if ticks[1.min(ticks.len())..inner]
            .iter()
            .any(|t| t.label.is_none())
        {
            ticks.iter_mut().for_each(|t| t.label = None);
        }
        ticks
    }
}

fn label(date: Date, months: i32, with_year: bool) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match months {
        1 => MONTHS[(date.month() - 1) as usize].to_string(),
        3 if with_year => format!("Q{} {}", date.quarter(), date.year()),
        3 => format!("Q{}", date.quarter()),
        _ => date.year().to_string(),
    }
}

/// Round values from at most `lo` to at least `hi`, about `count` of them
/// (steps of 1, 2, 2.5 or 5 times a power of ten).
pub fn value_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return vec![0.0];
    }
    let (lo, hi) = if hi - lo < f64::EPSILON * hi.abs().max(1.0) {
        let pad = (lo.abs() * 0.1).max(1.0);
        (lo - pad, hi + pad)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / count.max(2) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).take(50).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(from: &str, to: &str, px_per_day: f64) -> TimeAxis {
        TimeAxis {
            from: Date::parse(from).unwrap(),
            to: Date::parse(to).unwrap(),
            x0: 10.0,
            px_per_day,
        }
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().filter_map(|t| t.label.as_deref()).collect()
    }

    /// No label reaches the next one, whatever the scale.
    fn apart(ticks: &[Tick]) {
        let shown: Vec<&Tick> = ticks.iter().filter(|t| t.label.is_some()).collect();
        for pair in shown.windows(2) {
            let end = pair[0].x + text_width(pair[0].label.as_deref().unwrap(), TICK_FONT);
            assert!(end < pair[1].x, "{pair:?}");
        }
    }

    #[test]
    fn months_and_quarters_at_the_timeline_scale() {
        let a = axis("2027-01-01", "2027-07-01", 3.0);
        let (months, quarters) = a.ticks();
        // July starts where the axis ends: marked, with no room for a label.
        assert_eq!(months.len(), 7);
        assert_eq!(labels(&months), ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]);
        assert_eq!(labels(&quarters), ["Q1 2027", "Q2 2027"]);
        assert_eq!(months[1].x, 10.0 + 31.0 * 3.0);
    }

    #[test]
    fn coarser_periods_when_months_have_no_room() {
        let a = axis("2020-01-01", "2030-01-01", 0.1);
        let (fine, coarse) = a.ticks();
        assert_eq!(fine.len(), 41);
        assert!(labels(&fine).iter().all(|l| l.starts_with('Q')));
        assert_eq!(labels(&coarse)[0], "2020");
        // Months of 3 px have no room for their names: the row goes unlabelled.
        let (months, quarters) = axis("2027-01-01", "2028-01-01", 0.7).ticks();
        assert_eq!(months.len(), 13);
        assert!(labels(&months).is_empty());
        assert_eq!(
            labels(&quarters),
            ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]
        );
        for scale in [0.001, 0.05, 0.3, 1.0, 3.0, 20.0] {
            let (fine, coarse) = axis("2001-03-15", "2031-11-02", scale).ticks();
            apart(&fine);
            apart(&coarse);
            assert!(fine.len() < 5000);
        }
    }

    #[test]
    fn the_whole_calendar_ends() {
        let (fine, coarse) = axis("0001-01-01", "9999-12-31", 0.001).ticks();
        assert!(!fine.is_empty() && fine.len() < 2000 && coarse.len() <= fine.len());
    }

    #[test]
    fn value_ticks_are_round_and_cover_the_range() {
        assert_eq!(value_ticks(40.0, 100.0, 5), [40.0, 60.0, 80.0, 100.0]);
        assert_eq!(
            value_ticks(48950.0, 60000.0, 4),
            [45000.0, 50000.0, 55000.0, 60000.0]
        );
        let flat = value_ticks(5.0, 5.0, 4);
        assert!(flat[0] <= 5.0 && *flat.last().unwrap() >= 5.0);
        assert_eq!(value_ticks(f64::NAN, 1.0, 4), [0.0]);
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(fit("Short", 100.0, 12.0), "Short");
        let cut = fit("A very long title that cannot fit at all", 80.0, 12.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 12.0) <= 80.0,
            "{cut}"
        );
    }
}
