//! Diary cards: one per day, with urges and actions, emotions, skills use and medication.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::base::order;
use crate::domain::clinical::analytics::milestones;
use crate::domain::clinical::diary::{
    Custom, DiaryCard, TargetEntry, INTENSITY_MAX, MAX_CUSTOM, SKILLS_USE_MAX, SKILLS_USE_SCALE,
};
use crate::domain::clinical::validate::FieldError;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::field::Field;
use crate::ui::components::text_area::TextArea;
use crate::ui::forms::{by_field, opt_date, opt_rating, summary, ymd, FieldErrors};

const URGES: [&str; 3] = ["Self-harm urge", "Suicide urge", "Substance use urge"];
const ACTED: [&str; 3] = ["Self-harm: acted on", "Suicide: acted on", "Substance use: acted on"];
const EMOTIONS: [&str; 5] = ["Sadness", "Anger", "Fear", "Shame", "Joy"];

/// The card form as typed: numbers as text keyed by their label.
#[derive(Clone, PartialEq, Default)]
struct CardForm {
    date: String,
    values: BTreeMap<&'static str, String>,
    acted: [bool; 3],
    medication: bool,
    notes: String,
    /// Custom targets: (name, urge as typed, acted on).
    custom_targets: Vec<(String, String, bool)>,
    /// Custom emotions: (name, level as typed).
    custom_emotions: Vec<(String, String)>,
}

impl CardForm {
    fn from_card(card: &DiaryCard) -> Self {
        let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
        let targets = [&card.self_harm, &card.suicide, &card.substance_use];
        let emotions = [card.sadness, card.anger, card.fear, card.shame, card.joy];
        let mut values: BTreeMap<&'static str, String> =
            order::map(URGES.iter().zip(targets).map(|(l, t)| (*l, opt(t.urge))));
        values.extend(EMOTIONS.iter().zip(emotions).map(|(l, v)| (*l, opt(v))));
        values.insert("Skills used", opt(card.skills_used));
        Self {
            date: ymd(card.date),
            values,
            acted: [card.self_harm.acted, card.suicide.acted, card.substance_use.acted],
            medication: card.medication_taken.unwrap_or(false),
            notes: card.notes.clone(),
            custom_targets: card
                .custom_targets
                .iter()
                .map(|t| (t.name.clone(), opt(t.entry.urge), t.entry.acted))
                .collect(),
            custom_emotions: card
                .custom_emotions
                .iter()
                .map(|e| (e.name.clone(), opt(e.entry)))
                .collect(),
        }
    }

    /// A new card keeps the client's own targets and emotions from their latest card, as a
    /// paper diary card does, with nothing rated yet.
    fn new_card(latest: Option<&DiaryCard>) -> Self {
        let mut form = Self::from_card(&DiaryCard {
            date: Some(platform::today()),
            ..DiaryCard::default()
        });
        if let Some(card) = latest {
            form.custom_targets = card
                .custom_targets
                .iter()
                .map(|t| (t.name.clone(), String::new(), false))
                .collect();
            form.custom_emotions = card
                .custom_emotions
                .iter()
                .map(|e| (e.name.clone(), String::new()))
                .collect();
        }
        form
    }

