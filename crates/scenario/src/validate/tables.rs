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
use crate::fields::{self, Field, Kind};
use crate::overrides::Domain;
use crate::spec::{
    ArrSched, CasesSpec, ChannelsSpec, CostsSpec, CourtsSpec, DetentionSpec, EroSpec, Num, Nums,
    RemovalSpec, Sched,
};

fn at<T>(spec: &Spanned<T>, key: &str) -> At {
    At::new(spec.span(), format!("[{key}]"), key)
}

/// The declaration `key` of the table or entry `t` falls under (`fields.rs` declares every
/// key of the national tables, offices and sectors once).
pub(super) fn declared(t: &At, key: &str) -> &'static Field {
    let path = t.key(key);
    fields::declaration(&path)
        .unwrap_or_else(|| panic!("`{path}` is validated but not declared in fields.rs"))
}

/// The range rule of `key` in `t`: the domain its declaration gives.
pub(super) fn rule(t: &At, key: &str) -> Bound {
    match declared(t, key).domain {
        Domain::Share => Bound::Share,
        Domain::NonNegative => Bound::NonNegative,
        Domain::Positive => Bound::Positive,
        other => panic!("`{}.{key}`: a national-table number cannot have domain {other:?}", t.path),
    }
}

/// The readers of declared keys: each takes the key's range rule (and, for arrays,
/// whether it is a mix) from its declaration in [`fields`], so a rule is written once.
impl Checker<'_> {
    pub(super) fn num(&mut self, t: &At, key: &str, field: &Option<Num>) -> Option<f64> {
        self.number(t, key, field, rule(t, key))
    }

    /// An optional number: checked like [`Self::num`] when given, else `absent` (the value
    /// that leaves its mechanism off or at its documented default).
    pub(super) fn num_or(
        &mut self,
        t: &At,
        key: &str,
        field: &Option<Num>,
        absent: f64,
    ) -> Option<f64> {
        match field {
            Some(n) => self.sourced(&t.key(key), n, rule(t, key)),
            None => Some(absent),
        }
    }

    /// An optional schedule: absent, the constant `absent`.
    pub(super) fn sched_or(
        &mut self,
        t: &At,
        key: &str,
        field: &Option<Sched>,
        absent: f64,
    ) -> Option<Schedule> {
        match field {
            Some(_) => self.sched(t, key, field),
            None => Some(Schedule::constant(absent)),
        }
    }

    pub(super) fn sched(&mut self, t: &At, key: &str, field: &Option<Sched>) -> Option<Schedule> {
        self.schedule(t, key, field, rule(t, key))
    }

    fn nums<const N: usize>(
        &mut self,
        t: &At,
        key: &str,
        field: &Option<Nums>,
        labels: &[&str; N],
    ) -> Option<Vec<f64>> {
        self.numbers(t, key, field, labels, rule(t, key), declared(t, key).kind == Kind::Mix)
    }

    fn scheds<const N: usize>(
        &mut self,
        t: &At,
        key: &str,
        field: &Option<ArrSched>,
        labels: &[&str; N],
    ) -> Option<[Schedule; N]> {
        let mix = declared(t, key).kind == Kind::Mix;
        self.schedules(t, key, field, labels, rule(t, key), mix)
    }
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
    let availability = c.num(&t, "availability", &s.availability);
    let at_large = c.sched(&t, "at_large_share", &s.at_large_share);
    let operations = c.sched(&t, "operations_share", &s.operations_share);
    let custodial = c.num(&t, "custodial_effort", &s.custodial_effort);
    let overtime = c.num(&t, "overtime_ceiling", &s.overtime_ceiling);
    let response = c.num(&t, "target_response", &s.target_response);
    let cost = c.num(&t, "cost_per_officer_day", &s.cost_per_officer_day);
    let tactics = c.num_or(&t, "tactics_response", &s.tactics_response, 0.0);
    // The workforce's dynamics are optional: absent, each is off (model::workforce).
    let premium = c.num_or(&t, "overtime_premium", &s.overtime_premium, 0.0);
    let new_productivity =
        c.num_or(&t, "new_officer_productivity", &s.new_officer_productivity, 1.0);
    let training = c.num_or(&t, "field_training_days", &s.field_training_days, 0.0);
    let memory = c.num_or(&t, "overtime_memory_days", &s.overtime_memory_days, 90.0);
    let attrition = c.num_or(&t, "attrition_per_overtime", &s.attrition_per_overtime, 0.0);
    let replacement = c.num_or(&t, "replacement_days", &s.replacement_days, 365.0);
    let escorts = c.num_or(&t, "escort_officers_per_seat", &s.escort_officers_per_seat, 0.0);
    let escort_days = c.num_or(&t, "escort_days_per_flight", &s.escort_days_per_flight, 0.0);
    let moved_escorts = c.num_or(
        &t,
        "transfer_escort_officers_per_person",
        &s.transfer_escort_officers_per_person,
        0.0,
    );
    let moved_days = c.num_or(&t, "transfer_escort_days", &s.transfer_escort_days, 0.0);
    // Daily variation is optional too: absent, counts are Poisson around a smooth mean.
    let weekend = c.num_or(&t, "weekend_effort", &s.weekend_effort, 1.0);
    let office_ops = c.num_or(&t, "office_operations_per_year", &s.office_operations_per_year, 0.0);
    let national_ops =
        c.num_or(&t, "national_operations_per_year", &s.national_operations_per_year, 0.0);
    let op_days = c.num_or(&t, "operation_days", &s.operation_days, 1.0);
    let office_op = c.num_or(&t, "office_operation_effort", &s.office_operation_effort, 1.0);
    let national_op = c.num_or(&t, "national_operation_effort", &s.national_operation_effort, 1.0);
    Some(EroWorkforce {
        availability: availability?,
        at_large_share: at_large?,
        operations_share: operations?,
        custodial_effort: custodial?,
        overtime_ceiling: overtime?,
        target_response: response?,
        tactics_response: tactics?,
        cost_per_officer_day: cost?,
        overtime_premium: premium?,
        new_officer_productivity: new_productivity?,
        field_training_days: training?,
        overtime_memory_days: memory?,
        attrition_per_overtime: attrition?,
        replacement_days: replacement?,
        escort_officers_per_seat: escorts?,
        escort_days_per_flight: escort_days?,
        transfer_escort_officers_per_person: moved_escorts?,
        transfer_escort_days: moved_days?,
        weekend_effort: weekend?,
        office_operations_per_year: office_ops?,
        national_operations_per_year: national_ops?,
        operation_days: op_days?,
        office_operation_effort: office_op?,
        national_operation_effort: national_op?,
    })
}

