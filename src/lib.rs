//! charter: a product strategy kept as Markdown and YAML in git, checked
//! and rendered into a linked static site. The pipeline, in the order data
//! flows: `tree` (which files belong) → `load` (bytes to text, front
//! matter) → `model` (typed entities) → `validate` → `history` (git) →
//! `graph` (derived facts) → `draw` (SVG from the graph) → `render` →
//! `output`. `project` holds a checked strategy; `pipeline` runs the
//! stages for the commands in `cmd`, and `serve` keeps them live for the
//! preview. Each module imports only from those before it, and from the
//! ground floor every stage shares: `schema` (the kinds and their fields,
//! as data), `diagnostics` (problems as data), `text` and `term`.

pub mod cli;
mod cmd;
pub mod diagnostics;
mod draw;
#[cfg(any(test, feature = "fuzz"))]
#[doc(hidden)]
pub mod fuzz;
pub mod graph;
pub mod history;
pub mod load;
pub mod model;
mod output;
mod pipeline;
mod project;
mod render;
pub mod schema;
#[cfg(test)]
mod seeded;
mod serve;
pub mod term;
mod text;
mod tree;
pub mod validate;

pub use cmd::{Outcome, run};
