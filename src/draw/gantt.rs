//! Drawing bars on a time axis: groups of rows, each bar a link with its
//! label beside it (`lanes`), milestones as diamonds (filled when done,
//! hollow when open), arrows from a dependency's end to its dependent's
//! start, and a line at today. The roadmap timeline and an item's own
//! drawing are both this, with different bars.

use super::axis::{self, TimeAxis};
use super::lanes::{self, Span};
use super::svg::Svg;
use crate::graph::Milestone;
use crate::model::Date;
use rustc_hash::FxHashMap;

/// One bar to draw.
pub struct Bar<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: &'a str,
    /// From the site's root (`roadmap/sso/index.html`).
    pub url: String,
    pub span: (Date, Date),
    pub milestones: &'a [Milestone],
    /// Ids of the bars it waits for; those not drawn are left out.
    pub depends_on: &'a [String],
    /// The item whose page this is.
    pub own: bool,
}

/// Bars under a heading (none on an item's page).
pub struct Group<'a> {
    pub title: Option<String>,
    pub bars: Vec<Bar<'a>>,
}

/// How wide the drawing is: at a readable scale, scrolling in its box, or
/// fitted to a width and scaled with the page.
#[derive(Debug, Clone, Copy)]
pub enum Fit {
    Scale,
    Width(f64),
}

const PAD: f64 = 12.0;
const FONT: f64 = 12.0;
const LANE: f64 = 26.0;
const BAR: f64 = 14.0;
const GROUP_HEAD: f64 = 28.0;
/// The axis rows, and a row for today's label, above the bars.
const HEAD: f64 = 64.0;
const PX_PER_DAY: f64 = 3.0;
const MIN_WIDTH: f64 = 880.0;
/// The widest drawing: past it, the scale shrinks and the axis coarsens.
const MAX_WIDTH: f64 = 24_000.0;
/// The longest label, so that one long title does not push its lane apart.
const MAX_LABEL: f64 = 280.0;
/// Half a milestone diamond's width.
const DIAMOND: f64 = 6.0;

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
    let size = format!("0 0 {} {}", svg_px(width), svg_px(height));
    let (w, h) = (svg_px(width), svg_px(height));
    let mut attrs = vec![("class", "gantt".to_string()), ("viewBox", size)];
    if let Fit::Scale = fit {
        attrs.push(("width", w));
        attrs.push(("height", h));
    }
    let attrs: Vec<(&str, super::svg::Attr)> = attrs.iter().map(|(k, v)| (*k, v.into())).collect();
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
            .chain(b.milestones.iter().map(|m| m.date))
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

/// A bar's label: its title, cut to `MAX_LABEL`.
fn label(bar: &Bar) -> String {
    axis::fit(bar.title, MAX_LABEL, FONT)
}

fn svg_px(x: f64) -> String {
    super::svg::Px(x).to_string()
}

/// Month and quarter (or coarser) ticks, with grid lines down the drawing.
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
        for t in ticks.iter() {
            svg.leaf(
                "line",
                &[
                    ("class", class.into()),
                    ("x1", t.x.into()),
                    ("x2", t.x.into()),
                    ("y1", top.into()),
                    ("y2", height.into()),
                ],
            );
            if let Some(label) = &t.label {
                svg.text(
                    "text",
                    &[
                        ("class", "gantt-tick-label".into()),
                        ("x", (t.x + 4.0).into()),
                        ("y", y.into()),
                    ],
                    label,
                );
            }
        }
    }
    let end = axis.x0 + axis.width();
    svg.leaf(
        "line",
        &[
            ("class", "gantt-baseline".into()),
            ("x1", axis.x0.into()),
            ("x2", end.into()),
            ("y1", 42.0.into()),
            ("y2", 42.0.into()),
        ],
    );
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
    svg.leaf(
        "line",
        &[
            ("x1", x.into()),
            ("x2", x.into()),
            ("y1", 44.0.into()),
            ("y2", height.into()),
        ],
    );
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

/// Bars laid out group by group; arrows are drawn once every bar's place
/// is known, beneath the bars.
struct Rows<'a> {
    axis: &'a TimeAxis,
    root: &'a str,
    /// The width labels may use, from the axis's start.
    room: f64,
    y: f64,
    /// Where each bar went: (start x, end x, middle y).
    at: FxHashMap<&'a str, (f64, f64, f64)>,
    arrows: Vec<(&'a str, &'a str)>,
    bars: Svg,
}

