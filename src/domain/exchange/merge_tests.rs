//! Merge rules on crafted cases.

use chrono::NaiveDate;

use super::*;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::goal::Goal;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::exchange::bundle::payload::PAYLOAD_FORMAT;
use crate::domain::exchange::trust::Sealer;
use crate::domain::notebook::settings::Settings;
use crate::domain::vault::ids::{LinkId, NotebookId};

fn id(n: u8) -> RecordId {
    RecordId::from_bytes([n; 16])
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 3, d)
}

/// Fresh ids from 200 upwards, as the shell's CSPRNG would give distinct ones.
fn ids() -> impl FnMut() -> RecordId {
    let mut next = 200u8;
    move || {
        next += 1;
        id(next)
    }
}

fn notebook(kind: NotebookKind) -> Notebook {
    let mut nb = Notebook::default();
    nb.put(
        id(1),
        AnyRecord::Settings(Settings {
            kind,
            ..Settings::default()
        }),
    );
    let mut me = Client::new("Me").unwrap();
    me.is_self = kind == NotebookKind::Personal;
    nb.put(id(2), AnyRecord::Client(me));
    nb
}

fn goal(title: &str, client: u8, updated_ms: i64) -> AnyRecord {
    AnyRecord::Goal(Goal {
        client: Some(id(client)),
        title: title.into(),
        updated_ms,
        ..Goal::default()
    })
}

fn card(client: u8, date: u32, joy: u8, updated_ms: i64) -> AnyRecord {
    AnyRecord::DiaryCard(DiaryCard {
        client: Some(id(client)),
        date: day(date),
        joy: Some(joy),
        updated_ms,
        ..DiaryCard::default()
    })
}

fn payload(content: Content, records: &[(RecordId, AnyRecord)]) -> Payload {
    Payload {
        format: PAYLOAD_FORMAT,
        created_ms: 1,
        source_notebook: NotebookId::from_bytes([9; 16]),
        content,
        links: vec![LinkId::from_bytes([7; 16])],
        subject: Some("Ana".into()),
        records: records.iter().map(|(i, r)| r.to_bundled(*i)).collect(),
    }
}

/// Pair the client of a clinician notebook with the sender of [`payload`]'s bundles.
fn linked(nb: &mut Notebook) {
    let mut client = nb.client(&id(2)).unwrap().clone();
    client.links = vec![LinkId::from_bytes([7; 16])];
    nb.put(id(2), AnyRecord::Client(client));
}

fn note(text: &str, client: u8, risk: &str, updated_ms: i64) -> AnyRecord {
    AnyRecord::Note(ProgressNote {
        client: Some(id(client)),
        date: day(3),
        notes: text.into(),
        risk_notes: risk.into(),
        updated_ms,
        ..ProgressNote::default()
    })
}

/// Plan with the placement the notebook decides, apply, and return the plan.
fn import(nb: &mut Notebook, p: &Payload) -> Plan {
    let Need::Ready(place) = placement(nb, p).unwrap() else {
        panic!("a client should not have to be chosen here");
    };
    let plan = plan(nb, p, &place, Sender::sealed(Sealer::Passphrase), 1000, &mut ids()).unwrap();
    nb.apply(plan.puts.clone(), &[]);
    plan
}

fn goal_title(nb: &Notebook, n: u8) -> String {
    nb.goals[&id(n)].title.clone()
}

#[test]
fn a_share_lands_on_the_person_of_a_personal_notebook_and_links_it() {
    let mut nb = notebook(NotebookKind::Personal);
    // The clinician's ids for the client (50) differ from this notebook's (2).
    let p = payload(Content::ClientShare, &[(id(10), goal("Use DEAR MAN", 50, 5))]);
    let plan = import(&mut nb, &p);
    assert_eq!(plan.total(Outcome::Added), 1);
    assert_eq!(nb.goals[&id(10)].client, Some(id(2)));
    assert_eq!(nb.client(&id(2)).unwrap().links, [LinkId::from_bytes([7; 16])]);
}

