//! The referential, perceived and rendered side by side (issue 13, section 6): for every
//! engagement of Modules 1 and 2, in the referential's order, what the visitors said (the survey
//! questions mapped to it), what the mystery tests found (the criteria that point at it) and the
//! figures entered from other systems. Pure: every figure is taken as it is from what the scope's
//! summary, the campaigns' results and the figure rows already hold, so that a line shows the
//! same numbers as `/resultats`, the mystery results and the API; nothing is recomputed here.
//!
//! Choices made here:
//! - **Which engagements.** Those of modules `M1` and `M2`, every one of them, in the
//!   referential's order, even when nothing measures it: such a line is flagged
//!   ([`EngagementEvidence::gap`]) so that the committee sees what the label's evidence lacks.
//! - **Survey.** For each question the engagement's mapping names, in the mapping's order, the
//!   headline indicators of its kind, taken from its [`QuestionSummary`]: `score10` then
//!   `very_good_rate` for the JDMA scale, `top2` for a four-point scale, `yes_rate` for yes /
//!   partly / no, `mean` for a five-point scale, `nps` for 0-10; for any other kind (a single
//!   choice such as `wait`), every indicator the summary carries (none today). A suppressed
//!   indicator stays suppressed (no estimate). A mapped question the scope's questionnaire does
//!   not ask is listed in [`EngagementEvidence::questions_not_asked`].
//! - **Mystery.** For each campaign given (the caller passes the latest campaign of each grid,
//!   calls and visits), the campaign's [`EngagementRate`] for the engagement and the
//!   [`CriterionRate`]s of its criteria that point at it, in grid order; a campaign with neither
//!   is left out of the line.
//! - **Figures.** The rows of the mapped kinds whose whole month or quarter lies inside the
//!   period (as the footfall weighting counts them), each as entered: by kind in the mapping's
//!   order, then by period, then by service. Nothing is summed or averaged (a rate cannot be
//!   summed, and a month inside an entered quarter is shown beside it, as entered). A mapped kind
//!   without any such row is listed in [`EngagementEvidence::figures_not_entered`].
//! - **Gap.** A line is a gap when it has nothing to read: no survey indicator with an estimate
//!   (a suppressed one is not read), no campaign where one of its criteria applied to a test,
//!   no entered figure.

use crate::mystery::{CampaignResults, CriterionRate, EngagementRate};
use crate::period::Period;
use crate::survey::{Indicator, QuestionSummary};
use db::figures::{FigureKind, FigureRow, parse_period};
use domain::mystery::Referential;
use domain::{Lang, Question, QuestionKind};
use serde::Serialize;
use utoipa::ToSchema;

/// One engagement of the referential with everything that measures it over the period.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EngagementEvidence {
    /// Its id (`M1-TEL-01`).
    pub id: String,
    /// `M1` or `M2`.
    pub module: String,
    /// `phone`, `counter`, `pan`, `mail`, `web`, `listening` or `titles`.
    pub channel: String,
    /// What the service commits to, in the language asked.
    pub title: String,
    /// Its measurable threshold, in the language asked.
    pub threshold: String,
    /// What the visitors said: one entry per mapped question the scope's questionnaire asks.
    pub survey: Vec<SurveyEvidence>,
    /// Mapped questions the scope's questionnaire does not ask (no summary for them).
    pub questions_not_asked: Vec<String>,
    /// What the mystery tests found: one entry per campaign that has criteria pointing at it.
    pub mystery: Vec<MysteryEvidence>,
    /// The figures entered for periods inside the asked one, as entered.
    pub figures: Vec<FigureValue>,
    /// Mapped figure kinds with no value entered for a period inside the asked one.
    pub figures_not_entered: Vec<String>,
    /// Nothing to read for it over the period: no survey estimate, no mystery criterion that
    /// applied to a test, no entered figure.
    pub gap: bool,
}

