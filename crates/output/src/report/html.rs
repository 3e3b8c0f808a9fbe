//! The report page: one HTML file with inline CSS and SVG, readable without scripts and
//! with no external reference of any kind (no fonts, images, scripts or styles fetched).
//! Two tiny inline scripts are optional extras: one sorts the scorecard table when a
//! header is clicked, one records on `<html>` whether every chart has data marks and
//! whether any script error happened (the browser test reads both).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::report::charts::{self, Runs};
use crate::report::data::{Est, ReportData, Scorecard, Source};
use crate::report::svg::{RUN_COLOURS, esc};
use crate::report::{budget, map, oversight, places};
use crate::units::{Style, Unit};

/// The stylesheet. System fonts only; colours from the Okabe–Ito palette in the charts.
const CSS: &str = r#"
:root{--ink:#1d1d1f;--muted:#5b5b60;--rule:#dcdce0;--bg:#ffffff;--panel:#f6f6f8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:40px 0 8px;padding-top:8px;border-top:2px solid var(--ink)}
h3{font-size:16px;margin:24px 0 6px}
p{margin:6px 0}
.desc{font-size:17px;max-width:900px}
.meta,.muted,figcaption{color:var(--muted);font-size:13px}
nav{margin:14px 0;font-size:14px}
nav a{color:#0072B2;margin-right:14px;text-decoration:none;white-space:nowrap}
nav a:hover{text-decoration:underline}
.ok{color:#007a56;font-weight:600}.bad{color:#b34000;font-weight:600}
figure{margin:14px 0 26px}
figcaption{max-width:980px;margin-top:4px}
.row{display:grid;grid-template-columns:1fr;gap:10px}
.row.two{grid-template-columns:repeat(auto-fit,minmax(480px,1fr))}
svg.chart{width:100%;height:auto;display:block;background:var(--bg);border:1px solid var(--rule);border-radius:4px}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px}
svg.chart text{font-family:inherit;font-size:11px;fill:var(--ink)}
svg.chart .t{font-size:14px;font-weight:600}
svg.chart.mini .t{font-size:12px}
svg.chart .yt{text-anchor:end;fill:var(--muted)}
svg.chart .xt{text-anchor:middle;fill:var(--muted)}
svg.chart .yr{font-weight:600}
svg.chart .al{text-anchor:middle;font-size:12px;fill:var(--muted)}
svg.chart .lg{font-size:11.5px}
svg.chart .dl{font-size:11px;font-weight:600}
svg.chart .grid{stroke:#e8e8ec;stroke-width:1}
svg.chart .tick{stroke:#9a9aa0}
svg.chart .axis{fill:none;stroke:#6b6b70;stroke-width:1}
svg.chart .line{fill:none;stroke-linejoin:round;stroke-linecap:round}
svg.chart .area{stroke:none}
svg.chart .whisker{stroke:var(--ink);stroke-width:1.2;fill:none}
.key{font-size:13px;display:flex;flex-wrap:wrap;gap:6px 20px;margin:4px 0 8px}
.sw{display:inline-block;width:22px;height:0;border-top:3px solid;vertical-align:middle;margin-right:6px}
.sw.dash{border-top-style:dashed;border-top-width:2px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:6px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{padding:4px 8px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600;position:sticky;top:0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.sortable th{cursor:pointer}
table.sortable th:after{content:" \2195";color:#aaa;font-weight:400}
.heat th.n{text-align:center}
.heat td.c{text-align:center;font-variant-numeric:tabular-nums;white-space:nowrap;border:1px solid #fff;min-width:84px}
.heat td.c small{opacity:.75;margin-left:3px}
.wrap{overflow-x:auto}
details{margin:10px 0}
summary{cursor:pointer;font-weight:600}
td.src{max-width:560px;word-break:break-word}
code{font-size:12.5px;background:var(--panel);padding:0 3px;border-radius:3px}
.up{color:#8a3b00}.down{color:#00527f}
footer{margin-top:48px;padding-top:10px;border-top:1px solid var(--rule);color:var(--muted);font-size:13px}
@media print{main{max-width:none;padding:0}figure,table{break-inside:avoid}nav{display:none}}
"#;

/// Records script errors before anything else runs; capturing, so that failed resource
/// loads (which do not bubble) are caught too.
const HEAD_SCRIPT: &str = "window.addEventListener('error',function(e){document.documentElement.\
setAttribute('data-error',String(e.message||e.type))},true);";

/// Sortable tables, and a self-check the browser test reads from `<html>`.
const BODY_SCRIPT: &str = r#"(function(){
function key(td){var v=td.getAttribute('data-v');return v===null?td.textContent:parseFloat(v);}
document.querySelectorAll('table.sortable').forEach(function(t){
t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=th.getAttribute('data-asc')!=='1';
rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]);return (a>c?1:a<c?-1:0)*(asc?1:-1);});
th.setAttribute('data-asc',asc?'1':'0');rows.forEach(function(r){b.appendChild(r);});});});});
[['map-measure','div.map'],['office-measure','div.office-bars']].forEach(function(p){
var sel=document.getElementById(p[0]);
if(sel){sel.addEventListener('change',function(){document.querySelectorAll(p[1]).forEach(function(m){
m.style.display=m.getAttribute('data-measure')===sel.value?'':'none';});});}});
var empty=[],charts=document.querySelectorAll('svg.chart');
charts.forEach(function(s){if(s.querySelectorAll('.data').length===0)empty.push(s.id);});
var h=document.documentElement;h.setAttribute('data-charts',String(charts.length));
h.setAttribute('data-check',empty.length?'empty:'+empty.join(','):'ok');
})();"#;

