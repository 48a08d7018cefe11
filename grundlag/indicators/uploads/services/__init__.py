"""Every write of the indicator upload page.

`uploads` keeps uploaded files, their status and their report, and runs a dry run or an import of one for the
background task; `background` stores an upload and starts that task. (The task module uses `uploads`, so the
service that enqueues the task lives apart from it.)
"""
