"""The three places the seed's reception and campaign articles are about, beside 诸城: their
congresses, the deputies the demo's receptions and visits need, the enterprises that raise
issues, and the government departments (Unit) issues are assigned to.

Provenance (the seed's lines are kept in datasets/demo/seed_receptions.txt):
- seed: 仪征市 (a county-level city under 扬州, filed at COUNTY like 诸城) and 马集镇's own
  congress (镇人大, TOWNSHIP); 庆阳市 and 安庆市 (prefecture-level cities, CITY); 陈玲 (市人大代表、
  马集镇人大负责人: a deputy of 仪征's congress); the four enterprises 安庆's team visited in 2025
  (江航爱唯环保科技有限公司, 大有时空科技有限公司, 福田雷萨安庆公司, 安徽国丰集团).
- illustrative: every other deputy (invented names; none an entrepreneur, who would need an
  employer), the three project enterprises of 马集镇 (the seed names the projects, 黑莓, 啤酒屋
  and 博登农业, not the companies), 安庆's other enterprises, all USCCs (valid, with each
  city's region code), industries, and every unit (the departments a city of that size has;
  the seed only says "有关部门").
The seed's 236 deputies of 庆阳 in 9 groups are not modelled: the demo's 庆阳 is one station.
"""

from __future__ import annotations

import datetime as dt

from datasets.demo.ids import ILLUSTRATIVE, SEED, industry_id
from datasets.rows import Chunk, make_uscc, node
from graph.kernel.dataset import Dataset

D = dt.date
YZ, MJ, QY, AQ = "yz-congress", "mj-congress", "qy-congress", "aq-congress"

CONGRESSES = (
    (YZ, "仪征市人民代表大会", "COUNTY", "江苏省扬州市仪征市", SEED),
    (MJ, "马集镇人民代表大会", "TOWNSHIP", "江苏省扬州市仪征市马集镇", SEED),
    (QY, "庆阳市人民代表大会", "CITY", "甘肃省庆阳市", SEED),
    (AQ, "安庆市人民代表大会", "CITY", "安徽省安庆市", SEED),
)
SINCE = D(2022, 1, 1)
F, M = "FEMALE", "MALE"
PG, PRO, FARM = "PARTY_GOVERNMENT", "PROFESSIONAL", "FARMER"

# id, name, gender, category, expertise, source, seats (congress id, level)
DEPUTIES: tuple[tuple[str, str, str | None, str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("yz-dep-chen-ling", "陈玲", None, PG, "市人大代表、马集镇人大负责人", SEED, ((YZ, "COUNTY"),)),
    ("yz-dep-zhou", "周晓红", F, FARM, "特色种植；土地流转", ILLUSTRATIVE, ((MJ, "TOWNSHIP"),)),
    (
        "yz-dep-liu",
        "刘志强",
        M,
        PRO,
        "律师；营商环境与企业法律服务",
        ILLUSTRATIVE,
        ((YZ, "COUNTY"),),
    ),
    ("yz-dep-sun", "孙桂芳", F, PRO, "基层法律服务", ILLUSTRATIVE, ((MJ, "TOWNSHIP"),)),
    ("qy-dep-ma", "马文斌", M, PRO, "基础教育", ILLUSTRATIVE, ((QY, "CITY"),)),
    ("qy-dep-li", "李秀英", F, PRO, "社区医疗", ILLUSTRATIVE, ((QY, "CITY"),)),
    ("qy-dep-zhang", "张国庆", M, PRO, "职业指导；就业创业", ILLUSTRATIVE, ((QY, "CITY"),)),
    ("qy-dep-he", "何丽娟", F, PG, "养老服务；民政", ILLUSTRATIVE, ((QY, "CITY"),)),
    ("aq-dep-wang", "汪明华", M, PG, "营商环境；财政经济", ILLUSTRATIVE, ((AQ, "CITY"),)),
    ("aq-dep-fang", "方雪梅", F, PRO, "会计师；企业财税服务", ILLUSTRATIVE, ((AQ, "CITY"),)),
    ("aq-dep-cheng", "程立新", M, PRO, "科技创新；知识产权", ILLUSTRATIVE, ((AQ, "CITY"),)),
)
MAJI_DEPUTIES = ("yz-dep-chen-ling", "yz-dep-zhou", "yz-dep-liu", "yz-dep-sun")
QINGYANG_DEPUTIES = ("qy-dep-ma", "qy-dep-li", "qy-dep-zhang", "qy-dep-he")
ANQING_DEPUTIES = ("aq-dep-wang", "aq-dep-fang", "aq-dep-cheng")

YIZHENG_REGION, ANQING_REGION = "321081", "340800"
# id, name, industry code, region, serial, source
ENTERPRISES: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("yz-ent-blackberry", "仪征马集黑莓种植有限公司", "A01", YIZHENG_REGION, 1, ILLUSTRATIVE),
    ("yz-ent-beer-house", "仪征马集啤酒屋餐饮管理有限公司", "H62", YIZHENG_REGION, 2, ILLUSTRATIVE),
    ("yz-ent-boden", "仪征博登农业发展有限公司", "A014", YIZHENG_REGION, 3, ILLUSTRATIVE),
    ("yz-ent-ping", "仪征平成商贸有限公司", "F52", YIZHENG_REGION, 4, ILLUSTRATIVE),
    ("aq-ent-jianghang", "江航爱唯环保科技有限公司", "N", ANQING_REGION, 1, SEED),
    ("aq-ent-dayou", "大有时空科技有限公司", "C39", ANQING_REGION, 2, SEED),
    ("aq-ent-futian", "福田雷萨安庆公司", "C35", ANQING_REGION, 3, SEED),
    ("aq-ent-guofeng", "安徽国丰集团", "C265", ANQING_REGION, 4, SEED),
    ("aq-ent-zhenfeng", "安庆振风汽车零部件有限公司", "C3670", ANQING_REGION, 5, ILLUSTRATIVE),
    ("aq-ent-yixiu", "安庆宜秀食品有限公司", "C14", ANQING_REGION, 6, ILLUSTRATIVE),
    ("aq-ent-linghu", "安庆菱湖电子材料有限公司", "C398", ANQING_REGION, 7, ILLUSTRATIVE),
    ("aq-ent-daguan", "安庆大观物流有限公司", "G59", ANQING_REGION, 8, ILLUSTRATIVE),
    ("aq-ent-yingjiang", "安庆迎江新能源科技有限公司", "C3841", ANQING_REGION, 9, ILLUSTRATIVE),
    ("aq-ent-tianzhu", "安庆天柱纺织有限公司", "C17", ANQING_REGION, 10, ILLUSTRATIVE),
    ("aq-ent-longshan", "安庆龙山生物医药有限公司", "C27", ANQING_REGION, 11, ILLUSTRATIVE),
    ("aq-ent-changjiang", "安庆长江农业发展有限公司", "A01", ANQING_REGION, 12, ILLUSTRATIVE),
    ("aq-ent-wanhe", "安庆皖河建材有限公司", "C30", ANQING_REGION, 13, ILLUSTRATIVE),
)
INDUSTRY_OF = {e[0]: industry_id(e[2]) for e in ENTERPRISES}
ANQING_SEED_ENTERPRISES = tuple(
    e[0] for e in ENTERPRISES if e[0].startswith("aq-") and e[5] == SEED
)
ANQING_ENTERPRISES = tuple(e[0] for e in ENTERPRISES if e[0].startswith("aq-"))

