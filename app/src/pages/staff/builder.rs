//! The survey builder: the list of questionnaires, one questionnaire's questions (add, edit,
//! reorder, remove, with French and English texts and answer codes), the preview as a visitor
//! sees it, publication as a new version, closing and reopening. Plain forms, no script needed.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, input, problem_message};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::admin_texts::admin_texts;
use crate::pages::visitor::survey::question_view;
use domain::{Lang, Question, QuestionKind, SurveyStatus};
use leptos::prelude::*;

/// The builder's words.
pub struct BuilderTexts {
    pub list_title: &'static str,
    pub list_intro: &'static str,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub title: &'static str,
    pub title_fr: &'static str,
    pub title_en: &'static str,
    pub status: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub version: &'static str,
    pub no_version: &'static str,
    pub unpublished: &'static str,
    pub touchpoints: &'static str,
    pub edit_questions: &'static str,
    pub create: &'static str,
    pub back_list: &'static str,
    pub questions: &'static str,
    pub preview: &'static str,
    pub publish: &'static str,
    pub publish_hint: &'static str,
    pub close: &'static str,
    pub reopen: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub remove: &'static str,
    pub edit: &'static str,
    pub add_question: &'static str,
    pub save_question: &'static str,
    pub question_code: &'static str,
    pub question_code_hint: &'static str,
    pub kind: &'static str,
    pub required: &'static str,
    pub text_fr: &'static str,
    pub text_en: &'static str,
    pub help_fr: &'static str,
    pub help_en: &'static str,
    pub help_hint: &'static str,
    pub options: &'static str,
    pub options_hint: &'static str,
    pub answers: &'static str,
    pub optional: &'static str,
    pub published: &'static str,
    pub preview_banner: &'static str,
    pub back_builder: &'static str,
    pub no_questions: &'static str,
}

/// The builder's words in a language.
pub fn builder_texts(lang: Lang) -> BuilderTexts {
    match lang {
        Lang::Fr => BuilderTexts {
            list_title: "Questionnaires",
            list_intro: "Chaque questionnaire est publié par versions : une version en ligne ne change plus, et chaque réponse reste liée à la version à laquelle elle répond. Les modifications s'accumulent dans un brouillon jusqu'à la publication.",
            code: "Code",
            code_hint: "Lettres minuscules, chiffres et tirets.",
            title: "Titre",
            title_fr: "Titre en français",
            title_en: "Titre en anglais",
            status: "État",
            open: "Ouvert",
            closed: "Fermé",
            version: "Version en ligne",
            no_version: "aucune",
            unpublished: "Modifications non publiées",
            touchpoints: "Points de contact",
            edit_questions: "Modifier les questions",
            create: "Créer le questionnaire",
            back_list: "Retour aux questionnaires",
            questions: "Questions",
            preview: "Aperçu",
            publish: "Publier une nouvelle version",
            publish_hint: "Les visiteurs voient la nouvelle version aussitôt ; les réponses déjà reçues restent liées à la leur.",
            close: "Fermer le questionnaire",
            reopen: "Rouvrir le questionnaire",
            up: "Monter",
            down: "Descendre",
            remove: "Supprimer",
            edit: "Modifier",
            add_question: "Ajouter une question",
            save_question: "Enregistrer la question",
            question_code: "Code de la question",
            question_code_hint: "Lettres minuscules, chiffres et tirets bas ; c'est la colonne des exports.",
            kind: "Type",
            required: "Réponse obligatoire",
            text_fr: "Question en français",
            text_en: "Question en anglais",
            help_fr: "Aide en français",
            help_en: "Aide en anglais",
            help_hint: "Facultatif. Pour une question libre, l'avertissement sur les données personnelles est ajouté d'office.",
            options: "Réponses",
            options_hint: "Une par ligne : code | libellé en français | libellé en anglais. Laissez vide pour les réponses habituelles du type.",
            answers: "Réponses proposées",
            optional: "facultative",
            published: "Version publiée.",
            preview_banner: "Aperçu du brouillon, tel que le visiteur le verra : rien n'est enregistré.",
            back_builder: "Retour au questionnaire",
            no_questions: "Aucune question pour l'instant.",
        },
        Lang::En => BuilderTexts {
            list_title: "Questionnaires",
            list_intro: "Each questionnaire is published in versions: a version online never changes, and each answer stays linked to the version it answered. Changes gather in a draft until publication.",
            code: "Code",
            code_hint: "Lower-case letters, digits and hyphens.",
            title: "Title",
            title_fr: "Title in French",
            title_en: "Title in English",
            status: "Status",
            open: "Open",
            closed: "Closed",
            version: "Version online",
            no_version: "none",
            unpublished: "Unpublished changes",
            touchpoints: "Touchpoints",
            edit_questions: "Edit the questions",
            create: "Create the questionnaire",
            back_list: "Back to the questionnaires",
            questions: "Questions",
            preview: "Preview",
            publish: "Publish a new version",
            publish_hint: "Visitors see the new version at once; answers already received stay linked to theirs.",
            close: "Close the questionnaire",
            reopen: "Reopen the questionnaire",
            up: "Move up",
            down: "Move down",
            remove: "Remove",
            edit: "Edit",
            add_question: "Add a question",
            save_question: "Save the question",
            question_code: "Question code",
            question_code_hint: "Lower-case letters, digits and underscores; it is the exports' column.",
            kind: "Type",
            required: "Answer required",
            text_fr: "Question in French",
            text_en: "Question in English",
            help_fr: "Help in French",
            help_en: "Help in English",
            help_hint: "Optional. For a free-text question, the personal-data warning is added anyway.",
            options: "Answers",
            options_hint: "One per line: code | French label | English label. Leave empty for the type's usual answers.",
            answers: "Answers offered",
            optional: "optional",
            published: "Version published.",
            preview_banner: "Preview of the draft, as the visitor will see it: nothing is stored.",
            back_builder: "Back to the questionnaire",
            no_questions: "No question yet.",
        },
    }
}

