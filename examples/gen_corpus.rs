//! # Generating a benchmark corpus
//!
//! `cargo run --release --example gen_corpus -- N DIR [--seed S] [--html-share F] [--pdf-share F]`
//!
//! Writes N realistic Swedish personal-data incident documents for `bench/run.sh`, by
//! recombining and varying the seed documents in `corpus/`. The same N and seed always
//! give the same bytes.
//!
//! We will:
//! - split each seed text into paragraphs and pick one seed as the skeleton of a document,
//!   so its type (news article, lex Sarah form, IMY notification, FAQ page) survives;
//! - cut or extend it to a length drawn from a skewed distribution (most short, a few long),
//!   extending with paragraphs written from templates;
//! - swap the organisation, supplier, authority and people for others, move every date by
//!   one offset so the timeline stays coherent, and vary the counts of affected people;
//! - write most documents as plain text, a share as HTML pages with site navigation around
//!   the article, and a share as PDF (lopdf, Helvetica with WinAnsiEncoding so å, ä and ö
//!   survive);
//! - write the plain text of every document to `DIR/texts.jsonl` (`{"path","title","body"}`)
//!   so the peers (bare tantivy, SQLite FTS5) index exactly the same texts without loading.
//!
//! The documents go to `DIR/docs/NNNN/NNNNNNN.{txt,html,pdf}`, a thousand per folder.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, Duration, NaiveDate};
use lopdf::content::{Content, Operation};
use lopdf::{Object, Stream, StringFormat, dictionary};
use rayon::prelude::*;
use regex::{Captures, Regex};

/// Documents generated in parallel before their texts are appended to `texts.jsonl`;
/// bounds memory at any N.
const CHUNK: usize = 10_000;

struct Options {
    n: usize,
    dir: PathBuf,
    seed: u64,
    html_share: f64,
    pdf_share: f64,
}

fn parse_args() -> Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut opts = Options {
        n: 0,
        dir: PathBuf::new(),
        seed: 1,
        html_share: 0.25,
        pdf_share: 0.15,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--seed" => opts.seed = value("--seed")?.parse()?,
            "--html-share" => opts.html_share = value("--html-share")?.parse()?,
            "--pdf-share" => opts.pdf_share = value("--pdf-share")?.parse()?,
            _ if arg.starts_with("--") => bail!("unknown flag {arg}"),
            _ => positional.push(arg),
        }
    }
    let [n, dir] = positional.as_slice() else {
        bail!("usage: gen_corpus N DIR [--seed S] [--html-share F] [--pdf-share F]");
    };
    opts.n = n.replace('_', "").parse().context("N must be a number")?;
    opts.dir = PathBuf::from(dir);
    Ok(opts)
}

