//! Fluid vs DES on built-in scenarios: monthly tables (markdown, on stdout) and charts
//! (SVG, into docs/img/) for docs/validation.md.
//!
//! ```text
//! cargo run --release -p caseload-model --example fluid_vs_des -- \
//!     baseline-fy2024 baseline-fy2025 status-quo-fy2026
//! ```
//! Replications: each scenario's own (10 for the built-ins). The SVG is written by hand
//! (polylines and polygons), so the example needs no plotting dependency.

use std::fmt::Write as _;

use des::Summary;
use model::{METRIC_COUNT, Metric, RunOptions, RunResult};

/// A national series: title, metrics summed, and whether it is a stock.
struct Series {
    title: &'static str,
    metrics: &'static [Metric],
    stock: bool,
}

const SERIES: [Series; 5] = [
    Series {
        title: "interior arrests per day",
        metrics: &model::summary::INTERIOR_ARRESTS,
        stock: false,
    },
    Series {
        title: "book-ins per day",
        metrics: &[Metric::BookInsIce, Metric::BookInsCbp],
        stock: false,
    },
    Series { title: "detained (end of day)", metrics: &[Metric::Detained], stock: true },
    Series { title: "removals per day", metrics: &model::summary::REMOVALS, stock: false },
    Series {
        title: "released for lack of a bed per day",
        metrics: &[Metric::ReleasedNoBed],
        stock: false,
    },
];

fn value(row: &[f64; METRIC_COUNT], ms: &[Metric]) -> f64 {
    ms.iter().map(|m| row[*m as usize]).sum()
}

/// 7-day means of a series for one replication.
fn weekly(rep: &[[f64; METRIC_COUNT]], ms: &[Metric]) -> Vec<f64> {
    rep.chunks_exact(7).map(|w| w.iter().map(|r| value(r, ms)).sum::<f64>() / 7.0).collect()
}

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    let names = if names.is_empty() {
        vec!["baseline-fy2024".to_string(), "baseline-fy2025".to_string()]
    } else {
        names
    };
    let img = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/img");
    std::fs::create_dir_all(&img).expect("docs/img");
    for name in &names {
        let sc = scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}")).scenario;
        let t0 = std::time::Instant::now();
        let fluid = model::fluid::run(&sc);
        let fluid_ms = t0.elapsed().as_secs_f64() * 1e3;
        let t0 = std::time::Instant::now();
        let des = model::run(&sc, RunOptions::default()).expect("runs");
        let des_s = t0.elapsed().as_secs_f64();
        println!(
            "\n### {name}\n\nfluid {fluid_ms:.0} ms; DES {} replications {des_s:.1} s (wall, this machine)\n",
            sc.replications
        );
        table(&sc, &fluid, &des);
        let path = img.join(format!("fluid-vs-des-{name}.svg"));
        std::fs::write(&path, chart(name, &fluid, &des)).expect("write svg");
        println!("\n![{name}: fluid vs DES](img/fluid-vs-des-{name}.svg)");
    }
}

/// Monthly national arrests/day, ADP and removals: fluid vs DES mean and 95% CI.
fn table(sc: &model::Scenario, fluid: &RunResult, des: &RunResult) {
    println!(
        "| month | arrests/day fluid | DES mean [95% CI] | ADP fluid | DES mean [95% CI] | removals fluid | DES mean [95% CI] |"
    );
    println!("|---|---|---|---|---|---|---|");
    let days = fluid.daily_mean.days();
    let mut months: Vec<(String, Vec<usize>)> = Vec::new();
    for d in 0..days {
        let key = sc.start.plus(d as i32).month_key();
        match months.last_mut() {
            Some((k, v)) if *k == key => v.push(d),
            _ => months.push((key, vec![d])),
        }
    }
    let cols: [(&[Metric], bool); 3] = [
        (&model::summary::INTERIOR_ARRESTS, true),
        (&[Metric::Detained], true),
        (&model::summary::REMOVALS, false),
    ];
    for (month, ds) in &months {
        let mut line = format!("| {month} |");
        for (ms, mean) in cols {
            let of = |rep: &Vec<[f64; METRIC_COUNT]>| {
                let s: f64 = ds.iter().map(|&d| value(&rep[d], ms)).sum();
                if mean { s / ds.len() as f64 } else { s }
            };
            let f = of(&fluid.national_daily[0]);
            let reps: Vec<f64> = des.national_daily.iter().map(of).collect();
            let s = Summary::of(&reps);
            let inside = if f >= s.ci.0 && f <= s.ci.1 { "" } else { " *" };
            let _ =
                write!(line, " {f:.0}{inside} | {:.0} [{:.0}, {:.0}] |", s.mean, s.ci.0, s.ci.1);
        }
        println!("{line}");
    }
    println!("\n`*`: fluid outside the DES interval (monthly, no slack).");
}

