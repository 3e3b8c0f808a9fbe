use model::{RunOptions, testkit};

#[test]
fn scratch_compare_tiny() {
    let sc = testkit::tiny();
    let t0 = std::time::Instant::now();
    let f = model::fluid::run(&sc);
    eprintln!("fluid {:?}", t0.elapsed());
    let d =
        model::run(&sc, RunOptions { replications: Some(20), seed: Some(3), threads: 0 }).unwrap();
    for (a, b) in f.national.iter().zip(&d.national) {
        eprintln!(
            "{:32} fluid {:12.3}  des {:12.3} [{:12.3}, {:12.3}]",
            a.key, a.estimate.mean, b.estimate.mean, b.estimate.ci95[0], b.estimate.ci95[1]
        );
    }
    for m in model::Metric::ALL {
        let ft = f.daily_mean.total(*m);
        let dt = d.daily_mean.total(*m);
        eprintln!(
            "{:28} fluid {:14.2} des {:14.2}  {:+.2}%",
            m.name(),
            ft,
            dt,
            if dt != 0.0 { (ft / dt - 1.0) * 100.0 } else { 0.0 }
        );
    }
    eprintln!("{:?}", f.invariants[0]);
}

#[test]
fn scratch_compare_baselines() {
    for name in ["baseline-fy2024", "baseline-fy2025"] {
        let sc = scenario::load_builtin(name).unwrap().scenario;
        let t0 = std::time::Instant::now();
        let f = model::fluid::run(&sc);
        eprintln!("{name}: fluid {:?}", t0.elapsed());
        let d =
            model::run(&sc, RunOptions { replications: Some(4), seed: None, threads: 0 }).unwrap();
        for (a, b) in f.national.iter().zip(&d.national) {
            eprintln!(
                "{:32} fluid {:14.3}  des {:14.3} [{:14.3}, {:14.3}]",
                a.key, a.estimate.mean, b.estimate.mean, b.estimate.ci95[0], b.estimate.ci95[1]
            );
        }
        for m in model::Metric::ALL {
            let ft = f.daily_mean.total(*m);
            let dt = d.daily_mean.total(*m);
            eprintln!(
                "{:28} fluid {:16.2} des {:16.2}  {:+.2}%",
                m.name(),
                ft,
                dt,
                if dt != 0.0 { (ft / dt - 1.0) * 100.0 } else { 0.0 }
            );
        }
        eprintln!("{:?}", f.invariants[0].little.last());
        eprintln!("{:?}", f.invariants[0].violations);
    }
}

#[test]
fn scratch_monthly_fy2025() {
    let sc = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let f = model::fluid::run(&sc);
    let d = model::run(&sc, RunOptions { replications: Some(4), seed: None, threads: 0 }).unwrap();
    let ms = [
        model::Metric::ReleasedDiscretionary,
        model::Metric::ReleasedRelief,
        model::Metric::CourtQueue,
        model::Metric::BookInsIce,
        model::Metric::BookInsCbp,
    ];
    let mut month = String::new();
    let mut acc = vec![(0.0, 0.0); ms.len()];
    for day in 0..=sc.days as usize {
        let key = if day < sc.days as usize {
            sc.start.plus(day as i32).month_key()
        } else {
            String::new()
        };
        if key != month && !month.is_empty() {
            eprint!("{month}");
            for (i, m) in ms.iter().enumerate() {
                eprint!("  {} {:9.0}/{:9.0}", &m.name()[..8], acc[i].0, acc[i].1);
            }
            eprintln!();
            acc = vec![(0.0, 0.0); ms.len()];
        }
        month = key;
        if day == sc.days as usize {
            break;
        }
        for (i, m) in ms.iter().enumerate() {
            acc[i].0 += f.daily_mean.national(day, *m);
            acc[i].1 += d.daily_mean.national(day, *m);
        }
    }
}

fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

#[test]
fn scratch_cpu_time() {
    for name in ["baseline-fy2024", "baseline-fy2025"] {
        let sc = scenario::load_builtin(name).unwrap().scenario;
        let n = 40;
        let c0 = cpu_seconds();
        for _ in 0..n {
            std::hint::black_box(model::fluid::run_replication(&sc));
        }
        let c1 = cpu_seconds();
        for _ in 0..n {
            std::hint::black_box(model::fluid::run(&sc));
        }
        let c2 = cpu_seconds();
        eprintln!(
            "{name}: trajectory {:.2} ms cpu, run {:.2} ms cpu",
            (c1 - c0) / n as f64 * 1e3,
            (c2 - c1) / n as f64 * 1e3
        );
    }
}

