//! The notebook page of a clinician's notebook: the client list and adding a client.

use yew::prelude::*;

use crate::domain::ids::RecordId;
use crate::domain::records::{Client, Notebook, NotebookKind};
use crate::domain::state::Event;
use crate::platform;
use crate::ui::app::Open;
use crate::ui::components::field::Field;
use crate::ui::AppError;

#[derive(Properties, PartialEq)]
pub struct ClientsProps {
    pub open: Open,
    pub notebook: Notebook,
    pub on_event: Callback<Event>,
    pub on_notebook: Callback<Notebook>,
}

#[function_component(Clients)]
pub fn clients(props: &ClientsProps) -> Html {
    let adding = use_state(|| false);
    let name = use_state(String::new);
    let selected = use_state(|| None::<RecordId>);

    if props.notebook.settings().kind == NotebookKind::Personal {
        return html! {
            <section class="card" aria-labelledby="personal-title">
                <h2 id="personal-title">{ "Your notebook" }</h2>
                <p>{ "Your personal notebook is open and encrypted on this device." }</p>
            </section>
        };
    }

    if let Some(client) =
        selected.and_then(|id| props.notebook.clients.iter().find(|(i, _)| *i == id))
    {
        let back = {
            let selected = selected.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                selected.set(None);
            })
        };
        return html! {
            <section class="card" aria-labelledby="client-title">
                <p><a href="#" onclick={back}>{ "← All clients" }</a></p>
                <h2 id="client-title">{ client.1.name.clone() }</h2>
            </section>
        };
    }

    let onsubmit = {
        let (open, notebook) = (props.open.clone(), props.notebook.clone());
        let (on_event, on_notebook) = (props.on_event.clone(), props.on_notebook.clone());
        let (name, adding) = (name.clone(), adding.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let client = match Client::new(&name) {
                Ok(c) => c,
                Err(text) => return on_event.emit(Event::Failed(text)),
            };
            let (open, mut notebook) = (open.clone(), notebook.clone());
            let (on_event, on_notebook, name, adding) = (
                on_event.clone(),
                on_notebook.clone(),
                name.clone(),
                adding.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let id = RecordId::from_bytes(platform::random());
                match open.session.save(&open.vault, &id, &client).await {
                    Ok(()) => {
                        on_event.emit(Event::Succeeded(format!("Saved client {}.", client.name)));
                        notebook.upsert_client(id, client);
                        on_notebook.emit(notebook);
                        name.set(String::new());
                        adding.set(false);
                    }
                    // The typed name stays in the form.
                    Err(e) => on_event.emit(Event::Failed(AppError::to_string(&e))),
                }
            });
        })
    };
    let start_adding = {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(true))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |v: String| name.set(v))
    };

    html! {
        <section class="card" aria-labelledby="clients-title">
            <h2 id="clients-title">{ "Clients" }</h2>
            if *adding {
                <form {onsubmit} class="inline-form">
                    <Field id="client-name" label="Client name" value={(*name).clone()} on_input={on_name}
                        required=true autofocus=true hint="A name or pseudonym; it is stored encrypted." />
                    <button type="submit" class="primary">{ "Save client" }</button>
                </form>
            } else {
                <button type="button" onclick={start_adding}>{ "New client" }</button>
            }
            if props.notebook.clients.is_empty() {
                <p class="empty">{ "No clients yet." }</p>
            } else {
                <ul class="client-list" aria-label="Clients">
                    { for props.notebook.clients.iter().map(|(id, c)| {
                        let (selected, id) = (selected.clone(), *id);
                        let onclick = Callback::from(move |e: MouseEvent| { e.prevent_default(); selected.set(Some(id)); });
                        html! { <li><a href={format!("#client-{id}")} {onclick}>{ c.name.clone() }</a></li> }
                    }) }
                </ul>
            }
        </section>
    }
}
