//! The committee's report as slides for the projector (`/rapport/diaporama`): the report's very
//! figures and charts, one idea per 16:9 slide, large type. Each slide is an anchor
//! (`#diapo-3`) with links to the previous and next ones, so it works without JavaScript: the
//! links (Tab, Enter) or Page Down and Space, which move one slide since each fills the screen
//! and the page snaps to them. Printed, one landscape page per slide.

use crate::components::charts::diverging::diverging_chart;
use crate::components::charts::rows::{RowsChart, rows_chart};
use crate::components::charts::tile::tiles;
use crate::components::charts::trend::trend_chart;
use crate::components::charts::words::{Noun, uncertainty_sentence};
use crate::components::document::{SheetDocument, language_link};
use crate::i18n::texts;
use crate::pages::results::dashboard::items_list;
use crate::pages::results::meeting::{MeetingView, findings};
use domain::Lang;
use leptos::prelude::*;

/// One slide: its title and what it shows.
struct Slide {
    title: String,
    body: AnyView,
}

/// The most bars a slide holds; a longer chart goes on several slides.
const ROWS_PER_SLIDE: usize = 7;

/// A chart of bars as slides of at most [`ROWS_PER_SLIDE`] bars each, "(1/3)" in their titles.
fn row_slides(chart: RowsChart, lang: Lang) -> Vec<Slide> {
    let parts = chart.rows.len().div_ceil(ROWS_PER_SLIDE).max(1);
    if parts == 1 {
        return vec![Slide {
            title: chart.caption.clone(),
            body: rows_chart(chart).into_any(),
        }];
    }
    chart
        .rows
        .chunks(ROWS_PER_SLIDE)
        .enumerate()
        .map(|(k, rows)| {
            let part = match lang {
                Lang::Fr => format!("{} ({} sur {parts})", chart.caption, k + 1),
                Lang::En => format!("{} ({} of {parts})", chart.caption, k + 1),
            };
            let piece = RowsChart {
                id: format!("{}-{}", chart.id, k + 1),
                caption: part.clone(),
                rows: rows.to_vec(),
                ..chart.clone()
            };
            Slide {
                title: part,
                body: rows_chart(piece).into_any(),
            }
        })
        .collect()
}

fn slides_of(view: &MeetingView) -> Vec<Slide> {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let t = |a: &str, e: &str| if fr { a.to_owned() } else { e.to_owned() };
    let Some(b) = view.body.clone() else {
        return Vec::new();
    };
    let hidden = b.hidden_below;
    let none: &'static str = if fr {
        "Rien sur la période."
    } else {
        "Nothing over the period."
    };
    let mut slides = Vec::new();
    let mut summary_tiles = b.tiles.clone();
    summary_tiles.extend(b.entered.iter().cloned());
    let found = findings(&summary_tiles, b.compared.as_deref(), hidden, lang);
    slides.push(Slide {
        title: t("L'essentiel", "At a glance"),
        body: view! { <p class="slide__lead">{b.headline.clone()}</p> }.into_any(),
    });
    slides.push(Slide {
        title: t(
            "Ce qui s'améliore, ce qui recule",
            "What improved, what declined",
        ),
        body: view! {
            <div class="slide__columns">
                <div><h3>{t("S'améliore", "Improved")}</h3>{items_list(found.improved, none)}</div>
                <div><h3>{t("Recule", "Declined")}</h3>{items_list(found.worsened, none)}</div>
            </div>
        }
        .into_any(),
    });
    slides.push(Slide {
        title: t(
            "Ce qui ne change pas de façon démontrée",
            "What did not demonstrably change",
        ),
        body: items_list(found.steady, none),
    });
    if !found.caveats.is_empty() || !found.missing.is_empty() {
        let mut items = found.caveats;
        items.extend(found.missing);
        slides.push(Slide {
            title: t("À lire avec prudence", "Read with care"),
            body: items_list(items, none),
        });
    }
    slides.push(Slide {
        title: t("L'enquête de satisfaction", "The satisfaction survey"),
        body: tiles(b.tiles.clone(), hidden, lang).into_any(),
    });
    if let Some(trend) = b.trend.clone() {
        slides.push(Slide {
            title: trend.caption.clone(),
            body: trend_chart(trend).into_any(),
        });
    }
    if let Some(answers) = b.answers.clone() {
        slides.push(Slide {
            title: answers.caption.clone(),
            body: diverging_chart(answers).into_any(),
        });
    }
    for chart in b.comparisons.clone() {
        slides.extend(row_slides(chart, lang));
    }
    let s = view.sections.clone();
    slides.push(Slide {
        title: t("Le téléphone, les courriels", "The telephone, e-mails"),
        body: {
            let mut items = s.telephone;
            items.extend(s.mail);
            tiles(items, hidden, lang).into_any()
        },
    });
    slides.push(Slide {
        title: t(
            "Réclamations et délais de délivrance",
            "Complaints and delivery delays",
        ),
        body: {
            let mut items = s.complaints;
            items.extend(s.delays);
            tiles(items, hidden, lang).into_any()
        },
    });
    for block in b.mystery.clone() {
        slides.push(Slide {
            title: block.title.clone(),
            body: tiles(block.tiles, hidden, lang).into_any(),
        });
        for chart in block.charts {
            slides.extend(row_slides(chart, lang));
        }
    }
    let measured = b
        .referential
        .iter()
        .filter(|l| !(l.perceived.is_empty() && l.rendered.is_empty() && l.entered.is_empty()))
        .count();
    slides.push(Slide {
        title: t("Les engagements du référentiel", "The referential's engagements"),
        body: view! {
            <p class="slide__lead">{match lang {
                Lang::Fr => format!("{measured} engagements sur {} ont une mesure sur la période ; le détail est dans le rapport.", b.referential.len()),
                Lang::En => format!("{measured} engagements out of {} are measured over the period; the report has the detail.", b.referential.len()),
            }}</p>
        }
        .into_any(),
    });
    if !view.quotes.is_empty() {
        let quotes = view
            .quotes
            .iter()
            .take(4)
            .cloned()
            .map(|q| {
                view! {
                    <blockquote class="report__quote">
                        <p>{q.text}</p>
                        <footer>{format!("{} — {}", q.place, q.day)}</footer>
                    </blockquote>
                }
            })
            .collect_view();
        slides.push(Slide {
            title: t("Ce que les visiteurs ont écrit", "What visitors wrote"),
            body: quotes.into_any(),
        });
    }
    slides.push(Slide {
        title: t("La méthode", "The method"),
        body: view! { <p>{uncertainty_sentence(view.method.level, Noun::Answers, lang)}</p> }
            .into_any(),
    });
    slides
}

