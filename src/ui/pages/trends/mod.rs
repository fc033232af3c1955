//! UI layer: a client's Trends page — skill-area charts with their tables, the effectiveness
//! summary, early warning signs beside the client's own plan, treatment suggestions, goals,
//! milestones, diary-card charts and recurring patterns. Every number and sentence comes
//! from `domain::clinical::analytics` (`insights`, `trend`, `report`); this page holds the
//! range, the baseline and the indicator toggle, and lays the sections out in order.

mod areas;
mod diary;
mod effectiveness;
mod lists;
mod warnings;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::domain::clinical::analytics::insights::{
    baseline_period, dismiss_suggestion, insights, range_from_key, range_key, ClientRecords, Insights,
};
use crate::domain::clinical::analytics::report::{goal_line, report_title};
use crate::domain::clinical::analytics::series::Range;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::select::Select;
use crate::ui::hooks::use_notebook::use_notebook;

use areas::SkillAreas;
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
    let rci = notebook.settings().rci;
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
    };
    insights(&records, range, today, baseline)
}

#[function_component(Trends)]
pub fn trends(props: &TrendsProps) -> Html {
    let ctx = use_notebook();
    let range = use_state(Range::default);
    let baseline_from = use_state(String::new);
    let baseline_to = use_state(String::new);
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
                baseline_to={(*baseline_to).clone()} on_baseline_to={setter(&baseline_to)} />
            <WarningSigns insights={insights.clone()} plan={client.warning_plan.clone()} />
            <Suggestions insights={insights.clone()} {on_dismiss} />
            <GoalsReport lines={goals} />
            <MilestonesReached insights={insights.clone()} />
            <SkillAreas insights={insights.clone()} show_indicators={*show_indicators} />
            <DiaryCards insights={insights.clone()} />
            <PromptingEvents {insights} />
        </section>
    }
}
