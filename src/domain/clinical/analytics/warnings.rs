//! Domain layer: early warning signs for relapse prevention, from diary cards and progress
//! notes. Pure functions of the records and `today`; no I/O. Each card rule is evaluated on
//! every day, and the decline rule on every rated session, so a warning shows when it started
//! and ended, and whether it is active now. Warnings describe data, never a diagnosis.
//!
//! Each urge is its own series (a rising suicide urge must not hide behind a steady
//! substance-use urge), and whole-number data (urges, counts of days) are compared in
//! integers by cross-multiplying, so an exact tie never fires a "more than" rule.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Bound, RangeInclusive};

use chrono::{Days, NaiveDate};

use super::change::{classify, params_for, rci, ChangeClass, Measure, RciOverrides, RciParams, RELIABLE_Z, WINDOW};
use super::milestones::streaks;
use super::series::area_points;
use super::stats::{mean, Point};
use super::Evidence;
use crate::domain::base::order::{self, Collect};
use crate::domain::clinical::diary::{DiaryCard, TargetEntry, SKILLS_USE_MAX};
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
/// An urge's mean (0–5) over the recent window must be *more than* this many points above
/// its prior mean; exactly this much does not fire.
pub const URGE_RISE: u64 = 1;
/// The skills-use categories (on the 0–7 scale, `diary::SKILLS_USE_SCALE`) in which skills
/// were used: 4 "tried, could do them, but they didn't help" to 7 "didn't try, used them,
/// helped". The scale is not ordered, so it is never averaged.
pub const SKILLS_USED: RangeInclusive<u8> = 4..=SKILLS_USE_MAX;
/// The share of days with skills used must fall by *at least* this many percentage points.
pub const SKILLS_SHARE_DROP_POINTS: u64 = 40;
/// A streak at least this long before acting again counts as a return.
pub const RETURN_AFTER_STREAK: i64 = 14;
/// Days a "returned" warning stays active after the day it happened.
pub const RETURN_ACTIVE_DAYS: i64 = 7;

/// A target behaviour whose urge the card records; each is compared on its own series.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum UrgeTarget {
    /// Self-harm.
    SelfHarm,
    /// Suicide.
    Suicide,
    /// Substance use.
    SubstanceUse,
    /// A custom target, by its name: cards spelling it with other case or spacing are the
    /// same target, shown with the earliest card's spelling.
    Custom(String),
}

impl UrgeTarget {
    /// The target's name, capitalised as at the start of a sentence.
    pub fn label(&self) -> &str {
        match self {
            UrgeTarget::SelfHarm => "Self-harm",
            UrgeTarget::Suicide => "Suicide",
            UrgeTarget::SubstanceUse => "Substance use",
            UrgeTarget::Custom(name) => name,
        }
    }
}

/// The rules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// One target's mean urge over the last 7 days more than 1 point above its mean over the
    /// 28 days before.
    UrgesRising(UrgeTarget),
    /// The share of carded days with skills used (4–7) over the last 7 days at least 40
    /// percentage points below the share over the 28 days before.
    SkillsUsedOnFewerDays,
    /// A target behaviour acted on after a streak without it.
    BehaviourReturned,
    /// Few cards in the last 7 days from someone who kept them before.
    MissedCards,
    /// A skill area reliably lower than in the three sessions before.
    ReliableDecline(SkillArea),
}

impl Rule {
    /// The rule in words, with its exact threshold, shown with every warning.
    pub fn describe(&self) -> String {
        match self {
            Rule::UrgesRising(target) => format!(
                "{} urge (0–5), on the days whose card rates it: the mean over the last {RECENT_DAYS} days is more than {URGE_RISE} point above the mean over the {PRIOR_DAYS} days before (exactly {URGE_RISE} point does not count), with at least {MIN_RECENT_CARDS} and {MIN_PRIOR_CARDS} such days.",
                target.label()
            ),
            Rule::SkillsUsedOnFewerDays => format!(
                "Days with skills used ({}–{} on the 0–7 skills-use scale) as a share of the days whose card rates skills use: over the last {RECENT_DAYS} days at least {SKILLS_SHARE_DROP_POINTS} percentage points lower than over the {PRIOR_DAYS} days before, with at least {MIN_RECENT_CARDS} and {MIN_PRIOR_CARDS} such days.",
                SKILLS_USED.start(),
                SKILLS_USED.end()
            ),
            Rule::BehaviourReturned => format!(
                "A target behaviour was acted on after a streak of at least {RETURN_AFTER_STREAK} days without acting, whatever the days without cards in between; shown as active for {RETURN_ACTIVE_DAYS} days after."
            ),
            Rule::MissedCards => format!(
                "Fewer than {MIN_RECENT_CARDS} diary cards in the last {RECENT_DAYS} days, after at least {MIN_PRIOR_CARDS} in the {PRIOR_DAYS} days before."
            ),
            Rule::ReliableDecline(area) => format!(
                "{} ratings: the mean of the last {WINDOW} sessions that rate the area is reliably lower than the mean of the {WINDOW} sessions before (reliable change index below −{RELIABLE_Z}, with the area's SD and r).",
                area.label()
            ),
        }
    }

