//! Numbers as people read them, by one rule everywhere (pages, charts,
//! history): `48,950` in full, `49k` where space is short. Templates reach
//! it as the `number` filter; drawings and history call it directly.

/// `x` in full: thousands grouped with commas, at most two decimals, and
/// no trailing zeros (`48,950`, `99.95`, `0.3`, `-1,200.5`).
pub fn full(x: f64) -> String {
    fixed(x, 2)
}

/// `x` in at most three characters of digits: `1.7`, `411`, `1.2k`,
/// `49k`, `411k`, `1.9M`, `2B`. One decimal below ten, none above; below
/// one, two decimals, so a score of `0.25` does not read as `0.3`.
pub fn compact(x: f64) -> String {
    const UNITS: [(f64, &str); 4] = [(1.0, ""), (1e3, "k"), (1e6, "M"), (1e9, "B")];
    let size = x.abs();
    let mut unit = UNITS.iter().rposition(|(u, _)| size >= *u).unwrap_or(0);
    loop {
        let scaled = size / UNITS[unit].0;
        let decimals = match round(scaled, 1) {
            m if m >= 10.0 => 0,
            m if m >= 1.0 || unit > 0 => 1,
            _ => 2,
        };
        // 999,960 would read 1000k: it is 1M.
        if round(scaled, decimals) >= 1000.0 && unit + 1 < UNITS.len() {
            unit += 1;
            continue;
        }
        return format!("{}{}", fixed(x.signum() * scaled, decimals), UNITS[unit].1);
    }
}

fn round(x: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (x * scale).round() / scale
}

/// `x` rounded to `decimals`, trailing zeros dropped, the integer part
/// grouped by thousands.
fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let negative = x < 0.0 && (int != "0" || !frac.is_empty());
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_groups_thousands_and_keeps_two_decimals() {
        let cases = [
            (48950.0, "48,950"),
            (1_234_567.0, "1,234,567"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (99.95, "99.95"),
            (0.1 + 0.2, "0.3"),
            (411.44, "411.44"),
            (2.0 / 3.0, "0.67"),
            (-1200.5, "-1,200.5"),
            (-0.001, "0"),
            (0.0, "0"),
        ];
        for (x, shown) in cases {
            assert_eq!(full(x), shown, "{x}");
        }
    }

    #[test]
    fn compact_keeps_two_or_three_digits_with_a_unit() {
        let cases = [
            (1.7, "1.7"),
            (0.25, "0.25"),
            (411.4, "411"),
            (999.4, "999"),
            (999.6, "1k"),
            (1000.0, "1k"),
            (1230.0, "1.2k"),
            (1449.0, "1.4k"),
            (9960.0, "10k"),
            (48950.0, "49k"),
            (411_000.0, "411k"),
            (999_700.0, "1M"),
            (1_900_000.0, "1.9M"),
            (2_000_000_000.0, "2B"),
            (-48950.0, "-49k"),
            (0.0, "0"),
        ];
        for (x, shown) in cases {
            assert_eq!(compact(x), shown, "{x}");
        }
    }
}
