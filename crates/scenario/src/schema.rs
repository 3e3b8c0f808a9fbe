//! JSON Schema (draft 2020-12) of the scenario format, for editors (e.g. Taplo, or VS
//! Code's "Even Better TOML") and for tools that check a file before running it.
//!
//! The schema is generated from the [`crate::spec`] types themselves: serde tells every
//! derived struct's field names to the deserializer it is given, so a probing deserializer
//! walks the types and learns each table's keys, which are optional, and each value's
//! shape. A key added to a spec type appears in the schema without touching this file.
//! What types cannot say (meanings, the evidence rule, vocabularies) is added here.
//!
//! The schema checks structure: keys, types, the shape of sourced numbers and schedules.
//! The loader checks the rest (domains, ranges, mixes, dates, office names) and remains
//! the authority: a file the schema accepts may still be refused, with a located message.
//!
//! ```
//! let s = scenario::schema::json_schema();
//! assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert!(s["properties"]["ero"].is_object());
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value, json};

use crate::names::{ERO_FIELD_OFFICES, INTERVENTION_KINDS};
use crate::spec::ScenarioSpec;

/// What each top-level key holds (types cannot carry prose).
pub const TOP_LEVEL_DOCS: [(&str, &str); 12] = [
    (
        "scenario",
        "Run settings (plain values): name, description, extends, start (YYYY-MM-DD), days, warmup_days, replications, seed, known_on (a forecast's knowledge date).",
    ),
    ("ero", "ICE ERO's workforce and how it works (model::EroWorkforce)."),
    ("channels", "How each arrest channel behaves, and arrest targets (model::Channels)."),
    ("cases", "Who is arrested: category, nationality group and track mixes (model::CaseMix)."),
    ("detention", "Detention admission and release rules (model::Detention)."),
    ("courts", "The EOIR detained docket (model::Courts)."),
    ("removal", "Travel documents and transport (model::Removal)."),
    ("costs", "Unit costs in US dollars (model::Costs)."),
    (
        "offices",
        "One entry per ERO field office (area of responsibility), merged by name under `extends`.",
    ),
    ("sectors", "One entry per Border Patrol sector, merged by name under `extends`."),
    (
        "appropriations",
        "Money available to the cost lines, with its period; merged by name under `extends`.",
    ),
    ("interventions", "Dated changes, applied in date order; appended under `extends`."),
];

/// The JSON Schema of a scenario file (as TOML maps onto JSON).
pub fn json_schema() -> Value {
    let root = shape_of::<ScenarioSpec>();
    let mut defs = Defs::default();
    let mut schema = match defs.schema(&root) {
        Value::Object(m) => m,
        other => Map::from_iter([("allOf".to_owned(), json!([other]))]),
    };
    // The root is inlined, not a $ref: editors show its keys directly.
    if let Some(Value::String(r)) = schema.get("$ref").cloned() {
        let name = r.trim_start_matches("#/$defs/").to_owned();
        if let Some(Value::Object(m)) = defs.defs.remove(&name) {
            schema = m;
        }
    }
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        for (key, doc) in TOP_LEVEL_DOCS {
            if let Some(Value::Object(p)) = props.get_mut(key) {
                p.insert("description".into(), json!(doc));
            }
        }
    }
    enrich(&mut defs.defs);
    let mut out = Map::new();
    out.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    out.insert("title".into(), json!("caseload scenario"));
    out.insert(
        "description".into(),
        json!(
            "A caseload scenario file (TOML). Every model number carries its evidence: \
             { value, source, as_of } or { value, assumption = true, range }. \
             See docs/scenario-format.md."
        ),
    );
    out.extend(schema);
    out.insert("$defs".into(), Value::Object(defs.defs.into_iter().collect()));
    Value::Object(out)
}

