//! Every route of the product, and the headers every response carries.

use crate::api::{self, openapi, read, submit, write};
use crate::http::pages::NO_SCRIPT_CSP;
use crate::http::{assets, health};
use crate::mystery::{self, campaigns, grids, plan, shopper, test_form, validation};
use crate::staff::{
    self, account, admin, builder, figures, imports, people, planner, sign_in, structure, tokens,
};
use crate::state::AppState;
use crate::visitor::{self, home, qr, survey};
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post, put};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Every route of the product.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::home))
        .route("/healthz", get(health::healthz))
        .route("/favicon.ico", get(assets::favicon))
        .route("/api/v1/summary", get(read::summary))
        .route("/api/v1/plan/sample-size", get(read::sample_size))
        .route(
            "/api/v1/touchpoints",
            get(read::touchpoints).post(write::add_touchpoint),
        )
        .route("/api/v1/touchpoints/{code}", put(write::update_touchpoint))
        .route(
            "/api/v1/touchpoints/{code}/active",
            put(write::set_touchpoint_active),
        )
        .route("/api/v1/touchpoints/{code}/responses", post(submit::submit))
        .route("/api/v1/sites", post(write::add_site))
        .route("/api/v1/services", post(write::add_service))
        .route(
            "/api/v1/surveys",
            get(read::surveys).post(write::add_survey),
        )
        .route("/api/v1/surveys/{code}/draft", put(write::write_draft))
        .route("/api/v1/surveys/{code}/publish", post(write::publish))
        .route("/api/v1/surveys/{code}/open", put(write::set_survey_open))
        .route("/api/v1/figures", put(write::set_figure))
        .route("/api/v1/survey-links", post(submit::issue_links))
        .route("/api/v1/grids", get(api::mystery::grids))
        .route("/api/v1/campaigns", get(api::mystery::campaigns))
        .route(
            "/api/v1/campaigns/{code}/results",
            get(api::mystery::results),
        )
        .route("/api/v1/responses", get(read::responses))
        .route("/api/v1/openapi.json", get(openapi::openapi))
        .route(
            "/q/{code}",
            get(survey::show_survey).post(survey::submit_survey),
        )
        .route("/q/{code}/merci", get(survey::thank_you))
        .route("/q/{code}/confidentialite", get(visitor::privacy::notice))
        .route("/login", get(sign_in::login_page).post(sign_in::login))
        .route("/logout", post(sign_in::logout))
        .route("/compte", get(account::show).post(account::change_password))
        .route("/compte/sessions", post(account::sign_out_everywhere))
        .route(
            "/reinitialiser/{secret}",
            get(account::reset_page).post(account::reset),
        )
        .route("/admin", get(admin::home))
        .route("/admin/journal", get(admin::journal))
        .route(
            "/admin/organisations",
            get(admin::organisations).post(admin::add_organisation),
        )
        .route("/admin/comptes", get(people::show).post(people::invite))
        .route("/admin/comptes/{id}/etat", post(people::set_active))
        .route(
            "/admin/comptes/{id}/reinitialisation",
            post(people::reset_link),
        )
        .route(
            "/admin/comptes/{id}/sessions",
            post(people::revoke_sessions),
        )
        .route(
            "/admin/comptes/invitations/annuler",
            post(people::cancel_invitation),
        )
        .route(
            "/admin/jetons",
            get(tokens::tokens).post(tokens::create_token),
        )
        .route("/admin/jetons/{id}/revoquer", post(tokens::revoke_token))
        .route(
            "/admin/confidentialite",
            get(staff::privacy::show).post(staff::privacy::save),
        )
        .route(
            "/admin/confidentialite/conservation",
            post(staff::privacy::save_retention),
        )
        .route("/admin/reponses", get(staff::comments::show))
        .route("/admin/reponses/{id}/{verb}", post(staff::comments::act))
        .route(
            "/invitation/{secret}",
            get(people::invitation).post(people::accept),
        )
        .route(
            "/admin/questionnaires",
            get(builder::list).post(builder::create),
        )
        .route("/admin/questionnaires/{code}", get(builder::show))
        .route("/admin/questionnaires/{code}/apercu", get(builder::preview))
        .route(
            "/admin/questionnaires/{code}/publier",
            post(builder::publish),
        )
        .route("/admin/questionnaires/{code}/etat", post(builder::set_open))
        .route(
            "/admin/questionnaires/{code}/questions",
            post(builder::add_question),
        )
        .route(
            "/admin/questionnaires/{code}/questions/{question}",
            post(builder::update_question),
        )
        .route(
            "/admin/questionnaires/{code}/questions/{question}/{verb}",
            post(builder::question_action),
        )
        .route(
            "/admin/chiffres",
            get(figures::figures).post(figures::set_figure),
        )
        .route("/admin/lieux", get(structure::structure))
        .route("/admin/lieux/sites", post(structure::add_site))
        .route("/admin/lieux/services", post(structure::add_service))
        .route("/admin/points", post(structure::add_touchpoint))
        .route(
            "/admin/points/{code}",
            get(structure::touchpoint).post(structure::update_touchpoint),
        )
        .route(
            "/admin/points/{code}/etat",
            post(structure::set_touchpoint_active),
        )
        .route("/mystere", get(campaigns::home))
        .route("/mystere/campagnes", post(campaigns::create))
        .route("/mystere/campagnes/{code}", get(plan::plan))
        .route("/mystere/campagnes/{code}/cibles", post(plan::add_target))
        .route(
            "/mystere/campagnes/{code}/scenarios",
            post(plan::add_scenario),
        )
        .route(
            "/mystere/campagnes/{code}/planifier",
            post(plan::plan_tests),
        )
        .route("/mystere/campagnes/{code}/affecter", post(plan::assign))
        .route(
            "/mystere/campagnes/{code}/resultats",
            get(mystery::results::results),
        )
        .route("/mystere/validation", get(validation::validation))
        .route(
            "/mystere/grilles/{code}",
            get(grids::grid).post(grids::update_grid),
        )
        .route(
            "/mystere/referentiel",
            get(grids::referential).post(grids::update_referential),
        )
        .route("/mystere/mes-tests", get(shopper::my_tests))
        .route("/mystere/affectations/{id}/commencer", post(shopper::start))
        .route(
            "/mystere/tests/{id}",
            get(test_form::show_test).post(test_form::save_test),
        )
        .route("/mystere/tests/{id}/revue", post(test_form::review))
        .route("/resultats", get(staff::results::show))
        .route("/tableau-de-bord", get(staff::dashboard::show))
        .route("/transparence", get(staff::transparency::show))
        .route("/rapport", get(staff::report::show))
        .route("/rapport.pdf", get(staff::report::pdf))
        .route("/rapport/diaporama", get(staff::report::slides))
        .route("/rapport/impression.css", get(staff::report::print_css))
        .route("/tableau-de-bord/{file}", get(staff::dashboard::csv))
        .route(
            "/resultats/commentaires",
            get(staff::visitor_comments::show),
        )
        .route(
            "/resultats/commentaires/{id}/{verb}",
            post(staff::visitor_comments::mark),
        )
        .route("/resultats/echantillon", get(planner::planner))
        .route(
            "/resultats/import",
            get(imports::show)
                .post(imports::upload)
                .layer(DefaultBodyLimit::max(imports::IMPORT_MAX_BYTES)),
        )
        .route("/resultats/import/{id}", get(imports::progress))
        .route("/qr/{file}", get(qr::qr_image))
        .route("/affiche/{code}", get(qr::poster))
        .nest("/pkg", assets::pkg(&state.config.site_root.join("pkg")))
        .fallback(home::no_such_page)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The headers every response carries: a Content-Security-Policy (the page's own, else one
/// without any script), and HSTS when the public address is https.
async fn security_headers(State(state): State<AppState>, mut resp: Response) -> Response {
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NO_SCRIPT_CSP),
        );
    }
    if state.config.secure_cookies() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    resp
}

/// The log span of a request: its method and path, with every secret of a path (invitation,
/// one-time link, password reset, token, session) replaced by `…` and no query string (a
/// one-time link's secret is in it), whatever `RUST_LOG` says; no header is logged.
fn request_span(req: &Request) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %req.method(),
        path = %redacted_path(req.uri().path()),
    )
}

/// A path with its secrets (segments starting `qa_`, `qi_`, `ql_`, `qr_` or `qs_`) replaced by
/// `…`.
pub fn redacted_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if ["qa_", "qi_", "ql_", "qr_", "qs_"]
                .iter()
                .any(|p| segment.starts_with(p))
            {
                "…"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_never_reach_the_logs() {
        assert_eq!(
            super::redacted_path("/invitation/qi_abcdef"),
            "/invitation/…"
        );
        assert_eq!(
            super::redacted_path("/reinitialiser/qr_abcdef"),
            "/reinitialiser/…"
        );
        assert_eq!(super::redacted_path("/q/belfort-pan"), "/q/belfort-pan");
    }
}
