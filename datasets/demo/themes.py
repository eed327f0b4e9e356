"""What the demo's suggestions are about and who handles them: the handling units (承办单位),
all illustrative (real kinds of Zhucheng departments; the seed names none), and the themes
groups raise, each with its lead unit and co-handling unit (None: none). The themes are
illustrative: they echo the seed's topics (招商引资大项目, 乡村振兴, 安全生产, 职业教育) but their
wording is invented.

`PUBLIC_INTEREST` marks the themes on harm to the public interest (ecology and environment,
food and drug safety, work safety, cultural heritage): only those may be transferred into a
procuratorate's public-interest litigation suggestion (公益诉讼检察建议). The seed describes that
transfer in 庆阳, not in 诸城; the demo applies it, as an illustration modelled on 庆阳's
mechanism, to those matters only."""

from __future__ import annotations

from graph.kernel.reads import Row

# slug, name, kind: handling units (承办单位), all illustrative.
UNITS = (
    ("drc", "诸城市发展和改革局", "GOVERNMENT"),
    ("miit", "诸城市工业和信息化局", "GOVERNMENT"),
    ("agri", "诸城市农业农村局", "GOVERNMENT"),
    ("transport", "诸城市交通运输局", "GOVERNMENT"),
    ("market", "诸城市市场监督管理局", "GOVERNMENT"),
    ("safety", "诸城市应急管理局", "GOVERNMENT"),
    ("edu", "诸城市教育和体育局", "GOVERNMENT"),
    ("hrss", "诸城市人力资源和社会保障局", "GOVERNMENT"),
    ("housing", "诸城市住房和城乡建设局", "GOVERNMENT"),
    ("procuratorate", "诸城市人民检察院", "PROCURATORATE"),
    ("science", "诸城市科学技术局", "GOVERNMENT"),
    ("commerce", "诸城市商务局", "GOVERNMENT"),
    ("culture-tourism", "诸城市文化和旅游局", "GOVERNMENT"),
    ("land", "诸城市自然资源和规划局", "GOVERNMENT"),
    ("finance", "诸城市财政局", "GOVERNMENT"),
    ("water", "诸城市水利局", "GOVERNMENT"),
    ("ecology", "潍坊市生态环境局诸城分局", "GOVERNMENT"),
    ("livestock", "诸城市畜牧业发展中心", "PUBLIC_INSTITUTION"),
)

# Themes every group raises: title, lead, co-unit.
COMMON_THEMES = (
    ("推动招商引资大项目落地见效", "drc", "land"),
    ("破解企业用地用工难题", "land", "hrss"),
    ("加强技能人才培养和职业教育", "edu", "hrss"),
    ("落实安全生产主体责任", "safety", None),
    ("拓宽中小企业融资渠道", "finance", "drc"),
    ("优化涉企审批服务", "drc", "market"),
    ("推进数字化转型", "miit", "science"),
    ("加强产学研合作", "science", "edu"),
    ("加强品牌和质量标准建设", "market", None),
    ("完善园区道路和物流配套", "transport", "housing"),
    ("引进和留住高层次人才", "hrss", None),
    ("加强环境保护和污染治理", "ecology", None),
)
# Themes by the group's industries (GB/T 4754 code prefixes): food, drugs, heritage.
INDUSTRY_THEMES = {
    "C13": (("加强食品安全监管", "market", "agri"),),
    "C14": (("加强食品安全监管", "market", "agri"),),
    "C27": (("加强药品质量安全监管", "market", "science"),),
    "R": (("加强历史文化遗产保护", "culture-tourism", "land"),),
}
# Themes by GB/T 4754 section of the group's first industry.
SECTION_THEMES = {
    "A": (
        ("推进乡村振兴和高标准农田建设", "agri", "water"),
        ("完善农产品冷链和销售渠道", "agri", "commerce"),
        ("加强畜禽养殖污染防治", "livestock", "ecology"),
    ),
    "C": (
        ("推动产业链上下游配套协作", "miit", "drc"),
        ("支持企业技术改造和设备更新", "miit", "finance"),
        ("支持企业开拓国际市场", "commerce", None),
    ),
    "D": (("加快新能源项目并网和配套建设", "drc", "land"),),
    "E": (("规范建筑市场秩序", "housing", "market"),),
    "F": (("促进商贸流通和消费升级", "commerce", "market"),),
    "G": (("降低物流成本、优化货运线路", "transport", "commerce"),),
    "N": (("加强景区公共设施建设", "culture-tourism", "housing"),),
    "R": (("打造文旅融合精品线路", "culture-tourism", "transport"),),
}
# The 11 from the automotive inspection: policy environment, demand swings, weak innovation,
# talent (the seed's topics); the wording is illustrative.
AUTO_THEMES = (
    ("优化汽车产业政策环境", "drc", "miit"),
    ("加强汽车产业人才培育", "hrss", "edu"),
    ("应对市场需求波动、稳定零部件企业订单", "miit", "commerce"),
    ("提升汽车零部件企业技术创新能力", "science", "miit"),
    ("推动重大汽车项目落户诸城", "drc", "land"),
    ("建设汽车产业公共检测服务平台", "market", "science"),
    ("支持新能源汽车零部件研发", "miit", "finance"),
    ("完善汽车产业链上下游配套", "miit", "drc"),
    ("拓宽汽车零部件企业融资渠道", "finance", None),
    ("完善汽车产业园区道路和物流配套", "transport", "housing"),
    ("推动汽车及零部件产业跃升“千亿级”", "drc", "miit"),
)


# The themes on public-interest harm (the only ones a suggestion is transferred on).
PUBLIC_INTEREST = frozenset(
    {
        "落实安全生产主体责任",
        "加强环境保护和污染治理",
        "加强畜禽养殖污染防治",
        "加强食品安全监管",
        "加强药品质量安全监管",
        "加强历史文化遗产保护",
    }
)


def themes_for(codes: list[str]) -> tuple[tuple[str, str, str | None], ...]:
    """The themes a group in the industries `codes` raises (its first industry's section, and
    every industry's own themes)."""
    section = codes[0][0] if codes else "C"
    own = {
        t for code in codes for p, ts in INDUSTRY_THEMES.items() if code.startswith(p) for t in ts
    }
    return COMMON_THEMES + SECTION_THEMES.get(section, ()) + tuple(sorted(own))


def unit_id(slug: str) -> str:
    return f"zc-unit-{slug}"


def lead_name(slug: str) -> str:
    return next(name for s, name, _ in UNITS if s == slug)


def unit_rows() -> list[Row]:
    """The Unit nodes."""
    return [
        {"id": unit_id(slug), "name": name, "source": "illustrative", "kind": kind}
        for slug, name, kind in UNITS
    ]
