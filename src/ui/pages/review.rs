//! Records to review: where both sides changed a record since they last exchanged it, ours
//! was kept and theirs waits here. The user keeps ours or takes theirs; nothing is silent.

use serde_json::Value;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::exchange::merge;
use crate::domain::exchange::records::Conflict;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record;
use crate::domain::vault::ids::RecordId;

/// What the record is, in words: its date, title or text (from `theirs`, the conflict's
/// incoming version, already parsed).
fn describe(nb: &Notebook, conflict: &Conflict, theirs: &Value) -> String {
    let label = record::label(theirs);
    let client = conflict
        .record
        .and_then(|id| nb.record(&id))
        .and_then(|mut r| r.client_mut().and_then(|c| *c))
        .and_then(|c| nb.client(&c))
        .map(|c| format!(" — {}", c.name))
        .unwrap_or_default();
    format!("{} {label}{client}", conflict.kind.replace('_', " "))
}

fn ours_json(nb: &Notebook, conflict: &Conflict) -> Value {
    conflict
        .record
        .and_then(|id| nb.record(&id).map(|r| r.to_bundled(id).json()))
        .unwrap_or(Value::Null)
}

#[function_component(ReviewSection)]
pub fn review_section() -> Html {
    let ctx = use_notebook();
    if ctx.notebook.conflicts.is_empty() {
        return html! {};
    }
    let keep_ours = |id: RecordId| {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            ctx.commit(
                vec![],
                vec![id],
                "Kept your version; theirs was discarded.".into(),
                |_| (),
            )
        })
    };
    let take_theirs = |id: RecordId, conflict: Conflict| {
        let ctx = ctx.clone();
        Callback::from(move |_| match merge::take_theirs(id, &conflict) {
            Ok((puts, deletes)) => ctx.commit(puts, deletes, "Their version now replaces yours.".into(), |_| ()),
            Err(text) => ctx.fail(text),
        })
    };
    html! {
        <section aria-labelledby="review-title">
            <h3 id="review-title">{ format!("Records to review ({})", ctx.notebook.conflicts.len()) }</h3>
            <p class="hint">{ "Both you and the other side changed these records since your last exchange. \
                Your version is in use; compare and choose." }</p>
            <ul class="conflicts" aria-label="Records to review">
                { for ctx.notebook.conflicts.iter().map(|(id, c)| {
                    let theirs: Value = serde_json::from_slice(c.theirs.as_bytes()).unwrap_or(Value::Null);
                    let rows = merge::differences(&ours_json(&ctx.notebook, c), &theirs);
                    let title = describe(&ctx.notebook, c, &theirs);
                    html! {
                        <li>
                            <table class="data conflict">
                                <caption>{ title }</caption>
                                <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Yours" }</th><th scope="col">{ "Theirs" }</th></tr></thead>
                                <tbody>
                                    { for rows.into_iter().map(|(field, ours, theirs)| html! {
                                        <tr><th scope="row">{ field.replace('_', " ") }</th><td>{ ours }</td><td>{ theirs }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                            <div class="actions">
                                <button type="button" onclick={keep_ours(*id)}>{ "Keep yours" }</button>
                                <button type="button" onclick={take_theirs(*id, c.clone())}>{ "Use theirs" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
