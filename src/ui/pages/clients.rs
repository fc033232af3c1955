//! A clinician's client list: add, show archived, and search across all notes.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::clinical::client::Client;
use crate::domain::clinical::form_input::opt_date;
use crate::domain::notebook::caseload::needs_attention;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::search::search;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::field::{setter, Field};
use crate::ui::components::flags::FlagItem;
use crate::ui::forms::ymd;

#[derive(Properties, PartialEq)]
pub struct ClientsProps {
    /// (client, note to open).
    pub on_open: Callback<(RecordId, Option<RecordId>)>,
}

/// Search results listed at once: a list of thousands helps nobody and takes seconds to draw.
const SHOWN_HITS: usize = 50;

#[function_component(Clients)]
pub fn clients(props: &ClientsProps) -> Html {
    let ctx = use_notebook();
    let adding = use_state(bool::default);
    let name = use_state(String::new);
    let identifier = use_state(String::new);
    let start = use_state(String::new);
    let show_archived = use_state(bool::default);
    let query = use_state(String::new);

    let onsubmit = {
        let ctx = ctx.clone();
        let (name, identifier, start, adding) = (name.clone(), identifier.clone(), start.clone(), adding.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut client = match Client::new(&name) {
                Ok(c) => c,
                Err(text) => return ctx.fail(text),
            };
            client.identifier = identifier.trim().to_string();
            client.start_date = match opt_date("Treatment start date", &start) {
                Ok(d) => d,
                Err(e) => return ctx.fail(e.message),
            };
            client.updated_ms = platform::now_ms() as i64;
            let id = RecordId::from_bytes(platform::random());
            let text = format!("Saved client {}.", client.name);
            let (name, identifier, start, adding) = (name.clone(), identifier.clone(), start.clone(), adding.clone());
            ctx.commit(vec![(id, AnyRecord::Client(client))], vec![], text, move |ok| {
                if ok {
                    for s in [&name, &identifier, &start] {
                        s.set(String::new());
                    }
                    adding.set(false);
                }
            });
        })
    };
    let toggle = |s: &UseStateHandle<bool>, v: bool| {
        let s = s.clone();
        Callback::from(move |_| s.set(v))
    };
    let visible: Vec<_> = ctx
        .notebook
        .clients
        .iter()
        .filter(|(_, c)| !c.is_self && (*show_archived || !c.archived))
        .collect();
    let archived_count = ctx.notebook.clients.iter().filter(|(_, c)| c.archived).count();
    // Searched when the query or the notebook changes, not on every render of the page.
    let found = use_memo((ctx.notebook.clone(), (*query).clone()), |(nb, q)| {
        platform::mark("wisemind:search");
        search(nb, q, SHOWN_HITS)
    });
    // The User Timing span `make bench` reads: from the search to its results in the page.
    use_effect_with(Rc::as_ptr(&found) as usize, |_| {
        platform::measure("wisemind:search", "wisemind:search")
    });
    // Who needs attention today: computed when the notebook or the day changes. The span is
    // what `make bench` reads.
    let attention = use_memo((ctx.notebook.clone(), platform::today()), |(nb, today)| {
        platform::mark("wisemind:attention");
        let list = needs_attention(nb, *today);
        platform::measure("wisemind:attention", "wisemind:attention");
        list
    });
    let open = |id: RecordId, note: Option<RecordId>| {
        let on_open = props.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_open.emit((id, note));
        })
    };

    html! {
        <>
        <section class="card attention" aria-labelledby="attention-title">
            <h2 id="attention-title">{ "Needs attention" }</h2>
            <p class="hint">{ "Active flags by DBT's target hierarchy (life-threatening first), from notes and diary \
                cards on this device. Observations to review, not diagnoses." }</p>
            if attention.is_empty() {
                <p class="empty">{ "No client has an active flag today." }</p>
            }
            <ul class="flag-list" role="list" aria-label="Needs attention">
                { for attention.iter().map(|e| html! {
                    <li class={format!("level-{}", e.flag.level.number())}>
                        <FlagItem flag={e.flag.clone()}>
                            <a href={format!("#client-{}", e.client)} onclick={open(e.client, None)}>{ e.name.clone() }</a>
                        </FlagItem>
                    </li>
                }) }
            </ul>
        </section>
        <section class="card" aria-labelledby="clients-title">
            <h2 id="clients-title">{ "Clients" }</h2>
            if *adding {
                <form {onsubmit} class="inline-form">
                    <Field id="client-name" label="Client name" value={(*name).clone()} on_input={setter(&name)}
                        required=true autofocus=true hint="A name or pseudonym; it is stored encrypted." />
                    <Field id="client-identifier" label="Identifier (optional)" value={(*identifier).clone()} on_input={setter(&identifier)} />
                    <Field id="client-start" label="Treatment start date" kind="date" value={(*start).clone()} on_input={setter(&start)} />
                    <button type="submit" class="primary">{ "Save client" }</button>
                    <button type="button" onclick={toggle(&adding, false)}>{ "Cancel" }</button>
                </form>
            } else {
                <button type="button" onclick={toggle(&adding, true)}>{ "New client" }</button>
            }
            if visible.is_empty() {
                <p class="empty">{ "No clients yet." }</p>
            } else {
                <ul class="client-list" aria-label="Clients">
                    { for visible.iter().map(|(id, c)| html! {
                        <li>
                            <a href={format!("#client-{id}")} onclick={open(*id, None)}>{ c.name.clone() }</a>
                            if c.archived { <span class="tag">{ " (archived)" }</span> }
                            if let Some(d) = c.start_date { <span class="muted">{ format!(" · since {}", ymd(Some(d))) }</span> }
                        </li>
                    }) }
                </ul>
            }
            if archived_count > 0 {
                <Check id="show-archived" label={format!("Show archived clients ({archived_count})")} checked={*show_archived}
                    on_change={{ let s = show_archived.clone(); Callback::from(move |v| s.set(v)) }} />
            }
        </section>
        <section class="card" aria-labelledby="search-title">
            <h2 id="search-title">{ "Search notes" }</h2>
            <Field id="search" label="Search all notes" kind="search" value={(*query).clone()} on_input={setter(&query)}
                hint="Searches the decrypted notes in this window only." />
            if !query.trim().is_empty() {
                <p aria-live="polite">{ if found.total > SHOWN_HITS {
                    format!("{} matching notes; the newest {SHOWN_HITS} are shown. Add a word to narrow the search.", found.total)
                } else {
                    format!("{} matching note(s)", found.total)
                } }</p>
                <ul class="search-results" aria-label="Search results">
                    { for found.hits.iter().map(|h| {
                        let who = ctx.notebook.client(&h.client).map(|c| c.name.clone()).unwrap_or_default();
                        html! { <li>
                            <a href="#" onclick={open(h.client, Some(h.note))}>{ format!("{} — {}", ymd(h.date), who) }</a>
                            <p class="snippet">{ h.snippet.clone() }</p>
                        </li> }
                    }) }
                </ul>
            }
        </section>
        </>
    }
}
