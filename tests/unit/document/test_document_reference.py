"""The reference article (corpus copy and seed copy) read as a Document: nothing dropped, no markup leaked."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.document import first_screen, parse_document
from newstui.document.model import Document
from newstui.library import load_site, read_article
from tests.conftest import REFERENCE, SEED, SMARTTOGETHER, need
from tests.unit.document.document_support import all_text, block_text, prose_spans, walk

PARAGRAPHS = [
    "Common problems and joint solutions for smart mobility and citizen engagement were at the focus of a thematic "
    "workshop in Sofia in the framework of the Smarter Together project.",
    "Energy Cities, Eurocities and Sofia Municipality organised the workshop, at which the Bulgarian capital "
    "presented its Smart Specialization Strategy.",
    "The workshop brought together four Bulgarian cities participating in four H2020 Smart Cities projects: "
    "Smarter Together (Sofia), Sharing Cities (Burgas), SmartEnCity (Asenovgrad) and mySMARTLife (Varna) as well "
    "as the city of Plovdiv and Energy Cities’ collective member EcoEnergy-Municipal Energy Efficiency Network.",
    "The 2-days workshop was a big opportunity for these cities to discuss common problems and find joint "
    "solutions for mobility and citizen engagement. A number of smart city critical topics were discussed:",
    "How to have a political and citizen buy-in for smart city projects",
    "How to identify the right stakeholders benefiting from the specific project and how to work with them; how to "
    "tailor the solutions for the specific local reality and ecosystem",
    "Moreover, the planning and usage of data was also addressed as a smart city critical topic, in which synergies "
    "can be created between these cities.",
    "The Municipality of Sofia and the Sofia Urban Mobility Centre organized also a technical visit to the "
    "geothermal power station at the Sofia Regional Museum of History, the traffic Management Centre of Sofia, the "
    "parking management system at Sofia Urban Mobility Centre, the interconnection of the two metro lines and a "
    "refurbished social housing building for accommodation of vulnerable groups.",
    "This article and photos are provided courtesy of Energy Cities. To access the original article, please click "
    "here.",
]
QUOTE = (
    "Each city is unique: and we cannot pretend to be like the others. Burgas does not want to be Copenhagen for "
    "cycling, nor Shanghai for modal split."
)
CAPTIONS = [
    ("Sofia group photo.jpg", "images/news/DSC_5591_edit.jpg"),
    ("Sofia outdoor photo.jpg", "images/news/DSC_5528_edit.jpg"),
    ("Sofia Bojan photo.jpg", "images/news/IMG_20170712_113551484_edit.jpg"),
    ("Sofia bus photo.jpg", "images/news/DSC_5515_edit.jpg"),
    ("Sofia presentation photo.jpg", "images/news/DSC_5508_edit.jpg"),
]
LINKS = [
    (
        "Smart Specialization Strategy.",
        "http://www.sofia-da.eu/en/strategic-documents/innovation-strategy-for-smart-specialization-of-sofia.html",
    ),
    ("Smarter Together", "http://smarter-together.eu/"),
    ("Sharing Cities", "http://www.sharingcities.eu/"),
    ("SmartEnCity", "http://smartencity.eu/"),
    ("mySMARTLife", "https://www.mysmartlife.eu/mysmartlife/"),
    ("EcoEnergy-Municipal Energy Efficiency Network.", "http://www.ecoenergy-bg.net/en"),
    ("Energy Cities", "http://www.energy-cities.eu"),
    ("click here.", "http://www.energy-cities.eu/Smarter-Together-project-Bringing-together-Bulgarian-cities"),
]


@pytest.fixture(scope="module", params=["corpus", "seed"])
def document(request: pytest.FixtureRequest) -> Document:
    site = load_site(need(SMARTTOGETHER))
    path: Path = need(REFERENCE if request.param == "corpus" else SEED)
    article, body = read_article(path, site)
    return parse_document(body, site=site, article=article)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_headline_is_one_heading(document: Document) -> None:
    headings = [b for b in walk(document.blocks) if b.kind == "heading"]
    assert [block_text(h) for h in headings] == ["Smart Mobility Projects as Changemakers?"]
    assert document.blocks[0].kind == "heading"
    assert [h.text for h in document.outline] == ["Smart Mobility Projects as Changemakers?"]


def test_every_paragraph_is_there(document: Document) -> None:
    text = _squash(all_text(document))
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_quote_and_its_author(document: Document) -> None:
    quote = next(b for b in walk(document.blocks) if QUOTE in block_text(b))
    italic = [span.text for span in quote.spans if "italic" in span.styles]
    assert italic == [QUOTE]
    assert "Ruska Boyadzhieva, Deputy Mayor of Burgas" in all_text(document)


def test_hero_then_five_images_each_its_own_block(document: Document) -> None:
    assert document.hero == 0
    hero = document.targets[0]
    assert hero.kind == "image" and hero.exists is True
    assert hero.local_path == SMARTTOGETHER / "images/news/Studierende HS Muenchen im Stadtteillabor_web.jpg"
    images = [b for b in walk(document.blocks) if b.kind == "image"]
    found = [(document.targets[b.target].text, document.targets[b.target]) for b in images if b.target is not None]
    assert [caption for caption, _ in found] == [caption for caption, _ in CAPTIONS]
    for (_, target), (_, rel) in zip(found, CAPTIONS, strict=True):
        assert target.local_path == SMARTTOGETHER / rel
        assert target.exists is True
    # the two images written on one line stay two consecutive blocks
    kinds = [b.kind for b in document.blocks]
    assert "image,image" in ",".join(kinds)


def test_links_with_their_urls_in_order(document: Document) -> None:
    links = [(t.text, t.dest) for t in document.targets if t.kind == "link"]
    assert links == LINKS
    # and each link is reachable from a span carrying its target index
    linked = {span.target for block in walk(document.blocks) for span in block.spans if span.target is not None}
    assert linked == {t.index for t in document.targets if t.kind == "link"}


def test_no_markup_leaks(document: Document) -> None:
    for span in prose_spans(document):
        for bad in ("{:", "<div", "<span", "</", "{%", "{{"):
            assert bad not in span.text


def test_first_screen_of_the_reference_is_the_whole_article(document: Document) -> None:
    site = load_site(need(SMARTTOGETHER))
    article, body = read_article(need(REFERENCE), site)
    head = first_screen(body, site=site, article=article)
    assert head.complete
    assert [t.dest for t in head.targets] == [t.dest for t in parse_document(body, site=site, article=article).targets]


@pytest.mark.parametrize(
    "raw",
    [
        "/news/2017-12-26-SIMmobile-Visit-Siemens-Vienna/",
        "/news/2017-12-26-SIMmobile-Visit-Siemens-Vienna.html",
        "2017-12-26-SIMmobile-Visit-Siemens-Vienna.md",
        "{{ site.baseurl }}/news/2017-12-26-SIMmobile-Visit-Siemens-Vienna",
    ],
)
def test_links_to_other_articles_of_the_real_site_are_internal(raw: str) -> None:
    site = load_site(need(SMARTTOGETHER))
    article, _ = read_article(need(REFERENCE), site)
    doc = parse_document(f"[other]({raw})", site=site, article=article)
    link = doc.targets[1]  # 0 is the hero image
    assert (link.kind, link.article) == (
        "internal",
        SMARTTOGETHER / "_news" / "2017-12-26-SIMmobile-Visit-Siemens-Vienna.md",
    )
