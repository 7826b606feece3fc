//! The OpenAPI document of the JSON API (`GET /api/v1/openapi.json`), generated from the routes'
//! annotations with utoipa.

use super::error::{ErrorBody, ErrorDetail, FieldProblem};
use super::{mystery, read, submit, write};
use axum::Json;
use utoipa::OpenApi;

/// The OpenAPI description of the JSON API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Qualité de l'accueil – API",
        description = "Satisfaction surveys and results of public-service front offices. Every route takes `Authorization: Bearer TOKEN` (tokens are created by the administrator, carry a role and an organisation, and read that organisation only). Errors are JSON: `{\"error\": {\"code\", \"message\"}}`."
    ),
    paths(
        read::summary,
        read::sample_size,
        read::touchpoints,
        read::surveys,
        read::responses,
        write::add_site,
        write::add_service,
        write::add_touchpoint,
        write::update_touchpoint,
        write::set_touchpoint_active,
        write::add_survey,
        write::write_draft,
        write::publish,
        write::set_survey_open,
        write::set_figure,
        submit::issue_links,
        submit::submit,
        mystery::grids,
        mystery::campaigns,
        mystery::results,
    ),
    components(schemas(ErrorBody, ErrorDetail, FieldProblem)),
    modifiers(&BearerScheme)
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme the routes refer to.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token (qa_…), created with `server api-token create`",
                    ))
                    .build(),
            ),
        );
    }
}

/// `GET /api/v1/openapi.json`: this API's description (public, like any API documentation).
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
