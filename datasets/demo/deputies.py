"""The demo's deputies: the four the seed names and the illustrative rest, with their seats
(Zhucheng, and for a few also Weifang or Shandong), group memberships, committee seats and the
first link (常委会组成人员联系代表)."""

from __future__ import annotations

from datasets.demo.congresses import LEVEL, TERM_START
from datasets.demo.ids import (
    ILLUSTRATIVE,
    SD,
    SEED,
    WF,
    ZC,
    committee_id,
    deputy_id,
    group_id,
)
from datasets.rows import node
from graph.kernel.dataset import Dataset

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
    ("hou-lijun", "侯立军", M, ENT, "农业机械研发制造", ILLUSTRATIVE),
    ("sun-xiuqin", "孙秀芹", F, PRO, "农机推广，高级工程师", ILLUSTRATIVE),
    ("wang-zhigang", "王志刚", M, FARM, "农机专业合作社", ILLUSTRATIVE),
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
# 预制菜; 郑洪霞 in 智能装备. Where the seed names who leads a group's work, no invented deputy
# ranks above them: 郑思敏 (named first of the two who 带头引领) convenes 预制菜 and 郑洪霞
# 智能装备 (those convener roles are illustrative; the seed does not name those conveners).
# 生物医药 takes in the corn-starch deputies (the seed credits the group with the corn-starch
# base). Everyone else is illustrative; 建筑建材 has no convener (a gap).
MEMBERSHIP: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "auto": ("wang-jianjun", ("sun-lihua", "zang-haiyan", "zhao-mingyuan", "yu-hongbo")),
    "textile": ("liu-guifang", ("zhang-xiuying", "chen-zhiqiang", "ma-lijuan")),
    "smart-equipment": ("zheng-hongxia", ("gao-zhendong", "xu-guoqing", "qiu-wenbin")),
    "biomedicine": (
        "yang-xiaodong",
        ("guan-shumei", "song-jianhua", "sui-li", "zhao-haifeng", "wang-shuzhen", "liu-qiang"),
    ),
    "culture-tourism": ("liu-shugang", ("meng-fanrong", "han-baoshan", "wang-jing")),
    "prepared-food": ("zheng-simin", ("li-shenglin", "zang-desheng", "ding-meiling")),
    "tea": ("qin-yumei", ("ge-hongliang", "chen-xiaohong")),
    "food": ("zhang-deshun", ("li-hongmei", "sun-fuqiang")),
    "farm-machinery": ("hou-lijun", ("sun-xiuqin", "wang-zhigang")),
    "machinery": ("xu-weidong", ("gao-liping", "qiu-ming")),
    "new-energy": ("ma-junjie", ("yang-fan", "yu-chunlei")),
    "modern-agriculture": ("wang-defu", ("li-xiulan", "han-lixin", "zhang-yuxia", "sui-jianguo")),
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


def deputy_part(built: Dataset) -> Dataset:
    """The deputies with their seats, groups, committees and contacts."""
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
