//! Each kind of problem gives its message, position and help; all are reported at once.

use crate::common::{TempDir, VALID, check, edit, edit_in, errors, load, only_error, pos, pos_nth};

const NO_EVIDENCE_HELP: &str =
    "add `source = \"…\"` and `as_of = \"YYYY-MM\"`, or `assumption = true` and `range = [lo, hi]`";

#[test]
fn number_without_evidence() {
    let t = edit(
        "availability = { value = 0.62, source = \"test source\", as_of = \"2025-09\" }",
        "availability = { value = 0.62 }",
    );
    let d = only_error(&t);
    let msg = "`ero.availability` has no evidence: neither `source` nor `assumption = true`";
    check(&d, msg, pos(&t, "{ value = 0.62 }"), Some(NO_EVIDENCE_HELP));
}

#[test]
fn source_without_as_of() {
    let t = edit(", source = \"budget\", as_of = \"2024\" }", ", source = \"budget\" }");
    let d = only_error(&t);
    check(
        &d,
        "`ero.cost_per_officer_day` has a `source` but no `as_of`",
        pos(&t, "{ value = 1200"),
        None,
    );
}

#[test]
fn as_of_must_be_a_date() {
    let t = edit("source\", as_of = \"2025-09\" }", "source\", as_of = \"Sept 2025\" }");
    let d = only_error(&t);
    let help = Some("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`");
    check(
        &d,
        "`as_of = \"Sept 2025\"` of `ero.availability` is not a date",
        pos(&t, "\"Sept 2025\""),
        help,
    );
}

#[test]
fn assumption_without_range() {
    let t = edit(
        "custodial_effort = { value = 0.5, assumption = true, range = [0.25, 1] }",
        "custodial_effort = { value = 0.5, assumption = true }",
    );
    let d = only_error(&t);
    check(
        &d,
        "`ero.custodial_effort` is an assumption without a `range`",
        pos(&t, "{ value = 0.5, assumption = true }"),
        None,
    );
}

#[test]
fn source_and_assumption_together() {
    let t = edit(
        "target_response = { value = 1, assumption = true",
        "target_response = { value = 1, source = \"x\", as_of = \"2024\", assumption = true",
    );
    let d = only_error(&t);
    check(
        &d,
        "`ero.target_response` has both a `source` and `assumption = true`",
        pos(&t, "\"x\""),
        None,
    );
}

#[test]
fn value_outside_its_range() {
    let t = edit("target_response = { value = 1,", "target_response = { value = 3,");
    let d = only_error(&t);
    let help =
        Some("a value must lie within its stated range: change the value or widen the range");
    check(
        &d,
        "`ero.target_response` = 3 is outside its range [0, 2]",
        pos(&t, "3, assumption = true, range = [0, 2]"),
        help,
    );
}

#[test]
fn range_with_the_wrong_shape() {
    let t = edit("range = [0.3, 0.7]", "range = [0.3]");
    let d = only_error(&t);
    check(
        &d,
        "`range` of `ero.at_large_share` has the wrong shape",
        pos(&t, "[0.3]"),
        Some("write `[lo, hi]`"),
    );
}

#[test]
fn share_outside_zero_one() {
    let t = edit("value = 0.62,", "value = 1.4,");
    let d = only_error(&t);
    check(
        &d,
        "`ero.availability` = 1.4 is outside [0, 1]",
        pos(&t, "1.4"),
        Some("shares and probabilities lie between 0 and 1"),
    );
}

#[test]
fn negative_count() {
    let t = edit("value = 240,", "value = -5,");
    let d = only_error(&t);
    let help = Some("counts, rates, durations and costs are 0 or more");
    check(&d, "`offices[Chicago].officers` = -5 is negative", pos(&t, "-5"), help);
}

#[test]
fn non_finite_number() {
    let t = edit("apprehension_max = { value = 0.8,", "apprehension_max = { value = nan,");
    let d = only_error(&t);
    check(
        &d,
        "`channels.apprehension_max` is not a finite number (NaN)",
        pos(&t, "nan"),
        Some("nan and inf are not allowed"),
    );
}

