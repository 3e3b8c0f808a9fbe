//! The events of a run's stream (`GET /api/runs/{id}/events`, Server-Sent Events). Each
//! has a name (the SSE `event:` field) and a JSON body; `docs/server.md` lists them.

use std::sync::Arc;

use serde::Serialize;

use super::Phase;

/// Event names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// First: the run's scenario, replications, seed and the stream's layout (dates,
    /// offices, the names of the values in each `day`).
    Meta,
    /// The phase changed: `{"state": "running"}`.
    Status,
    /// A replication finished: `{"replications_done": 3, "replications": 10}`.
    Progress,
    /// One simulated day's national and per-office values (see `series::DayFrame`).
    Day,
    /// The headline measures, when the run is done.
    Summary,
    /// Last: `{"state": "done" | "failed" | "cancelled", "error"?: "…"}`; the stream
    /// closes after it.
    End,
}

impl EventKind {
    /// The SSE event name.
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Meta => "meta",
            EventKind::Status => "status",
            EventKind::Progress => "progress",
            EventKind::Day => "day",
            EventKind::Summary => "summary",
            EventKind::End => "end",
        }
    }

    /// The kind with this SSE name (reading a run's log back from the data directory).
    pub fn from_name(name: &str) -> Option<EventKind> {
        use EventKind::*;
        [Meta, Status, Progress, Day, Summary, End].into_iter().find(|k| k.name() == name)
    }
}

/// One event, its JSON shared by every stream that sends it.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its name.
    pub kind: EventKind,
    /// Its JSON body.
    pub data: Arc<str>,
}

impl Event {
    /// An event with a serialised body.
    pub fn json<T: Serialize + ?Sized>(kind: EventKind, body: &T) -> Event {
        let data = serde_json::to_string(body).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
        Event { kind, data: data.into() }
    }

    /// A `status` event.
    pub fn status(phase: Phase) -> Event {
        Event::json(EventKind::Status, &serde_json::json!({ "state": phase }))
    }

    /// A `progress` event.
    pub fn progress(done: u32, of: u32) -> Event {
        let body = serde_json::json!({ "replications_done": done, "replications": of });
        Event::json(EventKind::Progress, &body)
    }

    /// The `end` event.
    pub fn end(phase: Phase, error: Option<String>) -> Event {
        let mut body = serde_json::json!({ "state": phase });
        if let Some(e) = error {
            body["error"] = e.into();
        }
        Event::json(EventKind::End, &body)
    }
}
