//! Cities to ERO field offices: a `deploy` may name the cities agents go to, and each city
//! is counted in the area of responsibility (AOR) that covers it.
//!
//! The AORs follow ICE's field-office pages (ice.gov/contact/field-offices, as collected in
//! github.com/deportationdata/ice-offices, `inputs/ice-areas-of-responsibility.csv`; the
//! source of `shared/calibration/ero_field_offices.csv`). States belong to one AOR except
//! Texas (Dallas, El Paso, Harlingen, Houston, San Antonio), California (Los Angeles, San
//! Diego, San Francisco) and New York (Buffalo, New York City). The table is small on
//! purpose: add a city when a scenario needs it.

/// (city, ERO field office), sorted by city.
pub const CITIES: &[(&str, &str)] = &[
    ("Albany", "Buffalo"),
    ("Albuquerque", "El Paso"),
    ("Anaheim", "Los Angeles"),
    ("Anchorage", "Seattle"),
    ("Atlanta", "Atlanta"),
    ("Austin", "San Antonio"),
    ("Baltimore", "Baltimore"),
    ("Birmingham", "New Orleans"),
    ("Boise", "Salt Lake City"),
    ("Boston", "Boston"),
    ("Brownsville", "Harlingen"),
    ("Buffalo", "Buffalo"),
    ("Charlotte", "Atlanta"),
    ("Chicago", "Chicago"),
    ("Cincinnati", "Detroit"),
    ("Cleveland", "Detroit"),
    ("Colorado Springs", "Denver"),
    ("Columbus", "Detroit"),
    ("Dallas", "Dallas"),
    ("Denver", "Denver"),
    ("Des Moines", "St. Paul"),
    ("Detroit", "Detroit"),
    ("El Paso", "El Paso"),
    ("Fort Worth", "Dallas"),
    ("Fresno", "San Francisco"),
    ("Grand Rapids", "Detroit"),
    ("Harlingen", "Harlingen"),
    ("Hartford", "Boston"),
    ("Honolulu", "San Francisco"),
    ("Houston", "Houston"),
    ("Indianapolis", "Chicago"),
    ("Jacksonville", "Miami"),
    ("Jersey City", "Newark"),
    ("Kansas City", "Chicago"),
    ("Las Vegas", "Salt Lake City"),
    ("Little Rock", "New Orleans"),
    ("Long Beach", "Los Angeles"),
    ("Los Angeles", "Los Angeles"),
    ("Louisville", "Chicago"),
    ("McAllen", "Harlingen"),
    ("Memphis", "New Orleans"),
    ("Miami", "Miami"),
    ("Milwaukee", "Chicago"),
    ("Minneapolis", "St. Paul"),
    ("Nashville", "New Orleans"),
    ("New Orleans", "New Orleans"),
    ("New York", "New York City"),
    ("Newark", "Newark"),
    ("Norfolk", "Washington"),
    ("Oakland", "San Francisco"),
    ("Oklahoma City", "Dallas"),
    ("Omaha", "St. Paul"),
    ("Orlando", "Miami"),
    ("Philadelphia", "Philadelphia"),
    ("Phoenix", "Phoenix"),
    ("Pittsburgh", "Philadelphia"),
    ("Portland", "Seattle"),
    ("Providence", "Boston"),
    ("Raleigh", "Atlanta"),
    ("Richmond", "Washington"),
    ("Riverside", "Los Angeles"),
    ("Rochester", "Buffalo"),
    ("Sacramento", "San Francisco"),
    ("Salt Lake City", "Salt Lake City"),
    ("San Antonio", "San Antonio"),
    ("San Bernardino", "Los Angeles"),
    ("San Diego", "San Diego"),
    ("San Francisco", "San Francisco"),
    ("San Jose", "San Francisco"),
    ("San Juan", "Miami"),
    ("Santa Ana", "Los Angeles"),
    ("Seattle", "Seattle"),
    ("St. Louis", "Chicago"),
    ("St. Paul", "St. Paul"),
    ("Tampa", "Miami"),
    ("Tucson", "Phoenix"),
    ("Tulsa", "Dallas"),
    ("Washington", "Washington"),
    ("Wichita", "Chicago"),
    ("Wilmington", "Philadelphia"),
];

/// The field office covering `city`, if the table has the city.
pub fn office_of(city: &str) -> Option<&'static str> {
    CITIES.iter().find(|(c, _)| *c == city).map(|(_, o)| *o)
}

/// City names, in table order.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    CITIES.iter().map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::ERO_FIELD_OFFICES;

    #[test]
    fn every_city_maps_to_a_field_office_and_appears_once() {
        assert!(CITIES.windows(2).all(|w| w[0].0 < w[1].0), "sorted and unique");
        for (city, office) in CITIES {
            assert!(ERO_FIELD_OFFICES.contains(office), "{city} → {office}");
        }
        // Every office's own city is in the table.
        for office in ERO_FIELD_OFFICES {
            let city = if office == "New York City" { "New York" } else { office };
            assert_eq!(office_of(city), Some(office));
        }
        assert_eq!(office_of("Charlotte"), Some("Atlanta"));
        assert_eq!(office_of("Gotham"), None);
    }
}
