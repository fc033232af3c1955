//! Notebook-wide settings (one record per notebook) and the checks on values typed for them.

use serde::{Deserialize, Serialize};

use crate::domain::clinical::analytics::change::RciOverrides;

crate::vocabulary! {
    /// Who keeps the notebook: a clinician (many clients), or a client (their own diary cards
    /// and what the therapist shares).
    #[derive(Default)]
    pub enum NotebookKind {
        #[default]
        Clinician = "clinician", "Clinician";
        Personal = "personal", "Personal";
    }
}

/// Idle auto-lock bounds and default, in minutes.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 10;
/// Shortest accepted auto-lock delay.
pub const AUTO_LOCK_MIN_MINUTES: u32 = 1;
/// Longest accepted auto-lock delay (a working day's half).
pub const AUTO_LOCK_MAX_MINUTES: u32 = 240;

/// Notebook-wide settings, one record per notebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Clinician or personal.
    pub kind: NotebookKind,
    /// Idle minutes before the notebook locks itself.
    pub auto_lock_minutes: u32,
    /// The clinician's reliable-change parameters where they differ from the defaults.
    #[serde(default)]
    pub rci: RciOverrides,
    /// Remind to back up when the last full backup is older than this many days (0: never).
    #[serde(default = "default_backup_reminder")]
    pub backup_reminder_days: u32,
    /// When the last full backup bundle was saved.
    #[serde(default)]
    pub last_backup_ms: Option<i64>,
}

fn default_backup_reminder() -> u32 {
    BACKUP_REMINDER_DEFAULT_DAYS
}

/// Default backup reminder, in days.
pub const BACKUP_REMINDER_DEFAULT_DAYS: u32 = 7;
/// Longest backup reminder accepted, in days.
pub const BACKUP_REMINDER_MAX_DAYS: u32 = 365;

impl Default for Settings {
    fn default() -> Self {
        Self {
            kind: NotebookKind::default(),
            auto_lock_minutes: AUTO_LOCK_DEFAULT_MINUTES,
            rci: RciOverrides::new(),
            backup_reminder_days: BACKUP_REMINDER_DEFAULT_DAYS,
            last_backup_ms: None,
        }
    }
}

impl Settings {
    /// Check every value against the ranges the Settings page accepts: a restored backup
    /// must not bring what the page would refuse (an auto-lock of zero minutes, say).
    pub fn validate(&self) -> Result<(), String> {
        if !(AUTO_LOCK_MIN_MINUTES..=AUTO_LOCK_MAX_MINUTES).contains(&self.auto_lock_minutes) {
            return Err(format!(
                "its auto-lock is {} minutes, outside {AUTO_LOCK_MIN_MINUTES} to {AUTO_LOCK_MAX_MINUTES}",
                self.auto_lock_minutes
            ));
        }
        if self.backup_reminder_days > BACKUP_REMINDER_MAX_DAYS {
            return Err(format!(
                "its backup reminder is {} days, more than {BACKUP_REMINDER_MAX_DAYS}",
                self.backup_reminder_days
            ));
        }
        for (measure, params) in &self.rci {
            params
                .validate()
                .map_err(|e| format!("its reliable-change parameters for {measure} are out of range: {e}"))?;
        }
        Ok(())
    }

    /// Days since the last full backup when a reminder is due, `Some(None)` when there has
    /// never been one; `None` when no reminder is due.
    pub fn backup_due(&self, now_ms: i64) -> Option<Option<i64>> {
        if self.backup_reminder_days == 0 {
            return None;
        }
        match self.days_since_backup(now_ms) {
            None => Some(None),
            Some(days) => (days >= i64::from(self.backup_reminder_days)).then_some(Some(days)),
        }
    }

    /// Whole days since the last full backup, if there was one.
    pub fn days_since_backup(&self, now_ms: i64) -> Option<i64> {
        self.last_backup_ms.map(|last| (now_ms - last).max(0) / 86_400_000)
    }
}

/// Parse and check a backup-reminder value typed by the user.
pub fn parse_backup_reminder(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(d) if d <= BACKUP_REMINDER_MAX_DAYS => Ok(d),
        _ => Err(format!(
            "Enter a whole number of days from 0 (no reminder) to {BACKUP_REMINDER_MAX_DAYS}."
        )),
    }
}

/// Parse and check an auto-lock value typed by the user.
pub fn parse_auto_lock(text: &str) -> Result<u32, String> {
    let range = AUTO_LOCK_MIN_MINUTES..=AUTO_LOCK_MAX_MINUTES;
    match text.trim().parse::<u32>() {
        Ok(m) if range.contains(&m) => Ok(m),
        _ => Err(format!(
            "Enter a whole number of minutes from {AUTO_LOCK_MIN_MINUTES} to {AUTO_LOCK_MAX_MINUTES}."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::change::RciParams;

    #[test]
    fn settings_out_of_range_are_refused() {
        assert_eq!(Settings::default().validate(), Ok(()));
        let with = |f: fn(&mut Settings)| {
            let mut s = Settings::default();
            f(&mut s);
            s.validate()
        };
        assert!(with(|s| s.auto_lock_minutes = 0)
            .unwrap_err()
            .contains("auto-lock is 0 minutes"));
        assert!(with(|s| s.auto_lock_minutes = 241).is_err());
        assert_eq!(with(|s| s.auto_lock_minutes = 240), Ok(()));
        assert!(with(|s| s.backup_reminder_days = 366).is_err());
        assert_eq!(with(|s| s.backup_reminder_days = 365), Ok(()));
        let zero_sd = RciParams { sd: 0.0, r: 0.5 };
        assert!(with(|s| {
            s.rci.insert("area:mindfulness".into(), RciParams { sd: 0.0, r: 0.5 });
        })
        .unwrap_err()
        .contains("area:mindfulness"));
        assert!(zero_sd.validate().is_err());
    }

    #[test]
    fn auto_lock_accepts_only_the_documented_range() {
        assert_eq!(parse_auto_lock(" 10 "), Ok(10));
        assert_eq!(parse_auto_lock("1"), Ok(1));
        assert_eq!(parse_auto_lock("240"), Ok(240));
        assert!(parse_auto_lock("0").is_err());
        assert!(parse_auto_lock("241").is_err());
        assert!(parse_auto_lock("ten").is_err());
        assert!(parse_auto_lock("2.5").is_err());
    }

    #[test]
    fn the_backup_reminder_is_due_from_its_day_on_and_never_when_off() {
        const DAY: i64 = 86_400_000;
        let mut s = Settings::default();
        assert_eq!(s.backup_due(10 * DAY), Some(None), "never backed up");
        s.last_backup_ms = Some(DAY);
        assert_eq!(s.backup_due(7 * DAY + DAY - 1), None, "6 days and a bit");
        assert_eq!(s.backup_due(8 * DAY), Some(Some(7)));
        assert_eq!(
            s.days_since_backup(0),
            Some(0),
            "a clock behind the backup counts as today"
        );
        s.backup_reminder_days = 0;
        assert_eq!(s.backup_due(100 * DAY), None);
        assert_eq!(parse_backup_reminder(" 0 "), Ok(0));
        assert_eq!(parse_backup_reminder("365"), Ok(365));
        assert!(parse_backup_reminder("366").is_err() && parse_backup_reminder("-1").is_err());
    }
}
