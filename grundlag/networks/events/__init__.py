"""Forums, their events, places and calendars."""
