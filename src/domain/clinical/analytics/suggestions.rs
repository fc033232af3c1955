//! Domain layer: treatment suggestions from the course of each skill area, after the seed
//! article: when an area improves reliably and holds, discuss more advanced skills or a shift
//! of focus to the weakest area; when it declines reliably or does not move, discuss
//! additional support there. DBT's target hierarchy comes first: while life-threatening
//! behaviour is flagged, nothing suggests moving on ([`respect_hierarchy`]).
//!
//! Every suggestion is an observation to discuss, worded as such, with its rule (thresholds
//! included) and its evidence; the clinician decides. Suggestions read each area's levels
//! against the baseline of treatment, never the range shown, so the range never changes them.

use super::change::{ChangeClass, RELIABLE_Z, WINDOW};
use super::stats::theil_sen;
use super::summary::Course;
use super::Evidence;
use crate::domain::clinical::skills::SkillArea;

/// Score an improved area must hold…
pub const HOLD_THRESHOLD: f64 = 7.0;
/// …over this many latest sessions.
pub const HOLD_SESSIONS: usize = 3;
/// Sessions whose robust slope decides stagnation.
pub const RECENT_SESSIONS: usize = 6;
/// |slope| per month below this is "no movement".
pub const FLAT_SLOPE: f64 = 0.25;
/// A stagnating area is only flagged while its current level is below this.
pub const STAGNANT_BELOW: f64 = 6.0;

/// Id prefix of "consider more advanced skills" (ids are stored with dismissals: keep them).
pub const ADVANCE: &str = "advance";
/// Id prefix of "additional support: ratings went down".
pub const DECLINE: &str = "decline";
/// Id prefix of "additional support: ratings do not move".
pub const STAGNANT: &str = "stagnant";
/// Id prefix of "review the crisis and safety plan first".
pub const SAFETY: &str = "safety";

/// What the safety suggestion asks.
pub const SAFETY_TEXT: &str = "Life-threatening behaviour or urges were recorded recently: review the crisis and \
safety plan with the client before moving on to new skills.";
/// The rule behind it.
pub const SAFETY_RULE: &str = "DBT's target hierarchy puts life-threatening behaviour first: while a \
life-threatening flag is active, no advance or shift-focus suggestion is made.";

/// A suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Stable id (rule, area and last session date), for dismissal.
    pub id: String,
    /// The area concerned; `None` for one about the whole treatment (safety).
    pub area: Option<SkillArea>,
    /// What to discuss, as an observation.
    pub text: String,
    /// The rule, in words, with its thresholds.
    pub rule: String,
    /// The numbers behind it.
    pub evidence: Vec<Evidence>,
}

/// Suggestions for the given courses (one per area).
pub fn suggest(areas: &[(SkillArea, Course)]) -> Vec<Suggestion> {
    let weakest = areas
        .iter()
        .filter_map(|(a, c)| Some((*a, c.levels?.current)))
        .min_by(|x, y| x.1.total_cmp(&y.1));
    areas
        .iter()
        .filter_map(|(area, course)| suggest_one(*area, course, weakest))
        .collect()
}

