//! The built assets (`/pkg/...`: the stylesheet, the islands' script and wasm), served as
//! `make build` precompressed them, and the icon every browser asks for.

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower_http::services::ServeDir;

/// `/pkg/...` from `pkg`: the brotli or gzip copy `make build` left beside each asset when the
/// browser takes it, and the cache policy of [`cache_policy`].
pub fn pkg<S: Clone + Send + Sync + 'static>(pkg: &Path) -> Router<S> {
    let files = ServeDir::new(pkg).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_policy))
}

/// The stylesheet's address names the release (`?v=`): it is kept an hour. The islands' script
/// and wasm keep their names from one release to the next: the browser asks each time whether
/// they changed (a 304 when not), so a page never runs an older wasm against newer props. The
/// answer depends on `Accept-Encoding` (precompressed copies): caches must know it.
async fn cache_policy(req: Request, next: Next) -> Response {
    let versioned = req.uri().path().ends_with(".css");
    let mut resp = next.run(req).await;
    let headers = resp.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if versioned {
            "public, max-age=3600"
        } else {
            "no-cache"
        }),
    );
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    resp
}

/// The icon browsers ask for on every site: the product's initials on the state's blue.
const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
<rect width=\"32\" height=\"32\" rx=\"4\" fill=\"#000091\"/>\
<text x=\"16\" y=\"22\" font-family=\"Arial,sans-serif\" font-size=\"16\" font-weight=\"700\" \
fill=\"#fff\" text-anchor=\"middle\">QA</text></svg>";

/// `GET /favicon.ico` (an SVG, which browsers accept there).
pub async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
}
