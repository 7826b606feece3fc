//! The dashboard (`/tableau-de-bord`): what a committee member, the quality referent and the
//! secretary general read before and during the meeting. The headline tiles, the year's trend,
//! the answers per question, where it is weak, what the mystery tests found and the
//! referential's engagements with both halves of their evidence; every figure with its n and
//! interval, each section's table downloadable as CSV. A GET form, no script.

use crate::components::charts::diverging::{DivergingChart, diverging_chart};
use crate::components::charts::frame::Table;
use crate::components::charts::rows::{RowsChart, rows_chart};
use crate::components::charts::tile::{Tile, tiles, tiles_table};
use crate::components::charts::trend::{TrendChart, trend_chart};
use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::results::form::{ResultsForm, ScopeOption};
use crate::pages::results::page::query_form;
use domain::Lang;
use leptos::prelude::*;

/// The sections, in page order, with their anchors and CSV file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Headline tiles.
    Headline,
    /// The trend.
    Trend,
    /// Answers per question.
    Answers,
    /// Where: services, counters, channels, origins.
    Where,
    /// Mystery tests.
    Mystery,
    /// The referential's engagements, perceived and rendered.
    Referential,
}

impl Section {
    /// Every section, in page order.
    pub const ALL: [Section; 6] = [
        Section::Headline,
        Section::Trend,
        Section::Answers,
        Section::Where,
        Section::Mystery,
        Section::Referential,
    ];

    /// Its anchor and CSV name (`indicateurs` → `/tableau-de-bord/indicateurs.csv`).
    pub fn slug(self) -> &'static str {
        match self {
            Section::Headline => "indicateurs",
            Section::Trend => "tendance",
            Section::Answers => "reponses",
            Section::Where => "comparaisons",
            Section::Mystery => "mystere",
            Section::Referential => "referentiel",
        }
    }

    /// Reads a slug.
    pub fn parse(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Its heading.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::Headline, Lang::Fr) => "L'essentiel",
            (Section::Headline, Lang::En) => "At a glance",
            (Section::Trend, Lang::Fr) => "L'évolution sur douze mois",
            (Section::Trend, Lang::En) => "Twelve months of change",
            (Section::Answers, Lang::Fr) => "Les réponses, question par question",
            (Section::Answers, Lang::En) => "The answers, question by question",
            (Section::Where, Lang::Fr) => "Où c'est plus faible",
            (Section::Where, Lang::En) => "Where it is weaker",
            (Section::Mystery, Lang::Fr) => "Ce qu'ont trouvé les appels et visites mystères",
            (Section::Mystery, Lang::En) => "What the mystery calls and visits found",
            (Section::Referential, Lang::Fr) => "Le référentiel : perçu et rendu côte à côte",
            (Section::Referential, Lang::En) => {
                "The referential: perceived and rendered side by side"
            }
        }
    }
}

/// One campaign's block of the mystery section.
#[derive(Debug, Clone, PartialEq)]
pub struct MysteryBlock {
    /// The grid's channel: `phone` (calls) or `counter` (visits).
    pub channel: String,
    /// Its heading ("Appels mystères — campagne 2026-T3").
    pub title: String,
    /// Its tiles (score, share at the standard, pickup).
    pub tiles: Vec<Tile>,
    /// Its charts (criteria, engagements, slots, weekdays).
    pub charts: Vec<RowsChart>,
}

/// One engagement of the referential, with what measures it.
#[derive(Debug, Clone, PartialEq)]
pub struct EngagementLine {
    /// `M1-TEL-01`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its threshold.
    pub threshold: String,
    /// What visitors said (survey indicators, each written with its n and interval).
    pub perceived: Vec<String>,
    /// What the mystery tests found (criteria, each written with its n and interval).
    pub rendered: Vec<String>,
    /// The figures entered (each marked as entered).
    pub entered: Vec<String>,
}

