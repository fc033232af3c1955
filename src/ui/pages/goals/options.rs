//! Select options for the goals page (UI shell): a vocabulary's values valued by their place
//! in its `ALL` list (read back with the domain's [`pick`](crate::domain::clinical::goal_form::pick)).

use yew::prelude::*;

/// `all` as options valued by their place, labelled with `label`.
pub fn options<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(AttrValue, AttrValue)> {
    all.iter()
        .enumerate()
        .map(|(i, t)| (i.to_string().into(), label(*t).into()))
        .collect()
}
