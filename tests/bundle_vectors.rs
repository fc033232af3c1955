//! Bundle test vectors (tests/vectors/bundle/), one test per file. Each file is a short
//! `key: value` preamble, a blank line, then the raw bundle bytes (tests/vectors/bundle/README
//! describes the format and lists every vector):
//!
//! - `expect: success` with `payload: <text>` (the plaintext, for short payloads) or
//!   `payload_sha256: <64 hex>` (its SHA-256, for long ones), or `expect: error <Debug of
//!   BundleError>`;
//! - `identity: passphrase <text>` or `identity: x25519 <64 hex secret>`.
//!
//! `WISEMIND_REGENERATE_VECTORS=1 cargo test --test bundle_vectors -- --ignored` rewrites
//! them (deterministic randomness), which a format change requires.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use wisemind::domain::base::hex;
use wisemind::domain::exchange::bundle::{self, keys, BundleError, Identity, Recipient, Stanza};
use wisemind::domain::vault::aead;
use wisemind::domain::vault::kdf::KdfParams;
use zeroize::Zeroizing;

const PASSPHRASE: &str = "vector passphrase one";
const SECRET_HEX: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const OTHER_SECRET_HEX: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const PAYLOAD: &str = concat!(
    r#"{"format":1,"created_ms":1764028800000,"source_notebook":"07070707070707070707070707070707","content":"backup","#,
    r#""records":[{"id":"01010101010101010101010101010101","kind":"client","schema":1,"record":{"name":"Vector Client"}}]}"#
);

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/bundle")
}

fn secret(hex_text: &str) -> [u8; 32] {
    hex::decode_array(hex_text).expect("valid hex")
}

fn identity(spec: &str) -> Identity {
    match spec.split_once(' ') {
        Some(("passphrase", p)) => Identity::Passphrase(p.to_string()),
        Some(("x25519", h)) => Identity::X25519(Zeroizing::new(secret(h))),
        _ => panic!("bad identity line {spec:?}"),
    }
}

fn run(name: &str) {
    let bytes = std::fs::read(dir().join(format!("{name}.bin"))).unwrap_or_else(|e| panic!("{name}: {e}"));
    let split = bytes
        .windows(2)
        .position(|w| w == b"\n\n")
        .expect("preamble ends with a blank line");
    let preamble = std::str::from_utf8(&bytes[..split]).expect("UTF-8 preamble");
    let body = &bytes[split + 2..];
    let optional = |key: &str| preamble.lines().find_map(|l| l.strip_prefix(&format!("{key}: ")));
    let field = |key: &str| optional(key).unwrap_or_else(|| panic!("{name}: no {key}"));
    let id = identity(field("identity"));
    let result = bundle::unlock(body, &id).and_then(|u| {
        let sender = u.sender();
        u.open_in_rust().map(|plain| (plain, sender))
    });
    match field("expect") {
        "success" => {
            let (plain, sender) = result.expect(name);
            // `sender:` the proven sender's public key, or `none`; vectors without the line
            // (the older ones) prove none either.
            let proven = sender.map_or("none".to_string(), |k| hex::encode(&k));
            assert_eq!(proven, optional("sender").unwrap_or("none"), "{name}: sender");
            match optional("payload_sha256") {
                Some(digest) => assert_eq!(sha256_hex(&plain), digest, "{name}"),
                None => assert_eq!(String::from_utf8(plain).unwrap(), field("payload"), "{name}"),
            }
        }
        other => {
            let expected = other.strip_prefix("error ").expect("expect: success | error …");
            assert_eq!(format!("{:?}", result.expect_err(name)), expected, "{name}");
        }
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..])
}

macro_rules! vectors {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { run(stringify!($name)); } )*
        /// Every vector, in the order of the list.
        const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

vectors!(
    valid_passphrase,
    valid_x25519,
    valid_two_recipients,
    bad_magic,
    unknown_version,
    truncated_header,
    truncated_payload,
    header_flipped_byte,
    header_mac_flipped_byte,
    stanza_flipped_byte,
    payload_flipped_byte,
    tag_flipped_byte,
    excessive_kdf_cost,
    wrong_passphrase,
    not_addressed_to_this_key,
    trailing_data,
    valid_three_chunks,
    valid_two_full_chunks,
    valid_empty_payload,
    chunk_removed,
    chunks_reordered,
    final_flag_removed,
    no_recipients,
    too_many_recipients,
    zero_shared_secret,
    payload_bytes_above_bound,
    payload_bytes_at_bound,
    excessive_total_work,
    excessive_kdf_cost_untried,
    valid_hpke_auth,
    hpke_auth_beside_passphrase,
    hpke_auth_sender_replaced,
    hpke_auth_enc_flipped,
    hpke_auth_wrapped_flipped,
);

