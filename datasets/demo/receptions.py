"""Receptions: 仪征市马集镇人大's "移动会客厅" and a 庆阳 station, with their bookings and issues.

Provenance (the seed lines relied on are kept verbatim in datasets/demo/seed_receptions.txt,
which tests/datasets/test_demo_receptions.py checks every seed string against):
- seed: 马集镇人大 has an ordinary 会客厅 and a topic room "服务企业不打烊" (both rows `seed`; the
  seed calls the whole a "移动会客厅", "哪里放个板凳，哪里就是会客厅", so both are `mobile`); 陈玲
  staffs them; the 321 rule (at least two deputies at every reception: every completed or
  scheduled reception here has two); the new-year reception (新春伊始) where citizens asked
  "开办企业需要哪些流程?" and "我的企业失信了还能修复吗?" and 平公司的李老板 said what the room
  is for (his words are his booking's topic); the February reception on the 黑莓, 啤酒屋 and 博登
  农业 projects' land transfer: the deputies' three questions (the issues' titles), the answers
  given on the spot (their `promise`, verbatim) and so their deadlines (`promisedBy`: one, two,
  three months after the reception); 啤酒屋's 张先生 heard "3至4个月后解决" (his booking's note).
  庆阳: receptions (接待日, 选民接待日) by 四定 (theme, host, audience, time) at 家站点 merged with
  legislative contact points, on education, medical care, employment and elderly care, handled
  by 四闭环 (问需求, 建清单, 盯办理, 快答复: the issue statuses).
- illustrative: the days and slots (the seed says "新春伊始" and "二月" of 2025: 6 and 18 Feb),
  addresses and coordinates, the other deputies, every other reception, booking and issue, how
  far each issue has come (statuses, units, answers, outcomes), the enterprises' names, the 庆阳
  station and its point, and every citizen's contact (surname + 先生/女士, phones 138 0000 00xx;
  李老板 and 张先生 are as the seed calls them). The reception on 29 Dec 2026 is a DRAFT with a
  single deputy on purpose: the 321 check has something to find.
"""

from __future__ import annotations

import datetime as dt

from datasets.demo.cities import MAJI_DEPUTIES, MJ, QINGYANG_DEPUTIES, QY, unit_id
from datasets.demo.ids import ILLUSTRATIVE, SEED, industry_id
from datasets.demo.issue_keys import with_issue_keys
from datasets.demo.issues import IssuePlan, add_issue, at, contact_row
from datasets.rows import Chunk, node
from graph.kernel.dataset import Dataset

D = dt.date
TODAY = D(2026, 12, 3)  # the demo's "now": receptions after it are SCHEDULED
ROOM, TOPIC_ROOM = "mj-venue-room", "mj-venue-topic"
STATION, LEGISLATIVE = "qy-venue-station", "qy-venue-legislative"
LAND_RECEPTION = "mj-rec-2025-02-18"
NEW_YEAR_RECEPTION = "mj-rec-2025-02-06"
DRAFT_RECEPTION = "mj-rec-2026-12-29"
MAJI_BY, QINGYANG_BY = "马集镇人大", "庆阳市人大常委会代表工作室"
CHEN, ZHOU, LIU, SUN = MAJI_DEPUTIES
MA, LI, ZHANG, HE = QINGYANG_DEPUTIES
AM, PM = ("09:00", "11:30"), ("14:30", "17:00")

# The seed's words. Names and titles keep the seed's ASCII commas and question marks (the form
# graph/kernel/names.py keys names by); longer texts use full-width ones, which the tests
# compare with the seed alike.
LI_BOSS_SAYS = (
    "我们做企业的平时因为事务繁多，对一些业务流程掌握不及时，有了‘会客厅’这样一个平台，"
    "就能随时去咨询，有时还能提提建议，请人大代表把我们的心声带上去。"
)
LAND_QUESTIONS = (
    # (title: the deputies' question, promise: the answer on the spot, months to the deadline,
    #  unit)
    (
        "涉及黑莓、啤酒屋、博登农业几个项目的土地流转手续办到哪一步了?",
        "目前项目用地都在办理立项手续,需要一个月左右。",
        1,
        "drc",
    ),
    ("土地流转手续什么时候能办好?", "流转手续大概需要两个月。", 2, "agri"),
    ("企业什么时候能够进场施工?", "预计3个月以后可以进行施工。", 3, "nature"),
)
BEER_HOUSE_HEARD = "听闻项目用地将在3至4个月后解决"
PROJECTS = ("yz-ent-blackberry", "yz-ent-beer-house", "yz-ent-boden")

