#!/usr/bin/env bash
# Makes the archive dialect fixtures: one small, compliant Apache source tree written by GNU tar, bsdtar and
# Info-ZIP zip in every header dialect and compression that a release archive is found in, plus a few broken
# copies. Run from anywhere, as root (zip records the files' owner); the outputs are checked in.
# Needs GNU tar (1.34), bsdtar (libarchive 3.6), gzip, bzip2, xz, zstd, zip, unzip, unshare (util-linux) and
# python3 (3.11); verdicts.py also reads CPython's test archives where Debian's libpython3.11-testsuite puts them.
#
# Every archive is named apache-widget-1.0.0-src.<ext> and sits in a folder of its own named for its dialect,
# so that its one top folder always matches its name. verdicts.py then records what the tools say of each.
#
# Reproducible: timestamps, owners, modes and member order are fixed, no ctime, atime or process id reaches an
# archive, and compressors run single-threaded without names or dates in their headers.
set -euo pipefail
umask 022
export LC_ALL=C TZ=UTC
here=$(cd "$(dirname "$0")" && pwd)
licence="$here/../../../Atr.Domain/Checks/Licenses/Apache-2.0.txt"
cd "$here"
top=apache-widget-1.0.0-src
stamp='2026-01-01 00:00:00 UTC'

# Info-ZIP records each file's atime, and reading a file (or listing a folder) moves it: zip reads widget.sh
# through the symlink before it records widget.sh itself. So the work folder is mounted again with noatime, in
# a mount namespace of this script's own, which needs root (unshare).
if [ -z "${DIALECTS_NAMESPACE:-}" ]; then
    DIALECTS_NAMESPACE=1 exec unshare --mount bash "$0" "$@"
fi
# Outputs of an earlier run go first, so that none is left behind under an old name.
find . -mindepth 2 -name "$top.*" -delete
find . -mindepth 1 -type d -empty -delete
work=$(mktemp -d)
trap 'umount "$work" 2>/dev/null; rm -rf "$work"' EXIT
mount --bind "$work" "$work"
mount -o remount,bind,noatime "$work"

# The ASF source header, the words the licence-header rule compares, with a comment leader for each language.
header() {
    local first=$1 lead=$2 last=$3
    [ -n "$first" ] && printf '%s\n' "$first"
    sed "s|^|$lead|; s| *\$||" <<'EOF'
Licensed to the Apache Software Foundation (ASF) under one
or more contributor license agreements.  See the NOTICE file
distributed with this work for additional information
regarding copyright ownership.  The ASF licenses this file
to you under the Apache License, Version 2.0 (the
"License"); you may not use this file except in compliance
with the License.  You may obtain a copy of the License at

  http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing,
software distributed under the License is distributed on an
"AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
KIND, either express or implied.  See the License for the
specific language governing permissions and limitations
under the License.
EOF
    [ -n "$last" ] && printf '%s\n' "$last"
    return 0
}

# The compliant tree: LICENSE.txt and NOTICE.txt at the top, two Java files and a shell script with the header,
# and one symbolic link that resolves inside the tree. Every path is under 100 bytes, so even v7 can hold it.
tree="$work/base"
root="$tree/$top"
java="$root/src/main/java/org/apache/widget"
mkdir -p "$root/bin" "$java/util"
cp "$licence" "$root/LICENSE.txt"
printf 'Apache Widget\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n' > "$root/NOTICE.txt"
{
    header '/*' ' * ' ' */'
    cat <<'EOF'
package org.apache.widget;

import org.apache.widget.util.Strings;

/** Prints a greeting. */
public final class Widget {
    private Widget() {
    }

    public static void main(String[] args) {
        System.out.println(Strings.greeting(args.length > 0 ? args[0] : "world"));
    }
}
EOF
} > "$java/Widget.java"
{
    header '/*' ' * ' ' */'
    cat <<'EOF'
package org.apache.widget.util;

/** Text helpers. */
public final class Strings {
    private Strings() {
    }

    public static String greeting(String name) {
        return "Hello, " + name + "!";
    }
}
EOF
} > "$java/util/Strings.java"
{
    header '#!/bin/sh' '# ' ''
    printf '\nexec java -cp "$(dirname "$0")/../lib/*" org.apache.widget.Widget "$@"\n'
} > "$root/bin/widget.sh"
chmod 755 "$root/bin/widget.sh"
ln -s widget.sh "$root/bin/widget"

