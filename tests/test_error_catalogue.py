"""The error catalogue: every way a case file can be wrong, and what the user sees.

:data:`CATALOGUE` lists each fault once, as data: how to make the faulty file
(from the valid toy case of ``conftest.py``), and what the one-line
:class:`~policyopts.CaseError` must name — the file, the field path (or, for a
file that cannot be parsed, the line and column) and the offending value. Two
tests run over it:

- ``load_case`` raises ``CaseError`` whose message contains all three;
- ``policyopts validate FILE`` prints exactly that one line on stderr (prefixed
  ``policyopts: error:``), exits with status 1 and shows no traceback.

``docs/errors.md`` is the documented form of the same list; a test checks that it
names every entry, and ``python tests/test_error_catalogue.py`` prints the table
rows with the messages the library gives today.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import policyopts as po
from policyopts.cli import main

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "errors.md"

Data = dict[str, Any]
Key = str | int
#: One edit of the toy data: ("set", path, value), ("del", path, None) or ("add", path, item).
Edit = tuple[str, tuple[Key, ...], Any]


def _apply(data: Data, edits: tuple[Edit, ...]) -> Data:
    out = copy.deepcopy(data)
    for op, path, value in edits:
        node: Any = out
        for key in path[:-1]:
            node = node[key]
        if op == "set":
            node[path[-1]] = value
        elif op == "del":
            del node[path[-1]]
        else:
            node[path[-1]].append(value)
    return out


def _yaml(data: Data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


_ALIAS_BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 10)}]\n" for k in range(1, 9)
)


@dataclass(frozen=True)
class Fault:
    """One entry of the catalogue.

    Attributes
    ----------
    id : str
        Short name, also the test id and the key in ``docs/errors.md``.
    group : str
        "file" (the file cannot be read or parsed), "structure" (types, fields,
        numbers), "reference" (ids) or "rule" (a domain rule).
    what : str
        The fault, in words.
    path : str
        What the message must say about where: the field path, or for a file
        that cannot be parsed the line/column or the key.
    value : str
        The offending value as the message must show it ("" when there is none:
        a missing or empty file).
    edits : tuple of Edit
        Changes to the toy case data (when ``text`` is None).
    text : str or bytes or None
        Literal content of the case file instead of edited toy data.
    name : str
        File name of the case file (its suffix picks the format).
    evidence : str or None
        Content of an evidence file ``ev.yaml`` listed by the case, for faults
        located in an evidence file (the message must name ``ev.yaml``).
    toy_to_text : callable, optional
        Builds the file text from the (edited) toy data, for faults that need the
        valid case around them (a duplicate key deep inside, a truncated file).
    bug : str or None
        A known shortcoming of today's message (the entry's tests are expected to
        fail, strictly, until it is fixed).
    """

    id: str
    group: str
    what: str
    path: str
    value: str
    edits: tuple[Edit, ...] = ()
    text: str | bytes | None = None
    name: str = "case.yaml"
    evidence: str | None = None
    toy_to_text: Callable[[Data], str | bytes] | None = None
    bug: str | None = None

    @property
    def faulty_file(self) -> str:
        """The file the message must name."""
        return "ev.yaml" if self.evidence is not None else self.name

    def build(self, folder: Path, toy: Data) -> Path:
        """Write the faulty case (and evidence file) into ``folder``; return the case path."""
        path = folder / self.name
        data = _apply(toy, self.edits)
        if self.evidence is not None:
            (folder / "ev.yaml").write_text(self.evidence, encoding="utf-8")
            data.pop("sources")
            data.pop("evidence")
            data["evidence_files"] = ["ev.yaml"]
        if self.id == "missing_file":
            return path
        if self.id == "folder":
            path.mkdir()
            return path
        if self.text is not None:
            content: str | bytes = self.text
        elif self.toy_to_text is not None:
            content = self.toy_to_text(data)
        elif path.suffix == ".json":
            content = json.dumps(data, indent=1)
        else:
            content = _yaml(data)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path


def _truncated(data: Data) -> str:
    data["options"][0]["name"] = "Act: now"
    text = _yaml(data)  # the name is written single-quoted: cut inside the quotes
    return text[: text.index("'Act:") + len("'Act:")]


def _truncated_json(data: Data) -> str:
    text = json.dumps(data, indent=1)
    lines = text.splitlines(keepends=True)
    return "".join(lines[:9])


def _duplicate_deep_key(data: Data) -> str:
    return _yaml(data).replace("  direction: cost\n", "  direction: cost\n  direction: benefit\n")


def _tabbed(data: Data) -> str:
    return _yaml(data).replace("\n  name: Wait\n", "\n\tname: Wait\n")


def _json_nan(data: Data) -> str:
    data["risks"][0]["impact"] = float("nan")
    return json.dumps(data, indent=1)


def _yaml_inf(data: Data) -> str:
    return _yaml(data).replace("impact: 3\n", "impact: .inf\n")


def _latin1(data: Data) -> bytes:
    return _yaml(data).replace("name: Talk", "name: Caf\xe9").encode("latin-1")


def _wrong_date(data: Data) -> str:
    return _yaml(data).replace("date: 2024-09", "date: 2024-13-45")


_EV_OK: Data = {
    "sources": [{"id": "src", "document": "doc.txt", "outlet": "Outlet", "title": "A title"}],
    "evidence": [{"id": "ev1", "source": "src", "claim": "something happened"}],
}

CATALOGUE: list[Fault] = [
    # ---------------------------------------------------------------- file level
    Fault("missing_file", "file", "the case file does not exist", "", ""),
    Fault("folder", "file", "the path is a folder", "", ""),
    Fault("unsupported_suffix", "file", "suffix other than .yaml/.yml/.json", "", "'.txt'",
          text="id: x\n", name="case.txt"),
    Fault("empty", "file", "empty file", "", "", text=""),
    Fault("blank", "file", "only whitespace or comments", "", "", text="# nothing\n\n"),
    Fault("not_a_mapping", "file", "top level is a list, not a mapping", "", "list",
          text="- a\n- b\n"),
    Fault("scalar_document", "file", "top level is a single value", "", "'just words'",
          text="just words\n"),
    Fault("invalid_yaml", "file", "YAML syntax error", "line 3, column 1", "'<end of file>'",
          text="id: x\ntitle: [unclosed\n"),
    Fault("invalid_json", "file", "JSON syntax error", "line 1, column 22", "Expecting value",
          text='{"id": "x", "title": }', name="case.json"),
    Fault("yaml_tag", "file", "a YAML tag such as !!python/object", "line 1",
          "python/object:os.system", text="id: !!python/object:os.system x\n"),
    Fault("truncated_yaml", "file", "YAML file cut off in the middle", "line 9, column 14",
          "unexpected end of stream", toy_to_text=_truncated),
    Fault("truncated_json", "file", "JSON file cut off in the middle", "line 10, column 1",
          "Expecting", name="case.json", toy_to_text=_truncated_json),
    Fault("tabs", "file", "tab used for indentation", "line 13, column 1", "'name: Wait'",
          toy_to_text=_tabbed),
    Fault("duplicate_key_yaml", "file", "the same key twice in a YAML mapping",
          "line 24, column 3", "'direction'", toy_to_text=_duplicate_deep_key),
    Fault("duplicate_key_json", "file", "the same key twice in a JSON object", "",
          "'id'", text='{"id": "x", "id": "y"}', name="case.json"),
    Fault("not_utf8", "file", "the file is not UTF-8 text", "offset 197", "0xe9",
          toy_to_text=_latin1),
    Fault("nan_json", "file", "NaN or Infinity in a JSON file", "risks[backfire].impact", "NaN",
          name="case.json", toy_to_text=_json_nan),
    # --------------------------------------------------------- structure / numbers
    Fault("wrong_type_number", "structure", "text where a number is expected",
          "assessments[act][gain].score", "'high'",
          edits=(("set", ("assessments", 0, "score"), "high"),)),
    Fault("wrong_type_list", "structure", "a single value where a list is expected",
          "options", "'act'", edits=(("set", ("options",), "act"),)),
    Fault("wrong_type_text", "structure", "a list where text is expected",
          "options[act].name", "['Act']", edits=(("set", ("options", 0, "name"), ["Act"]),)),
    Fault("wrong_type_date", "structure", "an invalid calendar date (unquoted in YAML)",
          "sources[src].date", "'2024-13-45'", toy_to_text=_wrong_date),
    Fault("nan_yaml", "structure", "NaN in a YAML file", "assessments[act][gain].score", "nan",
          edits=(("set", ("assessments", 0, "score"), float("nan")),)),
    Fault("inf_yaml", "structure", "infinity in a YAML file", "risks[backfire].impact",
          "(got inf)", toy_to_text=_yaml_inf),
    Fault("unknown_field", "structure", "a field the format does not define",
          "options[act].colour", "colour", edits=(("set", ("options", 0, "colour"), "red"),)),
    Fault("misspelt_field", "structure", "a misspelt field (with a suggestion)",
          "criteria[gain].directon", "'direction'",
          edits=(("set", ("criteria", 0, "directon"), "benefit"),)),
    Fault("missing_field", "structure", "a required field is absent",
          "criteria[gain].direction", "required",
          edits=(("del", ("criteria", 0, "direction"), None),)),
    Fault("bad_choice", "structure", "a value outside a fixed set",
          "criteria[gain].direction", "'good'",
          edits=(("set", ("criteria", 0, "direction"), "good"),)),
    Fault("bad_id", "structure", "an id that is not snake_case", "options[Act].id", "'Act'",
          edits=(("set", ("options", 0, "id"), "Act"),)),
    Fault("unknown_uncertainty_kind", "structure", "an unknown distribution kind",
          "assessments[act][gain].uncertainty", "'lognormal'",
          edits=(("set", ("assessments", 0, "uncertainty"),
                  {"kind": "lognormal", "low": 1, "high": 9}),)),
    Fault("bad_format_version", "structure", "a format version this library cannot read",
          "format_version", "2", edits=(("set", ("format_version",), 2),)),
    # ------------------------------------------------------------------ references
    Fault("duplicate_option_id", "reference", "two options with one id", "options[act].id",
          "'act'", edits=(("add", ("options",), {"id": "act", "name": "Again"}),)),
    Fault("duplicate_criterion_id", "reference", "two criteria with one id",
          "criteria[gain].id", "'gain'",
          edits=(("add", ("criteria",), {"id": "gain", "name": "G", "direction": "benefit"}),)),
    Fault("duplicate_evidence_id", "reference", "two evidence records with one id",
          "evidence[ev1].id", "'ev1'",
          edits=(("add", ("evidence",), {"id": "ev1", "source": "src", "claim": "c"}),)),
    Fault("dangling_option", "reference", "an assessment of an unknown option",
          "assessments[ghost][gain].option", "'ghost'",
          edits=(("set", ("assessments", 0, "option"), "ghost"),)),
    Fault("dangling_criterion", "reference", "an assessment on an unknown criterion",
          "assessments[act][ghost].criterion", "'ghost'",
          edits=(("set", ("assessments", 0, "criterion"), "ghost"),)),
    Fault("dangling_evidence", "reference", "a citation of an unknown evidence record",
          "assessments[act][gain].evidence[0]", "'ev404'",
          edits=(("set", ("assessments", 0, "evidence"), ["ev404"]),)),
    Fault("dangling_source", "reference", "evidence from an unknown source",
          "evidence[ev1].source", "'nowhere'",
          edits=(("set", ("evidence", 0, "source"), "nowhere"),)),
    Fault("dangling_parent", "reference", "a criterion under an unknown branch",
          "criteria[gain].parent", "'nowhere'",
          edits=(("set", ("criteria", 0, "parent"), "nowhere"),)),
    Fault("dangling_exposure", "reference", "exposure of an unknown option",
          "risks[backfire].exposure.ghost", "ghost",
          edits=(("set", ("risks", 0, "exposure", "ghost"), 0.2),)),
    Fault("dangling_override", "reference", "a likelihood override for an unknown risk",
          "scenarios[storm].likelihood_overrides.ghost", "ghost",
          edits=(("set", ("scenarios", 1, "likelihood_overrides", "ghost"), 0.3),)),
    Fault("dangling_weight", "reference", "a weight for an unknown criterion",
          "profiles[even].weights.ghost", "ghost",
          edits=(("set", ("profiles", 0, "weights", "ghost"), 1),)),
    Fault("dangling_default_profile", "reference", "an unknown default profile",
          "default_profile", "'nobody'", edits=(("set", ("default_profile",), "nobody"),)),
    Fault("branch_cycle", "reference", "branches that contain each other",
          "branches[a].parent", "'b'",
          edits=(("set", ("branches",), [{"id": "a", "name": "A", "parent": "b"},
                                         {"id": "b", "name": "B", "parent": "a"}]),
                 ("del", ("criteria", 0, "parent"), None))),
    Fault("missing_assessment", "reference", "an option not scored on a criterion",
          "assessments", "talk × cost", edits=(("del", ("assessments", 5), None),)),
    Fault("duplicate_assessment", "reference", "two assessments of one option and criterion",
          "assessments[act][gain]", "second assessment",
          edits=(("add", ("assessments",),
                  {"option": "act", "criterion": "gain", "score": 1, "rationale": "again"}),)),
    Fault("missing_exposure", "reference", "a risk without an exposure for every option",
          "risks[backfire].exposure", "talk",
          edits=(("del", ("risks", 0, "exposure", "talk"), None),)),
    Fault("missing_weight", "reference", "a profile without a weight for every criterion",
          "profiles[even].weights", "risk_burden",
          edits=(("del", ("profiles", 0, "weights", "risk_burden"), None),)),
    # ------------------------------------------------------------------- rules
    Fault("too_few_options", "rule", "fewer than two options", "options", "[{'id': 'a'",
          edits=(("set", ("options",), [{"id": "a", "name": "A"}]),)),
    Fault("score_outside_scale", "rule", "a score outside its criterion's scale",
          "assessments[act][cost].score", "150",
          edits=(("set", ("assessments", 1),
                  {"option": "act", "criterion": "cost", "score": 150, "rationale": "r"}),)),
    Fault("low_above_high", "rule", "an uncertainty range with low > high",
          "assessments[act][gain].uncertainty.low", "9",
          edits=(("set", ("assessments", 0, "uncertainty"),
                  {"kind": "uniform", "low": 9, "high": 5}),)),
    Fault("score_outside_range", "rule", "a point estimate outside its own range",
          "assessments[act][gain].score", "7",
          edits=(("set", ("assessments", 0, "uncertainty"),
                  {"kind": "pert", "low": 8, "high": 9}),)),
    Fault("scale_reversed", "rule", "a scale whose max does not exceed its min",
          "criteria[cost].scale.max", "-5", edits=(("set", ("criteria", 1, "scale", "max"), -5),)),
    Fault("no_rationale", "rule", "a score without a rationale",
          "assessments[act][gain].rationale", "'   '",
          edits=(("set", ("assessments", 0, "rationale"), "   "),)),
    Fault("source_without_evidence", "rule", "basis 'source' without evidence",
          "assessments[act][gain].evidence", "[]",
          edits=(("set", ("assessments", 0, "evidence"), []),)),
    Fault("likelihood_above_one", "rule", "a risk likelihood above 1",
          "risks[backfire].likelihood", "1.4", edits=(("set", ("risks", 0, "likelihood"), 1.4),)),
    Fault("likelihood_negative", "rule", "a risk likelihood below 0",
          "risks[backfire].likelihood", "-0.2",
          edits=(("set", ("risks", 0, "likelihood"), -0.2),)),
    Fault("exposure_outside", "rule", "an exposure outside [0, 1]",
          "risks[backfire].exposure.act", "1.5",
          edits=(("set", ("risks", 0, "exposure", "act"), 1.5),)),
    Fault("override_outside", "rule", "a likelihood override outside [0, 1]",
          "scenarios[storm].likelihood_overrides.backfire", "2.0",
          edits=(("set", ("scenarios", 1, "likelihood_overrides", "backfire"), 2.0),)),
    Fault("probability_negative", "rule", "a scenario probability below 0",
          "scenarios[calm].probability", "-0.1",
          edits=(("set", ("scenarios", 0, "probability"), -0.1),)),
    Fault("probability_above_one", "rule", "a scenario probability above 1",
          "scenarios[calm].probability", "1.5",
          edits=(("set", ("scenarios", 0, "probability"), 1.5),)),
    Fault("probabilities_sum", "rule", "scenario probabilities not summing to 1", "scenarios",
          "0.9", edits=(("set", ("scenarios", 0, "probability"), 0.5),)),
    Fault("discrete_probabilities_sum", "rule", "discrete probabilities not summing to 1",
          "assessments[act][gain].uncertainty.probabilities", "0.7",
          edits=(("set", ("assessments", 0, "uncertainty"),
                  {"kind": "discrete", "values": [6, 7], "probabilities": [0.5, 0.2]}),)),
    Fault("discrete_probability_outside", "rule", "a discrete probability outside [0, 1]",
          "assessments[act][gain].uncertainty.probabilities[0]", "1.5",
          edits=(("set", ("assessments", 0, "uncertainty"),
                  {"kind": "discrete", "values": [6, 7], "probabilities": [1.5, -0.5]}),)),
    Fault("change_outside_scale", "rule", "a scenario moving a score off its scale",
          "scenarios[calm].score_changes[act][gain]", "5",
          edits=(("set", ("scenarios", 0, "score_changes", 0, "shift"), 5),)),
    Fault("negative_weight", "rule", "a negative weight", "profiles[even].weights.gain", "-1",
          edits=(("set", ("profiles", 0, "weights", "gain"), -1),)),
    Fault("all_zero_weights", "rule", "weights that are all zero", "profiles[even].weights", "0",
          edits=(("set", ("profiles", 0, "weights"), {"gain": 0, "cost": 0, "risk_burden": 0}),)),
    Fault("weights_overflow", "rule", "weights so large that their sum overflows",
          "profiles[even].weights", "1e+308",
          edits=(("set", ("profiles", 0, "weights"),
                  {"gain": 1e308, "cost": 1e308, "risk_burden": 1}),)),
    Fault("rank_too_large", "rule", "an importance rank beyond 64-bit integers",
          "profiles[ranked].ranks.risk_burden", "100000000000000000000000000000",
          edits=(("set", ("profiles", 2, "ranks", "risk_burden"), 10**29),)),
    Fault("swing_above_100", "rule", "swing points above 100", "profiles[thrifty].swing.cost",
          "120", edits=(("set", ("profiles", 1, "swing", "cost"), 120),)),
    Fault("rank_zero", "rule", "an importance rank below 1", "profiles[ranked].ranks.gain", "0",
          edits=(("set", ("profiles", 2, "ranks", "gain"), 0),)),
    Fault("two_weight_forms", "rule", "a profile giving two forms of weights", "profiles[even]",
          "weights, swing",
          edits=(("set", ("profiles", 0, "swing"), {"gain": 1, "cost": 1, "risk_burden": 1}),)),
    Fault("ahp_not_reciprocal", "rule", "an AHP matrix that is not reciprocal",
          "profiles[ranked].ahp", "pairwise[0, 1]",
          edits=(("set", ("profiles", 2),
                  {"id": "ranked", "name": "R", "ahp": {
                      "criteria": ["gain", "cost", "risk_burden"],
                      "matrix": [[1, 3, 5], [3, 1, 2], [0.2, 0.5, 1]]}}),)),
    Fault("value_function_not_monotone", "rule", "a value function against the direction",
          "criteria[gain].value_function.points", "[0.0, 0.9, 0.5]",
          edits=(("set", ("criteria", 0, "value_function"),
                  {"kind": "piecewise_linear", "points": [[0, 0], [5, 0.9], [10, 0.5]]}),)),
    Fault("exponential_zero", "rule", "an exponential value function with rho = 0",
          "criteria[gain].value_function.rho", "0",
          edits=(("set", ("criteria", 0, "value_function"), {"kind": "exponential", "rho": 0}),)),
    # ---------------------------------------------------------- evidence files
    Fault("evidence_file_missing", "file", "a listed evidence file does not exist",
          "evidence_files[0]", "'nowhere.yaml'",
          edits=(("set", ("evidence_files",), ["nowhere.yaml"]),)),
    Fault("evidence_files_not_a_list", "structure", "evidence_files is not a list of paths",
          "evidence_files", "42", edits=(("set", ("evidence_files",), 42),)),
    Fault("evidence_file_invalid_yaml", "file", "an evidence file with a syntax error",
          "line 3, column 1", "'<end of file>'", evidence="sources: []\nevidence: [oops\n"),
    Fault("evidence_file_unknown_field", "structure", "an unknown field in an evidence file",
          "notes", "notes", evidence=_yaml({**_EV_OK, "notes": "x"})),
    Fault("evidence_file_outside", "file", "an evidence file outside the case's folder",
          "evidence_files[0]", "'../elsewhere.yaml'",
          edits=(("set", ("evidence_files",), ["../elsewhere.yaml"]),)),
    Fault("evidence_file_absolute", "file", "an evidence file given by an absolute path",
          "evidence_files[0]", "'/etc/ev.yaml'",
          edits=(("set", ("evidence_files",), ["/etc/ev.yaml"]),)),
    Fault("evidence_file_scalar", "file", "an evidence file that is one long value",
          "", "'sk-0123456789abcdefghijklmnopqrstuvwxyz…'",
          evidence="sk-0123456789abcdefghijklmnopqrstuvwxyz0123456789SECRET\n"),
    # ------------------------------------------------------------------- limits
    Fault("alias_bomb", "file", "YAML aliases expanding to billions of values", "",
          "aliases add more than 1,000,000 values", text=_ALIAS_BOMB),
    Fault("tree_too_deep", "rule", "a value tree more than 32 levels deep",
          "branches[b31].parent", "'b30'",
          edits=(("set", ("branches",), [{"id": "effect", "name": "Effect"}] + [
              {"id": f"b{k}", "name": f"B{k}", "parent": f"b{k - 1}" if k else "effect"}
              for k in range(40)]), ("set", ("criteria", 0, "parent"), "b39"))),
    Fault("name_too_long", "rule", "a name longer than 200 characters", "options[act].name",
          "'xxxxxxxxxx", edits=(("set", ("options", 0, "name"), "x" * 201),)),
    Fault("text_too_long", "rule", "a free text longer than 20,000 characters",
          "assessments[act][gain].rationale", "'yyyyyyyyyy",
          edits=(("set", ("assessments", 0, "rationale"), "y" * 20_001),)),
    Fault("too_many_options", "rule", "more than 500 options", "options", "501",
          edits=(("set", ("options",), [{"id": f"o{k}", "name": f"O{k}"} for k in range(501)]),)),
    Fault("evidence_file_dangling_source", "reference",
          "evidence in an evidence file citing an unknown source", "evidence[ev1].source",
          "'ghost'", evidence=_yaml({**_EV_OK, "evidence": [
              {"id": "ev1", "source": "ghost", "claim": "c"}]})),
]  # fmt: skip

IDS = [f.id for f in CATALOGUE]
PARAMS = [
    pytest.param(f, id=f.id, marks=[pytest.mark.xfail(strict=True, reason=f.bug)] if f.bug else [])
    for f in CATALOGUE
]


def _message(fault: Fault, folder: Path, toy: Data) -> tuple[Path, str]:
    path = fault.build(folder, toy)
    with pytest.raises(po.CaseError) as info:
        po.load_case(path)
    return path, str(info.value)


def _assert_names_it(fault: Fault, text: str) -> None:
    assert fault.faulty_file in text, text
    assert text.count(fault.faulty_file + ":") == 1, text  # named once, at the start
    assert fault.path in text, text
    assert fault.value in text, text
    assert "\n" not in text, text


def test_catalogue_ids_are_unique() -> None:
    """Every entry has its own id (they key the documentation)."""
    assert len(set(IDS)) == len(IDS)


def test_every_fixture_starts_valid(toy_data: Data) -> None:
    """The toy case the entries edit is valid, so each failure is the entry's own."""
    po.Case.model_validate(toy_data)


