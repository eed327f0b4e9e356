"""The demo's industries: the real GB/T 4754-2017 codes and names Zhucheng's economy needs, as a
tree (`PART_OF`). The classification is not in the seed, so the rows are `illustrative`; the
synthetic provinces share the same tree (`industry_tree`)."""

from __future__ import annotations

from datasets.demo.ids import ILLUSTRATIVE, industry_id
from datasets.rows import node
from graph.kernel.dataset import Dataset
from graph.kernel.model import industry_parent

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


# What people call an industry when they do not use the classification's name (the seed's group
# names among them): `search` finds the industry by these (the `aliases` property).
ALIASES: dict[str, tuple[str, ...]] = {
    "A0164": ("茶", "茶叶", "茶产业", "绿茶"),
    "C1391": ("玉米淀粉", "玉米深加工"),
    "C13": ("农产品加工", "食品加工"),
    "C135": ("肉食", "肉类加工"),
    "C14": ("食品加工",),
    "C1432": ("预制菜", "速冻食品"),
    "C153": ("茶", "茶叶", "茶产业"),
    "C1530": ("茶", "茶叶", "茶产业", "绿茶"),
    "C17": ("纺织", "纺织服装", "服装纺织"),
    "C18": ("服装", "纺织服装", "服装纺织"),
    "C27": ("生物医药", "医药", "制药"),
    "C276": ("生物医药", "生物制药"),
    "C3340": ("钢丝", "胎圈钢丝"),
    "C34": ("机械装备", "装备制造"),
    "C35": ("智能装备", "装备制造", "机械装备"),
    "C3491": ("智能装备", "机器人"),
    "C36": ("汽车", "汽车产业"),
    "C3612": ("新能源汽车",),
    "C367": ("汽车零部件",),
    "C3841": ("锂电池", "新能源电池"),
    "D4415": ("新能源", "风电"),
    "D4416": ("新能源", "光伏"),
    "F5292": ("电商", "电子商务"),
    "G543": ("物流", "货运"),
    "G59": ("物流", "仓储"),
    "N786": ("文旅", "文旅融合", "旅游", "景区"),
    "R903": ("文旅", "文旅融合", "旅游", "乡村旅游"),
}


def industry_tree() -> Dataset:
    """The Industry nodes (with their ALIASES) and their `PART_OF` tree."""
    rows = [
        node(industry_id(c), n, ILLUSTRATIVE, code=c, aliases=list(ALIASES.get(c, ())) or None)
        for c, n in INDUSTRIES
    ]
    part_of = [
        {"start": industry_id(c), "end": industry_id(parent)}
        for c, _ in INDUSTRIES
        if (parent := industry_parent(c)) is not None
    ]
    return {"nodes": {"Industry": rows}, "rels": [("PART_OF", "Industry", "Industry", part_of)]}


def industry_part(built: Dataset) -> Dataset:
    """The first part of the demo: the industry tree (it needs nothing built before it)."""
    return industry_tree()
