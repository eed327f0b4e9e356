"""The demo dataset: Zhucheng (诸城市, Shandong) and its "third link" (第三联).

Provenance. The seed (a 2025 newspaper page, `seeds/000_4669cc66e39b538c.txt` in shared/; see
DOMAIN.md) says, and the rows below marked `source="seed"` carry:
- 诸城市人民代表大会 and its 财政经济委员会, which liaises with the 生物医药 group;
- 18 professional deputy groups, seven of them named: 汽车, 服装纺织, 智能装备, 生物医药,
  文旅融合, 预制菜, 茶产业 (their descriptions quote the seed);
- 刘淑刚 (she), convener of 文旅融合, who built the 竹山 eco-tourism area; 郑思敏 and 李盛林 in
  预制菜; 郑洪霞 in 智能装备, whose company makes ultra-high-strength bead wire sold to 36
  countries (that fact is in her `expertise`; the company's name and USCC are illustrative);
- 山东预制菜产业联盟, on which the 预制菜 group relies.
Everything else is `source="illustrative"`: the 11 unnamed groups (chosen to fit Zhucheng's
economy: China's largest corn-starch deep-processing base, food machinery, meat processing ...),
the other committees, 潍坊市/山东省 congresses, alliances, enterprises (invented names; USCCs with
Zhucheng's region code 370782 and valid check characters), the other deputies (invented names)
and every relationship the seed does not state, including the seed deputies' categories and
employers. Industry nodes are the real GB/T 4754-2017 codes and names; the classification is not
in the seed, so they are `illustrative` too. Term and liaison dates are approximate. Zhucheng is
a county-level city; the seed calls its congress 市人大, and the model files it under CITY.

Deliberate coverage gaps, so coverage queries have something to find:
- groups with no committee liaison: 物流 (G: transport and storage) and 电子信息 (C39) — their
  industries have deputies and enterprises but no committee reaches them;
- a group without an alliance: 商贸服务;
- an alliance without a group: 诸城市跨境电商产业联盟;
- a group without a convener: 建筑建材.

The dataset is assembled from part builders (`PARTS`); later modules (the 2024 trips and
suggestions) add their own builder to that list, referring to the ids defined here.

Size: over 400 lines because it still holds several jobs of its domain in one file; the
split into one package per domain with modules by job is the "one home per domain" issue's
work, kept out of the hardening change so that its diff stays reviewable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from datasets.demo.proposals import demo_proposals
from datasets.demo.trips import demo_trips
from graph.kernel.loading import Dataset, Row, merge
from graph.kernel.model import uscc_check_char

D = dt.date
SEED = "seed"
ILLUSTRATIVE = "illustrative"


def node(id: str, name: str, source: str, **props: object) -> Row:
    """A node row; properties given as None are left out (the loader would remove them)."""
    return {"id": id, "name": name, "source": source} | {
        k: v for k, v in props.items() if v is not None
    }


# --- unified social credit codes ----------------------------------------------------------

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# A multiplier coprime to 31**6 turns consecutive serials into scattered, still unique codes.
_SCATTER = 7_919_311


def _org_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def make_uscc(region: str, serial: int) -> str:
    """A well-formed USCC for an enterprise (9 = market regulator, 1 = enterprise) registered in
    `region` (6 digits); distinct serials below 31**6 give distinct codes. The organisation code
    follows the post-2015 "MA…" pattern with its own GB 11714 check character."""
    n = (serial * _SCATTER) % 31**6
    body = ""
    for _ in range(6):
        n, digit = divmod(n, 31)
        body = _USCC_CHARS[digit] + body
    org = "MA" + body
    first17 = "91" + region + org + _org_check(org)
    return first17 + uscc_check_char(first17)


ZHUCHENG_REGION = "370782"

# --- industries (GB/T 4754-2017) ----------------------------------------------------------

INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("A", "农、林、牧、渔业"),
    ("A01", "农业"),
    ("A011", "谷物种植"),
    ("A0113", "玉米种植"),
    ("A014", "蔬菜、食用菌及园艺作物种植"),
    ("A016", "坚果、含油果、香料和饮料作物种植"),
    ("A0164", "茶叶种植"),
    ("A03", "畜牧业"),
    ("A031", "牲畜饲养"),
    ("A032", "家禽饲养"),
    ("C", "制造业"),
    ("C13", "农副食品加工业"),
    ("C135", "屠宰及肉类加工"),
    ("C1353", "肉制品及副产品加工"),
    ("C139", "其他农副食品加工"),
    ("C1391", "淀粉及淀粉制品制造"),
    ("C14", "食品制造业"),
    ("C143", "方便食品制造"),
    ("C1432", "速冻食品制造"),
    ("C146", "调味品、发酵制品制造"),
    ("C15", "酒、饮料和精制茶制造业"),
    ("C153", "精制茶加工"),
    ("C1530", "精制茶加工"),
    ("C17", "纺织业"),
    ("C171", "棉纺织及印染精加工"),
    ("C18", "纺织服装、服饰业"),
    ("C181", "机织服装制造"),
    ("C182", "针织或钩针编织服装制造"),
    ("C26", "化学原料和化学制品制造业"),
    ("C265", "合成材料制造"),
    ("C27", "医药制造业"),
    ("C272", "化学药品制剂制造"),
    ("C2720", "化学药品制剂制造"),
    ("C276", "生物药品制品制造"),
    ("C2761", "生物药品制造"),
    ("C30", "非金属矿物制品业"),
    ("C302", "石膏、水泥制品及类似制品制造"),
    ("C33", "金属制品业"),
    ("C334", "金属丝绳及其制品制造"),
    ("C3340", "金属丝绳及其制品制造"),
    ("C34", "通用设备制造业"),
    ("C344", "泵、阀门、压缩机及类似机械制造"),
    ("C349", "其他通用设备制造业"),
    ("C3491", "工业机器人制造"),
    ("C35", "专用设备制造业"),
    ("C353", "食品、饮料、烟草及饲料生产专用设备制造"),
    ("C3531", "食品、酒、饮料及茶生产专用设备制造"),
    ("C357", "农、林、牧、渔专用机械制造"),
    ("C36", "汽车制造业"),
    ("C361", "汽车整车制造"),
    ("C3611", "汽柴油车整车制造"),
    ("C3612", "新能源车整车制造"),
    ("C367", "汽车零部件及配件制造"),
    ("C3670", "汽车零部件及配件制造"),
    ("C38", "电气机械和器材制造业"),
    ("C384", "电池制造"),
    ("C3841", "锂离子电池制造"),
    ("C39", "计算机、通信和其他电子设备制造业"),
    ("C398", "电子元件及电子专用材料制造"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("D44", "电力、热力生产和供应业"),
    ("D441", "电力生产"),
    ("D4415", "风力发电"),
    ("D4416", "太阳能发电"),
    ("E", "建筑业"),
    ("E47", "房屋建筑业"),
    ("E48", "土木工程建筑业"),
    ("F", "批发和零售业"),
    ("F51", "批发业"),
    ("F52", "零售业"),
    ("F529", "货摊、无店铺及其他零售业"),
    ("F5292", "互联网零售"),
    ("G", "交通运输、仓储和邮政业"),
    ("G54", "道路运输业"),
    ("G543", "道路货物运输"),
    ("G59", "装卸搬运和仓储业"),
    ("H", "住宿和餐饮业"),
    ("H62", "餐饮业"),
    ("N", "水利、环境和公共设施管理业"),
    ("N78", "公共设施管理业"),
    ("N786", "游览景区管理"),
    ("R", "文化、体育和娱乐业"),
    ("R90", "娱乐业"),
    ("R903", "休闲观光活动"),
)


def industry_id(code: str) -> str:
    return f"ind-{code}"


def industry_parent(code: str) -> str | None:
    """The code one level up: C1391 → C139 → C13 → C (sections have none)."""
    if len(code) == 1:
        return None
    return code[0] if len(code) == 3 else code[:-1]


def industry_part() -> Dataset:
    rows = [node(industry_id(c), n, ILLUSTRATIVE, code=c) for c, n in INDUSTRIES]
    part_of = [
        {"start": industry_id(c), "end": industry_id(parent)}
        for c, _ in INDUSTRIES
        if (parent := industry_parent(c)) is not None
    ]
    return {"nodes": {"Industry": rows}, "rels": [("PART_OF", "Industry", "Industry", part_of)]}


# --- congresses and committees ------------------------------------------------------------

ZC = "zc-congress"
WF = "wf-congress"
SD = "sd-congress"
CONGRESSES = (
    (ZC, "诸城市人民代表大会", "CITY", "山东省潍坊市诸城市", SEED, D(2022, 1, 1)),
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


def committee_id(slug: str) -> str:
    return f"zc-cmte-{slug}"


def congress_part() -> Dataset:
    congresses = [node(i, n, s, level=lv, region=r) for i, n, lv, r, s, _ in CONGRESSES]
    committees = [node(committee_id(c), n, s, kind="SPECIAL") for c, n, s in COMMITTEES]
    committee_of = [{"start": committee_id(c), "end": ZC} for c, _, _ in COMMITTEES]
    return {
        "nodes": {"Congress": congresses, "Committee": committees},
        "rels": [("COMMITTEE_OF", "Committee", "Congress", committee_of)],
    }


# --- professional deputy groups and alliances ---------------------------------------------


def group_id(slug: str) -> str:
    return f"zc-group-{slug}"


def alliance_id(slug: str) -> str:
    return f"zc-alliance-{slug}"


PREPARED_FOOD_ALLIANCE = "sd-alliance-prepared-food"

# slug, name, source, industry codes, liaising committees, alliance slug (None: none), seed note
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
        "围绕汽车产业政策环境、市场需求波动、技术创新能力不足等问题开展集中视察，提出优化产业政策"
        "环境、加强人才培育等11条意见建议，推动多个重大项目落户诸城，助力汽车及零部件产业跃升"
        "“千亿级”。",
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
        ("C35", "C3491"),
        ("finance",),
        alliance_id("smart-equipment"),
        "郑洪霞代表提出以技术迭代推动产业转型升级。",
    ),
    (
        "biomedicine",
        "生物医药专业代表小组",
        SEED,
        ("C27",),
        ("finance",),
        alliance_id("biomedicine"),
        "在市人大财政经济委员会的对口联系指导下，围绕全市生物医药产业链条短、附加值低等问题开展"
        "调研、视察，推动企业加大科技研发投入，逐步形成产业发展的集群效应。",
    ),
    (
        "culture-tourism",
        "文旅融合专业代表小组",
        SEED,
        ("R903", "N786"),
        ("edu",),
        alliance_id("culture-tourism"),
        "召集人刘淑刚在走访群众时了解到“周末经济”持续升温，建议依托自然文化禀赋推动“文旅+”融合"
        "发展，全力打造竹山生态旅游区。",
    ),
    (
        "prepared-food",
        "预制菜专业代表小组",
        SEED,
        ("C1432",),
        ("agri", "law"),
        PREPARED_FOOD_ALLIANCE,
        "郑思敏、李盛林带头引领预制菜产业发展，依托山东预制菜产业联盟合力打造“诸城预制菜”品牌；"
        "全市已培育预制菜加工企业556家，年加工能力600万吨。",
    ),
    (
        "tea",
        "茶产业专业代表小组",
        SEED,
        ("C1530", "A0164"),
        ("agri",),
        alliance_id("tea"),
        "探索“人大代表+茶产业”发展路径，推动茶产业转型升级，让北纬36°诸城绿茶飘香世界。",
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
        "corn-starch",
        "玉米淀粉深加工专业代表小组",
        ILLUSTRATIVE,
        ("C1391",),
        ("finance", "agri"),
        alliance_id("corn-starch"),
        "诸城已成为全国最大的玉米淀粉深加工基地，多项产品产量位居世界第一。",
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
    ("smart-equipment", "诸城市智能装备产业联盟", "诸城市", ("C35",)),
    ("biomedicine", "诸城市生物医药产业联盟", "诸城市", ("C27",)),
    ("culture-tourism", "诸城市文化旅游产业联盟", "诸城市", ("R903", "N786")),
    ("tea", "诸城绿茶产业联盟", "诸城市", ("C1530", "A0164")),
    ("food", "诸城市食品产业联盟", "诸城市", ("C13", "C14")),
    ("corn-starch", "诸城市玉米淀粉深加工产业联盟", "诸城市", ("C1391",)),
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


def group_part() -> Dataset:
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


def alliance_part() -> Dataset:
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


# --- deputies -----------------------------------------------------------------------------

F, M = "FEMALE", "MALE"
PG, PRO, ENT, FARM, OTH = "PARTY_GOVERNMENT", "PROFESSIONAL", "ENTERPRISE", "FARMER", "OTHER"

# slug, name, gender (None where the seed does not say), category, expertise, source
DEPUTIES: tuple[tuple[str, str, str | None, str, str, str], ...] = (
    # Named in the seed (their categories are inferred from what the seed says they do).
    (
        "liu-shugang",
        "刘淑刚",
        F,
        ENT,
        "文旅融合；打造竹山生态旅游区（竹山生态谷获评山东省科普教育基地、山东省中小学生研学教育基地，"
        "入选山东省生态旅游区）",
        SEED,
    ),
    ("zheng-simin", "郑思敏", None, ENT, "预制菜产业；“诸城预制菜”品牌建设", SEED),
    ("li-shenglin", "李盛林", None, ENT, "预制菜产业；“诸城预制菜”品牌建设", SEED),
    (
        "zheng-hongxia",
        "郑洪霞",
        None,
        ENT,
        "以技术迭代推动产业转型升级；公司研发超高强度胎圈钢丝生产技术，填补行业技术空白，产品出口"
        "36个国家",
        SEED,
    ),
    # Illustrative group members.
    ("wang-jianjun", "王建军", M, ENT, "汽车零部件制造与企业管理", ILLUSTRATIVE),
    ("sun-lihua", "孙立华", M, PRO, "汽车工程，高级工程师", ILLUSTRATIVE),
    ("zang-haiyan", "臧海燕", F, ENT, "车桥制造，质量管理", ILLUSTRATIVE),
    ("zhao-mingyuan", "赵明远", M, PG, "经济开发区招商引资与项目服务", ILLUSTRATIVE),
    ("yu-hongbo", "于洪波", M, ENT, "专用汽车改装", ILLUSTRATIVE),
    ("liu-guifang", "刘桂芳", F, ENT, "服装出口加工与外贸", ILLUSTRATIVE),
    ("zhang-xiuying", "张秀英", F, ENT, "针织服装生产", ILLUSTRATIVE),
    ("chen-zhiqiang", "陈志强", M, ENT, "棉纺织与印染", ILLUSTRATIVE),
    ("ma-lijuan", "马丽娟", F, PRO, "服装设计，职业学校教师", ILLUSTRATIVE),
    ("gao-zhendong", "高振东", M, ENT, "食品机械研发制造", ILLUSTRATIVE),
    ("xu-guoqing", "徐国庆", M, PRO, "机电一体化，职业教育", ILLUSTRATIVE),
    ("qiu-wenbin", "邱文斌", M, ENT, "工业机器人系统集成", ILLUSTRATIVE),
    ("yang-xiaodong", "杨晓东", M, ENT, "生物制药，研发管理", ILLUSTRATIVE),
    ("guan-shumei", "管淑梅", F, PRO, "医院药学，主任药师", ILLUSTRATIVE),
    ("song-jianhua", "宋建华", M, ENT, "化学药品制剂生产", ILLUSTRATIVE),
    ("sui-li", "隋丽", F, PRO, "药品检验检测", ILLUSTRATIVE),
    ("meng-fanrong", "孟凡荣", F, PG, "文化旅游公共服务", ILLUSTRATIVE),
    ("han-baoshan", "韩宝山", M, FARM, "乡村民宿与农家乐经营", ILLUSTRATIVE),
    ("wang-jing", "王静", F, PRO, "恐龙文化研学与讲解", ILLUSTRATIVE),
    ("zang-desheng", "臧德胜", M, ENT, "肉制品与预制菜加工", ILLUSTRATIVE),
    ("ding-meiling", "丁美玲", F, PRO, "食品安全检测", ILLUSTRATIVE),
    ("qin-yumei", "秦玉梅", F, FARM, "茶园种植与茶农合作社", ILLUSTRATIVE),
    ("ge-hongliang", "葛洪亮", M, ENT, "绿茶加工与品牌营销", ILLUSTRATIVE),
    ("chen-xiaohong", "陈晓红", F, PRO, "茶树栽培技术推广，农艺师", ILLUSTRATIVE),
    ("zhang-deshun", "张德顺", M, ENT, "禽肉加工与出口", ILLUSTRATIVE),
    ("li-hongmei", "李红梅", F, ENT, "调味品生产", ILLUSTRATIVE),
    ("sun-fuqiang", "孙富强", M, FARM, "蔬菜种植合作社", ILLUSTRATIVE),
    ("zhao-haifeng", "赵海峰", M, ENT, "玉米淀粉及淀粉糖深加工", ILLUSTRATIVE),
    ("wang-shuzhen", "王淑珍", F, PRO, "发酵工程，高级工程师", ILLUSTRATIVE),
    ("liu-qiang", "刘强", M, ENT, "变性淀粉生产", ILLUSTRATIVE),
    ("sui-jianguo", "隋建国", M, FARM, "玉米规模化种植", ILLUSTRATIVE),
    ("xu-weidong", "徐卫东", M, ENT, "泵阀制造", ILLUSTRATIVE),
    ("gao-liping", "高丽萍", F, ENT, "铸造与金属制品", ILLUSTRATIVE),
    ("qiu-ming", "邱明", M, PRO, "技工教育，数控技术", ILLUSTRATIVE),
    ("ma-junjie", "马俊杰", M, ENT, "分布式光伏开发", ILLUSTRATIVE),
    ("yang-fan", "杨帆", F, PRO, "电网规划与新能源并网", ILLUSTRATIVE),
    ("yu-chunlei", "于春雷", M, ENT, "锂电池材料", ILLUSTRATIVE),
    ("wang-defu", "王德福", M, FARM, "家庭农场经营", ILLUSTRATIVE),
    ("li-xiulan", "李秀兰", F, FARM, "农民专业合作社", ILLUSTRATIVE),
    ("han-lixin", "韩立新", M, PG, "镇域乡村振兴工作", ILLUSTRATIVE),
    ("zhang-yuxia", "张玉霞", F, PRO, "农业技术推广，高级农艺师", ILLUSTRATIVE),
    ("meng-qinghai", "孟庆海", M, ENT, "生猪规模养殖", ILLUSTRATIVE),
    ("ding-xiuyun", "丁秀云", F, FARM, "肉鸡养殖", ILLUSTRATIVE),
    ("ge-zhenhua", "葛振华", M, PRO, "动物疫病防控，兽医师", ILLUSTRATIVE),
    ("chen-gang", "陈刚", M, ENT, "冷链物流", ILLUSTRATIVE),
    ("song-lihua", "宋丽华", F, ENT, "道路货物运输", ILLUSTRATIVE),
    ("zhao-lei", "赵磊", M, OTH, "个体货运与物流从业者权益", ILLUSTRATIVE),
    ("qin-jianping", "秦建平", M, ENT, "房屋建筑施工", ILLUSTRATIVE),
    ("guan-zhigang", "管志刚", M, ENT, "水泥制品生产", ILLUSTRATIVE),
    ("liu-meihua", "刘美华", F, PRO, "建设工程质量监督，工程师", ILLUSTRATIVE),
    ("sun-xiaomei", "孙晓梅", F, ENT, "电子元件制造", ILLUSTRATIVE),
    ("zheng-hao", "郑浩", M, PRO, "工业软件与数字化转型", ILLUSTRATIVE),
    ("gao-feng", "高峰", M, ENT, "电子材料", ILLUSTRATIVE),
    ("qiu-guohua", "邱国华", M, ENT, "合成材料生产", ILLUSTRATIVE),
    ("xue-wenjing", "薛文静", F, PRO, "危险化学品安全管理，注册安全工程师", ILLUSTRATIVE),
    ("ma-yonggang", "马永刚", M, ENT, "精细化工", ILLUSTRATIVE),
    ("li-jianping", "李建平", M, ENT, "商贸流通", ILLUSTRATIVE),
    ("zang-xiaoyan", "臧小燕", F, ENT, "跨境电商与直播带货", ILLUSTRATIVE),
    ("wang-xiumei", "王秀梅", F, OTH, "个体工商户经营", ILLUSTRATIVE),
    # Illustrative deputies who sit on committees but in no group.
    ("zhou-lixin", "周立新", M, PG, "财政预算审查", ILLUSTRATIVE),
    ("jiang-hong", "姜红", F, PG, "地方立法与备案审查", ILLUSTRATIVE),
    ("cao-shouxin", "曹守信", M, PG, "教育与卫生健康监督", ILLUSTRATIVE),
    ("lv-hui", "吕慧", F, PG, "乡村振兴与农业农村", ILLUSTRATIVE),
    ("yuan-zhicheng", "袁志成", M, PG, "社会保障与民政", ILLUSTRATIVE),
    ("cui-shuhua", "崔淑华", F, PRO, "社区工作与养老服务", ILLUSTRATIVE),
    ("peng-tao", "彭涛", M, PG, "城乡规划建设", ILLUSTRATIVE),
    ("dong-xuemei", "董雪梅", F, PRO, "生态环境监测，高级工程师", ILLUSTRATIVE),
)

# group slug → (convener or None, members). Seed: 刘淑刚 convenes 文旅融合; 郑思敏/李盛林 in
# 预制菜; 郑洪霞 in 智能装备. Everyone else is illustrative; 建筑建材 has no convener (a gap).
MEMBERSHIP: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "auto": ("wang-jianjun", ("sun-lihua", "zang-haiyan", "zhao-mingyuan", "yu-hongbo")),
    "textile": ("liu-guifang", ("zhang-xiuying", "chen-zhiqiang", "ma-lijuan")),
    "smart-equipment": ("gao-zhendong", ("zheng-hongxia", "xu-guoqing", "qiu-wenbin")),
    "biomedicine": ("yang-xiaodong", ("guan-shumei", "song-jianhua", "sui-li")),
    "culture-tourism": ("liu-shugang", ("meng-fanrong", "han-baoshan", "wang-jing")),
    "prepared-food": ("zang-desheng", ("zheng-simin", "li-shenglin", "ding-meiling")),
    "tea": ("qin-yumei", ("ge-hongliang", "chen-xiaohong")),
    "food": ("zhang-deshun", ("li-hongmei", "sun-fuqiang")),
    "corn-starch": ("zhao-haifeng", ("wang-shuzhen", "liu-qiang", "sui-jianguo")),
    "machinery": ("xu-weidong", ("gao-liping", "qiu-ming")),
    "new-energy": ("ma-junjie", ("yang-fan", "yu-chunlei")),
    "modern-agriculture": ("wang-defu", ("li-xiulan", "han-lixin", "zhang-yuxia")),
    "livestock": ("meng-qinghai", ("ding-xiuyun", "ge-zhenhua")),
    "logistics": ("chen-gang", ("song-lihua", "zhao-lei")),
    "building": (None, ("qin-jianping", "guan-zhigang", "liu-meihua")),
    "electronics": ("sun-xiaomei", ("zheng-hao", "gao-feng")),
    "chemicals": ("qiu-guohua", ("xue-wenjing", "ma-yonggang")),
    "commerce": ("li-jianping", ("zang-xiaoyan", "wang-xiumei")),
}

# Committee slug → deputies sitting on it (illustrative).
SITS_ON: dict[str, tuple[str, ...]] = {
    "finance": ("zhou-lixin", "sun-lihua", "yang-xiaodong"),
    "law": ("jiang-hong", "xue-wenjing"),
    "edu": ("cao-shouxin", "guan-shumei", "meng-fanrong"),
    "agri": ("lv-hui", "zhang-yuxia", "wang-defu"),
    "social": ("yuan-zhicheng", "cui-shuhua"),
    "urban": ("peng-tao", "liu-meihua", "dong-xuemei"),
}

# The first link (常委会组成人员联系代表): contacting deputy → contacted deputies (illustrative).
CONTACTS: dict[str, tuple[str, ...]] = {
    "zhou-lixin": ("wang-jianjun", "yang-xiaodong"),
    "jiang-hong": ("qiu-guohua",),
    "cao-shouxin": ("liu-shugang",),
    "lv-hui": ("zang-desheng", "qin-yumei"),
    "yuan-zhicheng": ("li-jianping",),
    "peng-tao": ("qin-jianping",),
}

# Deputies who also sit in the Weifang city or Shandong provincial congress (illustrative);
# 赵海峰 sits at three levels.
HIGHER_SEATS: dict[str, tuple[str, ...]] = {
    "wang-jianjun": (WF,),
    "zhang-deshun": (WF,),
    "qin-yumei": (WF,),
    "zhou-lixin": (WF,),
    "zhao-haifeng": (WF, SD),
    "gao-zhendong": (SD,),
}


def deputy_id(slug: str) -> str:
    return f"zc-dep-{slug}"


def deputy_part() -> Dataset:
    deputies = [
        node(deputy_id(slug), name, src, gender=gender, category=cat, expertise=expertise)
        for slug, name, gender, cat, expertise, src in DEPUTIES
    ]
    seats = [(slug, ZC) for slug, *_ in DEPUTIES]
    seats += [(slug, c) for slug, congresses in HIGHER_SEATS.items() for c in congresses]
    deputy_of = [
        {"start": deputy_id(s), "end": c, "level": LEVEL[c], "since": TERM_START[c]}
        for s, c in seats
    ]
    members = []
    for group, (convener, rest) in MEMBERSHIP.items():
        if convener is not None:
            members.append(
                {"start": deputy_id(convener), "end": group_id(group), "role": "CONVENER"}
            )
        members += [{"start": deputy_id(m), "end": group_id(group), "role": "MEMBER"} for m in rest]
    sits_on = [
        {"start": deputy_id(d), "end": committee_id(c)} for c, ds in SITS_ON.items() for d in ds
    ]
    contacts = [
        {"start": deputy_id(a), "end": deputy_id(b)} for a, bs in CONTACTS.items() for b in bs
    ]
    return {
        "nodes": {"Deputy": deputies},
        "rels": [
            ("DEPUTY_OF", "Deputy", "Congress", deputy_of),
            ("GROUP_MEMBER", "Deputy", "DeputyGroup", members),
            ("SITS_ON", "Deputy", "Committee", sits_on),
            ("CONTACTS", "Deputy", "Deputy", contacts),
        ],
    }


# --- enterprises --------------------------------------------------------------------------

# slug, name, town, industry code, alliance ids, employee deputy slugs. All illustrative:
# invented names (a real company may share one by chance), Zhucheng's real towns and streets.
_P = PREPARED_FOOD_ALLIANCE
ENTERPRISES: tuple[tuple[str, str, str | None, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "furui-auto-parts",
        "诸城市福瑞汽车零部件有限公司",
        "诸城经济开发区",
        "C3670",
        (alliance_id("auto"),),
        ("wang-jianjun",),
    ),
    (
        "hongtai-axle",
        "诸城市宏泰车桥制造有限公司",
        "龙都街道",
        "C3670",
        (alliance_id("auto"),),
        ("zang-haiyan",),
    ),
    (
        "tongda-special-vehicle",
        "山东诸城通达专用汽车有限公司",
        "诸城经济开发区",
        "C3611",
        (alliance_id("auto"),),
        ("yu-hongbo",),
    ),
    (
        "xinneng-auto-electronics",
        "诸城市新能汽车电子有限公司",
        "舜王街道",
        "C3612",
        (alliance_id("auto"),),
        (),
    ),
    (
        "jinhua-apparel",
        "诸城市锦华服饰有限公司",
        "舜王街道",
        "C181",
        (alliance_id("textile"),),
        ("liu-guifang",),
    ),
    (
        "hengyuan-knitting",
        "诸城市恒源针织有限公司",
        "昌城镇",
        "C182",
        (alliance_id("textile"),),
        ("zhang-xiuying",),
    ),
    (
        "lujin-cotton",
        "诸城市鲁锦棉纺有限公司",
        "百尺河镇",
        "C171",
        (alliance_id("textile"),),
        ("chen-zhiqiang",),
    ),
    (
        "jinding-food-machinery",
        "诸城市金鼎食品机械有限公司",
        "诸城经济开发区",
        "C3531",
        (alliance_id("smart-equipment"),),
        ("gao-zhendong",),
    ),
    # 郑洪霞's employer: the bead-wire facts are the seed's, the name is invented.
    (
        "ruifeng-steel-wire",
        "诸城市瑞丰钢丝制品有限公司",
        "诸城经济开发区",
        "C3340",
        (alliance_id("smart-equipment"),),
        ("zheng-hongxia",),
    ),
    (
        "zhichuang-robotics",
        "诸城市智创机器人科技有限公司",
        "密州街道",
        "C3491",
        (alliance_id("smart-equipment"),),
        ("qiu-wenbin",),
    ),
    (
        "kangyuan-biopharma",
        "诸城市康源生物制药有限公司",
        "诸城经济开发区",
        "C2761",
        (alliance_id("biomedicine"),),
        ("yang-xiaodong",),
    ),
    (
        "runde-pharma",
        "诸城市润德药业有限公司",
        "密州街道",
        "C2720",
        (alliance_id("biomedicine"),),
        ("song-jianhua",),
    ),
    # Operates the 竹山 eco-tourism area the seed credits to 刘淑刚; the name is invented.
    (
        "zhushan-eco-valley",
        "诸城市竹山生态谷旅游开发有限公司",
        None,
        "N786",
        (alliance_id("culture-tourism"),),
        ("liu-shugang",),
    ),
    ("xianshihui-food", "诸城市鲜食汇食品有限公司", "辛兴镇", "C1432", (_P,), ("zheng-simin",)),
    ("luweifang-food", "诸城市鲁味坊食品有限公司", "相州镇", "C1432", (_P,), ("li-shenglin",)),
    (
        "huakang-meat",
        "诸城市华康肉制品有限公司",
        "贾悦镇",
        "C1353",
        (_P, alliance_id("food")),
        ("zang-desheng",),
    ),
    ("jiahe-frozen-food", "诸城市佳禾速冻食品有限公司", "石桥子镇", "C1432", (_P,), ()),
    (
        "taolin-tea",
        "诸城市桃林茶业有限公司",
        "桃林镇",
        "C1530",
        (alliance_id("tea"),),
        ("ge-hongliang",),
    ),
    (
        "xinhe-food",
        "诸城市新禾食品有限公司",
        "枳沟镇",
        "C1353",
        (alliance_id("food"),),
        ("zhang-deshun",),
    ),
    (
        "qiluxiang-condiments",
        "诸城市齐鲁香调味品有限公司",
        "皇华镇",
        "C146",
        (alliance_id("food"),),
        ("li-hongmei",),
    ),
    (
        "fengyuan-starch",
        "诸城市丰源淀粉有限公司",
        "诸城经济开发区",
        "C1391",
        (alliance_id("corn-starch"),),
        ("zhao-haifeng",),
    ),
    (
        "huirun-modified-starch",
        "诸城市汇润变性淀粉有限公司",
        "密州街道",
        "C1391",
        (alliance_id("corn-starch"),),
        ("liu-qiang",),
    ),
    (
        "tongli-pumps",
        "诸城市通力泵阀有限公司",
        "林家村镇",
        "C344",
        (alliance_id("machinery"),),
        ("xu-weidong",),
    ),
    (
        "hengfeng-casting",
        "诸城市恒丰铸造有限公司",
        "昌城镇",
        "C33",
        (alliance_id("machinery"),),
        ("gao-liping",),
    ),
    (
        "yangguang-new-energy",
        "诸城市阳光新能源科技有限公司",
        "贾悦镇",
        "D4416",
        (alliance_id("new-energy"),),
        ("ma-junjie",),
    ),
    (
        "lineng-materials",
        "诸城市锂能新材料有限公司",
        "诸城经济开发区",
        "C3841",
        (alliance_id("new-energy"),),
        ("yu-chunlei",),
    ),
    (
        "wangnong-pigs",
        "诸城市旺农生猪养殖有限公司",
        "石桥子镇",
        "A031",
        (alliance_id("livestock"),),
        ("meng-qinghai",),
    ),
    (
        "shunjie-cold-chain",
        "诸城市顺捷冷链物流有限公司",
        "舜王街道",
        "G59",
        (alliance_id("logistics"),),
        ("chen-gang",),
    ),
    (
        "anda-freight",
        "诸城市安达货运有限公司",
        "龙都街道",
        "G543",
        (alliance_id("logistics"),),
        ("song-lihua",),
    ),
    (
        "chengjian-construction",
        "诸城市城建建筑工程有限公司",
        "密州街道",
        "E47",
        (alliance_id("building"),),
        ("qin-jianping",),
    ),
    (
        "jianshi-cement-products",
        "诸城市坚石水泥制品有限公司",
        "昌城镇",
        "C302",
        (alliance_id("building"),),
        ("guan-zhigang",),
    ),
    (
        "huaxin-electronics",
        "诸城市华芯电子有限公司",
        "诸城经济开发区",
        "C398",
        (alliance_id("electronics"),),
        ("sun-xiaomei",),
    ),
    (
        "boyuan-electronics",
        "诸城市博远电子科技有限公司",
        "龙都街道",
        "C398",
        (alliance_id("electronics"),),
        ("gao-feng",),
    ),
    (
        "ruitai-materials",
        "诸城市瑞泰新材料有限公司",
        "辛兴镇",
        "C265",
        (alliance_id("chemicals"),),
        ("qiu-guohua",),
    ),
    (
        "hongda-chemicals",
        "诸城市宏达化工有限公司",
        "百尺河镇",
        "C26",
        (alliance_id("chemicals"),),
        ("ma-yonggang",),
    ),
    ("xintiandi-trading", "诸城市新天地商贸有限公司", "密州街道", "F51", (), ("li-jianping",)),
    (
        "youpin-ecommerce",
        "诸城市优品电子商务有限公司",
        "龙都街道",
        "F5292",
        (alliance_id("cross-border"),),
        ("zang-xiaoyan",),
    ),
    (
        "haina-trading",
        "诸城市海纳进出口有限公司",
        "舜王街道",
        "F51",
        (alliance_id("cross-border"),),
        (),
    ),
    (
        "lvyuan-cooperative-farm",
        "诸城市绿源农业科技有限公司",
        "枳沟镇",
        "A014",
        (alliance_id("modern-agriculture"),),
        (),
    ),
)


def enterprise_id(slug: str) -> str:
    return f"zc-ent-{slug}"


def enterprise_part() -> Dataset:
    enterprises = [
        node(
            enterprise_id(slug),
            name,
            ILLUSTRATIVE,
            uscc=make_uscc(ZHUCHENG_REGION, serial),
            town=town,
        )
        for serial, (slug, name, town, *_) in enumerate(ENTERPRISES, start=1)
    ]
    in_industry = [{"start": enterprise_id(e[0]), "end": industry_id(e[3])} for e in ENTERPRISES]
    alliance_member = [
        {"start": enterprise_id(e[0]), "end": a, "since": PARTNER_SINCE}
        for e in ENTERPRISES
        for a in e[4]
    ]
    works_at = [
        {"start": deputy_id(d), "end": enterprise_id(e[0])} for e in ENTERPRISES for d in e[5]
    ]
    return {
        "nodes": {"Enterprise": enterprises},
        "rels": [
            ("IN_INDUSTRY", "Enterprise", "Industry", in_industry),
            ("ALLIANCE_MEMBER", "Enterprise", "Alliance", alliance_member),
            ("WORKS_AT", "Deputy", "Enterprise", works_at),
        ],
    }


# The dataset, part by part. A later module adds its builder here (e.g. the 2024 trips);
# a part may refer to any node another part defines, since a dataset writes nodes first.
PARTS: list[Callable[[], Dataset]] = [
    industry_part,
    congress_part,
    group_part,
    alliance_part,
    deputy_part,
    enterprise_part,
    demo_trips,
    demo_proposals,
]


def demo_dataset() -> Dataset:
    """The Zhucheng demo, freshly built (callers may mutate it)."""
    return merge(*(part() for part in PARTS))
