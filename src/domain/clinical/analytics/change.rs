//! Baseline, current level and reliable change (Jacobson & Truax, 1991).
//!
//! RCI = (current − baseline) / S_diff, with S_diff = √2 · SD · √(1 − r). A change is
//! reliable when |RCI| > 1.96. SD and r are explicit per measure (see docs/analytics.md for
//! the defaults and why), and the clinician may change them in Settings.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::stats::{mean, Point};
use crate::domain::base::num;
use crate::domain::clinical::skills::{Indicator, SkillArea};

/// |RCI| above this is reliable (two-tailed p < .05).
pub const RELIABLE_Z: f64 = 1.96;
/// Sessions averaged for the baseline and for the current level.
pub const WINDOW: usize = 3;

/// Spread and reliability of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RciParams {
    /// Standard deviation of the measure in a reference sample (scale points).
    pub sd: f64,
    /// Test–retest reliability, 0 ≤ r < 1.
    pub r: f64,
}

// Parameters are validated finite numbers (never NaN), so equality is reflexive.
impl Eq for RciParams {}

impl RciParams {
    /// Default for a 0–10 skill-area score (a mean of several ratings: less spread, more
    /// reliable than one rating).
    pub const AREA_DEFAULT: Self = Self { sd: 1.8, r: 0.85 };
    /// Default for one 0–10 indicator rating.
    pub const INDICATOR_DEFAULT: Self = Self { sd: 2.0, r: 0.80 };

    /// The standard error of the difference between two scores.
    pub fn s_diff(&self) -> Option<f64> {
        let valid = self.sd.is_finite() && self.sd > 0.0 && self.r.is_finite() && (0.0..1.0).contains(&self.r);
        valid.then(|| std::f64::consts::SQRT_2 * self.sd * (1.0 - self.r).sqrt())
    }

    /// Check values typed in Settings.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.sd.is_finite() && self.sd > 0.0 && self.sd <= 10.0) {
            return Err("SD must be a number above 0 and at most 10.".into());
        }
        if !(self.r.is_finite() && (0.0..1.0).contains(&self.r)) {
            return Err("r must be at least 0 and below 1.".into());
        }
        Ok(())
    }
}

/// What a reliable-change parameter applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    /// A skill-area score.
    Area(SkillArea),
    /// One indicator.
    Indicator(Indicator),
}

impl Measure {
    /// Stable key for settings.
    pub fn key(self) -> String {
        match self {
            Measure::Area(a) => format!("area:{}", a.name()),
            Measure::Indicator(i) => format!(
                "indicator:{}",
                serde_json::to_value(i)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ),
        }
    }

    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Area(a) => a.label(),
            Measure::Indicator(i) => i.label(),
        }
    }

    /// Whether a higher value is better (areas are direction-adjusted already).
    pub fn higher_is_better(self) -> bool {
        match self {
            Measure::Area(_) => true,
            Measure::Indicator(i) => !i.lower_is_better(),
        }
    }

    /// Every measure: four areas, then the thirteen indicators.
    pub fn all() -> Vec<Measure> {
        SkillArea::ALL
            .iter()
            .map(|a| Measure::Area(*a))
            .chain(Indicator::ALL.iter().map(|i| Measure::Indicator(*i)))
            .collect()
    }

    /// The documented default parameters.
    pub fn default_params(self) -> RciParams {
        match self {
            Measure::Area(_) => RciParams::AREA_DEFAULT,
            Measure::Indicator(_) => RciParams::INDICATOR_DEFAULT,
        }
    }
}

/// The clinician's overrides of the defaults, by [`Measure::key`].
pub type RciOverrides = BTreeMap<String, RciParams>;

/// The parameters in force for a measure.
pub fn params_for(measure: Measure, overrides: &RciOverrides) -> RciParams {
    overrides
        .get(&measure.key())
        .copied()
        .unwrap_or_else(|| measure.default_params())
}

