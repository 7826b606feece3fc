//! The referential of the label (Modules 1 and 2), as seed data, and what measures each of its
//! engagements besides the mystery criteria (which point at an engagement from the grids): the
//! survey questions and the figures entered from other systems.
//!
//! The seeded mapping (an engagement not listed is measured by no question and no figure; the
//! referent changes all of it on `/mystere/referentiel`):
//!
//! | engagement | questions | figures | why |
//! |---|---|---|---|
//! | `M1-TEL-01` pick up promptly | | `call_pickup_rate` | the switchboard's own count of the threshold "under 10 % of calls lost" |
//! | `M1-ACC-02` courteous welcome at the counter | `courtesy` | | the visitor says whether they were received courteously |
//! | `M1-ACC-03` direct visitors, keep waiting short | `wait` | | the visitor's waiting time, against the 20 minutes of the threshold |
//! | `M1-ACC-05` a correct, clear answer | `resolved` | | whether the visitor got the answer or did the procedure they came for |
//! | `M1-PAN-02` help users do their procedures themselves | `effort` | | the effort the procedure took; read it on the digital help point's scope |
//! | `M1-COU-01` answer e-mails within 5 working days | | `emails_within_5_days` | the threshold itself |
//! | `M1-ECO-01` collect users' views, display the results | `overall` | | the survey's answers are the evidence that it runs; its score is what is displayed |
//! | `M1-ECO-02` make complaints and suggestions easy | | `complaints` | the complaints received (the count, not yet whether each got its answer) |
//! | `M2-CNI-02` issue titles within a reasonable delay | | `delay_id_cards` | the mean delay of ID cards and passports, which the threshold says to publish |
//!
//! Not mapped, on purpose: `courtesy`, `resolved` and `wait` to the telephone engagements (the
//! default questionnaire asks about a visit), `emails_within_5_days` to the letters of
//! `M1-COU-02` (an e-mail delay says nothing of letters), `footfall` (the visitors received are
//! the context of every figure, the evidence of no engagement), and the free-text comment (it has
//! no figure). Phone, counter and digital-help engagements are evidenced by the grids' criteria.

use crate::{QuestionCode, Translated};
use serde::{Deserialize, Serialize};

/// An engagement of the referential: what the service commits to, on which channel, with the
/// threshold that makes it measurable. Criteria of the grids evidence it through its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    /// Stable id: the module (`M1`, `M2`), the area (`TEL` telephone, `ACC` physical
    /// reception, `PAN` digital help point, `COU` letters and e-mails, `WEB` website and social
    /// networks, `ECO` listening to users, `CNI` ID cards and passports), a number.
    pub id: String,
    /// The module: `M1` (relation with users) or `M2` (ID cards and passports).
    pub module: String,
    /// The channel: `phone`, `counter`, `pan`, `mail`, `web`, `listening` or `titles`.
    pub channel: String,
    /// What the service commits to.
    pub title: Translated,
    /// The measurable threshold (`5 sonneries au plus`), editable.
    #[serde(default)]
    pub threshold: Translated,
    /// What measures it besides the mystery criteria. `None` in a referential stored before the
    /// mapping existed: [`Referential::with_seeded_measures`] reads it as the seeded mapping
    /// ([`default_measures`]), while `Some` with empty lists is a mapping the referent emptied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Measures>,
}

/// The survey questions and entered figures that measure an engagement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Measures {
    /// Codes of the questionnaire's closed questions (`courtesy`), in the questionnaire's order.
    #[serde(default)]
    pub questions: Vec<QuestionCode>,
    /// Codes of the entered figures (`call_pickup_rate`: the codes of `db::figures::FigureKind`,
    /// which the database checks; this crate does not know them).
    #[serde(default)]
    pub figures: Vec<String>,
}

impl Measures {
    /// Whether nothing measures the engagement.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty() && self.figures.is_empty()
    }
}

impl Engagement {
    /// What measures it: its own mapping, or the seeded one when it has none yet.
    pub fn measures_or_seeded(&self) -> Measures {
        self.measures
            .clone()
            .unwrap_or_else(|| default_measures(&self.id))
    }
}

/// The referential of the label: its engagements, in order. Versioned when edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Referential {
    /// The engagements.
    pub engagements: Vec<Engagement>,
}

