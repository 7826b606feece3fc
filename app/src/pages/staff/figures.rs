//! Figures from other systems (footfall, call pickup rate, e-mails, complaints, delivery delays),
//! entered per month or quarter.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, problem_message, select};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::admin_texts::admin_texts;
use domain::Lang;
use leptos::prelude::*;

/// A figure as the screen lists it, already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureLine {
    pub period: String,
    pub kind: String,
    pub service: String,
    pub value: String,
    pub entered_by: String,
    /// Where it comes from ("—" when not said).
    pub source: String,
}

/// What the figure form holds (as typed, kept after a refusal).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFields {
    pub kind: String,
    pub service: String,
    pub period: String,
    pub value: String,
    pub source: String,
}

/// What the figures screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub figures: Vec<FigureLine>,
    /// (code, name) of each kind.
    pub kinds: Vec<Named>,
    pub services: Vec<Named>,
    /// The form's values.
    pub form: FigureFields,
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

/// `/admin/chiffres`: figures from other systems, per month or quarter.
#[component]
pub fn FiguresPage(lang: Lang, view: FiguresView) -> impl IntoView {
    let a = admin_texts(lang);
    let (source, source_hint) = match lang {
        Lang::Fr => (
            "Source",
            "Facultatif ; le poster de transparence l'imprime à côté du chiffre : « statistiques du standard », « tableau de bord ANTS »…",
        ),
        Lang::En => (
            "Source",
            "Optional; the transparency poster prints it next to the figure: \"switchboard statistics\", \"ANTS dashboard\"…",
        ),
    };
    let (title, intro, period, period_hint, value, value_hint, kind, service, whole, by, add, none) =
        match lang {
            Lang::Fr => (
                "Chiffres des autres systèmes",
                "La fréquentation par service (qui sert au redressement des résultats), le taux de décroché téléphonique, les courriels répondus sous 5 jours, les réclamations reçues et répondues et les délais de délivrance des titres (cartes d'identité et passeports, permis de conduire, certificats d'immatriculation), saisis par mois ou par trimestre. Une nouvelle saisie pour la même période remplace la précédente.",
                "Période",
                "Un mois (2026-03) ou un trimestre (2026-T1).",
                "Valeur",
                "Nombre ; pour un taux, en pourcentage de 0 à 100.",
                "Indicateur",
                "Service",
                "Toute l'organisation",
                "Saisi par",
                "Enregistrer le chiffre",
                "Aucun chiffre saisi pour l'instant.",
            ),
            Lang::En => (
                "Figures from other systems",
                "Footfall per service (used to weight the results), the call pickup rate, e-mails answered within 5 days, complaints received and answered and the delivery delays of titles (ID cards and passports, driving licences, vehicle registrations), entered per month or quarter. Entering the same period again replaces the figure.",
                "Period",
                "A month (2026-03) or a quarter (2026-T1).",
                "Value",
                "A number; for a rate, a percentage from 0 to 100.",
                "Figure",
                "Service",
                "The whole organisation",
                "Entered by",
                "Save the figure",
                "No figure entered yet.",
            ),
        };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let table = if view.figures.is_empty() {
        view! { <p>{none}</p> }.into_any()
    } else {
        let rows = view
            .figures
            .iter()
            .cloned()
            .map(|f| {
                view! {
                    <tr><td>{f.period}</td><td>{f.kind}</td><td>{f.service}</td><td class="num">{f.value}</td><td>{f.source}</td><td>{f.entered_by}</td></tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table class="fr-table">
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{period}</th><th scope="col">{kind}</th><th scope="col">{service}</th><th scope="col">{value}</th><th scope="col">{source}</th><th scope="col">{by}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let FigureFields {
        kind: f_kind,
        service: f_service,
        period: f_period,
        value: f_value,
        source: f_source,
    } = view.form.clone();
    let mut services = vec![Named {
        code: String::new(),
        name: whole.to_owned(),
    }];
    services.extend(view.services.iter().cloned());
    let kind_select = select(
        "figure-kind".into(),
        "kind",
        kind,
        view.kinds.clone(),
        f_kind,
        problem_message(&view.problem, "kind"),
    );
    let service_select = select(
        "figure-service".into(),
        "service",
        service,
        services,
        f_service,
        problem_message(&view.problem, "service"),
    );
    let period_input = input(
        "figure-period".into(),
        "period",
        period,
        Some(period_hint),
        f_period,
        problem_message(&view.problem, "period"),
        true,
    );
    let value_input = input(
        "figure-value".into(),
        "value",
        value,
        Some(value_hint),
        f_value,
        problem_message(&view.problem, "value"),
        true,
    );
    let source_input = input(
        "figure-source".into(),
        "source",
        source,
        Some(source_hint),
        f_source,
        problem_message(&view.problem, "source"),
        false,
    );
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{a.saved}</p></div> }
    });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/admin/chiffres?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{intro}</p>
            {problem}
            {saved}
            {table}
            <form class="fr-form admin-form" method="post" action=format!("/admin/chiffres{q}")>
                <h2>{add}</h2>
                {kind_select}
                {service_select}
                {period_input}
                {value_input}
                {source_input}
                <button type="submit" class="fr-btn">{add}</button>
            </form>
        </PublicDocument>
    }
}

/// A figure kind's name.
pub fn figure_name(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("footfall", Lang::Fr) => "Fréquentation (visiteurs)",
        ("footfall", Lang::En) => "Footfall (visitors)",
        ("call_pickup_rate", Lang::Fr) => "Taux de décroché téléphonique (%)",
        ("call_pickup_rate", Lang::En) => "Call pickup rate (%)",
        ("emails_within_5_days", Lang::Fr) => "Courriels répondus sous 5 jours (%)",
        ("emails_within_5_days", Lang::En) => "E-mails answered within 5 days (%)",
        ("complaints", Lang::Fr) => "Réclamations reçues",
        ("complaints", Lang::En) => "Complaints received",
        ("complaints_answered", Lang::Fr) => "Réclamations répondues",
        ("complaints_answered", Lang::En) => "Complaints answered",
        ("delay_id_cards", Lang::Fr) => {
            "Délai de délivrance des cartes d'identité et passeports (jours)"
        }
        ("delay_id_cards", Lang::En) => "Delivery delay of ID cards and passports (days)",
        ("delay_driving_licences", Lang::Fr) => {
            "Délai de délivrance des permis de conduire (jours)"
        }
        ("delay_driving_licences", Lang::En) => "Delivery delay of driving licences (days)",
        ("delay_vehicle_registrations", Lang::Fr) => {
            "Délai de délivrance des certificats d'immatriculation (jours)"
        }
        ("delay_vehicle_registrations", Lang::En) => {
            "Delivery delay of vehicle registrations (days)"
        }
        (_, _) => "",
    }
}
