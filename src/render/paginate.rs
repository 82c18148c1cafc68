//! Pagination: a section with `paginate_by = N` lists N pages per list page. The first list
//! page is the section's own address (never repeated as `page/1/`); the others are
//! `SECTION/page/2/`, `SECTION/page/3/`… Templates get a [`Paginator`] as `paginator`.
use std::ops::Range;

use serde::Serialize;

use crate::site::Page;

/// The folder name of the list pages after the first (`/en/news/page/2/`).
pub const PAGE_SEGMENT: &str = "page";

/// One list page of a section.
pub struct Pager {
    /// The URL path of this list page (`/en/news/` or `/en/news/page/2/`).
    pub path: String,
    /// Which of the section's pages it lists.
    pub range: Range<usize>,
    /// What templates see; `None` when the section is not paginated.
    pub paginator: Option<Paginator>,
}

/// `paginator` in templates.
#[derive(Serialize)]
pub struct Paginator {
    /// 1 for the first list page.
    pub number: usize,
    /// How many list pages there are.
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
    /// Every list page, to show numbered links.
    pub pages: Vec<PagerLink>,
}

#[derive(Serialize, Clone)]
pub struct PagerLink {
    pub number: usize,
    pub path: String,
    pub current: bool,
}

/// The URL path of list page `number` of the section at `section_path`.
pub fn pager_path(section_path: &str, number: usize) -> String {
    if number <= 1 {
        section_path.to_string()
    } else {
        format!("{section_path}{PAGE_SEGMENT}/{number}/")
    }
}

/// The list pages of `page`: one (without a paginator) unless it is a section with
/// `paginate_by` and more pages than that.
pub fn pagers(page: &Page) -> Vec<Pager> {
    let total = page.pages.len();
    let per = match page.front.paginate_by {
        Some(n) if page.is_section() && total > n => n,
        _ => {
            return vec![Pager {
                path: page.path.clone(),
                range: 0..total,
                paginator: None,
            }]
        }
    };
    let count = total.div_ceil(per);
    let links: Vec<PagerLink> = (1..=count)
        .map(|n| PagerLink {
            number: n,
            path: pager_path(&page.path, n),
            current: false,
        })
        .collect();
    (1..=count)
        .map(|n| {
            let mut pages = links.clone();
            pages[n - 1].current = true;
            Pager {
                path: pager_path(&page.path, n),
                range: (n - 1) * per..(n * per).min(total),
                paginator: Some(Paginator {
                    number: n,
                    count,
                    previous: (n > 1).then(|| pager_path(&page.path, n - 1)),
                    next: (n < count).then(|| pager_path(&page.path, n + 1)),
                    first: pager_path(&page.path, 1),
                    last: pager_path(&page.path, count),
                    pages,
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::PageKey;

    #[test]
    fn seven_pages_by_three_make_three_list_pages() {
        let mut page = Page {
            key: PageKey::section("news"),
            lang: 0,
            file: "content/news/_index.en.md".into(),
            source: String::new(),
            body_offset: 0,
            front: Default::default(),
            path: "/en/news/".into(),
            parent: None,
            pages: (10..17).collect(),
            subsections: Vec::new(),
        };
        assert_eq!(pagers(&page).len(), 1);
        page.front.paginate_by = Some(3);
        let p = pagers(&page);
        let paths: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/en/news/", "/en/news/page/2/", "/en/news/page/3/"]);
        assert_eq!(p[2].range, 6..7);
        let second = p[1].paginator.as_ref().unwrap();
        assert_eq!(second.previous.as_deref(), Some("/en/news/"));
        assert_eq!(second.next.as_deref(), Some("/en/news/page/3/"));
        assert!(p[0].paginator.as_ref().unwrap().previous.is_none());
    }
}
