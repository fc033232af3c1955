//! Writes the benchmark caseload as a full-backup bundle: 50 clients with 200 progress
//! notes each (10,000 notes, about 2 KB of text apiece, all indicators rated) and, for the
//! first client, three years of daily diary cards. `make bench` restores it in the browser
//! and times the app on it. Usage: bench_caseload OUT.wisemind (passphrase below).

use chrono::NaiveDate;
use wisemind::domain::exchange::bundle::payload::{Content, Payload, PAYLOAD_FORMAT};
use wisemind::domain::exchange::bundle::{self, Recipient};
use wisemind::domain::exchange::records::KeyPair;
use wisemind::domain::notebook::demo;
use wisemind::domain::notebook::record::AnyRecord;
use wisemind::domain::notebook::settings::Settings;
use wisemind::domain::vault::ids::{NotebookId, RecordId};
use wisemind::domain::vault::kdf::KdfParams;

/// The bundle passphrase of the benchmark caseload (fictional data only).
const PASSPHRASE: &str = "bench caseload passphrase";
const CLIENTS: u8 = 50;
const NOTES_PER_CLIENT: u64 = 200;

const FILLER: &str = "Reviewed the diary card line by line; validated the difficulty of the week before \
    problem solving. Walked through the chain from vulnerability to consequence and agreed where a skill \
    could have fit. Practised the skill in session with a role play, then set homework and a check-in. ";

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/caseload.wisemind".into());
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let mut records = vec![
        (
            RecordId::from_bytes([0xff; 16]),
            AnyRecord::Settings(Settings::default()),
        ),
        (
            RecordId::from_bytes([0xfe; 16]),
            AnyRecord::KeyPair(KeyPair::from_random([7; 32])),
        ),
    ];
    for c in 0..CLIENTS {
        let cards = if c == 0 { 3 * 365 } else { 0 };
        // synthetic() is deterministic, so each client's ids get the client's number as
        // their first byte to stay distinct.
        let remap = |id: RecordId| {
            let mut bytes = *id.as_bytes();
            bytes[0] = c;
            RecordId::from_bytes(bytes)
        };
        for (id, mut record) in demo::synthetic(today, NOTES_PER_CLIENT, cards) {
            if let Some(client) = record.client_mut() {
                *client = client.map(remap);
            }
            match &mut record {
                AnyRecord::Client(client) => client.name = format!("Client {:02}", c + 1),
                AnyRecord::Note(note) => {
                    while note.notes.len() < 1_500 {
                        note.notes.push_str(FILLER);
                    }
                }
                _ => {}
            }
            records.push((remap(id), record));
        }
    }
    let payload = Payload {
        format: PAYLOAD_FORMAT,
        created_ms: 1_764_028_800_000,
        source_notebook: NotebookId::from_bytes([0xbe; 16]),
        content: Content::Backup,
        links: vec![],
        subject: None,
        records: records.iter().map(|(id, r)| r.to_bundled(*id)).collect(),
    };
    let plain = payload.to_bytes();
    let sealed = bundle::encrypt(
        &plain,
        &[Recipient::Passphrase(PASSPHRASE.into(), KdfParams::DEFAULT)],
        &mut |b| getrandom::fill(b).expect("the OS has randomness"),
    )
    .expect("the caseload fits in a bundle");
    std::fs::write(&out, &sealed).expect("the output file can be written");
    println!(
        "{out}: {} records, {} MB plaintext, passphrase “{PASSPHRASE}”",
        records.len(),
        plain.len() / 1_000_000
    );
}
