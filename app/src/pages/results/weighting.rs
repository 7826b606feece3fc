//! The shares weighted by the services' footfall, and their section of the report.

use crate::components::format::{decimal, interval, level_text, percent};
use crate::pages::results::texts::{indicator_label, results_texts};
use domain::{Lang, QuestionKind};
use leptos::prelude::*;

/// One share weighted by the services' footfall.
#[derive(Debug, Clone)]
pub struct WeightedRow {
    /// The question's text.
    pub question: String,
    /// The indicator's name (`top2`, `very_good_rate`, `yes_rate`).
    pub name: &'static str,
    pub kind: QuestionKind,
    pub n: u64,
    pub unweighted: f64,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub design_effect: f64,
}

/// What the report says about weighting by footfall.
#[derive(Debug, Clone)]
pub enum WeightingFigures {
    /// One service: nothing to weight.
    SingleService,
    /// Footfall missing for these services.
    MissingFootfall(Vec<String>),
    /// The weighted shares.
    Weighted(Vec<WeightedRow>),
}

/// The section of the shares weighted by footfall (nothing for a single service).
pub(crate) fn weighting_view(w: WeightingFigures, level: f64, lang: Lang) -> Option<AnyView> {
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Estimations redressées par la fréquentation"
    } else {
        "Estimates weighted by footfall"
    };
    let intro = if fr {
        "Chaque service pèse selon le nombre d'usagers qu'il a reçus sur la période (saisi dans « Chiffres »), et non selon son nombre de réponses. L'effet de plan dit combien la pondération élargit l'intervalle (1 = aucune perte)."
    } else {
        "Each service weighs by the visitors it received over the period (entered under “Figures”), not by its number of answers. The design effect says how much the weighting widens the interval (1 = no loss)."
    };
    let body = match w {
        WeightingFigures::SingleService => return None,
        WeightingFigures::MissingFootfall(services) => {
            let text = if fr {
                format!(
                    "Redressement impossible : la fréquentation de la période manque, en tout ou en partie, pour {}.",
                    services.join(", ")
                )
            } else {
                format!(
                    "No weighting: the period's footfall is missing, wholly or in part, for {}.",
                    services.join(", ")
                )
            };
            view! { <p class="fr-alert fr-alert--info">{text}</p> }.into_any()
        }
        WeightingFigures::Weighted(rows) => {
            let t = results_texts(lang);
            let level = level_text(level, lang);
            let rows = rows
                .into_iter()
                .map(|r| {
                    let label = format!(
                        "{} – {}",
                        r.question,
                        indicator_label(r.name, r.kind, lang)
                    );
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="num">{r.n}</td>
                            <td class="num">{percent(r.unweighted, lang)}</td>
                            <td class="num">{percent(r.estimate, lang)}</td>
                            <td class="num">{interval(percent(r.lower, lang), percent(r.upper, lang), lang)}</td>
                            <td class="num">{decimal(r.design_effect, 2, lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let (plain, weighted, deff) = if fr {
                ("Part brute", "Part redressée", "Effet de plan")
            } else {
                ("Unweighted share", "Weighted share", "Design effect")
            };
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                    <table class="fr-table">
                        <caption class="fr-sr-only">{title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.indicator}</th>
                                <th scope="col">"n"</th>
                                <th scope="col">{plain}</th>
                                <th scope="col">{weighted}</th>
                                <th scope="col">{format!("{} ({level})", t.interval)}</th>
                                <th scope="col">{deff}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    Some(
        view! {
            <section class="fr-mt-4w">
                <h3 id="weighting">{title}</h3>
                <p>{intro}</p>
                {body}
            </section>
        }
        .into_any(),
    )
}