/// A question type's name.
pub fn kind_name(kind: QuestionKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (QuestionKind::Jdma3, Lang::Fr) => "Satisfaction à 3 niveaux (JDMA)",
        (QuestionKind::Jdma3, Lang::En) => "3-level satisfaction (JDMA)",
        (QuestionKind::Likert4, Lang::Fr) => "Échelle à 4 niveaux",
        (QuestionKind::Likert4, Lang::En) => "4-point scale",
        (QuestionKind::Scale5, Lang::Fr) => "Échelle de 1 à 5",
        (QuestionKind::Scale5, Lang::En) => "Scale from 1 to 5",
        (QuestionKind::YesPartlyNo, Lang::Fr) => "Oui / en partie / non",
        (QuestionKind::YesPartlyNo, Lang::En) => "Yes / partly / no",
        (QuestionKind::SingleChoice, Lang::Fr) => "Choix unique",
        (QuestionKind::SingleChoice, Lang::En) => "Single choice",
        (QuestionKind::Scale0To10, Lang::Fr) => "Note de 0 à 10",
        (QuestionKind::Scale0To10, Lang::En) => "Score from 0 to 10",
        (QuestionKind::FreeText, Lang::Fr) => "Texte libre",
        (QuestionKind::FreeText, Lang::En) => "Free text",
    }
}

/// A questionnaire in the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyLine {
    pub code: String,
    pub title: String,
    pub open: bool,
    pub version: Option<i32>,
    pub has_draft: bool,
    pub touchpoints: u64,
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveysView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub surveys: Vec<SurveyLine>,
    /// The creation form's values: code, title in French, in English.
    pub form: (String, String, String),
    pub problem: Option<FormProblem>,
}

fn error_alert(lang: Lang, problem: &Option<FormProblem>) -> impl IntoView + use<> {
    let t = admin_texts(lang);
    problem.clone().map(|p| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.error_title}</h2>
                <p>{p.message}</p>
            </div>
        }
    })
}

