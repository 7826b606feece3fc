//! The notice pages: thanks, already answered, closed, unknown code, refused submission.

use crate::components::document::PublicDocument;
use crate::i18n::{Texts, texts};
use domain::Lang;
use leptos::prelude::*;

/// A page with a title and a message (thanks, closed, not found, errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The answer was stored.
    Thanks,
    /// This device already answered at this touchpoint today.
    AlreadyAnswered,
    /// The one-time invitation link has served or expired.
    LinkSpent,
    /// The survey is closed.
    Closed,
    /// The touchpoint was deactivated.
    Retired,
    /// No touchpoint has this code.
    NotFound,
    /// No page has this address.
    NoSuchPage,
    /// The body was over the limit.
    TooLarge,
    /// The per-address ceiling was reached.
    TooMany,
    /// The form was malformed (missing hidden fields).
    BadRequest,
    /// Something failed on our side.
    ServerError,
}

impl Notice {
    fn title_body(self, t: &Texts) -> (&'static str, &'static str) {
        match self {
            Notice::Thanks => (t.thanks_title, t.thanks_body),
            Notice::AlreadyAnswered => (t.already_title, t.already_body),
            Notice::LinkSpent => (t.link_spent_title, t.link_spent_body),
            Notice::Closed => (t.closed_title, t.closed_body),
            Notice::Retired => (t.retired_title, t.retired_body),
            Notice::NotFound => (t.not_found_title, t.not_found_body),
            Notice::NoSuchPage => (t.no_page_title, t.no_page_body),
            Notice::TooLarge => (t.too_large_title, t.too_large_body),
            Notice::TooMany => (t.too_many_title, t.too_many_body),
            Notice::BadRequest => (t.bad_request_title, t.bad_request_body),
            Notice::ServerError => (t.server_error_title, t.server_error_body),
        }
    }

    fn alert_class(self) -> &'static str {
        match self {
            Notice::Thanks => "fr-alert fr-alert--success",
            Notice::AlreadyAnswered | Notice::LinkSpent | Notice::Closed | Notice::Retired => {
                "fr-alert fr-alert--info"
            }
            Notice::NotFound | Notice::NoSuchPage | Notice::TooMany => "fr-alert fr-alert--warning",
            Notice::TooLarge | Notice::BadRequest | Notice::ServerError => {
                "fr-alert fr-alert--error"
            }
        }
    }
}

/// A notice page (thanks, closed, unknown code, refused submission).
#[component]
pub fn NoticePage(
    lang: Lang,
    notice: Notice,
    /// The survey's path, for a link back and the language switch; `None` when there is none.
    survey_path: Option<String>,
    /// Path the language switch points to.
    switch_path: Option<String>,
) -> impl IntoView {
    let t = texts(lang);
    let (title, body) = notice.title_body(t);
    let hint = (notice == Notice::NotFound).then_some(view! { <p>{t.not_found_hint}</p> });
    let close = (notice == Notice::Thanks).then_some(view! { <p>{t.thanks_close}</p> });
    let home = (notice == Notice::NoSuchPage).then(|| {
        let href = format!("/?lang={}", lang.code());
        view! { <p><a class="fr-link" href=href>{t.back_home}</a></p> }
    });
    let back = survey_path
        .filter(|_| {
            matches!(
                notice,
                Notice::TooLarge | Notice::TooMany | Notice::BadRequest | Notice::ServerError
            )
        })
        .map(|path| {
            let href = format!("{path}?lang={}", lang.code());
            view! { <p><a class="fr-link" href=href>{t.back_to_survey}</a></p> }
        });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=switch_path>
            <div class=notice.alert_class()>
                <h1 class="fr-alert__title">{title}</h1>
                <p>{body}</p>
            </div>
            {hint}
            {close}
            {home}
            {back}
        </PublicDocument>
    }
}
