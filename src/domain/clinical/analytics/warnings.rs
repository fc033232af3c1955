//! Early warning signs for relapse prevention. Each rule is evaluated on every day (or
//! session) of the record, so a warning shows when it started and ended, and whether it is
//! active now. Warnings describe data, never a diagnosis.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::change::{classify, params_for, rci, ChangeClass, Measure, RciOverrides, WINDOW};
use super::milestones::streaks;
use super::series::area_points;
use super::stats::mean;
use super::Evidence;
use crate::domain::base::order::{self, Collect};
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::clinical::skills::SkillArea;

/// Days in the recent window.
pub const RECENT_DAYS: u64 = 7;
/// Days in the prior window, just before the recent one.
pub const PRIOR_DAYS: u64 = 28;
/// Cards needed in the recent window for a comparison.
pub const MIN_RECENT_CARDS: usize = 4;
/// Cards needed in the prior window for a comparison.
pub const MIN_PRIOR_CARDS: usize = 14;
/// Rise in mean highest urge (0–5) that counts as "above the prior level".
pub const URGE_RISE: f64 = 1.0;
/// Fall in mean skills use (0–7) that counts as "dropping".
pub const SKILLS_DROP: f64 = 1.5;
/// A streak at least this long before acting again counts as a return.
pub const RETURN_AFTER_STREAK: i64 = 14;
/// Days a "returned" warning stays active after the day it happened.
pub const RETURN_ACTIVE_DAYS: i64 = 7;

/// The rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// Mean highest urge of the last 7 days above the prior 28 days' mean.
    UrgesRising,
    /// Mean skills use of the last 7 days below the prior 28 days' mean.
    SkillsDropping,
    /// A target behaviour acted on after a streak without it.
    BehaviourReturned,
    /// Few cards in the last 7 days from someone who kept them before.
    MissedCards,
    /// A skill area reliably lower than in the three sessions before.
    ReliableDecline(SkillArea),
}

impl Rule {
    /// The rule in words, shown with every warning.
    pub fn describe(self) -> String {
        match self {
            Rule::UrgesRising => format!(
                "Mean highest urge over the last {RECENT_DAYS} days is more than {URGE_RISE:.1} point above the mean of the {PRIOR_DAYS} days before."
            ),
            Rule::SkillsDropping => format!(
                "Mean skills use over the last {RECENT_DAYS} days is more than {SKILLS_DROP:.1} points below the mean of the {PRIOR_DAYS} days before."
            ),
            Rule::BehaviourReturned => {
                format!("A target behaviour was acted on after at least {RETURN_AFTER_STREAK} days without one.")
            }
            Rule::MissedCards => format!(
                "Fewer than {MIN_RECENT_CARDS} diary cards in the last {RECENT_DAYS} days, after at least {MIN_PRIOR_CARDS} in the {PRIOR_DAYS} days before."
            ),
            Rule::ReliableDecline(area) => format!(
                "{} over the last {WINDOW} sessions is reliably lower (RCI below −1.96) than over the {WINDOW} sessions before.",
                area.label()
            ),
        }
    }

    /// A short title.
    pub fn title(self) -> String {
        match self {
            Rule::UrgesRising => "Urges above their earlier level".into(),
            Rule::SkillsDropping => "Skills use dropping".into(),
            Rule::BehaviourReturned => "Target behaviour returned after a streak".into(),
            Rule::MissedCards => "Diary cards missed".into(),
            Rule::ReliableDecline(a) => format!("{} declining", a.label()),
        }
    }
}

/// One warning episode.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Which rule fired.
    pub rule: Rule,
    /// First day it fired.
    pub first: NaiveDate,
    /// Last day it fired.
    pub last: NaiveDate,
    /// Still firing on the latest day evaluated.
    pub active: bool,
    /// The data points on the day it first fired.
    pub evidence: Vec<Evidence>,
}

/// A card day's highest urge and skills use.
type DayValues = (Option<u8>, Option<u8>);
/// Picks one of the two.
type Pick = fn(&DayValues) -> Option<u8>;

/// Card days by date.
struct CardDays {
    by_day: BTreeMap<NaiveDate, DayValues>,
}

