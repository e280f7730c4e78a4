//! `incidex serve` in a real browser: headless Debian chromium driven through chromedriver
//! (installed by scripts/test-deps/15-chromium.sh), against the corpus's texts and a page
//! whose title is a `<script>` element.

mod harness;

use std::time::Duration;

use fantoccini::{Client, Locator};
use harness::{Browser, HOSTILE_TITLE, serve, shared_index};

const WAIT: Duration = Duration::from_secs(30);

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    match c.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
        Ok(element) => element,
        Err(e) => panic!("no {css} on {:?}: {e}", c.current_url().await),
    }
}

async fn text(c: &Client, css: &str) -> String {
    wait_for(c, css).await.text().await.unwrap()
}

/// The number that opens `text` ("12 documents match; …").
fn leading_number(text: &str) -> usize {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number at the start of {text:?}"))
}

async fn search_for(c: &Client, base: &str, query: &str) {
    c.goto(&format!("{base}/search")).await.unwrap();
    let q = wait_for(c, "#q").await;
    q.send_keys(query).await.unwrap();
    c.find(Locator::Css("form#search button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_a_filter_a_record_with_its_evidence_and_the_statistics() {
    let server = serve(shared_index());
    let base = server.base.clone();
    let browser = Browser::start().await;
    let c = &browser.client;

    // Type a query.
    search_for(c, &base, "leverantör").await;
    let total = leading_number(&text(c, "#total").await);
    let hits = c.find_all(Locator::Css("li.hit")).await.unwrap();
    assert!(
        total >= 2 && hits.len() == total.min(20),
        "{total} matches, {} shown",
        hits.len()
    );
    let marked = c
        .find_all(Locator::Css("li.hit p.snippet mark"))
        .await
        .unwrap();
    assert!(!marked.is_empty(), "no snippet marks the query");
    for mark in marked {
        let word = mark.text().await.unwrap().to_lowercase();
        assert!(word.contains("leverantör"), "marked {word:?}");
    }

    // Apply the filter on the first supplier: its count is what the filtered search finds.
    let facet = wait_for(c, "[data-facet=supplier] li").await;
    let link = facet.find(Locator::Css("a")).await.unwrap();
    let supplier = link.text().await.unwrap();
    let count: usize = facet
        .find(Locator::Css(".count"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .parse()
        .unwrap();
    link.click().await.unwrap();
    let chip = text(c, ".facet.active a.clear").await;
    assert!(chip.contains(&supplier), "filter shown as {chip:?}");
    let url = c.current_url().await.unwrap();
    assert!(url.query().unwrap().contains("supplier="), "{url}");
    assert_eq!(leading_number(&text(c, "#total").await), count);
    for facts in c.find_all(Locator::Css("li.hit .facts")).await.unwrap() {
        let facts = facts.text().await.unwrap();
        assert!(facts.contains(&supplier), "{facts:?} lacks {supplier}");
    }
    let filtered_search = c.current_url().await.unwrap();

    // Open a record and see the supplier's evidence marked in the text.
    c.find(Locator::Css("li.hit a.title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "article#record").await;
    let field = text(c, "#field-suppliers td").await;
    assert!(field.contains(&supplier), "suppliers field {field:?}");
    let evidence = c
        .find_all(Locator::Css("mark.ev[data-fields~=suppliers]"))
        .await
        .unwrap();
    assert!(
        !evidence.is_empty(),
        "the suppliers' evidence is not marked"
    );
    let mut marked = String::new();
    for mark in &evidence {
        marked.push_str(&mark.text().await.unwrap());
    }
    assert!(
        marked.to_lowercase().contains(&supplier.to_lowercase()),
        "evidence {marked:?} does not name {supplier}"
    );
    let background = evidence[0].css_value("background-color").await.unwrap();
    assert!(
        !background.contains("rgba(0, 0, 0, 0)") && !background.is_empty(),
        "evidence not highlighted: {background}"
    );
    // The field links to its evidence, and the evidence's label back to the field.
    c.find(Locator::Css("#field-suppliers a.evidence-link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        c.current_url().await.unwrap().fragment(),
        Some("ev-suppliers")
    );
    let label = c
        .find(Locator::Css("a.ev-label[href='#field-suppliers']"))
        .await
        .unwrap();
    assert_eq!(label.text().await.unwrap(), "suppliers");
    // The timeline shows the 72-hour verdict.
    let verdict = text(c, "#timeline tr.late-row td").await;
    assert!(
        ["late", "in time", "unknown"]
            .iter()
            .any(|v| verdict.contains(v)),
        "{verdict:?}"
    );

    // Open the statistics of the filtered search.
    c.goto(filtered_search.as_str()).await.unwrap();
    wait_for(c, "#total a").await.click().await.unwrap();
    let scope = text(c, "#scope").await;
    assert!(scope.contains(&supplier), "statistics scope {scope:?}");
    assert!(scope.contains(&format!("{count} documents")), "{scope:?}");
    let charts = c.find_all(Locator::Css("#report svg")).await.unwrap();
    assert!(charts.len() >= 4, "{} charts", charts.len());
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_title_holding_a_script_element_shows_as_text() {
    let server = serve(shared_index());
    let base = server.base.clone();
    let browser = Browser::start().await;
    let c = &browser.client;
    search_for(c, &base, "skolans").await;
    let title = text(c, "li.hit a.title").await;
    assert_eq!(title, HOSTILE_TITLE);
    assert_no_markup_ran(c).await;
    c.find(Locator::Css("li.hit a.title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(text(c, "h1#title").await, HOSTILE_TITLE);
    let body = text(c, "#text div.body").await;
    assert!(body.contains("<img src=x onerror=alert(2)>"), "{body}");
    assert_no_markup_ran(c).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_query_shows_the_400_page_with_the_parsers_message() {
    let server = serve(shared_index());
    let base = server.base.clone();
    let browser = Browser::start().await;
    let c = &browser.client;
    search_for(c, &base, "\"fel mottagare").await;
    let heading = text(c, "section.error h1").await;
    assert!(heading.starts_with("400"), "{heading:?}");
    let message = text(c, "#error-message").await;
    assert!(message.contains("cannot read the query"), "{message:?}");
    // The query box keeps what was typed, to be corrected.
    let kept = wait_for(c, "header input[name=q]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("\"fel mottagare"));

    c.goto(&format!("{base}/search?q=colour%3Ablue"))
        .await
        .unwrap();
    let message = text(c, "#error-message").await;
    assert!(message.contains("no field `colour`"), "{message:?}");
    browser.close().await;
}

/// The page holds no element made from a document's text, and no script of one ran.
async fn assert_no_markup_ran(c: &fantoccini::Client) {
    assert!(
        c.find_all(Locator::Css("main script, main img"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(c.get_alert_text().await.is_err(), "a script ran");
}