#[test]
fn scratch_all_builtins() {
    let only = std::env::var("ONLY").ok();
    for name in scenario::builtin_names()
        .iter()
        .filter(|n| only.as_deref().is_none_or(|o| o.split(",").any(|x| x == **n)))
    {
        let sc = scenario::load_builtin(name).unwrap().scenario;
        let f = model::fluid::run(&sc);
        let d =
            model::run(&sc, RunOptions { replications: Some(3), seed: None, threads: 0 }).unwrap();
        eprintln!("== {name}");
        for k in [
            "arrests_per_day",
            "book_ins",
            "adp",
            "alos_days",
            "removals",
            "released_no_bed",
            "transfers_out_of_aor",
            "arrest_to_removal_days",
            "los_p90_days",
            "cost_usd",
        ] {
            let a = f.national(k).unwrap().estimate.mean;
            let b = d.national(k).unwrap().estimate;
            eprintln!(
                "  {k:26} fluid {a:14.1} des {:14.1} [{:14.1},{:14.1}] {:+.2}%",
                b.mean,
                b.ci95[0],
                b.ci95[1],
                if b.mean != 0.0 { (a / b.mean - 1.0) * 100.0 } else { 0.0 }
            );
        }
        for m in [
            model::Metric::CbpHold,
            model::Metric::CourtQueue,
            model::Metric::AwaitingRemoval,
            model::Metric::RemovalsFlight,
            model::Metric::ReleasedNotForeseeable,
        ] {
            eprintln!(
                "  {:26} fluid {:14.1} des {:14.1}",
                m.name(),
                f.daily_mean.total(m),
                d.daily_mean.total(m)
            );
        }
    }
}

#[test]
fn scratch_band_stats() {
    use super::common::*;
    for sc in [
        model::testkit::tiny(),
        scenario::load_builtin("baseline-fy2024").unwrap().scenario,
        scenario::load_builtin("baseline-fy2025").unwrap().scenario,
    ] {
        let f = model::fluid::run(&sc);
        let d = des(&sc, 8);
        let sat = saturated_days(&sc, &d);
        for slack in [0.0, 0.005, 0.01, 0.015] {
            let (n, m) = weekly_bands(&f, &d, &sat, slack);
            eprintln!(
                "{} sat {} slack {slack}: {n} compared, {} misses {:?}",
                sc.name,
                sat.iter().filter(|x| **x).count(),
                m.len(),
                m.iter().map(|x| (x.series, x.week)).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn scratch_divergence() {
    use model::{Metric, Schedule};
    let mut f1 = model::testkit::tiny();
    f1.days = 360;
    f1.warmup_days = 120;
    for (fpw, seats) in [(14.0, 135.0), (1.0, 135.0), (1.0, 115.0), (1.0, 105.0)] {
        let mut sc = f1.clone();
        sc.removal.flights_per_week = Schedule::constant(fpw);
        sc.removal.seats_per_flight = Schedule::constant(seats);
        let f = model::fluid::run(&sc);
        let d = model::run(&sc, RunOptions { replications: Some(10), seed: Some(3), threads: 0 })
            .unwrap();
        eprintln!(
            "flights {fpw}/wk x {seats}: removals_flight fluid {:.0} des {:.0}; awaiting fluid {:.0} des {:.0}; nf fluid {:.0} des {:.0}; a2r med fluid {:.2} des {:.2}",
            f.daily_mean.total(Metric::RemovalsFlight),
            d.daily_mean.total(Metric::RemovalsFlight),
            f.daily_mean.total(Metric::AwaitingRemoval) / 360.0,
            d.daily_mean.total(Metric::AwaitingRemoval) / 360.0,
            f.daily_mean.total(Metric::ReleasedNotForeseeable),
            d.daily_mean.total(Metric::ReleasedNotForeseeable),
            f.national("arrest_to_removal_days").unwrap().estimate.mean,
            d.national("arrest_to_removal_days").unwrap().estimate.mean
        );
    }
    for beds in [2000.0, 1050.0, 1000.0, 960.0, 900.0] {
        let mut sc = f1.clone();
        sc.offices[0].beds[0].beds = Schedule::constant(beds);
        let f = model::fluid::run(&sc);
        let d = model::run(&sc, RunOptions { replications: Some(10), seed: Some(3), threads: 0 })
            .unwrap();
        eprintln!(
            "beds {beds}: no-bed fluid {:.0} des {:.0}; adp fluid {:.1} des {:.1}; cbp fluid {:.1} des {:.1}",
            f.daily_mean.total(Metric::ReleasedNoBed),
            d.daily_mean.total(Metric::ReleasedNoBed),
            f.national("adp").unwrap().estimate.mean,
            d.national("adp").unwrap().estimate.mean,
            f.daily_mean.total(Metric::CbpHold) / 360.0,
            d.daily_mean.total(Metric::CbpHold) / 360.0
        );
    }
}
