//! ponte: a static-site generator for multilingual, survivor-safe project websites.
//!
//! The pipeline, one module per stage: [`load`] → [`site`] (resolve) → [`markdown`] and
//! [`render`] → [`assets`] → [`output`], driven by [`build`].

// Diagnostics carry their source line so they can be reported anywhere; they travel only on
// the error path, where their size does not matter.
#![allow(clippy::result_large_err)]
pub mod assets;
pub mod build;
pub mod check;
pub mod config;
pub mod contacts;
pub mod diagnostic;
pub mod documents;
pub mod i18n;
pub mod init;
pub mod load;
pub mod markdown;
pub mod menu_config;
pub mod output;
pub mod output_folder;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod stats;
pub mod subpath;
pub mod theme;
pub mod translations;
