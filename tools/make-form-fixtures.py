#!/usr/bin/env python3
"""Generate the Word/Excel form fixtures in tests/fixtures/forms-generated/.

Fictional but realistic Chinese government forms (绩效目标申报表, 自评表, 执行监控表, 申请书 …) as
funders of different provinces draw them, each exercising one layout or printing variant that
`wenshu form import` has to recognise. Nothing here is copied from a real file; the layouts follow
the real forms in tests/fixtures/forms-real/ and ../shared/DOMAIN.md.

Files (see tests/fixtures/forms-generated/README.md for what an importer must find in each):

  01-sheng-a-2021-jixiao-mubiao-shenbaobiao.docx
      项目支出绩效目标申报表 (Word, province A): 项目名称/主管部门/实施单位/项目负责人/联系电话, title
      （2021年度）, 项目资金（万元） merged down the left over 年度资金总额 / 其中：财政拨款 / 其他资金 /
      上年结转 with an amounts column, 年度总体目标 in one merged cell, indicator block with a vertical
      "绩效指标" label merged down the left, 一级/二级 pre-printed and merged, 1–2 empty rows per 二级.
  02-sheng-b-2021-jixiao-mubiao-shenbaobiao-niandu-zhongqi.xlsx
      Same kind in Excel (province B): two-level header 指标值 → 年度指标值 / 中期指标值, vertical text
      (textRotation 255), "说明：…" notes in a column outside the bordered area and the print area.
  03-sheng-c-2022-2023-jixiao-mubiao-biao-liangnian.docx
      Word variant: 指标值 split into 总体 / 第一年度 / 第二年度 under a two-row header, "年度绩效指标"
      as the vertical label (w:textDirection tbRlV), 广东-style header (项目类型, 实施期限, 预算金额).
  04-sheng-a-2021-jixiao-mubiao-shenbaobiao-tianbao-yangben.docx
      Filled sample of 01 (2021年某街道社工站服务项目, 56.40万元, 个案服务≥45个 …): same grid, values in.
  05-caiyu-2020-10-xiangmu-zhichu-jixiao-ziping-biao.docx
      项目支出绩效自评表 (财预〔2020〕10号 layout): （    年度）, funds block 年初预算数 / 全年预算数 /
      全年执行数 / 分值 / 执行率 / 得分 (only the total carries 10, others "—"), 预期目标 / 实际完成情况,
      indicator block with 偏差原因分析及改进措施, 总分 100, 评价等级. Borders from the table style only.
  06-sheng-d-2022-jixiao-ziping-biao.xlsx
      自评表 variant (province D): 财政资金, 项目单位, （2022年）, 成本指标 as an 一级 (财预〔2021〕101号
      order: 成本 first), no 评价等级.
  07-sheng-d-2022-jixiao-ziping-biao-tianbao-yangben.xlsx
      Filled sample of 06 with numbers as numbers (0.00 / 0.00% formats) and stale "总分 0 0".
  08-shequ-gongyi-xiangmu-shishi-fangan.docx
      实施方案/申请书 for printing: tall write-in rows (w:trHeight exact and atLeast, 3–6 cm), 目标
      column beside 1./2./3., 预期成效 1/2/3, 合作机构 1、2、, 年　月至　年　月, grey D9D9D9 "do not
      fill" cells, Word automatic numbering 一、 / （一）…（六） from numbering.xml, right-aligned label,
      signature line, 小二 bold title, a PAGE footer, and a trailing page break.
  09-sheng-e-fucai-gongyijin-xiangmu-shenbaoshu-fengmian.docx
      申报书 with a cover page of empty paragraphs and underlined blanks (＿＿＿＿, an underlined run of
      tabs, underlined spaces), centred 二号 title, page break (w:br) then 填表说明, pageBreakBefore,
      then the form table.
  10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx
      Tricky text: two 是□否□ questions in one cell, □ options in a label cell, nested 能（□有税控机
      □税务代开）, "CT、X射线机", ✔ marks, ✓ ✗ ☑ ☐ ■ ○ ● ※ ①–⑳, w:sym Wingdings 2 check boxes, long
      IDs (52110105MJ0123456X, 010-64281234, e-mail), ${2022-1.1.1ownerScore} and {{name}}
      placeholders (one split over several runs), XX / XXX / ＿＿ placeholders.
  11-jixiao-zhibiao-mingxi-changbiao.xlsx
      Long indicator table (66 rows) under a two-row header repeated on each printed page
      (print titles), 一级 labels merged over 6–26 rows, grey cells, custom row heights, landscape.
  12-sheng-f-fucai-xiangmu-liangge-gongzuobiao.xlsx
      Two sheets, each a different form: 项目基本信息表 and 绩效目标表 (广东 layout, 当年度指标值);
      the second sheet is the active (selected) one.
  13-jixiao-mubiao-zhixing-jiankong-biao.docx
      执行监控表 like the PKU sheet, landscape: 1–7月执行数/执行率, 偏差原因分析 with ✔ columns
      经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 / 原因说明, 完成目标可能性, partly filled.
  14-jixiao-mubiao-zhixing-jiankong-biao-zhongjian-biaotou.xlsx
      The same in Excel, blank: its two-row indicator header sits in the middle of one big table with
      no 绩效指标 label down its left (the PKU sheet's layout); page margins of its own.

Run:  python3 tools/make-form-fixtures.py            (writes into tests/fixtures/forms-generated/)
      python3 tools/make-form-fixtures.py OUTDIR     (writes elsewhere)

Determinism: every .docx is built from a small package template written here (not python-docx's
default template) and every file is re-zipped at the end with fixed entry times (1980-01-01 00:00),
the same entry order and a fixed docProps/core.xml (created = modified = 2022-03-01T09:00:00Z,
empty author). Re-running gives byte-identical files as long as python-docx, openpyxl and zlib are
the same versions; a different zlib may compress differently (same contents).

What python-docx/openpyxl cannot express is written as WordprocessingML directly (tables are built
as w:tbl XML: gridSpan/vMerge over a non-uniform grid, tcBorders, w:shd, w:textDirection,
w:trHeight rules, tblHeader; also numbering.xml, w:sym, w:fldSimple PAGE, pageBreakBefore).
"""

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "forms-generated"
FIXED_W3CDTF = "2022-03-01T09:00:00Z"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

GREY = "D9D9D9"

# ---------------------------------------------------------------------------------------------
# Package plumbing
# ---------------------------------------------------------------------------------------------

CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
    "<cp:revision>3</cp:revision>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_W3CDTF}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_W3CDTF}</dcterms:modified>'
    "</cp:coreProperties>"
)


def normalize_zip(path, title=""):
    """Re-zip `path` with fixed timestamps and a fixed docProps/core.xml (deterministic bytes)."""
    src = zipfile.ZipFile(path)
    entries = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = CORE_XML.format(title=escape(title)).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data, compresslevel=9)
    Path(path).write_bytes(buf.getvalue())


FONT_TABLE = [
    # name, altName, panose, charset, family, pitch
    ("Times New Roman", None, "02020603050405020304", "00", "roman", "variable"),
    ("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    ("仿宋_GB2312", None, "02010609030101010101", "86", "modern", "fixed"),
    ("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed"),
    ("黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    ("楷体_GB2312", None, "02010609030101010101", "86", "modern", "fixed"),
    ("方正小标宋简体", None, "02000000000000000000", "86", "script", "fixed"),
    ("Wingdings 2", None, "05020102010507070707", "02", "roman", "variable"),
]


def _font_table_xml():
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">']
    for name, alt, panose, cs, fam, pitch in FONT_TABLE:
        out.append(f'<w:font w:name="{name}">')
        if alt:
            out.append(f'<w:altName w:val="{alt}"/>')
        out.append(f'<w:panose1 w:val="{panose}"/><w:charset w:val="{cs}"/>'
                   f'<w:family w:val="{fam}"/><w:pitch w:val="{pitch}"/></w:font>')
    out.append("</w:fonts>")
    return "".join(out)


def _border_set(tag, sz):
    return "".join(f'<w:{s} w:val="single" w:sz="{sz}" w:space="0" w:color="auto"/>'
                   for s in ("top", "left", "bottom", "right", "insideH", "insideV")).join(
        (f"<w:{tag}>", f"</w:{tag}>"))


STYLES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="21"/>'
    '<w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    '</w:rPrDefault><w:pPrDefault/></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
    '<w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:line="560" '
    'w:lineRule="exact"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" '
    'w:eastAsia="黑体" w:hAnsi="黑体"/><w:kern w:val="44"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
    '</w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>'
    '<w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:line="560" '
    'w:lineRule="exact"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="楷体_GB2312" '
    'w:eastAsia="楷体_GB2312" w:hAnsi="楷体_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
    '</w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/>'
    '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
    'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="a2"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:styleId="a3"><w:name w:val="Table Grid"/><w:basedOn w:val="a1"/>'
    '<w:uiPriority w:val="59"/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>'
    f'<w:tblPr>{_border_set("tblBorders", 4)}</w:tblPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="footer"/><w:basedOn w:val="a"/>'
    '<w:uiPriority w:val="99"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4153"/>'
    '<w:tab w:val="right" w:pos="8306"/></w:tabs><w:snapToGrid w:val="0"/><w:jc w:val="left"/></w:pPr>'
    '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
    "</w:styles>"
)

SETTINGS_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>'
    '<w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/>'
    '<w:displayHorizontalDrawingGridEvery w:val="0"/><w:displayVerticalDrawingGridEvery w:val="2"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
    '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="14"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
)

