//! `detail`: ICE's own ERO officers sent from their home offices to a surge operation
//! elsewhere (`model::InterventionKind::Detail`).

use model::{Intervention, InterventionKind, OfficeId};
use toml::Spanned;

use super::{Checked, Context, Dates, office_list, opt, runtime};
use crate::spec::InterventionSpec;
use crate::validate::{At, Bound, Checker};

/// `detail`: `officers` to the receiving `offices` (or `cities`), from the offices in
/// `from` (absent or `["all"]`: every other office), with `travel_days` (absent = 0) each
/// way.
pub(super) fn detail(
    c: &mut Checker<'_>,
    t: &At,
    s: &InterventionSpec,
    ctx: &Context<'_>,
    d: Dates,
) -> Option<Checked> {
    let to = runtime::receivers(c, t, s, ctx);
    let from = to.as_ref().and_then(|to| senders(c, t, s.from.as_ref(), ctx, to));
    let officers = c.number(t, "officers", &s.officers, Bound::NonNegative);
    let travel = opt(c, t, "travel_days", &s.travel_days, Bound::NonNegative);
    Some(Checked::Runtime(Intervention {
        at: d.at,
        kind: InterventionKind::Detail {
            officers: officers?,
            from: from?,
            to: to?,
            until: d.until,
            travel_days: travel.ok()?.unwrap_or(0.0),
        },
    }))
}

/// The sending offices: `from` absent or `["all"]` means every office that does not
/// receive; named offices must not be receivers.
fn senders(
    c: &mut Checker<'_>,
    t: &At,
    from: Option<&Spanned<Vec<Spanned<String>>>>,
    ctx: &Context<'_>,
    to: &[OfficeId],
) -> Option<Vec<OfficeId>> {
    let others = || -> Vec<OfficeId> {
        (0..ctx.offices.len())
            .filter_map(|i| u16::try_from(i).ok().map(OfficeId))
            .filter(|o| !to.contains(o))
            .collect()
    };
    let Some(f) = from else { return non_empty(c, t, t.span.clone(), others()) };
    if f.get_ref().is_empty() {
        let help = "name the sending offices, or `[\"all\"]` for every other office";
        c.error(f.span(), format!("`{}` is empty", t.key("from")), Some(help.into()));
        return None;
    }
    if let [one] = f.get_ref().as_slice()
        && one.get_ref() == "all"
    {
        return non_empty(c, t, f.span(), others());
    }
    let ids = office_list(c, t, f, ctx.offices)?;
    for (id, name) in ids.iter().zip(f.get_ref()) {
        if to.contains(id) {
            c.error(
                name.span(),
                format!("office \"{}\" both sends and receives the detail", name.get_ref()),
                Some("a detail moves officers between offices: drop it from `from`".into()),
            );
            return None;
        }
    }
    Some(ids)
}

/// Reports a detail with no office left to send officers.
fn non_empty(
    c: &mut Checker<'_>,
    t: &At,
    span: std::ops::Range<usize>,
    ids: Vec<OfficeId>,
) -> Option<Vec<OfficeId>> {
    if ids.is_empty() {
        c.error(span, format!("{} has no office left to send officers", t.label), None);
        return None;
    }
    Some(ids)
}
