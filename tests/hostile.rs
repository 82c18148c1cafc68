//! Hostile and mistaken input, through the real binary: a build never destroys a folder or a
//! file, and never publishes what is outside the site or what nobody asked to publish.
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{Run, SiteTest};

fn run_in(site: &SiteTest, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ponte"));
    command
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1");
    for (k, v) in env {
        command.env(k, v);
    }
    let output = command.output().unwrap();
    let root = site.root().display().to_string();
    Run {
        code: output.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&output.stderr).replace(&root, "ROOT"),
        stdout: String::from_utf8_lossy(&output.stdout).replace(&root, "ROOT"),
    }
}

fn out_arg(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

#[track_caller]
/// `text` in what ponte printed: `check` reports on standard output, `build` on standard error.
fn assert_has(run: &Run, text: &str) {
    assert!(
        run.stderr.contains(text) || run.stdout.contains(text),
        "expected `{text}` in:\n{}{}",
        run.stdout,
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Never destroy a folder or a file
// ---------------------------------------------------------------------------------------

#[test]
fn an_output_inside_the_sites_own_folders_is_refused_even_with_force() {
    let site = SiteTest::fixture("basic");
    site.write("templates-public/notes.txt", "mine");
    site.write("static/keep.txt", "mine");
    let before = SiteTest::tree(site.root());
    for dir in [
        "content",
        "content/.",
        "content/news",
        "locales",
        "themes",
        "themes/default",
        "themes/default/static",
        "templates-public",
        "static",
        "x/../content",
        "content/new-folder",
    ] {
        for force in [false, true] {
            let out = format!("{}/{dir}", site.root().display());
            let mut args = vec!["build", "--out", &out];
            if force {
                args.push("--force");
            }
            let run = site.run(&args);
            run.assert_code(1);
            assert_has(&run, "inside the site's own folder");
            assert_has(&run, "ponte: nothing was written");
        }
    }
    assert_eq!(before, SiteTest::tree(site.root()), "the site was changed");
    // Nor through a symbolic link to one of them.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(site.root().join("content"), site.root().join("pub")).unwrap();
        let run = site.run(&[
            "build",
            "--force",
            "--out",
            &out_arg(&site.root().join("pub")),
        ]);
        run.assert_code(1);
        assert_has(&run, "inside the site's own folder `content`");
        assert!(site.root().join("content/about/team.en.md").is_file());
    }
}

#[test]
fn a_file_is_never_turned_into_a_folder() {
    let site = SiteTest::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("thesis.docx"), "my thesis").unwrap();
    for target in [
        site.root().join("ponte.toml"),
        site.root().join("content/about/team.en.md"),
        outside.path().join("thesis.docx"),
    ] {
        let before = std::fs::read(&target).unwrap();
        let run = site.run(&["build", "--force", "--out", &out_arg(&target)]);
        run.assert_code(1);
        assert_has(&run, "is a file, not a folder");
        assert_eq!(std::fs::read(&target).unwrap(), before);
    }
    site.build().assert_ok();
}

#[test]
fn a_folder_of_the_users_files_is_replaced_only_with_force() {
    let site = SiteTest::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    let mine = outside.path().join("my-documents");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("thesis.docx"), "my thesis").unwrap();
    let run = site.run(&["build", "--out", &out_arg(&mine)]);
    run.assert_code(1);
    assert_has(&run, "already holds files that ponte did not make");
    assert_has(&run, "pass --force");
    assert_eq!(
        std::fs::read(mine.join("thesis.docx")).unwrap(),
        b"my thesis"
    );
    // Asked for explicitly: adopted, and from then on a folder ponte made.
    site.run(&["build", "--force", "--out", &out_arg(&mine)])
        .assert_ok();
    assert!(!mine.join("thesis.docx").exists());
    assert!(mine.join("en/index.html").is_file());
    site.run(&["build", "--out", &out_arg(&mine)]).assert_ok();
    // Never another site or a repository, even with --force.
    for marker in [".git/HEAD", "ponte.toml"] {
        let other = outside.path().join(format!("other-{}", marker.len()));
        std::fs::create_dir_all(other.join(marker).parent().unwrap()).unwrap();
        std::fs::write(other.join(marker), "x").unwrap();
        let run = site.run(&["build", "--force", "--out", &out_arg(&other)]);
        run.assert_code(1);
        assert_has(&run, "it looks like a site or a repository");
        assert!(other.join(marker).is_file());
    }
}

