//! The report's charts, each built from one run or two (baseline first, what-if second).
//! Lines and bands of the two runs are overlaid on one chart; stacked charts are drawn
//! side by side on a shared scale, since stacks cannot be overlaid legibly.

use std::fmt::Write;

use crate::report::data::{Band, DailyHistogram, Layer, ReportData, SMOOTH_DAYS, Stack};
use crate::report::svg::{
    self, BarSeries, Chart, Fmt, INK, Key, Legend, Mark, RUN_COLOURS, STACK_COLOURS, Size, XAxis,
    esc,
};
use crate::units::{Style, Unit};

/// The runs of a report and what to call them.
pub(crate) struct Runs<'a> {
    /// Baseline first.
    pub data: Vec<&'a ReportData>,
    /// Legend label of each run.
    pub labels: Vec<String>,
}

impl<'a> Runs<'a> {
    pub fn new(data: &[&'a ReportData]) -> Runs<'a> {
        let same = data.len() == 2 && data[0].run.scenario == data[1].run.scenario;
        let labels = data
            .iter()
            .enumerate()
            .map(|(i, d)| match (data.len(), same) {
                (1, _) => d.run.scenario.clone(),
                (_, true) => format!("{} (run {}, seed {})", d.run.scenario, i + 1, d.run.seed),
                _ => {
                    format!("{} ({})", d.run.scenario, if i == 0 { "baseline" } else { "what-if" })
                }
            })
            .collect();
        Runs { data: data.to_vec(), labels }
    }

    /// True when comparing two runs.
    pub fn two(&self) -> bool {
        self.data.len() > 1
    }

    pub(crate) fn iter(
        &self,
    ) -> impl Iterator<Item = (usize, &'a ReportData, &str, &'static str)> + '_ {
        self.data
            .iter()
            .enumerate()
            .map(|(i, d)| (i, *d, self.labels[i].as_str(), RUN_COLOURS[i % 2]))
    }
}

/// Day numbers (days since 1970-01-01) of a run's measured days.
pub(crate) fn xs(d: &ReportData) -> Vec<f64> {
    let start = model::Date::parse(&d.run.start).map_or(0, |s| s.days_since_epoch());
    (0..d.run.days as i32).map(|i| (start + i) as f64).collect()
}

pub(crate) fn x_range(runs: &Runs) -> (f64, f64) {
    let all: Vec<f64> = runs.data.iter().flat_map(|d| xs(d)).collect();
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() && hi > lo { (lo, hi) } else { (0.0, 1.0) }
}

pub(crate) fn series<'d>(d: &'d ReportData, key: &str) -> Option<&'d Band> {
    d.series.iter().find(|s| s.key == key).map(|s| &s.band)
}

fn stack<'d>(d: &'d ReportData, key: &str) -> Option<&'d Stack> {
    d.stacks.iter().find(|s| s.key == key)
}

/// Zeros (no target in force) become gaps in a line.
fn no_zeros(v: &[f64]) -> Vec<f64> {
    v.iter().map(|x| if *x == 0.0 { f64::NAN } else { *x }).collect()
}

/// Trailing mean over [`SMOOTH_DAYS`] days (fewer at the start).
pub(crate) fn trailing_mean(v: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(v.len());
    let mut sum = 0.0;
    for i in 0..v.len() {
        sum += v[i];
        if i >= SMOOTH_DAYS {
            sum -= v[i - SMOOTH_DAYS];
        }
        out.push(sum / (i + 1).min(SMOOTH_DAYS) as f64);
    }
    out
}

pub(crate) fn figure(body: &str, caption: &str) -> String {
    format!("<figure>{body}<figcaption>{caption}</figcaption></figure>")
}

/// Adds a mean line and its 95% band.
pub(crate) fn band_marks(c: &mut Chart, x: &[f64], b: &Band, colour: &'static str) {
    c.marks.push(Mark::Area { pts: svg::band(x, &b.lo, &b.hi), fill: colour, opacity: 0.2 });
    c.marks.push(Mark::Line {
        pts: svg::line(x, &b.mean),
        stroke: colour,
        width: 2.0,
        dash: false,
    });
}

