//! The national tables: `[ero]`, `[channels]`, `[cases]`, `[detention]`, `[courts]`,
//! `[removal]`, `[costs]`. Each key gets the domain its meaning implies (see
//! `model::config`): shares in [0, 1], everything else 0 or more, mixes summing to 1.

use model::{
    CaseMix, Channels, Costs, Courts, Detention, EroWorkforce, FacilityKind, Removal, Schedule,
};
use toml::Spanned;

use super::labels::{CATEGORY, CRIMINAL, NATIONALITY};
use super::places::office_ref;
use super::{At, Bound, Checker};
use crate::spec::{
    CasesSpec, ChannelsSpec, CostsSpec, CourtsSpec, DetentionSpec, EroSpec, Nums, RemovalSpec,
};

use Bound::{NonNegative as NonNeg, Positive, Share};

fn at<T>(spec: &Spanned<T>, key: &str) -> At {
    At::new(spec.span(), format!("[{key}]"), key)
}

/// Converts a checked vector to the fixed-size array the model stores.
fn arr<const N: usize>(v: Option<Vec<f64>>) -> Option<[f64; N]> {
    v?.try_into().ok()
}

/// Checks that shares of one whole (e.g. exclusive tracks) add up to at most 1.
fn at_most_one(
    c: &mut Checker<'_>,
    span: std::ops::Range<usize>,
    what: &str,
    parts: &[Option<f64>],
) {
    let sum: f64 = parts.iter().flatten().sum();
    if parts.iter().all(Option::is_some) && sum > 1.0 + super::leaf::MIX_TOLERANCE {
        c.error(
            span,
            format!("{what} sum to {}, more than 1", super::leaf::rounded(sum)),
            Some("they are shares of one whole".into()),
        );
    }
}

/// `[ero]`.
pub(crate) fn ero(c: &mut Checker<'_>, spec: &Spanned<EroSpec>) -> Option<EroWorkforce> {
    let (t, s) = (at(spec, "ero"), spec.get_ref());
    let availability = c.number(&t, "availability", &s.availability, Share);
    let at_large = c.schedule(&t, "at_large_share", &s.at_large_share, Share);
    let operations = c.schedule(&t, "operations_share", &s.operations_share, Share);
    let custodial = c.number(&t, "custodial_effort", &s.custodial_effort, NonNeg);
    let overtime = c.number(&t, "overtime_ceiling", &s.overtime_ceiling, NonNeg);
    let response = c.number(&t, "target_response", &s.target_response, NonNeg);
    let cost = c.number(&t, "cost_per_officer_day", &s.cost_per_officer_day, NonNeg);
    Some(EroWorkforce {
        availability: availability?,
        at_large_share: at_large?,
        operations_share: operations?,
        custodial_effort: custodial?,
        overtime_ceiling: overtime?,
        target_response: response?,
        cost_per_officer_day: cost?,
    })
}

/// `[channels]`; target weights are resolved against the scenario's offices.
pub(crate) fn channels(
    c: &mut Checker<'_>,
    spec: &Spanned<ChannelsSpec>,
    offices: &[String],
) -> Option<Channels> {
    let (t, s) = (at(spec, "channels"), spec.get_ref());
    let at_large_yield =
        arr(c.numbers(&t, "at_large_yield", &s.at_large_yield, &CATEGORY, NonNeg, false));
    let locate = arr(c.numbers(
        &t,
        "max_daily_locate_share",
        &s.max_daily_locate_share,
        &CATEGORY,
        Share,
        false,
    ));
    let collateral = c.schedule(&t, "collateral_per_at_large", &s.collateral_per_at_large, NonNeg);
    let operations_yield = c.number(&t, "operations_yield", &s.operations_yield, NonNeg);
    let criminal =
        shares_of_one(c, &t, "operations_criminal_share", &s.operations_criminal_share, &CRIMINAL);
    let target = c.schedule(&t, "national_target_per_day", &s.national_target_per_day, NonNeg);
    let weights = match &s.target_weights {
        None => (!offices.is_empty()).then(|| vec![1.0 / offices.len() as f64; offices.len()]),
        Some(w) => target_weights(c, &t, w, offices),
    };
    let apprehension_max = c.number(&t, "apprehension_max", &s.apprehension_max, Share);
    let half = c.number(&t, "agents_per_crossing_half", &s.agents_per_crossing_half, Positive);
    Some(Channels {
        at_large_yield: at_large_yield?,
        max_daily_locate_share: locate?,
        collateral_per_at_large: collateral?,
        operations_yield: operations_yield?,
        operations_criminal_share: criminal?,
        national_target_per_day: target?,
        target_weights: weights?,
        apprehension_max: apprehension_max?,
        agents_per_crossing_half: half?,
    })
}

