"""The GraphQL schema, composed from the domains' query and mutation classes."""

from schema.build import schema

__all__ = ["schema"]
