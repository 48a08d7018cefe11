"""The sparring log: a leader's own record of sparring sessions and their next steps, each of which can be
added to the development plan as an action. Only the leader ever reads it."""
