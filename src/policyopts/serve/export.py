"""Export a workshop: the participants' and the group's weights as profiles of the case."""

from __future__ import annotations

import re
from collections.abc import Sequence

import policyopts as po
from policyopts.model import Case, WeightProfile
from policyopts.serve.store import Record, records_frame

__all__ = ["GROUP_PROFILE", "case_with_profiles", "profile_id"]

#: Id of the group's profile in an exported case (a suffix is added if the case uses it).
GROUP_PROFILE = "workshop_group"
_ID_MAX = 64


def profile_id(name: str, taken: set[str]) -> str:
    """A profile id for a participant's name: lower-case snake_case, unique in ``taken``.

    >>> profile_id("Ana María", set())
    'participant_ana_mar_a'
    >>> profile_id("x", {"participant_x"})
    'participant_x_2'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "anonymous"
    base = f"participant_{slug}"[: _ID_MAX - 4].rstrip("_")
    return _unique(base, taken)


def _unique(base: str, taken: set[str]) -> str:
    ident, k = base, 2
    while ident in taken:
        ident, k = f"{base}_{k}", k + 1
    return ident


def case_with_profiles(
    case: Case, records: Sequence[Record], *, aggregation: str = "arithmetic"
) -> tuple[Case, str]:
    """A copy of ``case`` with the group's profile and one profile per participant.

    Swing answers are kept as swing points and direct weights as weights, so
    the profiles are the participants' answers as given (nothing rounded).
    The group's profile holds the weights :func:`policyopts.aggregate` gives.
    The new case is validated as a whole.

    Parameters
    ----------
    case : Case
    records : sequence of Record
        The participants' answers (at least one).
    aggregation : {"arithmetic", "geometric"}
        How the group's weights are formed.

    Returns
    -------
    case : Case
        The validated copy.
    group_id : str
        The id of the group's profile in it.
    """
    if not records:
        raise ValueError("records: no participants yet, nothing to export")
    parts = po.read_participants(records_frame(case.criterion_ids, records), criteria=case)
    group = po.aggregate(parts, method=aggregation)
    taken = {p.id for p in case.profiles}
    group_id = _unique(GROUP_PROFILE, taken)
    taken.add(group_id)
    profiles: list[WeightProfile] = [
        WeightProfile(
            id=group_id,
            name="Workshop group",
            holder="workshop",
            rationale=(
                f"{aggregation.capitalize()} mean of the normalised weights of "
                f"{len(records)} participant{'s' if len(records) != 1 else ''} "
                "(policyopts serve)."
            ),
            weights={str(c): float(w) for c, w in group.items()},
        )
    ]
    for r in records:
        pid = profile_id(r.name, taken)
        taken.add(pid)
        form = {"swing": dict(r.values)} if r.kind == "swing" else {"weights": dict(r.values)}
        profiles.append(
            WeightProfile(
                id=pid,
                name=r.name,
                holder=r.name,
                rationale=f"Given in the workshop ({r.kind}, {r.updated}).",
                **form,
            )
        )
    updated = case.model_copy(update={"profiles": [*case.profiles, *profiles]})
    return Case.model_validate(updated.model_dump()), group_id
