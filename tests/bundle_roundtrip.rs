//! Property-style checks of the bundle format with pseudo-random inputs: decode(encode(x))
//! == x for random contents and recipient sets, and any single altered byte is refused.

use wisemind::domain::exchange::bundle::{self, keys, Identity, Recipient};
use wisemind::domain::vault::kdf::KdfParams;
use zeroize::Zeroizing;

/// xorshift64*: reproducible inputs without a property-testing dependency.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            *b = self.next() as u8;
        }
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn random_contents_and_recipient_sets_round_trip() {
    let mut g = Gen(0x5EED_1234_ABCD_0001);
    for case in 0..24 {
        let len = match case % 4 {
            0 => g.below(16) as usize,
            1 => g.below(70_000) as usize,
            2 => 65_536 * (1 + g.below(3) as usize),
            _ => 200_000 + g.below(1000) as usize,
        };
        let mut plain = vec![0u8; len];
        g.fill(&mut plain);
        let secrets: Vec<[u8; 32]> = (0..1 + g.below(4))
            .map(|_| {
                let mut s = [0u8; 32];
                g.fill(&mut s);
                s
            })
            .collect();
        let mut recipients: Vec<Recipient> = secrets.iter().map(|s| Recipient::X25519(keys::public_key(s))).collect();
        // Argon2id is slow: a passphrase recipient in a quarter of the cases.
        let with_passphrase = case % 4 == 3;
        if with_passphrase {
            recipients.insert(
                g.below(recipients.len() as u64 + 1) as usize,
                Recipient::Passphrase(format!("pass {case}"), KdfParams::DEFAULT),
            );
        }
        let mut fill = |buf: &mut [u8]| g.fill(buf);
        let sealed = bundle::encrypt(&plain, &recipients, &mut fill).unwrap();
        for s in &secrets {
            assert_eq!(
                bundle::decrypt(&sealed, &Identity::X25519(Zeroizing::new(*s))).unwrap(),
                plain,
                "case {case}"
            );
        }
        if with_passphrase {
            assert_eq!(
                bundle::decrypt(&sealed, &Identity::Passphrase(format!("pass {case}"))).unwrap(),
                plain
            );
        }
        assert_eq!(bundle::inspect(&sealed).unwrap().recipients.len(), recipients.len());
    }
}

#[test]
fn every_single_altered_byte_is_refused() {
    let mut g = Gen(42);
    let secret = [7u8; 32];
    let mut fill = |buf: &mut [u8]| g.fill(buf);
    let sealed = bundle::encrypt(
        b"short clinical note",
        &[Recipient::X25519(keys::public_key(&secret))],
        &mut fill,
    )
    .unwrap();
    let id = Identity::X25519(Zeroizing::new(secret));
    for i in 0..sealed.len() {
        let mut bad = sealed.clone();
        bad[i] ^= 0x04;
        assert!(
            bundle::decrypt(&bad, &id).is_err(),
            "byte {i} of {} went unnoticed",
            sealed.len()
        );
    }
    // And every truncation.
    for end in 0..sealed.len() {
        assert!(
            bundle::decrypt(&sealed[..end], &id).is_err(),
            "truncation at {end} went unnoticed"
        );
    }
}

