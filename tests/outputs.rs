//! Outputs made from the whole rendered site (feeds, list pages, menus, `page.extra`),
//! through the real binary.
mod support;

use quick_xml::events::Event;
use quick_xml::Reader;
use support::SiteTest;

const LANGS: [&str; 6] = ["en", "it", "es", "fr", "el", "bg"];

/// One Atom document, as far as the tests look at it.
#[derive(Debug, Default)]
struct Feed {
    lang: String,
    title: String,
    id: String,
    updated: String,
    self_link: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Default, Clone)]
struct Entry {
    title: String,
    id: String,
    updated: String,
    link: String,
}

/// Parses `xml` as Atom 1.0 (failing on any XML error), keeping what the tests check.
fn parse_atom(xml: &str) -> Feed {
    let mut reader = Reader::from_str(xml);
    let mut feed = Feed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    loop {
        match reader.read_event().expect("the feed is well-formed XML") {
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let (e, empty) = match &ev {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    _ => unreachable!(),
                };
                let name = e.name().as_ref().to_string();
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                };
                if name == "feed" {
                    assert_eq!(
                        attr("xmlns").as_deref(),
                        Some("http://www.w3.org/2005/Atom")
                    );
                    feed.lang = attr("xml:lang").unwrap_or_default();
                }
                if name == "entry" {
                    entry = Some(Entry::default());
                }
                if name == "link" {
                    let rel = attr("rel").unwrap_or_else(|| "alternate".into());
                    let href = attr("href").expect("a link has an href");
                    match (&mut entry, rel.as_str()) {
                        (Some(en), "alternate") => en.link = href,
                        (None, "self") => feed.self_link = href,
                        _ => {}
                    }
                }
                if !empty {
                    stack.push(name);
                }
            }
            ev @ (Event::Text(_) | Event::GeneralRef(_)) => {
                let text = match &ev {
                    Event::Text(t) => t.xml10_content().into_owned(),
                    Event::GeneralRef(r) if r.is_char_ref() => {
                        r.resolve_char_ref().unwrap().unwrap().to_string()
                    }
                    Event::GeneralRef(r) => match r.as_ref() {
                        "amp" => "&".to_string(),
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "quot" => "\"".to_string(),
                        "apos" => "'".to_string(),
                        other => panic!("unknown entity &{other};"),
                    },
                    _ => unreachable!(),
                };
                let field = stack.last().map(String::as_str).unwrap_or("");
                let target = match &mut entry {
                    Some(en) => match field {
                        "title" => Some(&mut en.title),
                        "id" => Some(&mut en.id),
                        "updated" => Some(&mut en.updated),
                        _ => None,
                    },
                    None => match field {
                        "title" => Some(&mut feed.title),
                        "id" => Some(&mut feed.id),
                        "updated" => Some(&mut feed.updated),
                        _ => None,
                    },
                };
                if let Some(t) = target {
                    t.push_str(&text);
                }
            }
            Event::End(e) => {
                if e.name().as_ref() == "entry" {
                    feed.entries.extend(entry.take());
                }
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    feed
}

/// RFC 3339 date-time, as Atom's `updated` requires: `2021-07-01T00:00:00Z`.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
}

