"""The round report (PDF, read back with pypdf) and the forum deck (PPTX, opened with
python-pptx) as someone taking them along would find them."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass

import pytest
from pptx import Presentation
from pypdf import PdfReader

from kumppanuus import examples, reports
from kumppanuus.store import Store
from tests.cli_support import run_cli
from tests.conftest import ROOT

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(\+358|\b0)\d{1,3}[\s-]?\d{2,4}[\s-]?\d{2,4}")
TABLE_NAMES = ["Evijärvi-Kauhava", "Alavus", "Suupohja", "Kurikka", "Soini-Ähtäri", "Isokyrö",
               "Järvipohjanmaa", "Lapua", "Kuortane", "Ilmajoki", "Seinäjoki"]
EXAMPLE_ROUND = examples.ROUND_PREFIX + "kevät 2021"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def slide_texts(data: bytes) -> list[str]:
    """All text of each slide: text boxes, table cells, chart categories and series names."""
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories] + [s.name for s in plot.series]
        out.append("\n".join(parts))
    return out


def contact_details(text: str) -> list[str]:
    return [m.group(0) for m in (*EMAIL.finditer(text), *PHONE.finditer(text))]


def with_example_data(store: Store) -> None:
    store.commit_import("scores", examples.load_scores(), user="testi", file_name="a.csv",
                        sha256="1" * 64)
    store.commit_import("feedback", examples.load_feedback(), user="testi", file_name="p.csv",
                        sha256="2" * 64)


def content_of(store: Store, rnd: str = "kevät 2021", **kwargs) -> reports.Content:
    return reports.collect(reports.Inputs.from_store(store, rnd, **kwargs))


# What several tests only read is made once per module (tests/conftest.py: module_environment):
# the contents are read inside the block (on PostgreSQL its database is this worker's one) and
# built where a test needs them; a test that changes data or settings makes its own.

@pytest.fixture(scope="module")
def spring(module_environment) -> reports.Content:
    """The seeded spring 2021 round's content."""
    with module_environment() as store:
        return content_of(store)


@pytest.fixture(scope="module")
def spring_pdf(spring) -> bytes:
    return reports.build_pdf(spring)


@pytest.fixture(scope="module")
def example(module_environment) -> dict[str, reports.Content]:
    """The example round's content once the example scores and feedback are imported: in
    Finnish ("fi"), in Swedish ("sv") and in Swedish for Östermark only ("sv-846")."""
    with module_environment() as store:
        with_example_data(store)
        return {"fi": content_of(store, EXAMPLE_ROUND),
                "sv": content_of(store, EXAMPLE_ROUND, lang="sv"),
                "sv-846": content_of(store, EXAMPLE_ROUND, lang="sv", municipality="846")}


def test_the_pdf_report_names_the_round_total_every_table_and_the_sources(spring_pdf):
    text = pdf_text(spring_pdf)
    assert "483" in text and "Kumppanuuspöydät kevät 2021" in text
    for name in TABLE_NAMES:
        assert name in text, name
    assert "Mikko Huhtala" in text and "Irma Kortesus" in text  # speakers, coordinators
    assert "Tilastokeskus" in text and "© Maanmittauslaitos, CC BY 4.0" in text


def test_neither_the_report_nor_the_deck_holds_a_phone_number_or_an_email_address(
        store, spring, spring_pdf):
    staff_contacts = store.frame("contacts")
    assert staff_contacts["phone"].notna().any(), "the seed has phone numbers to leak"
    assert contact_details(pdf_text(spring_pdf)) == []
    assert contact_details("\n".join(slide_texts(reports.build_pptx(spring)))) == []


def test_the_report_carries_the_seven_criteria_per_municipality_with_example_labels(example):
    text = pdf_text(reports.build_pdf(example["fi"]))
    assert "7. viestii järjestötoiminnasta asukkaille" in text
    assert "Lapua" in text and "Esimerkkiaineisto" in text
    assert "Erittäin hyvä" in text  # the feedback chart's numbers are in a table beside it
    assert "Alle 5 vastaajan" in text  # small groups are named