#[test]
fn ponte_replaces_its_own_output_and_accepts_an_empty_or_new_folder() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    assert!(site.public().join(".ponte-output").is_file());
    site.build().assert_ok();
    std::fs::create_dir(site.root().join("empty")).unwrap();
    site.run(&["build", "--out", &out_arg(&site.root().join("empty"))])
        .assert_ok();
    let new = site.root().join("sites/new/public");
    site.run(&["build", "--out", &out_arg(&new)]).assert_ok();
    assert!(new.join("en/index.html").is_file());
    // A stamp-less public/ (an old build, or files put there by hand) is not replaced.
    let old = site.root().join("old-public");
    std::fs::create_dir(&old).unwrap();
    std::fs::write(old.join("index.html"), "old").unwrap();
    let run = site.run(&["build", "--out", &out_arg(&old)]);
    run.assert_code(1);
    assert_has(&run, "delete it or pass --force");
    // Nothing beside the outputs but their lock files.
    let names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ponte-staging"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn an_output_inside_an_earlier_output_is_refused() {
    let site = SiteTest::fixture("basic");
    site.build().assert_ok();
    let run = site.run(&["build", "--out", &out_arg(&site.public().join("en"))]);
    run.assert_code(1);
    assert_has(&run, "which ponte made and replaces at every build");
    assert!(site.public().join("en/index.html").is_file());
}

#[test]
fn root_home_and_folders_holding_the_site_are_refused_even_with_force() {
    let site = SiteTest::fixture("basic");
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("notes.txt"), "mine").unwrap();
    let home_path = home.path().to_path_buf();
    for (out, why) in [
        (PathBuf::from("/"), "root of the file system"),
        (home_path.clone(), "home folder"),
        (home_path.join("."), "home folder"),
        (site.root().to_path_buf(), "contains the site itself"),
        (site.root().join(".."), "contains the site itself"),
        (site.root().join("content/.."), "contains the site itself"),
    ] {
        let run = run_in(
            &site,
            &["build", "--force", "--out", &out_arg(&out)],
            &[("HOME", &home_path)],
        );
        run.assert_code(1);
        assert_has(&run, why);
    }
    assert_eq!(
        std::fs::read(home.path().join("notes.txt")).unwrap(),
        b"mine"
    );
    assert!(site.root().join("ponte.toml").is_file());
}

