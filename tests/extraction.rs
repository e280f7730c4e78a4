//! Snippet-level extraction tests: short Swedish passages in wordings of their own (none
//! copied from the corpus), each with the field it must yield. Negatives included: a
//! supplier only mentioned, an unchecked box, a phone number that is not a head count.

mod snippets;

use snippets::affected;

// --- organisations ---------------------------------------------------------------
case!(
    org_kommun_genitive,
    "Uppgifterna läckte från Nacka kommuns skolplattform. Nacka kommun har nu stängt tjänsten.",
    |r| r.organisations == ["Nacka kommun"]
);
case!(
    org_region,
    "Region Halland har upptäckt att journaluppgifter skickats till fel vårdcentral.",
    |r| r.organisations == ["Region Halland"]
);
case!(
    org_stadsdel,
    "Rinkeby-Kista stadsdelsförvaltning anmälde händelsen efter att en lista med namn på brukare hamnat i en offentlig mapp.",
    |r| r.organisations == ["Rinkeby-Kista stadsdelsförvaltning"]
);
case!(
    org_regionen_compound,
    "Västra Götalandsregionen meddelar att ett tusental patienter fått brev med fel uppgifter.",
    |r| r.organisations == ["Västra Götalandsregionen"]
);
case!(
    org_agency,
    "Försäkringskassan har skickat beslut om sjukpenning till fel adress. Försäkringskassan beklagar det inträffade.",
    |r| r.organisations == ["Försäkringskassan"]
);
case!(
    org_authority_is_not_controller,
    "Integritetsskyddsmyndigheten har inlett en granskning av Växjö kommun efter incidenten i Växjö kommun.",
    |r| r.organisations == ["Växjö kommun"]
);

// --- suppliers -------------------------------------------------------------------
case!(
    supplier_named_by_role,
    "Felet uppstod när systemleverantören Evolvit uppdaterade servern.",
    |r| r.suppliers == ["Evolvit"] && r.supplier_involved
);
case!(
    supplier_known_in_incident_sentence,
    "Ett fel hos Atea gjorde att loggfiler med personnummer blev åtkomliga.",
    |r| r.suppliers == ["Atea"] && r.supplier_involved
);
case!(
    supplier_company_form_with_incident,
    "Incidenten orsakades av Lärnet Systems AB, som driver kommunens lärplattform.",
    |r| r.suppliers == ["Lärnet Systems AB"] && r.supplier_involved
);
case!(
    supplier_only_mentioned_is_not_involved,
    "Kommunen använder Microsoft 365 för e-post. En handläggare skickade av misstag ett beslut till fel person.",
    |r| r.suppliers.is_empty() && !r.supplier_involved
);
case!(
    supplier_processor_without_name,
    "Det var vårt personuppgiftsbiträde som gjorde felet vid utskicket.",
    |r| r.supplier_involved
);
case!(
    supplier_negated_role,
    "Händelsen berodde inte på leverantören utan på en intern miss.",
    |r| !r.supplier_involved
);

// --- authorities -----------------------------------------------------------------
case!(
    authority_imy_new_name,
    "Skolan har anmält personuppgiftsincidenten till Integritetsskyddsmyndigheten.",
    |r| r.authorities == ["IMY"]
);
case!(
    authority_imy_old_name,
    "En anmälan lämnades in till Datainspektionen inom 72 timmar.",
    |r| r.authorities == ["IMY"]
);
case!(
    authority_ivo_passive,
    "Händelsen har anmälts enligt lex Sarah och IVO har underrättats.",
    |r| r.authorities == ["IVO"]
);
case!(
    authority_police,
    "Den stulna datorn har polisanmälts.",
    |r| r.authorities == ["Polisen"]
);
case!(
    authority_finnish,
    "Staden har gjort en anmälan till dataombudsmannen om läckan.",
    |r| r.authorities == ["Dataombudsmannen"]
);
case!(
    authority_not_reported,
    "Bolaget har valt att inte anmäla händelsen till IMY eftersom risken bedöms som låg.",
    |r| r.authorities.is_empty()
);
case!(
    authority_general_advice_is_not_a_report,
    "Enligt dataskyddsförordningen ska en incident anmälas till IMY inom 72 timmar.",
    |r| r.authorities.is_empty()
);

