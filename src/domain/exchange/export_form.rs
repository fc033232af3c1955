//! The export form as plain data: what to export, the date range and who can open the
//! bundle, as typed, read into a [`Selection`] and a [`Recipient`]; and what the export page
//! offers and says. The bundle passphrase is typed here, so the form has no `Debug`.

use crate::domain::clinical::form_input::opt_date;
use crate::domain::exchange::bundle::{keys, Recipient};
use crate::domain::exchange::records::KeyPair;
use crate::domain::exchange::select::Selection;
use crate::domain::exchange::DateRange;
use crate::domain::vault::ids::RecordId;
use crate::domain::vault::kdf::KdfParams;
use crate::domain::vault::passphrase;

/// "What to export": the whole notebook.
pub const WHAT_BACKUP: &str = "backup";
/// "What to export": a share for the client.
pub const WHAT_SHARE: &str = "share";
/// "What to export": one client's complete record.
pub const WHAT_CLIENT: &str = "client";
/// "What to export": a personal notebook's diary cards, for the therapist.
pub const WHAT_CARDS: &str = "cards";

/// What the form holds, read.
pub struct ExportChoice {
    /// The records to export.
    pub selection: Selection,
    /// Who can open the bundle.
    pub recipient: Recipient,
}

/// The export form as typed.
#[derive(Clone, PartialEq, Default)]
pub struct ExportForm {
    /// One of the `WHAT_*` values.
    pub what: String,
    /// The client's record id, or empty.
    pub client: String,
    /// First day, YYYY-MM-DD, or empty.
    pub from: String,
    /// Last day, YYYY-MM-DD, or empty.
    pub to: String,
    /// Sealed to a pasted public key (else to a bundle passphrase).
    pub to_key: bool,
    /// The bundle passphrase.
    pub pass: String,
    /// Its confirmation.
    pub confirm: String,
    /// The pasted public key.
    pub key: String,
}

impl ExportForm {
    /// A blank form: a personal notebook exports its diary cards, a clinician's a backup.
    pub fn new(personal: bool) -> Self {
        Self {
            what: if personal { WHAT_CARDS } else { WHAT_BACKUP }.to_string(),
            ..Self::default()
        }
    }

    /// Whether the choice needs a client.
    pub fn needs_client(&self) -> bool {
        self.what == WHAT_SHARE || self.what == WHAT_CLIENT
    }

    /// Whether the choice takes a date range (everything but a backup).
    pub fn ranged(&self) -> bool {
        self.what != WHAT_BACKUP
    }

    /// The same form with the passphrase and its confirmation cleared (after an export).
    pub fn without_passphrase(&self) -> Self {
        Self {
            pass: String::new(),
            confirm: String::new(),
            ..self.clone()
        }
    }

    /// Read the form; the first problem found, worded for the user.
    /// `notebook_kdf` is the notebook's own, calibrated key-derivation cost: a backup under a
    /// passphrase is derived at that cost (a copy of the whole notebook deserves the same
    /// protection as the notebook); shares and diary cards at the default, which a phone
    /// opening them can afford. A bundle sealed to a public key is sealed by `own` (this
    /// notebook's key pair), so that it proves to the recipient who made it.
    pub fn read(&self, notebook_kdf: KdfParams, own: Option<&KeyPair>) -> Result<ExportChoice, String> {
        let from = opt_date("From", &self.from).map_err(|e| e.message)?;
        let to = opt_date("To", &self.to).map_err(|e| e.message)?;
        let range = DateRange::checked(from, to)?;
        let client = || {
            self.client
                .parse::<RecordId>()
                .map_err(|_| "Choose the client to export.".to_string())
        };
        let selection = match self.what.as_str() {
            WHAT_BACKUP => Selection::Backup,
            WHAT_SHARE => Selection::Share(client()?, range),
            WHAT_CLIENT => Selection::Client(client()?, range),
            _ => Selection::DiaryCards(range),
        };
        let recipient = if self.to_key {
            let to = keys::decode_public_key(&self.key)?;
            own.map_or(Recipient::X25519(to), |pair| pair.sealing_to(to))
        } else {
            passphrase::assess(&self.pass, &self.confirm).map_err(|p| format!("Bundle passphrase: {p}"))?;
            let kdf = if selection == Selection::Backup {
                notebook_kdf
            } else {
                KdfParams::DEFAULT
            };
            Recipient::Passphrase(self.pass.clone(), kdf)
        };
        Ok(ExportChoice { selection, recipient })
    }
}

/// The choices of "What to export" as (value, label): a personal notebook sends its diary
/// cards, a clinician shares with a client or hands a record to another clinician.
pub fn what_options(personal: bool) -> Vec<(&'static str, &'static str)> {
    let mut options = vec![(WHAT_BACKUP, "Whole notebook (backup)")];
    if personal {
        options.push((WHAT_CARDS, "Diary cards for my therapist"));
    } else {
        options.push((
            WHAT_SHARE,
            "Share with a client: shareable notes, goals, milestones, trends",
        ));
        options.push((
            WHAT_CLIENT,
            "One client's complete record (to another clinician notebook)",
        ));
    }
    options
}