/// The directory holds exactly the listed vectors, and its README describes each of them.
#[test]
fn every_vector_is_listed_and_described() {
    // Sets, not sorted vectors: the crate's lint keeps slice sorts out (clippy.toml).
    let files: std::collections::BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".bin").map(str::to_string))
        .collect();
    let names: std::collections::BTreeSet<String> = NAMES.iter().map(|n| n.to_string()).collect();
    assert_eq!(NAMES.len(), names.len(), "a vector is listed twice");
    assert_eq!(files, names, "tests/vectors/bundle/*.bin and the vectors! list differ");
    let readme = std::fs::read_to_string(dir().join("README")).expect("tests/vectors/bundle/README");
    for name in NAMES {
        assert!(
            readme.contains(&format!("`{name}`")),
            "the README does not describe {name}"
        );
    }
}

/// Deterministic "randomness" so regenerated vectors are stable.
fn counter() -> impl FnMut(&mut [u8]) {
    let mut n: u8 = 0;
    move |buf: &mut [u8]| {
        for b in buf {
            n = n.wrapping_mul(31).wrapping_add(17);
            *b = n;
        }
    }
}

fn write(name: &str, preamble: &[(&str, String)], body: &[u8]) {
    let mut out = Vec::new();
    for (k, v) in preamble {
        out.extend_from_slice(format!("{k}: {v}\n").as_bytes());
    }
    out.push(b'\n');
    out.extend_from_slice(body);
    std::fs::write(dir().join(format!("{name}.bin")), out).unwrap();
}

fn header_end(b: &[u8]) -> usize {
    13 + u32::from_be_bytes(b[9..13].try_into().unwrap()) as usize
}

#[test]
#[ignore = "rewrites the vector files; run only when the format changes"]
fn regenerate_vectors() {
    if std::env::var("WISEMIND_REGENERATE_VECTORS").is_err() {
        return;
    }
    std::fs::create_dir_all(dir()).unwrap();
    let mut fill = counter();
    let pass = || Recipient::Passphrase(PASSPHRASE.into(), KdfParams::DEFAULT);
    let pk = keys::public_key(&secret(SECRET_HEX));
    let by_pass = bundle::encrypt(PAYLOAD.as_bytes(), &[pass()], &mut fill).unwrap();
    let by_key = bundle::encrypt(PAYLOAD.as_bytes(), &[Recipient::X25519(pk)], &mut fill).unwrap();
    let both = bundle::encrypt(PAYLOAD.as_bytes(), &[Recipient::X25519(pk), pass()], &mut fill).unwrap();
    let p_id = ("identity", format!("passphrase {PASSPHRASE}"));
    let k_id = ("identity", format!("x25519 {SECRET_HEX}"));
    let ok = |name: &str, id: (&str, String), body: &[u8]| {
        write(
            name,
            &[("expect", "success".into()), id, ("payload", PAYLOAD.into())],
            body,
        )
    };
    let err = |name: &str, e: BundleError, body: &[u8]| {
        write(name, &[("expect", format!("error {e:?}")), p_id.clone()], body)
    };
    ok("valid_passphrase", p_id.clone(), &by_pass);
    ok("valid_x25519", k_id.clone(), &by_key);
    ok("valid_two_recipients", p_id.clone(), &both);
    let mut b = by_pass.clone();
    b[0] = b'X';
    err("bad_magic", BundleError::BadMagic, &b);
    let mut b = by_pass.clone();
    b[8] = 2;
    err("unknown_version", BundleError::UnsupportedVersion(2), &b);
    err("truncated_header", BundleError::Truncated("header"), &by_pass[..40]);
    err(
        "truncated_payload",
        BundleError::TruncatedPayload,
        &by_pass[..by_pass.len() - 5],
    );
    // A hex digit of the payload salt: still valid JSON, caught by the header MAC.
    let mut b = by_pass.clone();
    let salt_at = b.windows(14).position(|w| w == b"\"payload_salt\"").unwrap() + 17;
    b[salt_at] = if b[salt_at] == b'0' { b'1' } else { b'0' };
    err("header_flipped_byte", BundleError::HeaderMac, &b);
    let mut b = by_pass.clone();
    let end = header_end(&b);
    b[end + 3] ^= 1;
    err("header_mac_flipped_byte", BundleError::HeaderMac, &b);
    let mut b = by_pass.clone();
    let wrapped_at = b.windows(9).position(|w| w == b"\"wrapped\"").unwrap() + 11;
    b[wrapped_at] = if b[wrapped_at] == b'0' { b'1' } else { b'0' };
    err("stanza_flipped_byte", BundleError::WrongPassphrase, &b);
    let mut b = by_pass.clone();
    b[end + 32 + 2] ^= 0x40;
    err("payload_flipped_byte", BundleError::PayloadAuth { chunk: 0 }, &b);
    let mut b = by_pass.clone();
    let last = b.len() - 1;
    b[last] ^= 1;
    err("tag_flipped_byte", BundleError::PayloadAuth { chunk: 0 }, &b);
    // Excessive work: rewrite m_cost in the header (and its length); refused before Argon2.
    let header = std::str::from_utf8(&by_pass[13..end])
        .unwrap()
        .replace("\"m_cost_kib\":65536", "\"m_cost_kib\":4194304");
    let mut b = by_pass[..9].to_vec();
    b.extend_from_slice(&(header.len() as u32).to_be_bytes());
    b.extend_from_slice(header.as_bytes());
    b.extend_from_slice(&by_pass[end..]);
    let excessive = format!(
        "{:?}",
        bundle::decrypt(&b, &Identity::Passphrase(PASSPHRASE.into())).unwrap_err()
    );
    write(
        "excessive_kdf_cost",
        &[("expect", format!("error {excessive}")), p_id.clone()],
        &b,
    );
    write(
        "wrong_passphrase",
        &[
            ("expect", "error WrongPassphrase".into()),
            ("identity", "passphrase not the passphrase".into()),
        ],
        &by_pass,
    );
    write(
        "not_addressed_to_this_key",
        &[
            ("expect", "error NotAddressedToThisKey".into()),
            ("identity", format!("x25519 {OTHER_SECRET_HEX}")),
        ],
        &by_key,
    );
    let mut b = by_pass.clone();
    b.extend_from_slice(b"extra");
    err("trailing_data", BundleError::TrailingData, &b);
    more_vectors(&mut fill, &by_pass, &by_key, &both);
    sender_vectors(&mut fill);
}