impl<'a> Rows<'a> {
    fn new(axis: &'a TimeAxis, root: &'a str, room: f64) -> Rows<'a> {
        Rows {
            axis,
            root,
            room,
            y: HEAD,
            at: FxHashMap::default(),
            arrows: Vec::new(),
            bars: Svg::default(),
        }
    }

    fn group(&mut self, group: &'a Group<'a>) {
        let svg = &mut self.bars;
        if let Some(title) = &group.title {
            svg.text(
                "text",
                &[
                    ("class", "gantt-group".into()),
                    ("x", PAD.into()),
                    ("y", (self.y + 18.0).into()),
                ],
                title,
            );
            self.y += GROUP_HEAD;
        }
        let room = self.room;
        let labels: Vec<String> = group.bars.iter().map(label).collect();
        let spans: Vec<Span> = group
            .bars
            .iter()
            .zip(&labels)
            .map(|(b, l)| {
                // Milestones may fall outside the bar: the label clears them too.
                let x = |d: Date| self.axis.x(d) - PAD;
                let marks = b.milestones.iter().map(|m| x(m.date));
                let start = marks.clone().fold(x(b.span.0), |a, m| a.min(m - DIAMOND));
                let end = marks.fold(x(b.span.1).max(x(b.span.0) + 3.0), |a, m| {
                    a.max(m + DIAMOND)
                });
                Span {
                    start: start.max(0.0),
                    end: end.min(room),
                    label: axis::text_width(l, FONT).min(room),
                }
            })
            .collect();
        let placed = lanes::pack(&spans, room);
        let lanes = placed.iter().map(|p| p.lane + 1).max().unwrap_or(0);
        for ((bar, label), place) in group.bars.iter().zip(&labels).zip(&placed) {
            let top = self.y + place.lane as f64 * LANE + (LANE - BAR) / 2.0;
            let mid = top + BAR / 2.0;
            let (x0, x1) = (
                self.axis.x(bar.span.0),
                self.axis.x(bar.span.1).max(self.axis.x(bar.span.0) + 3.0),
            );
            self.at.insert(bar.id, (x0, x1, mid));
            self.arrows
                .extend(bar.depends_on.iter().map(|d| (d.as_str(), bar.id)));
            let class = if bar.own {
                "gantt-item own"
            } else {
                "gantt-item"
            };
            let href = format!("{}{}", self.root, bar.url);
            let name = format!(
                "{}: {}, {} to {}",
                bar.title, bar.status, bar.span.0, bar.span.1
            );
            svg.open(
                "a",
                &[
                    ("href", href.as_str().into()),
                    ("class", class.into()),
                    ("data-id", bar.id.into()),
                ],
            );
            svg.text("title", &[], &name);
            let status = format!("gantt-bar status-{}", bar.status);
            svg.leaf(
                "rect",
                &[
                    ("class", status.as_str().into()),
                    ("x", x0.into()),
                    ("y", top.into()),
                    ("width", (x1 - x0).into()),
                    ("height", BAR.into()),
                    ("rx", 3.0.into()),
                ],
            );
            svg.text(
                "text",
                &[
                    ("class", "gantt-label".into()),
                    ("x", (place.label_x + PAD).into()),
                    ("y", (mid + 4.0).into()),
                ],
                label,
            );
            svg.close("a");
            for m in bar.milestones {
                milestone(svg, self.axis.x(m.date), mid, bar.id, m);
            }
        }
        self.y += lanes as f64 * LANE + 10.0;
    }

    /// Arrows first, so that bars cover their ends.
    fn finish(self, svg: &mut Svg, marker: &str) {
        svg.open("g", &[("class", "gantt-deps".into())]);
        for (from, to) in &self.arrows {
            let (Some(a), Some(b)) = (self.at.get(from), self.at.get(to)) else {
                continue;
            };
            let (x1, y1, x2, y2) = (a.1, a.2, b.0, b.2);
            let bend = ((x2 - x1).abs() / 2.0).clamp(12.0, 40.0);
            let d = format!(
                "M{} {} C{} {} {} {} {} {}",
                svg_px(x1),
                svg_px(y1),
                svg_px(x1 + bend),
                svg_px(y1),
                svg_px(x2 - bend),
                svg_px(y2),
                svg_px(x2 - 2.0),
                svg_px(y2)
            );
            svg.leaf(
                "path",
                &[
                    ("class", "gantt-dep".into()),
                    ("d", d.as_str().into()),
                    ("marker-end", marker.into()),
                    ("data-from", (*from).into()),
                    ("data-to", (*to).into()),
                ],
            );
        }
        svg.close("g");
        let bars = self.bars.finish();
        svg.raw(&bars);
    }
}

/// A diamond on the bar's row: filled when done, hollow when open.
fn milestone(svg: &mut Svg, x: f64, y: f64, item: &str, m: &Milestone) {
    let r = DIAMOND;
    let d = format!(
        "M{} {} l{r} {r} l-{r} {r} l-{r} -{r} z",
        svg_px(x),
        svg_px(y - r)
    );
    let (class, state) = if m.done {
        ("gantt-ms done", "done")
    } else {
        ("gantt-ms open", "open")
    };
    let date = m.date.to_string();
    svg.titled(
        "path",
        &[
            ("class", class.into()),
            ("d", d.as_str().into()),
            ("data-item", item.into()),
            ("data-date", date.as_str().into()),
        ],
        &format!("Milestone {}: {}, {date}", state, m.title),
    );
}