#[test]
fn importing_the_same_bundle_twice_changes_nothing() {
    let mut nb = notebook(NotebookKind::Personal);
    let p = payload(
        Content::ClientShare,
        &[(id(10), goal("Use DEAR MAN", 50, 5)), (id(11), goal("Sleep", 50, 5))],
    );
    import(&mut nb, &p);
    let before = nb.clone();
    let again = import(&mut nb, &p);
    assert!(!again.changes_anything(), "{:?}", again.puts);
    assert_eq!(again.total(Outcome::Unchanged), 2);
    assert_eq!(nb, before);
}

#[test]
fn a_version_only_they_changed_replaces_ours() {
    let mut nb = notebook(NotebookKind::Personal);
    import(&mut nb, &payload(Content::ClientShare, &[(id(10), goal("v1", 50, 5))]));
    // Their clock may even be behind ours: the common ancestor decides, not the time.
    let plan = import(&mut nb, &payload(Content::ClientShare, &[(id(10), goal("v2", 50, 4))]));
    assert_eq!(plan.total(Outcome::Updated), 1);
    assert_eq!(goal_title(&nb, 10), "v2");
}

#[test]
fn an_older_version_leaves_ours_alone() {
    let mut nb = notebook(NotebookKind::Personal);
    let v1 = payload(Content::ClientShare, &[(id(10), goal("v1", 50, 5))]);
    import(&mut nb, &v1);
    nb.put(id(10), goal("mine", 2, 9));
    let plan = import(&mut nb, &v1);
    assert_eq!(plan.total(Outcome::KeptOurs), 1);
    assert!(!plan.changes_anything());
    assert_eq!(goal_title(&nb, 10), "mine");
}

#[test]
fn both_changed_keeps_both_and_flags_theirs_for_review() {
    let mut nb = notebook(NotebookKind::Personal);
    import(&mut nb, &payload(Content::ClientShare, &[(id(10), goal("v1", 50, 5))]));
    nb.put(id(10), goal("mine", 2, 9));
    let theirs = payload(Content::ClientShare, &[(id(10), goal("theirs", 50, 8))]);
    let plan = import(&mut nb, &theirs);
    assert_eq!(plan.total(Outcome::Conflict), 1);
    assert_eq!(goal_title(&nb, 10), "mine");
    let (conflict_id, conflict) = nb.conflicts.iter().next().map(|(i, c)| (*i, c.clone())).unwrap();
    assert_eq!(conflict.record, Some(id(10)));
    assert!(conflict.theirs.contains("theirs"));

    // The same bundle again adds no second conflict.
    let again = import(&mut nb, &theirs);
    assert!(!again.changes_anything());
    assert_eq!(nb.conflicts.len(), 1);

    // The user picks theirs: it replaces ours and the flag goes.
    let (puts, deletes) = take_theirs(conflict_id, &conflict).unwrap();
    nb.apply(puts, &deletes);
    assert_eq!(goal_title(&nb, 10), "theirs");
    assert!(nb.conflicts.is_empty());
    assert_eq!(nb.goals[&id(10)].client, Some(id(2)));
}

#[test]
fn without_a_common_ancestor_a_different_version_is_kept_for_review_whatever_its_clock() {
    let mut nb = notebook(NotebookKind::Clinician);
    nb.put(id(10), goal("ours", 2, 5));
    for (title, updated_ms) in [("newer", 6), ("older", 1), ("tie", 5)] {
        let p = payload(Content::Backup, &[(id(10), goal(title, 2, updated_ms))]);
        assert_eq!(import(&mut nb, &p).total(Outcome::Conflict), 1, "{title}");
    }
    assert_eq!(goal_title(&nb, 10), "ours");
}

#[test]
fn a_second_card_for_the_same_day_is_a_conflict_and_taking_it_replaces_ours() {
    let mut nb = notebook(NotebookKind::Clinician);
    linked(&mut nb);
    nb.put(id(30), card(2, 4, 1, 5));
    let plan = import(&mut nb, &payload(Content::DiaryCards, &[(id(31), card(50, 4, 4, 6))]));
    assert_eq!(plan.total(Outcome::Conflict), 1);
    assert_eq!(nb.cards.len(), 1);
    let (cid, c) = nb.conflicts.iter().next().map(|(i, c)| (*i, c.clone())).unwrap();
    let (puts, deletes) = take_theirs(cid, &c).unwrap();
    nb.apply(puts, &deletes);
    assert_eq!(nb.cards.keys().copied().collect::<Vec<_>>(), [id(31)]);
    assert_eq!(nb.cards[&id(31)].joy, Some(4));
}

