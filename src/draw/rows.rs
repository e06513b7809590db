//! The rows of a gantt drawing: each group's heading, then its bars in
//! lanes (`lanes`) with their labels and milestones, and the arrows
//! between bars, drawn beneath them once every bar's place is known.

use super::axis::{self, TimeAxis};
use super::bars::{BAR, DIAMOND, FONT, GROUP_HEAD, Group, HEAD, LANE, PAD, label};
use super::lanes::{self, Span};
use super::svg::{Px, Svg};
use crate::graph::Milestone;
use crate::model::Date;
use rustc_hash::FxHashMap;

/// Bars laid out group by group; arrows are drawn once every bar's place
/// is known, beneath the bars.
pub struct Rows<'a> {
    axis: &'a TimeAxis,
    root: &'a str,
    /// The width labels may use, from the axis's start.
    room: f64,
    pub y: f64,
    /// Where each bar went: (start x, end x, middle y).
    at: FxHashMap<&'a str, (f64, f64, f64)>,
    arrows: Vec<(&'a str, &'a str)>,
    bars: Svg,
}

impl<'a> Rows<'a> {
    pub fn new(axis: &'a TimeAxis, root: &'a str, room: f64) -> Rows<'a> {
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

    pub fn group(&mut self, group: &'a Group<'a>) {
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
                let marks = b.milestones.iter().filter_map(|m| m.date).map(x);
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
                    ("x", (place.label_x + PAD).into()),
                    ("y", (mid + 4.0).into()),
                ],
                label,
            );
            svg.close("a");
            for m in bar.milestones {
                if let Some(date) = m.date {
                    milestone(svg, self.axis.x(date), mid, bar.id, m, date);
                }
            }
        }
        self.y += lanes as f64 * LANE + 10.0;
    }

    /// Arrows first, so that bars cover their ends.
    pub fn finish(self, svg: &mut Svg, marker: &str) {
        svg.open("g", &[("class", "gantt-deps".into())]);
        for (from, to) in &self.arrows {
            let (Some(a), Some(b)) = (self.at.get(from), self.at.get(to)) else {
                continue;
            };
            let (x1, y1, x2, y2) = (a.1, a.2, b.0, b.2);
            let bend = ((x2 - x1).abs() / 2.0).clamp(12.0, 40.0);
            let d = format!(
                "M{} {} C{} {} {} {} {} {}",
                Px(x1),
                Px(y1),
                Px(x1 + bend),
                Px(y1),
                Px(x2 - bend),
                Px(y2),
                Px(x2 - 2.0),
                Px(y2)
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
fn milestone(svg: &mut Svg, x: f64, y: f64, item: &str, m: &Milestone, date: Date) {
    let r = DIAMOND;
    let d = format!("M{} {} l{r} {r} l-{r} {r} l-{r} -{r} z", Px(x), Px(y - r));
    let (class, state) = if m.is_done() {
        ("gantt-ms done", "done")
    } else {
        ("gantt-ms open", "open")
    };
    let date = date.to_string();
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
