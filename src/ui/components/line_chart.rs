//! A time-series chart drawn as plain SVG: crisp at any size, themed by CSS (light, dark,
//! print), no charting library in the wasm. Numbers come from the domain; this only scales
//! and draws. The accessible name carries a summary; a table beside it holds the numbers.

use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const W: f64 = 640.0;
const H: f64 = 220.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 26.0;

/// How a series is drawn.
#[derive(Clone, Copy, PartialEq)]
pub enum Style {
    /// Points joined by a thin line.
    Points,
    /// A solid line (rolling mean).
    Line,
    /// A dashed line (trend).
    Dashed,
    /// A faint line (indicators on demand).
    Faint,
}

/// One series.
#[derive(Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Dated values.
    pub points: Vec<(NaiveDate, f64)>,
    /// Drawing style.
    pub style: Style,
    /// Colour slot 0–7 (CSS classes `c0`…`c7`).
    pub color: usize,
}

/// A dated marker on the time axis (goal dates, milestones).
#[derive(Clone, PartialEq)]
pub struct Marker {
    /// When.
    pub date: NaiveDate,
    /// What (shown as a tooltip and in the legend).
    pub label: String,
}

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// Accessible name: starts with what the chart shows, then a summary.
    pub name: String,
    pub series: Vec<Series>,
    pub y_max: f64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[prop_or_default]
    pub markers: Vec<Marker>,
}

fn month_ticks(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut ticks = Vec::new();
    let mut d = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    while d <= to {
        if d >= from {
            ticks.push(d);
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(to + chrono::Days::new(1));
    }
    // Keep at most about eight labels.
    let step = ticks.len().div_ceil(8).max(1);
    ticks.into_iter().step_by(step).collect()
}

#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let span = ((props.to - props.from).num_days().max(1)) as f64;
    let x = |d: NaiveDate| LEFT + (W - LEFT - RIGHT) * ((d - props.from).num_days() as f64 / span);
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v / props.y_max).clamp(0.0, 1.0));
    let path = |pts: &[(NaiveDate, f64)]| {
        pts.iter()
            .enumerate()
            .map(|(i, (d, v))| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, x(*d), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let y_ticks: Vec<f64> = if props.y_max <= 7.0 {
        (0..=props.y_max as i32).map(f64::from).collect()
    } else {
        vec![0.0, 2.5, 5.0, 7.5, 10.0]
    };
    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.name.clone()} preserveAspectRatio="xMidYMid meet">
                <g class="grid">
                    { for y_ticks.iter().map(|t| html! {
                        <>
                            <line x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={format!("{:.1}", y(*t))} y2={format!("{:.1}", y(*t))} />
                            <text x={(LEFT - 4.0).to_string()} y={format!("{:.1}", y(*t) + 3.5)} text-anchor="end">{ format!("{t}") }</text>
                        </>
                    }) }
                    { for month_ticks(props.from, props.to).into_iter().map(|d| html! {
                        <text x={format!("{:.1}", x(d))} y={(H - 8.0).to_string()} text-anchor="middle">{ format!("{} {:02}", MONTHS[d.month0() as usize], d.year() % 100) }</text>
                    }) }
                </g>
                { for props.markers.iter().map(|m| html! {
                    <g class="marker">
                        <line x1={format!("{:.1}", x(m.date))} x2={format!("{:.1}", x(m.date))} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
                        <title>{ format!("{}: {}", m.date, m.label) }</title>
                    </g>
                }) }
                { for props.series.iter().map(|s| {
                    let class = format!("series c{} {}", s.color % 8, match s.style { Style::Points => "points", Style::Line => "line", Style::Dashed => "dashed", Style::Faint => "faint" });
                    html! {
                        <g class={class}>
                            <path d={path(&s.points)} />
                            if s.style == Style::Points && s.points.len() <= 400 {
                                { for s.points.iter().map(|(d, v)| html! {
                                    <circle cx={format!("{:.1}", x(*d))} cy={format!("{:.1}", y(*v))} r="2.6"><title>{ format!("{d}: {v:.1}") }</title></circle>
                                }) }
                            }
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="legend">
                { for props.series.iter().map(|s| html! {
                    <span class={format!("key c{} {}", s.color % 8, if s.style == Style::Dashed { "dashed" } else { "" })}>{ s.label.clone() }</span>
                }) }
                if !props.markers.is_empty() { <span class="key marker-key">{ "Goal dates and milestones" }</span> }
            </figcaption>
        </figure>
    }
}