/// Parse SD and r as typed in Settings (by [`Measure::key`]); keep only values that differ
/// from the defaults. The first bad value is reported with its measure.
pub fn overrides_from_typed(values: &BTreeMap<String, (String, String)>) -> Result<RciOverrides, String> {
    let mut out = RciOverrides::new();
    for m in Measure::all() {
        let (sd, r) = values.get(&m.key()).cloned().unwrap_or_default();
        let p = RciParams {
            sd: num::parse(&sd).ok_or_else(|| format!("{}: SD is not a number.", m.label()))?,
            r: num::parse(&r).ok_or_else(|| format!("{}: r is not a number.", m.label()))?,
        };
        p.validate().map_err(|e| format!("{}: {e}", m.label()))?;
        if p != m.default_params() {
            out.insert(m.key(), p);
        }
    }
    Ok(out)
}

/// The three classes of Jacobson & Truax, with direction applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeClass {
    /// |RCI| > 1.96 in the better direction.
    ReliablyImproved,
    /// |RCI| ≤ 1.96.
    NoReliableChange,
    /// |RCI| > 1.96 in the worse direction.
    ReliablyDeteriorated,
}

impl ChangeClass {
    /// Display text.
    pub const fn label(self) -> &'static str {
        match self {
            ChangeClass::ReliablyImproved => "Reliably improved",
            ChangeClass::NoReliableChange => "No reliable change",
            ChangeClass::ReliablyDeteriorated => "Reliably deteriorated",
        }
    }
}

/// The reliable change index; `None` if the parameters are unusable.
pub fn rci(baseline: f64, current: f64, params: RciParams) -> Option<f64> {
    params.s_diff().map(|s| (current - baseline) / s)
}

/// Classify an RCI for a measure whose better direction is given.
pub fn classify(rci: f64, higher_is_better: bool) -> ChangeClass {
    if rci.abs() <= RELIABLE_Z {
        ChangeClass::NoReliableChange
    } else if (rci > 0.0) == higher_is_better {
        ChangeClass::ReliablyImproved
    } else {
        ChangeClass::ReliablyDeteriorated
    }
}

/// Baseline and current level of a series (sorted by date).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levels {
    /// Mean of the first sessions (or of the chosen baseline period).
    pub baseline: f64,
    /// Mean of the last sessions.
    pub current: f64,
    /// Sessions in the current level (and in the baseline, unless a period was chosen).
    pub window: usize,
    /// Dates of the first and the last baseline session.
    pub baseline_dates: (NaiveDate, NaiveDate),
}

