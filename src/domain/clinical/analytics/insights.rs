//! Domain layer: everything the Trends page shows for one client, computed once per notebook
//! change, range and baseline from the client's records plus `today` — the records in range,
//! the effectiveness summary, each indicator's course, warnings, suggestions, milestones,
//! the dated marks on the charts and the recurring patterns. Pure: the shell gathers the
//! records and draws the result.
//!
//! Baselines, reliable change and suggestions read every record up to `today`; the range
//! only chooses what is drawn and listed (and what the slopes cover).

use chrono::NaiveDate;

use super::attention::{self, life_threatening_evidence, Flag};
use super::change::{Measure, RciOverrides};
use super::milestones::{self, Found};
use super::patterns::{prompting_events, weekday_urges};
use super::series::{indicator_points, CardMeasure, Range};
use super::suggestions::{respect_hierarchy, suggest, Suggestion};
use super::summary::{course_in_range, effectiveness, Course, Effectiveness};
use super::warnings::{self, Warning};
use super::Evidence;
use crate::domain::base::order;
use crate::domain::base::ymd::parse_ymd;
use crate::domain::clinical::client::Client;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::goal::{Goal, Milestone};
use crate::domain::clinical::note::ProgressNote;
use crate::domain::clinical::skills::Indicator;

/// Most frequent prompting events listed.
pub const TOP_EVENTS: usize = 5;

/// One client's records, as the notebook lists them (notes and cards newest first).
#[derive(Debug, Clone, Copy)]
pub struct ClientRecords<'a> {
    /// Progress notes.
    pub notes: &'a [&'a ProgressNote],
    /// Diary cards.
    pub cards: &'a [&'a DiaryCard],
    /// Goals.
    pub goals: &'a [&'a Goal],
    /// Milestones recorded by hand or when a goal was achieved.
    pub milestones: &'a [&'a Milestone],
    /// Ids of the suggestions the clinician dismissed.
    pub dismissed: &'a [String],
    /// The clinician's reliable-change parameters.
    pub rci: &'a RciOverrides,
    /// The client's urge threshold for a needs-attention flag.
    pub urge_at: u8,
    /// Whether sessions are recorded here (a clinician's notebook): missed sessions are
    /// flagged only then.
    pub sessions: bool,
}

/// A dated mark on the time axis of the charts (milestones, goal target dates).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// When.
    pub date: NaiveDate,
    /// What.
    pub label: String,
}

/// Everything the Trends page shows for one range.
#[derive(Debug, Clone, PartialEq)]
pub struct Insights {
    /// First day drawn: the range's start, else the first record, never after `to`.
    pub from: NaiveDate,
    /// Last day drawn (today).
    pub to: NaiveDate,
    /// Notes dated within the range, in the order given.
    pub notes: Vec<ProgressNote>,
    /// Cards dated within the range, in the order given.
    pub cards: Vec<DiaryCard>,
    /// The effectiveness summary.
    pub summary: Effectiveness,
    /// Every indicator's course (raw ratings; the class reads them in their direction),
    /// levels from the start of treatment, sessions drawn and slopes over the range.
    pub indicators: Vec<(Indicator, Course)>,
    /// Needs-attention flags active today, highest level of the hierarchy first.
    pub flags: Vec<Flag>,
    /// Warnings active now or seen within the range.
    pub warnings: Vec<Warning>,
    /// Suggestions not dismissed.
    pub suggestions: Vec<Suggestion>,
    /// Milestones found or recorded within the range, newest first.
    pub milestones: Vec<Found>,
    /// Marks between `from` and `to`: milestones, then goal target dates.
    pub marks: Vec<Mark>,
    /// Mean of each urge per weekday over the cards in range.
    pub weekdays: Vec<(CardMeasure, [Option<f64>; 7])>,
    /// The most frequent prompting events in range, with their counts.
    pub events: Vec<(String, usize)>,
}

/// A baseline period typed as two dates, to keep on the client: both empty is none (the
/// first three sessions of treatment); otherwise both must be dates, in order.
pub fn parse_baseline(from: &str, to: &str) -> Result<Option<(NaiveDate, NaiveDate)>, String> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(None);
    }
    baseline_period(from, to)
        .map(Some)
        .ok_or_else(|| "Enter both baseline dates, the first on or before the second, or leave both empty.".into())
}

/// A baseline period typed as two dates; `None` unless both parse and are in order.
pub fn baseline_period(from: &str, to: &str) -> Option<(NaiveDate, NaiveDate)> {
    match (parse_ymd(from), parse_ymd(to)) {
        (Some(a), Some(b)) if a <= b => Some((a, b)),
        _ => None,
    }
}