# The same tree with one member name and one symlink target longer than the 100 bytes of a tar header's fields.
long="$work/long"
cp -a "$tree" "$long"
deep=src/test/java/org/apache/widget/integration/compatibility/longnames
mkdir -p "$long/$top/$deep"
{
    header '/*' ' * ' ' */'
    printf 'package org.apache.widget.integration.compatibility.longnames;\n\n/** Lives deep enough that its path needs more than one tar header field. */\npublic final class LongPathNamesCompatibilityTest {\n}\n'
} > "$long/$top/$deep/LongPathNamesCompatibilityTest.java"
ln -s "$deep/LongPathNamesCompatibilityTest.java" "$long/$top/long-path-test"
target=$(readlink "$long/$top/long-path-test")
name="$top/$deep/LongPathNamesCompatibilityTest.java"
[ ${#name} -gt 100 ] && [ ${#target} -gt 100 ] || { echo "long name ${#name} or target ${#target} is not over 100" >&2; exit 1; }

# The same tree with a 1 MiB file that is mostly holes: six short runs of text, the last well before the end.
# Six runs are more than the four an old GNU sparse header holds, so gnu format needs an extension header.
holes="$work/holes"
cp -a "$tree" "$holes"
mkdir -p "$holes/$top/data"
truncate -s 1M "$holes/$top/data/holes.bin"
for offset in 0 100000 200000 300000 400000 500000; do
    printf 'Apache Widget test data at offset %d\n' "$offset" | dd of="$holes/$top/data/holes.bin" bs=1 seek="$offset" conv=notrunc status=none
done

# Fixed modes and times, set again before every archiver whatever ran before it.
restamp() {
    find "$1" -type d -exec chmod 755 {} +
    find "$1" -type f ! -name '*.sh' -exec chmod 644 {} +
    find "$1" -exec touch -h -d "$stamp" {} +
}
# The tree's paths, sorted, for the tools that would otherwise walk folders in the file system's own order.
paths() { (cd "$1" && find "$top" | sort); }

# GNU tar with a fixed owner, time and order. In pax, the extended header's name is made without the process id,
# and atime and ctime are left out. --hole-detection=raw finds holes from the data (all-zero 512-byte blocks), not
# from the file system, so the sparse maps are the same on any disk.
gtar() {
    local from=$1; shift
    restamp "$from"
    tar --sort=name --owner=root:0 --group=root:0 --mtime="$stamp" -C "$from" "$@"
}
pax=(--format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
gz() { gzip -n -9; }

out() { mkdir -p "$1"; echo "$1/$top.$2"; }

# 1. GNU tar's five formats, each gzipped.
gtar "$tree" --format=v7 -cf - "$top" | gz > "$(out gnu-v7 tar.gz)"
gtar "$tree" --format=oldgnu -cf - "$top" | gz > "$(out gnu-oldgnu tar.gz)"
gtar "$tree" --format=gnu -cf - "$top" | gz > "$(out gnu-gnu tar.gz)"
gtar "$tree" --format=ustar -cf - "$top" | gz > "$(out gnu-ustar tar.gz)"
gtar "$tree" "${pax[@]}" -cf "$work/posix.tar" "$top"

# The pax one in every compression a release uses, and in the two multi-stream forms that some tools write
# (pbzip2, parallel gzip, or a writer that appends): each cut 123 bytes past the middle, so that no stream ends
# on a tar block and a reader must join the streams to read the member that spans them.
gz < "$work/posix.tar" > "$(out gnu-posix tar.gz)"
gz < "$work/posix.tar" > "$(out gnu-posix tgz)"
bzip2 -9 < "$work/posix.tar" > "$(out gnu-posix tar.bz2)"
xz -T1 -6 --check=crc64 < "$work/posix.tar" > "$(out gnu-posix tar.xz)"
zstd -q -T1 -19 < "$work/posix.tar" > "$(out gnu-posix tar.zst)"
half=$(( $(stat -c %s "$work/posix.tar") / 2 + 123 ))
head -c "$half" "$work/posix.tar" > "$work/first"
tail -c +"$((half + 1))" "$work/posix.tar" > "$work/second"
{ bzip2 -9 < "$work/first"; bzip2 -9 < "$work/second"; } > "$(out gnu-posix-bzip2-two-streams tar.bz2)"
{ gz < "$work/first"; gz < "$work/second"; } > "$(out gnu-posix-gzip-two-members tar.gz)"

# 2. bsdtar. Its default format is "restricted pax": ustar headers, and a pax header only where ustar cannot say it.
# Given the sorted list with -n (no recursion) so that the order does not depend on the file system.
restamp "$tree"
paths "$tree" > "$work/base.list"
(cd "$tree" && bsdtar -c -n -f - --uid 0 --gid 0 --uname root --gname root -T "$work/base.list") | gz > "$(out bsdtar-default tar.gz)"

# bsdtar --format=pax with an extended attribute on the shell script: it writes the attribute twice, as
# LIBARCHIVE.xattr.* (base64) and SCHILY.xattr.*. Read from disk, bsdtar's pax headers would also carry the ctime,
# which no one can fix, so bsdtar reads the tree (with the attribute) from a GNU pax archive instead of the disk.
python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.apache.release", b"widget-1.0.0")' "$root/bin/widget.sh"
gtar "$tree" "${pax[@]}" --xattrs --xattrs-include='user.*' -cf "$work/xattrs.tar" "$top"
python3 -c 'import os, sys; os.removexattr(sys.argv[1], "user.apache.release")' "$root/bin/widget.sh"
bsdtar -c --format=pax -f - "@$work/xattrs.tar" | gz > "$(out bsdtar-pax-xattrs tar.gz)"

# 3. Names and link targets over 100 bytes: GNU's ././@LongLink members ('L' for the name, 'K' for the target),
# pax path and linkpath records, and ustar's prefix field (which can split the long name but not hold the target).
gtar "$long" --format=gnu -cf - "$top" | gz > "$(out gnu-longnames tar.gz)"
gtar "$long" "${pax[@]}" -cf - "$top" | gz > "$(out posix-longnames tar.gz)"
gtar "$long" --format=ustar --exclude="$top/long-path-test" -cf - "$top" | gz > "$(out ustar-prefix tar.gz)"

# 4. Sparse files: old GNU 'S' headers (with an extension header), and the three GNU pax encodings: 0.0 repeats
# GNU.sparse.offset/numbytes records, 0.1 has one GNU.sparse.map record, 1.0 puts the map in the member's data.
sparse=(--sparse --hole-detection=raw)
gtar "$holes" "${sparse[@]}" --format=gnu -cf - "$top" | gz > "$(out gnu-sparse tar.gz)"
# In 0.1 and 1.0, GNU tar names the member's ustar header %d/GNUSparseFile.%p/%f, with its own process id (no
# option changes that), so it runs as process 1 of a new pid namespace.
for version in 0.0 0.1 1.0; do
    restamp "$holes"
    unshare --pid --fork tar --sort=name --owner=root:0 --group=root:0 --mtime="$stamp" -C "$holes" \
        "${sparse[@]}" "${pax[@]}" --sparse-version="$version" -cf - "$top" | gz > "$(out "posix-sparse-$version" tar.gz)"
done

# 5. A directory whose header says size 512 with no data after it (CPython's testtar.tar has one of 255). Readers
# must ignore a directory's size: one that skips 512 bytes here silently loses the next member, the header
# of src/main/java/org/apache/, and then reads its children as if nothing were wrong.
gtar "$tree" --format=ustar -cf "$work/dirsize.tar" "$top"
python3 - "$work/dirsize.tar" "$top/src/main/java/org/" <<'EOF'
import sys
path, name = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, 'rb').read())
for at in range(0, len(data), 512):
    block = data[at:at + 512]
    if block[:100].rstrip(b'\0') == name and block[156:157] == b'5':
        block[124:136] = b'%011o\0' % 512             # size
        block[148:156] = b' ' * 8                     # checksum: the header's bytes summed with this field as spaces
        block[148:156] = b'%06o\0 ' % sum(block)
        data[at:at + 512] = block
        open(path, 'wb').write(data)
        break
else:
    sys.exit('no directory header named %s' % name.decode())
EOF
gz < "$work/dirsize.tar" > "$(out ustar-dir-with-size tar.gz)"

# 6. Base-256 numbers: a uid and gid of 4000000000, too big for the 8-byte octal fields (octal 77777777 at most),
# and a time before 1970, which octal cannot say; GNU format then writes the field as a big-endian binary number
# whose first byte is 0x80 (positive) or 0xff (negative, two's complement).
restamp "$tree"
tar --sort=name --owner=bob:4000000000 --group=bob:4000000000 --mtime='1969-07-20 20:17:40 UTC' --format=gnu \
    -C "$tree" -cf - "$top" | gz > "$(out gnu-base256 tar.gz)"

# 7. Zip. Info-ZIP as usually run (-r: extra fields with times and owner, the symlink followed and stored as a
# copy), with -X (no extra fields), and with -y (the symlink stored as a link); with Zip64 records on every entry
# (-fz); written into a pipe; and bsdtar's zip writer. The names are given sorted on stdin (-@): what -r would
# add, in a fixed order.
zipped() {
    local zip; zip=$(out "$1" zip); shift
    restamp "$tree"
    paths "$tree" | (cd "$tree" && zip -q "$@" -@ -) > "$zip"
}
zipped zip-infozip
zipped zip-infozip-X -X
zipped zip-infozip-symlinks -y
zipped zip-infozip-zip64 -fz
# Info-ZIP seeks back to fill in each local header's sizes when its output is a file; into a pipe it cannot, so it
# sets flag bit 3 and writes the sizes in a data descriptor after the data, as zip does when streaming.
restamp "$tree"
paths "$tree" | (cd "$tree" && zip -q -@ - | cat) > "$(out zip-infozip-streamed zip)"
# bsdtar's zip writer adds the ctime to its timestamp field when it reads the disk, so it reads a tar instead.
gtar "$tree" --format=ustar -cf "$work/ustar.tar" "$top"
bsdtar -c --format=zip -f "$(out zip-bsdtar zip)" "@$work/ustar.tar"

# 8. Broken copies, each made by editing a good archive, for the verdicts an integrity check must reach.
# A header checksum changed in the middle of the tar (the header of Widget.java): GNU tar skips to the next good
# header and fails at the end; a reader that takes a bad header for the end of the archive says nothing.
cp "$work/posix.tar" "$work/badsum.tar"
python3 - "$work/badsum.tar" "$top/src/main/java/org/apache/widget/Widget.java" <<'EOF'
import sys
path, name = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, 'rb').read())
for at in range(0, len(data), 512):
    if data[at:at + 100].rstrip(b'\0') == name and data[at + 257:at + 263] == b'ustar\0':
        data[at + 148:at + 154] = b'%06o' % ((int(data[at + 148:at + 154], 8) + 1) % 0o1000000)
        open(path, 'wb').write(data)
        break
