//! UI layer: the effectiveness summary — the baseline period, the course of each skill area
//! and of each indicator, sessions attended, diary-card completion and skills use by
//! category. Baselines are the start of treatment (or the chosen period), not of the range.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::Insights;
use crate::domain::clinical::analytics::report::{
    cards_text, course_cells, sessions_text, skills_use_rows, CLINICAL_SIGNIFICANCE,
};
use crate::domain::clinical::analytics::trend::indicator_heading;
use crate::ui::components::field::Field;

#[derive(Properties, PartialEq)]
pub struct EffectivenessSummaryProps {
    pub insights: Rc<Insights>,
    /// The baseline period as typed.
    pub baseline_from: AttrValue,
    pub baseline_to: AttrValue,
    pub on_baseline_from: Callback<String>,
    pub on_baseline_to: Callback<String>,
    /// Keep the typed period on the client, for every later visit.
    pub on_keep_baseline: Callback<()>,
}

#[function_component(EffectivenessSummary)]
pub fn effectiveness_summary(props: &EffectivenessSummaryProps) -> Html {
    let s = &props.insights.summary;
    let areas: Vec<CourseRow> = s
        .areas
        .iter()
        .map(|(a, c)| (a.label().to_string(), course_cells(c)))
        .collect();
    let indicators: Vec<CourseRow> = props
        .insights
        .indicators
        .iter()
        .map(|(i, c)| (indicator_heading(*i), course_cells(c)))
        .collect();
    html! {
        <>
            <h4>{ "Effectiveness summary" }</h4>
            <details class="no-print">
                <summary>{ "Baseline: first three sessions of treatment, or a period you choose" }</summary>
                <div class="row">
                    <Field id="baseline-from" label="Baseline from" kind="date" value={props.baseline_from.clone()}
                        on_input={props.on_baseline_from.clone()} />
                    <Field id="baseline-to" label="Baseline to" kind="date" value={props.baseline_to.clone()}
                        on_input={props.on_baseline_to.clone()}
                        hint="Leave empty to use the first three sessions of treatment (whatever the range)." />
                </div>
                <button type="button" onclick={props.on_keep_baseline.reform(|_| ())}>{ "Keep this baseline for the client" }</button>
            </details>
            <CourseTable caption="Effectiveness summary by skill area" first="Skill area" rows={areas} />
            <details>
                <summary>{ "Table: reliable change by indicator" }</summary>
                <CourseTable caption="Reliable change by indicator (↓ lower is better)" first="Indicator" rows={indicators} />
            </details>
            <p>{ CLINICAL_SIGNIFICANCE }</p>
            <p>{ sessions_text(s) }{ cards_text(s) }</p>
            <table class="data">
                <caption>{ "Skills use on diary cards" }</caption>
                <thead><tr><th scope="col">{ "Skills use" }</th><th scope="col">{ "Days" }</th></tr></thead>
                <tbody>
                    { for skills_use_rows(s).into_iter().map(|(words, days)| html! { <tr>
                        <th scope="row">{ words }</th><td>{ days }</td>
                    </tr> }) }
                </tbody>
            </table>
        </>
    }
}

/// A measure's name and its cells.
type CourseRow = (String, [String; 8]);

#[derive(Properties, PartialEq)]
pub struct CourseTableProps {
    pub caption: AttrValue,
    /// Heading of the first column (what each row measures).
    pub first: AttrValue,
    pub rows: Vec<CourseRow>,
}

/// Levels, slopes and reliable change of several measures, one row each.
#[function_component(CourseTable)]
pub fn course_table(props: &CourseTableProps) -> Html {
    html! {
        <table class="data">
            <caption>{ props.caption.clone() }</caption>
            <thead><tr>
                <th scope="col">{ props.first.clone() }</th><th scope="col">{ "Sessions" }</th><th scope="col">{ "Baseline" }</th>
                <th scope="col">{ "Current" }</th><th scope="col">{ "Change" }</th><th scope="col">{ "Slope / month" }</th>
                <th scope="col">{ "Robust slope / month" }</th><th scope="col">{ "RCI" }</th><th scope="col">{ "Reliable change" }</th>
            </tr></thead>
            <tbody>
                { for props.rows.iter().map(|(label, cells)| html! { <tr>
                    <th scope="row">{ label.clone() }</th>
                    { for cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }
                </tr> }) }
            </tbody>
        </table>
    }
}