/// The two-phase API the browser uses (header here, chunks sealed or opened by WebCrypto)
/// gives exactly the bytes and the plaintext of `encrypt` and `decrypt`, for every chunk
/// count, and names the chunk that fails.
#[test]
fn sealing_and_opening_chunk_by_chunk_match_the_one_call_api() {
    use wisemind::domain::vault::aead;
    let secret = [3u8; 32];
    let recipients = [Recipient::X25519(keys::public_key(&secret))];
    let identity = Identity::X25519(Zeroizing::new(secret));
    for len in [0usize, 1, bundle::CHUNK_BYTES, 2 * bundle::CHUNK_BYTES + 7] {
        let plain: Vec<u8> = (0..len).map(|i| (i * 7 % 256) as u8).collect();
        let (mut a, mut b) = (Gen(len as u64 + 1), Gen(len as u64 + 1));
        let one_call = bundle::encrypt(&plain, &recipients, &mut |buf: &mut [u8]| a.fill(buf)).unwrap();
        let sealing = bundle::start_encrypt(&plain, &recipients, &mut |buf: &mut [u8]| b.fill(buf)).unwrap();
        let sealed = sealing
            .chunks()
            .iter()
            .map(|c| aead::seal(sealing.key(), &c.nonce, b"", c.bytes))
            .collect();
        let two_phase = sealing.finish(sealed);
        assert_eq!(two_phase, one_call, "len {len}");

        let unlocked = bundle::unlock(&two_phase, &identity).unwrap();
        let opened = unlocked
            .chunks()
            .iter()
            .map(|c| aead::open(unlocked.key(), &c.nonce, b"", c.bytes).ok())
            .collect::<Vec<_>>();
        let count = opened.len();
        // Opened a chunk at a time into one plaintext, as the shell does for large payloads.
        let mut batched = unlocked.plaintext();
        for (i, chunk) in opened.iter().enumerate() {
            unlocked.append(&mut batched, i, vec![chunk.clone()]).unwrap();
        }
        assert_eq!(batched, plain, "len {len}");
        assert_eq!(
            unlocked.append(&mut Vec::new(), 5, vec![Some(vec![1]), None]),
            Err(bundle::BundleError::PayloadAuth { chunk: 6 }),
            "a batch names a failed chunk by its index in the payload"
        );
        assert_eq!(unlocked.finish(opened).unwrap(), plain, "len {len}");

        // A chunk that did not open is named, as `decrypt` names it.
        let mut failed = vec![Some(Vec::new()); count];
        failed[count - 1] = None;
        let unlocked = bundle::unlock(&two_phase, &identity).unwrap();
        assert_eq!(
            unlocked.finish(failed),
            Err(bundle::BundleError::PayloadAuth {
                chunk: count as u64 - 1
            })
        );
    }
}

/// The shell derives a passphrase's key off the page and seals or opens with it
/// (`Recipient::DerivedPassphrase`, `Identity::DerivedPassphrase`): the bundle is the same,
/// byte for byte, as the one sealed with the passphrase itself, and opens the same way.
#[test]
fn a_passphrase_derived_ahead_seals_and_opens_the_same_bundle() {
    use wisemind::domain::vault::kdf::derive_kek;
    const PASS: &str = "correct horse battery staple";
    let plain = b"diary cards for the week".repeat(5000);
    // Every random draw of the first sealing is kept; the second replays them, less the
    // salt that the caller now draws (and derives with) ahead.
    let mut draws: Vec<Vec<u8>> = Vec::new();
    let by_passphrase = {
        let mut g = Gen(0xD3E1_7A11_0000_0001);
        let mut fill = |b: &mut [u8]| {
            g.fill(b);
            draws.push(b.to_vec());
        };
        bundle::encrypt(
            &plain,
            &[Recipient::Passphrase(PASS.into(), KdfParams::DEFAULT)],
            &mut fill,
        )
        .unwrap()
    };
    let [(salt, kdf)] = bundle::passphrase_inputs(&by_passphrase).unwrap()[..] else {
        panic!("one passphrase stanza");
    };
    assert_eq!(kdf, KdfParams::DEFAULT);
    let at = draws
        .iter()
        .position(|d| d[..] == salt[..])
        .expect("the salt was drawn");
    draws.remove(at);
    let by_key = {
        let kek = derive_kek(PASS.as_bytes(), &salt, &kdf).unwrap();
        let mut replay = draws.into_iter();
        let mut fill = |b: &mut [u8]| b.copy_from_slice(&replay.next().expect("no more draws than before"));
        bundle::encrypt(&plain, &[Recipient::DerivedPassphrase { kek, salt, kdf }], &mut fill).unwrap()
    };
    assert_eq!(by_key, by_passphrase, "the same bytes either way");

    let derived = |pass: &str| {
        let keks = bundle::passphrase_inputs(&by_passphrase)
            .unwrap()
            .iter()
            .map(|(salt, kdf)| derive_kek(pass.as_bytes(), salt, kdf).unwrap())
            .collect();
        Identity::DerivedPassphrase(keks)
    };
    assert_eq!(bundle::decrypt(&by_passphrase, &derived(PASS)).unwrap(), plain);
    assert_eq!(
        bundle::decrypt(&by_passphrase, &derived("not the passphrase")).unwrap_err(),
        bundle::BundleError::WrongPassphrase
    );
    assert_eq!(
        bundle::decrypt(&by_passphrase, &Identity::DerivedPassphrase(Vec::new())).unwrap_err(),
        bundle::BundleError::WrongPassphrase,
        "no key for the stanza"
    );
}
