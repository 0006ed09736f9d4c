#!/usr/bin/env python3
"""Validates a HEPData submission directory written by DarkScan's Reporting target.

Checks submission.yaml with hepdata_validator's SubmissionFileValidator and every data file it names
(`data_file`) with DataFileValidator, against the validator's latest bundled schema. Also reports
data files in the directory that submission.yaml does not name. Prints each error and exits 1 when
anything fails (2 for a usage error), 0 when all files are valid.

    pip install hepdata-validator          # 0.3.6 was used
    DARKSCAN_HEPDATA_DIR=/tmp/hepdata-check swift test --filter HEPDataSubmissionTests
    python3 Validation/hepdata/validate.py /tmp/hepdata-check
"""
import os
import sys

import yaml
from hepdata_validator import LATEST_SCHEMA_VERSION
from hepdata_validator.data_file_validator import DataFileValidator
from hepdata_validator.submission_file_validator import SubmissionFileValidator
from hepdata_validator.version import __version__


def print_messages(validator, path):
    for message in validator.get_messages(path):
        print(f"  error: {message.message}")


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(f"usage: {argv[0]} SUBMISSION_DIRECTORY", file=sys.stderr)
        return 2
    directory = argv[1]
    print(f"hepdata-validator {__version__}, schema {LATEST_SCHEMA_VERSION}")
    submission_path = os.path.join(directory, "submission.yaml")
    if not os.path.isfile(submission_path):
        print(f"{submission_path}: missing")
        return 1

    ok = True
    submission_validator = SubmissionFileValidator()
    if submission_validator.validate(file_path=submission_path):
        print(f"{submission_path}: valid")
    else:
        ok = False
        print(f"{submission_path}: INVALID")
        print_messages(submission_validator, submission_path)

    with open(submission_path, encoding="utf-8") as f:
        documents = [d for d in yaml.safe_load_all(f) if d]
    data_files = [d["data_file"] for d in documents if isinstance(d, dict) and "data_file" in d]
    if not data_files:
        ok = False
        print("submission.yaml names no data files")

    data_validator = DataFileValidator()
    for name in data_files:
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            ok = False
            print(f"{path}: missing")
        elif data_validator.validate(file_path=path):
            print(f"{path}: valid")
        else:
            ok = False
            print(f"{path}: INVALID")
            print_messages(data_validator, path)

    unnamed = sorted(set(n for n in os.listdir(directory) if n.endswith(".yaml"))
                     - set(data_files) - {"submission.yaml"})
    for name in unnamed:
        print(f"{os.path.join(directory, name)}: not named in submission.yaml (ignored)")

    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
