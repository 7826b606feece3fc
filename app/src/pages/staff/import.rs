//! The upload screen of past results, and the page that follows an import while it runs
//! (it refreshes itself every second with a plain `<meta http-equiv="refresh">`: no script).

use crate::components::document::PublicDocument;
use crate::components::format::decimal;
use domain::Lang;
use leptos::prelude::*;

struct ImportTexts {
    title: &'static str,
    intro: &'static str,
    format: &'static str,
    touchpoint: &'static str,
    file: &'static str,
    file_hint: &'static str,
    submit: &'static str,
    errors_title: &'static str,
    running: &'static str,
    done: &'static str,
    failed: &'static str,
    nothing_stored: &'static str,
    unknown: &'static str,
    another: &'static str,
    back: &'static str,
}

const FR: ImportTexts = ImportTexts {
    title: "Importer des résultats antérieurs",
    intro: "Les réponses d'une enquête papier ou d'un ancien outil rejoignent celles du point de contact choisi. L'import est tout ou rien : à la première cellule incorrecte, rien n'est enregistré et la ligne et la colonne sont indiquées.",
    format: "Fichier CSV : une première ligne d'en-tête « submitted_at » (date et heure RFC 3339, par exemple 2026-01-15T09:30:00+01:00) suivie des codes des questions ; puis une ligne par réponse, avec les codes de réponse ; une cellule vide pour une question sans réponse.",
    touchpoint: "Point de contact",
    file: "Fichier CSV",
    file_hint: "Encodage UTF-8, séparateur virgule.",
    submit: "Importer",
    errors_title: "L'import n'a pas pu commencer",
    running: "Import en cours",
    done: "Import terminé",
    failed: "Import refusé",
    nothing_stored: "Rien n'a été enregistré. Corrigez le fichier puis importez-le à nouveau.",
    unknown: "Cet import est inconnu de ce serveur (il a peut-être redémarré). Vérifiez les résultats, puis importez à nouveau si besoin.",
    another: "Importer un autre fichier",
    back: "Voir les résultats",
};

const EN: ImportTexts = ImportTexts {
    title: "Import earlier results",
    intro: "Answers from a paper survey or an earlier tool join those of the touchpoint chosen. The import is all or nothing: at the first wrong cell nothing is stored, and its line and column are given.",
    format: "CSV file: a header line “submitted_at” (RFC 3339 date and time, e.g. 2026-01-15T09:30:00+01:00) followed by the question codes; then one line per response, with the answer codes; an empty cell for a question not answered.",
    touchpoint: "Touchpoint",
    file: "CSV file",
    file_hint: "UTF-8, comma-separated.",
    submit: "Import",
    errors_title: "The import could not start",
    running: "Import running",
    done: "Import finished",
    failed: "Import refused",
    nothing_stored: "Nothing was stored. Correct the file and import it again.",
    unknown: "This server does not know this import (it may have restarted). Check the results, then import again if needed.",
    another: "Import another file",
    back: "See the results",
};

fn texts(lang: Lang) -> &'static ImportTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The upload form.
#[component]
pub fn ImportPage(
    lang: Lang,
    /// (code, name) of the touchpoints that take answers.
    touchpoints: Vec<(String, String)>,
    /// Why the last attempt did not start.
    error: Option<String>,
) -> impl IntoView {
    let t = texts(lang);
    let alert = error.map(|m| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.errors_title}</h2>
                <p>{m}</p>
            </div>
        }
    });
    let options = touchpoints
        .into_iter()
        .map(|(code, name)| view! { <option value=code.clone()>{format!("{name} ({code})")}</option> })
        .collect_view();
    view! {
        <PublicDocument lang=lang title=t.title.to_owned() switch_path=Some("/resultats/import".to_owned()) staff=true>
            <p><a class="fr-link" href=format!("/resultats?lang={}", lang.code())>{t.back}</a></p>
            <h1>{t.title}</h1>
            <p>{t.intro}</p>
            <p class="fr-text--sm">{t.format}</p>
            {alert}
            <form class="fr-form results-form" method="post" action="/resultats/import" enctype="multipart/form-data">
                <input type="hidden" name="lang" value=lang.code()/>
                <div class="fr-select-group">
                    <label class="fr-label" for="touchpoint">{t.touchpoint}</label>
                    <select class="fr-select" id="touchpoint" name="touchpoint">{options}</select>
                </div>
                <div class="fr-input-group">
                    <label class="fr-label" for="file">
                        {t.file}
                        <span class="fr-hint-text">{t.file_hint}</span>
                    </label>
                    <input class="fr-input" type="file" id="file" name="file" accept=".csv,text/csv" required=true/>
                </div>
                <button type="submit" class="fr-btn">{t.submit}</button>
            </form>
        </PublicDocument>
    }
}

/// Where an import stands.
#[derive(Debug, Clone)]
pub enum ImportStatus {
    /// Bytes of the file read so far, of the total.
    Running { done: u64, total: u64 },
    /// Responses stored.
    Done { stored: u64, seconds: f64 },
    /// Why nothing was stored.
    Failed { message: String },
    /// No such import on this server.
    Unknown,
}

/// The page of one import: progress while it runs, then its outcome.
#[component]
pub fn ImportProgressPage(lang: Lang, touchpoint: String, status: ImportStatus) -> impl IntoView {
    let t = texts(lang);
    let running = matches!(status, ImportStatus::Running { .. });
    let title = match &status {
        ImportStatus::Running { .. } => t.running,
        ImportStatus::Done { .. } => t.done,
        ImportStatus::Failed { .. } | ImportStatus::Unknown => t.failed,
    };
    let body = match status {
        ImportStatus::Running { done, total } => {
            let pct = if total == 0 {
                0.0
            } else {
                (done as f64 / total as f64 * 100.0).min(100.0)
            };
            let label = match lang {
                Lang::Fr => format!(
                    "{} % du fichier lu et vérifié ({touchpoint})",
                    decimal(pct, 0, lang)
                ),
                Lang::En => format!("{pct:.0}% of the file read and checked ({touchpoint})"),
            };
            view! {
                <p id="progress-label">{label.clone()}</p>
                <progress max="100" value=format!("{pct:.0}") aria-labelledby="progress-label">{label}</progress>
            }
            .into_any()
        }
        ImportStatus::Done { stored, seconds } => {
            let text = match lang {
                Lang::Fr => format!(
                    "{stored} réponses importées dans {touchpoint} en {} s.",
                    decimal(seconds, 1, lang)
                ),
                Lang::En => {
                    format!("{stored} responses imported into {touchpoint} in {seconds:.1} s.")
                }
            };
            view! { <div class="fr-alert fr-alert--success" role="status"><p>{text}</p></div> }
                .into_any()
        }
        ImportStatus::Failed { message } => view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <p>{message}</p>
                <p>{t.nothing_stored}</p>
            </div>
        }
        .into_any(),
        ImportStatus::Unknown => {
            view! { <div class="fr-alert fr-alert--warning"><p>{t.unknown}</p></div> }.into_any()
        }
    };
    let links = (!running).then(|| {
        view! {
            <ul class="fr-btns-group">
                <li><a class="fr-link" href=format!("/resultats/import?lang={}", lang.code())>{t.another}</a></li>
                <li><a class="fr-link" href=format!("/resultats?lang={}", lang.code())>{t.back}</a></li>
            </ul>
        }
    });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=None staff=true refresh=running>
            <h1>{title}</h1>
            {body}
            {links}
        </PublicDocument>
    }
}
