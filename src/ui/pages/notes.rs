//! A client's progress notes: the list (newest first, with the four skill-area scores) and
//! the note form.

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::clinical::note::{format_score, ProgressNote};
use crate::domain::clinical::skills::SkillArea;
use crate::domain::vault::ids::RecordId;
use crate::ui::forms::ymd;

use super::note_form::NoteEditor;

#[derive(Properties, PartialEq)]
pub struct NotesProps {
    pub client: RecordId,
    pub open_note: Option<RecordId>,
    /// A personal notebook shows the therapist's shared notes read-only.
    pub read_only: bool,
}

/// Which note the form is showing.
#[derive(Clone, Copy, PartialEq)]
enum Editing {
    None,
    New,
    Existing(RecordId),
}

#[function_component(NotesSection)]
pub fn notes_section(props: &NotesProps) -> Html {
    let ctx = use_notebook();
    let editing = use_state(|| props.open_note.map_or(Editing::None, Editing::Existing));
    let confirm_delete = use_state(|| None::<RecordId>);
    let notes = ctx.notebook.notes_of(&props.client);

    let close = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(Editing::None))
    };
    let form = match *editing {
        Editing::New => {
            html! { <NoteEditor key="new" client={props.client} note_id={None::<RecordId>} on_close={close.clone()} /> }
        }
        Editing::Existing(id) if !props.read_only => {
            html! { <NoteEditor key={id.to_string()} client={props.client} note_id={Some(id)} on_close={close.clone()} /> }
        }
        _ => html! {},
    };
    let delete = |id: RecordId| {
        let (ctx, confirm_delete) = (ctx.clone(), confirm_delete.clone());
        Callback::from(move |_| {
            let confirm_delete = confirm_delete.clone();
            ctx.commit(vec![], vec![id], "Note deleted.".into(), move |_| {
                confirm_delete.set(None)
            });
        })
    };
    let item = |(id, note): &(RecordId, &ProgressNote)| {
        let id = *id;
        let open = {
            let editing = editing.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                editing.set(Editing::Existing(id));
            })
        };
        let ask = {
            let confirm_delete = confirm_delete.clone();
            Callback::from(move |_| confirm_delete.set(Some(id)))
        };
        let keep = {
            let confirm_delete = confirm_delete.clone();
            Callback::from(move |_| confirm_delete.set(None))
        };
        let date = ymd(note.date);
        html! {
            <li class="note-item">
                <a href="#" onclick={open}>{ date.clone() }</a>
                { note.session_type.map(|t| format!(" · {}", t.label())).unwrap_or_default() }
                if note.shareable { <span class="tag">{ " · shareable" }</span> }
                <dl class="scores">
                    { for SkillArea::ALL.iter().map(|a| html! {
                        <div><dt>{ a.label() }</dt><dd>{ format_score(note.area_score(*a)) }</dd></div>
                    }) }
                </dl>
                if !props.read_only {
                    if *confirm_delete == Some(id) {
                        <span role="group" aria-label={format!("Delete the note of {date}?")}>
                            { format!("Delete the note of {date}? ") }
                            <button type="button" class="danger" onclick={delete(id)}>{ "Confirm delete" }</button>
                            <button type="button" onclick={keep}>{ "Keep note" }</button>
                        </span>
                    } else {
                        <button type="button" class="small" onclick={ask} aria-label={format!("Delete note {date}")}>{ "Delete" }</button>
                    }
                }
                if props.read_only && *editing == Editing::Existing(id) {
                    <div class="read-note">
                        if note.texts().all(|t| t.trim().is_empty()) && note.skills.is_empty() {
                            <p class="hint">{ "Your therapist shared the ratings of this session, not its notes." }</p>
                        }
                        if !note.notes.is_empty() { <p>{ note.notes.clone() }</p> }
                        if !note.skills.is_empty() { <p><strong>{ "Skills: " }</strong>{ note.skills.join(", ") }</p> }
                        if !note.homework.is_empty() { <p><strong>{ "Homework: " }</strong>{ note.homework.clone() }</p> }
                        if !note.plan.is_empty() { <p><strong>{ "Plan: " }</strong>{ note.plan.clone() }</p> }
                        if !note.indicators.is_empty() {
                            <ul class="ratings">
                                { for note.indicators.iter().map(|(i, r)| html! {
                                    <li>{ format!("{}: {} of 10", i.label(), r.value) }
                                        if !r.comment.is_empty() { { format!(" — {}", r.comment) } }</li>
                                }) }
                            </ul>
                        }
                    </div>
                }
            </li>
        }
    };

    html! {
        <section class="card" aria-labelledby="notes-title">
            <h3 id="notes-title">{ if props.read_only { "Notes from my therapist" } else { "Progress notes" } }</h3>
            if !props.read_only && *editing == Editing::None {
                <button type="button" onclick={{ let e = editing.clone(); Callback::from(move |_| e.set(Editing::New)) }}>{ "New note" }</button>
            }
            { form }
            if notes.is_empty() {
                <p class="empty">{ if props.read_only { "No notes have been shared with you yet." } else { "No progress notes yet." } }</p>
            }
            <ul role="list" aria-label="Progress notes" class="note-list">
                { for notes.iter().map(item) }
            </ul>
        </section>
    }
}
