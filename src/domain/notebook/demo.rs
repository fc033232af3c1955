//! The demo notebook: a fictional client with six months of weekly notes, daily diary cards
//! and goals whose indicators trace a plausible course — steady improvement, a setback in
//! months four and five, then recovery. Deterministic for a given `today`, so the demo is
//! always recent and every test sees the same numbers.

use chrono::{Days, NaiveDate};

use crate::domain::base::order::Collect;
use crate::domain::clinical::client::Client;
use crate::domain::clinical::diary::{DiaryCard, TargetEntry};
use crate::domain::clinical::goal::{Goal, GoalStatus, Milestone, ProposedBy};
use crate::domain::clinical::note::{ChainAnalysis, ProgressNote, Rating, SessionType, Target};
use crate::domain::clinical::skills::{Indicator, SkillArea};
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::{NotebookKind, Settings};
use crate::domain::vault::ids::RecordId;

/// The demo's passphrase, shown on screen: the demo holds no real data.
pub const DEMO_PASSPHRASE: &str = "demo notebook passphrase";
/// Weekly sessions in the demo.
pub const DEMO_WEEKS: u64 = 26;
/// The weeks of the setback (0-based, inclusive).
pub const SETBACK_WEEKS: std::ops::RangeInclusive<u64> = 15..=18;
/// The demo client's name.
pub const DEMO_CLIENT: &str = "Jordan Rivera (demo)";

/// SplitMix64: tiny, deterministic, good enough for plausible noise and demo ids.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1].
    fn noise(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    fn id(&mut self) -> RecordId {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        RecordId::from_bytes(bytes)
    }
}

/// Progress from 0 (intake) to 1 (now) at week `w`, with the setback carved out.
fn progress(week: f64) -> f64 {
    let base = (week / (DEMO_WEEKS - 1) as f64).clamp(0.0, 1.0);
    let (s0, s1) = (*SETBACK_WEEKS.start() as f64, *SETBACK_WEEKS.end() as f64);
    let dip = if week >= s0 - 1.0 && week <= s1 + 2.0 {
        // A trough in the middle of the setback weeks, about 0.6 deep.
        let mid = (s0 + s1) / 2.0;
        0.6 * (1.0 - ((week - mid) / ((s1 - s0) / 2.0 + 2.0)).abs()).max(0.0)
    } else {
        0.0
    };
    (base - dip).clamp(0.0, 1.0)
}

fn rating(indicator: Indicator, p: f64, rng: &mut Rng) -> u8 {
    // Healthier functioning runs from about 2.5 to 7.5 on the adjusted scale.
    let adjusted = (2.5 + 5.0 * p + 0.8 * rng.noise()).clamp(0.0, 10.0);
    let raw = if indicator.lower_is_better() {
        10.0 - adjusted
    } else {
        adjusted
    };
    raw.round() as u8
}

/// Everything the demo notebook holds, with ids.
pub fn generate(today: NaiveDate) -> Vec<(RecordId, AnyRecord)> {
    let mut rng = Rng(0x5EED_D1A1_CA2D);
    let start = today - Days::new(7 * (DEMO_WEEKS - 1));
    let client_id = rng.id();
    let mut out = vec![
        (
            rng.id(),
            AnyRecord::Settings(Settings {
                kind: NotebookKind::Clinician,
                ..Settings::default()
            }),
        ),
        (
            client_id,
            AnyRecord::Client(Client {
                name: DEMO_CLIENT.into(),
                identifier: "DEMO-01".into(),
                start_date: Some(start),
                warning_plan: "My early warning signs: skipping the diary card, sleeping less than six hours, \
                    staying in my room after work, thinking 'I always ruin things'. What I do: text my coach, \
                    use TIPP at the first urge, tell my partner I need an evening walk."
                    .into(),
                ..Client::default()
            }),
        ),
    ];
    let mut note_ids = Vec::new();
    for week in 0..DEMO_WEEKS {
        let id = rng.id();
        note_ids.push(id);
        out.push((
            id,
            AnyRecord::Note(weekly_note(client_id, start + Days::new(7 * week), week, &mut rng)),
        ));
    }
    for day in 0..=(7 * (DEMO_WEEKS - 1)) {
        // About one day in twelve has no card, as in real diary-card use.
        if rng.next() % 12 == 0 {
            continue;
        }
        let card = daily_card(client_id, start + Days::new(day), day as f64 / 7.0, &mut rng);
        out.push((rng.id(), AnyRecord::DiaryCard(card)));
    }
    out.extend(goals(client_id, start, &note_ids, &mut rng));
    out
}

