//! Numbers and dates as the report shows them: thousands grouped with a narrow no-break
//! space (readable in French and English alike), deterministic rounding.

/// The thousands separator: U+202F NARROW NO-BREAK SPACE.
pub const THIN: char = '\u{202F}';

/// An amount (money, person-days, value): no decimals from 100 on, else up to two.
pub fn amount(x: f64) -> String {
    if !x.is_finite() {
        return if x > 0.0 { "∞".into() } else { "–".into() };
    }
    let decimals = if x.abs() >= 100.0 { 0 } else { 2 };
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let s = if s == "-0" { "0".to_string() } else { s };
    group(&s)
}

/// A signed amount: `+120`, `−40`, `0`.
pub fn signed(x: f64) -> String {
    let a = amount(x.abs());
    if a == "0" {
        a
    } else if x > 0.0 {
        format!("+{a}")
    } else {
        format!("\u{2212}{a}")
    }
}

/// A ratio as a whole percentage: `0.914` → `91%`; infinite → `∞`.
pub fn pct(ratio: f64) -> String {
    if ratio.is_finite() {
        let p = (ratio * 100.0).round();
        format!("{}%", if p == 0.0 { 0.0 } else { p })
    } else {
        "∞".into()
    }
}

/// Groups the integer part of a formatted number by thousands.
fn group(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("\u{2212}", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    let n = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(THIN);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `YYYY-MM-DD HH:MM UTC` of a Unix time (seconds).
pub fn utc_date_time(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_group_thousands_and_round() {
        assert_eq!(amount(12490.0), "12\u{202F}490");
        assert_eq!(amount(1234.4), "1\u{202F}234");
        assert_eq!(amount(903.333333), "903");
        assert_eq!(amount(148.666), "149");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(amount(0.333), "0.33");
        assert_eq!(amount(-25000.0), "\u{2212}25\u{202F}000");
        assert_eq!(amount(-0.001), "0");
        assert_eq!(amount(1_234_567.0), "1\u{202F}234\u{202F}567");
        assert_eq!(amount(f64::INFINITY), "∞");
    }

    #[test]
    fn signed_and_percent() {
        assert_eq!(signed(120.0), "+120");
        assert_eq!(signed(-40.0), "\u{2212}40");
        assert_eq!(signed(0.0), "0");
        assert_eq!(pct(0.914), "91%");
        assert_eq!(pct(-0.001), "0%");
        assert_eq!(pct(f64::INFINITY), "∞");
    }

    #[test]
    fn dates() {
        assert_eq!(utc_date_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_date_time(1_798_761_599), "2026-12-31 23:59 UTC");
    }
}
