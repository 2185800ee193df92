#!/usr/bin/env python3
r"""Records what GNU tar, Info-ZIP unzip, bsdtar and Python say of each archive fixture, and of CPython's own test
archives, into verdicts.tsv; and lists every member of CPython's testtar.tar with the headers that carry it into
testtar-members.tsv. Run by make-dialects.sh from this folder; the outputs are checked in.

verdicts.tsv columns:
  path         relative to this folder, or absolute for CPython's archives (which are read where Debian puts them)
  format       tar or zip
  members      the lines of `tar -tvf` (tar) or the count that `unzip -l` ends with (zip)
  tool_rc      the exit code of `tar -tvf` (tar) or `unzip -t` (zip)
  python       "N members" when tarfile/zipfile opened it and read every file member to its end (for zip, also
               testzip()'s CRC check), else "N members, then Error: message" or "Error: message"
  python_stream  for a compressed tar, what Python's gzip/bz2/lzma module says when the whole file is decompressed
               to its end ("N bytes" or the error); tarfile stops at the tar's end-of-archive blocks and never
               reads the rest of the compressed stream, so only this sees a bad check or a bad second stream there
  bsdtar_rc    the exit code of `bsdtar -tf`
  bsdtar_members  the lines of `bsdtar -tf`
  provided_by  fixture (made by make-dialects.sh) or the Debian package that ships the file
  notes        the first line each tool wrote to stderr (for unzip -t, its first warning or error line)

testtar-members.tsv columns: name (bytes that are not UTF-8 as \xNN); type (tarfile's typeflag, NUL for v7's);
size; headers (the typeflags of every header that carries the member, in order: g for a pax global header
before it, x or X for a pax or Solaris extended header, L and K for GNU long name and link, S+ for an old GNU
sparse extension block); magic of its own header (ustar, gnu or v7); checksum (whether the stored checksum is
the unsigned or the signed sum of the header's bytes); pax_keys (including those of a global header); and
sparse_runs (the data runs of a sparse member).
"""
import bz2
import glob
import gzip
import lzma
import os
import subprocess
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CPYTHON = '/usr/lib/python3.11/test'
CPYTHON_ARCHIVES = ['testtar.tar', 'testtar.tar.xz', 'recursion.tar', 'zipdir.zip', 'zip_cp437_header.zip',
                    'ziptestdata/exe_with_zip', 'ziptestdata/exe_with_z64']
CPYTHON_PACKAGE = 'libpython3.11-testsuite'


def run(args):
    """Runs a tool in a UTF-8 locale; returns its exit code, stdout lines and first stderr line."""
    done = subprocess.run(args, capture_output=True, env=dict(os.environ, LC_ALL='C.UTF-8', TZ='UTC'))
    out = done.stdout.decode('utf-8', 'replace').splitlines()
    err = done.stderr.decode('utf-8', 'replace').strip().splitlines()
    return done.returncode, out, err[0] if err else ''


def is_zip(path):
    # CPython's exe_with_zip and exe_with_z64 are zips behind a shell script, so the name does not tell.
    return path.endswith('.zip') or (zipfile.is_zipfile(path) and not path.endswith(('.tar', '.xz')))


def python_tar(path):
    count = 0
    try:
        with tarfile.open(path) as archive:
            for member in archive:
                count += 1
                if member.isreg():
                    with archive.extractfile(member) as data:
                        while data.read(1 << 16):
                            pass
        return '%d members' % count
    except Exception as e:  # the verdict is whatever tarfile raises
        return error(count, e)


def python_stream(path):
    openers = {'.gz': gzip.open, '.tgz': gzip.open, '.bz2': bz2.open, '.xz': lzma.open}
    opener = next((o for ext, o in openers.items() if path.endswith(ext)), None)
    if opener is None:
        return 'no zstd module in Python 3.11' if path.endswith('.zst') else ''
    total = 0
    try:
        with opener(path) as data:
            while chunk := data.read(1 << 16):
                total += len(chunk)
        return '%d bytes' % total
    except Exception as e:
        return error(0, e) if not total else '%d bytes, then %s' % (total, error(0, e))


def python_zip(path):
    count = 0
    try:
        with zipfile.ZipFile(path) as archive:
            count = len(archive.infolist())
            bad = archive.testzip()
            return '%d members' % count if bad is None else '%d members, then testzip: bad CRC in %s' % (count, bad)
    except Exception as e:
        return error(count, e)


def error(count, e):
    # tarfile's "could not be opened" lists each method it tried on a line of its own
    text = '%s: %s' % (type(e).__name__, ' '.join(str(e).split()))
    return '%d members, then %s' % (count, text) if count else text


