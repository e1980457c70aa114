"""Building blocks for accessible Word briefings, shared by the learning and 7-minute briefings.

This module imports python-docx at the top, so only the export functions import it, and only when they
run. It writes the body XML directly with lxml (one element per paragraph, run and cell), with every
style id looked up once, which keeps a 1,000-finding briefing about as fast as the simplest python-docx
script; it never calls `table.cell(i, j)` or reads `doc.paragraphs` in a loop (both are quadratic), and
it never calls `add_section()`.

Accessibility rules it enforces (GOV.UK guidance on accessible documents):
- A4 paper, en-GB language on the document defaults, on every style that names a language, and in the
  settings, so spell-checkers and screen readers use British English.
- Real heading styles; exactly one Heading 1 and no skipped levels (`heading` raises if asked to skip).
- Real list styles (List Bullet, List Number). Every numbered list gets its own `w:num` that points at
  the List Number abstract numbering with a `startOverride` of 1, so each list restarts at 1.
- Every table has a header row that repeats on each page (`w:tblHeader`), a caption in the Caption style
  just above it ("Table N: ...", with a SEQ field), and a table title and description for assistive
  technology (`w:tblCaption`, `w:tblDescription`).
- Every image has alt text (`descr` and `title` on its `wp:docPr`).
- XML-invalid characters are cleaned from every piece of text on the way in.

With a template, the template's styles, header, footer and logo are kept and its body is cleared; any
style it lacks is copied in from python-docx's built-in template, and a warning says so.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence, Union

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from lxml import etree

from lif_tui.errors import DataError
from lif_tui.exports.atomic_write import atomic_write
from lif_tui.exports.briefing_content import xml_safe

__all__ = ["Run", "Cell", "Picture", "DocxBuilder", "open_document"]

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W_VAL = qn("w:val")
_P, _PPR, _PSTYLE, _R, _RPR, _T, _BR, _TAB = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:t", "w:br", "w:tab"))
_B, _I, _SZ, _SZCS, _JC, _SPACING, _KEEPNEXT = (
    qn(t) for t in ("w:b", "w:i", "w:sz", "w:szCs", "w:jc", "w:spacing", "w:keepNext")
)
_NUMPR, _ILVL, _NUMID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
_TBL, _TBLPR, _TBLGRID, _GRIDCOL, _TR, _TRPR, _TC, _TCPR, _TCW, _SHD = (
    qn(t)
    for t in ("w:tbl", "w:tblPr", "w:tblGrid", "w:gridCol", "w:tr", "w:trPr", "w:tc", "w:tcPr", "w:tcW", "w:shd")
)
_W_W, _W_TYPE = qn("w:w"), qn("w:type")

TWIPS_PER_MM = 1440 / 25.4
KEEP_TOGETHER_ROWS = 15
KEEP_TOGETHER_CHARS = 900
"""Short tables (at most this many rows and characters) are kept on one page; longer ones may break
between rows, and the header row repeats."""
CANT_SPLIT_CHARS = 1200
"""Rows with less text than this are never split across pages."""
A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


@dataclass(frozen=True)
class Run:
    """A piece of text with simple character formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Picture:
    """A PNG shown inline, with the alt text that every image must carry."""

    png: bytes
    width_mm: float
    alt: str
    title: str = ""


Content = Union[str, Run, Picture, Sequence[Union[str, Run, Picture]]]


@dataclass(frozen=True)
class Cell:
    """A table cell: content plus an optional shading fill (hex RGB) and bold text."""

    content: Content
    fill: str | None = None
    bold: bool = False


def open_document(template: Path | None):
    """A python-docx Document: the built-in one, or the template (a .docx or .dotx) with its body kept.

    Raises DataError naming the template when it cannot be read as a Word document.
    """
    if template is None:
        return docx.Document()
    template = Path(template).expanduser()
    if not template.is_file():
        raise DataError(f"The template {template} does not exist or is not a file.")
    try:
        data = template.read_bytes()
    except OSError as error:
        raise DataError(f"Cannot read the template {template}: {error.strerror or error}.") from None
    try:
        return docx.Document(io.BytesIO(_as_docx_package(data)))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise DataError(
            f"The template {template} could not be opened as a Word document ({type(error).__name__}); "
            "save it from Word as a .docx and try again."
        ) from None