#[test]
fn concurrent_builds_into_one_folder_cannot_corrupt_it() {
    let site = SiteTest::fixture("basic");
    for i in 0..300 {
        site.write(
            &format!("content/news/item-{i}.en.md"),
            format!("+++\ntitle = \"Item {i}\"\n+++\nText {i}.\n"),
        );
    }
    site.run(&["build", "--out", &out_arg(&site.root().join("reference"))])
        .assert_ok();
    let expected = SiteTest::tree(&site.root().join("reference"));
    let out = out_arg(&site.root().join("public"));
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_ponte"))
                .args(["build", "--out", &out, "--root"])
                .arg(site.root())
                .output_spawn()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let got = SiteTest::tree(&site.public());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(got == expected, "the output differs from a single build");
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ponte-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

trait SpawnQuiet {
    fn output_spawn(&mut self) -> std::process::Child;
}

impl SpawnQuiet for Command {
    fn output_spawn(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

#[test]
fn new_page_refuses_absolute_paths_and_dot_dot() {
    let site = SiteTest::fixture("basic");
    let target = std::env::temp_dir().join(format!("ponteabs{}", std::process::id()));
    let absolute = format!("{}/evil/page", target.display());
    for path in [
        absolute.as_str(),
        "/about/history",
        "../escape/page",
        "about/../../escape",
        "./about",
    ] {
        let run = site.run(&["new", "page", path]);
        run.assert_code(1);
        assert_has(&run, "leads outside the site's content/ folder");
    }
    assert!(!target.exists(), "a file was written outside the site");
    assert!(!site.root().join("escape").exists());
    assert!(!site.root().parent().unwrap().join("escape").exists());
    site.run(&["new", "page", "about/history"]).assert_ok();
    assert!(site.root().join("content/about/history.en.md").is_file());
}

// ---------------------------------------------------------------------------------------
// Never publish what is outside the site
// ---------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_stop_the_build_and_name_the_link() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "case 1234").unwrap();
    std::fs::create_dir(outside.path().join("etc")).unwrap();
    std::fs::write(outside.path().join("etc/passwd"), "root:x:0").unwrap();
    for (link, target) in [
        (
            "content/about/secret.txt",
            outside.path().join("secret.txt"),
        ),
        ("content/about/etc", outside.path().join("etc")),
        (
            "themes/default/static/passwd",
            outside.path().join("etc/passwd"),
        ),
        ("themes/default/static/all", outside.path().join("etc")),
        ("locales/en/extra.ftl", outside.path().join("secret.txt")),
        ("templates-public/passwd", outside.path().join("etc/passwd")),
        (
            "themes/default/templates/x.html",
            outside.path().join("secret.txt"),
        ),
    ] {
        let site = SiteTest::fixture("basic");
        std::fs::create_dir_all(site.root().join(link).parent().unwrap()).unwrap();
        symlink(&target, site.root().join(link)).unwrap();
        for command in ["build", "check"] {
            let run = site.run(&[command]);
            run.assert_code(1);
            assert_has(
                &run,
                &format!(
                    "error: `{link}` is a symbolic link to `{}`, outside the site",
                    std::fs::canonicalize(&target).unwrap().display()
                ),
            );
        }
        assert!(!site.public().exists());
    }
}

#[cfg(unix)]
#[test]
fn dangling_and_looping_links_are_reported_and_links_inside_the_site_work() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::fixture("basic");
    symlink("nowhere.jpg", site.root().join("content/about/gone.jpg")).unwrap();
    symlink("..", site.root().join("content/about/loop")).unwrap();
    let run = site.build();
    run.assert_code(1);
    assert_has(
        &run,
        "error: `content/about/gone.jpg` is a symbolic link to something that does not exist",
    );
    assert_has(
        &run,
        "error: `content/about/loop` is a symbolic link that loops back to `content`",
    );
    // A link that stays inside the site is followed.
    let site = SiteTest::fixture("basic");
    site.write("shared/team-photo.txt", "hello");
    symlink(
        site.root().join("shared/team-photo.txt"),
        site.root().join("content/about/notes.txt"),
    )
    .unwrap();
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners, [notes](notes.txt).",
    );
    site.build().assert_ok();
    assert_eq!(site.output("media/about/notes.txt"), "hello");
}

#[test]
fn a_document_file_outside_its_folder_is_refused() {
    for file in [
        "/etc/passwd",
        "../content/stats/beneficiaries.toml",
        "../ponte.toml",
        "sub/../../ponte.toml",
    ] {
        let site = SiteTest::default_site();
        site.write(
            "templates-public/leak.en.toml",
            format!("id = \"leak\"\ntitle = \"Leak\"\ndescription = \"x\"\nupdated = 2026-01-01\nfile = \"{file}\"\n"),
        );
        let run = site.build();
        run.assert_code(1);
        assert_has(
            &run,
            &format!("error: `file = \"{file}\"` names a path, not a file beside this metadata file\n  --> templates-public/leak.en.toml:5:8"),
        );
    }
}

