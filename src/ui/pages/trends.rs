//! A client's Trends: skill-area charts with their tables, the effectiveness summary,
//! early warning signs beside the client's own plan, treatment suggestions, milestones,
//! diary-card charts and recurring patterns. Everything is computed on the device.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::base::order;
use crate::domain::clinical::analytics::change::{Measure, RciOverrides};
use crate::domain::clinical::analytics::milestones;
use crate::domain::clinical::analytics::patterns::{prompting_events, weekday_urges, WEEKDAYS};
use crate::domain::clinical::analytics::series::{area_points, card_points, indicator_points, CardMeasure, Range};
use crate::domain::clinical::analytics::stats::{least_squares, rolling_mean, DAYS_PER_MONTH};
use crate::domain::clinical::analytics::suggestions::{suggest, Suggestion};
use crate::domain::clinical::analytics::summary::{course, effectiveness, Course, Effectiveness};
use crate::domain::clinical::analytics::warnings::{self, Warning};
use crate::domain::clinical::analytics::Evidence;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::{format_score, ProgressNote};
use crate::domain::clinical::skills::{Indicator, SkillArea};
use crate::domain::clinical::validate::parse_ymd;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::field::Field;
use crate::ui::components::line_chart::{LineChart, Marker, Series, Style};
use crate::ui::components::select::Select;
use crate::ui::forms::ymd;

#[derive(Properties, PartialEq)]
pub struct TrendsProps {
    pub client: RecordId,
}

/// Everything the page shows, computed once per notebook change and range.
struct Insights {
    from: NaiveDate,
    to: NaiveDate,
    notes: Vec<ProgressNote>,
    cards: Vec<DiaryCard>,
    summary: Effectiveness,
    /// The same course for every indicator (raw ratings; direction applied to the class).
    indicators: Vec<(Indicator, Course)>,
    warnings: Vec<Warning>,
    suggestions: Vec<Suggestion>,
    milestones: Vec<milestones::Found>,
    markers: Vec<Marker>,
}

fn compute(
    notebook: &Notebook,
    client: &RecordId,
    range: Range,
    today: NaiveDate,
    baseline: Option<(NaiveDate, NaiveDate)>,
) -> Insights {
    let start = range.start(today);
    let all_notes: Vec<&ProgressNote> = notebook.notes_of(client).into_iter().map(|(_, n)| n).collect();
    let all_cards: Vec<&DiaryCard> = notebook.cards_of(client).into_iter().map(|(_, c)| c).collect();
    let goals: Vec<_> = notebook.goals_of(client).into_iter().map(|(_, g)| g).collect();
    let rci: &RciOverrides = &notebook
        .settings
        .as_ref()
        .map(|(_, s)| s.rci.clone())
        .unwrap_or_default();
    let in_range = |d: Option<NaiveDate>| d.is_some_and(|d| start.is_none_or(|s| d >= s) && d <= today);
    let notes: Vec<ProgressNote> = all_notes
        .iter()
        .filter(|n| in_range(n.date))
        .map(|n| (*n).clone())
        .collect();
    let cards: Vec<DiaryCard> = all_cards
        .iter()
        .filter(|c| in_range(c.date))
        .map(|c| (*c).clone())
        .collect();
    let first_data = notes
        .iter()
        .filter_map(|n| n.date)
        .chain(cards.iter().filter_map(|c| c.date))
        .min();
    let from = start.or(first_data).unwrap_or(today).min(today);
    let summary = effectiveness(&all_notes, &all_cards, rci, start, today, baseline);
    let dismissed = notebook.client(client).map(|c| c.dismissed.clone()).unwrap_or_default();
    let suggestions = suggest(&summary.areas)
        .into_iter()
        .filter(|s| !dismissed.contains(&s.id))
        .collect();
    let warnings = warnings::detect(&all_notes, &all_cards, rci, today)
        .into_iter()
        .filter(|w| w.active || start.is_none_or(|s| w.last >= s))
        .collect();
    let mut found = milestones::detect(&all_notes, &all_cards, &goals);
    for (_, m) in notebook.milestones_of(client) {
        if let Some(date) = m.date.filter(|_| m.goal.is_none()) {
            found.push(milestones::Found {
                date,
                text: m.text.clone(),
                evidence: vec![Evidence::new("Recorded by hand", date.to_string())],
            });
        }
    }
    found.retain(|m| start.is_none_or(|s| m.date >= s));
    order::sort_by_key(&mut found, |m| std::cmp::Reverse(m.date));
    let mut markers: Vec<Marker> = found
        .iter()
        .map(|m| Marker {
            date: m.date,
            label: m.text.clone(),
        })
        .collect();
    markers.extend(goals.iter().filter_map(|g| {
        Some(Marker {
            date: g.target_date?,
            label: format!("Target date: {}", g.title),
        })
    }));
    markers.retain(|m| m.date >= from && m.date <= today);
    let indicators = Indicator::ALL
        .iter()
        .map(|i| {
            (
                *i,
                course(indicator_points(&notes, *i), Measure::Indicator(*i), rci, baseline),
            )
        })
        .collect();
    Insights {
        from,
        to: today,
        notes,
        cards,
        summary,
        indicators,
        warnings,
        suggestions,
        milestones: found,
        markers,
    }
}