def _as_docx_package(data: bytes) -> bytes:
    """Word templates (.dotx) differ from documents only in one content type; treat them as documents."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if DOTX_CONTENT_TYPE.encode() not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in archive.infolist():
                    content = archive.read(item.filename)
                    if item.filename == "[Content_Types].xml":
                        content = content.replace(DOTX_CONTENT_TYPE.encode(), DOCX_CONTENT_TYPE.encode())
                    target.writestr(item, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return data


_DEFAULTS: dict[str, object] = {}


def _builtin_document():
    """python-docx's own default document, read once, as the source of fallback styles and numbering."""
    if "doc" not in _DEFAULTS:
        _DEFAULTS["doc"] = docx.Document()
    return _DEFAULTS["doc"]


class StyleBook:
    """Style ids by name, looked up once; missing styles are copied from the built-in template."""

    def __init__(self, document, warnings: list[str], *, templated: bool) -> None:
        self._document = document
        self._styles = document.styles.element
        self._warnings = warnings
        self._templated = templated
        self._by_name: dict[str, etree._Element] = {}
        self._by_id: dict[str, etree._Element] = {}
        for style in self._styles.iterchildren(qn("w:style")):
            self._index(style)
        self._ids: dict[tuple[str, str], str] = {}

    def _index(self, style) -> None:
        name_el = style.find(qn("w:name"))
        if name_el is not None and name_el.get(_W_VAL):
            self._by_name.setdefault(name_el.get(_W_VAL).lower(), style)
        style_id = style.get(qn("w:styleId"))
        if style_id:
            self._by_id.setdefault(style_id, style)

    def element(self, name: str, kind: str = "paragraph"):
        self.id(name, kind)
        return self._by_id[self._ids[(name, kind)]]

    def id(self, name: str, kind: str = "paragraph") -> str:
        """The style id for a style name such as "Heading 2" or "List Bullet"."""
        key = (name, kind)
        found = self._ids.get(key)
        if found is not None:
            return found
        style = self._find(name, kind)
        if style is None:
            style = self._copy_builtin(name, kind)
            if self._templated:
                self._warnings.append(
                    f"The template has no '{name}' style, so the built-in '{name}' style was used."
                )
        style_id = style.get(qn("w:styleId"))
        self._ids[key] = style_id
        return style_id

    def _find(self, name: str, kind: str):
        style = self._by_name.get(name.lower())
        if style is None:
            style = self._by_id.get(name.replace(" ", ""))
        if style is not None and style.get(qn("w:type")) == kind:
            return style
        return None

    def _copy_builtin(self, name: str, kind: str):
        source_styles = _builtin_document().styles.element
        source = None
        for style in source_styles.iterchildren(qn("w:style")):
            name_el = style.find(qn("w:name"))
            if name_el is not None and name_el.get(_W_VAL, "").lower() == name.lower():
                source = style
                break
        if source is None or source.get(qn("w:type")) != kind:
            raise DataError(f"No built-in '{name}' style is available to fall back on.")
        return self._import(source, source_styles)

    def _import(self, source, source_styles):
        clone = copy.deepcopy(source)
        style_id = clone.get(qn("w:styleId"))
        if style_id in self._by_id:
            # The id is taken by a different style in the template: give ours a fresh id.
            style_id = f"{style_id}Lif"
            clone.set(qn("w:styleId"), style_id)
        clone.attrib.pop(qn("w:default"), None)
        for child in list(clone):
            if child.tag == qn("w:link"):
                clone.remove(child)
        for ref_tag in ("w:basedOn", "w:next"):
            ref = clone.find(qn(ref_tag))
            if ref is not None and ref.get(_W_VAL) not in self._by_id:
                base = next(
                    (s for s in source_styles.iterchildren(qn("w:style")) if s.get(qn("w:styleId")) == ref.get(_W_VAL)),
                    None,
                )
                if base is not None and ref_tag == "w:basedOn":
                    imported = self._import(base, source_styles)
                    ref.set(_W_VAL, imported.get(qn("w:styleId")))
                else:
                    clone.remove(ref)
        self._fix_numbering(clone)
        self._styles.append(clone)
        self._index(clone)
        return clone

    def _fix_numbering(self, style) -> None:
        """A copied list style points at the built-in template's numbering; copy that numbering in too."""
        num_id_el = style.find(f"{_PPR}/{_NUMPR}/{_NUMID}")
        if num_id_el is None:
            return
        source_numbering = _builtin_document().part.numbering_part.element
        num = source_numbering.num_having_numId(int(num_id_el.get(_W_VAL)))
        abstract_id = num.abstractNumId.val
        abstract = next(
            a for a in source_numbering.iterchildren(qn("w:abstractNum")) if int(a.get(qn("w:abstractNumId"))) == abstract_id
        )
        new_abstract = add_abstract_num(self._document, copy.deepcopy(abstract))
        target = self._document.part.numbering_part.element
        num_id_el.set(_W_VAL, str(target.add_num(new_abstract).numId))