/// Baseline = mean of the first three assessed sessions, current = mean of the last three.
/// With fewer than six, each uses half the sessions (rounded down), so they never overlap;
/// `None` with fewer than two. `baseline_period`, when given, replaces the first sessions
/// with every session in that date range (inclusive); `None` if it holds no session.
///
/// The baseline belongs to the start of treatment: callers pass every session up to today,
/// never only those of the range shown, or the baseline would move with the range.
pub fn levels(points: &[Point], baseline_period: Option<(NaiveDate, NaiveDate)>) -> Option<Levels> {
    if points.len() < 2 {
        return None;
    }
    let window = WINDOW.min(points.len() / 2);
    let current = mean(&points[points.len() - window..].iter().map(|p| p.1).collect::<Vec<_>>())?;
    let base: Vec<Point> = match baseline_period {
        Some((from, to)) => points.iter().filter(|p| p.0 >= from && p.0 <= to).copied().collect(),
        None => points[..window].to_vec(),
    };
    Some(Levels {
        baseline: mean(&base.iter().map(|p| p.1).collect::<Vec<_>>())?,
        current,
        window,
        baseline_dates: (base.first()?.0, base.last()?.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 2, day).unwrap()
    }

    #[test]
    fn rci_by_hand() {
        // S_diff = √2 · 2 · √(1 − 0.8) = 1.264911…; change 3 → RCI = 2.371708…
        let p = RciParams { sd: 2.0, r: 0.8 };
        assert!((p.s_diff().unwrap() - 1.264_911_064).abs() < 1e-9);
        assert!((rci(4.0, 7.0, p).unwrap() - 2.371_708_245).abs() < 1e-9);
        assert_eq!(RciParams { sd: 0.0, r: 0.5 }.s_diff(), None);
        assert_eq!(RciParams { sd: 1.0, r: 1.0 }.s_diff(), None);
    }

    #[test]
    fn classes_respect_direction_and_the_boundary() {
        assert_eq!(classify(2.5, true), ChangeClass::ReliablyImproved);
        assert_eq!(classify(-2.5, true), ChangeClass::ReliablyDeteriorated);
        // For "lower is better" indicators a rise is a deterioration.
        assert_eq!(classify(2.5, false), ChangeClass::ReliablyDeteriorated);
        assert_eq!(classify(-2.5, false), ChangeClass::ReliablyImproved);
        // 1.96 itself is not reliable; just above is.
        assert_eq!(classify(1.96, true), ChangeClass::NoReliableChange);
        assert_eq!(classify(-1.96, false), ChangeClass::NoReliableChange);
        assert_eq!(classify(1.9600001, true), ChangeClass::ReliablyImproved);
    }

    #[test]
    fn levels_by_hand() {
        let pts: Vec<Point> = [1.0, 2.0, 3.0, 7.0, 8.0, 9.0, 6.0]
            .iter()
            .enumerate()
            .map(|(i, v)| (d(i as u32 + 1), *v))
            .collect();
        let l = levels(&pts, None).unwrap();
        assert_eq!((l.baseline, l.current, l.window), (2.0, (8.0 + 9.0 + 6.0) / 3.0, 3));
        // Four points: halves of two.
        let l = levels(&pts[..4], None).unwrap();
        assert_eq!((l.baseline, l.current, l.window), (1.5, 5.0, 2));
        assert_eq!(levels(&pts[..1], None), None);
        // A chosen baseline period: days 2..=4 → (2 + 3 + 7) / 3 = 4.
        assert_eq!(levels(&pts, Some((d(2), d(4)))).unwrap().baseline, 4.0);
        assert_eq!(levels(&pts, None).unwrap().baseline_dates, (d(1), d(3)));
        assert_eq!(levels(&pts, Some((d(2), d(4)))).unwrap().baseline_dates, (d(2), d(4)));
        // A period without sessions gives no baseline.
        assert_eq!(levels(&pts, Some((d(20), d(25)))), None);
    }

    #[test]
    fn typed_parameters_keep_only_differences_and_refuse_bad_values() {
        let mut typed: BTreeMap<String, (String, String)> = Measure::all()
            .into_iter()
            .map(|m| {
                (
                    m.key(),
                    (m.default_params().sd.to_string(), m.default_params().r.to_string()),
                )
            })
            .collect();
        assert_eq!(overrides_from_typed(&typed), Ok(RciOverrides::new()));
        typed.insert("area:mindfulness".into(), ("2.5".into(), " 0.9 ".into()));
        let o = overrides_from_typed(&typed).unwrap();
        assert_eq!(o.len(), 1);
        assert_eq!(o["area:mindfulness"], RciParams { sd: 2.5, r: 0.9 });
        typed.insert("area:mindfulness".into(), ("2.5".into(), "1".into()));
        assert_eq!(
            overrides_from_typed(&typed),
            Err("Mindfulness: r must be at least 0 and below 1.".into())
        );
        typed.insert("area:mindfulness".into(), ("".into(), "0.5".into()));
        assert_eq!(
            overrides_from_typed(&typed),
            Err("Mindfulness: SD is not a number.".into())
        );
    }

    #[test]
    fn overrides_replace_defaults_by_key() {
        let m = Measure::Indicator(Indicator::EmotionalOutbursts);
        assert_eq!(m.key(), "indicator:emotional_outbursts");
        assert!(!m.higher_is_better());
        let mut o = RciOverrides::new();
        assert_eq!(params_for(m, &o), RciParams::INDICATOR_DEFAULT);
        o.insert(m.key(), RciParams { sd: 3.0, r: 0.7 });
        assert_eq!(params_for(m, &o), RciParams { sd: 3.0, r: 0.7 });
        assert_eq!(
            params_for(Measure::Area(SkillArea::Mindfulness), &o),
            RciParams::AREA_DEFAULT
        );
        assert_eq!(Measure::all().len(), 17);
        assert!(RciParams { sd: 2.0, r: 1.0 }.validate().is_err());
    }
}
