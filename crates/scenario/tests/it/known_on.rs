//! `[scenario] known_on`: a forecast reads itself and the files it extends as known on a
//! day, the way a backtest reads a scenario at its origin; files extending the forecast
//! keep their own later changes.

use model::Date;

use crate::common::{TempDir, VALID, check, edit, edit_in, only_error, pos};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// `VALID` declaring `known_on`.
fn known_on(date: &str) -> String {
    edit("start = \"2024-10-01\"", &format!("start = \"2024-10-01\"\nknown_on = \"{date}\""))
}

#[test]
fn known_on_reads_the_parent_as_a_backtest_at_that_origin_does() {
    let text = "[scenario]\nname = \"fy25-as-known\"\ndescription = \"FY2025 as known on 30 June.\"\n\
                extends = \"baseline-fy2025\"\nknown_on = \"2025-06-30\"\n";
    let mut mine = scenario::load_str(text, "known.toml").unwrap().scenario;
    let origin = scenario::resolve_known_at("baseline-fy2025", day("2025-06-30")).unwrap().scenario;
    let full = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    mine.name.clone_from(&origin.name);
    mine.description.clone_from(&origin.description);
    let json = |s: &model::Scenario| serde_json::to_value(s).unwrap();
    assert_eq!(json(&mine), json(&origin));
    // The July docket step was not announced by 30 June: it is carried forward from June.
    let aug = day("2025-08-01");
    assert_ne!(
        mine.courts.detained_docket_slots.at(aug),
        full.courts.detained_docket_slots.at(aug)
    );
}

#[test]
fn interventions_after_known_on_need_an_announcement() {
    let full = crate::common::load(VALID).unwrap().scenario.interventions.len();
    // The deploy of 2025-06-07 is not known on 1 May...
    let forecast = crate::common::load(&known_on("2025-05-01")).unwrap().scenario;
    assert_eq!(forecast.interventions.len(), full - 1);
    // ...unless it was announced by then.
    let announced = edit_in(
        &known_on("2025-05-01"),
        "at = \"2025-06-07\"",
        "at = \"2025-06-07\"\nannounced = \"2025-04-20\"",
    );
    let forecast = crate::common::load(&announced).unwrap().scenario;
    assert_eq!(forecast.interventions.len(), full);
}

#[test]
fn a_what_if_extending_a_forecast_keeps_its_own_later_changes() {
    let dir = TempDir::new("known-on");
    dir.write("forecast.toml", &known_on("2025-05-01"));
    let whatif = "[scenario]\nname = \"w\"\ndescription = \"A what-if on the forecast.\"\n\
                  extends = \"forecast.toml\"\n\n[[interventions]]\nkind = \"deploy\"\n\
                  at = \"2025-07-01\"\nagents = { value = 100, source = \"test\", as_of = \"2025-06\" }\n\
                  offices = [\"Chicago\"]\nramp_days = { value = 14, assumption = true, range = [7, 30] }\n\
                  arrests_per_agent_day = { value = 0.05, assumption = true, range = [0.01, 0.2] }\n";
    let path = dir.write("whatif.toml", whatif);
    let forecast = scenario::load(&dir.path().join("forecast.toml")).unwrap().scenario;
    let mine = scenario::load(&path).unwrap().scenario;
    // The forecast's unannounced deploy stays out; the what-if's own deploy is in.
    assert_eq!(mine.interventions.len(), forecast.interventions.len() + 1);
}

#[test]
fn a_bad_known_on_or_a_late_announcement_is_a_located_error() {
    let text = known_on("May 2025");
    let d = only_error(&text);
    check(
        &d,
        "`scenario.known_on = \"May 2025\"` is not a date",
        pos(&text, "\"May 2025\""),
        Some("write the day the forecast is made as \"YYYY-MM-DD\""),
    );
    let text = edit("at = \"2025-06-07\"", "at = \"2025-06-07\"\nannounced = \"2025-07-01\"");
    let d = only_error(&text);
    check(
        &d,
        "`interventions[0]` is announced on 2025-07-01, after it takes effect on 2025-06-07",
        pos(&text, "\"2025-07-01\""),
        None,
    );
}
