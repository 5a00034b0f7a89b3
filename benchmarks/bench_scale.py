"""Scale benchmark: throughput against bare spaCy, workers, Dask, peak memory, start-up.

Run: .venv/bin/python benchmarks/bench_scale.py [--articles 2000] [--memory 1000,20000] [--skip-dask]
     [--repeat 3] [--throughput-only | --memory-only]

Builds a corpus of real-length political news from the bundled sample corpus: every article
is sample paragraphs drawn (seeded) from the pool of the sample corpus up to ~600 words, so
articles are real-length and distinct (not near-duplicates); written as JSONL shards of 250 articles. Then, in
one run and side by side (the machines are shared and noisy: compare the ratios):

1. bare spaCy ``nlp.pipe`` over the extracted article texts (the model as ``spacy.load`` gives
   it, every component, same batch size), against ``multipolar code`` (read, extract, parse,
   code; nothing stored) over the same shards: articles/s, sentences/s and the ratio
   multipolar/spaCy in wall and CPU time (``--repeat N`` alternates the two N times and
   prints each pair's ratio); then the time of each spaCy component in both pipelines and of
   each of our stages, side by side, then the share of reading, extraction and the glue between
   the stages (one instrumented ``code`` run: its CPU time less spaCy's and the stages'), the
   words parsed and skipped, and the tokens in sentences
   where spaCy's entity recogniser finds nothing (the most a filter in front of it could skip);
   the header names the BLIS kernel thinc runs on (``generic`` means unoptimised, so absolute
   rates are not comparable across machines) and the matrix library of our pipeline (the
   ``matrix_library`` setting: ``numpy`` runs the models' products through numpy's BLAS, the
   same annotations as BLIS, which the script checks document by document);
2. ``ingest`` single process against ``ingest --workers 2``;
3. ``ingest --dask local:2`` against ``--workers 2`` (the distributed path's overhead);
4. peak RSS of a single-process ``multipolar ingest`` at each ``--memory`` size (fresh process each),
   and of ``multipolar refresh`` (the stored aggregates alone) on the database it wrote;
5. start-up: ``--help``, ``--version``, a query, and ``code`` of one short article from cold;
6. the projection of a day of news (100,000 articles of ~600 words) on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from multipolar.blas import single_threaded_blas

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "multipolar" / "data" / "samples"
SHARD = 250
DAY = 100_000
DAY_WORDS = 600


def paragraph_pool() -> list[str]:
    """Return the body paragraphs of the sample corpus's articles (at least 12 words each)."""
    from multipolar.ingest import input_files
    from multipolar.records import Article
    from multipolar.workflow import extract_all

    pool: list[str] = []
    for _doc, item in extract_all(input_files([SAMPLES])):
        if isinstance(item, Article):
            pool.extend(p for p in item.text.split("\n\n") if len(p.split()) >= 12)
    return sorted(set(pool))


