//! The WIN figures in the site's own `content/stats/` load without errors, and every label they
//! and the renderer use is translated in `locales/<lang>/stats.ftl` for every language.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::stats::{load, SourceFile, StatsConfig, RENDER_MESSAGES};

fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn real_files() -> Vec<SourceFile> {
    let dir = site_root().join("content/stats");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let relative = Path::new("content/stats").join(path.file_name().unwrap_or_default());
            SourceFile {
                path: relative,
                text,
            }
        })
        .collect()
}

#[test]
fn the_win_figures_load_without_errors() {
    let files = real_files();
    assert!(
        files.len() >= 8,
        "expected the WIN datasets, found {}",
        files.len()
    );
    let (datasets, diags) = load(&files, &StatsConfig::default());
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    for id in [
        "beneficiaries",
        "employment",
        "courses",
        "survey-midterm",
        "survey-midterm-goals",
        "survey-midterm-services",
        "survey-final",
        "survey-final-goals",
        "survey-final-services",
        "survey-recommend",
        "awareness-events",
    ] {
        assert!(datasets.get(id).is_some(), "dataset {id} is missing");
    }
    // Tiny cohorts: the default threshold must hide something, and say so.
    assert!(datasets.iter().any(|d| d.has_suppressed()));
    assert!(diags
        .iter()
        .any(|d| !d.is_error() && d.message.contains("hidden cell")));
}

#[test]
fn every_label_is_translated_in_every_language() {
    let (datasets, _) = load(&real_files(), &StatsConfig::default());
    let mut needed: BTreeSet<&str> = RENDER_MESSAGES.iter().copied().collect();
    for ds in datasets.iter() {
        needed.extend(ds.message_ids());
    }
    for lang in ["en", "it", "es", "fr", "el"] {
        let path = site_root().join("locales").join(lang).join("stats.ftl");
        let mut text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // The renderer's own labels are the theme's interface strings.
        let theme = site_root()
            .join("themes/default/locales")
            .join(lang)
            .join("theme.ftl");
        text +=
            &std::fs::read_to_string(&theme).unwrap_or_else(|e| panic!("{}: {e}", theme.display()));
        let defined: BTreeSet<&str> = text
            .lines()
            .filter(|l| l.starts_with("stats-"))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim()))
            .collect();
        let missing: Vec<&&str> = needed.iter().filter(|id| !defined.contains(**id)).collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
        // A label may have a short form, `ID-short`, used in charts and table headers.
        let unused: Vec<&&str> = defined
            .iter()
            .filter(|id| {
                let base = id.strip_suffix("-short").unwrap_or(id);
                !needed.contains(**id) && !needed.contains(base)
            })
            .collect();
        assert!(unused.is_empty(), "{lang}: unused {unused:?}");
    }
}

#[test]
fn no_panic_on_cut_or_garbled_files() {
    for file in real_files() {
        let text = &file.text;
        let cuts = (0..text.len())
            .step_by(23)
            .filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            let mut broken = text[..cut].to_string();
            // Also swap digits and quotes around the cut, to reach type and range errors.
            broken.push_str(&text[cut..].replacen('1', "-1", 1).replacen('"', "", 1));
            let files = [SourceFile {
                path: file.path.clone(),
                text: broken,
            }];
            let (_, diags) = load(&files, &StatsConfig::default());
            for d in &diags {
                let _ = d.to_string();
            }
        }
    }
}
