"""PDF through LibreOffice (headless): the DOCX opened in Writer, its indexes (the contents list) and fields
updated so the contents list carries page numbers, then exported with Writer's PDF filter.

`soffice --convert-to pdf` alone keeps the contents field as the DOCX caches it (headings without page
numbers: Word users press F9); updating the indexes needs LibreOffice's UNO API. A small script run by the
Python that has the `uno` module (Debian's python3-uno, /usr/bin/python3) starts soffice with a private user
profile, listens on a pipe, loads the document hidden, updates every index and field, and stores the PDF.
LibreOffice is optional: without it `pdf_available()` says why, and the caller reports it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 180
"""Upper bound for one conversion (start-up, layout, export) before it is abandoned."""

_UNO_SCRIPT = r'''
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

soffice, source, target, profile, pipe = sys.argv[1:6]

def prop(name, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item

office = subprocess.Popen([soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                           "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
                           "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    for _ in range(600):
        if office.poll() is not None:
            sys.exit("LibreOffice stopped while starting (exit %s)" % office.returncode)
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    if context is None:
        sys.exit("LibreOffice did not answer on its pipe")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (prop("Hidden", True), prop("ReadOnly", False)))
    if document is None:
        sys.exit("LibreOffice could not open the document")
    # twice: the first update can move headings to other pages when the contents list grows
    for _ in range(2):
        indexes = document.getDocumentIndexes()
        for index in range(indexes.getCount()):
            indexes.getByIndex(index).update()
        document.getTextFields().refresh()
    document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),))
    document.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
'''


class PdfUnavailable(Exception):
    """LibreOffice (soffice) or its Python UNO bridge is not installed: no PDF can be made here."""


class PdfError(Exception):
    """LibreOffice is there but the conversion failed."""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _uno_python() -> str | None:
    """A Python interpreter that can import `uno` (Debian's python3-uno installs it for /usr/bin/python3)."""
    candidates = [os.environ.get("PROFILEKIT_UNO_PYTHON"), "/usr/bin/python3", shutil.which("python3")]
    for candidate in dict.fromkeys(c for c in candidates if c):
        if not os.path.exists(candidate):
            continue
        try:
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return candidate
    return None


def pdf_available() -> str | None:
    """None when a PDF can be made here; else why not, in one line."""
    if _soffice() is None:
        return ("PDF needs LibreOffice, which is not installed (soffice not found); install it (Debian: "
                "apt install libreoffice-writer-nogui python3-uno) or write DOCX and export it from Word")
    if _uno_python() is None:
        return ("PDF needs LibreOffice's Python bridge to update the contents list, which is not installed; "
                "install python3-uno (or set PROFILEKIT_UNO_PYTHON to a Python that can import uno)")
    return None


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF of a DOCX document, its contents list updated with page numbers. Raises PdfUnavailable or
    PdfError; writes nothing outside a temporary folder it removes."""
    why = pdf_available()
    if why is not None:
        raise PdfUnavailable(why)
    soffice, python = _soffice(), _uno_python()
    assert soffice is not None and python is not None
    with tempfile.TemporaryDirectory(prefix="profilekit-pdf-") as work:
        folder = Path(work)
        source, target = folder / "document.docx", folder / "document.pdf"
        source.write_bytes(docx)
        script = folder / "convert.py"
        script.write_text(_UNO_SCRIPT, encoding="utf-8")
        pipe = f"profilekit_{os.getpid()}_{folder.name.rsplit('-', 1)[-1]}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        # its own session, so that a hung LibreOffice (the script's child) is killed with it on a timeout
        process = subprocess.Popen([python, str(script), soffice, str(source), str(target), str(folder / "user"),
                                    pipe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                   start_new_session=True)
        try:
            out, err = process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise PdfError(f"LibreOffice did not finish the PDF within {TIMEOUT_S} s") from None
        except BaseException:  # Ctrl-C: leave no LibreOffice behind
            _kill_group(process)
            raise
        if process.returncode != 0 or not target.is_file():
            lines = (err or out or "").strip().splitlines()
            raise PdfError("LibreOffice could not make the PDF: " + (lines[-1] if lines else
                                                                      f"exit {process.returncode}"))
        return target.read_bytes()


def _kill_group(process: subprocess.Popen[str]) -> None:
    """End the conversion script and the LibreOffice it started (their process group, which only they are in)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