def add_abstract_num(document, abstract) -> int:
    """Add a `w:abstractNum` (a fresh id, before the first `w:num`, as the schema wants); return its id."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iterchildren(qn("w:abstractNum"))]
    new_id = max(ids, default=-1) + 1
    abstract.set(qn("w:abstractNumId"), str(new_id))
    for nsid in abstract.findall(qn("w:nsid")):
        abstract.remove(nsid)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return new_id


_LIST_XML = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="0">'
    '<w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>{rpr}</w:lvl>'
    "</w:abstractNum>"
)


def _own_abstract(document, numbered: bool) -> int:
    if numbered:
        xml = _LIST_XML.format(fmt="decimal", text="%1.", rpr="")
    else:
        xml = _LIST_XML.format(
            fmt="bullet", text="\u2022", rpr='<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>'
        )
    return add_abstract_num(document, etree.fromstring(xml))


def _content_items(content: Content) -> Sequence[str | Run | Picture]:
    if isinstance(content, (str, Run, Picture)):
        return (content,)
    return content


class DocxBuilder:
    """Appends headings, paragraphs, lists, tables and pictures to a document body, fast and accessibly."""

    def __init__(self, template: Path | None = None, *, language: str = "en-GB") -> None:
        self.warnings: list[str] = []
        self.templated = template is not None
        self.doc = open_document(template)
        self.language = language
        body = self.doc.element.body
        section_properties = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not section_properties:
                body.remove(child)
        if section_properties is None:
            section_properties = body.makeelement(qn("w:sectPr"), {})
            body.append(section_properties)
        self._body = body
        self._end = section_properties
        self.styles = StyleBook(self.doc, self.warnings, templated=self.templated)
        self._heading_levels: list[int] = []
        self._tables = 0
        self.table_font_half_points: int | None = 20
        self._pictures = 0
        self._numbered_abstract: int | None = None
        self._bullet_num: int | None | bool = False
        self._setup_page()
        self._set_language()
        # Resolve every style the briefings use up front: one lookup each, and warnings appear once.
        self._style = {
            name: self.styles.id(name)
            for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "List Number", "Caption")
        }
        self._table_style = self.styles.id("Table Grid", "table")
        if not self.templated:
            self._house_style()
        self.text_width_twips = self._text_width()

    # --- document set-up -------------------------------------------------------------------------------

    def _setup_page(self) -> None:
        section = self.doc.sections[0]
        if self.templated and (
            abs(int(section.page_width or 0) - A4_WIDTH) > Mm(2) or abs(int(section.page_height or 0) - A4_HEIGHT) > Mm(2)
        ):
            if section.page_width and section.page_height:
                self.warnings.append("The template's paper size is not A4; the briefing was set to A4.")
        landscape = section.page_width and section.page_height and section.page_width > section.page_height
        section.page_width, section.page_height = (A4_HEIGHT, A4_WIDTH) if landscape else (A4_WIDTH, A4_HEIGHT)
        if not self.templated:
            for side in ("left_margin", "right_margin"):
                setattr(section, side, Mm(20))
            section.top_margin = Mm(22)
            section.bottom_margin = Mm(20)
            section.header_distance = Mm(10)
            section.footer_distance = Mm(10)
            section.gutter = 0

    def _text_width(self) -> int:
        section = self.doc.sections[0]
        width = int(section.page_width) - int(section.left_margin or 0) - int(section.right_margin or 0)
        width -= int(section.gutter or 0)
        return max(int(Emu(width).twips), int(60 * TWIPS_PER_MM))

    def _set_language(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = etree.SubElement(styles, qn("w:docDefaults"))
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = etree.Element(qn("w:rPrDefault"))
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(_RPR)
        if rpr is None:
            rpr = etree.SubElement(rpr_default, _RPR)
        _set_lang(rpr, self.language)
        for lang in styles.iter(qn("w:lang")):
            if lang.get(_W_VAL) is not None:
                lang.set(_W_VAL, self.language)
        for style in styles.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) == "1":
                style_rpr = style.find(_RPR)
                if style_rpr is None:
                    style_rpr = etree.SubElement(style, _RPR)
                _set_lang(style_rpr, self.language)
        settings = self.doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        if theme_lang is not None:
            theme_lang.set(_W_VAL, self.language)
        self.doc.core_properties.language = self.language

    def _house_style(self) -> None:
        """Clear, high-contrast defaults for the built-in template: Arial, navy headings, no italics."""
        navy = RGBColor(0x1F, 0x38, 0x64)
        styles = self.doc.styles.element
        defaults_rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_RPR}")
        _set_fonts(defaults_rpr, "Arial")
        # name: (size in points, bold, colour, space before, space after)
        spec = {
            "Normal": (11, None, None, 0, 6),
            "Heading 1": (22, True, navy, 0, 6),
            "Heading 2": (15, True, navy, 16, 4),
            "Heading 3": (12.5, True, navy, 12, 3),
            "Heading 4": (11, True, RGBColor(0x26, 0x26, 0x26), 8, 2),
            "List Bullet": (11, None, None, 0, 3),
            "List Number": (11, None, None, 0, 3),
            "Caption": (10, True, RGBColor(0x26, 0x26, 0x26), 8, 3),
        }
        for name, (size, bold, colour, before, after) in spec.items():
            style = self.doc.styles.element.get_by_id(self._style[name])
            if style is None or not style.name_val:
                continue
            _set_fonts(style.get_or_add_rPr(), "Arial")
            proxy = self.doc.styles[style.name_val]
            proxy.font.size = Pt(size)
            proxy.font.bold = bold
            if name in ("Heading 4", "Caption"):
                proxy.font.italic = False
            if colour is not None:
                proxy.font.color.rgb = colour
                color_el = style.get_or_add_rPr().find(qn("w:color"))
                if color_el is not None:
                    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                        color_el.attrib.pop(qn(attr), None)
            fmt = proxy.paragraph_format
            fmt.space_before = Pt(before)
            fmt.space_after = Pt(after)
            if name == "Normal":
                fmt.line_spacing = 1.15
        caption = self.doc.styles.element.get_by_id(self._style["Caption"])
        ppr = caption.get_or_add_pPr()
        if ppr.find(_KEEPNEXT) is None:
            ppr.insert(0, ppr.makeelement(_KEEPNEXT, {}))

    def compact(self, body_pt: float = 10.5, heading_pt: float = 12.5) -> None:
        """Tighter type and spacing for the two-page 7-minute briefing (built-in template only)."""
        if self.templated:
            return
        section = self.doc.sections[0]
        section.left_margin = section.right_margin = Mm(17)
        section.top_margin = Mm(20)
        section.bottom_margin = Mm(17)
        self.text_width_twips = self._text_width()
        for name, size, before, after in (
            ("Normal", body_pt, 0, 4),
            ("List Bullet", body_pt, 0, 2),
            ("List Number", body_pt, 0, 2),
            ("Heading 2", heading_pt, 8, 2),
            ("Heading 1", 18, 0, 4),
        ):
            style = self.doc.styles.element.get_by_id(self._style[name])
            proxy = self.doc.styles[style.name_val]
            proxy.font.size = Pt(size)
            proxy.paragraph_format.space_before = Pt(before)
            proxy.paragraph_format.space_after = Pt(after)
        self.doc.styles[self.doc.styles.element.get_by_id(self._style["Normal"]).name_val].paragraph_format.line_spacing = 1.05

    # --- body content ------------------------------------------------------------------------------------

    def _new_paragraph(self, style_id: str | None):
        p = self._body.makeelement(_P, {})
        self._end.addprevious(p)
        if style_id is not None:
            ppr = etree.SubElement(p, _PPR)
            etree.SubElement(ppr, _PSTYLE).set(_W_VAL, style_id)
        return p

    def _add_runs(self, p, content: Content, *, bold: bool = False, size_half_points: int | None = None) -> None:
        for item in _content_items(content):
            if isinstance(item, Picture):
                p.append(self._picture_run(item))
                continue
            if isinstance(item, Run):
                text, run_bold, italic = item.text, item.bold or bold, item.italic
            else:
                text, run_bold, italic = item, bold, False
            text = xml_safe(text)
            if not text:
                continue
            r = etree.SubElement(p, _R)
            if run_bold or italic or size_half_points:
                rpr = etree.SubElement(r, _RPR)
                if run_bold:
                    etree.SubElement(rpr, _B)
                if italic:
                    etree.SubElement(rpr, _I)
                if size_half_points:
                    etree.SubElement(rpr, _SZ).set(_W_VAL, str(size_half_points))
                    etree.SubElement(rpr, _SZCS).set(_W_VAL, str(size_half_points))
            if "\n" in text or "\t" in text:
                _add_text_with_breaks(r, text)
            else:
                t = etree.SubElement(r, _T)
                t.text = text
                t.set(_XML_SPACE, "preserve")

    def heading(self, level: int, text: str) -> None:
        """A real heading. Exactly one level 1; a level may go at most one deeper than the one before."""
        if level == 1 and 1 in self._heading_levels:
            raise ValueError("a document has exactly one Heading 1")
        if level != 1 and not self._heading_levels:
            raise ValueError("the first heading must be Heading 1")
        if self._heading_levels and level > self._heading_levels[-1] + 1:
            raise ValueError(f"Heading {level} would skip a level after Heading {self._heading_levels[-1]}")
        self._heading_levels.append(level)
        p = self._new_paragraph(self._style[f"Heading {level}"])
        self._add_runs(p, " ".join(xml_safe(text).split()) or "Untitled")

    def paragraph(self, content: Content, *, style: str = "Normal", keep_with_next: bool = False, align: str | None = None) -> None:
        style_id = self._style.get(style) or self.styles.id(style)
        p = self._new_paragraph(style_id)
        if keep_with_next or align:
            ppr = p.find(_PPR)
            if ppr is None:
                ppr = etree.SubElement(p, _PPR)
            if keep_with_next:
                etree.SubElement(ppr, _KEEPNEXT)
            if align:
                etree.SubElement(ppr, _JC).set(_W_VAL, align)
        self._add_runs(p, content)

    def bullets(self, items: Sequence[Content]) -> None:
        """A bulleted list in the List Bullet style."""
        style_id = self._style["List Bullet"]
        num_id = self._bullet_numbering()
        for item in items:
            p = self._new_paragraph(style_id)
            if num_id is not None:
                _set_num(p, num_id)
            self._add_runs(p, item)

    def numbered(self, items: Sequence[Content]) -> None:
        """A numbered list in the List Number style that starts again at 1."""
        if not items:
            return
        style_id = self._style["List Number"]
        num_id = self._restarted_numbering()
        for item in items:
            p = self._new_paragraph(style_id)
            _set_num(p, num_id)
            self._add_runs(p, item)

    def _bullet_numbering(self) -> int | None:
        if self._bullet_num is False:
            self._bullet_num = None if _style_num_id(self.doc, self.styles.element("List Bullet")) else self._own_num(False)
        return self._bullet_num  # type: ignore[return-value]

    def _own_num(self, numbered: bool) -> int:
        abstract = _own_abstract(self.doc, numbered)
        return self.doc.part.numbering_part.element.add_num(abstract).numId

    def _restarted_numbering(self) -> int:
        numbering = self.doc.part.numbering_part.element
        if self._numbered_abstract is None:
            num_id = _style_num_id(self.doc, self.styles.element("List Number"))
            if num_id is not None:
                self._numbered_abstract = numbering.num_having_numId(num_id).abstractNumId.val
            else:
                self._numbered_abstract = _own_abstract(self.doc, True)
        num = numbering.add_num(self._numbered_abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def table(
        self,
        caption: str,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell | Content]],
        widths: Sequence[float],
        *,
        description: str = "",
        header_fill: str = "E7E6E6",
    ) -> None:
        """A captioned table whose first row is a repeating header row; `widths` are relative."""
        self._tables += 1
        number = self._tables
        caption = " ".join(xml_safe(caption).split())
        cap = self._new_paragraph(self._style["Caption"])
        ppr = cap.find(_PPR)
        etree.SubElement(ppr, _KEEPNEXT)
        self._add_runs(cap, "Table ")
        _add_field(cap, "SEQ Table \\* ARABIC", str(number))
        self._add_runs(cap, f": {caption}")

        total = float(sum(widths)) or 1.0
        twips = [int(self.text_width_twips * w / total) for w in widths]
        tbl = self._body.makeelement(_TBL, {})
        self._end.addprevious(tbl)
        tbl_pr = etree.SubElement(tbl, _TBLPR)
        etree.SubElement(tbl_pr, qn("w:tblStyle")).set(_W_VAL, self._table_style)
        tbl_w = etree.SubElement(tbl_pr, qn("w:tblW"))
        tbl_w.set(_W_W, str(sum(twips)))
        tbl_w.set(_W_TYPE, "dxa")
        etree.SubElement(tbl_pr, qn("w:tblLayout")).set(_W_TYPE, "fixed")
        margins = etree.SubElement(tbl_pr, qn("w:tblCellMar"))
        for side, value in (("top", 45), ("left", 85), ("bottom", 45), ("right", 85)):
            margin = etree.SubElement(margins, qn(f"w:{side}"))
            margin.set(_W_W, str(value))
            margin.set(_W_TYPE, "dxa")
        look = etree.SubElement(tbl_pr, qn("w:tblLook"))
        for key, value in (("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                           ("w:lastColumn", "0"), ("w:noHBand", "1"), ("w:noVBand", "1")):
            look.set(qn(key), value)
        etree.SubElement(tbl_pr, qn("w:tblCaption")).set(_W_VAL, caption[:250])
        if description:
            etree.SubElement(tbl_pr, qn("w:tblDescription")).set(_W_VAL, xml_safe(description)[:1000])
        grid = etree.SubElement(tbl, _TBLGRID)
        for width in twips:
            etree.SubElement(grid, _GRIDCOL).set(_W_W, str(width))

        width_text = [str(width) for width in twips]
        # Short tables are kept on one page (keep-with-next on every row but the last).
        keep = len(rows) <= KEEP_TOGETHER_ROWS and sum(
            _text_length(cell.content if isinstance(cell, Cell) else cell) for row in rows for cell in row
        ) <= KEEP_TOGETHER_CHARS
        tr = etree.SubElement(tbl, _TR)
        tr_pr = etree.SubElement(tr, _TRPR)
        etree.SubElement(tr_pr, qn("w:cantSplit"))
        etree.SubElement(tr_pr, qn("w:tblHeader"))
        for index, text in enumerate(header):
            self._cell(tr, width_text[index], Cell(text, fill=header_fill, bold=True), keep=True)
        columns = len(header)
        last = len(rows) - 1
        for row_index, row in enumerate(rows):
            tr = etree.SubElement(tbl, _TR)
            cells = [
                (row[index] if index < len(row) else "") for index in range(columns)
            ]
            cells = [value if isinstance(value, Cell) else Cell(value) for value in cells]
            # A row is not split over two pages unless it is long enough that it might not fit on one.
            if sum(_text_length(cell.content) for cell in cells) < CANT_SPLIT_CHARS:
                etree.SubElement(etree.SubElement(tr, _TRPR), qn("w:cantSplit"))
            for index, cell in enumerate(cells):
                self._cell(tr, width_text[index], cell, keep=keep and row_index != last)
        # A short empty paragraph after the table keeps the next table or heading from touching it.
        self._new_paragraph(None)

    def _cell(self, tr, width: str, cell: Cell, *, keep: bool = False) -> None:
        tc = etree.SubElement(tr, _TC)
        tc_pr = etree.SubElement(tc, _TCPR)
        tc_w = etree.SubElement(tc_pr, _TCW)
        tc_w.set(_W_W, width)
        tc_w.set(_W_TYPE, "dxa")
        if cell.fill:
            shd = etree.SubElement(tc_pr, _SHD)
            shd.set(_W_VAL, "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), cell.fill)
        p = etree.SubElement(tc, _P)
        ppr = etree.SubElement(p, _PPR)
        if keep:
            etree.SubElement(ppr, _KEEPNEXT)
        spacing = etree.SubElement(ppr, _SPACING)
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), "0")
        self._add_runs(p, cell.content, bold=cell.bold, size_half_points=self.table_font_half_points)

    def _picture_run(self, picture: Picture):
        self._pictures += 1
        inline = self.doc.part.new_pic_inline(io.BytesIO(picture.png), Mm(picture.width_mm), None)
        doc_pr = inline.docPr
        doc_pr.set("descr", xml_safe(picture.alt))
        doc_pr.set("title", xml_safe(picture.title or picture.alt)[:250])
        doc_pr.set("name", f"Chart {self._pictures}")
        r = self._body.makeelement(_R, {})
        drawing = etree.SubElement(r, qn("w:drawing"))
        drawing.append(inline)
        return r

    # --- header, footer and properties -----------------------------------------------------------------

    def header_and_footer(self, marking: str, detail_lines: Sequence[str]) -> None:
        """Protective marking at the top and bottom of every page, details under it, Page X of Y below.

        With a template, its own header and footer (and logo) are kept: the marking and details go above
        the template's header content, and page numbers are added only if its footer has no PAGE field.
        """
        marking = xml_safe(marking)
        section = self.doc.sections[0]
        headers = [section.header]
        footers = [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if self.doc.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        for header in headers:
            element = header._element
            if not self.templated:
                for child in list(element):
                    element.remove(child)
            new = []
            p = element.makeelement(_P, {})
            _paragraph_format(p, align="center", after=0)
            self._add_runs(p, Run(marking, bold=True), size_half_points=22)
            new.append(p)
            for line in detail_lines:
                p = element.makeelement(_P, {})
                _paragraph_format(p, align="center", after=0)
                self._add_runs(p, line, size_half_points=17)
                new.append(p)
            if not self.templated:
                _paragraph_format(new[-1], align="center", after=120)
            for index, p in enumerate(new):
                element.insert(index, p)
        for footer in footers:
            element = footer._element
            if not self.templated:
                for child in list(element):
                    element.remove(child)
            xml = etree.tostring(element, encoding="unicode")
            if "PAGE" not in xml:
                p = etree.SubElement(element, _P)
                _paragraph_format(p, align="center", after=0)
                self._add_runs(p, "Page ", size_half_points=18)
                _add_field(p, "PAGE", "1", size_half_points=18)
                self._add_runs(p, " of ", size_half_points=18)
                _add_field(p, "NUMPAGES", "1", size_half_points=18)
            if marking not in "".join(element.itertext()) or not self.templated:
                p = etree.SubElement(element, _P)
                _paragraph_format(p, align="center", after=0)
                self._add_runs(p, Run(marking, bold=True), size_half_points=22)

    def properties(
        self,
        *,
        title: str,
        subject: str,
        author: str,
        keywords: str,
        category: str,
        comments: str,
        version: str,
        created: datetime | None = None,
    ) -> None:
        props = self.doc.core_properties
        now = created or datetime.now(timezone.utc).replace(microsecond=0)
        props.title = xml_safe(title)[:255]
        props.subject = xml_safe(subject)[:255]
        props.author = xml_safe(author)[:255]
        props.last_modified_by = xml_safe(author)[:255]
        props.keywords = xml_safe(keywords)[:255]
        props.category = xml_safe(category)[:255]
        props.comments = xml_safe(comments)[:255]
        props.content_status = "Draft"
        props.version = xml_safe(version)[:255]
        props.created = now
        props.modified = now
        props.revision = 1
        props.language = self.language

    def check_headings(self) -> None:
        if self._heading_levels.count(1) != 1:
            raise ValueError("a briefing needs exactly one Heading 1")

    def save(self, path: Path) -> Path:
        """Write the document atomically (temporary file in the same folder, then rename)."""
        self.check_headings()
        return atomic_write(path, lambda handle: self.doc.save(handle))


def _text_length(content: Content) -> int:
    return sum(len(item) if isinstance(item, str) else len(getattr(item, "text", "")) for item in _content_items(content))


def _set_lang(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(_W_VAL, language)


def _set_fonts(rpr, font: str) -> None:
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _style_num_id(document, style) -> int | None:
    """The style's numbering id, if it points at a numbering definition that exists."""
    num_id_el = style.find(f"{_PPR}/{_NUMPR}/{_NUMID}")
    if num_id_el is None:
        return None
    try:
        num_id = int(num_id_el.get(_W_VAL))
        document.part.numbering_part.element.num_having_numId(num_id)
    except (KeyError, TypeError, ValueError):
        return None
    return num_id if num_id else None


