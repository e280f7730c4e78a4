//! Issue 14: snippets in wordings the rules were not written from, one test each, for every
//! field, with negatives. Each passage is invented for this file (no dev-set or seed text):
//! places and bodies are real public ones, the companies and events are made up.

mod snippets;

use snippets::{affected, has};

// --- affected: numbers as Swedish writes them ---------------------------------------
case!(
    affected_decimal_millions,
    "Läckan berör uppgifter om 2,3 miljoner kunder hos bolaget.",
    |r| affected(&r) == Some((2_300_000, 2_300_000))
);
case!(
    affected_one_million_in_words,
    "Enligt bolaget har uppgifter om en miljon personer spridits till en annonsplattform.",
    |r| affected(&r) == Some((1_000_000, 1_000_000))
);
case!(
    affected_drygt_with_space_thousands,
    "Intrånget drabbade drygt 3 000 brukare inom hemtjänsten.",
    |r| affected(&r) == Some((3000, 3000))
);
case!(
    affected_narmare,
    "Uppgifter om närmare 700 patienter skickades till fel vårdcentral.",
    |r| affected(&r) == Some((700, 700))
);
case!(
    affected_ett_hundratal,
    "Ett hundratal elever kan ha drabbats av felet i skolans app.",
    |r| affected(&r) == Some((100, 100))
);
case!(
    affected_ett_30_tal,
    "Det gäller ett 30-tal medarbetare vars lönebesked hamnade fel.",
    |r| affected(&r) == Some((30, 30))
);
case!(
    affected_compound_word_number,
    "Personuppgifter om tjugofem vårdtagare har röjts.",
    |r| affected(&r) == Some((25, 25))
);
case!(
    affected_between_range,
    "Incidenten berör mellan 50 och 60 sökande till tjänsten.",
    |r| affected(&r) == Some((50, 60))
);
case!(
    affected_over_hundreds_of_thousands,
    "Läckan gäller över 400 000 abonnenter i hela landet.",
    |r| affected(&r) == Some((400_000, 400_000))
);
case!(
    affected_single_pupil,
    "Uppgifter om en elev skickades av misstag till hela klassens vårdnadshavare.",
    |r| affected(&r) == Some((1, 1))
);
case!(
    affected_genitive_unit,
    "Angriparen fick åtkomst till minst 45 elevers omdömen.",
    |r| affected(&r) == Some((45, 45))
);
case!(
    affected_not_recipients,
    "Beslutet om en brukare skickades till 12 mottagare och till 33 vårdnadshavare.",
    |r| affected(&r) == Some((1, 1))
);
case!(
    affected_not_a_year_before_a_heading,
    "Publicerad 12 maj 2022\n\nSocialtjänstens barn och unga har fått ny chef.",
    |r| r.affected.is_none()
);
case!(
    affected_not_amounts_or_percent,
    "Kommunen betalar 250 000 kronor i avgift, och 40 procent av kostnaden gäller drift.",
    |r| r.affected.is_none()
);
case!(
    affected_not_a_phone_number,
    "Har du frågor om incidenten, ring 0771-11 22 33 mellan 9 och 12.",
    |r| r.affected.is_none()
);

