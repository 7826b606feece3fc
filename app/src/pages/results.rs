//! The staff's results page: per question, every figure with its n, its interval, a flag when it
//! rests on few answers and, against a comparison period, the change with its interval and
//! p-value; the sample-size planner beside it. Rendered on the server; the forms are plain GET
//! forms, so the page works without JavaScript and every view has its own address.

use crate::pages::visitor::PublicDocument;
use domain::{Lang, QuestionKind};
use leptos::prelude::*;

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
    pub tagline: &'static str,
    pub import_link: &'static str,
    pub footer: &'static str,
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
    tagline: "Résultats et qualité de service",
    import_link: "Importer des résultats antérieurs (fichier CSV)",
    footer: "Les réponses des usagers sont anonymes ; les groupes de moins de 5 réponses ne sont pas affichés.",
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
    tagline: "Results and quality of service",
    import_link: "Import earlier results (CSV file)",
    footer: "Visitors' answers are anonymous; groups of fewer than 5 answers are not shown.",
};

/// The staff pages' words in a language.
pub fn results_texts(lang: Lang) -> &'static ResultsTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Which list a scope belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeGroup {
    /// A questionnaire (all its touchpoints).
    Survey,
    /// A site.
    Site,
    /// A service.
    Service,
    /// One touchpoint.
    Touchpoint,
}

/// A choice of the scope list.
#[derive(Debug, Clone)]
pub struct ScopeOption {
    /// `kind:code`.
    pub key: String,
    /// Its name.
    pub label: String,
    /// Its list.
    pub group: ScopeGroup,
}

/// The values of the results form, as typed.
#[derive(Debug, Clone, Default)]
pub struct ResultsForm {
    pub scope: String,
    pub from: String,
    pub to: String,
    pub compare_from: String,
    pub compare_to: String,
    pub ci: String,
    pub level: String,
    /// `all`, `invited` or `open`.
    pub source: String,
}

/// The change of an indicator against the comparison period.
#[derive(Debug, Clone, Copy)]
pub struct ChangeFigures {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub p_value: f64,
}

/// One indicator row.
#[derive(Debug, Clone)]
pub struct IndicatorFigures {
    /// `top2`, `mean`, `score10`, `very_good_rate`, `yes_rate` or `nps`.
    pub name: &'static str,
    pub n: i64,
    pub estimate: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub fragile: bool,
    pub suppressed: bool,
    pub change: Option<ChangeFigures>,
}

/// One answer of a question: its count and its share of the answers, with an interval.
#[derive(Debug, Clone)]
pub struct OptionFigures {
    pub label: String,
    pub count: i64,
    /// (estimate, lower, upper).
    pub share: Option<(f64, f64, f64)>,
}

/// One question of the report.
#[derive(Debug, Clone)]
pub struct QuestionFigures {
    pub code: String,
    pub text: String,
    pub kind: QuestionKind,
    pub n: i64,
    /// Each answer with its count and share, in the question's order; empty when suppressed.
    pub counts: Vec<OptionFigures>,
    pub indicators: Vec<IndicatorFigures>,
}

/// One share weighted by the services' footfall.
#[derive(Debug, Clone)]
pub struct WeightedRow {
    /// The question's text.
    pub question: String,
    /// The indicator's name (`top2`, `very_good_rate`, `yes_rate`).
    pub name: &'static str,
    pub kind: QuestionKind,
    pub n: u64,
    pub unweighted: f64,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub design_effect: f64,
}

/// What the report says about weighting by footfall.
#[derive(Debug, Clone)]
pub enum WeightingFigures {
    /// One service: nothing to weight.
    SingleService,
    /// Footfall missing for these services.
    MissingFootfall(Vec<String>),
    /// The weighted shares.
    Weighted(Vec<WeightedRow>),
}

/// The figures of a scope over a period.
#[derive(Debug, Clone)]
pub struct Report {
    pub scope_name: String,
    pub from: String,
    pub to: String,
    pub respondents: i64,
    /// Of all respondents of the period, those invited by a one-time link after an appointment.
    pub invited_respondents: i64,
    /// The responses counted: `all`, `invited` or `open`.
    pub source: &'static str,
    /// (from, to, respondents) of the comparison period.
    pub compare: Option<(String, String, i64)>,
    pub method_name: &'static str,
    pub level: f64,
    pub questions: Vec<QuestionFigures>,
    /// The shares weighted by each service's footfall.
    pub weighting: WeightingFigures,
    /// Answers below which a figure is fragile, and below which it is hidden.
    pub fragile_below: u64,
    pub hidden_below: u64,
}