/// Compute the page for `range` ending `today`, with an optional chosen baseline period.
pub fn insights(
    records: &ClientRecords,
    range: Range,
    today: NaiveDate,
    baseline: Option<(NaiveDate, NaiveDate)>,
) -> Insights {
    let start = range.start(today);
    let in_range = |d: Option<NaiveDate>| d.is_some_and(|d| start.is_none_or(|s| d >= s) && d <= today);
    let notes: Vec<ProgressNote> = records
        .notes
        .iter()
        .filter(|n| in_range(n.date))
        .map(|n| (*n).clone())
        .collect();
    let cards: Vec<DiaryCard> = records
        .cards
        .iter()
        .filter(|c| in_range(c.date))
        .map(|c| (*c).clone())
        .collect();
    let first_data = notes
        .iter()
        .filter_map(|n| n.date)
        .chain(cards.iter().filter_map(|c| c.date))
        .min();
    let from = start.or(first_data).unwrap_or(today).min(today);
    let summary = effectiveness(records.notes, records.cards, records.rci, start, today, baseline);
    let flags = attention::flags(records.notes, records.cards, records.urge_at, records.sessions, today);
    // While a life-threatening flag is active, no suggestion to advance skills is made.
    let suggestions = respect_hierarchy(suggest(&summary.areas), life_threatening_evidence(&flags).as_deref())
        .into_iter()
        .filter(|s| !records.dismissed.contains(&s.id))
        .collect();
    let warnings = warnings::detect(records.notes, records.cards, records.rci, today)
        .into_iter()
        .filter(|w| w.active || start.is_none_or(|s| w.last >= s))
        .collect();
    let milestones = milestones_since(records, start);
    let marks = marks(&milestones, records.goals, from, today);
    let treatment = records
        .notes
        .iter()
        .copied()
        .filter(|n| n.date.is_some_and(|d| d <= today));
    let indicators = Indicator::ALL
        .iter()
        .map(|i| {
            let history = indicator_points(treatment.clone(), *i);
            (
                *i,
                course_in_range(history, start, Measure::Indicator(*i), records.rci, baseline),
            )
        })
        .collect();
    let weekdays = weekday_urges(&cards.iter().collect::<Vec<_>>());
    let events = prompting_events(&notes.iter().collect::<Vec<_>>(), TOP_EVENTS);
    Insights {
        from,
        to: today,
        notes,
        cards,
        summary,
        indicators,
        flags,
        warnings,
        suggestions,
        milestones,
        marks,
        weekdays,
        events,
    }
}

/// Milestones found in the records plus those recorded by hand (not for a goal, whose
/// achievement is found already), on or after `start`, newest first.
fn milestones_since(records: &ClientRecords, start: Option<NaiveDate>) -> Vec<Found> {
    let mut found = milestones::detect(records.notes, records.cards, records.goals);
    for m in records.milestones {
        if let Some(date) = m.date.filter(|_| m.goal.is_none()) {
            found.push(Found {
                date,
                text: m.text.clone(),
                evidence: vec![Evidence::new("Recorded by hand", date.to_string())],
            });
        }
    }
    found.retain(|m| start.is_none_or(|s| m.date >= s));
    order::sort_by_key(&mut found, |m| std::cmp::Reverse(m.date));
    found
}

/// The milestones, then the goals' target dates, that fall between `from` and `to`.
fn marks(milestones: &[Found], goals: &[&Goal], from: NaiveDate, to: NaiveDate) -> Vec<Mark> {
    let reached = milestones.iter().map(|m| Mark {
        date: m.date,
        label: m.text.clone(),
    });
    let targets = goals.iter().filter_map(|g| {
        Some(Mark {
            date: g.target_date?,
            label: format!("Target date: {}", g.title),
        })
    });
    reached
        .chain(targets)
        .filter(|m| m.date >= from && m.date <= to)
        .collect()
}

/// The client with one more suggestion dismissed, saved at `now_ms`.
pub fn dismiss_suggestion(client: &Client, id: &str, now_ms: i64) -> Client {
    let mut c = client.clone();
    c.dismissed.push(id.to_string());
    c.updated_ms = now_ms;
    c
}

/// The value of a range in the range select: its position in [`Range::ALL`].
pub fn range_key(range: Range) -> String {
    Range::ALL.iter().position(|r| *r == range).unwrap_or(2).to_string()
}

