//! The dashboard's referential section: [`indicators::referential::side_by_side`] in words,
//! each survey indicator, mystery criterion and entered figure with its n and interval, or
//! marked as entered.

use super::figures::{
    criterion_figure, engagement_figure, figure_name, indicator_unit, survey_figure,
};
use app::components::charts::model::{Unit, count};
use app::components::charts::words::{Noun, figure_words};
use app::components::format::decimal;
use app::pages::results::dashboard::EngagementLine;
use app::pages::results::texts::indicator_label;
use domain::{Lang, QuestionKind};

/// The referential's engagements of Modules 1 and 2 side by side with what measures them
/// ([`indicators::referential::side_by_side`]), worded: each survey indicator, mystery criterion
/// and entered figure with its n and interval or marked as entered.
pub(super) fn referential_lines(
    lines: Vec<indicators::referential::EngagementEvidence>,
    hidden_below: u64,
    lang: Lang,
) -> Vec<EngagementLine> {
    let fr = lang == Lang::Fr;
    lines
        .into_iter()
        .map(|e| {
            let mut perceived: Vec<String> = e
                .survey
                .iter()
                .flat_map(|s| {
                    s.headline.iter().map(move |h| {
                        format!(
                            "{} — {} : {}",
                            s.text,
                            indicator_label(
                                h.name,
                                QuestionKind::parse(s.kind).unwrap_or(QuestionKind::SingleChoice),
                                lang
                            ),
                            figure_words(
                                &survey_figure(&h.indicator),
                                indicator_unit(h.name),
                                Noun::Answers,
                                hidden_below,
                                lang
                            )
                        )
                    })
                })
                .collect();
            perceived.extend(e.questions_not_asked.iter().map(|q| {
                if fr {
                    format!("question « {q} » : pas posée par ce questionnaire")
                } else {
                    format!("question \u{201c}{q}\u{201d}: not asked by this questionnaire")
                }
            }));
            let rendered: Vec<String> = e
                .mystery
                .iter()
                .flat_map(|m| {
                    let campaign = m.campaign.clone();
                    let engagement = m.engagement.as_ref().map(|r| {
                        let figure = engagement_figure(r);
                        format!(
                            "{} {campaign} : {}",
                            if fr {
                                "Conformité, campagne"
                            } else {
                                "Conformity, campaign"
                            },
                            figure_words(&figure, Unit::Share, Noun::Tests, 0, lang)
                        )
                    });
                    engagement.into_iter().chain(m.criteria.iter().map(|c| {
                        format!(
                            "{} {} : {}",
                            c.code,
                            c.label,
                            figure_words(&criterion_figure(c), Unit::Share, Noun::Tests, 0, lang)
                        )
                    }))
                })
                .collect();
            let mut entered: Vec<String> = e
                .figures
                .iter()
                .map(|f| {
                    let value = match f.unit {
                        "percent" => format!("{}\u{202f}%", decimal(f.value, 1, lang)),
                        "count" => count(f.value.round() as i64, lang),
                        _ => format!(
                            "{} {}",
                            decimal(f.value, 1, lang),
                            if fr { "jours" } else { "days" }
                        ),
                    };
                    let service = f
                        .service
                        .as_ref()
                        .map(|s| format!(", {s}"))
                        .unwrap_or_default();
                    format!(
                        "{} ({}{service}) : {value}, {}",
                        figure_name(&f.kind, lang),
                        f.period,
                        if fr { "saisi" } else { "entered" }
                    )
                })
                .collect();
            entered.extend(e.figures_not_entered.iter().map(|k| {
                if fr {
                    format!("{} : pas saisi pour la période", figure_name(k, lang))
                } else {
                    format!("{}: not entered for the period", figure_name(k, lang))
                }
            }));
            EngagementLine {
                id: e.id,
                title: e.title,
                threshold: e.threshold,
                perceived,
                rendered,
                entered,
            }
        })
        .collect()
}
