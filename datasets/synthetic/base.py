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
(same ids and codes, `graph.demo.industry_part`), shared reference data, so loading the demo and a
synthetic province into one graph leaves one industry tree. Place names are made up from
syllable tables and the USCCs use region codes under the unassigned province code 39, so nothing
can be mistaken for, or collide with, a real or demo record. Ids start with `s{seed}-`.

The output streams: one chunk for the province, then one per city and one per county (with its
townships), so 100,000 deputies never sit in memory at once. Random draws come from one
`random.Random(seed)` in a fixed order, so a seed always gives the same province.

Size: over 400 lines because it still holds several jobs of its domain in one file; the
split into one package per domain with modules by job is the "one home per domain" issue's
work, kept out of the hardening change so that its diff stays reviewable.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from datasets.demo.base import INDUSTRIES, industry_part, make_uscc
from graph.kernel.loading import ChunkStream, Dataset, Row

SOURCE = "synthetic"
D = dt.date

# --- vocabulary ---------------------------------------------------------------------------

# Common surnames, most frequent first, with rough weights (per mille of the population).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72),
    ("李", 71),
    ("张", 69),
    ("刘", 54),
    ("陈", 45),
    ("杨", 31),
    ("赵", 23),
    ("黄", 22),
    ("周", 21),
    ("吴", 20),
    ("徐", 17),
    ("孙", 16),
    ("胡", 13),
    ("朱", 13),
    ("高", 13),
    ("林", 12),
    ("何", 12),
    ("郭", 12),
    ("马", 12),
    ("罗", 9),
    ("梁", 9),
    ("宋", 8),
    ("郑", 8),
    ("谢", 7),
    ("韩", 7),
    ("唐", 7),
    ("冯", 7),
    ("于", 6),
    ("董", 6),
    ("萧", 6),
    ("程", 6),
    ("曹", 6),
    ("袁", 5),
    ("邓", 5),
    ("许", 5),
    ("傅", 5),
    ("沈", 5),
    ("曾", 5),
    ("彭", 5),
    ("吕", 5),
    ("苏", 4),
    ("卢", 4),
    ("蒋", 4),
    ("蔡", 4),
    ("贾", 4),
    ("丁", 4),
    ("魏", 4),
    ("薛", 4),
    ("叶", 4),
    ("阎", 3),
    ("余", 3),
    ("潘", 3),
    ("杜", 3),
    ("戴", 3),
    ("夏", 3),
    ("钟", 3),
    ("汪", 3),
    ("田", 3),
    ("任", 3),
    ("姜", 3),
    ("范", 3),
    ("方", 3),
    ("石", 3),
    ("姚", 3),
    ("谭", 3),
    ("廖", 2),
    ("邹", 2),
    ("熊", 2),
    ("金", 2),
    ("陆", 2),
    ("郝", 2),
    ("孔", 2),
    ("白", 2),
    ("崔", 2),
    ("康", 2),
    ("毛", 2),
    ("邱", 2),
    ("秦", 2),
    ("江", 2),
    ("史", 2),
    ("顾", 2),
    ("侯", 2),
    ("邵", 2),
    ("孟", 2),
    ("龙", 2),
    ("万", 2),
    ("段", 2),
    ("臧", 1),
    ("管", 1),
    ("隋", 1),
    ("葛", 1),
    ("欧阳", 1),
    ("司马", 1),
)
# Characters common in given names (one or two of them make a given name).
GIVEN_MALE = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利"
    "清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和博诚先敬震振壮会思群豪心邦承乐绍功松"
    "善厚庆磊民友裕河哲江超浩亮政谦亨奇之翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家致"
    "树德行泰盛雄琛钧冠策腾楠风航弘"
)
GIVEN_FEMALE = (
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞香月媛"
    "艳瑞佳嘉琼勤珍贞莉桂叶璐娅琦晶妍茜秋珊莎锦青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦"
    "岚苑婕馨韵园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣育滢馥筠柔竹凝晓欢枫芸菲伊亚宜可舒影丽阳"
    "妮宝雯萱彦宇雨曼紫逸贤蝶菡"
)

PLACE_FIRST = "东西南北青清云河山平安永长宁兴华新阳临泰丰昌嘉德福金玉龙凤石桃杨柳松梅白黄红源广"
PLACE_SECOND = "川阳宁州源泽江林山城口水平安海湖溪原丘陵峰岭河桥台关坪塘湾浦庄集店屯营堡"

