//! The dashboard's words for the indicators' figures: each kind of figure as a chart's mark,
//! a change as a shift, and the names of entered figures and channels.

use app::components::charts::model::{Figure, Mark, Shift, Unit};
use db::figures::{FigureKind, FigureRow};
use domain::Lang;
use indicators::Period;
use indicators::survey::{Indicator, QuestionSummary};

/// A figure from an estimate, its bounds, n and fragility: hidden when there is no estimate or
/// nothing it rests on.
pub(crate) fn shown(
    estimate: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    n: u64,
    fragile: bool,
) -> Figure {
    match estimate {
        Some(value) if n > 0 => Figure::Shown(Mark {
            value,
            lower: lower.unwrap_or(value),
            upper: upper.unwrap_or(value),
            n,
            fragile,
        }),
        _ => Figure::Hidden(0),
    }
}

/// A survey indicator as a chart's figure: hidden, with its n, when suppressed.
pub(crate) fn survey_figure(i: &Indicator) -> Figure {
    let n = u64::try_from(i.n).unwrap_or(0);
    if i.suppressed {
        return Figure::Hidden(n);
    }
    match shown(i.estimate, i.lower, i.upper, n, i.fragile) {
        Figure::Hidden(_) => Figure::Hidden(n),
        f => f,
    }
}

/// A mystery rate (a criterion's, the share at the standard) as a figure.
pub(crate) fn rate_figure(r: &indicators::mystery::Rate) -> Figure {
    shown(r.estimate, r.lower, r.upper, r.n, r.fragile)
}

/// A criterion's conformity as a figure.
pub(crate) fn criterion_figure(c: &indicators::mystery::CriterionRate) -> Figure {
    shown(c.estimate, c.lower, c.upper, c.n, c.fragile)
}

/// A mean score of tests as a figure.
pub(crate) fn score_figure(s: &indicators::mystery::ScoreFigure) -> Figure {
    shown(s.estimate, s.lower, s.upper, s.n, s.fragile)
}

/// An engagement's conformity as a figure (n: the tests).
pub(crate) fn engagement_figure(e: &indicators::mystery::EngagementRate) -> Figure {
    shown(e.estimate, e.lower, e.upper, e.tests, e.fragile)
}

/// A change as the charts draw it.
pub(crate) fn shift(c: Option<indicators::Change>) -> Option<Shift> {
    c.map(|c| Shift {
        estimate: c.estimate,
        lower: c.lower,
        upper: c.upper,
    })
}

/// The indicator `name` of question `code`.
pub(crate) fn indicator<'a>(
    summaries: &'a [QuestionSummary],
    code: &str,
    name: &str,
) -> Option<&'a Indicator> {
    summaries
        .iter()
        .find(|s| s.code == code)
        .and_then(|s| s.indicators.get(name))
}

/// The unit a survey indicator is read in.
pub(crate) fn indicator_unit(name: &str) -> Unit {
    match name {
        "score10" => Unit::Score10,
        "mean" => Unit::Mean(5),
        _ => Unit::Share,
    }
}

/// The figure of `kind` entered over `period`, in its unit's scale (a rate entered in % as a
/// share), from the one function that sums or averages entries.
pub(crate) fn entered_value(rows: &[FigureRow], kind: FigureKind, period: Period) -> Option<f64> {
    indicators::figures::entered(rows, kind, period)
        .map(|v| if kind.is_percent() { v / 100.0 } else { v })
}

/// The unit an entered figure is read in (rates are entered in %, read as shares).
pub(crate) fn entered_unit(kind: FigureKind) -> Unit {
    if kind.is_percent() {
        Unit::Share
    } else if kind.is_days() {
        Unit::Days
    } else {
        Unit::Count
    }
}

/// The name of an entered figure's kind.
pub(crate) fn figure_name(kind: &str, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match FigureKind::parse(kind) {
        Some(FigureKind::Footfall) => {
            if fr {
                "Visiteurs reçus"
            } else {
                "Visitors received"
            }
        }
        Some(FigureKind::CallPickupRate) => {
            if fr {
                "Appels décrochés (standard)"
            } else {
                "Calls picked up (switchboard)"
            }
        }
        Some(FigureKind::EmailsWithin5Days) => {
            if fr {
                "Courriels répondus sous 5 jours"
            } else {
                "E-mails answered within 5 days"
            }
        }
        Some(FigureKind::Complaints) => {
            if fr {
                "Réclamations reçues"
            } else {
                "Complaints received"
            }
        }
        Some(FigureKind::ComplaintsAnswered) => {
            if fr {
                "Réclamations répondues"
            } else {
                "Complaints answered"
            }
        }
        Some(FigureKind::DelayIdCards) => {
            if fr {
                "Délai des cartes d'identité et passeports"
            } else {
                "Delay of ID cards and passports"
            }
        }
        Some(FigureKind::DelayDrivingLicences) => {
            if fr {
                "Délai des permis de conduire"
            } else {
                "Delay of driving licences"
            }
        }
        Some(FigureKind::DelayVehicleRegistrations) => {
            if fr {
                "Délai des certificats d'immatriculation"
            } else {
                "Delay of vehicle registrations"
            }
        }
        None => kind,
    }
    .to_owned()
}