/// The `href` of the Atom `<link rel="alternate">` of a page.
fn feed_links(html: &str) -> Vec<String> {
    html.match_indices("<link rel=\"alternate\" type=\"application/atom+xml\"")
        .map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let href = tag.split("href=\"").nth(1).unwrap();
            href[..href.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The output file of a root-relative or absolute own address.
fn output_of(site: &SiteTest, base: &str, url: &str) -> std::path::PathBuf {
    let path = url.strip_prefix(base).unwrap_or(url);
    let rel = path.trim_start_matches('/');
    if rel.ends_with('/') || rel.is_empty() {
        site.public().join(rel).join("index.html")
    } else {
        site.public().join(rel)
    }
}

#[test]
fn every_language_home_links_an_atom_feed_whose_entries_exist() {
    let site = SiteTest::default_site();
    // A dated draft in the campaign: never in a feed.
    site.write(
        "content/campaign/draft-news.en.md",
        "+++\ntitle = \"Unfinished campaign news\"\ndate = 2030-01-01\ndraft = true\n+++\nNot yet.\n",
    );
    site.build().assert_ok();
    let base = "https://win-project.eu";
    for lang in LANGS {
        let home = site.output(&format!("{lang}/index.html"));
        let links = feed_links(&home);
        assert!(!links.is_empty(), "{lang}: the home page links no feed");
        // Every page of the language links the same feeds.
        let about = site.output(&format!("{lang}/404.html"));
        assert_eq!(feed_links(&about), links, "{lang}: the 404 page");
        for href in links {
            assert!(href.starts_with(&format!("/{lang}/")), "{href}");
            let xml = std::fs::read_to_string(output_of(&site, base, &href))
                .unwrap_or_else(|e| panic!("{lang}: {href}: {e}"));
            let feed = parse_atom(&xml);
            assert_eq!(feed.lang, lang);
            assert_eq!(feed.id, format!("{base}{href}"));
            assert_eq!(feed.self_link, feed.id);
            assert!(
                is_rfc3339(&feed.updated),
                "{lang}: updated {}",
                feed.updated
            );
            assert!(!feed.title.is_empty());
            assert!(
                feed.entries.len() >= 2,
                "{lang}: the campaign has two dated pages: {feed:?}"
            );
            for entry in &feed.entries {
                assert!(!entry.title.is_empty());
                assert_eq!(entry.id, entry.link);
                assert!(is_rfc3339(&entry.updated), "{}", entry.updated);
                assert!(
                    entry.link.starts_with(&format!("{base}/{lang}/")),
                    "{entry:?}"
                );
                let file = output_of(&site, base, &entry.link);
                assert!(file.exists(), "{lang}: {} leads nowhere", entry.link);
            }
            assert!(!xml.contains("Unfinished"), "a draft is in {href}");
        }
    }
    // The titles are the language's own.
    let en = parse_atom(&site.output("en/campaign/atom.xml"));
    let el = parse_atom(&site.output("el/evaisthitopoiisi/atom.xml"));
    assert_ne!(en.title, el.title);
    // Newest first.
    assert!(en.entries[0].updated >= en.entries[1].updated);
}

#[test]
fn a_feed_under_a_sub_path_has_the_sub_path_in_every_address() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/news/_index.en.md",
        "weight = 20",
        "weight = 20\nfeed = true",
    );
    site.run(&["build", "--base-url", "https://org.example/win/"])
        .assert_ok();
    let feed = parse_atom(&site.output("en/news/atom.xml"));
    assert_eq!(feed.id, "https://org.example/win/en/news/atom.xml");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].link,
        "https://org.example/win/en/news/first/"
    );
    // Only the English section asked for a feed.
    assert!(!site.public().join("it/news/atom.xml").exists());
}

#[test]
fn a_section_lists_its_pages_on_numbered_list_pages() {
    let site = SiteTest::default_site();
    site.edit(
        "content/campaign/_index.en.md",
        "weight = 70",
        "weight = 70\npaginate_by = 1",
    );
    site.build().assert_ok();
    let first = site.output("en/campaign/index.html");
    assert!(
        first.contains("rel=\"next\" href=\"/en/campaign/page/2/\""),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""));
    let second = site.output("en/campaign/page/2/index.html");
    assert!(second.contains("rel=\"prev\" href=\"/en/campaign/\""));
    assert!(second.contains("rel=\"next\" href=\"/en/campaign/page/3/\""));
    let last = site.output("en/campaign/page/4/index.html");
    assert!(last.contains("rel=\"prev\" href=\"/en/campaign/page/3/\""));
    assert!(!last.contains("rel=\"next\""));
    // Page 1 is the section's own address, never repeated; no page after the last.
    assert!(!site.public().join("en/campaign/page/1").exists());
    assert!(!site.public().join("en/campaign/page/5").exists());
    // Each page of the section is listed on exactly one list page.
    let lists: Vec<String> = (1..=4)
        .map(|n| match n {
            1 => first.clone(),
            n => site.output(&format!("en/campaign/page/{n}/index.html")),
        })
        .collect();
    for page in ["bulgaria-2021", "italy-2021", "spain-forum", "next-project"] {
        let listed = format!("<li><a href=\"/en/campaign/{page}/\">");
        let listing = |l: &String| {
            let from = l.find("class=\"listing\"").unwrap();
            l[from..from + l[from..].find("</section>").unwrap()].to_string()
        };
        let on = lists
            .iter()
            .filter(|l| listing(l).contains(&listed))
            .count();
        assert_eq!(on, 1, "{page}");
    }
    // Other languages did not ask for it.
    assert!(!site.public().join("it/sensibilizzazione/page/2").exists());
    // The link check sees the list pages: a link to one that does not exist is reported.
    site.edit(
        "content/campaign/_index.en.md",
        "## Why the campaign mattered",
        "[Older news](/en/campaign/page/9/)\n\n## Why the campaign mattered",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("/en/campaign/page/9/"),
        "{}",
        run.stderr
    );
}