/// Everything the results page shows.
#[derive(Debug, Clone)]
pub struct ResultsView {
    pub lang: Lang,
    /// The page's own path and query, for the language switch.
    pub switch_path: String,
    pub scopes: Vec<ScopeOption>,
    pub form: ResultsForm,
    /// (field, message) of each problem of the form.
    pub errors: Vec<(String, String)>,
    pub report: Option<Report>,
    pub planner: PlannerView,
    /// Whether the reader may import past results (referent, admin).
    pub can_import: bool,
    /// Who reads, for the staff bar.
    pub who: Option<crate::pages::account::SignedIn>,
}

/// The planner's form and answer.
#[derive(Debug, Clone, Default)]
pub struct PlannerView {
    pub p: String,
    pub margin: String,
    pub level: String,
    pub population: String,
    /// The answers needed, once computed.
    pub n: Option<u64>,
    /// Why it could not be computed.
    pub error: Option<String>,
}

/// A number with a decimal comma in French.
pub fn decimal(value: f64, digits: usize, lang: Lang) -> String {
    let s = format!("{value:.digits$}");
    let s = if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    };
    let s = s.replace('-', "\u{2212}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A share (0–1) as a percentage: "84,8 %" / "84.8%".
pub fn percent(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{202f}%", decimal(value * 100.0, 1, lang)),
        Lang::En => format!("{}%", decimal(value * 100.0, 1, lang)),
    }
}

fn is_share(name: &str) -> bool {
    matches!(name, "top2" | "very_good_rate" | "yes_rate")
}

/// A value of an indicator in its unit.
fn value(name: &str, v: f64, lang: Lang) -> String {
    match name {
        n if is_share(n) => percent(v, lang),
        "score10" | "nps" => decimal(v, 1, lang),
        _ => decimal(v, 2, lang),
    }
}

/// A signed change in the indicator's unit (points for shares).
fn signed(name: &str, v: f64, lang: Lang) -> String {
    let (scaled, digits) = if is_share(name) {
        (v * 100.0, 1)
    } else if matches!(name, "score10" | "nps") {
        (v, 1)
    } else {
        (v, 2)
    };
    let text = decimal(scaled, digits, lang);
    if text.starts_with('\u{2212}') || text.trim_start_matches(['0', ',', '.']).is_empty() {
        text
    } else {
        format!("+{text}")
    }
}

/// An interval "[a ; b]" (French) or "[a, b]" (English).
fn interval(lower: String, upper: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("[{lower}\u{a0}; {upper}]"),
        Lang::En => format!("[{lower}, {upper}]"),
    }
}

/// A p-value, with "< 0,001" below a thousandth.
pub fn p_value(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", decimal(0.001, 3, lang))
    } else {
        format!("p = {}", decimal(p, 3, lang))
    }
}

/// The name of an indicator for a question kind.
fn indicator_label(name: &str, kind: QuestionKind, lang: Lang) -> String {
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
        "nps" => if fr {
            "Score de recommandation (NPS, de −100 à +100)"
        } else {
            "Net Promoter Score (−100 to +100)"
        }
        .into(),
        other => other.to_owned(),
    }
}

fn level_text(level: f64, lang: Lang) -> String {
    let pct = level * 100.0;
    let digits = if (pct - pct.round()).abs() < 1e-9 {
        0
    } else {
        1
    };
    match lang {
        Lang::Fr => format!("{}\u{202f}%", decimal(pct, digits, lang)),
        Lang::En => format!("{}%", decimal(pct, digits, lang)),
    }
}