#[test]
fn mix_must_sum_to_one() {
    let t = edit("[0.6, 0.3, 0.1]", "[0.6, 0.3, 0.2]");
    let d = only_error(&t);
    let help = Some("a mix over [convicted, pending, no_record] must sum to 1 (within 1e-6)");
    check(&d, "`cases.custodial_category` sums to 1.1, not 1", pos(&t, "[0.6, 0.3, 0.2]"), help);
}

#[test]
fn shares_of_one_whole_may_not_exceed_it() {
    let t = edit(
        "operations_criminal_share = { value = [0.1, 0.2]",
        "operations_criminal_share = { value = [0.4, 0.7]",
    );
    let errs = errors(&t);
    // Both values are also outside the stated range [0, 0.5]? 0.7 is.
    assert!(errs.iter().any(|d| d.message
        == "`channels.operations_criminal_share.pending` = 0.7 is outside its range [0, 0.5]"));
    let t = edit(
        "operations_criminal_share = { value = [0.1, 0.2], assumption = true, range = [0, 0.5] }",
        "operations_criminal_share = { value = [0.5, 0.6], assumption = true, range = [0, 1] }",
    );
    let d = only_error(&t);
    check(
        &d,
        "`channels.operations_criminal_share` sums to 1.1, more than 1",
        pos(&t, "[0.5, 0.6]"),
        None,
    );
}

#[test]
fn array_of_the_wrong_length() {
    let t = edit("[0.2, 0.15, 0.1]", "[0.2, 0.15]");
    let d = only_error(&t);
    let help = Some("one value per element of [convicted, pending, no_record]");
    check(&d, "`channels.at_large_yield` has 2 values; expected 3", pos(&t, "[0.2, 0.15]"), help);
}

#[test]
fn malformed_dates() {
    let t = edit("start = \"2024-10-01\"", "start = \"2024-13-01\"");
    let d = only_error(&t);
    check(
        &d,
        "`scenario.start = \"2024-13-01\"` is not a date",
        pos(&t, "\"2024-13-01\""),
        Some("write dates as \"YYYY-MM-DD\""),
    );
    let t = edit("{ from = \"2025-01-20\"", "{ from = \"2025-1-20\"");
    let d = only_error(&t);
    check(
        &d,
        "`from = \"2025-1-20\"` in `ero.operations_share` is not a date",
        pos(&t, "\"2025-1-20\""),
        None,
    );
}

#[test]
fn schedule_steps_in_date_order() {
    let t =
        edit("{ from = \"2025-03-01\", value = 1500 }", "{ from = \"2024-09-01\", value = 1500 }");
    let d = only_error(&t);
    let msg = "steps of `offices[Chicago].beds.contract` are out of order: 2024-09-01 is not after 2024-10-01";
    check(&d, msg, pos(&t, "\"2024-09-01\""), None);
}

#[test]
fn intervention_outside_the_run() {
    let t = edit("at = \"2025-06-07\"\nuntil = \"2025-09-30\"", "at = \"2026-01-01\"");
    let errs = errors(&t);
    let msg = "[[interventions]] entry 1 starts after the run ends (2025-09-30): it cannot change this run";
    let d = errs.iter().find(|d| d.message == msg).unwrap_or_else(|| panic!("{errs:#?}"));
    check(d, msg, pos(&t, "\"2026-01-01\""), None);
    // Ending before the run starts is refused in the loaded file…
    let t = edit(
        "at = \"2025-06-07\"\nuntil = \"2025-09-30\"",
        "at = \"2024-06-07\"\nuntil = \"2024-09-30\"",
    );
    let d = only_error(&t);
    let msg = "[[interventions]] entry 1 ends (2024-09-30) before the run starts (2024-10-01): it cannot change this run";
    check(&d, msg, pos(&t, "\"2024-09-30\""), None);
    // …but starting before it is fine: the change applies from the first simulated day.
    assert!(load(&edit("at = \"2025-06-07\"", "at = \"2024-06-07\"")).is_ok());
    // `until` before `at` is refused too.
    let t = edit("until = \"2025-09-30\"", "until = \"2025-06-01\"");
    let d = only_error(&t);
    check(
        &d,
        "`interventions[0].until` = 2025-06-01 is before `at` = 2025-06-07",
        pos(&t, "\"2025-06-01\""),
        None,
    );
}