#[test]
fn a_clinician_chooses_the_client_once_and_later_bundles_land_there() {
    let mut nb = notebook(NotebookKind::Clinician);
    let first = payload(Content::DiaryCards, &[(id(31), card(50, 4, 4, 6))]);
    assert_eq!(
        placement(&nb, &first).unwrap(),
        Need::ChooseClient {
            suggested: "Ana".into()
        }
    );
    let plan = plan(
        &nb,
        &first,
        &Placement::NewClient(id(60), "Ana".into()),
        Sender::sealed(Sealer::Passphrase),
        1000,
        &mut ids(),
    )
    .unwrap();
    nb.apply(plan.puts, &[]);
    assert_eq!(nb.client(&id(60)).unwrap().name, "Ana");
    assert_eq!(nb.cards[&id(31)].client, Some(id(60)));

    let second = payload(Content::DiaryCards, &[(id(32), card(50, 5, 2, 7))]);
    assert_eq!(placement(&nb, &second).unwrap(), Need::Ready(Placement::Client(id(60))));
    import(&mut nb, &second);
    assert_eq!(nb.cards_of(&id(60)).len(), 2);
}

#[test]
fn bundles_for_the_other_kind_of_notebook_are_refused() {
    let clinician = notebook(NotebookKind::Clinician);
    let personal = notebook(NotebookKind::Personal);
    let backup_of_personal = payload(
        Content::Backup,
        &[(
            id(1),
            AnyRecord::Settings(Settings {
                kind: NotebookKind::Personal,
                ..Settings::default()
            }),
        )],
    );
    assert_eq!(
        placement(&clinician, &backup_of_personal),
        Err(ImportError::OtherKindOfBackup("personal"))
    );
    let whole_client = payload(Content::Client, &[(id(10), goal("g", 2, 1))]);
    assert_eq!(
        placement(&personal, &whole_client),
        Err(ImportError::ClientIntoPersonal)
    );
}

#[test]
fn records_this_build_cannot_read_are_reported_and_the_rest_imported() {
    let mut nb = notebook(NotebookKind::Personal);
    let mut p = payload(
        Content::ClientShare,
        &[(id(10), goal("g", 50, 1)), (id(11), goal("h", 50, 1))],
    );
    p.records[1].schema = 99;
    p.records.push(BundledRecord {
        id: id(12),
        kind: "hologram".into(),
        schema: 1,
        record: serde_json::value::RawValue::from_string("{}".into()).unwrap(),
    });
    // A settings record in a share is ignored quietly; a draft is reported.
    p.records
        .push(AnyRecord::Settings(Settings::default()).to_bundled(id(13)));
    let plan = import(&mut nb, &p);
    assert_eq!(plan.total(Outcome::Added), 1);
    assert_eq!(plan.total(Outcome::Skipped), 3);
    assert_eq!(plan.skipped.len(), 2, "{:?}", plan.skipped);
    assert!(plan.skipped[0].contains("newer version"));
    assert!(plan.skipped[1].contains("unknown kind"));
    assert!(nb.settings.as_ref().is_some_and(|(i, _)| *i == id(1)));
}

#[test]
fn differences_list_changed_fields_only() {
    let ours = serde_json::json!({"title": "a", "status": "active", "updated_ms": 1, "client": "x"});
    let theirs = serde_json::json!({"title": "b", "status": "active", "updated_ms": 2, "client": "y"});
    assert_eq!(
        differences(&ours, &theirs),
        [("title".to_string(), "a".to_string(), "b".to_string())]
    );
}