def make_corpus(folder: Path, count: int, pool: list[str], seed: int = 7) -> list[Path]:
    """Write ``count`` generated articles as JSONL shards in ``folder`` and return the shard paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    shards: list[Path] = []
    for start in range(0, count, SHARD):
        path = folder / f"shard-{start // SHARD:05d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for number in range(start, min(count, start + SHARD)):
                paragraphs = rng.sample(pool, 40)
                while sum(len(p.split()) for p in paragraphs) > DAY_WORDS + 40 and len(paragraphs) > 1:
                    paragraphs.pop()
                day = 1 + number % 28
                record = {
                    "id": f"gen-{number:06d}",
                    "title": f"Generated report {number}",
                    "date": f"2024-05-{day:02d}",
                    "text": "\n\n".join(paragraphs),
                }
                out.write(json.dumps(record) + "\n")
        shards.append(path)
    return shards


_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_CANDIDATE = re.compile(
    r"\b(?:[A-Z][\w'’-]+|he|she|they|it|we|his|her|their|its|them|him|who|which|this|these|"
    r"police|troops|army|government|ministry|minister|president|rebels|protesters|officials?|forces|"
    r"militants|soldiers|lawmakers|court|parliament|spokes\w+|leaders?|authorities|military|people|"
    r"residents|civilians|refugees)\b|[\"“”]"
)


def filter_potential(texts: list[str]) -> tuple[float, float]:
    """Return the shares of sentences and of words with no actor candidate (what a sentence filter could skip).

    A candidate is any capitalised word after the first one (names, places, organisations),
    a pronoun or relative word (their antecedents), a group or institution noun, or a quote mark.
    """
    sentences = skipped = words = skipped_words = 0
    for text in texts:
        for sentence in _SENTENCE.split(text):
            count = len(sentence.split())
            if not count:
                continue
            sentences += 1
            words += count
            rest = sentence.split(None, 1)[1] if count > 1 else ""
            if not _CANDIDATE.search(rest) and not _CANDIDATE.search(sentence.split(None, 1)[0].lower()):
                skipped += 1
                skipped_words += count
    return skipped / max(sentences, 1), skipped_words / max(words, 1)


def blis_kernel() -> str:
    """Return the BLIS sub-configuration (CPU kernel) thinc's matrix products use on this machine, or ``unknown``.

    ``generic`` is BLIS's unoptimised reference code: the parser's and the entity recogniser's
    per-step products then cost about a third of spaCy's time, bare and ours alike.
    """
    probe = "import numpy, blis.py; blis.py.gemm(numpy.ones((4, 4), 'f'), numpy.ones((4, 4), 'f'))"
    env = {**os.environ, "BLIS_ARCH_DEBUG": "1"}
    try:
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    found = re.search(r"sub-configuration '([^']+)'", done.stdout + done.stderr)
    return found.group(1) if found else "unknown"


def entity_free_share(docs: list) -> tuple[float, float]:
    """Return the shares of sentences and of tokens in which spaCy's entity recogniser found no entity.

    However it chose its sentences, running the recogniser only where an entity can be found
    could skip no more than these tokens.
    """
    sentences = empty = tokens = empty_tokens = 0
    for doc in docs:
        for sentence in doc.sents:
            sentences += 1
            tokens += len(sentence)
            if not sentence.ents:
                empty += 1
                empty_tokens += len(sentence)
    return empty / max(sentences, 1), empty_tokens / max(tokens, 1)


def timed(label: str, action):
    """Return ``(wall seconds, CPU seconds, result)`` of ``action()``, printing a line as it starts."""
    print(f"  ... {label}", file=sys.stderr, flush=True)
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - started, time.process_time() - cpu, result


def component_times(pipeline, texts: list[str], size: int) -> tuple[dict[str, float], list]:
    """Return the CPU seconds of each component of ``pipeline`` over ``texts`` (in batches) and the docs.

    numpy's BLAS runs on one thread, as in ``multipolar code`` (it makes no difference to a
    pipeline on BLIS, which does not use it).
    """
    with single_threaded_blas():
        return _component_times(pipeline, texts, size)


def _component_times(pipeline, texts: list[str], size: int) -> tuple[dict[str, float], list]:
    times: dict[str, float] = {"tokenizer": 0.0}
    docs_out: list = []
    for start in range(0, len(texts), size):
        cpu = time.process_time()
        docs = [pipeline.make_doc(t) for t in texts[start : start + size]]
        times["tokenizer"] += time.process_time() - cpu
        for name, component in pipeline.pipeline:
            cpu = time.process_time()
            docs = list(component.pipe(docs, batch_size=size)) if hasattr(component, "pipe") else [component(d) for d in docs]
            times[name] = times.get(name, 0.0) + time.process_time() - cpu
        docs_out += docs
    return times, docs_out


def glue_seconds(ours, shards: list[Path]) -> tuple[float, float, float]:
    """Return the CPU seconds of one ``code_inputs`` run over ``shards``: all of it, inside spaCy's
    ``nlp.pipe`` (``ours``, every component) and inside the four stages.

    What is left (all minus spaCy minus the stages) is reading, extraction and the glue between
    the stages: JSONL reading, decoding, language check, boilerplate, dates, the sentence
    records and per-document layer, batching, linking quotes to events, releasing documents.
    """
    from multipolar import pipeline
    from multipolar.workflow import code_inputs

    inside = {"spacy": 0.0, "stages": 0.0}

    def timed_pipe(*args, **kwargs):
        cpu = time.process_time()
        docs = list(original_pipe(*args, **kwargs))
        inside["spacy"] += time.process_time() - cpu
        return iter(docs)

    def timed_stage(stage):
        def run(*args, **kwargs):
            cpu = time.process_time()
            try:
                return stage(*args, **kwargs)
            finally:
                inside["stages"] += time.process_time() - cpu
        return run

    names = ("find_actors", "code_events", "extract_quotes", "extract_figures")
    stages = {name: getattr(pipeline, name) for name in names}
    original_pipe = ours.pipe
    ours.pipe = timed_pipe
    for name, stage in stages.items():
        setattr(pipeline, name, timed_stage(stage))
    try:
        cpu = time.process_time()
        sum(1 for _ in code_inputs([str(s) for s in shards]))
        total = time.process_time() - cpu
    finally:
        del ours.pipe  # the class's own method again
        for name, stage in stages.items():
            setattr(pipeline, name, stage)
    return total, inside["spacy"], inside["stages"]


def print_components(bare, ours, texts: list[str], size: int, shards: list[Path] | None = None) -> None:
    """Print each spaCy component's CPU time in the bare and our pipeline, then each of our stages.

    With ``shards`` (a corpus of the same ``texts``), one instrumented ``code_inputs`` run over
    them adds the share of reading, extraction and glue (see :func:`glue_seconds`).
    """
    from multipolar.actors import find_actors
    from multipolar.events import code_events
    from multipolar.quotes import extract_figures, extract_quotes
    from multipolar.records import Article

    bare_times, bare_docs = component_times(bare, texts, size)
    our_times, docs = component_times(ours, texts, size)
    if any(a.to_bytes(exclude=["user_data", "tensor"]) != b.to_bytes(exclude=["user_data", "tensor"])
           for a, b in zip(bare_docs, docs, strict=True)):
        print("  WARNING: our pipeline's annotations differ from bare spaCy's")
    stages = dict.fromkeys(("actors", "events", "quotes", "figures"), 0.0)
    for number, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        article = Article(id=f"p{number}", text=text, content_hash=f"p{number}")
        cpu = time.process_time()
        mentions = find_actors(doc, article)
        stages["actors"] += time.process_time() - cpu
        cpu = time.process_time()
        events = code_events(doc, article, mentions)
        stages["events"] += time.process_time() - cpu
        cpu = time.process_time()
        extract_quotes(doc, article, mentions)
        stages["quotes"] += time.process_time() - cpu
        cpu = time.process_time()
        extract_figures(doc, article, mentions, events)
        stages["figures"] += time.process_time() - cpu
    total = sum(bare_times.values())
    print(f"\nCPU seconds per component over {len(texts)} articles (one run; share of bare spaCy's total):")
    print(f"  {'component':18s} {'bare spaCy':>12s} {'multipolar':>12s}")
    for name in bare_times:
        print(f"  {name:18s} {bare_times[name]:8.2f} {bare_times[name] / total:4.0%} "
              f"{our_times.get(name, 0.0):8.2f} {our_times.get(name, 0.0) / total:4.0%}")
    ours_total = sum(our_times.values())
    print(f"  {'spaCy total':18s} {total:8.2f} 100% {ours_total:8.2f} {ours_total / total:4.0%}")
    for name, seconds in stages.items():
        print(f"  {'stage ' + name:18s} {'':13s}{seconds:8.2f} {seconds / total:4.0%}")
    overall = ours_total + sum(stages.values())
    print(f"  {'all (no reading)':18s} {total:8.2f} 100% {overall:8.2f} {overall / total:4.0%}")
    if shards:
        whole, parse, coding = glue_seconds(ours, shards)
        glue = whole - parse - coding
        print(f"  reading, extraction and glue (one `code` run over the same articles: {whole:.2f} s CPU, of which "
              f"spaCy {parse:.2f} s, stages {coding:.2f} s):")
        print(f"  {'reading and glue':18s} {'':13s}{glue:8.2f} {glue / total:4.0%}   ({glue / whole:.1%} of that run)")
        print(f"  {'all with reading':18s} {total:8.2f} 100% {overall + glue:8.2f} {(overall + glue) / total:4.0%}")
    share, share_tokens = entity_free_share(docs)
    print(f"  sentences in which the NER finds no entity: {share:.1%} of sentences, {share_tokens:.1%} of tokens "
          "(the most an NER sentence filter could skip)")


# Run by the fresh process: multipolar's CLI, then (at exit) its own peak resident size into the
# file named by its first argument. Linux's ru_maxrss of a child counts the memory of the parent
# it was forked from (kept across exec): from this script, which holds two spaCy pipelines, every
# child would report at least the script's own ~590 MB. VmHWM is the child's own image only.
_CLI_WITH_PEAK = """
import atexit, sys
peak_file = sys.argv.pop(1)
def write_peak():
    try:
        with open('/proc/self/status') as status:
            peak = next(line.split()[1] for line in status if line.startswith('VmHWM:'))
        with open(peak_file, 'w') as out:
            out.write(peak)
    except (OSError, StopIteration):
        pass
