"""The two pages of the workshop, built with Shiny for Python (no hand-written JavaScript).

- :func:`participant_app`: a phone-width form. The criteria with their
  descriptions and scales; swing points (rank the swings from worst to best,
  give the most valued 100 and the others points relative to it) or direct
  weights; optionally AHP judgements of the most important criteria with the
  consistency ratio shown live; submit, and change the answer later from the
  same browser.
- :func:`facilitator_app`: the projector view. The live group ranking and
  group weights, disagreement, each participant's top option, what would put
  another option first, and weight sliders like the notebook explorer.

Text from the case and from participants goes through htmltools tags, which
escape it.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import TYPE_CHECKING, Any

import numpy as np

import policyopts as po
from policyopts.model import Case
from policyopts.serve.store import ParticipantStore, SubmissionError

if TYPE_CHECKING:
    from policyopts.serve.app import GroupCache

__all__ = ["facilitator_app", "participant_app"]

_STYLE = """
body { font-size: 16px; }
.po-crit { border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 0.8em; margin: 0.6em 0; }
.po-crit h4 { font-size: 1.05em; margin: 0 0 0.2em 0; }
.po-scale { color: #555; font-size: 0.9em; }
.po-ok { color: #1b5e20; font-weight: bold; }
.po-err { color: #b00020; font-weight: bold; }
.po-bar { background: #4c72b0; height: 0.9em; display: inline-block; vertical-align: middle; }
.po-table td, .po-table th { padding: 0.2em 0.6em; }
.po-table th { text-align: left; }
.po-num { text-align: right; font-variant-numeric: tabular-nums; }
.po-first { background: #eef5ff; font-weight: bold; }
.form-group { width: 100% !important; }
"""


def _scale_text(c: Any) -> str:
    sc = c.scale
    worst, best = (sc.min, sc.max) if c.direction == "benefit" else (sc.max, sc.min)

    def label(x: float) -> str:
        name = sc.label_for(x)
        return f"{x:g} {sc.unit}" + (f" ({name})" if name else "")

    return f"Swing from worst {label(worst)} to best {label(best)}"


def _fmt_w(x: float) -> str:
    return f"{x:.3f}"


def _weights_table(ui: Any, rows: list[tuple[str, float]], caption: str) -> Any:
    top = max((w for _, w in rows), default=0.0) or 1.0
    return ui.tags.table(
        ui.tags.caption(caption),
        ui.tags.tbody(
            *[
                ui.tags.tr(
                    ui.tags.td(name),
                    ui.tags.td(_fmt_w(w), class_="po-num"),
                    ui.tags.td(ui.tags.span(class_="po-bar", style=f"width:{6 * w / top:.2f}em")),
                )
                for name, w in rows
            ]
        ),
        class_="po-table",
    )


# =====================================================================================
# Participant page
# =====================================================================================


def participant_app(case: Case, store: ParticipantStore) -> Any:
    """The participant's page for ``case``, as a Shiny app storing into ``store``."""
    from shiny import App, reactive, render, ui

    from policyopts.serve.app import CLIENT_COOKIE

    crits = list(case.all_criteria)
    ids = [c.id for c in crits]
    names = {c.id: c.name for c in crits}

    def crit_card(c: Any) -> Any:
        return ui.div(
            ui.h4(c.name),
            ui.p(c.description) if c.description else None,
            ui.p(
                _scale_text(c)
                + (" (more is better)" if c.direction == "benefit" else " (less is better)"),
                class_="po-scale",
            ),
            ui.input_numeric(f"v_{c.id}", "Points", value=50, min=0, max=100, step=5),
            class_="po-crit",
        )

    page = ui.page_fluid(
        ui.tags.style(_STYLE),
        ui.h2(case.title),
        ui.p(case.question) if case.question else None,
        ui.output_ui("owned"),
        ui.input_text("name", "Your name", placeholder="as the facilitator should see it"),
        ui.input_radio_buttons(
            "kind",
            "How do you want to answer?",
            {
                "swing": "Swing weighting (points 0-100)",
                "weights": "Direct weights",
                "ahp": "Pairwise comparisons (AHP)",
            },
        ),
        ui.output_ui("instructions"),
        ui.panel_conditional(
            "input.kind === 'swing'",
            ui.input_selectize(
                "swing_order",
                "1. Rank the swings: pick them in order, the one you want most first",
                {c.id: c.name for c in crits},
                multiple=True,
            ),
            ui.input_action_button("from_order", "Suggest points from this ranking"),
            ui.p("2. Adjust the points:", class_="mt-2"),
        ),
        ui.panel_conditional(
            "input.kind !== 'ahp'",
            *[crit_card(c) for c in crits],
        ),
        ui.panel_conditional(
            "input.kind === 'ahp'",
            ui.input_selectize(
                "ahp_criteria",
                "Compare these criteria (the others get weight 0)",
                {c.id: c.name for c in crits},
                selected=ids[:3],
                multiple=True,
            ),
            ui.output_ui("ahp_inputs"),
        ),
        ui.output_ui("preview"),
        ui.input_action_button("submit", "Submit my weights", class_="btn-primary"),
        ui.output_ui("result"),
        title=f"{case.title}: your weights",
    )

    def server(input: Any, output: Any, session: Any) -> None:
        cookies = getattr(session.http_conn, "cookies", {}) or {}
        secret: dict[str, str | None] = {"value": cookies.get(CLIENT_COOKIE)}
        message: reactive.Value[tuple[str, str] | None] = reactive.value(None)

        @reactive.effect
        def _prefill() -> None:
            mine = store.owned_by(secret["value"])
            if mine is None:
                return
            ui.update_text("name", value=mine.name)
            ui.update_radio_buttons("kind", selected=mine.kind)
            for cid in ids:
                ui.update_numeric(f"v_{cid}", value=mine.values[cid])

        @reactive.effect
        @reactive.event(input.from_order)
        def _from_order() -> None:
            order = [c for c in (input.swing_order() or ()) if c in names]
            if not order:
                return
            n = len(order)
            rank = {c: k for k, c in enumerate(order)}
            for cid in ids:
                value = round(100 * (n - rank[cid]) / n) if cid in rank else 0
                ui.update_numeric(f"v_{cid}", value=value)

        def points() -> dict[str, float | None]:
            out: dict[str, float | None] = {}
            for cid in ids:
                x = input[f"v_{cid}"]()
                out[cid] = None if x is None else float(x)
            return out

        def pairs() -> list[tuple[str, str]]:
            chosen = [c for c in ids if c in (input.ahp_criteria() or ())]
            return [(a, b) for k, a in enumerate(chosen) for b in chosen[k + 1 :]]

        @render.ui
        def owned() -> Any:
            mine = store.owned_by(secret["value"])
            if mine is None:
                return None
            return ui.p(
                f"You answered as {mine.name}. Submitting again replaces your answer.",
                class_="po-ok",
            )

        @render.ui
        def instructions() -> Any:
            kind = input.kind()
            if kind == "swing":
                return ui.p(
                    "Picture every criterion at its worst. Which single swing, from worst "
                    "to best, would you want most? Rank the swings in that order, then give "
                    "the first 100 points and every other swing 0-100 points for how much it "
                    "is worth next to that one."
                )
            if kind == "weights":
                return ui.p(
                    "Give each criterion any non-negative number; only the proportions "
                    "count (they are divided by their sum)."
                )
            return ui.p(
                "Choose the criteria that matter (2 to 7 keep the comparisons short), then "
                "say for each pair which matters more and how much (Saaty's scale: 1 equal, "
                "3 moderately, 5 strongly, 7 very strongly, 9 extremely more important)."
            )

        @render.ui
        def ahp_inputs() -> Any:
            choices = {
                str(v): lab
                for v, lab in [
                    (-9, "9"),
                    (-7, "7"),
                    (-5, "5"),
                    (-3, "3"),
                    (1, "equal"),
                    (3, "3"),
                    (5, "5"),
                    (7, "7"),
                    (9, "9"),
                ]
            }
            rows = []
            for a, b in pairs():
                rows.append(
                    ui.div(
                        ui.input_select(
                            f"ahp_{a}__{b}",
                            f"{names[a]}  (left)  vs  {names[b]}  (right): which side, how much?",
                            {
                                f"{k}": (
                                    f"left {v}"
                                    if int(k) < 0
                                    else "equal"
                                    if k == "1"
                                    else f"right {v}"
                                )
                                for k, v in choices.items()
                            },
                            selected="1",
                        ),
                        class_="po-crit",
                    )
                )
            return ui.div(*rows)

        def ahp_result() -> tuple[dict[str, float], float] | str:
            chosen = [c for c in ids if c in (input.ahp_criteria() or ())]
            if len(chosen) < 2:
                return "choose at least two criteria to compare"
            n = len(chosen)
            mat = np.ones((n, n))
            for i, a in enumerate(chosen):
                for j in range(i + 1, n):
                    b = chosen[j]
                    raw = input[f"ahp_{a}__{b}"]() if f"ahp_{a}__{b}" in input else "1"
                    v = int(raw or "1")
                    ratio = float(-v) if v < 0 else 1.0 / v  # left wins: a over b
                    mat[i, j] = ratio
                    mat[j, i] = 1.0 / ratio
            try:
                res = po.weights.ahp(mat)
            except ValueError as exc:
                return str(exc)
            w = {c: 0.0 for c in ids}
            for c, x in zip(
                chosen, np.asarray(res.weights, dtype=np.float64).tolist(), strict=True
            ):
                w[c] = x
            cr = res.consistency_ratio
            return w, 0.0 if cr is None else float(cr)

        def body() -> dict[str, Any] | str:
            kind = input.kind()
            if kind == "ahp":
                got = ahp_result()
                if isinstance(got, str):
                    return got
                return {"name": input.name(), "weights": got[0]}
            pts = points()
            missing = [names[c] for c, x in pts.items() if x is None]
            if missing:
                return f"give a number for {', '.join(missing)}"
            return {"name": input.name(), kind: {c: x for c, x in pts.items()}}

        @render.ui
        def preview() -> Any:
            kind = input.kind()
            parts: list[Any] = []
            if kind == "ahp":
                got = ahp_result()
                if isinstance(got, str):
                    return ui.p(got, class_="po-err")
                weights, cr = got
                ok = cr < po.weights.CR_THRESHOLD
                parts.append(
                    ui.p(
                        f"Consistency ratio {cr:.3f}: "
                        + ("acceptable (below 0.10)." if ok else "above 0.10, revise some pairs."),
                        class_="po-ok" if ok else "po-err",
                        id="ahp_cr",
                    )
                )
            else:
                pts = points()
                if any(x is None for x in pts.values()):
                    return ui.p("Give a number for every criterion.", class_="po-err")
                vals = np.array([pts[c] for c in ids], dtype=float)
                if np.any(vals < 0) or not np.any(vals > 0):
                    return ui.p("Use non-negative numbers, at least one above 0.", class_="po-err")
                if kind == "swing" and np.any(vals > 100):
                    return ui.p("Swing points run from 0 to 100.", class_="po-err")
                res = po.weights.swing(vals) if kind == "swing" else po.weights.direct(vals)
                weights = dict(zip(ids, np.asarray(res.weights).tolist(), strict=True))
                if kind == "swing":
                    order = sorted(ids, key=lambda c: -(pts[c] or 0.0))
                    parts.append(
                        ui.p(
                            "Your ranking of the swings: "
                            + "; ".join(f"{k + 1}. {names[c]}" for k, c in enumerate(order[:5]))
                            + ("; ..." if len(order) > 5 else "")
                        )
                    )
                    ranked = [c for c in (input.swing_order() or ()) if c in names]
                    clash = [
                        (a, b)
                        for a, b in itertools.pairwise(ranked)
                        if (pts[a] or 0.0) < (pts[b] or 0.0)
                    ]
                    if clash:
                        a, b = clash[0]
                        parts.append(
                            ui.p(
                                f"Your points put {names[b]} above {names[a]}, which you "
                                "ranked higher: fine if you changed your mind, otherwise "
                                "adjust the points.",
                                class_="po-err",
                            )
                        )
            rows = sorted(((names[c], w) for c, w in weights.items()), key=lambda t: -t[1])
            parts.append(_weights_table(ui, rows, "Your weights (normalised to sum 1)"))
            return ui.div(*parts)

        @reactive.effect
        @reactive.event(input.submit)
        async def _submit() -> None:
            data = body()
            if isinstance(data, str):
                message.set(("err", data))
                return
            try:
                record, new_secret, created = await asyncio.to_thread(
                    store.submit, data, secret=secret["value"]
                )
            except SubmissionError as exc:
                message.set(("err", str(exc)))
                return
            if new_secret is not None:
                secret["value"] = new_secret
            verb = "Saved" if created else "Updated"
            message.set(("ok", f"{verb}: thank you, {record.name}. You can change it any time."))

        @render.ui
        def result() -> Any:
            got = message.get()
            if got is None:
                return None
            cls, text = got
            return ui.p(text, class_=f"po-{cls}", id="submit_message")

    return App(page, server)


# =====================================================================================
# Facilitator page
# =====================================================================================


def facilitator_app(case: Case, store: ParticipantStore, groups: GroupCache) -> Any:
    """The facilitator's (projector) page for ``case``, refreshed as answers arrive."""
    from shiny import App, reactive, render, ui

    crits = list(case.all_criteria)
    ids = [c.id for c in crits]
    names = {c.id: c.name for c in crits}
    option_names = {o.id: o.label for o in case.options}
    start = case.weights()

    page = ui.page_fluid(
        ui.tags.style(_STYLE),
        ui.h2(case.title),
        ui.p(case.question) if case.question else None,
        ui.layout_columns(
            ui.div(
                ui.input_radio_buttons(
                    "aggregation",
                    "Group weights",
                    {"arithmetic": "arithmetic mean", "geometric": "geometric mean"},
                    inline=True,
                ),
                ui.output_ui("headline"),
                ui.p(
                    ui.a("Download the case with everyone's profiles", href="../export/case.yaml"),
                    " · ",
                    ui.a("participants file (CSV)", href="../export/participants.csv"),
                ),
            ),
            col_widths=(12,),
        ),
        ui.layout_columns(
            ui.card(ui.card_header("Group ranking"), ui.output_ui("ranking")),
            ui.card(ui.card_header("Group weights"), ui.output_ui("weights")),
            ui.card(ui.card_header("Each participant's top option"), ui.output_ui("tops")),
            col_widths=(4, 4, 4),
        ),
        ui.layout_columns(
            ui.card(ui.card_header("Where the group disagrees"), ui.output_ui("spread")),
            ui.card(ui.card_header("What would put another option first"), ui.output_ui("flips")),
            col_widths=(4, 8),
        ),
        ui.card(
            ui.card_header("Explore: move the weights, watch the ranking"),
            ui.layout_columns(
                ui.div(
                    ui.input_action_button("from_group", "Start from the group's weights"),
                    *[
                        ui.input_slider(
                            f"s_{cid}", names[cid], 0.0, 1.0, round(start[cid], 3), step=0.005
                        )
                        for cid in ids
                    ],
                ),
                ui.output_ui("explore"),
                col_widths=(6, 6),
            ),
        ),
        title=f"{case.title}: workshop",
    )

    def server(input: Any, output: Any, session: Any) -> None:
        @reactive.poll(lambda: store.version, 1.0)
        def version() -> int:
            return store.version

        @reactive.calc
        async def summary() -> dict[str, Any]:
            version()
            return await asyncio.to_thread(groups.get, input.aggregation(), flips=True)

        @render.ui
        async def headline() -> Any:
            s = await summary()
            n = s["participants"]
            if not n:
                return ui.p("No answers yet. Participants open the participant page to answer.")
            w = s["kendall_w"]
            text = f"{n} participant{'s have' if n != 1 else ' has'} answered."
            if w is not None:
                text += f" Kendall's W (agreement on the order of the criteria) = {w:.2f}."
            return ui.p(text, id="headline")

        @render.ui
        async def ranking() -> Any:
            s = await summary()
            if s["error"]:
                return ui.p(s["error"], class_="po-err")
            if not s["ranking"]:
                return ui.p("-")
            return ui.tags.table(
                ui.tags.thead(
                    ui.tags.tr(
                        ui.tags.th("#"),
                        ui.tags.th("Option"),
                        ui.tags.th("Score"),
                        ui.tags.th("First for"),
                    )
                ),
                ui.tags.tbody(
                    *[
                        ui.tags.tr(
                            ui.tags.td(str(r["rank"])),
                            ui.tags.td(r["name"]),
                            ui.tags.td(f"{r['score']:.3f}", class_="po-num"),
                            ui.tags.td(str(r["first_for"]), class_="po-num"),
                            class_="po-first" if r["rank"] == 1 else None,
                        )
                        for r in s["ranking"]
                    ]
                ),
                class_="po-table",
                id="group_ranking",
            )

        @render.ui
        async def weights() -> Any:
            s = await summary()
            if not s["weights"]:
                return ui.p("-")
            rows = sorted(((names[c], w) for c, w in s["weights"].items()), key=lambda t: -t[1])
            return _weights_table(ui, rows, f"{s['aggregation']} mean, normalised")

        @render.ui
        async def tops() -> Any:
            s = await summary()
            if not s["top"]:
                return ui.p("-")
            return ui.tags.table(
                ui.tags.tbody(
                    *[
                        ui.tags.tr(ui.tags.td(p), ui.tags.td(option_names[o]))
                        for p, o in s["top"].items()
                    ]
                ),
                class_="po-table",
                id="participant_tops",
            )

        @render.ui
        async def spread() -> Any:
            s = await summary()
            if not s["widest"]:
                return ui.p("-")
            return ui.div(
                ui.p("Criteria with the widest spread of weights:"),
                ui.tags.ul(
                    *[
                        ui.tags.li(
                            f"{r['name']}: {r['min']:.2f} to {r['max']:.2f} "
                            f"(sd {r['std']:.3f}; furthest from the mean: {r['furthest']})"
                        )
                        for r in s["widest"]
                    ]
                ),
            )

        @render.ui
        async def flips() -> Any:
            s = await summary()
            if not s["flips"]:
                return ui.p("-")
            return ui.tags.ul(*[ui.tags.li(t) for t in s["flips"]])

        @reactive.effect
        @reactive.event(input.from_group)
        async def _from_group() -> None:
            s = await summary()
            if s["weights"]:
                for cid, w in s["weights"].items():
                    ui.update_slider(f"s_{cid}", value=round(w, 3))

        @render.ui
        def explore() -> Any:
            raw = {cid: float(input[f"s_{cid}"]()) for cid in ids}
            if not any(x > 0 for x in raw.values()):
                return ui.p("All weights are 0: move a slider above 0.", class_="po-err")
            cmp = po.compare(case, weights=raw)
            scores = cmp.table["score"].to_numpy(dtype=np.float64)
            pos = {o: k for k, o in enumerate(cmp.table.index)}
            rows = [
                ui.tags.tr(
                    ui.tags.td(str(k + 1)),
                    ui.tags.td(option_names[o]),
                    ui.tags.td(f"{scores[pos[o]]:.3f}", class_="po-num"),
                    class_="po-first" if k == 0 else None,
                )
                for k, o in enumerate(cmp.ranking)
            ]
            total = sum(raw.values())
            return ui.div(
                ui.tags.table(ui.tags.tbody(*rows), class_="po-table"),
                _weights_table(
                    ui,
                    sorted(((names[c], x / total) for c, x in raw.items()), key=lambda t: -t[1]),
                    "Slider weights, normalised",
                ),
            )

    return App(page, server)
