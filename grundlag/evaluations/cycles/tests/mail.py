"""An e-mail backend for the tests of a task worker killed while it sends: worker processes use it by
EMAIL_BACKEND. Each accepted message is a file in MAIL_DIR (numbered, made exclusively, holding the
recipient); the message numbered MAIL_HOLD_AT is not accepted: the backend says so (a file `held`) and waits
there until the test kills the worker."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

HOLD_DEADLINE_SECONDS = 120


class GateBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        directory = Path(os.environ["MAIL_DIR"])
        hold_at = int(os.environ.get("MAIL_HOLD_AT", "0"))
        for message in email_messages:
            number = len(list(directory.glob("mail-*"))) + 1
            if number == hold_at:
                (directory / "held").touch()
                deadline = time.monotonic() + HOLD_DEADLINE_SECONDS
                while time.monotonic() < deadline:  # the test kills the worker long before
                    time.sleep(0.05)
                raise TimeoutError("the test never killed the held worker")
            descriptor = os.open(directory / f"mail-{number:04d}", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            os.write(descriptor, message.to[0].encode())
            os.close(descriptor)
        return len(email_messages)