def _set_num(p, num_id: int) -> None:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    num_pr = etree.SubElement(ppr, _NUMPR)
    etree.SubElement(num_pr, _ILVL).set(_W_VAL, "0")
    etree.SubElement(num_pr, _NUMID).set(_W_VAL, str(num_id))


def _paragraph_format(p, *, align: str | None = None, after: int | None = None) -> None:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    for tag in (_SPACING, _JC):
        existing = ppr.find(tag)
        if existing is not None:
            ppr.remove(existing)
    if after is not None:
        spacing = etree.SubElement(ppr, _SPACING)
        spacing.set(qn("w:before"), "0")
        spacing.set(qn("w:after"), str(after))
    if align:
        etree.SubElement(ppr, _JC).set(_W_VAL, align)


def _add_text_with_breaks(r, text: str) -> None:
    buffer = []
    for char in text:
        if char in "\n\t":
            if buffer:
                t = etree.SubElement(r, _T)
                t.text = "".join(buffer)
                t.set(_XML_SPACE, "preserve")
                buffer = []
            etree.SubElement(r, _BR if char == "\n" else _TAB)
        else:
            buffer.append(char)
    if buffer:
        t = etree.SubElement(r, _T)
        t.text = "".join(buffer)
        t.set(_XML_SPACE, "preserve")


def _add_field(p, instruction: str, result: str, *, size_half_points: int | None = None) -> None:
    """A complex field (begin, instruction, separate, cached result, end), as Word itself writes them."""

    def run():
        r = etree.SubElement(p, _R)
        if size_half_points:
            rpr = etree.SubElement(r, _RPR)
            etree.SubElement(rpr, _SZ).set(_W_VAL, str(size_half_points))
            etree.SubElement(rpr, _SZCS).set(_W_VAL, str(size_half_points))
        return r

    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "begin")
    instr = etree.SubElement(run(), qn("w:instrText"))
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "separate")
    t = etree.SubElement(run(), _T)
    t.text = result
    etree.SubElement(run(), qn("w:fldChar")).set(qn("w:fldCharType"), "end")
