//! The bundle reader on arbitrary bytes: parsing the container, opening it with a notebook
//! key (the x25519 test vectors are sealed to this key, so seeds reach the payload), reading
//! payloads, and planning an import of whatever decodes. None of it may panic, hang or
//! allocate without bound. Passphrase stanzas are not derived here: Argon2id at 64 MiB per
//! input would starve the fuzzer; their parameters are still parsed and bounds-checked by
//! `inspect`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wisemind::domain::exchange::bundle::{self, payload::Payload};
use wisemind::domain::exchange::trust::Sealer;
use wisemind::domain::exchange::{self, merge, records::KeyPair};
use wisemind::domain::vault::ids::RecordId;
use wisemind::domain::notebook::memory::Notebook;
use wisemind::domain::notebook::record::AnyRecord;

/// RFC 7748's Alice, as in tests/bundle_vectors.rs.
const SECRET: [u8; 32] = [
    0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45, 0xdf, 0x4c,
    0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a,
];

/// Plan the import as sealed by `sealer`, and again with the sealer's key confirmed.
fn import(payload: &Payload, sealer: Sealer) {
    for record in &payload.records {
        let _ = AnyRecord::from_bundled(record);
    }
    let nb = Notebook::default();
    if let Ok(merge::Need::Ready(place)) = merge::placement(&nb, payload) {
        let confirmed = match sealer {
            Sealer::Key(key) => Some(key),
            _ => None,
        };
        for sender in [merge::Sender::sealed(sealer), merge::Sender { sealer, confirmed }] {
            let mut n = 0u8;
            let _ = merge::plan(&nb, payload, &place, sender, 0, &mut || {
                n = n.wrapping_add(1);
                RecordId::from_bytes([n; 16])
            });
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = bundle::inspect(data);
    let key = KeyPair::from_random(SECRET);
    if let Ok((payload, sealer)) = exchange::open(data, "", Some(&key)) {
        import(&payload, sealer);
    }
    if let Ok(payload) = Payload::from_bytes(data) {
        import(&payload, Sealer::Passphrase);
    }
});
