//! The default mystery-call and mystery-visit grids of the domain brief, as seed data; the
//! engagements their criteria evidence are in [`super::referential`]. Referents edit thresholds
//! and texts in the screens.

use super::grid::{Condition, Criterion, CriterionCode, GridDefinition};
use super::kind::{CriterionKind as K, PassRule as R};
use crate::Translated;

/// A required criterion without condition; the grids adjust the exceptions.
fn criterion(
    code: &'static str,
    group: &Translated,
    kind: K,
    rule: R,
    engagement: Option<&str>,
    label: (&str, &str),
    help: (&str, &str),
) -> Criterion {
    Criterion {
        code: CriterionCode::seed(code),
        label: Translated::fr_en(label.0, label.1),
        group: group.clone(),
        help: Translated::fr_en(help.0, help.1),
        kind,
        rule,
        engagement: engagement.map(str::to_owned),
        required: true,
        applies_when: None,
    }
}

/// Default threshold of C02: at most 5 rings before pickup (referential).
pub const DEFAULT_MAX_RINGS: u32 = 5;
/// Default threshold of C04: at most 60 seconds until a person speaks, voice menu included
/// (5 rings already take about 25 s; a short menu adds 20-30 s). A local target replaces it.
pub const DEFAULT_MAX_SECONDS_TO_AGENT: u32 = 60;
/// Default threshold of C09: at most 1 transfer.
pub const DEFAULT_MAX_TRANSFERS: u32 = 1;
/// Default threshold of V07: served within 20 minutes of arrival, unless the site announces
/// another target (the visitor questionnaire's middle band is 10-20 minutes).
pub const DEFAULT_MAX_MINUTES_TO_SERVICE: u32 = 20;
/// Default threshold of every 1-4 scale: 3 ("rather good") or above.
pub const DEFAULT_MIN_SCALE: u32 = 3;