def clean(text):
    # Names that are not UTF-8 come from tarfile with surrogate escapes; they are written as \xNN.
    text = text.encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace')
    return text.replace('\t', ' ').replace('\n', ' ').strip()


def verdict(path, shown, provided_by):
    notes = []
    if is_zip(path):
        fmt = 'zip'
        _, listing, _ = run(['unzip', '-l', path])
        members = listing[-1].split()[1] if listing and listing[-1].split()[-1] in ('file', 'files') else '?'
        rc, out, err = run(['unzip', '-t', path])
        said = [err] + [line.strip() for line in out if line.lstrip().startswith(('warning', 'error'))]
        if any(said):
            notes.append('unzip: ' + next(line for line in said if line))
        python = python_zip(path)
    else:
        fmt = 'tar'
        rc, listing, err = run(['tar', '-tvf', path])
        members = str(len(listing))
        if err:
            notes.append(err)
        python = python_tar(path)
    stream = '' if fmt == 'zip' else python_stream(path)
    brc, blisting, berr = run(['bsdtar', '-tf', path])
    if berr:
        notes.append(berr)
    return [shown, fmt, members, str(rc), python, stream, str(brc), str(len(blisting)), provided_by, ' | '.join(notes)]


def headers(raw, info):
    """The typeflags of the headers that carry the member (extended ones first, then its own, then any old GNU
    sparse extension blocks as S+), its own header's magic, and whether its checksum is the unsigned or the
    signed sum of the header's bytes."""
    flags, at = [], info.offset
    while True:
        block = raw[at:at + 512]
        flag = block[156:157]
        flags.append(flag.decode() if flag != b'\0' else 'NUL')
        at += 512
        if flag in (b'x', b'g', b'L', b'K', b'X'):  # an extended header: its data, then the next header
            at += (int(block[124:136].rstrip(b'\0 ') or b'0', 8) + 511) // 512 * 512
            continue
        break
    main = block
    extended = flag == b'S' and main[482]
    while extended:  # old GNU sparse: 21 more runs per block while the isextended byte says so
        flags.append('S+')
        extended = raw[at + 504]
        at += 512
    magic = {b'ustar\x0000': 'ustar', b'ustar  \x00': 'gnu', bytes(8): 'v7'}.get(main[257:265], repr(main[257:265]))
    field = main[148:156].strip(b'\0 ')
    stored = int(field, 8) if field else None
    blank = main[:148] + b' ' * 8 + main[156:]
    checksum = ('unsigned' if stored == sum(blank)
                else 'signed' if stored == sum(b - 256 if b > 127 else b for b in blank)
                else 'neither')
    return ','.join(flags), magic, checksum


def testtar_members():
    path = os.path.join(CPYTHON, 'testtar.tar')
    raw = open(path, 'rb').read()
    rows = [['name', 'type', 'size', 'headers', 'magic', 'checksum', 'pax_keys', 'sparse_runs']]
    with tarfile.open(path) as archive:
        after = 0  # where the previous member ended: headers between there and this member are global ('g') ones
        for info in archive:
            flags, magic, checksum = headers(raw, info)
            globals_ = []
            while after < info.offset:
                block = raw[after:after + 512]
                globals_.append(block[156:157].decode())
                after += 512 + (int(block[124:136].rstrip(b'\0 ') or b'0', 8) + 511) // 512 * 512
            flags = ','.join(globals_ + [flags])
            rows.append([info.name, info.type.decode() if info.type != b'\0' else 'NUL', str(info.size), flags, magic,
                         checksum, ' '.join(sorted(info.pax_headers)), str(len(info.sparse)) if info.sparse else ''])
            after = archive.offset
    return rows


def write(name, rows):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as out:
        for row in rows:
            out.write('\t'.join(clean(cell) for cell in row) + '\n')


def main():
    os.chdir(HERE)
    rows = [['path', 'format', 'members', 'tool_rc', 'python', 'python_stream', 'bsdtar_rc', 'bsdtar_members', 'provided_by', 'notes']]
    for path in sorted(p for p in glob.glob('*/apache-widget-1.0.0-src.*')):
        rows.append(verdict(path, path, 'fixture'))
    for name in CPYTHON_ARCHIVES:
        path = os.path.join(CPYTHON, name)
        if os.path.exists(path):
            rows.append(verdict(path, path, CPYTHON_PACKAGE))
        else:
            print('missing %s (Debian package %s)' % (path, CPYTHON_PACKAGE), file=sys.stderr)
    write('verdicts.tsv', rows)
    if os.path.exists(os.path.join(CPYTHON, 'testtar.tar')):
        write('testtar-members.tsv', testtar_members())


if __name__ == '__main__':
    main()