impl Referential {
    /// The engagement with this id.
    pub fn engagement(&self, id: &str) -> Option<&Engagement> {
        self.engagements.iter().find(|e| e.id == id)
    }

    /// The same referential where every engagement without a mapping (stored before mappings
    /// existed) gets the seeded one; a mapping the referent emptied stays empty.
    pub fn with_seeded_measures(mut self) -> Referential {
        for e in &mut self.engagements {
            if e.measures.is_none() {
                e.measures = Some(default_measures(&e.id));
            }
        }
        self
    }
}

/// The seeded mapping: engagement, question codes, figure codes (see the module's table).
const SEEDED_MEASURES: [(&str, &[&str], &[&str]); 9] = [
    ("M1-TEL-01", &[], &["call_pickup_rate"]),
    ("M1-ACC-02", &["courtesy"], &[]),
    ("M1-ACC-03", &["wait"], &[]),
    ("M1-ACC-05", &["resolved"], &[]),
    ("M1-PAN-02", &["effort"], &[]),
    ("M1-COU-01", &[], &["emails_within_5_days"]),
    ("M1-ECO-01", &["overall"], &[]),
    ("M1-ECO-02", &[], &["complaints"]),
    ("M2-CNI-02", &[], &["delay_id_cards"]),
];

/// The seeded mapping of an engagement of [`default_engagements`] (see the module's table);
/// empty for any other id.
pub fn default_measures(engagement_id: &str) -> Measures {
    let Some((_, questions, figures)) = SEEDED_MEASURES
        .iter()
        .find(|(id, _, _)| *id == engagement_id)
    else {
        return Measures::default();
    };
    Measures {
        // The codes above are literals that satisfy the rule; the tests check each one.
        questions: questions
            .iter()
            .filter_map(|c| QuestionCode::parse(c).ok())
            .collect(),
        figures: figures.iter().map(|f| (*f).to_owned()).collect(),
    }
}

