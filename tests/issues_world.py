"""A small fixed graph for the issue and campaign tests, in the stored format of
graph/receptions (a reception is (:Activity {kind:'RECEPTION'})-[:HELD_AT]->(:Venue)), written
with plain Cypher so these tests do not depend on the venues' and receptions' own writes."""

from __future__ import annotations

import datetime as dt

from graph.kernel.db import Database

WORLD = """
CREATE (c:Congress {id: 'yz', name: '仪征市人大', sortKey: 'yizheng', source: 'seed'})
CREATE (d1:Deputy {id: 'd1', name: '王代表', sortKey: 'wang', source: 'seed'})
CREATE (d2:Deputy {id: 'd2', name: '李代表', sortKey: 'li', source: 'seed'})
CREATE (d3:Deputy {id: 'd3', name: '赵代表', sortKey: 'zhao', source: 'seed'})
CREATE (d1)-[:DEPUTY_OF {level: 'COUNTY'}]->(c), (d2)-[:DEPUTY_OF {level: 'COUNTY'}]->(c),
       (d3)-[:DEPUTY_OF {level: 'COUNTY'}]->(c)
CREATE (cm:Committee {id: 'cm', name: '财经委', sortKey: 'caijing', source: 'seed'})
CREATE (cm)-[:COMMITTEE_OF]->(c)
CREATE (v:Venue {id: 'v1', name: '马集镇代表会客厅', sortKey: 'maji', kind: 'RECEPTION_ROOM',
                 congressId: 'yz', source: 'seed'})-[:VENUE_OF]->(c)
CREATE (r:Activity {id: 'r1', kind: 'RECEPTION', title: '服务企业不打烊', name: '服务企业不打烊',
                    sortKey: 'fuwu', start: date('2026-03-05'), end: date('2026-03-05'),
                    slotStart: '09:00', slotEnd: '11:00', status: 'DONE', source: 'seed'})
CREATE (r)-[:HELD_AT]->(v)
CREATE (t:Activity {id: 't1', kind: 'RESEARCH', title: '走访企业', name: '走访企业',
                    sortKey: 'zoufang', start: date('2026-02-10'), end: date('2026-02-10'),
                    status: 'DONE', source: 'seed'})
CREATE (cm)-[:ORGANIZES]->(t)
CREATE (e1:Enterprise {id: 'e1', name: '扬州纺织有限公司', sortKey: 'yangzhou', source: 'seed'})
CREATE (e2:Enterprise {id: 'e2', name: '安庆化工有限公司', sortKey: 'anqing', source: 'seed'})
CREATE (u1:Unit {id: 'u1', name: '市工信局', sortKey: 'gongxin', source: 'seed'})
CREATE (u2:Unit {id: 'u2', name: '市人社局', sortKey: 'renshe', source: 'seed'})
CREATE (ic:Industry {id: 'C', code: 'C', name: '制造业', sortKey: 'zhizao', source: 'seed'})
CREATE (i13:Industry {id: 'C13', code: 'C13', name: '农副食品加工业', sortKey: 'nongfu',
                      source: 'seed'})-[:PART_OF]->(ic)
CREATE (i17:Industry {id: 'C17', code: 'C17', name: '纺织业', sortKey: 'fangzhi',
                      source: 'seed'})-[:PART_OF]->(ic)
CREATE (i1391:Industry {id: 'C1391', code: 'C1391', name: '淀粉及淀粉制品制造',
                        sortKey: 'dianfen', source: 'seed'})-[:PART_OF]->(i13)
CREATE (k:Campaign {id: 'k1', name: '新春访代表·助企解难题', sortKey: 'xinchun', year: 2026,
                    start: date('2026-01-20'), end: date('2026-03-31'), congressId: 'yz',
                    source: 'seed'})-[:CAMPAIGN_OF]->(c)
"""

BOOKING = """
MATCH (v:Venue {id: 'v1'}), (r:Activity {id: 'r1'})
CREATE (b:Booking {id: $id, channel: 'ONLINE', day: date('2026-03-05'), slotStart: '09:00',
                   slotEnd: '09:30', status: 'ATTENDED', source: 'seed'})
CREATE (b)-[:BOOKED_AT]->(v), (b)-[:BOOKED_FOR]->(r)
"""

RAISED_AT = dt.date(2026, 3, 5)


async def build(db: Database) -> None:
    await db.write(WORLD)
    await db.write(BOOKING, id="b1")