/// The attack of the security review: a client decrypts a share, builds a bundle with the
/// id of one of the clinician's notes, a far later `updated_ms` and the risk notes emptied,
/// and seals it to the clinician. Whatever it claims to be, it changes no note.
#[test]
fn a_client_cannot_overwrite_a_clinicians_note() {
    let mut nb = notebook(NotebookKind::Clinician);
    linked(&mut nb);
    nb.put(id(40), note("Session 4.", 2, "Passive ideation, no plan.", 5));
    let before = nb.clone();
    let forged = note("Session 4.", 2, "", i64::MAX);
    // As a share: refused outright, before any record is looked at.
    let share = payload(Content::ClientShare, &[(id(40), forged.clone())]);
    assert_eq!(placement(&nb, &share), Err(ImportError::ShareIntoClinician));
    let place = Placement::Client(id(2));
    assert_eq!(
        plan(
            &nb,
            &share,
            &place,
            Sender::sealed(Sealer::Passphrase),
            1000,
            &mut ids()
        )
        .unwrap_err(),
        ImportError::ShareIntoClinician
    );
    // Inside the client's diary-card bundle: not a record a client sends; skipped, with why.
    let cards = payload(Content::DiaryCards, &[(id(40), forged)]);
    let plan = import(&mut nb, &cards);
    assert_eq!(plan.total(Outcome::Skipped), 1);
    assert!(
        plan.skipped[0].contains("a progress note is not expected"),
        "{:?}",
        plan.skipped
    );
    assert_eq!(nb.notes, before.notes);
    // Relabelled as a whole-client bundle or a backup (anyone can write any content):
    // kept beside ours for review, never in its place.
    for (content, text) in [(Content::Client, "Session 4!"), (Content::Backup, "Session 4?")] {
        let relabelled = payload(content, &[(id(40), note(text, 2, "", i64::MAX))]);
        let plan = import(&mut nb, &relabelled);
        assert_eq!(plan.total(Outcome::Conflict), 1, "{content:?}");
        assert_eq!(plan.total(Outcome::Updated), 0, "{content:?}");
    }
    assert_eq!(nb.notes[&id(40)].risk_notes, "Passive ideation, no plan.");
}

#[test]
fn a_clients_diary_cards_go_only_to_a_clinician() {
    let personal = notebook(NotebookKind::Personal);
    let cards = payload(Content::DiaryCards, &[(id(31), card(50, 4, 4, 6))]);
    assert_eq!(placement(&personal, &cards), Err(ImportError::CardsIntoPersonal));
}

/// Between clinician and client, a version that differs from ours with no common ancestor
/// is kept beside ours, whatever its `updated_ms` says.
#[test]
fn an_exchanged_record_never_replaces_ours_by_its_clock() {
    let mut nb = notebook(NotebookKind::Clinician);
    linked(&mut nb);
    nb.put(id(30), card(2, 4, 1, 5));
    let later = payload(Content::DiaryCards, &[(id(30), card(50, 4, 3, i64::MAX))]);
    let plan = import(&mut nb, &later);
    assert_eq!(plan.total(Outcome::Conflict), 1);
    assert_eq!(plan.total(Outcome::Updated), 0);
    assert_eq!(nb.cards[&id(30)].joy, Some(1), "ours stays");
    assert_eq!(nb.conflicts.len(), 1);
}

