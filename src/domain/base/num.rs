//! Reading decimal numbers as people type them (the RCI parameters in Settings).
//!
//! Not `str::parse::<f64>`: core's float parser carries about 16 KB of code and tables
//! (powers of five for arbitrary precision) into the page's wasm, for numbers that never
//! need more than 15 significant digits. Below 2^53 an integer and a power of ten up to
//! 10^22 are exact doubles, so one division gives the correctly rounded result.

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Read a decimal number: optional sign, digits, and a point or comma before the decimals
/// (`0.85`, `0,85`, `.5`, `12`). No exponents, at most 15 significant digits and 22
/// decimals; `None` for anything else.
pub fn parse(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = match body.find(['.', ',']) {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) || frac.len() >= POW10.len() {
        return None;
    }
    let digits = || int.bytes().chain(frac.bytes());
    let significant = int.len() + frac.len() - digits().take_while(|b| *b == b'0').count();
    if significant > 15 {
        return None;
    }
    let mantissa = digits().fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
    let value = mantissa as f64 / POW10[frac.len()];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_typed_decimals_as_core_does() {
        for (text, want) in [
            ("0.85", 0.85),
            (" 0,85 ", 0.85),
            ("12", 12.0),
            ("+3.5", 3.5),
            ("-0.25", -0.25),
            (".5", 0.5),
            ("5.", 5.0),
            ("000.100", 0.1),
            ("123456789012345", 123456789012345.0),
            ("0.000000000000000000001", 1e-21),
            ("0000000000000000000000000007", 7.0),
        ] {
            assert_eq!(parse(text), Some(want), "{text:?}");
            assert_eq!(
                parse(text),
                text.trim().replace(',', ".").parse().ok(),
                "{text:?} as core reads it"
            );
        }
        for bad in [
            "",
            " ",
            "-",
            ".",
            "1e3",
            "1.2.3",
            "1,2.3",
            "abc",
            "0x10",
            "inf",
            "NaN",
            "1 000",
            "1234567890123456",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_short_decimal_reads_exactly() {
        // Every value with up to 15 significant digits is the correctly rounded double,
        // which is what core's parser returns.
        for n in [1u32, 2, 3, 7, 8, 10, 100, 1000, 12345] {
            for k in 0..=3000u32 {
                let v = f64::from(k) / f64::from(n);
                for d in 0..=6 {
                    let text = format!("{v:.d$}");
                    assert_eq!(parse(&text), text.parse().ok(), "{text}");
                }
            }
        }
    }
}
