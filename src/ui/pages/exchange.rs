//! Exchange: backups, bundles to and from the other side, records to review, plain export.

use chrono::DateTime;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::notebook::settings::{parse_backup_reminder, Settings, BACKUP_REMINDER_MAX_DAYS};
use crate::ui::components::field::{setter, Field};

use super::export::ExportSection;
use super::import::ImportSection;
use super::plain_export::PlainExport;
use super::review::ReviewSection;

/// "Last full backup: …" in words.
pub fn last_backup_text(settings: &Settings, now_ms: i64) -> String {
    match (settings.last_backup_ms, settings.days_since_backup(now_ms)) {
        (Some(ms), Some(days)) => {
            let date = DateTime::from_timestamp_millis(ms)
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default();
            match days {
                0 => format!("Last full backup: today ({date})."),
                1 => format!("Last full backup: yesterday ({date})."),
                d => format!("Last full backup: {d} days ago ({date})."),
            }
        }
        _ => "No full backup of this notebook has been made yet.".into(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Panel {
    None,
    Export,
    Import,
}

#[function_component(ExchangePage)]
pub fn exchange_page() -> Html {
    let ctx = use_notebook();
    let settings = ctx.notebook.settings();
    let days = use_state(|| settings.backup_reminder_days.to_string());
    let panel = use_state(|| Panel::None);
    let toggle = |which: Panel| {
        let panel = panel.clone();
        Callback::from(move |open: bool| panel.set(if open { which } else { Panel::None }))
    };
    let save_reminder = {
        let (ctx, days) = (ctx.clone(), days.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_backup_reminder(&days) {
                Ok(d) => ctx.save_settings(
                    Settings {
                        backup_reminder_days: d,
                        ..ctx.notebook.settings()
                    },
                    if d == 0 {
                        "Backup reminders turned off.".into()
                    } else {
                        format!("You will be reminded to back up after {d} days.")
                    },
                ),
                Err(text) => ctx.fail(text),
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="exchange-title">
            <h2 id="exchange-title">{ "Exchange and backup" }</h2>
            <p>{ last_backup_text(&settings, crate::platform::now_ms() as i64) }</p>
            <form onsubmit={save_reminder} class="inline-form">
                <Field id="backup-reminder" label="Remind me to back up after (days)" kind="number" value={(*days).clone()}
                    on_input={setter(&days)} min="0" max={BACKUP_REMINDER_MAX_DAYS.to_string()}
                    hint="0 turns the reminder off. A backup is the only way back if this browser loses its data." />
                <button type="submit">{ "Save reminder" }</button>
            </form>
            <ExportSection open={*panel == Panel::Export} on_open={toggle(Panel::Export)} />
            <ImportSection open={*panel == Panel::Import} on_open={toggle(Panel::Import)} />
            <ReviewSection />
            <PlainExport />
        </section>
    }
}
