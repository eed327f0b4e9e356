"""The plan of a synthetic province: its tree of congresses (national, provincial, cities,
counties, townships) with made-up place names and region codes, and how many deputies each
congress has."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from datasets.synthetic.tables import PLACE_FIRST, PLACE_SECOND, PROVINCE_REGION, WEIGHT


@dataclass
class Congress:
    id: str
    name: str
    level: str
    place: str  # its own place name, e.g. 青川市
    region: str  # the path of place names, e.g. 云岭省青川市
    code: str  # six-digit region code, for USCCs
    parent: str | None
    deputies: int = 0
    children: list[Congress] = field(default_factory=list)

    def walk(self) -> Iterator[Congress]:
        yield self
        for child in self.children:
            yield from child.walk()


def share(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder, ties to the first)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def place_name(rng: random.Random, taken: set[str], suffix: str) -> str:
    """A new place name: two syllables while they last (about 1,400), then three, so a
    province of any size terminates."""
    attempts = 0
    while True:
        attempts += 1
        middle = rng.choice(PLACE_FIRST) if attempts > 20 else ""
        name = rng.choice(PLACE_FIRST) + middle + rng.choice(PLACE_SECOND)
        if name not in taken:
            taken.add(name)
            return name + suffix


def plan_province(deputies: int, prefix: str, rng: random.Random) -> tuple[Congress, Congress]:
    """The national and provincial congresses, the province's tree of congresses below, and
    how many deputies each congress has (summing to `deputies`)."""
    taken: set[str] = set()
    pname = place_name(rng, taken, "省")
    national = Congress(
        f"{prefix}congress-n", "全国人民代表大会", "NATIONAL", "全国", "中国", "", None
    )
    province = Congress(
        f"{prefix}congress-p",
        f"{pname}人民代表大会",
        "PROVINCIAL",
        pname,
        pname,
        f"{PROVINCE_REGION}0000",
        national.id,
    )
    # About 450 deputies per county (its own and its townships'); about seven counties a city.
    counties = max(2, round(deputies / 450))
    cities = max(1, min(99, round(counties / 7)))
    for ci, county_count in enumerate(share(counties, [1] * cities), start=1):
        cname = place_name(rng, taken, "市")
        city = Congress(
            f"{province.id}-c{ci}",
            f"{cname}人民代表大会",
            "CITY",
            cname,
            pname + cname,
            f"{PROVINCE_REGION}{ci:02d}00",
            province.id,
        )
        province.children.append(city)
        for ki in range(1, min(99, county_count) + 1):
            kname = place_name(rng, taken, rng.choice("县县县市区"))
            county = Congress(
                f"{city.id}-k{ki}",
                f"{kname}人民代表大会",
                "COUNTY",
                kname,
                city.region + kname,
                f"{PROVINCE_REGION}{ci:02d}{ki:02d}",
                city.id,
            )
            city.children.append(county)
            for ti in range(1, rng.randint(4, 8) + 1):
                tname = place_name(rng, taken, rng.choice(("镇", "镇", "乡")))
                county.children.append(
                    Congress(
                        f"{county.id}-t{ti}",
                        f"{tname}人民代表大会",
                        "TOWNSHIP",
                        tname,
                        county.region + tname,
                        county.code,
                        county.id,
                    )
                )
    everyone = list(province.walk())
    shares = share(deputies, [WEIGHT[c.level] for c in everyone])
    for congress, n in zip(everyone, shares, strict=True):
        congress.deputies = n
    return national, province
