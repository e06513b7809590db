//! Calendar dates as the files write them, `YYYY-MM-DD`, with the
//! arithmetic views need (days late, quarters on an axis); jiff's civil
//! dates do the calendar so no leap-year rule is written twice.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date, shown and exported as `YYYY-MM-DD`; it orders by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    /// A real calendar date written exactly `YYYY-MM-DD`, years 0001 to
    /// 9999. Stricter than jiff's own parser, which also takes signed
    /// six-digit years, `20270104` and date-times.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<i16> {
            s.get(r)
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
                .parse()
                .ok()
        };
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        // There is no year 0 in the calendar dates are written in.
        if y == 0 {
            return None;
        }
        let m = i8::try_from(m).ok()?;
        let d = i8::try_from(d).ok()?;
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }

    /// Whole days from `self` to `later`; negative when `later` is earlier.
    pub fn days_until(self, later: Date) -> i32 {
        (later.0 - self.0).get_days()
    }

    /// 1 (January) to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// 1 (January to March) to 4.
    pub fn quarter(self) -> i8 {
        (self.month() - 1) / 3 + 1
    }

    pub fn first_of_month(self) -> Date {
        Date(self.0.first_of_month())
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The first of the month `n` months after this date's, kept within
    /// years 1 to 9999 so that an axis at the calendar's end stops there.
    pub fn months_later(self, n: i32) -> Date {
        let first = self.0.first_of_month();
        let later = match jiff::Span::new().try_months(n) {
            Ok(span) => first.saturating_add(span),
            Err(_) if n < 0 => jiff::civil::Date::MIN,
            Err(_) => jiff::civil::Date::MAX,
        };
        Date(later.max(jiff::civil::date(1, 1, 1)).first_of_month())
    }
}

/// Any civil date, such as a commit's in its author's zone; those of a
/// clock before year 1 show as `0000-01-01`, which `parse` refuses.
impl From<jiff::civil::Date> for Date {
    fn from(date: jiff::civil::Date) -> Date {
        Date(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // jiff writes years 0 to 9999 with four digits, as RFC 3339 does.
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_valid(s: &str) -> bool {
        Date::parse(s).is_some()
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

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

    #[test]
    fn refuses_what_jiff_alone_would_take() {
        for s in ["+2027-01-04", "20270104", "2027-01-04T10:00", "2027-00-10"] {
            assert!(!is_valid(s), "{s}");
        }
        assert!(!is_valid("2027-01-00") && !is_valid("2027-01-32"));
        assert!(!is_valid("2027-01-+4") && !is_valid("２０２７-01-04"));
    }

    #[test]
    fn shows_and_exports_as_written() {
        for s in ["0001-01-01", "2027-03-09", "9999-12-31"] {
            assert_eq!(date(s).to_string(), s);
            assert_eq!(serde_json::to_value(date(s)).unwrap(), s);
        }
        assert_eq!(
            Date::from(jiff::civil::date(0, 1, 1)).to_string(),
            "0000-01-01"
        );
    }

    #[test]
    fn orders_and_counts_days_across_months_and_leap_years() {
        assert!(date("2027-01-31") < date("2027-02-01"));
        assert!(date("0999-12-31") < date("1000-01-01"));
        assert_eq!(date("2028-02-28").days_until(date("2028-03-01")), 2);
        assert_eq!(date("2027-02-28").days_until(date("2027-03-01")), 1);
        assert_eq!(date("2027-03-01").days_until(date("2027-01-01")), -59);
        assert_eq!(date("2027-01-01").days_until(date("2028-01-01")), 365);
    }

    #[test]
    fn months_and_quarters() {
        let q = |s| date(s).quarter();
        assert_eq!(
            [q("2027-01-01"), q("2027-03-31"), q("2027-04-01")],
            [1, 1, 2]
        );
        assert_eq!(
            [q("2027-09-30"), q("2027-10-01"), q("2027-12-31")],
            [3, 4, 4]
        );
        assert_eq!(date("2027-11-30").month(), 11);
        assert_eq!(date("2028-02-29").first_of_month(), date("2028-02-01"));
        assert_eq!(date("2027-11-30").months_later(3), date("2028-02-01"));
        assert_eq!(date("2027-01-15").months_later(-1), date("2026-12-01"));
        assert_eq!(date("9999-12-31").months_later(1), date("9999-12-01"));
        assert_eq!(date("0001-01-31").months_later(-1), date("0001-01-01"));
    }
}
