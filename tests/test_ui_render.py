"""The chat renderer for every kind of answer: organization cards, or the summary and the evidence
quotes in reading order, each with its source, page, original link and "open source" link."""

from __future__ import annotations

from dataclasses import replace

from skolsok_ui.render import answer_html, answer_text, external_link, source_href

from skolsok import Answer, OrganizationAnswer, Quote

QUOTE = Quote(
    text="Skolan har 300 elever.",
    source="rapport.pdf",
    record_id="rapport.pdf#1",
    start=120,
    end=142,
    highlights=((11, 14),),
    title="Årsrapport 2023",
    organization="Ankeby kommun",
    year=2023,
    url="https://ankeby.se/rapport.pdf",
    page=4,
)


def test_a_factual_answer_leads_with_its_evidence_quotes():
    answer = Answer("Hur många elever?", "sv", True, "300 elever.", (), (), "factual", (QUOTE,))
    shown = answer_html(answer)
    assert '<p class="sk-summary">300 elever&#46;</p>' in shown
    assert "<mark>300</mark>" in shown
    assert "Årsrapport 2023 · Ankeby kommun · 2023 · s&#46; 4" in shown
    assert 'href="/kalla/rapport&#46;pdf%231?start&#61;120&amp;end&#61;142&#35;citat"' in shown
    assert (
        '<a class="sk-external" href="https&#58;//ankeby&#46;se/rapport&#46;pdf" target="_blank" '
        'rel="noopener noreferrer">Originalet ↗</a>'
    ) in shown
    assert "sk-org" not in shown  # no organization cards for a factual question
    assert answer_text(answer) == (
        "300 elever.\n\n> ”Skolan har 300 elever.”  \n> — Årsrapport 2023, Ankeby kommun, 2023, s. 4, https://ankeby.se/rapport.pdf"
    )


def test_an_organizations_answer_shows_cards_with_similar_links():
    org = OrganizationAnswer("Ankeby kommun", 2023, "jury_motivation", (QUOTE,), 0.9)
    answer = Answer("Vilka?", "sv", True, "En huvudman.", (org,), (), "organizations", (QUOTE,))
    shown = answer_html(answer)
    assert '<div class="sk-org">Ankeby kommun</div>' in shown
    assert 'href="/liknande?huvudman&#61;Ankeby&#43;kommun"' in shown
    assert shown.count('class="sk-quote"') == 1  # the evidence is not shown twice


def test_organizations_one_enumeration_names_share_one_card_and_its_quote():
    listing = Quote(**{**QUOTE.__dict__, "text": "Verktyget provas i Norrby och Söderby.", "highlights": ()})
    norrby = OrganizationAnswer("Norrby", None, "article", (replace(listing, highlights=((19, 25),)),), 0.9)
    soderby = OrganizationAnswer("Söderby", None, "article", (replace(listing, highlights=((30, 37),)),), 0.9)
    answer = Answer("Var?", "sv", True, "Svar: Norrby och Söderby.", (norrby, soderby), (), "organizations")
    shown = answer_html(answer)
    assert '<div class="sk-org">Norrby · Söderby</div>' in shown
    assert shown.count('class="sk-quote"') == 1
    assert "provas i <mark>Norrby</mark> och <mark>Söderby</mark>" in shown  # every name marked
    assert "Liknande huvudmän" not in shown  # a link is for one organization's peers
    assert "**Norrby · Söderby**" in answer_text(answer)
    assert answer.answer.count("Verktyget provas") == 1


def test_an_organizations_answer_without_organizations_falls_back_to_evidence():
    answer = Answer("Vilka?", "sv", True, "Inget namn.", (), (), "organizations", (QUOTE,))
    assert "Skolan har 300 elever" in answer_html(answer)


def test_only_web_links_leave_the_app_and_ids_are_encoded():
    assert external_link("javascript:alert(1)") == ""
    assert external_link("data:text/html,x") == ""
    assert external_link(None) == ""
    assert source_href("a/b c#1", 3, 9) == "/kalla/a%2Fb%20c%231?start=3&end=9#citat"
    assert source_href("x#2") == "/kalla/x%232"


def test_an_abstention_suggests_search_and_spelling():
    answer = Answer("vilka komuner jobar med fjärundervisnig", "sv", False, "Jag hittar inget om det i dokumenten.")
    assert answer_html(answer) == (
        '<div class="sk-answer sk-abstain"><p class="sk-summary">Jag hittar inget om det i dokumenten&#46;</p>'
        '<p class="sk-hint">Pröva fliken Sök, andra ord eller kontrollera stavningen&#46;</p></div>'
    )
