//! `ponte check`: the link, translation and accessibility report over a build made in
//! memory. The checks that run during every build (the output guard, the link index) are
//! in [`crate::output`]; this module only reads what the build returns.
pub mod report;
pub mod terms;