/// The suggestion for one area, if a rule applies; `weakest` is the area with the lowest
/// current level.
fn suggest_one(area: SkillArea, course: &Course, weakest: Option<(SkillArea, f64)>) -> Option<Suggestion> {
    let history = &course.history;
    let (levels, last) = (course.levels?, history.last()?);
    let id = |rule: &str| format!("{rule}:{}:{}", area.name(), last.0);
    let (from, to) = levels.baseline_dates;
    let baseline_dates = if from == to {
        from.to_string()
    } else {
        format!("{from} to {to}")
    };
    let mut evidence = vec![
        Evidence::new(
            format!("Baseline ({baseline_dates})"),
            format!("{:.1}", levels.baseline),
        ),
        Evidence::new(
            format!("Current (last {} sessions)", levels.window),
            format!("{:.1}", levels.current),
        ),
        Evidence::new("RCI", course.rci.map_or("—".into(), |r| format!("{r:+.2}"))),
        Evidence::new("Reliable change", course.class.map_or("—", |c| c.label())),
    ];
    let label = area.label();
    let held = history.len() >= HOLD_SESSIONS
        && history[history.len() - HOLD_SESSIONS..]
            .iter()
            .all(|p| p.1 >= HOLD_THRESHOLD);
    if course.class == Some(ChangeClass::ReliablyImproved) && held {
        let focus = match weakest {
            Some((w, level)) if w != area => format!(" or to shift focus to {} (current {level:.1})", w.label()),
            _ => String::new(),
        };
        evidence.extend(
            history[history.len() - HOLD_SESSIONS..]
                .iter()
                .map(|p| Evidence::new(p.0.to_string(), format!("{:.1}", p.1))),
        );
        return Some(Suggestion {
            id: id(ADVANCE),
            area: Some(area),
            text: format!(
                "Ratings of {label} have improved reliably and held at {HOLD_THRESHOLD:.0} or above: worth discussing \
                 whether to introduce more advanced skills{focus}."
            ),
            rule: format!(
                "Reliably improved from the baseline (RCI above {RELIABLE_Z}) and rated {HOLD_THRESHOLD:.0} or above \
                 in each of the last {HOLD_SESSIONS} sessions."
            ),
            evidence,
        });
    }
    // A decline needs a full current window (the last three sessions) reliably below the
    // baseline; a falling slope alone is noise often enough to mislead.
    if course.class == Some(ChangeClass::ReliablyDeteriorated) && levels.window == WINDOW {
        let fall = course.params.s_diff().map_or(String::new(), |s| {
            format!(" — a fall of more than {:.2} points", RELIABLE_Z * s)
        });
        return Some(Suggestion {
            id: id(DECLINE),
            area: Some(area),
            text: format!(
                "Ratings of {label} have gone down since the baseline of {baseline_dates} (reliable change); worth \
                 discussing: additional support in this area (review skills practice, chain analysis of recent \
                 episodes)."
            ),
            rule: format!(
                "The mean of the last {WINDOW} rated sessions is reliably below the baseline (the first {WINDOW} rated \
                 sessions of treatment, or the chosen baseline period): RCI below −{RELIABLE_Z} with this area's \
                 SD {} and r {}{fall}.",
                course.params.sd, course.params.r
            ),
            evidence,
        });
    }
    let recent = &history[history.len().saturating_sub(RECENT_SESSIONS)..];
    let recent_slope = theil_sen(recent);
    if history.len() >= RECENT_SESSIONS
        && course.class == Some(ChangeClass::NoReliableChange)
        && levels.current < STAGNANT_BELOW
        && recent_slope.is_some_and(|s| s.abs() < FLAT_SLOPE)
    {
        evidence.extend(recent_slope.map(|s| {
            Evidence::new(
                format!("Robust slope, last {} sessions", recent.len()),
                format!("{s:+.2} per month"),
            )
        }));
        return Some(Suggestion {
            id: id(STAGNANT),
            area: Some(area),
            text: format!(
                "Ratings of {label} have stayed below {STAGNANT_BELOW:.0} without reliable change or a clear trend: \
                 worth discussing additional support or a different approach in this area."
            ),
            rule: format!(
                "No reliable change from the baseline (RCI within ±{RELIABLE_Z}), current level below \
                 {STAGNANT_BELOW:.0}, and a robust slope within ±{FLAT_SLOPE} per month over the last \
                 {RECENT_SESSIONS} sessions."
            ),
            evidence,
        });
    }
    None
}

