//! The list of a client's diary cards (UI shell), newest first: each card's date opens it,
//! followed by its summary line (the domain's [`list_line`]).

use yew::prelude::*;

use crate::domain::clinical::diary_form::list_line;
use crate::domain::vault::ids::RecordId;
use crate::ui::forms::ymd;
use crate::ui::hooks::use_notebook::use_notebook;

#[derive(Properties, PartialEq)]
pub struct CardListProps {
    pub client: RecordId,
    /// Open the card with this id.
    pub on_open: Callback<RecordId>,
}

#[function_component(CardList)]
pub fn card_list(props: &CardListProps) -> Html {
    let ctx = use_notebook();
    let cards = ctx.notebook.cards_of(&props.client);
    let open = |id: RecordId| {
        let on_open = props.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_open.emit(id);
        })
    };
    html! {
        <>
            if cards.is_empty() { <p class="empty">{ "No diary cards yet." }</p> }
            <ul role="list" aria-label="Diary cards" class="card-list">
                { for cards.iter().map(|(id, c)| html! {
                    <li>
                        <a href="#" onclick={open(*id)}>{ ymd(c.date) }</a>
                        <span class="muted">{ list_line(c) }</span>
                    </li>
                }) }
            </ul>
        </>
    }
}
