//! A client's milestones (UI shell): the list, and a form to add one by hand.

use yew::prelude::*;

use crate::domain::clinical::form_input::opt_date;
use crate::domain::clinical::goal::Milestone;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::field::{setter, Field};
use crate::ui::forms::{by_field, summary, ymd, FieldErrors};
use crate::ui::hooks::use_notebook::use_notebook;

#[derive(Properties, PartialEq)]
pub struct MilestonesProps {
    pub client: RecordId,
    /// The page's validation messages by field label.
    pub errors: FieldErrors,
    pub on_errors: Callback<FieldErrors>,
}

#[function_component(Milestones)]
pub fn milestones(props: &MilestonesProps) -> Html {
    let ctx = use_notebook();
    let adding = use_state(bool::default);
    let text = use_state(String::new);
    let date = use_state(|| ymd(Some(platform::today())));
    let client = props.client;

    let save = {
        let (ctx, on_errors) = (ctx.clone(), props.on_errors.clone());
        let (text, date, adding) = (text.clone(), date.clone(), adding.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = match opt_date("Milestone date", &date) {
                Ok(d) => d,
                Err(e) => return ctx.fail(e.message),
            };
            let milestone = Milestone {
                client: Some(client),
                date,
                text: text.trim().to_string(),
                goal: None,
                updated_ms: platform::now_ms() as i64,
            };
            if let Err(problems) = milestone.validate(platform::today()) {
                let map = by_field(problems);
                ctx.fail(summary(&map));
                return on_errors.emit(map);
            }
            let (text, adding) = (text.clone(), adding.clone());
            ctx.commit(
                vec![(
                    RecordId::from_bytes(platform::random()),
                    AnyRecord::Milestone(milestone),
                )],
                vec![],
                "Milestone saved.".into(),
                move |ok| {
                    if ok {
                        text.set(String::new());
                        adding.set(false);
                    }
                },
            );
        })
    };
    let flag = |v: bool| {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(v))
    };
    let err = |f: &str| props.errors.get(f).cloned();
    let milestones = ctx.notebook.milestones_of(&client);

    html! {
        <>
            <h3>{ "Milestones" }</h3>
            if *adding {
                <form onsubmit={save} class="inline-form" novalidate=true>
                    <Field id="milestone-text" label="Milestone" value={(*text).clone()} on_input={setter(&text)}
                        hint="For example: first month without self-harm." error={err("Milestone")} />
                    <Field id="milestone-date" label="Milestone date" kind="date" value={(*date).clone()} on_input={setter(&date)} error={err("Milestone date")} />
                    <button type="submit" class="primary">{ "Save milestone" }</button>
                    <button type="button" onclick={flag(false)}>{ "Cancel" }</button>
                </form>
            } else {
                <button type="button" onclick={flag(true)}>{ "Add milestone" }</button>
            }
            <ul role="list" aria-label="Milestones" class="milestone-list">
                { for milestones.iter().map(|(_, m)| html! { <li>{ format!("{} — {}", ymd(m.date), m.text) }</li> }) }
            </ul>
        </>
    }
}