/// A payload of exactly `len` bytes: the plaintext JSON with one note whose text fills it.
fn long_payload(len: usize) -> Vec<u8> {
    let head = concat!(
        r#"{"format":1,"created_ms":1764028800000,"source_notebook":"07070707070707070707070707070707","content":"backup","#,
        r#""records":[{"id":"02020202020202020202020202020202","kind":"note","schema":1,"record":{"text":""#
    );
    let tail = r#""}}]}"#;
    let text = "A long vector note, repeated until the payload fills several chunks. ";
    let mut out = head.as_bytes().to_vec();
    out.extend(text.bytes().cycle().take(len - head.len() - tail.len()));
    out.extend_from_slice(tail.as_bytes());
    assert_eq!(out.len(), len);
    out
}

/// The bundle with its header replaced by `header` (and the header length with it); the
/// header MAC and the payload are kept as they were.
fn with_header(bytes: &[u8], header: &bundle::Header) -> Vec<u8> {
    let json = serde_json::to_vec(header).unwrap();
    let mut b = bytes[..9].to_vec();
    b.extend_from_slice(&(json.len() as u32).to_be_bytes());
    b.extend_from_slice(&json);
    b.extend_from_slice(&bytes[header_end(bytes)..]);
    b
}

/// Bytes of a sealed full chunk: 65 536 plaintext bytes and the 16-byte tag.
const FULL: usize = bundle::CHUNK_BYTES + 16;

