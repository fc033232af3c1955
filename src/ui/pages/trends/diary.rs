//! UI layer: the diary-card charts (urges, emotions, skills use), the card history as a
//! table, and urges by weekday. Series, rows and cells come from
//! `domain::clinical::analytics::trend`.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::Insights;
use crate::domain::clinical::analytics::patterns::WEEKDAYS;
use crate::domain::clinical::analytics::trend::{card_charts, diary_history, heat_cells, CardChart, DIARY_COLUMNS};
use crate::ui::components::line_chart::{LineChart, Marker, Series, Style};

#[derive(Properties, PartialEq)]
pub struct DiaryCardsProps {
    pub insights: Rc<Insights>,
}

/// One diary-card chart: a solid line per measure.
fn card_chart(chart: CardChart, ins: &Insights) -> Html {
    let series: Vec<Series> = chart
        .lines
        .into_iter()
        .enumerate()
        .map(|(n, l)| Series {
            label: l.label,
            points: l.points,
            style: Style::Line,
            color: n,
        })
        .collect();
    html! { <LineChart name={chart.name} {series} y_max={chart.y_max} from={ins.from} to={ins.to} markers={Vec::<Marker>::new()} /> }
}

#[function_component(DiaryCards)]
pub fn diary_cards(props: &DiaryCardsProps) -> Html {
    let ins = &props.insights;
    html! {
        <>
            <h4>{ "Diary cards" }</h4>
            if ins.cards.is_empty() {
                <p>{ "No diary cards in this period." }</p>
            } else {
                { for card_charts(&ins.cards).into_iter().map(|c| card_chart(c, ins)) }
                <details>
                    <summary>{ "Table: diary card history" }</summary>
                    <table class="data">
                        <caption>{ "Diary card history" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Card date" }</th>
                            { for DIARY_COLUMNS.iter().map(|m| html! { <th scope="col">{ m.label() }</th> }) }
                            <th scope="col">{ "Acted on" }</th>
                        </tr></thead>
                        <tbody>
                            { for diary_history(&ins.cards).into_iter().map(|r| html! { <tr>
                                <th scope="row">{ r.date }</th>
                                { for r.cells.into_iter().map(|c| html! { <td>{ c }</td> }) }
                            </tr> }) }
                        </tbody>
                    </table>
                </details>
                <table class="data heat">
                    <caption>{ "Urges by weekday (mean, 0–5)" }</caption>
                    <thead><tr><th scope="col">{ "Urge" }</th>{ for WEEKDAYS.iter().map(|d| html! { <th scope="col">{ *d }</th> }) }</tr></thead>
                    <tbody>
                        { for ins.weekdays.iter().map(|(m, row)| html! { <tr>
                            <th scope="row">{ m.label() }</th>
                            { for heat_cells(row).into_iter().map(|c| html! {
                                <td class={format!("heat-{}", c.level)}>{ c.text }</td>
                            }) }
                        </tr> }) }
                    </tbody>
                </table>
            }
        </>
    }
}