def test_the_deck_has_a_native_chart_per_municipality_and_a_source_line_on_every_slide(
        example):
    data = reports.build_pptx(example["fi"])
    deck = Presentation(io.BytesIO(data))
    charts = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    criteria = [c for s in charts for c in s.chart.plots[0].categories]
    assert sum(1 for c in criteria if str(c).startswith("7. viestii")) == 18
    texts = slide_texts(data)
    assert all("Tilastokeskus" in t and "Rajaus: koko maakunta" in t for t in texts)
    lapua = next(t for t in texts if t.startswith("Lapua"))
    assert "Esimerkkiaineisto" in lapua and "8. Lapua" in lapua
    assert "Esimerkkiaineisto" not in texts[1], "the round summary shows only real tables"


def test_a_report_for_one_municipality_in_swedish(example):
    content = example["sv-846"]
    texts = slide_texts(reports.build_pptx(content))
    assert any(t.startswith("Östermark") for t in texts)
    assert all("Urval: Kommun: Östermark" in t for t in texts)
    assert "Partnerskapsborden" in pdf_text(reports.build_pdf(content))


def test_without_boundary_files_the_map_is_a_simple_drawing(spring, monkeypatch, tmp_path):
    monkeypatch.setenv("KUMPPANUUS_GEO_DIR", str(tmp_path / "no-geo"))
    text = pdf_text(reports.build_pdf(spring))
    assert "Kuntarajatiedostoja ei löytynyt" in text


def test_an_unknown_round_is_refused():
    with pytest.raises(reports.UnknownRound):
        content_of(Store(), "syksy 2030")


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("pptx", b"PK")])
def test_the_command_line_writes_the_report_and_the_deck(new_lapua_liaison, fmt, magic):
    result, written = new_lapua_liaison.cli[fmt]
    assert result.returncode == 0, result.stderr
    assert written.startswith(magic)


@pytest.mark.parametrize("args, code", [
    (["--round", "syksy 2030", "--format", "pdf"], 1),
    (["--round", "kevät 2021", "--format", "docx"], 2),
    (["--round", "kevät 2021"], 2),
    (["--round", "kevät 2021", "--format", "pdf", "--municipality", "Narnia"], 2),
    (["--round", "kevät 2021", "--format", "pdf", "--lang", "de"], 2),
])
def test_the_command_line_exit_codes_follow_the_contract(store, args, code):
    assert run_cli("report", *args).returncode == code


