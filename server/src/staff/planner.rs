//! The sample-size planner (`/resultats/echantillon`): how many answers a wanted margin of
//! error needs, with the finite population correction when the footfall is known.

use crate::http::access::{Readers, Staff};
use crate::http::pages::html;
use crate::http::params;
use app::pages::results::planner::{PlannerPage, PlannerView};
use app::render_document;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

/// Query of the planner.
#[derive(Debug, Deserialize, Default)]
pub struct PlannerQuery {
    p: Option<String>,
    margin: Option<String>,
    level: Option<String>,
    population: Option<String>,
}

/// The planner's answer, or why it has none; percentages are typed in %.
pub fn plan(q: &PlannerQuery, lang: Lang) -> PlannerView {
    let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let mut view = PlannerView {
        // An unknown percentage is planned at 50 %, the most demanding case.
        p: given(&q.p).unwrap_or_else(|| "50".into()),
        margin: q.margin.clone().unwrap_or_else(|| "5".into()),
        level: q.level.clone().unwrap_or_else(|| "0.95".into()),
        population: q.population.clone().unwrap_or_default(),
        n: None,
        error: None,
    };
    let number = |raw: &str| {
        raw.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
    };
    let problem = |fr: &str, en: &str| {
        Some(match lang {
            Lang::Fr => fr.to_owned(),
            Lang::En => en.to_owned(),
        })
    };
    let (Some(p), Some(margin)) = (number(&view.p), number(&view.margin)) else {
        view.error = problem(
            "Indiquez le pourcentage attendu et la marge d'erreur en chiffres.",
            "Give the expected percentage and the margin of error as numbers.",
        );
        return view;
    };
    let Ok(level) = params::level(Some(&view.level)) else {
        view.error = problem(
            "Le niveau de confiance doit être entre 0 et 1.",
            "The confidence level must be between 0 and 1.",
        );
        return view;
    };
    let population = match view.population.trim() {
        "" => None,
        raw => match raw.parse::<u64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                view.error = problem(
                    "La fréquentation doit être un nombre entier positif.",
                    "The footfall must be a whole number above 0.",
                );
                return view;
            }
        },
    };
    match stats::sample_size_proportion(p / 100.0, margin / 100.0, level, population) {
        Ok(size) => view.n = Some(size.n),
        Err(_) => {
            view.error = problem(
                "Le pourcentage attendu doit être entre 0 et 100 et la marge entre 0 et 50 points.",
                "The expected percentage must be between 0 and 100 and the margin between 0 and 50 points.",
            )
        }
    }
    view
}

/// `GET /resultats/echantillon`.
pub async fn planner(staff: Staff<Readers>, Query(q): Query<PlannerQuery>) -> Response {
    let lang = staff.lang;
    let view = plan(&q, lang);
    let status = if view.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = render_document(move || view! { <PlannerPage lang=lang planner=view/> });
    html(status, lang, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planner_answers_in_answers_and_explains_bad_input() {
        let q = PlannerQuery {
            p: Some("50".into()),
            margin: Some("5".into()),
            ..Default::default()
        };
        assert_eq!(plan(&q, Lang::Fr).n, Some(385));
        let with_population = PlannerQuery {
            population: Some("2000".into()),
            ..q
        };
        assert_eq!(plan(&with_population, Lang::Fr).n, Some(323));
        let bad = PlannerQuery {
            margin: Some("beaucoup".into()),
            ..Default::default()
        };
        let v = plan(&bad, Lang::Fr);
        assert!(v.n.is_none() && v.error.is_some_and(|m| m.contains("marge")));
    }
}
