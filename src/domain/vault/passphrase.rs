//! Passphrase policy: refuse what is too short, warn about what is obviously guessable.
//! This is a floor, not a strength meter: the notebook's real protection is Argon2id plus a
//! passphrase only the user knows.

use std::fmt;

use crate::domain::base::order;

/// Minimum length in characters (Unicode scalar values).
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Why a passphrase is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassphraseError {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort {
        /// Characters given.
        chars: usize,
    },
    /// The confirmation differs.
    Mismatch,
}

impl fmt::Display for PassphraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PassphraseError::TooShort { chars } => write!(
                f,
                "The passphrase must be at least {MIN_PASSPHRASE_CHARS} characters long (it has {chars}). \
                 A few unrelated words make a good one."
            ),
            PassphraseError::Mismatch => f.write_str("The two passphrases do not match."),
        }
    }
}

/// Something obviously guessable about an acceptable-length passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseWarning {
    /// One character or one short word repeated ("aaaaaaaaaaaa", "abcabcabcabc").
    Repetition,
    /// A keyboard or number run ("123456789012", "qwertyuiopas").
    Sequence,
    /// Built on a very common password ("password", "letmein", …).
    CommonWord,
    /// Very few distinct characters.
    FewDistinct,
}

impl fmt::Display for PassphraseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PassphraseWarning::Repetition => "It repeats one character or word, which is easy to guess.",
            PassphraseWarning::Sequence => "It is a keyboard or number sequence, which is easy to guess.",
            PassphraseWarning::CommonWord => "It is built on a very common password.",
            PassphraseWarning::FewDistinct => "It uses very few different characters.",
        })
    }
}

const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "letmein",
    "welcome",
    "iloveyou",
    "qwerty",
    "admin",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "trustno1",
    "wisemind",
    "therapy",
    "dbtskills",
];
const RUNS: &[&str] = &[
    "0123456789012345678901234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
];

/// Check a new passphrase and its confirmation. `Ok` carries warnings that do not block.
pub fn assess(passphrase: &str, confirmation: &str) -> Result<Vec<PassphraseWarning>, PassphraseError> {
    let chars = passphrase.chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort { chars });
    }
    if passphrase != confirmation {
        return Err(PassphraseError::Mismatch);
    }
    Ok(warnings(passphrase))
}

/// Warnings alone, for live feedback while typing.
pub fn warnings(passphrase: &str) -> Vec<PassphraseWarning> {
    let lower: Vec<char> = passphrase
        .chars()
        .map(wisemind_text::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let text: String = lower.iter().collect();
    let mut found = Vec::new();
    if is_repetition(&lower) {
        found.push(PassphraseWarning::Repetition);
    }
    let reversed: String = text.chars().rev().collect();
    if text.len() >= 6 && RUNS.iter().any(|run| run.contains(&text) || run.contains(&reversed)) {
        found.push(PassphraseWarning::Sequence);
    }
    if COMMON.iter().any(|w| text.contains(w)) {
        found.push(PassphraseWarning::CommonWord);
    }
    let mut distinct = lower.clone();
    order::sort(&mut distinct);
    distinct.dedup();
    if distinct.len() < 5 && !found.contains(&PassphraseWarning::Repetition) {
        found.push(PassphraseWarning::FewDistinct);
    }
    found
}

/// True if the text is a unit of at most half its length repeated (allowing a partial tail).
fn is_repetition(chars: &[char]) -> bool {
    let n = chars.len();
    (1..=n / 2).any(|unit| chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_short_and_mismatched() {
        assert_eq!(assess("short", "short"), Err(PassphraseError::TooShort { chars: 5 }));
        // Eleven characters, one short of the floor; counted in characters, not bytes.
        assert_eq!(
            assess("ééééééééééé", "ééééééééééé"),
            Err(PassphraseError::TooShort { chars: 11 })
        );
        assert_eq!(
            assess("lantern orbit meadow", "lantern orbit meadoW"),
            Err(PassphraseError::Mismatch)
        );
    }

    #[test]
    fn accepts_a_good_passphrase_without_warnings() {
        assert_eq!(assess("lantern orbit meadow", "lantern orbit meadow"), Ok(vec![]));
    }

    #[test]
    fn warns_on_obviously_weak_ones() {
        assert!(warnings("aaaaaaaaaaaa").contains(&PassphraseWarning::Repetition));
        assert!(warnings("hellohellohello").contains(&PassphraseWarning::Repetition));
        assert!(warnings("123456789012").contains(&PassphraseWarning::Sequence));
        assert!(warnings("qwertyuiopas").contains(&PassphraseWarning::Sequence));
        assert!(warnings("MyPassword2024").contains(&PassphraseWarning::CommonWord));
        assert!(warnings("abababababba").contains(&PassphraseWarning::FewDistinct));
        // Warnings do not block.
        assert_eq!(
            assess("aaaaaaaaaaaa", "aaaaaaaaaaaa"),
            Ok(vec![PassphraseWarning::Repetition])
        );
    }
}
