//! Small statistics on dated series: means, rolling means, least-squares and Theil–Sen
//! slopes. Time is measured in days; slopes are reported per month of 30.4375 days.

use chrono::NaiveDate;

use crate::domain::base::order;

/// Days in an average month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// A dated value.
pub type Point = (NaiveDate, f64);

/// Arithmetic mean; `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Trailing rolling mean over `window` points (fewer at the start).
pub fn rolling_mean(points: &[Point], window: usize) -> Vec<Point> {
    let window = window.max(1);
    (0..points.len())
        .map(|i| {
            let from = (i + 1).saturating_sub(window);
            let values: Vec<f64> = points[from..=i].iter().map(|p| p.1).collect();
            (points[i].0, mean(&values).expect("at least one point"))
        })
        .collect()
}

fn days(from: NaiveDate, to: NaiveDate) -> f64 {
    (to - from).num_days() as f64
}

/// Ordinary least-squares slope per month, with the intercept at the first point's date.
/// `None` with fewer than two points or all on one day.
pub fn least_squares(points: &[Point]) -> Option<(f64, f64)> {
    let origin = points.first()?.0;
    let xs: Vec<f64> = points.iter().map(|p| days(origin, p.0)).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let (mx, my) = (mean(&xs)?, mean(&ys)?);
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    if points.len() < 2 || sxx == 0.0 {
        return None;
    }
    let sxy: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let per_day = sxy / sxx;
    Some((per_day * DAYS_PER_MONTH, my - per_day * mx))
}

/// Theil–Sen slope per month: the median of all pairwise slopes; robust to outliers in
/// short, noisy series. `None` with fewer than two points on distinct days.
pub fn theil_sen(points: &[Point]) -> Option<f64> {
    let mut slopes = Vec::new();
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            let dx = days(a.0, b.0);
            if dx != 0.0 {
                slopes.push((b.1 - a.1) / dx);
            }
        }
    }
    median(&mut slopes).map(|s| s * DAYS_PER_MONTH)
}

/// Median (sorts in place).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    order::sort_by(values, f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, day).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn rolling_mean_by_hand() {
        let pts = [(d(1), 2.0), (d(8), 4.0), (d(15), 9.0), (d(22), 1.0)];
        let rm: Vec<f64> = rolling_mean(&pts, 3).iter().map(|p| p.1).collect();
        // 2; (2+4)/2 = 3; (2+4+9)/3 = 5; (4+9+1)/3 = 14/3
        assert_eq!(rm[..3], [2.0, 3.0, 5.0]);
        assert!(close(rm[3], 14.0 / 3.0));
    }

    #[test]
    fn least_squares_by_hand() {
        // x = 0, 7, 14 days; y = 1, 2, 6. mean x = 7, mean y = 3.
        // Sxy = (-7)(-2) + 0 + 7·3 = 35; Sxx = 49 + 0 + 49 = 98; slope = 35/98 per day.
        let (slope, intercept) = least_squares(&[(d(1), 1.0), (d(8), 2.0), (d(15), 6.0)]).unwrap();
        assert!(close(slope, 35.0 / 98.0 * DAYS_PER_MONTH));
        assert!(close(intercept, 3.0 - 35.0 / 98.0 * 7.0));
        assert_eq!(least_squares(&[(d(1), 1.0)]), None);
        assert_eq!(least_squares(&[(d(1), 1.0), (d(1), 3.0)]), None);
    }

    #[test]
    fn theil_sen_resists_an_outlier() {
        // Pairwise slopes per day over x = 0, 1, 2, 3 with y = 0, 1, 2, 30:
        // 1, 1, 10, 1, 14.5, 28 → median of [1, 1, 1, 10, 14.5, 28] = (1 + 10) / 2 = 5.5
        let pts = [(d(1), 0.0), (d(2), 1.0), (d(3), 2.0), (d(4), 30.0)];
        assert!(close(theil_sen(&pts).unwrap(), 5.5 * DAYS_PER_MONTH));
        // Least squares is pulled much further by the outlier.
        assert!(least_squares(&pts).unwrap().0 > 8.0 * DAYS_PER_MONTH);
        // Odd count: x = 0, 1, 2; y = 0, 1, 5: slopes 1, 2.5, 4 → 2.5
        assert!(close(
            theil_sen(&pts[..2].iter().copied().chain([(d(3), 5.0)]).collect::<Vec<_>>()).unwrap(),
            2.5 * DAYS_PER_MONTH
        ));
        assert_eq!(theil_sen(&pts[..1]), None);
    }
}
