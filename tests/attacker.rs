//! An attacker with an integer program: it reads every published CSV of a built site, in every
//! language, plus the structure of the statistics files (which rows and columns add up, which
//! figures are the same people: the kind of knowledge a reader of the README has), sets up its
//! own integer program and asks, for every hidden figure, the smallest and largest value it can
//! have. No hidden figure may be narrowed to a range below `min_count`.
//!
//! It shares no code with ponte's own disclosure control: it parses the TOML and CSV itself and
//! builds its program from the published files only. It also checks that no note about a
//! hidden cell (its reason, "fewer than 5") reaches any published file.
mod support;

use std::collections::BTreeMap;
use std::path::Path;

use good_lp::{microlp, variable, Expression, ProblemVariables, Solution, SolverModel, Variable};
use support::SiteTest;

/// The structure of one statistics file, as the attacker reads it.
struct Table {
    id: String,
    exhaustive: bool,
    column_totals: bool,
    /// (group id, population of its totals)
    groups: Vec<(String, Option<String>)>,
    /// (category id, index of its `of`, population)
    categories: Vec<(String, Option<usize>, Option<String>)>,
    /// (row id, group index, sum_of row indexes)
    rows: Vec<(String, usize, Vec<usize>)>,
}

fn read_tables(root: &Path) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("content/stats"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let v: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        if v.get("sensitive").and_then(|s| s.as_bool()) == Some(false) {
            continue;
        }
        let text = |v: &toml::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(String::from);
        let population = v
            .get("population")
            .and_then(|p| p.as_str())
            .map(String::from);
        let list = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_array())
                .cloned()
                .unwrap_or_default()
        };
        let mut groups: Vec<(String, Option<String>)> = list("group")
            .iter()
            .map(|g| {
                (
                    text(g, "id").unwrap(),
                    text(g, "population").or(population.clone()),
                )
            })
            .collect();
        if groups.is_empty() {
            groups.push((String::new(), population.clone()));
        }
        let ids: Vec<String> = list("category")
            .iter()
            .map(|c| text(c, "id").unwrap())
            .collect();
        let categories = list("category")
            .iter()
            .map(|c| {
                let of = text(c, "of").map(|o| ids.iter().position(|i| *i == o).unwrap());
                (text(c, "id").unwrap(), of, text(c, "population"))
            })
            .collect();
        let raw_rows = list("row");
        let group_of = |r: &toml::Value| {
            text(r, "group").map_or(0, |g| groups.iter().position(|x| x.0 == g).unwrap())
        };
        let rows = raw_rows
            .iter()
            .map(|r| {
                let g = group_of(r);
                let sum_of = r
                    .get("sum_of")
                    .and_then(|s| s.as_array())
                    .map(|names| {
                        names
                            .iter()
                            .map(|n| {
                                raw_rows
                                    .iter()
                                    .position(|o| {
                                        group_of(o) == g && text(o, "id").as_deref() == n.as_str()
                                    })
                                    .unwrap()
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                (text(r, "id").unwrap(), g, sum_of)
            })
            .collect();
        tables.push(Table {
            id: text(&toml::Value::Table(v.clone()), "id").unwrap(),
            exhaustive: v
                .get("exhaustive")
                .and_then(|x| x.as_bool())
                .unwrap_or(false),
            column_totals: v
                .get("column_totals")
                .and_then(|x| x.as_bool())
                .unwrap_or(false),
            groups,
            categories,
            rows,
        });
    }
    tables
}

/// RFC 4180 fields of each line (the byte-order mark removed).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => line.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
            }
            (c, _) => field.push(c),
        }
    }
    lines
}

/// What one published cell says: a number, hidden, or nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Seen {
    Number(f64),
    Hidden,
    Empty,
}

fn seen(field: &str) -> Seen {
    match field.trim() {
        "" => Seen::Empty,
        f => f.parse().map_or(Seen::Hidden, Seen::Number),
    }
}