# 一、 / （一） numbering, as Chinese Word users set up "多级列表" for headings.
NUMBERING_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="2F6A51C3"/>'
    '<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0A1B2C3D"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体" w:hint="eastAsia"/></w:rPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="楷体_GB2312" w:eastAsia="楷体_GB2312" w:hAnsi="楷体_GB2312" '
    'w:hint="eastAsia"/></w:rPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def docx_template(numbering=False, landscape=False, margins=(1440, 1440, 1800, 1800)):
    """Bytes of a minimal Word 2010-style package (style ids a/a0/a1/a3 as Chinese Word writes)."""
    top, bottom, left, right = margins
    w, h = (16838, 11906) if landscape else (11906, 16838)
    orient = ' w:orient="landscape"' if landscape else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        f'<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        'w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/>'
        '<w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr></w:body></w:document>'
    )
    ct = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.fontTable+xml"/>'
    ]
    rels = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/settings" Target="settings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/fontTable" Target="fontTable.xml"/>'
    ]
    if numbering:
        ct.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
                  'officedocument.wordprocessingml.numbering+xml"/>')
        rels.append('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/'
                    '2006/relationships/numbering" Target="numbering.xml"/>')
    ct.append('<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
              'package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType='
              '"application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
    rels.append("</Relationships>")
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/extended-properties" Target="docProps/app.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>Microsoft Office Word'
        '</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company></Company>'
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
        '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>14.0000</AppVersion></Properties>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "".join(ct))
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", "".join(rels))
        z.writestr("word/styles.xml", STYLES_XML)
        z.writestr("word/settings.xml", SETTINGS_XML)
        z.writestr("word/fontTable.xml", _font_table_xml())
        if numbering:
            z.writestr("word/numbering.xml", NUMBERING_XML)
        z.writestr("docProps/core.xml", CORE_XML.format(title=""))
        z.writestr("docProps/app.xml", app)
    return buf.getvalue()


def new_doc(**kw):
    return docx.Document(io.BytesIO(docx_template(**kw)))


def save_docx(doc, name, outdir, title):
    path = outdir / name
    doc.save(str(path))
    normalize_zip(path, title)
    return path


def save_xlsx(wb, name, outdir, title):
    path = outdir / name
    wb.save(str(path))
    normalize_zip(path, title)
    return path


# ---------------------------------------------------------------------------------------------
# Word: runs, paragraphs and tables as WordprocessingML
# ---------------------------------------------------------------------------------------------


def rpr_xml(font=None, sz=None, b=False, u=None, color=None, spacing=None):
    x = []
    if font:
        x.append(f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/>')
    if b:
        x.append("<w:b/><w:bCs/>")
    if color:
        x.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        x.append(f'<w:spacing w:val="{spacing}"/>')
    if sz:
        x.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    if u:
        x.append(f'<w:u w:val="{u}"/>')
    return f"<w:rPr>{''.join(x)}</w:rPr>" if x else ""


class R:
    """A run with its own formatting (overrides the cell's)."""

    def __init__(self, text, **fmt):
        self.text, self.fmt = text, fmt


class SYM:
    """A w:sym character (Word's Insert ▸ Symbol from a symbol font)."""

    def __init__(self, char, font="Wingdings 2"):
        self.char, self.font = char, font


class TAB:
    pass


class P:
    """A paragraph in a cell: a list of segments (str, R, SYM, TAB) and paragraph overrides."""

    def __init__(self, segs, al=None, ind_first=None, ind_left=None):
        self.segs = segs if isinstance(segs, list) else [segs]
        self.al, self.ind_first, self.ind_left = al, ind_first, ind_left


def run_xml(seg, base):
    if isinstance(seg, SYM):
        return f'<w:r>{rpr_xml(**base)}<w:sym w:font="{seg.font}" w:char="{seg.char}"/></w:r>'
    if isinstance(seg, TAB) or seg is TAB:
        return f"<w:r>{rpr_xml(**base)}<w:tab/></w:r>"
    fmt = dict(base)
    text = seg
    if isinstance(seg, R):
        fmt.update(seg.fmt)
        text = seg.text
    if text == "":
        return ""
    return f'<w:r>{rpr_xml(**fmt)}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para_xml(p, al, base, line=None):
    ppr = []
    if line:
        ppr.append(f'<w:spacing w:line="{line}" w:lineRule="auto"/>')
    if p.ind_first is not None or p.ind_left is not None:
        a = ""
        if p.ind_left is not None:
            a += f' w:left="{p.ind_left}"'
        if p.ind_first is not None:
            a += f' w:firstLineChars="{p.ind_first * 100}" w:firstLine="{p.ind_first * 210}"'
        ppr.append(f"<w:ind{a}/>")
    ppr.append(f'<w:jc w:val="{p.al or al}"/>')
    ppr.append(rpr_xml(**base))
    runs = "".join(run_xml(s, base) for s in p.segs)
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"


class C:
    """A table cell: width in twips, content, vertical merge ('restart'/'cont') and styling.

    content: str (\\n separates paragraphs), P, or a list of str/P/segment-lists.
    st: b, al (left/center/right/both), va (top/center/bottom), shd (fill), sz, font, color,
        tdir (textDirection), borders (dict side->sz for tcBorders), nowrap.
    """

    def __init__(self, w, content="", vm=None, **st):
        self.w, self.content, self.vm, self.st = w, content, vm, st

    def paragraphs(self):
        c = self.content
        if c is None or c == "":
            return [P([""])]
        if isinstance(c, str):
            return [P([line]) for line in c.split("\n")]
        if isinstance(c, P):
            return [c]
        out = []
        for item in c:
            if isinstance(item, P):
                out.append(item)
            elif isinstance(item, list):
                out.append(P(item))
            else:
                out.append(P([item]))
        return out


class WTable:
    """A Word table drawn like a person draws one: each row is a list of cell widths, and the
    grid (w:tblGrid) is the union of all the column boundaries, so cells that do not line up
    between rows become gridSpans over a finer grid, as in real forms."""

    def __init__(self, font="仿宋_GB2312", sz=21, borders="direct", outer=4, inner=4, jc="center",
                 ind=None, line=240, cell_mar=None):
        self.font, self.sz, self.borders, self.outer, self.inner = font, sz, borders, outer, inner
        self.jc, self.ind, self.line, self.cell_mar = jc, ind, line, cell_mar
        self.rows = []

    def row(self, cells, h=None, rule="atLeast", header=False, cant_split=False):
        self.rows.append((cells, h, rule, header, cant_split))
        return self

    def element(self):
        totals = {sum(c.w for c in r[0]) for r in self.rows}
        assert len(totals) == 1, f"rows of different widths: {totals}"
        total = totals.pop()
        bounds = {0}
        for cells, *_ in self.rows:
            x = 0
            for c in cells:
                x += c.w
                bounds.add(x)
        bounds = sorted(bounds)
        index = {b: i for i, b in enumerate(bounds)}
        grid = [b - a for a, b in zip(bounds, bounds[1:])]
        x = [f"<w:tbl {nsdecls('w')}><w:tblPr>"]
        if self.borders == "style":
            x.append('<w:tblStyle w:val="a3"/>')
        x.append(f'<w:tblW w:w="{total}" w:type="dxa"/>')
        if self.jc:
            x.append(f'<w:jc w:val="{self.jc}"/>')
        if self.ind is not None:
            x.append(f'<w:tblInd w:w="{self.ind}" w:type="dxa"/>')
        if self.borders == "direct":
            x.append("<w:tblBorders>")
            for s in ("top", "left", "bottom", "right"):
                x.append(f'<w:{s} w:val="single" w:sz="{self.outer}" w:space="0" w:color="auto"/>')
            for s in ("insideH", "insideV"):
                x.append(f'<w:{s} w:val="single" w:sz="{self.inner}" w:space="0" w:color="auto"/>')
            x.append("</w:tblBorders>")
        x.append('<w:tblLayout w:type="fixed"/>')
        if self.cell_mar:
            x.append("<w:tblCellMar>" + "".join(
                f'<w:{s} w:w="{v}" w:type="dxa"/>' for s, v in self.cell_mar) + "</w:tblCellMar>")
        x.append('<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                 'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>')
        x.extend(f'<w:gridCol w:w="{g}"/>' for g in grid)
        x.append("</w:tblGrid>")
        for cells, h, rule, header, cant_split in self.rows:
            x.append("<w:tr>")
            trpr = []
            if cant_split:
                trpr.append("<w:cantSplit/>")
            if h:
                r = "" if rule == "atLeast" else f' w:hRule="{rule}"'
                trpr.append(f'<w:trHeight w:val="{h}"{r}/>')
            if header:
                trpr.append("<w:tblHeader/>")
            if trpr:
                x.append(f"<w:trPr>{''.join(trpr)}</w:trPr>")
            pos = 0
            for c in cells:
                span = index[pos + c.w] - index[pos]
                pos += c.w
                st = c.st
                x.append(f'<w:tc><w:tcPr><w:tcW w:w="{c.w}" w:type="dxa"/>')
                if span > 1:
                    x.append(f'<w:gridSpan w:val="{span}"/>')
                if c.vm == "restart":
                    x.append('<w:vMerge w:val="restart"/>')
                elif c.vm == "cont":
                    x.append("<w:vMerge/>")
                if st.get("borders"):
                    x.append("<w:tcBorders>")
                    for side in ("top", "left", "bottom", "right"):
                        if side in st["borders"]:
                            v = st["borders"][side]
                            x.append(f'<w:{side} w:val="single" w:sz="{v}" w:space="0" w:color="auto"/>'
                                     if v else f'<w:{side} w:val="nil"/>')
                    x.append("</w:tcBorders>")
                if st.get("shd"):
                    x.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{st["shd"]}"/>')
                if st.get("nowrap"):
                    x.append("<w:noWrap/>")
                if st.get("tdir"):
                    x.append(f'<w:textDirection w:val="{st["tdir"]}"/>')
                x.append(f'<w:vAlign w:val="{st.get("va", "center")}"/></w:tcPr>')
                base = dict(font=st.get("font", self.font), sz=st.get("sz", self.sz),
                            b=st.get("b", False), color=st.get("color"))
                al = st.get("al", "center")
                for p in (c.paragraphs() if c.vm != "cont" else [P([""])]):
                    x.append(para_xml(p, al, base, self.line))
                x.append("</w:tc>")
            x.append("</w:tr>")
        x.append("</w:tbl>")
        return parse_xml("".join(x))

    def add_to(self, doc):
        doc.element.body._insert_tbl(self.element())


def set_run(run, font="仿宋_GB2312", sz=16, b=False, u=False):
    run.font.size = Pt(sz)
    run.font.bold = b or None
    if u:
        run.font.underline = True
    rpr = run._r.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for a in ("w:ascii", "w:eastAsia", "w:hAnsi"):
        rfonts.set(qn(a), font)
    rfonts.set(qn("w:hint"), "eastAsia")
    return run


ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY, None: None}


def par(doc, segs="", al=None, font="仿宋_GB2312", sz=16, b=False, before=0, after=0, line=None,
        exact=False, first_chars=0, left=None, style=None, keep_next=False):
    """Add a paragraph with python-docx. segs: str or list of str / (text, {fmt}) / TAB / 'PAGEBREAK'."""
    p = doc.add_paragraph(style=style)
    pf = p.paragraph_format
    if al:
        p.alignment = ALIGN[al]
    pf.space_before = Pt(before) if before else None
    pf.space_after = Pt(after) if after else None
    if line:
        pf.line_spacing = Pt(line) if exact else line
    if left is not None:
        pf.left_indent = Twips(left)
    if keep_next:
        pf.keep_with_next = True
    if first_chars:
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(first_chars * 100))
        ind.set(qn("w:firstLine"), str(int(first_chars * sz * 20)))
    if isinstance(segs, str):
        segs = [segs]
    for s in segs:
        if s is TAB:
            set_run(p.add_run(), font, sz, b).add_tab()
        elif s == "PAGEBREAK":
            p.add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(s, tuple):
            text, fmt = s
            run = set_run(p.add_run(), fmt.get("font", font), fmt.get("sz", sz), fmt.get("b", b),
                          fmt.get("u", False))
            if fmt.get("tabs"):
                for _ in range(fmt["tabs"]):
                    run.add_tab()
            if text:
                run.add_text(text)
        elif s:
            set_run(p.add_run(s), font, sz, b)
    return p


def numbered(doc, text, level, font, sz=16):
    """A heading paragraph numbered by numbering.xml (一、 / （一）): the number is not in the text."""
    p = par(doc, text, font=font, sz=sz, style="heading 1" if level == 0 else "heading 2",
            line=28, exact=True)
    numpr = p._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = 1
    return p


# ---------------------------------------------------------------------------------------------
# National indicator structure
# ---------------------------------------------------------------------------------------------

# (一级, [(二级, empty rows), ...]) as the 财政部 forms pre-print them.
STD_BLOCK = [
    ("产出指标", [("数量指标", 2), ("质量指标", 2), ("时效指标", 1), ("成本指标", 1)]),
    ("效益指标", [("经济效益指标", 1), ("社会效益指标", 2), ("生态效益指标", 1), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 2)]),
]


