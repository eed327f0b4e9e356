"""The demo's professional deputy groups (专业代表小组), the committees that liaise with them and
the industry alliances (产业联盟) they partner with: the seed's seven named groups and
山东预制菜产业联盟, and the illustrative rest (see datasets/demo/compose.py for the provenance and
the deliberate coverage gaps)."""

from __future__ import annotations

import datetime as dt

from datasets.demo.ids import (
    ILLUSTRATIVE,
    PREPARED_FOOD_ALLIANCE,
    SEED,
    ZC,
    alliance_id,
    committee_id,
    group_id,
    industry_id,
)
from datasets.rows import node
from graph.kernel.dataset import Dataset

D = dt.date

# slug, name, source, industry codes, liaising committees, alliance slug (None: none), seed
# quote. A seed group's description is the seed's own sentence about it, verbatim (full-width
# commas for the seed's ASCII ones; tests/datasets/test_seed_figures.py checks it against
# datasets/demo/seed_zhucheng.txt). 生物医药 covers corn-starch deep processing (C1391) as well as
# pharmaceuticals (C27): the seed names China's largest corn-starch base among that group's
# results. 智能装备 covers metal wire products (C334): 郑洪霞's bead wire.
GROUPS: tuple[
    tuple[str, str, str, tuple[str, ...], tuple[str, ...], str | None, str | None], ...
] = (
    (
        "auto",
        "汽车专业代表小组",
        SEED,
        ("C36",),
        ("finance",),
        alliance_id("auto"),
        "汽车专业代表小组围绕汽车产业政策环境、市场需求波动、技术创新能力不足等问题，适时组织开展"
        "集中视察活动，提出优化产业政策环境、加强人才培育等11条意见建议，推动多个重大项目落户诸城，"
        "为汽车及零部件产业跃升“千亿级”注入更强劲动能。",
    ),
    (
        "textile",
        "服装纺织专业代表小组",
        SEED,
        ("C17", "C18"),
        ("finance",),
        alliance_id("textile"),
        None,
    ),
    (
        "smart-equipment",
        "智能装备专业代表小组",
        SEED,
        ("C35", "C3491", "C334"),
        ("finance",),
        alliance_id("smart-equipment"),
        "智能装备专业代表小组的郑洪霞代表提出以技术迭代推动产业转型升级，公司研发的超高强度胎圈钢丝"
        "生产技术填补了行业技术空白，产品出口到36个国家。",
    ),
    (
        "biomedicine",
        "生物医药专业代表小组",
        SEED,
        ("C27", "C1391"),
        ("finance",),
        alliance_id("biomedicine"),
        "生物医药专业代表小组在市人大财政经济委员会的对口联系指导下，围绕全市生物医药产业链条短、"
        "附加值低等问题，积极开展调研、视察，推动企业加大科技研发投入，逐步形成产业发展的集群效应。"
        "目前，诸城已成为全国最大的玉米淀粉深加工基地，多项产品产量位居世界第一。",
    ),
    (
        "culture-tourism",
        "文旅融合专业代表小组",
        SEED,
        ("R903", "N786"),
        ("edu",),
        alliance_id("culture-tourism"),
        "文旅融合专业代表小组召集人刘淑刚在走访群众时了解到“周末经济”持续升温，建议依托自然文化禀赋，"
        "推动“文旅+”融合发展。她结合自身专业优势，全力打造竹山生态旅游区，推动绿水青山转化为金山银山。",
    ),
    (
        "prepared-food",
        "预制菜专业代表小组",
        SEED,
        ("C1432",),
        ("agri", "law"),
        PREPARED_FOOD_ALLIANCE,
        "预制菜专业代表小组的郑思敏、李盛林，带头引领预制菜产业发展，依托山东预制菜产业联盟，合力打造"
        "“诸城预制菜”品牌。目前，诸城市已培育预制菜加工企业556家，年加工能力达到600万吨。",
    ),
    (
        "tea",
        "茶产业专业代表小组",
        SEED,
        ("C1530", "A0164"),
        ("agri",),
        alliance_id("tea"),
        "茶产业专业代表小组积极探索“人大代表+茶产业”发展路径，推动茶产业转型升级，让北纬36°诸城绿茶"
        "飘香世界。",
    ),
    (
        "food",
        "食品加工专业代表小组",
        ILLUSTRATIVE,
        ("C13", "C14"),
        ("agri",),
        alliance_id("food"),
        None,
    ),
    (
        "farm-machinery",
        "农机装备专业代表小组",
        ILLUSTRATIVE,
        ("C357",),
        ("agri",),
        alliance_id("farm-machinery"),
        None,
    ),
    (
        "machinery",
        "机械装备专业代表小组",
        ILLUSTRATIVE,
        ("C34", "C33"),
        ("finance",),
        alliance_id("machinery"),
        None,
    ),
    (
        "new-energy",
        "新能源专业代表小组",
        ILLUSTRATIVE,
        ("D441", "C384"),
        ("finance", "urban"),
        alliance_id("new-energy"),
        None,
    ),
    (
        "modern-agriculture",
        "现代农业专业代表小组",
        ILLUSTRATIVE,
        ("A01",),
        ("agri",),
        alliance_id("modern-agriculture"),
        None,
    ),
    (
        "livestock",
        "畜牧专业代表小组",
        ILLUSTRATIVE,
        ("A03",),
        ("agri",),
        alliance_id("livestock"),
        None,
    ),
    (
        "logistics",
        "物流专业代表小组",
        ILLUSTRATIVE,
        ("G54", "G59"),
        (),
        alliance_id("logistics"),
        None,
    ),
    (
        "building",
        "建筑建材专业代表小组",
        ILLUSTRATIVE,
        ("E47", "C30"),
        ("urban",),
        alliance_id("building"),
        None,
    ),
    (
        "electronics",
        "电子信息专业代表小组",
        ILLUSTRATIVE,
        ("C39",),
        (),
        alliance_id("electronics"),
        None,
    ),
    (
        "chemicals",
        "化工新材料专业代表小组",
        ILLUSTRATIVE,
        ("C26",),
        ("law", "urban"),
        alliance_id("chemicals"),
        None,
    ),
    ("commerce", "商贸服务专业代表小组", ILLUSTRATIVE, ("F51", "F52"), ("social",), None, None),
)

