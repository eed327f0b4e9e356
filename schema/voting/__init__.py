"""The GraphQL face of livelihood projects voted by deputies (graph/voting/)."""
