"""360° evaluations and surveys: cycles, nominations, answering by link, and the reports behind the
anonymity gate."""