# slug, name, scope, industry codes. Every local alliance is illustrative; the seed's
# 山东预制菜产业联盟 (province-wide) is added in `alliance_part`.
ALLIANCES = (
    ("auto", "诸城市汽车及零部件产业联盟", "诸城市", ("C36",)),
    ("textile", "诸城市纺织服装产业联盟", "诸城市", ("C17", "C18")),
    ("smart-equipment", "诸城市智能装备产业联盟", "诸城市", ("C35", "C334")),
    ("biomedicine", "诸城市生物医药产业联盟", "诸城市", ("C27", "C1391")),
    ("culture-tourism", "诸城市文化旅游产业联盟", "诸城市", ("R903", "N786")),
    ("tea", "诸城绿茶产业联盟", "诸城市", ("C1530", "A0164")),
    ("food", "诸城市食品产业联盟", "诸城市", ("C13", "C14")),
    ("farm-machinery", "诸城市农机装备产业联盟", "诸城市", ("C357",)),
    ("machinery", "诸城市机械装备制造产业联盟", "诸城市", ("C34",)),
    ("new-energy", "诸城市新能源产业联盟", "诸城市", ("D441", "C384")),
    ("modern-agriculture", "诸城市现代农业产业联盟", "诸城市", ("A01",)),
    ("livestock", "诸城市畜牧产业联盟", "诸城市", ("A03",)),
    ("logistics", "诸城市现代物流产业联盟", "诸城市", ("G54", "G59")),
    ("building", "诸城市建筑建材产业联盟", "诸城市", ("E47", "C30")),
    ("electronics", "诸城市电子信息产业联盟", "诸城市", ("C39",)),
    ("chemicals", "诸城市化工新材料产业联盟", "诸城市", ("C26",)),
    # No group partners with this one (a deliberate gap).
    ("cross-border", "诸城市跨境电商产业联盟", "诸城市", ("F5292",)),
)

LIAISON_SINCE = D(2023, 3, 1)
PARTNER_SINCE = D(2023, 6, 1)


def group_part(built: Dataset) -> Dataset:
    """The groups with their congress, liaising committees and industries."""
    groups = [
        node(group_id(slug), name, src, description=note)
        for slug, name, src, _, _, _, note in GROUPS
    ]
    group_of = [{"start": group_id(g[0]), "end": ZC} for g in GROUPS]
    liaises = [
        {"start": committee_id(c), "end": group_id(g[0]), "since": LIAISON_SINCE}
        for g in GROUPS
        for c in g[4]
    ]
    in_industry = [
        {"start": group_id(g[0]), "end": industry_id(code)} for g in GROUPS for code in g[3]
    ]
    return {
        "nodes": {"DeputyGroup": groups},
        "rels": [
            ("GROUP_OF", "DeputyGroup", "Congress", group_of),
            ("LIAISES_WITH", "Committee", "DeputyGroup", liaises),
            ("IN_INDUSTRY", "DeputyGroup", "Industry", in_industry),
        ],
    }


def alliance_part(built: Dataset) -> Dataset:
    """The alliances with their industries, and the groups that partner with them."""
    alliances = [
        node(alliance_id(slug), name, ILLUSTRATIVE, scope=scope)
        for slug, name, scope, _ in ALLIANCES
    ]
    alliances.append(node(PREPARED_FOOD_ALLIANCE, "山东预制菜产业联盟", SEED, scope="山东省"))
    partners = [
        {"start": group_id(g[0]), "end": g[5], "since": PARTNER_SINCE}
        for g in GROUPS
        if g[5] is not None
    ]
    in_industry = [
        {"start": alliance_id(a[0]), "end": industry_id(code)} for a in ALLIANCES for code in a[3]
    ]
    in_industry.append({"start": PREPARED_FOOD_ALLIANCE, "end": industry_id("C1432")})
    return {
        "nodes": {"Alliance": alliances},
        "rels": [
            ("PARTNERS_WITH", "DeputyGroup", "Alliance", partners),
            ("IN_INDUSTRY", "Alliance", "Industry", in_industry),
        ],
    }
