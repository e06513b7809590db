//! Commit times as people read them: the date in the author's own time
//! zone, and RFC 3339 for the Atom feed. Only times that come from git are
//! ever shown, so builds stay deterministic. A commit's clock can say
//! anything: times before year 0 or after 9999 show as the first or last
//! second of that range (RFC 3339 has four-digit years), and an offset of
//! a day or more (not a time zone) as UTC.

/// `2027-01-04`, in the author's time zone.
pub fn date(seconds: i64, offset_minutes: i32) -> String {
    let (y, m, d, _) = civil(seconds, offset_minutes);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2027-01-04T09:30:00+01:00`.
pub fn rfc3339(seconds: i64, offset_minutes: i32) -> String {
    let (y, m, d, secs) = civil(seconds, offset_minutes);
    let offset_minutes = zone(offset_minutes);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

/// 0000-01-01T00:00:00 and 9999-12-31T23:59:59, in seconds since the epoch.
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

/// The offset shown: the author's, unless it is no time zone's.
fn zone(offset_minutes: i32) -> i32 {
    if offset_minutes.unsigned_abs() < 24 * 60 {
        offset_minutes
    } else {
        0
    }
}

/// (year, month, day, seconds into the day) of a local time; the
/// days-to-civil algorithm of Howard Hinnant's `chrono`-compatible dates.
fn civil(seconds: i64, offset_minutes: i32) -> (i64, u32, u32, i64) {
    let local = seconds
        .saturating_add(i64::from(zone(offset_minutes)) * 60)
        .clamp(FIRST, LAST);
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_authors_zone() {
        assert_eq!(date(0, 0), "1970-01-01");
        // 2027-01-04 23:30 UTC is already the 5th in Berlin.
        let t = 1_799_105_400;
        assert_eq!(rfc3339(t, 0), "2027-01-04T23:30:00+00:00");
        assert_eq!(rfc3339(t, 60), "2027-01-05T00:30:00+01:00");
        assert_eq!(date(t, -300), "2027-01-04");
        assert_eq!(date(951_782_400, 0), "2000-02-29");
    }

    #[test]
    fn absurd_clocks_give_four_digit_years_and_real_zones() {
        assert_eq!(rfc3339(i64::MAX, 0), "9999-12-31T23:59:59+00:00");
        assert_eq!(rfc3339(LAST + 1, 0), "9999-12-31T23:59:59+00:00");
        assert_eq!(rfc3339(i64::MIN, i32::MIN), "0000-01-01T00:00:00+00:00");
        assert_eq!(rfc3339(FIRST, 0), "0000-01-01T00:00:00+00:00");
        assert_eq!(date(-1, 0), "1969-12-31");
        // git reads `+9959` as an offset of almost 100 hours.
        assert_eq!(rfc3339(0, 5999), "1970-01-01T00:00:00+00:00");
        assert_eq!(rfc3339(0, -(23 * 60 + 59)), "1969-12-31T00:01:00-23:59");
    }
}
