"""Livelihood projects voted by deputies (民生实事项目人大代表票决制, 鄂州 鄂城区):
三个阶段六个环节, 征集 → 初定 → 审议 → 票决 → 监督 → 评估, at district and township level.

    (Project)-[:PROJECT_OF]->(Congress), -[:PROPOSED_FROM]->(Activity|Proposal|Issue)
    (Project)-[:HAS_REVIEW]->(ProjectReview {body, at, outcome})
    (Ballot)-[:BALLOT_OF]->(Congress), (Project)-[:ON_BALLOT {votes, rank, elected}]->(Ballot)
    (Deputy)-[:ATTENDED {voted}]->(Ballot)          participation only, never a choice
    (Project)-[:HAS_TASK]->(ProjectTask)-[:RESPONSIBLE]->(Unit), -[:HAS_REPORT]->(ProgressReport)
    (Activity)-[:INSPECTS]->(Project)               deputies' inspections are trips

The secret ballot: only tallies per candidate are stored (on ON_BALLOT), entered by a clerk
from the count or added to by deputies' own ballots; nothing in the graph, the logs or the
audit trail links a deputy to a choice.
"""