/// One chart overlaying a national series of every run, with bands.
pub(crate) fn overlay(
    runs: &Runs,
    id: &str,
    key: &str,
    title: &str,
    y_label: &str,
    fmt: Fmt,
    size: Size,
) -> String {
    let mut c = Chart::new(id, title, y_label, "date", size);
    c.y_fmt = fmt;
    c.x_range = Some(x_range(runs));
    for (_, d, label, colour) in runs.iter() {
        if let Some(b) = series(d, key) {
            band_marks(&mut c, &xs(d), b, colour);
            c.legend.push(Legend::new(format!("{label}: mean, 95% band"), colour, Key::Band));
        }
    }
    c.render()
}

/// National interior arrests per day against the target.
pub(crate) fn arrests_vs_target(runs: &Runs) -> String {
    let mut c = Chart::new(
        "arrests-vs-target",
        "National interior arrests per day vs target",
        "arrests per day (people)",
        "date",
        Size::Wide,
    );
    c.x_range = Some(x_range(runs));
    for (_, d, label, colour) in runs.iter() {
        let x = xs(d);
        if let Some(b) = series(d, "interior_arrests") {
            band_marks(&mut c, &x, b, colour);
            c.legend.push(Legend::new(
                format!("{label}: arrests, mean and 95% band"),
                colour,
                Key::Band,
            ));
        }
        if let Some(t) = series(d, "target") {
            let stroke = if runs.two() { colour } else { INK };
            c.marks.push(Mark::Line {
                pts: svg::line(&x, &no_zeros(&t.mean)),
                stroke,
                width: 1.5,
                dash: true,
            });
            c.legend.push(Legend::new(format!("{label}: target"), stroke, Key::Dashed));
        }
    }
    figure(
        &c.render(),
        "Interior arrests by all agencies and channels (custodial, at-large, collateral, \
         public-space operations, deputized partners, Border Patrol details), national total \
         per day. The band is the 95% interval of the mean over replications; the dashed line \
         is the national target (absent where none was in force).",
    )
}

/// Small multiples: every office's arrests against its target.
pub(crate) fn offices(runs: &Runs) -> String {
    let mut names: Vec<&str> = Vec::new();
    for d in &runs.data {
        for o in &d.offices {
            if !names.contains(&o.office.as_str()) {
                names.push(&o.office);
            }
        }
    }
    let range = x_range(runs);
    let mut grid = String::from("<div class=\"multiples\">");
    for (i, name) in names.iter().enumerate() {
        let found: Vec<_> = runs
            .iter()
            .filter_map(|(_, d, _, colour)| {
                d.offices.iter().find(|o| o.office == *name).map(|o| (d, o, colour))
            })
            .collect();
        let att: Vec<String> = found
            .iter()
            .filter(|(_, o, _)| o.target.iter().any(|t| *t > 0.0))
            .map(|(_, o, _)| format!("{:.0}%", o.attainment.mean * 100.0))
            .collect();
        let title = if att.is_empty() {
            name.to_string()
        } else {
            format!("{name} · {}", att.join(" → "))
        };
        let mut c =
            Chart::new(&format!("office-{i}"), &title, "arrests per day", "date", Size::Mini);
        c.x_range = Some(range);
        for (d, o, colour) in &found {
            let x = xs(d);
            let target_stroke = if runs.two() { *colour } else { INK };
            c.marks.push(Mark::Line {
                pts: svg::line(&x, &no_zeros(&o.target)),
                stroke: target_stroke,
                width: 1.2,
                dash: true,
            });
            c.marks.push(Mark::Line {
                pts: svg::line(&x, &trailing_mean(&o.arrests)),
                stroke: colour,
                width: 1.6,
                dash: false,
            });
        }
        grid += &c.render();
    }
    grid += "</div>";
    let mut key = String::from("<p class=\"key\">");
    for (_, _, label, colour) in runs.iter() {
        let target = if runs.two() { colour } else { INK };
        let _ = write!(
            key,
            "<span><i class=\"sw\" style=\"border-color:{colour}\"></i>{} arrests per day \
             (7-day mean)</span><span><i class=\"sw dash\" style=\"border-color:{target}\"></i>{} \
             target</span>",
            esc(label),
            esc(label)
        );
    }
    key += "</p>";
    figure(
        &format!("{key}{grid}"),
        "Each office's interior arrests per day (people, trailing 7-day mean of the mean over \
         replications) against its share of the target. Each panel has its own vertical scale. \
         The percentage is arrests as a share of the target over days with a target.",
    )
}

