//! The grids (`/mystere/grilles/{code}`: criteria, pass rules, thresholds and the standard) and
//! the referential of Modules 1 and 2 (`/mystere/referentiel`: thresholds, and the questions
//! and entered figures that measure each engagement); committee members read them, referents
//! change them, each change a new version.

use crate::http::access::{Acting, Managers, Readers};
use crate::http::forms::{Refusal, SavedQuery, form_status, refusal};
use crate::http::pages::{failed, html, not_found};
use crate::mystery::shared::{is_code, number};
use crate::state::AppState;
use app::components::forms::FormProblem;
use app::pages::mystery::grids::{
    CriterionLine, EngagementLine, GridPage, GridView, MeasureChoice, ReferentialPage,
    ReferentialView,
};
use app::pages::staff::figures::figure_name;
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use db::figures::FigureKind;
use domain::mystery::{Measures, PassRule, Referential};
use domain::{Lang, QuestionCode};
use leptos::prelude::*;

fn kind_words(kind: domain::mystery::CriterionKind, lang: Lang) -> &'static str {
    use domain::mystery::CriterionKind as K;
    let fr = lang == Lang::Fr;
    match kind {
        K::YesNo => {
            if fr {
                "oui / non"
            } else {
                "yes / no"
            }
        }
        K::YesNoNa => {
            if fr {
                "oui / non / sans objet"
            } else {
                "yes / no / n.a."
            }
        }
        K::YesPartlyNo => {
            if fr {
                "oui / en partie / non"
            } else {
                "yes / partly / no"
            }
        }
        K::Scale4 => {
            if fr {
                "échelle 1 à 4"
            } else {
                "scale 1 to 4"
            }
        }
        K::Scale4Na => {
            if fr {
                "échelle 1 à 4 / sans objet"
            } else {
                "scale 1 to 4 / n.a."
            }
        }
        K::Count => {
            if fr {
                "nombre"
            } else {
                "count"
            }
        }
        K::Seconds => {
            if fr {
                "secondes"
            } else {
                "seconds"
            }
        }
        K::Minutes => "minutes",
        K::FreeText => {
            if fr {
                "texte libre"
            } else {
                "free text"
            }
        }
    }
}

fn rule_words(rule: domain::mystery::PassRule, lang: Lang) -> String {
    use domain::mystery::PassRule as R;
    let fr = lang == Lang::Fr;
    match rule {
        R::None => if fr {
            "information seule"
        } else {
            "information only"
        }
        .into(),
        R::Yes => if fr {
            "conforme si oui"
        } else {
            "passes on yes"
        }
        .into(),
        R::AtLeast(n) => format!("≥ {n}"),
        R::AtMost(n) => format!("≤ {n}"),
    }
}