/// A larger synthetic record for benchmarks: `notes` weekly notes and `card_days` daily
/// cards for one client, ending `today`, on the demo's course.
pub fn synthetic(today: NaiveDate, notes: u64, card_days: u64) -> Vec<(RecordId, AnyRecord)> {
    let mut rng = Rng(0xBE_4C_11);
    let client = rng.id();
    let mut out = vec![(
        client,
        AnyRecord::Client(Client {
            name: "Synthetic client".into(),
            ..Client::default()
        }),
    )];
    let note_start = today - Days::new(7 * notes.saturating_sub(1));
    for week in 0..notes {
        // The demo's six-month course, repeated.
        let note = weekly_note(client, note_start + Days::new(7 * week), week % DEMO_WEEKS, &mut rng);
        out.push((rng.id(), AnyRecord::Note(note)));
    }
    let card_start = today - Days::new(card_days.saturating_sub(1));
    for day in 0..card_days {
        let week = (day / 7) % DEMO_WEEKS;
        out.push((
            rng.id(),
            AnyRecord::DiaryCard(daily_card(client, card_start + Days::new(day), week as f64, &mut rng)),
        ));
    }
    out
}

fn weekly_note(client: RecordId, date: NaiveDate, week: u64, rng: &mut Rng) -> ProgressNote {
    let p = progress(week as f64);
    let setback = SETBACK_WEEKS.contains(&week);
    let indicators = Indicator::ALL
        .iter()
        .map(|&i| {
            (
                i,
                Rating {
                    value: rating(i, p, rng),
                    comment: String::new(),
                },
            )
        })
        .collect_map();
    let chain = if setback || week % 6 == 1 {
        let events = [
            "Argument with partner about money",
            "Critical email from manager",
            "Argument with partner about money",
            "Anniversary of a loss",
        ];
        ChainAnalysis {
            vulnerabilities: "Poor sleep for three nights; skipped meals.".into(),
            prompting_event: events[(week as usize) % events.len()].into(),
            links: "Thought 'I always ruin things'; shame 4/5; chest tightness; isolated in room.".into(),
            problem_behavior: if setback {
                "Self-harm (scratching), no medical attention needed."
            } else {
                "Urge to self-harm (4/5), not acted on."
            }
            .into(),
            consequences: "Short relief, then shame; missed work the next morning.".into(),
            repair: "TIPP (cold water) at the first link; text coach earlier; repair with partner using DEAR MAN."
                .into(),
        }
    } else {
        ChainAnalysis::default()
    };
    ProgressNote {
        client: Some(client),
        date: Some(date),
        session_type: Some(SessionType::Individual),
        duration_minutes: Some(50),
        diary_card_review: if setback {
            "Urges up this week; one episode of self-harm recorded on the card.".into()
        } else {
            "Card complete; urges low to moderate; skills used most days.".into()
        },
        targets: if setback {
            vec![Target::LifeThreatening, Target::SkillsAcquisition]
        } else {
            vec![Target::QualityOfLife, Target::SkillsAcquisition]
        },
        challenges: if setback {
            "Conflict at home; sleep disrupted.".into()
        } else {
            "Work stress; asking for help still hard.".into()
        },
        accomplishments: if p > 0.6 {
            "Used DEAR MAN to ask for schedule change; it worked.".into()
        } else {
            "Completed diary card every day.".into()
        },
        chain,
        skills: match week % 4 {
            0 => vec!["TIPP".into(), "STOP".into()],
            1 => vec!["Wise mind".into(), "Observe".into()],
            2 => vec!["DEAR MAN".into(), "GIVE".into()],
            _ => vec!["Check the facts".into(), "Opposite action".into()],
        },
        homework: "Diary card daily; practise the week's skill twice.".into(),
        plan: if setback {
            "Review crisis plan; chain analysis of the episode.".into()
        } else {
            "Continue skills generalisation.".into()
        },
        risk_notes: if setback {
            "Self-harm this week, superficial; no suicidal intent reported. Crisis plan reviewed.".into()
        } else {
            String::new()
        },
        // The session after a setback reviewed it: the earlier risk no longer raises a flag.
        risk_addressed: !setback,
        notes: format!(
            "Week {} of individual DBT. {}",
            week + 1,
            if setback {
                "Setback after conflict at home."
            } else {
                "Steady engagement."
            }
        ),
        indicators,
        shareable: week % 2 == 0,
        updated_ms: 0,
    }
}

