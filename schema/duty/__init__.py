"""The GraphQL face of duty records and their scoring rules (graph/duty/)."""
