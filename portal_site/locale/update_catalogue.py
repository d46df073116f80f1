"""Merge Wagtail's English message templates into the portal's Vietnamese catalogues.

Wagtail ships only a partial Vietnamese translation, so the portal keeps a complete one in
LOCALE_PATHS (which Django reads before app catalogues). After a Wagtail upgrade run

    .venv/bin/python portal_site/locale/update_catalogue.py
    cd portal_site/locale/vi/LC_MESSAGES
    msgfmt --check -o django.mo django.po && msgfmt --check -o djangojs.mo djangojs.po

New messages appear with an empty msgstr (Wagtail's own Vietnamese, if any, is copied in);
messages Wagtail dropped disappear. Existing portal translations are kept.
Plain parsing on purpose: polib is not a project dependency.
"""

import ast
import sys
from pathlib import Path

import wagtail

WAGTAIL = Path(wagtail.__file__).parent
HERE = Path(__file__).resolve().parent / "vi" / "LC_MESSAGES"
APPS = [
    "admin",
    ".",  # wagtail core: wagtail/locale
    "documents",
    "images",
    "snippets",
    "users",
    "sites",
    "embeds",
    "contrib/settings",
    "contrib/redirects",
    "contrib/forms",
    "contrib/table_block",
    "contrib/typed_table_block",
    "locales",
    "search",
]
HEADER = """\
# Vietnamese translation of the Wagtail admin for the provincial portal.
# Built from Wagtail {version}'s English templates by portal_site/locale/update_catalogue.py.
msgid ""
msgstr ""
"Project-Id-Version: Wagtail {version} (portal)\\n"
"PO-Revision-Date: 2026-11-26 00:00+0700\\n"
"Last-Translator: Provincial portal team\\n"
"Language-Team: Vietnamese\\n"
"Language: vi\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


class Entry:
    def __init__(self):
        self.refs, self.flags = [], []
        self.ctx = self.msgid = self.plural = None
        self.msgstr = ""

    @property
    def key(self):
        return (self.ctx, self.msgid)


def parse(path):
    """Return the entries of a .po file (header and obsolete entries left out)."""
    entries, entry, field = [], Entry(), None

    def finish():
        nonlocal entry
        if entry.msgid:  # the header has an empty msgid
            entries.append(entry)
        entry = Entry()

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if entry.msgid is not None:
                finish()
            field = None
            continue
        if line.startswith("#"):
            if entry.msgid is not None:
                finish()
            if line.startswith("#:"):
                entry.refs += line[2:].split()
            elif line.startswith("#,"):
                entry.flags += [f.strip() for f in line[2:].split(",")]
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and entry.msgid is not None and field != "msgctxt":
                finish()
            field, value = keyword, ""
            value = ast.literal_eval(rest)
            if field == "msgid":
                entry.msgid = ""
            elif field == "msgctxt":
                entry.ctx = ""
            elif field == "msgid_plural":
                entry.plural = ""
        if field == "msgctxt":
            entry.ctx += value
        elif field == "msgid":
            entry.msgid += value
        elif field == "msgid_plural":
            entry.plural += value
        elif field in ("msgstr", "msgstr[0]"):
            entry.msgstr += value
    return entries


def quote(text):
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = text.split("\n")
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if len(parts) == 1:
        return f'"{parts[0]}"'
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def write(path, entries):
    out = [HEADER.format(version=wagtail.__version__)]
    for e in entries:
        block = []
        if e.refs:
            block.append("#: " + " ".join(e.refs))
        flags = [f for f in e.flags if f != "fuzzy"]
        if flags:
            block.append("#, " + ", ".join(flags))
        if e.ctx is not None:
            block.append("msgctxt " + quote(e.ctx))
        block.append("msgid " + quote(e.msgid))
        if e.plural is not None:
            block.append("msgid_plural " + quote(e.plural))
            block.append("msgstr[0] " + quote(e.msgstr))
        else:
            block.append("msgstr " + quote(e.msgstr))
        out.append("\n".join(block) + "\n")
    Path(path).write_text("\n".join(out), encoding="utf-8")


def merge(domain):
    target = HERE / f"{domain}.po"
    ours = {e.key: e.msgstr for e in parse(target)} if target.exists() else {}
    merged = {}
    for app in APPS:
        locale = WAGTAIL / app / "locale"
        template = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not template.exists():
            continue
        shipped = locale / "vi" / "LC_MESSAGES" / f"{domain}.po"
        theirs = {}
        if shipped.exists():
            theirs = {e.key: e.msgstr for e in parse(shipped) if "fuzzy" not in e.flags}
        prefix = "" if app == "." else app.removeprefix("contrib/") + "/"
        for e in parse(template):
            e.refs = [prefix + ref for ref in e.refs]
            if e.key in merged:
                merged[e.key].refs += e.refs
                continue
            e.msgstr = ours.get(e.key) or theirs.get(e.key, "")
            merged[e.key] = e
    write(target, merged.values())
    done = sum(1 for e in merged.values() if e.msgstr)
    print(f"{target.name}: {done}/{len(merged)} translated", file=sys.stderr)


if __name__ == "__main__":
    for domain in ("django", "djangojs"):
        merge(domain)
