//! The Yew shell: components only render state and dispatch; the domain decides.

mod app;
pub mod bench;
mod components;
mod context;
mod error;
mod forms;
mod hooks;
mod pages;
mod session;

pub use error::AppError;

/// Mount the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
