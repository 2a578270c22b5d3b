"""The hostile-input corpus: every file under tests/hostile/ gets a clear, located answer.

Each case puts one hostile file into a fresh project (made by `plainly init`,
whose example article is good), builds it, and checks what a patient-safety
officer would: exit status 1, a `path:line:column` message naming the problem,
no traceback, the good article still built, nothing written outside the output
folder and no hostile payload on any page.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from engine.build.writer import FAIL_WRITES
from engine.cli import cli

HOSTILE = Path(__file__).parents[1] / "hostile"
PAYLOAD = "pwned"
LOCATED = re.compile(r"^\S.*:\d+:\d+: (error|warning): ")


@dataclass(frozen=True)
class Case:
    fixture: str
    """File under tests/hostile/."""

    destination: str
    """Where it goes in the project."""

    where: str
    """Expected `line:column` of the first diagnostic about it."""

    message: str
    """A fragment of that diagnostic's message."""

    project_wide: bool = False
    """Config, profile or glossary problems stop the whole load: nothing is built."""

    reported: str = ""
    """The path the message names, when it is not the destination (a folder, say)."""

    spanish: bool = False
    """The project lists es-US besides en-US."""


def article(name: str, where: str, message: str) -> Case:
    return Case(f"articles/{name}.yaml", f"articles/{name}.yaml", where, message)