/// The default mystery-call grid, C01-C17. Every criterion after C01 applies only when the
/// call was picked up (C01 = `yes`): an unanswered call scores 0 out of 1.
pub fn default_call_grid() -> GridDefinition {
    let pickup = Translated::fr_en("Décroché", "Pickup");
    let welcome = Translated::fr_en("Accueil", "Welcome");
    let routing = Translated::fr_en("Orientation", "Routing");
    let answer = Translated::fr_en("Réponse", "Answer");
    let close = Translated::fr_en("Clôture", "Close");
    let scale = R::AtLeast(DEFAULT_MIN_SCALE);
    let mut criteria = vec![
        criterion(
            "C01",
            &pickup,
            K::YesNo,
            R::Yes,
            Some("M1-TEL-01"),
            ("Appel décroché", "Call picked up"),
            (
                "Oui si une personne vous a répondu. Un message ou un serveur vocal seul ne \
                 compte pas. Si c'est non, les autres critères sont sans objet.",
                "Yes if a person answered you. A recorded message or a voice menu alone does \
                 not count. If no, the other criteria do not apply.",
            ),
        ),
        criterion(
            "C02",
            &pickup,
            K::Count,
            R::AtMost(DEFAULT_MAX_RINGS),
            Some("M1-TEL-01"),
            (
                "Nombre de sonneries avant le décroché",
                "Rings before pickup",
            ),
            (
                "Comptez les sonneries jusqu'à ce que la ligne soit prise, par une personne ou \
                 par le serveur vocal.",
                "Count the rings until the line is picked up, by a person or by the voice menu.",
            ),
        ),
        criterion(
            "C03",
            &pickup,
            K::YesNoNa,
            R::Yes,
            Some("M1-TEL-03"),
            ("Serveur vocal clair", "Clear voice menu"),
            (
                "Les choix annoncés se comprennent et mènent au bon service. « Sans objet » \
                 s'il n'y a pas de serveur vocal.",
                "The choices are easy to understand and lead to the right service. \
                 \"Not applicable\" if there is no voice menu.",
            ),
        ),
        criterion(
            "C04",
            &pickup,
            K::Seconds,
            R::AtMost(DEFAULT_MAX_SECONDS_TO_AGENT),
            Some("M1-TEL-01"),
            (
                "Secondes avant de parler à une personne",
                "Seconds until a person answers",
            ),
            (
                "De la première sonnerie aux premiers mots d'un agent, serveur vocal compris.",
                "From the first ring to an agent's first words, voice menu included.",
            ),
        ),
        criterion(
            "C05",
            &welcome,
            K::YesNo,
            R::Yes,
            Some("M1-TEL-02"),
            (
                "Nom de la préfecture annoncé au décroché",
                "Organisation named on pickup",
            ),
            (
                "L'agent dit dès le début « Préfecture de… » ou « Sous-préfecture de… ».",
                "Right at the start the agent names the prefecture or sub-prefecture.",
            ),
        ),
        criterion(
            "C06",
            &welcome,
            K::YesNo,
            R::Yes,
            Some("M1-TEL-02"),
            (
                "L'agent donne son nom ou son service",
                "The agent gives their name or service",
            ),
            (
                "Un prénom, un nom ou le nom du service suffit.",
                "A first name, a surname or the name of the service is enough.",
            ),
        ),
        criterion(
            "C07",
            &welcome,
            K::Scale4,
            scale,
            Some("M1-TEL-02"),
            ("Politesse et ton", "Politeness and tone"),
            (
                "Bonjour, vouvoiement, ton calme et patient. 1 = impoli ou sec, 4 = très \
                 aimable.",
                "Greeting, polite form, calm and patient tone. 1 = rude or curt, 4 = very \
                 pleasant.",
            ),
        ),
        criterion(
            "C08",
            &welcome,
            K::Scale4,
            scale,
            Some("M1-TEL-04"),
            (
                "L'agent écoute et reformule la demande",
                "The agent listens and rephrases the request",
            ),
            (
                "L'agent vous laisse parler et redit votre demande pour vérifier qu'il l'a \
                 comprise. 1 = pas du tout, 4 = tout à fait.",
                "The agent lets you speak and repeats your request to check it is understood. \
                 1 = not at all, 4 = completely.",
            ),
        ),
        criterion(
            "C09",
            &routing,
            K::Count,
            R::AtMost(DEFAULT_MAX_TRANSFERS),
            Some("M1-TEL-03"),
            ("Nombre de transferts", "Number of transfers"),
            (
                "Comptez chaque transfert vers un autre poste ou un autre service. 0 si le \
                 premier agent vous répond.",
                "Count each transfer to another line or service. 0 if the first agent \
                 answers you.",
            ),
        ),
        criterion(
            "C10",
            &routing,
            K::YesNo,
            R::Yes,
            Some("M1-TEL-03"),
            ("Orienté vers le bon service", "Routed to the right service"),
            (
                "Oui si vous avez parlé au service qui traite votre demande, ou si le premier \
                 agent pouvait y répondre.",
                "Yes if you spoke to the service that handles your request, or if the first \
                 agent could answer it.",
            ),
        ),
        criterion(
            "C11",
            &answer,
            K::YesPartlyNo,
            R::Yes,
            Some("M1-TEL-04"),
            ("Réponse exacte", "Correct answer"),
            (
                "Comparez avec la réponse attendue du scénario. « En partie » : incomplète ou \
                 approximative.",
                "Compare with the scenario's answer key. \"Partly\": incomplete or \
                 approximate.",
            ),
        ),
        criterion(
            "C12",
            &answer,
            K::Scale4,
            scale,
            Some("M1-TEL-04"),
            ("Réponse compréhensible", "Understandable answer"),
            (
                "Des mots simples, pas de sigle sans explication. 1 = incompréhensible, \
                 4 = très claire.",
                "Plain words, no unexplained acronyms. 1 = impossible to follow, 4 = very \
                 clear.",
            ),
        ),
        criterion(
            "C13",
            &answer,
            K::YesNoNa,
            R::Yes,
            Some("M1-TEL-04"),
            (
                "Rappel ou courriel proposé faute de réponse",
                "Callback or e-mail offered when no answer",
            ),
            (
                "L'agent ne pouvait pas répondre : a-t-il proposé de vous rappeler ou de vous \
                 écrire ? « Sans objet » si vous avez eu la réponse.",
                "If the agent could not answer, did they offer to call you back or write to \
                 you? \"Not applicable\" if you got the answer.",
            ),
        ),
        criterion(
            "C14",
            &answer,
            K::YesNoNa,
            R::Yes,
            Some("M1-PAN-03"),
            (
                "Démarche en ligne ou point d'accueil numérique mentionné",
                "Online procedure or digital help point mentioned",
            ),
            (
                "« Sans objet » si le scénario ne porte sur aucune démarche en ligne.",
                "\"Not applicable\" if the scenario involves no online procedure.",
            ),
        ),
        criterion(
            "C15",
            &close,
            K::YesNo,
            R::Yes,
            Some("M1-TEL-02"),
            ("Fin d'appel courtoise", "Courteous close"),
            (
                "L'agent termine poliment : « au revoir », « bonne journée ».",
                "The agent ends the call politely: goodbye, have a good day.",
            ),
        ),
        criterion(
            "C16",
            &close,
            K::Seconds,
            R::None,
            None,
            ("Durée de l'appel (secondes)", "Call length (seconds)"),
            (
                "Pour information, ne compte pas dans la note. Du décroché à la fin de l'appel.",
                "For information only, not scored. From pickup to the end of the call.",
            ),
        ),
        criterion(
            "C17",
            &close,
            K::Scale4,
            scale,
            None,
            ("Impression générale", "Overall impression"),
            (
                "Votre avis d'usager sur tout l'appel. 1 = très mauvaise, 4 = très bonne.",
                "Your view, as a user, of the whole call. 1 = very poor, 4 = very good.",
            ),
        ),
    ];
    let picked_up = Condition {
        criterion: CriterionCode::seed("C01"),
        answer: "yes".to_owned(),
    };
    for c in criteria.iter_mut().skip(1) {
        c.applies_when = Some(picked_up.clone());
        c.required = c.rule != R::None;
    }
    GridDefinition {
        criteria,
        standard: GridDefinition::DEFAULT_STANDARD,
    }
}

