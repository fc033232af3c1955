//! UI layer: a client's Trends page — skill-area charts with their tables, the effectiveness
//! summary, early warning signs beside the client's own plan, treatment suggestions, goals,
//! milestones, diary-card charts and recurring patterns. Every number and sentence comes
//! from `domain::clinical::analytics` (`insights`, `trend`, `report`); this page holds the
//! range, the baseline and the indicator toggle, and lays the sections out in order.

mod areas;
mod attention;
mod diary;
mod effectiveness;
mod lists;
mod warnings;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::domain::clinical::analytics::attention::DEFAULT_URGE_FLAG_AT;
use crate::domain::clinical::analytics::insights::{
    baseline_period, dismiss_suggestion, insights, parse_baseline, range_from_key, range_key, ClientRecords, Insights,
};
use crate::domain::clinical::analytics::report::{goal_line, report_title};
use crate::domain::clinical::analytics::series::Range;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::NotebookKind;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::select::Select;
use crate::ui::forms::ymd;
use crate::ui::hooks::use_notebook::use_notebook;

use areas::SkillAreas;
use attention::Attention;
use diary::DiaryCards;
use effectiveness::EffectivenessSummary;
use lists::{GoalsReport, MilestonesReached, PromptingEvents};
use warnings::{Suggestions, WarningSigns};

#[derive(Properties, PartialEq)]
pub struct TrendsProps {
    pub client: RecordId,
}

/// Gather the client's records from the notebook and compute the page.
fn compute(
    notebook: &Notebook,
    client: &RecordId,
    range: Range,
    today: NaiveDate,
    baseline: Option<(NaiveDate, NaiveDate)>,
) -> Insights {
    let notes: Vec<_> = notebook.notes_of(client).into_iter().map(|(_, n)| n).collect();
    let cards: Vec<_> = notebook.cards_of(client).into_iter().map(|(_, c)| c).collect();
    let goals: Vec<_> = notebook.goals_of(client).into_iter().map(|(_, g)| g).collect();
    let milestones: Vec<_> = notebook.milestones_of(client).into_iter().map(|(_, m)| m).collect();
    let settings = notebook.settings();
    let rci = settings.rci;
    let records = ClientRecords {
        notes: &notes,
        cards: &cards,
        goals: &goals,
        milestones: &milestones,
        dismissed: notebook
            .client(client)
            .map(|c| c.dismissed.as_slice())
            .unwrap_or_default(),
        rci: &rci,
        urge_at: notebook
            .client(client)
            .and_then(|c| c.urge_flag_at)
            .unwrap_or(DEFAULT_URGE_FLAG_AT),
        sessions: settings.kind == NotebookKind::Clinician,
    };
    insights(&records, range, today, baseline)
}

#[function_component(Trends)]
pub fn trends(props: &TrendsProps) -> Html {
    let ctx = use_notebook();
    let range = use_state(Range::default);
    // The baseline kept on the client, if any; typing another shows its effect at once.
    let kept = ctx
        .notebook
        .client(&props.client)
        .map(|c| (c.baseline_from, c.baseline_to));
    let baseline_from = use_state(|| ymd(kept.and_then(|k| k.0)));
    let baseline_to = use_state(|| ymd(kept.and_then(|k| k.1)));
    let show_indicators = use_state(bool::default);
    let today = platform::today();
    let insights = {
        let client = props.client;
        let baseline = baseline_period(&baseline_from, &baseline_to);
        use_memo(
            (ctx.notebook.clone(), *range, today, baseline),
            move |(nb, range, today, baseline)| compute(nb, &client, *range, *today, *baseline),
        )
    };
    let client = ctx.notebook.client(&props.client).cloned().unwrap_or_default();
    let personal = client.is_self;

    let range_options = Range::ALL
        .iter()
        .map(|r| (range_key(*r).into(), r.label().into()))
        .collect::<Vec<(AttrValue, AttrValue)>>();
    let on_range = {
        let range = range.clone();
        Callback::from(move |v: String| range.set(range_from_key(&v)))
    };
    let on_dismiss = {
        let (ctx, client_id, client) = (ctx.clone(), props.client, client.clone());
        Callback::from(move |id: String| {
            let c = dismiss_suggestion(&client, &id, platform::now_ms() as i64);
            ctx.commit(
                vec![(client_id, AnyRecord::Client(c))],
                vec![],
                "Suggestion dismissed.".into(),
                |_| (),
            );
        })
    };
    let on_keep_baseline = {
        let (ctx, client_id, client) = (ctx.clone(), props.client, client.clone());
        let (from, to) = (baseline_from.clone(), baseline_to.clone());
        Callback::from(move |_| {
            let period = match parse_baseline(&from, &to) {
                Ok(p) => p,
                Err(text) => return ctx.fail(text),
            };
            let mut c = client.clone();
            (c.baseline_from, c.baseline_to) = (period.map(|p| p.0), period.map(|p| p.1));
            c.updated_ms = platform::now_ms() as i64;
            let text = match period {
                Some((a, b)) => format!("Baseline kept for this client: {a} to {b}."),
                None => "Baseline: the first three sessions of treatment.".into(),
            };
            ctx.commit(vec![(client_id, AnyRecord::Client(c))], vec![], text, |_| ());
        })
    };
    let setter = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v| s.set(v))
    };
    let goals: Vec<String> = ctx
        .notebook
        .goals_of(&props.client)
        .iter()
        .map(|(_, g)| goal_line(g))
        .collect();

    html! {
        <section class="card trends" aria-labelledby="trends-title">
            <h3 id="trends-title">{ "Trends" }</h3>
            <div class="row no-print">
                <Select id="trend-range" label="Range" value={range_key(*range)} options={range_options} on_change={on_range} />
                <Check id="show-indicators" label="Show indicators on the charts" checked={*show_indicators}
                    on_change={{ let s = show_indicators.clone(); Callback::from(move |v| s.set(v)) }} />
                <button type="button" onclick={Callback::from(|_| { let _ = gloo::utils::window().print(); })}>{ "Print progress report" }</button>
            </div>
            <p class="print-only">{ report_title(&client.name, insights.from, insights.to) }</p>
            <p class="hint">{ "Computed on this device from the notes and diary cards. These are observations to discuss, not diagnoses." }</p>
            <EffectivenessSummary insights={insights.clone()}
                baseline_from={(*baseline_from).clone()} on_baseline_from={setter(&baseline_from)}
                baseline_to={(*baseline_to).clone()} on_baseline_to={setter(&baseline_to)} {on_keep_baseline} />
            <Attention insights={insights.clone()} {personal} />
            <WarningSigns insights={insights.clone()} plan={client.warning_plan.clone()} />
            // Treatment suggestions are for the clinician: a client's own notebook shows none.
            if !personal {
                <Suggestions insights={insights.clone()} {on_dismiss} />
            }
            <GoalsReport lines={goals} />
            <MilestonesReached insights={insights.clone()} />
            <SkillAreas insights={insights.clone()} show_indicators={*show_indicators} />
            <DiaryCards insights={insights.clone()} />
            <PromptingEvents {insights} />
        </section>
    }
}