/// `/admin/questionnaires`.
#[component]
pub fn SurveysPage(lang: Lang, view: SurveysView) -> impl IntoView {
    let t = builder_texts(lang);
    let a = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let rows = view
        .surveys
        .iter()
        .cloned()
        .map(|s| {
            let (state, badge) = if s.open {
                (t.open, "fr-badge fr-badge--success")
            } else {
                (t.closed, "fr-badge")
            };
            let label = format!("{} {}", t.edit_questions, s.code);
            view! {
                <tr>
                    <td><code>{s.code.clone()}</code></td>
                    <td>{s.title}</td>
                    <td><span class=badge>{state}</span></td>
                    <td>
                        {s.version.map_or_else(|| t.no_version.to_owned(), |v| v.to_string())}
                        {s.has_draft.then(|| view! { " " <span class="fr-badge fr-badge--warning">{t.unpublished}</span> })}
                    </td>
                    <td>{s.touchpoints}</td>
                    <td><a class="fr-link" href=format!("/admin/questionnaires/{}{q}", s.code) aria-label=label>{t.edit_questions}</a></td>
                </tr>
            }
        })
        .collect_view();
    let (code, fr, en) = view.form.clone();
    view! {
        <PublicDocument lang=lang title=t.list_title.to_owned() switch_path=Some(format!("/admin/questionnaires?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=t.list_title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{t.list_intro}</p>
            {error_alert(lang, &view.problem)}
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.list_title>
                <table class="fr-table">
                    <caption>{t.list_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.code}</th>
                            <th scope="col">{t.title}</th>
                            <th scope="col">{t.status}</th>
                            <th scope="col">{t.version}</th>
                            <th scope="col">{t.touchpoints}</th>
                            <th scope="col">{a.actions}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="fr-form admin-form" method="post" action=format!("/admin/questionnaires{q}")>
                <h2>{t.create}</h2>
                {input("survey-code".into(), "code", t.code, Some(t.code_hint), code, problem_message(&view.problem, "code"), true)}
                {input("survey-title-fr".into(), "title_fr", t.title_fr, None, fr, problem_message(&view.problem, "title_fr"), true)}
                {input("survey-title-en".into(), "title_en", t.title_en, None, en, problem_message(&view.problem, "title_en"), false)}
                <button type="submit" class="fr-btn">{t.create}</button>
            </form>
        </PublicDocument>
    }
}

/// The values of the question form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionFields {
    pub code: String,
    pub kind: String,
    pub required: bool,
    pub text_fr: String,
    pub text_en: String,
    pub help_fr: String,
    pub help_en: String,
    pub options: String,
}

/// What one questionnaire's page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BuilderView {
    pub who: SignedIn,
    pub org_query: String,
    pub code: String,
    pub title: String,
    pub open: bool,
    pub version: Option<i32>,
    /// The draft differs from the version online.
    pub changed: bool,
    pub questions: Vec<Question>,
    /// The question being edited (its code), if any; its form replaces the addition form.
    pub editing: Option<String>,
    pub form: QuestionFields,
    pub problem: Option<FormProblem>,
    /// A version was just published.
    pub published: bool,
    /// A change was just saved.
    pub saved: bool,
}

fn question_form(
    lang: Lang,
    action: String,
    fields: &QuestionFields,
    problem: &Option<FormProblem>,
    submit: &'static str,
    title: String,
) -> impl IntoView + use<> {
    let t = builder_texts(lang);
    let kinds = QuestionKind::ALL
        .into_iter()
        .map(|k| {
            let selected = fields.kind == k.code();
            view! { <option value=k.code() selected=selected>{kind_name(k, lang)}</option> }
        })
        .collect_view();
    let options_error = problem_message(problem, "options");
    let options_group = if options_error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let kind_error = problem_message(problem, "kind");
    view! {
        <form class="fr-form admin-form" method="post" action=action id="question-form">
            <h2>{title}</h2>
            {input("q-code".into(), "code", t.question_code, Some(t.question_code_hint), fields.code.clone(), problem_message(problem, "code"), true)}
            <div class="fr-select-group">
                <label class="fr-label" for="q-kind">{t.kind}</label>
                <select class="fr-select" id="q-kind" name="kind" required=true aria-describedby=kind_error.as_ref().map(|_| "q-kind-error")>{kinds}</select>
                {kind_error.map(|e| view! { <p class="fr-message fr-message--error" id="q-kind-error">{e}</p> })}
            </div>
            <div class="fr-checkbox-group">
                <input type="checkbox" id="q-required" name="required" value="true" checked=fields.required/>
                <label class="fr-label" for="q-required">{t.required}</label>
            </div>
            {input("q-text-fr".into(), "text_fr", t.text_fr, None, fields.text_fr.clone(), problem_message(problem, "text_fr"), true)}
            {input("q-text-en".into(), "text_en", t.text_en, None, fields.text_en.clone(), problem_message(problem, "text_en"), false)}
            {input("q-help-fr".into(), "help_fr", t.help_fr, Some(t.help_hint), fields.help_fr.clone(), problem_message(problem, "help_fr"), false)}
            {input("q-help-en".into(), "help_en", t.help_en, None, fields.help_en.clone(), problem_message(problem, "help_en"), false)}
            <div class=options_group>
                <label class="fr-label" for="q-options">
                    {t.options}
                    <span class="fr-hint-text">{t.options_hint}</span>
                </label>
                <textarea class="fr-input" id="q-options" name="options" rows="6" aria-describedby=options_error.as_ref().map(|_| "q-options-error")>{fields.options.clone()}</textarea>
                {options_error.map(|e| view! { <p class="fr-message fr-message--error" id="q-options-error">{e}</p> })}
            </div>
            <button type="submit" class="fr-btn">{submit}</button>
        </form>
    }
}