#[test]
fn sass_imports_and_the_theme_stay_inside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("evil.scss"), "body { color: red; }").unwrap();
    let evil = outside.path().join("evil.scss");
    let site = SiteTest::fixture("basic");
    let relative = pathdiff(&evil, &site.root().join("themes/default/sass"));
    for import in [evil.display().to_string(), relative] {
        let site = SiteTest::fixture("basic");
        site.edit(
            "themes/default/sass/style.scss",
            "$ink",
            &format!("@import \"{import}\";\n$ink"),
        );
        let run = site.build();
        run.assert_code(1);
        assert_has(
            &run,
            "is outside the site; ponte reads no stylesheet from elsewhere",
        );
        assert_has(&run, "--> themes/default/sass/style.scss:1:");
    }
    for theme in ["../../x", "/etc", "..", "a/../../b"] {
        let site = SiteTest::fixture("basic");
        site.edit(
            "ponte.toml",
            "default_language = \"en\"",
            &format!("default_language = \"en\"\ntheme = \"{theme}\""),
        );
        let run = site.build();
        run.assert_code(1);
        assert_has(
            &run,
            &format!(
                "error: `{theme}` is not the name of a folder in themes/\n  --> ponte.toml:4:9"
            ),
        );
    }
}

/// `to` as a path relative to `from` (both absolute).
fn pathdiff(to: &Path, from: &Path) -> String {
    let ups = from.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(ups),
        to.to_str().unwrap().trim_start_matches('/')
    )
}

// ---------------------------------------------------------------------------------------
// Never publish what nobody asked to publish
// ---------------------------------------------------------------------------------------

#[test]
fn files_in_content_are_published_only_when_a_page_uses_them() {
    let site = SiteTest::fixture("basic");
    site.write("content/about/interview-notes.docx", "Name: A. Case 1234");
    site.write("content/about/team.en.md.txt", "Name: A. Case 1234");
    site.write("content/about/report.txt", "Annual report");
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners. Read [the report](report.txt#summary).",
    );
    let run = site.build();
    run.assert_ok();
    assert_has(
        &run,
        "warning: `content/about/interview-notes.docx` is not published: no page links to it or shows it\n  --> content/about/interview-notes.docx",
    );
    assert_has(
        &run,
        "warning: `content/about/team.en.md.txt` is not published",
    );
    let files = SiteTest::tree(&site.public());
    assert!(!files
        .keys()
        .any(|f| f.contains("interview") || f.contains("md.txt")));
    assert_eq!(site.output("media/about/report.txt"), "Annual report");
    assert!(site
        .output("en/about/team/index.html")
        .contains("<a href=\"/media/about/report.txt#summary\">the report</a>"));
    // `ponte check` names them too.
    let run = site.run(&["check"]);
    assert_has(
        &run,
        "`content/about/interview-notes.docx` is not published",
    );
}

#[test]
fn files_whose_metadata_ponte_cannot_remove_are_refused_with_a_way_out() {
    for (name, bytes, why, hint) in [
        (
            "scan.tiff",
            &b"II*\0\x08\0\0\0photographer GPS"[..],
            "keeps the camera's and author's data",
            "export the image again as JPEG or PNG",
        ),
        (
            "photo.HEIC",
            &b"\0\0\0\x18ftypheic"[..],
            "keeps the camera's and author's data",
            "export the image again as JPEG or PNG",
        ),
        (
            "minutes.docx",
            &b"PK\x03\x04"[..],
            "carries its authors' names",
            "export it as PDF",
        ),
        (
            "logo.svg",
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"[..],
            "contains code",
            "save it as plain or optimised SVG",
        ),
        (
            "data.bin",
            &b"\x01\x02"[..],
            "cannot tell whether a .bin file carries personal data",
            "put it in static/",
        ),
    ] {
        let site = SiteTest::fixture("basic");
        site.write(&format!("content/about/{name}"), bytes);
        site.edit(
            "content/about/team.en.md",
            "Five partners.",
            &format!("Five partners, [file]({name})."),
        );
        let run = site.build();
        run.assert_code(1);
        assert_has(&run, &format!("error: `content/about/{name}`: "));
        assert_has(&run, why);
        assert_has(&run, hint);
    }
}