def block_rows(groups):
    """Yield (一级, 二级, first-of-一级, first-of-二级, index-within-二级) for each indicator row."""
    for l1, subs in groups:
        first1 = True
        for l2, n in subs:
            for i in range(n):
                yield l1, l2, first1, i == 0, i
                first1 = False


def indicator_table_rows(t, groups, label_w, l1_w, l2_w, value_ws, values=None, label=None,
                         label_first=False, l1_st=None, h=454, cell_st=None):
    """Append indicator rows: label column (vMerge continuing), 一级 and 二级 merged down, value cells.
    values: {(l2, i): [texts for value columns]}."""
    l1_st = l1_st or {}
    cell_st = cell_st or {}
    for l1, l2, first1, first2, i in block_rows(groups):
        cells = []
        if label_w:
            cells.append(C(label_w, label if label_first else "", vm="restart" if label_first else "cont",
                           **(label_first and l1_st.get("label", {}) or {})))
            label_first = False
        cells.append(C(l1_w, l1 if first1 else "", vm="restart" if first1 else "cont"))
        cells.append(C(l2_w, l2 if first2 else "", vm="restart" if first2 else "cont"))
        vals = (values or {}).get((l2, i), [""] * len(value_ws))
        for w, v in zip(value_ws, vals):
            cells.append(C(w, v, **cell_st))
        t.row(cells, h=h)


# ---------------------------------------------------------------------------------------------
# 01 / 04  项目支出绩效目标申报表, Word, province A (blank and filled sample)
# ---------------------------------------------------------------------------------------------

SAMPLE_A = {
    "unit_header": "某街道办事处",
    "name": "2021年某街道社工站服务项目",
    "dept": "某区民政局",
    "unit": "某街道办事处",
    "leader": "王某某",
    "phone": "020-81234567",
    "funds": ["56.40", "56.40", "0.00", "0.00"],
    "goal": "依托街道社工站，面向辖区困难群众、独居老人、困境儿童等重点群体开展个案、小组和社区服务，"
            "全年完成个案服务不少于45个、小组活动不少于12个、社区活动不少于24场，建立困难群众服务台账，"
            "服务对象满意度不低于90%。",
    "ind": {
        ("数量指标", 0): ["个案服务", "≥45个"],
        ("数量指标", 1): ["小组活动", "≥12个"],
        ("质量指标", 0): ["个案服务结案率", "≥85%"],
        ("质量指标", 1): ["服务档案规范率", "100%"],
        ("时效指标", 0): ["项目完成时间", "2021年12月底前"],
        ("成本指标", 0): ["项目总成本", "≤56.4万元"],
        ("社会效益指标", 0): ["社区活动服务居民", "≥1000人次"],
        ("社会效益指标", 1): ["困难群众探访覆盖率", "≥90%"],
        ("可持续影响指标", 0): ["社工站服务机制持续运行", "长期"],
        ("服务对象满意度指标", 0): ["服务对象满意度", "≥90%"],
    },
}


def form_shenbao_a(outdir, name, v=None):
    v = v or {}
    doc = new_doc(margins=(1247, 1134, 1588, 1588))
    par(doc, "附件2", font="黑体", sz=16)
    par(doc, "项目支出绩效目标申报表", font="方正小标宋简体", sz=18, al="center", before=6)
    par(doc, "（2021年度）", font="楷体_GB2312", sz=15, al="center", after=6)
    p = par(doc, ["填报单位（盖章）：", (v.get("unit_header", ""), {}), TAB, "金额单位：万元"], sz=12, after=3)
    p.paragraph_format.tab_stops.add_tab_stop(Twips(8730), WD_TAB_ALIGNMENT.RIGHT)

    t = WTable(font="仿宋_GB2312", sz=21)
    t.row([C(1800, "项目名称"), C(6920, v.get("name", ""), al="left")], h=454)
    t.row([C(1800, "主管部门"), C(2800, v.get("dept", ""), al="left"), C(1500, "实施单位"),
           C(2620, v.get("unit", ""), al="left")], h=454)
    t.row([C(1800, "项目负责人"), C(2800, v.get("leader", ""), al="left"), C(1500, "联系电话"),
           C(2620, v.get("phone", ""), al="left")], h=454)
    labels = ["年度资金总额：", "其中：财政拨款", "　　　其他资金", "　　　上年结转"]
    funds = v.get("funds", [""] * 4)
    for i, (lab, amt) in enumerate(zip(labels, funds)):
        t.row([C(1800, "项目资金（万元）" if i == 0 else "", vm="restart" if i == 0 else "cont"),
               C(4300, lab, al="left"), C(2620, amt, al="right")], h=454)
    t.row([C(1800, "年度总体目标"), C(6920, v.get("goal", ""), al="both", va="top")], h=1134)
    t.row([C(600, "绩效指标", vm="restart"), C(1200, "一级指标", b=True), C(1500, "二级指标", b=True),
           C(3000, "三级指标", b=True), C(2420, "指标值", b=True)], h=454)
    indicator_table_rows(t, STD_BLOCK, 600, 1200, 1500, [3000, 2420], values=v.get("ind"))
    t.add_to(doc)
    par(doc, "填表说明：1.三级指标由项目单位结合项目实际细化填写，不适用的可填“无”。"
             "2.指标值应尽量量化，如“≥45个”“≥90%”。", sz=10.5, before=3, line=1.0)
    return save_docx(doc, name, outdir, "项目支出绩效目标申报表")


# ---------------------------------------------------------------------------------------------
# 03  绩效目标表 with 总体 / 第一年度 / 第二年度, Word, province C
# ---------------------------------------------------------------------------------------------

BLOCK_C = [
    ("产出指标", [("数量指标", 2), ("质量指标", 1), ("时效指标", 1), ("成本指标", 1)]),
    ("效益指标", [("经济效益指标", 1), ("社会效益指标", 1), ("生态效益指标", 1), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 1)]),
]


def form_liangnian_c(outdir, name):
    doc = new_doc(margins=(1247, 1134, 1440, 1440))
    par(doc, "附件1", font="黑体", sz=16)
    par(doc, "项目支出绩效目标表", font="方正小标宋简体", sz=20, al="center")
    par(doc, "（2022—2023年度）", font="楷体_GB2312", sz=16, al="center", after=6)
    t = WTable(font="宋体", sz=21, outer=12, inner=4)
    t.row([C(1700, "项目名称"), C(7300, "", al="left")], h=454)
    t.row([C(1700, "项目类型"), C(2900, "□新增项目　　□延续项目", al="left"), C(1500, "项目等级"),
           C(2900, "□一级　□二级　□三级", al="left")], h=454)
    t.row([C(1700, "主管部门"), C(2900, ""), C(1500, "用款单位"), C(2900, "")], h=454)
    t.row([C(1700, "实施期限"), C(1200, "起始年度"), C(1700, ""), C(1500, "到期年度"), C(2900, "")], h=454)
    t.row([C(1700, "预算金额（万元）", vm="restart"), C(1200, "总金额"), C(1700, ""), C(1500, "第一年度金额"),
           C(2900, "")], h=454)
    t.row([C(1700, "", vm="cont"), C(1200, "其中：财政资金"), C(1700, ""), C(1500, "第二年度金额"),
           C(2900, "")], h=454)
    t.row([C(1700, "项目概述"), C(7300, "", al="left", va="top")], h=737)
    for i, lab in enumerate(["总体目标", "第一年度目标", "第二年度目标"]):
        t.row([C(1700, "总体绩效目标" if i == 0 else "", vm="restart" if i == 0 else "cont"),
               C(1200, lab), C(6100, "", al="left", va="top")], h=510)
    t.row([C(600, "年度绩效指标", vm="restart", tdir="tbRlV", b=True), C(1100, "一级指标", vm="restart", b=True),
           C(1400, "二级指标", vm="restart", b=True), C(2300, "三级指标", vm="restart", b=True),
           C(3600, "指标值", b=True)], h=400)
    t.row([C(600, "", vm="cont"), C(1100, "", vm="cont"), C(1400, "", vm="cont"), C(2300, "", vm="cont"),
           C(1200, "总体", b=True), C(1200, "第一年度", b=True), C(1200, "第二年度", b=True)], h=400)
    indicator_table_rows(t, BLOCK_C, 600, 1100, 1400, [2300, 1200, 1200, 1200], h=425)
    t.add_to(doc)
    par(doc, "注：1.跨年度项目按总体和分年度分别填写指标值；2.项目等级按省级项目库分级管理办法确定；"
             "3.实施期限填写起止年度，如“2022年—2023年”。", font="宋体", sz=10.5, before=3)
    return save_docx(doc, name, outdir, "项目支出绩效目标表")


# ---------------------------------------------------------------------------------------------
# 05  项目支出绩效自评表 (财预〔2020〕10号 layout), Word
# ---------------------------------------------------------------------------------------------

BLOCK_ZP = [
    ("产出指标", [("数量指标", 2), ("质量指标", 2), ("时效指标", 1), ("成本指标", 1)]),
    ("效益指标", [("经济效益指标", 1), ("社会效益指标", 1), ("生态效益指标", 1), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 1)]),
]