fn main() -> Result<()> {
    let opts = parse_args()?;
    let started = Instant::now();
    let seeds = Seeds::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))?;
    let vary = Varier::new();
    fs::create_dir_all(opts.dir.join("docs"))?;
    let mut texts = BufWriter::new(fs::File::create(opts.dir.join("texts.jsonl"))?);
    let (mut files, mut text_bytes) = (0u64, 0u64);
    for start in (0..opts.n).step_by(CHUNK) {
        let end = (start + CHUNK).min(opts.n);
        let done: Vec<(Generated, u64)> = (start..end)
            .into_par_iter()
            .map(|i| {
                let g = generate(i, &opts, &seeds, &vary);
                let size = write_document(&opts.dir, i, &g)?;
                Ok((g, size))
            })
            .collect::<Result<_>>()?;
        for (g, size) in done {
            serde_json::to_writer(
                &mut texts,
                &serde_json::json!({ "path": g.rel_path, "title": g.title, "body": g.body }),
            )?;
            texts.write_all(b"\n")?;
            files += size;
            text_bytes += g.body.len() as u64;
        }
    }
    texts.flush()?;
    eprintln!(
        "gen_corpus: {} documents, {:.1} MB of text, {:.1} MB of files in {:.1} s",
        opts.n,
        text_bytes as f64 / 1e6,
        files as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Seeds: the corpus texts as paragraphs.

struct Seed {
    paragraphs: Vec<String>,
    /// The year yearless dates ("den 20 december") in this seed belong to.
    base_year: i32,
}

struct Seeds(Vec<Seed>);

impl Seeds {
    fn read(dir: &Path) -> Result<Seeds> {
        let mut paths: Vec<_> = fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        let year = Regex::new(r"\b(20[0-2]\d)\b")?;
        let mut seeds = Vec::new();
        for path in paths {
            let text = fs::read_to_string(&path)?;
            let paragraphs: Vec<String> = text
                .split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            let base_year = year
                .captures(&text)
                .and_then(|c| c[1].parse().ok())
                .unwrap_or(2018);
            seeds.push(Seed {
                paragraphs,
                base_year,
            });
        }
        if seeds.is_empty() {
            bail!("no seed texts in {}", dir.display());
        }
        Ok(Seeds(seeds))
    }
}

// ---------------------------------------------------------------------------------------
// What a document is about: drawn once per document, used by every substitution.

/// (name, genitive, city or region as a place name)
const ORGANISATIONS: &[(&str, &str, &str)] = &[
    ("Uppsala kommun", "Uppsala kommuns", "Uppsala"),
    ("Malmö stad", "Malmö stads", "Malmö"),
    ("Göteborgs Stad", "Göteborgs Stads", "Göteborg"),
    ("Stockholms stad", "Stockholms stads", "Stockholm"),
    ("Linköpings kommun", "Linköpings kommuns", "Linköping"),
    ("Örebro kommun", "Örebro kommuns", "Örebro"),
    ("Västerås stad", "Västerås stads", "Västerås"),
    ("Helsingborgs stad", "Helsingborgs stads", "Helsingborg"),
    ("Norrköpings kommun", "Norrköpings kommuns", "Norrköping"),
    ("Jönköpings kommun", "Jönköpings kommuns", "Jönköping"),
    ("Umeå kommun", "Umeå kommuns", "Umeå"),
    ("Lunds kommun", "Lunds kommuns", "Lund"),
    ("Gävle kommun", "Gävle kommuns", "Gävle"),
    ("Sundsvalls kommun", "Sundsvalls kommuns", "Sundsvall"),
    ("Luleå kommun", "Luleå kommuns", "Luleå"),
    ("Östersunds kommun", "Östersunds kommuns", "Östersund"),
    ("Kiruna kommun", "Kiruna kommuns", "Kiruna"),
    ("Sibbo kommun", "Sibbo kommuns", "Sibbo"),
    ("Region Skåne", "Region Skånes", "Skåne"),
    ("Region Stockholm", "Region Stockholms", "Stockholm"),
    (
        "Västra Götalandsregionen",
        "Västra Götalandsregionens",
        "Västra Götaland",
    ),
    (
        "Region Östergötland",
        "Region Östergötlands",
        "Östergötland",
    ),
    ("Region Uppsala", "Region Uppsalas", "Uppsala"),
    (
        "Region Jämtland Härjedalen",
        "Region Jämtland Härjedalens",
        "Jämtland",
    ),
    ("Region Norrbotten", "Region Norrbottens", "Norrbotten"),
    ("Region Halland", "Region Hallands", "Halland"),
    ("Region Dalarna", "Region Dalarnas", "Dalarna"),
    ("Region Gotland", "Region Gotlands", "Gotland"),
];

/// Districts for "<district>s stadsdelsförvaltning" and "<district>s SDF".
const DISTRICTS: &[&str] = &[
    "Skärholmen",
    "Rinkeby-Kista",
    "Hässelby-Vällingby",
    "Spånga-Tensta",
    "Farsta",
    "Enskede-Årsta-Vantör",
    "Södermalm",
    "Kungsholmen",
    "Östermalm",
    "Bromma",
    "Älvsjö",
    "Hägersten-Liljeholmen",
    "Norrmalm",
    "Skarpnäck",
];

/// Internal units that play the part of a city's service office.
const UNITS: &[&str] = &[
    "Intraservice",
    "Stadsledningskontoret",
    "Serviceförvaltningen",
    "IT-avdelningen",
    "Socialförvaltningen",
    "Utbildningsförvaltningen",
    "Kommunstyrelsens förvaltning",
    "Hälso- och sjukvårdsförvaltningen",
];

/// (short name, genitive, legal name)
const SUPPLIERS: &[(&str, &str, &str)] = &[
    ("Tieto", "Tietos", "Tieto Sweden AB"),
    ("Telia", "Telias", "Telia Company AB"),
    ("Benify", "Benifys", "Benify AB"),
    ("Tietoevry", "Tietoevrys", "Tietoevry Sweden AB"),
    ("Atea", "Ateas", "Atea Sverige AB"),
    ("CGI", "CGI:s", "CGI Sverige AB"),
    ("Visma", "Vismas", "Visma Enterprise AB"),
    ("Tele2", "Tele2:s", "Tele2 Sverige AB"),
    ("Advania", "Advanias", "Advania Sverige AB"),
    ("Sogeti", "Sogetis", "Sogeti Sverige AB"),
    ("Evry", "Evrys", "Evry Sweden AB"),
    ("Cambio", "Cambios", "Cambio Healthcare Systems AB"),
    ("Addici", "Addicis", "Addici Software AB"),
    ("Netcompany", "Netcompanys", "Netcompany Sweden AB"),
    ("Infor", "Infors", "Infor Sweden AB"),
    ("Unit4", "Unit4:s", "Unit4 Business Software AB"),
    ("Dedu", "Dedus", "Dedu Sweden AB"),
    ("Pulsen", "Pulsens", "Pulsen Omsorg AB"),
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "Maria", "Karin", "Eva", "Lena", "Kerstin", "Sara", "Emma", "Ingrid", "Johanna",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Peter", "Magnus", "Jonas",
    "Fatima", "Ali", "Aino", "Mohammed", "Elin", "Linnea", "Gustav", "Oskar", "Åsa", "Örjan",
];

const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindberg",
    "Lindström",
    "Åberg",
    "Öberg",
    "Ekström",
    "Hassan",
    "Virtanen",
    "Berglund",
    "Sjöberg",
];

