//! Regenerates the table of `src/fold.rs` from this toolchain's standard library (after a
//! Rust update brings a new Unicode version), from the workspace root:
//!
//! ```text
//! cargo build -p wisemind-text --example gen_fold && target/debug/examples/gen_fold
//! ```
//!
//! (`cargo run -p` refuses a package that is a path dependency rather than a workspace member.)
//!
//! Only the lines between the `BEGIN GENERATED` and `END GENERATED` markers change; the
//! generator itself is `gen/runs.rs`, shared with the test that fails while the table is
//! out of date.

#[path = "../gen/runs.rs"]
mod runs;

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/fold.rs");
    match rewrite(path) {
        Ok(what) => {
            println!("{path}: {} runs, {what}", runs::runs().len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn rewrite(path: &str) -> Result<&'static str, String> {
    let old = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let new = runs::regenerate(&old)?;
    if new == old {
        return Ok("already up to date");
    }
    std::fs::write(path, new).map_err(|e| e.to_string())?;
    Ok("rewritten")
}