/// A survey question that measures an engagement, with its headline indicators.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SurveyEvidence {
    /// The question's code (`courtesy`).
    pub code: String,
    /// The question as visitors read it, in the language asked (its code when the scope's
    /// questions do not hold it).
    pub text: String,
    /// Its kind's code (`likert4`).
    #[schema(value_type = String)]
    pub kind: &'static str,
    /// Answers to it, as in the summary.
    pub n: i64,
    /// Its headline indicators, as the summary computed them, in the order of its kind.
    pub headline: Vec<Headline>,
}

/// One named indicator of a question (`top2`), exactly as in its [`QuestionSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Headline {
    /// Its name (`score10`, `very_good_rate`, `top2`, `yes_rate`, `mean`, `nps`).
    #[schema(value_type = String)]
    pub name: &'static str,
    /// The indicator.
    pub indicator: Indicator,
}

/// What one campaign found about an engagement.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MysteryEvidence {
    /// The campaign's code.
    pub campaign: String,
    /// The engagement's conformity in that campaign, as its results computed it.
    pub engagement: Option<EngagementRate>,
    /// The conformity of each of its criteria that points at the engagement, in grid order.
    pub criteria: Vec<CriterionRate>,
}

/// A figure entered from another system, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FigureValue {
    /// Its kind's code (`call_pickup_rate`).
    pub kind: String,
    /// `percent` (0 to 100), `count` or `days`.
    #[schema(value_type = String)]
    pub unit: &'static str,
    /// Its month (`2026-03`) or quarter (`2026-T1`).
    pub period: String,
    /// The service it belongs to; `None` for the whole organisation.
    pub service: Option<String>,
    /// The value entered.
    pub value: f64,
}

/// The headline indicators of a question kind, in display order; `None` for a kind without
/// fixed headline (every indicator its summary carries is then taken).
fn headline_names(kind: QuestionKind) -> Option<&'static [&'static str]> {
    match kind {
        QuestionKind::Jdma3 => Some(&["score10", "very_good_rate"]),
        QuestionKind::Likert4 => Some(&["top2"]),
        QuestionKind::YesPartlyNo => Some(&["yes_rate"]),
        QuestionKind::Scale5 => Some(&["mean"]),
        QuestionKind::Scale0To10 => Some(&["nps"]),
        QuestionKind::SingleChoice | QuestionKind::FreeText => None,
    }
}

fn headline(summary: &QuestionSummary) -> Vec<Headline> {
    let pick = |name: &'static str, indicator: &Indicator| Headline {
        name,
        indicator: indicator.clone(),
    };
    match QuestionKind::parse(summary.kind).and_then(headline_names) {
        Some(names) => names
            .iter()
            .filter_map(|name| summary.indicators.get(*name).map(|i| pick(name, i)))
            .collect(),
        None => summary
            .indicators
            .iter()
            .map(|(name, i)| pick(name, i))
            .collect(),
    }
}

fn unit(kind: FigureKind) -> &'static str {
    if kind.is_percent() {
        "percent"
    } else if kind.is_count() {
        "count"
    } else {
        "days"
    }
}

