"""The word lists and proportions synthetic provinces are drawn from: names of people, places
and firms, the groups' themes (industries of the demo's GB/T 4754 tree), committees, deputy
categories and the relative sizes of congresses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from datasets.demo.industries import INDUSTRIES

D = dt.date

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
LEAVES = {code for code, _ in INDUSTRIES} - {code[:-1] for code, _ in INDUSTRIES if len(code) > 1}


def _leaves_under(codes: Sequence[str]) -> tuple[str, ...]:
    found = sorted({leaf for leaf in LEAVES for c in codes if leaf.startswith(c)})
    return tuple(found) or tuple(codes)


THEME_LEAVES = {slug: _leaves_under(codes) for slug, _, codes in THEMES}
THEME_NAMES = {slug: name for slug, name, _ in THEMES}
THEME_CODES = {slug: codes for slug, _, codes in THEMES}

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
# The level one up, for deputies who also sit there.
PARENT_LEVEL = {
    "TOWNSHIP": "COUNTY",
    "COUNTY": "CITY",
    "CITY": "PROVINCIAL",
    "PROVINCIAL": "NATIONAL",
}