VENUES = (
    # id, name, source, kind, roomKind, topic, township, address, mobile, lat, lng, congress,
    # description
    (ROOM, "马集镇人大普通“会客厅”", SEED, "RECEPTION_ROOM", "ORDINARY", None, "马集镇",
     "江苏省仪征市马集镇人民政府便民服务中心", True, 32.405, 119.078, MJ,
     "“移动会客厅”：只要代表和群众有需要，在哪里放个板凳，哪里就是“会客厅”"),
    (TOPIC_ROOM, "马集镇人大“服务企业不打烊”专题“会客厅”", SEED, "RECEPTION_ROOM", "TOPIC",
     "服务企业不打烊", "马集镇", "江苏省仪征市马集镇工业集中区", True, 32.398, 119.091, MJ,
     "专题“会客厅”，服务地方企业发展"),
    (STATION, "西峰区北街街道人大代表联络站", ILLUSTRATIVE, "STATION", None, None, "北街街道",
     "甘肃省庆阳市西峰区北街街道", False, 35.736, 107.642, QY,
     "“家站点”与基层立法联系点融合：常态化开展政策宣讲、选民接待、矛盾纠纷化解"),
    (LEGISLATIVE, "西峰区北街街道基层立法联系点", ILLUSTRATIVE, "LEGISLATIVE_POINT", None, None,
     "北街街道", "甘肃省庆阳市西峰区北街街道", False, 35.736, 107.642, QY,
     "与北街街道人大代表联络站融合"),
)  # fmt: skip
STAFF = {ROOM: (CHEN, ZHOU, SUN), TOPIC_ROOM: (CHEN, LIU), STATION: QINGYANG_DEPUTIES,
         LEGISLATIVE: (MA, HE)}  # fmt: skip

