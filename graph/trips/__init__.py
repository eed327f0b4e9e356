"""Inspections and research trips (视察、调研、执法检查) on the liaison graph.

    (Committee)-[:ORGANIZES]->(Activity)<-[:HOLDS]-(DeputyGroup)
    (Deputy)-[:TAKES_PART {role: LEAD|MEMBER}]->(Activity)-[:VISITS {day, order}]->(Enterprise)
    (Activity)-[:IN_INDUSTRY]->(Industry)

- `vocab`: kinds, statuses, roles, conflict kinds and severities, calendar kinds (each once).
- `cypher`: every statement of the domain, as named constants.
- `plans` (create, update), `itinerary` (participants, visits), `lifecycle` (the moves): the
  planning steps; each returns the activity and its conflicts from its own transaction
  (`steps`: the lock and the result they share); `reschedule`: new dates move the visits
  with them, or are refused naming the visits at fault.
- `conflicts`: what is wrong with a plan (hard conflicts block scheduling).
- `reads`: lists, suggestions, calendar feeds; `feeds`: calendar feed keys.
"""
