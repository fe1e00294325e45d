"""Errors of an output a command writes: the report's format, its file, the site's directory."""

from __future__ import annotations

from ipplan.errors.base import IpplanError


class TargetExists(IpplanError):
    """`ipplan init` would overwrite an existing plan."""

    message_id = "target-exists"


class MissingExtra(IpplanError):
    """A format needs a package that is installed only with one of ipplan's extras."""

    message_id = "missing-extra"


class BinaryToTerminal(IpplanError):
    """A binary report was asked for on a terminal."""

    message_id = "binary-to-terminal"


class OutputIsData(IpplanError):
    """A report's output file would overwrite a file of a plan (of any plan of the workspace):
    its data files, or a file in its record, schema or work-plan directories."""

    message_id = "output-is-data"


class OutputIsWorkspace(IpplanError):
    """A report's output file would overwrite the workspace file, ipplan.yaml."""

    message_id = "output-is-workspace"


class OutputMakesPlan(IpplanError):
    """A report's output file is named as a plan's or a workspace's file (indicators.yaml,
    ipplan.yaml): written, it would make its directory a plan or a workspace."""

    message_id = "output-makes-plan"


class OutputInsidePlan(IpplanError):
    """An output directory (of `schema DIR`, `init DIR`, `new DIR`) lies inside a plan's data
    directory: what is written there would be read as the plan's files."""

    message_id = "output-inside-plan"


class OutputThroughPlantedLink(IpplanError):
    """An output path (a report, a site, schemas, a new plan) goes through a symbolic link in a
    shared directory (sticky or world-writable, /tmp say) owned neither by the user nor by
    that directory's owner: someone else may have planted it to have ipplan write over their
    victim's files, as the kernel's fs.protected_symlinks refuses to follow it."""

    message_id = "output-planted-link"


class FormatContradictsOutput(IpplanError):
    """--format names one format and the output file's extension another."""

    message_id = "format-contradicts-output"
    exit_code = 2


class FormatNotImplied(IpplanError):
    """The output file's extension names no report format, and --format was not given."""

    message_id = "format-not-implied"
    exit_code = 2


class OutputNotAFile(IpplanError):
    """A report's output path is a directory, a device, a pipe or a socket, not a regular file."""

    message_id = "output-not-a-file"


class OutputDirMissing(IpplanError):
    """The directory a report's output file would go in does not exist."""

    message_id = "output-dir-missing"


class SiteTargetNotEmpty(IpplanError):
    """`ipplan site` was pointed at a directory holding files that are not an earlier site."""

    message_id = "site-target-not-empty"


class SiteInsidePlan(IpplanError):
    """`ipplan site` was pointed at a plan's data directory or a directory inside one."""

    message_id = "site-inside-plan"


class SiteHoldsPlan(IpplanError):
    """`ipplan site` was pointed at a directory that holds a plan's data directory or the
    workspace file (the workspace's root, say)."""

    message_id = "site-holds-plan"


class SiteFileInTheWay(IpplanError):
    """A file the site did not write (not in its manifest) stands where the site writes one."""

    message_id = "site-file-in-the-way"


class SiteManifestBroken(IpplanError):
    """The site's manifest cannot be read, or is not in the form ipplan writes."""

    message_id = "site-manifest-broken"


class SitePartlyReplaced(IpplanError):
    """Writing stopped while the new site's files were being put in place; the manifest still
    lists every file written, so the next run finishes."""

    message_id = "site-partly-replaced"
