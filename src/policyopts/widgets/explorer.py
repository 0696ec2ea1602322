"""The weight explorer: one slider per criterion or branch beside the ranking
and a contribution chart."""

from __future__ import annotations

import contextlib
import html
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from policyopts._validate import check_choice
from policyopts.compare import Comparison, compare
from policyopts.exceptions import CaseError
from policyopts.methods import available
from policyopts.model import Case, WeightProfile
from policyopts.model.require import require_case

if TYPE_CHECKING:
    pass


from policyopts.widgets._render import (
    _ALL_ZERO,
    _BASELINE,
    _BY,
    _chart_png,
    _error_html,
    _fmt,
    _ipywidgets,
    _note_html,
    _root,
)


class WeightExplorer:
    r"""Sliders for the weights of a case, with a live ranking table and chart.

    Each slider holds a raw weight in [0, 1]. With ``by="criterion"`` there is
    one slider per weighted criterion (risk burden included) and the weights
    used are the raw values renormalised to sum 1:

    .. math:: w_j = r_j \Big/ \sum_k r_k .

    With ``by="branch"`` there is one slider per top-level branch of the value
    tree (a criterion outside any branch gets its own slider) and the criteria
    of a branch keep their relative weights from the starting profile:

    .. math:: w_j = r_{b(j)}\, s_j \Big/ \sum_b r_b, \qquad
              s_j = w^0_j \Big/ \sum_{k \in b(j)} w^0_k ,

    where :math:`w^0` are the profile's weights (a branch whose criteria all
    have weight 0 in the profile splits its slider evenly). This is the
    hierarchical weighting of a value tree, branch weight times local weight
    (Belton & Stewart 2002, sec. 5.4).

    Any change — a slider, the method or scenario dropdown, :meth:`set_weights`
    — re-runs :func:`policyopts.compare` with ``weights=`` the current
    :attr:`weights`, so :attr:`comparison` equals
    ``compare(case, weights=explorer.weights, method=..., scenario=...)``.
    All sliders at 0, or a method that cannot rank the current inputs, shows
    a message in place of the table; the programmatic accessors then raise
    :class:`ValueError` with that message.

    Parameters
    ----------
    case : Case
    profile : str, optional
        The weight profile the sliders start from (and Reset returns to); the
        case's default profile when omitted.
    method : str
        Initial MCDA method, one of :func:`policyopts.methods.available`.
        As in :func:`policyopts.compare`, ``"wsm"`` scores values on each
        criterion's declared scale.
    scenario : str, optional
        Initial scenario id; ``None`` for the baseline.
    by : {"criterion", "branch"}
        One slider per criterion, or per top-level branch of the value tree.
    live_chart : bool
        Redraw the chart on every change once the explorer is displayed. With
        ``False`` the chart is drawn only by the "Draw chart" button or
        :meth:`render_chart`. The chart is never drawn before the explorer is
        first displayed (or asked for), so building and driving an explorer in
        code costs no plotting.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole explorer; displaying the explorer displays this.
    sliders : dict of str to ipywidgets.FloatSlider
        By criterion id (``by="criterion"``) or branch id (``by="branch"``).
    method_select, scenario_select : ipywidgets.Dropdown
        Method (all of :func:`policyopts.methods.available`) and scenario
        (value ``""`` for the baseline).
    reset_button, save_button, draw_button : ipywidgets.Button
    profile_id_text, profile_name_text : ipywidgets.Text
        Id and (optional) name of the profile to save.
    table, weights_text, message : ipywidgets.HTML
        The ranking table (``comparison.to_html(detail=False)``), the
        "weights now" line and any error or confirmation.
    chart : ipywidgets.Image
        The contribution chart as PNG.
    saved_profiles : dict of str to WeightProfile
        Profiles saved so far, by id.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.widgets import WeightExplorer
    >>> case = po.load_case("mali")
    >>> ex = WeightExplorer(case, "balanced")
    >>> ex.ranking == po.compare(case, "balanced").ranking
    True
    >>> ex.sliders["relief"].value = 1.0          # what a workshop does by hand
    >>> round(sum(ex.weights.values()), 12)
    1.0
    >>> ex.ranking == po.compare(case, weights=ex.weights).ranking
    True
    """

    def __init__(
        self,
        case: Case,
        profile: str | None = None,
        *,
        method: str = "wsm",
        scenario: str | None = None,
        by: str = "criterion",
        live_chart: bool = True,
    ) -> None:
        require_case(case)
        by = check_choice(by, _BY, "by")
        method = check_choice(method, available(), "method")
        if scenario is not None:
            case.scenario(scenario)  # CaseError naming the known scenarios
        w = _ipywidgets()

        self._case = case
        self._start = case.profile(profile)
        self._by = by
        self._live_chart = bool(live_chart)
        self._base: dict[str, float] = case.weights(self._start.id)
        self._names = {c.id: c.label for c in case.all_criteria}
        self.saved_profiles: dict[str, WeightProfile] = {}
        self._comparison: Comparison | None = None
        self._error: str | None = None
        self._holding = 0
        self._displayed = False
        self._chart_stale = True

        # ---- groups: slider key -> (label, {criterion id: share within the group})
        self._groups: dict[str, tuple[str, dict[str, float]]] = {}
        if by == "criterion":
            for cid in case.criterion_ids:
                self._groups[cid] = (self._names[cid], {cid: 1.0})
        else:
            branch_names = {b.id: b.name for b in case.all_branches}
            members: dict[str, list[str]] = {}
            for cid in case.criterion_ids:
                members.setdefault(_root(cid, case.tree_parents), []).append(cid)
            for key, cids in members.items():
                total = sum(self._base[c] for c in cids)
                shares = (
                    {c: self._base[c] / total for c in cids}
                    if total > 0
                    else {c: 1.0 / len(cids) for c in cids}
                )
                label = branch_names.get(key, self._names.get(key, key))
                self._groups[key] = (label, shares)

        # ---- widgets
        style = {"description_width": "11em"}
        self.sliders: dict[str, Any] = {}
        for key, (label, shares) in self._groups.items():
            slider = w.FloatSlider(
                value=self._initial(key),
                min=0.0,
                max=1.0,
                step=0.01,
                description=label,
                readout_format=".3f",
                continuous_update=False,
                style=style,
                layout=w.Layout(width="34em"),
                tooltip=self._tooltip(key, shares),
            )
            slider.observe(self._on_change, names="value")
            self.sliders[key] = slider

        self.method_select = w.Dropdown(
            options=list(available()), value=method, description="Method", style=style
        )
        scen_options = [("Baseline", _BASELINE)] + [
            (f"{s.name} (p={s.probability:g})", s.id) for s in case.scenarios
        ]
        self.scenario_select = w.Dropdown(
            options=scen_options,
            value=_BASELINE if scenario is None else scenario,
            description="Scenario",
            style=style,
        )
        self.method_select.observe(self._on_change, names="value")
        self.scenario_select.observe(self._on_change, names="value")

        self.reset_button = w.Button(
            description="Reset", tooltip=f"Back to profile {self._start.id!r}", icon="undo"
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.profile_id_text = w.Text(
            value="", placeholder="new_profile_id", description="Profile id", style=style
        )
        self.profile_name_text = w.Text(
            value="", placeholder="display name (optional)", description="Name", style=style
        )
        self.save_button = w.Button(description="Save as profile", icon="save")
        self.save_button.on_click(lambda _b: self._on_save())
        self.draw_button = w.Button(description="Draw chart", icon="bar-chart")
        self.draw_button.on_click(lambda _b: self.render_chart())
        if self._live_chart:
            self.draw_button.layout.display = "none"

        self.weights_text = w.HTML(value="")
        self.message = w.HTML(value="")
        self.table = w.HTML(value="")
        self.chart = w.Image(
            value=b"", format="png", layout=w.Layout(max_width="48em", display="none")
        )

        header = w.HTML(
            value=str(
                Markup(
                    "<b>{}</b> — starting from profile <i>{}</i>. Sliders set raw weights "
                    "(0–1); they are renormalised to sum 1."
                ).format(case.title, self._start.name)
            )
        )
        self.widget = w.VBox(
            [
                header,
                w.HBox([self.method_select, self.scenario_select]),
                w.VBox(list(self.sliders.values())),
                self.weights_text,
                w.HBox([self.reset_button, self.draw_button]),
                w.HBox([self.profile_id_text, self.profile_name_text, self.save_button]),
                self.message,
                self.table,
                self.chart,
            ]
        )
        self._update()

    # ------------------------------------------------------------ internals
    def _initial(self, key: str) -> float:
        return float(sum(self._base[c] for c in self._groups[key][1]))

    def _tooltip(self, key: str, shares: Mapping[str, float]) -> str:
        if self._by == "criterion":
            return self._case.criterion(key).name
        inside = ", ".join(f"{self._names[c]} {s:.0%}" for c, s in shares.items())
        return f"Within the branch: {inside}"

    def _raw(self) -> dict[str, float]:
        """Raw criterion weights before renormalisation."""
        out: dict[str, float] = {}
        for key, (_label, shares) in self._groups.items():
            r = float(self.sliders[key].value)
            for cid, s in shares.items():
                out[cid] = r * s
        return {c: out[c] for c in self._case.criterion_ids}

    def _normalised(self) -> dict[str, float] | None:
        raw = self._raw()
        total = sum(raw.values())
        if not total > 0:
            return None
        return {c: v / total for c, v in raw.items()}

    def _on_change(self, _change: object = None) -> None:
        if not self._holding:
            self._update()

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        """Change several widgets and recompute once at the end."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding:
            self._update()

    def _weights_html(self, weights: Mapping[str, float]) -> str:
        if self._by == "criterion":
            parts = [f"{html.escape(self._names[c])} {_fmt(v)}" for c, v in weights.items()]
        else:
            parts = []
            for label, shares in self._groups.values():
                total = sum(weights[c] for c in shares)
                inner = ", ".join(
                    f"{html.escape(self._names[c])} {_fmt(weights[c])}" for c in shares
                )
                parts.append(
                    f"{html.escape(label)} {_fmt(total)}"
                    + (f" ({inner})" if len(shares) > 1 else "")
                )
        return "<b>weights now:</b> " + " · ".join(parts)

    def _update(self) -> None:
        weights = self._normalised()
        self._comparison = None
        self._chart_stale = True
        if weights is None:
            self._error = _ALL_ZERO
            self.weights_text.value = "<b>weights now:</b> (all 0)"
        else:
            self.weights_text.value = self._weights_html(weights)
            try:
                self._comparison = compare(
                    self._case, weights=weights, method=self.method, scenario=self.scenario
                )
                self._error = None
            except ValueError as exc:
                self._error = f"{self.method} cannot rank these inputs: {exc}"
        if self._error is not None:
            self.message.value = _error_html(self._error)
            self.table.value = ""
            self._set_chart(b"")
            self._chart_stale = False
            return
        self.message.value = ""
        assert self._comparison is not None
        self.table.value = self._comparison.to_html(detail=False)
        if self._displayed and self._live_chart:
            self.render_chart()

    def _set_chart(self, png: bytes) -> None:
        self.chart.value = png
        self.chart.layout.display = None if png else "none"  # no broken-image icon

    def _on_save(self) -> None:
        ident = str(self.profile_id_text.value).strip()
        name = str(self.profile_name_text.value).strip() or None
        with contextlib.suppress(ValueError):  # the message is already shown
            self.save_profile(ident, name)
            self.profile_id_text.value = ""
            self.profile_name_text.value = ""

    # ------------------------------------------------------------ public API
    @property
    def case(self) -> Case:
        """The case being explored (without saved profiles; see :meth:`case_with_saved`)."""
        return self._case

    @property
    def profile(self) -> str:
        """Id of the starting profile."""
        return self._start.id

    @property
    def by(self) -> str:
        """``"criterion"`` or ``"branch"``."""
        return self._by

    @property
    def method(self) -> str:
        """The method selected."""
        return str(self.method_select.value)

    @method.setter
    def method(self, value: str) -> None:
        self.method_select.value = check_choice(value, available(), "method")

    @property
    def scenario(self) -> str | None:
        """The scenario selected, ``None`` for the baseline."""
        value = str(self.scenario_select.value)
        return None if value == _BASELINE else value

    @scenario.setter
    def scenario(self, value: str | None) -> None:
        if value is not None:
            self._case.scenario(value)
        self.scenario_select.value = _BASELINE if value is None else value

    @property
    def slider_values(self) -> dict[str, float]:
        """Raw slider values by slider key (criterion or branch id)."""
        return {k: float(s.value) for k, s in self.sliders.items()}

    @property
    def weights(self) -> dict[str, float]:
        """Current weights by criterion id, renormalised to sum 1.

        Raises
        ------
        ValueError
            If every slider is at 0.
        """
        weights = self._normalised()
        if weights is None:
            raise ValueError(f"weights: {_ALL_ZERO}")
        return weights

    @property
    def comparison(self) -> Comparison:
        """The comparison under the current weights, method and scenario.

        Raises
        ------
        ValueError
            If every slider is at 0 or the method cannot rank the inputs
            (the message the widget shows).
        """
        if self._comparison is None:
            raise ValueError(self._error or "no comparison")
        return self._comparison

    @property
    def ranking(self) -> list[str]:
        """Option ids, best first, under the current settings."""
        return self.comparison.ranking

    @property
    def error(self) -> str | None:
        """The message shown instead of the table, ``None`` when all is well."""
        return self._error

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Move sliders to ``weights`` (by slider key) and recompute once.

        Keys are criterion ids (``by="criterion"``) or branch ids
        (``by="branch"``); sliders not named keep their value. Values must be
        finite and non-negative. Sliders run from 0 to 1: a mapping naming
        every slider is divided by its largest value when that exceeds 1
        (only proportions matter); otherwise a value above 1 is an error.

        Raises
        ------
        ValueError
            Naming the unknown key or the value at fault.
        """
        if not isinstance(weights, Mapping):
            raise ValueError(
                f"weights: expected a mapping of slider key to weight, got {type(weights).__name__}"
            )
        unknown = [k for k in weights if k not in self.sliders]
        if unknown:
            raise ValueError(
                f"weights: unknown {self._by} {unknown}; sliders: {', '.join(self.sliders)}"
            )
        values: dict[str, float] = {}
        for key, v in weights.items():
            try:
                x = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"weights[{key!r}]: expected a number, got {v!r}") from None
            if not math.isfinite(x) or x < 0:
                raise ValueError(f"weights[{key!r}]: must be finite and non-negative, got {v!r}")
            values[key] = x
        top = max(values.values(), default=0.0)
        if top > 1:
            if len(values) < len(self.sliders):
                key = max(values, key=values.__getitem__)
                raise ValueError(
                    f"weights[{key!r}]: sliders run from 0 to 1, got {values[key]!r} "
                    "(give every slider's weight to have them rescaled)"
                )
            values = {k: x / top for k, x in values.items()}
        with self._batch():
            for key, x in values.items():
                self.sliders[key].value = x

    def reset(self) -> None:
        """Put every slider back to the starting profile."""
        with self._batch():
            for key, slider in self.sliders.items():
                slider.value = self._initial(key)

    def save_profile(self, id: str, name: str | None = None) -> WeightProfile:
        """Keep the current normalised weights as a named weight profile.

        The profile (``holder="workshop"``) goes into :attr:`saved_profiles`;
        :meth:`case_with_saved` adds the saved profiles to the case. The
        outcome is also shown in the widget's message line.

        Parameters
        ----------
        id : str
            A new profile id: lower-case snake_case, not used by the case or
            by an earlier save.
        name : str, optional
            Display name; derived from ``id`` when omitted.

        Raises
        ------
        ValueError
            (:class:`~policyopts.CaseError` for a malformed id) if the id is
            malformed or taken, or every slider is at 0.
        """
        try:
            if not id:
                raise ValueError("type an id for the profile (lower-case snake_case)")
            taken = {p.id for p in self._case.profiles} | set(self.saved_profiles)
            if id in taken:
                raise ValueError(f"profile id {id!r} is taken; choose another")
            weights = self.weights
            label = name if name else str(id).replace("_", " ").capitalize() or "-"
            scen = f"scenario {self.scenario}" if self.scenario else "baseline"
            profile = WeightProfile(
                id=id,
                name=label,
                weights=weights,
                holder="workshop",
                rationale=(
                    f"Weights set in the weight explorer starting from profile "
                    f"{self._start.id!r} (method {self.method}, {scen})."
                ),
            )
        except CaseError as exc:
            problem = exc.problems[0].message if exc.problems else str(exc)
            self.message.value = _error_html(f"Cannot save profile {id!r}: {problem}")
            raise
        except ValueError as exc:
            self.message.value = _error_html(f"Cannot save profile {id!r}: {exc}")
            raise
        self.saved_profiles[profile.id] = profile
        self.message.value = _note_html(
            f"Saved profile {profile.id!r} ({len(self.saved_profiles)} saved this session)."
        )
        return profile

    def case_with_saved(self) -> Case:
        """A new case with the saved profiles appended, fully re-validated."""
        updated = self._case.model_copy(
            update={"profiles": [*self._case.profiles, *self.saved_profiles.values()]}
        )
        return Case.model_validate(updated.model_dump())

    def render_chart(self) -> bytes:
        """Draw the chart for the current comparison now; returns the PNG bytes
        (empty when there is no comparison)."""
        self._set_chart(b"" if self._comparison is None else _chart_png(self._comparison))
        self._chart_stale = False
        return bytes(self.chart.value)

    # ------------------------------------------------------------ display
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        self._displayed = True
        if self._chart_stale:
            self.render_chart()
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return (
            f"WeightExplorer(case={self._case.id!r}, profile={self._start.id!r}, "
            f"method={self.method!r}, scenario={self.scenario!r}, by={self._by!r})"
        )


def explore(
    case: Case,
    profile: str | None = None,
    *,
    method: str = "wsm",
    scenario: str | None = None,
    by: str = "criterion",
    live_chart: bool = True,
) -> WeightExplorer:
    """Build a :class:`WeightExplorer` for ``case``; in Jupyter it shows itself.

    Examples
    --------
    >>> import policyopts as po
    >>> from policyopts.widgets import explore
    >>> ex = explore(po.load_case("mali"), "balanced", by="branch")
    >>> sorted(ex.sliders)[:3]
    ['cost_feasibility', 'governance', 'humanitarian']
    """
    return WeightExplorer(
        case, profile, method=method, scenario=scenario, by=by, live_chart=live_chart
    )
