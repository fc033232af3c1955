//! Export bundle (UI shell): choose what (backup, one client, a share for the client, diary
//! cards), the date range, and who can open it (a bundle passphrase or a pasted public key).
//! The form is the domain's [`ExportForm`]; the sections render it and hand on edits.

mod fields;
mod recipient;
mod run;
mod what;

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::exchange::export_form::ExportForm;
use crate::domain::notebook::settings::NotebookKind;
use crate::ui::hooks::use_notebook::use_notebook;
use crate::ui::pages::panel::PanelProps;

use recipient::RecipientFields;
use run::export_bundle;
use what::WhatFields;

#[function_component(ExportSection)]
pub fn export_section(props: &PanelProps) -> Html {
    let ctx = use_notebook();
    let personal = ctx.notebook.settings().kind == NotebookKind::Personal;
    let open = props.on_open.clone();
    let form = use_state(|| ExportForm::new(personal));
    let on_edit = {
        let form = form.clone();
        Callback::from(move |next: ExportForm| form.set(next))
    };

    let onsubmit = {
        let (ctx, form, open, on_edit) = (ctx.clone(), form.clone(), open.clone(), on_edit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let own = ctx.notebook.key_pair.as_ref().map(|(_, k)| k);
            match form.read(ctx.open.session.kdf(), own) {
                Ok(choice) => export_bundle(ctx.clone(), choice, (*form).clone(), on_edit.clone(), open.clone()),
                Err(text) => ctx.fail(text),
            }
        })
    };
    let shown = Rc::new((*form).clone());

    html! {
        <section aria-labelledby="export-title">
            <h3 id="export-title">{ "Export" }</h3>
            <p class="hint">{ "A bundle is an encrypted file: safe to email or carry on a USB stick. \
                Nobody can read or alter it unnoticed without its bundle passphrase or the recipient's key." }</p>
            if props.open {
                <form {onsubmit}>
                    <WhatFields form={shown.clone()} on_edit={on_edit.clone()} />
                    <RecipientFields form={shown} {on_edit} />
                    <div class="actions">
                        <button type="submit" class="primary">{ "Download bundle" }</button>
                        <button type="button" onclick={open.reform(|_| false)}>{ "Cancel" }</button>
                    </div>
                </form>
            } else {
                <button type="button" onclick={open.reform(|_| true)}>{ "Export bundle" }</button>
            }
        </section>
    }
}
