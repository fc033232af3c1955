//! The Yew shell: components only render state and dispatch; the domain decides.

mod app;
pub mod bench;
mod components;
mod context;
mod forms;
mod hooks;
mod pages;

/// Mount the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
