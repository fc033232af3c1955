//! The `wisemind-bundle` tool reads real bundles: inspect, decrypt with a passphrase or a
//! secret key, and clear messages on refusal.

use std::io::Write;
use std::process::{Child, Command, Stdio};

const TOOL: &str = env!("CARGO_BIN_EXE_wisemind-bundle");

fn raw_bundle(vector: &str) -> std::path::PathBuf {
    let bytes = std::fs::read(format!(
        "{}/tests/vectors/bundle/{vector}.bin",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let split = bytes.windows(2).position(|w| w == b"\n\n").unwrap();
    let path = std::env::temp_dir().join(format!("wisemind-cli-{vector}-{}.wisemind", std::process::id()));
    std::fs::write(&path, &bytes[split + 2..]).unwrap();
    path
}

/// The tool with piped standard streams and no passphrase in its environment.
fn spawn(args: &[&str]) -> Child {
    Command::new(TOOL)
        .args(args)
        .env_remove("WISEMIND_PASSPHRASE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = spawn(args);
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn inspect_shows_the_recipients_without_a_key() {
    let file = raw_bundle("valid_two_recipients");
    let (ok, out, _) = run(&["inspect", file.to_str().unwrap()], "");
    assert!(ok);
    assert!(
        out.contains("\"type\": \"x25519\"") && out.contains("\"type\": \"passphrase\""),
        "{out}"
    );
    assert!(!out.contains("Vector Client"), "inspect never shows contents");
}

#[test]
fn decrypt_with_passphrase_or_secret_key_prints_the_records() {
    let file = raw_bundle("valid_two_recipients");
    let (ok, out, _) = run(&["decrypt", file.to_str().unwrap()], "vector passphrase one\n");
    assert!(ok);
    assert!(out.contains("\"name\": \"Vector Client\""), "{out}");
    let key = std::env::temp_dir().join(format!("wisemind-cli-key-{}", std::process::id()));
    std::fs::write(
        &key,
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a\n",
    )
    .unwrap();
    let (ok, out, _) = run(
        &["decrypt", file.to_str().unwrap(), "--secret-key", key.to_str().unwrap()],
        "",
    );
    assert!(ok, "{out}");
    assert!(out.contains("\"content\": \"backup\""));
}

#[test]
fn refusals_are_explained() {
    let file = raw_bundle("valid_passphrase");
    let (ok, _, err) = run(&["decrypt", file.to_str().unwrap()], "not it\n");
    assert!(!ok);
    assert!(err.contains("wrong passphrase for this bundle"), "{err}");
    let altered = raw_bundle("payload_flipped_byte");
    let (ok, _, err) = run(&["decrypt", altered.to_str().unwrap()], "vector passphrase one\n");
    assert!(!ok);
    assert!(err.contains("contents were altered"), "{err}");
    let (ok, _, err) = run(&["inspect", env!("CARGO_MANIFEST_DIR")], "");
    assert!(!ok && err.contains("cannot read"), "{err}");
    let (ok, _, err) = run(&["frobnicate"], "");
    assert!(!ok && err.contains("usage"), "{err}");
}

#[test]
fn a_reader_that_stops_early_ends_the_tool_quietly() {
    // `wisemind-bundle decrypt … | head`: the reader is gone before the tool writes. The tool
    // waits for the passphrase on stdin, so closing stdout first makes the order certain.
    let file = raw_bundle("valid_two_recipients");
    let mut child = spawn(&["decrypt", file.to_str().unwrap()]);
    child.stdout = None; // Closes the reading end: the reader is gone.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"vector passphrase one\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn a_file_past_the_bound_is_refused_before_it_is_read() {
    // A sparse file of 256 MiB + 1 byte: nothing is written to disk, and reading it whole
    // would take the memory the check is there to save.
    let path = std::env::temp_dir().join(format!("wisemind-cli-huge-{}.wisemind", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(256 * 1024 * 1024 + 1).unwrap();
    let (ok, _, err) = run(&["inspect", path.to_str().unwrap()], "");
    std::fs::remove_file(&path).unwrap();
    assert!(!ok);
    assert!(err.contains("more than a bundle can be"), "{err}");
}

#[test]
fn encrypt_seals_a_payload_that_proves_its_sender() {
    let dir = std::env::temp_dir().join(format!("wisemind-cli-encrypt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    // RFC 7748's two secret keys: Alice seals to Bob.
    let alice = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    let bob = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    let bob_public = "wmpk1de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    std::fs::write(path("alice.key"), alice).unwrap();
    std::fs::write(path("bob.key"), bob).unwrap();
    let payload = r#"{"format":1,"created_ms":1,"source_notebook":"07070707070707070707070707070707","content":"diary_cards","records":[{"id":"01010101010101010101010101010101","kind":"diary_card","schema":1,"record":{"date":"2026-11-02","joy":3}}]}"#;
    std::fs::write(path("payload.json"), payload).unwrap();

    let (ok, out, err) = run(
        &[
            "encrypt",
            &path("payload.json"),
            &path("out.wisemind"),
            "--to",
            bob_public,
            "--secret-key",
            &path("alice.key"),
        ],
        "",
    );
    assert!(ok, "{err}");
    assert!(out.starts_with("wrote "), "{out}");
    let (ok, out, _) = run(&["inspect", &path("out.wisemind")], "");
    assert!(ok);
    // Alice's fingerprint (RFC 7748 §6.1's public key), as in keys.rs's known answer.
    assert!(
        out.contains("\"type\": \"hpke_auth\"") && out.contains("300c 9c96 03b9 2a4b 39ed 3958 bf92 4011"),
        "{out}"
    );
    let (ok, out, err) = run(
        &["decrypt", &path("out.wisemind"), "--secret-key", &path("bob.key")],
        "",
    );
    assert!(ok, "{err}");
    assert!(out.contains("\"joy\": 3"), "{out}");
    // Sealed to Bob: Alice's own key does not open it.
    let (ok, _, err) = run(
        &["decrypt", &path("out.wisemind"), "--secret-key", &path("alice.key")],
        "",
    );
    assert!(!ok && err.contains("not addressed to this notebook's key"), "{err}");
    // A payload that is not one is refused before anything is written.
    std::fs::write(path("bad.json"), "{\"format\":1}").unwrap();
    let (ok, _, err) = run(
        &["encrypt", &path("bad.json"), &path("bad.wisemind"), "--to", bob_public],
        "",
    );
    assert!(!ok && !std::path::Path::new(&path("bad.wisemind")).exists(), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