CASES = [
    # YAML syntax and structure
    article("yaml-unclosed-bracket", "2:32", "invalid YAML"),
    article("yaml-tab-indent", "8:1", "invalid YAML: found character '\\t'"),
    article("yaml-bad-indent", "8:12", "invalid YAML: mapping values are not allowed"),
    article("yaml-unclosed-quote", "12:16", "invalid YAML"),
    article("yaml-two-documents", "1:1", "expected one YAML document, found 2"),
    article("yaml-alias-bomb", "2:8", "anchors and aliases are not supported"),
    article("yaml-top-level-list", "2:1", "expected a mapping of fields at the top level"),
    article("yaml-top-level-scalar", "2:1", "expected a mapping of fields at the top level"),
    article("yaml-python-tag", "2:8", "'title': expected text, found a list"),
    article("yaml-binary-tag", "2:1", "'title': expected text, found binary data"),
    # empty, encodings
    article("empty", "1:1", "file is empty"),
    article("whitespace-only", "1:1", "file is empty"),
    article("comments-only", "1:1", "file has only comments"),
    article("non-utf8-latin1", "1:11", "file is not UTF-8 (byte 0xe9)"),
    article("non-utf16", "1:1", "file is not UTF-8 (byte 0xff)"),
    article("nul-byte", "1:15", "file contains a NUL character"),
    article("bom-then-unknown-field", "4:1", "unknown field 'colour'"),
    # wrong types, unknown and missing fields
    article("wrong-type-title-list", "2:8", "'title': expected text, found a list"),
    article("wrong-type-sections-mapping", "6:1", "'sections': input should be a valid list"),
    article("wrong-type-year", "14:75", "'year': input should be a valid integer"),
    article("wrong-type-date", "4:10", "'updated': input should be a valid date"),
    article("wrong-type-review-state", "5:17", "'rubber-stamped' is not allowed for 'state'"),
    article("approved-without-reviewer", "5:1", "an approved article needs `reviewer` and `date`"),
    article("unknown-field-top", "5:1", "unknown field 'colour'"),
    article("unknown-field-block", "12:9", "unknown field 'onclick'"),
    article("unknown-block-type", "10:9", "unknown block type 'video'"),
    article("missing-sections", "2:1", "missing field 'sections'"),
    # nesting
    article("deep-nesting-lists", "2:48", "nesting is deeper than 40 levels"),
    article("deep-nesting-1000", "2:47", "nesting is deeper than 40 levels"),
    article("deep-nesting-1000-unclosed", "2:47", "nesting is deeper than 40 levels"),
    # characters no source may hold, and values out of any real range
    article("lone-surrogate", "2:8", "text contains a lone surrogate (U+D800)"),
    article("escape-sequence-in-value", "2:8", "text contains the invisible character U+001B"),
    article("control-character-raw", "2:16", "file contains the invisible character U+001B"),
    article("bidi-override", "3:20", "file contains the invisible character U+202E"),
    article("updated-far-future", "4:1", "'updated': input should be less than or equal"),
    article("review-interval-huge", "5:1", "'review_interval_months': input should be less"),
    article("deep-nesting-items", "47:87", "nesting is deeper than 40 levels"),
    # duplicates and ids
    article("duplicate-key", "5:1", "duplicate key 'title'"),
    article("duplicate-block-id", "13:9", "duplicate id 'text' (first used at line 10)"),
    article("duplicate-reference-key", "15:5", "duplicate reference key 'ref'"),
    article("bad-block-id", "10:13", "'../../etc/passwd' is not a valid id"),
    # unknown audiences and references
    article("unknown-audience-override", "14:11", "'pharmacist' is not an audience"),
    article("unknown-audience-limit", "10:9", "limited to audience 'pharmacist'"),
    article("unknown-citation", "12:34", "citation 'nope' has no reference"),
    # raw HTML and script
    article("raw-html-script", "12:34", "raw HTML is not allowed in text"),
    article("raw-html-img-onerror", "12:34", "raw HTML is not allowed in text"),
    article("raw-html-in-title", "2:9", "raw HTML is not allowed in text"),
    article("raw-html-in-override", "14:39", "raw HTML is not allowed in text"),
    article("raw-html-in-table-cell", "18:23", "raw HTML is not allowed in text"),
    # links
    article("link-javascript", "12:53", "links with 'javascript:' are not allowed"),
    article("link-javascript-mixed-case", "12:53", "links with 'JaVaScRiPt:' are not allowed"),
    article("link-file", "12:53", "links with 'file:' are not allowed"),
    article("link-data", "12:53", "links with 'data:' are not allowed"),
    article("link-vbscript", "12:53", "links with 'vbscript:' are not allowed"),
    article("link-protocol-relative", "12:53", "write the full address starting with https://"),
    article("link-control-character", "12:15", "text contains the invisible character U+0001"),
    article("reference-url-javascript", "14:5", "is not a web address"),
    # images
    article("image-outside-assets", "13:9", "is outside the asset folder"),
    article("image-absolute-path", "13:9", "is outside the asset folder"),
    # medicine: units, cautions and the fact lock
    article("micrograms-sign", "12:21", "writes micrograms as 'μg'"),
    article("caution-kept-from-patients", "13:9", "caution block 'warfarin' is kept from"),
    article("caution-hidden-by-section", "17:9", "caution 'warfarin' does not reach 'caregiver'"),
    article("get-help-item-kept", "16:13", "a point of get_help block 'help' is kept from"),
    article("factlock-changed-dose", "14:26", "says 8000 IU daily; the clinician text says 800"),
    article(
        "factlock-dropped-threshold",
        "14:22",
        "caregiver wording of 'text' (text) leaves out at least",
    ),
    article("factlock-added-dose", "14:43", "adds 4000 IU (dose, IU), which the clinician text"),
    article(
        "factlock-changed-frequency",
        "14:26",
        "says 800 IU weekly; the clinician text says 800 IU daily",
    ),
    article(
        "factlock-changed-comparator",
        "14:33",
        "says over 1,500 mg a day; the clinician text says under",
    ),
    article(
        "factlock-clinician-drops-statistic",
        "14:22",
        "clinician wording of 'text' (text) leaves out",
    ),
    # glossary, profiles, configuration: these stop the load
    Case("glossary/collision.yaml", "glossary.yaml", "6:5", "belongs to both", True),
    Case("glossary/cycle.yaml", "glossary.yaml", "4:12", "plain wordings lead in a circle", True),
    Case(
        "glossary/wrong-type.yaml", "glossary.yaml", "3:11", "'term': input should be"
    ),  # the entry is refused; the rest build
    Case(
        "glossary/unknown-locale.yaml", "glossary.yaml", "6:1", "glossary for 'xx-XX'"
    ),  # the entry is refused; the rest build
    Case(
        "glossary/html-in-definition.yaml", "glossary.yaml", "5:28", "raw HTML"
    ),  # the entry is refused; the rest build
    Case("profiles/extends-itself.yaml", "variants/pharmacist.yaml", "2:1", "in a cycle", True),
    Case("profiles/unknown-field.yaml", "variants/pharmacist.yaml", "4:1", "'glosary'", True),
    Case("profiles/may-omit-doses.yaml", "variants/pharmacist.yaml", "4:12", "'everything'", True),
    Case("config/locale-traversal.yaml", "plainly.yaml", "4:18", "'../../etc' is not", True),
    Case("config/base-url-javascript.yaml", "plainly.yaml", "3:11", "'base_url'", True),
    Case("config/output-wrong-type.yaml", "plainly.yaml", "4:9", "'output': input", True),
    Case("config/review-interval-huge.yaml", "plainly.yaml", "4:1", "less than or equal", True),
    Case("config/output-in-articles.yaml", "plainly.yaml", "4:9", "overlaps the project's", True),
    Case("config/assets-outside-project.yaml", "plainly.yaml", "4:9", "outside the project", True),
    Case("config/duplicate-locale.yaml", "plainly.yaml", "4:25", "'es-US' is listed twice", True),
    # template overrides
    Case(
        "templates/include-outside.html",
        "variants/patient/templates/variant.html",
        "2:1",
        "../../../../etc/passwd",
    ),
    Case(
        "templates/syntax-error.html",
        "variants/patient/templates/variant.html",
        "2:1",
        "Expected an expression",
    ),
    Case(
        "templates/divide-by-zero.html",
        "variants/patient/templates/variant.html",
        "2:1",
        "ZeroDivisionError: division by zero",
    ),
    Case(
        "templates/sandbox-escape.html",
        "variants/patient/templates/variant.html",
        "2:1",
        "is unsafe",
    ),
    # file names and folders
    Case("names/slug-too-long.yaml", f"articles/{'a' * 220}.yaml", "1:1", "at most 80"),
    Case("names/slug-reserved.yaml", "articles/assets.yaml", "1:1", "a folder the site uses"),
    Case("names/two-files-one-slug.yaml", "articles/example.yml", "1:1", "two files for article"),
    Case(
        "names/slug-locale-folder.yaml",
        "articles/es.yaml",
        "1:1",
        "'es' names a folder the site uses",
        spanish=True,
    ),
    Case(
        "names/slug-uppercase-space.yaml", "articles/Bad Name!.yaml", "1:1", "not a valid article"
    ),
    Case("names/slug-dot-dot.yaml", "articles/..yaml", "1:1", "not a valid article file name"),
    Case("names/slug-unicode.yaml", "articles/vitamín-d.yaml", "1:1", "not a valid article"),
    Case(
        "names/slug-script.yaml",
        "articles/<script>alert(1)<:script>.yaml",
        "1:1",
        "not a valid article file name",
    ),
    Case(
        "names/locale-folder-unconfigured.yaml",
        "articles/xx-XX/example.yaml",
        "1:1",
        "folder 'xx-XX' is not a configured locale",
        reported="articles/xx-XX",
    ),
    Case(
        "names/default-locale-folder.yaml",
        "articles/en-US/orphan.yaml",
        "1:1",
        "folder 'en-US' is the default locale",
        reported="articles/en-US",
    ),
    Case(
        "names/locale-folder-no-original.yaml",
        "articles/es-US/orphan.yaml",
        "1:1",
        "translation 'orphan' has no original articles/orphan.yaml",
    ),
]


