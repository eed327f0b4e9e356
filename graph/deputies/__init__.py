"""A deputy's own access (role DEPUTY, a token bound to one deputy): the scoped reads of their
own record, their groups' trips, receptions and suggestions, and their own writes (submitting
or co-signing a suggestion, recording an issue at a reception they take part in)."""