const ROLES: &[&str] = &[
    "dataskyddsombud",
    "it-direktör",
    "kommunikationschef",
    "säkerhetschef",
    "förvaltningschef",
    "informationssäkerhetssamordnare",
    "socialdirektör",
    "stadsdelsdirektör",
];

/// (group in plural, typical magnitude)
const GROUPS: &[(&str, u32)] = &[
    ("klienter", 2_000),
    ("administratörer", 20),
    ("patienter", 5_000),
    ("elever", 800),
    ("vårdnadshavare", 1_200),
    ("medarbetare", 300),
    ("brukare", 150),
    ("anställda", 4_000),
    ("invånare", 10_000),
    ("sökande", 60),
];

const DATA_KINDS: &[&str] = &[
    "namn och personnummer",
    "adresser och telefonnummer",
    "uppgifter om hälsa",
    "uppgifter om ekonomiskt bistånd",
    "löneuppgifter",
    "skyddade personuppgifter",
    "journaluppgifter",
    "e-postadresser",
    "uppgifter om placering i skola",
    "bankkontonummer",
];

const CAUSES: &[&str] = &[
    "ett felskickat e-postmeddelande",
    "en brist i behörighetsstyrningen",
    "ett nätfiskeangrepp mot en anställds konto",
    "en ransomware-attack mot leverantörens driftmiljö",
    "en felaktig uppdatering av verksamhetssystemet",
    "en stulen bärbar dator",
    "en felkonfigurerad molntjänst",
    "ett programfel i en integration",
    "brev som skickats till fel mottagare",
    "en öppen nätverksenhet",
];

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Paragraphs that lengthen a document; `{...}` are filled from its cast.
const TEMPLATES: &[&str] = &[
    "Incidenten upptäcktes den {date1} när en medarbetare på {unit} märkte att {data} för omkring {n} {group} kunde ses av obehöriga. Orsaken var {cause}.",
    "{supplier} informerade {org_gen} dataskyddsombud den {date2}, vilket är {days} dagar efter att felet upptäcktes hos leverantören. Enligt avtalet skulle personuppgiftsansvarig ha underrättats utan onödigt dröjsmål.",
    "Anmälan till {authority} gjordes den {date3}. Eftersom anmälan kom in senare än 72 timmar efter att incidenten blev känd bifogades en förklaring till förseningen.",
    "– Vi ser mycket allvarligt på det som hänt och har gått igenom våra rutiner tillsammans med {supplier}, säger {person}, {role} i {place}.",
    "De berörda {group} har informerats per brev. Den som har frågor kan kontakta {org_gen} kundcenter eller dataskyddsombudet.",
    "Av utredningen framgår att personuppgiftsbiträdet {supplier_legal} inte följde de instruktioner som reglerades i personuppgiftsbiträdesavtalet.",
    "{org} har vidtagit åtgärder: behörigheterna har setts över, loggar har granskats och leverantören har fått i uppdrag att rätta felet i systemet.",
    "Händelsen har också rapporterats enligt lex Sarah eftersom den rörde {group} inom socialtjänsten. Utredningen leds av {person}.",
    "Enligt dataskyddsförordningen ska en personuppgiftsincident anmälas till tillsynsmyndigheten inom 72 timmar. I det här fallet dröjde det {days} dagar innan {authority} fick kännedom om incidenten.",
    "Felet pågick mellan den {date0} och den {date1}. Under den perioden kunde omkring {n} {group} ha drabbats, men det är oklart hur många uppgifter som faktiskt röjdes.",
    "{supplier} uppger att felet berodde på {cause} och att det nu är åtgärdat. Leverantören har även gjort en egen utredning som lämnats till {org}.",
    "Nämnden beslutade den {date3} att ge förvaltningen i uppdrag att följa upp åtgärderna och återrapportera till nämnden.",
];

