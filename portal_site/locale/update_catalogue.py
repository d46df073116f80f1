"""Merge Wagtail's English message templates into the portal's Vietnamese catalogues.

Wagtail ships only a partial Vietnamese translation, so the portal keeps a complete one in
LOCALE_PATHS (which Django reads before app catalogues). After a Wagtail upgrade run

    .venv/bin/python portal_site/locale/update_catalogue.py
    cd portal_site/locale/vi/LC_MESSAGES
    msgfmt --check -o django.mo django.po && msgfmt --check -o djangojs.mo djangojs.po

New messages appear with an empty msgstr (Wagtail's own Vietnamese, if any, is copied in);
messages Wagtail dropped disappear. Existing portal translations are kept. Needs polib
(a development requirement).
"""

import sys
from pathlib import Path

import wagtail

import polib

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
Vietnamese translation of the Wagtail admin for the provincial portal.
Built from Wagtail {version}'s English templates by portal_site/locale/update_catalogue.py."""
METADATA = {
    "Project-Id-Version": "Wagtail {version} (portal)",
    "PO-Revision-Date": "2026-11-26 00:00+0700",
    "Last-Translator": "Provincial portal team",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def parse(path):
    """The entries of a .po file (the header and obsolete entries left out)."""
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def key(entry):
    return (entry.msgctxt, entry.msgid)


def translation(entry):
    """The msgstr; for a plural message the one form Vietnamese has (nplurals=1)."""
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def vietnamese_entry(template, occurrences, msgstr):
    """The template's message with our translation, without fuzzy flags or comments."""
    entry = polib.POEntry(
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        occurrences=occurrences,
        flags=[flag for flag in template.flags if flag != "fuzzy"],
    )
    if template.msgid_plural:
        entry.msgstr_plural = {0: msgstr}
    else:
        entry.msgstr = msgstr
    return entry


def write(path, entries):
    catalogue = polib.POFile(wrapwidth=0)  # one line per message, as the catalogue always had
    catalogue.header = HEADER.format(version=wagtail.__version__)
    catalogue.metadata = {name: value.format(version=wagtail.__version__) for name, value in METADATA.items()}
    catalogue.extend(entries)
    catalogue.save(str(path))


def merge(domain):
    target = HERE / f"{domain}.po"
    ours = {key(e): translation(e) for e in parse(target)} if target.exists() else {}
    merged = {}
    for app in APPS:
        locale = WAGTAIL / app / "locale"
        template = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not template.exists():
            continue
        shipped = locale / "vi" / "LC_MESSAGES" / f"{domain}.po"
        theirs = {}
        if shipped.exists():
            theirs = {key(e): translation(e) for e in parse(shipped) if "fuzzy" not in e.flags}
        prefix = "" if app == "." else app.removeprefix("contrib/") + "/"
        for e in parse(template):
            occurrences = [(prefix + path, line) for path, line in e.occurrences]
            if key(e) in merged:
                merged[key(e)].occurrences += occurrences
                continue
            merged[key(e)] = vietnamese_entry(e, occurrences, ours.get(key(e)) or theirs.get(key(e), ""))
    write(target, merged.values())
    done = sum(1 for e in merged.values() if translation(e))
    print(f"{target.name}: {done}/{len(merged)} translated", file=sys.stderr)


if __name__ == "__main__":
    for domain in ("django", "djangojs"):
        merge(domain)
