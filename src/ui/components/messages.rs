//! The live regions: one `role="status"` region that always exists (so screen readers
//! announce changes), and a `role="alert"` that appears only when something failed.

use yew::prelude::*;

use crate::domain::notebook::state::Message;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    pub message: Option<Message>,
}

#[function_component(Messages)]
pub fn messages(props: &MessagesProps) -> Html {
    let (alert, status) = match &props.message {
        Some(Message::Alert(text)) => (Some(text.clone()), None),
        Some(Message::Status(text)) => (None, Some(text.clone())),
        None => (None, None),
    };
    html! {
        <div class="messages">
            if let Some(text) = alert {
                <p class="alert" role="alert">{ text }</p>
            }
            <p class="status" role="status" aria-live="polite">{ status.unwrap_or_default() }</p>
        </div>
    }
}
