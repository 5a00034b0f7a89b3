"""Error lines: notices for expected skips, and a flood summed up in one line."""

from __future__ import annotations

from multipolar.cli.output import print_errors
from multipolar.errors import NOTICE_CODES, Errors


def test_expected_skips_are_notices_and_faults_are_errors(capsys) -> None:
    print_errors(["a.txt: [E108] language is 'fr'", "b.png: [E102] binary file", "c [x].txt: [E117] link"])
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["notice a.txt: [E108] language is 'fr'", "error b.png: [E102] binary file", "notice c [x].txt: [E117] link"]


def test_a_flood_of_errors_is_summed_up_after_the_limit(capsys) -> None:
    messages = [f"f.jsonl:{n}: [E105] line {n}: not valid JSON" for n in range(1, 5001)] + ["f.jsonl:5000: [E123] stopped"]
    print_errors(messages, limit=10)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 11
    assert "4,991 more (4,990 E105, 1 E123)" in lines[-1]


def test_new_codes_are_unique_and_in_their_ranges() -> None:
    codes = [name for name in vars(Errors) if name.startswith("E")]
    texts = {name: getattr(Errors, name) for name in codes}
    assert all(text.startswith(f"[{name}]") for name, text in texts.items())
    ingest = [int(name[1:]) for name in codes if 116 <= int(name[1:]) <= 139]
    web = [int(name[1:]) for name in codes if 620 <= int(name[1:]) <= 639]
    assert len(ingest) >= 10 and len(web) >= 4
    assert NOTICE_CODES.issubset(codes)


def test_log_lines_say_what_they_are_progress_notice_warning_or_error() -> None:
    import logging

    from multipolar.cli import LabelledFormatter

    def line(level: int, label: str | None = None) -> str:
        record = logging.LogRecord("multipolar.ingest.readers", level, __file__, 1, "f.jsonl: %s lines", ("1,000",), None)
        if label:
            record.label = label
        return LabelledFormatter().format(record)

    assert line(logging.INFO, "progress") == "progress f.jsonl: 1,000 lines"
    assert line(logging.INFO) == "notice f.jsonl: 1,000 lines"
    assert line(logging.WARNING) == "warning f.jsonl: 1,000 lines"
    assert line(logging.ERROR) == "error f.jsonl: 1,000 lines"
