"""ipplan site: a static site of a workspace, checked file by file and in headless Chromium."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from ipplan.errors import SiteManifestBroken
from ipplan.files.fingerprint import digest
from ipplan.site import publish
from ipplan.site.publish import MANIFEST
from tests.conftest import Run, snapshot
from tests.reports.test_browser import FLAGS, browser_path  # noqa: F401 - the fixture
from tests.workspaces.test_workspaces import ws  # noqa: F401 - the fixture


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and name == "href":
                self.links.append(value)
            if value is not None and name == "src":
                self.sources.append(value)


def build(cli: Run, ws: Path, out: Path, *args: str) -> None:  # noqa: F811
    result = cli("site", str(out), *args)
    assert result.exit_code == 0, result.stderr


def test_site_files_links_and_downloads(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert "index.html" in pages and "en/index.html" in pages
    assert "plans/national/practitioners.html" in pages
    assert "en/plans/gd/attorneys.html" in pages
    assert len(pages) == 2 * (1 + 4 + 9 + 3 * 2)  # index, plan pages, indicator pages; twice
    for page in pages:
        parser = Links()
        parser.feed((out / page).read_text(encoding="utf-8"))
        assert parser.sources == []  # no script, image or font from anywhere
        for link in parser.links:
            assert not re.match(r"^[a-z]+:", link), (page, link)  # nothing leaves the site
            target = (out / page).parent / unquote(urlparse(link).path)
            assert target.resolve().is_file(), (page, link)  # every link resolves
    # the downloads hold the numbers
    practitioners = json.loads((out / "data/national/practitioners.json").read_text("utf-8"))
    by_year = {row["year"]: row for row in practitioners["members"]["years"]}
    assert (by_year[2023]["total"], by_year[2023]["check"]) == (30700, "differs")
    assert (by_year[2024]["reporting"], by_year[2024]["values"]["js"]) == (2, None)
    rows = (out / "data/all.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "plan,key,name,unit,year,value,source,note,status"
    assert any(row.startswith("js,attorneys,执业专利代理师人数,人,2023,9800,") for row in rows)
    assert any(row.startswith("js,attorneys,执业专利代理师人数,人,2024,,") for row in rows)
    # the roll-up is on the parent's indicator page, flagged
    page = (out / "plans/national/practitioners.html").read_text(encoding="utf-8")
    assert '<span class="status s-differs">超出容差</span>' in page and "未报齐（缺 js）" in page
    plan_page = (out / "plans/national/index.html").read_text(encoding="utf-8")
    assert "<h2>路线图</h2>" in plan_page and "<td>y2022-1 " in plan_page  # the work plan
    assert "<h2>路线图</h2>" not in (out / "plans/gd/index.html").read_text(encoding="utf-8")
    english = (out / "en/plans/national/practitioners.html").read_text(encoding="utf-8")
    assert "beyond tolerance" in english and 'hreflang="zh"' in english


def test_every_indicator_page_is_linked_from_its_plans_page(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # binding (◆) indicators too: a national one, and one of two in a province
    national = ws / "national" / "indicators.yaml"
    text = national.read_text(encoding="utf-8")
    national.write_text(
        text.replace("    direction:", "    binding: true\n    direction:", 1), "utf-8"
    )
    gd = ws / "provinces" / "gd" / "indicators.yaml"
    text = gd.read_text(encoding="utf-8")
    gd.write_text(text.replace("    unit: 人\n", "    unit: 人\n    binding: true\n", 1), "utf-8")
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    for root in ("", "en/"):
        for plan in ("national", "gd", "js", "zj"):
            parser = Links()
            parser.feed((out / f"{root}plans/{plan}/index.html").read_text(encoding="utf-8"))
            linked = {link for link in parser.links if not link.startswith("..")}
            pages = {p.name for p in (out / f"{root}plans/{plan}").glob("*.html")} - {"index.html"}
            assert pages and pages <= linked, (root, plan, pages - linked)
    page = (out / "plans/gd/index.html").read_text(encoding="utf-8")
    assert '<a href="attorneys.html">◆执业专利代理师人数</a>' in page
    first = json.loads((out / "data/national/all.json").read_text("utf-8"))["report"]
    assert first["indicators"][0]["binding"] is True


def test_same_data_same_bytes_and_a_directory_of_other_files_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    first, second = tmp_path / "a", tmp_path / "b"
    build(cli, ws, first)
    build(cli, ws, second)
    assert snapshot(first) == snapshot(second)
    again = cli("site", str(first), "--lang", "en")
    assert again.exit_code == 0 and "Replaced" in again.stdout
    assert (first / "zh" / "index.html").is_file() and '<html lang="en">' in (
        first / "index.html"
    ).read_text(encoding="utf-8")
    assert not (first / "en").exists()  # the pages the earlier site had there went with it
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    before = snapshot(other)
    refused = cli("site", str(other))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert "未写入任何内容" in refused.stderr
    assert snapshot(other) == before
    afile = tmp_path / "file.txt"
    afile.write_text("x", encoding="utf-8")
    assert cli("site", str(afile)).exit_code == 1
    assert cli("site", str(tmp_path / "c"), "--as-of", "1999").exit_code == 1
    assert not (tmp_path / "c").exists()


# --- writing only what it owns ------------------------------------------------------------------


def manifest(out: Path) -> dict[str, str]:
    """The files the manifest says the site wrote into ``out``, with their digests."""
    listed: dict[str, str] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    return listed


def git(out: Path, *args: str) -> None:
    who = ["-c", "user.name=site", "-c", "user.email=site@example.org"]
    subprocess.run(["git", "-C", str(out), *who, *args], check=True, capture_output=True)


def test_a_site_rebuilt_over_a_gh_pages_checkout_keeps_what_it_did_not_write(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "gh-pages"
    build(cli, ws, out)
    git(out, "init", "-q")
    (out / "CNAME").write_bytes(b"plans.example.org\n")
    (out / ".nojekyll").write_bytes(b"")
    (out / "notes").mkdir()
    (out / "notes" / "readme.txt").write_bytes("发布说明\n".encode())
    git(out, "add", "-A")
    git(out, "commit", "-q", "-m", "the published site")
    theirs = {
        name: content
        for name, content in snapshot(out).items()
        if name.startswith(".git/") or name in ("CNAME", ".nojekyll", "notes/readme.txt")
    }
    assert any(name.startswith(".git/objects/") for name in theirs)
    wrote = set(manifest(out))
    national = {name for name in wrote if "/national/" in f"/{name}"}
    assert national and not wrote & set(theirs)

    build(cli, ws, out, "--plan", "gd")  # the national plan's pages are no longer in the site
    after = snapshot(out)
    assert {name: after.get(name) for name in theirs} == theirs  # byte for byte
    assert not national & set(after)  # the stale pages it wrote are gone, and their directories
    assert not (out / "plans" / "national").exists() and not (out / "data" / "national").exists()
    fresh = tmp_path / "fresh"
    build(cli, ws, fresh, "--plan", "gd")
    assert set(after) == set(theirs) | set(snapshot(fresh))
    assert {name: after[name] for name in snapshot(fresh)} == snapshot(fresh)
    assert manifest(out) == manifest(fresh)


def test_a_first_site_goes_into_a_checkout_holding_only_hidden_files_and_a_cname(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "pages"
    out.mkdir()
    git(out, "init", "-q")
    (out / "CNAME").write_bytes(b"plans.example.org\n")
    (out / ".nojekyll").write_bytes(b"")
    theirs = snapshot(out)
    build(cli, ws, out)
    after = snapshot(out)
    assert {name: after[name] for name in theirs} == theirs
    assert set(after) == set(theirs) | set(manifest(out)) | {MANIFEST}


@pytest.mark.parametrize(
    ("plant", "where"),
    [
        (
            lambda out, away: (out / "plans/national/index.html").write_bytes(b"mine"),
            "plans/national/index.html",
        ),
        (lambda out, away: (out / "plans/national").symlink_to(away), "plans/national"),
        (lambda out, away: (out / "plans/national").write_bytes(b"mine"), "plans/national"),
    ],
    ids=["file", "link", "file-for-a-directory"],
)
def test_a_file_of_ones_own_where_the_site_would_write_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    plant: object,
    where: str,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out, "--plan", "gd")  # no national pages yet
    away = tmp_path / "away"
    away.mkdir()
    (out / "plans/national").parent.mkdir(exist_ok=True)
    if where.endswith(".html"):
        (out / "plans/national").mkdir()
    plant(out, away)  # type: ignore[operator]
    before, elsewhere = snapshot(out), snapshot(away)
    refused = cli("site", str(out), "--lang", "en")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert f"{out / where} stands where the site writes" in refused.stderr
    assert "it is not in" in refused.stderr and "nothing was written" in refused.stderr
    assert snapshot(out) == before and snapshot(away) == elsewhere == {}
    assert not list(out.glob(".ipplan-site-*"))  # no staging left behind


def test_a_stale_page_someone_changed_is_kept_as_theirs(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    moved = b"<p>The national plan moved to https://example.org</p>"
    (out / "plans/national/index.html").write_bytes(moved)
    build(cli, ws, out, "--plan", "gd")
    assert (out / "plans/national/index.html").read_bytes() == moved
    assert not (out / "plans/national/practitioners.html").exists()
    assert "plans/national/index.html" not in manifest(out)


def test_a_site_from_before_the_manifest_is_replaced_and_the_rest_kept(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    (out / MANIFEST).unlink()
    (out / ".ipplan-site").write_text("written by ipplan site; replaced whole on the next run\n")
    (out / "plans/old").mkdir()
    (out / "plans/old/index.html").write_bytes(b"an old plan's page")
    (out / "CNAME").write_bytes(b"plans.example.org\n")
    (out / "README.md").write_bytes(b"# ours\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_bytes(b"ref: refs/heads/gh-pages\n")
    theirs = {n: c for n, c in snapshot(out).items() if n in ("CNAME", "README.md", ".git/HEAD")}
    again = cli("site", str(out), "--plan", "gd")
    assert again.exit_code == 0 and "已替换原有网站" in again.stdout
    after = snapshot(out)
    fresh = tmp_path / "fresh"
    build(cli, ws, fresh, "--plan", "gd")
    assert after == {**snapshot(fresh), **theirs}  # the old pages and the old marker are gone


@pytest.mark.parametrize(
    "entry",
    ["../victim.txt", "/VICTIM", "a/../../victim.txt", "", ".ipplan-site.json"],
    ids=["parent", "absolute", "dot-dot", "empty", "itself"],
)
def test_a_manifest_naming_files_outside_the_site_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    entry: str,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"not the site's")
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed["files"][entry.replace("VICTIM", str(victim))] = digest(victim.read_bytes())
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    before = snapshot(out)
    refused = cli("site", str(out), "--plan", "gd", "--lang", "en")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert f"{out / MANIFEST} is not a list of the files ipplan wrote" in refused.stderr
    assert snapshot(out) == before and victim.read_bytes() == b"not the site's"


@pytest.mark.slow
@pytest.mark.parametrize(
    "forged",
    [
        ["CNAME"],
        [".git/HEAD", ".git/config"],
        [".nojekyll"],
        ["plans/.git/HEAD"],
        ["notes/readme.txt"],
        ["plans/national/notes.txt"],
        ["data/all.html"],
        ["en/data/all.csv"],
        ["README.md"],
    ],
    ids=[
        "cname", "git", "hidden", "hidden-below", "other-top", "not-a-page", "not-a-download",
        "lang-data", "other-file",
    ],
)  # fmt: skip
def test_a_forged_manifest_listing_what_the_site_never_writes_deletes_nothing(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    forged: list[str],
) -> None:
    """The manifest is committed with a gh-pages branch: whoever may commit there writes it. A
    rebuild over one listing a CNAME or .git's files, with their right digests, would delete
    them."""
    monkeypatch.chdir(ws)
    out = tmp_path / "gh-pages"
    build(cli, ws, out)
    git(out, "init", "-q")
    (out / "CNAME").write_bytes(b"plans.example.org\n")
    (out / ".nojekyll").write_bytes(b"")
    for name in forged:
        path = out / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"theirs\n")
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for name in forged:
        listed["files"][name] = digest((out / name).read_bytes())
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    before = snapshot(out)
    refused = cli("site", str(out), "--plan", "gd")  # the national pages would be stale
    assert (refused.exit_code, refused.stdout) == (1, "")
    first = sorted(forged)[0]
    assert refused.stderr == (
        f"错误：{out / MANIFEST} 列出的 {first} 不是网站会写的文件（隐藏文件、CNAME，或 "
        "index.html、plans/、data/、en/、zh/ 之外的路径），清单可能被人改过；未删除、未写入任何"
        "内容。请从 git 恢复清单，或删除它后重新生成网站。\n"
    )
    assert snapshot(out) == before  # nothing deleted, nothing written
    english = cli("site", str(out), "--lang", "en")
    assert english.exit_code == 1 and f"{out / MANIFEST} lists {first}, which" in english.stderr
    with pytest.raises(SiteManifestBroken) as raised:  # its code: site-manifest-broken
        publish.write_site(out, {"index.html": b""})
    assert raised.value.message_id == "site-manifest-broken"
    assert raised.value.params["entry"] == first
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "broken", [b"{", b"[]", b'{"files": []}', b'{"files": {"a.html": 1}}', b"\xff"]
)
def test_a_manifest_not_in_its_form_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    broken: bytes,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    (out / MANIFEST).write_bytes(broken)
    before = snapshot(out)
    refused = cli("site", str(out))
    assert refused.exit_code == 1 and "未写入任何内容" in refused.stderr
    assert snapshot(out) == before


def test_a_stale_page_behind_a_link_is_never_removed(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    away = tmp_path / "away"
    away.mkdir()
    (away / "page.html").write_bytes(b"someone else's")
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed["files"]["plans/old/page.html"] = digest(b"someone else's")
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    (out / "plans" / "old").symlink_to(away)
    build(cli, ws, out)
    assert (away / "page.html").read_bytes() == b"someone else's"
    assert (out / "plans" / "old").is_symlink() and "plans/old/page.html" not in manifest(out)


def test_a_site_that_cannot_be_staged_leaves_the_earlier_one_as_it_was(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    (out / "CNAME").write_bytes(b"plans.example.org\n")
    before = snapshot(out)
    write = publish._write_staged
    calls: list[Path] = []

    def fill_the_disk(path: Path, content: bytes, made: set[Path]) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, content, made)

    monkeypatch.setattr(publish, "_write_staged", fill_the_disk)
    refused = cli("site", str(out), "--plan", "gd", "--lang", "en")
    assert refused.exit_code == 1 and "the disk is full" in refused.stderr
    assert snapshot(out) == before  # the staged files went with their directory
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [MANIFEST]


def test_a_site_stopped_while_put_in_place_says_so_and_the_next_run_finishes(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    national = {name for name in manifest(out) if "/national/" in f"/{name}"}
    replace = os.replace
    moved: list[str] = []

    def stop_halfway(source: str | Path, destination: str | Path) -> None:
        if ".ipplan-site-" in str(source) and len(moved) == 5:
            raise OSError(errno.EIO, "Input/output error")
        moved.append(str(destination))
        replace(source, destination)

    monkeypatch.setattr(os, "replace", stop_halfway)
    stopped = cli("site", str(out), "--plan", "gd", "--lang", "en")
    assert stopped.exit_code == 1
    assert f"the site in {out} was only partly replaced (Input/output error)" in stopped.stderr
    assert national <= set(manifest(out))  # every file written is still listed
    monkeypatch.setattr(os, "replace", replace)
    build(cli, ws, out, "--plan", "gd")
    fresh = tmp_path / "fresh"
    build(cli, ws, fresh, "--plan", "gd")
    assert snapshot(out) == snapshot(fresh)


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("national/public", "is inside the data directory"),
        ("national/actuals/site", "is inside the data directory"),
        ("provinces/zj/data/updates", "is inside the data directory"),
        ("provinces/gd", "is inside the data directory"),
        ("provinces", "holds"),
        (".", "holds"),
    ],
)
def test_a_site_inside_a_plan_or_holding_one_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    words: str,
) -> None:
    monkeypatch.chdir(ws)
    before = snapshot(ws)
    existed = (ws / where).exists()
    # --plan gd: every plan of the workspace is kept clear of, not only those published
    refused = cli("site", str(ws / where), "--plan", "gd", "--lang", "en")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert words in refused.stderr and "nothing was written" in refused.stderr
    assert snapshot(ws) == before and (ws / where).exists() == existed


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("other/updates", "在计划的数据目录"),
        ("other", "在计划的数据目录"),
        ("other/actuals/site", "在计划的数据目录"),
        ("repo/data/public", "在计划的数据目录"),
        ("repo", "包含"),
        ("holder", "包含"),
        ("wsroot", "包含"),
        ("link-into-other", "在计划的数据目录"),
    ],
)
def test_a_site_inside_or_holding_a_plan_of_no_workspace_of_its_own_is_refused(
    cli: Run,
    plan_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    words: str,
) -> None:
    """ipplan --data p site other/updates, where other is another plan outside p's workspace
    (updates/ holding only a .gitkeep), would write the site into that plan and break it: every
    plan at or above OUT, or in it, is kept clear of, wherever it is."""
    other = tmp_path / "other"
    shutil.copytree(plan_dir, other)
    shutil.rmtree(other / "updates", ignore_errors=True)
    (other / "updates").mkdir()
    (other / "updates" / ".gitkeep").write_bytes(b"")
    shutil.copytree(plan_dir, tmp_path / "repo" / "data")  # a plan in a repository's data/
    (tmp_path / "holder" / "plans").mkdir(parents=True)  # a site's directory holding a plan
    shutil.copytree(plan_dir, tmp_path / "holder" / "plans" / "p")
    (tmp_path / "wsroot").mkdir()
    (tmp_path / "wsroot" / "ipplan.yaml").write_text("plans: []\n", encoding="utf-8")
    (tmp_path / "link-into-other").symlink_to(other / "updates")
    away = tmp_path / "away"
    away.mkdir()
    monkeypatch.chdir(away)
    before = snapshot(tmp_path)
    refused = cli("site", str(tmp_path / where), "--data", str(plan_dir))
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert words in refused.stderr and "未写入任何内容" in refused.stderr
    assert snapshot(tmp_path) == before
    beside = tmp_path / "repo" / "public"  # beside a repository's data/: the usual place
    assert cli("site", str(beside), "--data", str(plan_dir)).exit_code == 0
    assert (beside / "index.html").is_file()


def test_a_site_led_by_a_link_into_a_plan_is_refused(
    cli: Run, plan_dir: Path, tmp_path: Path
) -> None:
    link = tmp_path / "public"
    link.symlink_to(plan_dir / "actuals")
    before = snapshot(plan_dir)
    refused = cli("site", str(link), "--data", str(plan_dir))
    assert refused.exit_code == 1 and "未写入任何内容" in refused.stderr
    assert snapshot(plan_dir) == before


def test_the_site_of_one_plan_outside_a_workspace(cli: Run, plan_dir: Path, tmp_path: Path) -> None:
    cli("record", "2023", "practitioners", "31000", "--data", str(plan_dir))
    out = tmp_path / "one"
    result = cli("site", str(out), "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr
    assert (out / "plans" / "plan" / "practitioners.html").is_file()
    assert "31000" in (out / "plans/plan/practitioners.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_site_in_headless_chromium(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    browser_path: str,  # noqa: F811
    width: int,
    height: int,
) -> None:
    from playwright.sync_api import sync_playwright

    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    pages = sorted(out.rglob("*.html"))
    shots = Path(os.environ.get("IPPLAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            problems: list[str] = []
            requests: list[str] = []
            page.on(
                "console",
                lambda m: problems.append(m.text) if m.type in ("error", "warning") else None,
            )
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            for file in pages:
                requests.clear()
                page.goto(file.as_uri(), wait_until="load")
                assert problems == [], file
                assert requests == [file.as_uri()], file  # nothing else is fetched
                overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                assert overflow <= 0, file  # readable on a phone: tables scroll in their box
            # follow links as a reader would: index -> plan -> indicator -> other language
            page.goto((out / "index.html").as_uri())
            assert page.title() == "规划实施进展"
            page.click("text=推进专利代理行业高质量发展行动计划（2022-2025年）")
            assert page.url.endswith("/plans/national/index.html")
            page.screenshot(path=str(shots / f"site-plan-{width}.png"), full_page=True)
            page.click("table >> text=执业专利代理师人数")
            assert page.url.endswith("/plans/national/practitioners.html")
            assert page.locator("svg.chart").count() == 1
            assert page.locator("table .s-differs").inner_text() == "超出容差"
            page.screenshot(path=str(shots / f"site-indicator-{width}.png"), full_page=True)
            page.click("text=English")
            assert page.url.endswith("/en/plans/national/practitioners.html")
            assert page.locator("table .s-differs").inner_text() == "beyond tolerance"
            page.goto((out / "index.html").as_uri())
            page.screenshot(path=str(shots / f"site-index-{width}.png"), full_page=True)
            for name in ("plan", "indicator", "index"):
                shot = shots / f"site-{name}-{width}.png"
                assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
        finally:
            browser.close()


def test_the_site_shows_the_reports_roadmap_table(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One roadmap table (reports.common.roadmap_tables): the site's plan page and the plan's
    HTML report show it cell for cell; the site once built its own, without the items' ids and
    with another rule for the progress column."""
    monkeypatch.chdir(ws)
    monkeypatch.setenv("IPPLAN_TODAY", "2023-01-31")
    out = tmp_path / "public"
    build(cli, ws, out)
    for lang, prefix, heading in (("zh", "", "路线图"), ("en", "en/", "Roadmap")):
        page = (out / prefix / "plans" / "national" / "index.html").read_text("utf-8")
        start = page.index(f"<h2>{heading}</h2>")
        shown = page[start : page.find("<h2>", start + 4)]
        shown = shown[shown.index("<h3>") : shown.rindex("</table></div>")]
        report = cli("report", "--format", "html", "--lang", lang, "--data", "national").stdout
        section = report[report.index('<section id="roadmap">') :]
        section = section[: section.index("</section>")]
        assert section[section.index("<h3>") : section.rindex("</table></div>")] == shown
        assert "y2022-1 " in shown