def test_a_nation_scale_database_gives_a_deck_and_a_report(isolated_environment):
    """309 municipalities (bench_nation's generator, with phones and e-mails in its contacts)
    and example ratings imported for every one of them. The scale is in the municipalities (a
    screen, a slide and an area-table row each); 60 tables in two rounds still fill more than a
    page of the table of tables, with liaisons by name (300 tables cost ~1.5 CPU s more).
    The database has no criteria rows (bench_nation adds them only with its own score rows), so
    no screen draws a ratings chart: this checks the count of screens and slides and that no
    contact detail reaches either file. The charts are checked at region scale
    (test_the_deck_has_a_native_chart_per_municipality_…); with the criteria here, the deck and
    the PDF would cost ~19 CPU s more."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_reports

    store = bench_reports.nation_store(f"sqlite:///{isolated_environment / 'nation.db'}", 60, 2)
    content = content_of(store, EXAMPLE_ROUND)
    assert len(content.screens) == 309
    deck = reports.build_pptx(content)
    assert len(Presentation(io.BytesIO(deck)).slides) == 3 + 309  # title, summary, map; no feedback
    text = pdf_text(reports.build_pdf(content))
    assert "Helsinki" in text and "Utsjoki" in text
    assert contact_details(text) == [] and contact_details("\n".join(slide_texts(deck))) == []


# Lapua (a table in both rounds) gets a new liaison for autumn 2022; the old one leaves.
LAPUA_AUTUMN = [
    ["kunta", "nimi", "rooli", "organisaatio", "sähköposti", "puhelin", "tila", "huomio"],
    ["Lapua", "Susanna Oversteyns", "järjestöyhdyshenkilö", "Lapuan kaupunki", "", "", "entinen",
     ""],
    ["Lapua", "Testi Lapualainen", "järjestöyhdyshenkilö", "Lapuan kaupunki",
     "lapualainen@example.org", "040 222 3333", "aktiivinen", "puh. 040 222 3333"],
]


@dataclass
class WithNewLiaison:
    spring: reports.Content
    autumn: reports.Content
    #: `report --round "kevät 2021" --format F -o FILE` from the command line: (run, FILE's bytes)
    cli: dict[str, tuple[subprocess.CompletedProcess, bytes]]


@pytest.fixture(scope="module")
def new_lapua_liaison(module_environment, tmp_path_factory) -> WithNewLiaison:
    """The seeded database once Lapua's new liaison is imported for autumn 2022: both rounds'
    contents and the command line's spring report and deck (module-scoped: tests only read)."""
    from tests.test_liaisons import import_contacts
    from tests.test_rounds import add_autumn_tables

    folder = tmp_path_factory.mktemp("cli-report")
    with module_environment() as store:
        add_autumn_tables(store)
        import_contacts(store, LAPUA_AUTUMN)  # filed under the newest round, syksy 2022
        cli = {}
        for fmt in reports.FORMATS:
            target = folder / f"kevat.{fmt}"
            run = run_cli("report", "--round", "kevät 2021", "--format", fmt, "-o", str(target))
            cli[fmt] = run, target.read_bytes() if target.exists() else b""
        return WithNewLiaison(content_of(store), content_of(store, "syksy 2022"), cli)


def lapua_liaisons(content: reports.Content) -> str:
    rows = content.tables[content.tables["label"].str.endswith(". Lapua")]
    assert len(rows) == 1, content.tables["label"].tolist()
    return rows["liaisons"].iloc[0]


def test_each_rounds_report_names_that_rounds_liaisons_not_todays(new_lapua_liaison):
    spring, autumn = new_lapua_liaison.spring, new_lapua_liaison.autumn
    assert "Susanna Oversteyns" in lapua_liaisons(spring)
    assert "Testi Lapualainen" not in lapua_liaisons(spring)
    assert "Testi Lapualainen" in lapua_liaisons(autumn)
    assert "Susanna Oversteyns" not in lapua_liaisons(autumn)
    # the spring report as the command line made it from this database (the same
    # collect-and-build path as reports.build_pdf(spring); one build less), autumn's built here
    spring_pdf, autumn_pdf = (" ".join(pdf_text(data).split())  # cells wrap
                              for data in (new_lapua_liaison.cli["pdf"][1],
                                           reports.build_pdf(autumn)))
    assert "Susanna Oversteyns" in spring_pdf and "Testi Lapualainen" not in spring_pdf
    assert "Testi Lapualainen" in autumn_pdf and "Susanna Oversteyns" not in autumn_pdf
    assert contact_details(autumn_pdf) == []
    assert contact_details("\n".join(slide_texts(reports.build_pptx(autumn)))) == []


def test_the_cli_report_of_the_first_round_names_its_old_liaison(new_lapua_liaison):
    run, written = new_lapua_liaison.cli["pdf"]
    assert run.returncode == 0, run.stderr
    text = " ".join(pdf_text(written).split())
    assert "Susanna Oversteyns" in text and "Testi Lapualainen" not in text


def test_a_swedish_deck_names_the_criteria_in_swedish(example):
    from kumppanuus.i18n import t

    content = example["sv"]
    assert content.criteria[1] == t("criterion_1", "sv") != t("criterion_1", "fi")
    assert all(t(f"criterion_{n}", "sv") in label.replace("\n", " ")
               for n, label in content.labels.items())
