//! The staff's results page (`/resultats`): for a scope and a period, every indicator with its
//! n, its interval, its reliability and its change against a comparison period. A GET form, so
//! every view has its address.

use crate::http::access::{Readers, Staff};
use crate::http::pages::{failed, html};
use crate::http::params::{self, ParamError};
use crate::state::AppState;
use app::components::format::long_date;
use app::pages::results::form::{ResultsForm, ScopeGroup, ScopeOption};
use app::pages::results::page::{ResultsPage, ResultsView};
use app::pages::results::planner::PlannerView;
use app::pages::results::report::{
    ChangeFigures, IndicatorFigures, OptionFigures, QuestionFigures, Report,
};
use app::pages::results::texts::method_name;
use app::pages::results::weighting::{WeightedRow, WeightingFigures};
use app::render_document;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Months, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use db::summary::{Scope, ScopeChoice, scope_choices};
use domain::{Lang, Question};
use indicators::Period;
use indicators::scope::{ScopeSummary, summarise_scope};
use indicators::survey::Settings;
use indicators::weighting::Weighting;
use leptos::prelude::*;
use serde::Deserialize;
use stats::MeasureKind;

/// Query of `/resultats` and `/tableau-de-bord`: the scope as `scope=kind:code` (the form's
/// list) or, as `/api/v1/summary` takes it, one of `touchpoint`, `site`, `service`, `survey`.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct ResultsQuery {
    scope: Option<String>,
    touchpoint: Option<String>,
    site: Option<String>,
    service: Option<String>,
    survey: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) compare_from: Option<String>,
    pub(crate) compare_to: Option<String>,
    ci: Option<String>,
    level: Option<String>,
    source: Option<String>,
}

/// The last whole calendar quarter before `today`, and the one before it.
pub fn default_periods(today: NaiveDate) -> (Period, Period) {
    let quarter_start =
        |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d);
    let quarter_before = |start: NaiveDate| {
        let from = start.checked_sub_months(Months::new(3)).unwrap_or(start);
        Period {
            from,
            to: start.pred_opt().unwrap_or(start),
        }
    };
    let current = quarter_before(quarter_start(today));
    let earlier = quarter_before(current.from);
    (current, earlier)
}

/// The month of a day as a month field shows it, `YYYY-MM`.
pub(crate) fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// The scope and period a results form asks for, as typed.
pub(crate) struct Typed {
    /// `kind:code`.
    pub scope: String,
    pub from: String,
    pub to: String,
    /// On a first visit, the quarter before the default one (the default comparison).
    pub first_visit: Option<Period>,
}

/// The scope and period as typed; on a first visit (none of the three given), the first of
/// `choices` over the last whole quarter before today (Europe/Paris).
pub(crate) fn asked(
    scope: &Option<String>,
    from: &Option<String>,
    to: &Option<String>,
    choices: &[ScopeChoice],
) -> Typed {
    let scope_key = scope
        .clone()
        .unwrap_or_else(|| choices.first().map(|c| c.scope.key()).unwrap_or_default());
    if scope.is_none() && from.is_none() && to.is_none() {
        let (current, earlier) = default_periods(Utc::now().with_timezone(&Paris).date_naive());
        return Typed {
            scope: scope_key,
            from: month(current.from),
            to: month(current.to),
            first_visit: Some(earlier),
        };
    }
    Typed {
        scope: scope_key,
        from: from.clone().unwrap_or_default(),
        to: to.clone().unwrap_or_default(),
        first_visit: None,
    }
}

/// The scopes a form offers, in their lists.
pub(crate) fn scope_options(choices: &[ScopeChoice]) -> Vec<ScopeOption> {
    choices
        .iter()
        .map(|c| ScopeOption {
            key: c.scope.key(),
            label: c.name.clone(),
            group: match c.scope {
                Scope::Survey(_) => ScopeGroup::Survey,
                Scope::Site(_) => ScopeGroup::Site,
                Scope::Service(_) => ScopeGroup::Service,
                Scope::Touchpoint(_) => ScopeGroup::Touchpoint,
            },
        })
        .collect()
}

/// The scope of `key` when it is one of `choices`; otherwise the problem is added to `errors`.
pub(crate) fn chosen_scope(
    key: &str,
    choices: &[ScopeChoice],
    lang: Lang,
    errors: &mut Vec<(String, String)>,
) -> Option<Scope> {
    let scope = Scope::from_key(key).filter(|s| choices.iter().any(|c| &c.scope == s));
    if scope.is_none() {
        errors.push((
            "scope".into(),
            match lang {
                Lang::Fr => "Périmètre : choisissez un élément de la liste.".into(),
                Lang::En => "Scope: choose an item of the list.".into(),
            },
        ));
    }
    scope
}

