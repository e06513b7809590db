//! A metric's values drawn: a line chart with a time and a value axis, a
//! point per value named by its value, the target as a line and the side
//! of it that is good shaded and said in words; and a sparkline, the same
//! line small, for lists and key results.

use super::axis::{self, TICK_FONT, TimeAxis};
use super::svg::{Px, Svg};
use crate::graph::Series;
use crate::text::numbers::{compact, full};

/// What the chart needs of a metric besides its values.
pub struct Metric<'a> {
    pub name: &'a str,
    pub series: &'a Series,
    pub target: Option<f64>,
    /// `up` or `down`: which way is good.
    pub direction: Option<&'a str>,
    pub unit: Option<&'a str>,
}

impl Metric<'_> {
    /// The least and the greatest of the values and the target.
    fn extent(&self) -> (f64, f64) {
        let numbers = self
            .series
            .values
            .iter()
            .map(|p| p.value.0)
            .chain(self.target);
        let lo = numbers.clone().fold(f64::INFINITY, f64::min);
        (lo, numbers.fold(f64::NEG_INFINITY, f64::max))
    }

    /// `48,950 users`.
    fn amount(&self, x: f64) -> String {
        match self.unit {
            Some(u) => format!("{} {u}", full(x)),
            None => full(x),
        }
    }
}

const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;
const RIGHT: f64 = 16.0;

/// The line chart, twice: wide for a desktop column and narrow for a
/// phone, where the wide one scaled down would make its labels too small
/// to read (the stylesheet shows one). Empty without values.
pub fn chart(m: &Metric) -> String {
    let wide = line_chart(m, 720.0, 280.0, "chart chart-wide");
    let narrow = line_chart(m, 360.0, 240.0, "chart chart-narrow");
    wide + &narrow
}

fn line_chart(m: &Metric, width: f64, height: f64, class: &str) -> String {
    let values = &m.series.values;
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return String::new();
    };
    let (lo, hi) = m.extent();
    let ticks = axis::value_ticks(lo, hi, 4);
    let (v0, v1) = (ticks[0], *ticks.last().unwrap_or(&ticks[0]));
    let labels = tick_labels(&ticks);
    let left = 8.0
        + labels
            .iter()
            .map(|l| axis::text_width(l, TICK_FONT))
            .fold(0.0, f64::max)
        + 8.0;
    let (bottom, plot_w) = (height - BOTTOM, width - left - RIGHT);
    let y = |v: f64| {
        let span = (v1 - v0).max(f64::MIN_POSITIVE);
        bottom - (v - v0) / span * (bottom - TOP)
    };
    // One value, or all on a day, still needs a span of time to sit in.
    let (from, to) = if first.date == last.date {
        (first.date.months_later(-1), first.date.months_later(1))
    } else {
        (first.date, last.date)
    };
    let days = f64::from(from.days_until(to).max(1));
    let time = TimeAxis {
        from,
        to,
        x0: left,
        px_per_day: plot_w / days,
    };
    let mut svg = Svg::default();
    let size = format!("0 0 {width} {height}");
    svg.open(
        "svg",
        &[("class", class.into()), ("viewBox", size.as_str().into())],
    );
    svg.text("title", &[], &format!("{} over time", m.name));
    if let (Some(target), Some(dir)) = (m.target, m.direction) {
        let (top, height) = match dir {
            "down" => (y(target), bottom - y(target)),
            _ => (TOP, y(target) - TOP),
        };
        svg.leaf(
            "rect",
            &[
                ("class", "chart-good".into()),
                ("x", left.into()),
                ("y", top.into()),
                ("width", plot_w.into()),
                ("height", height.max(0.0).into()),
            ],
        );
    }
    svg.open(
        "g",
        &[
            ("class", "chart-axis".into()),
            ("aria-hidden", "true".into()),
        ],
    );
    for (t, label) in ticks.iter().zip(&labels) {
        let ty = y(*t);
        svg.line("chart-grid", (left, ty), (width - RIGHT, ty));
        svg.text(
            "text",
            &[
                ("x", (left - 6.0).into()),
                ("y", (ty + 4.0).into()),
                ("text-anchor", "end".into()),
            ],
            label,
        );
    }
    let (fine, coarse) = time.ticks();
    for (row, ly) in [(&fine, bottom + 16.0), (&coarse, bottom + 32.0)] {
        for t in row.iter() {
            svg.line("chart-tick", (t.x, bottom), (t.x, ly - 11.0));
            if let Some(label) = &t.label {
                svg.text(
                    "text",
                    &[("x", (t.x + 3.0).into()), ("y", ly.into())],
                    label,
                );
            }
        }
    }
    svg.close("g");
    if let Some(target) = m.target {
        let ty = y(target);
        svg.line("chart-target", (left, ty), (width - RIGHT, ty));
        let label = format!("Target {}", m.amount(target));
        // Below the line when above it would reach the row of the words.
        let label_y = if ty - 5.0 < TOP + 8.0 {
            ty + 15.0
        } else {
            ty - 5.0
        };
        svg.text(
            "text",
            &[
                ("class", "chart-target-label".into()),
                ("x", (width - RIGHT - 4.0).into()),
                ("y", label_y.into()),
                ("text-anchor", "end".into()),
            ],
            &label,
        );
    }
    if let Some(words) = m.direction.map(good_way) {
        svg.text(
            "text",
            &[
                ("class", "chart-direction".into()),
                ("x", left.into()),
                ("y", 16.0.into()),
            ],
            words,
        );
    }
    let points: Vec<(f64, f64)> = values
        .iter()
        .map(|p| (time.x(p.date), y(p.value.0)))
        .collect();
    let line: Vec<String> = points
        .iter()
        .map(|(x, y)| format!("{},{}", Px(*x), Px(*y)))
        .collect();
    svg.leaf(
        "polyline",
        &[
            ("class", "chart-line".into()),
            ("points", line.join(" ").as_str().into()),
        ],
    );
    for (p, (x, py)) in values.iter().zip(&points) {
        let name = format!("{}: {}", p.date, m.amount(p.value.0));
        svg.titled(
            "circle",
            &[
                ("class", "chart-point".into()),
                ("cx", (*x).into()),
                ("cy", (*py).into()),
                ("r", 4.0.into()),
                ("data-date", p.date.to_string().as_str().into()),
            ],
            &name,
        );
    }
    svg.close("svg");
    svg.finish()
}

