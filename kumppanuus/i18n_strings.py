"""Every user-facing string of the UI in Finnish (the default), Swedish and English.

Keys are grouped by page. Finnish texts are the ones the pages showed before translation (tests
assert many of them); Swedish follows Finland-Swedish usage (kommun, Leader-område, deltagare).
Placeholders (`{name}`) are the same in all three languages (tests/test_i18n.py checks it).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"fi": "Kumppanuuskartta", "sv": "Partnerskapskartan",
                  "en": "Partnership map"},
    "page_map": {"fi": "Kartta", "sv": "Karta", "en": "Map"},
    "page_tables": {"fi": "Pöydät", "sv": "Borden", "en": "Tables"},
    "page_people": {"fi": "Yhteyshenkilöt", "sv": "Kontaktpersoner", "en": "Contacts"},
    "page_scores": {"fi": "Järjestöystävällisyys", "sv": "Föreningsvänlighet",
                    "en": "NGO-friendliness"},
    "page_upload": {"fi": "Lataa aineistoa", "sv": "Ladda upp data", "en": "Upload data"},
    "page_home": {"fi": "Etusivu", "sv": "Startsida", "en": "Home"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "round": {"fi": "Kierros", "sv": "Omgång", "en": "Round"},
    "leader_area": {"fi": "Leader-alue", "sv": "Leader-område", "en": "Leader area"},
    "municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "all": {"fi": "Kaikki", "sv": "Alla", "en": "All"},
    "presentation_mode": {"fi": "Esitystila", "sv": "Presentationsläge",
                          "en": "Presentation mode"},
    "presentation_help": {
        "fi": "Isompi teksti, ei yhteystietoja – videotykille.",
        "sv": "Större text, inga kontaktuppgifter – för projektor.",
        "en": "Larger text, no contact details – for a projector.",
    },
    "participants": {"fi": "Osallistujia", "sv": "Deltagare", "en": "Participants"},
    "tables_count": {"fi": "Pöytiä", "sv": "Bord", "en": "Tables"},
    "mean_participants": {"fi": "Keskimäärin / pöytä", "sv": "Medeltal / bord",
                          "en": "Mean per table"},
    "no_data": {"fi": "ei tietoa", "sv": "uppgift saknas", "en": "no data"},
    "example_label": {"fi": "Esimerkkiaineisto", "sv": "Exempeldata", "en": "Example data"},
    "col_example": {"fi": "esimerkkiaineisto", "sv": "exempeldata", "en": "example data"},
    "yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "no": {"fi": "ei", "sv": "nej", "en": "no"},
    "download_csv": {"fi": "Lataa CSV", "sv": "Ladda ner CSV", "en": "Download CSV"},
    "download_xlsx": {"fi": "Lataa XLSX", "sv": "Ladda ner XLSX", "en": "Download XLSX"},
    "download_png": {"fi": "Lataa PNG", "sv": "Ladda ner PNG", "en": "Download PNG"},
    "source_note": {
        "fi": "Lähde: Kumppanuuspöydät kevät 2021 -raportti; väkiluku: Tilastokeskus 31.12.2020.",
        "sv": "Källa: rapporten Partnerskapsbord våren 2021; folkmängd: Statistikcentralen "
              "31.12.2020.",
        "en": "Source: the Partnership tables spring 2021 report; population: Statistics "
              "Finland 31 Dec 2020.",
    },
    "source_note_example": {
        "fi": "Esimerkkiaineisto: osa näytetyistä luvuista on keksittyjä "
              "(scripts/make_example_data.py), ei raportin tietoja.",
        "sv": "Exempeldata: en del av de visade siffrorna är påhittade "
              "(scripts/make_example_data.py), inte rapportens uppgifter.",
        "en": "Example data: some of the figures shown are invented "
              "(scripts/make_example_data.py), not the report's.",
    },
    "logged_in_as": {"fi": "Kirjautunut: {user}", "sv": "Inloggad: {user}",
                     "en": "Logged in: {user}"},
    "login": {"fi": "Kirjaudu (henkilökunta)", "sv": "Logga in (personal)",
              "en": "Log in (staff)"},
    "logout": {"fi": "Kirjaudu ulos", "sv": "Logga ut", "en": "Log out"},
    "db_error": {
        "fi": "Tietokantaan ei saatu yhteyttä. Tarkista DATABASE_URL-asetus. ({error})",
        "sv": "Ingen kontakt med databasen. Kontrollera DATABASE_URL. ({error})",
        "en": "Could not reach the database. Check DATABASE_URL. ({error})",
    },
    # -- NGO-friendliness scores and the feedback poll (pages/jarjestoystavallisyys.py) --------
    "group_participants": {"fi": "osallistujat", "sv": "deltagare", "en": "participants"},
    "group_managers": {"fi": "kuntajohtajat", "sv": "kommundirektörer", "en": "municipal managers"},
    "example_subtitle": {
        "fi": "Keksittyjä lukuja esittelyä varten – ei oikeita arvioita.",
        "sv": "Påhittade siffror för demonstration – inga riktiga bedömningar.",
        "en": "Invented figures for demonstration – not real ratings.",
    },
    "scores_mean_pct": {"fi": "Keskiarvo (0–100 %)", "sv": "Medelvärde (0–100 %)",
                        "en": "Mean (0–100 %)"},
    "scores_mean_orig": {"fi": "Keskiarvo (alkuperäinen asteikko)",
                         "sv": "Medelvärde (ursprunglig skala)", "en": "Mean (original scale)"},
    "scores_scale": {"fi": "Asteikko", "sv": "Skala", "en": "Scale"},
    "scores_n": {"fi": "Vastaajia", "sv": "Svarande", "en": "Respondents"},
    "scores_group": {"fi": "Vastaajaryhmä", "sv": "Svarsgrupp", "en": "Respondent group"},
    "scores_criterion": {"fi": "Kriteeri", "sv": "Kriterium", "en": "Criterion"},
    "scores_gap": {"fi": "Ero (osallistujat − kuntajohtajat), %-yks.",
                   "sv": "Skillnad (deltagare − direktörer), %-enh.",
                   "en": "Gap (participants − managers), pp"},
    "scores_change": {"fi": "Muutos, %-yks.", "sv": "Förändring, %-enh.",
                      "en": "Change, pp"},
    "scores_small_n": {"fi": "alle {n} vastaajaa", "sv": "under {n} svarande",
                       "en": "fewer than {n} respondents"},
    "scores_no_answers": {"fi": "ei vastauksia", "sv": "inga svar", "en": "no answers"},
    "scores_hidden": {"fi": "Piilotettu", "sv": "Dold", "en": "Hidden"},
    "scores_title_muni": {"fi": "Järjestöystävällisyys: {name}", "sv": "Föreningsvänlighet: {name}",
                          "en": "NGO-friendliness: {name}"},
    "scores_title_heat": {"fi": "Osallistujien keskiarvo kunnittain",
                          "sv": "Deltagarnas medelvärde per kommun",
                          "en": "Participants' mean by municipality"},
    "scores_title_gap": {"fi": "Ero: osallistujat − kuntajohtajat",
                         "sv": "Skillnad: deltagare − direktörer",
                         "en": "Gap: participants − managers"},
    "scores_title_change": {"fi": "Muutos kierrosten välillä", "sv": "Förändring mellan omgångar",
                            "en": "Change between rounds"},
    "scores_min_n": {"fi": "Pienin näytettävä vastaajaryhmä", "sv": "Minsta grupp som visas",
                     "en": "Smallest group shown"},
    "scores_min_n_help": {
        "fi": "Ryhmän keskiarvo piilotetaan, jos kunnan ja kriteerin vastaajia on vähemmän.",
        "sv": "Gruppens medelvärde döljs om kommunen och kriteriet har färre svarande.",
        "en": "A group's mean is hidden when a municipality and criterion have fewer respondents.",
    },
    "scores_min_n_fixed": {
        "fi": "Alle {n} vastaajan ryhmien keskiarvot piilotetaan.",
        "sv": "Medelvärden för grupper med färre än {n} svarande döljs.",
        "en": "Means of groups with fewer than {n} respondents are hidden.",
    },
    "scores_example_stored_warning": {
        "fi": "Esimerkkiaineisto: osa luvuista on tuotu esimerkkiaineistona, ne ovat keksittyjä.",
        "sv": "Exempeldata: en del av siffrorna har importerats som exempeldata och är påhittade.",
        "en": "Example data: some figures were imported as example data and are invented.",
    },
    "scores_show_example": {"fi": "Näytä esimerkkiaineisto", "sv": "Visa exempeldata",
                            "en": "Show example data"},
    "scores_example_warning": {
        "fi": "Esimerkkiaineisto: luvut ovat keksittyjä eivätkä ole tietokannassa.",
        "sv": "Exempeldata: siffrorna är påhittade och finns inte i databasen.",
        "en": "Example data: the figures are invented and are not in the database.",
    },
    "scores_empty": {
        "fi": "Järjestöystävällisyyden arvioita ei ole vielä ladattu.",
        "sv": "Inga bedömningar av föreningsvänlighet har laddats upp ännu.",
        "en": "No NGO-friendliness ratings have been uploaded yet.",
    },
    "scores_howto": {
        "fi": "**Näin lisäät arviot:**\n"
              "1. Lataa pohja alta ja täytä se (yksi arvio tai keskiarvo + vastaajia riviä kohti).\n"
              "2. Kirjaudu ja vie tiedosto sivulla *Lataa aineistoa* lajina **scores** "
              "(järjestöystävällisyys) – tai Mentimeterin tulostiedosto lajina **menti**.\n"
              "3. Tai komentoriviltä: `python -m kumppanuus import scores TIEDOSTO`.\n\n"
              "Voit katsoa sivua myös esimerkkiaineistolla (kytkin yllä); se ei tallennu "
              "tietokantaan.",
        "sv": "**Så lägger du till bedömningar:**\n"
              "1. Ladda ner mallen nedan och fyll i den.\n"
              "2. Logga in och ladda upp filen på sidan *Ladda upp data* som **scores** – "
              "eller en Mentimeter-export som **menti**.\n"
              "3. Eller på kommandoraden: `python -m kumppanuus import scores FIL`.\n\n"
              "Du kan också visa sidan med exempeldata (reglaget ovan); den sparas inte.",
        "en": "**How to add ratings:**\n"
              "1. Download the template below and fill it in.\n"
              "2. Log in and upload the file on *Upload data* as kind **scores** – or a "
              "Mentimeter export as **menti**.\n"
              "3. Or on the command line: `python -m kumppanuus import scores FILE`.\n\n"
              "You can also view the page with example data (toggle above); it is not saved.",
    },
    "scores_template": {"fi": "Lataa arviopohja (CSV)", "sv": "Ladda ner mall (CSV)",
                        "en": "Download template (CSV)"},
    "scores_none_for_filter": {
        "fi": "Valitulle kierrokselle tai kunnalle ei ole arvioita.",
        "sv": "Inga bedömningar för vald omgång eller kommun.",
        "en": "No ratings for the selected round or municipality.",
    },
    "scores_pick_municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "scores_region": {"fi": "Alueen yleiskuva", "sv": "Regionöversikt", "en": "Region overview"},
    "scores_sort_by": {"fi": "Järjestä kunnat kriteerin mukaan",
                       "sv": "Sortera kommunerna efter kriterium",
                       "en": "Sort municipalities by criterion"},
    "scores_sort_all": {"fi": "kaikki kriteerit", "sv": "alla kriterier", "en": "all criteria"},
    "scores_gap_note": {
        "fi": "Ero = osallistujien keskiarvo − kuntajohtajien keskiarvo prosenttiyksikköinä "
              "0–100 %-asteikolla. Positiivinen: osallistujat arvioivat kunnan paremmaksi kuin "
              "kuntajohtajat; negatiivinen: kuntajohtajat arvioivat paremmaksi.",
        "sv": "Skillnad = deltagarnas medelvärde − direktörernas, i procentenheter på skalan "
              "0–100 %. Positiv: deltagarna bedömer kommunen högre än direktörerna.",
        "en": "Gap = participants' mean − managers' mean in percentage points on the 0–100 % "
              "scale. Positive: participants rate the municipality higher than its managers.",
    },
    "scores_scale_note": {
        "fi": "Eri asteikot (1–5, 0–5, 1–10) muunnetaan vertailua varten 0–100 %:ksi: "
              "(keskiarvo − min) / (max − min). Alkuperäinen asteikko näkyy työkaluvihjeessä.",
        "sv": "Olika skalor (1–5, 0–5, 1–10) räknas om till 0–100 %: (medel − min) / "
              "(max − min). Den ursprungliga skalan visas i verktygstipset.",
        "en": "Different scales (1–5, 0–5, 1–10) are compared on 0–100 %: (mean − min) / "
              "(max − min). The original scale is shown in the tooltip.",
    },
    "scores_rounds": {"fi": "Kierrosten vertailu", "sv": "Jämförelse mellan omgångar",
                      "en": "Comparison of rounds"},
    "feedback_heading": {"fi": "Palautekysely", "sv": "Responsenkät", "en": "Feedback poll"},
    "feedback_title_content": {"fi": "Miten arvioit pöydän sisällön?",
                               "sv": "Hur bedömer du bordets innehåll?",
                               "en": "How would you rate the content?"},
    "feedback_title_heard_via": {"fi": "Mistä kuulit kumppanuuspöydästä?",
                                 "sv": "Var hörde du om partnerskapsbordet?",
                                 "en": "Where did you hear about the table?"},
    "feedback_option": {"fi": "Vastaus", "sv": "Svar", "en": "Answer"},
    "feedback_count": {"fi": "Vastauksia", "sv": "Svar", "en": "Answers"},
    "feedback_table": {"fi": "Pöytä", "sv": "Bord", "en": "Table"},
    "feedback_whole_round": {"fi": "koko kierros", "sv": "hela omgången", "en": "whole round"},
    "feedback_empty": {"fi": "Palautekyselyn tuloksia ei ole ladattu (laji feedback).",
                       "sv": "Inga resultat från responsenkäten (typ feedback).",
                       "en": "No feedback poll results uploaded (kind feedback)."},
    "opening_db": {"fi": "Avataan tietokantaa…", "sv": "Databasen öppnas…",
                   "en": "Opening the database…"},
    "pp_unit": {"fi": "%-yks.", "sv": "%-enh.", "en": "pp"},
    # -- labels shared by charts, tooltips and tables ------------------------------------------
    "label_table": {"fi": "Pöytä", "sv": "Bord", "en": "Table"},
    "label_date": {"fi": "Päivämäärä", "sv": "Datum", "en": "Date"},
    "label_municipalities": {"fi": "Kunnat", "sv": "Kommuner", "en": "Municipalities"},
    "label_group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "label_count": {"fi": "Lukumäärä", "sv": "Antal", "en": "Count"},
    "label_source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "per_1000": {"fi": "Osallistujia / 1 000 asukasta", "sv": "Deltagare / 1 000 invånare",
                 "en": "Participants / 1,000 inhabitants"},
    "population_2020": {"fi": "Asukkaita 2020", "sv": "Invånare 2020",
                        "en": "Inhabitants 2020"},
    "leader_group": {"fi": "Leader-ryhmä", "sv": "Leadergrupp", "en": "Leader group"},
    "joint_authority": {"fi": "Yhteistoiminta-alue", "sv": "Samarbetsområde",
                        "en": "Joint authority area"},
    "partnership_tables": {"fi": "Kumppanuuspöydät", "sv": "Partnerskapsbord",
                           "en": "Partnership tables"},
    "partnership_tables_count": {"fi": "Kumppanuuspöytiä", "sv": "Partnerskapsbord",
                                 "en": "Partnership tables"},
    "municipalities_count": {"fi": "Kuntia", "sv": "Kommuner", "en": "Municipalities"},
    "split_note": {"fi": "Miksi Kurikka on jaettu", "sv": "Varför Kurikka är delad",
                   "en": "Why Kurikka is split"},
    "speakers": {"fi": "Alustajat", "sv": "Inledare", "en": "Speakers"},
    # -- column headers of tables shown on the pages (downloads keep the spec's Finnish ones) ----
    "col_table": {"fi": "pöytä", "sv": "bord", "en": "table"},
    "col_date": {"fi": "päivämäärä", "sv": "datum", "en": "date"},
    "col_participants": {"fi": "osallistujia", "sv": "deltagare", "en": "participants"},
    "col_no": {"fi": "nro", "sv": "nr", "en": "no."},
    "col_name": {"fi": "nimi", "sv": "namn", "en": "name"},
    "col_title": {"fi": "tehtävä", "sv": "befattning", "en": "position"},
    "col_organisation": {"fi": "organisaatio", "sv": "organisation", "en": "organisation"},
    "col_role": {"fi": "rooli", "sv": "roll", "en": "role"},
    "col_municipality": {"fi": "kunta", "sv": "kommun", "en": "municipality"},
    "col_leader_area": {"fi": "Leader-alue", "sv": "Leader-område", "en": "Leader area"},
    "col_status": {"fi": "tila", "sv": "status", "en": "status"},
    "col_email": {"fi": "sähköposti", "sv": "e-post", "en": "e-mail"},
    "col_phone": {"fi": "puhelin", "sv": "telefon", "en": "phone"},
    "col_note": {"fi": "huomio", "sv": "anmärkning", "en": "note"},
    "col_code": {"fi": "kuntanumero", "sv": "kommunnummer", "en": "municipality code"},
    "col_file": {"fi": "tiedosto", "sv": "fil", "en": "file"},
    "col_row": {"fi": "rivi", "sv": "rad", "en": "row"},
    "col_column": {"fi": "sarake", "sv": "kolumn", "en": "column"},
    "col_value": {"fi": "arvo", "sv": "värde", "en": "value"},
    "col_problem": {"fi": "ongelma", "sv": "problem", "en": "problem"},
    "col_import_id": {"fi": "tunnus", "sv": "id", "en": "id"},
    "col_time": {"fi": "aika", "sv": "tid", "en": "time"},
    "col_user": {"fi": "käyttäjä", "sv": "användare", "en": "user"},
    "col_kind": {"fi": "laji", "sv": "typ", "en": "kind"},
    "col_added": {"fi": "lisätty", "sv": "tillagda", "en": "added"},
    "col_updated": {"fi": "päivitetty", "sv": "uppdaterade", "en": "updated"},
    "col_undone": {"fi": "peruttu", "sv": "ångrad", "en": "undone"},
    # -- the map page (pages/kartta.py, geo/) -----------------------------------------------------
    "map_loading_boundaries": {"fi": "Luetaan rajatiedostoja…", "sv": "Gränsfilerna läses in…",
                               "en": "Reading boundary files…"},
    "map_liaison": {"fi": "Järjestöyhdyshenkilö", "sv": "Föreningskontaktperson",
                    "en": "NGO liaison"},
    "map_pick_hint": {
        "fi": "Valitse kunta kartalta: näet sen pöydät, alustajat ja yhdyshenkilöt.",
        "sv": "Välj en kommun på kartan: du ser dess bord, inledare och kontaktpersoner.",
        "en": "Pick a municipality on the map to see its tables, speakers and liaisons.",
    },
    "map_download_html": {"fi": "Lataa kartta (HTML)", "sv": "Ladda ner kartan (HTML)",
                          "en": "Download the map (HTML)"},
    "map_colour_by": {"fi": "Väritä kartta", "sv": "Färglägg kartan", "en": "Colour the map by"},
    "map_show_areas": {"fi": "Näytä Leader-alueet", "sv": "Visa Leader-områdena",
                       "en": "Show Leader areas"},
    "map_tiles": {"fi": "Taustakartta", "sv": "Bakgrundskarta", "en": "Background map"},
    "map_tiles_help": {"fi": "OpenStreetMap-taustakartta (vaatii verkkoyhteyden).",
                       "sv": "Bakgrundskarta från OpenStreetMap (kräver nätförbindelse).",
                       "en": "OpenStreetMap background (needs a network connection)."},
    "map_scores_hint": {
        "fi": "Järjestöystävällisyyden kartat näkyvät, kun arvioita on ladattu.",
        "sv": "Kartorna över föreningsvänlighet visas när bedömningar har laddats upp.",
        "en": "The NGO-friendliness maps appear once ratings have been uploaded.",
    },
    "map_missing_boundaries": {
        "fi": "Rajatiedostoja ei löytynyt: {files}. Kunnat näytetään kuntakeskuksina. Aseta "
              "KUMPPANUUS_GEO_DIR kansioon, jossa rajatiedostot ovat.",
        "sv": "Gränsfilerna hittades inte: {files}. Kommunerna visas som kommuncentrum. Ställ "
              "in KUMPPANUUS_GEO_DIR på mappen där gränsfilerna finns.",
        "en": "Boundary files not found: {files}. Municipalities are shown as their centres. "
              "Set KUMPPANUUS_GEO_DIR to the folder that holds the boundary files.",
    },
    "map_attribution": {"fi": "© Maanmittauslaitos, CC BY 4.0",
                        "sv": "© Lantmäteriverket, CC BY 4.0",
                        "en": "© National Land Survey of Finland, CC BY 4.0"},
    "metric_leader_area": {"fi": "Leader-ryhmä", "sv": "Leadergrupp", "en": "Leader group"},
    "metric_per_1000": {"fi": "Osallistujia / 1 000 asukasta", "sv": "Deltagare / 1 000 invånare",
                        "en": "Participants / 1,000 inhabitants"},
    "metric_n_tables": {"fi": "Kumppanuuspöytiä", "sv": "Partnerskapsbord",
                        "en": "Partnership tables"},
    "metric_mean_pct": {"fi": "Järjestöystävällisyys, osallistujat (%)",
                        "sv": "Föreningsvänlighet, deltagare (%)",
                        "en": "NGO-friendliness, participants (%)"},
    "metric_gap_pct": {"fi": "Ero: osallistujat − kuntajohtajat (%-yks.)",
                       "sv": "Skillnad: deltagare − direktörer (%-enh.)",
                       "en": "Gap: participants − managers (pp)"},
    # -- the tables page (pages/poydat.py, kumppanuus/charts.py) --------------------------------
    "tab_participants": {"fi": "Osallistujat", "sv": "Deltagare", "en": "Participants"},
    "tab_per_capita": {"fi": "Suhteessa väkilukuun", "sv": "I förhållande till folkmängden",
                       "en": "Per capita"},
    "tab_timeline": {"fi": "Aikajana", "sv": "Tidslinje", "en": "Timeline"},
    "tab_registrations": {"fi": "Ilmoittautuneet", "sv": "Anmälda", "en": "Registrations"},
    "tab_feedback": {"fi": "Palaute", "sv": "Respons", "en": "Feedback"},
    "tab_details": {"fi": "Pöydän tiedot", "sv": "Bordets uppgifter", "en": "Table details"},
    "per_capita_note": {
        "fi": "Usean kunnan pöytä jaetaan kuntien yhteenlasketulla väkiluvulla (2020).",
        "sv": "Ett bord för flera kommuner delas med kommunernas sammanlagda folkmängd (2020).",
        "en": "A table for several municipalities is divided by their combined population "
              "(2020).",
    },
    "tables_feedback_empty": {
        "fi": "Palautekyselyn tuloksia ei ole vielä ladattu – lisää ne Lataa aineistoa "
              "-sivulla (laji: feedback)",
        "sv": "Inga resultat från responsenkäten har laddats upp ännu – lägg till dem på sidan "
              "Ladda upp data (typ: feedback)",
        "en": "No feedback poll results have been uploaded yet – add them on the Upload data "
              "page (kind: feedback)",
    },
    "tables_none": {
        "fi": "Valinnoilla ei löydy yhtään pöytää. Vaihda kierrosta, Leader-aluetta tai kuntaa "
              "sivupalkista.",
        "sv": "Inga bord motsvarar valen. Byt omgång, Leader-område eller kommun i sidofältet.",
        "en": "No tables match the selection. Change the round, Leader area or municipality in "
              "the sidebar.",
    },
    "tables_round": {"fi": "Kierros: {round}", "sv": "Omgång: {round}", "en": "Round: {round}"},
    "all_rounds": {"fi": "kaikki kierrokset", "sv": "alla omgångar", "en": "all rounds"},
    "chart_registrations": {"fi": "Ilmoittautuneita", "sv": "Anmälda", "en": "Registered"},
    "chart_presence": {"fi": "Läsnä", "sv": "Närvarande", "en": "Present"},
    "registrations_empty": {
        "fi": "Valituista pöydistä ei ole ilmoittautumislukuja – puuttuvia lukuja ei näytetä "
              "nollina.",
        "sv": "De valda borden har inga anmälningssiffror – saknade siffror visas inte som "
              "nollor.",
        "en": "The selected tables have no registration figures – missing figures are not "
              "shown as zeros.",
    },
    "presence_empty": {
        "fi": "Valituista pöydistä ei ole läsnäololukuja (verkossa enimmillään / paikan päällä) "
              "– puuttuvia lukuja ei näytetä nollina.",
        "sv": "De valda borden har inga närvarosiffror (som mest på nätet / på plats) – saknade "
              "siffror visas inte som nollor.",
        "en": "The selected tables have no attendance figures (online peak / on site) – "
              "missing figures are not shown as zeros.",
    },
    "registrations_missing": {
        "fi": "{n} pöydältä ei ole ilmoittautumislukuja; niitä ei näytetä nollina.",
        "sv": "{n} bord saknar anmälningssiffror; de visas inte som nollor.",
        "en": "{n} tables have no registration figures; they are not shown as zeros.",
    },
    "presence_missing": {
        "fi": "{n} pöydältä ei ole läsnäololukuja (verkossa enimmillään / paikan päällä); "
              "niitä ei näytetä nollina.",
        "sv": "{n} bord saknar närvarosiffror (som mest på nätet / på plats); de visas inte "
              "som nollor.",
        "en": "{n} tables have no attendance figures (online peak / on site); they are not "
              "shown as zeros.",
    },
    "fig_registered_local_orgs": {"fi": "paikalliset järjestöt", "sv": "lokala föreningar",
                                  "en": "local organisations"},
    "fig_registered_regional_orgs": {"fi": "laajemman alueen toimijat",
                                     "sv": "aktörer från ett större område",
                                     "en": "regional actors"},
    "fig_registered_officials": {"fi": "viranhaltijat", "sv": "tjänsteinnehavare",
                                 "en": "officials"},
    "fig_online_peak": {"fi": "verkossa enimmillään", "sv": "som mest på nätet",
                        "en": "online at peak"},
    "fig_onsite": {"fi": "paikan päällä", "sv": "på plats", "en": "on site"},
    "all_selected_tables": {"fi": "Kaikki valitut pöydät", "sv": "Alla valda bord",
                            "en": "All selected tables"},
    "pick_table": {"fi": "Valitse pöytä", "sv": "Välj bord", "en": "Choose a table"},
    "registrations_by_group": {"fi": "Ilmoittautuneet ryhmittäin", "sv": "Anmälda per grupp",
                               "en": "Registrations by group"},
    "no_registrations": {"fi": "Tästä pöydästä ei ole ilmoittautumislukuja.",
                         "sv": "Det här bordet har inga anmälningssiffror.",
                         "en": "This table has no registration figures."},
    "presence_heading": {"fi": "Läsnä verkossa ja paikan päällä",
                         "sv": "Närvarande på nätet och på plats",
                         "en": "Present online and on site"},
    "no_presence": {"fi": "Tästä pöydästä ei ole läsnäololukuja.",
                    "sv": "Det här bordet har inga närvarosiffror.",
                    "en": "This table has no attendance figures."},
    "municipal_liaisons": {"fi": "Kuntien järjestöyhdyshenkilöt",
                           "sv": "Kommunernas föreningskontaktpersoner",
                           "en": "The municipalities' NGO liaisons"},
    "open_memo": {"fi": "Avaa pöydän muistio", "sv": "Öppna bordets minnesanteckningar",
                  "en": "Open the table's notes"},
    # -- the people page (pages/yhteyshenkilot.py, kumppanuus/directory.py) ----------------------
    "role_liaison": {"fi": "järjestöyhdyshenkilö", "sv": "föreningskontaktperson",
                     "en": "NGO liaison"},
    "role_leader": {"fi": "Leader-kyläkehittäjä", "sv": "Leader-byautvecklare",
                    "en": "Leader village developer"},
    "role_organiser": {"fi": "järjestäjä", "sv": "arrangör", "en": "organiser"},
    "role_other": {"fi": "muu", "sv": "annan", "en": "other"},
    "status_active": {"fi": "aktiivinen", "sv": "aktiv", "en": "active"},
    "status_changing": {"fi": "vaihtumassa", "sv": "byts ut", "en": "changing"},
    "status_former": {"fi": "entinen", "sv": "tidigare", "en": "former"},
    "role_title_liaison": {"fi": "Järjestöyhdyshenkilöt kunnittain",
                           "sv": "Föreningskontaktpersoner per kommun",
                           "en": "NGO liaisons by municipality"},
    "role_title_leader": {"fi": "Leader-kyläkehittäjät Leader-alueittain",
                          "sv": "Leader-byautvecklare per Leader-område",
                          "en": "Leader village developers by Leader area"},
    "role_title_organiser": {"fi": "Järjestäjät", "sv": "Arrangörer", "en": "Organisers"},
    "role_title_other": {"fi": "Muut yhteyshenkilöt", "sv": "Övriga kontaktpersoner",
                         "en": "Other contacts"},
    "people_search": {"fi": "Hae (nimi, organisaatio, kunta, huomio)",
                      "sv": "Sök (namn, organisation, kommun, anmärkning)",
                      "en": "Search (name, organisation, municipality, note)"},
    "people_role": {"fi": "Rooli", "sv": "Roll", "en": "Role"},
    "people_status": {"fi": "Tila", "sv": "Status", "en": "Status"},
    "people_filter_hint": {"fi": "Kunnan ja Leader-alueen voi rajata sivupalkista.",
                           "sv": "Kommun och Leader-område kan väljas i sidofältet.",
                           "en": "Municipality and Leader area can be chosen in the sidebar."},
    "people_changing": {"fi": "{municipality}: {name} – vaihtumassa. {note}",
                        "sv": "{municipality}: {name} – byts ut. {note}",
                        "en": "{municipality}: {name} – about to change. {note}"},
    "people_none": {"fi": "Haulla ei löytynyt yhteyshenkilöitä.",
                    "sv": "Sökningen gav inga kontaktpersoner.",
                    "en": "The search found no contacts."},
    "people_contacts_hidden": {
        "fi": "Puhelinnumerot ja sähköpostiosoitteet näkyvät vain kirjautuneelle "
              "henkilökunnalle (ei esitystilassa).",
        "sv": "Telefonnummer och e-postadresser visas bara för inloggad personal (inte i "
              "presentationsläget).",
        "en": "Phone numbers and e-mail addresses are shown only to logged-in staff (not in "
              "presentation mode).",
    },
    "people_include_personal": {"fi": "Sisällytä sähköpostit ja puhelinnumerot latauksiin",
                                "sv": "Ta med e-postadresser och telefonnummer i nedladdningarna",
                                "en": "Include e-mail addresses and phone numbers in downloads"},
    "people_gaps_heading": {"fi": "Kunnat ilman nimettyä järjestöyhdyshenkilöä (kriteeri 3)",
                            "sv": "Kommuner utan utsedd föreningskontaktperson (kriterium 3)",
                            "en": "Municipalities without a named NGO liaison (criterion 3)"},
    "people_no_gaps": {"fi": "Kaikki {n} kuntaa ovat nimenneet järjestöyhdyshenkilön.",
                       "sv": "Alla {n} kommuner har utsett en föreningskontaktperson.",
                       "en": "All {n} municipalities have named an NGO liaison."},
    # -- the upload page (pages/lataa.py, ui/upload.py) -----------------------------------------
    "tab_upload_file": {"fi": "Lataa tiedosto", "sv": "Ladda upp fil", "en": "Upload a file"},
    "tab_history": {"fi": "Historia ja peruminen", "sv": "Historik och ångring",
                    "en": "History and undo"},
    "tab_templates": {"fi": "Pohjat", "sv": "Mallar", "en": "Templates"},
    "upload_file_label": {"fi": "Tiedosto (CSV, XLSX tai Mentimeter-vienti)",
                          "sv": "Fil (CSV, XLSX eller Mentimeter-export)",
                          "en": "File (CSV, XLSX or Mentimeter export)"},
    "upload_choose_file": {
        "fi": "Valitse tiedosto. Sivu tunnistaa lajin otsikoista; tarkistat esikatselun "
              "ennen kuin mitään tallennetaan.",
        "sv": "Välj en fil. Sidan känner igen typen utifrån rubrikerna; du granskar "
              "förhandsvisningen innan något sparas.",
        "en": "Choose a file. The page recognises its kind from the headers; you review a "
              "preview before anything is saved.",
    },
    "upload_check": {"fi": "Tarkista tiedosto", "sv": "Kontrollera filen", "en": "Check the file"},
    "templates_note": {
        "fi": "Pohjissa on suomenkieliset otsikot ja yksi esimerkkirivi, jonka voi poistaa.",
        "sv": "Mallarna har finska rubriker och en exempelrad som kan tas bort.",
        "en": "The templates have Finnish headers and one example row that can be deleted.",
    },
    "upload_limits": {"fi": "Suurin sallittu tiedosto {mb} Mt, enintään {rows} riviä.",
                      "sv": "Största tillåtna fil {mb} MB, högst {rows} rader.",
                      "en": "Largest file allowed {mb} MB, at most {rows} rows."},
    "kind_tables": {"fi": "kumppanuuspöydät", "sv": "partnerskapsbord",
                    "en": "partnership tables"},
    "kind_contacts": {"fi": "yhteyshenkilöt", "sv": "kontaktpersoner", "en": "contacts"},
    "kind_speakers": {"fi": "alustajat", "sv": "inledare", "en": "speakers"},
    "kind_scores": {"fi": "järjestöystävällisyys", "sv": "föreningsvänlighet",
                    "en": "NGO-friendliness"},
    "kind_feedback": {"fi": "palaute", "sv": "respons", "en": "feedback"},
    "kind_menti": {"fi": "Mentimeter-vienti (menti → arviot)",
                   "sv": "Mentimeter-export (menti → bedömningar)",
                   "en": "Mentimeter export (menti → ratings)"},
    "upload_guess": {"fi": "Otsikoiden perusteella laji on **{kind}** – vahvista tai vaihda.",
                     "sv": "Utifrån rubrikerna är typen **{kind}** – bekräfta eller byt.",
                     "en": "From the headers the kind is **{kind}** – confirm or change it."},
    "upload_no_guess": {"fi": "Lajia ei tunnistettu otsikoista: valitse laji.",
                        "sv": "Typen kändes inte igen utifrån rubrikerna: välj typ.",
                        "en": "The kind was not recognised from the headers: choose one."},
    "upload_kind": {"fi": "Laji", "sv": "Typ", "en": "Kind"},
    "menti_source_placeholder": {"fi": "pöytä 8 tai kuntajohtajafoorumi 26.1.2021",
                                 "sv": "bord 8 eller kommundirektörsforum 26.1.2021",
                                 "en": "table 8 or municipal managers' forum 26.1.2021"},
    "upload_checking": {"fi": "Tarkistetaan…", "sv": "Kontrollerar…", "en": "Checking…"},
    "upload_problems": {
        "fi": "Tiedostossa {file} on {n} ongelmaa – mitään ei tallennettu. Korjaa rivit ja "
              "lataa tiedosto uudelleen.",
        "sv": "Filen {file} har {n} problem – inget sparades. Rätta raderna och ladda upp "
              "filen igen.",
        "en": "The file {file} has {n} problems – nothing was saved. Fix the rows and upload "
              "the file again.",
    },
    "upload_to_add": {"fi": "Lisättäviä rivejä", "sv": "Rader att lägga till",
                      "en": "Rows to add"},
    "upload_to_update": {"fi": "Päivitettäviä rivejä", "sv": "Rader att uppdatera",
                         "en": "Rows to update"},
    "upload_unchanged": {"fi": "Ennallaan", "sv": "Oförändrade", "en": "Unchanged"},
    "upload_warnings": {"fi": "{n} huomautusta – tarkista ennen tallennusta.",
                        "sv": "{n} anmärkningar – kontrollera innan du sparar.",
                        "en": "{n} warnings – check them before saving."},
    "upload_added_rows": {"fi": "Lisättävät rivit", "sv": "Rader som läggs till",
                          "en": "Rows to be added"},
    "upload_updated_rows": {"fi": "Päivitettävät rivit (muuttuneet solut korostettu)",
                            "sv": "Rader som uppdateras (ändrade celler markerade)",
                            "en": "Rows to be updated (changed cells highlighted)"},
    "upload_no_change": {"fi": "Tiedosto ei muuta mitään: samat rivit ovat jo tietokannassa.",
                         "sv": "Filen ändrar ingenting: samma rader finns redan i databasen.",
                         "en": "The file changes nothing: the same rows are already in the "
                               "database."},
    "upload_confirm": {"fi": "Vahvista ja tallenna", "sv": "Bekräfta och spara",
                       "en": "Confirm and save"},
    "upload_done": {"fi": "Tallennettu tuontina {id}: lisätty {added}, päivitetty {updated}.",
                    "sv": "Sparat som import {id}: {added} tillagda, {updated} uppdaterade.",
                    "en": "Saved as import {id}: {added} added, {updated} updated."},
    "history_empty": {
        "fi": "Tuonteja ei vielä ole. Jokainen tallennettu tiedosto näkyy tässä, ja sen voi "
              "perua.",
        "sv": "Inga importer ännu. Varje sparad fil visas här och kan ångras.",
        "en": "No imports yet. Every saved file is listed here and can be undone.",
    },
    "history_pick": {"fi": "Peruttava tuonti", "sv": "Import att ångra", "en": "Import to undo"},
    "history_undo": {"fi": "Peru tuonti {id}", "sv": "Ångra import {id}", "en": "Undo import {id}"},
    "history_undone": {
        "fi": "Tuonti {id} peruttu: lisätyt rivit poistettu ja päivitetyt palautettu.",
        "sv": "Import {id} ångrad: tillagda rader togs bort och uppdaterade återställdes.",
        "en": "Import {id} undone: added rows removed and updated rows restored.",
    },
    # -- login (ui/login.py, ui/auth.py) ----------------------------------------------------------
    "upload_mark_example": {"fi": "Tämä on esimerkkiaineistoa (keksittyjä lukuja)",
                            "sv": "Detta är exempeldata (påhittade siffror)",
                            "en": "This is example data (invented figures)"},
    "upload_mark_example_help": {
        "fi": "Rivit merkitään esimerkkiaineistoksi ja tallentuvat omalle kierrokselleen "
              "(esimerkki: …), joten ne eivät koskaan sekoitu oikeisiin tuloksiin.",
        "sv": "Raderna märks som exempeldata och sparas i en egen omgång (esimerkki: …), så "
              "de blandas aldrig med verkliga resultat.",
        "en": "The rows are marked as example data and stored in a round of their own "
              "(esimerkki: …), so they never mix with real results.",
    },
    "login_info": {
        "fi": "Aineiston lataaminen ja yhteystietojen näkeminen vaativat henkilökunnan "
              "kirjautumisen. Kaikki muut sivut ovat avoinna ilman kirjautumista.",
        "sv": "Att ladda upp data och se kontaktuppgifter kräver att personalen loggar in. "
              "Alla andra sidor är öppna utan inloggning.",
        "en": "Uploading data and seeing contact details require a staff login. Every other "
              "page is open without logging in.",
    },
    "login_oidc": {"fi": "Kirjaudu organisaation tunnuksella",
                   "sv": "Logga in med organisationens konto",
                   "en": "Log in with your organisation account"},
    "login_not_configured": {
        "fi": "Henkilökunnan tunnuksia ei ole vielä määritetty, joten tuontisivu on suljettu.\n\n"
              "Ylläpitäjä lisää tunnuksen palvelimella komennolla\n\n"
              "`python -m kumppanuus add-user KÄYTTÄJÄTUNNUS`\n\n"
              "(salasana kysytään; se tallentuu vain bcrypt-tiivisteenä).",
        "sv": "Inga personalkonton har ännu definierats, så importsidan är stängd.\n\n"
              "Administratören lägger till ett konto på servern med kommandot\n\n"
              "`python -m kumppanuus add-user ANVÄNDARNAMN`\n\n"
              "(lösenordet frågas; det sparas bara som en bcrypt-hash).",
        "en": "No staff accounts have been set up yet, so the import page is closed.\n\n"
              "An administrator adds an account on the server with the command\n\n"
              "`python -m kumppanuus add-user USERNAME`\n\n"
              "(the password is asked for and stored only as a bcrypt hash).",
    },
    "login_broken": {
        "fi": "Henkilökunnan tunnuksia ei voitu lukea. Ylläpitäjä näkee syyn palvelimen lokista.",
        "sv": "Personalkontona kunde inte läsas. Administratören ser orsaken i serverns logg.",
        "en": "The staff accounts could not be read. An administrator finds the reason in the "
              "server log.",
    },
    "username": {"fi": "Käyttäjätunnus", "sv": "Användarnamn", "en": "Username"},
    "password": {"fi": "Salasana", "sv": "Lösenord", "en": "Password"},
    "login_submit": {"fi": "Kirjaudu", "sv": "Logga in", "en": "Log in"},
    "login_wrong": {"fi": "Väärä käyttäjätunnus tai salasana.",
                    "sv": "Fel användarnamn eller lösenord.",
                    "en": "Wrong username or password."},
    "login_throttled": {
        "fi": "Liian monta väärää yritystä. Yritä uudelleen {seconds} sekunnin kuluttua.",
        "sv": "För många felaktiga försök. Försök igen om {seconds} sekunder.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "map_open_pages": {"fi": "Avaa tämän kunnan tiedot:", "sv": "Öppna kommunens uppgifter:",
                       "en": "Open this municipality on:"},
}

from kumppanuus.i18n_forum import FORUM_STRINGS  # noqa: E402  (the forum helper's strings)

STRINGS.update(FORUM_STRINGS)