/// The side-by-side lines of `referential` (see the module's choices): `questions` and `survey`
/// are the scope's questions and their summaries (`ScopeSummary::questions` and `::summaries`
/// of [`crate::scope::summarise_scope`]), `mystery` the results of the latest campaign of each
/// grid ([`crate::mystery::campaign_results`]), `figures` the organisation's figure rows
/// (`db::figures::figures`), of which those inside `period` are kept; texts in `lang`.
pub fn side_by_side(
    referential: &Referential,
    questions: &[Question],
    survey: &[QuestionSummary],
    mystery: &[&CampaignResults],
    figures: &[FigureRow],
    period: Period,
    lang: Lang,
) -> Vec<EngagementEvidence> {
    let mut inside: Vec<(chrono::NaiveDate, &FigureRow)> = figures
        .iter()
        .filter_map(|row| {
            let (start, end) = parse_period(&row.period)?;
            (start >= period.from && end <= period.to).then_some((start, row))
        })
        .collect();
    inside.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.service.cmp(&y.service)));
    referential
        .engagements
        .iter()
        .filter(|e| e.module == "M1" || e.module == "M2")
        .map(|e| {
            let measures = e.measures_or_seeded();
            let mut survey_lines = Vec::new();
            let mut questions_not_asked = Vec::new();
            for code in &measures.questions {
                match survey.iter().find(|s| s.code == code.as_str()) {
                    Some(s) => survey_lines.push(SurveyEvidence {
                        code: s.code.clone(),
                        text: questions
                            .iter()
                            .find(|q| &q.code == code)
                            .map_or_else(|| s.code.clone(), |q| q.text.get(lang).to_owned()),
                        kind: s.kind,
                        n: s.n,
                        headline: headline(s),
                    }),
                    None => questions_not_asked.push(code.as_str().to_owned()),
                }
            }
            let mystery_lines: Vec<MysteryEvidence> = mystery
                .iter()
                .filter_map(|c| {
                    let criteria: Vec<CriterionRate> = c
                        .criteria
                        .iter()
                        .filter(|r| r.engagement.as_deref() == Some(e.id.as_str()))
                        .cloned()
                        .collect();
                    let engagement = c.engagements.iter().find(|r| r.id == e.id).cloned();
                    (engagement.is_some() || !criteria.is_empty()).then(|| MysteryEvidence {
                        campaign: c.campaign.clone(),
                        engagement,
                        criteria,
                    })
                })
                .collect();
            let mut figure_lines = Vec::new();
            let mut figures_not_entered = Vec::new();
            for kind in &measures.figures {
                let rows: Vec<FigureValue> = inside
                    .iter()
                    .filter(|(_, row)| row.kind.code() == kind)
                    .map(|(_, row)| FigureValue {
                        kind: kind.clone(),
                        unit: unit(row.kind),
                        period: row.period.clone(),
                        service: row.service.clone(),
                        value: row.value,
                    })
                    .collect();
                if rows.is_empty() {
                    figures_not_entered.push(kind.clone());
                }
                figure_lines.extend(rows);
            }
            let read_in_survey = survey_lines
                .iter()
                .flat_map(|s| &s.headline)
                .any(|h| h.indicator.estimate.is_some());
            let read_in_tests = mystery_lines.iter().any(|m| {
                m.engagement.as_ref().is_some_and(|r| r.tests > 0)
                    || m.criteria.iter().any(|c| c.n > 0)
            });
            EngagementEvidence {
                id: e.id.clone(),
                module: e.module.clone(),
                channel: e.channel.clone(),
                title: e.title.get(lang).to_owned(),
                threshold: e.threshold.get(lang).to_owned(),
                gap: !read_in_survey && !read_in_tests && figure_lines.is_empty(),
                survey: survey_lines,
                questions_not_asked,
                mystery: mystery_lines,
                figures: figure_lines,
                figures_not_entered,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mystery::{Settings as MysterySettings, campaign_results};
    use crate::survey::{Settings, question_summary};
    use chrono::NaiveDate;
    use db::mystery::results::{CampaignTests, ScoredTest};
    use db::summary::QuestionCounts;
    use domain::defaults::default_questionnaire;
    use domain::mystery::{
        Engagement, GridDefinition, Measures, Slot, TestStatus, default_call_grid,
        default_referential, default_visit_grid, parse_draft, score,
    };
    use stats::{Fragility, ProportionMethod};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// The first quarter of 2026.
    fn quarter() -> Period {
        Period {
            from: day(2026, 1, 1),
            to: day(2026, 3, 31),
        }
    }

    fn summary(code: &str, kind: QuestionKind, pairs: &[(&str, i64)]) -> QuestionSummary {
        let counts = QuestionCounts {
            code: code.into(),
            counts: pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect(),
        };
        let settings = Settings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            fragility: Fragility::default(),
            source: db::summary::Source::All,
        };
        question_summary(code, kind, &counts, None, &settings)
    }

    /// The default questionnaire's summaries; `courtesy` on 3 answers only (suppressed).
    fn summaries() -> Vec<QuestionSummary> {
        vec![
            summary(
                "overall",
                QuestionKind::Jdma3,
                &[("very_good", 60), ("average", 30), ("bad", 10)],
            ),
            summary("courtesy", QuestionKind::Likert4, &[("4", 2), ("3", 1)]),
            summary(
                "wait",
                QuestionKind::SingleChoice,
                &[("lt10", 40), ("10to20", 30), ("20to30", 20), ("gt30", 10)],
            ),
            summary(
                "resolved",
                QuestionKind::YesPartlyNo,
                &[("yes", 70), ("partly", 20), ("no", 10)],
            ),
            summary(
                "effort",
                QuestionKind::Scale5,
                &[("1", 30), ("2", 30), ("3", 20), ("4", 10), ("5", 10)],
            ),
        ]
    }

    /// A campaign of `n` validated tests of `grid`, each with the same answers.
    fn campaign(code: &str, grid: GridDefinition, n: i32, pairs: &[(&str, &str)]) -> CampaignTests {
        let fields: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let answers = parse_draft(&grid, &fields).answers;
        let tests = (0..n)
            .map(|id| ScoredTest {
                id,
                status: TestStatus::Validated,
                target: "standard".into(),
                service: None,
                slot: Slot::Morning,
                weekday: Some(2),
                shopper: "testeur@example.gouv.fr".into(),
                shopper_id: 7,
                performed_at: None,
                reached: String::new(),
                export: Vec::new(),
                score: score(&grid, &answers),
            })
            .collect();
        CampaignTests {
            code: code.into(),
            title: code.into(),
            grid: code.into(),
            definition: grid,
            from: day(2026, 1, 1),
            to: day(2026, 3, 31),
            tests,
        }
    }

    fn mystery_settings() -> MysterySettings {
        MysterySettings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            fragile_below: 10,
        }
    }

    /// Twelve calls picked up within 3 rings, the digital help point mentioned.
    fn calls() -> CampaignResults {
        let tests = campaign(
            "appels-t1",
            default_call_grid(),
            12,
            &[("C01", "yes"), ("C02", "3"), ("C14", "yes")],
        );
        campaign_results(&tests, None, mystery_settings())
    }

    /// Four visits, mediator present and equipment working; V06 (oriented to the right service
    /// or to the digital help point) points at `M1-PAN-03` in this grid.
    fn visits() -> CampaignResults {
        let mut grid = default_visit_grid();
        for c in &mut grid.criteria {
            if c.code.as_str() == "V06" {
                c.engagement = Some("M1-PAN-03".into());
            }
        }
        let tests = campaign(
            "visites-t1",
            grid,
            4,
            &[("V06", "yes"), ("V14", "yes"), ("V15", "no")],
        );
        campaign_results(&tests, None, mystery_settings())
    }

    fn row(kind: FigureKind, period: &str, service: Option<&str>, value: f64) -> FigureRow {
        FigureRow {
            kind,
            service: service.map(str::to_owned),
            period: period.into(),
            value,
            entered_by: "account:referente@demo.example".into(),
            source: None,
        }
    }

    fn figure_rows() -> Vec<FigureRow> {
        vec![
            // Latest period first, as `db::figures::figures` lists them.
            row(FigureKind::CallPickupRate, "2026-04", None, 90.0),
            row(FigureKind::CallPickupRate, "2026-03", None, 95.5),
            row(FigureKind::CallPickupRate, "2026-T1", None, 96.0),
            row(FigureKind::Complaints, "2026-02", None, 4.0),
            row(FigureKind::DelayIdCards, "2026-T1", None, 21.0),
            row(FigureKind::DelayDrivingLicences, "2026-T1", None, 18.5),
            row(FigureKind::CallPickupRate, "2025-12", None, 88.0),
            row(FigureKind::Footfall, "2026-01", Some("accueil"), 1200.0),
        ]
    }

    fn lines(lang: Lang) -> Vec<EngagementEvidence> {
        let (calls, visits) = (calls(), visits());
        side_by_side(
            &default_referential(),
            &default_questionnaire().questions,
            &summaries(),
            &[&calls, &visits],
            &figure_rows(),
            quarter(),
            lang,
        )
    }

    fn line<'a>(lines: &'a [EngagementEvidence], id: &str) -> &'a EngagementEvidence {
        lines
            .iter()
            .find(|l| l.id == id)
            .unwrap_or_else(|| panic!("no line {id}"))
    }

    #[test]
    fn every_engagement_of_modules_1_and_2_has_its_line_in_the_referentials_order() {
        let mut referential = default_referential();
        referential.engagements.insert(
            3,
            Engagement {
                id: "M3-PRE-01".into(),
                module: "M3".into(),
                channel: "web".into(),
                title: domain::Translated::fr_en("Autre module", "Another module"),
                threshold: domain::Translated::default(),
                measures: None,
            },
        );
        let got = side_by_side(&referential, &[], &[], &[], &[], quarter(), Lang::Fr);
        let ids: Vec<&str> = got.iter().map(|l| l.id.as_str()).collect();
        let expected: Vec<String> = default_referential()
            .engagements
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(ids, expected, "M3 left out, the order kept");
        assert!(
            got.iter().all(|l| l.gap),
            "no evidence given: every line is a gap"
        );
        let english = lines(Lang::En);
        let tel = line(&english, "M1-TEL-01");
        assert_eq!(
            (
                tel.title.as_str(),
                tel.module.as_str(),
                tel.channel.as_str()
            ),
            ("Pick up calls promptly", "M1", "phone")
        );
        assert_eq!(
            tel.threshold,
            "Picked up within 5 rings; under 10% of calls lost"
        );
        assert_eq!(
            line(&english, "M1-ACC-05").survey[0].text,
            "Did you get the answer, or complete the procedure, you came for?"
        );
    }

    #[test]
    fn survey_figures_are_the_summaries_own_and_suppressed_ones_stay_suppressed() {
        let summaries = summaries();
        let got = lines(Lang::Fr);
        let of = |code: &str| summaries.iter().find(|s| s.code == code).expect("summary");
        let overall = &line(&got, "M1-ECO-01").survey[0];
        let names: Vec<&str> = overall.headline.iter().map(|h| h.name).collect();
        assert_eq!(names, ["score10", "very_good_rate"]);
        for h in &overall.headline {
            assert_eq!(h.indicator, of("overall").indicators[h.name], "{}", h.name);
        }
        assert_eq!((overall.kind, overall.n), ("jdma3", 100));
        let resolved = &line(&got, "M1-ACC-05").survey[0];
        assert_eq!(resolved.headline[0].name, "yes_rate");
        assert_eq!(
            resolved.headline[0].indicator,
            of("resolved").indicators["yes_rate"]
        );
        let effort = &line(&got, "M1-PAN-02").survey[0];
        assert_eq!(effort.headline.len(), 1);
        assert_eq!(
            effort.headline[0].indicator,
            of("effort").indicators["mean"]
        );

        // Courtesy rests on 3 answers: suppressed, not read, so its line is a gap.
        let courtesy = line(&got, "M1-ACC-02");
        let top2 = &courtesy.survey[0].headline;
        assert_eq!(top2.len(), 1, "top-2 only, not the mean");
        assert!(top2[0].indicator.suppressed && top2[0].indicator.estimate.is_none());
        assert!(
            courtesy.gap,
            "nothing to read on M1-ACC-02 (V03-V05 were not answered)"
        );
        // The waiting time, a single choice, is read by its share waited under 20 minutes.
        let wait = &line(&got, "M1-ACC-03").survey[0];
        assert_eq!((wait.code.as_str(), wait.n), ("wait", 100));
        let names: Vec<&str> = wait.headline.iter().map(|h| h.name).collect();
        assert_eq!(names, ["within_20_min"]);
        assert_eq!(
            wait.headline[0].indicator,
            of("wait").indicators["within_20_min"]
        );
        let within = wait.headline[0].indicator.estimate.expect("70 of 100");
        assert!((within - 0.70).abs() < 1e-9, "{within}");
    }

    #[test]
    fn the_mystery_evidence_is_each_campaigns_own_for_its_criteria() {
        let (calls, visits) = (calls(), visits());
        let got = lines(Lang::Fr);
        let tel = line(&got, "M1-TEL-01");
        assert_eq!(
            tel.mystery.len(),
            1,
            "the visits evidence no telephone engagement"
        );
        let evidence = &tel.mystery[0];
        assert_eq!(evidence.campaign, "appels-t1");
        let codes: Vec<&str> = evidence.criteria.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["C01", "C02", "C04"]);
        for c in &evidence.criteria {
            let own = calls
                .criteria
                .iter()
                .find(|r| r.code == c.code)
                .expect("criterion");
            assert_eq!(c, own);
        }
        let own = calls
            .engagements
            .iter()
            .find(|r| r.id == "M1-TEL-01")
            .cloned();
        assert_eq!(evidence.engagement, own);
        assert!(!tel.gap);

        // M1-PAN-03: C14 of the calls and, in this visit grid, V06.
        let pan = line(&got, "M1-PAN-03");
        let campaigns: Vec<&str> = pan.mystery.iter().map(|m| m.campaign.as_str()).collect();
        assert_eq!(campaigns, ["appels-t1", "visites-t1"]);
        assert_eq!(pan.mystery[1].criteria[0].code, "V06");
        assert_eq!(
            pan.mystery[1].engagement,
            visits
                .engagements
                .iter()
                .find(|r| r.id == "M1-PAN-03")
                .cloned()
        );
        let v15 = &line(&got, "M1-PAN-01").mystery[0].criteria[1];
        assert_eq!((v15.code.as_str(), v15.passed, v15.n), ("V15", 0, 4));
    }

    #[test]
    fn figures_inside_the_period_are_shown_as_entered_and_missing_ones_named() {
        let got = lines(Lang::Fr);
        let tel = line(&got, "M1-TEL-01");
        let periods: Vec<(&str, f64)> = tel
            .figures
            .iter()
            .map(|f| (f.period.as_str(), f.value))
            .collect();
        // The quarter and its March, not April nor December; nothing summed.
        assert_eq!(periods, [("2026-T1", 96.0), ("2026-03", 95.5)]);
        assert!(
            tel.figures
                .iter()
                .all(|f| f.unit == "percent" && f.service.is_none())
        );
        let delays = &line(&got, "M2-CNI-02").figures;
        // The ID cards' delay, not the driving licences'.
        let read: Vec<(&str, f64)> = delays.iter().map(|f| (f.kind.as_str(), f.value)).collect();
        assert_eq!(read, [("delay_id_cards", 21.0)]);
        assert_eq!(delays[0].unit, "days");
        let complaints = line(&got, "M1-ECO-02");
        assert_eq!(complaints.figures[0].unit, "count");
        assert!(!complaints.gap);
        let mails = line(&got, "M1-COU-01");
        assert!(mails.figures.is_empty() && mails.gap);
        assert_eq!(mails.figures_not_entered, ["emails_within_5_days"]);
        // Footfall measures no engagement in the seeded mapping.
        assert!(
            got.iter()
                .all(|l| l.figures.iter().all(|f| f.kind != "footfall"))
        );
    }

    #[test]
    fn gaps_and_questions_the_scope_does_not_ask_are_said() {
        let mut referential = default_referential();
        for e in &mut referential.engagements {
            if e.id == "M1-ACC-05" {
                // Emptied by the referent: measured by nothing now.
                e.measures = Some(Measures::default());
            }
        }
        // A scope whose questionnaire asks only the overall question.
        let overall: Vec<QuestionSummary> = summaries().into_iter().take(1).collect();
        let got = side_by_side(
            &referential,
            &default_questionnaire().questions[..1],
            &overall,
            &[],
            &[],
            quarter(),
            Lang::Fr,
        );
        let effort = line(&got, "M1-PAN-02");
        assert!(effort.survey.is_empty() && effort.gap);
        assert_eq!(effort.questions_not_asked, ["effort"]);
        let resolved = line(&got, "M1-ACC-05");
        assert!(resolved.survey.is_empty() && resolved.questions_not_asked.is_empty());
        assert!(resolved.gap);
        let web = line(&got, "M1-WEB-01");
        assert!(web.gap && web.survey.is_empty() && web.mystery.is_empty());
        assert!(!line(&got, "M1-ECO-01").gap, "the overall score is read");
        let read: Vec<&str> = got
            .iter()
            .filter(|l| !l.gap)
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(read, ["M1-ECO-01"]);
    }
}
