//! Benchmarks in release wasm in headless Chromium (`make bench`): computing all insights
//! for one client with 3 years of daily diary cards and 150 notes, the caseload's
//! needs-attention list for 50 clients × 200 notes and a year of cards, and rendering a
//! 1,000-point chart. They print figures; they assert nothing about time (targets are in
//! docs/performance.md, not in tests).
#![cfg(target_arch = "wasm32")]

use chrono::{Days, NaiveDate};
use wasm_bindgen_test::*;
use wisemind::domain::clinical::analytics::change::RciOverrides;
use wisemind::domain::clinical::analytics::{milestones, patterns, suggestions, summary, warnings};
use wisemind::domain::notebook::demo;
use wisemind::domain::notebook::memory::Notebook;
use wisemind::ui::bench;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 9;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn median(mut v: Vec<f64>) -> f64 {
    wisemind::domain::base::order::sort_by(&mut v, f64::total_cmp);
    v[v.len() / 2]
}

#[wasm_bindgen_test]
fn insights_for_three_years_of_cards_and_150_notes() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut nb = Notebook::default();
    for (id, r) in demo::synthetic(today, 150, 3 * 365) {
        nb.put(id, r);
    }
    let client = nb.clients[0].0;
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let t0 = now();
        let notes: Vec<_> = nb.notes_of(&client).into_iter().map(|(_, n)| n).collect();
        let cards: Vec<_> = nb.cards_of(&client).into_iter().map(|(_, c)| c).collect();
        let goals: Vec<_> = nb.goals_of(&client).into_iter().map(|(_, g)| g).collect();
        let rci = RciOverrides::new();
        let s = summary::effectiveness(&notes, &cards, &rci, None, today, None);
        let w = warnings::detect(&notes, &cards, &rci, today);
        let m = milestones::detect(&notes, &cards, &goals);
        let g = suggestions::suggest(&s.areas);
        let h = patterns::weekday_urges(&cards);
        let e = patterns::prompting_events(&notes, 5);
        found = w.len() + m.len() + g.len() + h.len() + e.len();
        times.push(now() - t0);
    }
    assert!(found > 0, "the synthetic record produces insights");
    console_log!(
        "BENCH insights_3y_cards_150_notes_ms {:.2} (median of {RUNS}; target < 50)",
        median(times)
    );
}

#[wasm_bindgen_test]
fn needs_attention_for_a_caseload_of_50_clients() {
    use wisemind::domain::notebook::caseload::needs_attention;
    use wisemind::domain::notebook::record::AnyRecord;
    use wisemind::domain::vault::ids::RecordId;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    // 50 clients, each with 200 weekly notes and a year of daily diary cards.
    let mut nb = Notebook::default();
    for i in 0..50u8 {
        let id = |j: usize| {
            let mut bytes = [0u8; 16];
            bytes[0] = i;
            bytes[1..9].copy_from_slice(&(j as u64).to_be_bytes());
            RecordId::from_bytes(bytes)
        };
        let client = id(0);
        for (j, (_, mut record)) in demo::synthetic(today, 200, 365).into_iter().enumerate() {
            if let Some(owner) = record.client_mut() {
                *owner = Some(client);
            }
            if let AnyRecord::Client(c) = &mut record {
                c.name = format!("Client {i:02}");
            }
            nb.put(id(j), record);
        }
    }
    assert_eq!(nb.clients.len(), 50);
    let mut times = Vec::new();
    let mut listed = 0;
    for _ in 0..RUNS {
        let t0 = now();
        listed = needs_attention(&nb, today).len();
        times.push(now() - t0);
    }
    console_log!(
        "BENCH caseload_needs_attention_50x200_notes_ms {:.2} ({} notes, {} cards, {listed} flags; median of {RUNS}; target ≤ 100)",
        median(times),
        nb.notes.len(),
        nb.cards.len()
    );
}

#[wasm_bindgen_test]
async fn render_a_1000_point_chart() {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let points: Vec<(NaiveDate, f64)> = (0..1000u64)
        .map(|i| (start + Days::new(i), 5.0 + 4.0 * ((i as f64) / 37.0).sin()))
        .collect();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        times.push(bench::render_chart(points.clone(), now).await);
    }
    console_log!(
        "BENCH chart_1000_points_render_ms {:.2} (median of {RUNS}; target < 50)",
        median(times)
    );
}

#[wasm_bindgen_test]
fn aes_gcm_throughput_in_wasm() {
    use wisemind::domain::vault::aead;
    let key = [7u8; 32];
    let plain = vec![0x5au8; 8 * 1024 * 1024];
    let mut seal_ms = Vec::new();
    let mut open_ms = Vec::new();
    for _ in 0..RUNS {
        let t0 = now();
        let sealed = aead::seal(&key, &[1; 12], b"ad", &plain);
        let t1 = now();
        let opened = aead::open(&key, &[1; 12], b"ad", &sealed).expect("authentic");
        open_ms.push(now() - t1);
        seal_ms.push(t1 - t0);
        assert_eq!(opened.len(), plain.len());
    }
    let mb = plain.len() as f64 / 1e6;
    console_log!(
        "BENCH aes_gcm_seal_mb_per_s {:.0} open_mb_per_s {:.0} (8 MiB, median of {RUNS})",
        mb / (median(seal_ms) / 1000.0),
        mb / (median(open_ms) / 1000.0)
    );
}