/// A one-page PDF whose document information names its author and a file on her computer.
fn pdf_with_author() -> Vec<u8> {
    use lopdf::dictionary;
    let mut doc = lopdf::Document::with_version("1.5");
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
    });
    doc.objects.insert(
        pages,
        lopdf::Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    let info = doc.add_object(dictionary! {
        "Author" => lopdf::Object::string_literal("Ana Example"),
        "Creator" => lopdf::Object::string_literal("C:\\Users\\ana\\case-1234.docx"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("Ana Example"));
    bytes
}

#[test]
fn a_pdf_made_elsewhere_loses_its_author_in_the_documents_too() {
    let site = SiteTest::default_site();
    site.write("templates-public/partner-deck.en.pdf", pdf_with_author());
    site.write(
        "templates-public/partner-deck.en.toml",
        "id = \"partner-deck\"\ntitle = \"Slides\"\ndescription = \"A partner's slides.\"\nupdated = 2026-01-01\nfile = \"partner-deck.en.pdf\"\n",
    );
    site.build().assert_ok();
    let published = std::fs::read(site.public().join("en/documents/partner-deck.en.pdf")).unwrap();
    let text = String::from_utf8_lossy(&published);
    assert!(!text.contains("Ana Example") && !text.contains("case-1234"));
    assert_eq!(
        lopdf::Document::load_mem(&published)
            .unwrap()
            .get_pages()
            .len(),
        1
    );
}

#[test]
fn a_linked_pdf_loses_its_author() {
    let site = SiteTest::fixture("basic");
    let bytes = pdf_with_author();
    site.write("content/about/report.pdf", &bytes);
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners, [report](report.pdf).",
    );
    site.build().assert_ok();
    let published = std::fs::read(site.public().join("media/about/report.pdf")).unwrap();
    let text = String::from_utf8_lossy(&published);
    assert!(!text.contains("Ana Example") && !text.contains("case-1234"));
    assert!(lopdf::Document::load_mem(&published).is_ok());
}

#[test]
fn two_writers_of_one_output_file_are_an_error_naming_both() {
    for (alias, first, second) in [
        (
            "/robots-note.txt",
            "`content/news/first.en.md`",
            "`themes/default/static/robots-note.txt`",
        ),
        (
            "/",
            "`content/news/first.en.md`",
            "ponte's language chooser",
        ),
        (
            "/404.html",
            "`content/news/first.en.md`",
            "ponte's 404 page",
        ),
        (
            "/sitemap.xml",
            "`content/news/first.en.md`",
            "ponte's sitemap",
        ),
        (
            "/en/tags/",
            "the `tags` taxonomy",
            "`content/news/first.en.md`",
        ),
    ] {
        let site = SiteTest::fixture("basic");
        site.edit(
            "content/news/first.en.md",
            "aliases = [\"/old/first-event/\"]",
            &format!("aliases = [\"{alias}\"]"),
        );
        let run = site.build();
        run.assert_code(1);
        let path = if alias.ends_with('/') {
            format!("{alias}index.html")
        } else {
            alias.to_string()
        };
        assert_has(&run, &format!("two sources would publish `{path}`"));
        assert_has(&run, first);
        assert_has(&run, second);
        assert!(!site.public().exists());
    }
    // A page against a taxonomy.
    let site = SiteTest::fixture("basic");
    site.write("content/tags.en.md", "+++\ntitle = \"Tags\"\n+++\nMine.\n");
    let run = site.build();
    run.assert_code(1);
    assert_has(
        &run,
        "error: two sources would publish `/en/tags/index.html`: `content/tags.en.md` and the `tags` taxonomy\n  --> content/tags.en.md",
    );
    // A page over a static file, and a file where a page makes a folder.
    let site = SiteTest::fixture("basic");
    site.write("themes/default/static/en/news/index.html", "static");
    site.write("themes/default/static/it", "a file");
    let run = site.build();
    run.assert_code(1);
    assert_has(&run, "two sources would publish `/en/news/index.html`: `content/news/_index.en.md` and `themes/default/static/en/news/index.html`");
    assert_has(&run, "two sources would publish `/it`");
    // Names that differ only in case are one file on macOS and Windows.
    let site = SiteTest::fixture("basic");
    site.write("content/about/Notes.txt", "one");
    site.write("content/about/notes.txt", "two");
    site.edit(
        "content/about/team.en.md",
        "Five partners.",
        "Five partners, [one](Notes.txt), [two](notes.txt).",
    );
    let run = site.build();
    run.assert_code(1);
    assert_has(
        &run,
        "`content/about/Notes.txt` and `content/about/notes.txt`",
    );
    let site = SiteTest::fixture("basic");
    site.write("content/about/Team.en.md", "+++\ntitle = \"T\"\n+++\nT.\n");
    let run = site.build();
    run.assert_code(1);
    assert_has(&run, "two pages would be published at `/en/about/team/`");
}

#[test]
fn page_file_names_follow_the_slug_rules() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/news/a#b?c.en.md",
        "+++\ntitle = \"Odd\"\n+++\nText.\n",
    );
    site.write(
        "content/news/Our Team!.en.md",
        "+++\ntitle = \"Team\"\n+++\nText.\n",
    );
    site.build().assert_ok();
    assert!(site.public().join("en/news/a-b-c/index.html").is_file());
    assert!(site.public().join("en/news/our-team/index.html").is_file());
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/en/news/a-b-c/</loc>"));
    assert!(!sitemap.contains("a#b") && !sitemap.contains("b?c"));

    let site = SiteTest::fixture("basic");
    site.write(
        "content/news/???.en.md",
        "+++\ntitle = \"Odd\"\n+++\nText.\n",
    );
    let run = site.build();
    run.assert_code(1);
    assert_has(&run, "error: the name `???` has no letter or digit to make the page's address from\n  --> content/news/???.en.md");
    assert_has(&run, "set `slug = ");
    // With a slug it is fine.
    site.write(
        "content/news/???.en.md",
        "+++\ntitle = \"Odd\"\nslug = \"odd\"\n+++\nText.\n",
    );
    site.build().assert_ok();
    assert!(site.public().join("en/news/odd/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn file_names_with_control_characters_or_invalid_utf8_are_refused() {
    use std::os::unix::ffi::OsStrExt;
    for name in [
        &b"line\nbreak.en.md"[..],
        b"tab\there.en.md",
        b"esc\x1b[31m.en.md",
        b"bad\xff.en.md",
        b"photo\n.jpg",
    ] {
        let site = SiteTest::fixture("basic");
        let path = site
            .root()
            .join("content/news")
            .join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, "+++\ntitle = \"Odd\"\n+++\nText.\n").unwrap();
        let run = site.build();
        run.assert_code(1);
        assert_has(&run, "error: the file name `content/news/");
        assert_has(&run, "rename the file");
        assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    }
}

