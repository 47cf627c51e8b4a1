"""The PDF handout carries no link to a local file, even when the articles hold such links."""

from __future__ import annotations

from pypdf import PdfReader

from tests.test_cli import run


def _links(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def test_the_handout_links_to_no_local_file(tmp_path):
    target = tmp_path / "handout.pdf"
    out = run("export", "-o", str(target), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = target.read_bytes()
    assert b"file:" not in data
    assert not [url for url in _links(PdfReader(str(target))) if not url.startswith(("http://", "https://"))]
