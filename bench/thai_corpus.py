#!/usr/bin/env python3
"""A bilingual handbook of real Thai prose no one here wrote: LibreOffice's Thai interface strings.

    python3 bench/thai_corpus.py OUT_DIR [--deb PATH] [--per-page 24]

Reads the Thai translation catalogues (.mo) of Debian's `libreoffice-l10n-th` package (fetched
with `apt-get download` into OUT_DIR when --deb is not given) with Python's gettext, and writes a
handbook: one chapter per LibreOffice module, pages of --per-page strings each, the Thai
strings in `page-N.md` and their English source strings in `page-N.en.md`, one paragraph a
string. Titles are the module's name and a number, the same in both languages, so that every
Thai word of the index comes from the translators' text. Deterministic: the same package gives
the same handbook.

Licence: LibreOffice's translations are MPL-2.0 (see the package's
/usr/share/doc/libreoffice-l10n-th/copyright); the generated handbook is not committed, only
this script. `bench/phrase.js` measures phrase ranking on it.
"""
import argparse
import glob
import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile

THAI = re.compile("[\u0e01-\u0e4e]")
# Characters Markdown or the handbook's templates would read as syntax: left out of the text.
SYNTAX = re.compile(r"[\\`*_\[\]<>#|{}$%&~^=+@]")


def clean(text):
    # Accelerator marks: "~" in resource strings, "_" in dialog (.ui) strings.
    text = text.replace("~", "").replace("_", "")
    text = SYNTAX.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def catalogues(deb, work):
    root = os.path.join(work, "x")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    found = sorted(glob.glob(os.path.join(root, "usr/lib/libreoffice/program/resource/th/LC_MESSAGES/*.mo")))
    if not found:
        sys.exit("no Thai .mo catalogues in %s" % deb)
    for path in found:
        with open(path, "rb") as f:
            catalogue = gettext.GNUTranslations(f)._catalog
        strings = []
        for key in sorted(k for k in catalogue if isinstance(k, str) and k):
            english = clean(key.split("\x04", 1)[-1])
            thai = clean(catalogue[key])
            if not THAI.search(thai) or not english or len(thai) < 2:
                continue
            strings.append((thai, english))
        yield os.path.basename(path)[:-3], strings


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def toml(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--deb", help="libreoffice-l10n-th .deb (default: apt-get download it)")
    ap.add_argument("--per-page", type=int, default=24)
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    work = tempfile.mkdtemp()
    deb = a.deb
    if not deb:
        subprocess.run(["apt-get", "download", "libreoffice-l10n-th"], cwd=work, check=True)
        deb = glob.glob(os.path.join(work, "libreoffice-l10n-th_*.deb"))[0]
    write(os.path.join(a.out, "handbook.toml"),
          'title = { th = "ข้อความของ LibreOffice", en = "LibreOffice strings" }\nlanguages = ["th", "en"]\n')
    content = os.path.join(a.out, "content")
    write(os.path.join(content, "_index.md"), '+++\ntitle = "LibreOffice"\n+++\n\nLibreOffice\n')
    write(os.path.join(content, "_index.en.md"), '+++\ntitle = "LibreOffice"\n+++\n\nLibreOffice\n')
    pages = strings_total = 0
    for weight, (module, strings) in enumerate(catalogues(deb, work)):
        if not strings:
            continue
        folder = os.path.join(content, module)
        for suffix in ("", ".en"):
            write(os.path.join(folder, "_index%s.md" % suffix),
                  "+++\ntitle = %s\nweight = %d\n+++\n\n%s\n" % (toml(module), weight + 1, module))
        for n in range(0, len(strings), a.per_page):
            chunk = strings[n:n + a.per_page]
            title = "%s %d" % (module, n // a.per_page + 1)
            front = "+++\ntitle = %s\nweight = %d\n+++\n\n" % (toml(title), n // a.per_page + 1)
            name = "page-%d" % (n // a.per_page + 1)
            write(os.path.join(folder, name + ".md"), front + "\n\n".join(t for t, _ in chunk) + "\n")
            write(os.path.join(folder, name + ".en.md"), front + "\n\n".join(e for _, e in chunk) + "\n")
            pages += 1
        strings_total += len(strings)
    shutil.rmtree(work, ignore_errors=True)
    print("%d pages a language, %d strings, from %s" % (pages, strings_total, os.path.basename(deb)))


if __name__ == "__main__":
    main()
