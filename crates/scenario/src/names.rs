//! Fixed vocabularies a scenario's names must come from, and "did you mean" suggestions
//! for names that are close to one of them.

/// The 25 ICE ERO field offices, as `shared/calibration/ero_field_offices.csv` names them.
pub const ERO_FIELD_OFFICES: [&str; 25] = [
    "Atlanta",
    "Baltimore",
    "Boston",
    "Buffalo",
    "Chicago",
    "Dallas",
    "Denver",
    "Detroit",
    "El Paso",
    "Harlingen",
    "Houston",
    "Los Angeles",
    "Miami",
    "New Orleans",
    "New York City",
    "Newark",
    "Philadelphia",
    "Phoenix",
    "Salt Lake City",
    "San Antonio",
    "San Diego",
    "San Francisco",
    "Seattle",
    "St. Paul",
    "Washington",
];

/// Partner agencies a `deputize` intervention may name.
pub const AGENCIES: [&str; 9] =
    ["USMS", "DEA", "ATF", "FBI", "BOP", "IRS-CI", "DSS", "USCIS-FDNS", "287g"];

/// Intervention kinds (docs/scenario-format.md lists the keys each takes).
pub const INTERVENTION_KINDS: [&str; 12] = [
    "target",
    "deploy",
    "deputize",
    "detail",
    "agreements_287g",
    "beds",
    "flights",
    "judges",
    "hire",
    "processing",
    "review",
    "rotate",
];

/// Agencies a `deploy` may draw staff from instead of Border Patrol sectors: their staff
/// leave no gap on the border line the model represents.
pub const DEPLOY_AGENCIES: [&str; 3] = ["OFO", "HSI", "National Guard"];

/// How a `hire` intervention spreads graduates over offices.
pub const HIRE_DISTRIBUTIONS: [&str; 2] = ["officers", "equal"];

/// The candidate closest to `word`, if it is close enough to be a likely typo: same
/// letters in another case, a prefix of at least three letters, or an edit distance of at
/// most a third of the word's length (at least 2).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).max(2);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let lc = c.to_lowercase();
        let d = if lc == w {
            0
        } else if w.chars().count() >= 3 && (lc.starts_with(&w) || w.starts_with(&lc)) {
            1
        } else {
            strsim::levenshtein(&w, &lc)
        };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean "x"?` when a close candidate exists.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean \"{c}\"?"))
}

/// `a, b, c` for help texts.
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_office() {
        let offices = ERO_FIELD_OFFICES;
        assert_eq!(closest("Chigaco", offices), Some("Chicago"));
        assert_eq!(closest("chicago", offices), Some("Chicago"));
        assert_eq!(closest("New York", offices), Some("New York City"));
        assert_eq!(closest("St Paul", offices), Some("St. Paul"));
        assert_eq!(closest("Anchorage", offices), None);
        assert_eq!(
            did_you_mean("deputise", INTERVENTION_KINDS).as_deref(),
            Some("did you mean \"deputize\"?")
        );
        assert_eq!(closest("", offices), None);
    }

    #[test]
    fn vocabularies_are_unique() {
        let mut o = ERO_FIELD_OFFICES.to_vec();
        o.sort();
        o.dedup();
        assert_eq!(o.len(), 25);
        assert_eq!(list(["a", "b"]), "a, b");
    }
}
