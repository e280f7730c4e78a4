//! The tagger's corpus: Swedish snippets (none taken from the seed documents) with every
//! expression the tagger must find, as `(span, kind, value)`; a snippet listing nothing
//! must yield nothing. Values as [`Tagged::value`] writes them. Grouped by form, with the
//! variants of each.

use super::*;
use crate::rules::Rules;

type Want = &'static [(&'static str, &'static str, &'static str)];

/// `(text, document date or "", expected tags)`.
const CASES: &[(&str, &str, Want)] = &[
    // --- ISO dates, alone and with times
    (
        "Felet upptäcktes 2020-06-03.",
        "",
        &[("2020-06-03", "date", "2020-06-03")],
    ),
    (
        "Anmälan inkom 2022-01-31 till IMY",
        "",
        &[("2022-01-31", "date", "2022-01-31")],
    ),
    ("(2018-12-24)", "", &[("2018-12-24", "date", "2018-12-24")]),
    (
        "Loggen visar 2021-04-16 kl. 12:13 som första inloggning",
        "",
        &[("2021-04-16 kl. 12:13", "datetime", "2021-04-16T12:13")],
    ),
    (
        "larmet 2019-11-02 kl 07.45",
        "",
        &[("2019-11-02 kl 07.45", "datetime", "2019-11-02T07:45")],
    ),
    (
        "tidsstämpel 2023-02-28T23:59:10",
        "",
        &[("2023-02-28T23:59", "datetime", "2023-02-28T23:59")],
    ),
    (
        "2020-05-06 14:30 skickades mejlet",
        "",
        &[("2020-05-06 14:30", "datetime", "2020-05-06T14:30")],
    ),
    (
        "Sidan stängdes klockan 09.00 samma morgon.",
        "",
        &[
            ("klockan 09.00", "datetime", "T09:00"),
            ("samma morgon", "relative", "null"),
        ],
    ),
    (
        "Den 5 maj 2020 klockan 16.20 ringde kunden",
        "",
        &[("5 maj 2020 klockan 16.20", "datetime", "2020-05-05T16:20")],
    ),
    (
        "Datum\n\n2022-10-03\n\nKlockslag\n\n08:30\n",
        "",
        &[
            ("2022-10-03", "date", "2022-10-03"),
            ("08:30", "datetime", "2022-10-03T08:30"),
        ],
    ),
    (
        "Klockslag\n\n13:05\n",
        "",
        &[("13:05", "datetime", "T13:05")],
    ),
    ("ingen sådan dag 2021-02-30 finns", "", &[]),
    ("kl. 25:00 är inget klockslag", "", &[]),
    // --- day and month names
    (
        "Incidenten inträffade den 18 mars 2019.",
        "",
        &[("18 mars 2019", "date", "2019-03-18")],
    ),
    (
        "den 8:e mars 2021 kom ett samtal",
        "",
        &[("8:e mars 2021", "date", "2021-03-08")],
    ),
    (
        "Den 22:a februari 2020 uppdaterades servern",
        "",
        &[("22:a februari 2020", "date", "2020-02-22")],
    ),
    (
        "den 1:a april 2022",
        "",
        &[("1:a april 2022", "date", "2022-04-01")],
    ),
    (
        "den 2:a juni 2022",
        "",
        &[("2:a juni 2022", "date", "2022-06-02")],
    ),
    (
        "den 3:e juli 2022",
        "",
        &[("3:e juli 2022", "date", "2022-07-03")],
    ),
    (
        "måndagen den 4 januari 2021 öppnades ärendet",
        "",
        &[("måndagen den 4 januari 2021", "date", "2021-01-04")],
    ),
    (
        "Fredag 12 november 2021 hölls ett möte",
        "",
        &[("Fredag 12 november 2021", "date", "2021-11-12")],
    ),
    (
        "onsdagen den 7:e oktober 2020",
        "",
        &[("onsdagen den 7:e oktober 2020", "date", "2020-10-07")],
    ),
    (
        "Den 18 mar. 2019 gick brevet ut",
        "",
        &[("18 mar. 2019", "date", "2019-03-18")],
    ),
    (
        "beslut 3 sept 2020",
        "",
        &[("3 sept 2020", "date", "2020-09-03")],
    ),
    (
        "den 14 okt. 2021",
        "",
        &[("14 okt. 2021", "date", "2021-10-14")],
    ),
    ("9 Feb 2022", "", &[("9 Feb 2022", "date", "2022-02-09")]),
    (
        "DEN 30 NOVEMBER 2019",
        "",
        &[("30 NOVEMBER 2019", "date", "2019-11-30")],
    ),
    (
        "Rapporten skrevs den 2 december 2019.",
        "",
        &[("2 december 2019", "date", "2019-12-02")],
    ),
    // An impossible day is no date; the month and year still are.
    (
        "den 31 april 2021 finns inte",
        "",
        &[("april 2021", "month", "2021-04-01..2021-04-30")],
    ),
    (
        "den 29 februari 2020 var skottdag",
        "",
        &[("29 februari 2020", "date", "2020-02-29")],
    ),
    (
        "den 29 februari 2021",
        "",
        &[("februari 2021", "month", "2021-02-01..2021-02-28")],
    ),
    // --- year-less day and month, placed by the document's date
    (
        "Vi fick veta det den 20 december.",
        "2019-01-23",
        &[("20 december", "date", "2018-12-20")],
    ),
    (
        "Vi fick veta det den 20 januari.",
        "2019-01-23",
        &[("20 januari", "date", "2019-01-20")],
    ),
    (
        "den 23 januari",
        "2019-01-23",
        &[("23 januari", "date", "2019-01-23")],
    ),
    (
        "Den 4 juni larmade en anställd",
        "2021-09-01",
        &[("4 juni", "date", "2021-06-04")],
    ),
    // ... by the date before it in the text
    (
        "Den 3 mars 2020 kom larmet. Den 9 mars stängdes tjänsten.",
        "",
        &[
            ("3 mars 2020", "date", "2020-03-03"),
            ("9 mars", "date", "2020-03-09"),
        ],
    ),
    (
        "Det hände 28 december 2020 och upptäcktes den 4 januari.",
        "",
        &[
            ("28 december 2020", "date", "2020-12-28"),
            ("4 januari", "date", "2021-01-04"),
        ],
    ),
    (
        "Den 12 januari 2021 visade det sig att felet funnits sedan den 20 december.",
        "",
        &[
            ("12 januari 2021", "date", "2021-01-12"),
            ("20 december", "date", "2020-12-20"),
        ],
    ),
    (
        "Den 2 februari 2021 kom rapporten, den 3 februari mötet.",
        "",
        &[
            ("2 februari 2021", "date", "2021-02-02"),
            ("3 februari", "date", "2021-02-03"),
        ],
    ),
    (
        "Den 14 juni 2021 ringde hon, och den 16:e skrev hon.",
        "",
        &[
            ("14 juni 2021", "date", "2021-06-14"),
            ("16:e", "date", "2021-06-16"),
        ],
    ),
    // ... by the latest year named
    (
        "Årsrapport 2017. Den 9 maj stängdes portalen.",
        "",
        &[("9 maj", "date", "2017-05-09")],
    ),
    (
        "Den 9 maj stängdes portalen.",
        "",
        &[("9 maj", "date", "null")],
    ),
    // --- the document's own date found in the text
    (
        "Publicerad 23 jan 2019\n\nDen 20 december fick staden veta.",
        "",
        &[
            ("23 jan 2019", "date", "2019-01-23"),
            ("20 december", "date", "2018-12-20"),
        ],
    ),
    (
        "Uppdaterad: 2021-03-01 10:12\nI går upptäcktes felet.",
        "",
        &[
            ("2021-03-01 10:12", "datetime", "2021-03-01T10:12"),
            ("I går", "relative", "2021-02-28"),
        ],
    ),
    (
        "Datum: 2020-09-15\nDen 10 augusti skickades listan.",
        "",
        &[
            ("2020-09-15", "date", "2020-09-15"),
            ("10 augusti", "date", "2020-08-10"),
        ],
    ),
    (
        "Göteborg den 5 november 2022\n\nFörra veckan fick vi veta",
        "",
        &[
            ("5 november 2022", "date", "2022-11-05"),
            ("Förra veckan", "relative", "2022-10-24..2022-10-30"),
        ],
    ),
    // --- numeric forms
    (
        "Anmälan skickades den 11/3.",
        "2019-04-01",
        &[("11/3", "date", "2019-03-11")],
    ),
    (
        "mötet den 11/3 2019",
        "",
        &[("11/3 2019", "date", "2019-03-11")],
    ),
    (
        "stängdes 11/3-2019",
        "",
        &[("11/3-2019", "date", "2019-03-11")],
    ),
    (
        "rapporterat 2/12/2020",
        "",
        &[("2/12/2020", "date", "2020-12-02")],
    ),
    (
        "Incidenten anmäldes 11.3.2019 till Dataombudsmannen.",
        "",
        &[("11.3.2019", "date", "2019-03-11")],
    ),
    (
        "upptäcktes 03.12.2020",
        "",
        &[("03.12.2020", "date", "2020-12-03")],
    ),
    (
        "upptäcktes den 3.12. av en lärare",
        "2021-01-10",
        &[("3.12.", "date", "2020-12-03")],
    ),
    (
        "protokoll 20190311",
        "",
        &[("20190311", "date", "2019-03-11")],
    ),
    ("ändrad 20201231", "", &[("20201231", "date", "2020-12-31")]),
    ("den 31/4 2021 finns inte", "", &[]),
    ("kundnummer 2019031188", "", &[]),
    // --- periods
    (
        "Meddelandena gick fel 22-26:e februari 2019.",
        "",
        &[("22-26:e februari 2019", "period", "2019-02-22..2019-02-26")],
    ),
    (
        "Sidan låg öppen 22–26 februari 2020",
        "",
        &[("22–26 februari 2020", "period", "2020-02-22..2020-02-26")],
    ),
    (
        "Felet fanns 22–26 februari.",
        "2020-04-01",
        &[("22–26 februari", "period", "2020-02-22..2020-02-26")],
    ),
    (
        "Samtalen spelades in 11-12:e mars",
        "2021-05-01",
        &[("11-12:e mars", "period", "2021-03-11..2021-03-12")],
    ),
    (
        "mellan 6 och 13 december",
        "2019-01-10",
        &[(
            "mellan 6 och 13 december",
            "period",
            "2018-12-06..2018-12-13",
        )],
    ),
    (
        "mellan den 6 och den 13 december 2018",
        "",
        &[(
            "mellan den 6 och den 13 december 2018",
            "period",
            "2018-12-06..2018-12-13",
        )],
    ),
    (
        "under perioden 6–13 december 2018",
        "",
        &[("6–13 december 2018", "period", "2018-12-06..2018-12-13")],
    ),
    (
        "från 30 oktober 2020 till 14 januari 2021",
        "",
        &[(
            "från 30 oktober 2020 till 14 januari 2021",
            "period",
            "2020-10-30..2021-01-14",
        )],
    ),
    (
        "mellan den 30 oktober 2020 och den 14 januari 2021",
        "",
        &[(
            "mellan den 30 oktober 2020 och den 14 januari 2021",
            "period",
            "2020-10-30..2021-01-14",
        )],
    ),
    (
        "från den 1 juni till den 15 juni 2022",
        "",
        &[(
            "från den 1 juni till den 15 juni 2022",
            "period",
            "2022-06-01..2022-06-15",
        )],
    ),
    (
        "från 20 december till 3 januari 2021",
        "",
        &[(
            "från 20 december till 3 januari 2021",
            "period",
            "2020-12-20..2021-01-03",
        )],
    ),
    (
        "den 3 mars–5 april 2019",
        "",
        &[("3 mars–5 april 2019", "period", "2019-03-03..2019-04-05")],
    ),
    (
        "30 november 2020 - 2 december 2020",
        "",
        &[(
            "30 november 2020 - 2 december 2020",
            "period",
            "2020-11-30..2020-12-02",
        )],
    ),
    (
        "mellan 2021-03-01 och 2021-03-09",
        "",
        &[(
            "mellan 2021-03-01 och 2021-03-09",
            "period",
            "2021-03-01..2021-03-09",
        )],
    ),
    (
        "2021-03-01 – 2021-03-09",
        "",
        &[(
            "2021-03-01 – 2021-03-09",
            "period",
            "2021-03-01..2021-03-09",
        )],
    ),
    (
        "från och med den 4 maj till och med den 8 maj 2020",
        "",
        &[(
            "från och med den 4 maj till och med den 8 maj 2020",
            "period",
            "2020-05-04..2020-05-08",
        )],
    ),
    (
        "under mars–maj 2020",
        "",
        &[("mars–maj 2020", "period", "2020-03-01..2020-05-31")],
    ),
    (
        "mellan oktober och december 2021",
        "",
        &[(
            "mellan oktober och december 2021",
            "period",
            "2021-10-01..2021-12-31",
        )],
    ),
    (
        "verksamhetsåren 2018–2020",
        "",
        &[("2018–2020", "period", "2018-01-01..2020-12-31")],
    ),
    // --- months, seasons and years
    (
        "i mars 2019 byttes leverantör",
        "",
        &[("mars 2019", "month", "2019-03-01..2019-03-31")],
    ),
    (
        "December 2020 skickades ett utskick",
        "",
        &[("December 2020", "month", "2020-12-01..2020-12-31")],
    ),
    (
        "under februari 2020",
        "",
        &[("februari 2020", "month", "2020-02-01..2020-02-29")],
    ),
    (
        "sept. 2021",
        "",
        &[("sept. 2021", "month", "2021-09-01..2021-09-30")],
    ),
    (
        "under 2020 kom tre klagomål",
        "",
        &[("2020", "year", "2020-01-01..2020-12-31")],
    ),
    (
        "Sedan 2019 används systemet",
        "",
        &[("2019", "year", "2019-01-01..2019-12-31")],
    ),
    (
        "våren 2021 gjordes en granskning",
        "",
        &[("våren 2021", "period", "2021-03-01..2021-05-31")],
    ),
    (
        "Hösten 2018",
        "",
        &[("Hösten 2018", "period", "2018-09-01..2018-11-30")],
    ),
    (
        "vintern 2021",
        "",
        &[("vintern 2021", "period", "2020-12-01..2021-02-28")],
    ),
    (
        "i början av januari",
        "2021-03-01",
        &[("i början av januari", "month", "2021-01-01..2021-01-10")],
    ),
    (
        "i mitten av april 2022",
        "",
        &[("i mitten av april 2022", "month", "2022-04-11..2022-04-20")],
    ),
    (
        "i slutet av maj",
        "2020-08-01",
        &[("i slutet av maj", "month", "2020-05-21..2020-05-31")],
    ),
    (
        "problemen började i oktober",
        "2021-01-15",
        &[("oktober", "month", "2020-10-01..2020-10-31")],
    ),
    (
        "Efter maj kom inga fler larm",
        "2022-12-01",
        &[("maj", "month", "2022-05-01..2022-05-31")],
    ),
    // --- relative expressions
    (
        "Den 7 april 2021 kom larmet och samma dag stängdes sidan.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("samma dag", "relative", "2021-04-07"),
        ],
    ),
    (
        "Den 7 april 2021 kom larmet. Dagen efter stängdes sidan.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("Dagen efter", "relative", "2021-04-08"),
        ],
    ),
    (
        "Den 7 april 2021 kom larmet; dagen därpå kom svaret.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("dagen därpå", "relative", "2021-04-08"),
        ],
    ),
    (
        "Den 7 april 2021 kom larmet. Två dagar senare skrev vi.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("Två dagar senare", "relative", "2021-04-09"),
        ],
    ),
    (
        "Den 7 april 2021 kom larmet. En vecka senare skrev vi.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("En vecka senare", "relative", "2021-04-14"),
        ],
    ),
    (
        "Den 7 april 2021 kom larmet, tre dagar tidigare hade felet uppstått.",
        "",
        &[
            ("7 april 2021", "date", "2021-04-07"),
            ("tre dagar tidigare", "relative", "2021-04-04"),
        ],
    ),
    (
        "Två dagar senare skrev vi.",
        "",
        &[("Två dagar senare", "relative", "null")],
    ),
    (
        "Felet upptäcktes förra veckan.",
        "2021-05-12",
        &[("förra veckan", "relative", "2021-05-03..2021-05-09")],
    ),
    (
        "Felet upptäcktes förra veckan.",
        "",
        &[("förra veckan", "relative", "null")],
    ),
    (
        "Kommunen fick veta det i går.",
        "2020-02-01",
        &[("i går", "relative", "2020-01-31")],
    ),
    (
        "Det hände igår kväll",
        "2020-02-01",
        &[("igår", "relative", "2020-01-31")],
    ),
    (
        "det hände i förrgår",
        "2020-03-01",
        &[("i förrgår", "relative", "2020-02-28")],
    ),
    (
        "Banken meddelade i dag att",
        "2020-03-01",
        &[("i dag", "relative", "2020-03-01")],
    ),
    (
        "Tidigt på morgonen den 9 december stängdes tjänsten",
        "2019-12-20",
        &[("Tidigt på morgonen den 9 december", "date", "2019-12-09")],
    ),
    (
        "sent den 3 mars 2020",
        "",
        &[("sent den 3 mars 2020", "date", "2020-03-03")],
    ),
    (
        "på eftermiddagen den 3 mars 2020",
        "",
        &[("på eftermiddagen den 3 mars 2020", "date", "2020-03-03")],
    ),
    (
        "Larmet kom i fredags",
        "2021-05-12",
        &[("i fredags", "relative", "2021-05-07")],
    ),
    (
        "för två veckor sedan",
        "2021-05-12",
        &[("för två veckor sedan", "relative", "2021-04-28")],
    ),
    (
        "förra månaden",
        "2021-01-12",
        &[("förra månaden", "relative", "2020-12-01..2020-12-31")],
    ),
    (
        "en liknande händelse i fjol",
        "2021-01-12",
        &[("i fjol", "relative", "2020-01-01..2020-12-31")],
    ),
    // --- durations
    (
        "Anmälan ska göras inom 72 timmar.",
        "",
        &[("72 timmar", "duration", "72h")],
    ),
    (
        "Det tog en vecka innan vi fick veta.",
        "",
        &[("en vecka", "duration", "168h")],
    ),
    (
        "efter tre veckor",
        "",
        &[("tre veckor", "duration", "504h")],
    ),
    (
        "raderas efter 30 dagar",
        "",
        &[("30 dagar", "duration", "720h")],
    ),
    ("låg öppet ett dygn", "", &[("ett dygn", "duration", "24h")]),
    ("i två månader", "", &[("två månader", "duration", "1440h")]),
    ("under 48 h", "", &[("48 h", "duration", "48h")]),
    (
        "under några dagar",
        "",
        &[("några dagar", "duration", "null")],
    ),
    (
        "på en halvtimme",
        "",
        &[("en halvtimme", "duration", "0.5h")],
    ),
    (
        "ett par timmar",
        "",
        &[("ett par timmar", "duration", "2h")],
    ),
    ("i 15 minuter", "", &[("15 minuter", "duration", "0.25h")]),
    // --- non-dates that look like dates
    ("Rapportens diarienummer 1.4.2/913-2020", "", &[]),
    ("ärendenummer IA 2022-117", "", &[]),
    ("Dnr 2020/1234", "", &[]),
    ("Dnr: KS 2021/0456", "", &[]),
    ("Ring 08-657 61 00 för frågor", "", &[]),
    ("tel. 031-365 12 00", "", &[]),
    ("Box 503, 127 26 Skärholmen", "", &[]),
    ("Postnummer 127 26", "", &[]),
    ("ersättning på 2 000 kronor", "", &[]),
    ("11 800 brukare berörs", "", &[]),
    ("enligt SFS 2018:218", "", &[]),
    ("lagen (2018:218) med kompletterande bestämmelser", "", &[]),
    ("förordning (EU) 2016/679", "", &[]),
    ("version 1.2.3 av klienten", "", &[]),
    ("uppgraderad till 10.2.1", "", &[]),
    ("Windows 10 och Office 2016", "", &[]),
    ("1 - 10 registrerade", "", &[]),
    ("10-15 ärenden per vecka", "", &[]),
    ("tjänsten övervakas 24/7", "", &[]),
    ("8 ggr per dag är 2000 försök", "", &[]),
    // --- forms added for wider Swedish
    (
        "den tredje mars 2020",
        "",
        &[("tredje mars 2020", "date", "2020-03-03")],
    ),
    (
        "Den tjugoandra maj kom beskedet",
        "2021-06-01",
        &[("tjugoandra maj", "date", "2021-05-22")],
    ),
    (
        "den 3e juni 2022",
        "",
        &[("3e juni 2022", "date", "2022-06-03")],
    ),
    (
        "daterad 2020/11/30",
        "",
        &[("2020/11/30", "date", "2020-11-30")],
    ),
    (
        "Torsdag 4/3 kl. 14.10 larmade kunden",
        "2021-03-20",
        &[("Torsdag 4/3 kl. 14.10", "datetime", "2021-03-04T14:10")],
    ),
    (
        "loggarna 11-12/3 2019",
        "",
        &[("11-12/3 2019", "period", "2019-03-11..2019-03-12")],
    ),
    (
        "stängt 28/2–3/3",
        "2021-04-01",
        &[("28/2–3/3", "period", "2021-02-28..2021-03-03")],
    ),
    (
        "kontaktades den 11 och den 12 mars 2019",
        "",
        &[(
            "den 11 och den 12 mars 2019",
            "period",
            "2019-03-11..2019-03-12",
        )],
    ),
    (
        "under vecka 12 2021",
        "",
        &[("vecka 12 2021", "period", "2021-03-22..2021-03-28")],
    ),
    (
        "larmet kom v. 45",
        "2020-12-01",
        &[("v. 45", "period", "2020-11-02..2020-11-08")],
    ),
    (
        "under första kvartalet 2022",
        "",
        &[("första kvartalet 2022", "period", "2022-01-01..2022-03-31")],
    ),
    (
        "Q3 2020",
        "",
        &[("Q3 2020", "period", "2020-07-01..2020-09-30")],
    ),
    (
        "larmet kom i morse",
        "2021-01-12",
        &[("i morse", "relative", "2021-01-12")],
    ),
    (
        "Den 3 maj 2021 kom larmet; veckan efter kom svaret",
        "",
        &[
            ("3 maj 2021", "date", "2021-05-03"),
            ("veckan efter", "relative", "2021-05-10..2021-05-16"),
        ],
    ),
    (
        "Den 3 maj 2021 kom larmet, vid 15-tiden.",
        "",
        &[
            ("3 maj 2021", "date", "2021-05-03"),
            ("15-tiden", "datetime", "2021-05-03T15:00"),
        ],
    ),
    ("personnummer 19850312-1234", "", &[]),
    ("IMY:s diarienummer DI-2020-10541", "", &[]),
    ("drygt 2/3 av personalen", "", &[]),
    ("+46 8 657 61 00", "", &[]),
    (
        "Publicerad 2 maj 2022\nDagen efter kom svaret.",
        "",
        &[
            ("2 maj 2022", "date", "2022-05-02"),
            ("Dagen efter", "relative", "null"),
        ],
    ),
    ("stängt över jul 2020", "", &[]),
    (
        "den 24 jul 2020",
        "",
        &[("24 jul 2020", "date", "2020-07-24")],
    ),
    ("kapitel 3 paragraf 12", "", &[]),
];