/// The attacker's program: figures (by key), what is known of each, and the relations.
#[derive(Default)]
struct Attack {
    keys: Vec<String>,
    index: BTreeMap<String, usize>,
    /// The published value of a figure, when any file shows it.
    known: Vec<Option<f64>>,
    /// Figures that no file gives ("no data") and none hides: not hidden, simply absent.
    absent: Vec<bool>,
    hidden_somewhere: Vec<bool>,
    /// (coefficients, equality): Σ c·x (= or ≤) 0.
    relations: Vec<(Vec<(usize, f64)>, bool)>,
}

impl Attack {
    fn figure(&mut self, key: String) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.keys.push(key.clone());
        self.known.push(None);
        self.absent.push(false);
        self.hidden_somewhere.push(false);
        self.index.insert(key, self.keys.len() - 1);
        self.keys.len() - 1
    }

    fn learn(&mut self, f: usize, value: Seen, file: &str) {
        match value {
            Seen::Empty => self.absent[f] = true,
            Seen::Hidden => self.hidden_somewhere[f] = true,
            Seen::Number(_) => {}
        }
        if let Seen::Number(v) = value {
            match self.known[f] {
                Some(old) => assert_eq!(
                    old, v,
                    "{file}: {} published as {old} and {v}",
                    self.keys[f]
                ),
                None => self.known[f] = Some(v),
            }
        }
    }

    /// Reads every CSV of every language and every statistics file's structure.
    fn read(root: &Path, public: &Path, languages: &[&str]) -> Attack {
        let mut attack = Attack::default();
        for table in read_tables(root) {
            let width = table.categories.len() + 1;
            // The figure of each published line and slot.
            let mut lines: Vec<Vec<usize>> = Vec::new();
            for (g, (_, population)) in table.groups.iter().enumerate() {
                let rows: Vec<usize> = (0..table.rows.len())
                    .filter(|&r| table.rows[r].1 == g)
                    .collect();
                for &r in &rows {
                    let id = &table.rows[r].0;
                    let mut line = Vec::new();
                    line.push(attack.figure(match population {
                        Some(p) => format!("{p}/{id}"),
                        None => format!("{}/{g}/{id}/total", table.id),
                    }));
                    for (c, (cid, _, cp)) in table.categories.iter().enumerate() {
                        let _ = c;
                        line.push(attack.figure(match cp {
                            Some(p) => format!("{p}/{id}"),
                            None => format!("{}/{g}/{id}/{cid}", table.id),
                        }));
                    }
                    lines.push(line);
                }
                if table.column_totals {
                    lines.push(
                        (0..width)
                            .map(|s| attack.figure(format!("{}/{g}/total-line/{s}", table.id)))
                            .collect(),
                    );
                }
            }
            for lang in languages {
                let file = format!("{lang}/stats/{}.csv", table.id);
                let text = std::fs::read_to_string(public.join(&file)).unwrap();
                let csv = parse_csv(&text);
                let skip = usize::from(table.groups.len() > 1 || !table.groups[0].0.is_empty());
                assert_eq!(csv.len() - 1, lines.len(), "{file}: lines");
                for (line, fields) in lines.iter().zip(&csv[1..]) {
                    let fields = &fields[skip + 1..];
                    attack.learn(line[0], seen(&fields[0]), &file);
                    for c in 0..width - 1 {
                        attack.learn(line[1 + c], seen(&fields[1 + 2 * c]), &file);
                        // A published percentage, rounded to one decimal, of its denominator.
                        if let Seen::Number(p) = seen(&fields[2 + 2 * c]) {
                            let den = match table.categories[c].1 {
                                Some(o) => line[1 + o],
                                None => line[0],
                            };
                            let n = line[1 + c];
                            attack
                                .relations
                                .push((vec![(n, 100.0), (den, -(p + 0.05))], false));
                            attack
                                .relations
                                .push((vec![(n, -100.0), (den, p - 0.05)], false));
                        }
                    }
                }
            }
            // Relations: exhaustive rows, total lines, sum_of, count ≤ total, count ≤ of.
            let line_of_row = |r: usize| {
                let mut k = 0;
                for (g, _) in table.groups.iter().enumerate() {
                    for rr in (0..table.rows.len()).filter(|&x| table.rows[x].1 == g) {
                        if rr == r {
                            return k;
                        }
                        k += 1;
                    }
                    k += usize::from(table.column_totals);
                }
                unreachable!()
            };
            for (r, (_, g, sum_of)) in table.rows.iter().enumerate() {
                let line = &lines[line_of_row(r)];
                if table.exhaustive {
                    let mut terms: Vec<(usize, f64)> =
                        line[1..].iter().map(|&f| (f, 1.0)).collect();
                    terms.push((line[0], -1.0));
                    attack.relations.push((terms, true));
                }
                for (c, (_, of, _)) in table.categories.iter().enumerate() {
                    attack
                        .relations
                        .push((vec![(line[1 + c], 1.0), (line[0], -1.0)], false));
                    if let Some(o) = of {
                        attack
                            .relations
                            .push((vec![(line[1 + c], 1.0), (line[1 + o], -1.0)], false));
                    }
                }
                if !sum_of.is_empty() {
                    for s in 0..width {
                        let mut terms: Vec<(usize, f64)> = sum_of
                            .iter()
                            .map(|&p| (lines[line_of_row(p)][s], 1.0))
                            .collect();
                        terms.push((line[s], -1.0));
                        attack.relations.push((terms, true));
                    }
                }
                let _ = g;
            }
            if table.column_totals {
                for g in 0..table.groups.len() {
                    let members: Vec<usize> = (0..table.rows.len())
                        .filter(|&r| table.rows[r].1 == g)
                        .collect();
                    let total_line = line_of_row(*members.last().unwrap()) + 1;
                    for (s, &total) in lines[total_line].iter().enumerate() {
                        let mut terms: Vec<(usize, f64)> = members
                            .iter()
                            .map(|&r| (lines[line_of_row(r)][s], 1.0))
                            .collect();
                        terms.push((total, -1.0));
                        attack.relations.push((terms, true));
                    }
                }
            }
        }
        for f in 0..attack.keys.len() {
            attack.absent[f] &= !attack.hidden_somewhere[f];
        }
        attack
    }

    /// The smallest and largest value of hidden figure `f` (`None` = unbounded above), with
    /// every hidden figure at least `low`; `None` when the program is infeasible.
    fn range(&self, f: usize, low: f64) -> Option<(f64, Option<f64>)> {
        let best = |maximise: bool| {
            let mut vars = ProblemVariables::new();
            let xs: Vec<Option<Variable>> = self
                .known
                .iter()
                .map(|k| {
                    k.is_none()
                        .then(|| vars.add(variable().integer().min(low).max(100_000.0)))
                })
                .collect();
            let linear = |terms: &[(usize, f64)]| {
                let mut e = Expression::with_capacity(terms.len());
                for &(g, c) in terms {
                    match (xs[g], self.known[g]) {
                        (Some(x), _) => e.add_mul(c, x),
                        (None, Some(v)) => e += c * v,
                        (None, None) => unreachable!(),
                    }
                }
                e
            };
            let objective = linear(&[(f, 1.0)]);
            let mut problem = if maximise {
                vars.maximise(objective.clone())
            } else {
                vars.minimise(objective.clone())
            }
            .using(microlp);
            for (terms, equal) in &self.relations {
                // Relations among published figures only tell the attacker nothing new; a
                // relation with an absent figure says nothing.
                if terms.iter().all(|(g, _)| xs[*g].is_none())
                    || terms.iter().any(|(g, _)| self.absent[*g])
                {
                    continue;
                }
                let e = linear(terms);
                problem = problem.with(if *equal { e.eq(0.0) } else { e.leq(0.0) });
            }
            problem.solve().map(|s| s.eval(&objective))
        };
        let min = best(false).ok()?;
        let max = best(true).ok()?;
        Some((min, (max < 50_000.0).then_some(max)))
    }

    /// Every hidden figure narrowed below `width`, as "key: [min, max]".
    fn narrowed(&self, width: f64) -> (usize, Vec<String>) {
        let mut hidden = 0;
        let mut found = Vec::new();
        for f in (0..self.keys.len()).filter(|&f| self.known[f].is_none() && !self.absent[f]) {
            hidden += 1;
            // Only non-negativity; then also "a hidden figure is not zero", which a reader who
            // knows that zeros are shown might assume.
            for low in [0.0, 1.0] {
                if let Some((min, Some(max))) = self.range(f, low) {
                    if max - min < width - 1e-6 {
                        found.push(format!("{} (at least {low}): [{min}, {max}]", self.keys[f]));
                    }
                }
            }
        }
        (hidden, found)
    }
}

