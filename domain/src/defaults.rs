//! The default visitor questionnaire of the domain brief, as seed data. Referents edit it in
//! the screens; nothing reads these texts except the seeding.

use crate::{ChoiceOption, Question, QuestionCode, QuestionKind, SurveyDefinition, Translated};

fn option(code: &str, fr: &str, en: &str) -> ChoiceOption {
    ChoiceOption {
        code: code.to_owned(),
        label: Translated::fr_en(fr, en),
    }
}

fn question(
    code: &str,
    kind: QuestionKind,
    required: bool,
    text: (&str, &str),
    help: Option<(&str, &str)>,
    options: Vec<ChoiceOption>,
) -> Question {
    Question {
        // The codes below are literals that satisfy the rule; a typo would fail the tests.
        code: QuestionCode::parse(code).unwrap_or_else(|_| panic!("bad seed code {code}")),
        kind,
        required,
        text: Translated::fr_en(text.0, text.1),
        help: help.map(|(fr, en)| Translated::fr_en(fr, en)),
        options,
    }
}

/// The privacy notice shown under every free-text question.
pub fn free_text_notice() -> Translated {
    Translated::fr_en(
        "Facultatif. N'écrivez ni nom, ni numéro de dossier, ni autre information personnelle : \
         ce message est anonyme et lu par l'équipe d'accueil.",
        "Optional. Do not write any name, file number or other personal information: \
         this message is anonymous and read by the reception team.",
    )
}

/// The short questionnaire (under a minute) of the domain brief, codes as the exports use them.
pub fn default_questionnaire() -> SurveyDefinition {
    SurveyDefinition {
        questions: vec![
            question(
                "overall",
                QuestionKind::Jdma3,
                true,
                (
                    "Dans l'ensemble, comment s'est passée votre venue aujourd'hui ?",
                    "Overall, how did your visit go today?",
                ),
                None,
                vec![
                    option("very_good", "Très bien", "Very well"),
                    option("average", "Moyennement", "So-so"),
                    option("bad", "Pas bien", "Badly"),
                ],
            ),
            question(
                "courtesy",
                QuestionKind::Likert4,
                true,
                (
                    "Avez-vous été reçu avec politesse ?",
                    "Were you received courteously?",
                ),
                None,
                vec![
                    option("4", "Oui, tout à fait", "Yes, completely"),
                    option("3", "Plutôt oui", "Mostly yes"),
                    option("2", "Plutôt non", "Mostly no"),
                    option("1", "Non, pas du tout", "No, not at all"),
                ],
            ),
            question(
                "wait",
                QuestionKind::SingleChoice,
                true,
                (
                    "Combien de temps avez-vous attendu ?",
                    "How long did you wait?",
                ),
                None,
                vec![
                    option("lt10", "Moins de 10 minutes", "Less than 10 minutes"),
                    option("10to20", "De 10 à 20 minutes", "10 to 20 minutes"),
                    option("20to30", "De 20 à 30 minutes", "20 to 30 minutes"),
                    option("gt30", "Plus de 30 minutes", "More than 30 minutes"),
                ],
            ),
            question(
                "resolved",
                QuestionKind::YesPartlyNo,
                true,
                (
                    "Avez-vous obtenu la réponse ou fait la démarche pour laquelle vous êtes venu ?",
                    "Did you get the answer, or complete the procedure, you came for?",
                ),
                None,
                vec![
                    option("yes", "Oui", "Yes"),
                    option("partly", "En partie", "Partly"),
                    option("no", "Non", "No"),
                ],
            ),
            question(
                "effort",
                QuestionKind::Scale5,
                false,
                (
                    "Cela vous a-t-il demandé beaucoup d'efforts ?",
                    "How much effort did it take you?",
                ),
                Some((
                    "De 1 (très peu d'efforts) à 5 (beaucoup d'efforts).",
                    "From 1 (very little effort) to 5 (a lot of effort).",
                )),
                vec![
                    option("1", "1 – Très peu", "1 – Very little"),
                    option("2", "2 – Peu", "2 – Little"),
                    option("3", "3 – Moyennement", "3 – Some"),
                    option("4", "4 – Beaucoup", "4 – A lot"),
                    option("5", "5 – Énormément", "5 – A great deal"),
                ],
            ),
            question(
                "comment",
                QuestionKind::FreeText,
                false,
                (
                    "Une remarque ou une suggestion ?",
                    "Any remark or suggestion?",
                ),
                Some((
                    free_text_notice().get(crate::Lang::Fr),
                    free_text_notice().get(crate::Lang::En),
                )),
                vec![],
            ),
        ],
    }
}

/// The answers a new question of `kind` starts with (labels the referent may then change):
/// the codes the kind imposes with usual French and English labels; none for free text, and two
/// placeholders for a single choice, whose answers the referent writes.
pub fn default_options(kind: QuestionKind) -> Vec<ChoiceOption> {
    match kind {
        QuestionKind::Jdma3 => vec![
            option("very_good", "Très bien", "Very well"),
            option("average", "Moyennement", "So-so"),
            option("bad", "Pas bien", "Badly"),
        ],
        QuestionKind::Likert4 => vec![
            option("4", "Oui, tout à fait", "Yes, completely"),
            option("3", "Plutôt oui", "Mostly yes"),
            option("2", "Plutôt non", "Mostly no"),
            option("1", "Non, pas du tout", "No, not at all"),
        ],
        QuestionKind::Scale5 => (1..=5)
            .map(|i| option(&i.to_string(), &i.to_string(), &i.to_string()))
            .collect(),
        QuestionKind::YesPartlyNo => vec![
            option("yes", "Oui", "Yes"),
            option("partly", "En partie", "Partly"),
            option("no", "Non", "No"),
        ],
        QuestionKind::Scale0To10 => (0..=10)
            .map(|i| option(&i.to_string(), &i.to_string(), &i.to_string()))
            .collect(),
        QuestionKind::SingleChoice => vec![
            option("choice_1", "Premier choix", "First choice"),
            option("choice_2", "Deuxième choix", "Second choice"),
        ],
        QuestionKind::FreeText => Vec::new(),
    }
}
