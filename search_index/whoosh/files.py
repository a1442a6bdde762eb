"""How the index reads its files. Whoosh reads a random piece of a segment (a stored
document, a block of postings, a term's entry) with `get(position, length)`: on a plain
file that is a seek and a read through three layers of Python file objects, and the
buffered reader fills a whole 8 KB buffer for each piece of a few hundred bytes. Here `get`
is one `os.pread` of exactly the piece.

Not mmap: Whoosh copies every mapped part of a compound segment file into memory when it
opens it (BufferFile wraps the map in a BytesIO), so a searcher held the whole index twice,
mapped and copied (about 200 MB at N=100,000); a read keeps only what it read."""

import os

from whoosh.filedb.compound import SubFile
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class PreadFile(StructFile):
    """A file, or the part [offset, offset + length) of one (a file inside a compound
    segment file). Sequential reads go through Whoosh's file objects as before; `get` reads
    with pread, which leaves the shared file position alone, and then moves this file's
    own position past the piece as Whoosh's `get` does."""

    def __init__(self, fileobj, name=None, offset=0, length=None, fd=None, onclose=None):
        super().__init__(fileobj, name=name, onclose=onclose)
        self._fd = fileobj.fileno() if fd is None else fd
        self._offset = offset
        self._length = length

    def get(self, position, length):
        if self._length is not None:
            length = max(min(length, self._length - position), 0)
        data = os.pread(self._fd, length, self._offset + position)
        self.seek(position + len(data))
        return data

    def subset(self, offset, length, name=None):
        parent = self.file if self._length is None else self.file._file
        inner = SubFile(parent, self._offset + offset, length)
        return PreadFile(inner, name or self._name, self._offset + offset, length, self._fd)


class PreadStorage(FileStorage):
    """A folder of index files opened as PreadFiles (see the module docstring)."""

    def __init__(self, path):
        super().__init__(str(path), supports_mmap=False)

    def open_file(self, name, **kwargs):
        return PreadFile(open(self._fpath(name), "rb"), name=name, **kwargs)  # noqa: SIM115
