"""Confidential requests for advice and sparring: a leader asks for a conversation with a leader consultant
(settings.NETWORKS_CONSULTANTS), and the two write in one thread until a consultant marks it handled.

Read only by the requester and the consultants: not by the requester's superior, not by an administrator,
not in the API, the audit log or any export but the requester's own copy. E-mails say only that there is
something new, with the link."""