/// Sums of layers, bottom up: `tops[i][d]` is the top of layer `i` on day `d`.
fn cumulative(layers: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut tops: Vec<Vec<f64>> = Vec::with_capacity(layers.len());
    for l in layers {
        let top = match tops.last() {
            Some(prev) => prev.iter().zip(l).map(|(a, b)| a + b).collect(),
            None => l.clone(),
        };
        tops.push(top);
    }
    tops
}

/// A stacked-area chart of one run; `smooth` takes 7-day trailing means first.
fn stacked(
    id: &str,
    title: &str,
    y_label: &str,
    d: &ReportData,
    st: &Stack,
    smooth: bool,
    size: Size,
) -> Chart {
    let x = xs(d);
    let layers: Vec<Vec<f64>> = st
        .layers
        .iter()
        .map(|l| if smooth { trailing_mean(&l.values) } else { l.values.clone() })
        .collect();
    let tops = cumulative(&layers);
    let zeros = vec![0.0; x.len()];
    let mut c = Chart::new(id, title, y_label, "date", size);
    for (i, (l, top)) in st.layers.iter().zip(&tops).enumerate() {
        let bottom = if i == 0 { &zeros } else { &tops[i - 1] };
        let colour = STACK_COLOURS[i % STACK_COLOURS.len()];
        c.marks.push(Mark::Area { pts: svg::band(&x, bottom, top), fill: colour, opacity: 0.85 });
        c.legend.push(Legend::new(l.label.clone(), colour, Key::Fill));
    }
    c
}

/// Panels of one stacked chart per run, on a shared vertical scale.
fn stacked_panels(
    runs: &Runs,
    id: &str,
    title: &str,
    y_label: &str,
    key: &str,
    smooth: bool,
    extra: &dyn Fn(&mut Chart, &ReportData),
) -> Vec<Chart> {
    let size = if runs.two() { Size::Half } else { Size::Wide };
    let mut charts: Vec<Chart> = runs
        .iter()
        .filter_map(|(i, d, label, _)| {
            let st = stack(d, key)?;
            let t = if runs.two() { format!("{title} — {label}") } else { title.to_string() };
            let mut c = stacked(&format!("{id}-{i}"), &t, y_label, d, st, smooth, size);
            extra(&mut c, d);
            Some(c)
        })
        .collect();
    let range = x_range(runs);
    let top = charts.iter().map(Chart::data_y_max).fold(0.0, f64::max);
    for c in &mut charts {
        c.y_max = Some(top);
        c.x_range = Some(range);
    }
    charts
}

fn row(charts: &[Chart]) -> String {
    let class = if charts.len() > 1 { "row two" } else { "row" };
    let mut s = format!("<div class=\"{class}\">");
    for c in charts {
        s += &c.render();
    }
    s += "</div>";
    s
}