# Group themes: slug, name (in "…专业代表小组"), GB/T 4754 codes (all in the demo tree).
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("auto", "汽车", ("C36",)),
    ("textile", "服装纺织", ("C17", "C18")),
    ("smart-equipment", "智能装备", ("C35", "C3491")),
    ("biomedicine", "生物医药", ("C27",)),
    ("culture-tourism", "文旅融合", ("R903", "N786")),
    ("prepared-food", "预制菜", ("C1432",)),
    ("tea", "茶产业", ("C1530", "A0164")),
    ("food", "食品加工", ("C13", "C14")),
    ("corn-starch", "玉米淀粉深加工", ("C1391",)),
    ("machinery", "机械装备", ("C34", "C33")),
    ("new-energy", "新能源", ("D441", "C384")),
    ("modern-agriculture", "现代农业", ("A01",)),
    ("livestock", "畜牧", ("A03",)),
    ("logistics", "物流", ("G54", "G59")),
    ("building", "建筑建材", ("E47", "C30")),
    ("electronics", "电子信息", ("C39",)),
    ("chemicals", "化工新材料", ("C26",)),
    ("commerce", "商贸服务", ("F51", "F52")),
    ("ecommerce", "电子商务", ("F5292",)),
    ("catering", "餐饮服务", ("H62",)),
    ("construction", "基础设施建设", ("E48",)),
    ("metal", "金属制品", ("C33",)),
)

# Leaf codes of each theme, for an enterprise's own (most specific) industry.
_LEAVES = {code for code, _ in INDUSTRIES} - {code[:-1] for code, _ in INDUSTRIES if len(code) > 1}


def _leaves_under(codes: Sequence[str]) -> tuple[str, ...]:
    found = sorted({leaf for leaf in _LEAVES for c in codes if leaf.startswith(c)})
    return tuple(found) or tuple(codes)


THEME_LEAVES = {slug: _leaves_under(codes) for slug, _, codes in THEMES}

# Word in an enterprise name for its industry section/division (first match wins).
TRADE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("C36", ("汽车零部件", "汽车", "车桥", "专用汽车")),
    ("C17", ("纺织", "棉纺")),
    ("C18", ("服饰", "服装", "针织")),
    ("C27", ("生物科技", "药业", "制药")),
    ("C13", ("食品", "肉制品", "淀粉")),
    ("C14", ("食品", "速冻食品", "调味品")),
    ("C15", ("茶业", "茶叶")),
    ("C26", ("化工", "新材料")),
    ("C30", ("建材", "水泥制品")),
    ("C33", ("金属制品", "铸造")),
    ("C34", ("机械", "泵业", "机器人")),
    ("C35", ("机械", "装备", "食品机械")),
    ("C38", ("电气", "新能源科技", "电池")),
    ("C39", ("电子", "电子科技")),
    ("A01", ("农业科技", "农业开发", "果蔬")),
    ("A03", ("牧业", "养殖")),
    ("D", ("新能源", "光伏电力", "风电")),
    ("E", ("建筑工程", "建设")),
    ("F52", ("电子商务", "商贸")),
    ("F", ("商贸", "贸易", "进出口")),
    ("G", ("物流", "运输", "冷链物流")),
    ("H", ("餐饮管理", "酒店")),
    ("N", ("旅游开发", "景区管理")),
    ("R", ("文化旅游", "休闲农业")),
    ("", ("实业", "科技")),
)
BRANDS = "宏鑫华泰盛达恒瑞丰源通福瑞祥金鼎新康润德汇博远顺捷佳禾嘉利安兴隆昌永鸿运升"
SUFFIXES = (("有限公司", 80), ("股份有限公司", 12), ("有限责任公司", 8))

COMMITTEE_NAMES = (
    ("finance", "财政经济委员会"),
    ("law", "法制委员会"),
    ("edu", "教育科学文化卫生委员会"),
    ("agri", "农业农村委员会"),
    ("social", "社会建设委员会"),
    ("urban", "城乡建设环境保护委员会"),
    ("justice", "监察和司法委员会"),
    ("environment", "环境与资源保护委员会"),
    ("ethnic", "民族宗教侨务外事委员会"),
)
COMMITTEES_PER_LEVEL = {"PROVINCIAL": 9, "CITY": 7, "COUNTY": 6}

