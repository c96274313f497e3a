"""fastwarc against warcio on one web archive: every HTTP response record read, body and all.

    python benchmarks/warc_readers.py [ARCHIVE.warc.gz]

Without an archive, one is built from the shared Wikinews articles (tests/fixtures/make_warc.py,
235 pages, written eight times over). Prints records/s for each; writes
benchmarks/results/warc_readers.json. onrecord reads archives with fastwarc (inputs.read_warc).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "warc_readers.json"
SHARED = REPO.parent / "shared" / "data" / "wikinews" / "wikinews-2019-2021.jsonl"


def with_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    records = size = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                records, size = records + 1, size + len(record.content_stream().read())
    return records, size


def with_fastwarc(path: Path) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = size = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True):
            records, size = records + 1, size + len(record.reader.read())
    return records, size


def build(folder: Path) -> Path:
    one = folder / "one.warc.gz"
    subprocess.run([sys.executable, str(REPO / "tests/fixtures/make_warc.py"), str(SHARED), str(one),
                    "--articles", "235"], check=True)
    many = folder / "eight.warc.gz"
    many.write_bytes(one.read_bytes() * 8)  # gzip members concatenated: one valid archive
    return many


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else build(Path(folder))
        result = {"archive_bytes": path.stat().st_size}
        for name, reader in (("warcio", with_warcio), ("fastwarc", with_fastwarc)):
            best = None
            for _ in range(3):
                started = time.perf_counter()
                records, size = reader(path)
                seconds = time.perf_counter() - started
                best = seconds if best is None else min(best, seconds)
            result[name] = {"records": records, "body_bytes": size, "seconds": round(best, 3),
                            "records_per_s": round(records / best)}
            print(f"{name:9} {records:,} responses, {size / 2**20:.1f} MiB of bodies in {best:.3f} s "
                  f"({records / best:,.0f} records/s)")
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"fastwarc {result['warcio']['seconds'] / result['fastwarc']['seconds']:.1f}x warcio; "
          f"results in {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
