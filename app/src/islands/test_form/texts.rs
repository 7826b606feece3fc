//! What the test form's islands say, in French and English.

use domain::Lang;

/// The words of the helpers and of the status line.
pub struct IslandTexts {
    pub start: &'static str,
    pub stop: &'static str,
    pub ring: &'static str,
    pub add_one_to: &'static str,
    pub reset: &'static str,
    pub saved_at: &'static str,
    pub offline: &'static str,
    pub saving: &'static str,
    pub conflict: &'static str,
    pub restored: &'static str,
    pub expired: &'static str,
    pub refused: &'static str,
}

const FR: IslandTexts = IslandTexts {
    start: "Démarrer le chronomètre",
    stop: "Arrêter",
    ring: "+1",
    add_one_to: "Ajouter 1 à ",
    reset: "Remettre à zéro",
    saved_at: "Brouillon enregistré à ",
    offline: "Hors ligne : le brouillon est gardé sur cet appareil et sera envoyé au retour du réseau.",
    saving: "Enregistrement…",
    conflict: "Ce test a changé ailleurs : rechargez la page.",
    restored: "Brouillon non envoyé retrouvé sur cet appareil : il est rétabli.",
    expired: "Votre session a expiré : reconnectez-vous (dans un autre onglet) ; le brouillon reste sur cet appareil.",
    refused: "Valeurs refusées : ",
};

const EN: IslandTexts = IslandTexts {
    start: "Start the stopwatch",
    stop: "Stop",
    ring: "+1",
    add_one_to: "Add 1 to ",
    reset: "Reset",
    saved_at: "Draft saved at ",
    offline: "Offline: the draft is kept on this device and will be sent when the network returns.",
    saving: "Saving…",
    conflict: "This test changed elsewhere: reload the page.",
    restored: "An unsent draft was found on this device: it is restored.",
    expired: "Your session has expired: sign in again (in another tab); the draft stays on this device.",
    refused: "Values refused: ",
};

/// The words of `lang`.
pub fn island_texts(lang: Lang) -> &'static IslandTexts {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}