impl CardDays {
    fn window(&self, from: NaiveDate, to: NaiveDate, pick: Pick) -> (usize, Vec<f64>) {
        let mut count = 0;
        let mut values = Vec::new();
        for (_, v) in self.by_day.range(from..=to) {
            count += 1;
            values.extend(pick(v).map(f64::from));
        }
        (count, values)
    }
}

/// Evaluate the card rules on `day`.
fn card_rules(days: &CardDays, day: NaiveDate) -> Vec<(Rule, Vec<Evidence>)> {
    let recent_from = day - Days::new(RECENT_DAYS - 1);
    let prior_to = recent_from - Days::new(1);
    let prior_from = recent_from - Days::new(PRIOR_DAYS);
    let mut fired = Vec::new();
    let compare = |pick: Pick| {
        let (_, recent) = days.window(recent_from, day, pick);
        let (_, prior) = days.window(prior_from, prior_to, pick);
        (recent.len() >= MIN_RECENT_CARDS && prior.len() >= MIN_PRIOR_CARDS).then(|| {
            (
                mean(&recent).expect("non-empty"),
                recent.len(),
                mean(&prior).expect("non-empty"),
                prior.len(),
            )
        })
    };
    let evidence = |what: &str, (r, rn, p, pn): (f64, usize, f64, usize)| {
        vec![
            Evidence::new(
                format!("{what}, {recent_from} to {day}"),
                format!("{r:.2} ({rn} cards)"),
            ),
            Evidence::new(
                format!("{what}, {prior_from} to {prior_to}"),
                format!("{p:.2} ({pn} cards)"),
            ),
        ]
    };
    if let Some(c) = compare(|v| v.0).filter(|c| c.0 > c.2 + URGE_RISE) {
        fired.push((Rule::UrgesRising, evidence("Mean highest urge", c)));
    }
    if let Some(c) = compare(|v| v.1).filter(|c| c.0 < c.2 - SKILLS_DROP) {
        fired.push((Rule::SkillsDropping, evidence("Mean skills use", c)));
    }
    let (recent_cards, _) = days.window(recent_from, day, |v| v.0);
    let (prior_cards, _) = days.window(prior_from, prior_to, |v| v.0);
    if recent_cards < MIN_RECENT_CARDS && prior_cards >= MIN_PRIOR_CARDS {
        fired.push((
            Rule::MissedCards,
            vec![
                Evidence::new(
                    format!("Cards {recent_from} to {day}"),
                    format!("{recent_cards} of {RECENT_DAYS} days"),
                ),
                Evidence::new(
                    format!("Cards {prior_from} to {prior_to}"),
                    format!("{prior_cards} of {PRIOR_DAYS} days"),
                ),
            ],
        ));
    }
    fired
}

