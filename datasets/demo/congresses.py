"""The demo's congresses (诸城市 with its 潍坊市 and 山东省 congresses above) and Zhucheng's special
committees (专门委员会)."""

from __future__ import annotations

import datetime as dt

from datasets.demo.ids import ILLUSTRATIVE, SD, SEED, WF, ZC, committee_id
from datasets.rows import node
from graph.kernel.dataset import Dataset

D = dt.date

CONGRESSES = (
    # 诸城 is a county-level city (县级市) under 潍坊: its congress sits at county level.
    (ZC, "诸城市人民代表大会", "COUNTY", "山东省潍坊市诸城市", SEED, D(2022, 1, 1)),
    (WF, "潍坊市人民代表大会", "CITY", "山东省潍坊市", ILLUSTRATIVE, D(2022, 1, 1)),
    (SD, "山东省人民代表大会", "PROVINCIAL", "山东省", ILLUSTRATIVE, D(2023, 1, 1)),
)
LEVEL = {c[0]: c[2] for c in CONGRESSES}
TERM_START = {c[0]: c[5] for c in CONGRESSES}

# slug, name, source: Zhucheng's special committees (专门委员会).
COMMITTEES = (
    ("finance", "财政经济委员会", SEED),
    ("law", "法制委员会", ILLUSTRATIVE),
    ("edu", "教育科学文化卫生委员会", ILLUSTRATIVE),
    ("agri", "农业农村委员会", ILLUSTRATIVE),
    ("social", "社会建设委员会", ILLUSTRATIVE),
    ("urban", "城乡建设环境保护委员会", ILLUSTRATIVE),
)


def congress_part(built: Dataset) -> Dataset:
    """The congresses and committees (they need nothing built before them)."""
    congresses = [node(i, n, s, level=lv, region=r) for i, n, lv, r, s, _ in CONGRESSES]
    committees = [node(committee_id(c), n, s, kind="SPECIAL") for c, n, s in COMMITTEES]
    committee_of = [{"start": committee_id(c), "end": ZC} for c, _, _ in COMMITTEES]
    return {
        "nodes": {"Congress": congresses, "Committee": committees},
        "rels": [("COMMITTEE_OF", "Committee", "Congress", committee_of)],
    }
