//! The progress-note form (UI shell). What is typed is kept as an encrypted draft (so closing
//! the tab loses nothing) and offered back on return; leaving an edited form asks first.
//!
//! The form lives in a reducer: each control dispatches a [`NoteFormAction`], and the domain's
//! [`reduce`] applies it to the latest form, so two quick edits cannot undo each other. The
//! sections only render the form and dispatch; saving and the draft are handled here.

mod chain;
mod checklists;
mod draft;
mod fields;
mod indicators;
mod session;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::goal::relink;
use crate::domain::clinical::note_form::{reduce, NoteForm, NoteFormAction, TextField};
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::forms::{by_field, summary, FieldErrors};
use crate::ui::hooks::use_notebook::use_notebook;

use chain::ChainAnalysis;
use checklists::{GoalChecks, SkillChecks, TargetChecks};
use draft::{use_draft, use_leave_guard, DraftOffer};
use fields::text_area;
use indicators::Indicators;
use session::SessionFields;

#[derive(Properties, PartialEq)]
pub struct NoteFormProps {
    pub client: RecordId,
    pub note_id: Option<RecordId>,
    pub on_close: Callback<()>,
}

/// The form as Yew state; the reduction itself is the domain's.
#[derive(PartialEq)]
struct FormState(Rc<NoteForm>);

impl Reducible for FormState {
    type Action = NoteFormAction;
    fn reduce(self: Rc<Self>, action: NoteFormAction) -> Rc<Self> {
        Rc::new(FormState(Rc::new(reduce(&self.0, action))))
    }
}

/// The form to start from: the note being edited with the goals it is linked to, or a blank
/// form dated today.
fn initial_form(nb: &Notebook, client: RecordId, note_id: Option<RecordId>) -> NoteForm {
    let mut form = match note_id.and_then(|id| nb.notes.get(&id)) {
        Some(note) => NoteForm::from_note(note),
        None => NoteForm::new(platform::today()),
    };
    if let Some(id) = note_id {
        form.goals = nb
            .goals_of(&client)
            .iter()
            .filter(|(_, g)| g.linked_notes.contains(&id))
            .map(|(g, _)| *g)
            .collect();
    }
    form
}