# slug → name, for each city's departments (all GOVERNMENT, all illustrative).
UNITS = {
    "yz": {
        "nature": "仪征市自然资源和规划局",
        "agri": "仪征市农业农村局",
        "drc": "仪征市发展和改革委员会",
        "market": "仪征市市场监督管理局",
        "hrss": "仪征市人力资源和社会保障局",
        "tax": "国家税务总局仪征市税务局",
        "approval": "仪征市行政审批局",
        "town": "仪征市马集镇人民政府",
    },
    "qy": {
        "edu": "庆阳市教育局",
        "health": "庆阳市卫生健康委员会",
        "hrss": "庆阳市人力资源和社会保障局",
        "civil": "庆阳市民政局",
        "insurance": "庆阳市医疗保障局",
    },
    "aq": {
        "drc": "安庆市发展和改革委员会",
        "miit": "安庆市经济和信息化局",
        "hrss": "安庆市人力资源和社会保障局",
        "tax": "国家税务总局安庆市税务局",
        "nature": "安庆市自然资源和规划局",
        "eco": "安庆市生态环境局",
        "housing": "安庆市住房和城乡建设局",
        "market": "安庆市市场监督管理局",
        "commerce": "安庆市商务局",
        "science": "安庆市科学技术局",
        "transport": "安庆市交通运输局",
        "finance": "安庆市地方金融监督管理局",
    },
}


def unit_id(city: str, slug: str) -> str:
    if slug not in UNITS[city]:
        raise KeyError(f"no unit {slug} in {city}")
    return f"{city}-unit-{slug}"


def cities_part(built: Dataset) -> Dataset:
    """Congresses, deputies, enterprises and units of 仪征 (马集镇), 庆阳 and 安庆."""
    chunk = Chunk()
    for cid, name, level, region, source in CONGRESSES:
        chunk.node("Congress", node(cid, name, source, level=level, region=region))
    for did, name, gender, category, expertise, source, seats in DEPUTIES:
        chunk.node(
            "Deputy",
            node(did, name, source, gender=gender, category=category, expertise=expertise),
        )
        for congress, level in seats:
            chunk.rel("DEPUTY_OF", "Deputy", "Congress", did, congress, level=level, since=SINCE)
    for eid, name, code, region, serial, source in ENTERPRISES:
        town = "马集镇" if region == YIZHENG_REGION else None
        uscc = make_uscc(region, serial)
        chunk.node("Enterprise", node(eid, name, source, uscc=uscc, town=town))
        chunk.rel("IN_INDUSTRY", "Enterprise", "Industry", eid, industry_id(code))
    for city, units in UNITS.items():
        for slug, name in units.items():
            chunk.node("Unit", node(unit_id(city, slug), name, ILLUSTRATIVE, kind="GOVERNMENT"))
    return chunk.dataset()