def test_the_corpus_is_complete() -> None:
    """Every file in the corpus has a case, every case a file, and there are at least 40."""
    files = {
        str(p.relative_to(HOSTILE)) for p in HOSTILE.rglob("*") if p.is_file() and p.suffix != ".md"
    }
    assert files == {case.fixture for case in CASES}
    assert len({case.fixture for case in CASES}) >= 40


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "project"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    return root


def tree_hashes(root: Path, skip: Path) -> dict[str, str]:
    """Every file under root (but not under skip) with the hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_relative_to(skip)
    }


def copy_tree(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def build(root: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(
        cli, ["build", "--drafts", "--as-of", "2025-06-01", *args, "--project", str(root)]
    )


def place(case: Case, root: Path) -> None:
    target = root / case.destination
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((HOSTILE / case.fixture).read_bytes())
    if case.destination.startswith("articles/es-US/") or case.spanish:
        config = root / "plainly.yaml"
        text = config.read_text().replace("locales: [en-US]", "locales: [en-US, es-US]")
        config.write_text(text)


@pytest.mark.parametrize("case", CASES, ids=[c.fixture for c in CASES])
def test_hostile_input_gets_a_located_answer(
    case: Case, starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_tree(starter, tmp_path / "project")
    place(case, root)
    monkeypatch.chdir(root)  # paths in messages are shown relative to the working folder
    outside = tmp_path
    before = tree_hashes(outside, root / "output")
    result = build(root)
    output = result.output

    assert result.exit_code == 1, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    expected = f"{case.reported or case.destination}:{case.where}: error: "
    lines = [line for line in output.splitlines() if expected in line]
    assert lines, f"expected {expected!r}...\n{output}"
    assert any(case.message in line for line in lines), output
    assert all("Hint: " in line for line in lines), output
    for line in output.splitlines():
        if ": error: " in line or ": warning: " in line:
            assert LOCATED.match(line), line
    # Sources are untouched and nothing appeared outside the output folder.
    assert tree_hashes(outside, root / "output") == before
    written = [p for p in (root / "output").rglob("*") if p.is_file()]
    if case.project_wide:
        assert written == []
    else:
        # A broken patient template costs the patient page only.
        if not case.fixture.startswith("templates/"):
            assert (root / "output/site/example/patient/index.html").is_file(), output
        assert (root / "output/site/example/clinician/index.html").is_file(), output
    # No payload reaches a page (the build's own records may quote the refused source).
    for path in written:
        if path.suffix in (".html", ".xml", ".js", ".css", ".pdf"):
            assert PAYLOAD.encode() not in path.read_bytes(), path


def test_a_very_large_file_is_refused(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    line = "# " + "x" * 98 + "\n"
    (root / "articles/huge.yaml").write_text(line * 21_000)
    result = build(root)
    assert result.exit_code == 1
    assert re.search(r"articles/huge\.yaml:1:1: error: file is 2,121,000 bytes", result.output)
    assert (root / "output/site/example/patient/index.html").is_file()


@pytest.mark.parametrize("slug", ["../../etc/passwd", "/etc/passwd", "..", "a/b"])
def test_article_arguments_with_path_separators_write_nothing_outside(
    slug: str, starter: Path, tmp_path: Path
) -> None:
    root = copy_tree(starter, tmp_path / "project")
    before = tree_hashes(tmp_path, root / "output")
    result = build(root, slug)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"no article '{slug}'" in result.output
    assert tree_hashes(tmp_path, root / "output") == before
    approve = CliRunner().invoke(
        cli, ["approve", slug, "--reviewer", "Dr. Ng", "--project", str(root)]
    )
    assert approve.exit_code == 2
    assert "is not an article name" in approve.output
    assert tree_hashes(tmp_path, root / "output") == before


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


@pytest.mark.parametrize("make", [_fifo, _dev_zero], ids=["fifo", "symlink-to-dev-zero"])
def test_a_source_that_is_not_a_regular_file_is_refused_before_it_is_read(
    make: Callable[[Path], None], starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO would hang the build and /dev/zero never ends: neither is opened for reading
    (special files are made here, not committed to the corpus)."""
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    make(root / "articles/special.yaml")
    result = build(root)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "articles/special.yaml:1:1: error: not a regular file" in result.output
    assert (root / "output/site/example/patient/index.html").is_file()


