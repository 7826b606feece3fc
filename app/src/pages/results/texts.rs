//! The words of the staff's results pages, and the names of the interval methods and indicators.

use domain::{Lang, QuestionKind};

/// The words of the staff pages.
pub struct ResultsTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub form_title: &'static str,
    pub scope: &'static str,
    pub surveys: &'static str,
    pub sites: &'static str,
    pub services: &'static str,
    pub touchpoints: &'static str,
    pub period: &'static str,
    pub compare: &'static str,
    pub compare_hint: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub method: &'static str,
    pub level: &'static str,
    pub source: &'static str,
    pub source_hint: &'static str,
    pub source_all: &'static str,
    pub source_invited: &'static str,
    pub source_open: &'static str,
    pub show: &'static str,
    pub errors_title: &'static str,
    /// Periods are whole months.
    pub period_hint: &'static str,
    pub respondents: &'static str,
    pub no_answers: &'static str,
    pub indicator: &'static str,
    pub estimate: &'static str,
    pub interval: &'static str,
    pub change: &'static str,
    pub reliability: &'static str,
    pub fragile: &'static str,
    pub reliable: &'static str,
    pub suppressed: &'static str,
    pub significant: &'static str,
    pub not_significant: &'static str,
    pub answers: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub legend: &'static str,
    pub planner_title: &'static str,
    pub planner_page_title: &'static str,
    pub planner_intro: &'static str,
    pub planner_p: &'static str,
    pub planner_p_hint: &'static str,
    pub planner_margin: &'static str,
    pub planner_margin_hint: &'static str,
    pub planner_population: &'static str,
    pub planner_population_hint: &'static str,
    pub planner_submit: &'static str,
    pub planner_answer: &'static str,
    pub import_link: &'static str,
}

const FR: ResultsTexts = ResultsTexts {
    title: "Résultats des enquêtes de satisfaction",
    intro: "Chaque indicateur est donné avec le nombre de réponses sur lequel il repose (n) et son intervalle de confiance : la vraie valeur a de fortes chances de s'y trouver. Plus n est petit, plus l'intervalle est large.",
    form_title: "Choisir les résultats",
    scope: "Périmètre",
    surveys: "Questionnaires",
    sites: "Sites",
    services: "Services",
    touchpoints: "Points de contact",
    period: "Période",
    compare: "Période de comparaison (facultatif)",
    compare_hint: "Par exemple le trimestre précédent. Laissez vide pour ne pas comparer.",
    from: "Du",
    to: "Au",
    method: "Méthode d'intervalle pour les pourcentages",
    level: "Niveau de confiance",
    source: "Origine des réponses",
    source_hint: "Les réponses sur invitation viennent du lien unique envoyé après un rendez-vous : chacune correspond à une visite réelle.",
    source_all: "Toutes les réponses",
    source_invited: "Sur invitation après un rendez-vous (vérifiées)",
    source_open: "Par le QR code en libre accès",
    show: "Afficher les résultats",
    errors_title: "Les résultats n'ont pas pu être calculés",
    period_hint: "Des mois entiers, au format AAAA-MM (par exemple 2026-07 à 2026-09).",
    respondents: "répondants",
    no_answers: "Aucune réponse sur cette période.",
    indicator: "Indicateur",
    estimate: "Valeur",
    interval: "Intervalle de confiance",
    change: "Évolution",
    reliability: "Fiabilité",
    fragile: "Fragile",
    reliable: "Suffisante",
    suppressed: "Masqué",
    significant: "écart significatif",
    not_significant: "écart non significatif",
    answers: "Répartition des réponses",
    count: "Nombre",
    share: "Part",
    legend: "Fragile : moins de {mean} réponses pour une moyenne ou une part ; à lire avec prudence. Masqué : moins de {min} réponses, non affiché pour préserver l'anonymat. L'évolution est la valeur de la période moins celle de la période de comparaison (écart de pourcentages en points, intervalle de Newcombe ; écart de moyennes, intervalle de Welch), avec sa p-valeur.",
    planner_title: "Combien de réponses faut-il ?",
    planner_page_title: "Planifier la taille d'un échantillon",
    planner_intro: "Nombre de réponses (ou de tests mystères) nécessaires pour mesurer un pourcentage avec la marge d'erreur souhaitée.",
    planner_p: "Pourcentage attendu",
    planner_p_hint: "En %. 50 si vous ne savez pas (c'est le cas le plus exigeant).",
    planner_margin: "Marge d'erreur souhaitée",
    planner_margin_hint: "En points de pourcentage, par exemple 5.",
    planner_population: "Fréquentation de la période (facultatif)",
    planner_population_hint: "Nombre d'usagers reçus ; sert à la correction de population finie.",
    planner_submit: "Calculer",
    planner_answer: "réponses nécessaires",
    import_link: "Importer des résultats antérieurs (fichier CSV)",
};

