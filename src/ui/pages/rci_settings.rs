//! Settings for reliable change: SD and r per skill area and indicator, with the documented
//! defaults shown and restorable.

use std::collections::BTreeMap;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::base::order;
use crate::domain::clinical::analytics::change::{overrides_from_typed as parse, params_for, Measure, RciOverrides};
use crate::domain::notebook::settings::Settings;

type Typed = BTreeMap<String, (String, String)>;

fn typed(overrides: &RciOverrides) -> Typed {
    order::map(Measure::all().into_iter().map(|m| {
        let p = params_for(m, overrides);
        (m.key(), (format!("{}", p.sd), format!("{}", p.r)))
    }))
}

#[function_component(RciSettings)]
pub fn rci_settings() -> Html {
    let ctx = use_notebook();
    let values = use_state(|| typed(&ctx.notebook.settings().rci));

    let save = {
        let (ctx, values) = (ctx.clone(), values.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse(&values) {
                Ok(rci) => {
                    values.set(typed(&rci));
                    ctx.save_settings(
                        Settings {
                            rci,
                            ..ctx.notebook.settings()
                        },
                        "Reliable-change parameters saved.".into(),
                    );
                }
                Err(text) => ctx.fail(format!("Nothing was saved. {text}")),
            }
        })
    };
    let cell = |key: String, sd: bool| {
        let values2 = values.clone();
        let k = key.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*values2).clone();
            let entry = next.entry(k.clone()).or_default();
            if sd {
                entry.0 = v;
            } else {
                entry.1 = v;
            }
            values2.set(next);
        });
        let (s, r) = values.get(&key).cloned().unwrap_or_default();
        let col = if sd { "rci-col-sd" } else { "rci-col-r" };
        html! {
            <td><input type="number" step="0.01" min="0" max={if sd { "10" } else { "0.99" }} value={if sd { s } else { r }}
                aria-labelledby={format!("{col} rci-row-{key}")} {oninput} /></td>
        }
    };
    let restore = {
        let values = values.clone();
        Callback::from(move |_| values.set(typed(&RciOverrides::new())))
    };

    html! {
        <form onsubmit={save} class="rci-settings">
            <h3>{ "Reliable change parameters" }</h3>
            <p class="hint">{ "The reliable change index (Jacobson & Truax, 1991) divides a change by √2 · SD · √(1 − r). \
                Defaults: SD 1.8 and r 0.85 for skill-area scores, SD 2.0 and r 0.80 for single indicators; \
                docs/analytics.md explains why. Use your service's own norms if you have them." }</p>
            <table class="data">
                <caption>{ "SD and test–retest reliability (r) per measure" }</caption>
                <thead><tr><th scope="col">{ "Measure" }</th><th scope="col" id="rci-col-sd">{ "SD" }</th><th scope="col" id="rci-col-r">{ "r" }</th></tr></thead>
                <tbody>
                    { for Measure::all().into_iter().map(|m| {
                        let key = m.key();
                        html! { <tr>
                            <th scope="row" id={format!("rci-row-{key}")}>{ m.label() }</th>
                            { cell(key.clone(), true) }
                            { cell(key, false) }
                        </tr> }
                    }) }
                </tbody>
            </table>
            <div class="actions">
                <button type="submit">{ "Save reliable-change parameters" }</button>
                <button type="button" onclick={restore}>{ "Restore defaults" }</button>
            </div>
        </form>
    }
}