/// What the dashboard shows for a scope and period.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardBody {
    /// The scope's name.
    pub scope_name: String,
    /// "du 1 juillet 2026 au 30 septembre 2026".
    pub period: String,
    /// The comparison period, written out, when there is one.
    pub compared: Option<String>,
    /// Respondents of the period.
    pub respondents: i64,
    /// Months of which small groups were left out.
    pub left_out: Vec<String>,
    /// The first sentence: the score, its interval, whether it changed.
    pub headline: String,
    /// The survey's headline tiles.
    pub tiles: Vec<Tile>,
    /// The figures entered for the period.
    pub entered: Vec<Tile>,
    /// The trend.
    pub trend: Option<TrendChart>,
    /// The answers per question.
    pub answers: Option<DivergingChart>,
    /// The comparisons.
    pub comparisons: Vec<RowsChart>,
    /// The mystery campaigns.
    pub mystery: Vec<MysteryBlock>,
    /// The referential's engagements.
    pub referential: Vec<EngagementLine>,
    /// Under this many answers a group is not drawn.
    pub hidden_below: u64,
}

/// The dashboard page.
#[derive(Debug, Clone)]
pub struct DashboardView {
    /// The page's language.
    pub lang: Lang,
    /// The page's own path and query, for the language switch.
    pub switch_path: String,
    /// The query of the figures shown, for the CSV links.
    pub query: String,
    /// Who reads.
    pub who: SignedIn,
    /// The organisation an administrator acts for (a hidden field of the form).
    pub organisation: Option<String>,
    /// The scopes of the form.
    pub scopes: Vec<ScopeOption>,
    /// The form.
    pub form: ResultsForm,
    /// (field, message) of each problem.
    pub errors: Vec<(String, String)>,
    /// The figures, when the form is right.
    pub body: Option<DashboardBody>,
}

impl DashboardBody {
    /// The tables of a section, each with its caption: what its CSV holds, the very numbers
    /// its charts draw.
    pub fn tables(&self, section: Section, lang: Lang) -> Vec<(String, Table)> {
        let hidden = self.hidden_below;
        match section {
            Section::Headline => vec![
                (
                    Section::Headline.title(lang).to_owned(),
                    tiles_table(&self.tiles, hidden, lang),
                ),
                (
                    match lang {
                        Lang::Fr => "Chiffres saisis".to_owned(),
                        Lang::En => "Entered figures".to_owned(),
                    },
                    tiles_table(&self.entered, hidden, lang),
                ),
            ],
            Section::Trend => self
                .trend
                .iter()
                .map(|t| (t.caption.clone(), t.table()))
                .collect(),
            Section::Answers => self
                .answers
                .iter()
                .map(|a| (a.caption.clone(), a.table()))
                .collect(),
            Section::Where => self
                .comparisons
                .iter()
                .map(|c| (c.caption.clone(), c.table()))
                .collect(),
            Section::Mystery => self
                .mystery
                .iter()
                .flat_map(|m| {
                    std::iter::once((m.title.clone(), tiles_table(&m.tiles, hidden, lang)))
                        .chain(m.charts.iter().map(|c| (c.caption.clone(), c.table())))
                })
                .collect(),
            Section::Referential => {
                let head = match lang {
                    Lang::Fr => [
                        "Engagement",
                        "Intitulé",
                        "Perçu (enquête)",
                        "Rendu (tests mystères)",
                        "Chiffres saisis",
                    ],
                    Lang::En => [
                        "Engagement",
                        "Title",
                        "Perceived (survey)",
                        "Rendered (mystery tests)",
                        "Entered figures",
                    ],
                }
                .into_iter()
                .map(str::to_owned)
                .collect();
                let rows = self
                    .referential
                    .iter()
                    .map(|l| {
                        vec![
                            l.id.clone(),
                            l.title.clone(),
                            l.perceived.join(" ; "),
                            l.rendered.join(" ; "),
                            l.entered.join(" ; "),
                        ]
                    })
                    .collect();
                vec![(
                    Section::Referential.title(lang).to_owned(),
                    Table { head, rows },
                )]
            }
        }
    }
}

fn section_head(section: Section, query: &str, lang: Lang) -> impl IntoView + use<> {
    let csv = format!("/tableau-de-bord/{}.csv?{query}", section.slug());
    let label = match lang {
        Lang::Fr => "Télécharger le tableau (CSV)",
        Lang::En => "Download the table (CSV)",
    };
    view! {
        <div class="dash__head">
            <h2 id=section.slug()>{section.title(lang)}</h2>
            <a class="fr-link fr-text--sm" href=csv download="">{label}<span class="fr-sr-only">{format!(" — {}", section.title(lang))}</span></a>
        </div>
    }
}

