//! Statistics collected while a model runs, and summaries across replications.
//!
//! A run records raw observations cheaply and aggregates later, so each collector here is a
//! small value type with no allocation on its hot path:
//!
//! - [`Tally`]: mean, variance, min and max of observations such as waiting times, without
//!   storing them (Welford's update, mergeable across threads or replications).
//! - [`TimeWeighted`]: the time-average of a level that changes at events, such as queue
//!   length, busy servers or beds occupied. Restart it with [`TimeWeighted::reset`] at the end
//!   of a warm-up period.
//! - [`DailyCounter`]: totals per simulated day (arrivals, decisions, removals) for time series.
//! - [`QuantileSketch`]: percentiles of positive durations (median wait, 90th percentile) to a
//!   stated relative accuracy, in memory bounded by the range of values rather than their count.
//! - [`Summary`]: mean and Student-t confidence interval of one output across independent
//!   replications, which is how a result should be reported.
//!
//! None of these collectors knows what its numbers mean; units are whatever the caller feeds
//! in, and each type says how that unit carries through to its outputs.

mod daily;
mod level;
mod sketch;
mod summary;
mod tally;

pub use daily::DailyCounter;
pub use level::TimeWeighted;
pub use sketch::{QuantileSketch, SketchError};
pub use summary::{Summary, student_t_quantile};
pub use tally::Tally;