const HEADLINES: &[&str] = &[
    "{org} anmäler personuppgiftsincident hos {supplier}",
    "Känsliga uppgifter om {group} röjdes i {place}",
    "{supplier} dröjde {days} dagar med att informera {org}",
    "Personuppgiftsincident: {data} spreds av misstag",
    "{authority} granskar incident i {place}",
    "Fel hos leverantör gjorde {data} synliga",
];

/// Drawn per document.
struct Cast {
    org: usize,
    district: usize,
    unit: usize,
    supplier: usize,
    people: Vec<(usize, usize)>,
    role: usize,
    group: usize,
    data: usize,
    cause: usize,
    /// Days every date moves by.
    shift: i64,
    base_year: i32,
    n: u32,
    days: u32,
}

impl Cast {
    fn person(&self, i: usize) -> String {
        let (f, l) = self.people[i % self.people.len()];
        format!("{} {}", FIRST_NAMES[f], LAST_NAMES[l])
    }

    fn surname(&self, i: usize) -> &'static str {
        LAST_NAMES[self.people[i % self.people.len()].1]
    }

    /// The authority's name for the year the incident now falls in (IMY since 2021).
    fn authority(&self) -> &'static str {
        if self.base_year + (self.shift / 365) as i32 >= 2021 {
            "Integritetsskyddsmyndigheten"
        } else {
            "Datainspektionen"
        }
    }

    fn date(&self, offset_days: i64) -> String {
        let base = NaiveDate::from_ymd_opt(self.base_year, 3, 1).unwrap();
        swedish_date(base + Duration::days(self.shift + offset_days))
    }

    fn fill(&self, template: &str) -> String {
        let (name, genitive, place) = ORGANISATIONS[self.org];
        let (sup, _, sup_legal) = SUPPLIERS[self.supplier];
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("template braces balance");
            let value = match &rest[open + 1..close] {
                "org" => name.to_string(),
                "org_gen" => genitive.to_string(),
                "place" => place.to_string(),
                "unit" => UNITS[self.unit].to_string(),
                "supplier" => sup.to_string(),
                "supplier_legal" => sup_legal.to_string(),
                "authority" => self.authority().to_string(),
                "person" => self.person(0),
                "role" => ROLES[self.role].to_string(),
                "group" => GROUPS[self.group].0.to_string(),
                "data" => DATA_KINDS[self.data].to_string(),
                "cause" => CAUSES[self.cause].to_string(),
                "n" => thousands(self.n),
                "days" => self.days.to_string(),
                "date0" => self.date(-20),
                "date1" => self.date(0),
                "date2" => self.date(self.days as i64),
                "date3" => self.date(self.days as i64 + 2),
                other => panic!("unknown template slot {other}"),
            };
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

fn swedish_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// `2000` as `2 000`, the Swedish way.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Substitution: the seeds' names, dates and counts replaced by the cast's.

struct Varier {
    names: Regex,
    iso_date: Regex,
    day_month: Regex,
    count: Regex,
}

impl Varier {
    fn new() -> Varier {
        // Longest first, so "Stockholms stad" wins over "Stockholm".
        let names = [
            "Telia Company AB",
            "Stockholms stad",
            "Stockholm stad",
            "Göteborgs Stad",
            "Göteborgs stad",
            "Sibbo kommun",
            "Skärholmens stadsdelsförvaltning",
            "Skärholmens SDF",
            "Christer Forsberg",
            "Carin Nyh",
            "Leena Kokko",
            "Susanne Leinsköld",
            "Silja Viitala",
            "Datainspektionen",
            "Integritetsskyddsmyndigheten",
            "Intraservice",
            "Stadsledningskontoret",
            "Skärholmen",
            "Stockholm",
            "Göteborg",
            "Sibbo",
            "Telias",
            "Telia",
            "Tieto",
            "Benify",
            "Forsberg",
            "Kokko",
        ];
        let names = format!(r"\b(?:{})\b", names.join("|"));
        let months = MONTHS.join("|");
        Varier {
            names: Regex::new(&names).unwrap(),
            iso_date: Regex::new(r"\b(20[0-2]\d)-([01]\d)-([0-3]\d)\b").unwrap(),
            day_month: Regex::new(&format!(
                r"\b([0-3]?\d)(:[ae])? ({months})(?: (20[0-2]\d))?\b"
            ))
            .unwrap(),
            count: Regex::new(&format!(
                r"\b(\d{{1,3}}(?:[ \u{{a0}}\u{{202f}}]\d{{3}})*)[ \u{{a0}}]({})\b",
                GROUPS.iter().map(|g| g.0).collect::<Vec<_>>().join("|")
            ))
            .unwrap(),
        }
    }

    fn vary(&self, text: &str, cast: &Cast) -> String {
        let (org, _, place) = ORGANISATIONS[cast.org];
        let (sup, sup_gen, sup_legal) = SUPPLIERS[cast.supplier];
        let district = DISTRICTS[cast.district];
        let text = self.names.replace_all(text, |c: &Captures| match &c[0] {
            "Telia Company AB" => sup_legal.to_string(),
            "Stockholms stad" | "Stockholm stad" | "Göteborgs Stad" | "Göteborgs stad"
            | "Sibbo kommun" => org.to_string(),
            "Skärholmens stadsdelsförvaltning" => format!("{district}s stadsdelsförvaltning"),
            "Skärholmens SDF" => format!("{district}s SDF"),
            "Skärholmen" => district.to_string(),
            "Stockholm" | "Göteborg" | "Sibbo" => place.to_string(),
            "Intraservice" | "Stadsledningskontoret" => UNITS[cast.unit].to_string(),
            "Datainspektionen" | "Integritetsskyddsmyndigheten" => cast.authority().to_string(),
            "Telias" => sup_gen.to_string(),
            "Telia" | "Tieto" | "Benify" => sup.to_string(),
            "Christer Forsberg" | "Leena Kokko" => cast.person(0),
            "Carin Nyh" => cast.person(1),
            "Susanne Leinsköld" => cast.person(2),
            "Silja Viitala" => cast.person(3),
            "Forsberg" | "Kokko" => cast.surname(0).to_string(),
            _ => unreachable!("every name in the pattern has an arm"),
        });
        let shift = Duration::days(cast.shift);
        let text = self.iso_date.replace_all(&text, |c: &Captures| {
            let date = NaiveDate::from_ymd_opt(
                c[1].parse().unwrap(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
            );
            match date {
                Some(d) => (d + shift).format("%Y-%m-%d").to_string(),
                None => c[0].to_string(),
            }
        });
        let text = self.day_month.replace_all(&text, |c: &Captures| {
            let month = MONTHS.iter().position(|m| *m == &c[3]).unwrap() as u32 + 1;
            let year = c
                .get(4)
                .map_or(cast.base_year, |y| y.as_str().parse().unwrap());
            let Some(date) = NaiveDate::from_ymd_opt(year, month, c[1].parse().unwrap()) else {
                return c[0].to_string();
            };
            let d = date + shift;
            let ordinal = match c.get(2) {
                None => "",
                Some(_) if matches!(d.day(), 1 | 2 | 21 | 22 | 31) => ":a",
                Some(_) => ":e",
            };
            let month = MONTHS[d.month0() as usize];
            match c.get(4) {
                Some(_) => format!("{}{ordinal} {month} {}", d.day(), d.year()),
                None => format!("{}{ordinal} {month}", d.day()),
            }
        });
        let text = self.count.replace_all(&text, |c: &Captures| {
            format!("{} {}", thousands(cast.n), &c[2])
        });
        text.into_owned()
    }
}

// ---------------------------------------------------------------------------------------
// One document.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Pdf,
}

struct Generated {
    kind: Kind,
    rel_path: String,
    title: String,
    body: String,
}

fn generate(i: usize, opts: &Options, seeds: &Seeds, vary: &Varier) -> Generated {
    // One generator per document, seeded from (seed, i): parallel and still deterministic.
    let mut rng = fastrand::Rng::with_seed(
        opts.seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(i as u64),
    );
    let seed = &seeds.0[rng.usize(..seeds.0.len())];
    let group = rng.usize(..GROUPS.len());
    let magnitude = GROUPS[group].1 as f64;
    let cast = Cast {
        org: rng.usize(..ORGANISATIONS.len()),
        district: rng.usize(..DISTRICTS.len()),
        unit: rng.usize(..UNITS.len()),
        supplier: rng.usize(..SUPPLIERS.len()),
        people: (0..4)
            .map(|_| {
                (
                    rng.usize(..FIRST_NAMES.len()),
                    rng.usize(..LAST_NAMES.len()),
                )
            })
            .collect(),
        role: rng.usize(..ROLES.len()),
        group,
        data: rng.usize(..DATA_KINDS.len()),
        cause: rng.usize(..CAUSES.len()),
        shift: rng.i64(-3 * 365..5 * 365),
        base_year: seed.base_year,
        n: ((magnitude * (0.05 + 3.0 * rng.f64())) as u32).max(2),
        days: rng.u32(1..40),
    };
    // Lengths skewed like a real archive: mostly short notices, a tail of long reports.
    let target = (450.0 * (2.0f64).powf(rng.f64() * 4.5)) as usize;

    let title = cast.fill(HEADLINES[rng.usize(..HEADLINES.len())]);
    let mut body = String::with_capacity(target + 1024);
    let mut paragraphs = seed.paragraphs.iter();
    // The head of the seed carries its document type; keep it in order, and drop a few
    // later paragraphs so documents from one seed differ in more than their names.
    for (n, p) in paragraphs.by_ref().enumerate() {
        if body.len() >= target && body.len() > 300 {
            break;
        }
        if n >= 3 && rng.u8(..5) == 0 {
            continue;
        }
        body.push_str(&vary.vary(p, &cast));
        body.push_str("\n\n");
    }
    while body.len() < target {
        body.push_str(&cast.fill(TEMPLATES[rng.usize(..TEMPLATES.len())]));
        body.push_str("\n\n");
    }
    let body = body.trim_end().to_string() + "\n";

    let roll = rng.f64();
    let kind = if roll < opts.pdf_share {
        Kind::Pdf
    } else if roll < opts.pdf_share + opts.html_share {
        Kind::Html
    } else {
        Kind::Text
    };
    let ext = match kind {
        Kind::Text => "txt",
        Kind::Html => "html",
        Kind::Pdf => "pdf",
    };
    // A share of texts starts with their headline, as news articles and notices do.
    let body = if kind == Kind::Text && rng.bool() {
        format!("{title}\n\n{body}")
    } else {
        body
    };
    Generated {
        kind,
        rel_path: format!("docs/{:04}/{i:07}.{ext}", i / 1000),
        title,
        body,
    }
}

fn write_document(dir: &Path, i: usize, g: &Generated) -> Result<u64> {
    let path = dir.join(&g.rel_path);
    fs::create_dir_all(path.parent().expect("documents live in a folder"))?;
    let bytes = match g.kind {
        Kind::Text => g.body.clone().into_bytes(),
        Kind::Html => html_page(i, &g.title, &g.body).into_bytes(),
        Kind::Pdf => pdf_document(&g.title, &g.body)?,
    };
    fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(bytes.len() as u64)
}

// ---------------------------------------------------------------------------------------
// HTML: the article inside a site's furniture (menus, breadcrumbs, cookie banner, footer),
// which the loader has to strip.

fn html_page(i: usize, title: &str, body: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::with_capacity(body.len() * 2 + 4096);
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>{t} | Nyheter</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<a class="skip" href="#main">Hoppa till huvudinnehåll</a>
<div class="cookie-banner">Vi använder kakor för att förbättra webbplatsen. <a href="/kakor">Läs mer om kakor</a> <button>Godkänn alla</button> <button>Endast nödvändiga</button></div>
<header class="site-header">
<nav aria-label="Huvudmeny"><ul>
<li><a href="/">Start</a></li><li><a href="/omsorg">Omsorg och stöd</a></li><li><a href="/skola">Förskola och skola</a></li>
<li><a href="/bygga">Bygga och bo</a></li><li><a href="/kommun">Kommun och politik</a></li><li><a href="/kontakt">Kontakta oss</a></li>
</ul></nav>
<form class="search" action="/sok"><input type="search" name="q" placeholder="Sök på webbplatsen"><button>Sök</button></form>
</header>
<nav class="breadcrumbs" aria-label="Brödsmulor"><a href="/">Start</a> › <a href="/nyheter">Nyheter</a> › <span>{t}</span></nav>
<main id="main">
<article>
<h1>{t}</h1>
<p class="meta">Publicerad {d} · Uppdaterad {d}</p>
"##,
        t = escape(title),
        d = format!("{}-{:02}-{:02}", 2018 + i % 7, 1 + i % 12, 1 + i % 28),
    );
    for p in body.split("\n\n") {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        // Short lines without a full stop read as subheadings.
        if p.len() < 60 && !p.ends_with('.') && !p.contains('\n') {
            let _ = writeln!(out, "<h2>{}</h2>", escape(p));
        } else {
            let _ = writeln!(out, "<p>{}</p>", escape(p).replace('\n', "<br>\n"));
        }
    }
    out.push_str(
        r#"</article>
<aside class="related"><h2>Relaterade nyheter</h2><ul>
<li><a href="/nyheter/1">Nya öppettider för kundcenter under sommaren</a></li>
<li><a href="/nyheter/2">Så hanterar vi dina personuppgifter</a></li>
<li><a href="/nyheter/3">Lediga jobb inom vård och omsorg</a></li>
</ul></aside>
</main>
<footer class="site-footer">
<p>Kundcenter: 0771-00 00 00 · <a href="mailto:kundcenter@example.se">kundcenter@example.se</a></p>
<ul><li><a href="/tillganglighet">Tillgänglighetsredogörelse</a></li><li><a href="/personuppgifter">Behandling av personuppgifter</a></li><li><a href="/press">Press</a></li></ul>
<p>© Kommunen. Org.nr 212000-0000</p>
</footer>
</body>
</html>
"#,
    );
    out
}

