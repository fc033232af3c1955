//! Collaborative goals and milestones of a client.

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::clinical::goal::{Goal, GoalStatus, Milestone, ProposedBy};
use crate::domain::clinical::skills::SkillArea;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::field::{setter, Field};
use crate::ui::components::select::Select;
use crate::ui::forms::{by_field, opt_date, summary, ymd, FieldErrors};

#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    pub client: RecordId,
}

fn options<T: Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
    none: Option<&'static str>,
) -> Vec<(AttrValue, AttrValue)> {
    none.map(|n| (AttrValue::from(""), AttrValue::from(n)))
        .into_iter()
        .chain(
            all.iter()
                .enumerate()
                .map(|(i, t)| (i.to_string().into(), label(*t).into())),
        )
        .collect()
}

fn pick<T: Copy>(all: &[T], raw: &str) -> Option<T> {
    raw.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

#[function_component(GoalsSection)]
pub fn goals_section(props: &GoalsProps) -> Html {
    let ctx = use_notebook();
    let adding = use_state(bool::default);
    let title = use_state(String::new);
    let area = use_state(String::new);
    let by = use_state(|| "2".to_string());
    let target = use_state(String::new);
    let errors = use_state(FieldErrors::new);
    let adding_milestone = use_state(bool::default);
    let m_text = use_state(String::new);
    let m_date = use_state(|| ymd(Some(platform::today())));
    let client = props.client;

    let save_goal = {
        let ctx = ctx.clone();
        let (title, area, by, target, errors, adding) = (
            title.clone(),
            area.clone(),
            by.clone(),
            target.clone(),
            errors.clone(),
            adding.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut problems = Vec::new();
            let target_date = opt_date("Target date", &target).unwrap_or_else(|e| {
                problems.push(e);
                None
            });
            let goal = Goal {
                client: Some(client),
                title: title.trim().to_string(),
                area: SkillArea::from_name(&area),
                proposed_by: pick(&ProposedBy::ALL, &by).unwrap_or_default(),
                target_date,
                updated_ms: platform::now_ms() as i64,
                ..Goal::default()
            };
            if let Err(more) = goal.validate(platform::today()) {
                problems.extend(more);
            }
            if !problems.is_empty() {
                let map = by_field(problems);
                ctx.fail(summary(&map));
                return errors.set(map);
            }
            errors.set(FieldErrors::new());
            let text = format!("Saved goal “{}”.", goal.title);
            let (title, target, adding) = (title.clone(), target.clone(), adding.clone());
            ctx.commit(
                vec![(RecordId::from_bytes(platform::random()), AnyRecord::Goal(goal))],
                vec![],
                text,
                move |ok| {
                    if ok {
                        title.set(String::new());
                        target.set(String::new());
                        adding.set(false);
                    }
                },
            );
        })
    };
    let set_status = |id: RecordId, goal: Goal| {
        let ctx = ctx.clone();
        Callback::from(move |raw: String| {
            let Some(status) = pick(&GoalStatus::ALL, &raw) else {
                return;
            };
            let mut goal = goal.clone();
            goal.updated_ms = platform::now_ms() as i64;
            let mut puts = Vec::new();
            let milestone = goal.set_status(status, id, platform::today());
            let text = match &milestone {
                Some(_) => format!("Goal achieved: {}. A milestone was recorded.", goal.title),
                None => format!("Goal “{}” is now {}.", goal.title, status.label().to_ascii_lowercase()),
            };
            puts.push((id, AnyRecord::Goal(goal)));
            if let Some(mut m) = milestone {
                m.updated_ms = platform::now_ms() as i64;
                puts.push((RecordId::from_bytes(platform::random()), AnyRecord::Milestone(m)));
            }
            ctx.commit(puts, vec![], text, |_| ());
        })
    };
    let save_milestone = {
        let ctx = ctx.clone();
        let (m_text, m_date, adding_milestone, errors) =
            (m_text.clone(), m_date.clone(), adding_milestone.clone(), errors.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let date = match opt_date("Milestone date", &m_date) {
                Ok(d) => d,
                Err(e) => return ctx.fail(e.message),
            };
            let milestone = Milestone {
                client: Some(client),
                date,
                text: m_text.trim().to_string(),
                goal: None,
                updated_ms: platform::now_ms() as i64,
            };
            if let Err(problems) = milestone.validate(platform::today()) {
                let map = by_field(problems);
                ctx.fail(summary(&map));
                return errors.set(map);
            }
            let (m_text, adding_milestone) = (m_text.clone(), adding_milestone.clone());
            ctx.commit(
                vec![(
                    RecordId::from_bytes(platform::random()),
                    AnyRecord::Milestone(milestone),
                )],
                vec![],
                "Milestone saved.".into(),
                move |ok| {
                    if ok {
                        m_text.set(String::new());
                        adding_milestone.set(false);
                    }
                },
            );
        })
    };
    let flag = |s: &UseStateHandle<bool>, v: bool| {
        let s = s.clone();
        Callback::from(move |_| s.set(v))
    };
    let area_options: Vec<(AttrValue, AttrValue)> = std::iter::once(("".into(), "Choose…".into()))
        .chain(SkillArea::ALL.iter().map(|a| (a.name().into(), a.label().into())))
        .collect();
    let goals = ctx.notebook.goals_of(&client);
    let milestones = ctx.notebook.milestones_of(&client);
    let err = |f: &str| errors.get(f).cloned();

    html! {
        <section class="card" aria-labelledby="goals-title">
            <h3 id="goals-title">{ "Goals" }</h3>
            if *adding {
                <form onsubmit={save_goal} class="inline-form" novalidate=true>
                    <Field id="goal-title" label="Goal title" value={(*title).clone()} on_input={setter(&title)} required=true error={err("Goal title")} />
                    <Select id="goal-area" label="Skill area" value={(*area).clone()} options={area_options} on_change={setter(&area)} error={err("Skill area")} />
                    <Select id="goal-by" label="Proposed by" value={(*by).clone()} options={options(&ProposedBy::ALL, ProposedBy::label, None)} on_change={setter(&by)} />
                    <Field id="goal-target" label="Target date" kind="date" value={(*target).clone()} on_input={setter(&target)} error={err("Target date")} />
                    <button type="submit" class="primary">{ "Save goal" }</button>
                    <button type="button" onclick={flag(&adding, false)}>{ "Cancel" }</button>
                </form>
            } else {
                <button type="button" onclick={flag(&adding, true)}>{ "New goal" }</button>
            }
            if goals.is_empty() { <p class="empty">{ "No goals yet." }</p> }
            <ul role="list" aria-label="Goals" class="goal-list">
                { for goals.iter().map(|(id, g)| {
                    let status_value = GoalStatus::ALL.iter().position(|s| *s == g.status).unwrap_or(0).to_string();
                    html! {
                        <li>
                            <strong>{ g.title.clone() }</strong>
                            <span class="muted">{ format!(
                                " · {} · proposed by {}{}",
                                g.area.map(|a| a.label()).unwrap_or("No area"),
                                g.proposed_by.label().to_ascii_lowercase(),
                                g.target_date.map(|d| format!(" · target {}", ymd(Some(d)))).unwrap_or_default()
                            ) }</span>
                            if let Some(d) = g.achieved_on { <span class="tag">{ format!(" · achieved {}", ymd(Some(d))) }</span> }
                            if !g.linked_notes.is_empty() {
                                <span class="tag">{ format!(" · worked on in {} session(s)", g.linked_notes.len()) }</span>
                            }
                            <Select id={format!("goal-status-{id}")} label={format!("Status of {}", g.title)} value={status_value}
                                options={options(&GoalStatus::ALL, GoalStatus::label, None)} on_change={set_status(*id, (*g).clone())} />
                        </li>
                    }
                }) }
            </ul>
            <h3>{ "Milestones" }</h3>
            if *adding_milestone {
                <form onsubmit={save_milestone} class="inline-form" novalidate=true>
                    <Field id="milestone-text" label="Milestone" value={(*m_text).clone()} on_input={setter(&m_text)}
                        hint="For example: first month without self-harm." error={err("Milestone")} />
                    <Field id="milestone-date" label="Milestone date" kind="date" value={(*m_date).clone()} on_input={setter(&m_date)} error={err("Milestone date")} />
                    <button type="submit" class="primary">{ "Save milestone" }</button>
                    <button type="button" onclick={flag(&adding_milestone, false)}>{ "Cancel" }</button>
                </form>
            } else {
                <button type="button" onclick={flag(&adding_milestone, true)}>{ "Add milestone" }</button>
            }
            <ul role="list" aria-label="Milestones" class="milestone-list">
                { for milestones.iter().map(|(_, m)| html! { <li>{ format!("{} — {}", ymd(m.date), m.text) }</li> }) }
            </ul>
        </section>
    }
}
