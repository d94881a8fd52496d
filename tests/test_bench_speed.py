"""scripts/bench_speed.py runs: its bare floors draw what the page drew, and a section runs
end to end on tiny inputs (`--smoke`). It checks no timing: the script reports, never fails."""

from __future__ import annotations

import os
import subprocess
import sys

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_speed  # noqa: E402
import speed_bare  # noqa: E402

#: AppTest's 3 s default is shorter than a first script run takes on a loaded machine (a guard
#: against a hanging script, not a timing check).
TIMEOUT = 60
PAGE_SHAPE = """
import streamlit as st
st.title("T")
with st.sidebar:
    st.selectbox("S", ["a", "b"])
    st.toggle("T")
left, right = st.columns([2, 1])
left.metric("M", 1)
with right:
    st.caption("C")
    st.download_button("D", b"x", on_click="ignore")
for tab in st.tabs(["A", "B"]):
    with tab:
        st.dataframe({"x": [1, 2]})
with st.expander("E"):
    st.info("I")
"""


def test_the_bare_script_draws_the_same_number_and_kinds_of_elements_as_the_page(tmp_path):
    page = AppTest.from_string(PAGE_SHAPE, default_timeout=TIMEOUT).run()
    script, counts = speed_bare.bare_script(page._tree)
    bare = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    assert not bare.exception
    assert speed_bare.bare_script(bare._tree)[1] == counts
    assert counts["tab"] == 2 and counts["column"] == 2 and counts["dataframe"] == 2
    assert speed_bare.describe(counts).startswith("9 elements:")


def test_the_frames_section_runs_on_a_tiny_nation_and_prints_its_ratio():
    result = subprocess.run([sys.executable, "scripts/bench_speed.py", "--smoke", "frames"],
                            cwd=ROOT, text=True, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "load average" in result.stdout
    row = [line for line in result.stdout.splitlines() if "(Store.frame)" in line]
    assert row and "read_sql_query" in row[-1] and "×" in row[-1], result.stdout


FORM_SHAPE = """
import streamlit as st
st.title("T")
st.sidebar.page_link("https://example.org", label="P")
with st.form("f"):
    st.text_input("U")
    st.form_submit_button("S")
"""


def test_the_bare_script_draws_a_form_with_its_submit_button_and_the_menu_links():
    page = AppTest.from_string(FORM_SHAPE, default_timeout=TIMEOUT).run()
    script, counts = speed_bare.bare_script(page._tree)
    bare = AppTest.from_string(script, default_timeout=TIMEOUT).run()
    assert not bare.exception, [e.value for e in bare.exception]
    assert speed_bare.bare_script(bare._tree)[1] == counts
    assert counts["form"] == 1 and counts["page_link"] == 1 and counts["button"] == 1


def test_the_page_load_section_runs_on_a_tiny_setup_and_prints_its_ratio(
        browser, capsys, monkeypatch):
    # One light page, fresh tabs only: each Streamlit server boot costs ~5 CPU s, and `firstload`
    # boots two more (with both sections and the tables page this one test cost ~49 CPU s, a
    # quarter of a worker's budget). `firstload` shares `load` and `paired` with this section;
    # its own lines (a server per measure) run in the full benchmark. The command line's main()
    # runs in this process with the session's Chromium (its servers are processes of their
    # own, as always): a fresh interpreter and browser cost ~3-4 CPU s more; the frames test
    # above runs the script as a process. main() sets these variables; they are put back.
    for name in ("DATABASE_URL", "KUMPPANUUS_CACHE_DIR", "KUMPPANUUS_STAFF_FILE",
                 "STREAMLIT_SERVER_FILE_WATCHER_TYPE"):
        monkeypatch.setenv(name, os.environ.get(name, ""))
    assert bench_speed.main(["--smoke", "load", "--pages", "memos"], chromium=browser) == 0
    out = capsys.readouterr().out
    assert "load average" in out
    for what in ("page load, fresh tab: memos (drawn: heading)",):
        row = [line for line in out.splitlines() if line.startswith(f"| {what}")]
        assert row and "bare" in row[-1] and "×" in row[-1], out
