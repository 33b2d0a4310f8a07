//! A real server on a free loopback port, with a fresh temporary database.
#![allow(dead_code)]

use api_server::config::ServeConfig;
use api_server::faults::FaultSettings;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TestServer {
    pub base: String,
    pub demo_token: String,
    pub dir: PathBuf,
    pub db: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A fresh, empty temporary folder.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "api-server-test-{}-{}-{}",
        std::process::id(),
        name,
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small dist folder like trunk's.
pub fn write_dist(dir: &Path) -> PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><title>app</title>").unwrap();
    std::fs::write(dist.join("app-0123456789abcdef.js"), "console.log('app')").unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        dist.join("app-0123456789abcdef_bg.wasm.br"),
        b"brotli-bytes",
    )
    .unwrap();
    std::fs::write(dist.join("main-fedcba9876543210.css"), "body{}").unwrap();
    std::fs::write(
        dist.join("favicon.svg"),
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    )
    .unwrap();
    dist
}

#[derive(Default)]
pub struct Options {
    pub faults: FaultSettings,
    pub cors_origins: Vec<String>,
    pub db: Option<PathBuf>,
    pub fault_control: bool,
    /// Builds of every image in a new database (the demo's when `None`).
    pub seed_builds: Option<u32>,
    /// Serve the dist's config.json unchanged.
    pub app_config_as_is: bool,
}

pub fn start(name: &str) -> TestServer {
    start_with(name, Options::default())
}

pub fn start_with(name: &str, options: Options) -> TestServer {
    let dir = temp_dir(name);
    let dist = write_dist(&dir);
    let db = options.db.clone().unwrap_or_else(|| dir.join("catalog.db"));
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: db.clone(),
        dist: Some(dist),
        app_config_as_is: options.app_config_as_is,
        demo_token: Some("demo-token".to_string()),
        demo_balance_cents: 5_000,
        seed_builds: options.seed_builds.map_or(
            api_server::seed::Builds::Demo,
            api_server::seed::Builds::Each,
        ),
        cors_origins: options.cors_origins,
        quiet: true,
        faults: options.faults,
        fault_seed: 1,
        fault_control: options.fault_control,
    };
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (shutdown_tx, shutdown_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let prepared = api_server::prepare(&config).await.expect("server starts");
            let addr = prepared.listener.local_addr().unwrap();
            ready_tx.send((addr, prepared.demo_token.clone())).unwrap();
            axum::serve(
                api_server::server::Screened::new(prepared.listener).unwrap(),
                prepared.router,
            )
            .with_graceful_shutdown(async move {
                let _ = shutdown_rx.await;
            })
            .await
            .unwrap();
        });
    });
    let (addr, demo_token) = ready_rx.recv().expect("server ready");
    TestServer {
        base: format!("http://{addr}"),
        demo_token,
        dir,
        db,
        shutdown: Some(shutdown_tx),
        thread: Some(thread),
    }
}

/// Status, headers of interest and body of a response, whatever its status.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(std::time::Duration::from_secs(20))
        .build()
}

fn finish(result: Result<ureq::Response, ureq::Error>) -> Reply {
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(err) => panic!("request failed: {err}"),
    };
    let status = response.status();
    let content_type = response
        .header("content-type")
        .unwrap_or_default()
        .to_string();
    let headers = response
        .headers_names()
        .into_iter()
        .map(|name| {
            let value = response.header(&name).unwrap_or_default().to_string();
            (name, value)
        })
        .collect();
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut response.into_reader(), &mut body).unwrap();
    Reply {
        status,
        content_type,
        headers,
        body,
    }
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn get(&self, path: &str) -> Reply {
        finish(agent().get(&self.url(path)).call())
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = agent().get(&self.url(path));
        for (name, value) in headers {
            request = request.set(name, value);
        }
        finish(request.call())
    }

    pub fn get_auth(&self, path: &str, token: &str) -> Reply {
        self.get_with(path, &[("Authorization", &format!("Bearer {token}"))])
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: Option<&str>) -> Reply {
        let mut request = agent().post(&self.url(path));
        if let Some(token) = token {
            request = request.set("Authorization", &format!("Bearer {token}"));
        }
        finish(match body {
            Some(body) => request
                .set("Content-Type", "application/json")
                .send_string(body),
            None => request.call(),
        })
    }

    pub fn options(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = agent().request("OPTIONS", &self.url(path));
        for (name, value) in headers {
            request = request.set(name, value);
        }
        finish(request.call())
    }

    /// A new user with `dollars` of balance.
    pub fn add_user(&self, token: &str, balance_cents: i64) {
        let (db, _) = api_server::db::Db::open(&self.db).unwrap();
        db.write(|c| api_server::db::add_user(c, "Test user", balance_cents, Some(token), false))
            .unwrap();
    }

    /// Adds or replaces images, as `api-server import-images` does.
    pub fn import_images(&self, images: &[api_server::db::ImageInput]) {
        let (db, _) = api_server::db::Db::open(&self.db).unwrap();
        db.write(|c| api_server::db::import_images(c, images))
            .unwrap();
    }

    /// Every public image, through the API.
    pub fn all_images(&self) -> Vec<Value> {
        self.all_matching("")
    }

    /// Every public image that `query` (filters and sort) lists, page by page.
    pub fn all_matching(&self, query: &str) -> Vec<Value> {
        let reply = self.get(&format!("/api/v1/images/public?limit=100&{query}"));
        let json = reply.json();
        let mut images = json["data"]["images"].as_array().unwrap().clone();
        let pages = json["data"]["pagination"]["totalPages"].as_u64().unwrap();
        for page in 2..=pages {
            let more = self
                .get(&format!(
                    "/api/v1/images/public?limit=100&page={page}&{query}"
                ))
                .json();
            images.extend(more["data"]["images"].as_array().unwrap().iter().cloned());
        }
        images
    }
}

/// Asserts the error envelope.
pub fn assert_error(reply: &Reply, status: u16, message: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["statusCode"], status);
    assert_eq!(json["message"], message);
    let error = json["error"].as_str().unwrap();
    let expected = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => error,
    };
    assert_eq!(error, expected);
    assert_eq!(
        json.as_object().unwrap().len(),
        3,
        "only statusCode, error, message"
    );
}