/// Detention population against beds by facility type: the population stacked by type,
/// and the beds stacked in the same order as dashed lines, so each line is the capacity of
/// its type and every type below it, and the top line is all beds.
pub(crate) fn detention(runs: &Runs) -> String {
    let charts = stacked_panels(
        runs,
        "detention",
        "Detention population vs beds by facility type (national, end of day)",
        "people detained / beds",
        "detained_by_type",
        false,
        &|c, d| {
            let (Some(held), Some(beds)) = (stack(d, "detained_by_type"), stack(d, "beds_by_type"))
            else {
                return;
            };
            let x = xs(d);
            let any = |l: Option<&Layer>| l.is_some_and(|l| l.values.iter().any(|v| *v > 0.0));
            // One legend entry per type, named once: its colour is both its fill and its
            // dashed line. A type with neither people nor beds gets none.
            let fills = std::mem::take(&mut c.legend);
            let layers: Vec<Vec<f64>> = beds.layers.iter().map(|l| l.values.clone()).collect();
            for (i, top) in cumulative(&layers).iter().enumerate() {
                let has_beds = any(beds.layers.get(i));
                if let Some(fill) = fills.get(i).filter(|_| has_beds || any(held.layers.get(i))) {
                    c.legend.push(fill.clone());
                }
                if has_beds {
                    // Drawn only on days the type has beds: elsewhere it would sit on the
                    // line below and hide it.
                    let own = &beds.layers[i].values;
                    let y: Vec<f64> = top
                        .iter()
                        .zip(own)
                        .map(|(t, b)| if *b > 0.0 { *t } else { f64::NAN })
                        .collect();
                    c.marks.push(Mark::Line {
                        pts: svg::line(&x, &y),
                        stroke: STACK_COLOURS[i % STACK_COLOURS.len()],
                        width: 1.6,
                        dash: true,
                    });
                }
            }
            c.legend.push(Legend::new(
                "beds (dashed, stacked, in each type's colour)",
                INK,
                Key::Dashed,
            ));
            if let Some(b) = series(d, "detained") {
                c.marks.push(Mark::Area {
                    pts: svg::band(&x, &b.lo, &b.hi),
                    fill: INK,
                    opacity: 0.18,
                });
                c.legend.push(Legend::new("95% band of all detained", INK, Key::Pale));
            }
        },
    );
    figure(
        &row(&charts),
        "People detained at the end of each day by facility type (filled, stacked; national \
         means over replications) and beds by facility type (dashed, stacked in the same order \
         and colours): each dashed line is the capacity of its type and every type below it, \
         so the gap between a layer's top and the line of the same colour is the free beds in \
         those types, and the top line is all beds. A type's line is drawn only while it has \
         beds. The grey band is the 95% interval of the national detained population over \
         replications. Beds are those the simulation applied each day.",
    )
}

/// People held above rated beds: how far detention runs into its surge room.
pub(crate) fn crowding(runs: &Runs) -> String {
    let mut c = Chart::new(
        "crowding",
        "People held above rated beds (surge)",
        "people (end of day)",
        "date",
        Size::Wide,
    );
    c.x_range = Some(x_range(runs));
    for (_, d, label, colour) in runs.iter() {
        if let Some(b) = series(d, "over_rated") {
            band_marks(&mut c, &xs(d), b, colour);
            c.legend.push(Legend::new(
                format!("{label}: above rated beds (95% band)"),
                colour,
                Key::Band,
            ));
        }
    }
    figure(
        &c.render(),
        "People detained beyond their facilities' rated capacity at the end of each day, summed \
         over offices and facility types (each type may hold up to its surge share above rated; \
         `[detention.surge_share]`), with the 95% band. Crowding comes before transfers and \
         releases for lack of a bed (`[detention] when_full`).",
    )
}

