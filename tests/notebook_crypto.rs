//! Native tests of the notebook's encryption: envelope, header, passphrase change.

use wisemind::domain::clinical::client::Client;
use wisemind::domain::notebook::settings::Settings;
use wisemind::domain::vault::envelope::{self, RecordKind, MIN_ENVELOPE_LEN};
use wisemind::domain::vault::error::CryptoError;
use wisemind::domain::vault::header::{NotebookHeader, WrapInputs};
use wisemind::domain::vault::ids::{NotebookId, RecordId};
use wisemind::domain::vault::kdf::KdfParams;
use wisemind::domain::vault::secret::DataKey;

const NOTEBOOK: NotebookId = NotebookId::from_bytes([7; 16]);
const ID: RecordId = RecordId::from_bytes([1; 16]);
const NONCE: [u8; 12] = [9; 12];

fn key(byte: u8) -> DataKey {
    DataKey::generate(|k| k.fill(byte))
}

fn inputs(salt: u8) -> WrapInputs {
    WrapInputs {
        salt: [salt; 16],
        nonce: [salt; 12],
        kdf: KdfParams::DEFAULT,
    }
}

fn client() -> Client {
    Client::new("Marker-Client-7Q").unwrap()
}

#[test]
fn seal_open_round_trip() {
    let k = key(1);
    let sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    let opened = envelope::open(&k, &NOTEBOOK, &ID, &sealed).unwrap();
    assert_eq!(opened.kind, RecordKind::Client);
    assert_eq!(opened.decode::<Client>().unwrap(), client());
    // Nothing readable: the marker is not in the envelope.
    assert!(!sealed.windows(8).any(|w| w == b"Marker-C"));
}

#[test]
fn flipping_any_single_byte_fails_to_open() {
    let k = key(1);
    let sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    // Every byte: the version/kind/schema prefix (associated data), nonce, ciphertext, tag.
    for i in 0..sealed.len() {
        for bit in [0x01u8, 0x80] {
            let mut bad = sealed.clone();
            bad[i] ^= bit;
            let result = envelope::open(&k, &NOTEBOOK, &ID, &bad);
            assert!(result.is_err(), "byte {i} bit {bit:#x} went unnoticed");
            if i >= 4 {
                assert_eq!(result.unwrap_err(), CryptoError::Authentication, "byte {i}");
            }
        }
    }
}

#[test]
fn a_changed_kind_or_schema_in_the_prefix_fails_authentication() {
    let k = key(1);
    let mut sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    sealed[1] = RecordKind::Settings.code();
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &ID, &sealed),
        Err(CryptoError::Authentication)
    );
    let mut sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    sealed[3] ^= 1;
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &ID, &sealed),
        Err(CryptoError::Authentication)
    );
}

#[test]
fn wrong_key_fails() {
    let sealed = envelope::seal(&key(1), &NOTEBOOK, &ID, &NONCE, &client());
    assert_eq!(
        envelope::open(&key(2), &NOTEBOOK, &ID, &sealed),
        Err(CryptoError::Authentication)
    );
}

#[test]
fn a_record_moved_to_another_id_or_notebook_fails() {
    let k = key(1);
    let sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    let other_id = RecordId::from_bytes([2; 16]);
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &other_id, &sealed),
        Err(CryptoError::Authentication)
    );
    let other_notebook = NotebookId::from_bytes([8; 16]);
    assert_eq!(
        envelope::open(&k, &other_notebook, &ID, &sealed),
        Err(CryptoError::Authentication)
    );
}

#[test]
fn malformed_envelopes_are_named() {
    let k = key(1);
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &ID, &[1; MIN_ENVELOPE_LEN - 1]),
        Err(CryptoError::Malformed {
            what: "record envelope"
        })
    );
    let mut sealed = envelope::seal(&k, &NOTEBOOK, &ID, &NONCE, &client());
    sealed[0] = 2;
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &ID, &sealed),
        Err(CryptoError::UnsupportedVersion {
            what: "record envelope",
            found: 2
        })
    );
    sealed[0] = 1;
    sealed[1] = 200;
    assert_eq!(
        envelope::open(&k, &NOTEBOOK, &ID, &sealed),
        Err(CryptoError::UnknownKind(200))
    );
}