CATEGORY_WEIGHTS = {
    # PARTY_GOVERNMENT, PROFESSIONAL, ENTERPRISE, FARMER, OTHER
    "PROVINCIAL": (30, 25, 27, 10, 8),
    "CITY": (28, 24, 28, 12, 8),
    "COUNTY": (25, 20, 27, 20, 8),
    "TOWNSHIP": (20, 12, 15, 45, 8),
}
CATEGORIES = ("PARTY_GOVERNMENT", "PROFESSIONAL", "ENTERPRISE", "FARMER", "OTHER")
EXPERTISE = {
    "PARTY_GOVERNMENT": ("经济发展", "乡村振兴", "城市管理", "财政预算", "社会治理", "招商引资"),
    "PROFESSIONAL": ("教育", "医疗卫生", "农业技术", "工程技术", "法律服务", "科研"),
    "ENTERPRISE": ("企业管理", "技术研发", "市场营销", "生产管理", "外贸"),
    "FARMER": ("粮食种植", "蔬菜种植", "畜禽养殖", "农民合作社", "家庭农场"),
    "OTHER": ("社区服务", "个体经营", "志愿服务", "文化传承"),
}

# Relative sizes of one congress per level (a provincial congress has ~700 deputies, a city's
# ~400, a county's ~220, a township's ~45); deputies are shared out in these proportions.
WEIGHT = {"PROVINCIAL": 700, "CITY": 400, "COUNTY": 220, "TOWNSHIP": 45}
TERM_START = {
    "NATIONAL": D(2023, 3, 5),
    "PROVINCIAL": D(2023, 1, 1),
    "CITY": D(2022, 1, 1),
    "COUNTY": D(2021, 12, 1),
    "TOWNSHIP": D(2021, 12, 1),
}
# Share of a congress's deputies who also sit one level up.
ALSO_HIGHER = {"PROVINCIAL": 0.05, "CITY": 0.06, "COUNTY": 0.10, "TOWNSHIP": 0.08}
PROVINCE_REGION = "39"  # not a real province code


# Themes that also get a province-wide alliance (like the seed's 山东预制菜产业联盟): city and
# county groups of the same theme partner with it as well.
PROVINCE_ALLIANCE_THEMES = ("prepared-food", "auto", "new-energy", "culture-tourism")


# --- the plan -----------------------------------------------------------------------------


@dataclass
class _Congress:
    id: str
    name: str
    level: str
    place: str  # its own place name, e.g. 青川市
    region: str  # the path of place names, e.g. 云岭省青川市
    code: str  # six-digit region code, for USCCs
    parent: str | None
    deputies: int = 0
    children: list[_Congress] = field(default_factory=list)

    def walk(self) -> Iterator[_Congress]:
        yield self
        for child in self.children:
            yield from child.walk()


def _share(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder, ties to the first)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _place(rng: random.Random, taken: set[str], suffix: str) -> str:
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


