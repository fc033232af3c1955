//! Hooks for `make bench`: render UI pieces the way the app does and time them.

use chrono::NaiveDate;

use super::components::line_chart::{LineChart, LineChartProps, Series, Style};

/// Render a one-series chart of `points` into a fresh element and return the milliseconds
/// until its SVG is in the document. `now` is the clock (performance.now).
pub async fn render_chart(points: Vec<(NaiveDate, f64)>, now: fn() -> f64) -> f64 {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div can be created");
    document.body().expect("a body").append_child(&root).expect("append");
    let (from, to) = (
        points.first().map(|p| p.0).unwrap_or_default(),
        points.last().map(|p| p.0).unwrap_or_default(),
    );
    let props = LineChartProps {
        name: "Benchmark trend".into(),
        series: vec![Series {
            label: "Score".into(),
            points,
            style: Style::Points,
            color: 0,
        }],
        y_max: 10.0,
        from,
        to,
        markers: Vec::new(),
    };
    let t0 = now();
    let handle = yew::Renderer::<LineChart>::with_root_and_props(root.clone(), props).render();
    while root.query_selector("svg path").ok().flatten().is_none() {
        gloo::timers::future::sleep(std::time::Duration::from_millis(0)).await;
    }
    let elapsed = now() - t0;
    handle.destroy();
    root.remove();
    elapsed
}
