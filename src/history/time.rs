//! Commit times as people read them: the date in the author's own time
//! zone, and RFC 3339 for the Atom feed. Only times that come from git are
//! ever shown, so builds stay deterministic. A commit's clock can say
//! anything: times before year 0 or after 9999 show as the first or last
//! second of that range (RFC 3339 has four-digit years), and an offset of
//! a day or more (not a time zone) as UTC.

use crate::model::Date;
use jiff::SignedDuration;
use jiff::civil::{DateTime, datetime};
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;

/// `2027-01-04`, in the author's time zone: a `Date`, so that what a
/// commit says can be judged as of its day.
pub fn date(seconds: i64, offset_minutes: i32) -> Date {
    Date::from(local(seconds, zone(offset_minutes)).date())
}

/// `2027-01-04T09:30:00+01:00`.
pub fn rfc3339(seconds: i64, offset_minutes: i32) -> String {
    let offset = zone(offset_minutes);
    Pieces::from(local(seconds, offset))
        .with_offset(offset)
        .to_string()
}

/// The first and the last second with a four-digit year.
const FIRST: DateTime = datetime(0, 1, 1, 0, 0, 0, 0);
const LAST: DateTime = datetime(9999, 12, 31, 23, 59, 59, 0);

/// The offset shown: the author's, unless it is no time zone's.
fn zone(offset_minutes: i32) -> Offset {
    Some(offset_minutes)
        .filter(|m| m.unsigned_abs() < 24 * 60)
        .and_then(|m| Offset::from_seconds(m * 60).ok())
        .unwrap_or(Offset::UTC)
}

/// The wall-clock time at `offset`. Built from civil time rather than a
/// `jiff::Timestamp`, whose range ends a day early so that every offset
/// fits: a clamped last second east of UTC would not be one.
fn local(seconds: i64, offset: Offset) -> DateTime {
    let since_epoch = seconds.saturating_add(i64::from(offset.seconds()));
    datetime(1970, 1, 1, 0, 0, 0, 0)
        .saturating_add(SignedDuration::from_secs(since_epoch))
        .clamp(FIRST, LAST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_authors_zone() {
        assert_eq!(date(0, 0).to_string(), "1970-01-01");
        // 2027-01-04 23:30 UTC is already the 5th in Berlin.
        let t = 1_799_105_400;
        assert_eq!(rfc3339(t, 0), "2027-01-04T23:30:00+00:00");
        assert_eq!(rfc3339(t, 60), "2027-01-05T00:30:00+01:00");
        assert_eq!(date(t, -300).to_string(), "2027-01-04");
        assert_eq!(date(951_782_400, 0).to_string(), "2000-02-29");
    }

    /// 0000-01-01T00:00:00 and 9999-12-31T23:59:59, in seconds since the epoch.
    const FIRST_SECOND: i64 = -62_167_219_200;
    const LAST_SECOND: i64 = 253_402_300_799;

    #[test]
    fn absurd_clocks_give_four_digit_years_and_real_zones() {
        assert_eq!(rfc3339(i64::MAX, 0), "9999-12-31T23:59:59+00:00");
        assert_eq!(rfc3339(LAST_SECOND + 1, 0), "9999-12-31T23:59:59+00:00");
        assert_eq!(rfc3339(i64::MIN, i32::MIN), "0000-01-01T00:00:00+00:00");
        assert_eq!(rfc3339(FIRST_SECOND, 0), "0000-01-01T00:00:00+00:00");
        assert_eq!(date(-1, 0).to_string(), "1969-12-31");
        // git reads `+9959` as an offset of almost 100 hours.
        assert_eq!(rfc3339(0, 5999), "1970-01-01T00:00:00+00:00");
        assert_eq!(rfc3339(0, -(23 * 60 + 59)), "1969-12-31T00:01:00-23:59");
        // The clamp is on the wall clock, so it holds east and west of UTC.
        assert_eq!(rfc3339(LAST_SECOND, 60), "9999-12-31T23:59:59+01:00");
        assert_eq!(rfc3339(FIRST_SECOND, -60), "0000-01-01T00:00:00-01:00");
        assert_eq!(date(i64::MIN, 0).to_string(), "0000-01-01");
    }
}
