"""Leader networks: forums on themes for leaders (lederfora) with their members and organisers, dated
events with sign-up, a waiting list and offers of freed places, calendar files and a personal feed,
reflection questions with the group's shared notes, newsletters to a forum's members, and confidential
requests for advice and sparring with a leader consultant."""