ORDINARY = ("马集镇人大", "辖区群众")
ENTERPRISES = ("马集镇人大", "辖区企业负责人")
# day, venue, slot, title, theme, (host, audience), deputies, source
RECEPTIONS = (
    (D(2024, 1, 16), ROOM, AM, "惠民政策宣讲", ORDINARY, (CHEN, ZHOU)),
    (D(2024, 3, 12), ROOM, AM, "春耕备耕需求", ORDINARY, (ZHOU, SUN)),
    (D(2024, 3, 26), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (CHEN, LIU)),
    (D(2024, 5, 14), ROOM, AM, "矛盾纠纷化解", ORDINARY, (CHEN, SUN)),
    (D(2024, 6, 25), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (CHEN, LIU)),
    (D(2024, 7, 16), ROOM, AM, "乡村振兴", ORDINARY, (ZHOU, SUN)),
    (D(2024, 9, 10), ROOM, AM, "民生实事", ORDINARY, (CHEN, ZHOU)),
    (D(2024, 9, 24), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (LIU, SUN)),
    (D(2024, 11, 12), ROOM, AM, "政策咨询", ORDINARY, (CHEN, SUN)),
    (D(2024, 12, 24), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (CHEN, LIU)),
    (D(2025, 2, 6), ROOM, AM, "新春听民声", ORDINARY, (CHEN, ZHOU)),
    (D(2025, 2, 18), TOPIC_ROOM, PM, "项目用地土地流转手续", ENTERPRISES, (CHEN, LIU)),
    (D(2025, 4, 15), ROOM, AM, "政策咨询", ORDINARY, (ZHOU, SUN)),
    (D(2025, 5, 27), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (CHEN, LIU)),
    (D(2025, 6, 17), ROOM, AM, "矛盾纠纷化解", ORDINARY, (CHEN, SUN)),
    (D(2025, 9, 23), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (LIU, SUN)),
    (D(2025, 10, 14), ROOM, AM, "民生实事", ORDINARY, (CHEN, ZHOU)),
    (D(2025, 12, 16), ROOM, AM, "乡村振兴", ORDINARY, (ZHOU, SUN)),
    (D(2026, 12, 8), ROOM, AM, "惠民政策宣讲", ORDINARY, (CHEN, ZHOU)),
    (D(2026, 12, 15), TOPIC_ROOM, PM, "服务企业不打烊", ENTERPRISES, (CHEN, LIU)),
    (D(2026, 12, 22), ROOM, AM, "年终民意收集", ORDINARY, (ZHOU, SUN)),
    (D(2026, 12, 29), ROOM, AM, "政策咨询", ORDINARY, (SUN,)),  # the deliberate DRAFT
    # 庆阳: 接待日 and 选民接待日 by 四定, one field each
    (D(2025, 3, 14), STATION, ("09:00", "12:00"), "教育", ("庆阳市人大常委会", "学生家长、教师"),
     (MA, HE)),
    (D(2025, 4, 15), STATION, ("09:00", "12:00"), "医疗", ("庆阳市人大常委会", "辖区居民"),
     (LI, ZHANG)),
    (D(2025, 5, 15), LEGISLATIVE, ("14:30", "17:30"), "就业",
     ("庆阳市人大常委会", "高校毕业生、返乡务工人员"), (ZHANG, MA)),
    (D(2025, 6, 13), STATION, ("09:00", "12:00"), "养老", ("庆阳市人大常委会", "辖区老年人及家属"),
     (HE, LI)),
    (D(2025, 9, 15), STATION, ("09:00", "12:00"), "教育", ("庆阳市人大常委会", "学生家长、教师"),
     (MA, LI)),
    (D(2025, 11, 14), STATION, ("09:00", "12:00"), "医疗", ("庆阳市人大常委会", "辖区居民"),
     (LI, HE)),
    (D(2026, 12, 11), STATION, ("09:00", "12:00"), "就业",
     ("庆阳市人大常委会", "高校毕业生、返乡务工人员"), (ZHANG, MA)),
    (D(2026, 12, 18), LEGISLATIVE, ("14:30", "17:30"), "养老",
     ("庆阳市人大常委会", "辖区老年人及家属"), (HE, ZHANG)),
)  # fmt: skip
SEED_RECEPTIONS = {NEW_YEAR_RECEPTION, LAND_RECEPTION}


def reception_id(venue: str, day: D) -> str:
    return f"{venue.split('-')[0]}-rec-{day.isoformat()}"


def _title(venue: str, day: D, theme: str) -> str:
    if venue in (STATION, LEGISLATIVE):
        kind = "选民接待日" if day.month % 2 == 0 else "代表接待日"
        return f"{kind}·{theme}"
    if venue == TOPIC_ROOM:
        return f"专题“会客厅”接待·{theme}"
    return f"“会客厅”接待·{theme}"


def _receptions(chunk: Chunk) -> None:
    for day, venue, (start, end), theme, (host, audience), deputies in RECEPTIONS:
        rid = reception_id(venue, day)
        status = "COMPLETED" if day < TODAY else "SCHEDULED"
        if rid == DRAFT_RECEPTION:
            status = "DRAFT"
        title = _title(venue, day, theme)
        row = node(rid, title, SEED if rid in SEED_RECEPTIONS else ILLUSTRATIVE, kind="RECEPTION")
        row |= {"title": title, "start": day, "end": day, "slotStart": start, "slotEnd": end}
        row |= {"theme": theme, "host": host, "audience": audience, "status": status}
        chunk.node("Activity", row)
        chunk.rel("HELD_AT", "Activity", "Venue", rid, venue)
        for i, deputy in enumerate(deputies):
            chunk.rel(
                "TAKES_PART", "Deputy", "Activity", deputy, rid, role="LEAD" if i == 0 else "MEMBER"
            )


def _venues(chunk: Chunk) -> None:
    for vid, name, source, kind, room, topic, town, address, mobile, lat, lng, cid, text in VENUES:
        row = node(vid, name, source, kind=kind, roomKind=room, topic=topic, township=town)
        row |= {"address": address, "mobile": mobile, "latitude": lat, "longitude": lng}
        chunk.node("Venue", row | {"description": text, "congressId": cid})
        chunk.rel("VENUE_OF", "Venue", "Congress", vid, cid)
        for deputy in STAFF[vid]:
            chunk.rel("STAFFS", "Deputy", "Venue", deputy, vid, since=D(2024, 1, 1))


