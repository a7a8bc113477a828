from collections import Counter

from skolsok.cleaning import BlockCounts, block_key, clean_lines, count_blocks, normalize_text


def test_normalize_unifies_spaces_newlines_and_drops_invisible_characters():
    raw = "Rad\u00a0ett  med\u200b mellanrum \r\nRad två\t\x07\r\n"
    assert normalize_text(raw) == "Rad ett med mellanrum\nRad två\n"


def test_contact_lines_and_publication_stamp_are_removed():
    lines = [
        "Publicerad 2020-06-15, kl 11:44",
        "Kommunen satsar på digitala verktyg.",
        "Kontakt",
        "Anna Svensson, skolchef, anna.svensson@example.se, 0322-61 65 05.",
        "Per Berg, tel. 08-52 30 1999",
    ]
    cleaned = clean_lines(lines, BlockCounts())
    assert cleaned.text == "Kommunen satsar på digitala verktyg."
    assert [r.reason for r in cleaned.removed] == [
        "publication stamp",
        "contact details",
        "contact details",
        "contact details",
    ]


def test_trailing_comment_section_is_cut():
    lines = [
        "Artikeltext om skolan.",
        "2 kommentarer",
        "1. Kalle, 6 maj 2014",
        "Bra text!",
        "Kommentera",
        "E-postadressen publiceras inte. Obligatoriska fält är märkta *",
    ]
    cleaned = clean_lines(lines, BlockCounts())
    assert cleaned.text == "Artikeltext om skolan."
    assert cleaned.removed[0].reason == "comment section"
    assert cleaned.removed[0].text.startswith("2 kommentarer\n1. Kalle")


def test_comment_word_inside_long_content_does_not_cut_the_document():
    lines = ["Kommentera", *[f"Mening nummer {i} om skolans arbete med digitalisering." for i in range(10)]]
    cleaned = clean_lines(lines, BlockCounts())
    assert "Mening nummer 9" in cleaned.text


def test_repeated_sentences_and_navigation_words_are_boilerplate_but_headers_survive():
    page = [
        "Org A",
        "mottagare av utmärkelsen Priset 2021",
        "Motivering",
        "Unik text om A.",
        "Varje huvudman gör en video om sin verksamhet.",
        "Video",
        "Org B",
        "mottagare av utmärkelsen Priset 2021",
        "Motivering",
        "Unik text om B.",
        "Varje huvudman gör en video om sin verksamhet.",
        "Video",
        "Org C",
        "mottagare av utmärkelsen Priset 2021",
        "Motivering",
        "Unik text om C.",
    ]
    repeats = count_blocks(["\n".join(page)])
    header = block_key("mottagare av utmärkelsen Priset 2021")
    cleaned = clean_lines(page, repeats, protected=lambda line: block_key(line) == header)
    assert cleaned.text.split("\n\n") == [
        "Org A",
        "mottagare av utmärkelsen Priset 2021",
        "Unik text om A.",
        "Org B",
        "mottagare av utmärkelsen Priset 2021",
        "Unik text om B.",
        "Org C",
        "mottagare av utmärkelsen Priset 2021",
        "Unik text om C.",
    ]
    assert Counter(r.reason for r in cleaned.removed) == {"navigation": 5, "repeated boilerplate": 2}


def test_a_sentence_seen_once_is_kept_and_labels_are_kept():
    lines = ["Juryns motivering:", "En mening som bara finns här en gång."]
    repeats = count_blocks(["\n".join(lines), "Juryns motivering:"])
    assert clean_lines(lines, repeats).text == "Juryns motivering:\n\nEn mening som bara finns här en gång."


def test_a_paragraph_shared_by_two_documents_is_kept_but_one_in_three_is_chrome():
    quote = "Vi ser en ny digital mognad hos dessa huvudmän, säger juryns ordförande."
    two = count_blocks([f"A.\n{quote}", f"B.\n{quote}"])
    assert clean_lines([quote], two).text == quote
    three = count_blocks([f"A.\n{quote}", f"B.\n{quote}", f"C.\n{quote}"])
    assert clean_lines([quote], three).removed[0].reason == "repeated boilerplate"


def test_comment_form_lines_go_but_similar_words_in_prose_stay():
    lines = [
        "Skolan prenumererar på digitala läromedel.",
        "E-postadressen publiceras inte. Obligatoriska fält är märkta *",
    ]
    cleaned = clean_lines(lines, BlockCounts())
    assert cleaned.text == "Skolan prenumererar på digitala läromedel."
    assert [r.reason for r in cleaned.removed] == ["comment form"]


