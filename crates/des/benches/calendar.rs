//! Event-calendar benchmarks (divan). `cargo bench -p caseload-des`.
//!
//! The classic *hold* model: a calendar holding `n` pending events; each step pops the
//! earliest and schedules one more at an exponential distance. This isolates the heap's
//! cost per event at the sizes a model meets (10 to 100,000 pending events), and the
//! M/M/c run measures the whole engine on the peers' model.

use des::testbed::{NodeSpec, Tandem, TandemSpec};
use des::{Calendar, Dist, Overflow, SimDuration, SimTime, Streams};
use divan::Bencher;

fn main() {
    divan::main();
}

const STEPS: u64 = 100_000;

#[divan::bench(args = [10, 1_000, 100_000])]
fn hold(bencher: Bencher, n: usize) {
    let dist = Dist::exponential(1.0).unwrap();
    bencher
        .with_inputs(|| {
            let mut rng = Streams::new(1, 0).stream("hold");
            let mut cal: Calendar<u32> = Calendar::with_capacity(n + 1);
            for i in 0..n {
                let d = SimDuration::from_units(dist.sample(&mut rng), 1_000_000);
                cal.schedule(SimTime::ZERO + d, i as u32);
            }
            (cal, rng)
        })
        .counter(divan::counter::ItemsCount::new(STEPS))
        .bench_local_values(|(mut cal, mut rng)| {
            for _ in 0..STEPS {
                let (now, ev) = cal.pop_until(SimTime::MAX).unwrap();
                let d = SimDuration::from_units(dist.sample(&mut rng), 1_000_000);
                cal.schedule(now + d, ev);
            }
            cal.len()
        });
}

#[divan::bench]
fn mmc_100k_customers(bencher: Bencher) {
    let spec = TandemSpec {
        arrival_rate: 9.0,
        nodes: vec![NodeSpec {
            servers: 10,
            service: Dist::exponential(1.0).unwrap(),
            waiting_room: None,
            overflow: Overflow::Wait,
        }],
        customers: 100_000,
        warmup_fraction: 0.1,
    };
    bencher
        .counter(divan::counter::ItemsCount::new(200_000u64))
        .bench(|| Tandem::run(spec.clone(), &Streams::new(1, 0)).events);
}
