"""The wheel carries the plan: installed apart from the source tree, it runs from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and installed into a directory of its own."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("ipplan-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for name in ("indicators.yaml", "tasks.yaml", "schema/actual.schema.json"):
        assert f"ipplan/plan/{name}" in names
    for kind in ("actuals", "updates"):  # the record directories, whatever they hold
        assert any(name.startswith(f"ipplan/plan/{kind}/") for name in names)
    site = out / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return site


def run(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "COLUMNS": "160"}
    env.pop("IPPLAN_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "ipplan", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_status_from_an_empty_directory(installed: Path, tmp_path: Path) -> None:
    result = run(installed, tmp_path, "status", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["indicators"]) == 9
    assert result.stderr == ""  # JSON for scripts: nothing else
    human = run(installed, tmp_path, "status")
    assert human.returncode == 0
    assert "随 ipplan 安装的计划" in human.stderr  # says, in one line, which plan it shows
    assert len(human.stderr.splitlines()) == 1
    refused = run(installed, tmp_path, "validate")  # never checks a plan it was not given
    assert (refused.returncode, refused.stdout) == (1, "")
    assert str(tmp_path) in refused.stderr and "--data" in refused.stderr
    bundled = installed / "ipplan" / "plan"  # the copy inside the package, when named
    where = run(installed, tmp_path, "validate", "--data", str(bundled))
    assert where.returncode == 0
    assert str(bundled) in where.stdout


def test_bundled_plan_is_read_only_and_init_starts_a_writable_one(
    installed: Path, tmp_path: Path
) -> None:
    refused = run(installed, tmp_path, "record", "2024", "practitioners", "36000")
    assert refused.returncode == 1
    assert "ipplan init DIR" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run(installed, tmp_path, "init", "data").returncode == 0
    # the published figures come with the plan
    published = tmp_path / "data" / "actuals" / "practitioners" / "2023.yaml"
    assert "value: 34396\n" in published.read_text(encoding="utf-8")
    recorded = run(installed, tmp_path, "record", "2024", "practitioners", "36000")
    assert recorded.returncode == 0, recorded.stderr
    recorded_file = tmp_path / "data" / "actuals" / "practitioners" / "2024.yaml"
    assert "value: 36000\n" in recorded_file.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the source distribution as the release builds them (`python -m build`),
    here from the installed build backend rather than one fetched from the network."""
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("ipplan-*.whl")
    (sdist,) = out.glob("ipplan-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_the_licence_is_in_the_wheel_and_the_source_distribution(
    distributions: dict[str, Path],
) -> None:
    import tarfile

    from ipplan import __version__

    licence = (REPO / "LICENSE").read_bytes()
    assert licence.startswith(b"MIT License\n") and b"the ipplan authors" in licence
    with zipfile.ZipFile(distributions["wheel"]) as wheel:
        names = wheel.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        (packed,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert wheel.read(packed) == licence
        fields = wheel.read(metadata).decode("utf-8")
    # the version the package carries is the one __init__.py holds
    assert f"\nVersion: {__version__}\n" in fields
    assert "\nLicense-Expression: MIT\n" in fields and "\nLicense-File: LICENSE\n" in fields
    with tarfile.open(distributions["sdist"]) as sdist:
        top = f"ipplan-{__version__}"
        for name in ("LICENSE", "CHANGELOG.md", "pyproject.toml"):
            member = sdist.extractfile(f"{top}/{name}")
            assert member is not None
            if name == "LICENSE":
                assert member.read() == licence


def test_the_distributions_pass_twine_check(distributions: dict[str, Path]) -> None:
    """What PyPI would refuse of them (their metadata, the README as the project's page)."""
    pytest.importorskip("twine")
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, distributions.values())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2
