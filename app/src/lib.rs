//! The Leptos application, in islands mode: every page is rendered on the server as plain HTML
//! (`pages/`, with the `components/` several pages share), and only the islands (`islands/`)
//! reach the browser as wasm. A page works without them.

#![recursion_limit = "256"]

pub mod components;
pub mod i18n;
pub mod islands;
pub mod pages;

#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// Renders a page without islands to a complete HTML document: it carries no script.
#[cfg(feature = "ssr")]
pub fn render_document<V: IntoView + 'static>(page: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| page().into_view().to_html())
}

/// Renders a page with islands to a complete HTML document, and the nonce its
/// Content-Security-Policy must allow for the script that hydrates them.
#[cfg(feature = "ssr")]
pub fn render_document_with_islands<V: IntoView + 'static>(
    page: impl FnOnce() -> V,
) -> (String, String) {
    use hydration_context::SsrSharedContext;
    use leptos::nonce::Nonce;
    use std::sync::Arc;
    // Islands that take children need the shared context of a server render.
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    owner.with(|| {
        let nonce = Nonce::new();
        provide_context(nonce.clone());
        (page().into_view().to_html(), nonce.to_string())
    })
}
