//! QR codes of touchpoints (SVG and PNG) and the printable poster.

use crate::state::AppState;
use app::pages::visitor::poster::{Poster, PosterFormat, PosterPage};
use app::render_document;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{Lang, TouchpointCode};
use leptos::prelude::*;
use qrcode::{EcLevel, QrCode};
use serde::Deserialize;

/// The QR code of `url`: medium error correction survives a scratched or badly printed poster.
pub fn qr_code(url: &str) -> Option<QrCode> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()
}

/// The QR code as an SVG document (no XML declaration, so it can be inlined too).
pub fn qr_svg(code: &QrCode) -> String {
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build();
    match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    }
}

/// The QR code as a black-and-white PNG of at least 600 pixels (crisp printed at 5 cm), with
/// the four-module quiet zone scanners need.
pub fn qr_png(code: &QrCode) -> Option<Vec<u8>> {
    const QUIET: usize = 4;
    let modules = code.width();
    let side_modules = modules + 2 * QUIET;
    let scale = 600usize.div_ceil(side_modules);
    let side = side_modules * scale;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; side * side];
    for (i, _) in colors
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == qrcode::Color::Dark)
    {
        let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
        for y in my * scale..(my + 1) * scale {
            pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
        }
    }
    let mut out = Vec::new();
    let side32 = u32::try_from(side).ok()?;
    let mut encoder = png::Encoder::new(&mut out, side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&pixels).ok()?;
    writer.finish().ok()?;
    Some(out)
}

fn not_found() -> Response {
    crate::http::pages::not_found(Lang::Fr)
}

async fn known_touchpoint(
    state: &AppState,
    raw: &str,
) -> Result<db::visitor::TouchpointSurvey, Response> {
    let code = TouchpointCode::parse(raw).map_err(|_| not_found())?;
    match db::visitor::find_touchpoint(&state.db, &code).await {
        Ok(Some(tp)) => Ok(tp),
        Ok(None) => Err(not_found()),
        Err(e) => {
            tracing::error!(error = %e, "loading a touchpoint failed");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}

/// `GET /qr/{code}.svg` and `GET /qr/{code}.png`.
pub async fn qr_image(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((raw, ext)) = file.rsplit_once('.') else {
        return not_found();
    };
    if ext != "svg" && ext != "png" {
        return not_found();
    }
    let tp = match known_touchpoint(&state, raw).await {
        Ok(tp) => tp,
        Err(resp) => return resp,
    };
    let Some(code) = qr_code(&state.config.survey_url(tp.code.as_str())) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let (content_type, body) = if ext == "svg" {
        ("image/svg+xml", qr_svg(&code).into_bytes())
    } else {
        match qr_png(&code) {
            Some(png) => ("image/png", png),
            None => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        }
    };
    let mut resp = body.into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    resp
}

/// `?format=a4|a5` on the poster.
#[derive(Debug, Deserialize)]
pub struct PosterQuery {
    format: Option<String>,
}

/// `GET /affiche/{code}`: the printable poster.
pub async fn poster(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    Query(query): Query<PosterQuery>,
) -> Response {
    let tp = match known_touchpoint(&state, &raw).await {
        Ok(tp) => tp,
        Err(resp) => return resp,
    };
    let url = state.config.survey_url(tp.code.as_str());
    let Some(code) = qr_code(&url) else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let poster = Poster {
        code: tp.code.to_string(),
        short_url: url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_owned(),
        url,
        svg: qr_svg(&code),
        site: tp.site_name.clone(),
        service_fr: tp.service_name.get(Lang::Fr).to_owned(),
        service_en: tp.service_name.get(Lang::En).to_owned(),
        format: PosterFormat::parse(query.format.as_deref()),
    };
    let body = render_document(move || view! { <PosterPage poster=poster/> });
    let mut resp = body.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png_bytes: &[u8]) -> (u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().expect("png header");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("frame");
        assert_eq!(info.width, info.height);
        (info.width, buf)
    }

    #[test]
    fn the_png_is_large_square_and_keeps_a_white_quiet_zone_around_the_finder_patterns() {
        let code = qr_code("https://avis.example.gouv.fr/q/belfort-accueil").expect("encodes");
        let (side, pixels) = decode(&qr_png(&code).expect("png"));
        assert!(side >= 600, "side {side}");
        let side = side as usize;
        let scale = side / (code.width() + 8);
        let at = |x: usize, y: usize| pixels[y * side + x];
        assert_eq!(at(0, 0), 255, "quiet zone is white");
        assert_eq!(at(4 * scale - 1, 4 * scale - 1), 255);
        assert_eq!(
            at(4 * scale, 4 * scale),
            0,
            "finder pattern corner is black"
        );
        assert_eq!(
            at(side - 4 * scale - 1, 4 * scale),
            0,
            "top-right finder pattern"
        );
    }

    #[test]
    fn the_svg_can_be_inlined_in_a_page() {
        let code = qr_code("http://127.0.0.1:3000/q/belfort-pan").expect("encodes");
        let svg = qr_svg(&code);
        assert!(svg.starts_with("<svg") && svg.contains("viewBox"));
    }
}