/// Ticks compact (`45k`) when every one of them still reads exactly so,
/// else in full (`47,500`, `1.25`): an axis must not round.
fn tick_labels(ticks: &[f64]) -> Vec<String> {
    let exact = |t: f64, label: &str| {
        let (digits, scale) = match label.chars().last() {
            Some('k') => (&label[..label.len() - 1], 1e3),
            Some('M') => (&label[..label.len() - 1], 1e6),
            Some('B') => (&label[..label.len() - 1], 1e9),
            _ => (label, 1.0),
        };
        digits
            .replace(',', "")
            .parse::<f64>()
            .is_ok_and(|d| (d * scale - t).abs() < 1e-9 * t.abs().max(1.0))
    };
    let short: Vec<String> = ticks.iter().map(|t| compact(*t)).collect();
    if ticks.iter().zip(&short).all(|(t, l)| exact(*t, l)) {
        short
    } else {
        ticks.iter().map(|t| full(*t)).collect()
    }
}

/// The good way, in words, with an arrow.
fn good_way(direction: &str) -> &'static str {
    match direction {
        "down" => "↓ Lower is better (shaded: target met)",
        _ => "↑ Higher is better (shaded: target met)",
    }
}

const SPARK_W: f64 = 96.0;
const SPARK_H: f64 = 24.0;

/// The values as a small line, its last point marked, the target dashed;
/// named by its first and last value. Empty without values.
pub fn sparkline(m: &Metric) -> String {
    let values = &m.series.values;
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return String::new();
    };
    let (lo, hi) = m.extent();
    let span = if hi > lo { hi - lo } else { 1.0 };
    let days = f64::from(first.date.days_until(last.date).max(1));
    let at = |date, v: f64| {
        let x = if values.len() == 1 {
            SPARK_W / 2.0
        } else {
            2.0 + f64::from(first.date.days_until(date)) / days * (SPARK_W - 4.0)
        };
        (x, SPARK_H - 3.0 - (v - lo) / span * (SPARK_H - 6.0))
    };
    let name = if values.len() == 1 {
        format!("{}: {} on {}", m.name, m.amount(last.value.0), last.date)
    } else {
        format!(
            "{}: from {} on {} to {} on {}",
            m.name,
            m.amount(first.value.0),
            first.date,
            m.amount(last.value.0),
            last.date
        )
    };
    let mut svg = Svg::default();
    let size = format!("0 0 {SPARK_W} {SPARK_H}");
    svg.open(
        "svg",
        &[
            ("class", "spark".into()),
            ("viewBox", size.as_str().into()),
            ("width", SPARK_W.into()),
            ("height", SPARK_H.into()),
            ("role", "img".into()),
            ("aria-label", name.as_str().into()),
        ],
    );
    svg.text("title", &[], &name);
    if let Some(target) = m.target {
        let (_, ty) = at(first.date, target);
        svg.line("spark-target", (0.0, ty), (SPARK_W, ty));
    }
    let points: Vec<String> = values
        .iter()
        .map(|p| {
            let (x, y) = at(p.date, p.value.0);
            format!("{},{}", Px(x), Px(y))
        })
        .collect();
    svg.leaf(
        "polyline",
        &[
            ("class", "spark-line".into()),
            ("points", points.join(" ").as_str().into()),
        ],
    );
    let (x, y) = at(last.date, last.value.0);
    svg.leaf(
        "circle",
        &[
            ("class", "spark-last".into()),
            ("cx", x.into()),
            ("cy", y.into()),
            ("r", 2.5.into()),
        ],
    );
    svg.close("svg");
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_never_round() {
        assert_eq!(
            tick_labels(&[40_000.0, 50_000.0, 60_000.0]),
            ["40k", "50k", "60k"]
        );
        assert_eq!(tick_labels(&[45_000.0, 47_500.0]), ["45,000", "47,500"]);
        assert_eq!(tick_labels(&[1.0, 1.25, 1.5]), ["1", "1.25", "1.5"]);
        assert_eq!(tick_labels(&[10_000.0, 10_500.0]), ["10,000", "10,500"]);
        assert_eq!(tick_labels(&[1_500_000.0, 2_000_000.0]), ["1.5M", "2M"]);
    }
}