/// Group days on which a rule fired into episodes.
fn episodes(mut firings: Vec<(Rule, NaiveDate, Vec<Evidence>)>, latest: NaiveDate, gap_days: i64) -> Vec<Warning> {
    order::sort_by(&mut firings, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<Warning> = Vec::new();
    for (rule, day, evidence) in firings {
        match out.last_mut() {
            Some(w) if w.rule == rule && (day - w.last).num_days() <= gap_days => w.last = day,
            _ => out.push(Warning {
                rule,
                first: day,
                last: day,
                active: false,
                evidence,
            }),
        }
    }
    for w in &mut out {
        w.active = w.last >= latest - Days::new(1);
    }
    out
}

/// Every warning episode, active first, then newest first. `today` is the last day the
/// card rules are evaluated.
pub fn detect(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    today: NaiveDate,
) -> Vec<Warning> {
    let days = CardDays {
        by_day: cards
            .iter()
            .filter_map(|c| Some((c.date?, (c.max_urge(), c.skills_used))))
            .filter(|(d, _)| *d <= today)
            .collect_map(),
    };
    let mut warnings = Vec::new();
    if let Some(first) = days.by_day.keys().next().copied() {
        let mut firings = Vec::new();
        let mut day = first + Days::new(RECENT_DAYS + PRIOR_DAYS - 1);
        while day <= today {
            firings.extend(card_rules(&days, day).into_iter().map(|(r, e)| (r, day, e)));
            day = day + Days::new(1);
        }
        warnings.extend(episodes(firings, today, 1));
    }
    // A behaviour returning after a streak: the day it happened, active for a week.
    let clean = streaks(cards);
    for (start, end) in clean {
        if (end - start).num_days() + 1 < RETURN_AFTER_STREAK {
            continue;
        }
        let acted = cards
            .iter()
            .filter_map(|c| c.date.filter(|_| c.any_acted()))
            .filter(|d| *d > end && *d <= today)
            .min();
        if let Some(day) = acted.filter(|d| (*d - end).num_days() <= super::milestones::MAX_GAP_DAYS + 1) {
            warnings.push(Warning {
                rule: Rule::BehaviourReturned,
                first: day,
                last: day,
                active: (today - day).num_days() <= RETURN_ACTIVE_DAYS,
                evidence: vec![
                    Evidence::new(
                        "Streak without acting",
                        format!("{start} to {end} ({} days)", (end - start).num_days() + 1),
                    ),
                    Evidence::new("Acted on", day.to_string()),
                ],
            });
        }
    }
    // Reliable decline between consecutive three-session windows.
    let latest_note = notes.iter().filter_map(|n| n.date).max();
    for area in SkillArea::ALL {
        let points = area_points(notes.iter().copied(), area);
        let params = params_for(Measure::Area(area), overrides);
        let mut firings = Vec::new();
        for end in (2 * WINDOW)..=points.len() {
            let before: Vec<f64> = points[end - 2 * WINDOW..end - WINDOW].iter().map(|p| p.1).collect();
            let recent: Vec<f64> = points[end - WINDOW..end].iter().map(|p| p.1).collect();
            let (b, r) = (mean(&before).expect("window"), mean(&recent).expect("window"));
            if let Some(index) = rci(b, r, params).filter(|i| classify(*i, true) == ChangeClass::ReliablyDeteriorated) {
                let date = points[end - 1].0;
                firings.push((
                    Rule::ReliableDecline(area),
                    date,
                    vec![
                        Evidence::new(
                            format!(
                                "Mean of sessions {} to {}",
                                points[end - 2 * WINDOW].0,
                                points[end - WINDOW - 1].0
                            ),
                            format!("{b:.2}"),
                        ),
                        Evidence::new(
                            format!("Mean of sessions {} to {}", points[end - WINDOW].0, date),
                            format!("{r:.2}"),
                        ),
                        Evidence::new("Reliable change index", format!("{index:.2}")),
                    ],
                ));
            }
        }
        // Consecutive sessions belong to one episode, whatever the days between them.
        let mut eps = episodes(firings, latest_note.unwrap_or(today), 60);
        for w in &mut eps {
            w.active = Some(w.last) == latest_note;
        }
        warnings.extend(eps);
    }
    order::sort_by(&mut warnings, |a, b| b.active.cmp(&a.active).then(b.last.cmp(&a.last)));
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::TargetEntry;

    fn base() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn card(day: u64, urge: u8, skills: u8, acted: bool) -> DiaryCard {
        DiaryCard {
            date: Some(base() + Days::new(day)),
            self_harm: TargetEntry {
                urge: Some(urge),
                acted,
            },
            skills_used: Some(skills),
            ..DiaryCard::default()
        }
    }

    fn run(cards: &[DiaryCard], today_offset: u64) -> Vec<Warning> {
        detect(
            &[],
            &cards.iter().collect::<Vec<_>>(),
            &RciOverrides::new(),
            base() + Days::new(today_offset),
        )
    }

    #[test]
    fn urges_above_the_prior_level_fire_and_equal_urges_do_not() {
        // 28 prior days at urge 1, then 7 days at urge 3: recent mean 3 > 1 + 1.
        let mut cards: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 5, false)).collect();
        cards.extend((28..35).map(|d| card(d, 3, 5, false)));
        let w = run(&cards, 34);
        let urges: Vec<&Warning> = w.iter().filter(|w| w.rule == Rule::UrgesRising).collect();
        assert_eq!(urges.len(), 1);
        assert!(urges[0].active);
        assert_eq!(urges[0].first, base() + Days::new(34));
        assert_eq!(urges[0].evidence[0].value, "3.00 (7 cards)");
        assert_eq!(urges[0].evidence[1].value, "1.00 (28 cards)");
        // A rise of exactly one point is not "more than one point".
        let mut flat: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 5, false)).collect();
        flat.extend((28..35).map(|d| card(d, 2, 5, false)));
        assert!(run(&flat, 34).iter().all(|w| w.rule != Rule::UrgesRising));
    }

    #[test]
    fn skills_dropping_and_missed_cards() {
        let mut cards: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 6, false)).collect();
        cards.extend((28..35).map(|d| card(d, 1, 4, false)));
        assert!(run(&cards, 34).iter().any(|w| w.rule == Rule::SkillsDropping));
        // Skills 6 → 5: a drop of one is below the threshold.
        let mut mild: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 6, false)).collect();
        mild.extend((28..35).map(|d| card(d, 1, 5, false)));
        assert!(run(&mild, 34).iter().all(|w| w.rule != Rule::SkillsDropping));
        // Cards stop after day 27: on day 34 none of the last 7 days has one.
        let stopped: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 6, false)).collect();
        let w = run(&stopped, 34);
        let missed = w.iter().find(|w| w.rule == Rule::MissedCards).expect("missed cards");
        assert!(missed.active);
        assert!(run(&cards, 34).iter().all(|w| w.rule != Rule::MissedCards));
    }

    #[test]
    fn a_behaviour_returning_after_a_streak_fires_once() {
        let mut cards: Vec<DiaryCard> = (0..20).map(|d| card(d, 1, 5, false)).collect();
        cards.push(card(20, 4, 2, true));
        let w = run(&cards, 22);
        let returned: Vec<&Warning> = w.iter().filter(|w| w.rule == Rule::BehaviourReturned).collect();
        assert_eq!(returned.len(), 1);
        assert_eq!(returned[0].first, base() + Days::new(20));
        assert!(returned[0].active);
        assert!(
            !run(&cards, 40)
                .iter()
                .find(|w| w.rule == Rule::BehaviourReturned)
                .unwrap()
                .active
        );
        // After only ten clean days it is not a "return after a streak".
        let mut short: Vec<DiaryCard> = (0..10).map(|d| card(d, 1, 5, false)).collect();
        short.push(card(10, 4, 2, true));
        assert!(run(&short, 12).iter().all(|w| w.rule != Rule::BehaviourReturned));
    }

    #[test]
    fn a_reliable_decline_between_session_windows() {
        use crate::domain::clinical::skills::Indicator;
        let note =
            |i: u64, v: u8| ProgressNote::rated(Some(base() + Days::new(7 * i)), &[(Indicator::Communication, v)]);
        // 7, 7, 7 then 4, 4, 4: RCI = −3 / 0.9859 = −3.04 → reliable decline at the 6th.
        let notes: Vec<ProgressNote> = [7, 7, 7, 4, 4, 4]
            .iter()
            .enumerate()
            .map(|(i, v)| note(i as u64, *v))
            .collect();
        let refs: Vec<&ProgressNote> = notes.iter().collect();
        let w = detect(&refs, &[], &RciOverrides::new(), base() + Days::new(40));
        let decline: Vec<&Warning> = w
            .iter()
            .filter(|w| w.rule == Rule::ReliableDecline(SkillArea::InterpersonalEffectiveness))
            .collect();
        assert_eq!(decline.len(), 1);
        assert!(decline[0].active);
        assert_eq!(decline[0].evidence[2].value, "-3.04");
        // 7, 7, 7 then 6, 6, 5: RCI = −1.33 / 0.986 = −1.35 → silent.
        let notes: Vec<ProgressNote> = [7, 7, 7, 6, 6, 5]
            .iter()
            .enumerate()
            .map(|(i, v)| note(i as u64, *v))
            .collect();
        let refs: Vec<&ProgressNote> = notes.iter().collect();
        assert!(detect(&refs, &[], &RciOverrides::new(), base() + Days::new(40)).is_empty());
    }
}