#[test]
fn unknown_office_did_you_mean() {
    let t = edit("receiving_office = \"Chicago\"", "receiving_office = \"Chigaco\"");
    let d = only_error(&t);
    let (line, col) = pos(&t, "\"Chigaco\"");
    assert_eq!(
        d.to_string(),
        format!(
            "error: unknown office \"Chigaco\"\n  --> test.toml:{line}:{col}\n   = help: did you mean \"Chicago\"?"
        )
    );
}

#[test]
fn office_not_in_the_scenario() {
    let t = edit("receiving_office = \"Chicago\"", "receiving_office = \"Denver\"");
    let d = only_error(&t);
    let help = "\"Denver\" has no [[offices]] entry in this scenario; it has: Chicago, Houston, San Antonio";
    check(&d, "unknown office \"Denver\"", pos(&t, "\"Denver\""), Some(help));
    let t = edit("offices = [\"Chicago\", \"Houston\"]", "offices = [\"Chicago\", \"Huston\"]");
    let d = only_error(&t);
    check(
        &d,
        "unknown office \"Huston\"",
        pos(&t, "\"Huston\""),
        Some("did you mean \"Houston\"?"),
    );
    let t = edit("\"Houston\" = { value = 1", "\"Boston\" = { value = 1");
    let d = only_error(&t);
    check(&d, "unknown office \"Boston\"", pos(&t, "\"Boston\""), None);
}

#[test]
fn unknown_ero_field_office() {
    let t = edit("name = \"Houston\"", "name = \"Housten\"");
    let errs = errors(&t);
    let d = errs.iter().find(|d| d.message.starts_with("unknown ERO field office")).unwrap();
    check(
        d,
        "unknown ERO field office \"Housten\"",
        pos(&t, "\"Housten\""),
        Some("did you mean \"Houston\"?"),
    );
}

#[test]
fn duplicate_office_names() {
    let t = edit("name = \"San Antonio\"", "name = \"Chicago\"");
    let errs = errors(&t);
    let d = errs
        .iter()
        .find(|d| d.message == "duplicate office \"Chicago\"")
        .unwrap_or_else(|| panic!("{errs:#?}"));
    check(d, "duplicate office \"Chicago\"", pos_nth(&t, "\"Chicago\"\nofficers", 1), None);
    assert!(d.help.as_deref().unwrap().starts_with("first given at test.toml:"));
}

#[test]
fn unknown_key_gets_serdes_message_and_a_suggestion() {
    let t = edit("availability = {", "availabilty = {");
    let d = only_error(&t);
    assert!(
        d.message.starts_with(
            "unknown field `availabilty`, expected one of `availability`, `at_large_share`"
        ),
        "{d}"
    );
    assert_eq!((d.line, d.col), pos(&t, "availabilty"));
    assert_eq!(d.help.as_deref(), Some("did you mean \"availability\"?"));
    // Inside a number: the key and its number are reported once, not also as missing.
    let t = edit("source\", as_of = \"2025-09\" }", "source\", as_at = \"2025-09\" }");
    let d = only_error(&t);
    assert!(
        d.message.starts_with("unknown field `as_at`, expected one of `value`, `source`, `as_of`"),
        "{d}"
    );
    // Nested: the misspelt key is not also reported as missing.
    let t = edit("reachable.pending = { initial =", "reachable.pending = { initail =");
    let d = only_error(&t);
    assert!(
        d.message.starts_with("unknown field `initail`, expected `initial` or `inflow_per_day`"),
        "{d}"
    );
    // A misspelt table.
    let t = edit("[courts]", "[court]");
    let errs = errors(&t);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(errs[0].message, "missing [courts] table");
    assert!(errs[1].message.starts_with("unknown field `court`, expected one of `scenario`"));
    assert_eq!(errs[1].help.as_deref(), Some("did you mean \"courts\"?"));
}

