"""Every write of the organisation import.

`applying` writes a plan to the units, people and posts; `uploads` keeps uploaded files and their status
until they are applied, and applies one in the background task; `background` starts that task. (The task
module uses `uploads`, so the service that enqueues the task lives apart from it.)
"""
