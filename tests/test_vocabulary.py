"""Tests for the built-in vocabulary (portal.vocabulary) and the ESCO CSV reader.

The ESCO fixture in tests/fixtures/esco/ is hand-written in the v1.1 download
layout; its URIs (".../occupation/test-...") are made up and exist nowhere else.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from portal import vocabulary as vocab
from portal.config import LANGUAGES
from portal.vocabulary import esco

VOCAB_DIR = Path(vocab.__file__).parent
FIXTURE = Path(__file__).parent / "fixtures" / "esco"
ESCO = "http://data.europa.eu/esco/"
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _raw(name):
    return json.loads((VOCAB_DIR / name).read_text(encoding="utf-8"))


# --- data files -----------------------------------------------------------


def test_data_files_name_their_source():
    for name in ("occupations.json", "skills.json"):
        source = _raw(name)["source"]
        assert "own" in source and "portal" in source.lower()


def test_labels_are_written_in_every_language_of_the_portal():
    assert set(vocab.LOCALES) == set(LANGUAGES)
    for name in ("occupations.json", "skills.json"):
        assert _raw(name)["languages"] == list(vocab.LOCALES)


def test_every_item_has_a_label_in_every_language():
    items = [*vocab.groups(), *vocab.occupations(), *vocab.skills()]
    for item in items:
        assert set(item.labels) == set(vocab.LOCALES), item.code
        for lang in vocab.LOCALES:
            text = item.labels[lang]
            assert isinstance(text, str) and text.strip() == text and text, (item.code, lang)


# A letter of each language's own script (so and tr are written in Latin letters, like nl).
SCRIPTS = {
    "ar": r"[\u0600-\u06FF]",
    "fa": r"[\u0600-\u06FF]",
    "ps": r"[\u0600-\u06FF]",
    "uk": r"[\u0400-\u04FF]",
    "ti": r"[\u1200-\u137F]",
}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_labels_are_written_in_their_languages_script(language):
    for item in [*vocab.groups(), *vocab.occupations(), *vocab.skills()]:
        assert re.search(SCRIPTS[language], item.labels[language]), (item.code, language)


def test_codes_are_unique_slugs():
    raw_occ = _raw("occupations.json")
    raw_skills = _raw("skills.json")
    for items in (raw_occ["groups"], raw_occ["occupations"], raw_skills["skills"]):
        codes = [item["code"] for item in items]
        assert len(codes) == len(set(codes))
        assert all(CODE.match(code) for code in codes), codes


def test_references_exist():
    group_codes = {g.code for g in vocab.groups()}
    occupation_codes = {o.code for o in vocab.occupations()}
    skill_codes = {s.code for s in vocab.skills()}
    for occ in vocab.occupations():
        assert occ.group in group_codes, occ.code
        assert 5 <= len(occ.skills) <= 10, occ.code
        assert len(set(occ.skills)) == len(occ.skills), occ.code
        assert set(occ.skills) <= skill_codes, (occ.code, set(occ.skills) - skill_codes)
        assert set(occ.related) <= occupation_codes, occ.code
        assert occ.code not in occ.related
        for other in occ.related:
            assert vocab.occupation(other).group != occ.group, (occ.code, other)
    for code in group_codes:
        assert vocab.occupations(code), f"group {code} has no occupations"


def test_optional_fields_are_well_formed():
    for occ in vocab.occupations():
        if occ.isco is not None:
            assert re.fullmatch(r"\d{4}", occ.isco), occ.code
        if occ.esco_uri is not None:
            assert occ.esco_uri.startswith(ESCO + "occupation/"), occ.code
        assert set(occ.alt_labels) <= set(vocab.LOCALES), occ.code
        for names in occ.alt_labels.values():
            assert names and all(isinstance(n, str) and n for n in names), occ.code
    for sk in vocab.skills():
        assert sk.kind in vocab.SKILL_KINDS, sk.code


def test_sizes():
    assert 10 <= len(vocab.groups()) <= 20
    assert 45 <= len(vocab.occupations()) <= 60
    assert 100 <= len(vocab.skills()) <= 140


# --- loader ---------------------------------------------------------------


def test_lookups():
    occ = vocab.occupation("warehouse-worker")
    assert occ is not None and occ.group == "logistics"
    assert vocab.label(occ, "nl") == "magazijnmedewerker"
    assert vocab.skill("forklift").kind == "practical"
    assert vocab.group("cleaning").labels["fr"] == "Nettoyage"
    assert vocab.occupation("no-such-job") is None
    assert vocab.skill(None) is None
    assert vocab.group("") is None


def test_loader_is_cached_and_read_only():
    assert vocab._load() is vocab._load()
    assert vocab.occupation("dishwasher") is vocab.occupation("dishwasher")
    with pytest.raises(TypeError):
        vocab.occupation("dishwasher").labels["nl"] = "x"
    assert hash(vocab.occupation("dishwasher")) == hash(vocab.occupation("dishwasher"))


def test_filters():
    cleaning = vocab.occupations("cleaning")
    assert cleaning and all(o.group == "cleaning" for o in cleaning)
    language = vocab.skills("language")
    assert language and all(s.kind == "language" for s in language)


def test_label_fallbacks():
    occ = vocab.occupation("dishwasher")
    assert vocab.label(occ, "fr") == "plongeur"
    assert vocab.label(occ, "fr_BE") == "plongeur"
    assert vocab.label(occ, "ar-SY") == occ.labels["ar"]
    assert vocab.label(occ, "de") == "afwasser"  # unknown language -> Dutch
    assert vocab.label(occ, None) == "afwasser"
    assert vocab.label({"en": "only English"}, "fr") == "only English"  # nl missing -> en
    assert vocab.label({"code": "x", "labels": {"fr": ""}}, "fr") == "x"  # nothing -> code
    assert vocab.label(None, "nl") == ""


def test_related_occupations():
    related = vocab.related_occupations("dishwasher")
    codes = [o.code for o in related]
    assert "dishwasher" not in codes
    assert len(codes) == len(set(codes))
    assert "kitchen-assistant" in codes  # same group
    assert "office-cleaner" in codes  # explicit link
    # Links work both ways: "office-cleaner" lists "dishwasher".
    assert "dishwasher" in [o.code for o in vocab.related_occupations("office-cleaner")]
    same_group = [o.code for o in related if o.group == "hospitality"]
    assert codes[: len(same_group)] == same_group  # same group first
    assert vocab.related_occupations("no-such-job") == ()


def test_choices_sorted_by_label():
    choices = vocab.occupation_choices("fr")
    assert len(choices) == len(vocab.occupations())
    assert ("dishwasher", "plongeur") in choices
    keys = [vocab._sort_key(text) for _, text in choices]
    assert keys == sorted(keys)
    skills = vocab.skill_choices("ar")
    assert len(skills) == len(vocab.skills())
    assert all(re.search(r"[\u0600-\u06FF]", text) for _, text in skills)
    digital = vocab.skill_choices("en", kind="digital")
    assert {code for code, _ in digital} == {s.code for s in vocab.skills("digital")}
    # Accents do not push a label to the end of the list.
    assert vocab._sort_key("écouter") < vocab._sort_key("fabriquer")


def test_grouped_choices():
    grouped = vocab.grouped_occupation_choices("nl")
    assert [name for name, _ in grouped] == [g.labels["nl"] for g in vocab.groups()]
    assert sum(len(items) for _, items in grouped) == len(vocab.occupations())


# --- ESCO reader ----------------------------------------------------------


def test_read_esco_fixture():
    data = esco.read_esco(FIXTURE)
    assert data.languages == ("nl", "en")
    assert {"occupations_fr.csv", "skills_fr.csv", "occupations_ar.csv", "skills_ar.csv"} <= set(
        data.missing
    )
    assert len(data.occupations) == 4
    assert len(data.skills) == 8

    worker = data.occupations[ESCO + "occupation/test-warehouse-worker"]
    assert worker.isco_group == "9333"
    assert worker.code == "9333.1"
    assert worker.status == "released"
    assert worker.labels == {"nl": "magazijnmedewerker", "en": "warehouse worker"}
    # Quoted cells with newlines: one alternative label per line.
    assert worker.alt_labels["en"] == ["warehouse operative", "storehouse worker"]
    assert worker.hidden_labels == {"en": ["warehouse workr"]}
    assert worker.descriptions["en"] == "Warehouse workers receive, store and dispatch goods."
    assert worker.essential_skills == [
        ESCO + "skill/test-store-goods",
        ESCO + "skill/test-safety-rules",
    ]
    assert worker.optional_skills == [
        ESCO + "skill/test-operate-forklift",
        ESCO + "skill/test-work-in-team",
    ]

    dishes = data.skills[ESCO + "skill/test-wash-dishes"]
    assert dishes.skill_type == "skill/competence"
    assert dishes.reuse_level == "occupation-specific"
    assert dishes.labels == {"nl": "afwassen", "en": "wash dishes"}
    # The first column name is read correctly despite the byte-order mark.
    assert data.skills[ESCO + "skill/test-food-hygiene"].skill_type == "knowledge"
    # A skill only present in English keeps just its English label.
    safety = data.skills[ESCO + "skill/test-safety-rules"]
    assert safety.labels == {"en": "follow health and safety rules"}
    assert safety.descriptions["en"] == 'Work safely, "as the rules say", and wear protective gear.'
    # Every relation points to a skill that was read.
    for occ in data.occupations.values():
        assert set(occ.essential_skills + occ.optional_skills) <= set(data.skills)


def test_read_esco_one_language_and_string_argument():
    data = esco.read_esco(str(FIXTURE), "en")
    assert data.languages == ("en",)
    assert data.missing == []
    assert all(set(o.labels) == {"en"} for o in data.occupations.values())


def test_read_esco_v12_layout(tmp_path):
    """v1.2: nested folder from the zip, naceCode column, relations file per language."""
    nested = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv"
    nested.mkdir()
    for name in ("occupations_en.csv", "skills_en.csv"):
        shutil.copy(FIXTURE / name, nested / name)
    text = (nested / "occupations_en.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    lines[0] += ",naceCode"
    (nested / "occupations_en.csv").write_text("\n".join(lines), encoding="utf-8")
    (nested / "occupationSkillRelations_en.csv").write_text(
        "occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel\n"
        f"{ESCO}occupation/test-kitchen-porter,kitchen porter,Essential,skill/competence,"
        f"{ESCO}skill/test-wash-dishes,wash dishes\n"
        f"{ESCO}occupation/test-unknown,unknown,essential,skill/competence,"
        f"{ESCO}skill/test-wash-dishes,wash dishes\n",
        encoding="utf-8",
    )
    data = esco.read_esco(tmp_path, languages=("en", "nl"))
    assert data.languages == ("en",)
    porter = data.occupations[ESCO + "occupation/test-kitchen-porter"]
    assert porter.essential_skills == [ESCO + "skill/test-wash-dishes"]
    assert porter.optional_skills == []
    assert ESCO + "occupation/test-unknown" not in data.occupations


def _copy_fixture(tmp_path):
    for path in FIXTURE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_read_esco_rejects_missing_column(tmp_path):
    folder = _copy_fixture(tmp_path)
    path = folder / "occupations_en.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",preferredLabel,", ",prefLabel,", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"occupations_en\.csv: missing column preferredLabel"):
        esco.read_esco(folder)


def test_read_esco_rejects_swapped_file(tmp_path):
    folder = _copy_fixture(tmp_path)
    shutil.copy(FIXTURE / "skills_nl.csv", folder / "occupations_nl.csv")
    with pytest.raises(ValueError) as info:
        esco.read_esco(folder)
    message = str(info.value)
    assert "occupations_nl.csv" in message and "iscoGroup" in message


def test_read_esco_rejects_bad_relations(tmp_path):
    folder = _copy_fixture(tmp_path)
    (folder / "occupationSkillRelations.csv").write_text(
        "occupationUri,relationType,skillType,skillUri\n"
        f"{ESCO}occupation/test-kitchen-porter,maybe,skill/competence,{ESCO}skill/x\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"occupationSkillRelations\.csv line 2: relationType"):
        esco.read_esco(folder)
    (folder / "occupationSkillRelations.csv").write_text("occupationUri,skillUri\n")
    with pytest.raises(ValueError, match="missing column relationType"):
        esco.read_esco(folder)


def test_read_esco_rejects_empty_uri_and_empty_file(tmp_path):
    folder = _copy_fixture(tmp_path)
    path = folder / "skills_en.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(ESCO + "skill/test-mow-grass", "", 1),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"skills_en\.csv line \d+: empty conceptUri"):
        esco.read_esco(folder)
    path.write_text("")
    with pytest.raises(ValueError, match=r"skills_en\.csv: file is empty"):
        esco.read_esco(folder)


def test_read_esco_wrong_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        esco.read_esco(tmp_path / "nope")
    with pytest.raises(ValueError, match="no ESCO occupations file"):
        esco.read_esco(tmp_path)
    with pytest.raises(ValueError, match="not an ESCO language code"):
        esco.read_esco(FIXTURE, ("nl", "../x"))