/// The sender's key: a first key or a changed one is written only once confirmed, and is then
/// remembered on the client; a third party sealing with their own key cannot pass as the
/// paired party; a bundle that proves no sender is refused.
#[test]
fn shares_and_cards_merge_only_from_the_confirmed_key() {
    const CLIENT_KEY: [u8; 32] = [0xc1; 32];
    const STRANGER: [u8; 32] = [0x5e; 32];
    let mut nb = notebook(NotebookKind::Clinician);
    let cards = payload(Content::DiaryCards, &[(id(31), card(50, 4, 4, 6))]);
    let place = Placement::NewClient(id(60), "Ana".into());
    let by = |sealer, confirmed| Sender { sealer, confirmed };

    // First bundle from the client's key: counted, not written, until confirmed.
    let first = plan(&nb, &cards, &place, by(Sealer::Key(CLIENT_KEY), None), 1000, &mut ids()).unwrap();
    assert_eq!(first.trust, Trust::FirstKey(CLIENT_KEY));
    assert_eq!(first.awaiting, Some(CLIENT_KEY));
    assert!(first.puts.is_empty() && first.changes_anything());
    assert_eq!(first.total(Outcome::Added), 2, "the client and the card, as previewed");
    // Confirming another key than the one shown confirms nothing.
    let wrong = plan(
        &nb,
        &cards,
        &place,
        by(Sealer::Key(CLIENT_KEY), Some(STRANGER)),
        1000,
        &mut ids(),
    )
    .unwrap();
    assert!(wrong.puts.is_empty());
    let confirmed = plan(
        &nb,
        &cards,
        &place,
        by(Sealer::Key(CLIENT_KEY), Some(CLIENT_KEY)),
        1000,
        &mut ids(),
    )
    .unwrap();
    assert_eq!(confirmed.awaiting, None);
    nb.apply(confirmed.puts, &[]);
    assert_eq!(nb.client(&id(60)).unwrap().peer_key, Some(CLIENT_KEY));
    assert!(nb.cards.get(&id(31)).is_some());

    // Later bundles from that key merge at once.
    let here = Placement::Client(id(60));
    let more = payload(Content::DiaryCards, &[(id(32), card(50, 5, 2, 7))]);
    let next = plan(&nb, &more, &here, by(Sealer::Key(CLIENT_KEY), None), 2000, &mut ids()).unwrap();
    assert_eq!(next.trust, Trust::Confirmed(CLIENT_KEY));
    assert_eq!(next.awaiting, None);
    assert!(!next.puts.is_empty());

    // A stranger who knows the clinician's public key and the pairing seals their own bundle:
    // the key differs from the confirmed one, nothing is written.
    let forged = plan(&nb, &more, &here, by(Sealer::Key(STRANGER), None), 2000, &mut ids()).unwrap();
    assert_eq!(
        forged.trust,
        Trust::ChangedKey {
            confirmed: CLIENT_KEY,
            key: STRANGER
        }
    );
    assert!(forged.puts.is_empty());
    // Without proof of the sender at all: refused outright.
    assert_eq!(
        plan(&nb, &more, &here, by(Sealer::Unproven, None), 2000, &mut ids()).unwrap_err(),
        ImportError::UnprovenSender
    );
    // If the client really has a new notebook, confirming its key replaces the old one.
    let moved = plan(
        &nb,
        &more,
        &here,
        by(Sealer::Key(STRANGER), Some(STRANGER)),
        2000,
        &mut ids(),
    )
    .unwrap();
    nb.apply(moved.puts, &[]);
    assert_eq!(nb.client(&id(60)).unwrap().peer_key, Some(STRANGER));
}

#[test]
fn a_personal_notebook_takes_shares_only_from_its_confirmed_therapist() {
    const THERAPIST: [u8; 32] = [0x7a; 32];
    const STRANGER: [u8; 32] = [0x5e; 32];
    let mut nb = notebook(NotebookKind::Personal);
    let share = payload(Content::ClientShare, &[(id(40), goal("Sleep by 11", 99, 5))]);
    let Need::Ready(place) = placement(&nb, &share).unwrap() else {
        panic!("a personal notebook places shares on its one person")
    };
    let by = |sealer, confirmed| Sender { sealer, confirmed };
    let first = plan(
        &nb,
        &share,
        &place,
        by(Sealer::Key(THERAPIST), Some(THERAPIST)),
        1000,
        &mut ids(),
    )
    .unwrap();
    nb.apply(first.puts, &[]);
    assert_eq!(nb.client(&id(2)).unwrap().peer_key, Some(THERAPIST));
    let fake = payload(
        Content::ClientShare,
        &[(id(41), goal("Stop taking your medication", 99, 6))],
    );
    let forged = plan(&nb, &fake, &place, by(Sealer::Key(STRANGER), None), 2000, &mut ids()).unwrap();
    assert_eq!(forged.awaiting, Some(STRANGER));
    assert!(forged.puts.is_empty());
    let from_therapist = plan(&nb, &fake, &place, by(Sealer::Key(THERAPIST), None), 2000, &mut ids()).unwrap();
    assert!(!from_therapist.puts.is_empty());
}
