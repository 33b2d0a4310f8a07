//! The HTTP server: the router with its middleware, and running it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, MethodRouter};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::endpoints::Endpoint;
use crate::envelope::ApiError;
use crate::faults::{self, FaultedRoute, Faults};
use crate::handlers;
use crate::state::AppState;
use crate::static_files;

/// How the router is put together.
#[derive(Debug, Clone, Default)]
pub struct RouterOptions {
    pub cors_origins: Vec<String>,
    pub fault_control: bool,
}

/// `route` with fault injection keyed by `endpoint` (`None` for `/api` paths
/// outside the contract). The layer wraps the route's fallback too, so its
/// 405s can be faulted like any other API response.
fn faulted(
    route: MethodRouter<AppState>,
    injector: &Arc<Faults>,
    endpoint: Option<Endpoint>,
) -> MethodRouter<AppState> {
    let key = FaultedRoute {
        faults: injector.clone(),
        endpoint,
    };
    route.layer(middleware::from_fn_with_state(key, faults::inject))
}

/// The API routes, the fault control (when enabled) and the app files.
pub fn router(state: AppState, options: &RouterOptions) -> Router {
    let injector = &state.faults;
    let endpoint = |endpoint: Endpoint, route: MethodRouter<AppState>| {
        faulted(
            route.fallback(handlers::method_not_allowed),
            injector,
            Some(endpoint),
        )
    };
    let not_found = || faulted(any(handlers::api_not_found), injector, None);
    let mut api = Router::new()
        .route(
            "/api/v1/images/public",
            endpoint(Endpoint::ListPublic, get(handlers::list_public)),
        )
        .route(
            "/api/v1/images/public/{id}",
            endpoint(Endpoint::GetPublic, get(handlers::get_public)),
        )
        .route(
            "/api/v1/images/user",
            endpoint(Endpoint::ListUser, get(handlers::list_user)),
        )
        .route(
            "/api/v1/images/import/{id}",
            endpoint(Endpoint::Import, post(handlers::import)),
        )
        .route(
            "/api/v1/images/purchase/{id}",
            endpoint(Endpoint::Purchase, post(handlers::purchase)),
        )
        .route(
            "/api/v1/images/rate/{id}",
            endpoint(Endpoint::Rate, post(handlers::rate)),
        )
        .route(
            "/api/v1/images/{id}/icon",
            endpoint(Endpoint::Icon, get(handlers::icon)),
        )
        .route("/api", not_found())
        .route("/api/{*rest}", not_found())
        // JSON shrinks to about a fifth with gzip or brotli, as a production API
        // would send it; icons (images) and tiny bodies are left as they are.
        .layer(CompressionLayer::new());
    if !options.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> = options
            .cors_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        api = api.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::ACCEPT])
                .max_age(std::time::Duration::from_secs(600)),
        );
    }
    let mut app = Router::new().merge(api);
    if options.fault_control {
        app = app.route("/__faults", get(faults::status).post(faults::update));
    }
    app.fallback(static_files::serve)
        .layer(middleware::from_fn(refuse_long_uris))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            common_headers,
        ))
        .with_state(state)
}

/// The longest path and query the server reads, as most servers and
/// proxies in front of an API allow; the app never sends a longer one.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// A longer request line gets the contract's error envelope (414), not a
/// bare status: here, or as a connection's first line, in [`Screened`]
/// (hyper answers a bare 414 itself past 64 KB).
async fn refuse_long_uris(request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if length > MAX_URI_BYTES {
        return ApiError::new(StatusCode::URI_TOO_LONG, "Request URI too long").into_response();
    }
    next.run(request).await
}

/// Security headers on every response, and one log line per request.
async fn common_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    // The API's answers get the headers that concern any response (the
    // app's files get them all where they are served).
    let headers = response.headers_mut();
    for (name, value) in static_files::security_headers() {
        if name == header::X_CONTENT_TYPE_OPTIONS || name == header::REFERRER_POLICY {
            headers.insert(name.clone(), value.clone());
        }
    }
    if state.log_requests {
        println!(
            "{method} {path} {} {:.1}ms",
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    response
}

/// Serves `router` on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(Screened::new(listener)?, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

/// Connections whose first request line is too long are answered here with
/// the contract's 414 envelope: hyper would refuse one over 64 KB with a
/// bare status of its own. Each connection is looked at in a task of its
/// own, so that a slow client holds up no other.
pub struct Screened {
    accepted: tokio::sync::mpsc::Receiver<(TcpStream, SocketAddr)>,
    local: SocketAddr,
}

impl Screened {
    /// Screens what `listener` accepts.
    pub fn new(listener: TcpListener) -> std::io::Result<Self> {
        let local = listener.local_addr()?;
        let (passed, accepted) = tokio::sync::mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                let Ok((stream, from)) = listener.accept().await else {
                    // Out of descriptors, say: wait a moment, as axum does.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let passed = passed.clone();
                tokio::spawn(async move {
                    if let Some(stream) = screen(stream).await {
                        let _ = passed.send((stream, from)).await;
                    }
                });
            }
        });
        Ok(Self { accepted, local })
    }
}

