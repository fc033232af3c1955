//! DBT's four skills modules, the seed article's growth indicators, and the skills taught in
//! each module. Names here are the product's vocabulary (and the UI contract's labels).

crate::vocabulary! {
    /// The four DBT skills modules, as skill areas of growth.
    pub enum SkillArea {
        EmotionRegulation = "emotion_regulation", "Emotion regulation";
        InterpersonalEffectiveness = "interpersonal_effectiveness", "Interpersonal effectiveness";
        DistressTolerance = "distress_tolerance", "Distress tolerance";
        Mindfulness = "mindfulness", "Mindfulness";
    }
}

impl SkillArea {
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

crate::vocabulary! {
    /// The growth indicators rated 0–10 on a progress note; labels exactly as in the UI contract.
    pub enum Indicator {
        EmotionalOutbursts = "emotional_outbursts", "Emotional outbursts";
        ManagingStrongEmotions = "managing_strong_emotions", "Managing strong emotions";
        UnderstandingEmotionalTriggers = "understanding_emotional_triggers", "Understanding emotional triggers";
        Communication = "communication", "Communication";
        Assertiveness = "assertiveness", "Assertiveness";
        HealthyBoundaries = "healthy_boundaries", "Healthy boundaries";
        RelationshipSatisfaction = "relationship_satisfaction", "Relationship satisfaction";
        InterpersonalConflict = "interpersonal_conflict", "Interpersonal conflict";
        SelfDestructiveBehaviors = "self_destructive_behaviors", "Self-destructive behaviors";
        CopingWithStressors = "coping_with_stressors", "Coping with stressors";
        HealthyCoping = "healthy_coping", "Healthy coping";
        PresentMomentAwareness = "present_moment_awareness", "Present-moment awareness";
        NonjudgmentalStance = "nonjudgmental_stance", "Nonjudgmental stance";
    }
}

/// Highest indicator rating.
pub const INDICATOR_MAX: u8 = 10;

impl Indicator {
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
        assert_eq!(SkillArea::from_name("mindfulness"), Some(SkillArea::Mindfulness));
        assert_eq!(SkillArea::from_name("nope"), None);
    }
}