/// The period of the fields `from` and `to`, both required, written back as months; otherwise
/// the problem is added to `errors`.
pub(crate) fn required_period(
    from: &mut String,
    to: &mut String,
    lang: Lang,
    errors: &mut Vec<(String, String)>,
) -> Option<Period> {
    let problem = match params::period("from", Some(from), "to", Some(to)) {
        Ok(Some(p)) => {
            (*from, *to) = (month(p.from), month(p.to));
            return Some(p);
        }
        Ok(None) => ParamError::HalfPeriod {
            from: "from",
            to: "to",
        },
        Err(e) => e,
    };
    errors.push((problem.field().to_owned(), problem.message(lang)));
    None
}

/// `GET /resultats`.
pub async fn show(
    State(state): State<AppState>,
    staff: Staff<Readers>,
    Query(q): Query<ResultsQuery>,
) -> Response {
    let lang = staff.lang;
    let account = &staff.account;
    let choices = match scope_choices(&state.db, lang, account.organisation_id).await {
        Ok(c) => c,
        Err(e) => return failed("results: listing scopes", e),
    };
    let Asked {
        form,
        switch_query,
        scopes,
        errors,
        ready,
    } = read_query(&q, &choices, state.config.fragility, lang);
    let switch_path = format!("/resultats?{switch_query}");
    let mut report = None;
    if let Some(Ready {
        scope,
        current,
        earlier,
        settings,
    }) = ready
    {
        match summarise_scope(
            &state.db,
            &scope,
            current,
            earlier,
            &settings,
            account.organisation_id,
        )
        .await
        {
            Ok(Some(summary)) => {
                let name = choices
                    .iter()
                    .find(|c| c.scope == scope)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                report = Some(build_report(
                    name, summary, current, earlier, &settings, lang,
                ));
            }
            Ok(None) => {}
            Err(e) => return failed("results: summary", e),
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let view = ResultsView {
        lang,
        switch_path,
        scopes,
        form,
        errors,
        report,
        planner: PlannerView {
            p: "50".into(),
            margin: "5".into(),
            level: "0.95".into(),
            ..Default::default()
        },
        can_import: account.role.manages(),
        who: Some(staff.who()),
    };
    let body = render_document(move || view! { <ResultsPage view=view/> });
    html(status, lang, body)
}

/// What a results form asked for, read and checked.
pub(crate) struct Asked {
    /// The form as it is shown again (months normalised, defaults filled in).
    pub form: ResultsForm,
    /// The query that asks the same again, for the language switch and the downloads.
    pub switch_query: String,
    /// The scopes of the list.
    pub scopes: Vec<ScopeOption>,
    /// (field, message) of each problem.
    pub errors: Vec<(String, String)>,
    /// What a summary needs, when the form holds no error.
    pub ready: Option<Ready>,
}

/// A checked request for figures.
#[derive(Debug, Clone)]
pub(crate) struct Ready {
    pub scope: Scope,
    pub current: Period,
    pub earlier: Option<Period>,
    pub settings: Settings,
}

/// Reads the parameters `/resultats`, `/tableau-de-bord` and `/api/v1/summary` share: the
/// scope (among `choices`), the period and its comparison (the last whole quarter and the one
/// before by default), the interval method, the level and the source. Each problem is a
/// message for its field.
pub(crate) fn read_query(
    q: &ResultsQuery,
    choices: &[ScopeChoice],
    fragility: stats::Fragility,
    lang: Lang,
) -> Asked {
    let named: Vec<String> = [
        q.touchpoint.as_ref().map(|c| format!("touchpoint:{c}")),
        q.site.as_ref().map(|c| format!("site:{c}")),
        q.service.as_ref().map(|c| format!("service:{c}")),
        q.survey.as_ref().map(|c| format!("survey:{c}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut errors: Vec<(String, String)> = Vec::new();
    if named.len() + usize::from(q.scope.is_some()) > 1 {
        errors.push((
            "scope".into(),
            match lang {
                Lang::Fr => {
                    "Périmètre : un seul parmi touchpoint, site, service, survey et scope.".into()
                }
                Lang::En => {
                    "Scope: only one of touchpoint, site, service, survey and scope.".into()
                }
            },
        ));
    }
    let typed = asked(
        &q.scope.clone().or_else(|| named.first().cloned()),
        &q.from,
        &q.to,
        choices,
    );
    let mut form = ResultsForm {
        scope: typed.scope,
        from: typed.from,
        to: typed.to,
        compare_from: q.compare_from.clone().unwrap_or_default(),
        compare_to: q.compare_to.clone().unwrap_or_default(),
        ci: q.ci.clone().unwrap_or_default(),
        level: q.level.clone().unwrap_or_else(|| "0.95".into()),
        source: q.source.clone().unwrap_or_else(|| "all".into()),
    };
    if let Some(earlier) = typed.first_visit {
        form.compare_from = month(earlier.from);
        form.compare_to = month(earlier.to);
    }
    let scopes = scope_options(choices);
    let scope = chosen_scope(&form.scope, choices, lang, &mut errors);
    let current = required_period(&mut form.from, &mut form.to, lang, &mut errors);
    let mut note = |e: ParamError| errors.push((e.field().to_owned(), e.message(lang)));
    let earlier = params::period(
        "compare_from",
        Some(&form.compare_from),
        "compare_to",
        Some(&form.compare_to),
    )
    .map_err(&mut note)
    .ok()
    .flatten();
    if let Some(p) = earlier {
        (form.compare_from, form.compare_to) = (month(p.from), month(p.to));
    }
    let method = params::method(Some(&form.ci)).map_err(&mut note).ok();
    let level = params::level(Some(&form.level)).map_err(&mut note).ok();
    let source = params::source(Some(&form.source)).map_err(&mut note).ok();

    let ready = match (scope, current, method, level, source) {
        (Some(scope), Some(current), Some(method), Some(level), Some(source))
            if errors.is_empty() =>
        {
            Some(Ready {
                scope,
                current,
                earlier,
                settings: Settings {
                    method,
                    level,
                    fragility,
                    source,
                },
            })
        }
        _ => None,
    };
    let switch_query = serde_urlencoded::to_string([
        ("scope", &form.scope),
        ("from", &form.from),
        ("to", &form.to),
        ("compare_from", &form.compare_from),
        ("compare_to", &form.compare_to),
        ("ci", &form.ci),
        ("level", &form.level),
        ("source", &form.source),
    ])
    .unwrap_or_default();
    Asked {
        form,
        switch_query,
        scopes,
        errors,
        ready,
    }
}

fn build_report(
    scope_name: String,
    summary: ScopeSummary,
    current: Period,
    earlier: Option<Period>,
    settings: &Settings,
    lang: Lang,
) -> Report {
    let weighting = match &summary.weighting {
        Weighting::SingleService => WeightingFigures::SingleService,
        Weighting::MissingFootfall { services } => {
            WeightingFigures::MissingFootfall(services.clone())
        }
        Weighting::Weighted { shares } => WeightingFigures::Weighted(
            shares
                .iter()
                .filter_map(|w| {
                    let q = summary
                        .questions
                        .iter()
                        .find(|q| q.code.as_str() == w.code)?;
                    Some(WeightedRow {
                        question: q.text.get(lang).to_owned(),
                        name: w.indicator,
                        kind: q.kind,
                        n: w.n,
                        unweighted: w.unweighted,
                        estimate: w.estimate,
                        lower: w.lower,
                        upper: w.upper,
                        design_effect: w.design_effect,
                    })
                })
                .collect(),
        ),
    };
    let questions = summary
        .summaries
        .into_iter()
        .filter_map(|s| {
            let question: &Question = summary
                .questions
                .iter()
                .find(|q| q.code.as_str() == s.code)?;
            let n = u64::try_from(s.n).unwrap_or(0);
            let counts = question
                .options
                .iter()
                .filter(|_| !s.counts.is_empty())
                .map(|o| {
                    let count = s.counts.get(o.code.as_str()).copied().unwrap_or(0);
                    let x = u64::try_from(count).unwrap_or(0);
                    OptionFigures {
                        label: o.label.get(lang).to_owned(),
                        count,
                        share: stats::proportion_interval(x, n, settings.level, settings.method)
                            .ok()
                            .map(|i| (i.estimate, i.lower, i.upper)),
                    }
                })
                .collect();
            let indicators = s
                .indicators
                .iter()
                .map(|(name, i)| IndicatorFigures {
                    name,
                    n: i.n,
                    estimate: i.estimate,
                    lower: i.lower,
                    upper: i.upper,
                    fragile: i.fragile,
                    suppressed: i.suppressed,
                    change: i.change.map(|c| ChangeFigures {
                        estimate: c.estimate,
                        lower: c.lower,
                        upper: c.upper,
                        p_value: c.p_value,
                    }),
                })
                .collect();
            Some(QuestionFigures {
                code: s.code.clone(),
                text: question.text.get(lang).to_owned(),
                kind: question.kind,
                n: s.n,
                counts,
                indicators,
            })
        })
        .collect();
    Report {
        scope_name,
        from: long_date(current.from, lang),
        to: long_date(current.to, lang),
        respondents: summary.respondents,
        invited_respondents: summary.invited_respondents,
        left_out: summary.left_out.clone(),
        source: settings.source.code(),
        compare: earlier
            .zip(summary.earlier_respondents)
            .map(|(p, n)| (long_date(p.from, lang), long_date(p.to, lang), n)),
        method_name: method_name(settings.method.code(), lang),
        level: settings.level,
        questions,
        weighting,
        fragile_below: settings.fragility.threshold(MeasureKind::Mean),
        hidden_below: settings.fragility.suppression_min,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_default_is_the_last_whole_quarter_against_the_one_before() {
        let (now, before) = default_periods(day("2026-11-29"));
        assert_eq!((now.from, now.to), (day("2026-07-01"), day("2026-09-30")));
        assert_eq!(
            (before.from, before.to),
            (day("2026-04-01"), day("2026-06-30"))
        );
        let (now, before) = default_periods(day("2026-01-01"));
        assert_eq!((now.from, now.to), (day("2025-10-01"), day("2025-12-31")));
        assert_eq!(before.from, day("2025-07-01"));
    }
}
