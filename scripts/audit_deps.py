"""Check installed packages against known vulnerabilities where this network allows it.

pip-audit asks PyPI for ``/pypi/<name>/<version>/json``, which the package mirror reachable
from this project's machines does not serve. The project-level ``/pypi/<name>/json`` is
served, and its ``vulnerabilities`` field lists the advisories that affect the project's
latest release. So: a package installed at its latest release is checked for real; one
installed at an older release is reported as "not checked". Exit 1 on any finding.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from importlib import metadata

INDEX = "https://pypi.org/pypi/{}/json"


def main() -> int:
    findings, unchecked, checked = [], [], 0
    dists = sorted(
        {(d.metadata["Name"], d.version) for d in metadata.distributions() if d.metadata["Name"]},
        key=lambda x: x[0].lower(),
    )
    for name, version in dists:
        if name.lower() == "pvenet":
            continue
        try:
            with urllib.request.urlopen(INDEX.format(name), timeout=15) as res:  # noqa: S310
                data = json.load(res)
        except Exception as exc:  # unreachable or unknown project: say so, do not guess
            unchecked.append(f"{name} {version} ({type(exc).__name__})")
            continue
        if data["info"]["version"] != version:
            unchecked.append(f"{name} {version} (latest is {data['info']['version']})")
            continue
        checked += 1
        for vuln in data.get("vulnerabilities") or []:
            if not vuln.get("withdrawn"):
                findings.append(f"{name} {version}: {vuln.get('id')} {vuln.get('summary') or ''}")
    print(
        f"dependency audit: {checked} packages checked against PyPI advisories, "
        f"{len(unchecked)} not checkable here, {len(findings)} findings"
    )
    for line in unchecked:
        print(f"  not checked: {line}")
    for line in findings:
        print(f"  VULNERABLE: {line}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
