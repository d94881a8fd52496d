"""The example dataset: reproducible byte for byte, clearly marked, and showing what it should."""

import importlib.util

import pytest

from kumppanuus import config, examples, scores

ROOT = config.REPO_ROOT


def load_script():
    spec = importlib.util.spec_from_file_location(
        "make_example_data", ROOT / "scripts" / "make_example_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_reproduces_the_committed_example_files_byte_for_byte():
    built = load_script().build()
    assert set(built) == {"esimerkki_arviot.csv", "esimerkki_palaute.csv"}
    for name, data in built.items():
        assert (examples.EXAMPLE_DIR / name).read_bytes() == data, (
            f"{name} differs: run python scripts/make_example_data.py and commit the result")


def test_the_script_writes_into_the_folder_it_is_given(tmp_path):
    assert load_script().main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "esimerkki_arviot.csv").read_bytes() == examples.SCORES_FILE.read_bytes()


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    codes = ["005", "743"]
    first, again = examples.make_scores(codes), examples.make_scores(codes)
    assert examples.csv_bytes(first) == examples.csv_bytes(again)
    assert examples.csv_bytes(examples.make_scores(codes, seed=7)) != examples.csv_bytes(first)


def test_the_files_use_the_canonical_csv_form():
    header = examples.SCORES_FILE.read_text("utf-8").splitlines()[0]
    assert header == ",".join(examples.SCORE_COLUMNS)
    assert examples.FEEDBACK_FILE.read_text("utf-8").splitlines()[0] == \
        "round,table_no,question,option,count"


def test_every_example_row_is_marked_and_named_as_an_example():
    df = examples.load_scores()
    assert df["is_example"].all()
    assert df["source"].str.startswith("esimerkki").all()
    singles = df[df["respondent"] != ""]
    assert singles["respondent"].str.startswith("esimerkki-").all()
    assert examples.load_feedback()["is_example"].all()


def test_the_example_shows_mixed_scales_small_groups_and_two_rounds():
    df = examples.load_scores()
    scales = set(zip(df["scale_min"], df["scale_max"]))
    assert scales == {(1, 5), (0, 5), (1, 10)}
    assert (df["respondent"] != "").any() and (df["respondent"] == "").any()
    assert len(scores.round_order(df)) == 2
    cells = scores.group_cells(df, min_n=5)
    assert cells["hidden"].any() and (~cells["hidden"]).any()
    assert set(df["respondent_group"]) == {"participants", "managers"}
    assert set(df["criterion"]) == set(range(1, 8))


def test_example_feedback_has_both_questions_for_every_table():
    fb = examples.load_feedback()
    per_table = fb.groupby("table_no")["question"].agg(set)
    assert (per_table == {"content", "heard_via"}).all()
    assert set(fb["option"]) == set(scores.FEEDBACK_ORDER["content"]) | \
        set(scores.FEEDBACK_ORDER["heard_via"])


@pytest.mark.parametrize("kind,path", [("scores", examples.SCORES_FILE),
                                       ("feedback", examples.FEEDBACK_FILE)])
def test_the_example_files_pass_their_kinds_validation(kind, path):
    from kumppanuus import ingest
    from kumppanuus import municipality_names as names

    result = ingest.parse_bytes(kind, path.read_bytes(), path.name,
                                names.load_default_resolver())
    assert result.problems == [], result.problems[:5]
