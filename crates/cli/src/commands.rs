//! One module per subcommand.
pub mod bench;
pub mod compare;
pub mod report;
pub mod run;
pub mod schema;
pub mod serve;
pub mod sweep;
pub mod validate;
