#!/usr/bin/env python3
"""Checks JSON files against the schemas in Schemas/ with an independent validator (Python jsonschema).

Without arguments it checks the repository: every example and golden document, the fuzzing corpus,
Schemas/Tests/valid/*.json and the JSON examples of the README and the format articles must be valid,
and every Schemas/Tests/invalid/*.json must be rejected.
With files, it checks those (`--expect invalid` for files that must be rejected).

The schema for a file comes from its name: Examples/receipts/sales-order.json and files starting
`sales-receipt` use the sales-receipt data schema, kitchen-order.json and `kitchen-ticket*` the
kitchen-ticket data schema, everything else the receipt document schema.

Prints one line per file and, for each failure, the file and every schema error with its JSON path.
Exits 0 when every file is as expected, 1 otherwise, 2 when jsonschema is missing.
"""

import argparse
import json
import sys
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print(
        "validate-schemas: the Python jsonschema package is missing; install python3-jsonschema "
        "(scripts/install-dependencies does).",
        file=sys.stderr,
    )
    sys.exit(2)

REPOSITORY = Path(__file__).resolve().parent.parent
SCHEMAS = REPOSITORY / "Schemas"


def load_schemas():
    """Every schema, checked against the 2020-12 meta-schema, and a registry so they can refer to each other."""
    schemas = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[path.name] = schema
    try:
        from referencing import Registry, Resource  # jsonschema 4.18 and later
    except ImportError:
        # Debian 12's python3-jsonschema (4.10) resolves references through a RefResolver store instead.
        store = {schema["$id"]: schema for schema in schemas.values()}
        return {
            name: jsonschema.Draft202012Validator(
                schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store)
            )
            for name, schema in schemas.items()
        }
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return {
        name: jsonschema.Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()
    }


def schema_name(path):
    name = path.name
    if name == "sales-order.json" or name.startswith("sales-receipt"):
        return "sales-receipt-data.schema.json"
    if name == "kitchen-order.json" or name.startswith("kitchen-ticket"):
        return "kitchen-ticket-data.schema.json"
    return "receipt-document.schema.json"


DOCUMENTATION = [
    "README.md",
    "Sources/EscPos/Documentation.docc/JSONDocumentFormat.md",
    "Sources/EscPosTemplates/Documentation.docc/Articles/TemplateDataFormat.md",
]


def read_file(path):
    """A file's JSON, or the reason it has none."""
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, json.JSONDecodeError) as error:
        return None, f"not readable JSON: {error}"


def file_check(path, should_be_valid):
    return (describe(path), schema_name(path), lambda: read_file(path), should_be_valid)


def repository_checks():
    """(label, schema, load, expected validity) for everything the repository promises is valid or invalid."""
    valid = [
        *sorted((REPOSITORY / "Examples/receipts").glob("*.json")),
        *sorted((REPOSITORY / "Fixtures").glob("*.json")),
        *sorted(REPOSITORY.glob("Tests/**/Fixtures/**/*.json")),
        *sorted((REPOSITORY / "Fuzz/Corpus/document").glob("*.json")),
        *sorted((REPOSITORY / "Fuzz/Corpus/template").glob("*.json")),
        *sorted((SCHEMAS / "Tests/valid").glob("*.json")),
    ]
    invalid = sorted((SCHEMAS / "Tests/invalid").glob("*.json"))
    checks = [file_check(path, True) for path in valid] + [file_check(path, False) for path in invalid]
    for page in DOCUMENTATION:
        checks += documentation_checks(page)
    return checks


def documentation_checks(page):
    """The JSON examples of a documentation page: whole documents, single blocks (checked inside a document)
    and template data. A `json` code block may hold several objects one after another."""
    text = (REPOSITORY / page).read_text(encoding="utf-8")
    checks = []
    for index, block in enumerate(text.split("```json\n")[1:], start=1):
        block = block.split("```")[0]
        label = f"{page} (json example {index})"
        if "..." in block or "…" in block:
            continue  # an outline such as "blocks": [ ... ], not a complete example
        decoder = json.JSONDecoder()
        position = 0
        while block[position:].strip():
            position += len(block[position:]) - len(block[position:].lstrip())
            try:
                example, position = decoder.raw_decode(block, position)
            except json.JSONDecodeError as error:
                reason = f"not readable JSON: {error}"
                checks.append((label, "receipt-document.schema.json", lambda reason=reason: (None, reason), True))
                break
            if isinstance(example, dict) and {"code", "path", "message"} <= example.keys():
                continue  # an EscPosError, not a document
            schema = "receipt-document.schema.json"
            if isinstance(example, dict) and "store" in example:
                schema = "sales-receipt-data.schema.json"
            elif isinstance(example, dict) and "orderNumber" in example:
                schema = "kitchen-ticket-data.schema.json"
            elif isinstance(example, dict) and "schemaVersion" not in example:
                example = {"schemaVersion": 1, "blocks": [example]}  # a block on its own
            checks.append((label, schema, lambda example=example: (example, None), True))
    return checks


def json_path(error):
    text = "$"
    for part in error.absolute_path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def describe(path):
    try:
        return str(path.relative_to(REPOSITORY))
    except ValueError:
        return str(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--expect", choices=["valid", "invalid"], default="valid")
    parser.add_argument("files", nargs="*", type=Path)
    arguments = parser.parse_args()

    validators = load_schemas()
    if arguments.files:
        checks = [file_check(path.resolve(), arguments.expect == "valid") for path in arguments.files]
    else:
        checks = repository_checks()

    failures = 0
    for label, schema, load, should_be_valid in checks:
        instance, unreadable = load()
        if unreadable:
            print(f"FAIL {label}: {unreadable}")
            failures += 1
            continue
        errors = sorted(
            validators[schema].iter_errors(instance), key=lambda error: [str(part) for part in error.absolute_path]
        )
        if should_be_valid and errors:
            failures += 1
            print(f"FAIL {label}: invalid against {schema}, expected valid:")
            for error in errors:
                print(f"    {json_path(error)}: {error.message}")
        elif not should_be_valid and not errors:
            failures += 1
            print(f"FAIL {label}: valid against {schema}, expected it to be rejected")
        elif should_be_valid:
            print(f"ok   {label}: valid")
        else:
            # An invalid field is also "unevaluated" (failed subschemas evaluate nothing); name the field.
            specific = [error for error in errors if error.validator != "unevaluatedProperties"]
            reason = jsonschema.exceptions.best_match(specific or errors)
            print(f"ok   {label}: rejected ({json_path(reason)}: {reason.message[:120]})")
    print(f"{len(checks) - failures} of {len(checks)} files and examples as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
