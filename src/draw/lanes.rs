//! Where bars and their labels go on a timeline: each label beside its
//! bar (after it, else before it, else over it), and each bar with its
//! label in the first lane where nothing else is in the way, so that no
//! two labels, and no label and another bar, ever overlap.

/// A bar from `start` to `end` along x, and the width its label needs.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub start: f64,
    pub end: f64,
    pub label: f64,
}

/// Where a span went: its lane (row) and its label's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub lane: usize,
    pub label_x: f64,
}

/// The room between a bar and its label, and between two neighbours.
pub const GAP: f64 = 6.0;

/// The label's left edge: after the bar if it fits before `width`, else
/// before the bar if it fits after 0, else as far left as keeps it
/// inside (labels are cut to `width` beforehand).
pub fn label_x(span: Span, width: f64) -> f64 {
    if span.end + GAP + span.label <= width {
        span.end + GAP
    } else if span.start - GAP - span.label >= 0.0 {
        span.start - GAP - span.label
    } else {
        (width - span.label).max(0.0).min(span.start.max(0.0))
    }
}

/// What a span and its label cover along x.
fn extent(span: Span, label_x: f64) -> (f64, f64) {
    (span.start.min(label_x), span.end.max(label_x + span.label))
}

/// Lanes for `spans`, in the order given (sort them by start first for a
/// compact result): each in the first lane whose last occupant ends,
/// label included, at least `GAP` before it starts.
pub fn pack(spans: &[Span], width: f64) -> Vec<Placed> {
    let mut lane_ends: Vec<f64> = Vec::new();
    spans
        .iter()
        .map(|&span| {
            let label_x = label_x(span, width);
            let (from, to) = extent(span, label_x);
            let lane = match lane_ends.iter().position(|&end| end + GAP <= from) {
                Some(lane) => lane,
                None => {
                    lane_ends.push(f64::NEG_INFINITY);
                    lane_ends.len() - 1
                }
            };
            lane_ends[lane] = to;
            Placed { lane, label_x }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: f64, end: f64, label: f64) -> Span {
        Span { start, end, label }
    }

    /// Every label inside `0..width`, and nothing in a lane overlapping
    /// anything else in it.
    fn check(spans: &[Span], width: f64) {
        let placed = pack(spans, width);
        for (i, (a, pa)) in spans.iter().zip(&placed).enumerate() {
            assert!(
                pa.label_x >= 0.0 && pa.label_x + a.label <= width,
                "label {i} outside"
            );
            for (b, pb) in spans.iter().zip(&placed).skip(i + 1) {
                if pa.lane != pb.lane {
                    continue;
                }
                let (a0, a1) = extent(*a, pa.label_x);
                let (b0, b1) = extent(*b, pb.label_x);
                assert!(
                    a1 <= b0 || b1 <= a0,
                    "{a:?} and {b:?} overlap in lane {}",
                    pa.lane
                );
            }
        }
    }

    #[test]
    fn labels_go_after_then_before_then_over_their_bar() {
        assert_eq!(label_x(span(10.0, 50.0, 30.0), 200.0), 56.0);
        assert_eq!(label_x(span(100.0, 190.0, 30.0), 200.0), 64.0);
        assert_eq!(label_x(span(10.0, 190.0, 30.0), 200.0), 10.0);
        assert_eq!(label_x(span(0.0, 200.0, 200.0), 200.0), 0.0);
    }

    #[test]
    fn overlapping_spans_take_separate_lanes_and_free_lanes_are_reused() {
        let spans = [
            span(0.0, 100.0, 40.0),
            span(50.0, 120.0, 40.0),
            span(160.0, 200.0, 40.0),
            span(300.0, 320.0, 40.0),
        ];
        let lanes: Vec<usize> = pack(&spans, 1000.0).iter().map(|p| p.lane).collect();
        // The first label ends at 146: the third span, at 160, fits after it.
        assert_eq!(lanes, [0, 1, 0, 0]);
        check(&spans, 1000.0);
    }

    #[test]
    fn no_overlap_in_many_random_layouts() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: f64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 10_000) as f64 / 10_000.0 * below
        };
        for _ in 0..50 {
            let width = 200.0 + next(3000.0);
            let mut spans: Vec<Span> = (0..200)
                .map(|_| {
                    let start = next(width);
                    let end = (start + next(width / 4.0)).min(width);
                    span(start, end, next(width.min(300.0)))
                })
                .collect();
            spans.sort_by(|a, b| a.start.total_cmp(&b.start));
            check(&spans, width);
        }
    }
}
