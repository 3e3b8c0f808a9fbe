//! `[[appropriations]]`: money with its period of availability and the cost lines it pays.

use model::{Appropriation, CostLine};
use toml::Spanned;

use super::interventions::parse;
use super::places::entry_at;
use super::{At, Checker};
use crate::fields::AppropriationSpec;
use crate::names::closest;

/// Checks every appropriation: a name, an amount, a period that does not end before it
/// starts, and at least one known cost line, each at most once.
pub(crate) fn appropriations(
    c: &mut Checker<'_>,
    specs: &[Spanned<AppropriationSpec>],
) -> Option<Vec<Appropriation>> {
    let out: Vec<Option<Appropriation>> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let s = spec.get_ref();
            let at = entry_at("appropriations", "appropriation", i, spec.span(), s.name.as_ref());
            appropriation(c, &at, s)
        })
        .collect();
    out.into_iter().collect()
}

fn appropriation(c: &mut Checker<'_>, at: &At, s: &AppropriationSpec) -> Option<Appropriation> {
    let name = c.present(at, "name", &s.name, "\"ICE O&S FY2025\"").and_then(|n| {
        if n.get_ref().trim().is_empty() {
            c.error(n.span(), "appropriation name is empty".into(), None);
            return None;
        }
        Some(n.get_ref().clone())
    });
    let amount = c.num(at, "amount", &s.amount);
    let share = c.num_or(at, "share_modelled", &s.share_modelled, 1.0);
    let before = c.num_or(at, "obligated_before", &s.obligated_before, 0.0);
    let from =
        c.present(at, "from", &s.from, "\"2025-10-01\"").and_then(|d| parse(c, at, "from", d));
    let until =
        c.present(at, "until", &s.until, "\"2026-09-30\"").and_then(|d| parse(c, at, "until", d));
    if let (Some(f), Some(u), Some(span)) = (from, until, s.until.as_ref().map(Spanned::span))
        && u < f
    {
        c.error(span, format!("`{}` = {u} is before `from` = {f}", at.key("until")), None);
        return None;
    }
    let lines = c.present(at, "lines", &s.lines, "[\"detention\"]").and_then(|l| lines(c, at, l));
    Some(Appropriation {
        name: name?,
        amount: amount?,
        share_modelled: share?,
        obligated_before: before?,
        from: from?,
        until: until?,
        lines: lines?,
    })
}

/// The cost lines an appropriation pays: known names, each once, at least one.
fn lines(
    c: &mut Checker<'_>,
    at: &At,
    list: &Spanned<Vec<Spanned<String>>>,
) -> Option<Vec<CostLine>> {
    let names = CostLine::ALL.map(CostLine::name);
    let all = format!("the cost lines are {}", names.map(|n| format!("\"{n}\"")).join(", "));
    let path = at.key("lines");
    if list.get_ref().is_empty() {
        c.error(
            list.span(),
            format!("`{path}` is empty"),
            Some(format!("name at least one: {all}")),
        );
        return None;
    }
    let mut out: Vec<CostLine> = Vec::new();
    let mut ok = true;
    for e in list.get_ref() {
        let name = e.get_ref().as_str();
        let Some(line) = CostLine::ALL.into_iter().find(|l| l.name() == name) else {
            let help = match closest(name, names.iter().copied()) {
                Some(n) => format!("did you mean \"{n}\"? {all}"),
                None => all.clone(),
            };
            c.error(e.span(), format!("unknown cost line `{name}` in `{path}`"), Some(help));
            ok = false;
            continue;
        };
        if out.contains(&line) {
            c.error(e.span(), format!("`{name}` appears twice in `{path}`"), None);
            ok = false;
        }
        out.push(line);
    }
    ok.then_some(out)
}
