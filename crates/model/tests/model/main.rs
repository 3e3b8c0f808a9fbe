//! The pipeline model against theory, conservation and the direction of its mechanisms.

mod admission;
mod agency;
mod bookins;
mod checkins;
mod daily;
mod details;
mod documents;
mod erlang;
mod hooks;
mod leadership;
mod levers;
mod mechanisms;
mod nondetained;
mod occupancy;
mod oversight;
mod pathways;
mod pools;
mod refill;
mod regressions;
mod release;
mod surge;
mod transport;
mod variation;
mod workforce;