/// `[channels]`; target weights are resolved against the scenario's offices.
pub(crate) fn channels(
    c: &mut Checker<'_>,
    spec: &Spanned<ChannelsSpec>,
    offices: &[String],
) -> Option<Channels> {
    let (t, s) = (at(spec, "channels"), spec.get_ref());
    let at_large_yield = arr(c.nums(&t, "at_large_yield", &s.at_large_yield, &CATEGORY));
    let locate = arr(c.nums(&t, "max_daily_locate_share", &s.max_daily_locate_share, &CATEGORY));
    let collateral = c.sched(&t, "collateral_per_at_large", &s.collateral_per_at_large);
    let operations_yield = c.num(&t, "operations_yield", &s.operations_yield);
    let criminal =
        shares_of_one(c, &t, "operations_criminal_share", &s.operations_criminal_share, &CRIMINAL);
    let target = c.sched(&t, "national_target_per_day", &s.national_target_per_day);
    let weights = match &s.target_weights {
        None => (!offices.is_empty()).then(|| vec![1.0 / offices.len() as f64; offices.len()]),
        Some(w) => target_weights(c, &t, w, offices),
    };
    let apprehension_max = c.num(&t, "apprehension_max", &s.apprehension_max);
    let half = c.num(&t, "agents_per_crossing_half", &s.agents_per_crossing_half);
    // Check-in arrests are optional: absent, nobody leaves the non-detained stocks by arrest.
    let checkin_atd = c.sched_or(&t, "checkin_per_atd_day", &s.checkin_per_atd_day, 0.0);
    let checkin_docket = c.sched_or(&t, "checkin_per_docket_day", &s.checkin_per_docket_day, 0.0);
    // The refill of the at-large pools is optional: absent, only their constant inflow.
    let refill = c.num_or(&t, "at_large_refill_share", &s.at_large_refill_share, 0.0);
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
        checkin_per_atd_day: checkin_atd?,
        checkin_per_docket_day: checkin_docket?,
        at_large_refill_share: refill?,
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
    let v = arr::<N>(c.numbers(t, key, field, labels, rule(t, key), false))?;
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
        let v = c.sourced(
            &format!("{}.{}", t.key("target_weights"), name.get_ref()),
            n,
            rule(t, "target_weights"),
        );
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
    let custodial = c.scheds(&t, "custodial_category", &s.custodial_category, &CATEGORY);
    let border = c.scheds(&t, "border_category", &s.border_category, &CATEGORY);
    let interior_nat = c.scheds(&t, "interior_nationality", &s.interior_nationality, &NATIONALITY);
    let border_nat = c.scheds(&t, "border_nationality", &s.border_nationality, &NATIONALITY);
    let summary = c.sched(&t, "interior_summary_share", &s.interior_summary_share);
    let voluntary = c.sched(&t, "interior_voluntary_share", &s.interior_voluntary_share);
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
    let expedited = c.sched(&t, "border_expedited_share", &s.border_expedited_share);
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
    let book_in = c.scheds(&t, "book_in_share", &s.book_in_share, &CATEGORY);
    let border_book_in = c.sched(&t, "border_book_in_share", &s.border_book_in_share);
    let direct = c.sched(&t, "border_direct_removal_share", &s.border_direct_removal_share);
    let booking = c.sched(&t, "booking_days", &s.booking_days);
    let usbp = c.sched(&t, "usbp_transfer_days", &s.usbp_transfer_days);
    let cbp = c.num(&t, "cbp_holding_limit_days", &s.cbp_holding_limit_days);
    let hazard = c.scheds(&t, "release_hazard_per_day", &s.release_hazard_per_day, &CATEGORY);
    // The border policy is optional: absent, border cases are released as interior ones.
    let border_hazard = match &s.border_release_hazard_per_day {
        Some(_) => {
            let key = "border_release_hazard_per_day";
            c.scheds(&t, key, &s.border_release_hazard_per_day, &CATEGORY)
        }
        None => hazard.clone(),
    };
    // Bond is optional: absent, no one is eligible (model::mechanisms::ReleaseHazards).
    let bond_eligible = match &s.bond_eligible_share {
        Some(_) => c.sched(&t, "bond_eligible_share", &s.bond_eligible_share),
        None => Some(Schedule::constant(0.0)),
    };
    let border_bond_eligible = match &s.border_bond_eligible_share {
        Some(_) => c.sched(&t, "border_bond_eligible_share", &s.border_bond_eligible_share),
        None => bond_eligible.clone(),
    };
    let bond_grant = match &s.bond_grant_share {
        Some(_) => c.sched(&t, "bond_grant_share", &s.bond_grant_share),
        None => Some(Schedule::constant(0.0)),
    };
    let bond_days = c.num_or(&t, "bond_decision_days", &s.bond_decision_days, 30.0);
    let bond_posted = c.num_or(&t, "bond_posted_share", &s.bond_posted_share, 1.0);
    // Bond dockets are optional: absent, every hearing asked for is held.
    let bond_hearings =
        c.sched_or(&t, "bond_hearings_per_day", &s.bond_hearings_per_day, f64::INFINITY);
    let deaths =
        c.num_or(&t, "deaths_per_million_detained_days", &s.deaths_per_million_detained_days, 0.0);
    let transfer = c.flag(&t, "transfer_when_full", &s.transfer_when_full);
    // ATD is optional: absent, nobody enrols and capacity is unlimited.
    let atd_enrol = c.sched_or(&t, "atd_enrol_share", &s.atd_enrol_share, 0.0);
    let atd_days = c.num_or(&t, "atd_days_mean", &s.atd_days_mean, 725.0);
    let abscond = c.num_or(&t, "atd_abscond_share", &s.atd_abscond_share, 0.0);
    // The border admission ceiling is optional: absent, ICE takes CBP transfers while it has beds.
    let ceiling =
        c.sched_or(&t, "border_admission_ceiling", &s.border_admission_ceiling, f64::INFINITY);
    let atd_capacity = c.sched_or(&t, "atd_capacity", &s.atd_capacity, f64::INFINITY);
    let surge = match &s.surge_share {
        None => Some([0.0; FacilityKind::COUNT]),
        Some(b) => {
            by_facility(c, &t.child("surge_share", b.span()), b.get_ref(), rule(&t, "surge_share"))
        }
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
        border_admission_ceiling: ceiling?,
        release_hazard_per_day: hazard?,
        border_release_hazard_per_day: border_hazard?,
        bond_eligible_share: bond_eligible?,
        border_bond_eligible_share: border_bond_eligible?,
        bond_decision_days: bond_days?,
        bond_grant_share: bond_grant?,
        bond_posted_share: bond_posted?,
        bond_hearings_per_day: bond_hearings?,
        deaths_per_million_detained_days: deaths?,
        transfer_when_full: transfer?,
        surge_share: surge?,
        when_full: when_full?,
        atd_enrol_share: atd_enrol?,
        atd_days_mean: atd_days?,
        atd_abscond_share: abscond?,
        atd_capacity: atd_capacity?,
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
    let slots = c.sched(&t, "detained_docket_slots", &s.detained_docket_slots);
    let mean = c.sched(&t, "case_days_mean", &s.case_days_mean);
    let cv = c.num(&t, "case_days_cv", &s.case_days_cv);
    let order = c.num(&t, "removal_order_share", &s.removal_order_share);
    // The non-detained docket is optional: absent, no judges and no receipts.
    let judges = c.sched_or(&t, "non_detained_judges", &s.non_detained_judges, 0.0);
    let per_judge = c.num_or(&t, "completions_per_judge_day", &s.completions_per_judge_day, 0.0);
    let receipts =
        c.sched_or(&t, "non_detained_receipts_per_day", &s.non_detained_receipts_per_day, 0.0);
    let nd_order =
        c.num_or(&t, "non_detained_removal_order_share", &s.non_detained_removal_order_share, 0.0);
    let absentia =
        c.num_or(&t, "non_detained_in_absentia_share", &s.non_detained_in_absentia_share, 0.0);
    Some(Courts {
        detained_docket_slots: slots?,
        case_days_mean: mean?,
        case_days_cv: cv?,
        removal_order_share: order?,
        non_detained_judges: judges?,
        completions_per_judge_day: per_judge?,
        non_detained_receipts_per_day: receipts?,
        non_detained_removal_order_share: nd_order?,
        non_detained_in_absentia_share: absentia?,
    })
}

/// `[removal]`.
pub(crate) fn removal(c: &mut Checker<'_>, spec: &Spanned<RemovalSpec>) -> Option<Removal> {
    let (t, s) = (at(spec, "removal"), spec.get_ref());
    let doc_days = c.scheds(&t, "travel_doc_days", &s.travel_doc_days, &NATIONALITY);
    // The border source's waits are optional: absent, they are the interior's.
    let border_doc_days = match &s.border_travel_doc_days {
        Some(_) => {
            let key = "border_travel_doc_days";
            c.scheds(&t, key, &s.border_travel_doc_days, &NATIONALITY)
        }
        None => doc_days.clone(),
    };
    let never = arr(c.nums(&t, "travel_doc_never", &s.travel_doc_never, &NATIONALITY));
    let limit = c.num(&t, "post_order_custody_limit_days", &s.post_order_custody_limit_days);
    let land = c.sched(&t, "land_per_day", &s.land_per_day);
    let flights = c.sched(&t, "flights_per_week", &s.flights_per_week);
    let seats = c.sched(&t, "seats_per_flight", &s.seats_per_flight);
    let hub = c.sched(&t, "hub_transfer_days", &s.hub_transfer_days);
    let vd = c.num(&t, "voluntary_departure_days", &s.voluntary_departure_days);
    // On-demand flights are optional: absent, none are added (model::mechanisms::FlightSurge).
    let surge = c.sched_or(&t, "surge_flights_per_week", &s.surge_flights_per_week, 0.0);
    let surge_queue = c.num_or(&t, "surge_queue_days", &s.surge_queue_days, 3.0);
    let surge_lag = c.num_or(&t, "surge_lag_days", &s.surge_lag_days, 14.0);
    let goal = match &s.goal_per_year {
        Some(g) => c.schedule_at(&t.key("goal_per_year"), g, rule(&t, "goal_per_year")),
        None => Some(Schedule::constant(0.0)),
    };
    Some(Removal {
        travel_doc_days: doc_days?,
        border_travel_doc_days: border_doc_days?,
        travel_doc_never: never?,
        post_order_custody_limit_days: limit?,
        land_per_day: land?,
        flights_per_week: flights?,
        seats_per_flight: seats?,
        surge_flights_per_week: surge?,
        surge_queue_days: surge_queue?,
        surge_lag_days: surge_lag?,
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
        let (bt, bound) = (t.child("bed_day", b.span()), rule(&t, "bed_day"));
        let each: Vec<Option<f64>> = FacilityKind::ALL
            .iter()
            .map(|k| c.number(&bt, k.name(), b.get_ref().get(*k), bound))
            .collect();
        arr::<{ FacilityKind::COUNT }>(each.into_iter().collect())
    });
    let flight = c.num(&t, "flight", &s.flight);
    let land = c.num(&t, "land_removal", &s.land_removal);
    let agent = c.num(&t, "usbp_agent_day", &s.usbp_agent_day);
    let partner = c.num(&t, "partner_officer_day", &s.partner_officer_day);
    let atd_day = c.num_or(&t, "atd_day", &s.atd_day, 0.0);
    let premium = match &s.surge_bed_day_premium {
        None => Some(0.0),
        Some(p) => c.sourced(&t.key("surge_bed_day_premium"), p, rule(&t, "surge_bed_day_premium")),
    };
    Some(Costs {
        bed_day: bed_day?,
        surge_bed_day_premium: premium?,
        flight: flight?,
        land_removal: land?,
        usbp_agent_day: agent?,
        partner_officer_day: partner?,
        atd_day: atd_day?,
    })
}