// --- affected --------------------------------------------------------------------
case!(
    affected_thousands_with_space,
    "Läckan omfattar uppgifter om 12 500 kunder.",
    |r| affected(&r) == Some((12500, 12500))
);
case!(
    affected_nbsp_thousands,
    "Omkring 3\u{a0}000 elever berörs av felet.",
    |r| affected(&r) == Some((3000, 3000))
);
case!(
    affected_range_text,
    "Mellan 40-50 patienter kan ha drabbats.",
    |r| affected(&r) == Some((40, 50))
);
case!(
    affected_word_number,
    "Ett hundratal medlemmar har påverkats av intrånget.",
    |r| affected(&r) == Some((100, 100))
);
case!(
    affected_phone_is_not_a_count,
    "Har du frågor, ring kommunens växel 0480-45 00 00 mellan 8 och 17.",
    |r| r.affected.is_none()
);
case!(
    affected_amount_is_not_a_count,
    "Kommunen fick en sanktionsavgift på 250 000 kronor för incidenten.",
    |r| r.affected.is_none()
);
case!(
    affected_viewers_are_not_subjects,
    "Sju handläggare har kunnat se uppgifterna i ärendet.",
    |r| r.affected.is_none()
);

// --- causes ----------------------------------------------------------------------
case!(
    cause_technical,
    "Orsaken var ett konfigurationsfel i brandväggen.",
    |r| r.causes == ["technical_error"]
);
case!(
    cause_human,
    "En medarbetare bifogade av misstag fel fil i mejlet.",
    |r| r.causes == ["human_error"]
);
case!(
    cause_attack_ransomware,
    "Kommunen har utsatts för ett utpressningsvirus som krypterat servrarna.",
    |r| r.causes == ["attack"]
);
case!(
    cause_attack_phishing,
    "Via ett nätfiskemejl fick angriparen tillgång till en anställds konto.",
    |r| r.causes == ["attack"]
);
case!(
    cause_process,
    "Utredningen visar att det saknades rutiner för gallring av gamla ärenden.",
    |r| r.causes == ["process_failure"]
);
case!(
    cause_negated,
    "Det finns inget som tyder på ett dataintrång.",
    |r| r.causes.is_empty()
);

// --- breach types ----------------------------------------------------------------
case!(
    breach_disclosure_wrong_recipient,
    "Ett brev med utdrag ur journalen gick till fel mottagare.",
    |r| r.breach_types == ["disclosure"]
);
case!(
    breach_access,
    "Obehöriga har haft åtkomst till elevregistret under en period.",
    |r| r.breach_types.contains(&"access".to_string())
);
case!(
    breach_loss,
    "En kartong med personakter har kommit bort vid flytten.",
    |r| r.breach_types == ["loss"]
);
case!(
    breach_alteration,
    "Betygen i systemet har ändrats obehörigt.",
    |r| r.breach_types == ["alteration"]
);
case!(
    breach_none_said,
    "Kommunen har tagit fram nya riktlinjer för e-post.",
    |r| r.breach_types.is_empty()
);

// --- sensitive data --------------------------------------------------------------
case!(
    sensitive_health,
    "I dokumentet fanns uppgifter om hälsa för ett antal elever.",
    |r| r.sensitive_data == Some(true)
);
case!(
    sensitive_protected_identity,
    "Bland de drabbade finns personer med skyddad identitet.",
    |r| r.sensitive_data == Some(true)
);
case!(
    sensitive_explicitly_not,
    "Inga känsliga uppgifter har röjts, endast namn och e-postadresser.",
    |r| r.sensitive_data == Some(false)
);
case!(
    sensitive_unknown,
    "Namn och telefonnummer syntes i listan.",
    |r| r.sensitive_data.is_none()
);

// --- forms -----------------------------------------------------------------------
case!(
    form_checked_box_counts,
    "Typ av uppgifter <input checked=\"\" type=\"checkbox\"/> Hälsa <input type=\"checkbox\"/> Ekonomi",
    |r| r.sensitive_data == Some(true)
);
case!(
    form_unchecked_box_does_not,
    "Typ av uppgifter <input type=\"checkbox\"/> Hälsa <input type=\"checkbox\"/> Barn <input checked=\"\" type=\"checkbox\"/> Kontaktuppgifter",
    |r| r.sensitive_data.is_none()
);
case!(
    form_unmarked_option_list_yields_nothing,
    "Anmälan av personuppgiftsincident\n\n1. Organisationens namn *\n\n2. Organisationsnummer\n\n3. Vad har hänt vid incidenten?\n\nMarkera alla alternativ som gäller.\n\n- Obehörigt röjande\n- Obehörig åtkomst\n- Förlust\n\n4. Varför inträffade incidenten enligt er uppfattning?\n\nMarkera alla alternativ som gäller.\n\n- Mänskliga faktorn\n- Tekniskt fel\n- Antagonistiskt angrepp\n",
    |r| r.doc_type == "breach_notification" && r.breach_types.is_empty() && r.causes.is_empty()
);
case!(
    form_answer_outranks_text,
    "Anmälan av personuppgiftsincident\n\n1. Organisationens namn *\n\nLerums kommun\n\n2. Organisationsnummer\n\n3. Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden?\n\nNej\n\n4. Kort beskrivning av incidenten\n\nEtt fel i leverantören Visma Enterprise system gjorde att lönespecifikationer röjdes.\n",
    |r| !r.supplier_involved && r.organisations == ["Lerums kommun"] && r.authorities.is_empty()
);

