"""GraphQL schema of suggestions (意见建议): types, queries, mutations."""