# id, venue, day, slot, channel, status, topic, enterprise, contact (name, phone), note, source
BOOKINGS = (
    ("mj-bk-01", ROOM, D(2024, 3, 12), ("09:00", "09:30"), "ONLINE", "ATTENDED", "宅基地确权咨询",
     None, ("钱先生", "138 0000 0011"), None, ILLUSTRATIVE),
    ("mj-bk-02", TOPIC_ROOM, D(2024, 3, 26), ("14:30", "15:00"), "OFFLINE", "ATTENDED",
     "厂房建设规划许可", "yz-ent-boden", ("孔先生", "138 0000 0012"), None, ILLUSTRATIVE),
    ("mj-bk-03", ROOM, D(2024, 7, 16), ("09:30", "10:00"), "ONLINE", "NO_SHOW", "农机补贴申领",
     None, ("吴先生", "138 0000 0013"), None, ILLUSTRATIVE),
    ("mj-bk-04", ROOM, D(2024, 11, 12), ("09:00", "09:30"), "OFFLINE", "CANCELLED", "邻里纠纷调解",
     None, ("郑女士", "138 0000 0014"), None, ILLUSTRATIVE),
    ("mj-bk-05", ROOM, D(2025, 2, 6), ("09:00", "09:30"), "OFFLINE", "ATTENDED", LI_BOSS_SAYS,
     "yz-ent-ping", ("李老板", "138 0000 0001"), None, SEED),
    ("mj-bk-06", ROOM, D(2025, 2, 6), ("09:30", "10:00"), "WALK_IN", "ATTENDED", "开办企业流程",
     None, ("王女士", "138 0000 0002"), None, ILLUSTRATIVE),
    ("mj-bk-07", ROOM, D(2025, 2, 6), ("10:00", "10:30"), "WALK_IN", "ATTENDED", "企业信用修复",
     None, ("赵先生", "138 0000 0003"), None, ILLUSTRATIVE),
    ("mj-bk-08", TOPIC_ROOM, D(2025, 2, 18), ("14:30", "15:30"), "OFFLINE", "ATTENDED",
     "项目用地", "yz-ent-beer-house", ("张先生", "138 0000 0004"), BEER_HOUSE_HEARD, SEED),
    ("mj-bk-09", TOPIC_ROOM, D(2025, 9, 23), ("14:30", "15:00"), "ONLINE", "ATTENDED",
     "物流车辆通行", "yz-ent-ping", ("李老板", "138 0000 0001"), None, ILLUSTRATIVE),
    ("mj-bk-10", ROOM, D(2026, 12, 8), ("09:00", "09:30"), "ONLINE", "CONFIRMED", "农村饮水安全",
     None, ("陈女士", "138 0000 0015"), None, ILLUSTRATIVE),
    ("mj-bk-11", TOPIC_ROOM, D(2026, 12, 15), ("14:30", "15:00"), "ONLINE", "REQUESTED",
     "黑莓深加工项目用电增容", "yz-ent-blackberry", ("杨先生", "138 0000 0016"), None,
     ILLUSTRATIVE),
    ("mj-bk-12", ROOM, D(2026, 12, 22), ("09:30", "10:00"), "OFFLINE", "CONFIRMED", "养老服务",
     None, ("许女士", "138 0000 0017"), None, ILLUSTRATIVE),
)  # fmt: skip


def _bookings(chunk: Chunk) -> None:
    for bid, venue, day, (start, end), channel, status, topic, ent, contact, note, src in BOOKINGS:
        # Booked ahead (never after the demo's today); a walk-in is recorded on the day.
        made = (
            day
            if channel == "WALK_IN"
            else min(day - dt.timedelta(days=10), TODAY - dt.timedelta(days=3))
        )
        name = "企业业务流程咨询" if topic == LI_BOSS_SAYS else topic
        row = node(bid, name, src, channel=channel, day=day)
        row |= {"slotStart": start, "slotEnd": end, "status": status, "topic": topic}
        chunk.node("Booking", row | {"at": at(made, 9, 30), "note": note})
        chunk.rel("BOOKED_AT", "Booking", "Venue", bid, venue)
        chunk.rel("BOOKED_FOR", "Booking", "Activity", bid, reception_id(venue, day))
        if ent:
            chunk.rel("BOOKED_BY", "Booking", "Enterprise", bid, ent)
        chunk.node("Contact", contact_row(f"{bid}-contact", *contact))
        chunk.rel("CONTACT", "Booking", "Contact", bid, f"{bid}-contact")