/// Vocabularies and rules types cannot express, added to the generated definitions.
fn enrich(defs: &mut BTreeMap<String, Value>) {
    let set = |defs: &mut BTreeMap<String, Value>, def: &str, key: &str, extra: Value| {
        if let Some(p) = defs.get_mut(def).and_then(|d| d["properties"].get_mut(key))
            && let (Value::Object(p), Value::Object(extra)) = (p, extra)
        {
            p.extend(extra);
        }
    };
    set(defs, "Office", "name", json!({ "enum": ERO_FIELD_OFFICES }));
    // Meanings and units of the declared keys, from their one declaration.
    for f in crate::fields::all() {
        let def = f.spec.trim_end_matches("Spec");
        let text = format!("{} Unit: {}.", f.doc, f.unit);
        set(defs, def, f.key, json!({ "description": text }));
    }
    set(defs, "Intervention", "kind", json!({ "enum": INTERVENTION_KINDS }));
    for def in ["Number", "Numbers"] {
        if let Some(Value::Object(d)) = defs.get_mut(def) {
            d.insert(
                "description".into(),
                json!("A number with its evidence: a citation (`source` and `as_of`) or an assumption (`assumption = true` and `range`)."),
            );
            d.insert(
                "anyOf".into(),
                json!([
                    { "required": ["source", "as_of"] },
                    { "required": ["assumption", "range"], "properties": { "assumption": { "const": true } } }
                ]),
            );
        }
    }
    if let Some(Value::Object(d)) = defs.get_mut("Schedule") {
        d.insert(
            "description".into(),
            json!("A value that changes on dates: a constant `value`, or `steps` of { from = \"YYYY-MM-DD\", value }; evidence as for a number, on the table or on each step."),
        );
        d.insert("oneOf".into(), json!([{ "required": ["value"] }, { "required": ["steps"] }]));
    }
    allow_unset(defs);
    let date = json!({ "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" });
    for def in ["Number", "Numbers", "Schedule", "Step"] {
        set(defs, def, "as_of", date.clone());
    }
    set(defs, "Step", "announced", date.clone());
}

/// Every evidence-bearing leaf may instead be `{ unset = true, note }`: in a file that
/// `extends` another, it removes the parent's key (see [`crate::tree`]).
fn allow_unset(defs: &mut BTreeMap<String, Value>) {
    let unset = json!({ "required": ["unset"], "propertyNames": { "enum": ["unset", "note"] } });
    for def in ["Number", "Numbers", "Schedule", "Schedule2"] {
        let Some(Value::Object(d)) = defs.get_mut(def) else { continue };
        if let Some(Value::Object(p)) = d.get_mut("properties") {
            p.insert(
                "unset".into(),
                json!({ "const": true, "description": "remove the extended scenario's key (back to its absent default)" }),
            );
        }
        let mut set = Map::new();
        for key in ["required", "anyOf", "oneOf"] {
            if let Some(v) = d.remove(key) {
                set.insert(key.into(), v);
            }
        }
        d.insert("oneOf".into(), json!([Value::Object(set), unset.clone()]));
    }
}

/// The shape of a spec type, as serde reveals it.
#[derive(Clone, Debug, PartialEq)]
enum Shape {
    Struct(&'static str, Vec<(&'static str, Shape)>),
    Option(Box<Shape>),
    Seq(Box<Shape>),
    Map(Box<Shape>),
    Bool,
    Float,
    Unsigned,
    Signed,
    Str,
    /// A hand-written `Deserialize` that takes several shapes (a range item).
    Any,
}

/// One step from a value into a part of it.
#[derive(Clone, Copy, Debug)]
enum Step {
    Field(&'static str),
    Some,
    Elem,
    Value,
}

/// What a probe found at the end of its path (the shape's children left empty).
#[derive(Debug)]
enum Found {
    Shape(Shape),
    Other(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Shape(s) => write!(f, "found {s:?}"),
            Found::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Found {}

impl de::Error for Found {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Found::Other(msg.to_string())
    }
}

/// The full shape of `T`, one probe per node.
fn shape_of<T: DeserializeOwned>() -> Shape {
    fn explore<T: DeserializeOwned>(path: &mut Vec<Step>) -> Shape {
        let node = match T::deserialize(Probe { path, depth: 0 }) {
            Err(Found::Shape(s)) => s,
            _ => Shape::Any,
        };
        if path.len() > 16 {
            return Shape::Any;
        }
        let mut child = |step: Step| {
            path.push(step);
            let s = explore::<T>(path);
            path.pop();
            Box::new(s)
        };
        match node {
            Shape::Struct(name, fields) => Shape::Struct(
                name,
                fields.into_iter().map(|(f, _)| (f, *child(Step::Field(f)))).collect(),
            ),
            Shape::Option(_) => Shape::Option(child(Step::Some)),
            Shape::Seq(_) => Shape::Seq(child(Step::Elem)),
            Shape::Map(_) => Shape::Map(child(Step::Value)),
            leaf => leaf,
        }
    }
    explore::<T>(&mut Vec::new())
}

/// `toml::Spanned`'s serde protocol: a struct of this name with a start, an end and the
/// value. The probe looks through it.
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPANNED_START: &str = "$__serde_spanned_private_start";
const SPANNED_END: &str = "$__serde_spanned_private_end";
const SPANNED_VALUE: &str = "$__serde_spanned_private_value";

/// A deserializer that follows `path` into a type and reports the shape it meets there.
struct Probe<'p> {
    path: &'p [Step],
    depth: usize,
}

impl Probe<'_> {
    fn step(&self) -> Option<Step> {
        self.path.get(self.depth).copied()
    }
    fn deeper(&self) -> Probe<'_> {
        Probe { path: self.path, depth: self.depth + 1 }
    }
    fn found<T>(&self, s: Shape) -> Result<T, Found> {
        match self.step() {
            None => Err(Found::Shape(s)),
            Some(step) => Err(Found::Other(format!("cannot take {step:?} of {s:?}"))),
        }
    }
}

