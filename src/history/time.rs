//! Commit times as people read them: the date in the author's own time
//! zone, and RFC 3339 for the Atom feed. Only times that come from git are
//! ever shown, so builds stay deterministic.

/// `2027-01-04`, in the author's time zone.
pub fn date(seconds: i64, offset_minutes: i32) -> String {
    let (y, m, d, _) = civil(seconds, offset_minutes);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2027-01-04T09:30:00+01:00`.
pub fn rfc3339(seconds: i64, offset_minutes: i32) -> String {
    let (y, m, d, secs) = civil(seconds, offset_minutes);
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

/// (year, month, day, seconds into the day) of a local time; the
/// days-to-civil algorithm of Howard Hinnant's `chrono`-compatible dates.
fn civil(seconds: i64, offset_minutes: i32) -> (i64, u32, u32, i64) {
    // Commit times are whatever the committer's clock said: never overflow.
    let local = seconds
        .saturating_add(i64::from(offset_minutes) * 60)
        .clamp(-(1 << 45), 1 << 45);
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
        // Absurd clocks give absurd dates, not a panic.
        let _ = (date(i64::MAX, i32::MAX), rfc3339(i64::MIN, i32::MIN));
    }
}
