//! The committee's report (`/rapport`, and `/rapport.pdf` printed from it): the dashboard's
//! figures and charts laid out as a document for the meeting of the local users' committee.
//! A cover, a one-page summary written from the data (what improved, what did not, the caveats
//! of small samples), then footfall, the survey, the telephone, letters and e-mails,
//! complaints, mystery visits, the referential's engagements, the comments the referent chose
//! to quote, and a method annex. It prints on A4: page breaks never cut a chart or a table row,
//! a running header names the organisation and the period, pages are numbered.

use crate::components::charts::diverging::diverging_chart;
use crate::components::charts::model::{Figure, Verdict, count};
use crate::components::charts::rows::rows_chart;
use crate::components::charts::tile::{Tile, TileValue, tiles};
use crate::components::charts::trend::trend_chart;
use crate::components::charts::words::{Noun, change_words, mark_words, uncertainty_sentence};
use crate::components::document::{SheetDocument, language_link};
use crate::i18n::texts;
use crate::pages::results::dashboard::{
    DashboardBody, MysteryBlock, items_list, left_out_note, mystery_view, referential_view,
};
use crate::pages::results::form::{ResultsForm, ScopeOption};
use crate::pages::results::page::query_form;
use domain::Lang;
use leptos::prelude::*;

/// What the summary says, sorted: each a sentence with its figure, n and interval.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Demonstrated improvements.
    pub improved: Vec<String>,
    /// Demonstrated declines.
    pub worsened: Vec<String>,
    /// No demonstrated change, or nothing to compare with.
    pub steady: Vec<String>,
    /// Figures resting on few answers, or not shown.
    pub caveats: Vec<String>,
    /// Figures without data for the period.
    pub missing: Vec<String>,
}

/// The summary of the headline tiles (and the missing entered figures) against `compared`,
/// the comparison period written out.
pub fn findings(tiles: &[Tile], compared: Option<&str>, hidden_below: u64, lang: Lang) -> Findings {
    let mut out = Findings::default();
    let colon = match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    };
    for t in tiles {
        let name = &t.name;
        match &t.value {
            TileValue::Measured {
                figure: Figure::Shown(m),
                shift,
            } => {
                let words = mark_words(m, t.unit, t.noun, lang);
                match (shift, compared) {
                    (Some(s), Some(before)) => {
                        let change = change_words(s, t.unit, lang);
                        match (s.verdict(), t.lower_is_better) {
                            (Verdict::NotShown, _) => out.steady.push(match lang {
                                Lang::Fr => format!(
                                    "{name}{colon} {words} ; {change} par rapport à {before} : l'écart reste dans la marge d'incertitude."
                                ),
                                Lang::En => format!(
                                    "{name}{colon} {words}; {change} compared with {before}: the gap lies within the margin of uncertainty."
                                ),
                            }),
                            (verdict, lower_is_better) => {
                                let sentence = match lang {
                                    Lang::Fr => {
                                        format!("{name}{colon} {words} ; {change} par rapport à {before}.")
                                    }
                                    Lang::En => {
                                        format!("{name}{colon} {words}; {change} compared with {before}.")
                                    }
                                };
                                if (verdict == Verdict::Up) != lower_is_better {
                                    out.improved.push(sentence);
                                } else {
                                    out.worsened.push(sentence);
                                }
                            }
                        }
                    }
                    (None, Some(before)) => out.steady.push(match lang {
                        Lang::Fr => format!(
                            "{name}{colon} {words} ; pas de comparaison possible avec {before} (pas assez de réponses alors)."
                        ),
                        Lang::En => format!(
                            "{name}{colon} {words}; no comparison is possible with {before} (too few answers then)."
                        ),
                    }),
                    (_, None) => out.steady.push(format!("{name}{colon} {words}.")),
                }
                if m.fragile {
                    let n = Noun::of(t.noun, m.n, lang);
                    out.caveats.push(match lang {
                        Lang::Fr => format!(
                            "{name} ne repose que sur {n} : son intervalle est large, à lire avec prudence."
                        ),
                        Lang::En => format!(
                            "{name} rests on {n} only: its interval is wide, read it with care."
                        ),
                    });
                }
            }
            TileValue::Measured {
                figure: Figure::Hidden(0),
                ..
            } => out.missing.push(match lang {
                Lang::Fr => format!("{name}{colon} aucune réponse sur la période."),
                Lang::En => format!("{name}{colon} no answer over the period."),
            }),
            TileValue::Measured {
                figure: Figure::Hidden(_),
                ..
            } => {
                let few = Noun::of(t.noun, hidden_below, lang);
                out.caveats.push(match lang {
                    Lang::Fr => format!(
                        "{name}{colon} non affiché, moins de {few} sur la période (pour que personne ne puisse être reconnu)."
                    ),
                    Lang::En => format!(
                        "{name}{colon} not shown, fewer than {few} over the period (so that no one can be recognised)."
                    ),
                });
            }
            TileValue::Entered(None) => out.missing.push(match lang {
                Lang::Fr => format!("{name}{colon} pas encore saisi pour la période."),
                Lang::En => format!("{name}{colon} not entered yet for the period."),
            }),
            TileValue::Entered(Some(_)) => {}
        }
    }
    out
}