// --- organisations: places, agencies, roles -----------------------------------------
case!(
    org_unit_in_municipality,
    "Socialtjänsten i Norrtälje har skickat en utredning till fel adress. Socialtjänsten beklagar.",
    |r| has(&r.organisations, "Norrtälje kommun")
);
case!(
    org_in_place_the_municipality,
    "I Hudiksvall har kommunen bekräftat att en lista med elevers namn låg öppen på webben.",
    |r| r.organisations == ["Hudiksvalls kommun"]
);
case!(
    org_city_style_official_name,
    "Enligt utbildningsförvaltningen i Västerås har listan nu tagits bort från webben.",
    |r| r.organisations == ["Västerås stad"]
);
case!(
    org_kommunen_refers_back,
    "Fel beslut skickades ut\n\nMörbylånga kommun skickade ett beslut om bistånd till fel person.\n\nKommunen har utrett saken och kommunen beklagar det inträffade. Även Kalmar kommun hade ett liknande fel förra året.",
    |r| r.organisations == ["Mörbylånga kommun"]
);
case!(
    org_agency_short_name,
    "Kriminalvården har av misstag lämnat ut uppgifter om en intagen till en annan intagen.",
    |r| r.organisations == ["Kriminalvården"]
);
case!(
    org_agency_without_suffix,
    "Lantmäteriet publicerade personnummer i en öppen karttjänst. Lantmäteriet har nu stängt tjänsten.",
    |r| r.organisations == ["Lantmäteriet"]
);
case!(
    org_agency_full_name,
    "Statens skolinspektion skickade ett beslut med uppgifter om en elev till fel skola.",
    |r| has(&r.organisations, "Statens skolinspektion")
);
case!(
    org_private_company_reports,
    "Leendet Tandvård AB har anmält händelsen till IMY efter att journaler legat öppna.",
    |r| has(&r.organisations, "Leendet Tandvård AB")
);
case!(
    org_committee_inverted_order,
    "Nu har socialnämnden anmält det inträffade enligt lex Sarah.",
    |r| has(&r.organisations, "socialnämnden")
);
case!(
    org_victim_of_attack,
    "I mars blev Nordfrakt utsatt för ett intrång i sitt kundregister.",
    |r| has(&r.organisations, "Nordfrakt")
);
case!(
    org_customers_of,
    "Viktigt meddelande till dig som kund hos Solkraft Energi om ett dataintrång.",
    |r| has(&r.organisations, "Solkraft Energi")
);
case!(
    org_welfare_area_finland,
    "Västra Nylands välfärdsområde har anmält en dataskyddsincident till dataombudsmannen.",
    |r| has(&r.organisations, "Västra Nylands välfärdsområde")
);
case!(
    org_finnish_city_by_unit,
    "Hemvården i Vasa skickade en klients vårdplan till fel anhörig. Hemvården i Vasa beklagar. Staden har gett ut nya instruktioner.",
    |r| r.organisations.is_empty() || !has(&r.organisations, "Vasa")
);
case!(
    org_old_landsting_name,
    "Västerbottens läns landsting skickade provsvar till fel patient.",
    |r| r.organisations == ["Västerbottens läns landsting"]
);
case!(
    org_pronoun_is_no_name,
    "Vi har anmält incidenten till Integritetsskyddsmyndigheten.",
    |r| !has(&r.organisations, "Vi")
);
case!(
    org_generic_subject_is_no_name,
    "Händelsen har anmälts till IMY. Bolaget har anmält den också.",
    |r| r.organisations.is_empty()
);
case!(
    org_authority_reported_to_is_no_controller,
    "Region Kronoberg har anmält incidenten till Integritetsskyddsmyndigheten.",
    |r| r.organisations == ["Region Kronoberg"] && r.authorities == ["IMY"]
);

// --- suppliers: roles, systems, renames ---------------------------------------------
case!(
    supplier_name_stops_at_sentence_end,
    "Felet låg hos leverantören Skolkraft. Kommunen har krävt en förklaring.",
    |r| r.suppliers == ["Skolkraft"] && r.supplier_involved
);
case!(
    supplier_rename_as_written,
    "Ett fel hos Tietoevry gjorde att journalanteckningar visades för fel patient.",
    |r| r.suppliers == ["Tietoevry"] && r.supplier_involved
);
case!(
    supplier_old_name_as_written,
    "Ett fel hos Tieto gjorde att beslut skickades till fel mottagare.",
    |r| r.suppliers == ["Tieto"]
);
case!(
    supplier_system_names_its_vendor,
    "En bugg i Treserva gjorde att handläggare kunde se andra kommuners ärenden.",
    |r| r.suppliers == ["CGI"] && r.supplier_involved
);
case!(
    supplier_by_platform_role,
    "Intrånget skedde i lärplattformen Skolstjärnan där elevernas omdömen lagras.",
    |r| has(&r.suppliers, "Skolstjärnan") && r.supplier_involved
);
case!(
    supplier_named_then_role,
    "Skolan larmade Klassrummet, företaget som tillhandahåller appen, om säkerhetsluckan.",
    |r| has(&r.suppliers, "Klassrummet")
);
case!(
    supplier_controller_is_not_also_supplier,
    "Telia har anmält incidenten till IMY efter att kunders samtalslistor exponerats.",
    |r| has(&r.organisations, "Telia") && !has(&r.suppliers, "Telia")
);
case!(
    supplier_library_system_vendor,
    "Bibliotekssystemet Quria drabbades av ett intrång och låntagarnas adresser kan ha läckt.",
    |r| r.suppliers == ["Axiell"]
);
case!(
    supplier_mere_mention_is_not_involvement,
    "Kommunen köper sina datorer av Atea sedan många år.",
    |r| r.suppliers.is_empty() && !r.supplier_involved
);

// --- authorities ------------------------------------------------------------------------
case!(
    authority_finland_swedish_name,
    "Staden har anmält dataintrånget till dataskyddsombudsmannen.",
    |r| r.authorities == ["Dataombudsmannen"]
);
case!(
    authority_police_by_crime_report,
    "Skolan gjorde en brottsanmälan samma dag som intrånget upptäcktes.",
    |r| r.authorities == ["Polisen"]
);
case!(
    authority_not_when_only_mentioned,
    "IMY har tidigare gett ut vägledning om kameraövervakning i skolor.",
    |r| r.authorities.is_empty()
);

