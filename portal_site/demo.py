"""What the apps' demo generators share: files that are byte-identical on every run, so that a
second `load_demo` finds the documents it imported the first time and reuses them."""

import datetime
import io
import zipfile
from pathlib import Path

FIXED_DATE = datetime.datetime(2025, 1, 2, 8, 0, 0)


def docx_bytes(document):
    """A python-docx Document saved with FIXED_DATE as its dates and on every zip member
    (python-docx stamps the current time on both)."""
    document.core_properties.created = document.core_properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    document.save(buffer)
    source, output = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return output.getvalue()


def write_files(target_dir, files, render):
    """Write render(*spec) for each {filename: spec} into target_dir; returns the paths written."""
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, spec in files.items():
        path = target / filename
        path.write_bytes(render(*spec))
        written.append(path)
    return written