def form_ziping_caiyu(outdir, name):
    doc = new_doc(margins=(1247, 1134, 1418, 1418))
    par(doc, "附件2", font="黑体", sz=16)
    par(doc, "项目支出绩效自评表", font="方正小标宋简体", sz=18, al="center", before=6)
    par(doc, "（    年度）", font="仿宋_GB2312", sz=14, al="center", after=6)
    t = WTable(font="宋体", sz=20, borders="style")
    t.row([C(1600, "项目名称"), C(7400, "", al="left")], h=454)
    t.row([C(1600, "主管部门"), C(3000, "", al="left"), C(1400, "实施单位"), C(3000, "", al="left")], h=454)
    t.row([C(1600, "项目资金（万元）", vm="restart"), C(1800, ""), C(1000, "年初预算数"), C(1000, "全年预算数"),
           C(1000, "全年执行数"), C(700, "分值"), C(900, "执行率"), C(1000, "得分")], h=454)
    for lab, first in [("年度资金总额", True), ("其中：当年财政拨款", False), ("上年结转资金", False),
                       ("其他资金", False)]:
        t.row([C(1600, "", vm="cont"), C(1800, lab, al="left"), C(1000, ""), C(1000, ""), C(1000, ""),
               C(700, "10" if first else "—"), C(900, "" if first else "—"), C(1000, "" if first else "—")],
              h=454)
    t.row([C(1600, "年度总体目标", vm="restart"), C(3700, "预期目标"), C(3700, "实际完成情况")], h=454)
    t.row([C(1600, "", vm="cont"), C(3700, "", al="left", va="top"), C(3700, "", al="left", va="top")], h=850)
    t.row([C(600, "绩效指标", vm="restart"), C(1050, "一级指标"), C(1500, "二级指标"), C(1350, "三级指标"),
           C(1000, "年度指标值"), C(1000, "实际完成值"), C(560, "分值"), C(560, "得分"),
           C(1380, "偏差原因分析及改进措施")], h=454)
    indicator_table_rows(t, BLOCK_ZP, 600, 1050, 1500, [1350, 1000, 1000, 560, 560, 1380], h=425)
    t.row([C(6500, "总分"), C(560, "100"), C(560, ""), C(1380, "")], h=454)
    t.row([C(6500, "评价等级"), C(2500, "□优　□良　□中　□差", al="left")], h=454)
    t.add_to(doc)
    par(doc, "", sz=10)
    return save_docx(doc, name, outdir, "项目支出绩效自评表")


# ---------------------------------------------------------------------------------------------
# 13  项目支出绩效目标执行监控表 (like the PKU sheet), Word, landscape, partly filled
# ---------------------------------------------------------------------------------------------

BLOCK_JK = [
    ("产出指标", [("数量指标", 2), ("质量指标", 1), ("时效指标", 1), ("成本指标", 1)]),
    ("效益指标", [("社会效益指标", 2), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 1)]),
]
CK = "✔"
JK_VALUES = {
    # 三级, 年度指标值, 1-7月执行情况, 全年预计完成情况, 经费 制度 人员 硬件 其他, 原因说明, 确定能 有可能 完全不可能, 备注
    ("数量指标", 0): ["个案服务", "≥45个", "26个", "46个", "", "", "", "", "", "", CK, "", "", ""],
    ("数量指标", 1): ["小组活动", "≥12个", "5个", "12个", "", "", CK, "", "", "社工离职，岗位空缺两个月", "", CK, "", "已补招"],
    ("质量指标", 0): ["个案服务结案率", "≥85%", "80%", "88%", "", "", "", "", "", "", CK, "", "", ""],
    ("时效指标", 0): ["项目完成时间", "2022年12月底前", "按进度", "按期完成", "", "", "", "", "", "", CK, "", "", ""],
    ("成本指标", 0): ["项目总成本", "≤56.4万元", "32.80万元", "56.40万元", "", "", "", "", "", "", CK, "", "", ""],
    ("社会效益指标", 0): ["社区活动服务居民", "≥1000人次", "520人次", "1050人次", "", "", "", CK, "",
                       "活动场地维修，停用一个月", "", CK, "", ""],
    ("社会效益指标", 1): ["困难群众探访覆盖率", "≥90%", "62%", "95%", "", "", "", "", "", "", CK, "", "", ""],
    ("可持续影响指标", 0): ["社工站服务机制持续运行", "长期", "持续运行", "持续运行", "", "", "", "", "", "", CK, "", "", ""],
    ("服务对象满意度指标", 0): ["服务对象满意度", "≥90%", "92%", "≥90%", "", "", "", "", "", "", CK, "", "", ""],
}


def form_jiankong(outdir, name):
    doc = new_doc(landscape=True, margins=(1134, 1134, 1440, 1440))
    par(doc, "项目支出绩效目标执行监控表", font="方正小标宋简体", sz=18, al="center")
    par(doc, "（2022年度）", font="仿宋_GB2312", sz=12, al="center", after=3)
    sm = dict(sz=18)
    t = WTable(font="宋体", sz=18)
    t.row([C(2400, "项目名称"), C(11550, "2022年某街道社工站服务项目", al="left")], h=397)
    t.row([C(2400, "主管部门及代码"), C(4900, "[312]某区民政局", al="left"), C(2600, "实施单位"),
           C(4050, "某街道办事处", al="left")], h=397)
    t.row([C(2400, "项目资金（万元）", vm="restart"), C(2900, ""), C(2000, "年初预算数"), C(2200, "1-7月执行数"),
           C(2200, "1-7月执行率"), C(2250, "全年预计执行数")], h=397)
    rows = [("年度资金总额：", "56.40", "32.80", "58.16%", "56.40"),
            ("　其中：财政拨款", "56.40", "32.80", "58.16%", "56.40"),
            ("　　　上年结转资金", "0.00", "0.00", "—", "0.00"),
            ("　　　其他资金", "0.00", "0.00", "—", "0.00")]
    for lab, a, b, c, d in rows:
        t.row([C(2400, "", vm="cont"), C(2900, lab, al="left"), C(2000, a, al="right"), C(2200, b, al="right"),
               C(2200, c, al="right"), C(2250, d, al="right")], h=397)
    t.row([C(2400, "年度总体目标", vm="restart"), C(5775, "年度目标"), C(5775, "1-7月执行情况")], h=397)
    t.row([C(2400, "", vm="cont"),
           C(5775, "全年完成个案服务不少于45个、小组活动不少于12个、社区活动不少于24场，服务对象满意度不低于90%。",
             al="left", va="top"),
           C(5775, "完成个案服务26个、小组活动5个、社区活动13场；7月补招社工1名，下半年加快小组活动进度。",
             al="left", va="top")], h=1020)
    ws = [500, 900, 1000, 1400, 1000, 1050, 1050, 650, 650, 650, 700, 550, 1300, 600, 600, 650, 700]
    assert sum(ws) == 13950
    t.row([C(500, "绩效指标", vm="restart"), C(900, "一级指标", vm="restart"), C(1000, "二级指标", vm="restart"),
           C(1400, "三级指标", vm="restart"), C(1000, "年度指标值", vm="restart"),
           C(1050, "1-7月执行情况", vm="restart"), C(1050, "全年预计完成情况", vm="restart"),
           C(4500, "偏差原因分析"), C(1850, "完成目标可能性"), C(700, "备注", vm="restart")], h=397)
    t.row([C(w, "", vm="cont") for w in ws[:7]]
          + [C(w, s, **sm) for w, s in zip(ws[7:16], ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他",
                                                     "原因说明", "确定能", "有可能", "完全不可能"])]
          + [C(700, "", vm="cont")], h=567)
    indicator_table_rows(t, BLOCK_JK, 500, 900, 1000, ws[3:], values=JK_VALUES, h=454)
    t.add_to(doc)
    par(doc, "填报说明：偏差原因分析和完成目标可能性在对应栏内打“✔”；原因说明需简要说明偏差原因及纠偏措施。",
        font="仿宋_GB2312", sz=10.5, before=3)
    return save_docx(doc, name, outdir, "项目支出绩效目标执行监控表")


# ---------------------------------------------------------------------------------------------
# 08  实施方案 / 申请书 for printing: tall rows, grey cells, numbering, signature, trailing break
# ---------------------------------------------------------------------------------------------