/// No published file says why a particular cell is hidden.
fn assert_no_cell_notes(public: &Path) {
    for (path, bytes) in SiteTest::tree(public) {
        let text = String::from_utf8_lossy(&bytes);
        for note in [
            "hidden cell in row",
            "`[stats] min_count`",
            "would reveal a group",
            "`[stats] protection`",
        ] {
            assert!(
                !text.contains(note),
                "{path} contains the note text {note:?}"
            );
        }
    }
}

#[test]
fn the_default_site_gives_an_attacker_no_narrow_range() {
    let site = SiteTest::default_site();
    site.build().assert_ok();
    let attack = Attack::read(site.root(), &site.public(), &["en", "it", "es", "fr", "el"]);
    let (hidden, narrowed) = attack.narrowed(5.0);
    assert!(hidden > 10, "the WIN figures hide something: {hidden}");
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
    assert_no_cell_notes(&site.public());
}

/// Labels the adversarial tables use, in each language of the `stats` fixture.
const LABELS: &str = "\nstats-x-a = A\nstats-x-b = B\nstats-x-c = C\nstats-x-all = All\n";

fn header(id: &str, population: &str, extra: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"stats-t-title\"\nsource = \"stats-t-source\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-t-row\"\ntotal_label = \"stats-t-total\"\npopulation = \"{population}\"\n{extra}\n"
    )
}

