//! UI layer: one chart per skill area (scores, rolling mean, trend line and, on demand, the
//! indicators) with the same data as a table. The series come from
//! `domain::clinical::analytics::trend`; this only picks styles and colours.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::{Insights, Mark};
use crate::domain::clinical::analytics::summary::Course;
use crate::domain::clinical::analytics::trend::{area_chart, area_history, indicator_heading, AreaChart, Line};
use crate::domain::clinical::skills::{SkillArea, INDICATOR_MAX};
use crate::ui::components::line_chart::{LineChart, Marker, Series, Style};

/// A domain line drawn in `style` with colour slot `color`.
fn drawn(line: Line, style: Style, color: usize) -> Series {
    Series {
        label: line.label,
        points: line.points,
        style,
        color,
    }
}

/// Scores as points, the rolling mean as a line, the trend dashed, indicators faint.
fn series(chart: AreaChart) -> Vec<Series> {
    let mut series = vec![
        drawn(chart.score, Style::Points, 0),
        drawn(chart.rolling, Style::Line, 1),
    ];
    series.extend(chart.trend.map(|t| drawn(t, Style::Dashed, 2)));
    series.extend(
        chart
            .indicators
            .into_iter()
            .enumerate()
            .map(|(n, l)| drawn(l, Style::Faint, 3 + n)),
    );
    series
}

/// The dated marks of the insights, as chart markers.
fn markers(marks: &[Mark]) -> Vec<Marker> {
    marks
        .iter()
        .map(|m| Marker {
            date: m.date,
            label: m.label.clone(),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct SkillAreasProps {
    pub insights: Rc<Insights>,
    /// Draw each area's indicators too.
    pub show_indicators: bool,
}

#[function_component(SkillAreas)]
pub fn skill_areas(props: &SkillAreasProps) -> Html {
    html! {
        <>
            <h4>{ "Skill areas" }</h4>
            { for props.insights.summary.areas.iter().map(|(area, course)| html! {
                <AreaTrend insights={props.insights.clone()} area={*area} course={course.clone()}
                    show_indicators={props.show_indicators} />
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct AreaTrendProps {
    pub insights: Rc<Insights>,
    pub area: SkillArea,
    /// The area's course over the range (names the chart).
    pub course: Course,
    pub show_indicators: bool,
}

#[function_component(AreaTrend)]
pub fn area_trend(props: &AreaTrendProps) -> Html {
    let (ins, area) = (&props.insights, props.area);
    let chart = area_chart(area, &ins.notes, &props.course, props.show_indicators);
    let name = chart.name.clone();
    let rows = area_history(&ins.notes, area);
    html! {
        <section class="area-trend" aria-label={format!("{} trend", area.label())}>
            <h4>{ area.label() }</h4>
            <LineChart {name} series={series(chart)} y_max={f64::from(INDICATOR_MAX)} from={ins.from} to={ins.to}
                markers={markers(&ins.marks)} />
            <details>
                <summary>{ format!("Table: indicator history, {}", area.label().to_ascii_lowercase()) }</summary>
                <table class="data">
                    <caption>{ format!("Indicator history — {}", area.label()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Session date" }</th>
                        { for area.indicators().map(|i| html! { <th scope="col">{ indicator_heading(i) }</th> }) }
                        <th scope="col">{ "Score" }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! { <tr>
                            <th scope="row">{ r.date.clone() }</th>
                            { for r.cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }
                        </tr> }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
