//! Diary cards (UI shell): one per day, with urges and actions, emotions, skills use and
//! medication. The form is the domain's [`CardForm`]; the sections render it and hand on
//! edits, and saving (one card per day, celebrating the streaks a card completes) is here.

mod custom;
mod editor;
mod fields;
mod list;
mod ratings;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::diary_form::{duplicate_date, milestones_reached, saved_message, CardForm};
use crate::domain::clinical::validate::FieldError;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::context::NotebookCtx;
use crate::ui::forms::{by_field, summary, FieldErrors};
use crate::ui::hooks::use_notebook::use_notebook;

use editor::CardEditor;
use list::CardList;

#[derive(Properties, PartialEq)]
pub struct DiaryProps {
    pub client: RecordId,
}

/// Nothing is saved: say why in the alert region and beside each field.
fn report(ctx: &NotebookCtx, errors: &UseStateHandle<FieldErrors>, problems: Vec<FieldError>) {
    let map = by_field(problems);
    ctx.fail(summary(&map));
    errors.set(map);
}

#[function_component(DiarySection)]
pub fn diary_section(props: &DiaryProps) -> Html {
    let ctx = use_notebook();
    // None: list only; Some(None): a new card; Some(Some(id)): editing that card.
    let editing = use_state(|| None::<Option<RecordId>>);
    let form = use_state(CardForm::default);
    let errors = use_state(FieldErrors::new);
    let client = props.client;

    let open = {
        let (editing, form, errors, notebook) = (editing.clone(), form.clone(), errors.clone(), ctx.notebook.clone());
        Callback::from(move |id: Option<RecordId>| {
            let next = match id.and_then(|i| notebook.cards.get(&i)) {
                Some(card) => CardForm::from_card(card),
                None => CardForm::new_card(platform::today(), notebook.cards_of(&client).first().map(|(_, c)| *c)),
            };
            form.set(next);
            errors.set(FieldErrors::new());
            editing.set(Some(id));
        })
    };
    let onsubmit = {
        let (ctx, form, errors, editing) = (ctx.clone(), form.clone(), errors.clone(), editing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(id) = *editing else { return };
            let base = id
                .and_then(|i| ctx.notebook.cards.get(&i).cloned())
                .unwrap_or(DiaryCard {
                    client: Some(client),
                    ..DiaryCard::default()
                });
            let card = match form.to_card(&base, platform::today(), platform::now_ms() as i64) {
                Ok(c) => c,
                Err(problems) => return report(&ctx, &errors, problems),
            };
            let date = card.date.expect("validated cards have a date");
            if ctx
                .notebook
                .card_on(&client, date)
                .is_some_and(|other| Some(other) != id)
            {
                return report(&ctx, &errors, vec![duplicate_date(date)]);
            }
            errors.set(FieldErrors::new());
            let record_id = id.unwrap_or_else(|| RecordId::from_bytes(platform::random()));
            // Celebrate a streak the new card completes.
            let reached = milestones_reached(&ctx.notebook.cards_of(&client), record_id, &card);
            let text = saved_message(date, &reached);
            let editing = editing.clone();
            ctx.commit(vec![(record_id, AnyRecord::DiaryCard(card))], vec![], text, move |ok| {
                if ok {
                    editing.set(None)
                }
            });
        })
    };
    let on_edit = {
        let form = form.clone();
        Callback::from(move |next: CardForm| form.set(next))
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };

    html! {
        <section class="card" aria-labelledby="cards-title">
            <h3 id="cards-title">{ "Diary cards" }</h3>
            if let Some(id) = *editing {
                <CardEditor form={Rc::new((*form).clone())} errors={(*errors).clone()} existing={id.is_some()}
                    {on_edit} on_submit={onsubmit} {on_cancel} />
            } else {
                <button type="button" onclick={open.reform(|_: MouseEvent| None)}>{ "New diary card" }</button>
            }
            <CardList {client} on_open={open.reform(Some)} />
        </section>
    }
}
