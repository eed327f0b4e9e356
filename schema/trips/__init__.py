"""Trips (视察、调研、执法检查): the Activity type, its queries and planning mutations."""
