//! End to end in headless Chromium (Debian's chromium + chromedriver): load the dashboard,
//! move a lever with the keyboard and time the preview, run a simulation, watch the charts
//! fill live and then with the means, the office grid fill, and check the browser logged no
//! error.
//!
//! Ignored by default (needs /usr/bin/chromium and /usr/bin/chromedriver); CI installs
//! them and runs `cargo test -p caseload-server --test browser -- --ignored
//! --nocapture`. With `CASELOAD_SCREENSHOT=path.png` it also saves a screenshot (the
//! README's docs/img/dashboard.png is made this way).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{ClientBuilder, Locator};
use serde_json::{Value, json};

/// chromedriver and the browser profile, removed when the test ends (pass or fail).
struct Driver(Child, std::path::PathBuf);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// ChromeDriver's log endpoint (not in the W3C protocol, so not in fantoccini).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

async fn eval(c: &fantoccini::Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Polls `script` until it returns true.
async fn wait_for(c: &fantoccini::Client, what: &str, script: &str, limit: Duration) {
    let t0 = Instant::now();
    loop {
        if eval(c, script).await == Value::Bool(true) {
            return;
        }
        if t0.elapsed() > limit {
            let state = eval(c, "return JSON.stringify({s: document.getElementById('status').textContent, w: window.__caseload})").await;
            panic!("timed out waiting for {what}: {state}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs chromium and chromedriver: run with --ignored (CI does)"]
async fn the_dashboard_runs_a_scenario_in_a_real_browser() {
    // The server, on loopback.
    let (listener, addr) = server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    tokio::spawn(server::serve(
        listener,
        server::AppState::new(server::Limits::default()),
        std::future::pending(),
    ));

    // chromedriver and a fresh profile.
    let port = free_port();
    let profile = std::env::temp_dir().join(format!("caseload-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let driver = Driver(
        Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("/usr/bin/chromedriver (apt-get install chromium-driver)"),
        profile.clone(),
    );
    let mut caps = Capabilities::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let t0 = Instant::now();
    let c = loop {
        let mut b = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        match b.capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await {
            Ok(c) => break c,
            Err(e) if t0.elapsed() < Duration::from_secs(30) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("could not start a browser session: {e}"),
        }
    };

    // Load: scenarios listed, levers built, preview drawn.
    c.goto(&format!("http://{addr}/")).await.unwrap();
    wait_for(
        &c,
        "the dashboard to load",
        "return !!(window.__caseload && window.__caseload.ready)",
        Duration::from_secs(90),
    )
    .await;
    let options =
        eval(&c, "return [...document.querySelectorAll('#scenario option')].map(o => o.value)")
            .await;
    assert!(options.as_array().unwrap().iter().any(|o| o == "baseline-fy2025"), "{options}");
    assert_eq!(
        eval(&c, "return document.querySelectorAll('#levers input[type=range]').length").await,
        server::levers::LEVERS.len()
    );
    let preview = eval(&c, "return window.__caseload.chartPoints()").await;
    assert!(preview[0]["points"][0].as_u64().unwrap() > 30, "the preview is drawn: {preview}");

    // Move a lever with the keyboard (each key press is an input event), five times; each
    // answered preview records the time from the key press to the chart drawn.
    let beds = c.find(Locator::Css("#lever-beds_added")).await.unwrap();
    let before = eval(&c, "return window.__caseload.latencies.length").await.as_u64().unwrap();
    for k in 1..=5 {
        beds.send_keys(&Key::Right.to_string()).await.unwrap();
        let n = before + k;
        wait_for(
            &c,
            "the preview after a lever move",
            &format!("return window.__caseload.latencies.length >= {n}"),
            Duration::from_secs(60),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let lat = eval(&c, "return window.__caseload.latencies").await;
    let mut ms: Vec<f64> = lat
        .as_array()
        .unwrap()
        .iter()
        .skip(before as usize)
        .map(|l| l["ms"].as_f64().unwrap())
        .collect();
    let server: Vec<f64> = lat
        .as_array()
        .unwrap()
        .iter()
        .skip(before as usize)
        .map(|l| l["server_ms"].as_f64().unwrap())
        .collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let value = eval(&c, "return document.querySelector('#lever-beds_added').value").await;
    assert_ne!(value, "0", "the lever moved");
    println!(
        "browser: lever to chart ({} moves, engine {}): median {:.0} ms, max {:.0} ms (server compute {:?} ms)",
        ms.len(),
        lat[0]["engine"],
        ms[ms.len() / 2],
        ms[ms.len() - 1],
        server.iter().map(|x| x.round()).collect::<Vec<_>>()
    );

    // Two more levers, set as a user dragging them would (value, then an input event):
    // Border Patrol agents inland and a higher target, so the what-if visibly departs.
    let n = eval(&c, "return window.__caseload.latencies.length").await.as_u64().unwrap();
    eval(
        &c,
        "for (const [k, v] of [['bp_agents_inland', 3000], ['target_per_day', 4500]]) { \
           const el = document.getElementById('lever-' + k); el.value = v; \
           el.dispatchEvent(new Event('input')); } return true",
    )
    .await;
    wait_for(
        &c,
        "the preview of three levers",
        &format!("return window.__caseload.latencies.length > {n}"),
        Duration::from_secs(60),
    )
    .await;

    // Run: two replications of the baseline and of the what-if; watch days arrive.
    let reps = c.find(Locator::Css("#replications")).await.unwrap();
    reps.clear().await.unwrap();
    reps.send_keys("2").await.unwrap();
    c.find(Locator::Css("#run")).await.unwrap().click().await.unwrap();
    wait_for(
        &c,
        "the runs to start",
        "return !!(window.__caseload.runs.base && window.__caseload.runs.whatif)",
        Duration::from_secs(30),
    )
    .await;
    let days = eval(&c, "return window.__caseload.days").await;
    println!("browser: runs started, days received so far {days}");
    wait_for(
        &c,
        "both runs to stream every day",
        "const w = window.__caseload; return w.mode === 'simulation' && w.days.base === 365 && w.days.whatif === 365 && !document.getElementById('run').disabled",
        Duration::from_secs(600),
    )
    .await;

    // Replication 0's days streamed live and were drawn before the means replaced them.
    let live = eval(&c, "const w = window.__caseload; return [w.live.base, w.live.whatif, w.liveDraws, document.body.dataset.live]").await;
    println!("browser: live frames (base, what-if), redraws while live, live now: {live}");
    assert_eq!(live[0], 365, "every baseline day live: {live}");
    assert_eq!(live[1], 365, "every what-if day live: {live}");
    assert!(live[2].as_u64().unwrap() > 0, "the charts were drawn from live days: {live}");
    assert_eq!(live[3], "no", "the means replaced the live days: {live}");

    // The charts filled: every series of every chart has a point on (nearly) every day.
    let points = eval(&c, "return window.__caseload.chartPoints()").await;
    for chart in points.as_array().unwrap() {
        for (i, n) in chart["points"].as_array().unwrap().iter().enumerate() {
            let n = n.as_u64().unwrap();
            // Rolling shares start after their window has data.
            assert!(n >= 330, "chart {} series {i} has {n} of 365 points", chart["id"]);
        }
    }
    let offices = eval(&c, "return [...document.querySelectorAll('#offices .office')].filter(o => o.dataset.arrests !== '').length").await;
    assert_eq!(offices, 25, "every field office card filled");
    // The map: 25 areas, each with a value and a hover title; another series recolours it.
    wait_for(
        &c,
        "the map",
        "return document.querySelectorAll('#aor-map g.aor').length === 25",
        Duration::from_secs(30),
    )
    .await;
    let areas = eval(
        &c,
        "return [...document.querySelectorAll('#aor-map g.aor')].filter(g => g.dataset.value !== '' && g.querySelector('title').textContent.includes('/day')).length",
    )
    .await;
    assert_eq!(areas, 25, "every area coloured with a hover value");
    let recoloured = eval(
        &c,
        "const s = document.getElementById('map-measure'); s.value = 'removals'; \
         s.dispatchEvent(new Event('change')); \
         return document.querySelector('#aor-map g.aor title').textContent",
    )
    .await;
    assert!(recoloured.as_str().unwrap().contains("removals/day"), "{recoloured}");
    // Rates per 100,000 foreign-born residents (the committed ACS table): every area valued.
    let rated = eval(
        &c,
        "const s = document.getElementById('map-measure'); s.value = 'arrests_per_100k_fb'; \
         s.dispatchEvent(new Event('change')); \
         return [...document.querySelectorAll('#aor-map g.aor')].filter(g => g.dataset.value !== '' && g.querySelector('title').textContent.includes('per 100k foreign-born')).length",
    )
    .await;
    assert_eq!(rated, 25, "every area has a rate per 100,000 foreign-born residents");
    wait_for(
        &c,
        "the scorecards",
        "return document.querySelectorAll('#scorecards tbody tr').length >= 25",
        Duration::from_secs(30),
    )
    .await;
    // Sorting by a column reorders the table.
    c.find(Locator::Css("#scorecards th[data-key=office]")).await.unwrap().click().await.unwrap();
    let first = eval(
        &c,
        "return document.querySelector('#scorecards tbody tr td:nth-child(2)').textContent",
    )
    .await;
    assert_eq!(first, "Atlanta", "sorted by office name");
    let kpi = eval(&c, "return document.querySelector('#kpis .kpi .value').textContent").await;
    assert_ne!(kpi, "–", "headline numbers shown");
    // Issue 13's measures and levers: ATD and the docket charted, the held-away share and
    // ATD releases among the headline numbers, the detention levers on the form.
    let ids = eval(&c, "return window.__caseload.chartPoints().map(c => c.id)").await;
    for id in ["atd", "docket"] {
        assert!(ids.as_array().unwrap().iter().any(|x| x == id), "chart {id}: {ids}");
    }
    let tiles = eval(&c, "return Object.fromEntries([...document.querySelectorAll('#kpis .kpi')].map(k => [k.querySelector('.name').textContent, k.querySelector('.value').textContent]))").await;
    for name in ["Held away from home AOR", "Released to ATD (total)", "Docket pending (last day)"]
    {
        let v = tiles[name].as_str().unwrap_or("–");
        assert_ne!(v, "–", "{name} shown: {tiles}");
    }
    for lever in
        ["surge_share", "atd_capacity", "atd_enrol_share", "non_detained_judges", "judges_added"]
    {
        let n =
            eval(&c, &format!("return document.querySelectorAll('#lever-{lever}').length")).await;
        assert_eq!(n, 1, "lever {lever}");
    }
    assert_eq!(eval(&c, "return document.getElementById('report-link').hidden").await, false);

    // No errors: none caught by the page, none in the browser's console.
    let errors = eval(&c, "return window.__caseload.errors").await;
    assert_eq!(errors, json!([]), "errors caught by the page");
    let log = c.issue_cmd(BrowserLog).await.expect("chromedriver's browser log");
    let severe: Vec<&Value> = log
        .as_array()
        .map(|a| a.iter().filter(|e| e["level"] == "SEVERE").collect())
        .unwrap_or_default();
    assert!(severe.is_empty(), "console errors: {severe:?}");
    println!("browser: {} console entries, none severe", log.as_array().map_or(0, |a| a.len()));

    if let Ok(path) = std::env::var("CASELOAD_SCREENSHOT") {
        eval(&c, "window.scrollTo(0, 0); return true").await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(&path, png).unwrap();
        println!("browser: screenshot written to {path}");
    }
    c.close().await.unwrap();
    drop(driver);
}