/// The Module 1 and Module 2 engagements (ids are ours; thresholds are the referential
/// family's defaults of the domain brief).
pub fn default_engagements() -> Vec<Engagement> {
    [
        (
            "M1-TEL-01",
            "phone",
            ("Décrocher rapidement", "Pick up calls promptly"),
            (
                "Décroché en 5 sonneries au plus ; moins de 10 % d'appels perdus",
                "Picked up within 5 rings; under 10% of calls lost",
            ),
        ),
        (
            "M1-TEL-02",
            "phone",
            (
                "Accueillir avec courtoisie et se présenter",
                "Welcome callers courteously and introduce ourselves",
            ),
            (
                "Administration et interlocuteur nommés à chaque appel",
                "Administration and person named on every call",
            ),
        ),
        (
            "M1-TEL-03",
            "phone",
            (
                "Orienter vers le bon interlocuteur",
                "Route callers to the right person",
            ),
            ("Au plus un transfert", "At most one transfer"),
        ),
        (
            "M1-TEL-04",
            "phone",
            (
                "Écouter et donner une réponse exacte et compréhensible, ou rappeler",
                "Listen and give a correct, understandable answer, or call back",
            ),
            (
                "Réponse exacte au regard du scénario ; rappel proposé sinon",
                "Correct answer against the scenario; a callback offered otherwise",
            ),
        ),
        (
            "M1-ACC-01",
            "counter",
            (
                "Informer sur les horaires et l'accès",
                "Inform about opening hours and access",
            ),
            (
                "Horaires affichés identiques au site internet",
                "Posted hours match the website",
            ),
        ),
        (
            "M1-ACC-02",
            "counter",
            (
                "Accueillir avec courtoisie, par un agent identifiable",
                "Welcome visitors courteously, by identifiable staff",
            ),
            (
                "Salutation et badge à chaque visite",
                "A greeting and a badge at every visit",
            ),
        ),
        (
            "M1-ACC-03",
            "counter",
            (
                "Orienter et limiter l'attente",
                "Direct visitors and keep waiting short",
            ),
            (
                "Attente annoncée et respectée (20 minutes par défaut)",
                "Waiting announced and kept (20 minutes by default)",
            ),
        ),
        (
            "M1-ACC-04",
            "counter",
            (
                "Des locaux confortables, accessibles et respectant la confidentialité",
                "Comfortable, accessible premises that respect confidentiality",
            ),
            (
                "Accès de plain-pied ; confidentialité au guichet",
                "Step-free access; confidentiality at the counter",
            ),
        ),
        (
            "M1-ACC-05",
            "counter",
            (
                "Donner une réponse exacte et claire",
                "Give a correct, clear answer",
            ),
            (
                "Réponse exacte au regard du scénario",
                "Correct answer against the scenario",
            ),
        ),
        (
            "M1-PAN-01",
            "pan",
            (
                "Un point d'accueil numérique équipé et animé",
                "A working digital help point with a mediator",
            ),
            (
                "Médiateur présent et matériel en état aux heures d'ouverture",
                "A mediator present and working equipment during opening hours",
            ),
        ),
        (
            "M1-PAN-02",
            "pan",
            (
                "Accompagner l'usager vers l'autonomie",
                "Help users do their procedures themselves",
            ),
            (
                "L'usager fait sa démarche lui-même, guidé",
                "The user does the procedure, guided",
            ),
        ),
        (
            "M1-PAN-03",
            "pan",
            (
                "Faire connaître les démarches en ligne et l'aide numérique",
                "Promote online procedures and digital help",
            ),
            (
                "Démarche en ligne ou point numérique mentionnés quand ils existent",
                "Online procedure or digital help point mentioned when they exist",
            ),
        ),
        (
            "M1-COU-01",
            "mail",
            (
                "Répondre aux courriels dans un délai annoncé",
                "Answer e-mails within an announced delay",
            ),
            (
                "Réponse en 5 jours ouvrés au plus",
                "An answer within 5 working days",
            ),
        ),
        (
            "M1-COU-02",
            "mail",
            (
                "Répondre aux courriers dans un délai annoncé",
                "Answer letters within an announced delay",
            ),
            (
                "Réponse en 15 jours ouvrés au plus",
                "An answer within 15 working days",
            ),
        ),
        (
            "M1-WEB-01",
            "web",
            (
                "Tenir à jour le site internet et les réseaux sociaux",
                "Keep the website and social networks up to date",
            ),
            (
                "Informations pratiques vérifiées chaque trimestre",
                "Practical information checked every quarter",
            ),
        ),
        (
            "M1-ECO-01",
            "listening",
            (
                "Afficher les résultats qualité et recueillir l'avis des usagers",
                "Display quality results and collect users' views",
            ),
            (
                "Enquête de satisfaction au moins annuelle, résultats affichés",
                "A satisfaction survey at least yearly, results displayed",
            ),
        ),
        (
            "M1-ECO-02",
            "listening",
            (
                "Faciliter les réclamations et les suggestions",
                "Make complaints and suggestions easy",
            ),
            (
                "Chaque réclamation reçoit un accusé de réception et une réponse",
                "Every complaint gets an acknowledgement and an answer",
            ),
        ),
        (
            "M1-ECO-03",
            "listening",
            (
                "Réunir le comité local des usagers",
                "Convene the local users' committee",
            ),
            ("Au moins une réunion par an", "At least one meeting a year"),
        ),
        (
            "M2-CNI-01",
            "titles",
            (
                "Limiter les dossiers incomplets",
                "Keep incomplete applications few",
            ),
            (
                "Pièces à fournir annoncées avant le rendez-vous",
                "Documents to bring announced before the appointment",
            ),
        ),
        (
            "M2-CNI-02",
            "titles",
            (
                "Délivrer les titres dans un délai raisonnable",
                "Issue titles within a reasonable delay",
            ),
            (
                "Délai moyen publié chaque trimestre",
                "Average delay published every quarter",
            ),
        ),
        (
            "M2-CNI-03",
            "titles",
            (
                "Remettre les titres de façon sécurisée",
                "Hand titles over securely",
            ),
            (
                "Remise en main propre, identité vérifiée",
                "Handed over in person, identity checked",
            ),
        ),
    ]
    .into_iter()
    .map(|(id, channel, (fr, en), (tfr, ten))| Engagement {
        id: id.to_owned(),
        module: id.split('-').next().unwrap_or_default().to_owned(),
        channel: channel.to_owned(),
        title: Translated::fr_en(fr, en),
        threshold: Translated::fr_en(tfr, ten),
        measures: Some(default_measures(id)),
    })
    .collect()
}