// --- document type, language -----------------------------------------------------
case!(
    doctype_news,
    "Patientuppgifter läckte ut\n\nPublicerad 3 maj 2022\n\n– Vi beklagar, säger verksamhetschefen Anna Holm.",
    |r| r.doc_type == "news_article"
);
case!(
    doctype_lex_sarah,
    "Rapport enligt lex Sarah\n\nEtt missförhållande har uppstått när dokumentation om en brukare skickades till fel boende.",
    |r| r.doc_type == "lex_sarah_report"
);
case!(
    doctype_other,
    "Kallelse till nämndens sammanträde den 4 maj.",
    |r| r.doc_type == "other"
);
case!(
    language_danish_not_swedish,
    "Kommunen har anmeldt bruddet til Datatilsynet, efter at oplysninger om borgerne blev sendt til den forkerte modtager. Det er endnu uklart, hvor mange der er berørt.",
    |r| r.language == "da" && r.organisations.is_empty()
);
case!(
    form_named_processor_is_the_supplier,
    "Anmälan av personuppgiftsincident\n\n1. Organisationens namn *\n\nHylte kommun\n\n21. Gäller incidenten en personuppgiftsbehandling som hanteras av anlitade personuppgiftsbiträden eller underbiträden?\n\nJa\n\n22. Organisationens namn och organisationsnummer\n\nOrganisationens namn\n\nSkoldata Norden AB\n\n23. Hur många registrerade har påverkats?\n\nExakt antal registrerade\n\n86\n",
    |r| r.supplier_involved
        && r.suppliers == ["Skoldata Norden AB"]
        && affected(&r) == Some((86, 86))
        && r.organisations == ["Hylte kommun"]
);
case!(
    form_checked_answers_give_cause_and_breach,
    "1. Organisationens namn *\n\n2. Organisationsnummer\n\n15. Vad har hänt vid incidenten?\n\n<input type=\"checkbox\"/> Obehörig åtkomst <input checked=\"\" type=\"checkbox\"/> Förlust\n\n18. Varför inträffade incidenten enligt er uppfattning?\n\n<input type=\"checkbox\"/> Mänskliga faktorn <input checked=\"\" type=\"checkbox\"/> Antagonistiskt angrepp: inbrott i förrådet\n",
    |r| r.breach_types == ["loss"] && r.causes == ["attack"]
);
case!(
    form_addressed_to_imy_is_a_report_to_imy,
    "Anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY)\n\n1. Organisationens namn *\n\nTibro kommun\n\n2. Organisationsnummer\n\n3. Kontaktpersonens namn *\n",
    |r| r.authorities == ["IMY"] && r.doc_type == "breach_notification"
);
case!(
    org_lex_sarah_committee,
    "Utredning enligt lex Sarah\n\nNämnd: Socialnämnden i Kungsbacka kommun\n\nEn handläggare skickade ett beslut till fel vårdnadshavare.",
    |r| r.organisations == ["Kungsbacka kommun"] && r.causes == ["human_error"]
);
case!(
    cause_routine_not_followed,
    "Utredningen visar att rutinen för kontroll av adressuppgifter inte följdes.",
    |r| r.causes == ["process_failure"]
);
case!(
    affected_faq_answer,
    "Hur många berörs?\n\nTotalt rör det sig om 1 147 elever.",
    |r| affected(&r) == Some((1147, 1147))
);
case!(
    doctype_news_without_quotes,
    "Snokade i journaler – anställd sägs upp\n\nEn undersköterska har läst journaler om personer hon inte vårdat. Det visar en granskning som sjukhuset gjort.",
    |r| r.doc_type == "news_article" && r.breach_types == ["access"]
);
case!(
    breach_ransomware_is_loss,
    "Kommunens servrar krypterades av ett utpressningsvirus under natten.",
    |r| r.breach_types == ["loss"] && r.causes == ["attack"]
);
case!(
    affected_snooping_count,
    "Totalt gjorde hon 300 otillåtna slagningar på 75 patienter.",
    |r| affected(&r) == Some((75, 75))
);
case!(
    org_government_agency,
    "Skolverket har skickat provresultat till fel skolor. Skolverkets it-chef beklagar.",
    |r| r.organisations == ["Skolverket"]
);
case!(
    org_committee_alone_is_not_a_name,
    "Socialnämnden i Eslövs kommun har anmält händelsen till IVO.",
    |r| r.organisations == ["Eslövs kommun"] && r.authorities == ["IVO"]
);