/// Shares of one whole that may leave a remainder (e.g. convicted, pending; the rest have
/// no record): each in [0, 1], together at most 1.
fn shares_of_one<const N: usize>(
    c: &mut Checker<'_>,
    t: &At,
    key: &str,
    field: &Option<Nums>,
    labels: &[&str; N],
) -> Option<[f64; N]> {
    let v = arr::<N>(c.numbers(t, key, field, labels, Share, false))?;
    let sum: f64 = v.iter().sum();
    if sum > 1.0 + super::leaf::MIX_TOLERANCE {
        let span = field.as_ref().map_or(t.span.clone(), |f| f.get_ref().value.span());
        let help = format!(
            "{} are shares of one whole; the remainder is the rest",
            super::bracketed(labels)
        );
        c.error(
            span,
            format!("`{}` sums to {}, more than 1", t.key(key), super::leaf::rounded(sum)),
            Some(help),
        );
        return None;
    }
    Some(v)
}

/// Weights keyed by office name → one per office in office order, normalised to sum to 1.
fn target_weights(
    c: &mut Checker<'_>,
    t: &At,
    w: &Spanned<std::collections::BTreeMap<Spanned<String>, crate::spec::Num>>,
    offices: &[String],
) -> Option<Vec<f64>> {
    let mut out = vec![0.0; offices.len()];
    let mut ok = true;
    for (name, n) in w.get_ref() {
        let id = office_ref(c, offices, name);
        let v = c.sourced(&format!("{}.{}", t.key("target_weights"), name.get_ref()), n, NonNeg);
        match (id, v) {
            (Some(id), Some(v)) => out[usize::from(id.0)] = v,
            _ => ok = false,
        }
    }
    let sum: f64 = out.iter().sum();
    if ok && !(sum > 0.0 && sum.is_finite()) {
        let help = "give at least one office a positive weight, or remove the table to split the target equally";
        c.error(w.span(), "`channels.target_weights` sum to 0".into(), Some(help.into()));
        ok = false;
    }
    ok.then(|| out.iter().map(|x| x / sum).collect())
}

/// `[cases]`.
pub(crate) fn cases(c: &mut Checker<'_>, spec: &Spanned<CasesSpec>) -> Option<CaseMix> {
    let (t, s) = (at(spec, "cases"), spec.get_ref());
    let custodial =
        c.schedules(&t, "custodial_category", &s.custodial_category, &CATEGORY, Share, true);
    let border = c.schedules(&t, "border_category", &s.border_category, &CATEGORY, Share, true);
    let interior_nat =
        c.schedules(&t, "interior_nationality", &s.interior_nationality, &NATIONALITY, Share, true);
    let border_nat =
        c.schedules(&t, "border_nationality", &s.border_nationality, &NATIONALITY, Share, true);
    let summary = c.schedule(&t, "interior_summary_share", &s.interior_summary_share, Share);
    let voluntary = c.schedule(&t, "interior_voluntary_share", &s.interior_voluntary_share, Share);
    if let (Some(a), Some(b)) = (&summary, &voluntary) {
        // Shares of one whole on every date either schedule steps on.
        let worst = a.steps.iter().chain(&b.steps).map(|(d, _)| a.at(*d) + b.at(*d));
        let worst = worst.fold(0.0, f64::max);
        at_most_one(
            c,
            t.span.clone(),
            "`cases.interior_summary_share` and `cases.interior_voluntary_share`",
            &[Some(worst)],
        );
    }
    let expedited = c.schedule(&t, "border_expedited_share", &s.border_expedited_share, Share);
    Some(CaseMix {
        custodial_category: custodial?,
        border_category: border?,
        interior_nationality: interior_nat?,
        border_nationality: border_nat?,
        interior_summary_share: summary?,
        interior_voluntary_share: voluntary?,
        border_expedited_share: expedited?,
    })
}

/// `[detention]`.
pub(crate) fn detention(c: &mut Checker<'_>, spec: &Spanned<DetentionSpec>) -> Option<Detention> {
    let (t, s) = (at(spec, "detention"), spec.get_ref());
    let book_in = c.schedules(&t, "book_in_share", &s.book_in_share, &CATEGORY, Share, false);
    let border_book_in = c.schedule(&t, "border_book_in_share", &s.border_book_in_share, Share);
    let direct =
        c.schedule(&t, "border_direct_removal_share", &s.border_direct_removal_share, Share);
    let booking = c.schedule(&t, "booking_days", &s.booking_days, NonNeg);
    let usbp = c.schedule(&t, "usbp_transfer_days", &s.usbp_transfer_days, NonNeg);
    let cbp = c.number(&t, "cbp_holding_limit_days", &s.cbp_holding_limit_days, NonNeg);
    let hazard = c.schedules(
        &t,
        "release_hazard_per_day",
        &s.release_hazard_per_day,
        &CATEGORY,
        Share,
        false,
    );
    let transfer = c.flag(&t, "transfer_when_full", &s.transfer_when_full);
    let surge = match &s.surge_share {
        None => Some([0.0; FacilityKind::COUNT]),
        Some(b) => by_facility(c, &t.child("surge_share", b.span()), b.get_ref(), Share),
    };
    let when_full = match &s.when_full {
        None => Some(Detention::DEFAULT_WHEN_FULL.to_vec()),
        Some(w) => {
            let vocabulary = model::WhenFull::ALL.map(|w| (w.name(), w));
            c.order(&t.key("when_full"), w, &vocabulary, model::WhenFull::Release.name())
        }
    };
    Some(Detention {
        book_in_share: book_in?,
        border_book_in_share: border_book_in?,
        border_direct_removal_share: direct?,
        booking_days: booking?,
        usbp_transfer_days: usbp?,
        cbp_holding_limit_days: cbp?,
        release_hazard_per_day: hazard?,
        transfer_when_full: transfer?,
        surge_share: surge?,
        when_full: when_full?,
    })
}