async fn grid_page<R>(
    state: &AppState,
    acting: &Acting<R>,
    code: &str,
    problem: Option<FormProblem>,
    saved: bool,
) -> Response {
    let lang = acting.lang;
    let grid = match db::mystery::grids::find(&state.db, acting.organisation_id, code).await {
        Ok(Some(g)) => g,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery screens: reading a grid", e),
    };
    let status = form_status(&problem);
    let view = GridView {
        who: acting.who(),
        org_query: acting.org_query.clone(),
        code: grid.code.clone(),
        title: grid.title.get(lang).to_owned(),
        version: grid.version,
        standard: number(Some(grid.definition.standard), lang),
        criteria: grid
            .definition
            .criteria
            .iter()
            .map(|c| CriterionLine {
                code: c.code.as_str().to_owned(),
                label: c.label.get(lang).to_owned(),
                kind: kind_words(c.kind, lang).to_owned(),
                rule: rule_words(c.rule, lang),
                threshold: c.rule.threshold().map(|t| t.to_string()),
                engagement: c.engagement.clone().unwrap_or_default(),
            })
            .collect(),
        manages: acting.account.role.manages(),
        problem,
        saved,
    };
    let body = render_document(move || view! { <GridPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /mystere/grilles/{code}`.
pub async fn grid(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Path(code): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    if !is_code(&code) {
        return not_found(acting.lang);
    }
    grid_page(&state, &acting, &code, None, q.saved.is_some()).await
}

/// `POST /mystere/grilles/{code}`: new thresholds (`threshold_C02`…) and standard.
pub async fn update_grid(
    State(state): State<AppState>,
    acting: Acting<Managers>,
    Path(code): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = acting.lang;
    if !is_code(&code) {
        return not_found(lang);
    }
    let path = format!("/mystere/grilles/{code}");
    let grid = match db::mystery::grids::find(&state.db, acting.organisation_id, &code).await {
        Ok(Some(g)) => g,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery screens: reading a grid", e),
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let problem = |field: &str, fr: String, en: String| FormProblem {
        form: "grid".into(),
        field: field.into(),
        message: if lang == Lang::Fr { fr } else { en },
    };
    let mut definition = grid.definition.clone();
    for c in &mut definition.criteria {
        let Some(raw) = field(&format!("threshold_{}", c.code)) else {
            continue;
        };
        let Ok(n) = raw.parse::<u32>() else {
            let p = problem(
                "criteria",
                format!("Seuil de {} : un nombre entier.", c.code),
                format!("Threshold of {}: a whole number.", c.code),
            );
            return grid_page(&state, &acting, &code, Some(p), false).await;
        };
        c.rule = match c.rule {
            PassRule::AtLeast(_) => PassRule::AtLeast(n),
            PassRule::AtMost(_) => PassRule::AtMost(n),
            other => other,
        };
    }
    if let Some(raw) = field("standard") {
        match raw.replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=10.0).contains(&v) => definition.standard = v,
            _ => {
                let p = problem(
                    "standard",
                    "Standard : une note entre 0 et 10.".into(),
                    "Standard: a mark between 0 and 10.".into(),
                );
                return grid_page(&state, &acting, &code, Some(p), false).await;
            }
        }
    }
    let actor = acting.actor();
    match db::mystery::grids::update(
        &state.db,
        &actor,
        acting.organisation_id,
        &code,
        &definition,
        Utc::now(),
    )
    .await
    {
        Ok(_) => Redirect::to(&format!(
            "{path}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "grid", lang) {
            Refusal::Field(p) => grid_page(&state, &acting, &code, Some(p), false).await,
            Refusal::Page(resp) => resp,
        },
    }
}

/// The screen's line of each engagement: its texts in `lang`, the organisation's closed
/// questions and every figure kind, ticked where they measure it, and the grids' criteria that
/// point at it.
fn engagement_lines(
    referential: Referential,
    questions: &[domain::Question],
    grids: &[db::mystery::grids::GridInfo],
    lang: Lang,
) -> Vec<EngagementLine> {
    referential
        .engagements
        .into_iter()
        .map(|e| {
            let measures = e.measures_or_seeded();
            let mut choices: Vec<MeasureChoice> = questions
                .iter()
                .map(|q| MeasureChoice {
                    code: q.code.as_str().to_owned(),
                    label: q.text.get(lang).to_owned(),
                    checked: measures.questions.contains(&q.code),
                })
                .collect();
            // A question mapped before it left the questionnaire stays visible, to be unticked.
            for code in &measures.questions {
                if !questions.iter().any(|q| &q.code == code) {
                    choices.push(MeasureChoice {
                        code: code.as_str().to_owned(),
                        label: match lang {
                            Lang::Fr => "Question qui n'est plus au questionnaire".into(),
                            Lang::En => "Question no longer in the questionnaire".into(),
                        },
                        checked: true,
                    });
                }
            }
            EngagementLine {
                questions: choices,
                figures: FigureKind::ALL
                    .iter()
                    .map(|k| MeasureChoice {
                        code: k.code().to_owned(),
                        label: figure_name(k.code(), lang).to_owned(),
                        checked: measures.figures.iter().any(|f| f == k.code()),
                    })
                    .collect(),
                criteria: grids
                    .iter()
                    .flat_map(|g| &g.definition.criteria)
                    .filter(|c| c.engagement.as_deref() == Some(e.id.as_str()))
                    .map(|c| c.code.as_str().to_owned())
                    .collect(),
                title: e.title.get(lang).to_owned(),
                threshold: e.threshold.get(lang).to_owned(),
                id: e.id,
                module: e.module,
                channel: e.channel,
            }
        })
        .collect()
}

async fn referential_page<R>(
    state: &AppState,
    acting: &Acting<R>,
    saved: bool,
    problem: Option<FormProblem>,
) -> Response {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let read = async {
        let (version, referential) = db::mystery::grids::referential(&state.db, org).await?;
        let questions = db::survey::closed_questions(&state.db, org).await?;
        let grids = db::mystery::grids::list(&state.db, org).await?;
        Ok::<_, db::DbError>((version, referential, questions, grids))
    };
    let (version, referential, questions, grids) = match read.await {
        Ok(r) => r,
        Err(e) => return failed("mystery screens: reading the referential", e),
    };
    let status = form_status(&problem);
    let view = ReferentialView {
        who: acting.who(),
        org_query: acting.org_query.clone(),
        version,
        engagements: engagement_lines(referential, &questions, &grids, lang),
        manages: acting.account.role.manages(),
        saved,
        problem,
    };
    let body = render_document(move || view! { <ReferentialPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /mystere/referentiel`.
pub async fn referential(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<SavedQuery>,
) -> Response {
    referential_page(&state, &acting, q.saved.is_some(), None).await
}

/// The measures the form sends: for each engagement it names (`mapped=M1-ACC-02`, or any of
/// its boxes), the ticked questions (`question_M1-ACC-02=courtesy`) and figures
/// (`figure_M1-TEL-01=call_pickup_rate`); an engagement the form does not name keeps its own.
/// Questions come back in the questionnaire's order, figures in the screen's. An engagement
/// that is not in the referential, or a question code that cannot be one, is refused with the
/// message to show; whether a code names a closed question or a figure kind the database checks.
fn sent_measures(
    fields: &[(String, String)],
    referential: &Referential,
    questions: &[domain::Question],
    lang: Lang,
) -> Result<Vec<(String, Measures)>, String> {
    enum Field {
        Mapped,
        Question,
        Figure,
    }
    let mut sent: Vec<(String, Measures)> = Vec::new();
    for (name, value) in fields {
        let value: String = value.trim().chars().take(64).collect();
        let (id, field) = if name == "mapped" {
            (value.as_str(), Field::Mapped)
        } else if let Some(id) = name.strip_prefix("question_") {
            (id, Field::Question)
        } else if let Some(id) = name.strip_prefix("figure_") {
            (id, Field::Figure)
        } else {
            continue;
        };
        if referential.engagement(id).is_none() {
            return Err(match lang {
                Lang::Fr => format!("Engagement « {id} » : il n'est pas dans le référentiel."),
                Lang::En => format!("Engagement \"{id}\": it is not in the referential."),
            });
        }
        let at = match sent.iter().position(|(e, _)| e == id) {
            Some(at) => at,
            None => {
                sent.push((id.to_owned(), Measures::default()));
                sent.len() - 1
            }
        };
        let measures = &mut sent[at].1;
        match field {
            Field::Mapped => {}
            Field::Question => {
                let code = QuestionCode::parse(&value).map_err(|_| match lang {
                    Lang::Fr => format!(
                        "Engagement {id} : « {value} » n'est pas une question du questionnaire ; choisissez dans la liste."
                    ),
                    Lang::En => format!(
                        "Engagement {id}: \"{value}\" is not a question of the questionnaire; choose one of the list."
                    ),
                })?;
                if !measures.questions.contains(&code) {
                    measures.questions.push(code);
                }
            }
            Field::Figure if !measures.figures.contains(&value) => measures.figures.push(value),
            Field::Figure => {}
        }
    }
    // Unknown codes last (a question that left the questionnaire; the database refuses others).
    for (_, m) in &mut sent {
        m.questions.sort_by_key(|c| {
            questions
                .iter()
                .position(|q| &q.code == c)
                .unwrap_or(usize::MAX)
        });
        m.figures.sort_by_key(|f| {
            FigureKind::ALL
                .iter()
                .position(|k| k.code() == f)
                .unwrap_or(usize::MAX)
        });
    }
    Ok(sent)
}

/// `POST /mystere/referentiel`: new thresholds (`threshold_M1-TEL-01`…), in the page's language
/// (the other language keeps its text unless it was the same), and what measures each engagement
/// ([`sent_measures`]), saved as the next version; an unknown engagement, question or figure
/// answers 400 with the page and the message.
pub async fn update_referential(
    State(state): State<AppState>,
    acting: Acting<Managers>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let read = async {
        let (_, referential) = db::mystery::grids::referential(&state.db, org).await?;
        let questions = db::survey::closed_questions(&state.db, org).await?;
        Ok::<_, db::DbError>((referential, questions))
    };
    let (mut referential, questions) = match read.await {
        Ok(r) => r,
        Err(e) => return failed("mystery screens: reading the referential", e),
    };
    let refused = |message: String| FormProblem {
        form: "referential".into(),
        field: "measures".into(),
        message,
    };
    let sent = match sent_measures(&fields, &referential, &questions, lang) {
        Ok(sent) => sent,
        Err(message) => {
            return referential_page(&state, &acting, false, Some(refused(message))).await;
        }
    };
    let mut changed = false;
    for e in &mut referential.engagements {
        if let Some((_, m)) = sent.iter().find(|(id, _)| *id == e.id)
            && e.measures.as_ref() != Some(m)
        {
            e.measures = Some(m.clone());
            changed = true;
        }
        let name = format!("threshold_{}", e.id);
        if let Some((_, v)) = fields.iter().find(|(k, _)| *k == name) {
            let text: String = v.trim().chars().take(300).collect();
            let (fr, en) = (
                e.threshold.get(Lang::Fr).to_owned(),
                e.threshold.get(Lang::En).to_owned(),
            );
            e.threshold = match lang {
                Lang::Fr if text != fr => domain::Translated::fr_en(&text, &en),
                Lang::En if text != en => domain::Translated::fr_en(&fr, &text),
                _ => continue,
            };
            changed = true;
        }
    }
    let done = format!(
        "/mystere/referentiel?lang={}{}&saved=1",
        lang.code(),
        acting.org_query
    );
    if !changed {
        return Redirect::to(&done).into_response();
    }
    let actor = acting.actor();
    match db::mystery::grids::update_referential(&state.db, &actor, org, &referential, Utc::now())
        .await
    {
        Ok(_) => Redirect::to(&done).into_response(),
        Err(e) => match refusal(e, "referential", lang) {
            Refusal::Field(p) => referential_page(&state, &acting, false, Some(p)).await,
            Refusal::Page(resp) => resp,
        },
    }
}
