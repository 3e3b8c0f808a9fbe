//! `caseload serve --data-dir`: the real binary, killed with SIGKILL and started again on
//! the same directory. A finished run answers the same bytes after the restart; a run
//! killed mid-simulation reads as failed ("interrupted"); foreign and damaged files in the
//! directory are skipped with a warning naming them, and new run ids do not reuse theirs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A `caseload serve` process on a free loopback port.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut err, log) = (child.stderr.take().unwrap(), stderr.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                log.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        // "caseload serve: dashboard at http://127.0.0.1:PORT/  (…)"
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let addr = loop {
            line.clear();
            let n = out.read_line(&mut line).unwrap();
            assert!(n > 0, "the server stopped before listening: {}", stderr.lock().unwrap());
            if let Some(rest) = line.split("dashboard at http://").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        Server { child, addr, stderr }
    }

    /// SIGKILL on Unix: no shutdown code runs.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits (a little: it is written before the server listens) for `text` on stderr.
    fn stderr_has(&self, text: &str) -> bool {
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(5) {
            if self.stderr.lock().unwrap().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// One HTTP/1.1 exchange: status and body (de-chunked).
    fn http(&self, method: &str, path: &str, body: &str) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let body = raw[split + 4..].to_vec();
        let chunked = head.contains("transfer-encoding: chunked");
        (status, if chunked { dechunk(&body) } else { body })
    }

    fn get(&self, path: &str) -> Vec<u8> {
        let (status, body) = self.http("GET", path, "");
        assert_eq!(status, 200, "GET {path}: {}", String::from_utf8_lossy(&body));
        body
    }

    fn status(&self, id: &str) -> Value {
        serde_json::from_slice(&self.get(&format!("/api/runs/{id}"))).unwrap()
    }

    fn submit(&self, request: &str) -> String {
        let (status, body) = self.http("POST", "/api/runs", request);
        assert_eq!(status, 202, "{}", String::from_utf8_lossy(&body));
        let v: Value = serde_json::from_slice(&body).unwrap();
        v["id"].as_str().unwrap().to_owned()
    }

    /// Polls run `id` until its state is one of `states`.
    fn wait_for(&self, id: &str, states: &[&str]) -> Value {
        let t0 = Instant::now();
        loop {
            let v = self.status(id);
            if states.contains(&v["state"].as_str().unwrap()) {
                return v;
            }
            assert!(t0.elapsed() < Duration::from_secs(300), "run {id} is still {}", v["state"]);
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").expect("a chunk size");
        let size = std::str::from_utf8(&b[..eol]).unwrap().split(';').next().unwrap();
        let n = usize::from_str_radix(size.trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + n]);
        b = &b[eol + 2 + n + 2..];
    }
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("caseload-serve-data-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Everything a finished run answers.
fn answers(server: &Server, id: &str) -> Vec<(String, Vec<u8>)> {
    let paths = [
        "",
        "/daily",
        "/daily?office=Chicago&metric=arrests,detained&format=csv",
        "/scorecards",
        "/scorecards?format=csv",
        "/report",
        "/events",
        "/scenario",
    ];
    paths
        .iter()
        .map(|p| {
            let path = format!("/api/runs/{id}{p}");
            let body = server.get(&path);
            (path, body)
        })
        .collect()
}

#[test]
fn runs_survive_a_kill_and_a_restart() {
    let dir = scratch();
    let short = r#"{"scenario": "baseline-fy2025", "replications": 2, "days": 20,
                    "overrides": {"warmup_days": 0}}"#;

    // A finished run, then SIGKILL.
    let a = Server::start(&dir);
    let done = a.submit(short);
    assert_eq!(a.wait_for(&done, &["done", "failed", "cancelled"])["state"], "done");
    let before = answers(&a, &done);
    a.kill();

    // The same bytes from a new process; then a long run killed while it simulates.
    let b = Server::start(&dir);
    for ((path, was), (_, now)) in before.iter().zip(answers(&b, &done)) {
        assert!(
            *was == now,
            "{path} changed across the restart ({} → {} bytes)",
            was.len(),
            now.len()
        );
    }
    let long = b.submit(r#"{"scenario": "baseline-fy2025", "replications": 4}"#);
    assert_ne!(long, done);
    assert_eq!(b.wait_for(&long, &["running", "done", "failed"])["state"], "running");
    b.kill();

    // Litter in the directory: damaged, foreign, and not a run file at all.
    std::fs::write(dir.join("run-98.json"), b"\x00\x01 not json").unwrap();
    std::fs::write(dir.join("run-99.json"), br#"{"hello": "world"}"#).unwrap();
    std::fs::write(dir.join("settings.json"), br#"{"theme": "dark"}"#).unwrap();
    let c = Server::start(&dir);
    for (file, why) in [
        ("run-98.json", "not valid JSON"),
        ("run-99.json", "not a caseload run record"),
        ("settings.json", "not a run record"),
    ] {
        let line = format!("skipped {}: {why}", dir.join(file).display());
        assert!(c.stderr_has(&line), "no warning {line:?} in:\n{}", c.stderr.lock().unwrap());
    }
    let v = c.status(&long);
    assert_eq!(v["state"], "failed", "{v}");
    assert_eq!(v["error"], "interrupted: the server stopped before the run finished");
    let events = String::from_utf8(c.get(&format!("/api/runs/{long}/events"))).unwrap();
    assert!(events.trim_end().ends_with(
        r#"data: {"error":"interrupted: the server stopped before the run finished","state":"failed"}"#
    ), "{events}");
    for ((path, was), (_, now)) in before.iter().zip(answers(&c, &done)) {
        assert!(*was == now, "{path} changed across the second restart");
    }
    let next = c.submit(short);
    assert_eq!(next, "100", "new ids follow the highest file, damaged ones included");
    c.kill();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_data_directory_that_cannot_be_created_is_a_clear_error() {
    let file = std::env::temp_dir().join(format!("caseload-serve-file-{}", std::process::id()));
    std::fs::write(&file, "not a directory").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(file.join("runs"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let want = format!("error: cannot create the data directory {}", file.join("runs").display());
    assert!(err.starts_with(&want), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let _ = std::fs::remove_file(&file);
}