def _plan(deputies: int, prefix: str, rng: random.Random) -> tuple[_Congress, _Congress]:
    """The national and provincial congresses, the province's tree of congresses below, and
    how many deputies each congress has (summing to `deputies`)."""
    taken: set[str] = set()
    pname = _place(rng, taken, "省")
    national = _Congress(
        f"{prefix}congress-n", "全国人民代表大会", "NATIONAL", "全国", "中国", "", None
    )
    province = _Congress(
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
    for ci, county_count in enumerate(_share(counties, [1] * cities), start=1):
        cname = _place(rng, taken, "市")
        city = _Congress(
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
            kname = _place(rng, taken, rng.choice("县县县市区"))
            county = _Congress(
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
                tname = _place(rng, taken, rng.choice(("镇", "镇", "乡")))
                county.children.append(
                    _Congress(
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
    shares = _share(deputies, [WEIGHT[c.level] for c in everyone])
    for congress, n in zip(everyone, shares, strict=True):
        congress.deputies = n
    return national, province


# --- the generator ------------------------------------------------------------------------

_SORTED_LEAVES = tuple(sorted(_LEAVES))
_THEME_NAMES = {slug: name for slug, name, _ in THEMES}
_THEME_CODES = {slug: codes for slug, _, codes in THEMES}
_PARENT_LEVEL = {
    "TOWNSHIP": "COUNTY",
    "COUNTY": "CITY",
    "CITY": "PROVINCIAL",
    "PROVINCIAL": "NATIONAL",
}


def _node(id: str, name: str, **props: object) -> Row:
    return {"id": id, "name": name, "source": SOURCE} | {
        k: v for k, v in props.items() if v is not None
    }


def _date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class _Chunk:
    """The rows of one chunk, by label and by relation."""

    def __init__(self) -> None:
        self.nodes: dict[str, list[Row]] = {}
        self.rels: dict[tuple[str, str, str], list[Row]] = {}

    def node(self, label: str, row: Row) -> None:
        self.nodes.setdefault(label, []).append(row)

    def rel(
        self, key: str, start: str, end: str, start_id: str, end_id: str, **props: object
    ) -> None:
        self.rels.setdefault((key, start, end), []).append(
            {"start": start_id, "end": end_id, **props}
        )

    def dataset(self) -> Dataset:
        return {
            "nodes": self.nodes,
            "rels": [(k, s, e, rows) for (k, s, e), rows in self.rels.items()],
        }


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
        self.national, self.province = _plan(deputies, self.prefix, self.rng)
        self.deputy_serial = 0
        self.enterprise_serial = 0
        self.province_alliances: dict[str, str] = {}  # theme → alliance id
        self._surnames = [s for s, _ in SURNAMES]
        self._surname_weights = [w for _, w in SURNAMES]

    def chunks(self) -> Iterator[Dataset]:
        first = _Chunk()
        first.nodes["Industry"] = industry_part()["nodes"]["Industry"]
        first.rels[("PART_OF", "Industry", "Industry")] = industry_part()["rels"][0][3]
        first.node(
            "Congress",
            _node(
                self.national.id, self.national.name, level="NATIONAL", region=self.national.region
            ),
        )
        for theme in PROVINCE_ALLIANCE_THEMES:
            alliance = f"{self.province.id}-alliance-{theme}"
            self._alliance(first, alliance, theme, self.province.place)
            self.province_alliances[theme] = alliance
        self._congress(first, self.province, [])
        yield first.dataset()
        for city in self.province.children:
            chunk = _Chunk()
            self._congress(chunk, city, [])
            yield chunk.dataset()
            for county in city.children:
                chunk = _Chunk()
                self._congress(chunk, county, county.children)
                yield chunk.dataset()

    # one congress (with its townships, for a county)

    def _congress(self, chunk: _Chunk, congress: _Congress, townships: Sequence[_Congress]) -> None:
        for c in (congress, *townships):
            chunk.node("Congress", _node(c.id, c.name, level=c.level, region=c.region))
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

    def _deputies(self, chunk: _Chunk, congress: _Congress) -> list[_Deputy]:
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
                _node(
                    deputy.id,
                    self._person(gender),
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
                up = _PARENT_LEVEL[level]
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

    def _committees(self, chunk: _Chunk, congress: _Congress) -> list[str]:
        ids = []
        for slug, name in COMMITTEE_NAMES[: COMMITTEES_PER_LEVEL.get(congress.level, 0)]:
            committee = f"{congress.id}-cmte-{slug}"
            chunk.node("Committee", _node(committee, name, kind="SPECIAL"))
            chunk.rel("COMMITTEE_OF", "Committee", "Congress", committee, congress.id)
            ids.append(committee)
        return ids

    def _seat(self, chunk: _Chunk, committees: Sequence[str], deputies: Sequence[_Deputy]) -> None:
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

    def _alliance(self, chunk: _Chunk, alliance: str, theme: str, place: str) -> None:
        chunk.node(
            "Alliance", _node(alliance, f"{place}{_THEME_NAMES[theme]}产业联盟", scope=place)
        )
        for code in _THEME_CODES[theme]:
            chunk.rel("IN_INDUSTRY", "Alliance", "Industry", alliance, f"ind-{code}")

    def _groups(
        self,
        chunk: _Chunk,
        congress: _Congress,
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
            chunk.node("DeputyGroup", _node(group, f"{_THEME_NAMES[theme]}专业代表小组"))
            chunk.rel("GROUP_OF", "DeputyGroup", "Congress", group, congress.id)
            for code in _THEME_CODES[theme]:
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
        self, chunk: _Chunk, congress: _Congress, count: int, themes: Sequence[str]
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
            chunk.node("Enterprise", _node(enterprise, self._firm(congress.place, code), uscc=uscc))
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
        self, chunk: _Chunk, deputies: Sequence[_Deputy], enterprises: Sequence[tuple[str, str]]
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
        chunk: _Chunk,
        congress: _Congress,
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