atexit.register(write_peak)
from multipolar.cli import main
main()
"""


def cli(*args: str, env: dict | None = None) -> tuple[float, int, int]:
    """Run ``multipolar ARGS`` in a fresh process; return ``(wall seconds, peak RSS MB, exit code)``.

    The peak is the process's own (``VmHWM``; where ``/proc`` is missing, ``ru_maxrss``). A
    process it starts in turn (the aggregates stored after an ingest) is not in it: ``refresh``
    measures that part alone.
    """
    with tempfile.NamedTemporaryFile(prefix="multipolar-peak-", delete=False) as handle:
        peak_file = Path(handle.name)
    command = [sys.executable, "-c", _CLI_WITH_PEAK, str(peak_file), *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    written = peak_file.read_text().strip()
    peak_file.unlink(missing_ok=True)
    peak_kb = int(written) if written.isdigit() else usage.ru_maxrss
    return seconds, peak_kb // 1024, os.waitstatus_to_exitcode(status)


def memory_peaks(tmp: Path, pool: list[str], sizes: list[int], env: dict) -> None:
    """Print the peak RSS of a single-process ``ingest`` of each corpus size, and of ``refresh`` on its database.

    Each command runs in a fresh process on a fresh database. The ingest's peak covers coding
    and the aggregates it stores at the end; ``refresh`` recomputes those aggregates alone, so
    its peak is the aggregates' share. The last line is the ratio of the largest to the
    smallest ingest peak: 1.0 when memory does not grow with the input.
    """
    print("\npeak RSS of a single-process `multipolar ingest` (fresh process, fresh database),"
          " then of `multipolar refresh` on that database:")
    peaks: list[int] = []
    for size in sizes:
        corpus = tmp / f"memory-{size}"
        db = tmp / f"memory-{size}.duckdb"
        make_corpus(corpus, size, pool, seed=size)
        print(f"  ... ingest of {size}", file=sys.stderr, flush=True)
        seconds, rss, code = cli("ingest", str(corpus), "--db", str(db), env=env)
        _seconds, refresh_rss, refresh_code = cli("refresh", "--db", str(db), env=env)
        peaks.append(rss)
        print(f"  {size:6d} articles   ingest peak RSS {rss:5d} MB   {size / seconds:6.2f} articles/s   exit {code}"
              f"   refresh peak RSS {refresh_rss:5d} MB   exit {refresh_code}")
    if len(peaks) > 1:
        print(f"  ratio of the largest to the smallest ingest peak: {max(peaks) / min(peaks):.2f} (flat: 1.00)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles for the throughput runs")
    parser.add_argument("--memory", default="1000,20000", help="comma-separated corpus sizes for peak RSS")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="alternated runs of bare spaCy and `code` (medians printed)")
    parser.add_argument("--profile", type=int, default=100, help="articles for the per-component times")
    parser.add_argument("--throughput-only", action="store_true", help="stop after the throughput comparison")
    parser.add_argument("--memory-only", action="store_true", help="measure the peak RSS per --memory size only")
    args = parser.parse_args()
    if args.memory_only:
        tmp = Path(tempfile.mkdtemp(prefix="multipolar-bench-"))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        memory_peaks(tmp, paragraph_pool(), [int(s) for s in args.memory.split(",") if s], env)
        return

    import spacy

    from multipolar import nlp, settings
    from multipolar.ingest import input_files
    from multipolar.pipeline import code_articles
    from multipolar.records import Article
    from multipolar.store import open_store
    from multipolar.workflow import code_inputs, extract_all, ingest_paths

    tmp = Path(tempfile.mkdtemp(prefix="multipolar-bench-"))
    pool = paragraph_pool()
    shards = make_corpus(tmp / "corpus", args.articles, pool)
    print(f"corpus: {args.articles} generated articles from {len(pool)} sample paragraphs, {len(shards)} JSONL shards")
    print(f"matrix kernel of spaCy's models (BLIS sub-configuration): {blis_kernel()}; multipolar's matrix "
          f"library: {settings.get('matrix_library')} (bare spaCy: blis)")
    list(code_articles([Article(id="w", text="The minister met the ambassador in Paris.", content_hash="w")]))

    texts = [a.text for _, a in extract_all([str(s) for s in shards]) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    size = int(settings.get("nlp_batch_size"))  # the same nlp.pipe batch size on both sides
    bare = spacy.load(settings.get("model"))  # what a user calls: the whole pipeline, as shipped
    bare("Warm up.")
    pairs: list[tuple[float, float, float, float]] = []
    sentences = coded = 0
    for _ in range(args.repeat):  # alternated, so a change in the machine's load hits both sides
        t_spacy, c_spacy, sentences = timed(
            "bare spaCy", lambda: sum(len(list(d.sents)) for d in bare.pipe(texts, batch_size=size))
        )
        t_code, c_code, coded = timed("multipolar code", lambda: sum(1 for _ in code_inputs([str(s) for s in shards])))
        pairs.append((t_spacy, c_spacy, t_code, c_code))
    t_spacy, c_spacy, t_code, c_code = (statistics.median(column) for column in zip(*pairs, strict=True))
    print(f"\nthroughput over {len(texts)} articles ({words / len(texts):.0f} words each, {sentences} sentences), "
          f"median of {args.repeat}:")
    print(f"  bare spaCy nlp.pipe   {len(texts) / t_spacy:7.2f} articles/s {sentences / t_spacy:8.1f} sentences/s"
          f"   wall {t_spacy:7.1f} s  CPU {c_spacy:7.1f} s")
    print(f"  multipolar code       {coded / t_code:7.2f} articles/s {sentences / t_code:8.1f} sentences/s"
          f"   wall {t_code:7.1f} s  CPU {c_code:7.1f} s")
    print(f"  ratio multipolar/spaCy  wall {t_code / t_spacy:.2f}  CPU {c_code / c_spacy:.2f}   pairs: "
          + "  ".join(f"{tc / ts:.2f}/{cc / cs:.2f}" for ts, cs, tc, cc in pairs) + " (wall/CPU)")
    print(f"  words parsed {words:,}, skipped 0: every sentence is parsed (see the share below)")
    share, share_words = filter_potential(texts)
    print(f"  sentences with no actor candidate: {share:.1%} of sentences, {share_words:.1%} of words "
          "(the most a sentence filter could skip)")
    profiled = make_corpus(tmp / "profile", min(args.profile, len(texts)), pool)  # the first articles again
    print_components(bare, nlp.load_pipeline(), texts[: args.profile], size, profiled)
    if args.throughput_only:
        return

    def ingest(workers: int) -> float:
        with open_store(tmp / f"ingest-{workers}.duckdb") as store:
            seconds, _cpu, summary = timed(f"ingest --workers {workers}", lambda: ingest_paths(input_files([tmp / "corpus"]), store, workers=workers))
        assert summary.articles_added == len(texts), summary
        return seconds

    t_one = ingest(1)
    t_many = ingest(args.workers)
    print("\ningest (read, code, store):")
    print(f"  single process        {len(texts) / t_one:7.2f} articles/s")
    print(f"  --workers {args.workers}           {len(texts) / t_many:7.2f} articles/s   ratio workers/single (time) {t_many / t_one:.2f}")
    if not args.skip_dask:
        from multipolar.scale import ingest_dask

        with open_store(tmp / "dask.duckdb") as store:
            t_dask, _cpu, summary = timed("ingest --dask local:2", lambda: ingest_dask([tmp / "corpus"], store, dask=f"local:{args.workers}"))
        assert summary.articles_added == len(texts), summary
        print(f"  --dask local:{args.workers}       {len(texts) / t_dask:7.2f} articles/s   ratio dask/workers (time) {t_dask / t_many:.2f}")

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    memory_peaks(tmp, pool, [int(s) for s in args.memory.split(",") if s], env)

    print("\nstart-up (fresh process, median of 3):")
    one = tmp / "one.txt"
    one.write_text("Russia and China signed a trade agreement in Moscow on Tuesday, the foreign ministry said.\n", encoding="utf-8")
    db = tmp / "ingest-1.duckdb"
    for label, command in (("--help", ["--help"]), ("--version", ["--version"]),
                           ("events --limit 5", ["events", "--db", str(db), "--limit", "5", "--format", "jsonl"]),
                           ("code one short article", ["code", str(one), "--format", "jsonl"])):
        runs = [cli(*command, env=env)[0] for _ in range(3)]
        print(f"  {label:24s} {statistics.median(runs):5.2f} s")

    rate_one = words / t_one
    rate_many = words / t_many
    print(f"\nprojection: a day of news ({DAY:,} articles of ~{DAY_WORDS} words) on this machine:")
    print(f"  single process  {DAY * DAY_WORDS / rate_one / 3600:5.2f} h   --workers {args.workers}  {DAY * DAY_WORDS / rate_many / 3600:5.2f} h")


if __name__ == "__main__":
    main()
