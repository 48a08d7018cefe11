"""A unit's evaluation log (evalueringskultur): what was evaluated, with which data, what was concluded and
decided, and when to look again."""
