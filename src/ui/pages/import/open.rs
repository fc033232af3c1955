//! Opening a bundle for import (UI shell): read the file, open it with the bundle passphrase
//! or this notebook's key, find where its records land, and plan the import now.

use std::rc::Rc;

use crate::domain::exchange::bundle::payload::Payload;
use crate::domain::exchange::bundle::MAX_BUNDLE_BYTES;
use crate::domain::exchange::merge::{self, Need, Placement, Plan, Sender};
use crate::domain::exchange::trust::{self, Sealer};
use crate::domain::notebook::memory::Notebook;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::context::NotebookCtx;
use crate::webcrypto;

/// Value of the "new client" choice in the client select.
pub const NEW_CLIENT: &str = "new";

/// An opened bundle waiting for confirmation.
#[derive(Clone)]
pub struct Opened {
    pub payload: Rc<Payload>,
    /// Whether the user must say which client it is about.
    pub choose: bool,
    /// Fixed when opened so the preview and the import create the same client.
    pub new_client: RecordId,
    pub placement: Placement,
    /// Who sealed it, and the key whose fingerprint the user confirmed.
    pub sender: Sender,
}

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.payload, &other.payload) && self.placement == other.placement && self.sender == other.sender
    }
}

impl Opened {
    /// The bundle placed with the client chosen in the select: a client's id, or anything
    /// else ([`NEW_CLIENT`]) for the new client.
    pub fn choosing(&self, value: &str) -> Opened {
        let placement = match value.parse::<RecordId>() {
            Ok(id) => Placement::Client(id),
            Err(_) => Placement::NewClient(self.new_client, String::new()),
        };
        Opened {
            placement,
            ..self.clone()
        }
    }

    /// The bundle with the sender's key confirmed by its fingerprint.
    pub fn confirming(&self, key: [u8; 32]) -> Opened {
        Opened {
            sender: Sender {
                confirmed: Some(key),
                ..self.sender
            },
            ..self.clone()
        }
    }
}

/// Read and open `file`. With the bundle comes the name to offer for a new client when the
/// user must say which client it is about. An error is the message to show.
pub async fn open_bundle(
    ctx: &NotebookCtx,
    file: &web_sys::File,
    pass: &str,
) -> Result<(Opened, Option<String>), String> {
    let since = crate::derive::epoch();
    let bytes = platform::read_file(file, MAX_BUNDLE_BYTES)
        .await
        .map_err(|e| format!("The bundle could not be read: {e}. Nothing was changed."))?;
    platform::yield_to_browser().await;
    let key = ctx.notebook.key_pair.as_ref().map(|(_, k)| k);
    let (payload, sealer): (Payload, Sealer) = webcrypto::open_exchange(&bytes, pass, key, since)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(why) = trust::trust(payload.content, sealer, None).refusal() {
        return Err(format!("{why} Nothing was changed."));
    }
    let (choose, placement, name) = match merge::placement(&ctx.notebook, &payload) {
        Ok(Need::Ready(p)) => (false, p, None),
        Ok(Need::ChooseClient { suggested }) => {
            let name = if suggested.is_empty() {
                "New client".into()
            } else {
                suggested
            };
            let placement = Placement::NewClient(RecordId::from_bytes(platform::random()), String::new());
            (true, placement, Some(name))
        }
        Err(e) => return Err(format!("{e} Nothing was changed.")),
    };
    let new_client = match placement {
        Placement::NewClient(id, _) => id,
        _ => RecordId::from_bytes(platform::random()),
    };
    let opened = Opened {
        payload: Rc::new(payload),
        choose,
        new_client,
        placement,
        sender: Sender::sealed(sealer),
    };
    Ok((opened, name))
}

/// The import as it would apply to the notebook now, the new client (if any) named `name`.
pub fn plan_for(nb: &Notebook, o: &Opened, name: &str) -> Result<Plan, String> {
    let placement = match &o.placement {
        Placement::NewClient(id, _) => Placement::NewClient(*id, name.to_string()),
        p => p.clone(),
    };
    merge::plan(
        nb,
        &o.payload,
        &placement,
        o.sender,
        platform::now_ms() as i64,
        &mut || RecordId::from_bytes(platform::random()),
    )
    .map_err(|e| e.to_string())
}
