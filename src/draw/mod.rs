//! Drawings made in Rust as inline SVG, from the strategy's graph: the
//! roadmap timeline, an item's own bar, metric charts and sparklines. The
//! pages receive finished markup, so a template never lays anything out.

mod axis;
mod bars;
mod chart;
mod gantt;
mod lanes;
mod rows;
mod svg;
mod timeline;

pub use chart::{Metric, chart, sparkline};
pub use timeline::{item, roadmap};
