//! Treatment suggestions from the course of each skill area, after the seed article: when an
//! area improves reliably and holds, consider more advanced skills or shifting focus to the
//! weakest area; when it stagnates or declines, consider additional support there. Every
//! suggestion names its rule and evidence; the clinician decides.

use super::change::ChangeClass;
use super::stats::theil_sen;
use super::summary::Course;
use super::Evidence;
use crate::domain::clinical::skills::SkillArea;

/// Score an improved area must hold…
pub const HOLD_THRESHOLD: f64 = 7.0;
/// …over this many latest sessions.
pub const HOLD_SESSIONS: usize = 3;
/// Sessions whose robust slope decides stagnation or decline.
pub const RECENT_SESSIONS: usize = 6;
/// |slope| per month below this is "no movement".
pub const FLAT_SLOPE: f64 = 0.25;
/// Slope per month at or below this is "declining".
pub const DECLINE_SLOPE: f64 = -0.5;
/// A stagnating area is only flagged while its current level is below this.
pub const STAGNANT_BELOW: f64 = 6.0;

/// A suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Stable id (rule, area and last session date), for dismissal.
    pub id: String,
    /// The area concerned.
    pub area: SkillArea,
    /// What to consider.
    pub text: String,
    /// The rule, in words.
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
    let mut out = Vec::new();
    for (area, course) in areas {
        let (Some(levels), Some(last)) = (course.levels, course.points.last()) else {
            continue;
        };
        let id = |rule: &str| format!("{rule}:{}:{}", area.name(), last.0);
        let base = vec![
            Evidence::new("Baseline", format!("{:.1}", levels.baseline)),
            Evidence::new("Current", format!("{:.1}", levels.current)),
            Evidence::new("Reliable change", course.class.map(|c| c.label()).unwrap_or("—")),
        ];
        let recent = &course.points[course.points.len().saturating_sub(RECENT_SESSIONS)..];
        let recent_slope = (recent.len() >= 4).then(|| theil_sen(recent)).flatten();
        // The base evidence plus the recent robust slope, for the support suggestions.
        let mut with_slope = base.clone();
        with_slope.extend(recent_slope.map(|s| {
            Evidence::new(
                format!("Robust slope, last {} sessions", recent.len()),
                format!("{s:+.2} per month"),
            )
        }));
        let held = course.points.len() >= HOLD_SESSIONS
            && course.points[course.points.len() - HOLD_SESSIONS..]
                .iter()
                .all(|p| p.1 >= HOLD_THRESHOLD);
        if course.class == Some(ChangeClass::ReliablyImproved) && held {
            let focus = match weakest {
                Some((w, level)) if w != *area => format!(" or shifting focus to {} (current {level:.1})", w.label()),
                _ => String::new(),
            };
            let mut evidence = base.clone();
            evidence.extend(
                course.points[course.points.len() - HOLD_SESSIONS..]
                    .iter()
                    .map(|p| Evidence::new(p.0.to_string(), format!("{:.1}", p.1))),
            );
            out.push(Suggestion {
                id: id("advance"),
                area: *area,
                text: format!("{} has improved reliably and held: consider introducing more advanced skills{focus}.", area.label()),
                rule: format!("Reliably improved from baseline and {HOLD_THRESHOLD:.0} or above in each of the last {HOLD_SESSIONS} sessions."),
                evidence,
            });
        } else if course.class == Some(ChangeClass::ReliablyDeteriorated)
            || recent_slope.is_some_and(|s| s <= DECLINE_SLOPE)
        {
            let evidence = with_slope.clone();
            out.push(Suggestion {
                id: id("decline"),
                area: *area,
                text: format!("{} is declining: consider additional support in this area (review skills practice, chain analysis of recent episodes).", area.label()),
                rule: format!("Reliably deteriorated from baseline, or a robust slope of {DECLINE_SLOPE} per month or less over the last {RECENT_SESSIONS} sessions."),
                evidence,
            });
        } else if course.points.len() >= RECENT_SESSIONS
            && course.class == Some(ChangeClass::NoReliableChange)
            && levels.current < STAGNANT_BELOW
            && recent_slope.is_some_and(|s| s.abs() < FLAT_SLOPE)
        {
            let evidence = with_slope.clone();
            out.push(Suggestion {
                id: id("stagnant"),
                area: *area,
                text: format!("{} is not moving: consider additional support or a different approach in this area.", area.label()),
                rule: format!(
                    "No reliable change, current level below {STAGNANT_BELOW:.0}, and a robust slope within ±{FLAT_SLOPE} per month over the last {RECENT_SESSIONS} sessions."
                ),
                evidence,
            });
        }
    }
    out
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

    #[test]
    fn reliable_improvement_that_holds_suggests_advancing_and_names_the_weakest_area() {
        let areas = [
            course_of(SkillArea::DistressTolerance, &[3.0, 3.5, 4.0, 7.0, 7.5, 8.0]),
            course_of(SkillArea::Mindfulness, &[4.0, 4.2, 4.1, 4.3, 4.0, 4.2]),
        ];
        let s = suggest(&areas);
        let advance = s
            .iter()
            .find(|s| s.id.starts_with("advance:distress_tolerance"))
            .expect("advance");
        assert!(advance
            .text
            .contains("more advanced skills or shifting focus to Mindfulness (current 4.2)"));
        // Mindfulness: no reliable change, level 4.2 < 6, flat → additional support.
        assert!(s.iter().any(|s| s.id.starts_with("stagnant:mindfulness")));
    }

    #[test]
    fn improvement_that_does_not_hold_suggests_nothing() {
        // Reliably improved (3.5 → 7.2) but one of the last three is below 7.
        let areas = [course_of(SkillArea::DistressTolerance, &[3.0, 3.5, 4.0, 7.5, 6.5, 7.6])];
        assert!(suggest(&areas).is_empty());
    }

    #[test]
    fn decline_suggests_support() {
        let areas = [course_of(SkillArea::EmotionRegulation, &[6.0, 6.0, 6.0, 5.0, 4.0, 3.0])];
        let s = suggest(&areas);
        assert_eq!(s.len(), 1);
        assert!(s[0].id.starts_with("decline:emotion_regulation"));
        assert!(s[0].evidence.iter().any(|e| e.label.starts_with("Robust slope")));
    }
}