/// The range a select value names; the default range for anything else.
pub fn range_from_key(key: &str) -> Range {
    key.parse::<usize>()
        .ok()
        .and_then(|i| Range::ALL.get(i).copied())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::warnings::Rule;
    use crate::domain::clinical::diary::TargetEntry;
    use crate::domain::clinical::goal::GoalStatus;
    use crate::domain::clinical::note::ChainAnalysis;
    use crate::domain::vault::ids::RecordId;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn note(date: NaiveDate, v: u8, event: &str) -> ProgressNote {
        ProgressNote {
            chain: ChainAnalysis {
                prompting_event: event.into(),
                ..ChainAnalysis::default()
            },
            ..ProgressNote::rated(Some(date), &[(Indicator::Communication, v)])
        }
    }

    fn card(date: NaiveDate, urge: u8) -> DiaryCard {
        DiaryCard {
            date: Some(date),
            self_harm: TargetEntry {
                urge: Some(urge),
                acted: false,
            },
            ..DiaryCard::default()
        }
    }

    #[test]
    fn a_baseline_to_keep_is_both_dates_in_order_or_none() {
        assert_eq!(parse_baseline(" ", ""), Ok(None));
        assert_eq!(
            parse_baseline("2026-01-05", "2026-02-01"),
            Ok(Some((
                NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()
            )))
        );
        assert!(parse_baseline("2026-01-05", "").is_err());
        assert!(parse_baseline("2026-02-05", "2026-02-01").is_err());
        assert!(parse_baseline("5 Jan", "2026-02-01").is_err());
    }

    #[test]
    fn baseline_period_needs_two_dates_in_order() {
        assert_eq!(
            baseline_period("2026-03-01", "2026-03-09"),
            Some((day(3, 1), day(3, 9)))
        );
        assert_eq!(
            baseline_period("2026-03-09", "2026-03-09"),
            Some((day(3, 9), day(3, 9)))
        );
        assert_eq!(baseline_period("2026-03-10", "2026-03-09"), None);
        assert_eq!(baseline_period("2026-03-01", ""), None);
        assert_eq!(baseline_period("", ""), None);
    }

    #[test]
    fn ranges_round_trip_through_their_keys() {
        assert_eq!(range_key(Range::FourWeeks), "0");
        assert_eq!(range_key(Range::SixMonths), "2");
        assert_eq!(range_key(Range::All), "4");
        assert_eq!(range_from_key("1"), Range::ThreeMonths);
        assert_eq!(range_from_key("4"), Range::All);
        assert_eq!(range_from_key("5"), Range::SixMonths);
        assert_eq!(range_from_key("x"), Range::SixMonths);
    }

    #[test]
    fn dismissing_appends_the_id_and_stamps_the_time() {
        let client = Client {
            name: "Ana".into(),
            dismissed: vec!["a".into()],
            ..Client::default()
        };
        let c = dismiss_suggestion(&client, "b", 42);
        assert_eq!(c.dismissed, ["a", "b"]);
        assert_eq!(c.updated_ms, 42);
        assert_eq!(c.name, "Ana");
        assert_eq!(client.dismissed, ["a"], "the original is left alone");
    }

    /// Today is 2026-06-30; four weeks back starts on 2026-06-03 (27 days earlier).
    #[test]
    fn four_weeks_by_hand() {
        let today = day(6, 30);
        let notes = [
            note(day(7, 2), 9, "Future"), // after today: out
            note(day(6, 20), 6, "Work email"),
            note(day(6, 10), 4, "work  EMAIL"),
            note(day(6, 3), 2, "Argument"),
            note(day(6, 2), 1, "Argument"), // before the range
        ];
        // 2026-06-08 and 2026-06-15 are Mondays; 2026-06-09 a Tuesday.
        let cards = [
            card(day(6, 15), 4),
            card(day(6, 9), 1),
            card(day(6, 8), 2),
            card(day(5, 1), 5),
        ];
        let goal = Goal {
            title: "Sleep".into(),
            target_date: Some(day(6, 25)),
            status: GoalStatus::Active,
            ..Goal::default()
        };
        let late_goal = Goal {
            title: "Later".into(),
            target_date: Some(day(8, 1)),
            ..Goal::default()
        };
        let by_hand = Milestone {
            date: Some(day(6, 12)),
            text: "First group".into(),
            ..Milestone::default()
        };
        let for_goal = Milestone {
            date: Some(day(6, 13)),
            text: "Goal achieved: Sleep".into(),
            goal: Some(RecordId::from_bytes([1; 16])),
            ..Milestone::default()
        };
        let old = Milestone {
            date: Some(day(1, 5)),
            text: "Old".into(),
            ..Milestone::default()
        };
        let dismissed: Vec<String> = Vec::new();
        let rci = RciOverrides::new();
        let records = ClientRecords {
            notes: &notes.iter().collect::<Vec<_>>(),
            cards: &cards.iter().collect::<Vec<_>>(),
            goals: &[&goal, &late_goal],
            milestones: &[&by_hand, &for_goal, &old],
            dismissed: &dismissed,
            rci: &rci,
            urge_at: attention::DEFAULT_URGE_FLAG_AT,
            sessions: true,
        };
        let ins = insights(&records, Range::FourWeeks, today, None);
        assert_eq!((ins.from, ins.to), (day(6, 3), today));
        let dates: Vec<_> = ins.notes.iter().map(|n| n.date.unwrap()).collect();
        assert_eq!(dates, [day(6, 20), day(6, 10), day(6, 3)]);
        assert_eq!(ins.cards.len(), 3);
        assert_eq!(ins.summary.sessions, 3);
        // Communication: 3 sessions shown, but its levels come from the 4 of treatment up to
        // today (2 June too): baseline = first 2 (1, 2) → 1.5, current = last 2 (4, 6) → 5.
        let (i, communication) = &ins.indicators[3];
        assert_eq!(*i, Indicator::Communication);
        assert_eq!(communication.points.len(), 3);
        let l = communication.levels.unwrap();
        assert_eq!((l.baseline, l.current), (1.5, 5.0));
        assert_eq!(ins.indicators.len(), 13);
        assert!(ins.indicators[0].1.points.is_empty(), "outbursts never rated");
        // Only the hand-recorded milestone of the range; the goal's is not duplicated.
        let texts: Vec<&str> = ins.milestones.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["First group"]);
        assert_eq!(
            ins.milestones[0].evidence,
            [Evidence::new("Recorded by hand", "2026-06-12")]
        );
        assert_eq!(
            ins.marks,
            [
                Mark {
                    date: day(6, 12),
                    label: "First group".into()
                },
                Mark {
                    date: day(6, 25),
                    label: "Target date: Sleep".into()
                },
            ]
        );
        // Self-harm urge on Mondays: (4 + 2) / 2 = 3; Tuesday 1.
        assert_eq!(ins.weekdays[0].0, CardMeasure::SelfHarmUrge);
        assert_eq!(ins.weekdays[0].1[..3], [Some(3.0), Some(1.0), None]);
        // The first spelling seen is shown: the notes' order (newest first) is kept.
        assert_eq!(ins.events, [("Work email".to_string(), 2), ("Argument".to_string(), 1)]);
    }

    #[test]
    fn with_no_range_start_the_first_record_starts_the_axis() {
        let today = day(6, 30);
        let notes = [note(day(4, 2), 5, "")];
        let cards = [card(day(3, 20), 1)];
        let rci = RciOverrides::new();
        let records = ClientRecords {
            notes: &notes.iter().collect::<Vec<_>>(),
            cards: &cards.iter().collect::<Vec<_>>(),
            goals: &[],
            milestones: &[],
            dismissed: &[],
            rci: &rci,
            urge_at: attention::DEFAULT_URGE_FLAG_AT,
            sessions: true,
        };
        assert_eq!(insights(&records, Range::All, today, None).from, day(3, 20));
        let nothing = ClientRecords {
            notes: &[],
            cards: &[],
            ..records
        };
        assert_eq!(insights(&nothing, Range::All, today, None).from, today);
    }

    /// Cards with self-harm urges of 1 for 28 days then 4 for 7 days raise "Urges above
    /// their earlier level" (4 − 1 = 3 > 1.0); a range that starts after it ended keeps it
    /// only while it is active.
    /// Self-harm urges of 1 on 28 daily cards from 1 May, then 4 for 7 days (to 4 June, the
    /// 35th card's day); mindfulness rated 2, 2, 2 then 9, 9, 9 every five days: reliably
    /// improved and holding at 9.
    fn urges_rising_while_mindfulness_improves() -> (Vec<DiaryCard>, Vec<ProgressNote>) {
        let first = day(5, 1);
        let cards = (0..35u64)
            .map(|i| card(first + chrono::Days::new(i), if i < 28 { 1 } else { 4 }))
            .collect();
        let notes = [2u8, 2, 2, 9, 9, 9]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                ProgressNote::rated(
                    Some(day(5, 1 + 5 * i as u32)),
                    &[
                        (Indicator::PresentMomentAwareness, *v),
                        (Indicator::NonjudgmentalStance, *v),
                    ],
                )
            })
            .collect();
        (cards, notes)
    }

    #[test]
    fn warnings_in_range_and_dismissed_suggestions() {
        let (cards, notes) = urges_rising_while_mindfulness_improves();
        let today = day(6, 4);
        let rci = RciOverrides::new();
        let all = ClientRecords {
            notes: &notes.iter().collect::<Vec<_>>(),
            cards: &cards.iter().collect::<Vec<_>>(),
            goals: &[],
            milestones: &[],
            dismissed: &[],
            rci: &rci,
            // Urges of 4 stay below this client's threshold: no life-threatening flag here
            // (the next test has one).
            urge_at: 5,
            sessions: true,
        };
        let ins = insights(&all, Range::All, today, None);
        assert!(ins
            .warnings
            .iter()
            .any(|w| matches!(w.rule, Rule::UrgesRising(_)) && w.active));
        assert!(ins.flags.is_empty());
        assert!(ins.suggestions.iter().any(|s| s.id.starts_with("advance:mindfulness")));
        let dismissed: Vec<String> = ins.suggestions.iter().map(|s| s.id.clone()).collect();
        let without = insights(
            &ClientRecords {
                dismissed: &dismissed,
                ..all
            },
            Range::All,
            today,
            None,
        );
        assert!(without.suggestions.is_empty());
    }

    /// The same records with the default threshold: the self-harm urges of 4 raise a
    /// life-threatening flag, which puts the crisis plan first and holds back "advance".
    #[test]
    fn a_life_threatening_flag_holds_back_the_advance_suggestion() {
        let (cards, notes) = urges_rising_while_mindfulness_improves();
        let rci = RciOverrides::new();
        let records = ClientRecords {
            notes: &notes.iter().collect::<Vec<_>>(),
            cards: &cards.iter().collect::<Vec<_>>(),
            goals: &[],
            milestones: &[],
            dismissed: &[],
            rci: &rci,
            urge_at: attention::DEFAULT_URGE_FLAG_AT,
            sessions: true,
        };
        let ins = insights(&records, Range::All, day(6, 4), None);
        assert_eq!(ins.flags[0].title, "Self-harm urge at 4 or above");
        assert_eq!(ins.flags[0].evidence.len(), 7);
        assert!(ins.suggestions[0].id.starts_with("safety:"));
        assert!(ins.suggestions.iter().all(|s| !s.id.starts_with("advance:")));
    }

    /// Distress tolerance (coping with stressors) weekly from 2 March to 18 May: 8, 8, 8,
    /// 7, 7, 7, 6, 6, 5, 5, 5, 5. Over all of treatment, 8.0 → 5.0 is a reliable decline
    /// (RCI −3.04). The four-week range holds only 5, 5, 5, 5; every range gives the same
    /// baseline, class and suggestions, and the same indicator levels.
    #[test]
    fn the_range_never_changes_levels_or_suggestions() {
        let today = day(5, 18);
        let notes: Vec<ProgressNote> = [8u8, 8, 8, 7, 7, 7, 6, 6, 5, 5, 5, 5]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                ProgressNote::rated(
                    Some(day(3, 2) + chrono::Days::new(7 * i as u64)),
                    &[(Indicator::CopingWithStressors, *v)],
                )
            })
            .collect();
        let rci = RciOverrides::new();
        let records = ClientRecords {
            notes: &notes.iter().collect::<Vec<_>>(),
            cards: &[],
            goals: &[],
            milestones: &[],
            dismissed: &[],
            rci: &rci,
            urge_at: attention::DEFAULT_URGE_FLAG_AT,
            sessions: true,
        };
        let all = insights(&records, Range::All, today, None);
        assert_eq!(
            all.suggestions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["decline:distress_tolerance:2026-05-18"]
        );
        let area = |ins: &Insights| {
            let (a, c) = &ins.summary.areas[2];
            (*a, c.levels, c.rci, c.class, c.history.clone())
        };
        let indicator = |ins: &Insights| {
            let c = &ins.indicators[9].1;
            (c.levels, c.rci, c.class)
        };
        for range in Range::ALL {
            let ins = insights(&records, range, today, None);
            assert_eq!(ins.suggestions, all.suggestions, "{range:?}");
            assert_eq!(area(&ins), area(&all), "{range:?}");
            assert_eq!(indicator(&ins), indicator(&all), "{range:?}");
        }
        let four = insights(&records, Range::FourWeeks, today, None);
        assert_eq!(four.summary.areas[2].1.points.len(), 4);
        assert_eq!(four.summary.areas[2].1.robust_slope, Some(0.0));
        let l = four.summary.areas[2].1.levels.unwrap();
        assert_eq!((l.baseline, l.current), (8.0, 5.0));
    }
}
