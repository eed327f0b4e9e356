"""The GraphQL face of a deputy's own access (role DEPUTY): `me` and the deputy's own writes,
and the allowlist of what a DEPUTY may select at all (graph/deputies/)."""