// ---------------------------------------------------------------------------------------
// PDF: A4 pages of Helvetica 10 pt, WinAnsiEncoding, compressed content streams, as office
// software writes them.

const LINE_CHARS: usize = 92;
const LINES_PER_PAGE: usize = 62;

fn pdf_document(title: &str, body: &str) -> Result<Vec<u8>> {
    let mut lines: Vec<String> = vec![title.to_string(), String::new()];
    for p in body.split("\n\n") {
        for line in p.lines() {
            wrap(&line.replace('\t', "    "), LINE_CHARS, &mut lines);
        }
        lines.push(String::new());
    }

    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for page in lines.chunks(LINES_PER_PAGE) {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![12.into()]),
            Operation::new("Td", vec![50.into(), 790.into()]),
        ];
        for line in page {
            if !line.is_empty() {
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(win_ansi(line), StringFormat::Literal)],
                ));
            }
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode()?));
        kids.push(
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
            })
            .into(),
        );
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    Ok(bytes)
}

/// Greedy word wrap at `width` characters.
fn wrap(line: &str, width: usize, out: &mut Vec<String>) {
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
}

/// Text in WinAnsiEncoding (Windows-1252); characters it lacks become `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    let mut encoder = encoding_rs::WINDOWS_1252.new_encoder();
    let mut out = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let mut byte = [0u8; 4];
        let (result, _, written) =
            encoder.encode_from_utf8_without_replacement(c.encode_utf8(&mut buf), &mut byte, false);
        match result {
            encoding_rs::EncoderResult::InputEmpty => out.extend_from_slice(&byte[..written]),
            _ => out.push(b'?'),
        }
    }
    out
}
