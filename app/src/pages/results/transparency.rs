//! The quarterly transparency poster (`/transparence?trimestre=2026-T3`): what Services Publics+
//! asks every site to display in its hall, one A4 (or A3) portrait sheet: the satisfaction the
//! survey measured (with its n and interval in plain words, the score's colour band in words
//! too), the figures entered from other systems with their source, and the survey's QR code.
//! A toolbar on screen (quarter, site, paper, language); the sheet alone in print.

use crate::components::charts::model::{Band, Figure, Unit};
use crate::components::charts::tile::gauge;
use crate::components::document::{SheetDocument, language_link, stylesheet_href};
use crate::components::format::decimal;
use crate::components::forms::Named;
use crate::i18n::texts;
use domain::Lang;
use leptos::prelude::*;

/// Paper size of the transparency poster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 x 297 mm.
    A4,
    /// 297 x 420 mm, the same sheet scaled up.
    A3,
}

impl Paper {
    /// Reads `a4` / `a3`; `None` for anything else.
    pub fn parse(raw: Option<&str>) -> Option<Paper> {
        match raw.map(|r| r.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("a4") => Some(Paper::A4),
            Some("a3") => Some(Paper::A3),
            _ => None,
        }
    }

    /// `a4` or `a3`.
    pub fn code(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
        }
    }
}

/// A figure of the poster.
#[derive(Debug, Clone, PartialEq)]
pub enum PosterValue {
    /// Measured by the survey over the quarter.
    Measured(Figure),
    /// Entered by the referent from another system, with where it comes from; `None` when
    /// nothing was entered for the quarter.
    Entered {
        /// The value (a share in 0..1 for rates).
        value: Option<f64>,
        /// The sources the entries named.
        sources: Vec<String>,
    },
}

/// One figure of the poster: its name, its value and the unit it is read in.
#[derive(Debug, Clone, PartialEq)]
pub struct PosterFigure {
    /// "Note de satisfaction".
    pub name: String,
    /// Its value.
    pub value: PosterValue,
    /// Its unit.
    pub unit: Unit,
}

/// The survey's address on the poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterQr {
    /// The absolute address the QR code holds.
    pub url: String,
    /// The same without its scheme, to type by hand.
    pub short_url: String,
    /// The QR code as an SVG document (made on the server, trusted).
    pub svg: String,
}

/// The sheet itself.
#[derive(Debug, Clone, PartialEq)]
pub struct TransparencySheet {
    /// The organisation's name.
    pub organisation: String,
    /// The site's name.
    pub site: String,
    /// "3e trimestre 2026".
    pub quarter: String,
    /// "de juillet à septembre 2026".
    pub months: String,
    /// The survey's figures.
    pub measured: Vec<PosterFigure>,
    /// The figures entered from other systems.
    pub entered: Vec<PosterFigure>,
    /// The survey's QR code, when the site has a touchpoint.
    pub qr: Option<PosterQr>,
    /// The confidence level of the intervals (0.95).
    pub level: f64,
    /// Under this many answers a figure is not shown.
    pub hidden_below: u64,
    /// Under this many answers a figure is read with care.
    pub fragile_below: u64,
}

/// The addresses of the same poster in the other paper size, quarter or language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosterLinks {
    pub a4: String,
    pub a3: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub languages: Vec<(Lang, String)>,
}

/// What the poster's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TransparencyView {
    pub lang: Lang,
    /// The paper size.
    pub paper: Paper,
    /// The quarter as typed (`2026-T3`).
    pub quarter: String,
    /// The toolbar's links (made by the server, encoded).
    pub links: PosterLinks,
    /// The site's code and the organisation's sites.
    pub site: String,
    pub sites: Vec<Named>,
    /// `&organisation=CODE` for an administrator of the instance.
    pub org_query: String,
    /// What is wrong with the request (the page answers 400 then, without a sheet).
    pub error: Option<(String, String)>,
    pub sheet: Option<TransparencySheet>,
}

