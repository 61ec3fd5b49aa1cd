"""PDF sources: text read with pypdf, running headers, footers and page numbers removed as boilerplate."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from pdfs import make_pdf
from summarize_cli.cli import app
from summarize_cli.errors import InputError
from summarize_cli.pdf import pdf_text

runner = CliRunner()

PAGES = [
    [
        "Communiqué de presse - Région Occitanie - 1er décembre 2026",
        "Plan ferroviaire : 450 millions d'euros pour les petites lignes",
        "Le conseil régional a adopté jeudi un plan de 450 millions d'euros destiné à rénover les",
        "lignes ferroviaires secondaires, dont une dizaine menaçaient de fermer d'ici à 2028 faute",
        "d'entretien.",
        "« Sans ces travaux, une dizaine de lignes auraient fermé », a déclaré Claire Vidal,",
        "vice-présidente chargée des transports.",
        "Page 1 / 2",
    ],
    [
        "Communiqué de presse - Région Occitanie - 1er décembre 2026",
        "Les premiers chantiers commenceront au printemps prochain sur trois lignes du centre de la",
        "région, où la fréquentation a progressé de 18 % depuis la mise en place de trains supplémentaires.",
        "Contact presse : service communication de la Région.",
        "Page 2 / 2",
    ],
]


def test_headers_footers_and_page_numbers_are_removed_and_lines_rejoined() -> None:
    text, warnings = pdf_text(make_pdf(PAGES), "cp.pdf")
    assert warnings == ()
    assert "Communiqué de presse - Région Occitanie" not in text
    assert "Page 1 / 2" not in text and "Page 2 / 2" not in text
    assert "destiné à rénover les lignes ferroviaires secondaires, dont une dizaine menaçaient de fermer d'ici à 2028 faute d'entretien." in text
    assert "« Sans ces travaux, une dizaine de lignes auraient fermé », a déclaré Claire Vidal, vice-présidente chargée des transports." in text


def test_pdf_file_is_summarised_with_figures_and_quotes(tmp_path) -> None:
    path = tmp_path / "communique.bin"  # recognised from its bytes, not its name
    path.write_bytes(make_pdf(PAGES))
    res = runner.invoke(app, [str(path), "--format", "json", "--no-translate", "--no-cache"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert any(f["kind"] == "money" and f["value"] == 4.5e8 for f in doc["figures"])
    assert [q["speaker"] for q in doc["quotes"]] == ["Claire Vidal"]
    assert "Page 1" not in doc["text"]


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "jsonl"])
def test_pdf_in_every_format(tmp_path, fmt) -> None:
    path = tmp_path / "cp.pdf"
    path.write_bytes(make_pdf(PAGES))
    res = runner.invoke(app, [str(path), "--format", fmt, "--no-translate", "--no-cache"])
    assert res.exit_code == 0, res.stderr
    assert "450" in res.stdout


def test_pdf_url(http_server) -> None:
    url = http_server.add("/cp", make_pdf(PAGES), content_type="application/pdf")
    res = runner.invoke(app, ["extract", url, "--format", "json", "--no-cache"])
    assert res.exit_code == 0, res.stderr
    assert "450 millions d'euros" in json.loads(res.stdout)["text"]


def test_scanned_pdf_has_a_clear_message(tmp_path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[""], [""]], no_text=True))
    res = runner.invoke(app, ["extract", str(path), "--no-cache"])
    assert res.exit_code == 3
    assert "without a text layer" in res.stderr and "OCR" in res.stderr and "Traceback" not in res.stderr


def test_encrypted_pdf_has_a_clear_message(tmp_path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PAGES))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="encrypted PDF"):
        pdf_text(buf.getvalue(), "locked.pdf")
    path = tmp_path / "locked.pdf"
    path.write_bytes(buf.getvalue())
    res = runner.invoke(app, ["extract", str(path), "--no-cache"])
    assert res.exit_code == 3 and "encrypted PDF" in res.stderr and "password" in res.stderr


def test_broken_pdf_is_an_input_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="cannot be read"):
        pdf_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "bad.pdf")


def test_a_number_in_the_text_at_a_page_edge_is_kept() -> None:
    text, _ = pdf_text(make_pdf([["Budget total de la région pour l'année :", "2024", "Les dépenses de fonctionnement augmentent de 3 % sur un an."]]), "t.pdf")
    assert "2024" in text


def test_pypdf_limits_and_missing_codecs_are_input_errors(monkeypatch) -> None:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    def boom(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
        raise LimitReachedError("limit reached")

    monkeypatch.setattr(type(PdfReader(io.BytesIO(make_pdf(PAGES))).pages[0]), "extract_text", boom)
    with pytest.raises(InputError, match="cannot be read .*LimitReachedError"):
        pdf_text(make_pdf(PAGES), "bomb.pdf")


def test_long_pdf_is_cut_with_a_warning(tmp_path, monkeypatch) -> None:
    import summarize_cli.pdf as pdf

    monkeypatch.setattr(pdf, "_MAX_PAGES", 1)
    text, warnings = pdf.pdf_text(make_pdf(PAGES), "long.pdf")
    assert "printemps" not in text and warnings == ("long.pdf has 2 pages; only the first 1 were read",)
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(PAGES))
    res = runner.invoke(app, ["extract", str(path), "--format", "json", "--no-cache"])
    assert "only the first 1 were read" in " ".join(json.loads(res.stdout)["warnings"])