fn signed(v: Option<f64>) -> String {
    v.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "–".into())
}

fn chart_name(area: SkillArea, c: &Course) -> String {
    let mut parts = vec![format!("{} trend: {} session(s)", area.label(), c.points.len())];
    if let (Some(first), Some(last)) = (c.points.first(), c.points.last()) {
        parts.push(format!("from {} to {}", first.0, last.0));
    }
    if let Some(l) = c.levels {
        parts.push(format!("baseline {:.1}, current {:.1}", l.baseline, l.current));
    }
    if let Some(class) = c.class {
        parts.push(class.label().to_ascii_lowercase());
    }
    if let Some(s) = c.slope {
        parts.push(format!("slope {s:+.2} per month"));
    }
    parts.join("; ")
}

fn area_block(area: SkillArea, notes: &[ProgressNote], course: &Course, ins: &Insights, show_indicators: bool) -> Html {
    let points = area_points(notes, area);
    let mut series = vec![
        Series {
            label: "Score".into(),
            points: points.clone(),
            style: Style::Points,
            color: 0,
        },
        Series {
            label: "Rolling mean (3 sessions)".into(),
            points: rolling_mean(&points, 3),
            style: Style::Line,
            color: 1,
        },
    ];
    if let (Some((slope, intercept)), Some(first), Some(last)) = (least_squares(&points), points.first(), points.last())
    {
        let at = |d: NaiveDate| intercept + slope / DAYS_PER_MONTH * (d - first.0).num_days() as f64;
        series.push(Series {
            label: "Trend (least squares)".into(),
            points: vec![(first.0, at(first.0)), (last.0, at(last.0))],
            style: Style::Dashed,
            color: 2,
        });
    }
    if show_indicators {
        for (n, i) in area.indicators().enumerate() {
            let pts = indicator_points(notes, i);
            let label = if i.lower_is_better() {
                format!("{} (lower is better)", i.label())
            } else {
                i.label().to_string()
            };
            series.push(Series {
                label,
                points: pts,
                style: Style::Faint,
                color: 3 + n,
            });
        }
    }
    let mut rows: Vec<&ProgressNote> = notes.iter().filter(|n| n.area_score(area).is_some()).collect();
    order::sort_by_key(&mut rows, |n| n.date);
    html! {
        <section class="area-trend" aria-label={format!("{} trend", area.label())}>
            <h4>{ area.label() }</h4>
            <LineChart name={chart_name(area, course)} {series} y_max={10.0} from={ins.from} to={ins.to} markers={ins.markers.clone()} />
            <details>
                <summary>{ format!("Table: indicator history, {}", area.label().to_ascii_lowercase()) }</summary>
                <table class="data">
                    <caption>{ format!("Indicator history — {}", area.label()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Session date" }</th>
                        { for area.indicators().map(|i| html! { <th scope="col">{ if i.lower_is_better() { format!("{} ↓", i.label()) } else { i.label().to_string() } }</th> }) }
                        <th scope="col">{ "Score" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|n| html! { <tr>
                            <th scope="row">{ ymd(n.date) }</th>
                            { for area.indicators().map(|i| html! { <td>{ n.indicators.get(&i).map(|r| r.value.to_string()).unwrap_or_else(|| "–".into()) }</td> }) }
                            <td>{ format_score(n.area_score(area)) }</td>
                        </tr> }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}

/// Levels, slopes and reliable change of several measures, one row each.
fn course_table<'a>(caption: &str, first: &str, rows: impl Iterator<Item = (String, &'a Course)>) -> Html {
    html! {
        <table class="data">
            <caption>{ caption }</caption>
            <thead><tr>
                <th scope="col">{ first }</th><th scope="col">{ "Sessions" }</th><th scope="col">{ "Baseline" }</th>
                <th scope="col">{ "Current" }</th><th scope="col">{ "Change" }</th><th scope="col">{ "Slope / month" }</th>
                <th scope="col">{ "Robust slope / month" }</th><th scope="col">{ "RCI" }</th><th scope="col">{ "Reliable change" }</th>
            </tr></thead>
            <tbody>
                { for rows.map(|(label, c)| html! { <tr>
                    <th scope="row">{ label }</th>
                    <td>{ c.points.len() }</td>
                    <td>{ format_score(c.levels.map(|l| l.baseline)) }</td>
                    <td>{ format_score(c.levels.map(|l| l.current)) }</td>
                    <td>{ signed(c.levels.map(|l| l.current - l.baseline)) }</td>
                    <td>{ signed(c.slope) }</td>
                    <td>{ signed(c.robust_slope) }</td>
                    <td>{ signed(c.rci) }</td>
                    <td>{ c.class.map(|c| c.label()).unwrap_or("Too few sessions") }</td>
                </tr> }) }
            </tbody>
        </table>
    }
}

fn evidence_list(evidence: &[Evidence]) -> Html {
    html! {
        <dl class="evidence">
            { for evidence.iter().map(|e| html! { <div><dt>{ e.label.clone() }</dt><dd>{ e.value.clone() }</dd></div> }) }
        </dl>
    }
}

fn card_chart(name: &str, measures: &[CardMeasure], cards: &[DiaryCard], ins: &Insights, y_max: f64) -> Html {
    let series: Vec<Series> = measures
        .iter()
        .enumerate()
        .map(|(n, m)| Series {
            label: m.label().into(),
            points: card_points(cards, *m),
            style: Style::Line,
            color: n,
        })
        .collect();
    let counted = series.first().map_or(0, |s| s.points.len());
    let latest: Vec<String> = series
        .iter()
        .filter_map(|s| {
            s.points
                .last()
                .map(|p| format!("{} {:.0}", s.label.to_ascii_lowercase(), p.1))
        })
        .collect();
    let full = format!(
        "{name}: {counted} card(s); latest {}",
        if latest.is_empty() {
            "none".into()
        } else {
            latest.join(", ")
        }
    );
    html! { <LineChart name={full} {series} {y_max} from={ins.from} to={ins.to} markers={Vec::<Marker>::new()} /> }
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
        let baseline = match (parse_ymd(&baseline_from), parse_ymd(&baseline_to)) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        };
        use_memo(
            (ctx.notebook.clone(), *range, today, baseline),
            move |(nb, range, today, baseline)| Rc::new(compute(nb, &client, *range, *today, *baseline)),
        )
    };
    let ins: &Insights = &insights;
    let client = ctx.notebook.client(&props.client).cloned().unwrap_or_default();

    let range_options = Range::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| (i.to_string().into(), r.label().into()))
        .collect::<Vec<(AttrValue, AttrValue)>>();
    let range_value = Range::ALL.iter().position(|r| *r == *range).unwrap_or(2).to_string();
    let on_range = {
        let range = range.clone();
        Callback::from(move |v: String| {
            range.set(
                v.parse::<usize>()
                    .ok()
                    .and_then(|i| Range::ALL.get(i).copied())
                    .unwrap_or_default(),
            )
        })
    };
    let dismiss = |id: String| {
        let (ctx, client_id, client) = (ctx.clone(), props.client, client.clone());
        Callback::from(move |_| {
            let mut c = client.clone();
            c.dismissed.push(id.clone());
            c.updated_ms = platform::now_ms() as i64;
            ctx.commit(
                vec![(client_id, AnyRecord::Client(c))],
                vec![],
                "Suggestion dismissed.".into(),
                |_| (),
            );
        })
    };
    let s = &ins.summary;
    let goals = ctx.notebook.goals_of(&props.client);
    let heat = weekday_urges(&ins.cards.iter().collect::<Vec<_>>());
    let events = prompting_events(&ins.notes.iter().collect::<Vec<_>>(), 5);

    html! {
        <section class="card trends" aria-labelledby="trends-title">
            <h3 id="trends-title">{ "Trends" }</h3>
            <div class="row no-print">
                <Select id="trend-range" label="Range" value={range_value} options={range_options} on_change={on_range} />
                <Check id="show-indicators" label="Show indicators on the charts" checked={*show_indicators}
                    on_change={{ let s = show_indicators.clone(); Callback::from(move |v| s.set(v)) }} />
                <button type="button" onclick={Callback::from(|_| { let _ = gloo::utils::window().print(); })}>{ "Print progress report" }</button>
            </div>
            <p class="print-only">{ format!("Progress report — {} — {} to {}", client.name, ins.from, ins.to) }</p>
            <p class="hint">{ "Computed on this device from the notes and diary cards. These are observations to discuss, not diagnoses." }</p>

            <h4>{ "Effectiveness summary" }</h4>
            <details class="no-print">
                <summary>{ "Baseline: first three sessions, or a period you choose" }</summary>
                <div class="row">
                    <Field id="baseline-from" label="Baseline from" kind="date" value={(*baseline_from).clone()}
                        on_input={{ let s = baseline_from.clone(); Callback::from(move |v| s.set(v)) }} />
                    <Field id="baseline-to" label="Baseline to" kind="date" value={(*baseline_to).clone()}
                        on_input={{ let s = baseline_to.clone(); Callback::from(move |v| s.set(v)) }}
                        hint="Leave empty to use the first three sessions of the range." />
                </div>
            </details>
            { course_table(
                "Effectiveness summary by skill area",
                "Skill area",
                s.areas.iter().map(|(a, c)| (a.label().to_string(), c)),
            ) }
            <details>
                <summary>{ "Table: reliable change by indicator" }</summary>
                { course_table(
                    "Reliable change by indicator (↓ lower is better)",
                    "Indicator",
                    ins.indicators.iter().map(|(i, c)| {
                        (if i.lower_is_better() { format!("{} ↓", i.label()) } else { i.label().to_string() }, c)
                    }),
                ) }
            </details>
            <p>{ format!("Sessions attended in this period: {}. ", s.sessions) }
                { match s.cards { Some((n, d)) => format!("Diary cards: {n} of {d} days ({:.0} %).", 100.0 * n as f64 / d as f64), None => "No diary cards in this period.".into() } }</p>

            <h4>{ "Early warning signs" }</h4>
            <div class="warnings-grid">
                <div>
                    if ins.warnings.is_empty() { <p>{ "No warning rule has fired in this period." }</p> }
                    <ul class="warning-list" aria-label="Early warning signs">
                        { for ins.warnings.iter().map(|w| html! {
                            <li class={classes!("warning", w.active.then_some("active"))}>
                                <strong>{ if w.active { format!("Active: {}", w.rule.title()) } else { w.rule.title() } }</strong>
                                <span class="muted">{ if w.first == w.last { format!(" · {}", w.first) } else { format!(" · {} to {}", w.first, w.last) } }</span>
                                <p class="rule">{ format!("Rule: {}", w.rule.describe()) }</p>
                                { evidence_list(&w.evidence) }
                            </li>
                        }) }
                    </ul>
                </div>
                <aside aria-labelledby="plan-title" class="plan">
                    <h5 id="plan-title">{ "Client's early-warning-signs plan" }</h5>
                    if client.warning_plan.trim().is_empty() {
                        <p class="muted">{ "No plan written yet (add it with Edit client)." }</p>
                    } else {
                        <p class="plan-text">{ client.warning_plan.clone() }</p>
                    }
                </aside>
            </div>

            <h4>{ "Treatment suggestions" }</h4>
            if ins.suggestions.is_empty() { <p>{ "No suggestion rule applies to this period." }</p> }
            <ul class="suggestion-list" aria-label="Treatment suggestions">
                { for ins.suggestions.iter().map(|sug| html! {
                    <li>
                        <p><strong>{ sug.text.clone() }</strong></p>
                        <p class="rule">{ format!("Rule: {}", sug.rule) }</p>
                        { evidence_list(&sug.evidence) }
                        <button type="button" class="small no-print" onclick={dismiss(sug.id.clone())}
                            aria-label={format!("Dismiss suggestion: {}", sug.text)}>{ "Dismiss" }</button>
                    </li>
                }) }
            </ul>

            <h4>{ "Goals" }</h4>
            if goals.is_empty() { <p>{ "No goals recorded." }</p> }
            <ul class="report-goals" aria-label="Goals in this report">
                { for goals.iter().map(|(_, g)| html! { <li>{ format!(
                    "{} — {} · {}{}",
                    g.title,
                    g.area.map(|a| a.label()).unwrap_or("—"),
                    g.status.label(),
                    g.target_date.map(|d| format!(" · target {d}")).unwrap_or_default()
                ) }</li> }) }
            </ul>

            <h4>{ "Milestones reached" }</h4>
            if ins.milestones.is_empty() { <p>{ "No milestones in this period yet." }</p> }
            <ul class="milestones-reached" aria-label="Milestones reached">
                { for ins.milestones.iter().map(|m| html! { <li><span class="celebrate" aria-hidden="true">{ "★ " }</span>{ format!("{} — {}", m.date, m.text) }</li> }) }
            </ul>

            <h4>{ "Skill areas" }</h4>
            { for s.areas.iter().map(|(a, c)| area_block(*a, &ins.notes, c, ins, *show_indicators)) }

            <h4>{ "Diary cards" }</h4>
            if ins.cards.is_empty() {
                <p>{ "No diary cards in this period." }</p>
            } else {
                { card_chart("Urges trend", &CardMeasure::URGES, &ins.cards, ins, 5.0) }
                { card_chart("Emotions trend", &CardMeasure::EMOTIONS, &ins.cards, ins, 5.0) }
                { card_chart("Skills use trend", &[CardMeasure::SkillsUsed], &ins.cards, ins, 7.0) }
                <details>
                    <summary>{ "Table: diary card history" }</summary>
                    <table class="data">
                        <caption>{ "Diary card history" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Card date" }</th>
                            { for CardMeasure::URGES.iter().chain(CardMeasure::EMOTIONS.iter()).chain([CardMeasure::SkillsUsed].iter())
                                .map(|m| html! { <th scope="col">{ m.label() }</th> }) }
                            <th scope="col">{ "Acted on" }</th>
                        </tr></thead>
                        <tbody>
                            { for ins.cards.iter().rev().map(|c| html! { <tr>
                                <th scope="row">{ ymd(c.date) }</th>
                                { for CardMeasure::URGES.iter().chain(CardMeasure::EMOTIONS.iter()).chain([CardMeasure::SkillsUsed].iter())
                                    .map(|m| html! { <td>{ m.value(c).map(|v| v.to_string()).unwrap_or_else(|| "–".into()) }</td> }) }
                                <td>{ if c.any_acted() { "yes" } else { "no" } }</td>
                            </tr> }) }
                        </tbody>
                    </table>
                </details>
                <table class="data heat">
                    <caption>{ "Urges by weekday (mean, 0–5)" }</caption>
                    <thead><tr><th scope="col">{ "Urge" }</th>{ for WEEKDAYS.iter().map(|d| html! { <th scope="col">{ *d }</th> }) }</tr></thead>
                    <tbody>
                        { for heat.iter().map(|(m, row)| html! { <tr>
                            <th scope="row">{ m.label() }</th>
                            { for row.iter().map(|v| html! {
                                <td class={format!("heat-{}", v.map_or(0, |v| v.round() as usize))}>{ v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into()) }</td>
                            }) }
                        </tr> }) }
                    </tbody>
                </table>
            }
            <h4>{ "Most frequent prompting events (chain analyses)" }</h4>
            if events.is_empty() { <p>{ "No chain analyses with a prompting event in this period." }</p> }
            <ol class="events">
                { for events.iter().map(|(e, n)| html! { <li>{ format!("{e} — {n} time(s)") }</li> }) }
            </ol>
        </section>
    }
}
