"""Metadata that is right or absent: source lines, publication dates, titles and organizations."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_corpus

from skolsok import load_corpus
from skolsok.records import award_given

REALDEV = Path(__file__).resolve().parents[2] / "shared" / "realdev" / "corpus"


def _record(tmp_path: Path, text: str, name: str = "page.txt"):
    (record,) = load_corpus(write_corpus(tmp_path / "c", {name: text})).records
    return record


def test_a_source_line_is_the_url_and_never_text_title_or_organization(tmp_path: Path):
    record = _record(
        tmp_path,
        "Källa: https://www.ankeby.se/nyheter/2021-05-04-ny-larplattform\n\n"
        "Ny lärplattform för grundskolan\n\n"
        "Eleverna i grundskolan får en ny lärplattform till hösten. Lärarna får utbildning i maj.\n",
    )
    assert record.url == "https://www.ankeby.se/nyheter/2021-05-04-ny-larplattform"
    assert record.title == "Ny lärplattform för grundskolan"
    assert "Källa" not in record.text and "https" not in record.text
    assert record.organization is None  # nothing in the text establishes one
    assert record.year == 2021  # the date in its address


def test_year_is_the_publication_date_not_the_first_year_named(tmp_path: Path):
    page = (
        "Källa: https://example.se/artikel\n\nNyheter / Digitala verktyg\n\nDatorerna kom in i klassrummen\n\n"
        "Publicerad: 14 mars 2016\n\n"
        "Redan 1990 fanns datorer i några skolor, men först under 2010-talet fick varje elev en egen. "
        "År 2012 hade hälften av eleverna en dator.\n"
    )
    record = _record(tmp_path, page)
    assert (record.year, record.title, record.organization) == (2016, "Datorerna kom in i klassrummen", None)
    undated = "Datorerna kom in i klassrummen\n\nRedan 1990 fanns datorer, och 2012 hade hälften av eleverna en.\n"
    assert _record(tmp_path / "u", undated).year is None  # no date, and no year stands out: absent
    dated_line = "Hoppa till huvudinnehåll\n\nSkolor i Eksby satsar\n\n22 januari 2024\n\nEksby kommun satsar 1999.\n"
    record = _record(tmp_path / "d", dated_line)
    assert (record.year, record.title, record.organization) == (2024, "Skolor i Eksby satsar", "Eksby kommun")


def test_organization_from_region_and_two_word_names_not_from_people_or_awards(tmp_path: Path):
    region = "Region Gotland\n\nGotland upphandlar lärplattform\n\nRegion Gotland upphandlar en ny lärplattform.\n"
    assert _record(tmp_path / "r", region).organization == "Region Gotland"
    two = "Kodning i förskolan\n\nI Upplands Väsby kommun lär sig barnen programmera.\n"
    assert _record(tmp_path / "t", two).organization == "Upplands Väsby kommun"
    people = (
        "Bild: Klara Edin programmerar en robot.\n\nKodning redan i förskolan\n\n"
        "Barnen programmerar. Klara Edin och Amina visar hur. Sedan testar Klara Edin igen.\n"
    )
    assert _record(tmp_path / "p", people).organization is None
    award = (
        "Varför Guldtrappan?\n\nVarför behövs Guldtrappan? Inför Guldtrappan 2019 fick partner svara. "
        "De tror att Guldtrappan inspirerar och att Guldtrappan behövs.\n"
    )
    assert _record(tmp_path / "a", award).organization is None


def test_realdev_pages_get_no_url_source_line_or_fragment_as_organization():
    if not REALDEV.is_dir():
        pytest.fail(f"{REALDEV} is missing: the shared evaluation data must lie beside the checkout")
    corpus = load_corpus(REALDEV)
    assert len(corpus.documents) == 48 and corpus.skipped == ()
    for record in corpus.records:
        assert record.url and record.url.startswith(("https://", "http://")), record.source
        for bad in ("http", "Källa", "/"):
            assert bad not in (record.organization or ""), (record.source, record.organization)
            assert bad not in record.title, (record.source, record.title)
        assert not record.text.startswith("Källa")
    organizations = {r.source: r.organization for r in corpus.records if "#" not in r.id or r.id.endswith("#1")}
    assert organizations["b04_gotland-ny-larplattform.txt"] == "Region Gotland"
    assert organizations["c10_lexnova-imy-ostersund-google-workspace.txt"] == "Östersunds kommun"
    assert organizations["a03_varfor-guldtrappan-partner.txt"] is None
    years = {r.source: r.year for r in corpus.records}
    assert years["b01_lulea-ikt-pedagog-forskolor.txt"] == 2018  # the date in its address
    assert years["c05_skr-nationell-digitaliseringsstrategi.txt"] == 2022  # "Publicerad 22 december 2022"
    assert years["d09_lararforbundet-it-strul-rapport.txt"] == 2020  # a date line under "Senast uppdaterad"


def test_a_municipality_named_by_its_title_keeps_its_own_s(tmp_path: Path):
    # "Västerås", "Borås", "Hofors" end in s; the s is no genitive. A country is no organization.
    page = (
        "Västerås satsar på nya datorer\n\nSkolorna i Västerås har köpt datorer. Eleverna i Västerås får dem i höst.\n"
    )
    assert _record(tmp_path / "v", page).organization == "Västerås stad"
    school = (
        "Kunskapsskolans plattform\n\nEleverna på Kunskapsskolan använder den. Lärarna på Kunskapsskolan gillar den.\n"
    )
    assert _record(tmp_path / "k", school).organization == "Kunskapsskolan"
    country = "Sverige satsar på skolan\n\nI hela Sverige köps datorer. Skolor i Sverige får mer pengar.\n"
    assert _record(tmp_path / "s", country).organization is None
    # A title's first word that the body writes in lowercase is a common noun, not a name.
    grant = (
        "Statsbidrag för digitala lärverktyg\n\nHuvudmän kan söka statsbidrag. Statsbidrag i år: 40 miljoner. "
        "Läs om Statsbidrag och Statsbidrag för skolbibliotek.\n"
    )
    assert _record(tmp_path / "g", grant).organization is None
    # "Lunds universitet" is a university, not the municipality of Lund.
    university = "Lunds universitet startar kurs\n\nLärare i Lund kan gå kursen. Den ges av Lunds universitet.\n"
    assert _record(tmp_path / "u", university).organization is None


def test_a_page_naming_several_municipalities_alike_gets_none_unless_one_is_foremost(tmp_path: Path):
    network = (
        "Nätverket för skolans digitalisering\n\n"
        "I nätverket ingår Bodens kommun, Piteå kommun, Luleå kommun, Kalix kommun och Älvsbyns kommun. "
        "Piteå kommun var värd för vårens träff och Piteå kommun leder arbetet med lärplattformen.\n"
    )
    # Piteå is named three times, the four others once each: the most, but not the page's subject.
    assert _record(tmp_path / "n", network).organization is None
    # Named more often than all the others together, it is the page's organization …
    foremost = network + "Piteå kommun har redan infört den i alla grundskolor, och Piteå kommun utvärderar den.\n"
    assert _record(tmp_path / "f", foremost).organization == "Piteå kommun"
    # … and so it is when the title names it, or the page is on its site.
    titled = network.replace("Nätverket för", "Piteå leder nätverket för")
    assert _record(tmp_path / "t", titled).organization == "Piteå kommun"
    on_site = "Källa: https://www.pitea.se/nyheter/natverket\n\n" + network
    assert _record(tmp_path / "s", on_site).organization == "Piteå kommun"
    elsewhere = "Källa: https://www.lulea.se/nyheter/natverket\n\n" + network
    assert _record(tmp_path / "l", elsewhere).organization == "Luleå kommun"


def test_a_page_is_titled_by_its_headline_not_its_site_name_menus_or_cookie_banner(tmp_path: Path):
    page = (
        "Källa: https://www.ankeby.se/nyheter/nytt-rad\n\n"
        "Till startsidan\n\nANKEBY KOMMUN\n\nMeny Sök Lyssna Other languages\n\nHem Skola Förskola Om Ankeby Kontakt\n\n"
        "Hem › Förskola och skola › Förskola och skola, nyheter och arkiv › Nyheter 2023\n\n"
        "Vi använder kakor (cookies) för att webbplatsen ska fungera. [Acceptera alla] [Endast nödvändiga]\n\n"
        "Sök på ankeby.se\n\n"
        "Reception och växel\n\nStorgatan 1\n\n123 45 Ankeby\n\n"
        "Nytt råd ska leda förskolans digitala arbete\n\n"
        "Pressmeddelande • 2023-11-08 08:30 CEST\n\n"
        "Från januari får förskolorna i Ankeby ett eget digitaliseringsråd med sex rektorer.\n"
    )
    record = _record(tmp_path, page)
    assert record.title == "Nytt råd ska leda förskolans digitala arbete"
    assert record.text.split("\n\n") == [
        "ANKEBY KOMMUN",
        "Nytt råd ska leda förskolans digitala arbete",
        "Från januari får förskolorna i Ankeby ett eget digitaliseringsråd med sex rektorer.",
    ]
    # A site's name stays the title where nothing else heads the page.
    assert _record(tmp_path / "s", "Ankeby kommun\n\nSkolan fick nya datorer i år, och eleverna är nöjda.\n").title == (
        "Ankeby kommun"
    )


def test_a_site_name_with_its_slogan_a_path_from_the_start_page_and_a_blog_s_cookies_are_no_title(tmp_path: Path):
    page = (
        "Källa: https://www.ankeby.se/press/ai-stod\n\n"
        "Ankeby kommun – för alla som bor och verkar här\n\n"
        "Hem / Press / Pressmeddelanden / Ankeby testar AI-stöd för skrivande i tre av kommunens skolor\n\n"
        "Den här bloggen använder cookies från tredje part för statistik. OK\n\n"
        "Ankeby testar AI-stöd för skrivande\n\n"
        "Från januari prövar tre skolor i Ankeby ett verktyg som ger eleverna återkoppling på texter.\n"
    )
    record = _record(tmp_path, page)
    assert record.title == "Ankeby testar AI-stöd för skrivande"
    assert "Hem / Press" not in record.text and "cookies" not in record.text
    # A headline with a dash is no slogan: its words are not the site's address, nor part of it.
    news = page.replace("Ankeby kommun – för alla som bor och verkar här", "Miljardfiasko – nu skrotas plattformen")
    assert _record(tmp_path / "n", news).title == "Miljardfiasko – nu skrotas plattformen"
    topic = page.replace("Ankeby kommun – för alla som bor och verkar här", "Ankeb – så används AI").replace(
        "Ankeby testar AI-stöd för skrivande\n\n", ""
    )
    assert _record(tmp_path / "t", topic).title == "Ankeb – så används AI"


def test_recipients_on_a_page_that_names_its_award_only_as_given_get_it(tmp_path: Path):
    page = (
        "Mottagare av Guldtrappan 2022\n\nPublicerad 2022-11-23\n\n"
        "Guldtrappan delas ut till skolhuvudmän som arbetar systematiskt med digitalisering. I år valde juryn "
        "bland nitton nominerade huvudmän, och utmärkelsen delades ut vid en ceremoni i november.\n\n"
        "Ankeby kommun\nGrundskola\n\nJuryns motivering:\nAnkeby får utmärkelsen för sin styrkedja.\n\n"
        "Bergby kommun\nFörskola\n\nJuryns motivering:\nBergby belönas för sitt arbete med fjärrundervisning.\n"
    )
    records = load_corpus(write_corpus(tmp_path / "c", {"mottagare.txt": page})).records
    assert [(r.organization, r.award, r.year, r.kind) for r in records[1:]] == [
        ("Ankeby kommun", "Guldtrappan", 2022, "jury_motivation"),
        ("Bergby kommun", "Guldtrappan", 2022, "jury_motivation"),
    ]


def test_a_municipality_a_page_keeps_naming_bare_is_its_organization(tmp_path: Path):
    page = (
        "Skolorna blir allt hårdare mot mobiler\n\n"
        "Flera skolor i Uppsala samlar in telefonerna. Eleverna i Uppsala får dem tillbaka efter skoldagen, "
        "och i Enköping funderar man på samma sak.\n"
    )
    assert _record(tmp_path, page).organization == "Uppsala kommun"
    # Named once each: none is foremost.
    once = page.replace("Eleverna i Uppsala", "Eleverna")
    assert _record(tmp_path / "o", once).organization is None
    # A surname or a verb that spells a municipality is no place ("säger Berg", "Vara nyfiken").
    people = "Digitala verktyg i klassrummet\n\nVi testar nytt, säger Berg. Vara nyfiken är bra, säger Berg igen.\n"
    assert _record(tmp_path / "p", people).organization is None


def test_a_letterhead_in_capitals_names_its_municipality(tmp_path: Path):
    protocol = (
        "ANKEBY KOMMUN          SAMMANTRÄDESPROTOKOLL\nBarn- och utbildningsnämnden     Sammanträdesdatum 2023-05-16\n\n"
        "§ 47 Upphandling av gemensam lärplattform\n\nNämnden beslutar att genomföra upphandlingen.\n"
    )
    assert _record(tmp_path, protocol).organization == "Ankeby kommun"


def test_a_press_release_named_in_a_news_article_does_not_make_it_one(tmp_path: Path):
    news = "It-attack slog ut skolornas system\n\nFöretaget skriver i ett pressmeddelande att säkerheten har skärpts.\n"
    assert _record(tmp_path / "n", news).kind == "article"
    release = (
        "Pressmeddelande · 11 juni 2024\n\nEgen dator från första klass\n\nAlla elever får en egen dator i höst.\n"
    )
    assert _record(tmp_path / "r", release).kind == "press_release"


def test_award_given_is_a_name_printed_with_a_year():
    assert award_given("MOTTAGARE AV Guldtrappan 2022\nMottagare av Guldtrappan 2022") == "Guldtrappan"
    assert award_given("Guldtrappan 2022 tilldelades Ankeby kommun och Bergby kommun.") is None
    assert award_given("Priset delas ut varje år. Guldtrappan delas ut till huvudmän; Guldtrappan 2021.") == (
        "Guldtrappan"
    )
    # With words between: "delas i år ut", "delades för tredje gången ut".
    assert award_given("Skolfyren delas i år ut för tredje gången. Nominera till Skolfyren 2025.") == "Skolfyren"


def test_a_title_word_the_body_writes_in_lowercase_only_as_another_word_stays_a_name(tmp_path: Path):
    page = "Studi lanserar nytt verktyg\n\nEn studie visar att Studi används mycket. Lärare gillar Studi.\n"
    assert _record(tmp_path, page).organization == "Studi"
    # "Hos Malmö stad": the sentence's first word is no part of the name.
    malmo = "Nya datorer\n\nHos Malmö stad får alla elever datorer. Hos Malmö stad är alla nöjda.\n"
    assert _record(tmp_path / "m", malmo).organization == "Malmö stad"


def test_a_sentence_s_first_word_before_kommunen_is_no_municipality(tmp_path: Path):
    blog = (
        "Ett halvår med AI i svenskan\n\n"
        "När kommunen fick Guldtrappan var det för arbetet med uppföljning. När kommunen köpte verktyget "
        "fick alla lärare pröva det. Även kommunen i grannlänet har det.\n"
    )
    assert _record(tmp_path, blog).organization is None


def test_recipients_under_the_jury_s_labels_are_records_of_their_own(tmp_path: Path):
    page = (
        "Guldtrappan 2024\n\n"
        "Kvalitetsutmärkelsen Guldtrappan delas ut till skolhuvudmän som arbetar långsiktigt och systematiskt "
        "med digital skolutveckling, i år till två huvudmän.\n\n"
        "Ankeby kommun, förskola\n\nJuryns motivering:\nAnkeby kommun använder digitala verktyg för barnens språk.\n\n"
        "Bergby friskola, grundskola\n\nJuryns motivering:\nBergby friskola har en gemensam lärplattform.\n"
    )
    c = load_corpus(write_corpus(tmp_path / "c", {"guldtrappan.txt": page}))
    recipients = [(r.organization, r.school_forms, r.award, r.year, r.kind) for r in c.records[1:]]
    assert recipients == [
        ("Ankeby kommun", ("förskola",), "Guldtrappan", 2024, "jury_motivation"),
        ("Bergby friskola", ("grundskola",), "Guldtrappan", 2024, "jury_motivation"),
    ]
    assert c.records[1].text.startswith("Ankeby kommun, förskola") and "Bergby" not in c.records[1].text
    # One jury label is a page's own: no split.
    single = page.split("Bergby friskola")[0]
    assert len(load_corpus(write_corpus(tmp_path / "s", {"ankeby.txt": single})).records) == 1


def test_recipients_of_a_saved_web_page_whose_jury_label_opens_the_paragraph(tmp_path: Path):
    # <p><strong>Juryns motivering:</strong> …</p> reads as one line: label and motivation together.
    motivations = {
        "Ankeby kommun": "Ankeby kommun använder digitala verktyg för barnens språk i alla förskolor och följer upp "
        "arbetet varje termin.",
        "Bergby Skolor AB": "Bergby delar planeringar mellan skolorna och har en gemensam lärplattform som alla "
        "lärare och elever använder.",
    }
    recipients = "".join(
        f"<h2>{name}</h2><p><strong>Juryns motivering:</strong> {text}</p>" for name, text in motivations.items()
    )
    page = (
        "<html><head><title>Guldtrappan 2024</title></head><body><nav><a href='/'>Start</a></nav><main>"
        "<h1>Mottagare av Guldtrappan 2024</h1><p>Publicerad 2024-11-20</p><p>Guldtrappan delas ut till skolhuvudmän som arbetar långsiktigt "
        f"och systematiskt med digital skolutveckling, i år till två huvudmän.</p>{recipients}<h2>Nominera till Guldtrappan 2025</h2>"
        "<p>Nomineringen är öppen till och med den 31 mars 2025.</p></main></body></html>"
    )
    records = load_corpus(write_corpus(tmp_path / "c", {"guldtrappan.html": page})).records
    assert [(r.organization, r.award, r.year) for r in records] == [
        (None, "Guldtrappan", 2024),
        ("Ankeby kommun", "Guldtrappan", 2024),
        ("Bergby Skolor AB", "Guldtrappan", 2024),
        (None, "Guldtrappan", 2024),
    ]
    assert [r.kind for r in records[1:3]] == ["jury_motivation", "jury_motivation"]
    ankeby = records[1]
    assert ankeby.motivation is not None
    assert ankeby.text[ankeby.motivation[0] : ankeby.motivation[1]] == motivations["Ankeby kommun"]
    assert records[3].text.startswith("Nominera till Guldtrappan 2025")


def test_the_foot_of_a_recipients_page_is_the_page_s_not_the_last_recipient_s(tmp_path: Path):
    page = (
        "Guldtrappan 2024\n\n"
        "Kvalitetsutmärkelsen Guldtrappan delas ut till skolhuvudmän som arbetar långsiktigt och systematiskt "
        "med digital skolutveckling, i år till Ankeby kommun och Bergby kommun.\n\n"
        "Ankeby kommun, förskola\n\nJuryns motivering:\nAnkeby kommun använder digitala verktyg för barnens språk.\n\n"
        "Bergby kommun, grundskola\n\nJuryns motivering:\nBergby kommun har en gemensam lärplattform som alla "
        "lärare och elever använder varje dag, och en tydlig styrkedja.\n\n"
        "Om juryn\n\nJuryn består av sju personer med erfarenhet från skolledning och forskning.\n"
    )
    records = load_corpus(write_corpus(tmp_path / "c", {"guldtrappan.txt": page})).records
    # The page above the recipients names them all and is none of theirs, as is its foot.
    assert [(r.organization, r.year, r.kind) for r in records] == [
        (None, 2024, "article"),
        ("Ankeby kommun", 2024, "jury_motivation"),
        ("Bergby kommun", 2024, "jury_motivation"),
        (None, 2024, "article"),
    ]
    assert records[3].text == "Om juryn\n\nJuryn består av sju personer med erfarenhet från skolledning och forskning."
    assert records[3].title == records[0].title == "Guldtrappan 2024"
    # A closing "Om <award>" is a foot too; the award it names as given is the recipients' award, though
    # the page above them only prints it with a year, and a headline's "… får utmärkelsen" names none.
    about = page.replace(
        "Guldtrappan 2024\n\nKvalitetsutmärkelsen Guldtrappan delas ut till",
        "Guldtrappan 2024 – två får utmärkelsen\n\nPublicerad 2024-10-01\n\nUtmärkelsen går till",
    ).replace("Om juryn\n\nJuryn består av", "Om Guldtrappan\n\nGuldtrappan delas ut varje år. Juryn består av")
    records = load_corpus(write_corpus(tmp_path / "a", {"guldtrappan.txt": about})).records
    assert [(r.organization, r.award) for r in records] == [
        (None, "Guldtrappan"),
        ("Ankeby kommun", "Guldtrappan"),
        ("Bergby kommun", "Guldtrappan"),
        (None, "Guldtrappan"),
    ]
    assert records[3].text.startswith("Om Guldtrappan\n\n")
    # A heading that says what the next recipient got is that recipient's, not the end of the one before.
    mention = page.replace("Bergby kommun, grundskola\n", "Hedersomnämnande\n\nBergby kommun, grundskola\n")
    records = load_corpus(write_corpus(tmp_path / "m", {"guldtrappan.txt": mention})).records
    assert "Hedersomnämnande" not in records[1].text and records[2].text.startswith("Hedersomnämnande\n\nBergby")
    # Before any paragraph of the recipient's own, a heading is no foot.
    early = page.split("Om juryn")[0].replace("Juryns motivering:\nBergby", "Juryns motivering:\nOm juryn\n\nBergby")
    records = load_corpus(write_corpus(tmp_path / "e", {"guldtrappan.txt": early})).records
    assert len(records) == 3 and "Om juryn" in records[2].text
    # A closing section about the last recipient itself is its own.
    itself = page.replace("Om juryn\n\nJuryn består av sju personer", "Om Bergby kommun\n\nKommunen har sju skolor")
    records = load_corpus(write_corpus(tmp_path / "i", {"guldtrappan.txt": itself})).records
    assert len(records) == 3 and records[2].text.endswith(
        "Kommunen har sju skolor med erfarenhet från skolledning och forskning."
    )
    # Without a text of its own above the recipients, the foot takes no recipient's title.
    bare = page[page.index("Ankeby kommun, förskola") :]
    records = load_corpus(write_corpus(tmp_path / "b", {"guldtrappan.txt": bare})).records
    assert [r.organization for r in records] == ["Ankeby kommun", "Bergby kommun", None]
    assert records[2].title != records[0].title


def test_a_heading_that_names_a_recipient_with_its_distinction_starts_its_record(tmp_path: Path):
    page = (
        "Skolfyren 2024\n\nPublicerad 2024-11-14\n\nSkolfyren delas i år ut för tredje gången, till huvudmän som arbetar långsiktigt med "
        "digitaliseringen. Nominera till Skolfyren 2025 i mars.\n\n"
        "Ankeby kommun\n\nJuryns motivering:\nAnkeby kommun har en programmeringstrappa för alla årskurser.\n\n"
        "Bergby kommun\n\nJuryns motivering:\nBergby kommun undervisar på distans i moderna språk och har gjort "
        "det i många år med gott resultat för eleverna på landsbygden.\n\n"
        "Hedersomnämnande: Cederby kommun\n\nJuryn vill också lyfta fram Cederby kommuns förskolor, där barnen "
        "dokumenterar sitt lärande med lärplattor.\n\n"
        "Om juryn\n\nJuryn består av sex personer med erfarenhet från skola och forskning.\n"
    )
    records = load_corpus(write_corpus(tmp_path / "c", {"skolfyren.txt": page})).records
    assert [(r.organization, r.award, r.year, r.kind) for r in records] == [
        (None, "Skolfyren", 2024, "press_release"),
        ("Ankeby kommun", "Skolfyren", 2024, "jury_motivation"),
        ("Bergby kommun", "Skolfyren", 2024, "jury_motivation"),
        ("Cederby kommun", "Skolfyren", 2024, "jury_motivation"),
        (None, "Skolfyren", 2024, "press_release"),
    ]
    assert "Cederby" not in records[2].text and records[3].text.startswith("Hedersomnämnande: Cederby kommun\n\n")
    # The name ends where what it is for begins.
    special = page.replace("Hedersomnämnande: Cederby kommun\n", "Särskilt omnämnande: Cederby kommun för förskolan.\n")
    records = load_corpus(write_corpus(tmp_path / "s", {"skolfyren.txt": special})).records
    assert records[3].organization == "Cederby kommun"


def test_a_recipient_named_above_a_line_that_describes_it(tmp_path: Path):
    # The line right above the jury's label (or the "Mottagare av …" line) may describe the recipient:
    # its school forms, or what it was awarded for. The recipient is the name above it.
    page = (
        "Mottagare av Guldtrappan 2019\n\n"
        "Tre huvudmän tilldelades Guldtrappan 2019 för ett långsiktigt arbete med digital skolutveckling.\n\n"
        "Ankeby kommun\nFörskola till och med gymnasiet\n\nJuryns motivering:\nAnkeby ger alla barn en digital grund.\n\n"
        "Bergby Skolor AB\nFristående grundskolor, årskurs F–9\n\nJuryns motivering:\nBergby delar planeringar.\n\n"
        "Cederby kommun\nModersmålsundervisning\n\nJuryns motivering:\nCederby undervisar på distans.\n"
    )
    c = load_corpus(write_corpus(tmp_path / "c", {"guldtrappan.txt": page}))
    assert [(r.organization, r.unit, r.school_forms, r.year) for r in c.records] == [
        ("Ankeby kommun", None, ("förskola", "gymnasieskola"), 2019),
        ("Bergby Skolor AB", None, ("grundskola",), 2019),
        ("Cederby kommun", "Modersmålsundervisning", (), 2019),
    ]
    single = "Ankeby kommun\n\nFörskola och grundskola\n\nMottagare av kvalitetsutmärkelsen Guldtrappan 2023\n\n"
    single += "Juryns motivering:\nAnkeby kommun använder digitala verktyg för barnens språk.\n"
    record = load_corpus(write_corpus(tmp_path / "s", {"ankeby.txt": single})).records[0]
    assert (record.organization, record.school_forms, record.year) == (
        "Ankeby kommun",
        ("förskola", "grundskola"),
        2023,
    )
