//! Needs attention: what in a client's records should be looked at now, in the order of DBT's
//! target hierarchy — life-threatening behaviour first, therapy-interfering behaviour second,
//! quality of life third. Every flag is judged on its own series (never an average across
//! targets or days that could hide it), raised at once where the hierarchy asks for it, and
//! carries its rule and the dated values behind it. A flag is an observation to discuss,
//! never a diagnosis or a prediction.

use chrono::{Days, NaiveDate};

use super::summary::attended;
use super::warnings::{Rule, Warning};
use super::Evidence;
use crate::domain::base::order;
use crate::domain::clinical::diary::{DiaryCard, TargetEntry};
use crate::domain::clinical::note::{ProgressNote, Target};

/// A suicide or self-harm urge at or above this (0–5) raises a flag, unless the client's
/// record sets another threshold.
pub const DEFAULT_URGE_FLAG_AT: u8 = 4;
/// A life-threatening urge or act on a card stays flagged this many days after the card: at
/// least one weekly session falls within it.
pub const CARD_FLAG_DAYS: u64 = 14;
/// A target behaviour acted on this many times…
pub const REPEAT_COUNT: usize = 2;
/// …within this many days is flagged whatever came before.
pub const REPEAT_DAYS: u64 = 28;
/// Sessions whose intervals give the client's usual cadence.
pub const CADENCE_SESSIONS: usize = 6;
/// Sessions needed before a cadence is known.
pub const CADENCE_MIN_SESSIONS: usize = 3;
/// Shortest usual interval assumed, in days (twice-weekly clients are not flagged after 5 days).
pub const CADENCE_FLOOR_DAYS: i64 = 7;
/// A session is missed when the time since the last one exceeds this many usual intervals.
pub const MISSED_FACTOR: i64 = 2;
/// Days of the recent window for diary cards.
pub const RECENT_CARD_DAYS: u64 = 7;
/// Fewer cards than this in the recent window is "cards missed"…
pub const MIN_RECENT_CARDS: usize = 4;
/// …from a client who kept at least this many in a 28-day stretch before.
pub const CARDS_KEPT: usize = 14;

/// Read the urge threshold typed for a client: empty is the default, else a whole number
/// from 1 to 5.
pub fn parse_urge_threshold(text: &str) -> Result<Option<u8>, String> {
    match text.trim() {
        "" => Ok(None),
        t => match t.parse::<u8>() {
            Ok(n @ 1..=5) => Ok(Some(n)),
            _ => Err(format!(
                "Enter a whole number from 1 to 5, or leave it empty for the default ({DEFAULT_URGE_FLAG_AT})."
            )),
        },
    }
}

/// DBT's target hierarchy, highest priority first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Life-threatening behaviour: suicide and self-harm urges and acts, risk in notes.
    LifeThreatening,
    /// Therapy-interfering behaviour: missed sessions, missed diary cards.
    TherapyInterfering,
    /// Quality-of-life-interfering behaviour and the course of the skill areas.
    QualityOfLife,
}

impl Level {
    /// The level's number in the hierarchy (1 is first).
    pub const fn number(self) -> u8 {
        match self {
            Level::LifeThreatening => 1,
            Level::TherapyInterfering => 2,
            Level::QualityOfLife => 3,
        }
    }

    /// Its name.
    pub const fn label(self) -> &'static str {
        match self {
            Level::LifeThreatening => "Life-threatening",
            Level::TherapyInterfering => "Therapy-interfering",
            Level::QualityOfLife => "Quality of life",
        }
    }
}

/// One needs-attention flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    /// Where it stands in the hierarchy.
    pub level: Level,
    /// What was observed, for the clinician ("Suicide urge at 4 or above").
    pub title: String,
    /// The same in words for the client, in their own notebook.
    pub for_client: String,
    /// The rule that raised it, with its thresholds.
    pub rule: String,
    /// The most recent date among the evidence (for ordering: newest first within a level).
    pub latest: NaiveDate,
    /// The dated values behind it.
    pub evidence: Vec<Evidence>,
}

/// A diary-card target with its words.
struct CardTarget {
    name: String,
    life_threatening: bool,
    entry: fn(&DiaryCard) -> Option<&TargetEntry>,
}

