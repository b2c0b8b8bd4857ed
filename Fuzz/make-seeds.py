#!/usr/bin/env python3
"""Writes the seed corpora (Corpus/<harness>/) and the JSON dictionary (json.dict) from the project's
fixtures, examples and sources. Run from anywhere; it rewrites only Fuzz/Corpus and Fuzz/json.dict.

    Fuzz/make-seeds.py [path/to/escpos]   # the built tool, for the profile seeds (`escpos profiles NAME`)
"""
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)


def write(harness, data, name=None):
    directory = os.path.join(FUZZ, "Corpus", harness)
    os.makedirs(directory, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as file:
        file.write(data)


def read(path):
    with open(path, "rb") as file:
        return file.read()


def main():
    shutil.rmtree(os.path.join(FUZZ, "Corpus"), ignore_errors=True)
    root = lambda pattern: sorted(glob.glob(os.path.join(ROOT, pattern)))

    # Byte streams: the golden fixtures, for the decoder and the emulator.
    for path in root("Fixtures/*.bin"):
        for harness in ("decoder", "emulator"):
            write(harness, read(path), os.path.basename(path))

    # Documents: the fixtures' JSON twins and the sample.
    for path in root("Fixtures/*.json") + root("Examples/receipts/sample.json"):
        write("document", read(path), os.path.basename(path))

    # Template data.
    for path in root("Examples/receipts/*-order.json"):
        write("template", read(path), os.path.basename(path))

    # Images.
    for path in root("Tests/EscPosImagingTests/Fixtures/*.png") + root("Tests/EscPosImagingTests/Fixtures/*.jpg"):
        write("image", read(path), os.path.basename(path))

    # Printer replies; the first byte is the harness's chunk size.
    replies = [
        b"\x00\x12", b"\x00\x16", b"\x03\x1a\x12\x32\x72", b"\x00\x10\x00\x00\x00",
        b"\x01\x14\x00\x00\x0f\x12", b"\x02_EPSON\x00", b"\x04_TM-T88VI\x00\x12", b"\x0f=!\x01\x02\x00",
        b"\x00\x00\x01\x02\x03", b"\x05\x10\x00\x00\x00\x18\x40\x0c\x00_Star\x00=\x00",
    ]
    for reply in replies:
        write("status", reply)

    # Printer URIs.
    uris = [
        "tcp://10.0.0.5", "tcp://10.0.0.5:9100", "tcp://printer.local:9101", "tcp://[fe80::1]:9100",
        "usb://", "usb://04b8:0e15", "usb://04B8:0E15?serial=X7Y8", "cups://Kitchen", "cups://Bar@print.local:631",
        "file:///dev/usb/lp0", "serial:///dev/ttyUSB0", "serial:///dev/ttyS0?baud=19200&parity=even&flow=none",
        "serial:///dev/ttyUSB1?baud=115200&parity=odd&flow=xonxoff",
    ]
    for uri in uris:
        write("uri", uri.encode())

    # Profiles: every built-in profile as JSON, from the built tool.
    tool = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/escpos")
    listing = subprocess.run([tool, "profiles"], check=True, capture_output=True, text=True).stdout
    for line in listing.splitlines():
        name = line.split()[0]
        profile = subprocess.run([tool, "profiles", name], check=True, capture_output=True).stdout
        write("profile", profile, name + ".json")

    # The JSON dictionary: every field name and enum-like value in the seeds, and the quoted names in the
    # sources that decode documents, template data and profiles.
    words = set()

    def collect(value):
        if isinstance(value, dict):
            for key, item in value.items():
                words.add(key)
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, str) and re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,23}", value):
            words.add(value)

    for harness in ("document", "template", "profile"):
        for path in glob.glob(os.path.join(FUZZ, "Corpus", harness, "*")):
            collect(json.loads(read(path)))
    sources = (
        root("Sources/EscPos/Document/*.swift") + root("Sources/EscPos/Elements/*.swift")
        + root("Sources/EscPos/Symbols/Symbol+Document.swift") + root("Sources/EscPos/Profiles/*Codable.swift")
        + root("Sources/EscPosTemplates/Models/*.swift")
    )
    for path in sources:
        words.update(re.findall(r'"([A-Za-z][A-Za-z0-9]{1,23})"', read(path).decode()))
    tokens = ['{', '}', '[', ']', ':', ',', '"', 'true', 'false', 'null', '-1', '0', '1', '255', '65535',
              '9223372036854775807', '1e999', '"data"', '"path"']
    with open(os.path.join(FUZZ, "json.dict"), "w") as file:
        file.write("# JSON tokens and the field names and values of documents, template data and profiles.\n")
        file.write("# Written by make-seeds.py.\n")
        for token in tokens:
            file.write(json.dumps(token) + "\n")
        for word in sorted(words):
            file.write(json.dumps('"' + word + '"') + "\n")


main()