/// Admissions, releases by reason and removals by mode.
pub(crate) fn flows(runs: &Runs) -> String {
    let none = |_: &mut Chart, _: &ReportData| {};
    let mut s = String::new();
    for (id, title, key, y_label, what) in [
        (
            "admissions",
            "Admissions: book-ins into ICE detention",
            "admissions",
            "book-ins per day (people)",
            "Initial book-ins into ICE detention of people arrested by ICE (interior) and by \
             CBP (border).",
        ),
        (
            "releases",
            "Releases by reason",
            "releases",
            "releases per day (people)",
            "People released, by reason: at processing without a book-in, because no bed was \
             free (incl. the CBP holding limit), on bond/parole/ATD while in proceedings, after \
             relief or termination in court, and at the post-order custody limit.",
        ),
        (
            "removals",
            "Removals by mode",
            "removals",
            "removals per day (people)",
            "Removals by land, by charter flight, voluntary departures from custody, and direct \
             removals from CBP hold or staging without an ICE book-in.",
        ),
    ] {
        let charts = stacked_panels(runs, id, title, y_label, key, true, &none);
        s += &figure(
            &row(&charts),
            &format!("{what} Daily means over replications, trailing 7-day average, stacked."),
        );
    }
    s
}

/// Backlog awaiting removal (and the detained court queue for context).
pub(crate) fn backlog(runs: &Runs) -> String {
    let mut c = Chart::new(
        "backlog",
        "Backlog awaiting removal",
        "people detained (end of day)",
        "date",
        Size::Wide,
    );
    c.x_range = Some(x_range(runs));
    for (_, d, label, colour) in runs.iter() {
        let x = xs(d);
        if let Some(b) = series(d, "awaiting_removal") {
            band_marks(&mut c, &x, b, colour);
            c.legend.push(Legend::new(
                format!("{label}: awaiting documents or transport (95% band)"),
                colour,
                Key::Band,
            ));
        }
        if let Some(b) = series(d, "court_queue") {
            c.marks.push(Mark::Line {
                pts: svg::line(&x, &b.mean),
                stroke: colour,
                width: 1.3,
                dash: true,
            });
            c.legend.push(Legend::new(
                format!("{label}: in the detained court docket"),
                colour,
                Key::Dashed,
            ));
        }
    }
    figure(
        &c.render(),
        "Detained people with a removal order who wait for travel documents or transport, at \
         the end of each day, with the 95% band; dashed: detained people waiting for or in a \
         detained-docket hearing, for context.",
    )
}

/// Arrest-to-removal time and length-of-stay distributions.
pub(crate) fn durations(runs: &Runs) -> String {
    let mut charts = Vec::new();
    for (key, id, title) in [
        ("arrest_to_removal", "arrest-to-removal", "Time from arrest to removal"),
        ("length_of_stay", "length-of-stay", "Length of stay in detention"),
    ] {
        let mut c = Chart::new(id, title, "share of people (cumulative)", "days", Size::Half);
        c.x = XAxis::Linear(Fmt::Count);
        c.y_fmt = Fmt::Share;
        c.y_max = Some(1.0);
        let mut x_max: f64 = 1.0;
        for (_, d, label, colour) in runs.iter() {
            let Some(dist) = d.durations.iter().find(|x| x.key == key) else { continue };
            let b = &dist.days;
            x_max = x_max.max(b.hi.iter().chain(&b.mean).copied().fold(0.0, f64::max));
            let mut band = svg::line(&b.lo, &dist.q);
            band.extend(b.hi.iter().zip(&dist.q).rev().map(|(x, y)| (*x, *y)));
            c.marks.push(Mark::Area { pts: band, fill: colour, opacity: 0.2 });
            c.marks.push(Mark::Line {
                pts: svg::line(&b.mean, &dist.q),
                stroke: colour,
                width: 2.0,
                dash: false,
            });
            let mut marks = Vec::new();
            for (level, name) in [(0.5, "median"), (0.9, "90th pct")] {
                if let Some(i) = dist.q.iter().position(|q| (*q - level).abs() < 1e-9) {
                    marks.push(format!("{name} {:.0} d", b.mean[i]));
                    c.marks.push(Mark::Dot {
                        x: b.mean[i],
                        y: level,
                        fill: colour,
                        // Two runs' labels would collide: they go in the legend.
                        label: if runs.two() {
                            String::new()
                        } else {
                            marks[marks.len() - 1].clone()
                        },
                    });
                }
            }
            let people = Style::new(Unit::Count, dist.count).show(dist.count);
            let text = if runs.two() {
                format!("{label}: {}; {people} people/replication", marks.join(", "))
            } else {
                format!("{label} ({people} people per replication)")
            };
            c.legend.push(Legend::new(text, colour, Key::Band));
        }
        c.x_range = Some((0.0, svg::ticks(0.0, x_max, 8).last().copied().unwrap_or(x_max)));
        charts.push(c);
    }
    figure(
        &format!("<div class=\"row two\">{}{}</div>", charts[0].render(), charts[1].render()),
        "Cumulative distributions, read across: the share of people (vertical) whose time was \
         at most so many days (horizontal). Left: arrest to removal, of removals in the period. \
         Right: length of stay of detention book-outs. Quantiles from each replication's \
         sketch (1% relative accuracy), averaged; the band is the 95% interval over \
         replications. The top 1% is not drawn.",
    )
}

