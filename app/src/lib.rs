//! The Leptos application: the hydrated shell and its routes, and the server-rendered pages
//! of visitors, posters and the staff's results.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use pages::home::HomePage;

/// The HTML document of the hydrated application.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The hydrated application (staff pages; the visitor's pages carry no wasm).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="app-css" href=components::document::stylesheet_href()/>
        <Title text="Qualité de l'accueil"/>
        <a class="fr-skiplink" href="#main">"Aller au contenu"</a>
        <header class="fr-header">
            <div class="fr-header__brand">
                <p class="fr-logo">"République française"</p>
                <div class="fr-header__service">
                    <p class="fr-header__service-title">"Qualité de l'accueil"</p>
                    <p class="fr-header__service-tagline">"Enquêtes et visites mystères"</p>
                </div>
            </div>
        </header>
        <Router>
            <main id="main" class="fr-container fr-container--wide" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The router's fallback.
#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1>"Page introuvable"</h1>
        <p>"La page demandée n'existe pas. " <a class="fr-link" href="/">"Revenir à l'accueil"</a></p>
    }
}

/// Renders a server-only page (visitor pages, poster) to a complete HTML document.
#[cfg(feature = "ssr")]
pub fn render_document<V: IntoView + 'static>(page: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| page().into_view().to_html())
}