def test_a_paragraph_keeps_its_content_and_loses_only_its_contact_sentence():
    lines = [
        "Projektet startade 2022 och omfattar alla grundskolor i kommunen. "
        "Kontakta Anna Berg, anna.berg@exempel.se, för frågor.",
        "Lärarna får stöd av it-pedagoger. För frågor ring Per Berg, tel. 08-52 30 1999",
        "Anna Berg, rektor. anna.berg@exempel.se",
        "Per Berg",
        "070-123 45 67",
    ]
    cleaned = clean_lines(lines, BlockCounts())
    assert cleaned.text == (
        "Projektet startade 2022 och omfattar alla grundskolor i kommunen.\n\n"
        "Lärarna får stöd av it-pedagoger.\n\nPer Berg"
    )
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("Kontakta Anna Berg, anna.berg@exempel.se, för frågor.", "contact details"),
        # "tel. 08-…" spans the sentence break after "tel.": both halves go.
        ("För frågor ring Per Berg, tel.", "contact details"),
        ("08-52 30 1999", "contact details"),
        # A name and title beside an address is a contact block: the whole line goes.
        ("Anna Berg, rektor. anna.berg@exempel.se", "contact details"),
        ("070-123 45 67", "contact details"),
    ]
    assert (cleaned.kept, cleaned.offsets) == ((0, 1, 3), (0, 67, 102))