/// One target's entries on the cards, oldest first.
struct TargetDays {
    name: String,
    life_threatening: bool,
    days: Vec<(NaiveDate, TargetEntry)>,
}

fn targets(cards: &[&DiaryCard]) -> Vec<TargetDays> {
    let fixed = [
        CardTarget {
            name: "Suicide".into(),
            life_threatening: true,
            entry: |c| Some(&c.suicide),
        },
        CardTarget {
            name: "Self-harm".into(),
            life_threatening: true,
            entry: |c| Some(&c.self_harm),
        },
        CardTarget {
            name: "Substance use".into(),
            life_threatening: false,
            entry: |c| Some(&c.substance_use),
        },
    ];
    let mut out: Vec<TargetDays> = fixed
        .iter()
        .map(|t| TargetDays {
            name: t.name.clone(),
            life_threatening: t.life_threatening,
            days: cards
                .iter()
                .filter_map(|c| Some((c.date?, (t.entry)(c)?.clone())))
                .collect(),
        })
        .collect();
    // Custom targets, by the name the client gave them, matched ignoring case and spacing
    // (as the early warning signs match them), shown as first spelled.
    for card in cards {
        let Some(date) = card.date else { continue };
        for custom in &card.custom_targets {
            let spelled = custom.name.split_whitespace().collect::<Vec<_>>().join(" ");
            if spelled.is_empty() {
                continue;
            }
            let key = wisemind_text::fold(&spelled);
            match out
                .iter_mut()
                .skip(fixed.len())
                .find(|t| wisemind_text::fold(&t.name) == key)
            {
                Some(t) => t.days.push((date, custom.entry.clone())),
                None => out.push(TargetDays {
                    name: spelled,
                    life_threatening: false,
                    days: vec![(date, custom.entry.clone())],
                }),
            }
        }
    }
    for t in &mut out {
        order::sort_by_key(&mut t.days, |d| d.0);
        // One entry per day: two cards of one day count once (the higher urge, acted if
        // either says so).
        t.days.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1.urge = kept.1.urge.max(later.1.urge);
                kept.1.acted |= later.1.acted;
            }
            same
        });
    }
    out
}

/// Life-threatening urges and acts, and any target acted on repeatedly.
fn card_flags(cards: &[&DiaryCard], urge_at: u8, today: NaiveDate, out: &mut Vec<Flag>) {
    let flag_from = today - Days::new(CARD_FLAG_DAYS - 1);
    let repeat_from = today - Days::new(REPEAT_DAYS - 1);
    for TargetDays {
        name,
        life_threatening,
        days,
    } in targets(cards)
    {
        // A card dated after today (another time zone, a typing slip) counts as today's: a risk
        // is never hidden until its date comes.
        let within = |from: NaiveDate| days.iter().filter(move |(d, _)| *d >= from);
        let lower = lower_first(&name);
        if life_threatening {
            let high: Vec<(NaiveDate, u8)> = within(flag_from)
                .filter_map(|(d, e)| e.urge.filter(|u| *u >= urge_at).map(|u| (*d, u)))
                .collect();
            if let Some(&(latest, _)) = high.last() {
                out.push(Flag {
                    level: Level::LifeThreatening,
                    title: format!("{name} urge at {urge_at} or above"),
                    for_client: format!(
                        "You recorded a strong {lower} urge. Your crisis and safety plan is there for moments like \
                         this; tell your therapist, and if you are in danger now, call your local emergency number."
                    ),
                    rule: format!(
                        "A {lower} urge of {urge_at} or more (of 5) on a diary card in the last {CARD_FLAG_DAYS} days \
                         raises this at once."
                    ),
                    latest,
                    evidence: high
                        .iter()
                        .map(|(d, u)| Evidence::new(d.to_string(), format!("{name} urge {u} of 5")))
                        .collect(),
                });
            }
        }
        let acted: Vec<NaiveDate> = within(repeat_from).filter(|(_, e)| e.acted).map(|(d, _)| *d).collect();
        let Some(&latest) = acted.last() else { continue };
        let recent = latest >= flag_from;
        let repeated = acted.len() >= REPEAT_COUNT;
        let evidence = acted
            .iter()
            .map(|d| Evidence::new(d.to_string(), format!("{name}: acted on")))
            .collect();
        if life_threatening && (recent || repeated) {
            out.push(Flag {
                level: Level::LifeThreatening,
                title: format!("{name} acted on"),
                for_client: format!(
                    "You recorded {lower} on {} day(s) recently. Your crisis and safety plan is there for this; \
                     bring it to your therapist, and if you are in danger now, call your local emergency number.",
                    acted.len()
                ),
                rule: format!(
                    "{name} acted on in the last {CARD_FLAG_DAYS} days, or {REPEAT_COUNT} or more times in the last \
                     {REPEAT_DAYS} days, raises this at once, whatever came before."
                ),
                latest,
                evidence,
            });
        } else if !life_threatening && repeated {
            out.push(Flag {
                level: Level::QualityOfLife,
                title: format!("{name} acted on {} times in {REPEAT_DAYS} days", acted.len()),
                for_client: format!(
                    "You recorded {lower} on {} days in the last four weeks: worth talking over with your therapist.",
                    acted.len()
                ),
                rule: format!(
                    "A target behaviour acted on {REPEAT_COUNT} or more times in the last {REPEAT_DAYS} days, whatever \
                     came before."
                ),
                latest,
                evidence,
            });
        }
    }
}

