"""The organisation import: read a file of any supported format, plan what changes, and apply the plan.

`readers` turn each format into rows of one shape; `planning` checks the rows and compares them with the
database; `selectors` give the plan and the stored uploads; `services` write (the plan, the uploads and
their status, starting the background task); `views`, `forms` and `urls` are the upload pages.
"""
