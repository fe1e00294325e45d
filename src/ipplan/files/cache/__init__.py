"""A cache of validated plans, so that reading an unchanged plan costs no parsing or validation.

An entry holds a plan exactly as :func:`ipplan.load.load` built it from files that passed
validation in full, with the identity of every file under the data directory at the moment they
were read: its relative path, size, modification and change times to the nanosecond, and inode,
and the name of every directory. It is used only when every file is still there with the same
identity and no other file or directory has appeared, the way git trusts its index:

- any write to a file changes its change time (which no program can set back), and replacing a
  file changes its inode, so a changed file never matches;
- a file modified less than :data:`.identity.RACY_SECONDS` before it was read could be modified
  again within the same tick of a coarse clock without its times changing, so a plan read from
  such a file is not cached at all;
- anything that is not a plain file or directory (a link, a device, a pipe) is left to the
  loader, which refuses it, and nothing is cached.

A write leaves an entry too (:func:`.plans.keep_written`): the plan the writer validated and
wrote, for the files as they are once written. Those files are seconds old, so the entry keeps
the digest of the bytes of each file modified within :data:`.identity.RACY_SECONDS` of its
listing, and is used only while each of those few small files, read again, still holds those
bytes.

No code comes from the cache. An entry is plain data, JSON (written by :mod:`json` and read by
orjson, neither of which runs anything it reads):
a first line, its header, names the format, the ipplan that made it (a digest of its version and
source files), the data directory, the digest of the identity of every file it was made from and
the digest of the rest; then one line for each part of the plan, records as lists of their
fields, which :mod:`ipplan.load` builds the plan's records back from. An entry whose header does
not match, or whose bytes are not what its header says, is only a miss.

Entries live outside every repository, in ``$IPPLAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/ipplan``, else ``~/.cache/ipplan``; ``IPPLAN_CACHE=0`` turns the cache off. A
relative location, or one inside the git repository of the plan being read or of the working
directory (where an entry could come from a commit), is refused (:func:`.directory.location`)
when it was set; the default one, set by nobody, there only turns the cache off (a home
directory kept in git). The directory is opened once, without following a link, and used only
when it is the user's own and open to nobody else (mode 0700, as ipplan makes it); each entry is
opened relative to it, without following a link, and read only when, once open, it is a regular
file of the user's own with no second name. Anything else is never read: swapping a name for a
link or another user's file at any moment gains nothing.

An entry is written to a temporary file and renamed into place, so two processes filling it at
once leave one whole entry; each write also removes what has not been used for
:data:`.directory.MAX_AGE_DAYS` days and then, oldest first, what takes the cache beyond
:data:`.directory.MAX_TOTAL_BYTES` (:func:`.directory.evict`). The cache never changes what a
command prints: with it or without it, the plan is the same.

Beside each plan's entry, ``ipplan validate`` keeps its last passing verdict
(:func:`.verdicts.passed`), keyed by content and by identity both, since a check must never pass
on data it did not read: the name of every file and directory, the digest of every file, and the
digest of their identities (size, times to the nanosecond, inode), as a plan's entry has. A
later check passes from it only when the listing is the same, every file has the same identity,
and every file, read again, holds the same bytes. A verdict whose digests leave any file out is
never used: a forged one cannot name bytes it did not digest, and a fresh checkout's inodes and
change times are known to nobody before it is made.

The modules: :mod:`.identity` (the files' identities and the snapshots they are taken in),
:mod:`.directory` (where entries live, opening, reading and writing them safely, eviction),
:mod:`.entries` (an entry's format: header, parts, the ipplan that made it), :mod:`.plans` (the
plans kept) and :mod:`.verdicts` (``validate``'s kept verdicts).
"""
