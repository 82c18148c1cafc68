//! The disclosure rules on hand-made tables: primary, complement, percentages, secondary, and
//! figures shared between datasets.

use super::brute_force::{exhaustive_table, Problem};
use super::{errors, load_files};
use crate::stats::{Cell, Datasets, Published};

/// A dataset `t` with the given categories (`name` or `name<of`) and rows (total, counts).
fn table(
    exhaustive: bool,
    column_totals: bool,
    categories: &[&str],
    rows: &[(u32, &[u32])],
) -> String {
    let mut out = format!(
        "id = \"t\"\ntitle = \"stats-t\"\nsource = \"stats-src\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-row\"\ntotal_label = \"stats-total\"\nexhaustive = {exhaustive}\n\
         column_totals = {column_totals}\n"
    );
    for category in categories {
        let (id, of) = category
            .split_once('<')
            .map_or((*category, None), |(a, b)| (a, Some(b)));
        out.push_str(&format!(
            "\n[[category]]\nid = \"{id}\"\nlabel = \"stats-{id}\"\n"
        ));
        if let Some(of) = of {
            out.push_str(&format!("of = \"{of}\"\n"));
        }
    }
    for (i, (total, counts)) in rows.iter().enumerate() {
        let counts: Vec<String> = categories
            .iter()
            .zip(counts.iter())
            .map(|(c, n)| format!("{} = {n}", c.split('<').next().unwrap_or(c)))
            .collect();
        out.push_str(&format!(
            "\n[[row]]\nid = \"r{i}\"\nlabel = \"stats-r{i}\"\ntotal = {total}\ncounts = {{ {} }}\n",
            counts.join(", ")
        ));
    }
    out
}

fn run(text: &str, min_count: u32) -> (Datasets, Vec<String>) {
    let (datasets, diags) = load_files(&[("t.toml", text)], min_count);
    assert!(errors(&diags).is_empty(), "unexpected errors: {diags:#?}");
    let warnings = diags.iter().map(|d| d.to_string()).collect();
    (datasets, warnings)
}

/// Each line as strings: the total, then each cell; `x` = hidden, `-` = missing.
fn grid(ds: &Published) -> Vec<Vec<String>> {
    let text = |cell: Cell| match cell {
        Cell::Count { count, .. } => count.to_string(),
        Cell::Suppressed => "x".to_string(),
        Cell::Missing => "-".to_string(),
    };
    ds.groups()
        .iter()
        .flat_map(|g| g.rows())
        .map(|r| {
            std::iter::once(r.total())
                .chain(r.cells().iter().copied())
                .map(text)
                .collect()
        })
        .collect()
}

fn published(datasets: &Datasets) -> &Published {
    datasets.get("t").expect("dataset t is published")
}