#[test]
fn paginate_by_zero_is_an_error_at_its_line() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/news/_index.en.md",
        "weight = 20",
        "weight = 20\npaginate_by = 0",
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/news/_index.en.md:4:15"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("paginate_by = 0"), "{}", run.stderr);
}

const MENU: &str = "
[[menus.main]]
page = \"@/about/\"
weight = 20

[[menus.main.children]]
page = \"@/about/team.md\"
label = \"menu-team\"

[[menus.main]]
url = \"https://partners.example/\"
label = \"menu-partners\"
weight = 30

[[menus.main]]
page = \"@/news/first.md\"
weight = 10
";

#[test]
fn a_configured_menu_replaces_the_sections_in_every_language() {
    let site = SiteTest::fixture("basic");
    let config = site.read_source("ponte.toml");
    site.write("ponte.toml", format!("{config}{MENU}"));
    for (lang, team, partners) in [
        ("en", "Our team", "Partners"),
        ("it", "La squadra", "Partner"),
        ("el", "Η ομάδα", "Εταίροι"),
    ] {
        let file = format!("locales/{lang}/main.ftl");
        let text = site.read_source(&file);
        site.write(
            &file,
            format!("{text}menu-team = {team}\nmenu-partners = {partners}\n"),
        );
    }
    site.write(
        "themes/default/templates/base.html",
        "<!DOCTYPE html>\n<html lang=\"{{ lang }}\"><head><title>{{ page.title }}</title></head><body><nav><ul>{% for m in menu %}<li><a href=\"{{ m.path }}\"{% if m.active %} aria-current=\"true\"{% endif %}>{{ m.title }}</a>{% if m.children %}<ul>{% for c in m.children %}<li><a href=\"{{ c.path }}\">{{ c.title }}</a></li>{% endfor %}</ul>{% endif %}</li>{% endfor %}</ul></nav><h1>{{ page.title }}</h1>{% block content %}{% endblock content %}</body></html>\n",
    );
    site.build().assert_ok();
    let en = site.output("en/about/team/index.html");
    let nav = &en[en.find("<nav>").unwrap()..en.find("</nav>").unwrap()];
    // By weight: the news page (10), About with its child (20), the partners' site (30).
    let first = nav.find("/en/news/first/").expect("the news page");
    let about = nav
        .find("href=\"/en/about/\" aria-current=\"true\"")
        .expect(nav);
    let team = nav
        .find("<a href=\"/en/about/team/\">Our team</a>")
        .expect(nav);
    let partners = nav
        .find("<a href=\"https://partners.example/\">Partners</a>")
        .expect(nav);
    assert!(first < about && about < team && team < partners, "{nav}");
    // Italian labels, Italian addresses; a page missing in Greek leads to the English one.
    let it = site.output("it/index.html");
    assert!(
        it.contains("<a href=\"/it/chi-siamo/squadra/\">La squadra</a>"),
        "{it}"
    );
    assert!(it.contains(">Partner</a>"));
    let el = site.output("el/index.html");
    assert!(
        el.contains("<a href=\"/en/about/team/\">Η ομάδα</a>"),
        "{el}"
    );
}

#[test]
fn a_menu_entry_naming_a_missing_page_is_an_error_at_its_line() {
    let site = SiteTest::fixture("basic");
    let config = site.read_source("ponte.toml");
    let line = config.lines().count() + 3;
    site.write(
        "ponte.toml",
        format!("{config}\n[[menus.main]]\npage = \"@/about/history.md\"\n"),
    );
    let run = site.build();
    run.assert_code(1);
    assert!(
        run.stderr.contains(&format!("ponte.toml:{line}:8")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the menu names `@/about/history.md`, and there is no such page"),
        "{}",
        run.stderr
    );
}

#[test]
fn templates_see_extra_front_matter_as_page_extra() {
    let site = SiteTest::fixture("basic");
    site.edit(
        "content/about/team.en.md",
        "+++\n",
        "+++\ntemplate = \"people.html\"\n",
    );
    let text = site.read_source("content/about/team.en.md");
    let end = text[3..].find("+++").unwrap() + 3;
    site.write(
        "content/about/team.en.md",
        format!(
            "{}[extra]\ncolour = \"teal\"\npartners = [\"Bulgaria\", \"Italy\"]\n{}",
            &text[..end],
            &text[end..]
        ),
    );
    site.write(
        "templates/people.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"extra\">{{ page.extra.colour }}: {{ page.extra.partners | join(sep=\", \") }}</p>{% endblock content %}",
    );
    site.build().assert_ok();
    let team = site.output("en/about/team/index.html");
    assert!(
        team.contains("<p class=\"extra\">teal: Bulgaria, Italy</p>"),
        "{team}"
    );
}
