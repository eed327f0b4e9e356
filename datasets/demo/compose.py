"""The demo dataset: Zhucheng (诸城市, Shandong) and its "third link" (第三联).

Provenance. The seed (a 2025 newspaper page, `seeds/000_4669cc66e39b538c.txt` in shared/; see
DOMAIN.md; its 诸城 article is kept verbatim in datasets/demo/seed_zhucheng.txt, which the tests
check the demo against) says, and the rows below marked `source="seed"` carry:
- 诸城市人民代表大会 and its 财政经济委员会, which liaises with the 生物医药 group;
- 18 professional deputy groups, seven of them named: 汽车, 服装纺织, 智能装备, 生物医药,
  文旅融合, 预制菜, 茶产业 (their descriptions are the seed's sentences about them, verbatim);
  the seed credits 生物医药 with making 诸城 China's largest corn-starch deep-processing base, so
  that group covers corn starch (C1391) besides pharmaceuticals (C27);
- 刘淑刚 (she), convener of 文旅融合, who built the 竹山 eco-tourism area; 郑思敏 and 李盛林 in
  预制菜; 郑洪霞 in 智能装备, whose company makes ultra-high-strength bead wire sold to 36
  countries (that fact is in her `expertise`; the company's name and USCC are illustrative, its
  industry, metal wire products, is among her group's);
- 山东预制菜产业联盟, on which the 预制菜 group relies;
- the 2024 work: 89 inspections and research trips, 650+ suggestions, 11 of them from the
  automotive group's inspection (datasets/demo/trips.py, datasets/demo/proposals.py).
Everything else is `source="illustrative"`: the 11 unnamed groups (chosen to fit Zhucheng's
economy: food processing, food and farm machinery, meat processing ...), the other committees,
潍坊市/山东省 congresses, alliances, enterprises (invented names; USCCs with Zhucheng's region
code 370782 and valid check characters), the other deputies (invented names) and every
relationship the seed does not state, including the seed deputies' categories and employers and
the convener roles of 郑思敏 (预制菜) and 郑洪霞 (智能装备): where the seed names who leads a
group's work, no invented deputy ranks above them. Industry nodes are the real GB/T 4754-2017
codes and names; the classification is not in the seed, so they are `illustrative` too. Term
and liaison dates are approximate. Zhucheng is a county-level city (县级市) under 潍坊: the seed
calls its congress 市人大, and the model files it under COUNTY (县级), 潍坊's under CITY.

Deliberate coverage gaps, so coverage queries have something to find:
- groups with no committee liaison: 物流 (G: transport and storage) and 电子信息 (C39) — their
  industries have deputies and enterprises but no committee reaches them;
- a group without an alliance: 商贸服务;
- an alliance without a group: 诸城市跨境电商产业联盟;
- a group without a convener: 建筑建材.

The dataset is composed from parts, in the order of `PARTS`: each part is a function that takes
the dataset built so far (the rows of the parts before it) and returns the rows it adds. The
liaison parts (industries, congresses, groups and alliances, deputies, enterprises) refer to one
another through the ids of datasets/demo/ids.py; the 2024 trips and suggestions read what they
need (groups, members, committees, enterprises, trips) from the dataset built before them.

Beside 诸城, the seed's reception and campaign articles (仪征市马集镇's "移动会客厅", a
庆阳 station, 安庆's "新春访代表、助企解难题") come last: their places (datasets/demo/cities.py),
receptions with bookings and issues (receptions.py) and campaigns (campaigns.py); their seed
lines are kept in datasets/demo/seed_receptions.txt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from datasets.demo.campaigns import campaigns_part
from datasets.demo.cities import cities_part
from datasets.demo.congresses import congress_part
from datasets.demo.deputies import deputy_part
from datasets.demo.enterprises import enterprise_part
from datasets.demo.groups import alliance_part, group_part
from datasets.demo.handling import handling_part
from datasets.demo.industries import industry_part
from datasets.demo.proposals import proposals_part
from datasets.demo.receptions import receptions_part
from datasets.demo.trips import trips_part
from graph.kernel.dataset import Dataset, merge

Part = Callable[[Dataset], Dataset]

PARTS: tuple[Part, ...] = (
    industry_part,
    congress_part,
    group_part,
    alliance_part,
    deputy_part,
    enterprise_part,
    trips_part,
    proposals_part,
    handling_part,
    cities_part,
    receptions_part,
    campaigns_part,
)


def build(parts: Sequence[Part] = PARTS) -> Dataset:
    """The dataset the `parts` make, each given the rows of the parts before it."""
    built: Dataset = {"nodes": {}, "rels": []}
    for part in parts:
        built = merge(built, part(built))
    return built


def demo_dataset() -> Dataset:
    """The Zhucheng demo, freshly built (callers may mutate it)."""
    return build()


def rows_of(part: Part) -> Dataset:
    """The rows `part` adds to the demo built by the parts before it in `PARTS`."""
    return part(build(PARTS[: PARTS.index(part)]))


def demo_trips() -> Dataset:
    """The demo's 2024 trips on their own (the rows `trips_part` adds)."""
    return rows_of(trips_part)


def demo_proposals() -> Dataset:
    """The demo's 2024 suggestions on their own (the rows `proposals_part` adds)."""
    return rows_of(proposals_part)