#[test]
fn a_newer_schema_is_reported_not_misread() {
    let k = key(1);
    let sealed = envelope::seal_raw(&k, &NOTEBOOK, &ID, RecordKind::Client, 9, &NONCE, br#"{"name":"x"}"#);
    let opened = envelope::open(&k, &NOTEBOOK, &ID, &sealed).unwrap();
    assert_eq!(
        opened.decode::<Client>(),
        Err(CryptoError::NewerSchema {
            kind: "client",
            found: 9,
            supported: 1
        })
    );
    assert_eq!(
        opened.decode::<Settings>(),
        Err(CryptoError::WrongKind {
            expected: "settings",
            found: "client"
        })
    );
}

#[test]
fn header_round_trips_and_unlocks_only_with_the_passphrase() {
    let data_key = key(5);
    let header = NotebookHeader::create("lantern orbit meadow", NOTEBOOK, &data_key, &inputs(3)).unwrap();
    let parsed = NotebookHeader::from_json(&header.to_json()).unwrap();
    assert_eq!(parsed, header);
    let sealed = envelope::seal(&data_key, &NOTEBOOK, &ID, &NONCE, &client());
    let unlocked = parsed.unlock("lantern orbit meadow").unwrap();
    assert_eq!(
        envelope::open(&unlocked, &NOTEBOOK, &ID, &sealed)
            .unwrap()
            .decode::<Client>()
            .unwrap(),
        client()
    );
    assert_eq!(
        parsed.unlock("lantern orbit meadoW").err(),
        Some(CryptoError::Authentication)
    );
}

#[test]
fn a_tampered_header_is_refused() {
    let header = NotebookHeader::create("lantern orbit meadow", NOTEBOOK, &key(5), &inputs(3)).unwrap();
    // Parameters raised within bounds: the derived key changes and the AAD no longer matches.
    let raised = NotebookHeader {
        kdf: KdfParams {
            t_cost: 4,
            ..header.kdf
        },
        ..header.clone()
    };
    assert_eq!(
        raised.unlock("lantern orbit meadow").err(),
        Some(CryptoError::Authentication)
    );
    let moved = NotebookHeader {
        notebook_id: NotebookId::from_bytes([0; 16]),
        ..header.clone()
    };
    assert_eq!(
        moved.unlock("lantern orbit meadow").err(),
        Some(CryptoError::Authentication)
    );
    // Hostile parameters are refused when parsed, before any derivation.
    let mut json: serde_json::Value = serde_json::from_str(&header.to_json()).unwrap();
    json["kdf"]["m_cost_kib"] = 4_000_000.into();
    assert!(matches!(
        NotebookHeader::from_json(&json.to_string()),
        Err(CryptoError::KdfOutOfBounds {
            field: "m_cost_kib",
            ..
        })
    ));
    json["kdf"]["m_cost_kib"] = 65536.into();
    json["version"] = 2.into();
    assert_eq!(
        NotebookHeader::from_json(&json.to_string()),
        Err(CryptoError::UnsupportedVersion {
            what: "notebook header",
            found: 2
        })
    );
    assert_eq!(
        NotebookHeader::from_json("{not json"),
        Err(CryptoError::Malformed {
            what: "notebook header"
        })
    );
}

#[test]
fn passphrase_change_keeps_every_record_readable() {
    let data_key = key(5);
    let header = NotebookHeader::create("lantern orbit meadow", NOTEBOOK, &data_key, &inputs(3)).unwrap();
    let records: Vec<(RecordId, Vec<u8>)> = (0..5u8)
        .map(|i| {
            let id = RecordId::from_bytes([i; 16]);
            let c = Client::new(&format!("client {i}")).unwrap();
            (id, envelope::seal(&data_key, &NOTEBOOK, &id, &[i; 12], &c))
        })
        .collect();

    // A wrong old passphrase changes nothing.
    assert_eq!(
        header
            .rewrap("wrong wrong wrong", "new passphrase here", &inputs(4))
            .err(),
        Some(CryptoError::Authentication)
    );

    let changed = header
        .rewrap("lantern orbit meadow", "copper river twilight", &inputs(4))
        .unwrap();
    assert_ne!(changed.salt, header.salt);
    assert_eq!(changed.notebook_id, header.notebook_id);
    assert_eq!(
        changed.unlock("lantern orbit meadow").err(),
        Some(CryptoError::Authentication)
    );
    let new_key = changed.unlock("copper river twilight").unwrap();
    for (i, (id, sealed)) in records.iter().enumerate() {
        let c: Client = envelope::open(&new_key, &NOTEBOOK, id, sealed)
            .unwrap()
            .decode()
            .unwrap();
        assert_eq!(c.name, format!("client {i}"));
    }
}

/// The shell derives the key-encryption key off the page and wraps or unwraps with it
/// (`create_with`, `unlock_with`): the same header as from the passphrase, the same key out.
#[test]
fn a_key_derived_ahead_wraps_and_unwraps_as_the_passphrase_does() {
    use wisemind::domain::vault::kdf::derive_kek;
    let data_key = DataKey::generate(|k| k.fill(7));
    let wrap = inputs(5);
    let by_passphrase = NotebookHeader::create("lantern orbit meadow", NOTEBOOK, &data_key, &wrap).unwrap();
    let kek = derive_kek(b"lantern orbit meadow", &wrap.salt, &wrap.kdf).unwrap();
    let by_key = NotebookHeader::create_with(&kek, NOTEBOOK, &data_key, &wrap);
    assert_eq!(by_key, by_passphrase);

    let id = RecordId::from_bytes([9; 16]);
    let sealed = envelope::seal(&data_key, &NOTEBOOK, &id, &[1; 12], &Client::new("Ada").unwrap());
    let opened = by_key.unlock_with(&kek).unwrap();
    let c: Client = envelope::open(&opened, &NOTEBOOK, &id, &sealed)
        .unwrap()
        .decode()
        .unwrap();
    assert_eq!(c.name, "Ada");

    let wrong = derive_kek(b"lantern orbit meadoW", &wrap.salt, &wrap.kdf).unwrap();
    assert_eq!(by_key.unlock_with(&wrong).err(), Some(CryptoError::Authentication));
    // Bounds are checked before the key is tried, as for a passphrase.
    let hostile = NotebookHeader {
        kdf: KdfParams {
            t_cost: 1,
            ..KdfParams::DEFAULT
        },
        ..by_key
    };
    assert!(matches!(
        hostile.unlock_with(&kek).err(),
        Some(CryptoError::KdfOutOfBounds { field: "t_cost", .. })
    ));
}