/// A name with its first letter in lower case, for use inside a sentence ("Self-harm" →
/// "self-harm"); the rest of a name the client typed is left as it is.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Risk recorded in progress notes since the last note that recorded it as addressed.
fn risk_flag(notes: &[&ProgressNote], today: NaiveDate, out: &mut Vec<Flag>) {
    // Every note, in session order: an undated one (only an import can bring one) first, so a
    // later note can record its risk as addressed; one dated after today counts now.
    let mut dated: Vec<&ProgressNote> = notes.to_vec();
    order::sort_by(&mut dated, |a, b| {
        a.date.cmp(&b.date).then(a.updated_ms.cmp(&b.updated_ms))
    });
    let after = dated.iter().rposition(|n| n.risk_addressed).map_or(0, |i| i + 1);
    let mut evidence = Vec::new();
    let mut latest = None;
    for note in &dated[after..] {
        let (date, shown) = match note.date {
            Some(d) => (d, d.to_string()),
            None => (today, "Undated note".to_string()),
        };
        let risk = note.risk_notes.trim();
        if !risk.is_empty() {
            evidence.push(Evidence::new(format!("{shown}, risk notes"), risk));
            latest = latest.max(Some(date));
        }
        if note.targets.contains(&Target::LifeThreatening) {
            evidence.push(Evidence::new(
                format!("{shown}, session targets"),
                Target::LifeThreatening.label(),
            ));
            latest = latest.max(Some(date));
        }
    }
    if let Some(latest) = latest {
        out.push(Flag {
            level: Level::LifeThreatening,
            title: "Risk recorded in progress notes".into(),
            for_client: "Your therapist recorded risk in a session note.".into(),
            rule: "Risk notes, or life-threatening behaviour as a session target, in a progress note raise this at \
                   once; it stays until a later note records the risk as addressed."
                .into(),
            latest,
            evidence,
        });
    }
}

/// Time since the last attended session against the client's own cadence.
fn missed_sessions(notes: &[&ProgressNote], today: NaiveDate, out: &mut Vec<Flag>) {
    let mut days: Vec<NaiveDate> = notes
        .iter()
        .filter(|n| attended(n))
        .filter_map(|n| n.date)
        .filter(|d| *d <= today)
        .collect();
    order::sort(&mut days);
    days.dedup();
    if days.len() < CADENCE_MIN_SESSIONS {
        return;
    }
    let recent = &days[days.len().saturating_sub(CADENCE_SESSIONS + 1)..];
    let mut intervals: Vec<i64> = recent.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    order::sort(&mut intervals);
    // The lower median: with an even count, the shorter of the two middle intervals.
    let usual = intervals[(intervals.len() - 1) / 2].max(CADENCE_FLOOR_DAYS);
    let last = *days.last().expect("at least three sessions");
    let since = (today - last).num_days();
    if since > MISSED_FACTOR * usual {
        out.push(Flag {
            level: Level::TherapyInterfering,
            title: "No session for longer than usual".into(),
            for_client: "It has been a while since your last session.".into(),
            rule: format!(
                "Days since the last attended session are more than {MISSED_FACTOR} times the usual interval (the \
                 median of the last {} intervals, at least {CADENCE_FLOOR_DAYS} days); it stays until a session is \
                 recorded.",
                intervals.len()
            ),
            latest: last,
            evidence: vec![
                Evidence::new("Last attended session", last.to_string()),
                Evidence::new("Usual interval", format!("{usual} days")),
                Evidence::new("Days since", since.to_string()),
            ],
        });
    }
}