def _months(day: D, months: int) -> D:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _maji_issues(chunk: Chunk) -> None:
    day = D(2025, 2, 18)
    for n, (title, promise, months, unit) in enumerate(LAND_QUESTIONS, 1):
        deadline = _months(day, months)
        add_issue(chunk, IssuePlan(
            f"mj-issue-land-{n}", title, MJ, day, "RECEPTION", "CLOSED", MAJI_BY, source=SEED,
            unit=unit_id("yz", unit), outcome="SOLVED", promise=promise, promised_by=deadline,
            measure="镇人大建立项目用地手续办理台账，会同相关部门并联办理，按现场表态时限跟踪督办",
            answer="手续已按表态时限办结，书面反馈企业", assign_after=1,
            answer_after=(deadline - day).days - 3, due_days=(deadline - day).days - 1,
            industry=industry_id("A01"), activity=LAND_RECEPTION, enterprises=PROJECTS,
            deputies=(CHEN, LIU), satisfaction="SATISFIED",
        ))  # fmt: skip
    new_year = D(2025, 2, 6)
    for iid, title, unit, ending, answer_after, booking, person in (
        ("mj-issue-start-up", "开办企业需要哪些流程?", "approval", "EXPLAINED", 2, "mj-bk-06",
         ("王女士", "138 0000 0002")),
        ("mj-issue-credit", "我的企业失信了还能修复吗?", "market", "SOLVED", 25, "mj-bk-07",
         ("赵先生", "138 0000 0003")),
    ):  # fmt: skip
        add_issue(chunk, IssuePlan(
            iid, title, MJ, new_year, "RECEPTION", "CLOSED", MAJI_BY, source=SEED,
            unit=unit_id("yz", unit), outcome=ending, answer_after=answer_after, assign_after=1,
            promised_by=new_year + dt.timedelta(days=answer_after + 5),
            answer="已由承办部门一次性告知办理流程与材料", activity=NEW_YEAR_RECEPTION,
            booking=booking, deputies=(CHEN, ZHOU), contact=person,
        ))  # fmt: skip
    # day, venue, title, status, outcome, unit, deputies, enterprise, promise days, contact
    for n, (d, venue, title, status, outcome, office, deps, ent, days, contact) in enumerate((
        (D(2024, 3, 26), TOPIC_ROOM, "厂房建设规划许可办理进度", "CLOSED", "SOLVED", "nature",
         (CHEN, LIU), "yz-ent-boden", 30, None),
        (D(2024, 6, 25), TOPIC_ROOM, "企业招工难,希望对接职业技能培训", "CLOSED", "SOLVED", "hrss",
         (CHEN, LIU), "yz-ent-blackberry", 30, None),
        (D(2024, 9, 10), ROOM, "村道路灯损坏,夜间出行不便", "CLOSED", "SOLVED", "town",
         (CHEN, ZHOU), None, 14, ("冯先生", "138 0000 0018")),
        (D(2024, 12, 24), TOPIC_ROOM, "增值税留抵退税办理咨询", "CLOSED", "EXPLAINED", "tax",
         (CHEN, LIU), "yz-ent-ping", 14, None),
        (D(2025, 5, 27), TOPIC_ROOM, "农产品冷链仓储用地需求", "CLOSED", "UNSOLVED", "nature",
         (CHEN, LIU), "yz-ent-blackberry", 60, None),
        (D(2025, 9, 23), TOPIC_ROOM, "物流车辆进出工业集中区通行证办理", "ASSIGNED", None, "town",
         (LIU, SUN), "yz-ent-ping", 30, None),
        (D(2025, 10, 14), ROOM, "城乡居民医保线上缴费渠道咨询", "ANSWERED", None, "town",
         (CHEN, ZHOU), None, 14, ("何女士", "138 0000 0019")),
        (D(2025, 12, 16), ROOM, "灌溉泵站年久失修", "HANDLING", None, "agri", (ZHOU, SUN), None, 45,
         ("蒋先生", "138 0000 0020")),
        (D(2025, 12, 16), ROOM, "村级养老服务站开放时间短", "LISTED", None, None, (ZHOU, SUN), None,
         30, None),
    ), 1):  # fmt: skip
        add_issue(chunk, IssuePlan(
            f"mj-issue-{n:02d}", title, MJ, d, "RECEPTION", status, MAJI_BY, outcome=outcome,
            unit=unit_id("yz", office) if office else None, promise=f"{days}天内反馈",
            promised_by=d + dt.timedelta(days=days), answer_after=days - 5,
            measure="列入“收集问题”清单，交相关部门办理",
            answer="承办部门已书面答复", activity=reception_id(venue, d), deputies=deps,
            enterprises=(ent,) if ent else (), contact=contact,
        ))  # fmt: skip
    # Raised by booking for the next reception, its feedback due in the demo's week.
    add_issue(chunk, IssuePlan(
        "mj-issue-water", "农村饮水水压不足", MJ, D(2026, 11, 28), "BOOKING", "RAISED", MAJI_BY,
        promise="接待当天答复", promised_by=D(2026, 12, 8), booking="mj-bk-10",
        contact=("陈女士", "138 0000 0015"),
    ))  # fmt: skip