fn category(id: &str, extra: &str) -> String {
    format!("\n[[category]]\nid = \"{id}\"\nlabel = \"stats-x-{id}\"\n{extra}")
}

fn row(id: &str, label: &str, total: u32, counts: &str, extra: &str) -> String {
    format!("\n[[row]]\nid = \"{id}\"\nlabel = \"{label}\"\ntotal = {total}\ncounts = {{ {counts} }}\n{extra}")
}

/// Adversarial tables, written here and not derived from ponte's rules: a sum and a difference
/// in two tables; three pairwise sums; a total pinned from below by a 100 % count and from above
/// by an `of` column; a zero column total; percentages; a hierarchy (`sum_of`).
fn adversarial_site() -> SiteTest {
    let site = SiteTest::fixture("stats");
    site.edit("ponte.toml", "min_count = 1000", "min_count = 5");
    for lang in ["en", "it", "el"] {
        let path = format!("locales/{lang}/stats.ftl");
        let text = site.read_source(&path) + LABELS;
        site.write(&path, text);
    }
    // x = 3, y = 10: table `sum` shows x + y, table `diff` has y as its total, split into x and
    // y - x.
    let sum = header("sum", "s", "exhaustive = true")
        + &category("a", "population = \"x\"\n")
        + &category("b", "population = \"y\"\n")
        + &row("north", "stats-t-north", 13, "a = 3, b = 10", "");
    let diff = header("diff", "y", "exhaustive = true")
        + &category("a", "population = \"x\"\n")
        + &category("b", "")
        + &row("north", "stats-t-north", 10, "a = 3, b = 7", "");
    // Three tables: x + y, y + z, x + z (x = 2, y = 9, z = 11).
    let mut three = String::new();
    for (id, p, q, a, b) in [
        ("xy", "px", "py", 2, 9),
        ("yz", "py", "pz", 9, 11),
        ("xz", "px", "pz", 2, 11),
    ] {
        let text = header(id, &format!("t{id}"), "exhaustive = true")
            + &category("a", &format!("population = \"{p}\"\n"))
            + &category("b", &format!("population = \"{q}\"\n"))
            + &row(
                "north",
                "stats-t-north",
                a + b,
                &format!("a = {a}, b = {b}"),
                "",
            );
        site.write(&format!("content/stats/{id}.toml"), &text);
        three.push_str(id);
    }
    // Pinned: 15 with a plan, 11 answered (of), and in the survey every one of the 11 said yes.
    let plans = header("plans", "women", "")
        + &category("a", "population = \"answered\"\n")
        + &row("north", "stats-t-north", 15, "a = 11", "")
        + &row("south", "stats-t-south", 40, "a = 30", "");
    let survey = header("survey", "answered", "")
        + &category("a", "")
        + &row("north", "stats-t-north", 11, "a = 11", "")
        + &row("south", "stats-t-south", 30, "a = 22", "");
    // Zeros and a column total: the 3 hides its row; the zero beside it must not be pinned
    // by a column total of 0.
    let zeros = header("zeros", "z", "exhaustive = true\ncolumn_totals = true")
        + &category("a", "")
        + &category("b", "")
        + &row("north", "stats-t-north", 3, "a = 3, b = 0", "")
        + &row("south", "stats-t-south", 20, "a = 20, b = 0", "");
    // Percentages of an `of` column.
    let shares = header("shares", "h", "")
        + &category("a", "")
        + &category("b", "of = \"a\"\n")
        + &row("north", "stats-t-north", 40, "a = 30, b = 27", "")
        + &row("south", "stats-t-south", 50, "a = 8, b = 8", "");
    // A hierarchy: all = north + south.
    let hierarchy = header("hierarchy", "k", "exhaustive = true")
        + &category("a", "")
        + &category("b", "")
        + &row("north", "stats-t-north", 12, "a = 2, b = 10", "")
        + &row("south", "stats-t-south", 30, "a = 14, b = 16", "")
        + &row(
            "all",
            "stats-x-all",
            42,
            "a = 16, b = 26",
            "sum_of = [\"north\", \"south\"]\n",
        );
    for (id, text) in [
        ("sum", &sum),
        ("diff", &diff),
        ("plans", &plans),
        ("survey", &survey),
        ("zeros", &zeros),
        ("shares", &shares),
        ("hierarchy", &hierarchy),
    ] {
        site.write(&format!("content/stats/{id}.toml"), text);
    }
    let ids = [
        "placements",
        "sum",
        "diff",
        "xy",
        "yz",
        "xz",
        "plans",
        "survey",
        "zeros",
        "shares",
        "hierarchy",
    ];
    for lang in ["en", "it", "el"] {
        let path = format!("content/results.{lang}.md");
        let mut text = site.read_source(&path);
        for id in ids {
            text.push_str(&format!("\n{{{{ stats(id=\"{id}\", view=\"both\") }}}}\n"));
        }
        site.write(&path, text);
    }
    site
}