def add_page_footer(doc):
    """Footer "— 1 —" with a PAGE field (w:fldSimple), centred, as GB/T 9704 documents number pages."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run(p.add_run("— "), "宋体", 14)
    p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE   \\* MERGEFORMAT "><w:r><w:rPr><w:rFonts w:ascii="宋体" '
        'w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'))
    set_run(p.add_run(" —"), "宋体", 14)


def form_shishi_fangan(outdir, name):
    doc = new_doc(numbering=True, margins=(1440, 1440, 1800, 1800))
    add_page_footer(doc)
    W = 8306
    par(doc, "附件3", font="黑体", sz=16)
    par(doc, ["项目编号：", ("　　　　　　　　", {"u": True})], sz=12, al="right")
    par(doc, "2022年度社区公益服务项目实施方案", font="宋体", sz=18, b=True, al="center", before=12, after=12)

    numbered(doc, "项目基本情况", 0, "黑体")
    t = WTable(font="仿宋_GB2312", sz=24)
    grey = dict(shd=GREY)
    t.row([C(1700, "项目名称"), C(6606, "", al="left")], h=567)
    t.row([C(1700, "项目编号"), C(2600, "（由主办方填写）", sz=18, color="7F7F7F", **grey),
           C(1500, "受理日期", **grey), C(2506, "", **grey)], h=567)
    t.row([C(1700, "申报单位"), C(2600, ""), C(1500, "法定代表人"), C(2506, "")], h=567)
    t.row([C(1700, "项目周期"), C(2600, "　　年　月至　　年　月", sz=21), C(1500, "申请金额（万元）"), C(2506, "")],
          h=567)
    t.row([C(1700, "合作机构"), C(6606, ["1、", "2、"], al="left", va="top")], h=850)
    t.row([C(1700, "服务对象及人数"), C(6606, "", al="left")], h=680)
    t.add_to(doc)

    numbered(doc, "项目实施计划", 0, "黑体")
    numbered(doc, "社区需求分析", 1, "楷体_GB2312")
    par(doc, "（说明服务社区的基本情况，服务对象的主要问题和需求，需求评估的方法及数据来源，500字以内）",
        sz=12, first_chars=2)
    t = WTable(font="仿宋_GB2312", sz=24)
    t.row([C(1400, "社区需求"), C(6906, "", al="left", va="top")], h=2268)          # 4 cm at least
    t.add_to(doc)

    numbered(doc, "项目目标", 1, "楷体_GB2312")
    t = WTable(font="仿宋_GB2312", sz=24)
    t.row([C(1400, "项目目标", vm="restart"), C(700, "序号"), C(4006, "目标"), C(2200, "衡量标准")], h=454)
    for n in ("1.", "2.", "3."):
        t.row([C(1400, "", vm="cont"), C(700, n), C(4006, "", al="left"), C(2200, "")], h=737, rule="exact")
    t.add_to(doc)

    numbered(doc, "预期成效", 1, "楷体_GB2312")
    t = WTable(font="仿宋_GB2312", sz=24)
    for i, n in enumerate(("1", "2", "3")):
        t.row([C(1400, "预期成效" if i == 0 else "", vm="restart" if i == 0 else "cont"), C(700, n),
               C(6206, "", al="left")], h=680)
    t.add_to(doc)

    numbered(doc, "活动进程", 1, "楷体_GB2312")
    t = WTable(font="仿宋_GB2312", sz=24)
    t.row([C(1400, "活动进程", vm="restart"), C(2300, "时间"), C(3006, "活动内容"), C(1600, "预期产出")], h=454)
    t.row([C(1400, "", vm="cont"), C(2300, ["　　年　月至", "　　年　月"], va="top"), C(3006, "", va="top"),
           C(1600, "", va="top")], h=3402)                                           # 6 cm at least
    t.add_to(doc)

    numbered(doc, "团队分工", 1, "楷体_GB2312")
    t = WTable(font="仿宋_GB2312", sz=24)
    t.row([C(1400, "团队分工"), C(6906, "", al="left", va="top")], h=1701, rule="exact")   # 3 cm exactly
    t.add_to(doc)

    numbered(doc, "项目调整（执行期内需调整的填写）", 1, "楷体_GB2312")
    t = WTable(font="仿宋_GB2312", sz=24)
    t.row([C(1400, "调整事项"), C(6906, "□内容变更　　□期限变更　　□预算调整", al="left")], h=567)
    t.row([C(1400, "调整前的内容"), C(6906, "", al="left", va="top")], h=1701, rule="exact")
    t.row([C(1400, "调整后的内容"), C(6906, "", al="left", va="top")], h=1701, rule="exact")
    t.row([C(1400, "调整依据"), C(6906, "", al="left", va="top")], h=1701)
    t.row([C(1400, "第三方意见", **grey),
           C(6906, ["", "", "", P("签字（盖章）：　　　　　　　　", al="right"),
                    P("年　　月　　日", al="right")], va="bottom", **grey)], h=2268, rule="exact")
    t.add_to(doc)

    numbered(doc, "申报单位承诺", 0, "黑体")
    par(doc, "本单位承诺以上所填内容真实、准确，项目资金专款专用，按实施方案组织实施，"
             "自觉接受主管部门和第三方评估机构的监督检查。", sz=16, first_chars=2, line=28, exact=True)
    par(doc, "", sz=16)
    par(doc, "申报单位（盖章）：　　　　　　年　月　日", sz=16, al="right", line=28, exact=True)
    par(doc, "PAGEBREAK")                                   # trailing page break: a blank last page in Word
    return save_docx(doc, name, outdir, "社区公益服务项目实施方案")


# ---------------------------------------------------------------------------------------------
# 09  申报书 with a cover page
# ---------------------------------------------------------------------------------------------


def form_fengmian(outdir, name):
    doc = new_doc(margins=(1440, 1440, 1800, 1800))
    par(doc, ["项目编号：", ("      ", {"u": True})], font="楷体_GB2312", sz=14, b=True)
    for _ in range(3):
        par(doc, "", sz=16)
    par(doc, "2022年度省级福利彩票公益金", font="方正小标宋简体", sz=22, b=True, al="center")
    par(doc, "社会组织参与社区服务项目申报书", font="方正小标宋简体", sz=22, b=True, al="center", before=6)
    for _ in range(6):
        par(doc, "", sz=16)
    kw = dict(sz=16, left=1260, line=1.5)
    par(doc, "申报单位：＿＿＿＿＿＿＿＿＿＿＿＿＿（盖章）", **kw)
    par(doc, ["项目名称：", ("", {"u": True, "tabs": 6})], **kw)
    par(doc, ["项目负责人：", ("                        ", {"u": True})], **kw)
    par(doc, ["联系电话：", ("　　　　　　　　　　　　", {"u": True})], **kw)
    par(doc, "填表日期：　　年　月　日", **kw)
    for _ in range(4):
        par(doc, "", sz=16)
    par(doc, "XX省民政厅　制", font="楷体_GB2312", sz=16, al="center")
    par(doc, "二〇二二年三月", font="楷体_GB2312", sz=16, al="center")
    par(doc, "PAGEBREAK")

    par(doc, "填 表 说 明", font="黑体", sz=18, al="center", after=12)
    for s in ["1．本申报书用A4纸双面打印，一式三份，左侧装订，封面加盖申报单位公章。",
              "2．申报单位须为在本省民政部门登记、上年度年检（年报）合格的社会组织。",
              "3．“统一社会信用代码”按登记证书填写；“评估等级”按最近一次评估结果勾选。",
              "4．申请金额以万元为单位，保留两位小数；同时填写大写金额。",
              "5．所填内容须真实、准确，不得空项；不涉及的栏目填写“无”。",
              "6．本申报书电子版与纸质版须一致。"]:
        par(doc, s, sz=16, first_chars=2, line=28, exact=True)

    p = par(doc, "一、申报单位基本情况", font="黑体", sz=16, after=6)
    p.paragraph_format.page_break_before = True
    t = WTable(font="仿宋_GB2312", sz=21)
    t.row([C(1600, "单位名称"), C(6706, "", al="left")], h=567)
    t.row([C(1600, "统一社会信用代码"), C(2600, ""), C(1600, "登记管理机关"), C(2506, "")], h=567)
    t.row([C(1600, "成立时间"), C(2600, "　　年　月　日"), C(1600, "注册资金（万元）"), C(2506, "")], h=567)
    t.row([C(1600, "法定代表人"), C(2600, ""), C(1600, "联系电话"), C(2506, "")], h=567)
    t.row([C(1600, "通讯地址"), C(2600, ""), C(1600, "邮政编码"), C(2506, "")], h=567)
    t.row([C(1600, "专职工作人员"), C(2600, "　　人，其中持证社工　　人", sz=21), C(1600, "评估等级"),
           C(2506, "□5A　□4A　□3A　□未评估", sz=21)], h=567)
    t.row([C(1600, "单位简介"), C(6706, P("（成立背景、业务范围、主要业绩，300字以内）", al="left"),
                                va="top", sz=21)], h=2268)
    for i in range(4):
        if i == 0:
            cells = [C(2600, "项目名称"), C(1600, "资助方"), C(2506, "资助金额（万元）")]
        else:
            cells = [C(2600, ""), C(1600, ""), C(2506, "")]
        t.row([C(1600, "近三年承接项目情况" if i == 0 else "", vm="restart" if i == 0 else "cont")] + cells, h=510)
    t.add_to(doc)
    par(doc, "二、项目基本情况", font="黑体", sz=16, before=12, after=6)
    t = WTable(font="仿宋_GB2312", sz=21)
    t.row([C(1600, "项目名称"), C(6706, "", al="left")], h=567)
    t.row([C(1600, "实施地点"), C(6706, "　　　　市　　　　区（县）　　　　街道（镇）", al="left")], h=567)
    t.row([C(1600, "实施期限"), C(6706, "2022年　月　日至　　　年　月　日", al="left")], h=567)
    t.row([C(1600, "申请金额"), C(6706, "　　　　　万元（大写：　　　　　　　　　　　）", al="left")], h=567)
    t.row([C(1600, "受益对象及人数"), C(6706, "", al="left")], h=1134)
    t.add_to(doc)
    par(doc, "", sz=12)
    return save_docx(doc, name, outdir, "社会组织参与社区服务项目申报书")


# ---------------------------------------------------------------------------------------------
# 10  Tricky text: check boxes, symbols, placeholders, long IDs
# ---------------------------------------------------------------------------------------------

MATERIALS = ["项目申报书", "法人登记证书复印件", "统一社会信用代码证书", "法定代表人身份证明", "上年度年检（年报）结论",
             "上年度财务审计报告", "银行开户许可证", "项目预算明细表", "绩效目标申报表", "项目实施方案",
             "团队成员资质证明", "社会工作者职业水平证书", "合作协议", "场地使用证明", "既往项目评估报告",
             "服务需求调研报告", "社区居委会意见", "廉洁自律承诺书", "信用承诺书", "其他补充材料"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def form_fuhao(outdir, name):
    doc = new_doc(margins=(1440, 1440, 1800, 1800))
    par(doc, "社会服务项目申报信息表（填写示例）", font="宋体", sz=18, b=True, al="center", after=6)
    par(doc, "一、基本信息", font="黑体", sz=14, after=3, keep_next=True)
    t = WTable(font="宋体", sz=21)
    t.row([C(1600, "申报单位"), C(2600, "{{name}}"), C(1600, "统一社会信用代码"),
           C(2506, "（示例：52110105MJ0123456X）", sz=18)], h=567)
    t.row([C(1600, "单位地址"), C(6706, "XX市XX区XX街道XXX号", al="left")], h=567)
    t.row([C(1600, "联系电话"), C(2600, "（示例：010-64281234）", sz=18), C(1600, "电子邮箱"),
           C(2506, "（示例：xmsb2022@example.org.cn）", sz=18)], h=567)
    # {{leader}} split over three runs, as Word leaves it after spell-check or an edit
    t.row([C(1600, "项目负责人"), C(2600, [["{{", R("lead", color="000000"), R("er}}", b=False, sz=21)]]),
           C(1600, "身份证号码"), C(2506, "XXXXXXXXXXXXXXXXXX")], h=567)
    t.row([C(1600, "项目类型"), C(6706, "是否新增　是□　否□　　　　是否延续　是□　否□", al="left")], h=567)
    t.row([C(1600, "项目周期"),
           C(6706, [[SYM("F0A3"), "1年　　", SYM("F052"), "2年　　", SYM("F0A3"), "3年"]], al="left")], h=567)
    t.row([C(1600, ["变更事项", "□内容变更", "□期限变更"]), C(6706, "", al="left", va="top")], h=1134)
    t.row([C(1600, "开具税务发票情况"), C(6706, "能（□有税控机　□税务代开）　　　不能□", al="left")], h=567)
    t.row([C(1600, "XXX年资产总额"), C(2600, "＿＿＿＿＿＿元"), C(1600, "XXX年收入总额"), C(2506, "＿＿＿＿＿＿元")],
          h=567)
    t.row([C(1600, "申请金额"), C(6706, "＿＿＿＿＿元（大写：＿＿＿＿＿＿＿＿＿＿）", al="left")], h=567)
    t.row([C(1600, "专家评分"), C(2600, [["${2022-1.1.1", "ownerScore}"]]), C(1600, "评审意见"),
           C(2506, "${2022-1.1.1ownerComment}")], h=567)
    t.add_to(doc)

    par(doc, "二、拟配置设备清单", font="黑体", sz=14, before=12, after=3, keep_next=True)
    t = WTable(font="宋体", sz=21)
    ws = [700, 2400, 1800, 900, 1100, 1406]
    t.row([C(w, s, b=True) for w, s in zip(ws, ["序号", "设备名称", "规格型号", "数量", "是否已有", "备注"])],
          h=454, header=True)
    for row in [["1", "CT、X射线机", "XX-64排", "1台", "✔", ""],
                ["2", "彩色多普勒超声诊断仪", "XXX", "2台", "", "新购"],
                ["3", "全自动生化分析仪", "XX-XXX", "1台", "✔", ""],
                ["4", "心电图机（十二导）", "XX", "3台", "✔", ""],
                ["5", "除颤仪", "", "2台", "", "※ 急需"]]:
        t.row([C(w, s, al="left" if i == 1 else "center") for i, (w, s) in enumerate(zip(ws, row))], h=454)
    t.add_to(doc)

    par(doc, "三、申报材料核对表", font="黑体", sz=14, before=12, after=3, keep_next=True)
    par(doc, "※ 图例：■ 必须提交　○ 可选提交　● 重点审核　☑ 已提交　☐ 未提交　✓ 合格　✗ 不合格", sz=10.5,
        font="宋体", after=3, keep_next=True)
    t = WTable(font="宋体", sz=18)
    half = [500, 2253, 450, 450, 500]
    t.row([C(w, s, b=True) for w, s in zip(half * 2, ["序号", "材料名称", "要求", "提交", "审核"] * 2)], h=400,
          header=True)
    need = "■■■■■■■■■■○○○■●○●■■○"
    done = "☑☑☑☑☑☑☐☑☑☑☑☑☐☑☐☑☑☑☑☐"
    check = "✓✓✓✓✓✓ ✓✗✓✓✓ ✓ ✓✓✓✓ "
    for i in range(10):
        cells = []
        for j in (i, i + 10):
            cells += [C(500, CIRCLED[j]), C(2253, MATERIALS[j], al="left"), C(450, need[j]), C(450, done[j]),
                      C(500, check[j].strip())]
        t.row(cells, h=400)
    t.add_to(doc)
    par(doc, "", sz=10.5)
    par(doc, "申报单位（盖章）：XX社会工作服务中心　　　填报人：XXX　　　日期：＿＿＿＿年＿＿月＿＿日", sz=12,
        before=6)
    return save_docx(doc, name, outdir, "社会服务项目申报信息表")


# ---------------------------------------------------------------------------------------------
# Excel helpers
# ---------------------------------------------------------------------------------------------

THIN = Side(style="thin", color="000000")
MEDIUM = Side(style="medium", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def xput(ws, rng, value=None, *, font="宋体", sz=10, b=False, h="center", v="center", wrap=True, fill=None,
         border=BOX, rot=0, fmt=None, color=None):
    """Write `value` into the (merged) range `rng` and style every cell of it, as Excel does when a
    person formats a merged block: the border is on each member cell, not only the anchor."""
    if ":" in rng:
        ws.merge_cells(rng)
        cells = [c for row in ws[rng] for c in row]
    else:
        cells = [ws[rng]]
    for c in cells:
        if border is not None:
            c.border = border
        if fill:
            c.fill = PatternFill("solid", fgColor=fill)
        c.alignment = Alignment(horizontal=h, vertical=v, wrap_text=wrap, text_rotation=rot)
        c.font = Font(name=font, size=sz, bold=b, color=color)
    if value is not None:
        cells[0].value = value
    if fmt:
        cells[0].number_format = fmt
    return cells[0]


def widths(ws, spec):
    for col, w in spec.items():
        ws.column_dimensions[col].width = w


def heights(ws, rows, h):
    for r in rows:
        ws.row_dimensions[r].height = h


def a4(ws, landscape=False, fit_width=True, area=None, titles=None, center=True):
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.59
    ws.page_margins.top = 0.79
    ws.page_margins.bottom = 0.79
    ws.print_options.horizontalCentered = center
    if area:
        ws.print_area = area
    if titles:
        ws.print_title_rows = titles


def xlsx_indicator_rows(ws, start, groups, l1_col, l2_col, value_cols, values=None, h=22, l1_fill=None,
                        fmt=None):
    """Indicator rows from `start`: 一级 and 二级 merged down over their rows. value_cols: list of column
    letters or 'D:E' merged pairs. Returns the last row used."""
    r = start
    rows = list(block_rows(groups))
    spans1, spans2 = {}, {}
    for i, (l1, l2, *_rest) in enumerate(rows):
        spans1.setdefault(l1, []).append(start + i)
        spans2.setdefault((l1, l2), []).append(start + i)
    for l1, rr in spans1.items():
        xput(ws, f"{l1_col}{rr[0]}:{l1_col}{rr[-1]}" if len(rr) > 1 else f"{l1_col}{rr[0]}", l1, fill=l1_fill)
    for (l1, l2), rr in spans2.items():
        xput(ws, f"{l2_col}{rr[0]}:{l2_col}{rr[-1]}" if len(rr) > 1 else f"{l2_col}{rr[0]}", l2)
    for l1, l2, first1, first2, i in rows:
        vals = (values or {}).get((l2, i), [None] * len(value_cols))
        for col, val in zip(value_cols, vals):
            if ":" in col:
                a, b_ = col.split(":")
                rng = f"{a}{r}:{b_}{r}"
            else:
                rng = f"{col}{r}"
            cell = xput(ws, rng, val if val != "" else None, h="center")
            if fmt and isinstance(val, (int, float)):
                cell.number_format = fmt
        ws.row_dimensions[r].height = h
        r += 1
    return r - 1


# ---------------------------------------------------------------------------------------------
# 02  绩效目标申报表, Excel, province B: 指标值 → 年度指标值 / 中期指标值, notes outside the border
# ---------------------------------------------------------------------------------------------


def form_shenbao_b(outdir, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标申报表"
    widths(ws, {"A": 5, "B": 11, "C": 14, "D": 26, "E": 14, "F": 14, "G": 2, "H": 46})
    xput(ws, "A1:F1", "项目支出绩效目标申报表", font="方正小标宋简体", sz=18, border=None)
    xput(ws, "A2:F2", "（2021年度）", font="楷体_GB2312", sz=12, border=None)
    xput(ws, "A3:C3", "填报单位（盖章）：", h="left", border=None)
    xput(ws, "E3:F3", "单位：万元", h="right", border=None)
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 20
    xput(ws, "A4:B4", "项目名称")
    xput(ws, "C4:F4", h="left")
    xput(ws, "A5:B5", "主管部门")
    xput(ws, "C5")
    xput(ws, "D5", "实施单位")
    xput(ws, "E5:F5")
    xput(ws, "A6:B6", "项目负责人")
    xput(ws, "C6")
    xput(ws, "D6", "联系电话")
    xput(ws, "E6:F6")
    xput(ws, "A7:B11", "项目资金（万元）")
    xput(ws, "C7:D7", "资金来源")
    xput(ws, "E7", "年度金额")
    xput(ws, "F7", "中期金额")
    for r, lab in zip(range(8, 12), ["资金总额", "其中：财政拨款", "　　　上年结转资金", "　　　其他资金"]):
        xput(ws, f"C{r}:D{r}", lab, h="left")
        xput(ws, f"E{r}", fmt="0.00", h="right")
        xput(ws, f"F{r}", fmt="0.00", h="right")
    xput(ws, "A12:B13", "总体目标")
    xput(ws, "C12:D12", "年度目标")
    xput(ws, "E12:F12", "中期目标")
    xput(ws, "C13:D13", h="left", v="top")
    xput(ws, "E13:F13", h="left", v="top")
    heights(ws, range(4, 13), 22)
    ws.row_dimensions[13].height = 90
    xput(ws, "B14:B15", "一级指标", b=True)
    xput(ws, "C14:C15", "二级指标", b=True)
    xput(ws, "D14:D15", "三级指标", b=True)
    xput(ws, "E14:F14", "指标值", b=True)
    xput(ws, "E15", "年度指标值", b=True)
    xput(ws, "F15", "中期指标值", b=True)
    heights(ws, (14, 15), 20)
    last = xlsx_indicator_rows(ws, 16, STD_BLOCK, "B", "C", ["D", "E", "F"], h=22)
    xput(ws, f"A14:A{last}", "绩效指标", rot=255)
    # notes, red, no border, outside the print area (as the 财政 templates carry them)
    note = dict(border=None, h="left", v="center", sz=9, color="FF0000")
    xput(ws, "H4", "说明：", b=True, **note)
    xput(ws, "H5", "1.本表由项目单位填写，金额单位为万元，保留两位小数。", **note)
    xput(ws, "H6", "2.年度指标值按预算年度填写；中期指标值按项目实施周期（一般为三年）填写。", **note)
    xput(ws, "H7", "3.三级指标应当细化、量化，每个二级指标下至少填写一个三级指标。", **note)
    notes = {16: "数量指标：反映预期提供的公共产品和服务数量，如“个案服务≥45个”。",
             18: "质量指标：反映预期提供的公共产品和服务达到的标准、水平和效果。",
             20: "时效指标：反映预期提供公共产品和服务的及时程度和效率情况。",
             21: "成本指标：反映预期提供公共产品和服务所需成本的控制情况。",
             22: "经济效益指标：反映对经济发展带来的影响和效果。",
             23: "社会效益指标：反映对社会发展带来的影响和效果。",
             25: "生态效益指标：反映对自然生态环境带来的影响和效果。",
             26: "可持续影响指标：反映项目后续运行及成效发挥的可持续影响情况。",
             27: "满意度指标：反映服务对象对项目实施效果的满意程度。"}
    for r, s in notes.items():
        xput(ws, f"H{r}", s, **note)
    a4(ws, area=f"A1:F{last}")
    ws.sheet_view.showGridLines = False
    return save_xlsx(wb, name, outdir, "项目支出绩效目标申报表")


# ---------------------------------------------------------------------------------------------
# 06 / 07  自评表, Excel, province D (blank and filled sample)
# ---------------------------------------------------------------------------------------------

BLOCK_D = [
    ("成本指标", [("经济成本指标", 1), ("社会成本指标", 1), ("生态环境成本指标", 1)]),
    ("产出指标", [("数量指标", 2), ("质量指标", 2), ("时效指标", 1)]),
    ("效益指标", [("经济效益指标", 1), ("社会效益指标", 2), ("生态效益指标", 1), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 2)]),
]

SAMPLE_D = {
    "name": "2022年某社区居家养老服务项目",
    "dept": "某区民政局",
    "unit": "某社会工作服务中心",
    "funds": [  # 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
        [48, 48, 47.15, 10, 0.9823, 9.82],
        [48, 48, 47.15, "—", "—", "—"],
        [0, 0, 0, "—", "—", "—"],
        [0, 0, 0, "—", "—", "—"],
    ],
    "goal": "为辖区60周岁以上居家老年人提供上门探访、助餐配餐、健康管理等服务，全年上门探访不少于2000人次、"
            "助餐配餐不少于12000份，受益老年人不少于300人，服务对象满意度不低于90%。",
    "done": "全年上门探访2186人次、助餐配餐11520份，受益老年人326人；助餐配餐因部分老人入住养老机构未达指标值，"
            "其余指标均已完成，服务对象满意度93.5%。",
    "ind": {  # 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
        ("经济成本指标", 0): ["项目总成本", "≤48万元", "47.15万元", 5, None, None],
        ("数量指标", 0): ["上门探访服务", "≥2000人次", "2186人次", 15, None, None],
        ("数量指标", 1): ["助餐配餐服务", "≥12000份", "11520份", 10, None,
                         "部分老人入住养老机构，助餐需求减少；下年度按实际需求调整指标值"],
        ("质量指标", 0): ["服务记录完整率", "100%", "100%", 10, None, None],
        ("质量指标", 1): ["安全责任事故", "0起", "0起", 5, None, None],
        ("时效指标", 0): ["项目完成时间", "2022年12月31日前", "2022年12月31日", 5, None, None],
        ("社会效益指标", 0): ["受益老年人数", "≥300人", "326人", 15, None, None],
        ("社会效益指标", 1): ["独居老人定期探访覆盖率", "≥95%", "97%", 10, None, None],
        ("可持续影响指标", 0): ["居家养老服务网络持续运行", "长期", "持续运行", 5, None, None],
        ("服务对象满意度指标", 0): ["服务对象满意度", "≥90%", "93.5%", 10, None, None],
    },
}


def form_ziping_d(outdir, name, v=None):
    v = v or {}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效自评表"
    widths(ws, {"A": 5, "B": 10, "C": 14, "D": 20, "E": 11, "F": 11, "G": 7, "H": 8, "I": 22})
    xput(ws, "A1:I1", "项目支出绩效自评表", font="黑体", sz=16, b=True, border=None)
    xput(ws, "A2:I2", "（2022年）", sz=11, border=None)
    ws.row_dimensions[1].height = 30
    xput(ws, "A3:C3", "项目名称")
    xput(ws, "D3:I3", v.get("name"), h="left")
    xput(ws, "A4:C4", "主管部门")
    xput(ws, "D4:E4", v.get("dept"), h="left")
    xput(ws, "F4:G4", "项目单位")
    xput(ws, "H4:I4", v.get("unit"), h="left")
    xput(ws, "A5:B9", "项目资金（万元）")
    xput(ws, "C5")
    for col, s in zip("DEFGHI", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]):
        xput(ws, f"{col}5", s)
    funds = v.get("funds") or [[None, None, None, 10, None, None]] + [[None, None, None, "—", "—", "—"]] * 3
    fmts = ["0.00", "0.00", "0.00", "0", "0.00%", "0.00"]
    for r, lab, vals in zip(range(6, 10), ["年度资金总额", "其中：财政资金", "上年结转资金", "其他资金"], funds):
        xput(ws, f"C{r}", lab, h="left")
        for col, val, f in zip("DEFGHI", vals, fmts):
            xput(ws, f"{col}{r}", val, h="right" if isinstance(val, (int, float)) and col != "G" else "center",
                 fmt=f if isinstance(val, (int, float)) else None)
    xput(ws, "A10:B11", "年度总体目标")
    xput(ws, "C10:F10", "预期目标")
    xput(ws, "G10:I10", "实际完成情况")
    xput(ws, "C11:F11", v.get("goal"), h="left", v="top")
    xput(ws, "G11:I11", v.get("done"), h="left", v="top")
    heights(ws, range(3, 11), 21)
    ws.row_dimensions[11].height = 80
    for col, s in zip("BCDEFGHI", ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                   "偏差原因分析及改进措施"]):
        xput(ws, f"{col}12", s)
    ws.row_dimensions[12].height = 30
    last = xlsx_indicator_rows(ws, 13, BLOCK_D, "B", "C", list("DEFGHI"), values=v.get("ind"), h=24)
    xput(ws, f"A12:A{last}", "绩效指标")
    for r in range(13, last + 1):
        if len(str(ws[f"I{r}"].value or "")) > 12 or len(str(ws[f"D{r}"].value or "")) > 10:
            ws.row_dimensions[r].height = 48
    t = last + 1
    xput(ws, f"A{t}:F{t}", "总分")
    if v:  # a sample carries the stale sums of the template it was copied from
        xput(ws, f"G{t}", 0)
        xput(ws, f"H{t}", 0)
    else:
        xput(ws, f"G{t}", 100)
        xput(ws, f"H{t}")
    xput(ws, f"I{t}")
    ws.row_dimensions[t].height = 22
    xput(ws, f"A{t + 1}:I{t + 1}", "注：1.执行率=全年执行数/全年预算数；资金执行率得分=执行率×10，最高10分。"
                                   "2.定量指标按完成比例计分，定性指标分档计分。", sz=9, h="left", border=None)
    ws.row_dimensions[t + 1].height = 30
    a4(ws, area=f"A1:I{t + 1}")
    return save_xlsx(wb, name, outdir, "项目支出绩效自评表")


# ---------------------------------------------------------------------------------------------
# 11  Long indicator table (66 rows), print titles, grey cells, custom row heights
# ---------------------------------------------------------------------------------------------

LONG = [
    ("决策指标", "立项资料", 12, [
        ("项目立项", ["立项依据充分性:充分", "立项程序规范性:规范"]),
        ("绩效目标", ["绩效目标合理性:合理", "绩效指标明确性:明确"]),
        ("资金投入", ["预算编制科学性:科学", "资金分配合理性:合理"])]),
    ("过程指标", "财务资料", 8, [
        ("资金管理", ["资金到位率:100%", "预算执行率:≥90%", "资金使用合规性:合规"]),
        ("组织实施", ["管理制度健全性:健全", "制度执行有效性:有效", "项目质量管控:到位", "档案管理规范性:规范",
                      "信息公开及时性:及时"])]),
    ("产出指标", "服务台账", 40, [
        ("数量指标", ["个案服务:≥45个", "个案服务人次:≥200人次", "小组活动:≥12个", "小组活动参与:≥120人次",
                      "社区活动:≥24场", "社区活动参与:≥1000人次", "探访困难群众:≥700人次", "志愿者培训:≥6次",
                      "培育社区社会组织:≥2个", "宣传推文:≥24篇"]),
        ("质量指标", ["个案结案率:≥85%", "服务档案规范率:100%", "专业督导:每月不少于1次", "社工持证比例:≥60%",
                      "投诉处理及时率:100%", "活动安全事故:0起", "服务对象信息保密:无泄露"]),
        ("时效指标", ["项目启动时间:2022年1月底前", "中期评估完成时间:2022年7月底前", "项目完成时间:2022年12月底前",
                      "资金支付及时性:按合同约定"]),
        ("成本指标", ["项目总成本:≤56.4万元", "人员经费占比:≤70%", "个案服务单位成本:≤1200元/个",
                      "社区活动单场成本:≤3000元", "管理费占比:≤5%"])]),
    ("效益指标", "评估报告", 30, [
        ("经济效益指标", ["链接社会资源金额:≥5万元", "带动志愿服务时长:≥3000小时", "协助申请社会救助:≥20户"]),
        ("社会效益指标", ["困难群众探访覆盖率:≥90%", "社区居民参与率:明显提高", "社区互助氛围:明显改善",
                          "困境儿童帮扶覆盖率:100%", "独居老人关爱覆盖率:≥95%", "社区矛盾调解成功率:≥80%",
                          "居民社会工作知晓率:≥70%", "社区社会组织活跃度:明显提升", "服务对象问题改善率:≥80%",
                          "媒体报道:≥3次"]),
        ("生态效益指标", ["垃圾分类宣传覆盖:≥500户", "社区环境整治活动:≥4次"]),
        ("可持续影响指标", ["社工站服务机制持续运行:长期", "志愿者队伍稳定率:≥80%", "服务模式提炼:形成案例≥2篇",
                            "社区骨干培育:≥10人", "服务台账完整性:完整"])]),
    ("满意度指标", "满意度调查", 10, [
        ("服务对象满意度指标", ["个案服务对象满意度:≥90%", "小组组员满意度:≥90%", "社区活动参与者满意度:≥90%",
                                "困难群众探访满意度:≥90%"]),
        ("社会公众满意度指标", ["社区居委会满意度:≥90%", "街道办事处满意度:≥90%"])]),
]


def _midterm(val):
    import re
    m = re.match(r"^(≥|≤)(\d+(?:\.\d+)?)(个|人次|场|次|篇|户|人|小时)$", val)
    if m:
        return f"{m.group(1)}{int(float(m.group(2)) * 3)}{m.group(3)}"
    return val


def _rule(val):
    if "%" in val:
        return "达到指标值得满分，每低1个百分点扣0.5分，扣完为止"
    if val[:1] in "≥≤" or val[:1].isdigit():
        return "完成指标值得满分，每低于指标值10%扣1分，扣完为止"
    return "达到要求得满分，部分达到酌情扣分，未达到不得分"


def form_changbiao(outdir, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效指标明细表"
    widths(ws, {"A": 5, "B": 9, "C": 12, "D": 22, "E": 28, "F": 14, "G": 14, "H": 6, "I": 30, "J": 10})
    xput(ws, "A1:J1", "2022年度社工站服务项目绩效指标明细表", font="方正小标宋简体", sz=16, border=None)
    ws.row_dimensions[1].height = 32
    xput(ws, "A2:E2", "项目名称：", h="left", border=None)
    xput(ws, "F2:J2", "项目单位：　　　　　　　　　　　　　金额单位：万元", h="right", border=None)
    hdr = dict(b=True, fill=GREY)
    for rng, s in [("A3:A4", "序号"), ("B3:B4", "一级指标"), ("C3:C4", "二级指标"), ("D3:D4", "三级指标"),
                   ("E3:E4", "指标解释"), ("F3:G3", "指标值"), ("F4", "年度指标值"), ("G4", "中期指标值"),
                   ("H3:H4", "分值"), ("I3:I4", "评分标准"), ("J3:J4", "数据来源")]:
        xput(ws, rng, s, **hdr)
    heights(ws, (3, 4), 20)
    r = 5
    n = 0
    for l1, source, points, subs in LONG:
        count = sum(len(x) for _, x in subs)
        base, extra = divmod(points, count)
        r1 = r
        k = 0
        for l2, items in subs:
            r2 = r
            for item in items:
                l3, val = item.split(":", 1)
                n += 1
                xput(ws, f"A{r}", n)
                xput(ws, f"D{r}", l3, h="left")
                xput(ws, f"E{r}", f"考核{l3}情况", h="left", sz=9)
                xput(ws, f"F{r}", val)
                xput(ws, f"G{r}", _midterm(val))
                xput(ws, f"H{r}", base + (1 if k < extra else 0), fill="F2F2F2")
                rule = _rule(val)
                xput(ws, f"I{r}", rule, h="left", sz=9)
                xput(ws, f"J{r}", source, fill="F2F2F2", sz=9)
                ws.row_dimensions[r].height = 30 if len(rule) < 22 else 36
                k += 1
                r += 1
            xput(ws, f"C{r2}:C{r - 1}" if r - 1 > r2 else f"C{r2}", l2)
        xput(ws, f"B{r1}:B{r - 1}", l1, b=True, fill="F2F2F2")
    xput(ws, f"A{r}:G{r}", "合　　计", b=True, fill=GREY)
    xput(ws, f"H{r}", 100, b=True, fill=GREY)
    xput(ws, f"I{r}:J{r}", "", fill=GREY)
    ws.row_dimensions[r].height = 24
    a4(ws, landscape=True, area=f"A1:J{r}", titles="3:4")
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    ws.freeze_panes = "A5"
    return save_xlsx(wb, name, outdir, "绩效指标明细表")


# ---------------------------------------------------------------------------------------------
# 12  Two sheets, two forms
# ---------------------------------------------------------------------------------------------

BLOCK_GD = [
    ("产出指标", [("数量指标", 2), ("质量指标", 1), ("时效指标", 1), ("成本指标", 1)]),
    ("效益指标", [("社会效益指标", 2), ("可持续影响指标", 1)]),
    ("满意度指标", [("服务对象满意度指标", 1)]),
]


def form_liangge(outdir, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目基本信息表"
    widths(ws, {"A": 14, "B": 16, "C": 12, "D": 16, "E": 12, "F": 16})
    xput(ws, "A1:F1", "2022年度省级福利彩票公益金资助项目基本信息表", font="方正小标宋简体", sz=16, border=None)
    ws.row_dimensions[1].height = 32
    xput(ws, "A2:F2", "填报日期：　　年　月　日", h="right", border=None)
    xput(ws, "A3", "项目名称")
    xput(ws, "B3:F3", h="left")
    xput(ws, "A4", "项目单位")
    xput(ws, "B4:C4")
    xput(ws, "D4", "统一社会信用代码")
    xput(ws, "E4:F4")
    for col, s in zip("ABCDEF", ["项目负责人", None, "职务", None, "联系电话", None]):
        xput(ws, f"{col}5", s)
    xput(ws, "A6", "项目类别")
    xput(ws, "B6:F6", "□养老服务　□儿童福利　□残疾人服务　□社会救助　□其他＿＿＿＿", h="left")
    xput(ws, "A7", "实施期限")
    xput(ws, "B7:F7", "　　年　月　日至　　年　月　日", h="left")
    xput(ws, "A8:A13", "资金来源")
    xput(ws, "B8:C8", "来源")
    xput(ws, "D8", "金额（万元）")
    xput(ws, "E8", "占比")
    xput(ws, "F8", "备注")
    for r, s in zip(range(9, 14), ["中央彩票公益金", "省级福彩公益金", "一般公共预算", "社会资金", "合计"]):
        fill = GREY if s == "合计" else None
        xput(ws, f"B{r}:C{r}", s, h="left" if s != "合计" else "center", fill=fill)
        xput(ws, f"D{r}", fmt="0.00", fill=fill)
        xput(ws, f"E{r}", fmt="0.00%", fill=fill)
        xput(ws, f"F{r}", fill=fill)
    xput(ws, "A14", "项目概述")
    xput(ws, "B14:F14", "（项目背景、服务对象、主要内容，300字以内）", h="left", v="top", color="808080", sz=9)
    xput(ws, "A15", "预期效果")
    xput(ws, "B15:F15", h="left", v="top")
    heights(ws, range(3, 14), 22)
    ws.row_dimensions[14].height = 90
    ws.row_dimensions[15].height = 60
    a4(ws, area="A1:F15")

    ws = wb.create_sheet("绩效目标表")
    widths(ws, {"A": 6, "B": 11, "C": 14, "D": 18, "E": 14, "F": 16})
    xput(ws, "A1:F1", "项目支出绩效目标表", font="方正小标宋简体", sz=16, border=None)
    ws.row_dimensions[1].height = 32
    xput(ws, "A2:F2", "（2022年度）", sz=11, border=None)
    xput(ws, "A3:B3", "项目名称")
    xput(ws, "C3:F3", h="left")
    xput(ws, "A4:B4", "项目类型")
    xput(ws, "C4:D4", "□新增项目　□延续项目")
    xput(ws, "E4", "项目等级")
    xput(ws, "F4")
    xput(ws, "A5:B5", "主管部门")
    xput(ws, "C5:D5")
    xput(ws, "E5", "用款单位")
    xput(ws, "F5")
    xput(ws, "A6:B7", "实施期限")
    xput(ws, "C6:D6", "起始年度")
    xput(ws, "E6:F6", "到期年度")
    xput(ws, "C7:D7")
    xput(ws, "E7:F7")
    xput(ws, "A8:B9", "预算金额（万元）")
    xput(ws, "C8:D8", "总金额")
    xput(ws, "E8:F8", "当年度金额")
    xput(ws, "C9:D9", fmt="0.00")
    xput(ws, "E9:F9", fmt="0.00")
    xput(ws, "A10:B10", "项目概述")
    xput(ws, "C10:F10", h="left", v="top")
    xput(ws, "A11:B11", "总体绩效目标\n（当年度目标）")
    xput(ws, "C11:F11", h="left", v="top")
    heights(ws, range(3, 10), 22)
    heights(ws, (10, 11), 60)
    xput(ws, "B12", "一级指标", b=True)
    xput(ws, "C12", "二级指标", b=True)
    xput(ws, "D12:E12", "三级指标", b=True)
    xput(ws, "F12", "当年度指标值", b=True)
    ws.row_dimensions[12].height = 22
    last = xlsx_indicator_rows(ws, 13, BLOCK_GD, "B", "C", ["D:E", "F"], h=22)
    xput(ws, f"A12:A{last}", "绩效指标")
    a4(ws, area=f"A1:F{last}")
    wb.active = 1                       # saved with the second sheet open
    wb.worksheets[0].sheet_view.tabSelected = False
    wb.worksheets[1].sheet_view.tabSelected = True
    return save_xlsx(wb, name, outdir, "福彩公益金资助项目申报表")


# ---------------------------------------------------------------------------------------------
# 14  执行监控表 in Excel, the indicator header in the middle of one big table (no 绩效指标 label),
#     the sheet's own page margins
# ---------------------------------------------------------------------------------------------

def form_jiankong_xlsx(outdir, name):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "执行监控表"
    widths(ws, {get_column_letter(c): w for c, w in zip(range(1, 18), [4] + [9] * 6 + [7] * 10)})
    xput(ws, "A1:Q1", "项目支出绩效目标执行监控表", font="方正小标宋简体", sz=16, border=None)
    xput(ws, "A2:Q2", "（　　　　年度）", border=None)
    xput(ws, "A3:C3", "项目名称", b=True)
    xput(ws, "D3:Q3", "")
    xput(ws, "A4:C4", "主管部门", b=True)
    xput(ws, "D4:H4", "")
    xput(ws, "I4:J4", "实施单位", b=True)
    xput(ws, "K4:Q4", "")
    xput(ws, "A5:C9", "项目资金（万元）", b=True)
    xput(ws, "D5:G5", "")
    for rng, text in [("H5:J5", "年初预算数"), ("K5:M5", "1-7月执行数"), ("N5:O5", "1-7月执行率"),
                      ("P5:Q5", "全年预计执行数")]:
        xput(ws, rng, text, b=True)
    for r, text in zip(range(6, 10), ["年度资金总额：", "其中：财政拨款", "上年结转资金", "其他资金"]):
        xput(ws, f"D{r}:G{r}", text, b=True)
        for rng in ["H{r}:J{r}", "K{r}:M{r}", "N{r}:O{r}", "P{r}:Q{r}"]:
            xput(ws, rng.format(r=r), "", fmt="0.00")
    xput(ws, "A10:A13", "年度总体目标", b=True)
    xput(ws, "B10:Q13", "")
    heights(ws, range(3, 14), 20)
    hdr = dict(b=True)
    xput(ws, "A14:A15", "", **hdr)
    for col, text in zip("BCDEFG", ["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行数", "全年预计执行数"]):
        xput(ws, f"{col}14:{col}15", text, **hdr)
    xput(ws, "H14:M14", "偏差原因分析", **hdr)
    for col, text in zip("HIJKLM", ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "原因说明"]):
        xput(ws, f"{col}15", text, **hdr)
    xput(ws, "N14:P14", "完成目标可能性", **hdr)
    for col, text in zip("NOP", ["确定能", "有可能", "完全不可能"]):
        xput(ws, f"{col}15", text, **hdr)
    xput(ws, "Q14:Q15", "备注", **hdr)
    heights(ws, (14, 15), 24)
    last = 15 + 12
    for r in range(16, last + 1):
        for c in range(1, 18):
            xput(ws, f"{get_column_letter(c)}{r}", None)
        ws.row_dimensions[r].height = 22
    a4(ws, landscape=True, area=f"A1:Q{last}")
    # Margins of its own, in inches: 2.54 cm left, 1.27 cm right, 1.91 cm top, 1.52 cm bottom.
    ws.page_margins.left, ws.page_margins.right = 1.0, 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.75, 0.6
    return save_xlsx(wb, name, outdir, "项目支出绩效目标执行监控表")


# ---------------------------------------------------------------------------------------------

FILES = [
    ("01-sheng-a-2021-jixiao-mubiao-shenbaobiao.docx", form_shenbao_a, {}),
    ("02-sheng-b-2021-jixiao-mubiao-shenbaobiao-niandu-zhongqi.xlsx", form_shenbao_b, {}),
    ("03-sheng-c-2022-2023-jixiao-mubiao-biao-liangnian.docx", form_liangnian_c, {}),
    ("04-sheng-a-2021-jixiao-mubiao-shenbaobiao-tianbao-yangben.docx", form_shenbao_a, {"v": SAMPLE_A}),
    ("05-caiyu-2020-10-xiangmu-zhichu-jixiao-ziping-biao.docx", form_ziping_caiyu, {}),
    ("06-sheng-d-2022-jixiao-ziping-biao.xlsx", form_ziping_d, {}),
    ("07-sheng-d-2022-jixiao-ziping-biao-tianbao-yangben.xlsx", form_ziping_d, {"v": SAMPLE_D}),
    ("08-shequ-gongyi-xiangmu-shishi-fangan.docx", form_shishi_fangan, {}),
    ("09-sheng-e-fucai-gongyijin-xiangmu-shenbaoshu-fengmian.docx", form_fengmian, {}),
    ("10-xiangmu-shenbao-xinxibiao-fuhao-zhanweifu.docx", form_fuhao, {}),
    ("11-jixiao-zhibiao-mingxi-changbiao.xlsx", form_changbiao, {}),
    ("12-sheng-f-fucai-xiangmu-liangge-gongzuobiao.xlsx", form_liangge, {}),
    ("13-jixiao-mubiao-zhixing-jiankong-biao.docx", form_jiankong, {}),
    ("14-jixiao-mubiao-zhixing-jiankong-biao-zhongjian-biaotou.xlsx", form_jiankong_xlsx, {}),
]


def main():
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    outdir.mkdir(parents=True, exist_ok=True)
    for name, fn, kw in FILES:
        path = fn(outdir, name, **kw)
        size = path.stat().st_size
        assert size < 60_000, f"{name} is {size} bytes"
        print(f"{size:7d}  {path}")


if __name__ == "__main__":
    main()
