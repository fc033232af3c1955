//! What the sections of the export form share (UI shell): their props and the edit a
//! control makes.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::exchange::export_form::ExportForm;

/// A section of the export form: the form as it is now, and where its edits go.
#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub form: Rc<ExportForm>,
    /// Receives the whole form with one edit applied.
    pub on_edit: Callback<ExportForm>,
}

/// The callback that applies `apply` to (a copy of) the form and hands the result on.
pub fn edit<T: 'static>(props: &SectionProps, apply: fn(&mut ExportForm, T)) -> Callback<T> {
    let (form, on_edit) = (props.form.clone(), props.on_edit.clone());
    Callback::from(move |v: T| {
        let mut next = (*form).clone();
        apply(&mut next, v);
        on_edit.emit(next);
    })
}