#[test]
fn adversarial_tables_give_an_attacker_no_narrow_range() {
    let site = adversarial_site();
    let run = site.build();
    run.assert_ok();
    let attack = Attack::read(site.root(), &site.public(), &["en", "it", "el"]);
    let (hidden, narrowed) = attack.narrowed(5.0);
    assert!(hidden >= 10, "hidden figures: {hidden}");
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
    assert_no_cell_notes(&site.public());
}

#[test]
fn the_same_rows_under_two_names_are_flagged_and_protected_once_linked() {
    let site = adversarial_site();
    // The same 15 women as `plans`/north, under another row id in a new table.
    let renamed = header("renamed", "women", "")
        + &category("a", "")
        + &row("nord", "stats-t-north", 15, "a = 12", "");
    site.write("content/stats/renamed.toml", &renamed);
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("row `nord` of `renamed` looks like row `north` of `plans`")
            || run
                .stderr
                .contains("row `north` of `plans` looks like row `nord` of `renamed`"),
        "{}",
        run.stderr
    );
    // Linked (the same row id), the figures are protected together.
    site.edit(
        "content/stats/renamed.toml",
        "id = \"nord\"",
        "id = \"north\"",
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.stderr
            .lines()
            .any(|l| l.contains("looks like") && l.contains("`renamed`")),
        "{}",
        run.stderr
    );
    let attack = Attack::read(site.root(), &site.public(), &["en", "it", "el"]);
    let (_, narrowed) = attack.narrowed(5.0);
    assert!(narrowed.is_empty(), "narrowed:\n{}", narrowed.join("\n"));
}