def test_a_template_override_linked_outside_its_folder_is_not_read(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    secret = tmp_path / "secret.html"
    secret.write_text(PAYLOAD)
    templates = root / "variants/patient/templates"
    templates.mkdir(parents=True)
    (templates / "secret.html").symlink_to(secret)
    (templates / "variant.html").write_text('{% include "secret.html" %}\n')
    result = build(root)
    assert result.exit_code == 1
    assert "variants/patient/templates/variant.html:1:1: error: template error" in result.output
    assert "no template 'secret.html' inside the template folders" in result.output
    assert (root / "output/site/example/clinician/index.html").is_file()
    for path in (root / "output").rglob("*.html"):
        assert PAYLOAD not in path.read_text(), path


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        ("ENOSPC", "No space left on device"),
        ("EACCES", "Permission denied"),
        ("ENAMETOOLONG", "File name too long"),
        ("EROFS", "Read-only file system"),
    ],
)
def test_an_environment_fault_says_what_happened_and_what_to_do(
    code: str, advice: str, starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.setenv(FAIL_WRITES, code)
    result = build(root, "--format", "html")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "bug in Plainly" not in result.output
    assert re.search(rf"^error: {advice} on .*output.*\. Hint: \w", result.output, re.M)


def test_messages_never_print_control_characters(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name carrying a terminal escape is named with the escape spelt out."""
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    (root / "articles/\x1b[2Jx\u202e.yaml").write_text("title: x\n")
    result = build(root)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "articles/\\x1b[2Jx\\u202e.yaml:1:1: error: " in result.output


def test_project_assets_that_could_harm_the_site_are_refused(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dotfiles are never published; links only to files inside the project; no special
    files; nothing in the engine's place; no SVG with script or outside references; no
    page or script of any kind."""
    root = copy_tree(starter, tmp_path / "project")
    monkeypatch.chdir(root)
    assets = root / "assets"
    (tmp_path / "id_rsa").write_text(PAYLOAD)
    (assets / ".git").mkdir()
    (assets / ".git/config").write_text(PAYLOAD)
    (assets / ".env").write_text(PAYLOAD)
    (assets / "key.png").symlink_to(tmp_path / "id_rsa")
    os.mkfifo(assets / "pipe.png")
    (assets / "plainly.js").write_text(f"alert('{PAYLOAD}')")
    svg = '<svg xmlns="http://www.w3.org/2000/svg">{}</svg>'
    (assets / "script.svg").write_text(svg.format(f"<script>{PAYLOAD}()</script>"))
    (assets / "handler.svg").write_text(svg.format(f'<rect onclick="{PAYLOAD}()"/>'))
    (assets / "remote.svg").write_text(svg.format('<image href="https://evil.example/x"/>'))
    (assets / "fine.svg").write_text(svg.format('<rect fill="url(#g)"/><use href="#g"/>'))
    (assets / "logo.png").write_bytes(b"logo")
    (assets / "alias.png").symlink_to("logo.png")
    (assets / "info.html").write_text(f"<script>document.write('{PAYLOAD}')</script>")
    (assets / "extra.js").write_text(f"alert('{PAYLOAD}')")
    result = build(root, "--format", "html")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name, message in [
        ("key.png", "a link to something that is not a file inside the project"),
        ("pipe.png", "not a regular file"),
        ("plainly.js", "would replace the site's own file"),
        ("script.svg", "SVG asset holds script"),
        ("handler.svg", "SVG asset holds script"),
        ("remote.svg", "SVG asset holds script"),
        ("info.html", "not a kind of file the site publishes"),
        ("extra.js", "not a kind of file the site publishes"),
    ]:
        assert re.search(
            rf"^assets/{re.escape(name)}:\d+:1: error: .*{message}", result.output, re.M
        )
    published = root / "output/site/assets"
    assert sorted(p.name for p in published.iterdir() if p.is_file()) == [
        "alias.png",
        "favicon.svg",
        "fine.svg",
        "logo.png",
        "plainly.css",
        "plainly.js",
        "search-index.js",
    ]
    for path in published.rglob("*"):
        assert path.is_dir() or PAYLOAD.encode() not in path.read_bytes(), path
