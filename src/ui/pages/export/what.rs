//! What to export (UI shell): the kind of bundle, the client it is about when it is about
//! one, and the date range of everything but a backup.

use yew::prelude::*;

use crate::domain::exchange::export_form::what_options;
use crate::domain::notebook::settings::NotebookKind;
use crate::ui::components::field::Field;
use crate::ui::components::select::{client_options, Select};
use crate::ui::hooks::use_notebook::use_notebook;

use super::fields::{edit, SectionProps};

#[function_component(WhatFields)]
pub fn what_fields(props: &SectionProps) -> Html {
    let ctx = use_notebook();
    let form = &props.form;
    let personal = ctx.notebook.settings().kind == NotebookKind::Personal;
    let options: Vec<(AttrValue, AttrValue)> = what_options(personal)
        .into_iter()
        .map(|(v, l)| (v.into(), l.into()))
        .collect();
    html! {
        <>
            <Select id="export-what" label="What to export" value={form.what.clone()} {options}
                on_change={edit(props, |f, v| f.what = v)} />
            if form.needs_client() {
                <Select id="export-client" label="Client" value={form.client.clone()}
                    options={client_options(&ctx.notebook, ("", "Choose a client"))} on_change={edit(props, |f, v| f.client = v)} />
            }
            if form.ranged() {
                <div class="row">
                    <Field id="export-from" label="From" kind="date" value={form.from.clone()}
                        on_input={edit(props, |f, v| f.from = v)} hint="Leave empty for everything." />
                    <Field id="export-to" label="To" kind="date" value={form.to.clone()}
                        on_input={edit(props, |f, v| f.to = v)} />
                </div>
            }
        </>
    }
}
