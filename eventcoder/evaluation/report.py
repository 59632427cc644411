"""Write an evaluation report: ``report.json``, ``report.md``, ``worst_errors.jsonl`` and PNG plots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventcoder.evaluation.runner import RunResult

FIELD_LABELS = {
    "date_exact": "date exact",
    "date_pm1": "date ±1 day",
    "country": "country",
    "admin1": "admin1",
    "acc1": "location ≤ 1 km",
    "acc25": "location ≤ 25 km",
    "acc161": "location ≤ 161 km",
    "actor1": "actor1",
    "actor2": "actor2",
    "actor1_loose": "actor1, qualifier ignored (diagnostic)",
    "actor2_loose": "actor2, qualifier ignored (diagnostic)",
    "event_type": "event type (ACLED 2019+)",
    "event_type_pre2019": "event type (ACLED pre-2019, mapped)",
    "sub_event_type": "sub-event type (ACLED 2019+)",
    "attack_type": "GTD attack type (primary)",
    "attack_type_any": "GTD attack type (any of 1-3)",
    "weapon_type": "GTD weapon type",
    "target_type": "GTD target type",
    "killed_exact": "killed exact",
    "killed_10pct": "killed within 10 %",
    "killed_unstated0": "killed exact, unstated read as 0 (diagnostic)",
    "wounded_exact": "wounded exact",
    "wounded_unstated0": "wounded exact, unstated read as 0 (diagnostic)",
    "wounded_10pct": "wounded within 10 %",
    "claimed": "claimed",
}


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.1f} %"


def markdown(summary: dict[str, Any], worst: list[dict[str, Any]], title: str) -> str:
    ev = summary["events"]
    lines = [
        f"# {title}",
        "",
        f"{summary['n_docs']} documents, {summary['n_gold_events']} gold events, {summary['n_pred_events']} predicted; "
        f"{summary['seconds']} s ({summary['docs_per_s']} docs/s).",
        "",
    ]
    if summary.get("reader_notes"):
        lines += [f"Reader: {', '.join(f'{k} ({v})' for k, v in summary['reader_notes'].items())}.", ""]
    if summary.get("pipeline_errors"):
        lines += [f"**Pipeline errors** (documents scored as no events): {summary['pipeline_errors']}", ""]
    lines += [
        "## Events",
        "",
        "| measure | value |",
        "|---|---|",
        f"| recall (date ±1 d, ≤ 25 km) | {_pct(ev['recall'])} ({ev['matched']}/{summary['n_gold_events']}) |",
        f"| precision | {_pct(ev['precision'])} |",
        f"| F1 | {_pct(ev['f1'])} |",
        f"| recall, date only (same document) | {_pct(ev['recall_date_only'])} |",
        "",
        "## Fields (over matched events)",
        "",
        "| field | accuracy | correct / scored |",
        "|---|---|---|",
    ]
    for k, v in summary["fields"].items():
        lines.append(f"| {FIELD_LABELS.get(k, k)} | {_pct(v['acc'])} | {v['correct']} / {v['n']} |")
    lines += [
        "",
        "## Location",
        "",
        "| subset | n | Acc@1 | Acc@25 | Acc@161 | median km | mean km | no coords |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, label in (
        ("location", "all"),
        ("location_six_countries", "AF IQ NG SO SY YE"),
        ("location_other_countries", "other countries"),
        ("ucdp_six_prec12", "UCDP six, where_prec 1-2"),
        ("ucdp_prec12", "UCDP all, where_prec 1-2"),
    ):
        s = summary.get(key)
        if not s or not s.get("n"):
            continue
        lines.append(
            f"| {label} | {s['n']} | {_pct(s['acc1'])} | {_pct(s['acc25'])} | {_pct(s['acc161'])} | "
            f"{s['median_km']} | {s['mean_km']} | {s['pred_without_coords']} |"
        )
    for f in ("killed", "wounded"):
        c = summary.get(f"{f}_null_confusion")
        if c:
            lines += ["", f"{f} null-vs-value: " + "; ".join(f"{k}: {v}" for k, v in c.items())]
    if summary.get("attack_type_from_sub_event_map"):
        lines += [
            "",
            f"attack type taken from the sub-event map for {summary['attack_type_from_sub_event_map']} events.",
        ]
    lines += ["", "## Error categories", "", "| category | count |", "|---|---|"]
    for k, v in list(summary["error_categories"].items())[:25]:
        lines.append(f"| {k} | {v} |")
    for kind, m in summary["confusion"].items():
        if not m:
            continue
        lines += ["", f"## Confusion: {kind} (gold → predicted)", ""]
        for g, row in m.items():
            lines.append(f"- **{g}**: " + ", ".join(f"{p} {n}" for p, n in row.items()))
    lines += [
        "",
        "## Recall by country (top 20)",
        "",
        "| country | n | recall | Acc@25 |",
        "|---|---|---|---|",
    ]
    for c, v in list(summary["by_country"].items())[:20]:
        lines.append(f"| {c} | {v['n']} | {_pct(v['recall'])} | {_pct(v['acc25'])} |")
    examples = summary.get("category_examples") or {}
    if examples:
        lines += ["", "## Examples per error category", ""]
        for cat, items in examples.items():
            lines += [f"### {cat}", ""]
            for it in items:
                gold_s = json.dumps(it["gold"], ensure_ascii=False)
                pred_s = json.dumps(it["pred"], ensure_ascii=False)
                lines.append(f"- `{it['gold_id']}`: {it['text']}".replace("\n", " "))
                lines.append(f"  - gold `{gold_s}`; pred `{pred_s}`")
            lines.append("")
    lines += ["", f"## Worst {len(worst)} errors", ""]
    for w in worst:
        lines += [
            f"### {w['gold_id']} (severity {w['severity']})",
            "",
            f"- errors: {'; '.join(w['errors'])}",
            f"- gold: `{json.dumps(w['gold'], ensure_ascii=False)}`",
            f"- pred: `{json.dumps(w['pred'], ensure_ascii=False)}` ({w['preds_in_doc']} events in document)",
        ]
        if w["evidence"]:
            lines.append(
                "- evidence: " + "; ".join(f"{k}=“{v['text']}” {v['span']}" for k, v in w["evidence"].items())
            )
        lines += ["", "> " + w["text"].replace("\n", "\n> "), ""]
    return "\n".join(lines) + "\n"


def plots(summary: dict[str, Any], res: RunResult, folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []
    kms = [o.fields["km"] for o in res.outcomes if o.pair is not None and o.fields.get("km") is not None]
    fig, ax = plt.subplots(figsize=(7, 4))
    if kms:
        import math

        ax.hist([math.log10(max(k, 0.01)) for k in kms], bins=40, color="#4477aa")
        for r in (1, 25, 161):
            ax.axvline(math.log10(r), color="#cc6677", linestyle="--", linewidth=1)
            ax.text(math.log10(r), ax.get_ylim()[1] * 0.95, f" {r} km", color="#cc6677", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no located matches", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlabel("log10 error distance (km)")
    ax.set_ylabel("matched events")
    ax.set_title("Location error distance")
    fig.tight_layout()
    p = folder / "error_distance.png"
    fig.savefig(p, dpi=100)
    plt.close(fig)
    written.append(p)

    conf: dict[str, dict[str, int]] = next(
        (
            summary["confusion"][k]
            for k in ("attack_type", "event_type", "event_type_pre2019")
            if summary["confusion"].get(k)
        ),
        {},
    )
    golds = sorted(conf)
    preds = sorted({p for row in conf.values() for p in row})
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(preds) + 3), max(4, 0.45 * len(golds) + 2)))
    if golds:
        grid = [[conf[g].get(p, 0) for p in preds] for g in golds]
        ax.imshow(grid, cmap="Blues")
        ax.set_xticks(range(len(preds)), preds, rotation=60, ha="right", fontsize=7)
        ax.set_yticks(range(len(golds)), golds, fontsize=7)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=7)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
    else:
        ax.text(0.5, 0.5, "no matched typed events", ha="center", va="center", transform=ax.transAxes)
    ax.set_title("Type confusion")
    fig.tight_layout()
    p = folder / "type_confusion.png"
    fig.savefig(p, dpi=100)
    plt.close(fig)
    written.append(p)

    items = [(c, v) for c, v in summary["by_country"].items() if v["n"] >= 5][:25]
    fig, ax = plt.subplots(figsize=(7, max(3, 0.3 * len(items) + 1)))
    if items:
        ax.barh(
            [f"{c} ({v['n']})" for c, v in items][::-1],
            [v["recall"] or 0 for _, v in items][::-1],
            color="#228833",
        )
        ax.set_xlim(0, 1)
    ax.set_xlabel("event recall")
    ax.set_title("Recall by country (n ≥ 5)")
    fig.tight_layout()
    p = folder / "recall_by_country.png"
    fig.savefig(p, dpi=100)
    plt.close(fig)
    written.append(p)
    return written


def write_report(
    folder: str | Path, summary: dict[str, Any], worst: list[dict[str, Any]], res: RunResult, title: str
) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / "report.json", folder / "report.md", folder / "worst_errors.jsonl"]
    out[0].write_text(
        json.dumps({"summary": summary, "worst_errors": worst}, indent=1, ensure_ascii=False, default=str)
        + "\n",
        encoding="utf-8",
    )
    out[1].write_text(markdown(summary, worst, title), encoding="utf-8")
    with out[2].open("w", encoding="utf-8") as fh:
        for w in worst:
            fh.write(json.dumps(w, ensure_ascii=False, default=str) + "\n")
    out += plots(summary, res, folder)
    return out