    fn to_card(&self, base: &DiaryCard) -> Result<DiaryCard, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut get = |label: &'static str, max: u8| {
            opt_rating(label, self.values.get(label).map(String::as_str).unwrap_or(""), max).unwrap_or_else(|e| {
                errors.push(e);
                None
            })
        };
        let urges: Vec<Option<u8>> = URGES.iter().map(|l| get(l, INTENSITY_MAX)).collect();
        let emotions: Vec<Option<u8>> = EMOTIONS.iter().map(|l| get(l, INTENSITY_MAX)).collect();
        let skills_used = get("Skills used", SKILLS_USE_MAX);
        let mut custom_targets = Vec::new();
        for (name, urge, acted) in self.custom_targets.iter().filter(|t| !t.0.trim().is_empty()) {
            let urge = opt_rating("Custom target urge", urge, INTENSITY_MAX).unwrap_or_else(|e| {
                errors.push(e);
                None
            });
            custom_targets.push(Custom {
                name: name.trim().to_string(),
                entry: TargetEntry { urge, acted: *acted },
            });
        }
        let mut custom_emotions = Vec::new();
        for (name, level) in self.custom_emotions.iter().filter(|e| !e.0.trim().is_empty()) {
            let level = opt_rating("Custom emotion", level, INTENSITY_MAX).unwrap_or_else(|e| {
                errors.push(e);
                None
            });
            custom_emotions.push(Custom {
                name: name.trim().to_string(),
                entry: level,
            });
        }
        let date = opt_date("Card date", &self.date).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let entry = |i: usize| TargetEntry {
            urge: urges[i],
            acted: self.acted[i],
        };
        let card = DiaryCard {
            date,
            self_harm: entry(0),
            suicide: entry(1),
            substance_use: entry(2),
            sadness: emotions[0],
            anger: emotions[1],
            fear: emotions[2],
            shame: emotions[3],
            joy: emotions[4],
            skills_used,
            custom_targets,
            custom_emotions,
            medication_taken: Some(self.medication),
            notes: self.notes.trim().to_string(),
            updated_ms: platform::now_ms() as i64,
            ..base.clone()
        };
        if errors.is_empty() {
            card.validate(platform::today())?;
        }
        if errors.is_empty() {
            Ok(card)
        } else {
            Err(errors)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct DiaryProps {
    pub client: RecordId,
}

#[function_component(DiarySection)]
pub fn diary_section(props: &DiaryProps) -> Html {
    let ctx = use_notebook();
    // None: list only; Some(None): a new card; Some(Some(id)): editing that card.
    let editing = use_state(|| None::<Option<RecordId>>);
    let form = use_state(CardForm::default);
    let errors = use_state(FieldErrors::new);
    let client = props.client;

    let open = |id: Option<RecordId>| {
        let (editing, form, errors, notebook) = (editing.clone(), form.clone(), errors.clone(), ctx.notebook.clone());
        Callback::from(move |_: ()| {
            let next = match id.and_then(|i| notebook.cards.get(&i)) {
                Some(card) => CardForm::from_card(card),
                None => CardForm::new_card(notebook.cards_of(&client).first().map(|(_, c)| *c)),
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
            let card = match form.to_card(&base) {
                Ok(c) => c,
                Err(problems) => {
                    let map = by_field(problems);
                    ctx.fail(summary(&map));
                    return errors.set(map);
                }
            };
            let date = card.date.expect("validated cards have a date");
            if let Some(other) = ctx.notebook.card_on(&client, date).filter(|other| Some(*other) != id) {
                let _ = other;
                let mut map = FieldErrors::new();
                map.insert(
                    "Card date",
                    format!(
                        "A card for {} already exists: open it from the list to change it.",
                        ymd(Some(date))
                    ),
                );
                ctx.fail(summary(&map));
                return errors.set(map);
            }
            errors.set(FieldErrors::new());
            let record_id = id.unwrap_or_else(|| RecordId::from_bytes(platform::random()));
            let editing = editing.clone();
            // Celebrate a streak the new card completes.
            let before: Vec<&DiaryCard> = ctx.notebook.cards_of(&client).into_iter().map(|(_, c)| c).collect();
            let after: Vec<&DiaryCard> = ctx
                .notebook
                .cards_of(&client)
                .into_iter()
                .filter(|(i, _)| *i != record_id)
                .map(|(_, c)| c)
                .chain(std::iter::once(&card))
                .collect();
            let reached: Vec<String> = milestones::newly_reached(&before, &after)
                .into_iter()
                .map(|m| m.text)
                .collect();
            let mut text = format!("Saved the diary card of {}.", ymd(Some(date)));
            if !reached.is_empty() {
                text.push_str(&format!(" Milestone reached: {}. Well done!", reached.join("; ")));
            }
            ctx.commit(vec![(record_id, AnyRecord::DiaryCard(card))], vec![], text, move |ok| {
                if ok {
                    editing.set(None)
                }
            });
        })
    };
    let value_field = |label: &'static str, max: u8, hint: Option<AttrValue>| {
        let form2 = form.clone();
        let on_input = Callback::from(move |v: String| {
            let mut next = (*form2).clone();
            next.values.insert(label, v);
            form2.set(next);
        });
        html! {
            <Field id={format!("card-{}", label.to_ascii_lowercase().replace(' ', "-"))} {label} kind="number" min="0" max={max.to_string()}
                value={form.values.get(label).cloned().unwrap_or_default()} {on_input} error={errors.get(label).cloned()} {hint} />
        }
    };
    let acted = |i: usize| {
        let form2 = form.clone();
        let on_change = Callback::from(move |on: bool| {
            let mut next = (*form2).clone();
            next.acted[i] = on;
            form2.set(next);
        });
        html! { <Check id={format!("card-acted-{i}")} label={ACTED[i]} checked={form.acted[i]} {on_change} /> }
    };
    let cards = ctx.notebook.cards_of(&client);

    html! {
        <section class="card" aria-labelledby="cards-title">
            <h3 id="cards-title">{ "Diary cards" }</h3>
            if let Some(id) = *editing {
                <form class="card-form" {onsubmit} novalidate=true aria-label={if id.is_some() { "Edit diary card" } else { "New diary card" }}>
                    <Field id="card-date" label="Card date" kind="date" value={form.date.clone()} required=true
                        on_input={{ let f = form.clone(); Callback::from(move |v| { let mut n = (*f).clone(); n.date = v; f.set(n); }) }}
                        error={errors.get("Card date").cloned()} />
                    <fieldset><legend>{ "Urges (0–5) and actions" }</legend>
                        { for (0..3).map(|i| html! { <div class="row">{ value_field(URGES[i], INTENSITY_MAX, None) }{ acted(i) }</div> }) }
                    </fieldset>
                    <fieldset><legend>{ "Emotions (0–5)" }</legend>
                        <div class="row">{ for EMOTIONS.iter().map(|l| value_field(l, INTENSITY_MAX, None)) }</div>
                    </fieldset>
                    <fieldset><legend>{ format!("Your own targets (up to {MAX_CUSTOM})") }</legend>
                        { for (0..form.custom_targets.len()).map(|i| custom_target_row(&form, i)) }
                        if form.custom_targets.len() < MAX_CUSTOM {
                            <button type="button" class="small" onclick={{ let f = form.clone(); Callback::from(move |_| {
                                let mut n = (*f).clone(); n.custom_targets.push(Default::default()); f.set(n);
                            }) }}>{ "Add target" }</button>
                        }
                    </fieldset>
                    <fieldset><legend>{ format!("Your own emotions (up to {MAX_CUSTOM})") }</legend>
                        { for (0..form.custom_emotions.len()).map(|i| custom_emotion_row(&form, i)) }
                        if form.custom_emotions.len() < MAX_CUSTOM {
                            <button type="button" class="small" onclick={{ let f = form.clone(); Callback::from(move |_| {
                                let mut n = (*f).clone(); n.custom_emotions.push(Default::default()); f.set(n);
                            }) }}>{ "Add emotion" }</button>
                        }
                    </fieldset>
                    { value_field("Skills used", SKILLS_USE_MAX, Some(SKILLS_USE_SCALE.join("; ").into())) }
                    <Check id="card-medication" label="Medication taken as prescribed" checked={form.medication}
                        on_change={{ let f = form.clone(); Callback::from(move |on| { let mut n = (*f).clone(); n.medication = on; f.set(n); }) }} />
                    <TextArea id="card-notes" label="Card notes" value={form.notes.clone()}
                        on_input={{ let f = form.clone(); Callback::from(move |v| { let mut n = (*f).clone(); n.notes = v; f.set(n); }) }} />
                    <div class="actions">
                        <button type="submit" class="primary">{ "Save diary card" }</button>
                        <button type="button" onclick={{ let e = editing.clone(); Callback::from(move |_| e.set(None)) }}>{ "Cancel" }</button>
                    </div>
                </form>
            } else {
                <button type="button" onclick={open(None).reform(|_: MouseEvent| ())}>{ "New diary card" }</button>
            }
            if cards.is_empty() { <p class="empty">{ "No diary cards yet." }</p> }
            <ul role="list" aria-label="Diary cards" class="card-list">
                { for cards.iter().map(|(id, c)| html! {
                    <li>
                        <a href="#" onclick={{ let o = open(Some(*id)); Callback::from(move |e: MouseEvent| { e.prevent_default(); o.emit(()); }) }}>{ ymd(c.date) }</a>
                        <span class="muted">{ format!(
                            " · highest urge {} · skills {}{}",
                            c.max_urge().map(|u| u.to_string()).unwrap_or_else(|| "–".into()),
                            c.skills_used.map(|u| u.to_string()).unwrap_or_else(|| "–".into()),
                            if c.any_acted() { " · target behaviour acted on" } else { "" }
                        ) }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// Update the form with `change` (used by the custom rows).
fn update(form: &UseStateHandle<CardForm>, change: impl Fn(&mut CardForm, String) + 'static) -> Callback<String> {
    let form = form.clone();
    Callback::from(move |v: String| {
        let mut next = (*form).clone();
        change(&mut next, v);
        form.set(next);
    })
}

fn custom_target_row(form: &UseStateHandle<CardForm>, i: usize) -> Html {
    let (name, urge, acted) = form.custom_targets[i].clone();
    let n = i + 1;
    let on_acted = {
        let form = form.clone();
        Callback::from(move |on: bool| {
            let mut next = (*form).clone();
            next.custom_targets[i].2 = on;
            form.set(next);
        })
    };
    html! {
        <div class="row">
            <Field id={format!("custom-target-{n}")} label={format!("Target {n}")} value={name} on_input={update(form, move |f, v| f.custom_targets[i].0 = v)} />
            <Field id={format!("custom-target-{n}-urge")} label={format!("Target {n} urge")} kind="number" min="0" max="5" value={urge}
                on_input={update(form, move |f, v| f.custom_targets[i].1 = v)} />
            <Check id={format!("custom-target-{n}-acted")} label={format!("Target {n}: acted on")} checked={acted} on_change={on_acted} />
        </div>
    }
}

fn custom_emotion_row(form: &UseStateHandle<CardForm>, i: usize) -> Html {
    let (name, level) = form.custom_emotions[i].clone();
    let n = i + 1;
    html! {
        <div class="row">
            <Field id={format!("custom-emotion-{n}")} label={format!("Emotion {n}")} value={name} on_input={update(form, move |f, v| f.custom_emotions[i].0 = v)} />
            <Field id={format!("custom-emotion-{n}-level")} label={format!("Emotion {n} level")} kind="number" min="0" max="5" value={level}
                on_input={update(form, move |f, v| f.custom_emotions[i].1 = v)} />
        </div>
    }
}
