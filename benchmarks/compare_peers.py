"""onrecord beside other attribution extractors on a PolNeAR-style split, all scored alike.

    python benchmarks/compare_peers.py [--split DIR] [--jobs N] [--systems a,b,...] [--repeat N] [--out-dir DIR]

Runs each system over every article of the split (default ``../shared/data/polnear/dev``:
``text/*.txt`` and ``attributions/*.ann``), scores its statements with onrecord's own scorer
(``onrecord.evaluation.scoring.score_split``, subsets ``all``, ``speech`` and ``direct``), times it
against a bare spaCy full-pipeline parse of the same texts, and writes two generated files:
``benchmarks/results/peers.json`` and ``benchmarks/results/peers.md``. Do not edit them by hand.

Systems (``--systems`` takes these keys, comma-separated; default all):

- ``empty``: no statements at all, the floor every figure is measured from.
- ``quotes``: a quote-marks baseline. Every double-quoted passage ("..." or “...”) of three or
  more words inside one paragraph is a statement's content, marks included (PolNeAR's content
  spans include them); no cue, no source.
- ``textacy``: ``textacy.extract.triples.direct_quotations`` on a full ``en_core_web_sm`` parse
  (the time includes that parse). Needs the ``peers`` extra: ``pip install -e ".[peers]"``, or
  ``make peers``. textacy 0.13 installs beside spaCy 3.8 and numpy 2 in the project's own
  ``.venv`` without changing either, so no separate environment is needed. Without textacy the
  row is skipped with a note.
- ``onrecord``: this repository, through ``onrecord.extraction.extract_texts`` (``--jobs`` processes).

Model loading and a short warm-up run are left out of every timing, and each timing is the
fastest of ``--repeat`` runs (default 2: a first full pass over the split runs about 10% slower
than later ones, even after the warm-up, and the fastest run is the least disturbed by other work
on the machine).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from onrecord import __version__
from onrecord.evaluation.brat import GoldAttribution, read_split, split_fingerprint, texts_and_gold
from onrecord.evaluation.scoring import ROLES, SUBSETS, Scores, score_split
from onrecord.extraction.pipeline import extract_texts
from onrecord.model import Span, Speaker, Statement
from onrecord.extraction.pipeline import load_model_name

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared/data/polnear/dev"
DEFAULT_OUT_DIR = REPO / "benchmarks/results"
COMMAND = "python benchmarks/compare_peers.py"
WARM_UP_ARTICLES = 3

Predictions = dict[str, list[Statement]]

# Published figures: exact-match F1 per role on the PolNeAR *test* split, with the authors' own
# scorer and span conventions; ours are on the dev split, so they are a landmark, not a row.
REFERENCE = {
    "system": "CofeNet",
    "split": "PolNeAR test",
    "exact_f1": {"source": 83.2, "cue": 75.3, "content": 72.9},
}

SUBSET_NOTES = {
    "all": "every gold attribution.",
    "speech": (
        "gold attributions whose cue names speech or communication (onrecord's lexicon, "
        "`is_speech_cue`: *said*, *told*, *according to*, …), so beliefs and perceptions are left out."
    ),
    "direct": 'gold attributions whose content holds a quotation mark (" “ ” „ ‟ « »): fully or partly quoted.',
}


@dataclass
class Context:
    """What the systems share: the split, the full spaCy pipeline and the options."""

    texts: dict[str, str]
    nlp: Language
    model_version: str
    jobs: int
    repeat: int = 1


@dataclass(frozen=True)
class Timing:
    """Wall time, and this process's CPU time over it: far below the wall time when other work competes.

    (With ``--jobs N`` above 1, onrecord's worker processes are not in the CPU time.)
    """

    wall: float
    cpu: float


@dataclass
class Run:
    """One system's output on the split: statements, time taken and anything worth noting."""

    name: str
    version: str
    predictions: Predictions
    timing: Timing | None  # None: the system does no work, so there is nothing to time
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # articles the system gave up on, and why


# --- timing ------------------------------------------------------------------------------


def timed(work: Callable[[], Any], repeat: int = 1) -> tuple[Any, Timing]:
    """``work()``'s result and the timing of the fastest of ``repeat`` runs."""
    best: Timing | None = None
    for _ in range(max(1, repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        timing = Timing(time.perf_counter() - wall, time.process_time() - cpu)
        if best is None or timing.wall < best.wall:
            best = timing
    assert best is not None
    return result, best


def count_words(texts: dict[str, str]) -> int:
    return sum(len(text.split()) for text in texts.values())


def bare_parse(context: Context) -> Timing:
    """A bare full-pipeline spaCy parse of every text: the reference speed."""
    texts = list(context.texts.values())
    list(context.nlp.pipe(texts[:WARM_UP_ARTICLES]))
    _, timing = timed(lambda: list(context.nlp.pipe(texts)), context.repeat)
    return timing


# --- systems ----------------------------------------------------------------------------


def run_empty(context: Context) -> Run:
    return Run("empty", "n/a", {name: [] for name in context.texts}, timing=None)


# One paragraph's worth of double-quoted text: straight marks pair with straight, curly with curly.
# A quote running over several paragraphs (opened again on each, closed once) is not matched.
QUOTED = re.compile(r'"[^"\n]+"|“[^“”\n]+”')
MIN_QUOTE_WORDS = 3


def quoted_passages(text: str) -> list[Statement]:
    """Every quoted passage of three or more words, marks included, as a statement with no cue or source."""
    return [
        Statement(
            type="direct",
            text=match.group(),
            spans=(match.span(),),
            cue=None,
            speaker=Speaker(mention=None),
            confidence=1.0,
        )
        for match in QUOTED.finditer(text)
        if len(match.group()[1:-1].split()) >= MIN_QUOTE_WORDS
    ]


def run_quotes(context: Context) -> Run:
    predictions, timing = timed(
        lambda: {name: quoted_passages(text) for name, text in context.texts.items()}, context.repeat
    )
    version = f"compare_peers.py (onrecord {__version__})"
    notes = [
        (
            "double-quoted passages of 3+ words within one paragraph, marks included; no cue and no source, "
            "so the attribution match (which asks for the speaker) succeeds only where the gold has no source either"
        )
    ]
    return Run("quote-marks baseline", version, predictions, timing, notes)


def tokens_span(text: str, tokens: list[Any]) -> Span:
    """One span from the first token's start to the last token's end (any tokens between included)."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Span(text[start:end], start, end)


def textacy_statements(doc: Any, direct_quotations: Callable[[Any], Iterator[Any]]) -> list[Statement]:
    """textacy's (speaker, cue, content) triples as statements; offsets index ``doc.text``.

    What textacy's content is, read from textacy 0.13's source and checked on the dev split:
    ``doc[open_mark.i : close_mark.i + 1]``, so it includes both quotation-mark tokens, as
    PolNeAR's content does. But the marks are paired by position among *all* tokens with
    ``is_quote`` (straight and curly, double and single: ' ’ ‘ too), two by two from the start
    of the document, with no check that a pair opens and closes. So single-quoted passages
    count as quotes, and a stray apostrophe token (``voters'``) shifts every later pair: some
    contents run from a closing mark to the next opening one, the text *between* two quotes.
    With an odd number of such tokens textacy raises ValueError and gives nothing for the
    article (22 of the 84 dev articles with en_core_web_sm 3.8.0). Quotes of fewer than two words and quotes whose words
    are all title-case are dropped.

    The speaker is the subject's head noun, its conjuncts and their compounds (no determiner,
    modifier or apposition: "The New York Post" gives "York Post"; relative pronouns such as
    "who" and "which" come out as speakers). The cue is the reporting verb with its auxiliaries
    and negation. Both are token lists, not spans; each becomes one span from the first token
    to the last, so any tokens between them are taken in (the cue of "Do you think" keeps
    "you").
    """
    text = doc.text
    return [
        Statement(
            type="direct",
            text=triple.content.text,
            spans=((triple.content.start_char, triple.content.end_char),),
            cue=tokens_span(text, triple.cue),
            speaker=Speaker(mention=tokens_span(text, triple.speaker)),
            confidence=1.0,
        )
        for triple in direct_quotations(doc)
    ]


def is_double_quoted(content: str) -> bool:
    """Whether a content runs from an opening double quotation mark to its closing one."""
    return len(content) > 1 and (content[0], content[-1]) in {('"', '"'), ("“", "”")}


def run_textacy(context: Context) -> Run | None:
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print('  textacy is not installed: skipping its row (pip install -e ".[peers]" or make peers)')
        return None

    failures: list[str] = []

    def extract_all() -> Predictions:
        failures.clear()
        predictions: Predictions = {}
        for name, doc in zip(context.texts, context.nlp.pipe(context.texts.values()), strict=True):
            try:
                predictions[name] = textacy_statements(doc, direct_quotations)
            except ValueError as error:  # an odd number of quotation-mark tokens: textacy bails out
                predictions[name] = []
                failures.append(f"{name}: {str(error).split(';')[0]}")
        return predictions

    for doc in context.nlp.pipe(list(context.texts.values())[:WARM_UP_ARTICLES]):
        try:
            textacy_statements(doc, direct_quotations)
        except ValueError:
            pass
    predictions, timing = timed(extract_all, context.repeat)
    version = f"textacy {textacy.__version__}, spaCy {spacy.__version__}, {load_model_name()} {context.model_version}"
    contents = [statement.text for statements in predictions.values() for statement in statements]
    odd = sum(not is_double_quoted(content) for content in contents)
    notes = [
        "direct quotations only, so `direct` is the subset to compare it on",
        (
            f"textacy raised ValueError (odd number of quotation-mark tokens) and gave nothing "
            f"for {len(failures)} of {len(context.texts)} articles"
        ),
        (
            "content spans include the quotation marks; speaker and cue token lists become one "
            "span each, first token to last"
        ),
        (
            f'{odd} of its {len(contents)} contents are not one double-quoted passage ("…" or “…”): '
            "single-quoted passages, or quote marks paired across two quotes"
        ),
    ]
    return Run("textacy direct_quotations", version, predictions, timing, notes, failures)


def run_onrecord(context: Context) -> Run:
    warm_up = dict(list(context.texts.items())[:WARM_UP_ARTICLES])
    extract_texts(warm_up, jobs=1)  # loads (and caches) onrecord's pipeline
    predictions, timing = timed(lambda: extract_texts(context.texts, jobs=context.jobs), context.repeat)
    version = (
        f"onrecord {__version__} ({source_state()}), spaCy {spacy.__version__}, "
        f"{load_model_name()} {context.model_version}"
    )
    notes = [f"{context.jobs} process{'es' if context.jobs > 1 else ''}"]
    return Run("onrecord", version, predictions, timing, notes)


def source_state() -> str:
    """This checkout's commit, and whether src/ has uncommitted changes: the onrecord that was measured."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit, changes = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain", "--", "src")
    except (OSError, subprocess.CalledProcessError):
        return "git state unknown"
    return f"git {commit}" + (", uncommitted changes in src/" if changes else "")


SYSTEMS: dict[str, Callable[[Context], Run | None]] = {
    "empty": run_empty,
    "quotes": run_quotes,
    "textacy": run_textacy,
    "onrecord": run_onrecord,
}


# --- the split ----------------------------------------------------------------------------


def shown_path(path: Path) -> str:
    """A path as the results show it: relative to the directory above the repository when inside it."""
    path = path.resolve()
    return str(path.relative_to(REPO.parent)) if path.is_relative_to(REPO.parent) else str(path)


# --- results --------------------------------------------------------------------------------


def system_record(run: Run, scores: dict[str, Scores], words: int, bare_words_per_s: float) -> dict[str, Any]:
    words_per_s = words / run.timing.wall if run.timing else None
    return {
        "name": run.name,
        "version": run.version,
        "seconds": round(run.timing.wall, 3) if run.timing else None,
        "cpu_seconds": round(run.timing.cpu, 3) if run.timing else None,
        "words_per_s": round(words_per_s) if words_per_s else None,
        "relative_to_bare_parse": round(words_per_s / bare_words_per_s, 2) if words_per_s else None,
        "notes": run.notes,
        "failures": run.failures,
        "scores": {subset: s.to_dict() for subset, s in scores.items()},
    }


def percent(value: float) -> str:
    return f"{100 * value:.1f}"


def subset_table(systems: list[dict[str, Any]], subset: str) -> list[str]:
    header = (
        "| system | attribution P | attribution R | attribution F1 | attribution F1 without speaker "
        "| exact F1 source | exact F1 cue | exact F1 content "
        "| overlap F1 source | overlap F1 cue | overlap F1 content |"
    )
    lines = [header, "|" + "---|" * 1 + "---:|" * 10]
    for system in systems:
        s = system["scores"][subset]
        cells = [
            system["name"],
            percent(s["attribution"]["precision"]),
            percent(s["attribution"]["recall"]),
            percent(s["attribution"]["f1"]),
            percent(s["attribution_content_only"]["f1"]),
            *(percent(s["exact"][role]["f1"]) for role in ROLES),
            *(percent(s["token_overlap"][role]["f1"]) for role in ROLES),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def seconds(value: float) -> str:
    return f"{value:.2f}" if value >= 0.1 else f"{value:.4f}"


def ratio(value: float) -> str:
    return f"{value:.2f}x" if value < 100 else f"{value:,.0f}x"


def speed_row(name: str, version: str, record: dict[str, Any], relative: str) -> str:
    return (
        f"| {name} | {version} | {seconds(record['seconds'])} | {seconds(record['cpu_seconds'])} "
        f"| {record['words_per_s']:,} | {relative} |"
    )


def speed_table(report: dict[str, Any]) -> list[str]:
    bare = report["bare_parse"]
    lines = [
        "| system | version | seconds | CPU seconds | words/s | relative to bare parse |",
        "|---|---|---:|---:|---:|---:|",
        speed_row("bare spaCy parse (reference)", bare["model"], bare, "1.0x"),
    ]
    for system in report["systems"]:
        if system["seconds"] is None:
            lines.append(f"| {system['name']} | {system['version']} | — | — | — | — (does no work) |")
        else:
            relative = ratio(system["relative_to_bare_parse"])
            lines.append(speed_row(system["name"], system["version"], system, relative))
    return lines


def markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    first = report["systems"][0]["scores"] if report["systems"] else {}
    gold = {subset: int(scores["attribution"]["gold"]) for subset, scores in first.items()}
    lines = [
        "<!-- Generated by `python benchmarks/compare_peers.py`; do not edit by hand. -->",
        "# Attribution extraction: onrecord beside other systems",
        "",
        f"Generated by `{COMMAND}` on {report['generated']} (do not edit by hand; rerun it, or `make peers`).",
        "",
        (
            f"- Split: `{report['split']}`, {report['articles']} articles, {report['words']:,} words, "
            f"{report['gold_attributions']} gold attributions; data sha256 `{report['data_fingerprint'][:16]}…` "
            "(full value in peers.json)."
        ),
        (
            f"- Machine: {machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}; "
            f"load average (1/5/15 min) {' / '.join(map(str, machine['load_average_at_start']))} at the start, "
            f"{' / '.join(map(str, machine['load_average_at_end']))} at the end (other work slows the timings)."
        ),
        (
            "- Every system is scored by onrecord's own scorer (`onrecord.evaluation.scoring`), micro-averaged over "
            "articles; figures are percentages."
        ),
        (
            "- *Attribution*: a statement matches a gold attribution one-to-one when their contents overlap "
            "by Dice >= 0.5 over word tokens and the speaker mention overlaps the gold source (or neither has "
            "one); *F1 without speaker* drops the speaker condition. *Exact* compares each role's spans "
            "(source = speaker mention, cue, content) as sets per article; *overlap* compares their word tokens."
        ),
        "",
        "Subsets select gold attributions:",
        "",
        *(f"- `{subset}`: {note}" for subset, note in SUBSET_NOTES.items()),
        "",
        (
            "A predicted statement joins a subset when it matches (by content alone) a gold attribution of "
            "that subset; an unmatched one is judged by its own cue and content, and one without a cue counts "
            "against `speech`."
        ),
        "",
    ]
    for subset in SUBSETS:
        lines += [
            f"## Subset `{subset}` ({gold.get(subset, 0)} gold attributions)",
            "",
            *subset_table(report["systems"], subset),
            "",
        ]
    ref = report["reference"]
    lines += [
        "## Published reference",
        "",
        f"{ref['system']}, exact F1 on the {ref['split']} split: "
        + ", ".join(f"{role} {value}" for role, value in ref["exact_f1"].items())
        + ". These are test-split figures with the authors' own scorer and span conventions; the tables "
        "above are on the dev split, so compare with care.",
        "",
        "## Speed",
        "",
        f"Wall time over all {report['articles']} articles"
        + (f" (fastest of {report['timing_repeats']} runs)" if report["timing_repeats"] > 1 else "")
        + ", model loading and a short warm-up left out; "
        "words are whitespace-separated. The bare parse is a full-pipeline `nlp.pipe` over the texts in "
        "one process; textacy's time includes its own full parse. CPU seconds are this process's own: well "
        "below the wall time, they show other work competing for the machine.",
        "",
        *speed_table(report),
        "",
    ]
    notes = [(s["name"], note) for s in report["systems"] for note in s["notes"]]
    if notes:
        lines += ["## Notes", "", *(f"- {name}: {note}." for name, note in notes), ""]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", type=Path, default=DEFAULT_SPLIT, help="a PolNeAR-style split: text/ and attributions/"
    )
    parser.add_argument("--jobs", type=int, default=1, help="processes for onrecord (default 1)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, from: {', '.join(SYSTEMS)}")
    parser.add_argument("--repeat", type=int, default=2, help="time each run N times, keep the fastest (default 2)")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="where peers.md and peers.json go")
    args = parser.parse_args(argv)
    args.systems = [key.strip() for key in args.systems.split(",") if key.strip()]
    unknown = [key for key in args.systems if key not in SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}: choose from {', '.join(SYSTEMS)}")
    return args


def load_split(split_dir: Path) -> tuple[dict[str, str], dict[str, list[GoldAttribution]]]:
    split = read_split(split_dir)
    if not split:
        sys.exit(f"no articles in {split_dir / 'text'}")
    return texts_and_gold(split)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    texts, gold = load_split(args.split)
    words = count_words(texts)
    model = load_model_name()
    nlp = spacy.load(model)  # the full pipeline: textacy needs its NER and lemmas
    context = Context(texts, nlp, nlp.meta.get("version", "?"), args.jobs, args.repeat)
    print(
        f"{len(texts)} articles, {words:,} words, {sum(map(len, gold.values()))} gold attributions; "
        f"{os.cpu_count()} CPUs; model {model}",
        flush=True,
    )

    bare = bare_parse(context)
    bare_words_per_s = words / bare.wall
    print(f"{'bare spaCy parse':<28} {bare.wall:8.2f} s {bare_words_per_s:>9,.0f} words/s", flush=True)

    systems = []
    for key in args.systems:
        run = SYSTEMS[key](context)
        if run is None:
            continue
        scores = score_split(texts, gold, run.predictions, SUBSETS)
        record = system_record(run, scores, words, bare_words_per_s)
        systems.append(record)
        speed = (
            f"{record['seconds']:8.2f} s {record['relative_to_bare_parse']:>8.2f}x"
            if run.timing
            else f"{'—':>10} {'—':>9}"
        )
        print(f"{run.name:<28} {speed}  attribution F1 (all) {percent(scores['all'].attribution.f1)}", flush=True)

    report = {
        "generated_by": COMMAND,
        "generated": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "split": shown_path(args.split),
        "data_fingerprint": split_fingerprint(args.split),
        "articles": len(texts),
        "words": words,
        "gold_attributions": sum(map(len, gold.values())),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_at_start": load_at_start,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "timing_repeats": args.repeat,
        "bare_parse": {
            "model": f"{model} {context.model_version}",
            "seconds": round(bare.wall, 3),
            "cpu_seconds": round(bare.cpu, 3),
            "words_per_s": round(bare_words_per_s),
        },
        "systems": systems,
        "reference": REFERENCE,
    }
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "peers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out_dir / "peers.md").write_text(markdown(report), encoding="utf-8")
    print(f"wrote {shown_path(args.out_dir / 'peers.md')} and peers.json")
    print("the README shows these figures: run `make docs` to update it")


if __name__ == "__main__":
    main()
