//! The printable QR poster of a touchpoint (A4 or A5), bilingual, with the address written out.

use crate::components::document::stylesheet_href;
use crate::i18n::texts;
use domain::Lang;
use leptos::prelude::*;

/// Paper size of the poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PosterFormat {
    /// 210 x 297 mm, for a wall.
    A4,
    /// 148 x 210 mm, for a counter stand.
    A5,
}

impl PosterFormat {
    /// Reads `a4` / `a5` (anything else is A4).
    pub fn parse(raw: Option<&str>) -> PosterFormat {
        match raw.map(str::to_ascii_lowercase).as_deref() {
            Some("a5") => PosterFormat::A5,
            _ => PosterFormat::A4,
        }
    }

    fn code(self) -> &'static str {
        match self {
            PosterFormat::A4 => "a4",
            PosterFormat::A5 => "a5",
        }
    }
}

/// What the poster shows.
#[derive(Debug, Clone)]
pub struct Poster {
    /// Touchpoint code.
    pub code: String,
    /// The survey's absolute address, as encoded in the QR code.
    pub url: String,
    /// The address without its scheme, to type by hand.
    pub short_url: String,
    /// The QR code as an SVG document (generated on the server, trusted).
    pub svg: String,
    /// Site name.
    pub site: String,
    /// Service name in French.
    pub service_fr: String,
    /// Service name in English.
    pub service_en: String,
    /// Paper size.
    pub format: PosterFormat,
}

/// The poster page: a toolbar on screen, the sheet alone in print.
#[component]
pub fn PosterPage(poster: Poster) -> impl IntoView {
    let fr = texts(Lang::Fr);
    let en = texts(Lang::En);
    let sheet_class = format!("poster poster--{}", poster.format.code());
    let a4 = format!("/affiche/{}?format=a4", poster.code);
    let a5 = format!("/affiche/{}?format=a5", poster.code);
    let current = |f: PosterFormat| (poster.format == f).then_some("page");
    let title = format!("Affiche QR – {}", poster.code);
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{title}</title>
                <link rel="stylesheet" href=stylesheet_href()/>
            </head>
            <body class="poster-body">
                <nav class="poster-toolbar" aria-label="Format de l'affiche">
                    <a class="fr-btn fr-btn--secondary" href=a4 aria-current=current(PosterFormat::A4)>"A4"</a>
                    <a class="fr-btn fr-btn--secondary" href=a5 aria-current=current(PosterFormat::A5)>"A5"</a>
                    <span class="fr-hint-text">"Imprimez cette page (Ctrl+P) au format choisi, sans marges ajoutées."</span>
                </nav>
                <main class=sheet_class id="main">
                    <p class="poster__brand fr-logo">{fr.republic}</p>
                    <p class="poster__place">{poster.site.clone()} " · " {poster.service_fr.clone()}</p>
                    <h1 class="poster__title">{fr.poster_invite}</h1>
                    <p class="poster__title-en" lang="en">{en.poster_invite}</p>
                    <p class="poster__how">{fr.poster_how}</p>
                    <p class="poster__how" lang="en">{en.poster_how}</p>
                    <div
                        class="poster__qr"
                        role="img"
                        aria-label=format!("QR code vers {}", poster.url)
                        inner_html=poster.svg.clone()
                    ></div>
                    <p class="poster__or">{fr.poster_or_type} " / " <span lang="en">{en.poster_or_type}</span></p>
                    <p class="poster__url">{poster.short_url.clone()}</p>
                    <p class="poster__footer">{fr.poster_anonymous} <br/> <span lang="en">{en.poster_anonymous}</span></p>
                    <p class="poster__footer">
                        {fr.privacy_link} " / " <span lang="en">{en.privacy_link}</span> " : "
                        {format!("{}/confidentialite", poster.short_url)}
                    </p>
                </main>
            </body>
        </html>
    }
}