#[test]
fn links_that_run_code_or_open_local_files_are_refused_with_their_line() {
    for (link, scheme) in [
        ("[a](javascript:alert(1))", "javascript:"),
        ("[a](JavaScript:alert(1))", "javascript:"),
        ("[a](<java\tscript:alert(1)>)", "javascript:"),
        ("[a]( vbscript:msgbox)", "vbscript:"),
        ("[a](file:///etc/passwd)", "file:"),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ("![a](data:image/svg+xml;base64,PHN2Zz4=)", "data:"),
        ("[a][ref]\n\n[ref]: javascript:alert(1)", "javascript:"),
        ("<javascript:alert(1)>", "javascript:"),
        ("[a](&#106;avascript:alert(1))", "javascript:"),
    ] {
        let site = SiteTest::fixture("basic");
        site.edit(
            "content/about/team.en.md",
            "Five partners.",
            &format!("Five partners.\n\n{link}\n"),
        );
        let run = site.build();
        run.assert_code(1);
        assert_has(
            &run,
            &format!("error: a `{scheme}` link target\n  --> content/about/team.en.md:8:"),
        );
        assert!(!site.public().exists());
    }
}

#[test]
fn leaflets_and_forms_refuse_those_links_too() {
    let site = SiteTest::default_site();
    let leaflet = site.read_source("content/leaflets/employers.en.md");
    let end = leaflet.find("\n+++\n").unwrap() + 5;
    let line = leaflet[..end].lines().count() + 1;
    site.write(
        "content/leaflets/employers.en.md",
        format!(
            "{}[x](javascript:alert(1)) and [y](file:///etc/passwd)\n\n{}",
            &leaflet[..end],
            &leaflet[end..]
        ),
    );
    site.edit(
        "templates-public/pip.en.toml",
        "Use a code, never her name.",
        "Use a code, never her name. [Help](vbscript:x)",
    );
    let run = site.build();
    run.assert_code(1);
    assert_has(
        &run,
        &format!(
            "error: a `javascript:` link target\n  --> content/leaflets/employers.en.md:{line}:1"
        ),
    );
    assert_has(
        &run,
        &format!("error: a `file:` link target\n  --> content/leaflets/employers.en.md:{line}:"),
    );
    let pip = site.read_source("templates-public/pip.en.toml");
    let line = pip[..pip.find("[Help]").unwrap()].lines().count();
    assert_has(
        &run,
        &format!("error: a `vbscript:` link target\n  --> templates-public/pip.en.toml:{line}:"),
    );
}

