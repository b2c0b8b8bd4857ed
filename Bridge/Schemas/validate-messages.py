#!/usr/bin/env python3
"""Checks protocol frames against escpos-bridge.v1.schema.json with an independent validator (jsonschema).

Reads JSON Lines from standard input: {"expect": "valid" | "invalid", "frame": "<frame text>"}.
Each frame is checked against the schema of its own type ($defs[type]); prints one line per mismatch and
exits 1 if there is any.
"""
import json
import pathlib
import sys

import jsonschema

schema = json.loads((pathlib.Path(__file__).parent / "escpos-bridge.v1.schema.json").read_text())
failures = 0
count = 0
for line in sys.stdin:
    if not line.strip():
        continue
    case = json.loads(line)
    count += 1
    frame = json.loads(case["frame"])
    kind = frame.get("type") if isinstance(frame, dict) else None
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{kind}", "$defs": schema["$defs"]} if kind in schema["$defs"] else schema,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    errors = list(validator.iter_errors(frame))
    if case["expect"] == "valid" and errors:
        failures += 1
        print(f"{kind}: should be valid: {errors[0].message} at {list(errors[0].absolute_path)}")
    elif case["expect"] == "invalid" and not errors:
        failures += 1
        print(f"{kind}: should be invalid: {case['frame']}")
print(f"{count} frames checked, {failures} mismatches", file=sys.stderr)
sys.exit(1 if failures else 0)