/// A comment the referent chose to quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Its day, written out.
    pub day: String,
    /// Its touchpoint's name.
    pub place: String,
    /// The visitor's words (escaped when rendered, like every text).
    pub text: String,
}

/// The method annex's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// The interval method's name ("Wilson").
    pub interval: String,
    /// The confidence level (0.95).
    pub level: f64,
    /// Under this many answers a share or mean is fragile.
    pub fragile_answers: u64,
    /// Under this many tests a mystery rate is fragile.
    pub fragile_tests: u64,
    /// Under this many answers a group is not shown.
    pub hidden_below: u64,
    /// How shares are weighted, in a sentence.
    pub weighting: String,
}

/// The addresses the report's toolbar offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingLinks {
    /// The PDF of the same report.
    pub pdf: String,
    /// The dashboard of the same scope and period.
    pub dashboard: String,
    /// The report itself.
    pub report: String,
    /// The same report as slides.
    pub slides: String,
    /// The query of the same report in each language (`?…&lang=en`), for the report's and the
    /// slides' language links.
    pub languages: Vec<(Lang, String)>,
    /// The product's stylesheet.
    pub stylesheet: String,
    /// The stylesheet of the running header (organisation, period, page numbers).
    pub print_css: String,
}

/// What the report shows.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub lang: Lang,
    /// The organisation's name.
    pub organisation: String,
    /// The date of the meeting, written out.
    pub meeting: String,
    /// The day the report was made, written out.
    pub made: String,
    pub links: MeetingLinks,
    /// The period form (shown on screen only).
    pub scopes: Vec<ScopeOption>,
    pub form: ResultsForm,
    pub errors: Vec<(String, String)>,
    /// Hidden fields of the form (the administrator's organisation).
    pub hidden: Vec<(String, String)>,
    /// The dashboard's figures for the scope and period.
    pub body: Option<DashboardBody>,
    /// The headline tiles of the answers given through an invitation, and of the open QR code.
    pub by_source: Vec<(String, Vec<Tile>)>,
    /// The comments to quote.
    pub quotes: Vec<Quote>,
    /// The entered figures of each section.
    pub sections: EnteredSections,
    pub method: Method,
}

fn findings_view(f: Findings, lang: Lang) -> impl IntoView + use<> {
    let (improved, worsened, steady, caveats, missing) = match lang {
        Lang::Fr => (
            "Ce qui s'améliore",
            "Ce qui recule",
            "Ce qui ne change pas de façon démontrée",
            "À lire avec prudence",
            "Ce qui manque",
        ),
        Lang::En => (
            "What improved",
            "What declined",
            "What did not demonstrably change",
            "Read with care",
            "What is missing",
        ),
    };
    let none = match lang {
        Lang::Fr => "Rien sur la période.",
        Lang::En => "Nothing over the period.",
    };
    let list = |title: &'static str, items: Vec<String>| {
        view! { <div class="report__finding"><h3>{title}</h3>{items_list(items, none)}</div> }
    };
    view! {
        {list(improved, f.improved)}
        {list(worsened, f.worsened)}
        {list(steady, f.steady)}
        {list(caveats, f.caveats)}
        {list(missing, f.missing)}
    }
}

