"""Read a DarkScan store (docs/native-format.md) into numpy arrays, checking the magic and CRCs."""
import json, mmap, struct, zlib

import numpy as np

DTYPES = {"i8": "<i1", "u8": "<u1", "i32": "<i4", "i64": "<i8", "f32": "<f4", "f64": "<f8"}


def read_store(path):
    """(header dict, {column name: numpy array}) of the store at `path`."""
    with open(path, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    assert m[:8] == b"\x89DSCOL\r\n", f"{path}: not a DarkScan store"
    version, header_crc, length = struct.unpack_from("<IIQ", m, 8)
    assert version == 1 and zlib.crc32(m[24:24 + length]) == header_crc, f"{path}: bad version or header CRC"
    header = json.loads(m[24:24 + length])
    columns = {}
    for c in header["columns"]:
        block = m[c["offset"]:c["offset"] + c["byteLength"]]
        assert zlib.crc32(block) == c["crc32"], f"{path}: column {c['name']} fails its CRC"
        columns[c["name"]] = np.frombuffer(m, DTYPES[c["type"]], c["count"], c["offset"])
    return header, columns