// --- breach types: access from attacks and open holes ------------------------------------
case!(
    breach_access_by_intrusion,
    "Hackare kom över elevernas inloggningsuppgifter under helgen.",
    |r| has(&r.breach_types, "access")
);
case!(
    breach_access_left_unprotected,
    "Ansökningarna låg helt oskyddade på en server som alla kunde nå.",
    |r| has(&r.breach_types, "access")
);
case!(
    breach_access_snooping,
    "En sjuksköterska tjuvtittade i grannarnas journaler under flera månader.",
    |r| has(&r.breach_types, "access")
);
case!(
    breach_access_security_hole,
    "En säkerhetslucka i medlemsportalen gjorde uppgifter om fackligt medlemskap synliga.",
    |r| has(&r.breach_types, "access")
);
case!(
    breach_definition_is_not_the_incident,
    "En personuppgiftsincident kan till exempel handla om att uppgifter har förstörts eller gått förlorade. Kommunen skickade ett beslut till fel adress.",
    |r| !has(&r.breach_types, "loss")
);
case!(
    breach_no_intrusion_negated,
    "Det har inte skett något intrång, utan ett brev skickades till fel mottagare.",
    |r| !has(&r.breach_types, "access") && has(&r.breach_types, "disclosure")
);

// --- causes ---------------------------------------------------------------------------------
case!(
    cause_unencrypted_email,
    "Remisserna skickades med okrypterad e-post mellan vårdcentralerna.",
    |r| has(&r.causes, "process_failure")
);
case!(
    cause_too_wide_access,
    "Granskningen visar att alla handläggare hade för bred behörighet i verksamhetssystemet.",
    |r| has(&r.causes, "process_failure")
);
case!(
    cause_because_of_a_fault,
    "På grund av ett fel visades andra kunders fakturor i appen.",
    |r| has(&r.causes, "technical_error")
);
case!(
    cause_fault_at_supplier,
    "Kallelserna gick fel på grund av ett fel hos ett företag som sköter utskicken.",
    |r| has(&r.causes, "technical_error")
);
case!(
    cause_fixed_the_bug,
    "Leverantören rättade buggen två dagar senare.",
    |r| has(&r.causes, "technical_error")
);
case!(
    cause_reviewed_routines,
    "Förvaltningen har sett över rutinerna för utskick efter händelsen.",
    |r| has(&r.causes, "process_failure")
);
case!(
    cause_encrypted_is_no_failure,
    "Alla filer skickades krypterade och ingen obehörig kunde läsa dem.",
    |r| !has(&r.causes, "process_failure")
);

// --- sensitive data and document type ------------------------------------------------------
case!(
    sensitive_health_records,
    "Journaluppgifter om patienternas diagnoser skickades till fel mottagare.",
    |r| r.sensitive_data == Some(true)
);
case!(
    sensitive_denied,
    "Listan innehöll inga känsliga personuppgifter, bara namn och e-postadresser.",
    |r| r.sensitive_data != Some(true)
);
case!(
    sensitive_trade_union_membership,
    "Uppgifter om fackligt medlemskap för tusentals medlemmar kunde ses av andra inloggade.",
    |r| r.sensitive_data == Some(true)
);
case!(
    sensitive_social_services_client_data,
    "En anställd inom socialväsendet öppnade klientuppgifter utan orsak.",
    |r| r.sensitive_data == Some(true)
);
case!(
    sensitive_pupils_with_special_support,
    "Ansökningar om särskilt stöd för elever skickades till fel vårdnadshavare.",
    |r| r.sensitive_data == Some(true)
);
case!(
    doctype_lex_sarah,
    "Rapport enligt lex Sarah\n\nBakgrund\n\nEn brukares genomförandeplan skickades till fel anhörig.\n\nUtredning\n\nHandläggaren förväxlade två adresser.\n\nÅtgärder\n\nRutinen har skärpts.",
    |r| r.doc_type == "lex_sarah_report"
);
case!(
    doctype_news_byline,
    "Journaler låg öppna i tre veckor\n\nPublicerad 3 mars 2023 kl. 08.15\n\nAv en reporter\n\nRegion Kronoberg har upptäckt att journaler legat öppna för obehöriga.",
    |r| r.doc_type == "news_article"
);

// --- dates ----------------------------------------------------------------------------------
case!(
    dates_incident_with_year,
    "Intrånget inträffade den 14 mars 2022 och upptäcktes den 16 mars 2022.",
    |r| r.dates.incident_start.map(|d| d.to_string()) == Some("2022-03-14".into())
        && r.dates.discovered.map(|d| d.to_string()) == Some("2022-03-16".into())
);
case!(
    dates_reported_to_imy,
    "Kommunen anmälde incidenten till IMY den 2 februari 2021.",
    |r| r.dates.authority_notified.map(|d| d.to_string()) == Some("2021-02-02".into())
);
