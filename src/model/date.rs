//! Calendar dates as the files write them, `YYYY-MM-DD`.

/// Checks that `s` is a real calendar date in `YYYY-MM-DD` form.
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

/// (year, month, day) of a valid date.
pub fn parse(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r.clone())
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    // There is no year 0 in the calendar dates are written in.
    (y > 0 && (1..=days).contains(&d)).then_some((y as i32, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_dates_only() {
        assert!(is_valid("2027-02-28"));
        assert!(is_valid("2028-02-29"));
        assert!(!is_valid("2027-02-29"));
        assert!(!is_valid("2027-13-01"));
        assert!(!is_valid("2027-1-01"));
        assert!(!is_valid("27-01-01xx"));
        assert!(!is_valid("2027-01-0a"));
        assert!(!is_valid("0000-01-01"));
        assert!(is_valid("0001-01-01") && is_valid("9999-12-31"));
    }
}