#[test]
fn wrong_types() {
    let t = edit("days = 365", "days = \"365\"");
    let d = only_error(&t);
    let help = Some("write a whole number in 1..=3660");
    check(&d, "`days` must be a whole number, not a string \"365\"", pos(&t, "\"365\""), help);
    let t = edit("replications = 4", "replications = -1");
    let d = only_error(&t);
    let help = Some("write a whole number in 1..=10000");
    check(&d, "`replications` = -1 is negative", pos(&t, "-1\nseed"), help);
    let t = edit(
        "availability = { value = 0.62, source = \"test source\", as_of = \"2025-09\" }",
        "availability = 0.62",
    );
    let d = only_error(&t);
    assert!(
        d.message.starts_with(
            "invalid type: floating point `0.62`, expected a number with its evidence"
        ),
        "{d}"
    );
    assert!(d.help.as_deref().unwrap().starts_with("every model number is a table"));
    let t = edit("flight_hub = true", "flight_hub = \"yes\"");
    let d = only_error(&t);
    check(&d, "invalid type: string \"yes\", expected a boolean", pos(&t, "\"yes\""), None);
    let t = edit("value = 0.62,", "value = \"high\",");
    only_error(&t);
    // Dates are strings; a bare TOML date is a type error with a hint.
    let t = edit("start = \"2024-10-01\"", "start = 2024-10-01");
    let d = only_error(&t);
    assert_eq!((d.line, d.col), pos(&t, "2024-10-01"), "{d}");
    assert_eq!(
        d.help.as_deref(),
        Some("quote it: names and dates are strings, e.g. \"2025-10-01\""),
        "{d}"
    );
}

#[test]
fn missing_keys_and_tables() {
    let t = edit("case_days_cv = { value = 0.8, assumption = true, range = [0.3, 1.5] }\n", "");
    let d = only_error(&t);
    check(&d, "missing `case_days_cv` in [courts]", pos(&t, "[courts]"), None);
    let t = edit("flight_hub = true\n", "");
    let d = only_error(&t);
    check(
        &d,
        "missing `flight_hub` in office \"Houston\"",
        pos(&t, "[[offices]]\nname = \"Houston\""),
        Some("add `flight_hub = true` or `false`"),
    );
}

#[test]
fn empty_and_broken_files() {
    let d = only_error("");
    assert_eq!(
        d.to_string().lines().take(2).collect::<Vec<_>>(),
        ["error: empty scenario file", "  --> test.toml:1:1"]
    );
    let d = only_error("\n# nothing but comments\n");
    assert_eq!(d.message, "empty scenario file");
    let t = edit("days = 365", "days = ");
    let d = only_error(&t);
    assert!(d.message.starts_with("invalid TOML: "), "{d}");
    assert_eq!(d.line, pos(&t, "days = ").0);
}

#[test]
fn interventions_check_kind_agency_and_keys() {
    let t = edit("kind = \"deploy\"", "kind = \"deplyo\"");
    let d = only_error(&t);
    check(
        &d,
        "unknown intervention kind \"deplyo\"",
        pos(&t, "\"deplyo\""),
        Some("did you mean \"deploy\"?"),
    );
    let t = edit("agency = \"DEA\"", "agency = \"DAE\"");
    let d = only_error(&t);
    check(&d, "unknown agency \"DAE\"", pos(&t, "\"DAE\""), Some("did you mean \"DEA\"?"));
    let t = edit("kind = \"deploy\"", "kind = \"deploy\"\nagency = \"DEA\"");
    let d = only_error(&t);
    let help = "a deploy intervention takes: kind, at, until, announced, agents, offices, cities, from, ramp_days, arrests_per_agent_day";
    check(
        &d,
        "`agency` does not apply to a deploy intervention",
        pos(&t, "\"DEA\"\nat"),
        Some(help),
    );
    let t = edit("offices = [\"all\"]", "offices = [\"all\", \"Chicago\"]");
    let d = only_error(&t);
    check(&d, "\"all\" cannot be combined with office names", pos(&t, "[\"all\", "), None);
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let mut t = edit("days = 365", "days = 0");
    t = edit_in(&t, "value = 0.62,", "value = 1.4,");
    t = edit_in(&t, "[0.6, 0.3, 0.1]", "[0.6, 0.3, 0.2]");
    t = edit_in(&t, "receiving_office = \"Chicago\"", "receiving_office = \"Chigaco\"");
    let err = load(&t).unwrap_err();
    let messages: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`scenario.days` = 0 is outside 1..=3660",
            "`ero.availability` = 1.4 is outside [0, 1]",
            "`cases.custodial_category` sums to 1.1, not 1",
            "unknown office \"Chigaco\"",
        ]
    );
    let lines: Vec<usize> = err.diagnostics.iter().map(|d| d.line).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(err.to_string().matches("\n\nerror: ").count(), 3);
    // Interventions are checked against the run only when the run is valid: days = 0
    // produced no further errors.
    assert!(load(VALID).is_ok());
}