/// A page of the report's look around `body` (a study's page: sensitivity, allocation).
pub(crate) fn shell(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{CSS}</style><script>{HEAD_SCRIPT}</script>\
         </head><body><main>{body}</main><script>{BODY_SCRIPT}</script></body></html>\n",
        esc(title)
    )
}

/// The whole page for one run or two (baseline first).
pub(crate) fn page(data: &[&ReportData]) -> String {
    let runs = Runs::new(data);
    let mut s = String::with_capacity(1 << 20);
    let title = runs.data.iter().map(|d| d.run.scenario.as_str()).collect::<Vec<_>>().join(" vs ");
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>caseload report: {}</title><style>{CSS}</style><script>{HEAD_SCRIPT}</script>\
         </head><body><main>",
        esc(&title)
    );
    header(&mut s, &runs);
    s += "<nav>";
    for (id, name) in [
        ("summary", "Key figures"),
        ("arrests", "Arrests vs target"),
        ("detention", "Detention"),
        ("non-detained", "ATD and docket"),
        ("removal", "Removal"),
        ("border", "Border"),
        ("community", "Community impact"),
        ("map", "Map"),
        ("cost", "Cost"),
        ("budget", "Budget"),
        ("scorecards", "Scorecards"),
        ("sources", "Assumptions and sources"),
    ] {
        let _ = write!(s, "<a href=\"#{id}\">{name}</a>");
    }
    s += "</nav>";

    section(&mut s, "summary", "Key figures");
    headline_table(&mut s, &runs);

    section(&mut s, "arrests", "Arrests against target");
    s += &charts::arrests_vs_target(&runs);
    s += "<h3>Daily variation</h3>";
    s += &charts::daily_arrests(&runs);
    s += "<h3>Field offices</h3>";
    s += &charts::offices(&runs);

    section(&mut s, "detention", "Detention: population, beds and flows");
    s += &charts::detention(&runs);
    s += &oversight::capacity(&runs);
    s += &charts::crowding(&runs);
    s += &oversight::held_away(&runs);
    s += &charts::flows(&runs);
    s += &oversight::stays(&runs);

    section(&mut s, "non-detained", "Alternatives to detention and the court docket");
    s += &oversight::non_detained(&runs);

    section(&mut s, "removal", "Removal: backlog and time in the pipeline");
    s += &charts::backlog(&runs);
    s += &charts::durations(&runs);

    section(&mut s, "border", "Border: agents off the line");
    s += &charts::border(&runs);

    section(&mut s, "community", "Community impact");
    s += &charts::community(&runs);

    section(&mut s, "per-office", "Per office: counts, shares and rates per 100,000");
    s += &places::section(&runs);

    section(&mut s, "map", "Map");
    map_section(&mut s, &runs);

    section(&mut s, "cost", "Cost");
    s += &charts::costs(&runs);

    section(&mut s, "budget", "Budget: spending against appropriations");
    s += &budget::section(&runs);

    section(&mut s, "scorecards", "Quarterly office scorecards");
    scorecards(&mut s, &runs);

    section(&mut s, "sources", "Assumptions and sources");
    sources(&mut s, &runs);

    let dirs = if runs.two() { "BASELINE_DIR WHATIF_DIR" } else { "RUN_DIR" };
    let _ = write!(
        s,
        "<footer><p>Made by caseload {} with <code>caseload report {dirs}</code> from the \
         files of the run{}. A model of aggregate flows on synthetic cases: it holds no \
         real person's data. Every number above is a mean over replications; intervals are \
         two-sided 95% Student-t intervals of that mean.</p></footer>",
        esc(&runs.data[runs.data.len() - 1].run.caseload_version),
        if runs.two() { "s" } else { "" }
    );
    let _ = writeln!(s, "</main><script>{BODY_SCRIPT}</script></body></html>");
    s
}

