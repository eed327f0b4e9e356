"""Duty records (履职档案): what each deputy did in a year or a term, derived from the graph
itself (groups and roles, trips, receptions, training and meetings attended, suggestions led and
co-signed and how each ended, issues collected, ballots attended), compared with their group's
median, and scored by rules that are data per congress:

    (ScoringRule {kind, points, cap, since})-[:RULE_OF]->(Congress)
"""