/// The default referential: Module 1 (relation with users) and Module 2 (ID cards and
/// passports).
pub fn default_referential() -> Referential {
    Referential {
        engagements: default_engagements(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults::default_questionnaire;
    use crate::{Lang, QuestionKind};

    #[test]
    fn the_seeded_mapping_names_closed_questions_of_the_default_questionnaire() {
        let questionnaire = default_questionnaire();
        let ids: Vec<String> = default_engagements().into_iter().map(|e| e.id).collect();
        for (id, questions, _) in SEEDED_MEASURES {
            assert!(ids.iter().any(|s| s == id), "{id} is not an engagement");
            assert_eq!(
                default_measures(id).questions.len(),
                questions.len(),
                "{id}"
            );
            for code in questions {
                let q = questionnaire
                    .questions
                    .iter()
                    .find(|q| q.code.as_str() == *code)
                    .unwrap_or_else(|| panic!("{id}: no question {code}"));
                assert_ne!(q.kind, QuestionKind::FreeText, "{id}: {code} has no figure");
            }
        }
        // Every closed question of the default questionnaire measures some engagement.
        let mapped: Vec<String> = default_engagements()
            .iter()
            .flat_map(|e| e.measures_or_seeded().questions)
            .map(|c| c.as_str().to_owned())
            .collect();
        for q in &questionnaire.questions {
            if q.kind != QuestionKind::FreeText {
                assert!(
                    mapped.contains(&q.code.as_str().to_owned()),
                    "{}",
                    q.code.as_str()
                );
            }
        }
    }

    #[test]
    fn the_seeded_figures_go_where_their_thresholds_are() {
        let figures = |id: &str| default_measures(id).figures;
        assert_eq!(figures("M1-TEL-01"), ["call_pickup_rate"]);
        assert_eq!(figures("M1-COU-01"), ["emails_within_5_days"]);
        assert_eq!(figures("M1-ECO-02"), ["complaints"]);
        assert_eq!(figures("M2-CNI-02"), ["delay_id_cards"]);
        assert!(
            default_measures("M1-COU-02").is_empty(),
            "letters: no figure"
        );
        assert!(default_measures("M9-XXX-01").is_empty());
        assert_eq!(
            default_referential()
                .engagement("M1-ACC-03")
                .and_then(|e| e.measures.clone()),
            Some(Measures {
                questions: vec![QuestionCode::parse("wait").expect("code")],
                figures: vec![],
            })
        );
    }

    /// A stored referential of before the mapping: the engagement's fields without `measures`.
    fn stored_without_measures() -> String {
        let mut value = serde_json::to_value(default_referential()).expect("json");
        for e in value["engagements"].as_array_mut().expect("engagements") {
            e.as_object_mut().expect("object").remove("measures");
        }
        value.to_string()
    }

    #[test]
    fn a_referential_stored_before_the_mapping_reads_as_the_seeded_one() {
        let old: Referential = serde_json::from_str(&stored_without_measures()).expect("read");
        assert!(old.engagements.iter().all(|e| e.measures.is_none()));
        let read = old.with_seeded_measures();
        assert_eq!(read, default_referential());
        let courtesy = read
            .engagement("M1-ACC-02")
            .and_then(|e| e.measures.clone());
        assert_eq!(
            courtesy.map(|m| m.questions),
            Some(vec![QuestionCode::parse("courtesy").expect("code")])
        );
        assert_eq!(
            read.engagement("M1-ACC-02").map(|e| e.title.get(Lang::En)),
            Some("Welcome visitors courteously, by identifiable staff")
        );
    }

    #[test]
    fn a_mapping_the_referent_emptied_stays_empty_once_stored_and_read() {
        let mut emptied = default_referential();
        for e in &mut emptied.engagements {
            if e.id == "M1-ACC-02" {
                e.measures = Some(Measures::default());
            }
        }
        let stored = serde_json::to_string(&emptied).expect("json");
        let read: Referential = serde_json::from_str(&stored).expect("read");
        let read = read.with_seeded_measures();
        let courtesy = read.engagement("M1-ACC-02").expect("engagement");
        assert_eq!(courtesy.measures, Some(Measures::default()));
        assert_eq!(courtesy.measures_or_seeded(), Measures::default());
        // The others keep the seeded mapping.
        assert_eq!(
            read.engagement("M1-ACC-03")
                .map(Engagement::measures_or_seeded),
            Some(default_measures("M1-ACC-03"))
        );
    }
}
