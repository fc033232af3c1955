//! `wisemind-bundle`: read Wisemind bundles without a browser — a second reader of
//! docs/bundle-format.md, and a way to recover records from a backup.
//!
//! ```text
//! wisemind-bundle inspect FILE
//! wisemind-bundle decrypt FILE            (passphrase from WISEMIND_PASSPHRASE or stdin)
//! wisemind-bundle decrypt FILE --secret-key KEYFILE   (64 hex digits)
//! ```

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
    use wisemind::domain::exchange::bundle::{self, payload::Payload, Identity, Stanza};
    use zeroize::Zeroizing;

    const USAGE: &str = "usage: wisemind-bundle inspect FILE | decrypt FILE [--secret-key KEYFILE]";

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
            "decrypt" => {
                let identity = match args.get(2).map(String::as_str) {
                    Some("--secret-key") => {
                        let path = args.get(3).ok_or(USAGE)?;
                        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                        let key =
                            hex::decode_array(text.trim()).ok_or("the secret key file must hold 64 hex digits")?;
                        Identity::X25519(Zeroizing::new(key))
                    }
                    Some(other) => return Err(format!("unknown option {other}; {USAGE}")),
                    None => Identity::Passphrase(passphrase()?),
                };
                let plain = bundle::decrypt(&bytes, &identity).map_err(|e| e.to_string())?;
                let payload = Payload::from_bytes(&plain).map_err(|e| e.to_string())?;
                serde_json::to_string_pretty(&payload).map_err(|e| e.to_string())
            }
            _ => Err(USAGE.into()),
        }
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