/// Panels of 7-day means: the DES's 95% band (shaded), its mean (grey), the fluid (blue).
fn chart(name: &str, fluid: &RunResult, des: &RunResult) -> String {
    let (pw, ph, pad) = (520.0, 200.0, 46.0);
    let cols = 2;
    let rows = SERIES.len().div_ceil(cols);
    let (w, h) = (cols as f64 * (pw + pad) + pad, rows as f64 * (ph + pad) + pad + 20.0);
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="{pad}" y="18" font-size="14">{name}: fluid (blue) vs DES mean (grey) and 95% band (shaded), 7-day means</text>
"##
    );
    for (i, series) in SERIES.iter().enumerate() {
        let (x0, y0) = (
            pad + (i % cols) as f64 * (pw + pad),
            30.0 + pad / 2.0 + (i / cols) as f64 * (ph + pad),
        );
        let f = weekly(&fluid.national_daily[0], series.metrics);
        let reps: Vec<Vec<f64>> =
            des.national_daily.iter().map(|r| weekly(r, series.metrics)).collect();
        let band: Vec<Summary> = (0..f.len())
            .map(|k| Summary::of(&reps.iter().map(|r| r[k]).collect::<Vec<_>>()))
            .collect();
        let lo = band.iter().map(|b| b.ci.0).chain(f.iter().copied()).fold(f64::INFINITY, f64::min);
        let hi =
            band.iter().map(|b| b.ci.1).chain(f.iter().copied()).fold(f64::NEG_INFINITY, f64::max);
        let lo = if series.stock { lo * 0.98 } else { lo.min(0.0) };
        let hi = if hi > lo { hi * 1.02 } else { lo + 1.0 };
        let n = f.len().max(2) as f64 - 1.0;
        let px = |k: usize| x0 + k as f64 / n * pw;
        let py = |v: f64| y0 + ph - (v - lo) / (hi - lo) * ph;
        let _ = writeln!(
            s,
            r##"<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>
<text x="{x0}" y="{}">{}</text>
<text x="{}" y="{}" text-anchor="end">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>"##,
            y0 - 4.0,
            series.title,
            x0 - 3.0,
            y0 + 10.0,
            label(hi),
            x0 - 3.0,
            y0 + ph,
            label(lo)
        );
        let mut poly = String::new();
        for (k, b) in band.iter().enumerate() {
            let _ = write!(poly, "{:.1},{:.1} ", px(k), py(b.ci.1));
        }
        for (k, b) in band.iter().enumerate().rev() {
            let _ = write!(poly, "{:.1},{:.1} ", px(k), py(b.ci.0));
        }
        let _ = writeln!(s, r##"<polygon points="{poly}" fill="#bbb" fill-opacity="0.5"/>"##);
        let line = |v: &[f64]| {
            v.iter()
                .enumerate()
                .map(|(k, x)| format!("{:.1},{:.1}", px(k), py(*x)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let means: Vec<f64> = band.iter().map(|b| b.mean).collect();
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#666" stroke-width="1"/>"##,
            line(&means)
        );
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#1f5fbf" stroke-width="1.5"/>"##,
            line(&f)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// An axis label: whole numbers unless the scale is small.
fn label(x: f64) -> String {
    if x.abs() >= 10.0 || x == 0.0 { format!("{x:.0}") } else { format!("{x:.3}") }
}
