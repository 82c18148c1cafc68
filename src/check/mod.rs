//! Checks on what the build wrote: the output guard that runs during every build, and the
//! link, translation and accessibility report of `ponte check`.
pub mod guard;
pub mod html;
