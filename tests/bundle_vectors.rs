//! Bundle test vectors (tests/vectors/bundle/), one test per file. Each file is a short
//! `key: value` preamble, a blank line, then the raw bundle bytes:
//!
//! - `expect: success` with `payload: <text>`, or `expect: error <Debug of BundleError>`;
//! - `identity: passphrase <text>` or `identity: x25519 <64 hex secret>`.
//!
//! `WISEMIND_REGENERATE_VECTORS=1 cargo test --test bundle_vectors -- --ignored` rewrites
//! them (deterministic randomness), which a format change requires.

use std::path::PathBuf;

use wisemind::domain::base::hex;
use wisemind::domain::exchange::bundle::{self, keys, BundleError, Identity, Recipient};
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
    let field = |key: &str| {
        preamble
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("{name}: no {key}"))
    };
    let result = bundle::decrypt(body, &identity(field("identity")));
    match field("expect") {
        "success" => assert_eq!(
            String::from_utf8(result.expect(name)).unwrap(),
            field("payload"),
            "{name}"
        ),
        other => {
            let expected = other.strip_prefix("error ").expect("expect: success | error …");
            assert_eq!(format!("{:?}", result.expect_err(name)), expected, "{name}");
        }
    }
}

macro_rules! vectors {
    ($($name:ident),* $(,)?) => { $( #[test] fn $name() { run(stringify!($name)); } )* };
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
);

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
}
