//! `GET /api/runs/{id}/events`: the run's log as Server-Sent Events, from the first event
//! (or after `Last-Event-ID`), then live until the `end` event, after which the stream
//! closes. Each event's `id` is its index in the log.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::watch;

use crate::AppState;
use crate::error::ApiError;
use crate::runs::{Event, Run};

struct Follow {
    run: Arc<Run>,
    next: usize,
    pending: VecDeque<(usize, Event)>,
    rx: watch::Receiver<u64>,
    closed: bool,
}

/// Streams a run's events.
pub async fn events(
    State(s): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let run = s.runs().get(&id)?;
    let next = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(0, |last| last + 1);
    let rx = run.subscribe();
    let state = Follow { run, next, pending: VecDeque::new(), rx, closed: false };
    let stream = futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some((i, ev)) = st.pending.pop_front() {
                let sse =
                    SseEvent::default().event(ev.kind.name()).id(i.to_string()).data(&*ev.data);
                return Some((Ok(sse), st));
            }
            if st.closed {
                return None;
            }
            st.rx.borrow_and_update();
            let (events, over) = st.run.events_from(st.next);
            let first = st.next;
            st.next += events.len();
            st.pending.extend(events.into_iter().enumerate().map(|(k, e)| (first + k, e)));
            if over {
                // Every event is in the log once the run is over: send the rest, then close.
                st.closed = true;
            } else if st.pending.is_empty() && st.rx.changed().await.is_err() {
                return None;
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
