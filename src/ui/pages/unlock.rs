//! The locked screen.

use yew::prelude::*;

use crate::ui::components::field::Field;

#[derive(Properties, PartialEq)]
pub struct UnlockProps {
    pub busy: bool,
    pub on_unlock: Callback<String>,
}

#[function_component(Unlock)]
pub fn unlock(props: &UnlockProps) -> Html {
    let pass = use_state(String::new);
    let onsubmit = {
        let (pass, on_unlock) = (pass.clone(), props.on_unlock.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_unlock.emit((*pass).clone());
            // The passphrase does not linger in the form after an attempt.
            pass.set(String::new());
        })
    };
    let on_input = {
        let pass = pass.clone();
        Callback::from(move |v: String| pass.set(v))
    };
    html! {
        <section class="card" aria-labelledby="unlock-title">
            <h2 id="unlock-title">{ "Unlock your notebook" }</h2>
            <form {onsubmit}>
                <Field id="unlock-passphrase" label="Passphrase" kind="password" value={(*pass).clone()}
                    {on_input} autocomplete="current-password" required=true disabled={props.busy} autofocus=true />
                <button type="submit" class="primary" disabled={props.busy}>{ "Unlock" }</button>
            </form>
        </section>
    }
}