# day of the reception, title, status, outcome, unit, deputies, contact
QINGYANG_ISSUES = (
    (D(2025, 3, 14), "学校周边上下学时段交通拥堵", "CLOSED", "SOLVED", "edu", (MA, HE),
     ("刘女士", "138 0000 0021")),
    (D(2025, 3, 14), "课后服务收费标准不透明", "ANSWERED", None, "edu", (MA, HE), None),
    (D(2025, 4, 15), "社区卫生服务中心缺少儿科医生", "HANDLING", None, "health", (LI, ZHANG),
     ("马女士", "138 0000 0022")),
    (D(2025, 4, 15), "异地就医备案流程繁琐", "CLOSED", "SOLVED", "insurance", (LI, ZHANG), None),
    (D(2025, 5, 15), "返乡务工人员技能培训名额少", "CLOSED", "SOLVED", "hrss", (ZHANG, MA), None),
    (D(2025, 5, 15), "高校毕业生就业见习补贴发放慢", "ASSIGNED", None, "hrss", (ZHANG, MA),
     ("田先生", "138 0000 0023")),
    (D(2025, 6, 13), "老旧小区缺少老年助餐点", "LISTED", None, None, (HE, LI), None),
    (D(2025, 6, 13), "高龄津贴申领需多次跑腿", "CLOSED", "SOLVED", "civil", (HE, LI), None),
    (D(2025, 11, 14), "村卫生室药品种类少", "RAISED", None, None, (LI, HE), None),
)  # fmt: skip


def _qingyang_issues(chunk: Chunk) -> None:
    for n, (day, title, status, outcome, unit, deputies, contact) in enumerate(QINGYANG_ISSUES, 1):
        venue = LEGISLATIVE if day == D(2025, 5, 15) else STATION
        add_issue(chunk, IssuePlan(
            f"qy-issue-{n:02d}", title, QY, day, "RECEPTION", status, QINGYANG_BY,
            outcome=outcome, unit=unit_id("qy", unit) if unit else None, promise="15个工作日内答复",
            promised_by=day + dt.timedelta(days=21), answer_after=15,
            measure="建清单、明责任，对口交办并跟踪督办",
            answer="承办单位已答复并回访群众", activity=reception_id(venue, day), deputies=deputies,
            contact=contact,
        ))  # fmt: skip


def receptions_part(built: Dataset) -> Dataset:
    """马集镇's rooms and 庆阳's station, their receptions, bookings and issues."""
    chunk = Chunk()
    _venues(chunk)
    _receptions(chunk)
    _bookings(chunk)
    _maji_issues(chunk)
    _qingyang_issues(chunk)
    return with_issue_keys(built, chunk.dataset())
