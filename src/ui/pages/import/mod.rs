//! Import bundle (UI shell): open the file with its bundle passphrase or this notebook's key,
//! preview what will be added, updated and left alone, then apply it in one transaction.

mod open;
mod preview;

use yew::prelude::*;

use crate::domain::exchange::preview::summary;
use crate::domain::notebook::state::Event;
use crate::platform;
use crate::ui::components::bundle_file::BundleFile;
use crate::ui::components::field::{setter, Field};
use crate::ui::hooks::use_notebook::use_notebook;

use super::panel::PanelProps;
use open::{open_bundle, plan_for, Opened};
use preview::ImportPreview;

#[function_component(ImportSection)]
pub fn import_section(props: &PanelProps) -> Html {
    let ctx = use_notebook();
    let open = props.on_open.clone();
    let file = use_state(|| None::<web_sys::File>);
    let pass = use_state(String::new);
    let opened = use_state(|| None::<Opened>);
    let new_name = use_state(String::new);
    {
        // Closing the panel (or opening Export) forgets the opened bundle.
        let (opened, file) = (opened.clone(), file.clone());
        use_effect_with(props.open, move |open| {
            if !*open {
                opened.set(None);
                file.set(None);
            }
        });
    }

    let onfile = {
        let (file, opened) = (file.clone(), opened.clone());
        Callback::from(move |f: Option<web_sys::File>| {
            file.set(f);
            opened.set(None);
        })
    };

    let preview = {
        let (ctx, file, pass, opened, new_name) = (
            ctx.clone(),
            file.clone(),
            pass.clone(),
            opened.clone(),
            new_name.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(f) = (*file).clone() else {
                return ctx.fail("Choose a bundle file (ending in .wisemind) first.");
            };
            let (ctx, pass, opened, new_name) = (ctx.clone(), pass.clone(), opened.clone(), new_name.clone());
            ctx.on_event.emit(Event::Working("Opening the bundle…".into()));
            platform::mark("wisemind:import-open");
            wasm_bindgen_futures::spawn_local(async move {
                let (bundle, suggested) = match open_bundle(&ctx, &f, &pass).await {
                    Ok(o) => o,
                    Err(text) => return ctx.fail(text),
                };
                if let Some(name) = suggested {
                    new_name.set(name);
                }
                platform::measure("wisemind:import-open", "wisemind:import-open");
                pass.set(String::new());
                opened.set(Some(bundle));
                ctx.on_event.emit(Event::Succeeded(
                    "Bundle opened. Check the preview, then confirm the import.".into(),
                ));
            });
        })
    };

    let choose_client = {
        let opened = opened.clone();
        Callback::from(move |value: String| {
            if let Some(o) = &*opened {
                opened.set(Some(o.choosing(&value)));
            }
        })
    };

    let confirm_key = {
        let opened = opened.clone();
        Callback::from(move |key: [u8; 32]| {
            if let Some(o) = &*opened {
                opened.set(Some(o.confirming(key)));
            }
        })
    };

    let confirm = {
        let (ctx, opened, new_name, open, file) = (
            ctx.clone(),
            opened.clone(),
            new_name.clone(),
            open.clone(),
            file.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(o) = (*opened).clone() else { return };
            platform::mark("wisemind:import-apply");
            // Planned again against the notebook as it is now, not as it was at preview.
            let plan = match plan_for(&ctx.notebook, &o, &new_name) {
                Ok(p) => p,
                Err(text) => return ctx.fail(format!("{text} Nothing was changed.")),
            };
            if plan.awaiting.is_some() {
                return ctx.fail("Confirm the sender's fingerprint first. Nothing was changed.");
            }
            let summary = summary(&plan);
            ctx.on_event.emit(Event::Working("Importing…".into()));
            let (opened, open, file) = (opened.clone(), open.clone(), file.clone());
            ctx.commit_import(plan.puts, summary, move |ok| {
                platform::measure("wisemind:import-apply", "wisemind:import-apply");
                if ok {
                    opened.set(None);
                    file.set(None);
                    open.emit(false);
                }
            });
        })
    };

    let cancel = {
        let (open, opened, file) = (open.clone(), opened.clone(), file.clone());
        Callback::from(move |_| {
            open.emit(false);
            opened.set(None);
            file.set(None);
        })
    };

    html! {
        <section aria-labelledby="import-title">
            <h3 id="import-title">{ "Import" }</h3>
            <p class="hint">{ "Records are matched one by one: new ones are added, a newer version replaces an older one, \
                and when both sides changed the same record both versions are kept for you to review. \
                Nothing is written until you confirm, and then everything is written at once or not at all." }</p>
            if props.open {
                <form onsubmit={preview}>
                    <BundleFile id="bundle-file" on_pick={onfile} />
                    <Field id="import-bundle-passphrase" label="Bundle passphrase" kind="password" value={(*pass).clone()}
                        on_input={setter(&pass)} autocomplete="off"
                        hint="Leave empty if the bundle was sealed to this notebook's public key." />
                    <div class="actions">
                        <button type="submit">{ "Preview import" }</button>
                        if opened.is_none() {
                            <button type="button" onclick={cancel.clone()}>{ "Cancel" }</button>
                        }
                    </div>
                </form>
                if let Some(o) = (*opened).clone() {
                    <ImportPreview opened={o} new_name={(*new_name).clone()} on_name={setter(&new_name)}
                        on_choose={choose_client} on_confirm_key={confirm_key} on_confirm={confirm} on_cancel={cancel} />
                }
            } else {
                <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.emit(true)) }}>{ "Import bundle" }</button>
            }
        </section>
    }
}