#[test]
fn language_codes_differing_only_in_case_are_refused() {
    let site = SiteTest::fixture("basic");
    let config =
        site.read_source("ponte.toml") + "\n[[languages]]\ncode = \"EN\"\nname = \"English\"\n";
    site.write("ponte.toml", config);
    let run = site.build();
    run.assert_code(1);
    assert_has(
        &run,
        "error: language `EN` differs from `en` only in upper and lower case\n  --> ponte.toml:18:8",
    );
}

#[test]
fn the_default_site_builds_without_warnings_about_its_files() {
    let site = SiteTest::default_site();
    let run = site.build();
    run.assert_ok();
    assert!(!run.stderr.contains("is not published"), "{}", run.stderr);
    assert!(site.public().join(".ponte-output").is_file());
    site.build().assert_ok();
}

/// `ponte serve` reads the site the same way: a link out of the site is reported, and what it
/// points to is never served.
#[cfg(unix)]
#[test]
fn serve_does_not_serve_what_a_link_out_of_the_site_points_to() {
    use std::io::{BufRead, BufReader, Read, Write};
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "case 1234").unwrap();
    let site = SiteTest::fixture("basic");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("content/about/secret.txt"),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let child = Kill(child);
    let mut seen = String::new();
    let mut port = 0u16;
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap();
            break;
        }
    }
    assert!(port > 0, "ponte serve did not start:\n{seen}");
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut body = String::new();
        stream.read_to_string(&mut body).unwrap();
        body
    };
    for path in [
        "/media/about/secret.txt",
        "/about/secret.txt",
        "/content/about/secret.txt",
    ] {
        assert!(!get(path).contains("case 1234"), "{path} served the secret");
    }
    // The terminal names the link.
    while !seen.contains("outside the site") {
        let Some(line) = lines.next() else { break };
        seen.push_str(&line.unwrap());
        seen.push('\n');
    }
    assert!(
        seen.contains("error: `content/about/secret.txt` is a symbolic link to"),
        "{seen}"
    );
    drop(child);
}
