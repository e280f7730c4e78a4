//! Candidates to calendar values: years filled in, relative expressions counted, in text
//! order so that each expression can lean on the ones before it.
//!
//! Year inference follows RECORD.md: the document's own date first (the year that puts
//! the date on or before it), else the year of the date before it in the text (rolling into
//! the next year when the text moves from November-December to January-February, and back
//! a year when it moves the other way), else the latest year the document names. A relative expression with nothing to count from stays
//! null: never guessed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::grammar::{Base, Candidate, Offset, Partial, Shape};
use super::lexicon::{Part, Season, Unit};
use super::{Tagged, TemporalKind};

/// What earlier parts of the text and the document itself tell about the calendar.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The document's own date.
    pub anchor: Option<NaiveDate>,
    /// The latest year the document names anywhere.
    pub latest_year: Option<i32>,
    /// The last day-precise date met so far.
    pub previous: Option<NaiveDate>,
    /// Where the document's own date is written, if it is in the text.
    pub document_date_at: Option<usize>,
}

/// How far before a time of day a date may stand and still give it its day.
const TIME_REACH: usize = 40;

pub fn resolve(text: &str, cands: &[Candidate], ctx: &mut Context) -> Vec<Tagged> {
    let mut out: Vec<Tagged> = Vec::new();
    for c in cands {
        crate::work::step(1);
        if c.is_nondate() {
            continue;
        }
        let mut tagged = Tagged {
            text: text[c.start..c.end].to_string(),
            offset: c.start,
            kind: TemporalKind::Date,
            start: None,
            end: None,
            time: None,
            duration_hours: None,
            day_precision: false,
        };
        match &c.shape {
            Shape::Days { start, end, time } => {
                let (s, e) = days(*start, *end, ctx);
                tagged.kind = match (s, e, time) {
                    _ if end.is_some() => TemporalKind::Period,
                    (_, _, Some(_)) => TemporalKind::Datetime,
                    _ => TemporalKind::Date,
                };
                tagged.start = s;
                tagged.end = e.or(s);
                tagged.time = time.map(|(h, m)| format!("{h:02}:{m:02}"));
                tagged.day_precision = s.is_some();
                if let Some(last) = e.or(s).filter(|_| ctx.document_date_at != Some(c.start)) {
                    ctx.previous = Some(last);
                }
            }
            Shape::Months { start, end, part } => {
                let (s, e) = months(*start, *end, *part, ctx);
                tagged.kind = if end.is_some() {
                    TemporalKind::Period
                } else {
                    TemporalKind::Month
                };
                (tagged.start, tagged.end) = (s, e);
            }
            Shape::Years { start, end } => {
                tagged.kind = if start == end {
                    TemporalKind::Year
                } else {
                    TemporalKind::Period
                };
                tagged.start = NaiveDate::from_ymd_opt(*start, 1, 1);
                tagged.end = NaiveDate::from_ymd_opt(*end, 12, 31);
            }
            Shape::Week { week, year } => {
                tagged.kind = TemporalKind::Period;
                let year = year.or_else(|| {
                    // The week's Thursday decides its year; place it like a date.
                    let probe = NaiveDate::from_isoywd_opt(2021, *week, Weekday::Thu)?;
                    infer_year(probe.month(), probe.day(), ctx)
                });
                if let Some(monday) =
                    year.and_then(|y| NaiveDate::from_isoywd_opt(y, *week, Weekday::Mon))
                {
                    tagged.start = Some(monday);
                    tagged.end = Some(monday + Duration::days(6));
                }
            }
            Shape::Season { season, year } => {
                tagged.kind = TemporalKind::Period;
                let year = year.or_else(|| season_year(*season, ctx));
                if let Some(y) = year {
                    (tagged.start, tagged.end) = season_range(*season, y);
                }
            }
            Shape::Time(h, m) => {
                tagged.kind = TemporalKind::Datetime;
                tagged.time = Some(format!("{h:02}:{m:02}"));
                // The day of a time of day is the date written just before it (a form's
                // Datum field above its Klockslag field).
                // `out` is in text order: the first from the back ending before the
                // time is the one, unless tags overlap it (then a few more).
                let day = out
                    .iter()
                    .rev()
                    .inspect(|_| crate::work::step(1))
                    .find(|t| t.end_offset() <= c.start)
                    .filter(|t| c.start - t.end_offset() <= TIME_REACH)
                    .filter(|t| {
                        matches!(t.kind, TemporalKind::Date | TemporalKind::Datetime)
                            && t.start.is_some()
                    })
                    .and_then(|t| t.start);
                (tagged.start, tagged.end) = (day, day);
                tagged.day_precision = day.is_some();
            }
            Shape::Relative { base, offset } => {
                tagged.kind = TemporalKind::Relative;
                let from = match base {
                    Base::Previous => ctx.previous,
                    Base::Anchor => ctx.anchor,
                };
                if let (Some(from), Some(offset)) = (from, offset) {
                    let (s, e) = relative(from, *offset);
                    (tagged.start, tagged.end) = (s, e);
                    tagged.day_precision = s.is_some() && s == e;
                    if s.is_some() && s == e {
                        ctx.previous = s;
                    }
                }
            }
            Shape::Duration(hours) => {
                tagged.kind = TemporalKind::Duration;
                tagged.duration_hours = *hours;
            }
            Shape::NonDate => unreachable!("skipped above"),
        }
        out.push(tagged);
    }
    out
}

