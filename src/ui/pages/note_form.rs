//! The progress-note form. What is typed is kept as an encrypted draft (so closing the tab
//! loses nothing) and offered back on return; leaving an edited form asks first.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::clinical::goal::{relink, GoalStatus};
use crate::domain::clinical::note::{SessionType, Target};
use crate::domain::clinical::note_form::NoteForm;
use crate::domain::clinical::skills::{Indicator, SkillArea};
use crate::domain::notebook::draft::Draft;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::field::Field;
use crate::ui::components::select::Select;
use crate::ui::components::text_area::TextArea;
use crate::ui::context::NotebookCtx;
use crate::ui::forms::{by_field, summary, FieldErrors};

/// Quiet time after the last keystroke before the draft is written.
const DRAFT_DELAY_MS: u32 = 800;

#[derive(Properties, PartialEq)]
pub struct NoteFormProps {
    pub client: RecordId,
    pub note_id: Option<RecordId>,
    pub on_close: Callback<()>,
}

/// A change to the form.
type Edit = Rc<dyn Fn(&mut NoteForm)>;
/// Applies a change: updates the form, marks it edited, schedules the draft.
type Apply = Rc<dyn Fn(Edit)>;

#[function_component(NoteEditor)]
pub fn note_editor(props: &NoteFormProps) -> Html {
    let ctx = use_notebook();
    let draft_key = NoteForm::draft_key(&props.client, props.note_id.as_ref());
    let existing_draft = ctx.notebook.draft_for(&draft_key).map(|(id, d)| (id, d.clone()));
    let initial = {
        let notebook = ctx.notebook.clone();
        let note_id = props.note_id;
        let client = props.client;
        move || {
            let mut form = match note_id.and_then(|id| notebook.notes.get(&id).cloned()) {
                Some(note) => NoteForm::from_note(&note),
                None => NoteForm::new(platform::today()),
            };
            if let Some(id) = note_id {
                form.goals = notebook
                    .goals_of(&client)
                    .iter()
                    .filter(|(_, g)| g.linked_notes.contains(&id))
                    .map(|(g, _)| *g)
                    .collect();
            }
            form
        }
    };
    let form = use_state(initial);
    let dirty = use_state(bool::default);
    let errors = use_state(FieldErrors::new);
    // Shared cells, not state: the unmount flush below must see the latest values.
    let draft_id = use_mut_ref(|| existing_draft.as_ref().map(|(id, _)| *id));
    let pending = use_mut_ref(|| None::<NoteForm>);
    let offer_draft = use_state(|| existing_draft.is_some());
    let timer = use_mut_ref(|| None::<Timeout>);

    // Leaving the form (another tab, another page, lock) writes any typing not yet in the
    // draft, so nothing typed is lost.
    {
        let (ctx, draft_id, pending, key) = (ctx.clone(), draft_id.clone(), pending.clone(), draft_key.clone());
        use_effect_with((), move |_| {
            move || {
                ctx.editing.set(false);
                if let Some(f) = pending.borrow_mut().take() {
                    write_draft(&ctx, &draft_id, &key, &f);
                }
            }
        });
    }
    // Warn before the tab closes with unsaved typing (the draft is kept regardless), and let
    // in-app navigation ask first.
    ctx.editing.set(*dirty);
    use_effect_with(*dirty, |dirty| {
        let listener = dirty.then(|| {
            let window = gloo::utils::window();
            EventListener::new_with_options(
                &window,
                "beforeunload",
                EventListenerOptions::enable_prevent_default(),
                |e| {
                    e.prevent_default();
                },
            )
        });
        move || drop(listener)
    });

    let edit: Apply = {
        let (form, dirty, timer) = (form.clone(), dirty.clone(), timer.clone());
        let (ctx, draft_id, pending, key) = (ctx.clone(), draft_id.clone(), pending.clone(), draft_key.clone());
        Rc::new(move |change: Edit| {
            let mut next = (*form).clone();
            change(&mut next);
            form.set(next.clone());
            dirty.set(true);
            *pending.borrow_mut() = Some(next);
            let (ctx, draft_id, pending, key) = (ctx.clone(), draft_id.clone(), pending.clone(), key.clone());
            *timer.borrow_mut() = Some(Timeout::new(DRAFT_DELAY_MS, move || {
                if let Some(f) = pending.borrow_mut().take() {
                    write_draft(&ctx, &draft_id, &key, &f);
                }
            }));
        })
    };
    let text = |get: fn(&NoteForm) -> &String, set: fn(&mut NoteForm, String)| -> (AttrValue, Callback<String>) {
        let apply = edit.clone();
        (
            get(&form).clone().into(),
            Callback::from(move |v: String| apply(Rc::new(move |f: &mut NoteForm| set(f, v.clone())))),
        )
    };

    let onsubmit = {
        let (ctx, form, errors, dirty, draft_id, timer) = (
            ctx.clone(),
            form.clone(),
            errors.clone(),
            dirty.clone(),
            draft_id.clone(),
            timer.clone(),
        );
        let (client, note_id, on_close) = (props.client, props.note_id, props.on_close.clone());
        let pending = pending.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.to_note(client, platform::today(), platform::now_ms() as i64) {
                Err(problems) => {
                    let map = by_field(problems);
                    ctx.fail(summary(&map));
                    errors.set(map);
                }
                Ok(note) => {
                    errors.set(FieldErrors::new());
                    timer.borrow_mut().take();
                    let id = note_id.unwrap_or_else(|| RecordId::from_bytes(platform::random()));
                    let text = format!("Saved the note of {}.", form.date);
                    let (dirty, on_close, draft_id) = (dirty.clone(), on_close.clone(), draft_id.clone());
                    pending.borrow_mut().take();
                    let deletes: Vec<RecordId> = (*draft_id.borrow()).into_iter().collect();
                    let goals = ctx.notebook.goals_of(&client);
                    let mut puts = vec![(id, AnyRecord::Note(note))];
                    puts.extend(
                        relink(&goals, id, &form.goals, platform::now_ms() as i64)
                            .into_iter()
                            .map(|(g, goal)| (g, AnyRecord::Goal(goal))),
                    );
                    ctx.commit(puts, deletes, text, move |ok| {
                        if ok {
                            draft_id.borrow_mut().take();
                            dirty.set(false);
                            on_close.emit(());
                        }
                    });
                }
            }
        })
    };
    let cancel = {
        let (ctx, dirty, draft_id, timer, on_close, pending) = (
            ctx.clone(),
            dirty.clone(),
            draft_id.clone(),
            timer.clone(),
            props.on_close.clone(),
            pending.clone(),
        );
        Callback::from(move |_| {
            if *dirty && !gloo::dialogs::confirm("Discard the changes to this note?") {
                return;
            }
            timer.borrow_mut().take();
            pending.borrow_mut().take();
            if let Some(id) = draft_id.borrow_mut().take() {
                ctx.commit(vec![], vec![id], String::new(), |_| ());
            }
            on_close.emit(());
        })
    };
    let restore = {
        let (form, offer, dirty) = (form.clone(), offer_draft.clone(), dirty.clone());
        let payload = existing_draft.as_ref().map(|(_, d)| d.payload.clone());
        Callback::from(move |_| {
            if let Some(f) = payload
                .as_deref()
                .and_then(|p| serde_json::from_slice::<NoteForm>(p.as_bytes()).ok())
            {
                form.set(f);
                dirty.set(true);
            }
            offer.set(false);
        })
    };
    let discard = {
        let (ctx, offer, draft_id) = (ctx.clone(), offer_draft.clone(), draft_id.clone());
        Callback::from(move |_| {
            if let Some(id) = draft_id.borrow_mut().take() {
                ctx.commit(vec![], vec![id], "Draft discarded.".into(), |_| ());
            }
            offer.set(false);
        })
    };

    let err = |field: &str| errors.get(field).cloned();
    let (date_v, date_cb) = text(|f| &f.date, |f, v| f.date = v);
    let (dur_v, dur_cb) = text(|f| &f.duration, |f, v| f.duration = v);
    let area = |a: SkillArea| {
        html! {
            <fieldset class="indicators">
                <legend>{ a.label() }</legend>
                { for a.indicators().map(|i| indicator_field(i, &form, &edit, err(i.label()))) }
            </fieldset>
        }
    };
    let session_options: Vec<(AttrValue, AttrValue)> = std::iter::once(("".into(), "Not recorded".into()))
        .chain(
            SessionType::ALL
                .iter()
                .enumerate()
                .map(|(n, t)| (n.to_string().into(), t.label().into())),
        )
        .collect();
    let session_value: AttrValue = form
        .session_type
        .and_then(|t| SessionType::ALL.iter().position(|x| *x == t))
        .map(|n| n.to_string())
        .unwrap_or_default()
        .into();
    let on_session = {
        let apply = edit.clone();
        Callback::from(move |v: String| {
            let t = v.parse::<usize>().ok().and_then(|n| SessionType::ALL.get(n).copied());
            apply(Rc::new(move |f: &mut NoteForm| f.session_type = t))
        })
    };
    let target_checks = Target::ALL.iter().map(|&t| {
        let apply = edit.clone();
        let on_change = Callback::from(move |on: bool| {
            apply(Rc::new(move |f: &mut NoteForm| {
                f.targets.retain(|x| *x != t);
                if on {
                    f.targets.push(t);
                }
            }))
        });
        html! { <Check id={format!("target-{t:?}")} label={t.label()} checked={form.targets.contains(&t)} {on_change} /> }
    });
    let skill_groups = SkillArea::ALL.iter().map(|a| {
        html! {
            <fieldset class="skills">
                <legend>{ format!("{} skills", a.label()) }</legend>
                { for a.skills().iter().map(|&s| {
                    let apply = edit.clone();
                    let on_change = Callback::from(move |on: bool| apply(Rc::new(move |f: &mut NoteForm| {
                        f.skills.retain(|x| x != s);
                        if on { f.skills.push(s.to_string()); }
                    })));
                    html! { <Check id={format!("skill-{s}")} label={s} checked={form.skills.iter().any(|x| x == s)} {on_change} /> }
                }) }
            </fieldset>
        }
    });
    let area_text =
        |id: &'static str, label: &'static str, get: fn(&NoteForm) -> &String, set: fn(&mut NoteForm, String)| {
            let (value, on_input) = text(get, set);
            html! { <TextArea {id} {label} {value} {on_input} /> }
        };
    let goal_checks: Vec<Html> = ctx
        .notebook
        .goals_of(&props.client)
        .into_iter()
        .filter(|(id, g)| g.status == GoalStatus::Active || form.goals.contains(id))
        .map(|(id, g)| {
            let apply = edit.clone();
            let on_change = Callback::from(move |on: bool| {
                apply(Rc::new(move |f: &mut NoteForm| {
                    f.goals.retain(|x| *x != id);
                    if on {
                        f.goals.push(id);
                    }
                }))
            });
            html! { <Check id={format!("goal-{id}")} label={format!("Goal: {}", g.title)} checked={form.goals.contains(&id)} {on_change} /> }
        })
        .collect();
    let shareable = {
        let apply = edit.clone();
        Callback::from(move |on: bool| apply(Rc::new(move |f: &mut NoteForm| f.shareable = on)))
    };

    html! {
        <form class="note-form" {onsubmit} aria-labelledby="note-form-title" novalidate=true>
            <h4 id="note-form-title">{ if props.note_id.is_some() { "Edit progress note" } else { "New progress note" } }</h4>
            if *offer_draft {
                <div class="notice" role="group" aria-label="Unsaved draft">
                    <p>{ "An unsaved draft of this note was kept from earlier." }</p>
                    <button type="button" onclick={restore}>{ "Restore draft" }</button>
                    <button type="button" onclick={discard}>{ "Discard draft" }</button>
                </div>
            }
            <div class="row">
                <Field id="note-date" label="Session date" kind="date" value={date_v} on_input={date_cb} required=true error={err("Session date")} />
                <Select id="note-type" label="Session type" value={session_value} options={session_options} on_change={on_session} />
                <Field id="note-duration" label="Duration (minutes)" kind="number" min="1" max="600" value={dur_v} on_input={dur_cb} error={err("Duration (minutes)")} />
            </div>
            { area_text("note-review", "Diary card review", |f| &f.diary_card_review, |f, v| f.diary_card_review = v) }
            <fieldset>
                <legend>{ "Targets addressed (DBT target hierarchy)" }</legend>
                { for target_checks }
            </fieldset>
            { area_text("note-challenges", "Present challenges", |f| &f.challenges, |f, v| f.challenges = v) }
            { area_text("note-accomplishments", "Accomplishments", |f| &f.accomplishments, |f, v| f.accomplishments = v) }
            <details open={!form.chain.is_empty()}>
                <summary>{ "Behavioural chain analysis" }</summary>
                { area_text("chain-vulnerabilities", "Vulnerabilities", |f| &f.chain.vulnerabilities, |f, v| f.chain.vulnerabilities = v) }
                { area_text("chain-prompt", "Prompting event", |f| &f.chain.prompting_event, |f, v| f.chain.prompting_event = v) }
                { area_text("chain-links", "Links (thoughts, emotions, sensations, actions)", |f| &f.chain.links, |f, v| f.chain.links = v) }
                { area_text("chain-behaviour", "Problem behaviour", |f| &f.chain.problem_behavior, |f, v| f.chain.problem_behavior = v) }
                { area_text("chain-consequences", "Consequences", |f| &f.chain.consequences, |f, v| f.chain.consequences = v) }
                { area_text("chain-repair", "Solution analysis and repair", |f| &f.chain.repair, |f, v| f.chain.repair = v) }
            </details>
            <details>
                <summary>{ "Skills taught or practised" }</summary>
                { for skill_groups }
            </details>
            if !goal_checks.is_empty() {
                <fieldset>
                    <legend>{ "Goals worked on" }</legend>
                    { for goal_checks }
                </fieldset>
            }
            { area_text("note-homework", "Homework", |f| &f.homework, |f, v| f.homework = v) }
            { area_text("note-plan", "Plan for next session", |f| &f.plan, |f, v| f.plan = v) }
            { area_text("note-risk", "Risk notes", |f| &f.risk_notes, |f, v| f.risk_notes = v) }
            { area_text("note-text", "Session notes", |f| &f.notes, |f, v| f.notes = v) }
            <h5>{ "Growth indicators (0–10; leave empty if not assessed)" }</h5>
            <p class="hint">{ "For Emotional outbursts, Interpersonal conflict and Self-destructive behaviors, lower is better." }</p>
            { for SkillArea::ALL.iter().map(|a| area(*a)) }
            <Check id="note-shareable" label="Shareable with the client" checked={form.shareable} on_change={shareable} />
            <div class="actions">
                <button type="submit" class="primary">{ "Save note" }</button>
                <button type="button" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}

