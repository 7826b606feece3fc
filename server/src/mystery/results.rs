//! A campaign's results page (`/mystere/campagnes/{code}/resultats`, committee members too):
//! the mean score and the share of tests meeting the standard, conformity per criterion and per
//! engagement, the breakdowns, each with n, its interval and the change from the previous
//! campaign; validated tests only.

use crate::http::access::{Acting, Readers};
use crate::http::pages::{failed, html, not_found};
use crate::mystery::shared::{is_code, number, slot_name, weekday_name};
use crate::state::AppState;
use app::pages::mystery::results::{
    CampaignResultsPage, CampaignResultsView, ResultLine, ResultTable,
};
use app::render_document;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::Lang;
use indicators::mystery::{CampaignResults, Rate, ScoreFigure, Settings, campaign_results};
use leptos::prelude::*;

fn percent(v: Option<f64>, lang: Lang) -> String {
    v.map(|x| {
        let s = format!("{:.0}", x * 100.0);
        match lang {
            Lang::Fr => format!("{s}\u{202f}%"),
            Lang::En => format!("{s}%"),
        }
    })
    .unwrap_or_else(|| "—".into())
}

fn interval(lower: String, upper: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("de {lower} à {upper}"),
        Lang::En => format!("{lower} to {upper}"),
    }
}

fn change_text(c: Option<indicators::Change>, points: bool, lang: Lang) -> String {
    c.map(|c| {
        let scale = if points { 100.0 } else { 1.0 };
        let s = format!("{:+.1}", c.estimate * scale);
        let s = if lang == Lang::Fr {
            s.replace('.', ",")
        } else {
            s
        };
        let unit = if points { " pts" } else { "" };
        let p = format!("{:.3}", c.p_value);
        format!("{s}{unit} (p = {p})")
    })
    .unwrap_or_else(|| "—".into())
}

fn rate_line(name: String, r: &Rate, lang: Lang) -> ResultLine {
    ResultLine {
        name,
        n: r.n.to_string(),
        estimate: format!("{} ({}/{})", percent(r.estimate, lang), r.passed, r.n),
        interval: interval(percent(r.lower, lang), percent(r.upper, lang), lang),
        change: change_text(r.change, true, lang),
        fragile: r.fragile,
    }
}

fn score_line(name: String, s: &ScoreFigure, lang: Lang) -> ResultLine {
    ResultLine {
        name,
        n: s.n.to_string(),
        estimate: format!("{} / 10", number(s.estimate, lang)),
        interval: interval(number(s.lower, lang), number(s.upper, lang), lang),
        change: change_text(s.change, false, lang),
        fragile: s.fragile,
    }
}