macro_rules! leaves {
    ($($method:ident => $shape:expr,)*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Found> {
            self.found($shape)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = Found;

    leaves! {
        deserialize_any => Shape::Any,
        deserialize_bool => Shape::Bool,
        deserialize_f32 => Shape::Float,
        deserialize_f64 => Shape::Float,
        deserialize_u8 => Shape::Unsigned,
        deserialize_u16 => Shape::Unsigned,
        deserialize_u32 => Shape::Unsigned,
        deserialize_u64 => Shape::Unsigned,
        deserialize_i8 => Shape::Signed,
        deserialize_i16 => Shape::Signed,
        deserialize_i32 => Shape::Signed,
        deserialize_i64 => Shape::Signed,
        deserialize_char => Shape::Str,
        deserialize_str => Shape::Str,
        deserialize_string => Shape::Str,
        deserialize_bytes => Shape::Any,
        deserialize_byte_buf => Shape::Any,
        deserialize_unit => Shape::Any,
        deserialize_identifier => Shape::Str,
        deserialize_ignored_any => Shape::Any,
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Found> {
        match self.step() {
            Some(Step::Some) => v.visit_some(self.deeper()),
            _ => self.found(Shape::Option(Box::new(Shape::Any))),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Found> {
        match self.step() {
            Some(Step::Elem) => v.visit_seq(One(Some(self.deeper()))),
            _ => self.found(Shape::Seq(Box::new(Shape::Any))),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Found> {
        match self.step() {
            Some(Step::Value) => v.visit_map(Entries::new(vec![("key", self.deeper())])),
            _ => self.found(Shape::Map(Box::new(Shape::Any))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Found> {
        if name == SPANNED {
            return v.visit_map(Spanned::new(self));
        }
        match self.step() {
            Some(Step::Field(f)) => v.visit_map(Entries::new(vec![(f, self.deeper())])),
            _ => self.found(Shape::Struct(name, fields.iter().map(|f| (*f, Shape::Any)).collect())),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Found> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Found> {
        self.found(Shape::Any)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Found> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Found> {
        self.deserialize_seq(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Found> {
        self.found(Shape::Str)
    }
}

/// A sequence of one element (the probe).
struct One<'p>(Option<Probe<'p>>);

impl<'de> SeqAccess<'de> for One<'_> {
    type Error = Found;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Found> {
        self.0.take().map(|p| seed.deserialize(p)).transpose()
    }
}

/// A map with the given keys, each value a probe.
struct Entries<'p> {
    entries: std::vec::IntoIter<(&'static str, Probe<'p>)>,
    next: Option<Probe<'p>>,
}

impl<'p> Entries<'p> {
    fn new(entries: Vec<(&'static str, Probe<'p>)>) -> Entries<'p> {
        Entries { entries: entries.into_iter(), next: None }
    }
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Found;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Found> {
        let Some((k, probe)) = self.entries.next() else { return Ok(None) };
        self.next = Some(probe);
        seed.deserialize(Key(k)).map(Some)
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Found> {
        match self.next.take() {
            Some(p) => seed.deserialize(p),
            None => Err(Found::Other("value without key".into())),
        }
    }
}

/// `Spanned`'s three entries: start, end, then the value (the probe or a key).
struct Spanned<D> {
    value: Option<D>,
    served: usize,
}

impl<D> Spanned<D> {
    fn new(value: D) -> Spanned<D> {
        Spanned { value: Some(value), served: 0 }
    }
}

impl<'de, D: de::Deserializer<'de, Error = Found>> MapAccess<'de> for Spanned<D> {
    type Error = Found;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Found> {
        let key = [SPANNED_START, SPANNED_END, SPANNED_VALUE].get(self.served).copied();
        self.served += 1;
        key.map(|k| seed.deserialize(Key(k))).transpose()
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Found> {
        if self.served < 3 {
            return seed.deserialize(IntoDeserializer::<Found>::into_deserializer(0u64));
        }
        match self.value.take() {
            Some(d) => seed.deserialize(d),
            None => Err(Found::Other("value served twice".into())),
        }
    }
}

/// A map key: a field name or an example map key, also readable as a `Spanned<String>`.
struct Key(&'static str);

impl<'de> de::Deserializer<'de> for Key {
    type Error = Found;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Found> {
        v.visit_borrowed_str(self.0)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Found> {
        if name == SPANNED {
            return v.visit_map(Spanned::new(self));
        }
        v.visit_borrowed_str(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// JSON Schema definitions, one per struct (named after it), deduplicated.
#[derive(Default)]
struct Defs {
    defs: BTreeMap<String, Value>,
}

impl Defs {
    fn schema(&mut self, s: &Shape) -> Value {
        match s {
            Shape::Option(inner) => self.schema(inner),
            Shape::Seq(inner) => json!({ "type": "array", "items": self.schema(inner) }),
            Shape::Map(inner) => {
                json!({ "type": "object", "additionalProperties": self.schema(inner) })
            }
            Shape::Bool => json!({ "type": "boolean" }),
            Shape::Float => json!({ "type": "number" }),
            Shape::Unsigned => json!({ "type": "integer", "minimum": 0 }),
            Shape::Signed => json!({ "type": "integer" }),
            Shape::Str => json!({ "type": "string" }),
            Shape::Any => json!({
                "description": "a number, or a [lo, hi] pair",
                "anyOf": [
                    { "type": "number" },
                    { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 }
                ]
            }),
            Shape::Struct(name, fields) => {
                let mut props = Map::new();
                let mut required = Vec::new();
                for (f, shape) in fields {
                    props.insert((*f).to_owned(), self.schema(shape));
                    if !matches!(shape, Shape::Option(_)) {
                        required.push(*f);
                    }
                }
                let mut body = json!({
                    "type": "object",
                    "properties": props,
                    "additionalProperties": false,
                });
                if !required.is_empty() {
                    body["required"] = json!(required);
                }
                let name = def_name(name, fields);
                self.define(name, body)
            }
        }
    }

    /// Adds `body` under `name` (or a numbered variant of it, if `name` is taken by a
    /// different body) and returns a `$ref` to it.
    fn define(&mut self, name: String, body: Value) -> Value {
        let mut n = 1;
        loop {
            let key = if n == 1 { name.clone() } else { format!("{name}{n}") };
            match self.defs.get(&key) {
                Some(existing) if *existing != body => n += 1,
                Some(_) => return json!({ "$ref": format!("#/$defs/{key}") }),
                None => {
                    self.defs.insert(key.clone(), body);
                    return json!({ "$ref": format!("#/$defs/{key}") });
                }
            }
        }
    }
}

/// Definition names: the spec type's name without `Spec`; sourced numbers are `Number`
/// or `Numbers` by their value.
fn def_name(name: &str, fields: &[(&'static str, Shape)]) -> String {
    match name {
        "Sourced" => {
            let array = fields.iter().any(|(f, s)| *f == "value" && matches!(s, Shape::Seq(_)));
            if array { "Numbers" } else { "Number" }.to_owned()
        }
        "ScenarioSpec" => "Scenario".to_owned(),
        "RunSpec" => "Run".to_owned(),
        "InterventionSpec" => "Intervention".to_owned(),
        other => other.strip_suffix("Spec").unwrap_or(other).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_keys_come_from_the_spec_and_are_described() {
        let s = json_schema();
        let props = s["properties"].as_object().unwrap();
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut spec = ScenarioSpec::KEYS.to_vec();
        spec.sort_unstable();
        let mut keys = keys.clone();
        keys.sort_unstable();
        assert_eq!(keys, spec);
        for (k, p) in props {
            assert!(p["description"].as_str().is_some_and(|d| !d.is_empty()), "{k} undescribed");
        }
        assert_eq!(s["additionalProperties"], false);
    }

    #[test]
    fn numbers_schedules_and_steps_have_their_shapes() {
        let s = json_schema();
        let d = &s["$defs"];
        assert_eq!(d["Number"]["properties"]["value"]["type"], "number");
        assert_eq!(d["Numbers"]["properties"]["value"]["type"], "array");
        assert_eq!(d["Number"]["oneOf"][0]["required"], json!(["value"]));
        assert_eq!(d["Schedule"]["oneOf"][1]["required"], json!(["unset"]));
        assert_eq!(d["Step"]["required"], json!(["from", "value"]));
        assert_eq!(d["Run"]["properties"]["days"]["type"], "integer");
        assert_eq!(d["Ero"]["properties"]["availability"]["$ref"], "#/$defs/Number");
        assert_eq!(d["Office"]["properties"]["officers"]["$ref"], "#/$defs/Schedule");
        assert_eq!(s["properties"]["offices"]["items"]["$ref"], "#/$defs/Office");
        let weights = &d["Channels"]["properties"]["target_weights"];
        assert_eq!(weights["additionalProperties"]["$ref"], "#/$defs/Number");
    }
}