/// The year of a year-less month and day.
fn infer_year(month: u32, day: u32, ctx: &Context) -> Option<i32> {
    if let Some(anchor) = ctx.anchor {
        let y = anchor.year();
        return Some(if (month, day) <= (anchor.month(), anchor.day()) {
            y
        } else {
            y - 1
        });
    }
    if let Some(prev) = ctx.previous {
        // The year of the date before it, rolling over the turn of the year when the
        // text moves from the end of one year to the start of the next (or back).
        let y = prev.year();
        return Some(match (prev.month(), month) {
            (11..=12, 1..=2) => y + 1,
            (1..=2, 11..=12) => y - 1,
            _ => y,
        });
    }
    ctx.latest_year
}

fn complete(p: Partial, ctx: &Context) -> Option<NaiveDate> {
    let (month, day) = match (p.month, p.day) {
        (Some(m), Some(d)) => (m, d),
        // A bare "den 5:e" takes its month from the date before it.
        (None, Some(d)) => {
            let prev = ctx.previous?;
            return NaiveDate::from_ymd_opt(p.year.unwrap_or(prev.year()), prev.month(), d);
        }
        _ => return None,
    };
    let year = p.year.or_else(|| infer_year(month, day, ctx))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn days(
    start: Partial,
    end: Option<Partial>,
    ctx: &Context,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some(end) = end else {
        let d = complete(start, ctx);
        return (d, d);
    };
    let e = complete(end, ctx);
    let mut start = start;
    if start.year.is_none()
        && let (Some(e), Some(m), Some(d)) = (e, start.month, start.day)
    {
        // The start borrows the end's year, or the year before when it lies later in it.
        start.year = Some(if (m, d) > (e.month(), e.day()) {
            e.year() - 1
        } else {
            e.year()
        });
    }
    (complete(start, ctx), e)
}

fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next - Duration::days(1)))
}

fn months(
    start: Partial,
    end: Option<Partial>,
    part: Option<Part>,
    ctx: &Context,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let year_of = |p: Partial| p.year.or_else(|| infer_year(p.month?, 1, ctx));
    let (sy, ey) = match end {
        Some(end) => {
            let ey = year_of(end);
            let sy = start.year.or_else(|| {
                let ey = ey?;
                Some(if start.month? > end.month? {
                    ey - 1
                } else {
                    ey
                })
            });
            (sy, ey)
        }
        None => {
            let y = year_of(start);
            (y, y)
        }
    };
    let first = sy.zip(start.month).and_then(|(y, m)| month_range(y, m));
    let last_month = end.and_then(|e| e.month).or(start.month);
    let last = ey.zip(last_month).and_then(|(y, m)| month_range(y, m));
    let (Some((from, _)), Some((_, to))) = (first, last) else {
        return (None, None);
    };
    match part {
        Some(Part::Early) => (Some(from), from.with_day(10)),
        Some(Part::Mid) => (from.with_day(11), from.with_day(20)),
        Some(Part::Late) => (from.with_day(21), Some(to)),
        None => (Some(from), Some(to)),
    }
}

fn season_year(season: Season, ctx: &Context) -> Option<i32> {
    let (first, _) = season.months();
    infer_year(first, 1, ctx)
}

fn season_range(season: Season, year: i32) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if season == Season::Winter {
        // "vintern 2021": December 2020 to February 2021.
        return (
            NaiveDate::from_ymd_opt(year - 1, 12, 1),
            month_range(year, 2).map(|(_, e)| e),
        );
    }
    let (a, b) = season.months();
    (
        month_range(year, a).map(|(s, _)| s),
        month_range(year, b).map(|(_, e)| e),
    )
}

fn shift_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let total = date.year() as i64 * 12 + date.month0() as i64 + months;
    NaiveDate::from_ymd_opt(
        total.div_euclid(12) as i32,
        total.rem_euclid(12) as u32 + 1,
        1,
    )
}

fn relative(from: NaiveDate, offset: Offset) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let one = |d: Option<NaiveDate>| (d, d);
    match offset {
        Offset::Days(n) => one(from.checked_add_signed(Duration::days(n))),
        Offset::Week(n) => {
            let monday = from.week(Weekday::Mon).first_day() + Duration::weeks(n);
            (Some(monday), Some(monday + Duration::days(6)))
        }
        Offset::Month(n) => {
            match shift_months(from, n).and_then(|d| month_range(d.year(), d.month())) {
                Some((s, e)) => (Some(s), Some(e)),
                None => (None, None),
            }
        }
        Offset::Year(n) => {
            let y = from.year() + n as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            )
        }
        Offset::LastWeekday(wd) => {
            let today = from.weekday().num_days_from_monday();
            let back = (today + 7 - wd - 1) % 7 + 1;
            one(Some(from - Duration::days(back as i64)))
        }
        Offset::Count(n, unit) => {
            let whole = n.round() as i64;
            one(match unit {
                Unit::Day => from.checked_add_signed(Duration::days(whole)),
                Unit::Week => from.checked_add_signed(Duration::weeks(whole)),
                Unit::Month => shift_months(from, whole)
                    .and_then(|first| first.with_day(from.day().min(28)))
                    .map(|d| {
                        // Keep the day of month where the target month has it.
                        NaiveDate::from_ymd_opt(d.year(), d.month(), from.day()).unwrap_or(d)
                    }),
                Unit::Year => {
                    NaiveDate::from_ymd_opt(from.year() + whole as i32, from.month(), from.day())
                }
                _ => None,
            })
        }
    }
}
