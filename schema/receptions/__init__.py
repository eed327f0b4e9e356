"""The GraphQL side of receptions and issues (graph/receptions/): venues, receptions, bookings,
issues and their handling, campaigns and monthly summaries."""