/// Border Patrol agent-days off the border and extra gotaways.
pub(crate) fn border(runs: &Runs) -> String {
    let a = overlay(
        runs,
        "bp-agent-days",
        "bp_agent_days_inland",
        "Border Patrol agent-days off the border",
        "agent-days per day",
        Fmt::Count,
        Size::Half,
    );
    let b = overlay(
        runs,
        "extra-gotaways",
        "extra_gotaways",
        "Extra gotaways from agents detailed inland",
        "gotaways per day (expected)",
        Fmt::Count,
        Size::Half,
    );
    figure(
        &format!("<div class=\"row two\">{a}{b}</div>"),
        "Left: Border Patrol agent-days spent on interior details each day. Right: border \
         crossings that were not apprehended because those agents were away from the line \
         (expected value against the same day without the detail).",
    )
}

/// Community impact: who is arrested and what happens to them.
pub(crate) fn community(runs: &Runs) -> String {
    let charts = [
        overlay(
            runs,
            "no-record-share",
            "no_record_share",
            "Arrests of people with no criminal record",
            "share of interior arrests",
            Fmt::Share,
            Size::Half,
        ),
        overlay(
            runs,
            "collateral-share",
            "collateral_public_space_share",
            "Collateral and public-space arrests",
            "share of interior arrests",
            Fmt::Share,
            Size::Half,
        ),
        overlay(
            runs,
            "out-of-aor",
            "transfers_out_of_aor",
            "Transfers out of the home area (AOR)",
            "book-ins per day (people)",
            Fmt::Count,
            Size::Half,
        ),
        overlay(
            runs,
            "released-no-bed",
            "released_no_bed",
            "Releases for lack of beds",
            "releases per day (people)",
            Fmt::Count,
            Size::Half,
        ),
    ];
    figure(
        &format!("<div class=\"row two\">{}</div>", charts.concat()),
        "Trailing 7-day values, computed within each replication, with 95% bands. Shares are of \
         interior arrests: no criminal conviction or pending charge; collateral arrests, \
         public-space and worksite operations and Border Patrol interior arrests. Transfers: \
         book-ins placed in another AOR for lack of local beds. Releases for lack of beds \
         include CBP releases at the holding limit.",
    )
}

/// Most bins the daily-arrests histogram draws: its bins are widened (100, 200, 500, 1,000
/// arrests) until the busiest run's days fit.
const MAX_BINS: usize = 24;

