//! What a Gantt drawing is made of: the bars, their groups, and the
//! measures of a row, shared by the drawing (`gantt`) and the rows it
//! lays out (`rows`).

use super::axis;
use crate::graph::Milestone;
use crate::model::Date;

/// One bar to draw.
pub struct Bar<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub status: &'a str,
    /// From the site's root (`roadmap/sso/index.html`).
    pub url: String,
    pub span: (Date, Date),
    /// Those with a date are drawn.
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

pub(super) const PAD: f64 = 12.0;
pub(super) const FONT: f64 = 12.0;
pub(super) const LANE: f64 = 26.0;
pub(super) const BAR: f64 = 14.0;
pub(super) const GROUP_HEAD: f64 = 28.0;
/// The axis rows, and a row for today's label, above the bars.
pub(super) const HEAD: f64 = 64.0;
/// The longest label, so that one long title does not push its lane apart.
const MAX_LABEL: f64 = 280.0;
/// Half a milestone diamond's width.
pub(super) const DIAMOND: f64 = 6.0;

/// A bar's label: its title, cut to `MAX_LABEL`.
pub(super) fn label(bar: &Bar) -> String {
    axis::fit(bar.title, MAX_LABEL, FONT)
}
