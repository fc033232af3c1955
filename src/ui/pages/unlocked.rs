//! The open notebook: navigation, `Lock` (always visible), and the current tab.

use yew::prelude::*;

use crate::domain::records::{Notebook, NotebookKind};
use crate::domain::state::Event;
use crate::ui::app::Open;

use super::clients::Clients;
use super::settings::SettingsPage;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Notebook,
    Settings,
}

#[derive(Properties, PartialEq)]
pub struct UnlockedProps {
    pub open: Open,
    pub notebook: Notebook,
    pub busy: bool,
    pub on_event: Callback<Event>,
    pub on_notebook: Callback<Notebook>,
    pub on_lock: Callback<()>,
}

#[function_component(Unlocked)]
pub fn unlocked(props: &UnlockedProps) -> Html {
    let tab = use_state(|| Tab::Notebook);
    let nav = |t: Tab, label: &'static str| {
        let current = (*tab == t).then_some("page");
        let tab = tab.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            tab.set(t);
        });
        html! { <li><a href="#" aria-current={current} {onclick}>{ label }</a></li> }
    };
    let title = match props.notebook.settings().kind {
        NotebookKind::Clinician => "Clinician notebook",
        NotebookKind::Personal => "Personal notebook",
    };
    let unreadable = props.notebook.unreadable.len();
    html! {
        <>
            <nav class="toolbar" aria-label="Notebook">
                <span class="notebook-title">{ title }</span>
                <ul>
                    { nav(Tab::Notebook, "Notebook") }
                    { nav(Tab::Settings, "Settings") }
                </ul>
                <button type="button" class="lock" onclick={props.on_lock.reform(|_| ())}>{ "Lock" }</button>
            </nav>
            if unreadable > 0 {
                <p class="notice">{ format!(
                    "{unreadable} record(s) could not be read: written by a newer version of Wisemind, or damaged. \
                     They are kept unchanged."
                ) }</p>
            }
            {
                match *tab {
                    Tab::Notebook => html! {
                        <Clients open={props.open.clone()} notebook={props.notebook.clone()}
                            on_event={props.on_event.clone()} on_notebook={props.on_notebook.clone()} />
                    },
                    Tab::Settings => html! {
                        <SettingsPage open={props.open.clone()} notebook={props.notebook.clone()} busy={props.busy}
                            on_event={props.on_event.clone()} on_notebook={props.on_notebook.clone()} />
                    },
                }
            }
        </>
    }
}