/// A wrong type at a top-level key is one error naming the key and its shape, not that
/// error plus every check that depends on what the key would have held (issue 4: an
/// `offices = 5` over the baseline gave 68 errors, one per office name used elsewhere).
#[test]
fn wrong_type_at_a_top_level_key_is_one_error() {
    let keys = [
        ("scenario", "a table"),
        ("ero", "a table"),
        ("channels", "a table"),
        ("cases", "a table"),
        ("detention", "a table"),
        ("courts", "a table"),
        ("removal", "a table"),
        ("costs", "a table"),
        ("offices", "an array of tables"),
        ("sectors", "an array of tables"),
        ("interventions", "an array of tables"),
    ];
    let run = "[scenario]\nname = \"x\"\ndescription = \"x\"\nextends = \"baseline-fy2025\"\n";
    for (key, shape) in keys {
        for value in ["5", "\"x\"", "[5]"] {
            let array = shape.starts_with("an array");
            if value == "[5]" && !array {
                continue;
            }
            let body = if key == "scenario" { "" } else { run };
            let text = format!("{key} = {value}\n\n{body}");
            let errs = errors(&text);
            assert_eq!(errs.len(), 1, "{key} = {value}: {errs:#?}");
            let d = &errs[0];
            let named = if value == "[5]" {
                format!("an entry of `{key}` is an integer, not a table")
            } else {
                let kind = if value == "5" { "an integer" } else { "a string" };
                format!("`{key}` is {kind}, not {shape}")
            };
            assert_eq!(d.message, named, "{key} = {value}");
            let col = key.len() + 4 + usize::from(value == "[5]");
            assert_eq!((d.line, d.col), (1, col), "{key} = {value}");
            assert!(d.help.as_deref().is_some_and(|h| h.contains(&format!("[{key}]"))), "{d}");
        }
    }
}

/// The validator takes each national-table key's range rule from its one declaration
/// (`scenario::fields::FIELDS`): a value outside the declared domain is refused with the
/// domain's message, for every scalar key.
#[test]
fn every_declared_scalar_domain_is_enforced() {
    use scenario::fields::{FIELDS, Kind};
    use scenario::overrides::Domain;
    let dir = TempDir::new("domains");
    dir.write("base.toml", VALID);
    let mut checked = 0;
    for f in FIELDS.iter().filter(|f| matches!(f.kind, Kind::Number | Kind::Schedule)) {
        let (bad, message) = match f.domain {
            Domain::Share => ("1.5", "is outside [0, 1]"),
            Domain::NonNegative => ("-1", "is negative"),
            Domain::Positive => ("0", "must be greater than 0"),
            _ => continue,
        };
        let text = format!(
            "[scenario]\nname = \"d\"\nextends = \"base.toml\"\n\n[{}]\n{} = {{ value = {bad}, assumption = true, range = [{bad}, {bad}] }}\n",
            f.table, f.key
        );
        let child = dir.write("child.toml", &text);
        let err =
            scenario::load(&child).err().unwrap_or_else(|| panic!("{} = {bad} loaded", f.path()));
        let want = format!("`{}` = {bad} {message}", f.path());
        assert!(
            err.diagnostics.iter().any(|d| d.message == want),
            "{}: no `{want}` among {:?}",
            f.path(),
            err.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} keys checked");
}