#[function_component(NoteEditor)]
pub fn note_editor(props: &NoteFormProps) -> Html {
    let ctx = use_notebook();
    let draft_key = NoteForm::draft_key(&props.client, props.note_id.as_ref());
    let existing_draft = ctx.notebook.draft_for(&draft_key).map(|(id, d)| (id, d.clone()));
    let form = {
        let (nb, client, note_id) = (ctx.notebook.clone(), props.client, props.note_id);
        use_reducer(move || FormState(Rc::new(initial_form(&nb, client, note_id))))
    };
    let dirty = use_state(bool::default);
    let errors = use_state(FieldErrors::new);
    let draft = use_draft(draft_key, existing_draft.as_ref().map(|(id, _)| *id));
    let offer_draft = use_state(|| existing_draft.is_some());
    use_leave_guard(*dirty);

    // Every edit: applied to the latest form, marks the form edited, schedules the draft.
    let edit = {
        let (form, dirty, draft) = (form.clone(), dirty.clone(), draft.clone());
        Callback::from(move |action: NoteFormAction| {
            form.dispatch(action);
            dirty.set(true);
            // The handle reads the reducer's current state, which `dispatch` has just updated.
            draft.schedule(form.0.clone());
        })
    };

    let onsubmit = {
        let (ctx, form, errors, dirty, draft) =
            (ctx.clone(), form.clone(), errors.clone(), dirty.clone(), draft.clone());
        let (client, note_id, on_close) = (props.client, props.note_id, props.on_close.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form = form.0.clone();
            match form.to_note(client, platform::today(), platform::now_ms() as i64) {
                Err(problems) => {
                    let map = by_field(problems);
                    ctx.fail(summary(&map));
                    errors.set(map);
                }
                Ok(note) => {
                    errors.set(FieldErrors::new());
                    draft.cancel();
                    let id = note_id.unwrap_or_else(|| RecordId::from_bytes(platform::random()));
                    let text = format!("Saved the note of {}.", form.date);
                    let deletes: Vec<RecordId> = draft.id().into_iter().collect();
                    let goals = ctx.notebook.goals_of(&client);
                    let mut puts = vec![(id, AnyRecord::Note(note))];
                    puts.extend(
                        relink(&goals, id, &form.goals, platform::now_ms() as i64)
                            .into_iter()
                            .map(|(g, goal)| (g, AnyRecord::Goal(goal))),
                    );
                    let (dirty, on_close, draft) = (dirty.clone(), on_close.clone(), draft.clone());
                    ctx.commit(puts, deletes, text, move |ok| {
                        if ok {
                            draft.forget();
                            dirty.set(false);
                            on_close.emit(());
                        }
                    });
                }
            }
        })
    };
    let cancel = {
        let (ctx, dirty, draft, on_close) = (ctx.clone(), dirty.clone(), draft.clone(), props.on_close.clone());
        Callback::from(move |_| {
            if *dirty && !gloo::dialogs::confirm("Discard the changes to this note?") {
                return;
            }
            draft.cancel();
            if let Some(id) = draft.forget() {
                ctx.commit(vec![], vec![id], String::new(), |_| ());
            }
            on_close.emit(());
        })
    };
    // Restoring is not typing: the draft already holds what it brings back.
    let restore = {
        let (form, offer, dirty) = (form.dispatcher(), offer_draft.clone(), dirty.clone());
        let payload = existing_draft.as_ref().map(|(_, d)| d.payload.clone());
        Callback::from(move |_| {
            if let Some(f) = payload.as_deref().and_then(NoteForm::from_draft_payload) {
                form.dispatch(NoteFormAction::Restore(Box::new(f)));
                dirty.set(true);
            }
            offer.set(false);
        })
    };
    let discard = {
        let (ctx, offer, draft) = (ctx.clone(), offer_draft.clone(), draft.clone());
        Callback::from(move |_| {
            if let Some(id) = draft.forget() {
                ctx.commit(vec![], vec![id], "Draft discarded.".into(), |_| ());
            }
            offer.set(false);
        })
    };

    let f = form.0.clone();
    let text = |field: TextField| text_area(&f, field, &edit);
    html! {
        <form class="note-form" {onsubmit} aria-labelledby="note-form-title" novalidate=true>
            <h4 id="note-form-title">{ if props.note_id.is_some() { "Edit progress note" } else { "New progress note" } }</h4>
            if *offer_draft {
                <DraftOffer on_restore={restore} on_discard={discard} />
            }
            <SessionFields form={f.clone()} errors={(*errors).clone()} on_edit={edit.clone()} />
            { text(TextField::DiaryCardReview) }
            <TargetChecks form={f.clone()} on_edit={edit.clone()} />
            { text(TextField::Challenges) }
            { text(TextField::Accomplishments) }
            <ChainAnalysis form={f.clone()} on_edit={edit.clone()} />
            <SkillChecks form={f.clone()} on_edit={edit.clone()} />
            <GoalChecks client={props.client} form={f.clone()} on_edit={edit.clone()} />
            { text(TextField::Homework) }
            { text(TextField::Plan) }
            { text(TextField::RiskNotes) }
            <Check id="note-risk-addressed" label="Risk addressed in this session" checked={f.risk_addressed}
                on_change={edit.reform(NoteFormAction::SetRiskAddressed)} />
            { text(TextField::Notes) }
            <Indicators form={f.clone()} errors={(*errors).clone()} on_edit={edit.clone()} />
            <Check id="note-shareable" label="Shareable with the client" checked={f.shareable}
                on_change={edit.reform(NoteFormAction::SetShareable)} />
            <div class="actions">
                <button type="submit" class="primary">{ "Save note" }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