fn daily_card(client: RecordId, date: NaiveDate, week: f64, rng: &mut Rng) -> DiaryCard {
    let p = progress(week);
    let level = |rng: &mut Rng, scale: f64| ((scale * (1.0 - p) + 0.7 * rng.noise()).round().clamp(0.0, 5.0)) as u8;
    let setback = SETBACK_WEEKS.contains(&(week.floor() as u64));
    let self_harm_urge = level(rng, 4.0);
    DiaryCard {
        client: Some(client),
        date: Some(date),
        // Acting on self-harm happens only at the height of the setback, and early on.
        self_harm: TargetEntry {
            urge: Some(self_harm_urge),
            acted: self_harm_urge >= 4 && (setback || week < 3.0),
        },
        suicide: TargetEntry {
            urge: Some(level(rng, 2.5)),
            acted: false,
        },
        substance_use: TargetEntry {
            urge: Some(level(rng, 3.0)),
            acted: false,
        },
        sadness: Some(level(rng, 4.0)),
        anger: Some(level(rng, 3.0)),
        fear: Some(level(rng, 3.5)),
        shame: Some(level(rng, 4.5)),
        joy: Some(((1.0 + 3.5 * p + 0.7 * rng.noise()).round().clamp(0.0, 5.0)) as u8),
        skills_used: Some(((1.5 + 5.0 * p + 0.8 * rng.noise()).round().clamp(0.0, 7.0)) as u8),
        medication_taken: Some(rng.next() % 10 != 0),
        notes: String::new(),
        ..DiaryCard::default()
    }
}

