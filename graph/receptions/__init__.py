"""Where people and enterprises reach deputies: venues (liaison stations, homes, points,
legislative contact points, reception rooms), receptions with their 四定 and the 321 rule,
bookings, the issues people and enterprises raise (诉求) followed to closed (四闭环), campaigns
(安庆's 新春访代表·助企解难题), and each venue's monthly summary.

    (Venue)-[:VENUE_OF]->(Congress), (Deputy)-[:STAFFS]->(Venue)
    (Activity {kind: RECEPTION})-[:HELD_AT]->(Venue)        a reception is a trip-like activity
    (Booking)-[:BOOKED_AT]->(Venue), -[:BOOKED_FOR]->(Activity), -[:BOOKED_BY]->(Enterprise)
    (Issue)-[:RAISED_AT]->(Activity), -[:FROM_BOOKING]->(Booking), -[:RAISED_BY]->(Enterprise)
    (Deputy)-[:COLLECTED]->(Issue)-[:ASSIGNED_TO {at, due}]->(Unit)
    (Issue)-[:HAS_EVENT]->(IssueEvent), -[:ESCALATED_TO]->(Proposal), -[:IN_CAMPAIGN]->(Campaign)
    (Activity)-[:IN_CAMPAIGN]->(Campaign)-[:CAMPAIGN_OF]->(Congress)
    (MonthlySummary)-[:SUMMARY_OF]->(Venue)
    (Booking|Issue)-[:CONTACT]->(Contact {name, phone})       personal data (model.PERSONAL_LABELS)

This domain builds on trips (a reception's conflicts are the trips' conflict engine) and on
suggestions (an issue escalates into one); the import contract in pyproject.toml says so.

- `vocab`: the kinds, statuses, channels, actions and dimensions, each once.
- `issues` (the loop's rules, `raise_issue`, the keys each issue stores), `issue_steps` (list,
  assign, follow, answer, close, escalate into a suggestion), `issue_reads` (`list_issues`, a
  reception's 321 lists), `issue_stats` (`issue_stats` and its table), `campaigns`.
- `slots`: "HH:MM" slots and "YYYY-MM" months, validated.
- `venues`: venues (kind, room kind, township, coordinates), staffing, the township / text /
  distance queries (`cypher_venues`).
- `receptions`: create and change a reception (its 四定, day, slot; one open reception per
  slot at a venue); everything else is the trips' code on the Activity (`cypher_receptions`).
- `bookings`: bookings (a slot held once per venue, under the venue's lock), their moves,
  walk-ins recorded after the fact (`cypher_bookings`).
- `summaries`: a venue's monthly summary, generated, confirmed once (`cypher_summaries`).
- `contacts`: a booking's or an issue's contact (personal data).
"""
