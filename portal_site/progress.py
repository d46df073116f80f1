"""The one progress display of the portal's long commands (import, export, demo, search rebuild)
and of the benches."""

import sys
import time

from django.core.management.base import OutputWrapper


class Progress:
    """`label: done/total (percent, rate/s)` for each stage in turn: rewritten in place on a
    terminal; on a log (CI, cron, a pipe) one line each tenth of the way, so that logs stay short.

    Called as (label, done, total), as the import framework and the export report. For a caller
    that reports (done, total) only, such as the search rebuild, pass `counting(label)`.
    """

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", None) and self.stream.isatty())
        self.label, self.since, self.last_call, self.tenth = None, time.monotonic(), None, -1
        self.line_open = False  # a rewritten line is on the terminal, not yet ended

    def __call__(self, label, done, total):
        now = time.monotonic()
        if label != self.label:  # a new stage: its rate counts from the end of the previous one
            self.finish()
            self.label, self.tenth = label, -1
            if self.last_call is not None:
                self.since = self.last_call
        self.last_call = now
        rate = done / max(now - self.since, 1e-6)
        line = f"{label}: {done}/{total} ({done * 100 // max(total, 1)}%, {rate:.0f}/s)"
        if self.tty:
            self._write("\r" + line)
            self.line_open = True
            if done >= total:
                self.finish()
            return
        tenth = done * 10 // max(total, 1)
        if tenth != self.tenth:
            self.tenth = tenth
            self._write(line + "\n")

    def counting(self, label):
        """This display as a (done, total) callback for one stage."""
        return lambda done, total: self(label, done, total)

    def finish(self):
        """End the line rewritten on a terminal, before other output."""
        if self.line_open:
            self._write("\n")
            self.line_open = False

    def _write(self, text):
        if isinstance(self.stream, OutputWrapper):  # a command's self.stdout adds "\n" unless told
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()