#[test]
fn primary_hides_counts_below_min_count_but_not_zero() {
    let (datasets, warnings) = run(
        &table(false, false, &["a", "b", "c"], &[(20, &[3, 10, 0])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["20", "x", "10", "0"]]);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("row `r0`, column `a`: it is fewer than 5"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("content/stats/t.toml:26:16"),
        "{}",
        warnings[0]
    );
}

#[test]
fn min_count_is_the_threshold() {
    let text = table(false, false, &["a", "b"], &[(40, &[4, 7])]);
    assert_eq!(grid(published(&run(&text, 3).0)), [["40", "4", "7"]]);
    assert_eq!(grid(published(&run(&text, 8).0)), [["40", "x", "x"]]);
}

#[test]
fn complement_within_the_row_total_is_hidden() {
    // 14 of 15 employed reveals the one woman who was not.
    let (datasets, warnings) = run(
        &table(false, false, &["during", "end"], &[(15, &[14, 8])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["15", "x", "8"]]);
    assert!(warnings[0]
        .contains("next to the total of row `r0` it would reveal a group of fewer than 5"));
}

#[test]
fn complement_within_an_of_category_is_hidden() {
    // 11 certificates of 13 participants reveals 2 without one.
    let text = table(
        false,
        false,
        &["participants", "certificates<participants"],
        &[(30, &[13, 11])],
    );
    let (datasets, warnings) = run(&text, 5);
    assert_eq!(grid(published(&datasets)), [["30", "13", "x"]]);
    assert!(
        warnings[0].contains("next to `participants` of row `r0`"),
        "{}",
        warnings[0]
    );
}

#[test]
fn percentages_come_only_from_published_counts_and_denominators() {
    let text = table(
        false,
        false,
        &["participants", "certificates<participants"],
        &[(30, &[3, 0]), (30, &[20, 10])],
    );
    let (datasets, _) = run(&text, 5);
    let rows = published(&datasets).groups()[0].rows();
    // Row 0: participants hidden, so no percentage of them is shown.
    assert_eq!(rows[0].cells()[0], Cell::Suppressed);
    assert!(matches!(
        rows[0].cells()[1],
        Cell::Count {
            count: 0,
            ratio: None
        } | Cell::Suppressed
    ));
    // Row 1: certificates are a share of participants, participants a share of the total.
    assert_eq!(
        rows[1].cells()[0],
        Cell::Count {
            count: 20,
            ratio: Some(20.0 / 30.0)
        }
    );
    assert_eq!(
        rows[1].cells()[1],
        Cell::Count {
            count: 10,
            ratio: Some(0.5)
        }
    );
}

#[test]
fn a_zero_next_to_a_small_total_is_hidden_too() {
    // "0 of 3" would tell that all three share something: the total is small and the zero is
    // its complement.
    let text = table(false, false, &["a"], &[(3, &[0])]);
    let (datasets, _) = run(&text, 5);
    assert_eq!(grid(published(&datasets)), [["x", "x"]]);
}

#[test]
fn secondary_hides_the_smallest_other_non_zero_cell_of_an_exhaustive_row() {
    // 3 is hidden; 30 - (0 + 7 + 20) would give it back, so 7 (not the zero) is hidden too.
    let (datasets, warnings) = run(
        &table(true, false, &["a", "b", "c", "d"], &[(30, &[3, 0, 7, 20])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["30", "x", "0", "x", "20"]]);
    assert!(
        warnings[1].contains("column `c`: otherwise a hidden figure could be narrowed"),
        "{}",
        warnings[1]
    );
}

#[test]
fn two_small_cells_of_a_row_are_not_enough_to_protect_each_other() {
    // 3 + 2 = 20 - 15: each is narrowed to 1..4, a range narrower than 5, so the 15 goes too.
    let (datasets, _) = run(
        &table(true, false, &["yes", "partly", "no"], &[(20, &[15, 3, 2])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["20", "x", "x", "x"]]);
}

#[test]
fn no_secondary_when_two_hidden_cells_keep_a_wide_range() {
    // The 2 is hidden, and the 9 beside it (the smallest cell that gives the width): together
    // they add up to 11, so each ranges over 1..10. The 20 stays.
    let (datasets, _) = run(
        &table(true, false, &["a", "b", "c"], &[(31, &[20, 2, 9])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["31", "20", "x", "x"]]);
}

#[test]
fn complement_and_primary_protect_each_other_in_a_row() {
    // 12 yes, 1 partly of 13: the 1 is small, the 12 its complement; nothing else to hide.
    let (datasets, _) = run(
        &table(true, false, &["yes", "partly"], &[(13, &[12, 1])]),
        5,
    );
    assert_eq!(grid(published(&datasets)), [["13", "x", "x"]]);
}

#[test]
fn secondary_follows_column_totals() {
    let text = table(false, true, &["x"], &[(30, &[3]), (30, &[10]), (30, &[12])]);
    let (datasets, _) = run(&text, 5);
    // Column total 25 - 12 = 13 would reveal row 0 if only it were hidden: row 1 (10) goes too.
    assert_eq!(
        grid(published(&datasets)),
        [["30", "x"], ["30", "x"], ["30", "12"], ["90", "25"]]
    );
}

#[test]
fn secondary_in_two_dimensions_leaves_no_cell_recoverable() {
    let rows: &[(u32, &[u32])] = &[(20, &[2, 18]), (20, &[10, 10]), (20, &[10, 10])];
    let (datasets, _) = run(&table(true, true, &["a", "b"], rows), 5);
    assert_eq!(
        grid(published(&datasets)),
        [
            ["20", "x", "x"],
            ["20", "x", "x"],
            ["20", "10", "10"],
            ["60", "22", "38"]
        ]
    );
}

/// A one-row dataset `id` whose total counts `population` and whose single category `c`
/// counts `category_population` (when given).
fn shared(
    id: &str,
    population: &str,
    total: u32,
    category_population: Option<&str>,
    count: u32,
) -> String {
    let category_population = category_population
        .map(|p| format!("population = \"{p}\"\n"))
        .unwrap_or_default();
    format!(
        "id = \"{id}\"\ntitle = \"stats-t\"\nsource = \"stats-s\"\nreference_date = 2021-09-20\n\
         row_label = \"stats-r\"\ntotal_label = \"stats-t\"\npopulation = \"{population}\"\n\n\
         [[category]]\nid = \"c\"\nlabel = \"stats-c\"\n{category_population}\n\
         [[row]]\nid = \"italy\"\nlabel = \"stats-it\"\ntotal = {total}\ncounts = {{ c = {count} }}\n"
    )
}

#[test]
fn a_figure_hidden_in_one_dataset_is_hidden_where_it_is_shared() {
    // `a`: 14 of 15 employed: the 14 goes (its complement is 1). `c` uses the same 14 (the
    // employed women) as its total: it must go there too, and the share of it with it.
    let a = shared("a", "beneficiaries", 15, Some("employed"), 14);
    let b = shared("b", "beneficiaries", 15, None, 9);
    let c = shared("c", "employed", 14, None, 7);
    let (datasets, diags) = load_files(&[("a.toml", &a), ("b.toml", &b), ("c.toml", &c)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    let cells = |id: &str| grid(datasets.get(id).expect("published"));
    assert_eq!(cells("a"), [["15", "x"]]);
    assert_eq!(cells("b"), [["15", "9"]]);
    assert_eq!(cells("c"), [["x", "7"]]);
    let c_row = &datasets.get("c").expect("published").groups()[0].rows()[0];
    assert_eq!(
        c_row.cells()[0],
        Cell::Count {
            count: 7,
            ratio: None
        },
        "no share of a hidden total"
    );
    let warning = diags
        .iter()
        .map(|d| d.to_string())
        .find(|w| w.starts_with("note: `c`"))
        .unwrap_or_default();
    assert!(
        warning.contains("(`employed` of `italy`) is hidden in another dataset"),
        "{warning}"
    );
}

#[test]
fn a_small_difference_hides_the_total_when_the_count_is_shared_more_widely() {
    // Italy: 17 women assessed, 15 engaged. The 15 is every Italian table's total, the 17
    // appears once: hiding the 17 protects the 2 without hiding the cohort everywhere.
    let assessed = shared("assessed", "assessed", 17, Some("beneficiaries"), 15);
    let employment = shared("employment", "beneficiaries", 15, None, 9);
    let (datasets, diags) = load_files(&[("a.toml", &assessed), ("e.toml", &employment)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    assert_eq!(
        grid(datasets.get("assessed").expect("published")),
        [["x", "15"]]
    );
    assert_eq!(
        grid(datasets.get("employment").expect("published")),
        [["15", "9"]]
    );
    let warning = diags
        .iter()
        .map(|d| d.to_string())
        .next()
        .unwrap_or_default();
    assert!(
        warning.contains(
            "column total: next to `c` of row `italy` it would reveal a group of fewer than 5"
        ),
        "{warning}"
    );
}

#[test]
fn warnings_name_the_cell_but_never_its_value() {
    let (_, warnings) = run(
        &table(true, false, &["a", "b", "c"], &[(97, &[3, 7, 87])]),
        5,
    );
    assert_eq!(warnings.len(), 2);
    for warning in &warnings {
        // The location is given as file:line:col; strip it, then no figure may remain.
        let text = warning.replace("content/stats/t.toml:", "");
        let (message, location) = text.split_once("\n  --> ").unwrap_or((&text, ""));
        assert!(
            location.chars().all(|c| c.is_ascii_digit() || c == ':'),
            "{warning}"
        );
        let numbers: Vec<&str> = message
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty())
            .collect();
        assert!(
            numbers.iter().all(|n| *n == "0" || *n == "5"),
            "only the row id r0 and the threshold may appear: {warning}"
        );
    }
}

/// Property: on many small random tables, every hidden cell keeps a range at least `min_count`
/// wide among all whole numbers consistent with everything published.
#[test]
fn no_hidden_cell_can_be_narrowed_from_published_sums() {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut checked = 0;
    for round in 0..80 {
        let rows = 1 + next(3) as usize;
        let cats = 2 + next(2) as usize;
        let names = ["a", "b", "c"];
        let data: Vec<(u32, Vec<u32>)> = (0..rows)
            .map(|_| {
                let counts: Vec<u32> = (0..cats).map(|_| next(7) as u32).collect();
                (counts.iter().sum::<u32>().max(2), counts)
            })
            .map(|(t, mut c)| {
                if c.iter().sum::<u32>() < t {
                    c[0] += t - c.iter().sum::<u32>();
                }
                (t, c)
            })
            .collect();
        let spec: Vec<(u32, &[u32])> = data.iter().map(|(t, c)| (*t, c.as_slice())).collect();
        let column_totals = next(2) == 1;
        let text = table(true, column_totals, &names[..cats], &spec);
        let min_count = 3 + next(3) as u32;
        let (datasets, _) = run(&text, min_count);
        let lines = grid(published(&datasets));
        let problem = exhaustive_table(&lines, &data, column_totals);
        checked +=
            problem.assert_protected(min_count, min_count, &format!("round {round}: {lines:?}"));
    }
    assert!(checked > 50, "too few hidden cells: {checked}");
}

/// Property: three linked tables (one exhaustive, one with an `of` column, one counting the first
/// one's totals as a column of another population): no hidden figure can
/// be narrowed below `min_count` from all three together, and a shared figure is hidden in
/// every table or in none.
#[test]
fn no_hidden_figure_can_be_narrowed_across_linked_tables() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let header = |id: &str, population: &str, extra: &str| {
        format!(
            "id = \"{id}\"\ntitle = \"stats-t\"\nsource = \"stats-s\"\nreference_date = 2021-09-20\n\
             row_label = \"stats-r\"\ntotal_label = \"stats-t\"\npopulation = \"{population}\"\n{extra}\n"
        )
    };
    let mut checked = 0;
    for round in 0..80 {
        let min_count = 3 + next(2) as u32;
        // One row per table (the brute force grows fast): figures T, a, b, c, d, U.
        let column_totals = false;
        let mut rows = Vec::new();
        for _ in 0..1 {
            let t = 3 + next(8);
            let a = next(t + 1);
            let c = next(t + 1);
            let d = next(c + 1);
            let u = t + next(6);
            rows.push([t, a, t - a, c, d, u]);
        }
        let mut a = header(
            "a",
            "p",
            &format!("exhaustive = true\ncolumn_totals = {column_totals}"),
        );
        a.push_str("[[category]]\nid = \"a\"\nlabel = \"stats-a\"\n\n[[category]]\nid = \"b\"\nlabel = \"stats-b\"\n");
        let mut b = header("b", "p", "");
        b.push_str("[[category]]\nid = \"c\"\nlabel = \"stats-c\"\n\n[[category]]\nid = \"d\"\nlabel = \"stats-d\"\nof = \"c\"\n");
        let mut c = header("c", "q", "");
        c.push_str("[[category]]\nid = \"e\"\nlabel = \"stats-e\"\npopulation = \"p\"\n");
        for (i, [t, fa, fb, fc, fd, u]) in rows.iter().enumerate() {
            let row = |total: u64, counts: String| {
                format!("\n[[row]]\nid = \"r{i}\"\nlabel = \"stats-r{i}\"\ntotal = {total}\ncounts = {{ {counts} }}\n")
            };
            a.push_str(&row(*t, format!("a = {fa}, b = {fb}")));
            b.push_str(&row(*t, format!("c = {fc}, d = {fd}")));
            c.push_str(&row(*u, format!("e = {t}")));
        }
        let (datasets, diags) =
            load_files(&[("a.toml", &a), ("b.toml", &b), ("c.toml", &c)], min_count);
        assert!(errors(&diags).is_empty(), "{diags:#?}");
        let ga = grid(datasets.get("a").expect("a"));
        let gb = grid(datasets.get("b").expect("b"));
        let gc = grid(datasets.get("c").expect("c"));
        // Figures: per row (T, a, b, c, d, U).
        let values: Vec<u64> = rows.iter().flatten().copied().collect();
        let mut hidden = vec![false; 6];
        for i in 0..1 {
            let f = i * 6;
            let t_hidden = [&ga[i][0], &gb[i][0], &gc[i][1]].map(|v| v == "x");
            assert!(
                t_hidden.iter().all(|h| *h == t_hidden[0]),
                "round {round}: shared total of r{i} hidden in some tables only: {ga:?} {gb:?} {gc:?}"
            );
            hidden[f] = t_hidden[0];
            hidden[f + 1] = ga[i][1] == "x";
            hidden[f + 2] = ga[i][2] == "x";
            hidden[f + 3] = gb[i][1] == "x";
            hidden[f + 4] = gb[i][2] == "x";
            hidden[f + 5] = gc[i][0] == "x";
        }
        let sums = vec![(0, vec![1, 2])];
        let within = vec![(3, 0), (4, 3), (0, 5), (1, 0), (2, 0)];
        let problem = Problem {
            values,
            hidden,
            sums,
            within,
        };
        let what = format!("round {round} (min {min_count}): a {ga:?} b {gb:?} c {gc:?}");
        checked += problem.assert_protected(min_count, min_count, &what);
    }
    assert!(checked > 20, "too few hidden figures: {checked}");
}

#[test]
fn a_subgroup_too_close_to_its_group_is_hidden_not_the_group() {
    // Of 15 women with a plan, 13 answered a survey, and the survey's own table shares that 13.
    // The 2 who did not answer must stay hidden, and it is the subgroup (13) that goes, even
    // though more tables share it than the 15.
    let groups = "id = \"t\"\ntitle = \"stats-t\"\nsource = \"stats-src\"\nreference_date = 2021-09-20\nrow_label = \"stats-row\"\ntotal_label = \"stats-total\"\npopulation = \"assessed\"\n\n[[category]]\nid = \"engaged\"\nlabel = \"stats-engaged\"\npopulation = \"beneficiaries\"\n\n[[category]]\nid = \"answered\"\nlabel = \"stats-answered\"\nof = \"engaged\"\npopulation = \"respondents\"\n\n[[row]]\nid = \"italy\"\nlabel = \"stats-italy\"\ntotal = 40\ncounts = { engaged = 15, answered = 13 }\n";
    let survey = "id = \"s\"\ntitle = \"stats-s\"\nsource = \"stats-src\"\nreference_date = 2021-09-20\nrow_label = \"stats-row\"\ntotal_label = \"stats-total\"\npopulation = \"respondents\"\n\n[[category]]\nid = \"yes\"\nlabel = \"stats-yes\"\n\n[[row]]\nid = \"italy\"\nlabel = \"stats-italy\"\ntotal = 13\ncounts = { yes = 10 }\n";
    let (datasets, diags) = load_files(&[("t.toml", groups), ("s.toml", survey)], 5);
    assert!(errors(&diags).is_empty(), "{diags:#?}");
    let t = grid(datasets.get("t").expect("t"));
    assert_eq!(t, vec![vec!["40", "15", "x"]]);
    let s = grid(datasets.get("s").expect("s"));
    assert_eq!(
        s[0][0], "x",
        "the survey's respondent total is hidden too: {s:?}"
    );
}
