//! Which screen the app shows and what it is telling the user, as a pure reducer. The Yew
//! shell holds the keys and the decrypted notebook beside this state and only dispatches.

/// The screens of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Opening the database.
    Starting,
    /// No notebook in this browser yet: create one.
    FirstRun,
    /// A notebook exists and is locked.
    Locked,
    /// The notebook is open.
    Unlocked,
    /// Storage cannot be used at all (private mode, blocked, damaged header…).
    Unavailable,
}

/// A message shown to the user: alerts are errors (`role="alert"`), statuses are progress
/// and success (`role="status"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Something failed; nothing was changed unless the text says so.
    Alert(String),
    /// Progress or success.
    Status(String),
}

/// What the user sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// Current screen.
    pub screen: Screen,
    /// The message, if any.
    pub message: Option<Message>,
    /// A long operation (key derivation, saving) is under way: forms are disabled.
    pub busy: bool,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            screen: Screen::Starting,
            message: None,
            busy: false,
        }
    }
}

/// Things that happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The database opened; whether a notebook header exists.
    StorageReady {
        /// A header was found.
        has_notebook: bool,
    },
    /// The database could not be used.
    StorageFailed(String),
    /// Long work started, with a progress text.
    Working(String),
    /// The notebook was created and is open.
    Created,
    /// The notebook was unlocked.
    Unlocked,
    /// An operation failed; the screen stays where it was.
    Failed(String),
    /// An operation succeeded; the screen stays where it was.
    Succeeded(String),
    /// The user pressed `Lock`.
    Locked,
    /// The idle timer fired.
    AutoLocked,
    /// The user dismissed the message, or started typing again.
    ClearMessage,
}

/// The one place screens change.
pub fn reduce(state: &ViewState, event: Event) -> ViewState {
    let screen = state.screen.clone();
    match event {
        Event::StorageReady { has_notebook } => ViewState {
            screen: if has_notebook { Screen::Locked } else { Screen::FirstRun },
            message: None,
            busy: false,
        },
        Event::StorageFailed(text) => ViewState {
            screen: Screen::Unavailable,
            message: Some(Message::Alert(text)),
            busy: false,
        },
        Event::Working(text) => ViewState {
            screen,
            message: Some(Message::Status(text)),
            busy: true,
        },
        Event::Created => ViewState {
            screen: Screen::Unlocked,
            message: Some(Message::Status(
                "Notebook created. It is encrypted on this device.".into(),
            )),
            busy: false,
        },
        Event::Unlocked => ViewState {
            screen: Screen::Unlocked,
            message: None,
            busy: false,
        },
        Event::Failed(text) => ViewState {
            screen,
            message: Some(Message::Alert(text)),
            busy: false,
        },
        Event::Succeeded(text) => ViewState {
            screen,
            message: Some(Message::Status(text)),
            busy: false,
        },
        Event::Locked | Event::AutoLocked if screen == Screen::Unlocked => ViewState {
            screen: Screen::Locked,
            message: Some(Message::Status(if event == Event::AutoLocked {
                "Locked after a period of inactivity.".into()
            } else {
                "Notebook locked.".into()
            })),
            busy: false,
        },
        Event::Locked | Event::AutoLocked => state.clone(),
        Event::ClearMessage => ViewState {
            message: None,
            ..state.clone()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(screen: Screen) -> ViewState {
        ViewState {
            screen,
            ..ViewState::default()
        }
    }

    #[test]
    fn storage_ready_chooses_first_run_or_unlock() {
        assert_eq!(
            reduce(&ViewState::default(), Event::StorageReady { has_notebook: false }).screen,
            Screen::FirstRun
        );
        assert_eq!(
            reduce(&ViewState::default(), Event::StorageReady { has_notebook: true }).screen,
            Screen::Locked
        );
        let failed = reduce(&ViewState::default(), Event::StorageFailed("blocked".into()));
        assert_eq!(failed.screen, Screen::Unavailable);
        assert_eq!(failed.message, Some(Message::Alert("blocked".into())));
    }

    #[test]
    fn a_failed_unlock_stays_locked_with_an_alert() {
        let working = reduce(&at(Screen::Locked), Event::Working("Deriving key…".into()));
        assert!(working.busy);
        let failed = reduce(&working, Event::Failed("Wrong passphrase".into()));
        assert_eq!(failed.screen, Screen::Locked);
        assert!(!failed.busy);
        assert_eq!(failed.message, Some(Message::Alert("Wrong passphrase".into())));
    }

    #[test]
    fn lock_and_auto_lock_only_leave_the_unlocked_screen() {
        let locked = reduce(&at(Screen::Unlocked), Event::Locked);
        assert_eq!(locked.screen, Screen::Locked);
        let auto = reduce(&at(Screen::Unlocked), Event::AutoLocked);
        assert_eq!(
            auto.message,
            Some(Message::Status("Locked after a period of inactivity.".into()))
        );
        // Lock while on first run (e.g. a stale timer) changes nothing.
        assert_eq!(reduce(&at(Screen::FirstRun), Event::AutoLocked), at(Screen::FirstRun));
    }

    #[test]
    fn create_and_unlock_open_the_notebook() {
        assert_eq!(reduce(&at(Screen::FirstRun), Event::Created).screen, Screen::Unlocked);
        assert_eq!(reduce(&at(Screen::Locked), Event::Unlocked).screen, Screen::Unlocked);
        let cleared = reduce(
            &reduce(&at(Screen::Locked), Event::Failed("x".into())),
            Event::ClearMessage,
        );
        assert_eq!(cleared.message, None);
    }
}