/// The default mystery-visit grid, V01-V18. V16 (guided at the digital help point) applies
/// only when a mediator was there (V14 = `yes`).
pub fn default_visit_grid() -> GridDefinition {
    let access = Translated::fr_en("Accès et signalétique", "Access and signs");
    let welcome = Translated::fr_en("Accueil", "Welcome");
    let waiting = Translated::fr_en("Attente et locaux", "Waiting and premises");
    let counter = Translated::fr_en("Au guichet", "At the counter");
    let pan = Translated::fr_en("Point d'accueil numérique", "Digital help point");
    let public = Translated::fr_en("Information du public", "Public information");
    let scale = R::AtLeast(DEFAULT_MIN_SCALE);
    let no_pan = (
        "« Sans objet » si le site n'a pas de point d'accueil numérique.",
        "\"Not applicable\" if the site has no digital help point.",
    );
    let mut criteria = vec![
        criterion(
            "V01",
            &access,
            K::YesNo,
            R::Yes,
            Some("M1-ACC-01"),
            (
                "Horaires affichés et identiques à ceux du site internet",
                "Opening hours posted and matching the website",
            ),
            (
                "Regardez à l'entrée et comparez avec le site de la préfecture le jour même.",
                "Look at the entrance and compare with the prefecture's website on the same day.",
            ),
        ),
        criterion(
            "V02",
            &access,
            K::Scale4,
            scale,
            Some("M1-ACC-01"),
            ("Panneaux jusqu'à l'accueil", "Signs to reception"),
            (
                "1 = on se perd, 4 = on trouve sans rien demander.",
                "1 = easy to get lost, 4 = found without asking anyone.",
            ),
        ),
        criterion(
            "V03",
            &welcome,
            K::YesNo,
            R::Yes,
            Some("M1-ACC-02"),
            ("Salué à l'arrivée", "Greeted on arrival"),
            (
                "Un agent vous dit bonjour ou vous fait signe dès votre arrivée à l'accueil.",
                "An agent says hello or acknowledges you as soon as you reach reception.",
            ),
        ),
        criterion(
            "V04",
            &welcome,
            K::YesNo,
            R::Yes,
            Some("M1-ACC-02"),
            ("Agent identifiable (badge)", "Agent identifiable (badge)"),
            (
                "Un badge ou une plaque donne le nom ou la fonction de l'agent.",
                "A badge or a sign gives the agent's name or role.",
            ),
        ),
        criterion(
            "V05",
            &welcome,
            K::Scale4,
            scale,
            Some("M1-ACC-02"),
            ("Courtoisie", "Courtesy"),
            (
                "1 = impoli, 4 = très aimable.",
                "1 = rude, 4 = very pleasant.",
            ),
        ),
        criterion(
            "V06",
            &welcome,
            K::YesNo,
            R::Yes,
            Some("M1-ACC-03"),
            (
                "Orienté vers le bon service ou vers le point d'accueil numérique",
                "Directed to the right service or to the digital help point",
            ),
            (
                "Oui si l'indication reçue vous a mené là où votre demande est traitée.",
                "Yes if the directions you got led you to where your request is handled.",
            ),
        ),
        criterion(
            "V07",
            &waiting,
            K::Minutes,
            R::AtMost(DEFAULT_MAX_MINUTES_TO_SERVICE),
            Some("M1-ACC-03"),
            (
                "Minutes entre l'arrivée et la prise en charge",
                "Minutes from arrival to being served",
            ),
            (
                "De l'entrée dans le bâtiment à l'appel au guichet, arrondi à la minute.",
                "From entering the building to being called to the counter, to the nearest \
                 minute.",
            ),
        ),
        criterion(
            "V08",
            &waiting,
            K::YesNo,
            R::Yes,
            Some("M1-ACC-03"),
            (
                "Information sur le temps d'attente affichée",
                "Waiting time information shown",
            ),
            (
                "Un écran, une affiche ou un ticket indique l'attente prévue ou le nombre de \
                 personnes avant vous.",
                "A screen, a poster or a ticket shows the expected wait or the number of \
                 people ahead of you.",
            ),
        ),
        criterion(
            "V09",
            &waiting,
            K::Scale4,
            scale,
            Some("M1-ACC-04"),
            ("Confort de la salle d'attente", "Waiting area comfort"),
            (
                "Places assises, propreté, température. 1 = très inconfortable, 4 = très \
                 confortable.",
                "Seats, cleanliness, temperature. 1 = very uncomfortable, 4 = very \
                 comfortable.",
            ),
        ),
        criterion(
            "V10",
            &waiting,
            K::YesNoNa,
            R::Yes,
            Some("M1-ACC-04"),
            ("Accès sans marche", "Step-free access"),
            (
                "Entrée sans marche, rampe ou ascenseur jusqu'à l'accueil. « Sans objet » si \
                 le scénario ne permet pas de le vérifier.",
                "Entrance without steps, ramp or lift up to reception. \"Not applicable\" if \
                 the scenario does not let you check it.",
            ),
        ),
        criterion(
            "V11",
            &counter,
            K::Scale4,
            scale,
            Some("M1-ACC-04"),
            (
                "Confidentialité au guichet",
                "Confidentiality at the counter",
            ),
            (
                "Les autres personnes peuvent-elles entendre l'échange ou voir vos papiers ? \
                 1 = pas du tout protégée, 4 = tout à fait protégée.",
                "Can other people hear the conversation or see your papers? 1 = not protected \
                 at all, 4 = fully protected.",
            ),
        ),
        criterion(
            "V12",
            &counter,
            K::YesPartlyNo,
            R::Yes,
            Some("M1-ACC-05"),
            ("Réponse exacte", "Correct answer"),
            (
                "Comparez avec la réponse attendue du scénario. « En partie » : incomplète ou \
                 approximative.",
                "Compare with the scenario's answer key. \"Partly\": incomplete or \
                 approximate.",
            ),
        ),
        criterion(
            "V13",
            &counter,
            K::Scale4,
            scale,
            Some("M1-ACC-05"),
            ("Réponse claire", "Clear answer"),
            (
                "Des mots simples, pas de sigle sans explication. 1 = incompréhensible, \
                 4 = très claire.",
                "Plain words, no unexplained acronyms. 1 = impossible to follow, 4 = very \
                 clear.",
            ),
        ),
        criterion(
            "V14",
            &pan,
            K::YesNoNa,
            R::Yes,
            Some("M1-PAN-01"),
            (
                "Médiateur présent au point d'accueil numérique",
                "Mediator present at the digital help point",
            ),
            no_pan,
        ),
        criterion(
            "V15",
            &pan,
            K::YesNoNa,
            R::Yes,
            Some("M1-PAN-01"),
            (
                "Matériel du point d'accueil numérique en état de marche",
                "Digital help point equipment working",
            ),
            (
                "Ordinateur, imprimante, scanner. « Sans objet » si le site n'a pas de point \
                 d'accueil numérique.",
                "Computer, printer, scanner. \"Not applicable\" if the site has no digital \
                 help point.",
            ),
        ),
        criterion(
            "V16",
            &pan,
            K::Scale4Na,
            scale,
            Some("M1-PAN-02"),
            (
                "Usager guidé plutôt que fait à sa place",
                "User guided rather than done for",
            ),
            (
                "Le médiateur vous aide à faire la démarche vous-même. 1 = fait à votre place, \
                 4 = fait par vous, bien guidé. « Sans objet » si vous n'avez pas eu besoin \
                 d'aide.",
                "The mediator helps you do the procedure yourself. 1 = done for you, 4 = done \
                 by you, well guided. \"Not applicable\" if you needed no help.",
            ),
        ),
        criterion(
            "V17",
            &public,
            K::YesNo,
            R::Yes,
            Some("M1-ECO-01"),
            (
                "Résultats qualité et QR code de l'enquête affichés",
                "Quality results and survey QR code displayed",
            ),
            (
                "Une affiche montre les derniers résultats et le QR code pour donner son avis.",
                "A poster shows the latest results and the QR code for giving feedback.",
            ),
        ),
        criterion(
            "V18",
            &public,
            K::YesNo,
            R::Yes,
            Some("M1-ECO-02"),
            (
                "Moyen de réclamation ou de suggestion visible",
                "Complaint or suggestion channel visible",
            ),
            (
                "Un registre, un formulaire, une boîte ou une adresse est indiqué dans \
                 l'espace d'accueil.",
                "A register, a form, a box or an address is shown in the reception area.",
            ),
        ),
    ];
    if let Some(v16) = criteria.iter_mut().find(|c| c.code.as_str() == "V16") {
        v16.applies_when = Some(Condition {
            criterion: CriterionCode::seed("V14"),
            answer: "yes".to_owned(),
        });
    }
    GridDefinition {
        criteria,
        standard: GridDefinition::DEFAULT_STANDARD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::mystery::default_engagements;

    #[test]
    fn the_grids_have_the_codes_of_the_brief_in_order() {
        let codes = |g: GridDefinition| -> Vec<String> {
            g.criteria.iter().map(|c| c.code.to_string()).collect()
        };
        let call: Vec<String> = (1..=17).map(|i| format!("C{i:02}")).collect();
        let visit: Vec<String> = (1..=18).map(|i| format!("V{i:02}")).collect();
        assert_eq!(codes(default_call_grid()), call);
        assert_eq!(codes(default_visit_grid()), visit);
    }

    #[test]
    fn every_text_is_written_in_french_and_english() {
        for grid in [default_call_grid(), default_visit_grid()] {
            for c in &grid.criteria {
                for t in [&c.label, &c.group, &c.help] {
                    assert!(t.has(Lang::Fr) && t.has(Lang::En), "{}", c.code);
                }
            }
        }
        for e in default_engagements() {
            assert!(e.title.has(Lang::Fr) && e.title.has(Lang::En), "{}", e.id);
            assert!(
                e.threshold.has(Lang::Fr) && e.threshold.has(Lang::En),
                "{}",
                e.id
            );
        }
    }

    #[test]
    fn every_engagement_a_grid_names_is_seeded_and_every_tested_channel_is_evidenced() {
        let seeded: Vec<String> = default_engagements().into_iter().map(|e| e.id).collect();
        // Letters, the website and titles are measured by figures from other systems, not by
        // mystery tests; every phone, counter and digital-help engagement is tested.
        let tested: Vec<String> = default_engagements()
            .into_iter()
            .filter(|e| ["phone", "counter", "pan"].contains(&e.channel.as_str()))
            .map(|e| e.id)
            .collect();
        let (call, visit) = (default_call_grid(), default_visit_grid());
        let mut named: Vec<&str> = call.engagements();
        named.extend(visit.engagements());
        for id in &named {
            assert!(seeded.iter().any(|s| s == id), "{id} not seeded");
        }
        let modules: Vec<String> = default_engagements()
            .into_iter()
            .map(|e| e.module)
            .collect();
        assert!(modules.contains(&"M1".to_owned()) && modules.contains(&"M2".to_owned()));
        for id in &tested {
            assert!(named.contains(&id.as_str()), "{id} evidenced by nothing");
        }
    }

    #[test]
    fn the_kinds_and_rules_follow_the_brief() {
        let call = default_call_grid();
        let visit = default_visit_grid();
        let rule = |g: &GridDefinition, code: &str| g.criterion(code).map(|c| (c.kind, c.rule));
        assert_eq!(rule(&call, "C02"), Some((K::Count, R::AtMost(5))));
        assert_eq!(rule(&call, "C09"), Some((K::Count, R::AtMost(1))));
        assert_eq!(rule(&call, "C11"), Some((K::YesPartlyNo, R::Yes)));
        assert_eq!(rule(&call, "C16"), Some((K::Seconds, R::None)));
        assert_eq!(rule(&visit, "V07"), Some((K::Minutes, R::AtMost(20))));
        assert_eq!(rule(&visit, "V12"), Some((K::YesPartlyNo, R::Yes)));
        assert_eq!(rule(&visit, "V16"), Some((K::Scale4Na, R::AtLeast(3))));
        for code in ["V02", "V05", "V09", "V11", "V13"] {
            assert_eq!(
                rule(&visit, code),
                Some((K::Scale4, R::AtLeast(3))),
                "{code}"
            );
        }
        for code in ["C07", "C08", "C12", "C17"] {
            assert_eq!(
                rule(&call, code),
                Some((K::Scale4, R::AtLeast(3))),
                "{code}"
            );
        }
        let na: Vec<&str> = [&call, &visit]
            .iter()
            .flat_map(|g| g.criteria.iter())
            .filter(|c| c.kind.allows_na())
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(na, ["C03", "C13", "C14", "V10", "V14", "V15", "V16"]);
    }
}
