"""A frontend_cache backend for the tests, which remembers the URLs it was asked to purge (the
`purged` fixture of tests/conftest.py turns it on)."""

import urllib.parse

from wagtail.contrib.frontend_cache.backends import BaseBackend

RECORDER = {"recorder": {"BACKEND": "tests.front_cache.RecordingBackend"}}


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


def paths(urls):
    return {urllib.parse.urlsplit(url).path for url in urls}