/// The areas of responsibility coloured by a per-office measure of the last run (the
/// what-if when two), one map per measure, a selector showing one (`map::svg`).
fn map_section(s: &mut String, runs: &Runs) {
    let d = runs.data[runs.data.len() - 1];
    if d.office_measures.is_empty() {
        s.push_str("<p class=\"meta\">This run's files predate the map.</p>");
        return;
    }
    s.push_str("<label>Colour by <select id=\"map-measure\">");
    for m in &d.office_measures {
        let _ = write!(s, "<option value=\"{}\">{}</option>", esc(&m.key), esc(&m.doc));
    }
    s.push_str("</select></label>");
    for (i, m) in d.office_measures.iter().enumerate() {
        let unit = if places::is_share(&m.key) {
            Unit::Share
        } else if m.key.ends_with("per_day") {
            Unit::Rate
        } else {
            Unit::Count
        };
        let values: Vec<(String, f64, String)> = (d.offices.iter().zip(&m.values))
            .map(|(o, v)| (o.office.clone(), *v, Style::new(unit, *v).show(*v)))
            .collect();
        let _ = write!(
            s,
            "<div class=\"map\" data-measure=\"{}\"{}>{}</div>",
            esc(&m.key),
            if i == 0 { "" } else { " style=\"display:none\"" },
            map::svg(&format!("map-{}", m.key), &format!("{}: {}", d.run.scenario, m.doc), &values)
        );
    }
    s.push_str(
        "<p class=\"meta\">The 25 ERO areas of responsibility as a tile grid: one square per \
         state in its rough place, California, New York and Texas split into their areas. \
         Hover an area for its value. Rates per 100,000 foreign-born residents (per year for \
         flows) divide by the area's foreign-born population: Census ACS 2018 1-year table \
         B05003 by state, California, Texas and New York split between their offices by \
         county shares (partly assumed, with ranges: crates/output/src/foreign_born.csv); \
         they are absent when a run's offices are not the 25 areas.</p>",
    );
}

fn section(s: &mut String, id: &str, title: &str) {
    let _ = write!(s, "<h2 id=\"{id}\">{}</h2>", esc(title));
}

fn header(s: &mut String, runs: &Runs) {
    if runs.two() {
        let _ = write!(
            s,
            "<h1>caseload report: {} vs {}</h1>",
            esc(&runs.data[0].run.scenario),
            esc(&runs.data[1].run.scenario)
        );
    } else {
        let _ = write!(s, "<h1>caseload report: {}</h1>", esc(&runs.data[0].run.scenario));
    }
    for (i, d) in runs.data.iter().enumerate() {
        let r = &d.run;
        let last = model::Date::parse(&r.start)
            .map(|s| s.plus(r.days.saturating_sub(1) as i32).to_string())
            .unwrap_or_default();
        let role = if runs.two() {
            format!(
                "<span class=\"swatch\" style=\"background:{}\"></span><b>{}</b> ",
                RUN_COLOURS[i % 2],
                if i == 0 { "Baseline" } else { "What-if" }
            )
        } else {
            String::new()
        };
        let _ = write!(s, "<p class=\"desc\">{role}{}</p>", esc(&r.description));
        let inv = if r.invariants_ok {
            "<span class=\"ok\">all invariant checks passed</span>"
        } else {
            "<span class=\"bad\">some invariant checks failed (see summary.json)</span>"
        };
        let files = if r.files.is_empty() {
            String::new()
        } else {
            format!(", from {}", esc(&r.files.join(" ← ")))
        };
        let _ = write!(
            s,
            "<p class=\"meta\"><b>{}</b>: {} to {last} ({} days), {} replication{}, seed {}, \
             caseload {}{files}; {inv}.</p>",
            esc(&r.scenario),
            esc(&r.start),
            r.days,
            r.replications,
            if r.replications == 1 { "" } else { "s" },
            r.seed,
            esc(&r.caseload_version),
        );
    }
}

