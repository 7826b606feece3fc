//! Small helpers the mystery-test pages share: whether the page is in French, the problem banner.

use crate::components::forms::FormProblem;
use domain::Lang;
use leptos::prelude::*;

/// Whether the page is in French.
pub(crate) fn fr(lang: Lang) -> bool {
    lang == Lang::Fr
}

/// The banner of a form that came back with a problem.
pub(crate) fn problem_banner(problem: &Option<FormProblem>) -> Option<impl IntoView + use<>> {
    problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    })
}
