//! Drawing bars on a time axis: groups of rows, each bar a link with its
//! label beside it (`lanes`), milestones as diamonds (filled when done,
//! hollow when open), arrows from a dependency's end to its dependent's
//! start, and a line at today. The roadmap timeline and an item's own
//! drawing are both this, with different bars.

use super::axis::{self, TimeAxis};
use super::bars::{FONT, Group, PAD, label};
use super::lanes;
use super::rows::Rows;
use super::svg::{Px, Svg};
use crate::model::Date;

/// How wide the drawing is: at a readable scale, scrolling in its box, or
/// fitted to a width and scaled with the page.
#[derive(Debug, Clone, Copy)]
pub enum Fit {
    Scale,
    Width(f64),
}

const PX_PER_DAY: f64 = 3.0;
const MIN_WIDTH: f64 = 880.0;
/// The widest drawing: past it, the scale shrinks and the axis coarsens.
const MAX_WIDTH: f64 = 24_000.0;

/// The drawing's markup: `name` is its accessible name and `key` makes its
/// ids unique on the page; `root` leads from the page to the site's root.
pub fn draw(
    groups: &[Group],
    today: Option<Date>,
    fit: Fit,
    name: &str,
    key: &str,
    root: &str,
) -> String {
    let Some((first, last)) = range(groups) else {
        return String::new();
    };
    let today = today.filter(|t| near(*t, first, last));
    let (first, last) = (
        first.min(today.unwrap_or(first)),
        last.max(today.unwrap_or(last)),
    );
    let (from, to) = (first.first_of_month(), last.months_later(1));
    let days = f64::from(from.days_until(to).max(1));
    // Room after the axis for the labels of the bars that end last, so
    // that no label has to sit over its own bar.
    let label_room = groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| axis::text_width(&label(b), FONT))
        .fold(0.0, f64::max)
        + lanes::GAP;
    let px_per_day = match fit {
        Fit::Scale => PX_PER_DAY.max(MIN_WIDTH / days).min(MAX_WIDTH / days),
        Fit::Width(w) => (w - 2.0 * PAD - label_room).max(w / 4.0) / days,
    };
    let axis = TimeAxis {
        from,
        to,
        x0: PAD,
        px_per_day,
    };
    let width = axis.width() + label_room + 2.0 * PAD;
    let mut rows = Rows::new(&axis, root, width - 2.0 * PAD);
    for group in groups {
        rows.group(group);
    }
    let height = rows.y + 8.0;
    let mut svg = Svg::default();
    let size = format!("0 0 {} {}", Px(width), Px(height));
    let mut attrs = vec![("class", "gantt".into()), ("viewBox", (&size).into())];
    if let Fit::Scale = fit {
        attrs.push(("width", width.into()));
        attrs.push(("height", height.into()));
    }
    svg.open("svg", &attrs);
    svg.text("title", &[], name);
    let marker = format!("{key}-arrow");
    svg.open("defs", &[]);
    svg.open(
        "marker",
        &[
            ("id", marker.as_str().into()),
            ("viewBox", "0 0 8 8".into()),
            ("refX", 7.0.into()),
            ("refY", 4.0.into()),
            ("markerWidth", 7.0.into()),
            ("markerHeight", 7.0.into()),
            ("orient", "auto".into()),
        ],
    );
    svg.leaf(
        "path",
        &[
            ("d", "M0,0 L8,4 L0,8 z".into()),
            ("class", "gantt-arrowhead".into()),
        ],
    );
    svg.close("marker");
    svg.close("defs");
    axis_rows(&mut svg, &axis, height);
    rows.finish(&mut svg, &format!("url(#{marker})"));
    if let Some(today) = today {
        today_line(&mut svg, &axis, today, width, height);
    }
    svg.close("svg");
    svg.finish()
}

/// The first and the last date drawn, milestones included.
fn range(groups: &[Group]) -> Option<(Date, Date)> {
    let dates = groups.iter().flat_map(|g| &g.bars).flat_map(|b| {
        [b.span.0, b.span.1]
            .into_iter()
            .chain(b.milestones.iter().filter_map(|m| m.date))
    });
    Some((dates.clone().min()?, dates.max()?))
}

/// How far from the bars today may be and still be drawn: further, its
/// line would only stretch the axis over empty months.
const TODAY_REACH: i32 = 92;

fn near(today: Date, first: Date, last: Date) -> bool {
    first.days_until(today) >= -TODAY_REACH && last.days_until(today) <= TODAY_REACH
}

/// Whether `today` is drawn with `groups`.
pub fn shows_today(groups: &[Group], today: Date) -> bool {
    range(groups).is_some_and(|(first, last)| near(today, first, last))
}

/// Month and quarter (or coarser) ticks, with grid lines down the drawing:
/// each row's lines one path, as a drawing is repeated on thousands of
/// item pages.
fn axis_rows(svg: &mut Svg, axis: &TimeAxis, height: f64) {
    let (fine, coarse) = axis.ticks();
    svg.open(
        "g",
        &[
            ("class", "gantt-axis".into()),
            ("aria-hidden", "true".into()),
        ],
    );
    for (ticks, y, top, class) in [
        (&coarse, 16.0, 4.0, "gantt-tick major"),
        (&fine, 34.0, 22.0, "gantt-tick"),
    ] {
        let mut d = String::new();
        for t in ticks.iter() {
            d.push('M');
            Px(t.x).push_to(&mut d);
            d.push(' ');
            Px(top).push_to(&mut d);
            d.push('V');
            Px(height).push_to(&mut d);
        }
        svg.leaf("path", &[("class", class.into()), ("d", d.as_str().into())]);
        for t in ticks.iter() {
            if let Some(label) = &t.label {
                let (x, y) = (t.x + 4.0, y);
                svg.text("text", &[("x", x.into()), ("y", y.into())], label);
            }
        }
    }
    let end = axis.x0 + axis.width();
    svg.line("gantt-baseline", (axis.x0, 42.0), (end, 42.0));
    svg.close("g");
}

/// The line at today, labelled on the side where its label fits.
fn today_line(svg: &mut Svg, axis: &TimeAxis, today: Date, width: f64, height: f64) {
    let x = axis.x(today);
    let date = today.to_string();
    let label = format!("Today {date}");
    svg.open(
        "g",
        &[
            ("class", "gantt-today".into()),
            ("data-date", date.as_str().into()),
        ],
    );
    svg.line("gantt-today-line", (x, 44.0), (x, height));
    let fits_after = x + 4.0 + axis::text_width(&label, axis::TICK_FONT) <= width;
    let (lx, anchor) = if fits_after {
        (x + 4.0, "start")
    } else {
        (x - 4.0, "end")
    };
    svg.text(
        "text",
        &[
            ("x", lx.into()),
            ("y", 56.0.into()),
            ("text-anchor", anchor.into()),
        ],
        &label,
    );
    svg.close("g");
}
