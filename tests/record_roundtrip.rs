//! Every record kind, fully populated, survives the stored form (sealed and opened) and the
//! bundle form unchanged — the test that catches a field a reader drops.
//!
//! The fixtures are struct literals without `..Default::default()`, so a new field does not
//! compile until it is given a value here, and [`every_field_is_set`] refuses a value equal to
//! an empty default (`""`, `0`, `false`, `null`, `[]`, `{}`), so that value must be a real
//! one. [`populated`] matches every [`RecordKind`], so a new kind needs a fixture too.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;
use wisemind::domain::clinical::analytics::change::RciParams;
use wisemind::domain::clinical::client::Client;
use wisemind::domain::clinical::diary::{Custom, DiaryCard, TargetEntry};
use wisemind::domain::clinical::goal::{Goal, GoalStatus, Milestone, ProposedBy};
use wisemind::domain::clinical::note::{ChainAnalysis, ProgressNote, Rating, SessionType, Target};
use wisemind::domain::clinical::skills::{Indicator, SkillArea};
use wisemind::domain::exchange::records::{Conflict, ExchangeLog, KeyPair};
use wisemind::domain::notebook::demo;
use wisemind::domain::notebook::draft::Draft;
use wisemind::domain::notebook::record::AnyRecord;
use wisemind::domain::notebook::settings::{NotebookKind, Settings};
use wisemind::domain::vault::envelope::{self, RecordKind};
use wisemind::domain::vault::ids::{LinkId, NotebookId, RecordId};
use wisemind::domain::vault::secret::DataKey;

const NOTEBOOK: NotebookId = NotebookId::from_bytes([7; 16]);
const ID: RecordId = RecordId::from_bytes([1; 16]);

fn id(byte: u8) -> RecordId {
    RecordId::from_bytes([byte; 16])
}

fn date(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 3, d)
}

fn text(what: &str) -> String {
    format!("{what} — «ünïcode» \"quoted\"\n2nd line")
}

fn rating(value: u8) -> Rating {
    Rating {
        value,
        comment: text("rating comment"),
    }
}

fn urge(urge: u8) -> TargetEntry {
    TargetEntry {
        urge: Some(urge),
        acted: true,
    }
}

/// A value of `kind` with every field set to something other than its empty default.
fn populated(kind: RecordKind) -> AnyRecord {
    match kind {
        RecordKind::Settings => AnyRecord::Settings(Settings {
            kind: NotebookKind::Personal,
            auto_lock_minutes: 37,
            rci: BTreeMap::from([("area:mindfulness".to_string(), RciParams { sd: 2.5, r: 0.8 })]),
            backup_reminder_days: 30,
            last_backup_ms: Some(1_770_000_000_000),
        }),
        RecordKind::Client => AnyRecord::Client(Client {
            name: text("name"),
            identifier: "C-042".into(),
            start_date: date(2),
            archived: true,
            is_self: true,
            warning_plan: text("plan"),
            dismissed: vec!["declining:mindfulness:2026-03-01".into()],
            urge_flag_at: Some(3),
            baseline_from: date(4),
            baseline_to: date(25),
            links: vec![LinkId::from_bytes([3; 16])],
            peer_key: Some([4; 32]),
            updated_ms: 1_770_000_000_001,
        }),
        RecordKind::Note => AnyRecord::Note(ProgressNote {
            client: Some(id(2)),
            date: date(3),
            session_type: Some(SessionType::PhoneCoaching),
            duration_minutes: Some(50),
            diary_card_review: text("review"),
            targets: vec![Target::LifeThreatening, Target::QualityOfLife],
            challenges: text("challenges"),
            accomplishments: text("accomplishments"),
            chain: ChainAnalysis {
                vulnerabilities: text("vulnerabilities"),
                prompting_event: text("prompting event"),
                links: text("links"),
                problem_behavior: text("problem behaviour"),
                consequences: text("consequences"),
                repair: text("repair"),
            },
            skills: vec!["TIPP".into(), "DEAR MAN".into()],
            homework: text("homework"),
            plan: text("plan"),
            risk_notes: text("risk"),
            risk_addressed: true,
            notes: text("notes"),
            indicators: BTreeMap::from([
                (Indicator::HealthyCoping, rating(7)),
                (Indicator::EmotionalOutbursts, rating(2)),
            ]),
            shareable: true,
            updated_ms: 1_770_000_000_002,
        }),
        RecordKind::Goal => AnyRecord::Goal(Goal {
            client: Some(id(2)),
            title: text("title"),
            area: Some(SkillArea::DistressTolerance),
            proposed_by: ProposedBy::Client,
            target_date: date(20),
            status: GoalStatus::Achieved,
            linked_notes: vec![id(4), id(5)],
            achieved_on: date(10),
            updated_ms: 1_770_000_000_003,
        }),
        RecordKind::Milestone => AnyRecord::Milestone(Milestone {
            client: Some(id(2)),
            date: date(11),
            text: text("milestone"),
            goal: Some(id(6)),
            updated_ms: 1_770_000_000_004,
        }),
        RecordKind::DiaryCard => AnyRecord::DiaryCard(DiaryCard {
            client: Some(id(2)),
            date: date(12),
            self_harm: urge(1),
            suicide: urge(2),
            substance_use: urge(3),
            custom_targets: vec![Custom {
                name: text("custom target"),
                entry: urge(4),
            }],
            sadness: Some(1),
            anger: Some(2),
            fear: Some(3),
            shame: Some(4),
            joy: Some(5),
            custom_emotions: vec![Custom {
                name: text("custom emotion"),
                entry: Some(2),
            }],
            skills_used: Some(6),
            medication_taken: Some(true),
            notes: text("card notes"),
            updated_ms: 1_770_000_000_005,
        }),
        RecordKind::Draft => AnyRecord::Draft(Draft {
            form: "note:new:0101".into(),
            payload: r#"{"notes":"unsaved"}"#.into(),
            saved_ms: 1_770_000_000_006,
        }),
        RecordKind::KeyPair => AnyRecord::KeyPair(KeyPair::from_random([0x5a; 32])),
        RecordKind::Conflict => AnyRecord::Conflict(Conflict {
            record: Some(id(8)),
            incoming: Some(id(9)),
            kind: "note".into(),
            schema: 1,
            theirs: r#"{"notes":"theirs"}"#.into(),
            received_ms: 1_770_000_000_007,
        }),
        RecordKind::ExchangeLog => AnyRecord::ExchangeLog(ExchangeLog {
            bases: BTreeMap::from([(id(10), "ab".repeat(32))]),
        }),
    }
}