fn empty(lang: Lang) -> impl IntoView + use<> {
    view! {
        <p class="dash__empty">{match lang {
            Lang::Fr => "Rien à montrer pour ce périmètre et cette période.",
            Lang::En => "Nothing to show for this scope and period.",
        }}</p>
    }
}

/// The note on the months whose small groups were left out, when there are some.
pub fn left_out_note(left_out: &[String], hidden_below: u64, lang: Lang) -> Option<AnyView> {
    if left_out.is_empty() {
        return None;
    }
    let months = left_out.join(", ");
    Some(
        view! {
            <p class="fr-text--sm">{match lang {
                Lang::Fr => format!("Pour protéger l'anonymat, les groupes de moins de {hidden_below} réponses d'un mois ne sont comptés nulle part ({months})."),
                Lang::En => format!("To protect anonymity, a month's groups of fewer than {hidden_below} answers are counted nowhere ({months})."),
            }}</p>
        }
        .into_any(),
    )
}

/// The mystery campaigns' blocks (tiles and charts each), or `none` when there is none.
pub fn mystery_view(
    blocks: Vec<MysteryBlock>,
    hidden_below: u64,
    none: &'static str,
    lang: Lang,
) -> AnyView {
    if blocks.is_empty() {
        return view! { <p class="dash__empty">{none}</p> }.into_any();
    }
    blocks
        .into_iter()
        .map(|m| {
            view! {
                <h3>{m.title}</h3>
                {tiles(m.tiles, hidden_below, lang)}
                {m.charts.into_iter().map(rows_chart).collect_view()}
            }
        })
        .collect_view()
        .into_any()
}

fn body_view(b: DashboardBody, query: String, lang: Lang) -> impl IntoView {
    let hidden_below = b.hidden_below;
    let left_out = left_out_note(&b.left_out, hidden_below, lang);
    let entered = (!b.entered.is_empty()).then(|| {
        view! {
            <h3>{match lang { Lang::Fr => "Chiffres saisis pour la période", Lang::En => "Figures entered for the period" }}</h3>
            <p class="fr-text--sm">{match lang {
                Lang::Fr => "Ces chiffres viennent d'autres systèmes (téléphonie, courrier, accueil) et sont saisis par le référent qualité : ils ne sont pas mesurés par l'enquête et n'ont pas d'intervalle.",
                Lang::En => "These figures come from other systems (telephony, mail, reception) and are entered by the quality referent: the survey does not measure them and they have no interval.",
            }}</p>
            {tiles(b.entered, hidden_below, lang)}
        }
    });
    let trend = match b.trend {
        Some(t) => trend_chart(t).into_any(),
        None => empty(lang).into_any(),
    };
    let answers = match b.answers {
        Some(a) => diverging_chart(a).into_any(),
        None => empty(lang).into_any(),
    };
    let comparisons = if b.comparisons.is_empty() {
        empty(lang).into_any()
    } else {
        b.comparisons
            .into_iter()
            .map(rows_chart)
            .collect_view()
            .into_any()
    };
    let mystery = mystery_view(
        b.mystery,
        hidden_below,
        match lang {
            Lang::Fr => "Aucune campagne de tests mystères validés ne couvre la période.",
            Lang::En => "No campaign of validated mystery tests covers the period.",
        },
        lang,
    );
    let referential = if b.referential.is_empty() {
        empty(lang).into_any()
    } else {
        referential_view(b.referential, lang).into_any()
    };
    let q = |s: Section| section_head(s, &query, lang);
    view! {
        <p class="fr-text--lead dash__headline">{b.headline}</p>
        <p class="fr-text--sm">{match (&b.compared, lang) {
            (Some(c), Lang::Fr) => format!("{} — {}, comparé à {c}. {} répondants.", b.scope_name, b.period, b.respondents),
            (Some(c), Lang::En) => format!("{} — {}, compared with {c}. {} respondents.", b.scope_name, b.period, b.respondents),
            (None, Lang::Fr) => format!("{} — {}. {} répondants.", b.scope_name, b.period, b.respondents),
            (None, Lang::En) => format!("{} — {}. {} respondents.", b.scope_name, b.period, b.respondents),
        }}</p>
        {left_out}
        <section class="dash__section" aria-labelledby=Section::Headline.slug()>
            {q(Section::Headline)}
            {tiles(b.tiles, hidden_below, lang)}
            {entered}
        </section>
        <section class="dash__section" aria-labelledby=Section::Trend.slug()>
            {q(Section::Trend)}
            {trend}
        </section>
        <section class="dash__section" aria-labelledby=Section::Answers.slug()>
            {q(Section::Answers)}
            {answers}
        </section>
        <section class="dash__section" aria-labelledby=Section::Where.slug()>
            {q(Section::Where)}
            {comparisons}
        </section>
        <section class="dash__section" aria-labelledby=Section::Mystery.slug()>
            {q(Section::Mystery)}
            {mystery}
        </section>
        <section class="dash__section" aria-labelledby=Section::Referential.slug()>
            {q(Section::Referential)}
            {referential}
        </section>
    }
}

