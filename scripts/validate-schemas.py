#!/usr/bin/env python3
"""Checks JSON files against the schemas in Schemas/ with an independent validator (Python jsonschema).

Without arguments it checks the repository: every example and golden document, the fuzzing corpus and
Schemas/Tests/valid/*.json must be valid, and every Schemas/Tests/invalid/*.json must be rejected.
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


def repository_files():
    """(file, expected validity) for everything the repository promises is valid or invalid."""
    valid = [
        *sorted((REPOSITORY / "Examples/receipts").glob("*.json")),
        *sorted((REPOSITORY / "Fixtures").glob("*.json")),
        *sorted(REPOSITORY.glob("Tests/**/Fixtures/**/*.json")),
        *sorted((REPOSITORY / "Fuzz/Corpus/document").glob("*.json")),
        *sorted((REPOSITORY / "Fuzz/Corpus/template").glob("*.json")),
        *sorted((SCHEMAS / "Tests/valid").glob("*.json")),
    ]
    invalid = sorted((SCHEMAS / "Tests/invalid").glob("*.json"))
    return [(path, True) for path in valid] + [(path, False) for path in invalid]


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
        checks = [(path.resolve(), arguments.expect == "valid") for path in arguments.files]
    else:
        checks = repository_files()

    failures = 0
    for path, should_be_valid in checks:
        schema = schema_name(path)
        try:
            instance = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            print(f"FAIL {describe(path)}: not readable JSON: {error}")
            failures += 1
            continue
        errors = sorted(validators[schema].iter_errors(instance), key=lambda error: list(error.absolute_path))
        if should_be_valid and errors:
            failures += 1
            print(f"FAIL {describe(path)}: invalid against {schema}, expected valid:")
            for error in errors:
                print(f"    {json_path(error)}: {error.message}")
        elif not should_be_valid and not errors:
            failures += 1
            print(f"FAIL {describe(path)}: valid against {schema}, expected it to be rejected")
        else:
            if should_be_valid:
                verdict = "valid"
            else:
                # An invalid field is also "unevaluated" (failed subschemas evaluate nothing); name the field.
                specific = [error for error in errors if error.validator != "unevaluatedProperties"]
                reason = jsonschema.exceptions.best_match(specific or errors)
                verdict = f"rejected ({json_path(reason)}: {reason.message[:120]})"
            print(f"ok   {describe(path)}: {verdict}")
    print(f"{len(checks) - failures} of {len(checks)} files as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