/// `/admin/questionnaires/{code}`.
#[component]
pub fn BuilderPage(lang: Lang, view: BuilderView) -> impl IntoView {
    let t = builder_texts(lang);
    let a = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let base = format!("/admin/questionnaires/{}", view.code);
    let count = view.questions.len();
    let cards = view
        .questions
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, question)| {
            let code = question.code.as_str().to_owned();
            let post = |verb: &str| format!("{base}/questions/{code}/{verb}{q}");
            let answers = question
                .options
                .iter()
                .map(|o| format!("{} ({})", o.label.get(lang), o.code))
                .collect::<Vec<_>>()
                .join(" · ");
            let marker = if question.required {
                String::new()
            } else {
                format!(" ({})", t.optional)
            };
            let label = |verb: &str| format!("{verb} {code}");
            view! {
                <li class="question-card">
                    <p class="fr-text--sm"><code>{code.clone()}</code>" · "{kind_name(question.kind, lang)}{marker}</p>
                    <p><strong>{question.text.get(Lang::Fr).to_owned()}</strong><br/>{question.text.get(Lang::En).to_owned()}</p>
                    {(!answers.is_empty()).then(|| view! { <p class="fr-text--sm">{t.answers}" : "{answers}</p> })}
                    <div class="question-actions">
                        <a class="fr-link" href=format!("{base}{q}&question={code}#question-form") aria-label=label(t.edit)>{t.edit}</a>
                        {(i > 0).then(|| view! {
                            <form method="post" action=post("monter")><button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label(t.up)>{t.up}</button></form>
                        })}
                        {(i + 1 < count).then(|| view! {
                            <form method="post" action=post("descendre")><button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label(t.down)>{t.down}</button></form>
                        })}
                        <form method="post" action=post("supprimer")><button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label(t.remove)>{t.remove}</button></form>
                    </div>
                </li>
            }
        })
        .collect_view();
    let form = match &view.editing {
        Some(code) => question_form(
            lang,
            format!("{base}/questions/{code}{q}"),
            &view.form,
            &view.problem,
            t.save_question,
            format!("{} {code}", t.edit),
        )
        .into_any(),
        None => question_form(
            lang,
            format!("{base}/questions{q}"),
            &view.form,
            &view.problem,
            t.add_question,
            t.add_question.to_owned(),
        )
        .into_any(),
    };
    let (state, badge) = if view.open {
        (t.open, "fr-badge fr-badge--success")
    } else {
        (t.closed, "fr-badge")
    };
    let title = format!("{} ({})", view.title, view.code);
    let notice = if view.published {
        Some(t.published)
    } else if view.saved {
        Some(a.saved)
    } else {
        None
    };
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("{base}?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin/questionnaires{q}")>{t.back_list}</a></p>
            <p>
                <span class=badge>{state}</span>" "
                {t.version}" : "{view.version.map_or_else(|| t.no_version.to_owned(), |v| v.to_string())}
                {view.changed.then(|| view! { " " <span class="fr-badge fr-badge--warning">{t.unpublished}</span> })}
            </p>
            {notice.map(|n| view! { <div class="fr-alert fr-alert--success" role="status"><p>{n}</p></div> })}
            {error_alert(lang, &view.problem)}
            <ul class="fr-btns-group fr-btns-group--inline">
                <li><a class="fr-btn fr-btn--secondary" href=format!("{base}/apercu{q}")>{t.preview}</a></li>
                <li>
                    <form method="post" action=format!("{base}/publier{q}")>
                        <button type="submit" class="fr-btn" aria-describedby="publish-hint">{t.publish}</button>
                    </form>
                </li>
                <li>
                    <form method="post" action=format!("{base}/etat{q}")>
                        <input type="hidden" name="open" value=if view.open { "false" } else { "true" }/>
                        <button type="submit" class="fr-btn fr-btn--tertiary">{if view.open { t.close } else { t.reopen }}</button>
                    </form>
                </li>
            </ul>
            <p class="fr-hint-text" id="publish-hint">{t.publish_hint}</p>
            <h2>{t.questions}</h2>
            {if count == 0 { Some(view! { <p>{t.no_questions}</p> }) } else { None }}
            <ol class="question-list">{cards}</ol>
            {form}
        </PublicDocument>
    }
}

/// `/admin/questionnaires/{code}/apercu`: the draft as the visitor will see it.
#[component]
pub fn PreviewPage(
    lang: Lang,
    /// Back to the builder.
    back: String,
    title: String,
    questions: Vec<Question>,
) -> impl IntoView {
    let t = builder_texts(lang);
    let items = questions
        .into_iter()
        .map(|q| question_view(q, lang, &[], None))
        .collect_view();
    view! {
        <PublicDocument lang=lang title=format!("{} – {title}", t.preview) switch_path=None>
            <div class="fr-alert fr-alert--info" role="status"><p>{t.preview_banner}</p></div>
            <p><a class="fr-link" href=back>{t.back_builder}</a></p>
            <h1>{title}</h1>
            <form class="fr-form" aria-label=t.preview>
                {items}
            </form>
        </PublicDocument>
    }
}

/// A status in the list, from the stored one.
pub fn is_open(status: SurveyStatus) -> bool {
    status == SurveyStatus::Open
}
