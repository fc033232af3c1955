//! Trends and insights, computed on the device from the decrypted records: series, slopes,
//! reliable change, milestones, early warning signs, treatment suggestions and patterns.
//! Pure functions of records plus `today`; nothing here is a diagnosis, and every warning
//! and suggestion carries the rule and the data points behind it.

pub mod attention;
pub mod change;
pub mod insights;
pub mod milestones;
pub mod patterns;
pub mod report;
pub mod series;
pub mod stats;
pub mod suggestions;
pub mod summary;
pub mod trend;
pub mod warnings;

/// One piece of evidence shown beside a warning or suggestion: what, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// What was measured.
    pub label: String,
    /// Its value, formatted for display.
    pub value: String,
}

impl Evidence {
    /// Build one.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
}