fn indicator_row(
    ind: IndicatorFigures,
    kind: QuestionKind,
    has_compare: bool,
    lang: Lang,
) -> impl IntoView {
    let t = results_texts(lang);
    let label = indicator_label(ind.name, kind, lang);
    let name = ind.name;
    let (estimate, range) = if ind.suppressed {
        ("—".to_owned(), "—".to_owned())
    } else {
        match (ind.estimate, ind.lower, ind.upper) {
            (Some(e), Some(l), Some(u)) => (
                value(name, e, lang),
                interval(value(name, l, lang), value(name, u, lang), lang),
            ),
            _ => ("—".to_owned(), "—".to_owned()),
        }
    };
    let change = ind.change.map(|c| {
        let significant = c.lower > 0.0 || c.upper < 0.0;
        let words = if significant {
            t.significant
        } else {
            t.not_significant
        };
        let unit = if is_share(name) {
            if lang == Lang::Fr {
                "\u{a0}pts"
            } else {
                " pts"
            }
        } else {
            ""
        };
        view! {
            <span>
                {format!("{}{unit}", signed(name, c.estimate, lang))}
                " "
                {interval(signed(name, c.lower, lang), signed(name, c.upper, lang), lang)}
            </span>
            <br/>
            <span class="fr-text--sm">{format!("{} · {words}", p_value(c.p_value, lang))}</span>
        }
    });
    let reliability = if ind.suppressed {
        view! { <span class="fr-badge">{t.suppressed}</span> }.into_any()
    } else if ind.fragile {
        view! { <span class="fr-badge fr-badge--warning">{t.fragile}</span> }.into_any()
    } else {
        view! { <span class="fr-badge fr-badge--success">{t.reliable}</span> }.into_any()
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">{ind.n}</td>
            <td class="num">{estimate}</td>
            <td class="num">{range}</td>
            {has_compare.then(|| view! { <td>{change.map(IntoAny::into_any).unwrap_or_else(|| "—".into_any())}</td> })}
            <td>{reliability}</td>
        </tr>
    }
}

fn question_table(
    q: QuestionFigures,
    report_level: f64,
    has_compare: bool,
    lang: Lang,
) -> impl IntoView {
    let t = results_texts(lang);
    let level = level_text(report_level, lang);
    let kind = q.kind;
    let caption = format!("{} – {}", q.text, t.answers);
    let counts = (!q.counts.is_empty()).then(|| {
        let level = level.clone();
        let items = q
            .counts
            .into_iter()
            .map(|o| {
                let (share, range) = match o.share {
                    Some((e, l, u)) => (
                        percent(e, lang),
                        interval(percent(l, lang), percent(u, lang), lang),
                    ),
                    None => ("—".to_owned(), "—".to_owned()),
                };
                view! {
                    <tr>
                        <th scope="row">{o.label}</th>
                        <td class="num">{o.count}</td>
                        <td class="num">{share}</td>
                        <td class="num">{range}</td>
                    </tr>
                }
            })
            .collect_view();
        let region = caption.clone();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                <table class="fr-table">
                    <caption class="fr-sr-only">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{format!("{} (n = {})", t.answers, q.n)}</th>
                            <th scope="col">{t.count}</th>
                            <th scope="col">{t.share}</th>
                            <th scope="col">{format!("{} ({level})", t.interval)}</th>
                        </tr>
                    </thead>
                    <tbody>{items}</tbody>
                </table>
            </div>
        }
    });
    let indicators_caption = format!("{} – {}", q.text, t.indicator);
    let indicators = (!q.indicators.is_empty()).then(|| {
        let rows = q
            .indicators
            .into_iter()
            .map(|ind| indicator_row(ind, kind, has_compare, lang))
            .collect_view();
        let region = indicators_caption.clone();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                <table class="fr-table">
                    <caption class="fr-sr-only">{indicators_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.indicator}</th>
                            <th scope="col">"n"</th>
                            <th scope="col">{t.estimate}</th>
                            <th scope="col">{format!("{} ({level})", t.interval)}</th>
                            {has_compare.then(|| view! { <th scope="col">{t.change}</th> })}
                            <th scope="col">{t.reliability}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let id = format!("question-{}", q.code);
    let labelled_by = id.clone();
    view! {
        <section class="fr-mt-4w" aria-labelledby=labelled_by>
            <h3 id=id>{q.text}</h3>
            {indicators}
            {counts}
        </section>
    }
}

fn scope_select(scopes: &[ScopeOption], selected: &str, lang: Lang) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let groups = [
        (ScopeGroup::Survey, t.surveys),
        (ScopeGroup::Site, t.sites),
        (ScopeGroup::Service, t.services),
        (ScopeGroup::Touchpoint, t.touchpoints),
    ]
    .into_iter()
    .map(|(group, label)| {
        let options = scopes
            .iter()
            .filter(|s| s.group == group)
            .map(|s| {
                let chosen = s.key == selected;
                view! { <option value=s.key.clone() selected=chosen>{s.label.clone()}</option> }
            })
            .collect_view();
        view! { <optgroup label=label>{options}</optgroup> }
    })
    .collect_view();
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for="scope">{t.scope}</label>
            <select class="fr-select" id="scope" name="scope">{groups}</select>
        </div>
    }
}