/// Diary cards missed by a client who kept them.
fn missed_cards(cards: &[&DiaryCard], today: NaiveDate, out: &mut Vec<Flag>) {
    // A card dated after today counts as kept today.
    let mut days: Vec<NaiveDate> = cards.iter().filter_map(|c| c.date).map(|d| d.min(today)).collect();
    order::sort(&mut days);
    days.dedup();
    let recent_from = today - Days::new(RECENT_CARD_DAYS - 1);
    let recent = days.iter().filter(|d| **d >= recent_from).count();
    if recent >= MIN_RECENT_CARDS {
        return;
    }
    // The stretch before the recent window: 28 days up to the last card before it.
    let Some(&last_before) = days.iter().rev().find(|d| **d < recent_from) else {
        return;
    };
    let stretch_from = last_before - Days::new(27);
    let kept = days
        .iter()
        .filter(|d| **d >= stretch_from && **d <= last_before)
        .count();
    if kept < CARDS_KEPT {
        return;
    }
    let last = *days.last().expect("a card before the window");
    out.push(Flag {
        level: Level::TherapyInterfering,
        title: "Diary cards missed".into(),
        for_client: "Your diary card has been missed on several days. Filling it in, even late, helps you and your \
                     therapist see the week."
            .into(),
        rule: format!(
            "Fewer than {MIN_RECENT_CARDS} cards in the last {RECENT_CARD_DAYS} days from someone who kept at least \
             {CARDS_KEPT} in 28 days before; it stays until cards are kept again."
        ),
        latest: last,
        evidence: vec![
            Evidence::new(
                format!("Cards {recent_from} to {today}"),
                format!("{recent} of {RECENT_CARD_DAYS} days"),
            ),
            Evidence::new(
                format!("Cards {stretch_from} to {last_before}"),
                format!("{kept} of 28 days"),
            ),
            Evidence::new("Last card", last.to_string()),
        ],
    });
}

/// Every flag of the first two levels raised by a client's notes and cards on `today`, and
/// the repeated-acting flag of the third, highest level first, then newest first.
/// `urge_at` is the client's threshold ([`DEFAULT_URGE_FLAG_AT`] unless changed);
/// `sessions` is false where sessions are not recorded (a personal notebook).
pub fn flags(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    urge_at: u8,
    sessions: bool,
    today: NaiveDate,
) -> Vec<Flag> {
    let mut out = Vec::new();
    card_flags(cards, urge_at, today, &mut out);
    risk_flag(notes, today, &mut out);
    if sessions {
        missed_sessions(notes, today, &mut out);
    }
    missed_cards(cards, today, &mut out);
    sort(&mut out);
    out
}

/// An early warning sign active now, as a flag of the third level (the course of urges, skills
/// use and the skill areas). "Diary cards missed" is left out: [`flags`] raises it at the
/// second level, and keeps it until cards are kept again.
pub fn from_warning(warning: &Warning) -> Option<Flag> {
    if !warning.active || warning.rule == Rule::MissedCards {
        return None;
    }
    Some(Flag {
        level: Level::QualityOfLife,
        title: warning.rule.title(),
        for_client: format!("{}: worth talking over with your therapist.", warning.rule.title()),
        rule: warning.rule.describe(),
        latest: warning.last,
        evidence: warning.evidence.clone(),
    })
}

/// Highest level first, then newest first.
pub fn sort(flags: &mut [Flag]) {
    order::sort_by(flags, |a, b| a.level.cmp(&b.level).then(b.latest.cmp(&a.latest)));
}

