#!/usr/bin/env python3
"""Groups the inputs libFuzzer saved in .build/artifacts/<harness>/ by failure (kind and the first stack
frame in the project's Sources/), copies the shortest input of each group to Crashes/<harness>/, and prints
one line per group with a hex dump of that input. Re-runs each input once (timeouts take -timeout seconds).

    Fuzz/triage.py [HARNESS...]
"""
import glob
import os
import re
import subprocess
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
TARGETS = {"decoder": "FuzzDecoder", "document": "FuzzDocument", "template": "FuzzTemplate", "image": "FuzzImage",
           "emulator": "FuzzEmulator", "status": "FuzzStatus", "uri": "FuzzURI", "profile": "FuzzProfile"}
FRAME = re.compile(r"#\d+ 0x[0-9a-f]+ in (\S+) (/\S+?):(\d+)")


def classify(binary, path):
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    result = subprocess.run(["nice", "-n", "10", binary, "-rss_limit_mb=2048", "-malloc_limit_mb=2048",
                             "-timeout=10", path], capture_output=True, text=True, env=env, errors="replace")
    log = result.stdout + result.stderr
    if result.returncode == 0:
        return None, "", log
    kind = "crash"
    if "ERROR: libFuzzer: timeout" in log:
        kind = "timeout"
    elif "out-of-memory" in log or "malloc limit" in log:
        kind = "oom"
    elif "ERROR: AddressSanitizer" in log:
        kind = "asan"
    frame = None
    for match in FRAME.finditer(log):
        file = match.group(2)
        if file.startswith(os.path.join(ROOT, "Sources")):
            frame = "%s:%s" % (os.path.relpath(file, ROOT), match.group(3))
            break
    fatal = re.search(r"(\S+\.swift:\d+): Fatal error: ?(.*)", log)
    message = fatal.group(2)[:160] if fatal else ""
    if frame is None:
        frame = "harness check " + fatal.group(1) if fatal else "?"
    return (kind, frame), message, log


def main():
    names = sys.argv[1:] or list(TARGETS)
    for name in names:
        binary = os.path.join(FUZZ, ".build/release", TARGETS[name])
        inputs = sorted(glob.glob(os.path.join(FUZZ, ".build/artifacts", name, "*")), key=os.path.getsize)[:30]
        saved = sorted(glob.glob(os.path.join(FUZZ, "Crashes", name, "*")), key=os.path.getsize)
        groups = {}
        slow = 0
        for path in saved + inputs:
            base = os.path.basename(path)
            if path not in saved and not base.startswith("crash"):
                slow += 1
                if slow > 3:
                    continue
            key, message, _ = classify(binary, path)
            if key is None:
                continue
            if key not in groups:
                groups[key] = (path, message)
        for (kind, frame), (path, message) in sorted(groups.items()):
            data = open(path, "rb").read()
            directory = os.path.join(FUZZ, "Crashes", name)
            os.makedirs(directory, exist_ok=True)
            if not path.startswith(directory):
                target = os.path.join(directory, "%s-%s" % (kind, os.path.basename(path).split("-")[-1][:12]))
                with open(target, "wb") as file:
                    file.write(data)
                path = target
            dump = data[:96].hex(" ")
            print("%s\t%s\t%s\t%d bytes\t%s\t%s%s\t%s" % (name, kind, frame, len(data), os.path.relpath(path, ROOT),
                                                       dump, " ..." if len(data) > 96 else "", message))


main()
