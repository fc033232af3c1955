//! DBT's four skills modules, the seed article's growth indicators, and the skills taught in
//! each module. Names here are the product's vocabulary (and the UI contract's labels).

use serde::Serialize;

/// The four DBT skills modules, as skill areas of growth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillArea {
    /// Emotion regulation.
    EmotionRegulation,
    /// Interpersonal effectiveness.
    InterpersonalEffectiveness,
    /// Distress tolerance.
    DistressTolerance,
    /// Mindfulness.
    Mindfulness,
}

crate::named!(SkillArea {
    EmotionRegulation = "emotion_regulation",
    InterpersonalEffectiveness = "interpersonal_effectiveness",
    DistressTolerance = "distress_tolerance",
    Mindfulness = "mindfulness",
});

impl SkillArea {
    /// All areas in display order.
    pub const ALL: [SkillArea; 4] = [
        SkillArea::EmotionRegulation,
        SkillArea::InterpersonalEffectiveness,
        SkillArea::DistressTolerance,
        SkillArea::Mindfulness,
    ];

    /// Display name.
    pub const fn label(self) -> &'static str {
        match self {
            SkillArea::EmotionRegulation => "Emotion regulation",
            SkillArea::InterpersonalEffectiveness => "Interpersonal effectiveness",
            SkillArea::DistressTolerance => "Distress tolerance",
            SkillArea::Mindfulness => "Mindfulness",
        }
    }

    /// Stable short key (form values, CSV columns).
    pub const fn key(self) -> &'static str {
        match self {
            SkillArea::EmotionRegulation => "emotion_regulation",
            SkillArea::InterpersonalEffectiveness => "interpersonal_effectiveness",
            SkillArea::DistressTolerance => "distress_tolerance",
            SkillArea::Mindfulness => "mindfulness",
        }
    }

    /// Parse [`Self::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The indicators of this area.
    pub fn indicators(self) -> impl Iterator<Item = Indicator> {
        Indicator::ALL.into_iter().filter(move |i| i.area() == self)
    }

    /// Skills taught in this module.
    pub const fn skills(self) -> &'static [&'static str] {
        match self {
            SkillArea::Mindfulness => &[
                "Wise mind",
                "Observe",
                "Describe",
                "Participate",
                "Non-judgmentally",
                "One-mindfully",
                "Effectively",
            ],
            SkillArea::DistressTolerance => &[
                "STOP",
                "TIPP",
                "ACCEPTS",
                "Self-soothe",
                "IMPROVE",
                "Pros and cons",
                "Radical acceptance",
            ],
            SkillArea::EmotionRegulation => &["Check the facts", "Opposite action", "Problem solving", "ABC PLEASE"],
            SkillArea::InterpersonalEffectiveness => &["DEAR MAN", "GIVE", "FAST"],
        }
    }
}

/// The growth indicators rated 0–10 on a progress note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Indicator {
    EmotionalOutbursts,
    ManagingStrongEmotions,
    UnderstandingEmotionalTriggers,
    Communication,
    Assertiveness,
    HealthyBoundaries,
    RelationshipSatisfaction,
    InterpersonalConflict,
    SelfDestructiveBehaviors,
    CopingWithStressors,
    HealthyCoping,
    PresentMomentAwareness,
    NonjudgmentalStance,
}

crate::named!(Indicator {
    EmotionalOutbursts = "emotional_outbursts",
    ManagingStrongEmotions = "managing_strong_emotions",
    UnderstandingEmotionalTriggers = "understanding_emotional_triggers",
    Communication = "communication",
    Assertiveness = "assertiveness",
    HealthyBoundaries = "healthy_boundaries",
    RelationshipSatisfaction = "relationship_satisfaction",
    InterpersonalConflict = "interpersonal_conflict",
    SelfDestructiveBehaviors = "self_destructive_behaviors",
    CopingWithStressors = "coping_with_stressors",
    HealthyCoping = "healthy_coping",
    PresentMomentAwareness = "present_moment_awareness",
    NonjudgmentalStance = "nonjudgmental_stance",
});

