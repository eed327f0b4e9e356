"""The demo's id scheme and provenance marks, shared by its parts: a part refers to the nodes of
the parts before it by these ids."""

from __future__ import annotations

SEED = "seed"
ILLUSTRATIVE = "illustrative"

ZC = "zc-congress"
WF = "wf-congress"
SD = "sd-congress"
PREPARED_FOOD_ALLIANCE = "sd-alliance-prepared-food"


def industry_id(code: str) -> str:
    return f"ind-{code}"


def committee_id(slug: str) -> str:
    return f"zc-cmte-{slug}"


def group_id(slug: str) -> str:
    return f"zc-group-{slug}"


def alliance_id(slug: str) -> str:
    return f"zc-alliance-{slug}"


def deputy_id(slug: str) -> str:
    return f"zc-dep-{slug}"


def enterprise_id(slug: str) -> str:
    return f"zc-ent-{slug}"
