//! Idle auto-lock: any keyboard, pointer or touch activity resets the clock; a periodic
//! check locks once the limit has passed. Wall-clock time is used (not timer counts) so a
//! laptop waking from sleep locks at once.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::platform;

/// How often the idle clock is checked.
const CHECK_EVERY_MS: u32 = 5_000;
const ACTIVITY: [&str; 5] = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"];

#[hook]
pub fn use_idle_lock(active: bool, minutes: u32, on_idle: Callback<()>) {
    use_effect_with((active, minutes), move |&(active, minutes)| {
        let mut guards: Option<(Vec<EventListener>, Interval)> = None;
        if active {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let last = Rc::new(Cell::new(platform::now_ms()));
                let listeners = ACTIVITY
                    .iter()
                    .map(|name| {
                        let last = last.clone();
                        EventListener::new(&document, *name, move |_| last.set(platform::now_ms()))
                    })
                    .collect();
                let limit_ms = f64::from(minutes) * 60_000.0;
                let interval = Interval::new(CHECK_EVERY_MS, move || {
                    if platform::now_ms() - last.get() >= limit_ms {
                        on_idle.emit(());
                    }
                });
                guards = Some((listeners, interval));
            }
        }
        move || drop(guards)
    });
}
