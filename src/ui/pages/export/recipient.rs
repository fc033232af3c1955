//! Who can open the bundle (UI shell): anyone with a bundle passphrase, typed twice, or the
//! notebook whose public key is pasted.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::components::field::Field;

use super::fields::{edit, SectionProps};

#[function_component(RecipientFields)]
pub fn recipient_fields(props: &SectionProps) -> Html {
    let form = &props.form;
    let radio = |to_key: bool, label: &'static str| {
        let checked = form.to_key == to_key;
        let on_key = edit(props, |f, to_key: bool| f.to_key = to_key);
        let onchange = Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                on_key.emit(to_key);
            }
        });
        let id = if to_key {
            "recipient-key"
        } else {
            "recipient-passphrase"
        };
        html! {
            <div class="radio">
                <input type="radio" name="recipient" id={id} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    html! {
        <>
            <fieldset>
                <legend>{ "Who can open it" }</legend>
                { radio(false, "Anyone with a bundle passphrase") }
                { radio(true, "The notebook whose public key I paste") }
            </fieldset>
            if form.to_key {
                <Field id="recipient-public-key" label="Recipient public key" value={form.key.clone()}
                    on_input={edit(props, |f, v| f.key = v)}
                    hint="Starts with wmpk1. Check its fingerprint with the recipient (Settings → Your public key)." />
            } else {
                <Field id="bundle-passphrase" label="Bundle passphrase" kind="password" value={form.pass.clone()}
                    on_input={edit(props, |f, v| f.pass = v)} autocomplete="new-password"
                    hint="At least 12 characters. Tell it to the recipient another way than the file." />
                <Field id="confirm-bundle-passphrase" label="Confirm bundle passphrase" kind="password"
                    value={form.confirm.clone()} on_input={edit(props, |f, v| f.confirm = v)} autocomplete="new-password" />
            }
        </>
    }
}