/// A bulleted list of sentences, or `none` when there is none.
pub fn items_list(items: Vec<String>, none: &'static str) -> AnyView {
    if items.is_empty() {
        view! { <p class="dash__none">{none}</p> }.into_any()
    } else {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
            .into_any()
    }
}

/// The referential's engagements, each with its perceived, rendered and entered evidence.
pub fn referential_view(lines: Vec<EngagementLine>, lang: Lang) -> impl IntoView + use<> {
    let (perceived, rendered, entered, none) = match lang {
        Lang::Fr => (
            "Perçu (enquête)",
            "Rendu (tests mystères)",
            "Chiffres saisis",
            "rien ne le mesure encore",
        ),
        Lang::En => (
            "Perceived (survey)",
            "Rendered (mystery tests)",
            "Entered figures",
            "nothing measures it yet",
        ),
    };
    let items = lines
        .into_iter()
        .map(|l| {
            view! {
                <li class="engagement">
                    <h3 class="engagement__title"><span class="fr-badge fr-badge--info">{l.id}</span>" "{l.title}</h3>
                    <p class="fr-hint-text">{l.threshold}</p>
                    <div class="engagement__halves">
                        <div><h4>{perceived}</h4>{items_list(l.perceived, none)}</div>
                        <div><h4>{rendered}</h4>{items_list(l.rendered, none)}</div>
                        <div><h4>{entered}</h4>{items_list(l.entered, none)}</div>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="engagements">{items}</ul> }
}

/// The dashboard page.
#[component]
pub fn DashboardPage(view: DashboardView) -> impl IntoView {
    let lang = view.lang;
    let title = match lang {
        Lang::Fr => "Tableau de bord",
        Lang::En => "Dashboard",
    };
    let hidden = view
        .organisation
        .clone()
        .map(|o| vec![("organisation".to_owned(), o)])
        .unwrap_or_default();
    let body = view.body.map(|b| body_view(b, view.query.clone(), lang));
    let toc = Section::ALL
        .into_iter()
        .map(|s| view! { <li><a class="fr-link" href=format!("#{}", s.slug())>{s.title(lang)}</a></li> })
        .collect_view();
    let comments = format!("/resultats/commentaires?{}", view.query);
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(view.switch_path.clone()) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <nav class="dash__toc" aria-label=match lang { Lang::Fr => "Sections du tableau de bord", Lang::En => "Dashboard sections" }>
                <ul>{toc}</ul>
                <p><a class="fr-link" href=comments>{match lang { Lang::Fr => "Ce que les visiteurs ont écrit", Lang::En => "What visitors wrote" }}</a></p>
            </nav>
            <details class="dash__form" open=!view.errors.is_empty()>
                <summary>{match lang { Lang::Fr => "Changer le périmètre ou la période", Lang::En => "Change the scope or the period" }}</summary>
                {query_form("/tableau-de-bord", &view.scopes, &view.form, &view.errors, hidden, lang)}
            </details>
            {body}
        </PublicDocument>
    }
}