/// Highest indicator rating.
pub const INDICATOR_MAX: u8 = 10;

impl Indicator {
    /// All indicators, grouped by area in display order.
    pub const ALL: [Indicator; 13] = [
        Indicator::EmotionalOutbursts,
        Indicator::ManagingStrongEmotions,
        Indicator::UnderstandingEmotionalTriggers,
        Indicator::Communication,
        Indicator::Assertiveness,
        Indicator::HealthyBoundaries,
        Indicator::RelationshipSatisfaction,
        Indicator::InterpersonalConflict,
        Indicator::SelfDestructiveBehaviors,
        Indicator::CopingWithStressors,
        Indicator::HealthyCoping,
        Indicator::PresentMomentAwareness,
        Indicator::NonjudgmentalStance,
    ];

    /// The label, exactly as in the UI contract.
    pub const fn label(self) -> &'static str {
        match self {
            Indicator::EmotionalOutbursts => "Emotional outbursts",
            Indicator::ManagingStrongEmotions => "Managing strong emotions",
            Indicator::UnderstandingEmotionalTriggers => "Understanding emotional triggers",
            Indicator::Communication => "Communication",
            Indicator::Assertiveness => "Assertiveness",
            Indicator::HealthyBoundaries => "Healthy boundaries",
            Indicator::RelationshipSatisfaction => "Relationship satisfaction",
            Indicator::InterpersonalConflict => "Interpersonal conflict",
            Indicator::SelfDestructiveBehaviors => "Self-destructive behaviors",
            Indicator::CopingWithStressors => "Coping with stressors",
            Indicator::HealthyCoping => "Healthy coping",
            Indicator::PresentMomentAwareness => "Present-moment awareness",
            Indicator::NonjudgmentalStance => "Nonjudgmental stance",
        }
    }

    /// The skill area it indicates.
    pub const fn area(self) -> SkillArea {
        use Indicator::*;
        match self {
            EmotionalOutbursts | ManagingStrongEmotions | UnderstandingEmotionalTriggers => {
                SkillArea::EmotionRegulation
            }
            Communication | Assertiveness | HealthyBoundaries | RelationshipSatisfaction | InterpersonalConflict => {
                SkillArea::InterpersonalEffectiveness
            }
            SelfDestructiveBehaviors | CopingWithStressors | HealthyCoping => SkillArea::DistressTolerance,
            PresentMomentAwareness | NonjudgmentalStance => SkillArea::Mindfulness,
        }
    }

    /// True where a lower rating means better functioning.
    pub const fn lower_is_better(self) -> bool {
        matches!(
            self,
            Indicator::EmotionalOutbursts | Indicator::InterpersonalConflict | Indicator::SelfDestructiveBehaviors
        )
    }

    /// A rating turned so that higher is always better (for scores and trends).
    pub fn adjusted(self, rating: u8) -> f64 {
        let r = f64::from(rating.min(INDICATOR_MAX));
        if self.lower_is_better() {
            f64::from(INDICATOR_MAX) - r
        } else {
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_its_contract_indicators() {
        let counts: Vec<usize> = SkillArea::ALL.iter().map(|a| a.indicators().count()).collect();
        assert_eq!(counts, [3, 5, 3, 2]);
        let reversed: Vec<&str> = Indicator::ALL
            .iter()
            .filter(|i| i.lower_is_better())
            .map(|i| i.label())
            .collect();
        assert_eq!(
            reversed,
            [
                "Emotional outbursts",
                "Interpersonal conflict",
                "Self-destructive behaviors"
            ]
        );
    }

    #[test]
    fn adjustment_turns_lower_is_better_ratings() {
        assert_eq!(Indicator::EmotionalOutbursts.adjusted(2), 8.0);
        assert_eq!(Indicator::Communication.adjusted(2), 2.0);
        assert_eq!(SkillArea::from_key("mindfulness"), Some(SkillArea::Mindfulness));
        assert_eq!(SkillArea::from_key("nope"), None);
    }
}