impl axum::serve::Listener for Screened {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        match self.accepted.recv().await {
            Some(connection) => connection,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.local)
    }
}

/// How long a client may take to send its first line.
const FIRST_LINE_WAIT: Duration = Duration::from_secs(10);

/// `stream`, unless its first request line is longer than the server reads:
/// then the 414 envelope is sent, what follows read and dropped (closing
/// with it unread would reset the connection before the answer is read),
/// and the connection closed.
async fn screen(mut stream: TcpStream) -> Option<TcpStream> {
    let limit = MAX_URI_BYTES + 64;
    let mut seen = vec![0u8; limit + 1];
    let started = Instant::now();
    loop {
        let read = tokio::time::timeout(FIRST_LINE_WAIT, stream.peek(&mut seen)).await;
        let Ok(Ok(count)) = read else {
            return Some(stream);
        };
        if count == 0 || seen[..count].contains(&b'\n') || started.elapsed() > FIRST_LINE_WAIT {
            return Some(stream);
        }
        if count > limit {
            break;
        }
        // Part of a line: the rest is on its way.
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let body = serde_json::to_string(
        &ApiError::new(StatusCode::URI_TOO_LONG, "Request URI too long").body(),
    )
    .unwrap_or_default();
    let answer = format!(
        "HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.shutdown().await;
    let mut drain = vec![0u8; 64 * 1024];
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut drained = 0;
    while drained < 8 * 1024 * 1024 && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut drain)).await {
            Ok(Ok(count)) if count > 0 => drained += count,
            _ => break,
        }
    }
    None
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::faults::FaultSettings;
    use axum::body::Body;
    use tower::ServiceExt;

    /// A router whose API answers every request with an injected 500, and its folder.
    fn failing_router(name: &str) -> (Router, std::path::PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("api-server-unit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (db, _) = Db::open(&dir.join("catalog.db")).unwrap();
        let settings = FaultSettings {
            error_rate: 1.0,
            ..Default::default()
        };
        let state = AppState {
            db: Arc::new(db),
            dist: None,
            faults: Arc::new(Faults::new(settings, 1)),
            log_requests: false,
        };
        (router(state, &RouterOptions::default()), dir)
    }

    async fn call(router: &Router, method: Method, path: &str) -> (u16, serde_json::Value) {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, serde_json::from_slice(&body).unwrap_or_default())
    }

    #[tokio::test]
    async fn faults_fail_each_route_with_its_endpoints_message() {
        let (router, dir) = failing_router("faults");
        for (method, path, endpoint) in [
            (Method::GET, "/api/v1/images/public", Endpoint::ListPublic),
            (Method::GET, "/api/v1/images/public/x", Endpoint::GetPublic),
            (Method::GET, "/api/v1/images/x/icon", Endpoint::Icon),
            (Method::GET, "/api/v1/images/user", Endpoint::ListUser),
            (Method::POST, "/api/v1/images/import/x", Endpoint::Import),
            (
                Method::POST,
                "/api/v1/images/purchase/x",
                Endpoint::Purchase,
            ),
            (Method::POST, "/api/v1/images/rate/x", Endpoint::Rate),
            // A method the route lacks is still that route's response.
            (Method::POST, "/api/v1/images/public", Endpoint::ListPublic),
            (Method::GET, "/api/v1/images/rate/x", Endpoint::Rate),
        ] {
            let (status, body) = call(&router, method.clone(), path).await;
            assert_eq!(status, 500, "{method} {path}");
            assert_eq!(
                body["message"],
                endpoint.failure_message(),
                "{method} {path}"
            );
        }
        for path in ["/api", "/api/v2/anything"] {
            let (status, body) = call(&router, Method::GET, path).await;
            assert_eq!(status, 500, "{path}");
            assert_eq!(body["message"], crate::endpoints::OTHER_FAILURE, "{path}");
        }
        // The app's files are never faulted.
        assert_eq!(call(&router, Method::GET, "/").await.0, 404);
        let _ = std::fs::remove_dir_all(dir);
    }
}
