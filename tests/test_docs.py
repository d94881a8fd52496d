"""The README, the CI script and the code agree."""

import re

from kumppanuus import config, schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_every_upload_kind():
    for kind in schema.UPLOAD_KINDS:
        assert f"`{kind}`" in README, kind


def test_the_readme_documents_every_environment_variable_the_app_reads():
    names = [v for k, v in vars(config).items() if k.startswith("ENV_")]
    assert len(names) >= 6
    for name in names:
        assert f"`{name}`" in README, name


def test_ci_runs_exactly_the_readme_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any("streamlit run app.py" in c for c in commands)


def test_the_readme_lists_every_page_of_the_navigation():
    from kumppanuus.i18n import t
    from ui import nav

    assert len(nav.PAGES) == 7 == len(list((ROOT / "pages").glob("*.py")))
    for _, key, _, _ in nav.PAGES:
        assert f"| {t(key)} |" in README


def test_the_readme_states_the_password_rule_the_code_enforces():
    from kumppanuus import auth

    assert f"at least {auth.MIN_PASSWORD} characters" in README


def test_the_readme_screenshots_exist_and_come_from_the_script():
    shots = re.findall(r"\((docs/screenshots/[\w.]+\.png)\)", README)
    assert len(shots) >= 4 and all((ROOT / s).exists() for s in shots)
    assert "scripts/screenshots.py" in README and (ROOT / "scripts" / "screenshots.py").exists()