    /// A short title: what the data show.
    pub fn title(&self) -> String {
        match self {
            Rule::UrgesRising(target) => format!(
                "{} urges have been higher over the last {RECENT_DAYS} days than in the {PRIOR_DAYS} days before",
                target.label()
            ),
            Rule::SkillsUsedOnFewerDays => "Skills used on fewer days".into(),
            Rule::BehaviourReturned => "Target behaviour returned after a streak".into(),
            Rule::MissedCards => "Diary cards missed".into(),
            Rule::ReliableDecline(area) => format!(
                "{} ratings over the last {WINDOW} sessions are reliably lower than the {WINDOW} before",
                area.label()
            ),
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

/// Every warning episode, active first, then newest first. `today` is the last day
/// evaluated; records dated after it are left out.
pub fn detect(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    today: NaiveDate,
) -> Vec<Warning> {
    evaluate(notes, cards, overrides, today, Scope::History)
}

/// Only the warnings active on `today`: the active ones of [`detect`], the same values, at a
/// fraction of the cost (for a caseload view). The card rules are evaluated on `today` and
/// the day before; only a rule firing there is followed back, day by day, to the start of
/// its episode. The decline rule is evaluated at the latest rated session of each area.
pub fn active_as_of(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    today: NaiveDate,
) -> Vec<Warning> {
    evaluate(notes, cards, overrides, today, Scope::ActiveOnly)
}

/// How much of the record to evaluate.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    /// Every day and session: all episodes.
    History,
    /// The latest steps, and the episode of a rule firing there.
    ActiveOnly,
}

fn evaluate(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    today: NaiveDate,
    scope: Scope,
) -> Vec<Warning> {
    let cards: Vec<&DiaryCard> = cards
        .iter()
        .copied()
        .filter(|c| c.date.is_some_and(|d| d <= today))
        .collect();
    let notes: Vec<&ProgressNote> = notes
        .iter()
        .copied()
        .filter(|n| n.date.is_some_and(|d| d <= today))
        .collect();
    let days = CardDays::new(&cards);
    let mut warnings = card_warnings(&days, today, scope);
    warnings.extend(
        returns(&cards, &days, today)
            .into_iter()
            .filter(|w| scope == Scope::History || w.active),
    );
    warnings.extend(declines(&notes, overrides, scope));
    order::sort_by(&mut warnings, |a, b| b.active.cmp(&a.active).then(b.last.cmp(&a.last)));
    warnings
}

/// A rule firing at one step (a day, or a rated session): its date and the data behind it.
type Firing = (NaiveDate, Vec<Evidence>);

/// Group one rule's firings, given in step order, into episodes: firings at consecutive
/// steps are one episode, dated from its first to its last firing, with the first's evidence.
fn episodes(
    rule: &Rule,
    firings: impl IntoIterator<Item = (i64, Firing)>,
    active: impl Fn(i64) -> bool,
) -> Vec<Warning> {
    let mut out: Vec<(i64, Warning)> = Vec::new();
    for (step, (date, evidence)) in firings {
        match out.last_mut() {
            Some((last, w)) if step == *last + 1 => {
                *last = step;
                w.last = date;
            }
            _ => out.push((
                step,
                Warning {
                    rule: rule.clone(),
                    first: date,
                    last: date,
                    active: false,
                    evidence,
                },
            )),
        }
    }
    out.into_iter()
        .map(|(last, mut w)| {
            w.active = active(last);
            w
        })
        .collect()
}

/// The active episode of one rule, as [`episodes`] would give it: the latest of `latest`
/// (newest first) at which the rule fires, followed back while it fires, down to `lowest`.
fn active_episode(rule: &Rule, latest: &[i64], lowest: i64, fires: impl Fn(i64) -> Option<Firing>) -> Option<Warning> {
    let (last_step, (last, evidence)) = latest
        .iter()
        .filter(|s| **s >= lowest)
        .find_map(|s| Some((*s, fires(*s)?)))?;
    let (mut first, mut evidence) = (last, evidence);
    let mut step = last_step - 1;
    while step >= lowest {
        let Some((date, e)) = fires(step) else { break };
        (first, evidence) = (date, e);
        step -= 1;
    }
    Some(Warning {
        rule: rule.clone(),
        first,
        last,
        active: true,
        evidence,
    })
}

/// The card series the card rules read, one entry per day (a day with two cards counts once).
#[derive(Default)]
struct CardDays {
    /// Days with a card.
    carded: BTreeSet<NaiveDate>,
    /// Each target's urge per day on which a card rates it (the higher, if two do).
    urges: BTreeMap<UrgeTarget, BTreeMap<NaiveDate, u8>>,
    /// Days whose card rates skills use: whether skills were used (any card of the day).
    skills: BTreeMap<NaiveDate, bool>,
}

impl CardDays {
    /// From dated cards.
    fn new(cards: &[&DiaryCard]) -> Self {
        let mut dated: Vec<(NaiveDate, &DiaryCard)> = cards.iter().filter_map(|c| Some((c.date?, *c))).collect();
        order::sort_by_key(&mut dated, |(d, _)| *d);
        let mut days = Self::default();
        // Folded name → the earliest card's spelling.
        let mut names: BTreeMap<String, String> = BTreeMap::new();
        for (date, card) in dated {
            days.carded.insert(date);
            let mut entries: Vec<(UrgeTarget, &TargetEntry)> = vec![
                (UrgeTarget::SelfHarm, &card.self_harm),
                (UrgeTarget::Suicide, &card.suicide),
                (UrgeTarget::SubstanceUse, &card.substance_use),
            ];
            for custom in &card.custom_targets {
                let spelled = custom.name.split_whitespace().collect::<Vec<_>>().join(" ");
                let shown = names.entry(wisemind_text::fold(&spelled)).or_insert_with(|| {
                    if spelled.is_empty() {
                        "Unnamed target".into()
                    } else {
                        spelled
                    }
                });
                entries.push((UrgeTarget::Custom(shown.clone()), &custom.entry));
            }
            for (target, urge) in entries.into_iter().filter_map(|(t, e)| Some((t, e.urge?))) {
                let day = days.urges.entry(target).or_default().entry(date).or_insert(urge);
                *day = (*day).max(urge);
            }
            if let Some(skills) = card.skills_used {
                *days.skills.entry(date).or_default() |= SKILLS_USED.contains(&skills);
            }
        }
        days
    }

    /// The first day whose prior window can hold [`MIN_PRIOR_CARDS`] cards; the card rules
    /// cannot fire before it, and from it on the card counts decide.
    fn first_evaluated(&self) -> Option<NaiveDate> {
        let first = *self.carded.first()?;
        Some(first + Days::new(MIN_PRIOR_CARDS as u64 - 1 + RECENT_DAYS))
    }

    /// The card rules, one per urge series.
    fn rules(&self) -> Vec<Rule> {
        let mut rules: Vec<Rule> = self.urges.keys().cloned().map(Rule::UrgesRising).collect();
        rules.extend([Rule::SkillsUsedOnFewerDays, Rule::MissedCards]);
        rules
    }
}

/// The windows compared on a day: the last 7 days up to it, and the 28 days before those.
struct Windows {
    recent: (NaiveDate, NaiveDate),
    prior: (NaiveDate, NaiveDate),
}

impl Windows {
    fn ending(day: NaiveDate) -> Self {
        let recent_from = day - Days::new(RECENT_DAYS - 1);
        let prior_to = recent_from - Days::new(1);
        Self {
            recent: (recent_from, day),
            prior: (prior_to - Days::new(PRIOR_DAYS - 1), prior_to),
        }
    }
}

/// Days in a window with an entry in `series`, and the sum of their values.
fn tally<V: Copy>(
    series: &BTreeMap<NaiveDate, V>,
    (from, to): (NaiveDate, NaiveDate),
    value: fn(V) -> u64,
) -> (u64, u64) {
    series
        .range(from..=to)
        .fold((0, 0), |(n, sum), (_, v)| (n + 1, sum + value(*v)))
}

/// Enough days in both windows for a comparison.
fn enough(recent: u64, prior: u64) -> bool {
    recent >= MIN_RECENT_CARDS as u64 && prior >= MIN_PRIOR_CARDS as u64
}

fn span((from, to): (NaiveDate, NaiveDate)) -> String {
    format!("{from} to {to}")
}

/// Whether a card rule fires on `day`, with its evidence.
fn card_rule(days: &CardDays, rule: &Rule, day: NaiveDate) -> Option<Vec<Evidence>> {
    let w = Windows::ending(day);
    match rule {
        Rule::UrgesRising(target) => {
            let series = days.urges.get(target)?;
            let (rn, rs) = tally(series, w.recent, u64::from);
            let (pn, ps) = tally(series, w.prior, u64::from);
            // rs / rn > ps / pn + URGE_RISE, both sides multiplied by rn · pn.
            let fires = enough(rn, pn) && rs * pn > (ps + URGE_RISE * pn) * rn;
            let mean = |(window, sum, n): ((NaiveDate, NaiveDate), u64, u64)| {
                Evidence::new(
                    format!("{} urge, mean {}", target.label(), span(window)),
                    format!("{:.2} ({n} cards)", sum as f64 / n as f64),
                )
            };
            fires.then(|| vec![mean((w.recent, rs, rn)), mean((w.prior, ps, pn))])
        }
        Rule::SkillsUsedOnFewerDays => {
            let (rn, ru) = tally(&days.skills, w.recent, u64::from);
            let (pn, pu) = tally(&days.skills, w.prior, u64::from);
            // pu / pn − ru / rn ≥ DROP / 100, both sides multiplied by 100 · rn · pn.
            let fires = enough(rn, pn) && 100 * pu * rn >= (100 * ru + SKILLS_SHARE_DROP_POINTS * rn) * pn;
            let share = |(window, used, n): ((NaiveDate, NaiveDate), u64, u64)| {
                Evidence::new(format!("Skills used, {}", span(window)), format!("{used} of {n} days"))
            };
            fires.then(|| vec![share((w.recent, ru, rn)), share((w.prior, pu, pn))])
        }
        Rule::MissedCards => {
            let count = |(from, to): (NaiveDate, NaiveDate)| days.carded.range(from..=to).count() as u64;
            let (rn, pn) = (count(w.recent), count(w.prior));
            (rn < MIN_RECENT_CARDS as u64 && pn >= MIN_PRIOR_CARDS as u64).then(|| {
                vec![
                    Evidence::new(
                        format!("Cards {}", span(w.recent)),
                        format!("{rn} of {RECENT_DAYS} days"),
                    ),
                    Evidence::new(format!("Cards {}", span(w.prior)), format!("{pn} of {PRIOR_DAYS} days")),
                ]
            })
        }
        Rule::BehaviourReturned | Rule::ReliableDecline(_) => None,
    }
}

/// The card rules' episodes; a warning is active if its rule fired today or yesterday.
fn card_warnings(days: &CardDays, today: NaiveDate, scope: Scope) -> Vec<Warning> {
    let Some(start) = days.first_evaluated().filter(|s| *s <= today) else {
        return Vec::new();
    };
    // Steps are days since `start`.
    let date = |step: i64| start + Days::new(step as u64);
    let now = (today - start).num_days();
    let mut out = Vec::new();
    for rule in days.rules() {
        let fires = |step: i64| Some((date(step), card_rule(days, &rule, date(step))?));
        match scope {
            Scope::History => out.extend(episodes(
                &rule,
                (0..=now).filter_map(|s| Some((s, fires(s)?))),
                |last| last >= now - 1,
            )),
            Scope::ActiveOnly => out.extend(active_episode(&rule, &[now, now - 1], 0, fires)),
        }
    }
    out
}

/// Each day a target behaviour was acted on after a streak of at least
/// [`RETURN_AFTER_STREAK`] days: the streak is the last such one that ended before the day,
/// with no acting in between, however many days without cards came between them.
fn returns(cards: &[&DiaryCard], days: &CardDays, today: NaiveDate) -> Vec<Warning> {
    let long: Vec<(NaiveDate, NaiveDate)> = streaks(cards)
        .into_iter()
        .filter(|(start, end)| (*end - *start).num_days() + 1 >= RETURN_AFTER_STREAK)
        .collect();
    let acted = cards
        .iter()
        .filter(|c| c.any_acted())
        .filter_map(|c| c.date)
        .collect_set();
    let mut out = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for day in acted {
        let streak = long
            .iter()
            .rev()
            .find(|(_, end)| *end < day)
            .filter(|(_, end)| previous.is_none_or(|p| *end > p));
        if let Some(&(start, end)) = streak {
            let between = days.carded.range((Bound::Excluded(end), Bound::Excluded(day))).count() as i64;
            let without = (day - end).num_days() - 1 - between;
            out.push(Warning {
                rule: Rule::BehaviourReturned,
                first: day,
                last: day,
                active: (today - day).num_days() <= RETURN_ACTIVE_DAYS,
                evidence: vec![
                    Evidence::new(
                        "Streak without acting",
                        format!("{start} to {end} ({} days)", (end - start).num_days() + 1),
                    ),
                    Evidence::new("Days without a card since the streak", without.to_string()),
                    Evidence::new("Acted on", day.to_string()),
                ],
            });
        }
        previous = Some(day);
    }
    out
}

/// Whether the decline rule fires at rated session `index` (from 0) of an area.
fn decline_at(points: &[Point], index: usize, params: RciParams) -> Option<Firing> {
    let end = index + 1;
    if end < 2 * WINDOW || end > points.len() {
        return None;
    }
    let (before, recent) = (&points[end - 2 * WINDOW..end - WINDOW], &points[end - WINDOW..end]);
    let level = |w: &[Point]| mean(&w.iter().map(|p| p.1).collect::<Vec<_>>()).expect("a full window");
    let (b, r) = (level(before), level(recent));
    let index = rci(b, r, params).filter(|i| classify(*i, true) == ChangeClass::ReliablyDeteriorated)?;
    let sessions = |w: &[Point]| format!("Mean of sessions {} to {}", w[0].0, w[WINDOW - 1].0);
    Some((
        recent[WINDOW - 1].0,
        vec![
            Evidence::new(sessions(before), format!("{b:.2}")),
            Evidence::new(sessions(recent), format!("{r:.2}")),
            Evidence::new("Reliable change index", format!("{index:.2}")),
        ],
    ))
}

/// Reliable declines between consecutive three-session windows. Steps are an area's rated
/// sessions: firings at consecutive ones are one episode however many days lie between them,
/// and a warning is active if it fired at the latest note that rates the area.
fn declines(notes: &[&ProgressNote], overrides: &RciOverrides, scope: Scope) -> Vec<Warning> {
    let mut out = Vec::new();
    for area in SkillArea::ALL {
        let points = area_points(notes.iter().copied(), area);
        let params = params_for(Measure::Area(area), overrides);
        let rule = Rule::ReliableDecline(area);
        let fires = |step: i64| decline_at(&points, step as usize, params);
        let latest = points.len() as i64 - 1;
        let lowest = 2 * WINDOW as i64 - 1;
        match scope {
            Scope::History => out.extend(episodes(
                &rule,
                (lowest..=latest).filter_map(|s| Some((s, fires(s)?))),
                |last| last == latest,
            )),
            Scope::ActiveOnly => out.extend(active_episode(&rule, &[latest], lowest, fires)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::{Custom, TargetEntry};
    use crate::domain::clinical::skills::Indicator;

    fn base() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    fn day(offset: u64) -> NaiveDate {
        base() + Days::new(offset)
    }

    /// A card rating the self-harm urge and skills use.
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

    fn of<'a>(warnings: &'a [Warning], rule: &Rule) -> Vec<&'a Warning> {
        warnings.iter().filter(|w| w.rule == *rule).collect()
    }

    fn self_harm() -> Rule {
        Rule::UrgesRising(UrgeTarget::SelfHarm)
    }

    /// Self-harm urges: 28 prior days at 1, then day 28 at `first` and days 29–34 at 2.
    fn rise_to(first: u8) -> Vec<DiaryCard> {
        let mut cards: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 5, false)).collect();
        cards.push(card(28, first, 5, false));
        cards.extend((29..35).map(|d| card(d, 2, 5, false)));
        cards
    }

    fn active_now(cards: &[DiaryCard], today_offset: u64, rule: &Rule) -> bool {
        run(cards, today_offset).iter().any(|w| w.rule == *rule && w.active)
    }

    fn notes_rating(values: &[u8], days_apart: u64) -> Vec<ProgressNote> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                ProgressNote::rated(
                    Some(base() + Days::new(days_apart * i as u64)),
                    &[(Indicator::Communication, *v)],
                )
            })
            .collect()
    }

    fn notes_run(notes: &[ProgressNote], today: NaiveDate) -> Vec<Warning> {
        detect(&notes.iter().collect::<Vec<_>>(), &[], &RciOverrides::new(), today)
    }

    const DECLINE: Rule = Rule::ReliableDecline(SkillArea::InterpersonalEffectiveness);

    // --- Urges, each on its own series -------------------------------------------------

    #[test]
    fn urges_above_the_prior_level_fire_and_equal_urges_do_not() {
        // 28 prior days at urge 1, then 7 days at urge 3. Evaluated from day 20 on, the rule
        // first fires on day 31: days 25–31 hold three 1s and four 3s, 15/7 = 2.14 > 1 + 1.
        let mut cards: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 5, false)).collect();
        cards.extend((28..35).map(|d| card(d, 3, 5, false)));
        let w = run(&cards, 34);
        let urges = of(&w, &self_harm());
        assert_eq!(urges.len(), 1);
        assert!(urges[0].active);
        assert_eq!((urges[0].first, urges[0].last), (day(31), day(34)));
        assert_eq!(
            urges[0].evidence[0].label,
            "Self-harm urge, mean 2026-01-26 to 2026-02-01"
        );
        assert_eq!(urges[0].evidence[0].value, "2.14 (7 cards)");
        assert_eq!(urges[0].evidence[1].value, "1.00 (25 cards)");
        // A rise of exactly one point is not "more than one point".
        let mut flat: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 5, false)).collect();
        flat.extend((28..35).map(|d| card(d, 2, 5, false)));
        assert!(run(&flat, 34).iter().all(|w| !matches!(w.rule, Rule::UrgesRising(_))));
    }

    /// The case: a suicide urge rising from 0 to 5 behind a steady substance-use
    /// urge of 5. The day's highest urge stays 5, so the pooled rule was silent.
    #[test]
    fn a_rising_suicide_urge_shows_behind_a_steady_substance_use_urge() {
        let cards: Vec<DiaryCard> = (0..35)
            .map(|d| DiaryCard {
                date: Some(day(d)),
                suicide: TargetEntry {
                    urge: Some(if d < 28 { 0 } else { 5 }),
                    acted: false,
                },
                substance_use: TargetEntry {
                    urge: Some(5),
                    acted: false,
                },
                ..DiaryCard::default()
            })
            .collect();
        let w = run(&cards, 34);
        let rising: Vec<&Rule> = w
            .iter()
            .filter(|w| matches!(w.rule, Rule::UrgesRising(_)))
            .map(|w| &w.rule)
            .collect();
        assert_eq!(rising, [&Rule::UrgesRising(UrgeTarget::Suicide)]);
        let suicide = of(&w, &Rule::UrgesRising(UrgeTarget::Suicide));
        assert!(suicide[0].active);
        assert!(suicide[0].evidence[0].label.starts_with("Suicide urge, mean"));
        assert_eq!(
            w[0].rule.title(),
            "Suicide urges have been higher over the last 7 days than in the 28 days before"
        );
    }

    #[test]
    fn each_custom_target_is_its_own_series_by_its_name() {
        // Bingeing 1 → 4 (spelled two ways), shopping steady at 3: the day's highest goes
        // only from 3 to 4, which the pooled rule did not count as a rise.
        let custom = |name: &str, urge: u8| Custom {
            name: name.into(),
            entry: TargetEntry {
                urge: Some(urge),
                acted: false,
            },
        };
        let cards: Vec<DiaryCard> = (0..35)
            .map(|d| DiaryCard {
                date: Some(day(d)),
                custom_targets: vec![
                    custom(
                        if d % 2 == 0 { "Bingeing" } else { " bingeing  " },
                        if d < 28 { 1 } else { 4 },
                    ),
                    custom("Shopping", 3),
                ],
                ..DiaryCard::default()
            })
            .collect();
        let w = run(&cards, 34);
        let bingeing = Rule::UrgesRising(UrgeTarget::Custom("Bingeing".into()));
        assert_eq!(of(&w, &bingeing).len(), 1);
        assert_eq!(w.iter().filter(|w| matches!(w.rule, Rule::UrgesRising(_))).count(), 1);
        assert_eq!(
            bingeing.title(),
            "Bingeing urges have been higher over the last 7 days than in the 28 days before"
        );
        // First on day 30: four 1s and three 4s (16/7 = 2.29) against 24 days at 1.
        assert_eq!(of(&w, &bingeing)[0].first, day(30));
        assert_eq!(of(&w, &bingeing)[0].evidence[1].value, "1.00 (24 cards)");
    }

    /// Prior mean 1 (28 cards); recent sums 13, 14, 15 over 7 cards: means 1.86, exactly 2
    /// and 2.14 against "more than 1 + 1". (On day 33 the window holds day 27's 1 instead of
    /// day 34's 2, so its sum is one lower.)
    #[test]
    fn urge_rise_boundary_below_at_and_above_the_threshold() {
        assert!(!active_now(&rise_to(1), 34, &self_harm()));
        assert!(!active_now(&rise_to(2), 34, &self_harm()));
        assert!(active_now(&rise_to(3), 34, &self_harm()));
    }

    /// 15 prior cards summing to 10 (mean 2/3) and, on days 28–33, 6 recent cards 1, 1, 2,
    /// 2, 2, 2 summing to 10 (mean 5/3): exactly one point higher on days 33 and 34, and
    /// lower on the days before. In floating point 10/6 = 1.6666666666666667 exceeds
    /// 10/15 + 1 = 1.6666666666666665, so the old comparison fired on day 34.
    #[test]
    fn an_exact_tie_in_integers_does_not_fire() {
        let mut cards: Vec<DiaryCard> = (0..15).map(|d| card(d, u8::from(d < 10), 5, false)).collect();
        cards.extend((28..34).map(|d| card(d, if d < 30 { 1 } else { 2 }, 5, false)));
        assert!(run(&cards, 34).iter().all(|w| !matches!(w.rule, Rule::UrgesRising(_))));
        // One more point on the last card tips it over.
        cards[20].self_harm.urge = Some(3);
        assert!(active_now(&cards, 34, &self_harm()));
    }

    // --- Skills used on fewer days ---------------------------------------------------

    #[test]
    fn skills_used_on_fewer_days_counts_categories_four_to_seven_and_never_averages() {
        // 4 "tried, could do them, didn't help" → 3 "tried but couldn't use them": the mean
        // falls only 1 point, but skills were used on 28 of 28 days and then on 0 of 7.
        let mut cards: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 4, false)).collect();
        cards.extend((28..35).map(|d| card(d, 1, 3, false)));
        let w = run(&cards, 34);
        let fewer = of(&w, &Rule::SkillsUsedOnFewerDays);
        assert_eq!(fewer.len(), 1);
        assert!(fewer[0].active);
        // First fired on day 30: 4 of 7 days (57 %) against 24 of 24 (100 %), 43 points.
        assert_eq!(fewer[0].first, day(30));
        assert_eq!(fewer[0].evidence[0].label, "Skills used, 2026-01-25 to 2026-01-31");
        assert_eq!(fewer[0].evidence[0].value, "4 of 7 days");
        assert_eq!(fewer[0].evidence[1].value, "24 of 24 days");
        // 7 → 4: a mean fall of 3, yet skills were used every day in both windows.
        let mut used: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 7, false)).collect();
        used.extend((28..35).map(|d| card(d, 1, 4, false)));
        assert!(run(&used, 34).is_empty());
    }

    /// 4 recent and 25 prior cards rating skills use, so the shares move in steps of one
    /// point: 1/4 against 16/25 is 39 points, 0/4 against 10/25 is 40, 2/4 against 23/25 is
    /// 42 (41 cannot be made from 4 and 25 days).
    #[test]
    fn skills_share_boundary_below_at_and_above_forty_points() {
        let data = |recent_used: u64, prior_used: u64| -> Vec<DiaryCard> {
            let mut cards: Vec<DiaryCard> = (0..25)
                .map(|d| card(d, 1, if d < prior_used { 5 } else { 1 }, false))
                .collect();
            cards.extend((28..32).map(|d| card(d, 1, if d - 28 < recent_used { 7 } else { 2 }, false)));
            cards
        };
        let fewer = Rule::SkillsUsedOnFewerDays;
        assert!(!active_now(&data(1, 16), 34, &fewer));
        assert!(active_now(&data(0, 10), 34, &fewer));
        assert!(active_now(&data(2, 23), 34, &fewer));
        // On day 34 itself (the episode may have begun earlier, with other evidence).
        let cards = data(0, 10);
        let days = CardDays::new(&cards.iter().collect::<Vec<_>>());
        let evidence = card_rule(&days, &fewer, day(34)).expect("fires on day 34");
        let values: Vec<&str> = evidence.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(values, ["0 of 4 days", "10 of 25 days"]);
    }

    #[test]
    fn missed_cards() {
        // Cards stop after day 27: on day 34 none of the last 7 days has one.
        let stopped: Vec<DiaryCard> = (0..28).map(|d| card(d, 1, 6, false)).collect();
        let w = run(&stopped, 34);
        let missed = of(&w, &Rule::MissedCards);
        assert_eq!(missed.len(), 1);
        assert!(missed[0].active);
        // Fewer than 4 cards in days 25–31 first on day 31 (days 25, 26, 27).
        assert_eq!(missed[0].first, day(31));
        assert_eq!(missed[0].evidence[0].value, "3 of 7 days");
        let kept: Vec<DiaryCard> = (0..35).map(|d| card(d, 1, 6, false)).collect();
        assert!(run(&kept, 34).is_empty());
    }

    // --- When card rules start -------------------------------------------------------

    /// The case: a rise in week 4 with 21 prior cards. The old rules only began 34
    /// days after the first card.
    #[test]
    fn a_rise_in_week_four_fires_with_21_prior_cards() {
        let mut cards: Vec<DiaryCard> = (0..21).map(|d| card(d, 1, 5, false)).collect();
        cards.extend((21..28).map(|d| card(d, 3, 5, false)));
        let w = run(&cards, 27);
        let urges = of(&w, &self_harm());
        assert_eq!(urges.len(), 1);
        assert!(urges[0].active);
        // Day 24: days 18–24 hold three 1s and four 3s (15/7 = 2.14); 18 prior cards.
        assert_eq!((urges[0].first, urges[0].last), (day(24), day(27)));
        assert_eq!(urges[0].evidence[1].value, "1.00 (18 cards)");
        let w = active_as_of(&[], &cards.iter().collect::<Vec<_>>(), &RciOverrides::new(), day(27));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule, self_harm());
    }

    /// The first day evaluated is the 21st: its prior window ends on the 14th card's day.
    #[test]
    fn card_rules_start_once_the_prior_window_can_hold_14_cards() {
        // Cards on days 0–13 at urge 0, then days 14–20 at urge 5: fires on day 20.
        let mut cards: Vec<DiaryCard> = (0..14).map(|d| card(d, 0, 5, false)).collect();
        cards.extend((14..21).map(|d| card(d, 5, 5, false)));
        let w = run(&cards, 20);
        assert_eq!(of(&w, &self_harm())[0].first, day(20));
        assert_eq!(of(&w, &self_harm())[0].evidence[1].value, "0.00 (14 cards)");
        // Without the first card only 13 prior cards: silent.
        assert!(run(&cards[1..], 20).is_empty());
    }

    // --- A behaviour returning after a streak ------------------------------------------

    #[test]
    fn a_behaviour_returning_after_a_streak_fires_once() {
        let mut cards: Vec<DiaryCard> = (0..20).map(|d| card(d, 1, 5, false)).collect();
        cards.push(card(20, 4, 2, true));
        cards.push(card(21, 4, 2, true));
        let w = run(&cards, 22);
        let returned = of(&w, &Rule::BehaviourReturned);
        assert_eq!(returned.len(), 1);
        assert_eq!(returned[0].first, day(20));
        assert!(returned[0].active);
        assert_eq!(returned[0].evidence[1].value, "0");
        assert!(!of(&run(&cards, 40), &Rule::BehaviourReturned)[0].active);
        // After only ten clean days it is not a "return after a streak".
        let mut short: Vec<DiaryCard> = (0..10).map(|d| card(d, 1, 5, false)).collect();
        short.push(card(10, 4, 2, true));
        assert!(run(&short, 12).iter().all(|w| w.rule != Rule::BehaviourReturned));
    }

    /// The case: 40 clean days, 5 days with no card, then self-harm acted on. Only
    /// "Diary cards missed" used to show.
    #[test]
    fn a_return_after_days_without_cards_is_found() {
        let mut cards: Vec<DiaryCard> = (0..40).map(|d| card(d, 1, 5, false)).collect();
        cards.push(card(45, 4, 2, true));
        let w = run(&cards, 45);
        let returned = of(&w, &Rule::BehaviourReturned);
        assert_eq!(returned.len(), 1);
        assert!(returned[0].active);
        let evidence: Vec<(&str, &str)> = returned[0]
            .evidence
            .iter()
            .map(|e| (e.label.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            evidence,
            [
                ("Streak without acting", "2026-01-01 to 2026-02-09 (40 days)"),
                ("Days without a card since the streak", "5"),
                ("Acted on", "2026-02-15"),
            ]
        );
        // The same with three clean cards after the gap: the 40-day streak is still the
        // last streak of 14 days or more before acting.
        let mut later = cards.clone();
        later.pop();
        later.extend((45..48).map(|d| card(d, 1, 5, false)));
        later.push(card(48, 4, 2, true));
        let w = run(&later, 48);
        let returned = of(&w, &Rule::BehaviourReturned);
        assert_eq!(returned.len(), 1);
        assert_eq!(returned[0].first, day(48));
        assert_eq!(returned[0].evidence[0].value, "2026-01-01 to 2026-02-09 (40 days)");
    }

    // --- Reliable decline ------------------------------------------------------------

    #[test]
    fn a_reliable_decline_between_session_windows() {
        // 7, 7, 7 then 4, 4, 4: RCI = −3 / 0.9859 = −3.04 → reliable decline at the 6th.
        let notes = notes_rating(&[7, 7, 7, 4, 4, 4], 7);
        let w = notes_run(&notes, day(40));
        let decline = of(&w, &DECLINE);
        assert_eq!(decline.len(), 1);
        assert!(decline[0].active);
        assert_eq!(decline[0].evidence[2].value, "-3.04");
        // 7, 7, 7 then 6, 6, 5: RCI = −1.33 / 0.986 = −1.35 → silent.
        assert!(notes_run(&notes_rating(&[7, 7, 7, 6, 6, 5], 7), day(40)).is_empty());
    }

    /// A phone-coaching note (no ratings) and a note rating only mindfulness come after the
    /// decline: the decline is judged against the latest note that rates the area.
    #[test]
    fn a_decline_stays_active_after_notes_that_do_not_rate_the_area() {
        let mut notes = notes_rating(&[7, 7, 7, 4, 4, 4], 7);
        notes.push(ProgressNote::rated(Some(day(40)), &[]));
        notes.push(ProgressNote::rated(
            Some(day(41)),
            &[(Indicator::PresentMomentAwareness, 5)],
        ));
        let w = notes_run(&notes, day(45));
        let decline = of(&w, &DECLINE);
        assert_eq!(decline.len(), 1);
        assert!(decline[0].active);
        assert_eq!(decline[0].last, day(35));
        // A later note rating the area that does not fire ends it.
        notes.push(ProgressNote::rated(Some(day(42)), &[(Indicator::Communication, 9)]));
        assert!(!of(&notes_run(&notes, day(45)), &DECLINE)[0].active);
    }

    #[test]
    fn decline_episodes_follow_consecutive_sessions_not_days() {
        // 7, 7, 7, 4, 4, 4, 4 fires at sessions 6 and 7 (7 → 4, then 6 → 4 = −2.03): one
        // episode, though the sessions are 70 days apart.
        let notes = notes_rating(&[7, 7, 7, 4, 4, 4, 4], 70);
        let w = notes_run(&notes, day(500));
        let decline = of(&w, &DECLINE);
        assert_eq!(decline.len(), 1);
        assert_eq!((decline[0].first, decline[0].last), (day(350), day(420)));
        assert!(decline[0].active);
        // 7, 7, 7, 3, 7, 3, 3, 3 weekly fires at sessions 6 and 8, not 7: two episodes,
        // though 14 days apart.
        let notes = notes_rating(&[7, 7, 7, 3, 7, 3, 3, 3], 7);
        let w = notes_run(&notes, day(60));
        let decline = of(&w, &DECLINE);
        let spans: Vec<(NaiveDate, NaiveDate, bool)> = decline.iter().map(|w| (w.first, w.last, w.active)).collect();
        assert_eq!(spans, [(day(49), day(49), true), (day(35), day(35), false)]);
    }

    // --- Texts -----------------------------------------------------------------------

    #[test]
    fn rule_texts_are_observations_that_state_their_thresholds() {
        assert_eq!(
            self_harm().title(),
            "Self-harm urges have been higher over the last 7 days than in the 28 days before"
        );
        assert!(self_harm()
            .describe()
            .starts_with("Self-harm urge (0–5), on the days whose card rates it: the mean over the last 7 days is more than 1 point above"));
        assert_eq!(Rule::SkillsUsedOnFewerDays.title(), "Skills used on fewer days");
        assert!(Rule::SkillsUsedOnFewerDays
            .describe()
            .contains("(4–7 on the 0–7 skills-use scale)"));
        assert!(Rule::SkillsUsedOnFewerDays
            .describe()
            .contains("at least 40 percentage points lower"));
        assert_eq!(
            DECLINE.title(),
            "Interpersonal effectiveness ratings over the last 3 sessions are reliably lower than the 3 before"
        );
        assert!(DECLINE.describe().contains("below −1.96"));
        assert_eq!(
            Rule::BehaviourReturned.title(),
            "Target behaviour returned after a streak"
        );
        assert!(Rule::BehaviourReturned.describe().contains("at least 14 days"));
        assert_eq!(Rule::MissedCards.title(), "Diary cards missed");
    }

    // --- Degenerate data ------------------------------------------------------------

    #[test]
    fn one_card_or_one_note_raises_nothing() {
        let one = [card(0, 5, 0, true)];
        assert!(run(&one, 0).is_empty());
        assert!(run(&one, 60).is_empty());
        let note = notes_rating(&[1], 7);
        assert!(notes_run(&note, day(60)).is_empty());
        assert!(active_as_of(&[&note[0]], &[&one[0]], &RciOverrides::new(), day(60)).is_empty());
    }

    #[test]
    fn all_equal_values_raise_nothing() {
        let cards: Vec<DiaryCard> = (0..90)
            .map(|d| DiaryCard {
                suicide: TargetEntry {
                    urge: Some(3),
                    acted: false,
                },
                ..card(d, 3, 5, false)
            })
            .collect();
        let notes = notes_rating(&[6; 12], 7);
        let w = detect(
            &notes.iter().collect::<Vec<_>>(),
            &cards.iter().collect::<Vec<_>>(),
            &RciOverrides::new(),
            day(89),
        );
        assert!(w.is_empty(), "{w:?}");
    }

    // --- Active now -------------------------------------------------------------------

    #[test]
    fn active_as_of_matches_the_active_warnings_of_detect() {
        let custom = |d: u64| Custom {
            name: "Bingeing".into(),
            entry: TargetEntry {
                urge: Some(if (30..45).contains(&d) { 5 } else { 1 }),
                acted: d == 70,
            },
        };
        // Urges rise on days 30–44, skills fall off on days 50–56, no cards on days 57–64,
        // acting on day 70 after a streak; notes decline and then recover.
        let cards: Vec<DiaryCard> = (0..90)
            .filter(|d| !(57..65).contains(d))
            .map(|d| DiaryCard {
                custom_targets: vec![custom(d)],
                ..card(
                    d,
                    if (30..40).contains(&d) { 4 } else { 1 },
                    if (50..57).contains(&d) { 1 } else { 6 },
                    false,
                )
            })
            .collect();
        let notes = notes_rating(&[7, 7, 7, 4, 4, 4, 4, 9, 9, 9, 9, 9], 7);
        let card_refs: Vec<&DiaryCard> = cards.iter().collect();
        let note_refs: Vec<&ProgressNote> = notes.iter().collect();
        let rci = RciOverrides::new();
        let mut seen = BTreeSet::new();
        for today in (0..100).map(day) {
            for (n, c) in [
                (&note_refs[..], &card_refs[..]),
                (&[], &card_refs[..]),
                (&note_refs[..], &[]),
            ] {
                let all: Vec<Warning> = detect(n, c, &rci, today).into_iter().filter(|w| w.active).collect();
                assert_eq!(active_as_of(n, c, &rci, today), all, "{today}");
                seen.extend(all.iter().map(|w| w.rule.title()));
            }
        }
        // Every rule was active on some day, so each was compared.
        let rules = [
            self_harm(),
            Rule::UrgesRising(UrgeTarget::Custom("Bingeing".into())),
            Rule::SkillsUsedOnFewerDays,
            Rule::MissedCards,
            Rule::BehaviourReturned,
            DECLINE,
        ];
        for rule in rules {
            assert!(seen.contains(&rule.title()), "{rule:?} never active");
        }
    }
}