/// One number per facility type, each required.
fn by_facility(
    c: &mut Checker<'_>,
    t: &At,
    b: &crate::spec::ByFacility<crate::spec::Num>,
    bound: Bound,
) -> Option<[f64; FacilityKind::COUNT]> {
    let each: Vec<Option<f64>> =
        FacilityKind::ALL.iter().map(|k| c.number(t, k.name(), b.get(*k), bound)).collect();
    arr(each.into_iter().collect())
}

/// `[courts]`.
pub(crate) fn courts(c: &mut Checker<'_>, spec: &Spanned<CourtsSpec>) -> Option<Courts> {
    let (t, s) = (at(spec, "courts"), spec.get_ref());
    let slots = c.schedule(&t, "detained_docket_slots", &s.detained_docket_slots, NonNeg);
    let mean = c.schedule(&t, "case_days_mean", &s.case_days_mean, NonNeg);
    let cv = c.number(&t, "case_days_cv", &s.case_days_cv, NonNeg);
    let order = c.number(&t, "removal_order_share", &s.removal_order_share, Share);
    Some(Courts {
        detained_docket_slots: slots?,
        case_days_mean: mean?,
        case_days_cv: cv?,
        removal_order_share: order?,
    })
}

/// `[removal]`.
pub(crate) fn removal(c: &mut Checker<'_>, spec: &Spanned<RemovalSpec>) -> Option<Removal> {
    let (t, s) = (at(spec, "removal"), spec.get_ref());
    let doc_days =
        c.schedules(&t, "travel_doc_days", &s.travel_doc_days, &NATIONALITY, NonNeg, false);
    let never =
        arr(c.numbers(&t, "travel_doc_never", &s.travel_doc_never, &NATIONALITY, Share, false));
    let limit =
        c.number(&t, "post_order_custody_limit_days", &s.post_order_custody_limit_days, NonNeg);
    let land = c.schedule(&t, "land_per_day", &s.land_per_day, NonNeg);
    let flights = c.schedule(&t, "flights_per_week", &s.flights_per_week, NonNeg);
    let seats = c.schedule(&t, "seats_per_flight", &s.seats_per_flight, NonNeg);
    let hub = c.schedule(&t, "hub_transfer_days", &s.hub_transfer_days, NonNeg);
    let vd = c.number(&t, "voluntary_departure_days", &s.voluntary_departure_days, NonNeg);
    let goal = match &s.goal_per_year {
        Some(g) => c.schedule_at(&t.key("goal_per_year"), g, NonNeg),
        None => Some(Schedule::constant(0.0)),
    };
    Some(Removal {
        travel_doc_days: doc_days?,
        travel_doc_never: never?,
        post_order_custody_limit_days: limit?,
        land_per_day: land?,
        flights_per_week: flights?,
        seats_per_flight: seats?,
        hub_transfer_days: hub?,
        voluntary_departure_days: vd?,
        goal_per_year: goal?,
    })
}

/// `[costs]`; `bed_day` needs every facility type.
pub(crate) fn costs(c: &mut Checker<'_>, spec: &Spanned<CostsSpec>) -> Option<Costs> {
    let (t, s) = (at(spec, "costs"), spec.get_ref());
    let example =
        "{ processing_center = { value = … }, contract = …, igsa = …, bop = …, soft_sided = … }";
    let bed_day = c.present(&t, "bed_day", &s.bed_day, example).and_then(|b| {
        let bt = t.child("bed_day", b.span());
        let each: Vec<Option<f64>> = FacilityKind::ALL
            .iter()
            .map(|k| c.number(&bt, k.name(), b.get_ref().get(*k), NonNeg))
            .collect();
        arr::<{ FacilityKind::COUNT }>(each.into_iter().collect())
    });
    let flight = c.number(&t, "flight", &s.flight, NonNeg);
    let land = c.number(&t, "land_removal", &s.land_removal, NonNeg);
    let agent = c.number(&t, "usbp_agent_day", &s.usbp_agent_day, NonNeg);
    let partner = c.number(&t, "partner_officer_day", &s.partner_officer_day, NonNeg);
    let premium = match &s.surge_bed_day_premium {
        None => Some(0.0),
        Some(p) => c.sourced(&t.key("surge_bed_day_premium"), p, NonNeg),
    };
    Some(Costs {
        bed_day: bed_day?,
        surge_bed_day_premium: premium?,
        flight: flight?,
        land_removal: land?,
        usbp_agent_day: agent?,
        partner_officer_day: partner?,
    })
}
