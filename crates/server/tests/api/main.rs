//! The API, driven through the router without a socket (`server::app`): one file per
//! behaviour. Runs here are small (a few days, no warm-up) so the whole binary takes seconds.

mod assets;
mod common;
mod errors;
mod events;
mod limits;
mod openapi;
mod persist;
mod runs;
mod scenarios;
