"""Every template is accepted by its own kind's validation (apart from the example marker)."""

import pytest

from kumppanuus import ingest, templates
from kumppanuus.municipality_names import load_default_resolver


@pytest.mark.parametrize("kind", list(templates.EXAMPLE_ROWS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_template_parses_as_its_kind_with_one_example_row(kind, fmt):
    data = templates.template_csv(kind) if fmt == "csv" else templates.template_xlsx(kind)
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]
    result = ingest.parse_bytes(kind, data, f"pohja.{fmt}", load_default_resolver())
    assert result.problems == [], result.problems
    assert len(result.rows) == 1
    assert "esimerkki" in " ".join(map(str, result.rows.iloc[0].tolist())).lower()


def test_the_scores_template_has_the_finnish_headers_in_the_spec_order():
    lines = templates.template_csv("scores").decode("utf-8-sig").splitlines()
    assert lines[0] == ("kierros;lähde;päivämäärä;kunta;vastaajaryhmä;kriteeri;arvo;"
                        "keskiarvo;vastaajia;asteikko_min;asteikko_max;vastaaja")
    assert len(lines) == 2 and "esimerkki" in lines[1].lower()
