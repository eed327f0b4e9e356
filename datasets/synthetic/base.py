"""Synthetic provinces for load and query testing: deterministic, realistic in shape, fake.

`synthetic_dataset(deputies=N, seed=S)` invents one province with five levels of congresses:
the national congress (which some provincial deputies also sit in), the provincial congress,
its cities, their counties and each county's townships. Deputies are shared out roughly in the
proportions of real congresses (a county congress is about half the size of its city's, a
township's a fifth of its county's); some deputies also sit one level up. Provincial, city and
county congresses have special committees; city and county congresses have 9-18 professional
deputy groups (fewer when the congress is tiny), each with exactly one convener, most paired
with an industry alliance and liaised by one or two committees, a few deliberately not. There are
about N/2 enterprises with well-formed USCCs; enterprise deputies work at one in their group's
industry.

Everything is `source="synthetic"` except the Industry nodes: they are the demo's GB/T 4754 tree
(same ids and codes, `datasets.demo.industries.industry_tree`), shared reference data, so
loading the demo and a synthetic province into one graph leaves one industry tree. Place names
are made up from syllable tables and the USCCs use region codes under the unassigned province
code 39, so nothing can be mistaken for, or collide with, a real or demo record. Ids start with
`s{seed}-`.

The output streams: one chunk for the province, then one per city and one per county (with its
townships), so 100,000 deputies never sit in memory at once. Random draws come from one
`random.Random(seed)` in a fixed order, so a seed always gives the same province.

The word lists are datasets/synthetic/tables.py, the tree of congresses
datasets/synthetic/plan.py; this module draws the rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from datasets.demo.industries import INDUSTRIES, industry_tree
from datasets.rows import Chunk, make_uscc, node
from datasets.synthetic.plan import Congress, plan_province
from datasets.synthetic.tables import (
    ALSO_HIGHER,
    BRANDS,
    CATEGORIES,
    CATEGORY_WEIGHTS,
    COMMITTEE_NAMES,
    COMMITTEES_PER_LEVEL,
    EXPERTISE,
    GIVEN_FEMALE,
    GIVEN_MALE,
    LEAVES,
    PARENT_LEVEL,
    PROVINCE_ALLIANCE_THEMES,
    SUFFIXES,
    SURNAMES,
    TERM_START,
    THEME_CODES,
    THEME_LEAVES,
    THEME_NAMES,
    THEMES,
    TRADE_WORDS,
)
from graph.kernel.dataset import ChunkStream, Dataset

SOURCE = "synthetic"
D = dt.date

_SORTED_LEAVES = tuple(sorted(LEAVES))


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


@dataclass
class _Deputy:
    id: str
    category: str
    theme: str | None = None  # the theme of the deputy's group, if any


class _Generator:
    """All random draws, in a fixed order, from one Random(seed)."""

    def __init__(self, deputies: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.prefix = f"s{seed}-"
        self.national, self.province = plan_province(deputies, self.prefix, self.rng)
        self.deputy_serial = 0
        self.enterprise_serial = 0
        self.province_alliances: dict[str, str] = {}  # theme → alliance id
        self._surnames = [s for s, _ in SURNAMES]
        self._surname_weights = [w for _, w in SURNAMES]

    def chunks(self) -> Iterator[Dataset]:
        first = Chunk()
        first.nodes["Industry"] = industry_tree()["nodes"]["Industry"]
        first.rels[("PART_OF", "Industry", "Industry")] = industry_tree()["rels"][0][3]
        first.node(
            "Congress",
            node(
                self.national.id,
                self.national.name,
                SOURCE,
                level="NATIONAL",
                region=self.national.region,
            ),
        )
        for theme in PROVINCE_ALLIANCE_THEMES:
            alliance = f"{self.province.id}-alliance-{theme}"
            self._alliance(first, alliance, theme, self.province.place)
            self.province_alliances[theme] = alliance
        self._congress(first, self.province, [])
        yield first.dataset()
        for city in self.province.children:
            chunk = Chunk()
            self._congress(chunk, city, [])
            yield chunk.dataset()
            for county in city.children:
                chunk = Chunk()
                self._congress(chunk, county, county.children)
                yield chunk.dataset()

    # one congress (with its townships, for a county)

    def _congress(self, chunk: Chunk, congress: Congress, townships: Sequence[Congress]) -> None:
        for c in (congress, *townships):
            chunk.node("Congress", node(c.id, c.name, SOURCE, level=c.level, region=c.region))
        deputies = self._deputies(chunk, congress)
        committees = self._committees(chunk, congress)
        self._seat(chunk, committees, deputies)
        themes: list[str] = []
        if congress.level in ("CITY", "COUNTY"):
            themes = self._groups(chunk, congress, committees, deputies)
        for township in townships:
            deputies += self._deputies(chunk, township)
        enterprises = self._enterprises(chunk, congress, round(len(deputies) / 2), themes)
        self._works_at(chunk, deputies, enterprises)
        self._alliance_members(chunk, congress, themes, enterprises)

    def _deputies(self, chunk: Chunk, congress: Congress) -> list[_Deputy]:
        """The congress's own deputies; some also sit one level up."""
        rng = self.rng
        out = []
        for _ in range(congress.deputies):
            self.deputy_serial += 1
            deputy = _Deputy(
                f"{self.prefix}dep-{self.deputy_serial:07d}",
                rng.choices(CATEGORIES, CATEGORY_WEIGHTS[congress.level])[0],
            )
            gender = "FEMALE" if rng.random() < 0.28 else "MALE"
            chunk.node(
                "Deputy",
                node(
                    deputy.id,
                    self._person(gender),
                    SOURCE,
                    gender=gender,
                    category=deputy.category,
                    expertise=rng.choice(EXPERTISE[deputy.category]),
                ),
            )
            level = congress.level
            chunk.rel(
                "DEPUTY_OF",
                "Deputy",
                "Congress",
                deputy.id,
                congress.id,
                level=level,
                since=TERM_START[level],
            )
            if congress.parent and rng.random() < ALSO_HIGHER[level]:
                up = PARENT_LEVEL[level]
                chunk.rel(
                    "DEPUTY_OF",
                    "Deputy",
                    "Congress",
                    deputy.id,
                    congress.parent,
                    level=up,
                    since=TERM_START[up],
                )
            out.append(deputy)
        return out

    def _person(self, gender: str) -> str:
        rng = self.rng
        surname = rng.choices(self._surnames, self._surname_weights)[0]
        pool = GIVEN_MALE if gender == "MALE" else GIVEN_FEMALE
        return surname + rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")

    def _committees(self, chunk: Chunk, congress: Congress) -> list[str]:
        ids = []
        for slug, name in COMMITTEE_NAMES[: COMMITTEES_PER_LEVEL.get(congress.level, 0)]:
            committee = f"{congress.id}-cmte-{slug}"
            chunk.node("Committee", node(committee, name, SOURCE, kind="SPECIAL"))
            chunk.rel("COMMITTEE_OF", "Committee", "Congress", committee, congress.id)
            ids.append(committee)
        return ids

    def _seat(self, chunk: Chunk, committees: Sequence[str], deputies: Sequence[_Deputy]) -> None:
        """Seat deputies on committees; each seated deputy contacts a few others (the first
        link, 常委会组成人员联系代表)."""
        rng = self.rng
        if not deputies:
            return
        everyone = [d.id for d in deputies]
        pool = [d.id for d in deputies if d.category in ("PARTY_GOVERNMENT", "PROFESSIONAL")]
        pool = pool or everyone
        # A deputy on two committees may draw the same contact twice; emit each pair once.
        contacts: set[tuple[str, str]] = set()
        for committee in committees:
            for deputy in rng.sample(pool, min(len(pool), rng.randint(3, 7))):
                chunk.rel("SITS_ON", "Deputy", "Committee", deputy, committee)
                for other in rng.sample(everyone, min(len(everyone), rng.randint(0, 3))):
                    if other != deputy and (deputy, other) not in contacts:
                        contacts.add((deputy, other))
                        chunk.rel("CONTACTS", "Deputy", "Deputy", deputy, other)

    def _alliance(self, chunk: Chunk, alliance: str, theme: str, place: str) -> None:
        chunk.node(
            "Alliance", node(alliance, f"{place}{THEME_NAMES[theme]}产业联盟", SOURCE, scope=place)
        )
        for code in THEME_CODES[theme]:
            chunk.rel("IN_INDUSTRY", "Alliance", "Industry", alliance, f"ind-{code}")

    def _groups(
        self,
        chunk: Chunk,
        congress: Congress,
        committees: Sequence[str],
        deputies: Sequence[_Deputy],
    ) -> list[str]:
        """Groups (9-18, at most one per three deputies), each with one convener, most with an
        alliance and a liaising committee; returns the groups' themes."""
        rng = self.rng
        if not deputies:
            return []
        count = min(rng.randint(9, 18), max(1, len(deputies) // 3))
        themes = [slug for slug, _, _ in rng.sample(THEMES, count)]
        since = (D(2022, 3, 1), D(2024, 6, 30))
        group_ids = []
        for theme in themes:
            group = f"{congress.id}-group-{theme}"
            group_ids.append(group)
            chunk.node("DeputyGroup", node(group, f"{THEME_NAMES[theme]}专业代表小组", SOURCE))
            chunk.rel("GROUP_OF", "DeputyGroup", "Congress", group, congress.id)
            for code in THEME_CODES[theme]:
                chunk.rel("IN_INDUSTRY", "DeputyGroup", "Industry", group, f"ind-{code}")
            # Mostly one liaising committee, some two, a few none (coverage gaps).
            liaisons = rng.choices((0, 1, 2), (6, 80, 14))[0]
            for committee in rng.sample(list(committees), min(liaisons, len(committees))):
                chunk.rel(
                    "LIAISES_WITH",
                    "Committee",
                    "DeputyGroup",
                    committee,
                    group,
                    since=_date(rng, *since),
                )
            if rng.random() < 0.85:
                alliance = f"{congress.id}-alliance-{theme}"
                self._alliance(chunk, alliance, theme, congress.place)
                chunk.rel(
                    "PARTNERS_WITH",
                    "DeputyGroup",
                    "Alliance",
                    group,
                    alliance,
                    since=_date(rng, *since),
                )
            if theme in self.province_alliances:
                chunk.rel(
                    "PARTNERS_WITH",
                    "DeputyGroup",
                    "Alliance",
                    group,
                    self.province_alliances[theme],
                    since=_date(rng, *since),
                )
        others = [slug for slug, _, _ in THEMES if slug not in themes]
        if others and rng.random() < 0.5:
            # An alliance that no group partners with (a coverage gap).
            theme = rng.choice(others)
            self._alliance(chunk, f"{congress.id}-alliance-{theme}", theme, congress.place)
        # About 85 % of the deputies join one group each; each group's first member convenes.
        joiners = [d for d in deputies if rng.random() < 0.85]
        if len(joiners) < count:
            joiners = list(deputies)
        rng.shuffle(joiners)
        for i, deputy in enumerate(joiners):
            g = i if i < count else rng.randrange(count)
            deputy.theme = themes[g]
            chunk.rel(
                "GROUP_MEMBER",
                "Deputy",
                "DeputyGroup",
                deputy.id,
                group_ids[g],
                role="CONVENER" if i < count else "MEMBER",
            )
        return themes

    def _enterprises(
        self, chunk: Chunk, congress: Congress, count: int, themes: Sequence[str]
    ) -> list[tuple[str, str]]:
        """`count` enterprises registered in the congress's region, three in four in the
        industries of its groups; returns (id, industry code) pairs."""
        rng = self.rng
        out = []
        for _ in range(count):
            self.enterprise_serial += 1
            enterprise = f"{self.prefix}ent-{self.enterprise_serial:07d}"
            if themes and rng.random() < 0.75:
                code = rng.choice(THEME_LEAVES[rng.choice(themes)])
            else:
                code = rng.choice(_SORTED_LEAVES)
            # Serials offset by the seed keep USCCs distinct across synthetic provinces too.
            uscc = make_uscc(congress.code, self.seed * 1_000_003 + self.enterprise_serial)
            chunk.node(
                "Enterprise", node(enterprise, self._firm(congress.place, code), SOURCE, uscc=uscc)
            )
            chunk.rel("IN_INDUSTRY", "Enterprise", "Industry", enterprise, f"ind-{code}")
            out.append((enterprise, code))
        return out

    def _firm(self, place: str, code: str) -> str:
        rng = self.rng
        words = next(w for prefix, w in TRADE_WORDS if code.startswith(prefix))
        brand = rng.choice(BRANDS) + rng.choice(BRANDS)
        suffix = rng.choices([s for s, _ in SUFFIXES], [w for _, w in SUFFIXES])[0]
        return f"{place}{brand}{rng.choice(words)}{suffix}"

    def _works_at(
        self, chunk: Chunk, deputies: Sequence[_Deputy], enterprises: Sequence[tuple[str, str]]
    ) -> None:
        """Enterprise deputies work at a firm in their group's industry when there is one."""
        rng = self.rng
        if not enterprises:
            return
        by_theme: dict[str, list[str]] = {}
        for enterprise, code in enterprises:
            for theme, leaves in THEME_LEAVES.items():
                if code in leaves:
                    by_theme.setdefault(theme, []).append(enterprise)
        for deputy in deputies:
            if deputy.category != "ENTERPRISE":
                continue
            pool = by_theme.get(deputy.theme or "") or [e for e, _ in enterprises]
            chunk.rel("WORKS_AT", "Deputy", "Enterprise", deputy.id, rng.choice(pool))

    def _alliance_members(
        self,
        chunk: Chunk,
        congress: Congress,
        themes: Sequence[str],
        enterprises: Sequence[tuple[str, str]],
    ) -> None:
        """Three in five firms in a local alliance's industry join it; one in ten in a
        province-wide alliance's industry joins that."""
        rng = self.rng
        local_ids = {row["id"] for row in chunk.nodes.get("Alliance", [])}
        since = (D(2022, 6, 1), D(2024, 12, 31))
        for enterprise, code in enterprises:
            for theme, leaves in THEME_LEAVES.items():
                if code not in leaves:
                    continue
                alliance = f"{congress.id}-alliance-{theme}"
                if alliance in local_ids and rng.random() < 0.6:
                    chunk.rel(
                        "ALLIANCE_MEMBER",
                        "Enterprise",
                        "Alliance",
                        enterprise,
                        alliance,
                        since=_date(rng, *since),
                    )
                # (For the province's own firms the wide alliance is the local one.)
                wide = self.province_alliances.get(theme)
                if wide is not None and wide != alliance and rng.random() < 0.1:
                    chunk.rel(
                        "ALLIANCE_MEMBER",
                        "Enterprise",
                        "Alliance",
                        enterprise,
                        wide,
                        since=_date(rng, *since),
                    )


# Rows per deputy in a generated province (measured over seeds; used only for progress).
ROWS_PER_DEPUTY = 4.6


def synthetic_dataset(deputies: int, seed: int) -> ChunkStream:
    """A deterministic synthetic province with `deputies` deputies, as a stream of chunks."""
    if deputies < 1:
        raise ValueError("deputies must be at least 1")
    estimate = int(deputies * ROWS_PER_DEPUTY) + 2 * len(INDUSTRIES)
    return ChunkStream(_Generator(deputies, seed).chunks(), estimated_rows=estimate)