/// Every field at every depth holds something other than an empty default; `path` names the
/// first one that does not.
fn every_field_is_set(value: &Value, path: &str) -> Result<(), String> {
    match value {
        Value::Null | Value::Bool(false) => Err(path.to_string()),
        Value::Number(n) if n.as_f64() == Some(0.0) => Err(path.to_string()),
        Value::String(s) if s.is_empty() => Err(path.to_string()),
        Value::Array(items) if items.is_empty() => Err(path.to_string()),
        Value::Object(map) if map.is_empty() => Err(path.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| every_field_is_set(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .try_for_each(|(k, v)| every_field_is_set(v, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

/// Sealed with the record envelope, opened, decoded by kind.
fn through_storage(record: &AnyRecord) -> AnyRecord {
    let key = DataKey::generate(|k| k.fill(0x11));
    let sealed = record.seal(&key, &NOTEBOOK, &ID, &[0x22; 12]);
    let opened = envelope::open(&key, &NOTEBOOK, &ID, &sealed).expect("opens with its own key and place");
    assert_eq!(opened.kind, record.kind());
    AnyRecord::from_opened(&opened).expect("decodes as its kind")
}

/// Carried in a bundle and read back.
fn through_bundle(record: &AnyRecord) -> AnyRecord {
    AnyRecord::from_bundled(&record.to_bundled(ID)).expect("reads back")
}

#[test]
fn every_kind_fully_populated_survives_the_stored_and_the_bundle_form() {
    for kind in RecordKind::ALL {
        let record = populated(kind);
        assert_eq!(record.kind(), kind);
        let json = record.to_bundled(ID).json();
        every_field_is_set(&json, kind.bundle_name())
            .unwrap_or_else(|field| panic!("give {field} a value other than its empty default"));
        assert_eq!(through_storage(&record), record, "{}", kind.name());
        assert_eq!(through_bundle(&record), record, "{}", kind.name());
    }
}

/// Every path to a field in a JSON tree (`["chain", "links"]`, …).
fn field_paths(value: &Value, prefix: &[String], out: &mut Vec<Vec<String>>) {
    if let Value::Object(map) = value {
        for (k, v) in map {
            let mut path = prefix.to_vec();
            path.push(k.clone());
            field_paths(v, &path, out);
            out.push(path);
        }
    }
}

fn without(value: &Value, path: &[String]) -> Value {
    let mut out = value.clone();
    let mut at = &mut out;
    for key in &path[..path.len() - 1] {
        at = at.get_mut(key).expect("the path exists");
    }
    at.as_object_mut().expect("an object").remove(&path[path.len() - 1]);
    out
}

/// The test of the test: a reader that loses any one field (what a field missing from a
/// hand-kept reader list did: written "she/her", read back "") makes the comparison above
/// fail, for every field of every kind, nested ones included.
#[test]
fn a_reader_that_drops_any_field_is_caught() {
    for kind in RecordKind::ALL {
        let record = populated(kind);
        let mut bundled = record.to_bundled(ID);
        let json = bundled.json();
        let mut paths = Vec::new();
        field_paths(&json, &[], &mut paths);
        assert!(!paths.is_empty(), "{}", kind.name());
        for path in paths {
            bundled.record = raw(&without(&json, &path));
            // A required field may refuse the record outright; a defaulted one reads back
            // different. Either way the round trip does not give the record back.
            let read = AnyRecord::from_bundled(&bundled);
            assert_ne!(
                read.as_ref().ok(),
                Some(&record),
                "{}: {path:?} dropped unnoticed",
                kind.name()
            );
        }
    }
}

#[test]
fn every_demo_record_reads_back_as_written() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let records = demo::generate(today);
    assert!(records.len() > 50, "the demo notebook has notes, cards and goals");
    for (_, record) in records {
        assert_eq!(through_storage(&record), record);
        assert_eq!(through_bundle(&record), record);
    }
}

/// Records written by an older or newer build: missing fields take their defaults and
/// unknown ones are skipped, so a record written by a newer version still opens.
#[test]
fn missing_fields_default_and_unknown_fields_are_skipped() {
    let mut bundled = populated(RecordKind::Client).to_bundled(ID);
    bundled.record = raw(&serde_json::json!({ "name": "Ana", "pronouns": "she/her" }));
    let AnyRecord::Client(client) = AnyRecord::from_bundled(&bundled).unwrap() else {
        panic!("a client")
    };
    assert_eq!(client.name, "Ana");
    assert_eq!(client.start_date, None);
    assert!(client.links.is_empty());
}

/// A JSON value as a bundled record's text.
fn raw(json: &serde_json::Value) -> Box<serde_json::value::RawValue> {
    serde_json::value::RawValue::from_string(json.to_string()).unwrap()
}
