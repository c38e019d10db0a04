//! Phone numbers as staff type them, made into the E.164 form Ping keeps.

use crate::outbox::is_e164;

/// The country code a number typed without one belongs to (Zimbabwe, where
/// Ping's stores are).
pub const DEFAULT_COUNTRY_CODE: &str = "263";

/// The E.164 form of a phone number typed in any of the ways staff type
/// one, or `None` when it is not a phone number. Spaces, dashes, dots and
/// brackets are dropped; then `+263…` and `00263…` are international,
/// `263…` is too when it is long enough to hold a national number after
/// the code, `0` and nine digits is national (the trunk 0 gives way to the
/// country code), and nine digits are a national number typed without it:
/// "077 123 4567", "+263 77 123 4567", "0771234567", "263771234567" and
/// "771234567" are all +263771234567.
pub fn normalize_phone(typed: &str, country_code: &str) -> Option<String> {
    let text = typed.trim();
    let plus = text.starts_with('+');
    let rest = if plus { &text[1..] } else { text };
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let e164 = if plus {
        format!("+{digits}")
    } else if let Some(international) = digits.strip_prefix("00") {
        format!("+{international}")
    } else if digits.starts_with(country_code) && digits.len() >= country_code.len() + 9 {
        format!("+{digits}")
    } else if let Some(national) = digits.strip_prefix('0').filter(|n| n.len() == 9) {
        format!("+{country_code}{national}")
    } else if digits.len() == 9 {
        format!("+{country_code}{digits}")
    } else {
        return None;
    };
    is_e164(&e164).then_some(e164)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_staff_type_is_one_number() {
        for typed in [
            "077 123 4567",
            "+263 77 123 4567",
            "0771234567",
            "263771234567",
            "771234567",
            "+263771234567",
            "00263 77 123 4567",
            "(077) 123-4567",
            " 077.123.4567 ",
        ] {
            assert_eq!(
                normalize_phone(typed, DEFAULT_COUNTRY_CODE).as_deref(),
                Some("+263771234567"),
                "{typed}"
            );
        }
    }

    #[test]
    fn other_countries_keep_their_code() {
        assert_eq!(
            normalize_phone("+27 82 123 4567", "263").as_deref(),
            Some("+27821234567")
        );
    }

    #[test]
    fn what_is_not_a_phone_is_refused() {
        for typed in [
            "",
            "+",
            "abc",
            "077 12x 4567",
            "12",
            "+0771234567",
            "0",
            "++263771234567",
            "077123",
        ] {
            assert_eq!(
                normalize_phone(typed, DEFAULT_COUNTRY_CODE),
                None,
                "{typed}"
            );
        }
    }
}