const EN: ResultsTexts = ResultsTexts {
    title: "Satisfaction survey results",
    intro: "Every indicator comes with the number of answers it rests on (n) and its confidence interval: the true value is very likely inside it. The smaller n, the wider the interval.",
    form_title: "Choose the results",
    scope: "Scope",
    surveys: "Questionnaires",
    sites: "Sites",
    services: "Services",
    touchpoints: "Touchpoints",
    period: "Period",
    compare: "Comparison period (optional)",
    compare_hint: "For example the previous quarter. Leave empty not to compare.",
    from: "From",
    to: "To",
    method: "Interval method for percentages",
    level: "Confidence level",
    source: "Origin of the answers",
    source_hint: "Invited answers come from the one-time link sent after an appointment: each matches a real visit.",
    source_all: "All answers",
    source_invited: "Invited after an appointment (verified)",
    source_open: "Through the open QR code",
    show: "Show the results",
    errors_title: "The results could not be computed",
    period_hint: "Whole months, as YYYY-MM (for instance 2026-07 to 2026-09).",
    respondents: "respondents",
    no_answers: "No answer in this period.",
    indicator: "Indicator",
    estimate: "Value",
    interval: "Confidence interval",
    change: "Change",
    reliability: "Reliability",
    fragile: "Fragile",
    reliable: "Sufficient",
    suppressed: "Hidden",
    significant: "significant difference",
    not_significant: "difference not significant",
    answers: "Answers",
    count: "Count",
    share: "Share",
    legend: "Fragile: fewer than {mean} answers for a mean or a share; read with care. Hidden: fewer than {min} answers, not shown to protect anonymity. The change is the period's value minus the comparison period's (difference of percentages in points, Newcombe interval; difference of means, Welch interval), with its p-value.",
    planner_title: "How many answers are needed?",
    planner_page_title: "Plan the size of a sample",
    planner_intro: "Number of answers (or mystery tests) needed to measure a percentage with the margin of error you want.",
    planner_p: "Expected percentage",
    planner_p_hint: "In %. 50 if you do not know (the most demanding case).",
    planner_margin: "Margin of error wanted",
    planner_margin_hint: "In percentage points, for example 5.",
    planner_population: "Footfall of the period (optional)",
    planner_population_hint: "Number of visitors received; used for the finite population correction.",
    planner_submit: "Compute",
    planner_answer: "answers needed",
    import_link: "Import earlier results (CSV file)",
};

/// The staff pages' words in a language.
pub fn results_texts(lang: Lang) -> &'static ResultsTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The interval methods for percentages: code, French name, English name.
pub(crate) const METHODS: [(&str, &str, &str); 6] = [
    ("wilson", "Wilson (recommandée)", "Wilson (recommended)"),
    (
        "wilson-cc",
        "Wilson avec correction de continuité",
        "Wilson with continuity correction",
    ),
    (
        "clopper-pearson",
        "Clopper-Pearson (exacte)",
        "Clopper-Pearson (exact)",
    ),
    ("agresti-coull", "Agresti-Coull", "Agresti-Coull"),
    ("jeffreys", "Jeffreys", "Jeffreys"),
    (
        "wald",
        "Wald (pour comparaison seulement)",
        "Wald (for comparison only)",
    ),
];

/// The name of an interval method in a language.
pub fn method_name(code: &str, lang: Lang) -> &'static str {
    METHODS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, fr, en)| if lang == Lang::Fr { *fr } else { *en })
        .unwrap_or("Wilson")
}

/// The name of an indicator for a question kind.
pub fn indicator_label(name: &str, kind: QuestionKind, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match name {
        "top2" => if fr {
            "Part de réponses 3 ou 4 (sur 4)"
        } else {
            "Share answering 3 or 4 (out of 4)"
        }
        .into(),
        "mean" => {
            let max = if kind == QuestionKind::Scale5 { 5 } else { 4 };
            if fr {
                format!("Moyenne (de 1 à {max})")
            } else {
                format!("Mean (1 to {max})")
            }
        }
        "score10" => if fr {
            "Note sur 10 (Très bien 10, Moyen 5, Mauvais 0)"
        } else {
            "Score out of 10 (Very good 10, Average 5, Bad 0)"
        }
        .into(),
        "very_good_rate" => if fr {
            "Part de « Très bien »"
        } else {
            "Share of “Very good”"
        }
        .into(),
        "yes_rate" => if fr {
            "Part de « Oui »"
        } else {
            "Share of “Yes”"
        }
        .into(),
        "within_20_min" => if fr {
            "Part des visiteurs reçus en moins de 20 minutes"
        } else {
            "Share of visitors served within 20 minutes"
        }
        .into(),
        "nps" => if fr {
            "Score de recommandation (NPS, de −100 à +100)"
        } else {
            "Net Promoter Score (−100 to +100)"
        }
        .into(),
        other => other.to_owned(),
    }
}
