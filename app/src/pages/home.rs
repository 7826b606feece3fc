//! The home page of the hydrated application: what the product is, and the touchpoints with
//! their survey and poster.

use crate::api::{TouchpointSummary, list_touchpoints};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: the product and its touchpoints.
#[component]
pub fn HomePage() -> impl IntoView {
    let touchpoints = Resource::new(|| (), |_| list_touchpoints());
    view! {
        <Title text="Qualité de l'accueil – enquêtes de satisfaction"/>
        <h1>"Qualité de l'accueil"</h1>
        <p class="fr-text--lead">
            "Enquêtes de satisfaction par QR code et visites mystères, pour le référentiel Qual-E-Pref "
            "et le comité local des usagers."
        </p>
        <p>
            <a class="fr-link" href="/resultats" rel="external">"Lire les résultats (avec intervalles de confiance)"</a>
        </p>
        <h2>"Points de contact"</h2>
        <Suspense fallback=|| view! { <p>"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match touchpoints.await {
                    Ok(list) if list.is_empty() => view! {
                        <p>"Aucun point de contact n'est encore configuré."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="fr-grid">
                            {list.into_iter().map(|t| view! { <TouchpointCard touchpoint=t/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! {
                        <div class="fr-alert fr-alert--error" role="alert">
                            <p>"La liste des points de contact n'a pas pu être chargée."</p>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One touchpoint with its links.
#[component]
fn TouchpointCard(touchpoint: TouchpointSummary) -> impl IntoView {
    let survey = format!("/q/{}", touchpoint.code);
    let poster = format!("/affiche/{}", touchpoint.code);
    let badge = if touchpoint.active {
        view! { <span class="fr-badge fr-badge--success">"Actif"</span> }.into_any()
    } else {
        view! { <span class="fr-badge">"Désactivé"</span> }.into_any()
    };
    view! {
        <li class="fr-card">
            <h3 class="fr-card__title">{touchpoint.name}</h3>
            <p class="fr-card__desc">
                <code>{touchpoint.code.clone()}</code> " · " {touchpoint.channel} " " {badge}
            </p>
            <p>
                <a class="fr-link" href=survey rel="external">"Questionnaire"</a>
                " · "
                <a class="fr-link" href=poster rel="external">"Affiche QR"</a>
            </p>
        </li>
    }
}