/// A labelled input; `errors` marks it when one of them is about `name`.
fn field(
    name: &'static str,
    label: String,
    hint: Option<&'static str>,
    input_type: &'static str,
    value: String,
    errors: &[(String, String)],
) -> impl IntoView + use<> {
    let error = errors
        .iter()
        .find(|(f, _)| f == name)
        .map(|(_, m)| m.clone());
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{name}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=name>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input
                class="fr-input"
                type=input_type
                id=name
                name=name
                value=value
                step=(input_type == "number").then_some("any")
                aria-describedby=described
            />
            {error.map(|m| view! { <p class="fr-message fr-message--error" id=error_id>{m}</p> })}
        </div>
    }
}

const METHODS: [(&str, &str, &str); 6] = [
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

fn planner_form(p: &PlannerView, lang: Lang) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let answer = p.n.map(|n| {
        view! {
            <p class="fr-alert fr-alert--info" role="status">
                <strong>{n}</strong> " " {t.planner_answer}
            </p>
        }
    });
    let errors: Vec<(String, String)> = p
        .error
        .iter()
        .map(|m| ("margin".to_owned(), m.clone()))
        .collect();
    view! {
        <section class="fr-mt-4w" aria-labelledby="planner">
            <h2 id="planner">{t.planner_title}</h2>
            <p>{t.planner_intro}</p>
            <form class="fr-form" method="get" action="/resultats/echantillon">
                <input type="hidden" name="lang" value=lang.code()/>
                {field("p", t.planner_p.into(), Some(t.planner_p_hint), "number", p.p.clone(), &[])}
                {field("margin", t.planner_margin.into(), Some(t.planner_margin_hint), "number", p.margin.clone(), &errors)}
                {field("population", t.planner_population.into(), Some(t.planner_population_hint), "number", p.population.clone(), &[])}
                <div class="fr-select-group">
                    <label class="fr-label" for="plan-level">{t.level}</label>
                    <select class="fr-select" id="plan-level" name="level">
                        {["0.9", "0.95", "0.99"].into_iter().map(|l| {
                            let chosen = p.level == l || (p.level.is_empty() && l == "0.95");
                            let text = level_text(l.parse().unwrap_or(0.95), lang);
                            view! { <option value=l selected=chosen>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{t.planner_submit}</button>
            </form>
            {answer}
        </section>
    }
}

/// The results page.
#[component]
pub fn ResultsPage(view: ResultsView) -> impl IntoView {
    let lang = view.lang;
    let t = results_texts(lang);
    let f = view.form.clone();
    let errors = view.errors.clone();
    let summary = (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|(field, m)| {
                let href = format!("#{field}");
                view! { <li><a class="fr-link" href=href>{m.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.errors_title}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    let methods = METHODS
        .iter()
        .map(|(code, fr, en)| {
            let chosen = f.ci == *code || (f.ci.is_empty() && *code == "wilson");
            let label = if lang == Lang::Fr { *fr } else { *en };
            view! { <option value=*code selected=chosen>{label}</option> }
        })
        .collect_view();
    let sources = source_choices(lang)
        .into_iter()
        .map(|(code, label)| {
            let chosen = f.source == code || (f.source.is_empty() && code == "all");
            view! { <option value=code selected=chosen>{label}</option> }
        })
        .collect_view();
    let report = view.report.map(|r| report_view(r, lang));
    let title = t.title.to_owned();
    view! {
        <PublicDocument lang=lang title=title switch_path=Some(view.switch_path.clone()) staff=true>
            <crate::pages::account::StaffBar lang=lang title=t.title.to_owned() who=view.who.clone()/>
            <p>{t.intro}</p>
            {view.can_import.then(|| view! {
                <p><a class="fr-link" href=format!("/resultats/import?lang={}", lang.code())>{t.import_link}</a></p>
            })}
            <p><a class="fr-link" href=format!("/mystere?lang={}", lang.code())>{if lang == Lang::Fr { "Résultats des appels et visites mystères" } else { "Results of the mystery calls and visits" }}</a></p>
            {summary}
            <form class="fr-form results-form" method="get" action="/resultats">
                <input type="hidden" name="lang" value=lang.code()/>
                <h2>{t.form_title}</h2>
                {scope_select(&view.scopes, &f.scope, lang)}
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">{t.period}</legend>
                    <div class="pair">
                        {field("from", t.from.into(), None, "date", f.from.clone(), &errors)}
                        {field("to", t.to.into(), None, "date", f.to.clone(), &errors)}
                    </div>
                </fieldset>
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">
                        {t.compare}
                        <span class="fr-hint-text">{t.compare_hint}</span>
                    </legend>
                    <div class="pair">
                        {field("compare_from", t.from.into(), None, "date", f.compare_from.clone(), &errors)}
                        {field("compare_to", t.to.into(), None, "date", f.compare_to.clone(), &errors)}
                    </div>
                </fieldset>
                <div class="pair">
                    <div class="fr-select-group">
                        <label class="fr-label" for="ci">{t.method}</label>
                        <select class="fr-select" id="ci" name="ci">{methods}</select>
                    </div>
                    {field("level", t.level.into(), Some("0.95 = 95 %"), "text", f.level.clone(), &errors)}
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="source">
                        {t.source}
                        <span class="fr-hint-text">{t.source_hint}</span>
                    </label>
                    <select class="fr-select" id="source" name="source">{sources}</select>
                </div>
                <button type="submit" class="fr-btn">{t.show}</button>
            </form>
            {report}
            {planner_form(&view.planner, lang)}
        </PublicDocument>
    }
}

/// The sources of responses a summary can count, with their labels.
fn source_choices(lang: Lang) -> [(&'static str, &'static str); 3] {
    let t = results_texts(lang);
    [
        ("all", t.source_all),
        ("invited", t.source_invited),
        ("open", t.source_open),
    ]
}

fn report_view(r: Report, lang: Lang) -> impl IntoView {
    let t = results_texts(lang);
    let origin = match (r.source, lang) {
        ("all", Lang::Fr) => format!(
            "Dont {} sur invitation après un rendez-vous (vérifiées) et {} par le QR code en libre accès.",
            r.invited_respondents,
            r.respondents - r.invited_respondents
        ),
        ("all", Lang::En) => format!(
            "Of which {} invited after an appointment (verified) and {} through the open QR code.",
            r.invited_respondents,
            r.respondents - r.invited_respondents
        ),
        (code, _) => {
            let label = source_choices(lang)
                .into_iter()
                .find(|(c, _)| *c == code)
                .map_or("", |(_, l)| l);
            match lang {
                Lang::Fr => format!("{} : {label}.", t.source),
                Lang::En => format!("{}: {label}.", t.source),
            }
        }
    };
    let has_compare = r.compare.is_some();
    let period = match lang {
        Lang::Fr => format!("du {} au {}", r.from, r.to),
        Lang::En => format!("from {} to {}", r.from, r.to),
    };
    let compare = r.compare.as_ref().map(|(from, to, n)| match lang {
        Lang::Fr => format!("Comparaison : du {from} au {to}, {n} {}.", t.respondents),
        Lang::En => format!("Compared with: from {from} to {to}, {n} {}.", t.respondents),
    });
    let legend = t
        .legend
        .replace("{mean}", &r.fragile_below.to_string())
        .replace("{min}", &r.hidden_below.to_string());
    let method = format!(
        "{} : {} · {} : {}",
        t.method,
        r.method_name,
        t.level,
        level_text(r.level, lang)
    );
    let empty = (r.respondents == 0)
        .then(|| view! { <p class="fr-alert fr-alert--info">{t.no_answers}</p> });
    let level = r.level;
    let questions = r
        .questions
        .into_iter()
        .map(|q| question_table(q, level, has_compare, lang))
        .collect_view();
    view! {
        <section class="fr-mt-4w" aria-labelledby="report">
            <h2 id="report">{r.scope_name}</h2>
            <p class="fr-text--lead">{period} " : " <strong>{r.respondents}</strong> " " {t.respondents}</p>
            <p>{origin}</p>
            {compare.map(|c| view! { <p>{c}</p> })}
            <p class="fr-text--sm">{method}</p>
            {empty}
            {questions}
            {weighting_view(r.weighting, level, lang)}
            <p class="fr-text--sm fr-mt-4w">{legend}</p>
        </section>
    }
}

/// The section of the shares weighted by footfall (nothing for a single service).
fn weighting_view(w: WeightingFigures, level: f64, lang: Lang) -> Option<AnyView> {
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Estimations redressées par la fréquentation"
    } else {
        "Estimates weighted by footfall"
    };
    let intro = if fr {
        "Chaque service pèse selon le nombre d'usagers qu'il a reçus sur la période (saisi dans « Chiffres »), et non selon son nombre de réponses. L'effet de plan dit combien la pondération élargit l'intervalle (1 = aucune perte)."
    } else {
        "Each service weighs by the visitors it received over the period (entered under “Figures”), not by its number of answers. The design effect says how much the weighting widens the interval (1 = no loss)."
    };
    let body = match w {
        WeightingFigures::SingleService => return None,
        WeightingFigures::MissingFootfall(services) => {
            let text = if fr {
                format!(
                    "Redressement impossible : la fréquentation de la période manque, en tout ou en partie, pour {}.",
                    services.join(", ")
                )
            } else {
                format!(
                    "No weighting: the period's footfall is missing, wholly or in part, for {}.",
                    services.join(", ")
                )
            };
            view! { <p class="fr-alert fr-alert--info">{text}</p> }.into_any()
        }
        WeightingFigures::Weighted(rows) => {
            let t = results_texts(lang);
            let level = level_text(level, lang);
            let rows = rows
                .into_iter()
                .map(|r| {
                    let label = format!(
                        "{} – {}",
                        r.question,
                        indicator_label(r.name, r.kind, lang)
                    );
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="num">{r.n}</td>
                            <td class="num">{percent(r.unweighted, lang)}</td>
                            <td class="num">{percent(r.estimate, lang)}</td>
                            <td class="num">{interval(percent(r.lower, lang), percent(r.upper, lang), lang)}</td>
                            <td class="num">{decimal(r.design_effect, 2, lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let (plain, weighted, deff) = if fr {
                ("Part brute", "Part redressée", "Effet de plan")
            } else {
                ("Unweighted share", "Weighted share", "Design effect")
            };
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                    <table class="fr-table">
                        <caption class="fr-sr-only">{title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.indicator}</th>
                                <th scope="col">"n"</th>
                                <th scope="col">{plain}</th>
                                <th scope="col">{weighted}</th>
                                <th scope="col">{format!("{} ({level})", t.interval)}</th>
                                <th scope="col">{deff}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    };
    Some(
        view! {
            <section class="fr-mt-4w">
                <h3 id="weighting">{title}</h3>
                <p>{intro}</p>
                {body}
            </section>
        }
        .into_any(),
    )
}

/// The planner on its own page (the answer of its form).
#[component]
pub fn PlannerPage(lang: Lang, planner: PlannerView) -> impl IntoView {
    let t = results_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.planner_title.to_owned() switch_path=Some("/resultats/echantillon".to_owned()) staff=true>
            <p><a class="fr-link" href=format!("/resultats?lang={}", lang.code())>{t.title}</a></p>
            <h1>{t.planner_page_title}</h1>
            {planner_form(&planner, lang)}
        </PublicDocument>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_use_a_comma_and_a_narrow_space() {
        assert_eq!(percent(0.8479, Lang::Fr), "84,8\u{202f}%");
        assert_eq!(percent(0.8479, Lang::En), "84.8%");
        assert_eq!(decimal(-0.004, 2, Lang::Fr), "0,00");
        assert_eq!(decimal(-1.25, 2, Lang::Fr), "\u{2212}1,25");
        assert_eq!(signed("top2", 0.032, Lang::Fr), "+3,2");
        assert_eq!(signed("mean", -0.1, Lang::En), "\u{2212}0.10");
        assert_eq!(p_value(0.0004, Lang::Fr), "p < 0,001");
        assert_eq!(p_value(0.1432, Lang::En), "p = 0.143");
    }
}