/// The slides page.
#[component]
pub fn SlidesPage(view: MeetingView) -> impl IntoView {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let republic = texts(lang).republic;
    let (previous, next, of, title_word, back) = if fr {
        (
            "Précédente",
            "Suivante",
            "sur",
            "Rapport au comité local des usagers",
            "Le rapport",
        )
    } else {
        (
            "Previous",
            "Next",
            "of",
            "Report to the local users' committee",
            "The report",
        )
    };
    let (scope, period) = view
        .body
        .as_ref()
        .map(|b| (b.scope_name.clone(), b.period.clone()))
        .unwrap_or_default();
    let slides = slides_of(&view);
    let total = slides.len() + 1;
    let nav = move |i: usize| {
        let label = match lang {
            Lang::Fr => format!("Diapositive {i} sur {total}"),
            Lang::En => format!("Slide {i} of {total}"),
        };
        view! {
            <nav class="slide__nav" aria-label=label>
                {(i > 1).then(|| view! { <a href=format!("#diapo-{}", i - 1) rel="prev">{format!("← {previous}")}</a> })}
                <span aria-hidden="true">{format!("{i} {of} {total}")}</span>
                {(i < total).then(|| view! { <a href=format!("#diapo-{}", i + 1) rel="next">{format!("{next} →")}</a> })}
            </nav>
        }
    };
    let items = slides
        .into_iter()
        .enumerate()
        .map(|(k, s)| {
            let i = k + 2;
            let id = format!("diapo-{i}");
            view! {
                <section class="slide" id=id>
                    <h2>{s.title}</h2>
                    <div class="slide__body">{s.body}</div>
                    {nav(i)}
                </section>
            }
        })
        .collect_view();
    let languages = view
        .links
        .languages
        .iter()
        .map(|(l, query)| language_link(*l, format!("/rapport/diaporama{query}"), lang, None))
        .collect_view();
    let error = (!view.errors.is_empty()).then(|| {
        let messages: Vec<String> = view.errors.iter().map(|(_, m)| m.clone()).collect();
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{messages.join(" ")}</p></div> }
    });
    view! {
        <SheetDocument
            lang=lang
            title=format!("{title_word} – {scope} – {}", if fr { "diaporama" } else { "slides" })
            stylesheets=vec![view.links.stylesheet.clone()]
            body_class="slides-body"
        >
                <main id="main" class="slides">
                    <section class="slide slide--title" id="diapo-1">
                        <p class="fr-logo">{republic}</p>
                        <p class="slide__organisation">{view.organisation.clone()}</p>
                        <h1>{title_word}</h1>
                        <p class="slide__lead">{scope.clone()}</p>
                        <p>{period.clone()}</p>
                        <p>{match lang {
                            Lang::Fr => format!("Réunion du {}", view.meeting),
                            Lang::En => format!("Meeting of {}", view.meeting),
                        }}</p>
                        {error}
                        <p class="slide__tools"><a href=view.links.report.clone()>{back}</a>" · "{languages}</p>
                        {nav(1)}
                    </section>
                    {items}
                </main>
        </SheetDocument>
    }
}