/// "3e trimestre 2026", "Q3 2026".
pub fn quarter_title(year: i32, quarter: u32, lang: Lang) -> String {
    match lang {
        Lang::Fr if quarter == 1 => format!("1er trimestre {year}"),
        Lang::Fr => format!("{quarter}e trimestre {year}"),
        Lang::En => format!("Q{quarter} {year}"),
    }
}

/// The sentence under a measured figure: its n and interval in plain words, or why it is not
/// shown.
pub fn measured_words(
    figure: &Figure,
    unit: Unit,
    level: f64,
    hidden_below: u64,
    lang: Lang,
) -> String {
    let chances = decimal(level * 100.0, 0, lang);
    match figure {
        Figure::Shown(m) => {
            let n = crate::components::charts::model::count(m.n as i64, lang);
            let (low, high) = (unit.value(m.lower, lang), unit.value(m.upper, lang));
            let people = if m.n == 1 { "usager" } else { "usagers" };
            let base = match lang {
                Lang::Fr => format!(
                    "Mesuré auprès de {n}\u{a0}{people}. La vraie valeur se situe très probablement ({chances} chances sur 100) entre {low} et {high}."
                ),
                Lang::En => format!(
                    "Measured among {n} visitor{}. The true value very probably ({chances} chances in 100) lies between {low} and {high}.",
                    if m.n == 1 { "" } else { "s" }
                ),
            };
            if m.fragile {
                match lang {
                    Lang::Fr => format!("{base} Peu de réponses : à lire avec prudence."),
                    Lang::En => format!("{base} Few answers: read with care."),
                }
            } else {
                base
            }
        }
        Figure::Hidden(0) => match lang {
            Lang::Fr => "Aucune réponse à l'enquête ce trimestre.".into(),
            Lang::En => "No answer to the survey this quarter.".into(),
        },
        Figure::Hidden(_) => match lang {
            Lang::Fr => format!(
                "Moins de {hidden_below} réponses ce trimestre : le chiffre n'est pas affiché, pour que personne ne puisse être reconnu."
            ),
            Lang::En => format!(
                "Fewer than {hidden_below} answers this quarter: the figure is not shown, so that no one can be recognised."
            ),
        },
    }
}

/// The sentence under an entered figure: its source, or that it is missing.
pub fn entered_words(value: Option<f64>, sources: &[String], lang: Lang) -> String {
    match (value, sources.is_empty(), lang) {
        (None, _, Lang::Fr) => "Chiffre non disponible pour ce trimestre.".into(),
        (None, _, Lang::En) => "Figure not available for this quarter.".into(),
        (Some(_), true, Lang::Fr) => "Chiffre de nos services, source non précisée.".into(),
        (Some(_), true, Lang::En) => "Figure from our services, source not given.".into(),
        (Some(_), false, Lang::Fr) => format!("Source\u{a0}: {}.", sources.join(", ")),
        (Some(_), false, Lang::En) => format!("Source: {}.", sources.join(", ")),
    }
}

fn suffix(unit: Unit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (Unit::Score10, Lang::Fr) => "\u{a0}sur\u{a0}10",
        (Unit::Score10, Lang::En) => " out of 10",
        (Unit::Mean(5), Lang::Fr) => "\u{a0}sur\u{a0}5",
        (Unit::Mean(5), Lang::En) => " out of 5",
        _ => "",
    }
}

fn poster_figure(f: PosterFigure, s: &TransparencySheet, lang: Lang) -> impl IntoView + use<> {
    let unit = f.unit;
    let (class, value, band, drawn, words) = match &f.value {
        PosterValue::Measured(figure) => {
            let words = measured_words(figure, unit, s.level, s.hidden_below, lang);
            match figure.mark() {
                Some(m) => {
                    let band = Band::of(m, unit);
                    (
                        format!("tp-figure {}", band.class()),
                        unit.value(m.value, lang),
                        band.words(lang),
                        Some(gauge(m, unit)),
                        words,
                    )
                }
                None => (
                    "tp-figure band-fragile".to_owned(),
                    "—".to_owned(),
                    "",
                    None,
                    words,
                ),
            }
        }
        PosterValue::Entered { value, sources } => (
            "tp-figure tp-figure--entered".to_owned(),
            value.map_or("—".to_owned(), |v| unit.value(v, lang)),
            "",
            None,
            entered_words(*value, sources, lang),
        ),
    };
    let shown = value != "—";
    view! {
        <li class=class>
            <p class="tp-figure__name">{f.name}</p>
            <p class="tp-figure__value">{value}{shown.then(|| view! { <span class="tp-figure__unit">{suffix(unit, lang)}</span> })}</p>
            {(!band.is_empty()).then(|| view! { <p class="tp-figure__band">{band}</p> })}
            {drawn}
            <p class="tp-figure__words">{words}</p>
        </li>
    }
}