def test_a_stale_file_larger_than_any_site_file_is_never_read_whole_nor_removed(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A forged manifest lists a huge "stale" file with its right digest: reading it whole to
    compare would take its size in memory. A file larger than any a site writes is kept."""
    from ipplan.files import fingerprint

    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    monkeypatch.setattr(publish, "MAX_SITE_FILE", 1 << 20)
    huge = out / "data" / "huge.csv"
    with open(huge, "wb") as handle:
        handle.truncate(2 << 20)
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed["files"]["data/huge.csv"] = fingerprint.digest_file(huge, 4 << 20)
    (out / MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    reads: list[int] = []
    real_read = os.read

    def counted(fd: int, size: int) -> bytes:
        reads.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counted)
    build(cli, ws, out)
    assert huge.stat().st_size == 2 << 20 and "data/huge.csv" not in manifest(out)
    assert reads and max(reads) <= fingerprint.CHUNK
    assert fingerprint.digest_file(huge, 1 << 20) is None


@pytest.mark.parametrize("too_much", ["entries", "bytes"])
def test_a_manifest_beyond_its_limits_is_refused(
    cli: Run,
    ws: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    too_much: str,
) -> None:
    """A 49 MB manifest of 700,000 entries cost 22 s and 500 MB: one of more entries, or more
    bytes, than any site's is refused as broken before anything is read into it."""
    monkeypatch.chdir(ws)
    out = tmp_path / "public"
    build(cli, ws, out)
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    if too_much == "entries":
        for number in range(publish.MAX_MANIFEST_ENTRIES + 1 - len(listed["files"])):
            listed["files"][f"plans/x{number}.html"] = "0" * 32
        raw = json.dumps(listed).encode()
    else:
        raw = json.dumps(listed).encode() + b" " * publish.MAX_MANIFEST_BYTES
    (out / MANIFEST).write_bytes(raw)
    before = snapshot(out)
    refused = cli("site", str(out), "--lang", "en")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr.startswith(f"error: {out / MANIFEST} is not a list of the files ipplan")
    assert snapshot(out) == before
    with pytest.raises(SiteManifestBroken) as raised:  # its code: site-manifest-broken
        publish.write_site(out, {"index.html": b""})
    assert raised.value.message_id == "site-manifest-broken"
