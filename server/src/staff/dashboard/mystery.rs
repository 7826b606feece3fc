//! The dashboard's mystery section: the latest campaign of each grid that overlaps the period,
//! its tiles (mean score, share at the standard, calls picked up) and its charts (conformity per
//! criterion and per engagement, the score by slot and weekday against the standard).

use super::figures::{criterion_figure, engagement_figure, rate_figure, score_figure, shift};
use crate::mystery::shared::{period, slot_name, weekday_name};
use crate::staff::results::Ready;
use crate::state::AppState;
use app::components::charts::model::{Mark, Unit};
use app::components::charts::rows::{Row, RowsChart};
use app::components::charts::tile::{Tile, TileValue};
use app::components::charts::words::Noun;
use app::components::format::decimal;
use app::pages::results::dashboard::MysteryBlock;
use domain::Lang;
use domain::mystery::Referential;
use indicators::mystery::CampaignResults;
use std::collections::BTreeMap;

/// The latest campaign of each grid that overlaps the period (its results are the whole
/// campaign's: its block says its dates), with its results.
pub(super) async fn mystery(
    state: &AppState,
    org: i32,
    ready: &Ready,
    referential: &Referential,
    lang: Lang,
) -> db::DbResult<(Vec<MysteryBlock>, Vec<CampaignResults>)> {
    let db = &state.db;
    let settings = indicators::mystery::Settings {
        method: ready.settings.method,
        level: ready.settings.level,
        fragile_below: state.config.fragility.min_mystery_tests,
    };
    let mut latest: BTreeMap<String, db::mystery::campaigns::CampaignRow> = BTreeMap::new();
    for c in db::mystery::campaigns::list(db, org).await? {
        if c.from > ready.current.to || c.to < ready.current.from || c.progress.validated == 0 {
            continue;
        }
        let later = latest.get(&c.grid).is_none_or(|l| c.to > l.to);
        if later {
            latest.insert(c.grid.clone(), c);
        }
    }
    let channels: BTreeMap<String, String> = db::mystery::grids::list(db, org)
        .await?
        .into_iter()
        .map(|g| (g.code, g.channel))
        .collect();
    let mut blocks = Vec::new();
    let mut all = Vec::new();
    for c in latest.into_values() {
        let Some(tests) = db::mystery::results::campaign_tests(db, org, &c.code, true).await?
        else {
            continue;
        };
        let previous = match db::mystery::results::previous_campaign(db, org, &c.code).await? {
            Some(p) => db::mystery::results::campaign_tests(db, org, &p, true).await?,
            None => None,
        };
        let r = indicators::mystery::campaign_results(&tests, previous.as_ref(), settings);
        let title = format!("{}, {}", tests.title, period(tests.from, tests.to, lang));
        let mut block = mystery_block(&r, &title, referential, lang);
        block.channel = channels.get(&c.grid).cloned().unwrap_or_default();
        blocks.push(block);
        all.push(r);
    }
    Ok((blocks, all))
}

/// A campaign's block of the mystery section.
fn mystery_block(
    r: &CampaignResults,
    title: &str,
    referential: &Referential,
    lang: Lang,
) -> MysteryBlock {
    let fr = lang == Lang::Fr;
    let t = |a: &str, b: &str| if fr { a.to_owned() } else { b.to_owned() };
    let previous = r.previous.clone().map(|p| {
        if fr {
            format!("évolution par rapport à la campagne {p}")
        } else {
            format!("change from campaign {p}")
        }
    });
    let mut tiles = vec![
        Tile {
            name: t("Note moyenne des tests", "Mean test score"),
            value: TileValue::Measured {
                figure: score_figure(&r.score),
                shift: shift(r.score.change),
            },
            unit: Unit::Score10,
            noun: Noun::Tests,
            note: previous.clone(),
            lower_is_better: false,
        },
        Tile {
            name: t(
                &format!(
                    "Tests au standard ({} sur 10 ou plus)",
                    decimal(r.standard, 0, lang)
                ),
                &format!("Tests at the standard ({} out of 10 or more)", r.standard),
            ),
            value: TileValue::Measured {
                figure: rate_figure(&r.meets_standard),
                shift: shift(r.meets_standard.change),
            },
            unit: Unit::Share,
            noun: Noun::Tests,
            note: previous.clone(),
            lower_is_better: false,
        },
    ];
    if let Some(c01) = r.criteria.iter().find(|c| c.code == "C01") {
        tiles.push(Tile {
            name: t(
                "Appels décrochés (tests mystères)",
                "Calls picked up (mystery tests)",
            ),
            value: TileValue::Measured {
                figure: criterion_figure(c01),
                shift: shift(c01.change),
            },
            unit: Unit::Share,
            noun: Noun::Tests,
            note: Some(format!("C01 — {}", c01.label)),
            lower_is_better: false,
        });
    }
    let level = r.level;
    let chart = |id: String,
                 caption: String,
                 rows: Vec<Row>,
                 unit: Unit,
                 reference: Option<(Mark, String)>,
                 target: Option<(f64, String)>| RowsChart {
        id,
        caption,
        rows,
        unit,
        noun: Noun::Tests,
        reference,
        target,
        level,
        hidden_below: 0,
        lang,
    };
    let slug = r.campaign.to_lowercase();
    let mut charts = vec![chart(
        format!("criteres-{slug}"),
        t("Conformité par critère", "Conformity per criterion"),
        r.criteria
            .iter()
            .map(|c| Row {
                label: format!("{} {}", c.code, c.label),
                figure: criterion_figure(c),
            })
            .collect(),
        Unit::Share,
        None,
        None,
    )];
    charts.push(chart(
        format!("engagements-{slug}"),
        t(
            "Conformité par engagement du référentiel",
            "Conformity per engagement of the referential",
        ),
        r.engagements
            .iter()
            .map(|e| Row {
                label: referential
                    .engagement(&e.id)
                    .map_or(e.id.clone(), |g| format!("{} {}", e.id, g.title.get(lang))),
                figure: engagement_figure(e),
            })
            .collect(),
        Unit::Share,
        None,
        None,
    ));
    let whole = score_figure(&r.score);
    let target = Some((
        r.standard,
        if fr {
            format!("standard : {} sur 10", decimal(r.standard, 0, lang))
        } else {
            format!("standard: {} out of 10", r.standard)
        },
    ));
    let mut slots = r.by_slot.clone();
    slots.sort_by_key(|g| indicators::mystery::slot_order(&g.key));
    for (id, caption, groups, label) in [
        (
            format!("creneaux-{slug}"),
            t("Note des tests par créneau", "Test score by time slot"),
            slots,
            slot_name as fn(&str, Lang) -> String,
        ),
        (
            format!("jours-{slug}"),
            t(
                "Note des tests par jour de la semaine",
                "Test score by weekday",
            ),
            r.by_weekday.clone(),
            weekday_name,
        ),
    ] {
        if groups.len() < 2 {
            continue;
        }
        charts.push(chart(
            id,
            caption,
            groups
                .iter()
                .map(|g| Row {
                    label: label(&g.key, lang),
                    figure: score_figure(&g.score),
                })
                .collect(),
            Unit::Score10,
            whole
                .mark()
                .map(|m| (*m, t("Toute la campagne", "The whole campaign"))),
            target.clone(),
        ));
    }
    MysteryBlock {
        channel: String::new(),
        title: format!(
            "{title} ({} {})",
            r.tests,
            if fr {
                "tests validés"
            } else {
                "validated tests"
            }
        ),
        tiles,
        charts,
    }
}
