"""The demo's enterprises: invented names (a real company may share one by chance) in Zhucheng's
real towns and streets, with well-formed USCCs of Zhucheng's region code, their industries,
alliances and the deputies who work at them."""

from __future__ import annotations

from datasets.demo.groups import PARTNER_SINCE
from datasets.demo.ids import (
    ILLUSTRATIVE,
    PREPARED_FOOD_ALLIANCE,
    alliance_id,
    deputy_id,
    enterprise_id,
    industry_id,
)
from datasets.rows import make_uscc, node
from graph.kernel.dataset import Dataset

ZHUCHENG_REGION = "370782"

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
        (alliance_id("biomedicine"),),
        ("zhao-haifeng",),
    ),
    (
        "huirun-modified-starch",
        "诸城市汇润变性淀粉有限公司",
        "密州街道",
        "C1391",
        (alliance_id("biomedicine"),),
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
    # Added later; kept at the end so the serials (and USCCs) above stay as they were.
    (
        "fengshou-farm-machinery",
        "诸城市丰收农业机械有限公司",
        "昌城镇",
        "C357",
        (alliance_id("farm-machinery"),),
        ("hou-lijun",),
    ),
    (
        "mubang-machinery",
        "诸城市牧邦畜牧机械有限公司",
        "林家村镇",
        "C357",
        (alliance_id("farm-machinery"),),
        (),
    ),
    (
        "longcheng-dinosaur-tourism",
        "诸城市龙城恐龙文化旅游有限公司",
        "龙都街道",
        "N786",
        (alliance_id("culture-tourism"),),
        (),
    ),
    (
        "changshan-leisure",
        "诸城市常山田园休闲观光有限公司",
        "密州街道",
        "R903",
        (alliance_id("culture-tourism"),),
        (),
    ),
    (
        "kangwang-poultry",
        "诸城市康旺禽业有限公司",
        "贾悦镇",
        "A032",
        (alliance_id("livestock"),),
        (),
    ),
    ("mingshan-tea", "诸城市茗山茶业有限公司", "皇华镇", "C1530", (alliance_id("tea"),), ()),
    (
        "beiwei-tea-garden",
        "诸城市北纬茶园种植有限公司",
        "桃林镇",
        "A0164",
        (alliance_id("tea"),),
        (),
    ),
)


def enterprise_part(built: Dataset) -> Dataset:
    """The enterprises with their industries, alliances and employee deputies."""
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