fn results_view(r: &CampaignResults, title: &str, lang: Lang) -> (Vec<String>, Vec<ResultTable>) {
    let fr = lang == Lang::Fr;
    let mut summary = vec![if fr {
        format!(
            "{} tests validés (seuls les tests validés comptent). Standard : {} / 10.",
            r.tests,
            number(Some(r.standard), lang)
        )
    } else {
        format!(
            "{} validated tests (only validated tests count). Standard: {} / 10.",
            r.tests,
            number(Some(r.standard), lang)
        )
    }];
    if let Some(p) = &r.previous {
        summary.push(if fr {
            format!("Évolution : par rapport à la campagne {p} (écart de taux en points, intervalle de Newcombe ; écart de notes, test de Welch), avec sa p-valeur.")
        } else {
            format!("Change: against campaign {p} (difference of rates in points, Newcombe interval; of scores, Welch test), with its p-value.")
        });
    }
    summary.push(if fr {
        format!("Intervalles de confiance à 95 % (Wilson pour les taux, Student pour la note moyenne). Fragile : moins de {} tests.", r.fragile_below)
    } else {
        format!("95% confidence intervals (Wilson for rates, Student for the mean score). Fragile: fewer than {} tests.", r.fragile_below)
    });
    let (overall, criteria, engagements) = if fr {
        (
            "Vue d'ensemble",
            "Conformité par critère",
            "Conformité par engagement",
        )
    } else {
        (
            "Overview",
            "Conformity per criterion",
            "Conformity per engagement",
        )
    };
    let mut tables = vec![
        ResultTable {
            caption: format!("{title} – {overall}"),
            first: if fr { "Indicateur" } else { "Indicator" }.into(),
            lines: vec![
                score_line(
                    if fr { "Note moyenne" } else { "Mean score" }.into(),
                    &r.score,
                    lang,
                ),
                rate_line(
                    if fr {
                        "Tests conformes au standard"
                    } else {
                        "Tests meeting the standard"
                    }
                    .into(),
                    &r.meets_standard,
                    lang,
                ),
            ],
        },
        ResultTable {
            caption: criteria.into(),
            first: if fr { "Critère" } else { "Criterion" }.into(),
            lines: r
                .criteria
                .iter()
                .map(|c| {
                    let rate = Rate {
                        estimate: c.estimate,
                        lower: c.lower,
                        upper: c.upper,
                        n: c.n,
                        passed: c.passed,
                        fragile: c.fragile,
                        change: c.change,
                    };
                    rate_line(format!("{} – {}", c.code, c.label), &rate, lang)
                })
                .collect(),
        },
        ResultTable {
            caption: engagements.into(),
            first: "Engagement".into(),
            lines: r
                .engagements
                .iter()
                .map(|e| ResultLine {
                    name: format!("{} ({})", e.id, e.criteria.join(", ")),
                    n: e.tests.to_string(),
                    estimate: format!("{} ({}/{})", percent(e.estimate, lang), e.passed, e.checks),
                    interval: interval(percent(e.lower, lang), percent(e.upper, lang), lang),
                    change: "—".into(),
                    fragile: e.fragile,
                })
                .collect(),
        },
    ];
    let mut by_slot = r.by_slot.clone();
    by_slot.sort_by_key(|g| indicators::mystery::slot_order(&g.key));
    /// How a group's key reads.
    #[derive(Clone, Copy)]
    enum Key {
        AsIs,
        Slot,
        Weekday,
        Shopper,
    }
    let breakdowns: [(&str, &str, Key, Vec<indicators::mystery::Group>); 5] = [
        (
            if fr { "Par cible" } else { "By target" },
            if fr { "Cible" } else { "Target" },
            Key::AsIs,
            r.by_target.clone(),
        ),
        (
            if fr { "Par service" } else { "By service" },
            "Service",
            Key::AsIs,
            r.by_service.clone(),
        ),
        (
            if fr { "Par créneau" } else { "By slot" },
            if fr { "Créneau" } else { "Slot" },
            Key::Slot,
            by_slot,
        ),
        (
            if fr {
                "Par jour de la semaine"
            } else {
                "By weekday"
            },
            if fr { "Jour" } else { "Day" },
            Key::Weekday,
            r.by_weekday.clone(),
        ),
        (
            if fr { "Par testeur" } else { "By shopper" },
            if fr { "Testeur" } else { "Shopper" },
            Key::Shopper,
            r.by_shopper.clone(),
        ),
    ];
    for (caption, first, key, groups) in breakdowns {
        let lines = groups
            .iter()
            .map(|g| {
                let name = match key {
                    Key::Slot => slot_name(&g.key, lang),
                    Key::Weekday => weekday_name(&g.key, lang),
                    Key::Shopper => {
                        let n = g.key.trim_start_matches("shopper-");
                        if fr {
                            format!("Testeur {n}")
                        } else {
                            format!("Shopper {n}")
                        }
                    }
                    Key::AsIs => g.key.clone(),
                };
                let mut line = score_line(name, &g.score, lang);
                line.estimate = format!(
                    "{} · {} {}",
                    line.estimate,
                    percent(g.meets_standard.estimate, lang),
                    if fr {
                        "conformes"
                    } else {
                        "meeting the standard"
                    }
                );
                line
            })
            .collect();
        tables.push(ResultTable {
            caption: caption.into(),
            first: first.into(),
            lines,
        });
    }
    (summary, tables)
}

/// `GET /mystere/campagnes/{code}/resultats`: a campaign's results (validated tests only).
pub async fn results(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Path(code): Path<String>,
) -> Response {
    let lang = acting.lang;
    if !is_code(&code) {
        return not_found(lang);
    }
    let org = acting.organisation_id;
    let current = match db::mystery::results::campaign_tests(&state.db, org, &code, true).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery screens: reading a campaign's tests", e),
    };
    let previous = match db::mystery::results::previous_campaign(&state.db, org, &code).await {
        Ok(Some(p)) => db::mystery::results::campaign_tests(&state.db, org, &p, true)
            .await
            .ok()
            .flatten(),
        Ok(None) => None,
        Err(e) => return failed("mystery screens: finding the previous campaign", e),
    };
    let settings = Settings {
        method: stats::ProportionMethod::Wilson,
        level: 0.95,
        fragile_below: state.config.fragility.min_mystery_tests,
    };
    let r = campaign_results(&current, previous.as_ref(), settings);
    let (summary, tables) = results_view(&r, &current.title, lang);
    let view = CampaignResultsView {
        who: acting.who(),
        org_query: acting.org_query.clone(),
        code: current.code.clone(),
        title: current.title.clone(),
        summary,
        tables,
    };
    let body = render_document(move || view! { <CampaignResultsPage lang=lang view=view/> });
    html(StatusCode::OK, lang, body)
}