/// The distribution of a day's national interior arrests (model::variation), as
/// horizontal bars: one row per bin, the share of days in it for each run.
pub(crate) fn daily_arrests(runs: &Runs) -> String {
    let fine = runs.data.iter().map(|d| d.daily_arrests.shares.len()).max().unwrap_or(0);
    if fine == 0 {
        return String::new();
    }
    let merge = [1, 2, 5, 10].into_iter().find(|m| fine.div_ceil(*m) <= MAX_BINS).unwrap_or(20);
    let bins = fine.div_ceil(merge);
    let width = DailyHistogram::BIN * merge as f64;
    let categories: Vec<String> = (0..bins)
        .map(|i| {
            let lo = Style::new(Unit::Count, i as f64 * width).show(i as f64 * width);
            let hi = Style::new(Unit::Count, (i + 1) as f64 * width).show((i + 1) as f64 * width);
            format!("{lo}–{hi} a day")
        })
        .collect();
    let series: Vec<BarSeries> = runs
        .iter()
        .map(|(_, d, label, colour)| {
            let mut values = vec![(0.0, 0.0, 0.0); bins];
            for (i, x) in d.daily_arrests.shares.iter().enumerate() {
                values[i / merge].0 += x;
            }
            for v in &mut values {
                *v = (v.0, v.0, v.0);
            }
            BarSeries { label: label.to_string(), colour, values }
        })
        .collect();
    figure(
        &svg::bars(
            "daily-arrests",
            "Days by national interior arrests",
            "share of days",
            Fmt::Share,
            &categories,
            &series,
            &|x| format!("{:.1}%", 100.0 * x),
        ),
        "Every measured day of every replication, by its interior arrests (all agencies and \
         channels). Weekends are quiet, weekdays busier, and multi-day operations in one office \
         or nationwide make the peaks (model::variation; summary.json: daily_arrests_p5 … p99, \
         days_over_2000_arrests). The fluid books expectations, so its days differ only by \
         the day of the week.",
    )
}

/// Cost by component.
pub(crate) fn costs(runs: &Runs) -> String {
    let mut categories: Vec<String> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    for d in &runs.data {
        for c in &d.costs {
            if !keys.contains(&c.key.as_str()) {
                keys.push(&c.key);
                categories.push(cost_label(&c.key).to_string());
            }
        }
    }
    categories.push("total".into());
    let series: Vec<BarSeries> = runs
        .iter()
        .map(|(_, d, label, colour)| {
            let mut values: Vec<(f64, f64, f64)> = keys
                .iter()
                .map(|k| {
                    d.costs.iter().find(|c| c.key == *k).map_or((0.0, 0.0, 0.0), |c| {
                        (c.estimate.mean, c.estimate.ci95[0], c.estimate.ci95[1])
                    })
                })
                .collect();
            let total = d.headline.iter().find(|h| h.key == "cost_usd").map_or_else(
                || {
                    let m: f64 = values.iter().map(|v| v.0).sum();
                    (m, m, m)
                },
                |h| (h.estimate.mean, h.estimate.ci95[0], h.estimate.ci95[1]),
            );
            values.push(total);
            BarSeries { label: label.to_string(), colour, values }
        })
        .collect();
    figure(
        &svg::bars(
            "costs",
            "Cost by component over the run",
            "US dollars, whole run (whiskers: 95% interval)",
            Fmt::Usd,
            &categories,
            &series,
            &|x| Style::new(Unit::Usd, x).show(x),
        ),
        "Detention (bed-days by facility type at each type's cost, plus the surge premium on \
         person-days above rated beds), charter flights, land \
         removals and personnel (ERO officers, deputized partners, Border Patrol details), in \
         US dollars over the measured days.",
    )
}

fn cost_label(key: &str) -> &str {
    match key {
        "cost_beds_usd" => "detention (bed-days)",
        "cost_surge_usd" => "surge premium (above rated beds)",
        "cost_flights_usd" => "charter flights",
        "cost_land_usd" => "land removals",
        "cost_personnel_usd" => "ERO personnel",
        "cost_partners_usd" => "deputized partners",
        "cost_bp_details_usd" => "Border Patrol details",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_mean_averages_what_it_has() {
        let v = [7.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7.0];
        let m = trailing_mean(&v);
        assert_eq!(m[0], 7.0);
        assert_eq!(m[1], 3.5);
        assert_eq!(m[6], 1.0);
        assert_eq!(m[7], 1.0);
    }

    #[test]
    fn stacks_accumulate_bottom_up() {
        let t = cumulative(&[vec![1.0, 2.0], vec![3.0, 4.0]]);
        assert_eq!(t, vec![vec![1.0, 2.0], vec![4.0, 6.0]]);
    }
}
