//! The dashboard's files: served from the binary, nothing from elsewhere.

use axum::http::StatusCode;

use crate::common::{app, get};

#[tokio::test(flavor = "multi_thread")]
async fn the_page_and_its_files_are_served_with_a_strict_policy() {
    let app = app();
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"].to_str().unwrap().starts_with("text/html"));
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    let html = r.text();
    for file in
        ["/assets/app.js", "/assets/app.css", "/assets/uPlot.iife.min.js", "/assets/uPlot.min.css"]
    {
        assert!(html.contains(file), "the page links {file}");
        let a = get(&app, file).await;
        assert_eq!(a.status, StatusCode::OK, "{file}");
        assert!(a.body.len() > 500, "{file} has content");
    }
    assert!(get(&app, "/assets/uPlot-LICENSE.txt").await.text().contains("MIT License"));
    assert_eq!(get(&app, "/assets/nope.js").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_is_loaded_from_another_host() {
    let app = app();
    for file in ["/", "/assets/app.js", "/assets/app.css"] {
        let text = get(&app, file).await.text();
        for needle in ["http://", "https://", "//cdn", "@import"] {
            assert!(!text.contains(needle), "{file} mentions {needle}");
        }
    }
}
