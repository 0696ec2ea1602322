"""Weight profiles: a stakeholder's view of what matters, as weights or judgements."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import Annotated

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, model_validator

from policyopts.model._base import Id, Model, RuleViolations, Text

__all__ = ["AhpJudgements", "WeightProfile"]


def _check_covers(
    profile: str, expected: Collection[str], given: Collection[str], *, missing: str, extra: str
) -> None:
    """Raise a ValueError on profile ``profile`` unless ``given`` names exactly the
    ids in ``expected``; ``missing`` and ``extra`` introduce the two lists."""
    lacking = [c for c in expected if c not in given]
    unknown = [c for c in given if c not in expected]
    if lacking or unknown:
        raise ValueError(
            f"profile {profile!r}: "
            + (f"{missing} {lacking}" if lacking else "")
            + ("; " if lacking and unknown else "")
            + (f"{extra} {unknown}" if unknown else "")
        )


class AhpJudgements(Model):
    """Saaty pairwise comparisons of ``criteria``: ``matrix[i][j]`` is how much
    more important criterion i is than criterion j (1-9 and reciprocals)."""

    criteria: list[Id] = Field(min_length=2)
    matrix: list[list[float]]

    @model_validator(mode="after")
    def _shape(self) -> AhpJudgements:
        n = len(self.criteria)
        if len(self.matrix) != n or any(len(row) != n for row in self.matrix):
            raise RuleViolations(
                [(("matrix",), f"need a {n} x {n} matrix, one row and column per criterion", None)]
            )
        if len(set(self.criteria)) != n:
            raise RuleViolations([(("criteria",), "criteria repeated", self.criteria)])
        return self


_FORMS = ("weights", "swing", "ranks", "ahp", "tree")


class WeightProfile(Model):
    """A stakeholder perspective: how much each criterion matters.

    Give exactly one of

    - ``weights``: non-negative numbers by criterion id (normalised to sum 1);
    - ``swing``: swing points by criterion id (0-100; the most valued swing
      from worst to best usually gets 100);
    - ``ranks``: importance ranks by criterion id (1 = most important, ties
      allowed), turned into rank-order-centroid weights;
    - ``ahp``: a Saaty pairwise comparison matrix;
    - ``tree``: local weights in the value tree, by branch and criterion id:
      each criterion's weight within its branch and each branch's weight
      within its parent (or among the top-level branches). Global weights
      are the products along each path (Belton & Stewart 2002, sec. 5.4).
    """

    id: Id
    name: Text
    holder: str = ""
    """Who holds this view."""
    rationale: str = ""
    """Why these weights."""
    weights: dict[Id, float] | None = None
    swing: dict[Id, float] | None = None
    ranks: dict[Id, Annotated[int, Field(le=10_000)]] | None = None
    ahp: AhpJudgements | None = None
    tree: dict[Id, float] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> WeightProfile:
        given = [f for f in _FORMS if getattr(self, f) is not None]
        if len(given) != 1:
            raise RuleViolations(
                [
                    (
                        (),
                        "give exactly one of weights, swing, ranks, ahp, tree"
                        + (f" (got {', '.join(given)})" if given else ""),
                        None,
                    )
                ]
            )
        problems: list[tuple[tuple[str | int, ...], str, object]] = []
        form = given[0]
        if form in ("weights", "swing", "tree"):
            values: dict[str, float] = getattr(self, form)
            for cid, w in values.items():
                if w < 0:
                    problems.append(((form, cid), "weights must be non-negative", w))
            if values and all(w == 0 for w in values.values()):
                problems.append(((form,), "weights are all zero", 0))
            elif values and not math.isfinite(sum(values.values())):
                problems.append(
                    ((form,), "weights too large: their sum is not finite", max(values.values()))
                )
            if form == "swing":
                for cid, w in values.items():
                    if w > 100:
                        problems.append(((form, cid), "swing points run from 0 to 100", w))
        elif form == "ranks" and self.ranks is not None:
            for cid, r in self.ranks.items():
                if r < 1:
                    problems.append((("ranks", cid), "ranks start at 1 (most important)", r))
        if problems:
            raise RuleViolations(problems)
        return self

    @property
    def form(self) -> str:
        """Which of weights, swing, ranks, ahp the profile uses."""
        return next(f for f in _FORMS if getattr(self, f) is not None)

    @property
    def criteria(self) -> list[str]:
        """The criterion (or, for ``tree``, node) ids the profile speaks about."""
        if self.ahp is not None:
            return list(self.ahp.criteria)
        mapping: dict[str, float] | dict[str, int] = getattr(self, self.form)
        return list(mapping)

    def resolve(
        self,
        criterion_ids: Sequence[str],
        parents: Mapping[str, str | None] | None = None,
    ) -> NDArray[np.float64]:
        """Normalised weights in the order of ``criterion_ids`` (sum 1).

        ``parents`` maps every node of the value tree (criteria and branches)
        to its parent; it is needed for the ``tree`` form only.

        Raises
        ------
        ValueError
            If the profile does not cover exactly those criteria (or, for the
            ``tree`` form, exactly the nodes of the value tree).
        """
        from policyopts import weights as w

        if self.tree is not None:
            return self._resolve_tree(criterion_ids, parents or {})
        _check_covers(
            self.id, criterion_ids, self.criteria, missing="no weight for", extra="unknown criteria"
        )
        if self.ahp is not None:
            order = [self.ahp.criteria.index(c) for c in criterion_ids]
            mat = np.asarray(self.ahp.matrix, dtype=np.float64)[np.ix_(order, order)]
            return w.ahp(mat).weights
        if self.ranks is not None:
            return w.roc(np.array([self.ranks[c] for c in criterion_ids])).weights
        if self.swing is not None:
            return w.swing(np.array([self.swing[c] for c in criterion_ids])).weights
        assert self.weights is not None
        return w.direct(np.array([self.weights[c] for c in criterion_ids])).weights

    def _resolve_tree(
        self, criterion_ids: Sequence[str], parents: Mapping[str, str | None]
    ) -> NDArray[np.float64]:
        from policyopts import weights as w

        assert self.tree is not None
        nodes = {c: parents.get(c) for c in criterion_ids}
        pending = [p for p in nodes.values() if p is not None]
        while pending:
            node = pending.pop()
            if node not in nodes:
                nodes[node] = parents.get(node)
                if nodes[node] is not None:
                    pending.append(str(nodes[node]))
        _check_covers(
            self.id, nodes, self.tree, missing="no local weight for", extra="not in the value tree:"
        )
        glob = w.hierarchical(dict(self.tree), nodes)
        inner = [c for c in criterion_ids if c not in glob]
        if inner:
            raise ValueError(f"profile {self.id!r}: criteria {inner} are not leaves of the tree")
        return np.array([glob[c] for c in criterion_ids], dtype=np.float64)
