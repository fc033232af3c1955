//! `wisemind-bundle`: read Wisemind bundles without a browser — a second reader of
//! docs/bundle-format.md, and a way to recover records from a backup.
//!
//! ```text
//! wisemind-bundle inspect FILE
//! wisemind-bundle decrypt FILE            (passphrase from WISEMIND_PASSPHRASE or stdin)
//! wisemind-bundle decrypt FILE --secret-key KEYFILE   (64 hex digits)
//! wisemind-bundle encrypt PAYLOAD.json OUT --to wmpk1… [--secret-key KEYFILE]
//! ```
//!
//! `encrypt` seals a payload (docs/bundle-format.md, "Plaintext") to a public key: with
//! `--secret-key`, as an `hpke_auth` stanza that proves the bundle came from that key (what
//! Wisemind writes), otherwise as an anonymous `x25519` stanza.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(match cli::run(std::env::args().skip(1).collect()) {
        Ok(output) => {
            use std::io::Write;
            // Not println!: it panics when the reader has gone (`wisemind-bundle … | head`).
            // A closed pipe is the reader's choice, not a failure: exit quietly.
            match writeln!(std::io::stdout().lock(), "{output}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("wisemind-bundle: cannot write the output: {e}");
                    1
                }
                _ => 0,
            }
        }
        Err(message) => {
            eprintln!("wisemind-bundle: {message}");
            1
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::BufRead;

    use serde_json::json;
    use wisemind::domain::base::hex;
    use wisemind::domain::exchange::bundle::{self, keys, payload::Payload, Identity, Recipient, Stanza};
    use zeroize::Zeroizing;

    const USAGE: &str = "usage: wisemind-bundle inspect FILE | decrypt FILE [--secret-key KEYFILE] \
                         | encrypt PAYLOAD.json OUT --to PUBLIC_KEY [--secret-key KEYFILE]";

    pub fn run(args: Vec<String>) -> Result<String, String> {
        let (command, file) = match args.as_slice() {
            [c, f, ..] => (c.as_str(), f.as_str()),
            _ => return Err(USAGE.into()),
        };
        // The size first: a file past the format's bound is refused before it is read.
        let size = std::fs::metadata(file)
            .map_err(|e| format!("cannot read {file}: {e}"))?
            .len();
        if size > bundle::MAX_BUNDLE_BYTES as u64 {
            return Err(format!(
                "{file} is {size} bytes, more than a bundle can be ({} bytes)",
                bundle::MAX_BUNDLE_BYTES
            ));
        }
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        match command {
            "inspect" => inspect(&bytes),
            "encrypt" => encrypt(&bytes, &args[2..]),
            "decrypt" => {
                let identity = match args.get(2).map(String::as_str) {
                    Some("--secret-key") => Identity::X25519(secret_key(args.get(3).ok_or(USAGE)?)?),
                    Some(other) => return Err(format!("unknown option {other}; {USAGE}")),
                    None => Identity::Passphrase(passphrase()?),
                };
                let plain = bundle::decrypt(&bytes, &identity).map_err(|e| e.to_string())?;
                let payload = Payload::from_bytes(&plain).map_err(|e| e.to_string())?;
                // Through a value, so that the records (kept as their text) are laid out too.
                let value = serde_json::to_value(&payload).map_err(|e| e.to_string())?;
                serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
            }
            _ => Err(USAGE.into()),
        }
    }

    /// A secret key file: 64 hex digits (surrounding white space ignored).
    fn secret_key(path: &str) -> Result<Zeroizing<[u8; 32]>, String> {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?);
        let key = hex::decode_array(text.trim()).ok_or("the secret key file must hold 64 hex digits")?;
        Ok(Zeroizing::new(key))
    }

    /// `encrypt PAYLOAD.json OUT --to PUBLIC_KEY [--secret-key KEYFILE]`; `rest` starts at OUT.
    fn encrypt(json: &[u8], rest: &[String]) -> Result<String, String> {
        let (mut to, mut from) = (None, None);
        let out = rest.first().ok_or(USAGE)?;
        let mut options = rest[1..].iter();
        while let Some(option) = options.next() {
            let value = options.next().ok_or(USAGE)?;
            match option.as_str() {
                "--to" => to = Some(keys::decode_public_key(value)?),
                "--secret-key" => from = Some(secret_key(value)?),
                other => return Err(format!("unknown option {other}; {USAGE}")),
            }
        }
        let to = to.ok_or("encrypt needs --to and the recipient's public key")?;
        // Read as the format says, so a malformed payload is refused here, not by the
        // recipient. (Not `Payload::from_bytes`: the app's own limits, such as the size of a
        // share it reads, are the app's rules, and tests write bundles that break them.)
        let payload: Payload = serde_json::from_slice(json).map_err(|e| format!("not a bundle payload: {e}"))?;
        let recipient = match from {
            Some(from) => Recipient::Authenticated { to, from },
            None => Recipient::X25519(to),
        };
        let mut fill = |b: &mut [u8]| getrandom::fill(b).expect("the system's random number generator");
        let sealed = bundle::encrypt(&payload.to_bytes(), &[recipient], &mut fill).map_err(|e| e.to_string())?;
        std::fs::write(out, &sealed).map_err(|e| format!("cannot write {out}: {e}"))?;
        Ok(format!("wrote {out} ({} bytes)", sealed.len()))
    }

    fn passphrase() -> Result<String, String> {
        if let Ok(p) = std::env::var("WISEMIND_PASSPHRASE") {
            return Ok(p);
        }
        eprint!("Bundle passphrase: ");
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }

    fn inspect(bytes: &[u8]) -> Result<String, String> {
        let header = bundle::inspect(bytes).map_err(|e| e.to_string())?;
        let recipients: Vec<_> = header
            .recipients
            .iter()
            .map(|s| match s {
                Stanza::Passphrase { kdf, .. } => json!({ "type": "passphrase", "kdf": kdf }),
                Stanza::X25519 { epk, .. } => json!({ "type": "x25519", "ephemeral_public_key": hex::encode(epk) }),
                Stanza::HpkeAuth { sender, .. } => json!({
                    "type": "hpke_auth",
                    "sender_public_key": keys::encode_public_key(sender),
                    "sender_fingerprint": keys::fingerprint(sender),
                }),
                Stanza::Unknown => json!({ "type": "unknown" }),
            })
            .collect();
        let summary = json!({
            "format_version": bundle::VERSION,
            "size_bytes": bytes.len(),
            "payload_bytes": header.payload_bytes,
            "recipients": recipients,
        });
        serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())
    }
}