/// One growth indicator: its 0–10 rating (labelled exactly as in the UI contract) and an
/// optional comment.
fn indicator_field(i: Indicator, form: &NoteForm, edit: &Apply, error: Option<String>) -> Html {
    let id = format!("ind-{i:?}");
    let comment_id = format!("{id}-comment");
    let label_id = format!("{id}-label");
    let on_rating = {
        let apply = edit.clone();
        Callback::from(move |v: String| apply(Rc::new(move |f: &mut NoteForm| drop(f.ratings.insert(i, v.clone())))))
    };
    let on_comment = {
        let apply = edit.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            apply(Rc::new(move |f: &mut NoteForm| drop(f.comments.insert(i, v.clone()))))
        })
    };
    let hint = if i.lower_is_better() {
        Some(AttrValue::from("Lower is better."))
    } else {
        None
    };
    html! {
        <div class="indicator">
            <span id={label_id.clone()} hidden=true>{ i.label() }</span>
            <Field id={id.clone()} label={i.label()} kind="number" min="0" max="10"
                value={form.ratings.get(&i).cloned().unwrap_or_default()} on_input={on_rating} {error} {hint} />
            <div class="field comment">
                <label for={comment_id.clone()}>{ "Comment" }</label>
                <input id={comment_id} type="text" aria-describedby={label_id}
                    value={form.comments.get(&i).cloned().unwrap_or_default()} oninput={on_comment} />
            </div>
        </div>
    }
}

/// Store the form as the encrypted draft of `key`, reusing the draft's record id.
fn write_draft(ctx: &NotebookCtx, draft_id: &RefCell<Option<RecordId>>, key: &str, form: &NoteForm) {
    let id = *draft_id
        .borrow_mut()
        .get_or_insert_with(|| RecordId::from_bytes(platform::random()));
    let payload = serde_json::to_string(form).expect("the form is plain data");
    let draft = Draft {
        form: key.to_string(),
        payload,
        saved_ms: platform::now_ms() as i64,
    };
    ctx.commit(vec![(id, AnyRecord::Draft(draft))], vec![], String::new(), |_| ());
}
