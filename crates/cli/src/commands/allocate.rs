//! `caseload allocate SCENARIO --budget USD`: the best split of a budget over contract
//! beds, new officers and removal flights for one measure (`study::allocate`), searched in
//! the fluid mode, the best split at the full budget confirmed in the DES against spending
//! nothing (common random numbers, paired 95% interval). Writes frontier.csv and
//! allocation.json atomically.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use study::allocate::{
    self, Allocation, Confirmation, Lever, Options, allocation_json, binding, confirm, frontier_csv,
};

use super::calibrate::exit_with;

#[derive(Args)]
pub struct AllocateArgs {
    /// Scenario file or built-in name.
    scenario: String,
    /// The budget, US dollars over the scenario's measured days (e.g. 2e9).
    #[arg(long, allow_hyphen_values = true)]
    budget: f64,
    /// The measure to optimise (see docs/outputs.md), e.g. removals, arrests_per_day.
    #[arg(long, default_value = "removals")]
    objective: String,
    /// Minimise the measure instead (e.g. released_no_bed).
    #[arg(long)]
    minimise: bool,
    /// Levers to split the budget over: beds, officers, flights, judges, partners
    /// (comma-separated; each extra lever multiplies the search).
    #[arg(long, default_value = "beds,officers,flights")]
    levers: String,
    /// Skip the DES confirmation of the best split.
    #[arg(long)]
    no_confirm: bool,
    /// Output directory (default: `out/allocate-<scenario name>`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print only where the files went.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: &AllocateArgs) -> anyhow::Result<()> {
    let loaded = scenario::resolve(&args.scenario).unwrap_or_else(|e| exit_with(&e));
    let sc = &loaded.scenario;
    let levers = args
        .levers
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            Lever::parse(s).unwrap_or_else(|| {
                exit_with(&format!(
                    "error: --levers: unknown lever {s:?}; levers: beds, officers, flights, judges, partners"
                ))
            })
        })
        .collect();
    let opts =
        Options { minimise: args.minimise, levers, ..Options::new(args.budget, &args.objective) };
    allocate::check(sc, &opts).unwrap_or_else(|e| exit_with(&e));
    let t0 = Instant::now();
    let a = allocate::allocate(sc, &opts).unwrap_or_else(|e| exit_with(&e));
    let searched = t0.elapsed().as_secs_f64();
    let confirm = (!args.no_confirm).then(|| confirm(sc, &opts, &a)).transpose()?;
    let dir =
        args.out.clone().unwrap_or_else(|| PathBuf::from(format!("out/allocate-{}", sc.name)));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    output::write_atomic(&dir, "frontier.csv", |w| w.write_all(frontier_csv(&a).as_bytes()))?;
    let json = allocation_json(&opts, &a, confirm.as_ref(), searched);
    output::write_atomic(&dir, "allocation.json", |w| {
        w.write_all(serde_json::to_string_pretty(&json).unwrap_or_default().as_bytes())
    })?;
    let page = allocate::report_page(sc, &opts, &a, confirm.as_ref(), &super::command_line());
    let page = output::report::studies::allocation_page(&page);
    output::write_atomic(&dir, "report.html", |w| w.write_all(page.as_bytes()))?;
    if !args.quiet {
        print!("{}", table(&opts, &a, confirm.as_ref(), searched));
    }
    println!("wrote {}/frontier.csv, allocation.json and report.html", dir.display());
    Ok(())
}

fn table(opts: &Options, a: &Allocation, confirm: Option<&Confirmation>, seconds: f64) -> String {
    let mut out = format!(
        "{} {} with nothing bought: {:.1}\n\n{:>14} {:>12}",
        if opts.minimise { "minimise" } else { "maximise" },
        opts.objective,
        a.status_quo,
        "budget (US$)",
        opts.objective
    );
    for l in &a.levers {
        out += &format!(" {:>18}", format!("{} ({})", l.name(), l.unit()));
    }
    out += "  next $ buys most\n";
    for p in &a.frontier {
        out += &format!("{:>14.3e} {:>12.1}", p.budget, p.best.objective);
        for u in &p.best.units {
            out += &format!(" {u:>18.1}");
        }
        out += &format!("  {}\n", binding(a, &p.marginal_per_million, opts.minimise));
    }
    if let Some(c) = confirm {
        let [m, lo, hi] = c.best;
        out += &format!(
            "\nDES, best split at the full budget minus nothing bought (paired): {m:+.1} [{lo:+.1}, {hi:+.1}]\n"
        );
        let point = a.frontier.last().expect("a frontier point");
        for (cand, (_, [bm, blo, bhi])) in point.runners_up.iter().zip(&c.runners_up) {
            let units: Vec<String> = cand.units.iter().map(|u| format!("{u:.1}")).collect();
            out += &format!(
                "  runner-up ({}): best minus it {bm:+.1} [{blo:+.1}, {bhi:+.1}]\n",
                units.join(", ")
            );
        }
    }
    out += &format!("searched in {seconds:.1} s (fluid)\n");
    out
}