fn goals(client: RecordId, start: NaiveDate, notes: &[RecordId], rng: &mut Rng) -> Vec<(RecordId, AnyRecord)> {
    let mut out = Vec::new();
    let achieved_on = start + Days::new(7 * 12);
    let tipp_id = rng.id();
    out.push((
        tipp_id,
        AnyRecord::Goal(Goal {
            client: Some(client),
            title: "Use TIPP when urges peak".into(),
            area: Some(SkillArea::DistressTolerance),
            proposed_by: ProposedBy::Both,
            target_date: Some(start + Days::new(7 * 12)),
            status: GoalStatus::Achieved,
            linked_notes: notes.iter().step_by(4).copied().collect(),
            achieved_on: Some(achieved_on),
            updated_ms: 0,
        }),
    ));
    out.push((
        rng.id(),
        AnyRecord::Milestone(Milestone {
            client: Some(client),
            date: Some(achieved_on),
            text: "Goal achieved: Use TIPP when urges peak".into(),
            goal: Some(tipp_id),
            updated_ms: 0,
        }),
    ));
    out.push((
        rng.id(),
        AnyRecord::Milestone(Milestone {
            client: Some(client),
            date: Some(start + Days::new(7 * 9)),
            text: "First month without self-harm".into(),
            goal: None,
            updated_ms: 0,
        }),
    ));
    for (title, area, by) in [
        (
            "Ask for what I need using DEAR MAN",
            SkillArea::InterpersonalEffectiveness,
            ProposedBy::Client,
        ),
        (
            "Practise wise mind for five minutes daily",
            SkillArea::Mindfulness,
            ProposedBy::Therapist,
        ),
    ] {
        out.push((
            rng.id(),
            AnyRecord::Goal(Goal {
                client: Some(client),
                title: title.into(),
                area: Some(area),
                proposed_by: by,
                target_date: Some(start + Days::new(7 * 30)),
                status: GoalStatus::Active,
                ..Goal::default()
            }),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notebook::memory::Notebook;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn notebook() -> (Notebook, RecordId) {
        let mut nb = Notebook::default();
        for (id, r) in generate(today()) {
            nb.put(id, r);
        }
        let client = nb.clients[0].0;
        (nb, client)
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(generate(today()), generate(today()));
    }

    #[test]
    fn every_record_is_valid_and_in_range() {
        let (nb, client) = notebook();
        assert_eq!(nb.notes_of(&client).len(), DEMO_WEEKS as usize);
        for (_, n) in nb.notes_of(&client) {
            assert_eq!(n.validate(today()), Ok(()));
            assert_eq!(n.indicators.len(), 13);
        }
        let cards = nb.cards_of(&client);
        assert!(cards.len() > 150 && cards.len() < 176, "{} cards", cards.len());
        for (_, c) in &cards {
            assert_eq!(c.validate(today()), Ok(()));
        }
        for (_, g) in nb.goals_of(&client) {
            assert_eq!(g.validate(today()), Ok(()));
        }
        assert_eq!(nb.milestones_of(&client).len(), 2);
        // Newest note is today.
        assert_eq!(nb.notes_of(&client)[0].1.date, Some(today()));
    }

    #[test]
    fn traces_improvement_with_a_setback() {
        let (nb, client) = notebook();
        let mut notes = nb.notes_of(&client);
        notes.reverse();
        let mean = |range: std::ops::Range<usize>| {
            let scores: Vec<f64> = notes[range]
                .iter()
                .filter_map(|(_, n)| n.area_score(SkillArea::EmotionRegulation))
                .collect();
            scores.iter().sum::<f64>() / scores.len() as f64
        };
        let (first, before, during, last) = (mean(0..3), mean(11..14), mean(15..19), mean(23..26));
        assert!(last > first + 3.0, "improves: {first} → {last}");
        assert!(during < before - 1.0, "setback: {before} → {during}");
        assert!(last > during + 1.5, "recovers: {during} → {last}");
        // Self-harm was acted on during the setback, and not in the final two months.
        let acted: Vec<NaiveDate> = nb
            .cards_of(&client)
            .iter()
            .filter(|(_, c)| c.self_harm.acted)
            .filter_map(|(_, c)| c.date)
            .collect();
        assert!(acted
            .iter()
            .any(|d| *d > today() - Days::new(7 * 11) && *d < today() - Days::new(7 * 6)));
        assert!(acted.iter().all(|d| *d < today() - Days::new(7 * 6)));
    }
}

#[cfg(test)]
mod insight_tests {
    use super::*;
    use crate::domain::clinical::analytics::change::RciOverrides;
    use crate::domain::clinical::analytics::{milestones, warnings};
    use crate::domain::notebook::memory::Notebook;

    #[test]
    fn the_setback_raises_warnings_and_the_recovery_brings_milestones() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut nb = Notebook::default();
        for (id, r) in generate(today) {
            nb.put(id, r);
        }
        let client = nb.clients[0].0;
        let notes: Vec<_> = nb.notes_of(&client).into_iter().map(|(_, n)| n).collect();
        let cards: Vec<_> = nb.cards_of(&client).into_iter().map(|(_, c)| c).collect();
        let goals: Vec<_> = nb.goals_of(&client).into_iter().map(|(_, g)| g).collect();
        let setback_start = today - Days::new(7 * (DEMO_WEEKS - 1 - SETBACK_WEEKS.start()));
        let found = warnings::detect(&notes, &cards, &RciOverrides::new(), today);
        for w in &found {
            eprintln!("{:?} {} – {} active={}", w.rule, w.first, w.last, w.active);
        }
        assert!(
            found
                .iter()
                .any(|w| w.first >= setback_start - Days::new(14) && w.first <= setback_start + Days::new(35)),
            "a warning during the setback"
        );
        let ms = milestones::detect(&notes, &cards, &goals);
        for m in &ms {
            eprintln!("{} {}", m.date, m.text);
        }
        assert!(ms.iter().any(|m| m.text.starts_with("30 days without")));
        assert!(ms.iter().any(|m| m.text.starts_with("Goal achieved")));
    }
}