fn sheet_view(s: TransparencySheet, paper: Paper, lang: Lang) -> impl IntoView + use<> {
    let t = texts(lang);
    let (measured_title, entered_title, promise, give, anonymous, method, no_qr) = match lang {
        Lang::Fr => (
            "Votre satisfaction, mesurée par notre enquête",
            "Nos délais et nos réponses, chiffres de nos services",
            "Services Publics+ : nous affichons nos résultats chaque trimestre, les bons comme les moins bons.",
            "Donnez votre avis",
            "Questionnaire anonyme, moins d'une minute, après votre rendez-vous.",
            format!(
                "Méthode : chaque chiffre mesuré est donné avec son intervalle de confiance à {} %. Sous {} réponses, il est signalé comme fragile ; sous {}, il n'est pas affiché.",
                decimal(s.level * 100.0, 0, lang),
                s.fragile_below,
                s.hidden_below
            ),
            "Le questionnaire de ce site n'est pas encore en ligne.",
        ),
        Lang::En => (
            "Your satisfaction, measured by our survey",
            "Our delays and answers, figures from our services",
            "Services Publics+: we display our results every quarter, the good and the less good.",
            "Give your opinion",
            "Anonymous questionnaire, under a minute, after your appointment.",
            format!(
                "Method: each measured figure comes with its {} % confidence interval. Under {} answers it is flagged as fragile; under {} it is not shown.",
                decimal(s.level * 100.0, 0, lang),
                s.fragile_below,
                s.hidden_below
            ),
            "This site's questionnaire is not online yet.",
        ),
    };
    let heading = match lang {
        Lang::Fr => format!("Nos résultats du {}", s.quarter),
        Lang::En => format!("Our results, {}", s.quarter),
    };
    let measured = s
        .measured
        .clone()
        .into_iter()
        .map(|f| poster_figure(f, &s, lang))
        .collect_view();
    let entered = s
        .entered
        .clone()
        .into_iter()
        .map(|f| poster_figure(f, &s, lang))
        .collect_view();
    let qr = match s.qr.clone() {
        Some(qr) => view! {
            <div class="tp-qr__code" role="img" aria-label=format!("QR code : {}", qr.url) inner_html=qr.svg></div>
            <div class="tp-qr__words">
                <p class="tp-qr__give">{give}</p>
                <p class="tp-qr__url">{qr.short_url}</p>
                <p>{anonymous}</p>
            </div>
        }
        .into_any(),
        None => view! { <p>{no_qr}</p> }.into_any(),
    };
    view! {
        <main class=format!("tp tp--{}", paper.code()) id="main">
            <header class="tp__head">
                <p class="tp__brand fr-logo">{t.republic}</p>
                <div class="tp__place">
                    <p class="tp__organisation">{s.organisation.clone()}</p>
                    {(s.site != s.organisation).then(|| view! { <p>{s.site.clone()}</p> })}
                </div>
            </header>
            <h1 class="tp__title">{heading}</h1>
            <p class="tp__months">{s.months.clone()}</p>
            <p class="tp__promise">{promise}</p>
            <section class="tp__section" aria-labelledby="tp-measured">
                <h2 id="tp-measured">{measured_title}</h2>
                <ul class="tp-figures tp-figures--measured">{measured}</ul>
            </section>
            <section class="tp__section" aria-labelledby="tp-entered">
                <h2 id="tp-entered">{entered_title}</h2>
                <ul class="tp-figures">{entered}</ul>
            </section>
            <footer class="tp__foot">
                <div class="tp-qr">{qr}</div>
                <p class="tp__method">{method}</p>
            </footer>
        </main>
    }
}

