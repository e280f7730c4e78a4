//! The frame of every page: head, the navigation with the query box, the style sheet.

use maud::{DOCTYPE, Markup, html};

/// Which navigation entry is the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Search,
    Stats,
    Help,
    None,
}

/// A whole page: `title` in the tab, `query` in the header's query box.
pub fn page(title: &str, nav: Nav, query: &str, body: Markup) -> Markup {
    let current = |n: Nav| if n == nav { "current" } else { "" };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · incidex" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.top {
                    a.brand href="/search" { "incidex" }
                    nav {
                        a class=(current(Nav::Search)) href="/search" { "Search" }
                        a class=(current(Nav::Stats)) href="/stats" { "Statistics" }
                        a class=(current(Nav::Help)) href="/help" { "Help" }
                    }
                    @if nav != Nav::Search {
                        form.quick action="/search" method="get" role="search" {
                            input type="search" name="q" value=(query) placeholder="Search incidents"
                                aria-label="Query";
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}
