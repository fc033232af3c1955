//! The app's entry point: on wasm32 it mounts the Yew app; natively there is nothing to run
//! (the native build exists for `cargo test` of the domain).

fn main() {
    #[cfg(target_arch = "wasm32")]
    wisemind::ui::start();
}