@pytest.mark.parametrize("fault", PARAMS)
def test_load_case_names_file_path_and_value(fault: Fault, toy_data: Data, tmp_path: Path) -> None:
    """``load_case`` raises ``CaseError`` naming the file, the place and the value."""
    _, text = _message(fault, tmp_path, toy_data)
    _assert_names_it(fault, text)


@pytest.mark.parametrize("fault", PARAMS)
def test_cli_validate_prints_one_line(
    fault: Fault, toy_data: Data, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``policyopts validate FILE`` prints one line naming file, place and value on
    stderr, nothing on stdout, exits 1 and shows no traceback."""
    path = fault.build(tmp_path, toy_data)
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("policyopts: error: ")
    assert "Traceback" not in err
    _assert_names_it(fault, lines[0])


@pytest.mark.parametrize("entry", ["yaml_tag", "tabs", "low_above_high"])
def test_cli_in_a_real_process_shows_no_traceback(
    entry: str, toy_data: Data, tmp_path: Path
) -> None:
    """The same through ``python -m policyopts.cli`` in a subprocess (a sample)."""
    fault = next(f for f in CATALOGUE if f.id == entry)
    path = fault.build(tmp_path, toy_data)
    proc = subprocess.run(
        [sys.executable, "-m", "policyopts.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1
    _assert_names_it(fault, proc.stderr.strip())


def test_documentation_lists_every_entry() -> None:
    """``docs/errors.md`` has one table row per catalogue entry, and no others."""
    kinds = {f.group for f in CATALOGUE}
    cells = [line.split("|") for line in DOC.read_text(encoding="utf-8").splitlines()]
    rows = [c[1].strip().strip("`") for c in cells if len(c) > 3 and c[2].strip() in kinds]
    assert sorted(rows) == sorted(IDS)


def doc_rows(folder: Path, toy: Data) -> list[str]:
    """The markdown rows of ``docs/errors.md`` with today's messages."""
    rows = []
    for fault in CATALOGUE:
        sub = folder / fault.id
        sub.mkdir()
        path = fault.build(sub, toy)
        try:
            po.load_case(path)
        except po.CaseError as exc:
            message = str(exc).replace(str(sub) + "/", "").replace("|", "\\|")
        except Exception as exc:  # a known bug: not a CaseError
            message = f"BUG: {type(exc).__name__}: {exc}"
        else:  # pragma: no cover - the tests above fail first
            message = "(no error!)"
        rows.append(f"| `{fault.id}` | {fault.group} | {fault.what} | `{message}` |")
    return rows


if __name__ == "__main__":  # pragma: no cover - regenerates the table for the docs
    import tempfile

    from toycase import _MINIMAL

    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(doc_rows(Path(tmp), copy.deepcopy(_MINIMAL))))