/// The evidence of the life-threatening flags, when there is one: what suggestions must
/// defer to (no advancing skills while it is active).
pub fn life_threatening_evidence(flags: &[Flag]) -> Option<Vec<Evidence>> {
    let evidence: Vec<Evidence> = flags
        .iter()
        .filter(|f| f.level == Level::LifeThreatening)
        .flat_map(|f| {
            f.evidence
                .iter()
                .map(|e| Evidence::new(format!("{}: {}", f.title, e.label), e.value.clone()))
        })
        .collect();
    (!evidence.is_empty()).then_some(evidence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::Custom;
    use crate::domain::clinical::note::SessionType;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n)
    }

    fn card(n: u64) -> DiaryCard {
        DiaryCard {
            date: Some(day(n)),
            ..DiaryCard::default()
        }
    }

    fn with(n: u64, f: impl Fn(&mut DiaryCard)) -> DiaryCard {
        let mut c = card(n);
        f(&mut c);
        c
    }

    fn run(cards: &[DiaryCard], notes: &[ProgressNote], today: u64) -> Vec<Flag> {
        flags(
            &notes.iter().collect::<Vec<_>>(),
            &cards.iter().collect::<Vec<_>>(),
            DEFAULT_URGE_FLAG_AT,
            true,
            day(today),
        )
    }

    fn titles(flags: &[Flag]) -> Vec<&str> {
        flags.iter().map(|f| f.title.as_str()).collect()
    }

    #[test]
    fn a_suicide_urge_at_the_threshold_flags_at_once_and_is_not_pooled() {
        // One card, no history: suicide urge 4 beside a steady substance-use urge of 5.
        let cards = [with(0, |c| {
            c.suicide.urge = Some(4);
            c.substance_use.urge = Some(5);
        })];
        let f = run(&cards, &[], 0);
        assert_eq!(titles(&f), ["Suicide urge at 4 or above"]);
        assert_eq!(f[0].level, Level::LifeThreatening);
        assert_eq!(f[0].evidence[0].label, "2026-01-01");
        assert_eq!(f[0].evidence[0].value, "Suicide urge 4 of 5");
        // Threshold − 1: nothing; threshold + 1: flagged.
        assert!(run(&[with(0, |c| c.suicide.urge = Some(3))], &[], 0).is_empty());
        assert_eq!(
            run(&[with(0, |c| c.self_harm.urge = Some(5))], &[], 0)[0].title,
            "Self-harm urge at 4 or above"
        );
        // A substance-use urge of 5 alone is not life-threatening.
        assert!(run(&[with(0, |c| c.substance_use.urge = Some(5))], &[], 0).is_empty());
    }

    #[test]
    fn a_daily_suicide_urge_of_five_flags_every_day() {
        let cards: Vec<DiaryCard> = (0..60).map(|n| with(n, |c| c.suicide.urge = Some(5))).collect();
        for today in [0, 30, 59] {
            let f = run(&cards[..=today as usize], &[], today);
            assert_eq!(f[0].title, "Suicide urge at 4 or above", "day {today}");
            assert_eq!(f[0].latest, day(today));
            assert_eq!(f[0].evidence.len(), (today as usize + 1).min(CARD_FLAG_DAYS as usize));
        }
    }

    #[test]
    fn a_card_flag_lasts_fourteen_days() {
        let cards = [with(0, |c| c.suicide.urge = Some(5))];
        assert_eq!(run(&cards, &[], 13).len(), 1, "the 14th day");
        assert!(run(&cards, &[], 14).is_empty(), "the 15th day");
        // A threshold set for this client.
        let f = flags(&[], &[&with(0, |c| c.suicide.urge = Some(3))], 3, true, day(0));
        assert_eq!(f[0].title, "Suicide urge at 3 or above");
    }

    #[test]
    fn self_harm_every_fifth_day_is_flagged_whatever_came_before() {
        // Twelve weeks of cards, self-harm acted on every fifth day.
        let cards: Vec<DiaryCard> = (0..84).map(|n| with(n, |c| c.self_harm.acted = n % 5 == 4)).collect();
        let f = run(&cards, &[], 83);
        let acted = f.iter().find(|f| f.title == "Self-harm acted on").expect("flagged");
        assert_eq!(acted.level, Level::LifeThreatening);
        // Acted on days 59, 64, …, 79 within the last 28 days (56 to 83).
        let dates: Vec<&str> = acted.evidence.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            dates,
            ["2026-03-01", "2026-03-06", "2026-03-11", "2026-03-16", "2026-03-21"]
        );
        assert_eq!(acted.latest, day(79));
    }

    #[test]
    fn acting_twice_in_twenty_eight_days_flags_even_after_fourteen_days() {
        // Self-harm on days 0 and 10; on day 27 the last act is 17 days ago: still two in 28 days.
        let cards = [
            with(0, |c| c.self_harm.acted = true),
            with(10, |c| c.self_harm.acted = true),
        ];
        assert_eq!(titles(&run(&cards, &[], 27)), ["Self-harm acted on"]);
        // On day 28 the first act leaves the window and the second is 18 days old: no flag.
        assert!(run(&cards, &[], 28).is_empty());
        // Once, 14 days ago or less: flagged; 15 days ago: not.
        let once = [with(0, |c| c.suicide.acted = true)];
        assert_eq!(run(&once, &[], 13).len(), 1);
        assert!(run(&once, &[], 14).is_empty());
    }

    #[test]
    fn other_targets_acted_on_repeatedly_are_quality_of_life() {
        let cards = [
            with(0, |c| c.substance_use.acted = true),
            with(3, |c| {
                c.custom_targets.push(Custom {
                    name: "Bingeing".into(),
                    entry: TargetEntry {
                        urge: Some(5),
                        acted: true,
                    },
                })
            }),
            with(5, |c| c.substance_use.acted = true),
        ];
        let f = run(&cards, &[], 6);
        assert_eq!(titles(&f), ["Substance use acted on 2 times in 28 days"]);
        assert_eq!(f[0].level, Level::QualityOfLife);
        // Once is not repeated.
        assert!(run(&cards[..2], &[], 6).is_empty());
    }

    fn note(n: u64, f: impl Fn(&mut ProgressNote)) -> ProgressNote {
        let mut note = ProgressNote {
            date: Some(day(n)),
            session_type: Some(SessionType::Individual),
            ..ProgressNote::default()
        };
        f(&mut note);
        note
    }

    #[test]
    fn risk_in_a_note_flags_until_a_later_note_records_it_addressed() {
        let risky = note(0, |n| n.risk_notes = "Passive suicidal ideation, no plan.".into());
        let target = note(7, |n| n.targets = vec![Target::LifeThreatening]);
        let f = run(&[], &[risky.clone(), target.clone()], 8);
        assert_eq!(titles(&f), ["Risk recorded in progress notes"]);
        assert_eq!(f[0].evidence[0].label, "2026-01-01, risk notes");
        assert_eq!(f[0].evidence[0].value, "Passive suicidal ideation, no plan.");
        assert_eq!(f[0].evidence[1].value, "Life-threatening behaviours");
        assert_eq!(f[0].latest, day(7));
        // A later note without risk does not clear it; one recording it addressed does.
        let plain = note(14, |_| {});
        assert_eq!(run(&[], &[risky.clone(), plain], 15).len(), 1);
        let addressed = note(14, |n| n.risk_addressed = true);
        assert!(run(&[], &[risky.clone(), target.clone(), addressed.clone()], 15).is_empty());
        // New risk after that is flagged again, and only it.
        let again = note(21, |n| n.risk_notes = "Self-harm urge high.".into());
        let f = run(&[], &[risky, target, addressed, again], 22);
        assert_eq!(f[0].evidence.len(), 1);
        assert_eq!(f[0].latest, day(21));
    }

    #[test]
    fn missed_sessions_against_the_clients_own_cadence() {
        // Weekly sessions on days 0, 7, 14, 21; a phone-coaching note on day 30 is not one.
        let mut notes: Vec<ProgressNote> = [0, 7, 14, 21].iter().map(|n| note(*n, |_| {})).collect();
        notes.push(note(30, |n| n.session_type = Some(SessionType::PhoneCoaching)));
        // Usual interval 7: flagged when more than 14 days have passed (day 36), not on day 35.
        assert!(run(&[], &notes, 35).is_empty());
        let f = run(&[], &notes, 36);
        assert_eq!(titles(&f), ["No session for longer than usual"]);
        assert_eq!(f[0].evidence[1].value, "7 days");
        assert_eq!(f[0].evidence[2].value, "15");
        // A fortnightly client is not flagged at day 36 after a session on day 28.
        let fortnightly: Vec<ProgressNote> = [0, 14, 28].iter().map(|n| note(*n, |_| {})).collect();
        assert!(run(&[], &fortnightly, 56).is_empty());
        assert_eq!(run(&[], &fortnightly, 57).len(), 1);
        // Two sessions: no cadence yet. In a personal notebook, never.
        assert!(run(&[], &notes[..2], 100).is_empty());
        assert!(flags(&notes.iter().collect::<Vec<_>>(), &[], 4, false, day(100)).is_empty());
    }

    #[test]
    fn missed_cards_stay_flagged_until_cards_are_kept_again() {
        // Cards every day for 28 days (0–27), then none.
        let kept: Vec<DiaryCard> = (0..28).map(card).collect();
        // Day 30: cards on 24–27 are within the last 7 days (24–30): 4, not missed.
        assert!(run(&kept, &[], 30).is_empty());
        // Day 31: 3 in the last 7 days: flagged; and still months later.
        assert_eq!(titles(&run(&kept, &[], 31)), ["Diary cards missed"]);
        assert_eq!(titles(&run(&kept, &[], 200)), ["Diary cards missed"]);
        // Resolved once four cards are kept in a week again.
        let mut resumed = kept.clone();
        resumed.extend((100..104).map(card));
        assert!(run(&resumed, &[], 104).is_empty());
        // Someone who never kept 14 in 28 days is not "missing" cards.
        let sparse: Vec<DiaryCard> = (0..13).map(|n| card(2 * n)).collect();
        assert!(run(&sparse, &[], 60).is_empty());
    }

    #[test]
    fn flags_are_ordered_by_level_then_newest_first() {
        let cards: Vec<DiaryCard> = (0..28)
            .map(card)
            .chain([
                with(30, |c| c.self_harm.urge = Some(4)),
                with(40, |c| c.suicide.urge = Some(5)),
            ])
            .collect();
        let f = run(&cards, &[], 41);
        assert_eq!(
            titles(&f),
            [
                "Suicide urge at 4 or above",
                "Self-harm urge at 4 or above",
                "Diary cards missed"
            ]
        );
        let evidence = life_threatening_evidence(&f).expect("level 1 active");
        assert_eq!(evidence[0].label, "Suicide urge at 4 or above: 2026-02-10");
        assert!(life_threatening_evidence(&f[2..]).is_none());
    }

    #[test]
    fn the_urge_threshold_is_empty_or_one_to_five() {
        assert_eq!(parse_urge_threshold(" "), Ok(None));
        assert_eq!(parse_urge_threshold("1"), Ok(Some(1)));
        assert_eq!(parse_urge_threshold(" 5 "), Ok(Some(5)));
        for bad in ["0", "6", "4.5", "four", "-1"] {
            assert!(parse_urge_threshold(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_card_dated_after_today_counts_as_todays() {
        // Written at UTC+10 and read at UTC−5: the card's date is tomorrow here.
        let f = run(&[with(11, |c| c.suicide.urge = Some(5))], &[], 10);
        assert_eq!(titles(&f), ["Suicide urge at 4 or above"]);
        assert_eq!(f[0].evidence[0].label, "2026-01-12");
        // And a note dated after today shows its risk now.
        let later = note(12, |n| n.risk_notes = "Plan disclosed.".into());
        assert_eq!(titles(&run(&[], &[later], 10)), ["Risk recorded in progress notes"]);
    }

    #[test]
    fn custom_targets_are_one_series_whatever_the_case_and_two_cards_of_a_day_count_once() {
        let custom = |n, name: &str| {
            with(n, |c| {
                c.custom_targets.push(Custom {
                    name: name.into(),
                    entry: TargetEntry {
                        urge: None,
                        acted: true,
                    },
                })
            })
        };
        let f = run(&[custom(0, "Bingeing"), custom(7, " bingeing ")], &[], 8);
        assert_eq!(titles(&f), ["Bingeing acted on 2 times in 28 days"]);
        // Self-harm on two cards of the same day, 20 days ago: once, not "twice in 28 days".
        let twice_one_day = [
            with(0, |c| c.self_harm.acted = true),
            with(0, |c| c.self_harm.acted = true),
        ];
        assert!(run(&twice_one_day, &[], 20).is_empty());
    }

    #[test]
    fn no_records_no_flags() {
        assert!(run(&[], &[], 0).is_empty());
        assert!(run(&[card(0)], &[note(0, |_| {})], 0).is_empty());
    }
}
