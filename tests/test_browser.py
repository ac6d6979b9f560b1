"""The HTML report in a real browser: headless Chromium draws it and prints it to PDF.

Under CI (CI=true) these tests must run: a missing Chromium is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from conftest import fill_plan, write_template

from aktivitetsplan import build_report, read_plans
from aktivitetsplan.formats.html import render_html
from aktivitetsplan.plan.schema import PHASE_STRONG_COLOURS
from aktivitetsplan.settings import Settings

pytestmark = pytest.mark.browser

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
REPORT_DAY = date(2026, 11, 22)
WIDTH, HEIGHT = 900, 3000  # tall enough for the method sections above the phase donut


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if IN_CI:
        pytest.fail("Chromium is missing under CI=true; .ci/run must install it (apt chromium)")
    pytest.skip("Chromium is not installed")


def run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless run with a fresh profile; the page is a local file."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    result = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result


# --- a PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium writes) ---------------------


def read_png(data: bytes) -> np.ndarray:
    """The pixels of a PNG as a height × width × 3 array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, []
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(height, stride + 1)
    pixels = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            current = line
        elif kind == 1:  # Sub
            current = np.cumsum(line.reshape(width, channels), axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            current = (line + previous) % 256
        else:  # Average, Paeth: each byte depends on the one to its left
            out, up, left = bytearray(stride), previous.tolist(), line.tolist()
            for x in range(stride):
                a = out[x - channels] if x >= channels else 0
                b = up[x]
                if kind == 3:
                    out[x] = (left[x] + ((a + b) >> 1)) & 0xFF
                    continue
                c = up[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                out[x] = (left[x] + pred) & 0xFF
            current = np.frombuffer(bytes(out), dtype=np.uint8).astype(np.int32)
        pixels[y] = current
        previous = current
    return pixels.reshape(height, width, channels)[:, :, :3]


def colour_pixels(pixels: np.ndarray, hex_colour: str, tolerance: int = 12) -> int:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(pixels.astype(np.int32) - target).max(axis=2) <= tolerance).sum())


def test_png_reader_against_a_known_image():
    """The reader above, on a PNG built here with every filter type."""
    width, height = 5, 5
    image = np.arange(width * height * 3, dtype=np.uint8).reshape(height, width, 3) * 7
    lines, previous = [], np.zeros(width * 3, dtype=np.int32)
    for y in range(height):
        kind = y % 5
        line = image[y].reshape(-1).astype(np.int32)
        left = np.concatenate([np.zeros(3, dtype=np.int32), line[:-3]])
        upleft = np.concatenate([np.zeros(3, dtype=np.int32), previous[:-3]])
        if kind == 0:
            encoded = line
        elif kind == 1:
            encoded = line - left
        elif kind == 2:
            encoded = line - previous
        elif kind == 3:
            encoded = line - (left + previous) // 2
        else:
            p = left + previous - upleft
            pa, pb, pc = abs(p - left), abs(p - previous), abs(p - upleft)
            pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, previous, upleft))
            encoded = line - pred
        lines.append(bytes([kind]) + (encoded % 256).astype(np.uint8).tobytes())
        previous = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"".join(lines)))
        + chunk(b"IEND", b"")
    )
    assert (read_png(png) == image).all()


# --- the report under test -----------------------------------------------------------------------


@pytest.fixture
def long_report(tmp_path: Path) -> Path:
    """A long monthly report: two campaigns with 36 activities, many late, as one HTML file."""
    folder = tmp_path / "planer"
    folder.mkdir()
    people = ("Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Jonas Lie")
    channels = ("Nettside", "LinkedIn", "Nyhetsbrev", "Arrangement", "Video", "SEO")
    statuses = ("I distribusjon", "I produksjon", "Å gjøre", "I produksjon", "Avlyst")
    for number, name in enumerate(("Vårkampanje", "Høstmesse")):
        rows = []
        for index in range(18):
            deadline = REPORT_DAY + timedelta(days=index * 3 - 30 + number)
            rows.append(
                {
                    "ID": f"{name[0]}{index + 1}",
                    "Aktivitet": f"{name}: aktivitet nummer {index + 1}",
                    "Type": ("Kampanje", "Program", "Eksperiment")[index % 3],
                    "Kanal": channels[index % len(channels)],
                    "Ansvarlig": people[index % len(people)],
                    "Start": deadline - timedelta(days=14),
                    "Frist": deadline,
                    "Status": statuses[index % len(statuses)],
                    "Budsjett (kr)": 10_000 + 2_500 * index,
                    "Kostnad (kr)": 8_000 + 1_000 * index if index % 2 else None,
                    "Resultat": index if index % 4 == 0 else None,
                }
            )
        campaign = {
            "Kampanje": name,
            "KPI": "Leads",
            "Måltall": 120,
            "Budsjett": 600_000,
            "Start": REPORT_DAY - timedelta(days=90),
            "Slutt": REPORT_DAY + timedelta(days=60),
        }
        fill_plan(write_template(folder / f"plan{number}.xlsx"), rows, campaign)
    config = Settings(report_date=REPORT_DAY)
    report = build_report(
        read_plans([folder], config),
        config,
        month=(2026, 11),
    )
    assert len(report.overdue) > 10
    page = tmp_path / "rapport.html"
    page.write_text(render_html(report), encoding="utf-8")
    return page


def test_chromium_draws_the_report(long_report, tmp_path):
    shot = tmp_path / "rapport.png"
    run_chromium(tmp_path, long_report, f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}")
    pixels = read_png(shot.read_bytes())
    assert pixels.shape == (HEIGHT, WIDTH, 3)
    background = (pixels == [255, 255, 255]).all(axis=2) | (pixels == [0xEE, 0xF0, 0xF4]).all(
        axis=2
    )
    drawn = 1 - background.mean()
    assert drawn > 0.08, f"only {drawn:.1%} of the screenshot is drawn"
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200
    # The phase donut is painted in the phase colours (inline SVG rendered, not ignored).
    for phase in ("todo", "in_production", "distributed"):
        assert colour_pixels(pixels, PHASE_STRONG_COLOURS[phase]) > 300, phase


def test_chromium_reads_the_title(long_report, tmp_path):
    result = run_chromium(tmp_path, long_report, "--dump-dom")
    dom = result.stdout.decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and title[1] == "Månedsrapport – November 2026"
    assert 'class="chart donut"' in dom and 'class="chart burn"' in dom


def test_chromium_prints_a4_pages(long_report, tmp_path):
    pdf = tmp_path / "rapport.pdf"
    run_chromium(tmp_path, long_report, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert pages > 1, f"{pages} page(s)"
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes, "no page size in the PDF"
    for width, height in boxes:
        assert abs(float(width) - 595.3) < 1.5 and abs(float(height) - 841.9) < 1.5  # A4