/// The transparency poster's page.
#[component]
pub fn TransparencyPage(view: TransparencyView) -> impl IntoView {
    let lang = view.lang;
    let (
        title_word,
        paper_label,
        quarter_label,
        quarter_hint,
        site_label,
        show,
        print,
        previous,
        next,
        back,
        languages,
    ) = match lang {
        Lang::Fr => (
            "Affiche de transparence",
            "Format de l'affiche",
            "Trimestre",
            "Sous la forme AAAA-Tn, par exemple 2026-T3.",
            "Site",
            "Afficher",
            "Imprimez cette page (Ctrl+P) : elle tient sur une feuille, en couleur comme en noir et blanc.",
            "Trimestre précédent",
            "Trimestre suivant",
            "Tableau de bord",
            "Langue",
        ),
        Lang::En => (
            "Transparency poster",
            "Poster size",
            "Quarter",
            "As YYYY-Tn (T for trimestre, the quarter), for example 2026-T3.",
            "Site",
            "Show",
            "Print this page (Ctrl+P): it fits on one sheet, in colour and in black and white.",
            "Previous quarter",
            "Next quarter",
            "Dashboard",
            "Language",
        ),
    };
    let other_quarters = match lang {
        Lang::Fr => "Autres trimestres",
        Lang::En => "Other quarters",
    };
    let title = match &view.sheet {
        Some(s) => format!("{title_word} – {} – {}", s.quarter, s.site),
        None => title_word.to_owned(),
    };
    let paper_link = |p: Paper| {
        let href = match p {
            Paper::A4 => view.links.a4.clone(),
            Paper::A3 => view.links.a3.clone(),
        };
        let current = (view.paper == p).then_some("page");
        let label = p.code().to_ascii_uppercase();
        view! { <a class="fr-btn fr-btn--secondary" href=href aria-current=current>{label}</a> }
    };
    let lang_links = view
        .links
        .languages
        .iter()
        .map(|(l, href)| language_link(*l, href.clone(), lang, None))
        .collect_view();
    let step = |href: &Option<String>, label: &'static str| {
        href.clone().map(|href| view! { <a href=href>{label}</a> })
    };
    let (a4, a3) = (paper_link(Paper::A4), paper_link(Paper::A3));
    let (before, after) = (
        step(&view.links.previous, previous),
        step(&view.links.next, next),
    );
    let site_options = view
        .sites
        .iter()
        .map(|s| {
            let selected = s.code == view.site;
            view! { <option value=s.code.clone() selected=selected>{s.name.clone()}</option> }
        })
        .collect_view();
    let error = view.error.clone();
    let quarter_error = error
        .as_ref()
        .filter(|(field, _)| field == "trimestre")
        .map(|(_, m)| m.clone());
    let alert = error.as_ref().map(|(_, m)| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{m.clone()}</p></div> }
    });
    let described = if quarter_error.is_some() {
        "tp-quarter-hint tp-quarter-error"
    } else {
        "tp-quarter-hint"
    };
    let organisation_field = view
        .org_query
        .strip_prefix("&organisation=")
        .map(|o| view! { <input type="hidden" name="organisation" value=o.to_owned()/> });
    let dashboard = format!("/tableau-de-bord?lang={}{}", lang.code(), view.org_query);
    let sheet = view.sheet.clone().map(|s| sheet_view(s, view.paper, lang));
    view! {
        <SheetDocument lang=lang title=title stylesheets=vec![stylesheet_href()] body_class="poster-body">
                <header class="poster-toolbar tp-toolbar">
                    <p><a href=dashboard>{back}</a></p>
                    <nav aria-label=paper_label class="tp-toolbar__group">
                        {a4}
                        {a3}
                    </nav>
                    <nav aria-label=other_quarters class="tp-toolbar__group">
                        {before}
                        {after}
                    </nav>
                    <nav aria-label=languages class="tp-toolbar__group">{lang_links}</nav>
                    <form class="tp-toolbar__form" method="get" action="/transparence">
                        <div class="fr-input-group">
                            <label class="fr-label" for="tp-quarter">{quarter_label}</label>
                            <p class="fr-hint-text" id="tp-quarter-hint">{quarter_hint}</p>
                            <input class="fr-input" id="tp-quarter" name="trimestre" value=view.quarter.clone() aria-describedby=described aria-invalid=quarter_error.is_some().then_some("true")/>
                            {quarter_error.clone().map(|m| view! { <p class="fr-message--error" id="tp-quarter-error">{m}</p> })}
                        </div>
                        <div class="fr-select-group">
                            <label class="fr-label" for="tp-site">{site_label}</label>
                            <select class="fr-select" id="tp-site" name="site">{site_options}</select>
                        </div>
                        <input type="hidden" name="format" value=view.paper.code()/>
                        <input type="hidden" name="lang" value=lang.code()/>
                        {organisation_field}
                        <button type="submit" class="fr-btn">{show}</button>
                    </form>
                    <p class="fr-hint-text">{print}</p>
                </header>
                {match sheet {
                    Some(sheet) => sheet.into_any(),
                    None => view! { <main id="main" class="tp-toolbar"><h1>{title_word}</h1>{alert}</main> }.into_any(),
                }}
        </SheetDocument>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::charts::model::Mark;

    #[test]
    fn a_measured_figure_says_its_n_and_its_interval_in_plain_words() {
        let shown = Figure::Shown(Mark {
            value: 7.8,
            lower: 7.5,
            upper: 8.1,
            n: 1412,
            fragile: false,
        });
        assert_eq!(
            measured_words(&shown, Unit::Score10, 0.95, 5, Lang::Fr),
            "Mesuré auprès de 1\u{202f}412\u{a0}usagers. La vraie valeur se situe très probablement (95 chances sur 100) entre 7,5 et 8,1."
        );
        let fragile = Figure::Shown(Mark {
            value: 0.7,
            lower: 0.45,
            upper: 0.87,
            n: 12,
            fragile: true,
        });
        let words = measured_words(&fragile, Unit::Share, 0.9, 5, Lang::En);
        assert!(words.contains("12 visitors") && words.contains("90 chances"));
        assert!(words.contains("45%") && words.ends_with("Few answers: read with care."));
        assert_eq!(
            measured_words(&Figure::Hidden(3), Unit::Share, 0.95, 5, Lang::Fr),
            "Moins de 5 réponses ce trimestre : le chiffre n'est pas affiché, pour que personne ne puisse être reconnu."
        );
        assert!(
            measured_words(&Figure::Hidden(0), Unit::Share, 0.95, 5, Lang::En)
                .starts_with("No answer")
        );
    }

    #[test]
    fn an_entered_figure_names_its_source_or_says_it_is_missing_rather_than_zero() {
        assert_eq!(
            entered_words(Some(93.4), &["standard".into(), "ANTS".into()], Lang::Fr),
            "Source\u{a0}: standard, ANTS."
        );
        assert_eq!(
            entered_words(None, &[], Lang::Fr),
            "Chiffre non disponible pour ce trimestre."
        );
        assert!(entered_words(Some(4.0), &[], Lang::En).contains("source not given"));
    }

    #[test]
    fn quarters_are_named_and_paper_sizes_read() {
        assert_eq!(quarter_title(2026, 1, Lang::Fr), "1er trimestre 2026");
        assert_eq!(quarter_title(2026, 3, Lang::Fr), "3e trimestre 2026");
        assert_eq!(quarter_title(2026, 3, Lang::En), "Q3 2026");
        assert_eq!(Paper::parse(None), Some(Paper::A4));
        assert_eq!(Paper::parse(Some("A3")), Some(Paper::A3));
        assert_eq!(Paper::parse(Some("a5")), None);
    }
}