/// The vectors added after the first sixteen, written after them so that the randomness the
/// first ones draw, and so their bytes, stay the same.
fn more_vectors(fill: &mut dyn FnMut(&mut [u8]), by_pass: &[u8], by_key: &[u8], both: &[u8]) {
    let pk = keys::public_key(&secret(SECRET_HEX));
    let p_id = ("identity", format!("passphrase {PASSPHRASE}"));
    let k_id = ("identity", format!("x25519 {SECRET_HEX}"));
    let ok = |name: &str, plain: &[u8], body: &[u8]| {
        write(
            name,
            &[
                ("expect", "success".into()),
                k_id.clone(),
                ("payload_sha256", sha256_hex(plain)),
            ],
            body,
        )
    };
    let err = |name: &str, e: BundleError, id: &(&str, String), body: &[u8]| {
        write(name, &[("expect", format!("error {e:?}")), id.clone()], body)
    };

    // Several chunks: 150 000 bytes are two full chunks and one of 18 928 bytes.
    let three = long_payload(150_000);
    let by_key3 = bundle::encrypt(&three, &[Recipient::X25519(pk)], fill).unwrap();
    let start = header_end(&by_key3) + 32;
    assert_eq!(
        by_key3.len() - start,
        2 * FULL + (150_000 - 2 * bundle::CHUNK_BYTES) + 16
    );
    ok("valid_three_chunks", &three, &by_key3);
    // An exact multiple of the chunk size: two full chunks, the second final, no empty third.
    let two = long_payload(2 * bundle::CHUNK_BYTES);
    let by_key2 = bundle::encrypt(&two, &[Recipient::X25519(pk)], fill).unwrap();
    assert_eq!(by_key2.len() - (header_end(&by_key2) + 32), 2 * FULL);
    ok("valid_two_full_chunks", &two, &by_key2);
    // An empty plaintext: one final chunk of no bytes, its tag alone.
    let empty = bundle::encrypt(b"", &[Recipient::X25519(pk)], fill).unwrap();
    assert_eq!(empty.len() - (header_end(&empty) + 32), 16);
    ok("valid_empty_payload", b"", &empty);

    // The middle (full) chunk cut out, the header untouched: the length check comes first.
    let mut b = by_key3[..start + FULL].to_vec();
    b.extend_from_slice(&by_key3[start + 2 * FULL..]);
    err("chunk_removed", BundleError::TruncatedPayload, &k_id, &b);
    // The two full chunks swapped: same length, chunk 0 no longer opens with index 0.
    let mut b = by_key3[..start].to_vec();
    b.extend_from_slice(&by_key3[start + FULL..start + 2 * FULL]);
    b.extend_from_slice(&by_key3[start..start + FULL]);
    b.extend_from_slice(&by_key3[start + 2 * FULL..]);
    assert_eq!(b.len(), by_key3.len());
    err("chunks_reordered", BundleError::PayloadAuth { chunk: 0 }, &k_id, &b);
    // Every chunk sealed under the right key and index, but the last one without the final
    // flag (its nonce ends in 0x00): what a payload cut at a chunk boundary would look like.
    let sealing = bundle::start_encrypt(&three, &[Recipient::X25519(pk)], fill).unwrap();
    let key = *sealing.key();
    let chunks = sealing.chunks();
    let sealed = chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut nonce = c.nonce;
            assert_eq!(nonce[11], u8::from(i + 1 == chunks.len()));
            nonce[11] = 0;
            aead::seal(&key, &nonce, b"", c.bytes)
        })
        .collect();
    let b = sealing.finish(sealed);
    err("final_flag_removed", BundleError::PayloadAuth { chunk: 2 }, &k_id, &b);

    // Header edits, each refused before any key is tried (but the last two).
    let header = bundle::inspect(by_key).unwrap();
    let mut h = header.clone();
    h.recipients.clear();
    err(
        "no_recipients",
        BundleError::TooManyRecipients(0),
        &k_id,
        &with_header(by_key, &h),
    );
    let mut h = header.clone();
    h.recipients = vec![header.recipients[0].clone(); bundle::MAX_RECIPIENTS + 1];
    err(
        "too_many_recipients",
        BundleError::TooManyRecipients(17),
        &k_id,
        &with_header(by_key, &h),
    );
    let mut h = header.clone();
    h.payload_bytes = bundle::MAX_BUNDLE_BYTES as u64 + 1;
    err(
        "payload_bytes_above_bound",
        BundleError::TooLarge {
            max: bundle::MAX_BUNDLE_BYTES,
        },
        &k_id,
        &with_header(by_key, &h),
    );
    // At the bound it parses; the stanza opens, and the changed header fails its MAC.
    let mut h = header.clone();
    h.payload_bytes = bundle::MAX_BUNDLE_BYTES as u64;
    err(
        "payload_bytes_at_bound",
        BundleError::HeaderMac,
        &k_id,
        &with_header(by_key, &h),
    );
    // An ephemeral key of 32 zero bytes (a low-order point): X25519 gives the all-zero
    // secret, the stanza is skipped, and no other stanza is left.
    let mut h = header.clone();
    match &mut h.recipients[0] {
        Stanza::X25519 { epk, .. } => *epk = [0; 32],
        other => panic!("expected an x25519 stanza, found {other:?}"),
    }
    err(
        "zero_shared_secret",
        BundleError::NotAddressedToThisKey,
        &k_id,
        &with_header(by_key, &h),
    );

    // Three passphrase stanzas each at the work cap (64 MiB × 24 passes): each within the
    // bounds, together more than two maximum derivations. Refused before any Argon2id.
    let max = KdfParams {
        m_cost_kib: KdfParams::MIN_M_COST_KIB,
        t_cost: KdfParams::MAX_T_COST,
        p_cost: 1,
    };
    assert_eq!(max.work(), KdfParams::MAX_WORK);
    let mut h = bundle::inspect(by_pass).unwrap();
    match &mut h.recipients[0] {
        Stanza::Passphrase { kdf, .. } => *kdf = max,
        other => panic!("expected a passphrase stanza, found {other:?}"),
    }
    h.recipients = vec![h.recipients[0].clone(); 3];
    err(
        "excessive_total_work",
        BundleError::ExcessiveTotalWork {
            required: 3 * KdfParams::MAX_WORK,
            limit: 2 * KdfParams::MAX_WORK,
        },
        &p_id,
        &with_header(by_pass, &h),
    );
    // A bundle for the key and a passphrase whose passphrase stanza asks for too much memory,
    // opened with the key: the KDF bounds of every passphrase stanza are checked, including
    // one this reader never derives.
    let mut h = bundle::inspect(both).unwrap();
    let mut m_cost = 0;
    for s in &mut h.recipients {
        if let Stanza::Passphrase { kdf, .. } = s {
            kdf.m_cost_kib = 4 * 1024 * 1024;
            m_cost = kdf.m_cost_kib;
        }
    }
    assert_eq!(m_cost, 4 * 1024 * 1024);
    let b = with_header(both, &h);
    let e = bundle::decrypt(&b, &Identity::X25519(Zeroizing::new(secret(SECRET_HEX)))).unwrap_err();
    assert!(matches!(e, BundleError::ExcessiveWork(_)), "{e:?}");
    err("excessive_kdf_cost_untried", e, &k_id, &b);
}

