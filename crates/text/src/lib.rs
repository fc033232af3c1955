//! The inner loop of Wisemind's search: does a text contain an ASCII term, ignoring case?
//!
//! A crate of its own for one reason: Cargo sets optimisation per crate, and the app is
//! compiled for size (`opt-level = "z"`), which leaves this loop — run over every byte of
//! every note on each search — several times slower than at `opt-level = 3`. Lower-casing
//! for search and sorting ([`fold`]) lives here too, beside the scan it serves.

mod fold;

pub use fold::{fold, fold_char};

/// Whether `text` contains `term`, ignoring ASCII case. `term` must be ASCII and already
/// lower-case; an empty term is contained in every text.
pub fn contains_ascii_term(text: &str, term: &str) -> bool {
    let (hay, needle) = (text.as_bytes(), term.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if hay.len() < needle.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let b = hay[i];
        if (b == first || b == upper) && hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::contains_ascii_term;

    #[test]
    fn finds_terms_in_any_case_and_only_whole_terms() {
        assert!(contains_ascii_term("Practised TIPP after the argument.", "tipp"));
        assert!(contains_ascii_term("tipp", "tipp"));
        assert!(contains_ascii_term("used TiPp", "tipp"));
        assert!(!contains_ascii_term("used TIP", "tipp"));
        assert!(!contains_ascii_term("", "tipp"));
        assert!(contains_ascii_term("anything", ""));
        // Non-ASCII text around an ASCII term: byte positions, never split characters.
        assert!(contains_ascii_term("Müller übte DEAR MAN", "dear man"));
        assert!(!contains_ascii_term("Müller", "ller x"));
    }
}