fn rules() -> &'static RuleSet {
    Rules::default_rules().area("dates")
}

#[test]
fn the_corpus() {
    assert!(CASES.len() >= 120, "only {} cases", CASES.len());
    let mut failures = Vec::new();
    for (text, anchor, want) in CASES {
        let anchor = (!anchor.is_empty()).then(|| anchor.parse().expect("valid anchor"));
        let got: Vec<(String, String, String)> = tag(text, rules(), anchor)
            .into_iter()
            .map(|t| {
                let kind = serde_json::to_value(t.kind).unwrap();
                (
                    t.text.clone(),
                    kind.as_str().unwrap().to_string(),
                    t.value(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(s, k, v)| (s.to_string(), k.to_string(), v.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{text:?}\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn offsets_are_bytes_in_text_with_swedish_letters() {
    let text = "Åtgärden på förvaltningen påbörjades den 3 mars 2020 och avslutades i förrgår.";
    let tags = tag(text, rules(), "2020-03-20".parse().ok());
    assert_eq!(tags.len(), 2, "{tags:?}");
    for t in &tags {
        assert_eq!(&text[t.offset..t.end_offset()], t.text);
    }
    assert_eq!(tags[0].offset, text.find("3 mars").unwrap());
}

#[test]
fn the_document_date_is_found_in_the_text() {
    let text = "Nyheter\nPublicerad 14 februari 2021 kl. 08.00\n\nI går stängdes tjänsten.";
    assert_eq!(document_date(text, rules()), "2021-02-14".parse().ok());
    let tags = tag(text, rules(), None);
    assert_eq!(tags.last().unwrap().value(), "2021-02-13");
    // An explicit anchor wins over the text's.
    let tags = tag(text, rules(), "2021-03-01".parse().ok());
    assert_eq!(tags.last().unwrap().value(), "2021-02-28");
    assert_eq!(document_date("Den 3 maj 2021 hände det.", rules()), None);
}

#[test]
fn every_rule_example_holds() {
    // The shared checker of `incidex rules check`, on the date rules alone.
    let mut only_dates = Rules::default();
    only_dates.sets.insert("dates".into(), rules().clone());
    let report = crate::rules::check(&only_dates, &|_, id, ex| run_example(rules(), id, ex));
    assert!(
        report.untested.is_empty(),
        "rules without examples: {:?}",
        report.untested
    );
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest::proptest! {
    #[test]
    fn no_input_panics(text in "\\PC{0,200}") {
        let tags = tag(&text, rules(), None);
        for t in tags {
            proptest::prop_assert!(text.is_char_boundary(t.offset));
            proptest::prop_assert_eq!(&text[t.offset..t.end_offset()], t.text.as_str());
        }
    }

    #[test]
    fn date_like_noise_never_panics(text in "[0-9 ./:\\-–a-zåäö]{0,80}") {
        let _ = tag(&text, rules(), "2021-01-01".parse().ok());
    }
}

#[test]
fn the_latest_year_is_a_whole_word() {
    let text =
        "Avtalet från 2019 gällde under 2021-talet; x2023, 20245, å2024 och 2022ö räknas inte.";
    assert_eq!(super::latest_year(text, &[]), Some(2021));
    assert_eq!(super::latest_year("inga år här", &[]), None);
}