fn show_ci(style: &Style, e: &Est, reps: u32) -> String {
    if reps < 2 {
        "n/a".into()
    } else {
        format!("{} – {}", style.show(e.ci95[0]), style.show(e.ci95[1]))
    }
}

fn headline_table(s: &mut String, runs: &Runs) {
    let ranged = runs.data.iter().any(|d| d.run.assumption_ranges.is_some());
    s.push_str("<div class=\"wrap\"><table><thead><tr><th>national measure</th>");
    for (i, label) in runs.labels.iter().enumerate() {
        let _ = write!(
            s,
            "<th class=\"n\"><span class=\"swatch\" style=\"background:{}\"></span>{}</th>\
             <th class=\"n\">95% CI (draws)</th>",
            RUN_COLOURS[i % 2],
            esc(label)
        );
        if ranged {
            s.push_str("<th class=\"n\">5–95% over assumptions</th>");
        }
    }
    if runs.two() {
        s.push_str("<th class=\"n\">change</th>");
    }
    s.push_str("</tr></thead><tbody>");
    let first = runs.data[0];
    for h in first.headline.iter().filter(|h| !oversight::is_stay_group(&h.key)) {
        let unit = Unit::of(&h.key);
        let style = Style::new(unit, h.estimate.mean);
        let _ = write!(s, "<tr><td>{}</td>", esc(&h.doc));
        let mut means = Vec::new();
        for d in &runs.data {
            match d.headline.iter().find(|x| x.key == h.key) {
                Some(x) => {
                    means.push(Some(x.estimate.mean));
                    let _ = write!(
                        s,
                        "<td class=\"n\">{}</td><td class=\"n muted\">{}</td>",
                        style.show(x.estimate.mean),
                        show_ci(&style, &x.estimate, d.run.replications)
                    );
                    if ranged {
                        let range = x.assumption_5_95.map_or("–".into(), |[lo, hi]| {
                            format!("{} – {}", style.show(lo), style.show(hi))
                        });
                        let _ = write!(s, "<td class=\"n\">{range}</td>");
                    }
                }
                None => {
                    means.push(None);
                    s.push_str("<td class=\"n\">–</td><td></td>");
                    if ranged {
                        s.push_str("<td></td>");
                    }
                }
            }
        }
        if let [Some(a), Some(b)] = means[..] {
            let diff = b - a;
            let class = if diff > 0.0 {
                "up"
            } else if diff < 0.0 {
                "down"
            } else {
                ""
            };
            let rel = if a != 0.0 && !matches!(unit, Unit::Share) {
                format!(" ({:+.1}%)", diff / a.abs() * 100.0)
            } else {
                String::new()
            };
            let abs = match unit {
                Unit::Share => format!("{:+.1} pts", diff * 100.0),
                _ => {
                    let shown = style.show(diff.abs());
                    format!("{}{shown}", if diff < 0.0 { "−" } else { "+" })
                }
            };
            let _ = write!(s, "<td class=\"n {class}\">{abs}{rel}</td>");
        } else if runs.two() {
            s.push_str("<td></td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    ranges_note(s, runs);
}

/// What the two intervals of the headline table mean, so that nobody reads simulation
/// noise as certainty.
fn ranges_note(s: &mut String, runs: &Runs) {
    let infos: Vec<String> = runs
        .data
        .iter()
        .zip(&runs.labels)
        .filter_map(|(d, label)| {
            d.run.assumption_ranges.as_ref().map(|r| {
                format!(
                    "{}: {} {} runs, {} assumption groups",
                    esc(label),
                    r.samples,
                    esc(&r.solver),
                    r.factor_groups
                )
            })
        })
        .collect();
    if infos.is_empty() {
        s.push_str(
            "<p class=\"meta\">The 95% intervals reflect only the simulation's random draws, \
             with every assumption at its stated value; this run took no ranges over the \
             assumptions (<code>caseload run</code> takes them unless given \
             <code>--assumption-samples 0</code>).</p>",
        );
        return;
    }
    let _ = write!(
        s,
        "<p class=\"meta\"><b>Two kinds of interval.</b> <i>95% CI (draws)</i>: the \
         replications' random draws only, every assumption at its stated value — how precisely \
         the simulation pins the answer down. <i>5–95% over assumptions</i>: the 5th to 95th \
         percentile of the answer over runs whose flagged assumptions were drawn together across \
         their stated ranges ({}) — how much the answer depends on what is assumed. The second \
         is usually far wider; <code>caseload sensitivity</code> says which assumptions drive \
         it.</p>",
        infos.join("; ")
    );
}

/// Background and text colour for an attainment (sequential blues, light to dark).
fn heat(att: f64) -> (String, &'static str) {
    let t = (att / 1.2).clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    let (r, g, b) = (lerp(247.0, 8.0), lerp(251.0, 69.0), lerp(255.0, 148.0));
    (format!("#{r:02x}{g:02x}{b:02x}"), if t > 0.55 { "#ffffff" } else { "#1d1d1f" })
}

fn scorecards(s: &mut String, runs: &Runs) {
    let mut quarters: Vec<&str> = Vec::new();
    let mut offices: Vec<&str> = Vec::new();
    for d in &runs.data {
        for r in &d.scorecards {
            if !quarters.contains(&r.quarter.as_str()) {
                quarters.push(&r.quarter);
            }
            if !offices.contains(&r.office.as_str()) {
                offices.push(&r.office);
            }
        }
    }
    let lookup: Vec<BTreeMap<(&str, &str), &Scorecard>> = runs
        .data
        .iter()
        .map(|d| {
            d.scorecards.iter().map(|r| ((r.office.as_str(), r.quarter.as_str()), r)).collect()
        })
        .collect();
    s.push_str(
        "<p>Arrests as a share of each office's target, by fiscal quarter, as in the \
         accountability reviews; the small number is the office's rank in the quarter \
         (1 = best). Hover a cell for arrests, target, the 95% interval and the share of \
         replications in which the office ranked in the bottom five — how sure a review can \
         be that it really is among the worst. Quarters without a target show “–”.",
    );
    if runs.two() {
        s.push_str(" Cells read baseline → what-if, coloured by the what-if.");
    }
    s.push_str("</p><div class=\"wrap\"><table class=\"heat\"><thead><tr><th>office</th>");
    for q in &quarters {
        let _ = write!(s, "<th class=\"n\">{q}</th>");
    }
    s.push_str("</tr></thead><tbody>");
    for o in &offices {
        let _ = write!(s, "<tr><td>{}</td>", esc(o));
        for q in &quarters {
            let cells: Vec<Option<&&Scorecard>> = lookup.iter().map(|m| m.get(&(*o, *q))).collect();
            let last = cells.iter().rev().flatten().next();
            match last {
                Some(r) if r.target > 0.0 => {
                    let (bg, fg) = heat(r.attainment.mean);
                    let text: Vec<String> = cells
                        .iter()
                        .map(|c| match c {
                            Some(r) if r.target > 0.0 => {
                                format!("{:.0}%", r.attainment.mean * 100.0)
                            }
                            _ => "–".into(),
                        })
                        .collect();
                    let tip: Vec<String> = cells
                        .iter()
                        .zip(&runs.labels)
                        .filter_map(|(c, label)| c.map(|r| (r, label)))
                        .map(|(r, label)| {
                            format!(
                                "{label}: {:.0} arrests (95% CI {:.0}–{:.0}) vs target {:.0}; rank {}; \
                                 bottom five in {:.0}% of replications",
                                r.arrests.mean,
                                r.arrests.ci95[0],
                                r.arrests.ci95[1],
                                r.target,
                                r.rank,
                                r.bottom_five_probability * 100.0
                            )
                        })
                        .collect();
                    let _ = write!(
                        s,
                        "<td class=\"c\" style=\"background:{bg};color:{fg}\" title=\"{}\">{}\
                         <small>#{}</small></td>",
                        esc(&tip.join("\n")),
                        text.join(" → "),
                        r.rank
                    );
                }
                _ => s.push_str("<td class=\"c muted\">–</td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");

    // The full table, sortable.
    s.push_str(
        "<details><summary>All scorecard rows (click a column to sort)</summary>\
         <div class=\"wrap\"><table class=\"sortable\" id=\"scorecard-table\"><thead><tr>",
    );
    if runs.two() {
        s.push_str("<th>run</th>");
    }
    for h in [
        "quarter",
        "office",
        "arrests",
        "95% CI",
        "target",
        "attainment",
        "95% CI",
        "no-record share",
        "rank",
        "P(bottom five)",
    ] {
        let class = if matches!(h, "quarter" | "office" | "run") { "" } else { " class=\"n\"" };
        let _ = write!(s, "<th{class}>{h}</th>");
    }
    s.push_str("</tr></thead><tbody>");
    for (i, d) in runs.data.iter().enumerate() {
        for r in &d.scorecards {
            s.push_str("<tr>");
            if runs.two() {
                let _ = write!(s, "<td>{}</td>", esc(&runs.labels[i]));
            }
            let _ = write!(
                s,
                "<td>{}</td><td>{}</td><td class=\"n\" data-v=\"{}\">{:.0}</td>\
                 <td class=\"n muted\" data-v=\"{}\">{:.0}–{:.0}</td>\
                 <td class=\"n\" data-v=\"{}\">{:.0}</td><td class=\"n\" data-v=\"{}\">{:.1}%</td>\
                 <td class=\"n muted\" data-v=\"{}\">{:.1}–{:.1}%</td>\
                 <td class=\"n\" data-v=\"{}\">{:.1}%</td><td class=\"n\" data-v=\"{}\">{}</td>\
                 <td class=\"n\" data-v=\"{}\">{:.0}%</td></tr>",
                esc(&r.quarter),
                esc(&r.office),
                r.arrests.mean,
                r.arrests.mean,
                r.arrests.ci95[0],
                r.arrests.ci95[0],
                r.arrests.ci95[1],
                r.target,
                r.target,
                r.attainment.mean,
                r.attainment.mean * 100.0,
                r.attainment.ci95[0],
                r.attainment.ci95[0] * 100.0,
                r.attainment.ci95[1] * 100.0,
                r.no_record_share.mean,
                r.no_record_share.mean * 100.0,
                r.rank,
                r.rank,
                r.bottom_five_probability,
                r.bottom_five_probability * 100.0
            );
        }
    }
    s.push_str("</tbody></table></div></details>");
}

fn sources(s: &mut String, runs: &Runs) {
    if runs.two() {
        changes(s, runs);
    }
    for (i, d) in runs.data.iter().enumerate() {
        if runs.two() {
            let _ = write!(s, "<h3>{}</h3>", esc(&runs.labels[i]));
        }
        if d.sources.is_empty() {
            s.push_str(
                "<p class=\"muted\">This run's files do not list the scenario's sources (they \
                 were written without them).</p>",
            );
            continue;
        }
        let assumptions: Vec<&Source> = d.sources.iter().filter(|x| x.is_assumption()).collect();
        let mut by_source: BTreeMap<(&str, &str), Vec<&Source>> = BTreeMap::new();
        for x in d.sources.iter().filter(|x| !x.is_assumption()) {
            by_source.entry((&x.source, x.as_of.as_deref().unwrap_or(""))).or_default().push(x);
        }
        let _ = write!(
            s,
            "<p>The scenario states {} numbers: <b>{}</b> are assumptions (no published \
             figure; each with a plausible range) and <b>{}</b> cite <b>{}</b> distinct \
             sources. By area:</p>",
            d.sources.len(),
            assumptions.len(),
            d.sources.len() - assumptions.len(),
            by_source.len()
        );
        let mut areas: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for x in &d.sources {
            let area = x.parameter.split(['.', '[']).next().unwrap_or("");
            let e = areas.entry(area).or_default();
            e.0 += 1;
            if x.is_assumption() {
                e.1 += 1;
            }
        }
        s.push_str(
            "<table><thead><tr><th>area</th><th class=\"n\">numbers</th>\
             <th class=\"n\">assumptions</th></tr></thead><tbody>",
        );
        for (area, (n, a)) in &areas {
            let _ = write!(
                s,
                "<tr><td><code>{}</code></td><td class=\"n\">{n}</td><td class=\"n\">{a}</td></tr>",
                esc(area)
            );
        }
        s.push_str("</tbody></table>");
        let local =
            |x: &&Source| x.parameter.starts_with("offices") || x.parameter.starts_with("sectors");
        let national: Vec<&Source> = assumptions.iter().copied().filter(|x| !local(x)).collect();
        let places: Vec<&Source> = assumptions.iter().copied().filter(local).collect();
        assumption_table(
            s,
            &format!("National assumptions ({})", national.len()),
            &national,
            i + 1 == runs.data.len(),
        );
        assumption_table(
            s,
            &format!("Office and sector assumptions ({})", places.len()),
            &places,
            false,
        );
        let _ = write!(
            s,
            "<details><summary>Sources ({} distinct, {} numbers)</summary><div class=\"wrap\">\
             <table><thead><tr><th>source</th><th>as of</th><th>parameters</th></tr></thead>\
             <tbody>",
            by_source.len(),
            d.sources.len() - assumptions.len()
        );
        for ((source, as_of), params) in &by_source {
            let names: Vec<String> = params
                .iter()
                .take(12)
                .map(|p| format!("<code>{}</code> = {}", esc(&p.parameter), esc(&p.value)))
                .collect();
            let more = if params.len() > 12 {
                format!(" and {} more", params.len() - 12)
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "<tr><td class=\"src\">{}</td><td>{}</td><td class=\"src\">{}{more}</td></tr>",
                esc(source),
                esc(as_of),
                names.join("; ")
            );
        }
        s.push_str("</tbody></table></div></details>");
    }
}

/// A table of assumptions in a `<details>` element.
fn assumption_table(s: &mut String, title: &str, rows: &[&Source], open: bool) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<details{}><summary>{}</summary><div class=\"wrap\"><table><thead><tr>\
         <th>parameter</th><th>value</th><th>plausible range</th><th>note</th></tr></thead>\
         <tbody>",
        if open { " open" } else { "" },
        esc(title)
    );
    for x in rows {
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"src\">{}</td></tr>",
            esc(&x.parameter),
            esc(&x.value),
            esc(x.range.as_deref().unwrap_or("")),
            esc(x.note.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody></table></div></details>");
}

/// The parameters whose value or evidence differs between the two runs.
fn changes(s: &mut String, runs: &Runs) {
    let index = |d: &ReportData| -> BTreeMap<String, Source> {
        d.sources.iter().map(|x| (x.parameter.clone(), x.clone())).collect()
    };
    let (a, b) = (index(runs.data[0]), index(runs.data[1]));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let diffs: Vec<&String> = keys
        .into_iter()
        .filter(|k| a.get(*k).map(|x| &x.value) != b.get(*k).map(|x| &x.value))
        .collect();
    let _ = write!(
        s,
        "<h3>What the what-if changes</h3><p>{} scenario number{} differ between {} and {}.</p>",
        diffs.len(),
        if diffs.len() == 1 { "" } else { "s" },
        esc(&runs.labels[0]),
        esc(&runs.labels[1])
    );
    if diffs.is_empty() {
        return;
    }
    s.push_str(
        "<div class=\"wrap\"><table><thead><tr><th>parameter</th><th>baseline</th>\
         <th>what-if</th><th>evidence (what-if)</th></tr></thead><tbody>",
    );
    for k in diffs {
        let v =
            |m: &BTreeMap<String, Source>| m.get(k).map_or("–".to_string(), |x| x.value.clone());
        let evidence = b.get(k).map_or(String::new(), |x| {
            let mut e = x.source.clone();
            if let Some(r) = &x.range {
                e += &format!(", range {r}");
            }
            if let Some(n) = &x.note {
                e += &format!("; {n}");
            }
            e
        });
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"src\">{}</td></tr>",
            esc(k),
            esc(&v(&a)),
            esc(&v(&b)),
            esc(&evidence)
        );
    }
    s.push_str("</tbody></table></div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_goes_from_light_to_dark() {
        assert_eq!(heat(0.0), ("#f7fbff".to_string(), "#1d1d1f"));
        assert_eq!(heat(2.0), ("#084594".to_string(), "#ffffff"));
    }
}