/// Sender authentication (`hpke_auth`): Bob seals to Alice (the identity), so the bundle
/// proves Bob sealed it; beside another stanza it proves no sender; a changed `sender`,
/// `enc` or `wrapped` does not open.
fn sender_vectors(fill: &mut dyn FnMut(&mut [u8])) {
    let alice = keys::public_key(&secret(SECRET_HEX));
    let bob = keys::public_key(&secret(OTHER_SECRET_HEX));
    let k_id = ("identity", format!("x25519 {SECRET_HEX}"));
    let from_bob = || Recipient::Authenticated {
        to: alice,
        from: Zeroizing::new(secret(OTHER_SECRET_HEX)),
    };
    let ok = |name: &str, sender: String, body: &[u8]| {
        write(
            name,
            &[
                ("expect", "success".into()),
                k_id.clone(),
                ("payload", PAYLOAD.into()),
                ("sender", sender),
            ],
            body,
        )
    };
    let not_addressed = |name: &str, body: &[u8]| {
        let e = bundle::decrypt(body, &Identity::X25519(Zeroizing::new(secret(SECRET_HEX)))).unwrap_err();
        assert_eq!(e, BundleError::NotAddressedToThisKey, "{name}");
        write(name, &[("expect", format!("error {e:?}")), k_id.clone()], body)
    };
    let signed = bundle::encrypt(PAYLOAD.as_bytes(), &[from_bob()], fill).unwrap();
    ok("valid_hpke_auth", hex::encode(&bob), &signed);
    let pass = Recipient::Passphrase(PASSPHRASE.into(), KdfParams::DEFAULT);
    let beside = bundle::encrypt(PAYLOAD.as_bytes(), &[from_bob(), pass], fill).unwrap();
    ok("hpke_auth_beside_passphrase", "none".into(), &beside);
    // Alice's own key named as the sender instead of Bob's.
    let mut h = bundle::inspect(&signed).unwrap();
    match &mut h.recipients[0] {
        Stanza::HpkeAuth { sender, .. } => *sender = alice,
        other => panic!("expected an hpke_auth stanza, found {other:?}"),
    }
    not_addressed("hpke_auth_sender_replaced", &with_header(&signed, &h));
    let mut h = bundle::inspect(&signed).unwrap();
    match &mut h.recipients[0] {
        Stanza::HpkeAuth { enc, .. } => enc[0] ^= 1,
        other => panic!("expected an hpke_auth stanza, found {other:?}"),
    }
    not_addressed("hpke_auth_enc_flipped", &with_header(&signed, &h));
    let mut h = bundle::inspect(&signed).unwrap();
    match &mut h.recipients[0] {
        Stanza::HpkeAuth { wrapped, .. } => wrapped[0] ^= 1,
        other => panic!("expected an hpke_auth stanza, found {other:?}"),
    }
    not_addressed("hpke_auth_wrapped_flipped", &with_header(&signed, &h));
}