/// What a finished export tells the user: `count` records saved as the file `name`.
pub fn saved_message(count: usize, name: &str, to_key: bool) -> String {
    let protected = if to_key {
        "sealed to the recipient's public key"
    } else {
        "protected by its bundle passphrase"
    };
    format!("Bundle of {count} records saved as {name}, {protected}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PASS: &str = "correct horse battery staple";

    fn form(what: &str) -> ExportForm {
        ExportForm {
            what: what.into(),
            pass: PASS.into(),
            confirm: PASS.into(),
            ..ExportForm::default()
        }
    }

    #[test]
    fn a_new_form_exports_what_the_notebook_kind_sends() {
        assert_eq!(ExportForm::new(true).what, WHAT_CARDS);
        assert_eq!(ExportForm::new(false).what, WHAT_BACKUP);
        assert!(!ExportForm::new(false).ranged());
        assert!(ExportForm::new(true).ranged());
        assert!(form(WHAT_SHARE).needs_client() && form(WHAT_CLIENT).needs_client());
        assert!(!form(WHAT_CARDS).needs_client());
        let values = |personal| what_options(personal).iter().map(|o| o.0).collect::<Vec<_>>();
        assert_eq!(values(true), [WHAT_BACKUP, WHAT_CARDS]);
        assert_eq!(values(false), [WHAT_BACKUP, WHAT_SHARE, WHAT_CLIENT]);
    }

    #[test]
    fn a_backup_is_derived_at_the_notebooks_cost_and_a_share_at_the_default() {
        let notebook_kdf = KdfParams {
            t_cost: KdfParams::DEFAULT.t_cost + 2,
            ..KdfParams::DEFAULT
        };
        let kdf = |what| match form(what).read(notebook_kdf, None).unwrap().recipient {
            Recipient::Passphrase(_, kdf) => kdf,
            _ => panic!("a passphrase bundle"),
        };
        assert_eq!(kdf(WHAT_BACKUP), notebook_kdf);
        let share = ExportForm {
            client: RecordId::from_bytes([4; 16]).to_string(),
            ..form(WHAT_SHARE)
        };
        assert!(
            matches!(share.read(notebook_kdf, None).unwrap().recipient, Recipient::Passphrase(_, k) if k == KdfParams::DEFAULT)
        );
    }

    #[test]
    fn a_valid_form_reads_into_a_selection_and_a_recipient() {
        let choice = form(WHAT_BACKUP).read(KdfParams::DEFAULT, None).unwrap();
        assert_eq!(choice.selection, Selection::Backup);
        assert!(matches!(choice.recipient, Recipient::Passphrase(ref p, _) if p == PASS));
        let client = RecordId::from_bytes([4; 16]);
        let share = ExportForm {
            client: client.to_string(),
            from: "2026-01-01".into(),
            ..form(WHAT_SHARE)
        };
        let range = DateRange {
            from: NaiveDate::from_ymd_opt(2026, 1, 1),
            to: None,
        };
        assert_eq!(
            share.read(KdfParams::DEFAULT, None).unwrap().selection,
            Selection::Share(client, range)
        );
        assert_eq!(
            form(WHAT_CARDS).read(KdfParams::DEFAULT, None).unwrap().selection,
            Selection::DiaryCards(DateRange::default())
        );
    }

    #[test]
    fn the_first_problem_is_reported() {
        let err = |f: ExportForm| f.read(KdfParams::DEFAULT, None).err().unwrap();
        let bad_date = ExportForm {
            to: "31/01/2026".into(),
            ..form(WHAT_CARDS)
        };
        assert_eq!(err(bad_date), "Enter a valid date.");
        let reversed = ExportForm {
            from: "2026-02-01".into(),
            to: "2026-01-31".into(),
            ..form(WHAT_CARDS)
        };
        assert_eq!(err(reversed), "The start of the date range is after its end.");
        assert_eq!(err(form(WHAT_CLIENT)), "Choose the client to export.");
        let mismatch = ExportForm {
            confirm: "something else entirely".into(),
            ..form(WHAT_BACKUP)
        };
        assert!(err(mismatch).starts_with("Bundle passphrase: "));
        let short = ExportForm {
            pass: "short".into(),
            confirm: "short".into(),
            ..form(WHAT_BACKUP)
        };
        assert!(err(short).starts_with("Bundle passphrase: "));
        let no_key = ExportForm {
            to_key: true,
            key: "wmpk1nonsense".into(),
            ..form(WHAT_BACKUP)
        };
        assert!(no_key.read(KdfParams::DEFAULT, None).is_err());
    }

    #[test]
    fn a_bundle_to_a_public_key_is_sealed_by_this_notebooks_key() {
        let theirs = KeyPair::from_random([5; 32]);
        let mine = KeyPair::from_random([6; 32]);
        let to_key = ExportForm {
            to_key: true,
            key: keys::encode_public_key(&theirs.public()),
            ..form(WHAT_CARDS)
        };
        let recipient = to_key.read(KdfParams::DEFAULT, Some(&mine)).unwrap().recipient;
        assert!(
            matches!(recipient, Recipient::Authenticated { to, ref from } if to == theirs.public()
            && keys::public_key(from) == mine.public())
        );
        // Without a key pair (none yet), the bundle is still sealed, anonymously.
        let recipient = to_key.read(KdfParams::DEFAULT, None).unwrap().recipient;
        assert!(matches!(recipient, Recipient::X25519(to) if to == theirs.public()));
    }

    #[test]
    fn clearing_keeps_all_but_the_passphrase_and_the_message_says_how_it_is_protected() {
        let cleared = form(WHAT_BACKUP).without_passphrase();
        assert_eq!((cleared.pass.as_str(), cleared.confirm.as_str()), ("", ""));
        assert_eq!(cleared.what, WHAT_BACKUP);
        assert_eq!(
            saved_message(3, "x.wisemind", false),
            "Bundle of 3 records saved as x.wisemind, protected by its bundle passphrase."
        );
        assert_eq!(
            saved_message(1, "y.wisemind", true),
            "Bundle of 1 records saved as y.wisemind, sealed to the recipient's public key."
        );
    }
}