/// DBT's target hierarchy over the suggestions: while a life-threatening flag is active
/// (`life_threatening` holds its evidence), every "advance" suggestion (more advanced skills,
/// shift of focus) is removed and a "safety" suggestion comes first. Its id holds the
/// evidence's values, so a dismissed one returns when new evidence is recorded. Without a
/// flag the suggestions are returned unchanged.
pub fn respect_hierarchy(suggestions: Vec<Suggestion>, life_threatening: Option<&[Evidence]>) -> Vec<Suggestion> {
    let Some(evidence) = life_threatening else {
        return suggestions;
    };
    let values: Vec<&str> = evidence.iter().map(|e| e.value.as_str()).collect();
    let safety = Suggestion {
        id: format!("{SAFETY}:life_threatening:{}", values.join(";")),
        area: None,
        text: SAFETY_TEXT.into(),
        rule: SAFETY_RULE.into(),
        evidence: evidence.to_vec(),
    };
    let advance = format!("{ADVANCE}:");
    std::iter::once(safety)
        .chain(suggestions.into_iter().filter(|s| !s.id.starts_with(&advance)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::change::{Measure, RciOverrides};
    use crate::domain::clinical::analytics::summary::course;
    use chrono::{Days, NaiveDate};

    fn course_of(area: SkillArea, values: &[f64]) -> (SkillArea, Course) {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let pts = values
            .iter()
            .enumerate()
            .map(|(i, v)| (base + Days::new(7 * i as u64), *v))
            .collect();
        (area, course(pts, Measure::Area(area), &RciOverrides::new(), None))
    }

    fn ids(suggestions: &[Suggestion]) -> Vec<&str> {
        suggestions.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn reliable_improvement_that_holds_suggests_advancing_and_names_the_weakest_area() {
        let areas = [
            course_of(SkillArea::DistressTolerance, &[3.0, 3.5, 4.0, 7.0, 7.5, 8.0]),
            course_of(SkillArea::Mindfulness, &[4.0, 4.2, 4.1, 4.3, 4.0, 4.2]),
        ];
        let s = suggest(&areas);
        assert_eq!(
            ids(&s),
            [
                "advance:distress_tolerance:2026-02-05",
                "stagnant:mindfulness:2026-02-05"
            ]
        );
        assert_eq!(
            s[0].text,
            "Ratings of Distress tolerance have improved reliably and held at 7 or above: worth discussing \
             whether to introduce more advanced skills or to shift focus to Mindfulness (current 4.2)."
        );
        assert_eq!(
            s[0].rule,
            "Reliably improved from the baseline (RCI above 1.96) and rated 7 or above in each of the last 3 sessions."
        );
        // Mindfulness: no reliable change, level 4.2 < 6, flat → additional support.
        assert_eq!(
            s[1].text,
            "Ratings of Mindfulness have stayed below 6 without reliable change or a clear trend: worth \
             discussing additional support or a different approach in this area."
        );
        assert!(s[1].evidence.iter().any(|e| e.label == "Robust slope, last 6 sessions"));
    }

    #[test]
    fn improvement_that_does_not_hold_suggests_nothing() {
        // Reliably improved (3.5 → 7.2) but one of the last three is below 7.
        let areas = [course_of(SkillArea::DistressTolerance, &[3.0, 3.5, 4.0, 7.5, 6.5, 7.6])];
        assert!(suggest(&areas).is_empty());
    }

    /// Baseline 6.0 (1–15 January), current (5 + 4 + 3) / 3 = 4.0: RCI = −2 / (√2 · 1.8 ·
    /// √0.15) = −2.03, a reliable deterioration. The text is an observation with the dates.
    #[test]
    fn a_reliable_decline_suggests_discussing_support() {
        let areas = [course_of(SkillArea::EmotionRegulation, &[6.0, 6.0, 6.0, 5.0, 4.0, 3.0])];
        let s = suggest(&areas);
        assert_eq!(ids(&s), ["decline:emotion_regulation:2026-02-05"]);
        assert_eq!(s[0].area, Some(SkillArea::EmotionRegulation));
        assert_eq!(
            s[0].text,
            "Ratings of Emotion regulation have gone down since the baseline of 2026-01-01 to 2026-01-15 \
             (reliable change); worth discussing: additional support in this area (review skills practice, \
             chain analysis of recent episodes)."
        );
        assert_eq!(
            s[0].rule,
            "The mean of the last 3 rated sessions is reliably below the baseline (the first 3 rated sessions of \
             treatment, or the chosen baseline period): RCI below −1.96 with this area's SD 1.8 and r 0.85 — a \
             fall of more than 1.93 points."
        );
        assert_eq!(
            s[0].evidence,
            [
                Evidence::new("Baseline (2026-01-01 to 2026-01-15)", "6.0"),
                Evidence::new("Current (last 3 sessions)", "4.0"),
                Evidence::new("RCI", "-2.03"),
                Evidence::new("Reliable change", "Reliably deteriorated"),
            ]
        );
    }

    /// The case: 6, 6, 6, 6, 5, 5 has a robust slope of −1/35 a day (−0.87 a month),
    /// which used to be called "declining"; current 5.33 against baseline 6 is RCI −0.68.
    #[test]
    fn a_falling_slope_without_reliable_change_is_no_decline() {
        let areas = [course_of(SkillArea::DistressTolerance, &[6.0, 6.0, 6.0, 6.0, 5.0, 5.0])];
        assert!((areas[0].1.rci.unwrap() + 0.676).abs() < 1e-3);
        assert!(suggest(&areas).is_empty());
    }

    /// 8, 8, 4, 4: reliably lower (RCI −4.06 on halves of two), but a current level needs
    /// the last three sessions with three baseline sessions before them.
    #[test]
    fn a_decline_needs_three_current_sessions() {
        let areas = [course_of(SkillArea::DistressTolerance, &[8.0, 8.0, 4.0, 4.0])];
        assert_eq!(areas[0].1.class, Some(ChangeClass::ReliablyDeteriorated));
        assert!(suggest(&areas).is_empty());
    }

    fn flagged() -> Vec<Evidence> {
        vec![Evidence::new("Suicide urge 5", "2026-02-04")]
    }

    #[test]
    fn a_life_threatening_flag_removes_advancing_and_puts_safety_first() {
        let areas = [
            course_of(SkillArea::DistressTolerance, &[3.0, 3.5, 4.0, 7.0, 7.5, 8.0]),
            course_of(SkillArea::EmotionRegulation, &[6.0, 6.0, 6.0, 5.0, 4.0, 3.0]),
        ];
        let s = suggest(&areas);
        assert_eq!(
            ids(&s),
            [
                "advance:distress_tolerance:2026-02-05",
                "decline:emotion_regulation:2026-02-05"
            ]
        );
        let evidence = flagged();
        let h = respect_hierarchy(s.clone(), Some(&evidence));
        assert_eq!(
            ids(&h),
            [
                "safety:life_threatening:2026-02-04",
                "decline:emotion_regulation:2026-02-05"
            ]
        );
        assert_eq!(h[0].area, None);
        assert_eq!(
            h[0].text,
            "Life-threatening behaviour or urges were recorded recently: review the crisis and safety plan with \
             the client before moving on to new skills."
        );
        assert!(h[0]
            .rule
            .contains("while a life-threatening flag is active, no advance or shift-focus suggestion"));
        assert_eq!(h[0].evidence, evidence);
        // No flag: unchanged. A flag with nothing else to suggest: safety alone.
        assert_eq!(respect_hierarchy(s.clone(), None), s);
        assert_eq!(
            ids(&respect_hierarchy(Vec::new(), Some(&evidence))),
            ["safety:life_threatening:2026-02-04"]
        );
    }

    /// A seeded simulation of the rules on noisy ratings (issue "Clinical safety first"):
    /// 1,000 clients per scenario, 26 weekly sessions, all 13 indicators rated
    /// round(clamp(L + N(0, 1), 0, 10)) around the client's true level L (10 − L for the
    /// indicators where lower is better), suggestions read at the last session.
    mod simulation {
        use super::super::*;
        use crate::domain::clinical::analytics::change::RciOverrides;
        use crate::domain::clinical::analytics::stats::DAYS_PER_MONTH;
        use crate::domain::clinical::analytics::summary::effectiveness;
        use crate::domain::clinical::note::ProgressNote;
        use crate::domain::clinical::skills::Indicator;
        use chrono::{Days, NaiveDate};

        const CLIENTS: usize = 1000;
        const SESSIONS: u64 = 26;
        /// Weeks flat before a decline starts.
        const FLAT_WEEKS: u64 = 13;

        /// xorshift64* (Vigna 2016): small, seeded, reproducible.
        struct Rng(u64);

        impl Rng {
            fn next_u64(&mut self) -> u64 {
                self.0 ^= self.0 >> 12;
                self.0 ^= self.0 << 25;
                self.0 ^= self.0 >> 27;
                self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
            }

            /// Uniform in (0, 1].
            fn uniform(&mut self) -> f64 {
                ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
            }

            /// Standard normal, by Box–Muller.
            fn normal(&mut self) -> f64 {
                let (u1, u2) = (self.uniform(), self.uniform());
                (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
            }
        }

        /// One client's weekly notes; `level(week)` is the true level of functioning.
        fn client(rng: &mut Rng, level: &dyn Fn(u64) -> f64) -> Vec<ProgressNote> {
            let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
            (0..SESSIONS)
                .map(|week| {
                    let ratings: Vec<(Indicator, u8)> = Indicator::ALL
                        .iter()
                        .map(|i| {
                            let truth = if i.lower_is_better() {
                                10.0 - level(week)
                            } else {
                                level(week)
                            };
                            (*i, (truth + rng.normal()).clamp(0.0, 10.0).round() as u8)
                        })
                        .collect();
                    ProgressNote::rated(Some(first + Days::new(7 * week)), &ratings)
                })
                .collect()
        }

        /// Each client's suggestions at the last session.
        fn run(seed: u64, level: &dyn Fn(u64) -> f64) -> Vec<Vec<Suggestion>> {
            let mut rng = Rng(seed);
            (0..CLIENTS)
                .map(|_| {
                    let notes = client(&mut rng, level);
                    let today = notes.last().and_then(|n| n.date).unwrap();
                    let refs: Vec<&ProgressNote> = notes.iter().collect();
                    suggest(&effectiveness(&refs, &[], &RciOverrides::new(), None, today, None).areas)
                })
                .collect()
        }

        /// Fraction of clients with a suggestion of `rule` for `area` (any area if `None`).
        fn rate(runs: &[Vec<Suggestion>], rule: &str, area: Option<SkillArea>) -> f64 {
            let prefix = format!("{rule}:{}", area.map_or("", |a| a.name()));
            let hit = runs
                .iter()
                .filter(|s| s.iter().any(|s| s.id.starts_with(&prefix)))
                .count();
            hit as f64 / runs.len() as f64
        }

        /// Flat at 5: the decline suggestion must fire for fewer than 5 % of clients.
        #[test]
        fn stable_clients_rarely_get_a_decline() {
            let runs = run(0x5EED_0001, &|_| 5.0);
            let (decline, stagnant) = (rate(&runs, DECLINE, None), rate(&runs, STAGNANT, None));
            println!("flat at 5: any decline {decline:.3}, any stagnant {stagnant:.3}");
            assert!(decline < 0.05, "{decline}");
            assert_eq!(rate(&runs, ADVANCE, None), 0.0);
        }

        /// Flat for 13 weeks, then 1 point a month lower for the 13 weeks after (≈ 3 points
        /// by week 26): for every area, at least 80 % of clients get its decline suggestion.
        #[test]
        fn declining_clients_get_a_decline_for_each_area() {
            let level = |week: u64| 5.0 - week.saturating_sub(FLAT_WEEKS - 1) as f64 * 7.0 / DAYS_PER_MONTH;
            let runs = run(0x5EED_0002, &level);
            let per_area: Vec<f64> = SkillArea::ALL.iter().map(|a| rate(&runs, DECLINE, Some(*a))).collect();
            let all = runs
                .iter()
                .filter(|s| s.iter().filter(|s| s.id.starts_with(DECLINE)).count() == SkillArea::ALL.len())
                .count() as f64
                / CLIENTS as f64;
            println!(
                "declining: per area {per_area:.3?}, any area {:.3}, all four {all:.3}",
                rate(&runs, DECLINE, None)
            );
            for (area, r) in SkillArea::ALL.iter().zip(&per_area) {
                assert!(*r >= 0.80, "{}: {r}", area.label());
            }
        }

        /// "Not moving" is meant for low levels: flat at 8 it never fires.
        #[test]
        fn stagnation_is_not_suggested_for_clients_flat_at_a_good_level() {
            let runs = run(0x5EED_0003, &|_| 8.0);
            println!("flat at 8: any stagnant {:.3}", rate(&runs, STAGNANT, None));
            assert_eq!(rate(&runs, STAGNANT, None), 0.0);
            assert!(rate(&runs, DECLINE, None) < 0.05);
        }
    }
}
