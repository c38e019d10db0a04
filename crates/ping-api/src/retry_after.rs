//! Reading the `Retry-After` header of Ping's answers.

use chrono::{DateTime, NaiveDateTime, Utc};
use std::time::Duration;

/// The longest wait a `Retry-After` is taken to ask for: a larger value, or a
/// date further ahead, reads as this, so a broken header cannot hold a desk's
/// sending for days.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// IMF-fixdate, the HTTP-date form RFC 9110 has senders use.
const IMF_FIXDATE: &str = "%a, %d %b %Y %H:%M:%S GMT";

/// The wait a `Retry-After` value asks for, at most [`MAX_RETRY_AFTER`]:
/// delta-seconds, or an HTTP-date (one already past means no wait). Anything
/// else (negative, fractional, empty, not ASCII) is `None`, as if absent.
pub(crate) fn parse_retry_after(raw: &[u8], now: DateTime<Utc>) -> Option<Duration> {
    let text = std::str::from_utf8(raw).ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // All digits, so the parse fails only on overflow: still "a long time".
        let seconds = text.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER));
    }
    let date = NaiveDateTime::parse_from_str(text, IMF_FIXDATE)
        .ok()?
        .and_utc();
    let ahead = (date - now).to_std().unwrap_or(Duration::ZERO);
    Some(ahead.min(MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn parse(text: &str) -> Option<Duration> {
        parse_retry_after(text.as_bytes(), now())
    }

    #[test]
    fn delta_seconds_are_read_and_clamped() {
        assert_eq!(parse("0"), Some(Duration::ZERO));
        assert_eq!(parse(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(parse("3600"), Some(MAX_RETRY_AFTER));
        for huge in [
            "3601",
            &u64::MAX.to_string(),
            "18446744073709551616",
            "99999999999999999999",
            &format!("1{}", "0".repeat(30)),
        ] {
            assert_eq!(parse(huge), Some(MAX_RETRY_AFTER), "{huge}");
        }
    }

    #[test]
    fn http_dates_count_from_now_and_past_ones_mean_no_wait() {
        assert_eq!(
            parse("Tue, 01 Dec 2026 10:02:30 GMT"),
            Some(Duration::from_secs(150))
        );
        assert_eq!(parse("Tue, 01 Dec 2026 09:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(
            parse("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(MAX_RETRY_AFTER)
        );
    }

    #[test]
    fn anything_else_is_as_if_absent() {
        for bad in [
            "",
            "   ",
            "-5",
            "+5",
            "1.5",
            "1e3",
            "٣",
            "soon",
            "Tue, 01 Dec 2026 10:02:30",
            "Mon, 01 Dec 2026 10:02:30 GMT",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse_retry_after(b"\xff\xfe12", now()), None);
    }

    fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
        (-100_000_000_000i64..100_000_000_000).prop_filter_map("a representable time", |secs| {
            DateTime::from_timestamp(secs, 0)
        })
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_ask_for_more_than_the_clamp(
            raw in prop::collection::vec(any::<u8>(), 0..64),
            now in any_time(),
        ) {
            let wait = parse_retry_after(&raw, now);
            prop_assert!(wait.is_none_or(|w| w <= MAX_RETRY_AFTER));
        }

        #[test]
        fn arbitrary_text_never_asks_for_more_than_the_clamp(
            text in prop_oneof![
                ".*",
                "[0-9]{0,40}",
                "[ -]?[0-9]{0,25}(\\.[0-9]{0,5})?",
                "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} (Jan|Feb|Dec) [0-9]{1,6} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
            ],
            now in any_time(),
        ) {
            let wait = parse_retry_after(text.as_bytes(), now);
            prop_assert!(wait.is_none_or(|w| w <= MAX_RETRY_AFTER));
        }
    }
}