def _kept_and_reasons(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines ``clean_lines`` keeps, and the reason for each one it drops, in order."""
    cleaned = clean_lines(lines, BlockCounts())
    return cleaned.text.split("\n\n"), [r.reason for r in cleaned.removed]


def test_site_chrome_goes_and_lines_that_only_look_like_it_stay():
    lines = [
        "Meny Sök Lyssna Other languages",
        "Hem Skola Förskola Om Ankeby Kontakt",
        "Hem › Förskola och skola › Nyheter",
        "Sök på ankeby.se",
        "Vi använder kakor (cookies) för att webbplatsen ska fungera. [Acceptera alla]",
        "Pressmeddelande • 2023-06-01 08:30 CEST",
        "Reception och växel",
        "Storgatan 1",
        "123 45 Ankeby",
        "NYHETER OM SKOLAN I ANKEBY",
        "Skolplattformen använder cookies för att spåra elever, enligt IMY.",
        "Budgeten är 100 00 kronor lägre i år än i fjol, men skolorna får behålla sina datorer.",
        "Välkommen till öppet hus",
        "Alla är välkomna att besöka skolan i vår.",
    ]
    kept, reasons = _kept_and_reasons(lines)
    assert kept == lines[-5:]
    assert reasons == [
        *("navigation", "navigation", "navigation", "navigation", "cookie notice", "publication stamp"),
        *("contact details", "contact details", "contact details"),
    ]


def test_links_to_other_pages_under_a_read_also_heading_go_and_the_page_s_own_lines_below_stay():
    lines = [
        "Kommunen har infört en ny lärplattform för alla skolor.",
        "Läs också",
        "• Ankebys skolor får Guldtrappan – ”ett lagarbete”",
        "• Experten: Så skyddar sig kommuner mot it-attacker",
        "",
        "Anna Berg, skolchef och ordförande i digitaliseringsrådet",
        "Relaterade artiklar",
        "",
        "- Nya regler för elevdatorer",
        "",
        "- Så fungerar lärplattformen",
        "",
        "Mer om satsningen",
        "Satsningen fortsätter under hela läsåret.",
    ]
    kept, reasons = _kept_and_reasons(lines)
    # A list ends at a blank line unless it is bulleted (a saved web page's items), and at a sentence.
    assert kept == [lines[0], lines[5], *lines[12:]]
    assert reasons == ["related links"] * 6
    # Without blank lines (text, PDF, Word): at other chrome ("Kontakt") or the first line without a
    # bullet once the links had them; "Läs mer" heads a list too.
    lines = ["Läs mer", "• Ankebys skolor får Guldtrappan", "Kontakt", "Anna Berg, skolchef", "Ankeby kommun"]
    assert _kept_and_reasons(lines) == (lines[3:], ["related links", "related links", "contact details"])
    lines = ["Läs också", "• Ankebys skolor får Guldtrappan", "Så arbetar vi vidare", "Vi fortsätter."]
    assert _kept_and_reasons(lines)[0] == lines[2:]


def test_a_long_path_line_is_read_in_linear_time():
    import time

    line = "Hem" + " / Nyheter om skolan" * 20 + "."
    started = time.perf_counter()
    clean_lines([line, "Hem" + " / /" * 18], BlockCounts())
    assert time.perf_counter() - started < 0.05


def test_buttons_dotted_menus_capital_menus_and_datelines_go_and_table_rows_stay():
    lines = [
        "[Godkänn alla] [Bara nödvändiga] [Anpassa]",
        "Vi och våra partner lagrar information från din enhet. [Acceptera] [Hantera val]",
        "Var sidan till hjälp? [Ja] [Nej]",
        "Meny ☰ Sök 🔍",
        "Ankeby · Bergby · Cederby · Dalby · Hela länet",
        "HEM OM MIG LEKTIONSTIPS ARKIV KONTAKT",
        "Pressmeddelande · 11 juni 2024 · 08:30",
        "Ankeby kommun · Rådhusgatan 42 · 831 82 Ankeby",
        # Content that only looks like it.
        "| Ankeby | 350 | 12 % |",
        "Läs mer i [rapporten](https://exempel.se/rapport) om hur eleverna använder datorerna.",
        "NYHETER OM SKOLAN OCH IT",
        "Kommunen köpte datorer · surfplattor · skrivare för skolorna i höstas.",
        "Andelen elever med egen dator ökade till 95 procent [1]",
        "Rektor Anna Berg: – Det här är ett lyft [video]",
        "[Bild: elever vid datorer]",
        "Chromebook · iPad · Windows-dator",
        "Årskurs 7 · Årskurs 8 · Årskurs 9 · Gymnasiet",
        "Skolan ligger på Storgatan 1 · 123 45 Ankeby är skolans postadress för alla brev och paket som skickas.",
        "| Ankebyskolan | Skolgatan 3 | 350 |",
    ]
    kept, reasons = _kept_and_reasons(lines)
    assert kept == lines[-11:]
    assert reasons == ["navigation", "cookie notice", *["navigation"] * 4, "publication stamp", "contact details"]


def test_a_menu_bar_copied_with_spaces_between_its_links_goes_and_a_letterhead_stays():
    raw = "\n".join(
        [
            "Start   Om stiftelsen   Priset   Nominera   Kontakt",
            "Barn och utbildning\tOmsorg och hjälp\tBygga, bo och miljö\tKommun och politik",
            "Sök   Lyssna   Kontakta oss",
            "Sök på webbplatsen",
            "Ankeby Skolor AB · Org.nr 556812-4471 · Storgatan 9, 123 45 Ankeby",
            # Content that only looks like it.
            "ANKEBY KOMMUN   SAMMANTRÄDESPROTOKOLL   Sida 7 (21)",
            "Justerandes sign   Utdragsbestyrkande",
            "Kommunen köper nya datorer.  Eleverna får dem i höst.  Lärarna fick sina i våras.  Alla är nöjda.",
            "Skolan ligger på Storgatan 9 i Ankeby.",
            "Ankebyskolan    Bergbyskolan    Cederskolan    Dalskolan",
            "KOMMUNENS   DIGITALISERINGSSTRATEGI   FÖR   SKOLAN",
            "Norra skolan i Ankeby · Södra skolan i Bergby · Västra skolan i Cederby · Östra skolan i Dalby",
        ]
    )
    kept, reasons = _kept_and_reasons(normalize_text(raw).split("\n"))
    assert kept == [
        "ANKEBY KOMMUN SAMMANTRÄDESPROTOKOLL Sida 7 (21)",
        "Justerandes sign Utdragsbestyrkande",
        "Kommunen köper nya datorer. Eleverna får dem i höst. Lärarna fick sina i våras. Alla är nöjda.",
        "Skolan ligger på Storgatan 9 i Ankeby.",
        "Ankebyskolan Bergbyskolan Cederskolan Dalskolan",
        "KOMMUNENS DIGITALISERINGSSTRATEGI FÖR SKOLAN",
        "Norra skolan i Ankeby · Södra skolan i Bergby · Västra skolan i Cederby · Östra skolan i Dalby",
    ]
    assert reasons == [*["navigation"] * 4, "contact details"]


def test_share_bars_calls_to_action_tags_bylines_and_long_breadcrumbs_go():
    lines = [
        "Du är här: Start / Skolutveckling / Statsbidrag / Statsbidrag för digitala lärverktyg i anpassade skolformer",
        "Dela på Facebook   Dela på LinkedIn   Skicka som e-post",
        "Dela på Facebook | Dela på X | Skriv ut",
        "Prenumerera på nyheter från Ankeby Data AB",
        "Prenumerera för 1 kr första månaden",
        "Taggar: Upphandling, Elevdatorer, Skola",
        "Etiketter: micro:bit, blockprogrammering, åk 5",
        "17 april 2023 av Malin Gustafsson | Kategorier: Vardag, Fortbildning | 3 kommentarer",
        "Postat den 11 februari 2020 av Elin Marklund · 4 kommentarer",
        "Av Sara Holm · Publicerad 27 augusti 2025 kl. 06.00 · Uppdaterad 27 augusti 2025 kl. 14.12",
        "Text: Mikael Ros · Publicerad 14 oktober 2025 · Lästid 5 min",
        "Eleverna får dela på datorerna i årskurs 1 och 2 till och med våren 2024.",
        "Kommunen prenumererar på tre digitala läromedel, och lärarna har fått skriva ut dem.",
        "Den 17 april 2023 beslutade nämnden om en ny plan för skolans digitalisering.",
        # Content that only starts like chrome.
        "1 juli 2023 av regeringen beslutades att alla elever ska ha en egen dator.",
        "Kategorier av digitala verktyg som används i skolan är många.",
        "Dela på ansvaret",
        # A table's row and an event's parts: a date among them is no stamp.
        "| Digitaliseringsplan | Uppdaterad 2024-03-14 |",
        "Tema: Digitala verktyg · Datum 14 mars 2024 · Plats: Aulan",
    ]
    kept, reasons = _kept_and_reasons(lines)
    assert kept == lines[-8:]
    assert reasons == [
        *["navigation"] * 7,
        *("publication stamp",) * 4,
    ]