else:
    sys.exit('no header named %s' % name.decode())
EOF
gz < "$work/badsum.tar" > "$(out broken-header-checksum tar.gz)"
# The two-stream bzip2 cut in the middle of its second stream (readers get the first members, then an error),
# and the zstd one cut in the middle of its only frame (readers get nothing).
first=$(bzip2 -9 < "$work/first" | wc -c)
second=$(( $(stat -c %s "gnu-posix-bzip2-two-streams/$top.tar.bz2") - first ))
bz=$(out broken-bzip2-truncated tar.bz2)
head -c $(( first + second / 2 )) "gnu-posix-bzip2-two-streams/$top.tar.bz2" > "$bz"
zs=$(out broken-zstd-truncated tar.zst)
head -c $(( $(stat -c %s gnu-posix/$top.tar.zst) / 2 )) "gnu-posix/$top.tar.zst" > "$zs"
# xz with one bit flipped: in the block's CRC64 (the data decompresses whole and only the check fails), and in the
# middle of the compressed data (the decoder fails or the check does).
# xz --robot -lvv gives each block's offset (column 5), header size (12) and compressed data size (14); the check
# follows the data after zero padding to a multiple of 4 bytes.
xz --robot -lvv "gnu-posix/$top.tar.xz" > "$work/xz.list"
read -r boffset bheader bdata <<< "$(awk -F'\t' '$1 == "block" { print $5, $12, $14 }' "$work/xz.list")"
flip() {
    python3 - "$1" "$2" <<'EOF'
import sys
path, at = sys.argv[1], int(sys.argv[2])
data = bytearray(open(path, 'rb').read())
data[at] ^= 0x01
open(path, 'wb').write(data)
EOF
}
cp "gnu-posix/$top.tar.xz" "$(out broken-xz-check tar.xz)"
flip "broken-xz-check/$top.tar.xz" $(( boffset + (bheader + bdata + 3) / 4 * 4 ))
cp "gnu-posix/$top.tar.xz" "$(out broken-xz-data tar.xz)"
flip "broken-xz-data/$top.tar.xz" $(( boffset + bheader + bdata / 2 ))

python3 "$here/verdicts.py"
