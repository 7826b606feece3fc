//! The document around every server-rendered page: the stylesheet (and, on a page with islands,
//! the script that hydrates them), the header with its language switch, the main column and the
//! footer, with the visitors' or the staff's tagline and footer.

use crate::i18n::texts;
use domain::Lang;
use leptos::prelude::*;

/// The tagline under the product's name and the footer of the staff's pages, in a language.
pub fn staff_tagline_footer(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Fr => (
            "Résultats et qualité de service",
            "Les réponses des usagers sont anonymes ; les groupes de moins de 5 réponses ne sont pas affichés.",
        ),
        Lang::En => (
            "Results and quality of service",
            "Visitors' answers are anonymous; groups of fewer than 5 answers are not shown.",
        ),
    }
}

/// The stylesheet, versioned so a new release is not hidden by a cached copy.
pub fn stylesheet_href() -> String {
    format!("/pkg/app.css?v={}", env!("CARGO_PKG_VERSION"))
}

/// A link to the same page in language `to`, named in that language, marked current when it is
/// the page's own `lang`.
pub fn language_link(
    to: Lang,
    href: String,
    lang: Lang,
    class: Option<&'static str>,
) -> impl IntoView + use<> {
    let current = (to == lang).then_some("true");
    view! {
        <a class=class href=href hreflang=to.code() lang=to.code() aria-current=current>
            {to.native_name()}
        </a>
    }
}

/// A document that is a sheet to print (the transparency poster, the committee's report, its
/// slides): no site header nor footer, the product's stylesheet (`stylesheets` first, others
/// after) and `noindex`.
#[component]
pub fn SheetDocument(
    lang: Lang,
    /// The `<title>`.
    title: String,
    /// The stylesheets' addresses, in order.
    stylesheets: Vec<String>,
    /// The body's class.
    body_class: &'static str,
    children: Children,
) -> impl IntoView {
    let links = stylesheets
        .into_iter()
        .map(|href| view! { <link rel="stylesheet" href=href/> })
        .collect_view();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex"/>
                <title>{title}</title>
                {links}
            </head>
            <body class=body_class>{children()}</body>
        </html>
    }
}

/// The header and footer every public page shares.
#[component]
pub fn PublicDocument(
    lang: Lang,
    /// The `<title>`.
    title: String,
    /// Path (without query) the language links point to; `None` hides the switch.
    switch_path: Option<String>,
    /// Languages offered by the switch.
    #[prop(default = Lang::ALL.to_vec())]
    languages: Vec<Lang>,
    /// A staff page (results): its own tagline and footer.
    #[prop(optional)]
    staff: bool,
    /// Reload the page every second (an import's progress), without a script.
    #[prop(optional)]
    refresh: bool,
    /// The site's options when the page has islands: its head then loads the script that
    /// hydrates them (render it with `render_document_with_islands`, which gives it its nonce).
    #[prop(optional_no_strip)]
    islands: Option<LeptosOptions>,
    children: Children,
) -> impl IntoView {
    let t = texts(lang);
    let (tagline, footer) = if staff {
        staff_tagline_footer(lang)
    } else {
        (t.product_tagline, t.footer_privacy)
    };
    let switch = switch_path.filter(|_| languages.len() > 1).map(|path| {
        let links = languages
            .into_iter()
            .map(|l| {
                let joiner = if path.contains('?') { '&' } else { '?' };
                let href = format!("{path}{joiner}lang={}", l.code());
                view! { <li>{language_link(l, href, lang, Some("fr-translate__link"))}</li> }
            })
            .collect_view();
        view! {
            <nav class="fr-translate" aria-label=t.language>
                <ul>{links}</ul>
            </nav>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex"/>
                {refresh.then(|| view! { <meta http-equiv="refresh" content="1"/> })}
                <title>{title}</title>
                <link rel="stylesheet" href=stylesheet_href()/>
                {islands.map(|options| view! { <HydrationScripts options islands=true/> })}
            </head>
            <body>
                <a class="fr-skiplink" href="#main">{t.skip_to_content}</a>
                <header class="fr-header">
                    <div class="fr-header__brand">
                        <p class="fr-logo">
                            {t.republic}
                        </p>
                        <div class="fr-header__service">
                            <p class="fr-header__service-title">{t.product_name}</p>
                            <p class="fr-header__service-tagline">{tagline}</p>
                        </div>
                    </div>
                    <div class="fr-header__tools">{switch}</div>
                </header>
                <main id="main" class=if staff { "fr-container fr-container--wide" } else { "fr-container" } tabindex="-1">
                    {children()}
                </main>
                <footer class="fr-footer">
                    <div class="fr-footer__content">
                        <p class="fr-text--sm">{footer}</p>
                    </div>
                </footer>
            </body>
        </html>
    }
}