/// The entered figures each section shows, as tiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnteredSections {
    pub footfall: Vec<Tile>,
    pub telephone: Vec<Tile>,
    pub mail: Vec<Tile>,
    pub complaints: Vec<Tile>,
    pub delays: Vec<Tile>,
}

fn body_view(
    b: DashboardBody,
    by_source: Vec<(String, Vec<Tile>)>,
    quotes: Vec<Quote>,
    method: Method,
    sections: EnteredSections,
    lang: Lang,
) -> impl IntoView + use<> {
    let hidden = b.hidden_below;
    let fr = lang == Lang::Fr;
    let t = |a: &'static str, e: &'static str| if fr { a } else { e };
    let EnteredSections {
        footfall,
        telephone,
        mail,
        complaints,
        delays,
    } = sections;
    let mut summary_tiles = b.tiles.clone();
    summary_tiles.extend(b.entered.iter().cloned());
    let found = findings(&summary_tiles, b.compared.as_deref(), hidden, lang);
    let (calls, visits): (Vec<MysteryBlock>, Vec<MysteryBlock>) = b
        .mystery
        .clone()
        .into_iter()
        .partition(|m| m.channel == "phone");
    let trend = b.trend.clone().map(trend_chart);
    let answers = b.answers.clone().map(diverging_chart);
    let comparisons = b
        .comparisons
        .clone()
        .into_iter()
        .map(rows_chart)
        .collect_view();
    let sources = by_source
        .into_iter()
        .map(|(title, items)| view! { <div><h4>{title}</h4>{tiles(items, hidden, lang)}</div> })
        .collect_view();
    let quoted = if quotes.is_empty() {
        view! { <p>{t("Le référent n'a choisi aucun commentaire à citer pour cette période.", "The referent chose no comment to quote for this period.")}</p> }.into_any()
    } else {
        quotes
            .into_iter()
            .map(|q| {
                view! {
                    <blockquote class="report__quote">
                        <p>{q.text}</p>
                        <footer class="fr-text--sm">{format!("{} — {}", q.place, q.day)}</footer>
                    </blockquote>
                }
            })
            .collect_view()
            .into_any()
    };
    let level = (method.level * 100.0).round() as u64;
    let definitions: Vec<(&str, &str)> = if fr {
        vec![
            (
                "Note de satisfaction sur 10",
                "convention de l'État (Je donne mon avis) : 10 points par « très bien », 5 par « moyen », 0 par « pas bien », divisés par le nombre de réponses ; 8 et plus est « très bien », de 5 à 8 « moyen », moins de 5 « à améliorer ».",
            ),
            (
                "Part de « très bien »",
                "les réponses « très bien » à la question globale, parmi toutes ses réponses.",
            ),
            (
                "Accueil courtois",
                "les réponses « tout à fait » et « plutôt » parmi toutes les réponses à la question de courtoisie.",
            ),
            (
                "Attente de moins de 20 minutes",
                "les attentes de moins de 10 minutes et de 10 à 20 minutes parmi toutes les réponses.",
            ),
            (
                "Demande résolue",
                "les réponses « oui » parmi toutes les réponses (« en partie » n'est pas compté comme résolu).",
            ),
            (
                "Effort ressenti",
                "la moyenne de 1 (très peu d'effort) à 5 (beaucoup) ; plus elle est basse, mieux c'est.",
            ),
            (
                "Note d'un test mystère",
                "10 fois les critères réussis divisés par les critères applicables ; un test atteint le standard à 7 sur 10.",
            ),
            (
                "Chiffres saisis",
                "décroché téléphonique, courriels répondus sous 5 jours, réclamations, délais de délivrance et fréquentation viennent d'autres systèmes : saisis par le référent, sans intervalle.",
            ),
        ]
    } else {
        vec![
            (
                "Satisfaction score out of 10",
                "the state's convention (Je donne mon avis): 10 points per \"very good\", 5 per \"average\", 0 per \"bad\", divided by the number of answers; 8 and more is \"very good\", 5 to 8 \"average\", under 5 \"to improve\".",
            ),
            (
                "Share of \"very good\"",
                "the \"very good\" answers to the overall question, among all its answers.",
            ),
            (
                "Courteous welcome",
                "\"completely\" and \"rather\" among all answers to the courtesy question.",
            ),
            (
                "Waited under 20 minutes",
                "waits under 10 minutes and of 10 to 20 minutes among all answers.",
            ),
            (
                "Request resolved",
                "\"yes\" among all answers (\"partly\" does not count as resolved).",
            ),
            (
                "Effort felt",
                "the mean from 1 (very little effort) to 5 (a lot); the lower the better.",
            ),
            (
                "Score of a mystery test",
                "10 times the criteria passed over the criteria that apply; a test meets the standard at 7 out of 10.",
            ),
            (
                "Entered figures",
                "call pickup, e-mails answered within 5 days, complaints, delivery delays and footfall come from other systems: entered by the referent, without an interval.",
            ),
        ]
    };
    let definitions = definitions
        .into_iter()
        .map(|(term, def)| view! { <dt>{term}</dt><dd>{def}</dd> })
        .collect_view();
    let monthly = b.trend.as_ref().map(|trend| {
        let table = trend.table();
        let head = table.head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view();
        let rows = table
            .rows
            .into_iter()
            .map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=trend.caption.clone()>
                <table class="fr-table report__table">
                    <caption>{trend.caption.clone()}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let respondents = match lang {
        Lang::Fr => format!("{} répondants sur la période.", count(b.respondents, lang)),
        Lang::En => format!(
            "{} respondents over the period.",
            count(b.respondents, lang)
        ),
    };
    let left_out = left_out_note(&b.left_out, hidden, lang);
    let no_mystery_calls = t(
        "Aucune campagne d'appels mystères validés ne couvre la période.",
        "No campaign of validated mystery calls covers the period.",
    );
    let no_mystery_visits = t(
        "Aucune campagne de visites mystères validées ne couvre la période.",
        "No campaign of validated mystery visits covers the period.",
    );
    let section = |id: &'static str, title: &'static str| (id, title);
    let (
        s_summary,
        s_footfall,
        s_survey,
        s_phone,
        s_mail,
        s_complaints,
        s_visits,
        s_engagements,
        s_comments,
        s_method,
    ) = (
        section("synthese", t("Synthèse", "Summary")),
        section("frequentation", t("Fréquentation", "Footfall")),
        section(
            "enquete",
            t("L'enquête de satisfaction", "The satisfaction survey"),
        ),
        section("telephone", t("Le téléphone", "The telephone")),
        section(
            "courrier",
            t("Courriers et courriels", "Letters and e-mails"),
        ),
        section(
            "reclamations",
            t(
                "Réclamations et délais de délivrance",
                "Complaints and delivery delays",
            ),
        ),
        section("visites", t("Visites mystères", "Mystery visits")),
        section(
            "engagements",
            t(
                "Les engagements du référentiel (modules 1 et 2)",
                "The referential's engagements (modules 1 and 2)",
            ),
        ),
        section(
            "commentaires",
            t("Ce que les visiteurs ont écrit", "What visitors wrote"),
        ),
        section("methode", t("Annexe : la méthode", "Annex: the method")),
    );
    let head = |(id, title): (&'static str, &'static str)| view! { <h2 id=id>{title}</h2> };
    let referential = referential_view(b.referential.clone(), lang);
    view! {
        <section class="report__section report__summary" aria-labelledby=s_summary.0>
            {head(s_summary)}
            <p class="fr-text--lead">{b.headline.clone()}</p>
            <p>{respondents}</p>
            {findings_view(found, lang)}
        </section>
        <section class="report__section" aria-labelledby=s_footfall.0>
            {head(s_footfall)}
            {tiles(footfall, hidden, lang)}
            {trend}
        </section>
        <section class="report__section" aria-labelledby=s_survey.0>
            {head(s_survey)}
            {left_out}
            {tiles(b.tiles.clone(), hidden, lang)}
            {answers}
            <h3>{t("Réponses sur invitation et réponses libres", "Invited and open answers")}</h3>
            <p class="fr-text--sm">{t(
                "Les réponses sur invitation arrivent par le lien envoyé après un rendez-vous ; les réponses libres par le QR code affiché. Les deux publics peuvent différer.",
                "Invited answers come through the link sent after an appointment; open answers through the QR code on display. The two publics may differ.",
            )}</p>
            <div class="report__sources">{sources}</div>
            <h3>{t("Par service et par point de contact", "By service and touchpoint")}</h3>
            {comparisons}
        </section>
        <section class="report__section" aria-labelledby=s_phone.0>
            {head(s_phone)}
            {tiles(telephone, hidden, lang)}
            {mystery_view(calls, hidden, no_mystery_calls, lang)}
        </section>
        <section class="report__section" aria-labelledby=s_mail.0>
            {head(s_mail)}
            {tiles(mail, hidden, lang)}
        </section>
        <section class="report__section" aria-labelledby=s_complaints.0>
            {head(s_complaints)}
            {tiles(complaints, hidden, lang)}
            {tiles(delays, hidden, lang)}
        </section>
        <section class="report__section" aria-labelledby=s_visits.0>
            {head(s_visits)}
            {mystery_view(visits, hidden, no_mystery_visits, lang)}
        </section>
        <section class="report__section" aria-labelledby=s_engagements.0>
            {head(s_engagements)}
            {referential}
        </section>
        <section class="report__section" aria-labelledby=s_comments.0>
            {head(s_comments)}
            <p class="fr-text--sm">{t(
                "Commentaires libres choisis par le référent qualité, tels que les visiteurs les ont écrits ; ils n'ont pas valeur statistique. Le questionnaire demande de n'y mettre aucune donnée personnelle.",
                "Free comments chosen by the quality referent, as visitors wrote them; they carry no statistical weight. The questionnaire asks for no personal data in them.",
            )}</p>
            {quoted}
        </section>
        <section class="report__section" aria-labelledby=s_method.0>
            {head(s_method)}
            <p>{uncertainty_sentence(method.level, Noun::Answers, lang)}</p>
            <ul>
                <li>{match lang {
                    Lang::Fr => format!("Intervalles de confiance à {level} % ; pour les parts, méthode de {}.", method.interval),
                    Lang::En => format!("{level} % confidence intervals; for shares, the {} method.", method.interval),
                }}</li>
                <li>{match lang {
                    Lang::Fr => format!("Une part ou une moyenne sur moins de {} réponses, un taux de tests mystères sur moins de {} tests, est signalé fragile : dessiné en creux, à lire avec prudence.", method.fragile_answers, method.fragile_tests),
                    Lang::En => format!("A share or mean on fewer than {} answers, a mystery-test rate on fewer than {} tests, is flagged fragile: drawn hollow, to read with care.", method.fragile_answers, method.fragile_tests),
                }}</li>
                <li>{match lang {
                    Lang::Fr => format!("Un groupe de moins de {} réponses n'est montré nulle part, pour que personne ne puisse être reconnu.", method.hidden_below),
                    Lang::En => format!("A group of fewer than {} answers is shown nowhere, so that no one can be recognised.", method.hidden_below),
                }}</li>
                <li>{method.weighting.clone()}</li>
                <li>{t(
                    "Une évolution n'est dite « significative » que si l'intervalle de la différence entre les deux périodes exclut zéro.",
                    "A change is called \"significant\" only when the interval of the difference between the two periods leaves out zero.",
                )}</li>
            </ul>
            {monthly}
            <h3>{t("Définitions des indicateurs", "Definitions of the indicators")}</h3>
            <dl class="report__definitions">{definitions}</dl>
        </section>
    }
}

/// The committee's report.
#[component]
pub fn MeetingPage(view: MeetingView) -> impl IntoView {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let t = move |a: &'static str, e: &'static str| if fr { a } else { e };
    let republic = texts(lang).republic;
    let title_word = t(
        "Rapport au comité local des usagers",
        "Report to the local users' committee",
    );
    let (scope, period, compared) = match &view.body {
        Some(b) => (b.scope_name.clone(), b.period.clone(), b.compared.clone()),
        None => Default::default(),
    };
    let title = if scope.is_empty() {
        title_word.to_owned()
    } else {
        format!("{title_word} – {} – {scope}", view.organisation)
    };
    let languages = view
        .links
        .languages
        .iter()
        .map(|(l, query)| language_link(*l, format!("/rapport{query}"), lang, None))
        .collect_view();
    let has_errors = !view.errors.is_empty();
    let alert = has_errors.then(|| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{t("Le rapport n'a pas pu être établi : corrigez le formulaire.", "The report could not be made: correct the form.")}</p></div> }
    });
    let form = query_form(
        "/rapport",
        &view.scopes,
        &view.form,
        &view.errors,
        view.hidden.clone(),
        lang,
    );
    let cover_compared = compared.clone().map(|c| match lang {
        Lang::Fr => format!("Comparée à {c}"),
        Lang::En => format!("Compared with {c}"),
    });
    let body = view.body.clone().map(|b| {
        body_view(
            b,
            view.by_source.clone(),
            view.quotes.clone(),
            view.method.clone(),
            view.sections.clone(),
            lang,
        )
    });
    let cover = view.body.as_ref().map(|_| {
        view! {
            <section class="report__cover" aria-labelledby="report-title">
                <p class="fr-logo report__brand">{republic}</p>
                <p class="report__organisation">{view.organisation.clone()}</p>
                <h1 id="report-title">{title_word}</h1>
                <p class="report__scope">{scope.clone()}</p>
                <p class="report__period">{period.clone()}</p>
                {cover_compared.map(|c| view! { <p>{c}</p> })}
                <p class="report__meeting">{match lang {
                    Lang::Fr => format!("Réunion du {}", view.meeting),
                    Lang::En => format!("Meeting of {}", view.meeting),
                }}</p>
                <p class="fr-text--sm">{match lang {
                    Lang::Fr => format!("Établi le {} à partir des réponses des visiteurs, des tests mystères et des chiffres saisis par le référent qualité.", view.made),
                    Lang::En => format!("Made on {} from visitors' answers, mystery tests and the figures the quality referent entered.", view.made),
                }}</p>
            </section>
        }
    });
    view! {
        <SheetDocument
            lang=lang
            title=title
            stylesheets=vec![view.links.stylesheet.clone(), view.links.print_css.clone()]
            body_class="report-body"
        >
                <header class="report-toolbar">
                    <p><a href=view.links.dashboard.clone()>{t("Tableau de bord", "Dashboard")}</a></p>
                    <p><a class="fr-btn" href=view.links.pdf.clone()>{t("Télécharger le rapport (PDF)", "Download the report (PDF)")}</a></p>
                    <p><a href=view.links.slides.clone()>{t("Projeter le diaporama", "Project the slides")}</a></p>
                    <nav aria-label=t("Langue", "Language") class="tp-toolbar__group">{languages}</nav>
                    <details class="dash__form report__form" open=has_errors>
                        <summary>{t("Changer le périmètre ou la période", "Change the scope or the period")}</summary>
                        {form}
                    </details>
                    <p class="fr-hint-text">{t("Imprimez cette page (Ctrl+P) ou téléchargez le PDF : chaque graphique reste entier sur sa page.", "Print this page (Ctrl+P) or download the PDF: each chart stays whole on its page.")}</p>
                    {alert}
                </header>
                <main id="main" class="report">
                    {cover}
                    {body}
                </main>
        </SheetDocument>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::charts::model::{Mark, Shift, Unit};

    fn tile(name: &str, figure: Figure, shift: Option<Shift>, lower_is_better: bool) -> Tile {
        Tile {
            name: name.into(),
            value: TileValue::Measured { figure, shift },
            unit: Unit::Score10,
            noun: Noun::Answers,
            note: None,
            lower_is_better,
        }
    }

    fn mark(value: f64, n: u64, fragile: bool) -> Figure {
        Figure::Shown(Mark {
            value,
            lower: value - 0.3,
            upper: value + 0.3,
            n,
            fragile,
        })
    }

    const BEFORE: &str = "l'année 2024";

    #[test]
    fn a_significant_rise_is_an_improvement_and_a_fall_of_effort_too() {
        let up = Shift {
            estimate: 0.6,
            lower: 0.2,
            upper: 1.0,
        };
        let f = findings(
            &[
                tile("Note", mark(7.8, 412, false), Some(up), false),
                tile("Effort", mark(2.9, 400, false), Some(up), true),
            ],
            Some(BEFORE),
            5,
            Lang::Fr,
        );
        assert_eq!(
            f.improved,
            [
                "Note\u{a0}: 7,8 sur 10, intervalle de 7,5 à 8,1, 412 réponses ; hausse significative (+0,6 point) par rapport à l'année 2024."
            ]
        );
        // More effort is worse news.
        assert_eq!(f.worsened.len(), 1);
        assert!(f.worsened[0].starts_with("Effort\u{a0}: 2,9 sur 10"));
        assert!(f.steady.is_empty() && f.caveats.is_empty() && f.missing.is_empty());
    }

    #[test]
    fn a_change_within_the_uncertainty_is_said_to_be_no_demonstrated_difference() {
        let small = Shift {
            estimate: 0.2,
            lower: -0.1,
            upper: 0.5,
        };
        let f = findings(
            &[tile("Note", mark(7.4, 336, false), Some(small), false)],
            Some(BEFORE),
            5,
            Lang::En,
        );
        assert!(f.improved.is_empty() && f.worsened.is_empty());
        assert_eq!(
            f.steady,
            [
                "Note: 7.4 out of 10, interval 7.1 to 7.7, 336 answers; no demonstrated difference (+0.2 point) compared with l'année 2024: the gap lies within the margin of uncertainty."
            ]
        );
    }

    #[test]
    fn a_fragile_figure_carries_its_caveat_and_a_hidden_one_is_not_shown() {
        let f = findings(
            &[
                tile("PAN", mark(8.2, 14, true), None, false),
                tile("Guichet", Figure::Hidden(3), None, false),
            ],
            None,
            5,
            Lang::Fr,
        );
        assert_eq!(
            f.steady,
            [
                "PAN\u{a0}: 8,2 sur 10, intervalle de 7,9 à 8,5, 14 réponses (peu : à lire avec prudence)."
            ]
        );
        assert_eq!(
            f.caveats,
            [
                "PAN ne repose que sur 14 réponses : son intervalle est large, à lire avec prudence.",
                "Guichet\u{a0}: non affiché, moins de 5 réponses sur la période (pour que personne ne puisse être reconnu).",
            ]
        );
    }

    #[test]
    fn missing_data_is_said_missing_not_zero() {
        let f = findings(
            &[
                tile("Note", Figure::Hidden(0), None, false),
                Tile {
                    name: "Courriels répondus sous 5 jours".into(),
                    value: TileValue::Entered(None),
                    unit: Unit::Share,
                    noun: Noun::Answers,
                    note: None,
                    lower_is_better: false,
                },
                Tile {
                    name: "Réclamations reçues".into(),
                    value: TileValue::Entered(Some(4.0)),
                    unit: Unit::Count,
                    noun: Noun::Answers,
                    note: None,
                    lower_is_better: false,
                },
            ],
            Some(BEFORE),
            5,
            Lang::Fr,
        );
        assert_eq!(
            f.missing,
            [
                "Note\u{a0}: aucune réponse sur la période.",
                "Courriels répondus sous 5 jours\u{a0}: pas encore saisi pour la période.",
            ]
        );
        assert!(f.steady.is_empty() && f.improved.is_empty());
    }
}
