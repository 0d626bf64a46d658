#!/usr/bin/env bash
# make-fonts.sh - rebuild the bundled fonts in fonts/ from Debian packages.
#
# The fonts are committed to the repository; this script is NOT part of the
# build. It documents (and can reproduce) exactly where every file in fonts/
# came from and how it was made:
#
#   * FandolFang/FandolHei/FandolKai: copied unchanged from the Debian package
#     texlive-lang-chinese (GPL-3 with font exception).
#   * Noto Serif CJK SC Regular/Bold: the SC face extracted from the .ttc
#     collections in the Debian package fonts-noto-cjk and subset with
#     fontTools to the GBK repertoire plus common punctuation / full-width
#     forms (SIL OFL 1.1). Hinting is dropped to save space.
#   * DejaVu Serif Regular/Bold, subset to the single character U+2252 (≒,
#     GBK 0xA850), from the Debian package fonts-dejavu-core (Bitstream Vera
#     licence; DejaVu changes public domain). Noto CJK and Fandol both lack
#     this GBK character, so this tiny font completes the GBK coverage.
#
# Requirements: Debian/Ubuntu with apt-get and dpkg, python3 with fontTools
# (installed with pip if missing). fonts/README.md is hand-written and left
# untouched. Running the script twice gives byte-identical output (same
# package versions and fontTools version assumed).
#
# Usage: tools/make-fonts.sh            (writes into <repo>/fonts)
#        OUT=/some/dir tools/make-fonts.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${OUT:-$ROOT/fonts}"

# Pinned Debian (bookworm) package versions and the .deb checksums used for
# the committed fonts. Override the versions via the environment if the pinned
# ones are no longer in the archive (the checksum check is then skipped).
TEXLIVE_PKG=texlive-lang-chinese
TEXLIVE_VER="${TEXLIVE_VER:-2022.20230122-1}"
TEXLIVE_SHA256=9cfa07bd44e7b9098e26f0ecac1b5ad210d2249d474c8074d53de92d650b0ec0
NOTO_PKG=fonts-noto-cjk
NOTO_VER="${NOTO_VER:-1:20220127+repack1-1}"
NOTO_SHA256=4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502
DEJAVU_PKG=fonts-dejavu-core
DEJAVU_VER="${DEJAVU_VER:-2.37-6}"
DEJAVU_SHA256=8892669e51aab4dc56682c8e39d8ddb7d70fad83c369344e1e240bf3ca22bb76
SYMBOLS_PKG=fonts-noto-core
SYMBOLS_VER="${SYMBOLS_VER:-20201225-1}"
SYMBOLS_SHA256=58f4f0bb6720f919f92096b3508e1412a0f1544424ade6c5b5bf1eb694dd64ba
# fontTools version used for the committed subsets.
FONTTOOLS_VER=4.68.0

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- tools -------------------------------------------------------------------
if ! python3 -c 'import fontTools' 2>/dev/null; then
    python3 -m pip install --quiet "fonttools==$FONTTOOLS_VER"
fi
have_ft="$(python3 -c 'import fontTools; print(fontTools.version)')"
if [ "$have_ft" != "$FONTTOOLS_VER" ]; then
    echo "warning: fontTools $have_ft (committed fonts were made with $FONTTOOLS_VER);" \
         "subset bytes may differ" >&2
fi

# --- download and unpack the Debian packages (not installed) -----------------
if ! apt-cache show "$TEXLIVE_PKG=$TEXLIVE_VER" >/dev/null 2>&1 ||
   ! apt-cache show "$NOTO_PKG=$NOTO_VER" >/dev/null 2>&1 ||
   ! apt-cache show "$DEJAVU_PKG=$DEJAVU_VER" >/dev/null 2>&1 ||
   ! apt-cache show "$SYMBOLS_PKG=$SYMBOLS_VER" >/dev/null 2>&1; then
    apt-get update -qq
fi
mkdir -p "$WORK/debs" "$WORK/x"
# apt-get download writes to the current directory; chmod so that the
# unprivileged _apt user can write there when run as root.
chmod 755 "$WORK"
chmod 777 "$WORK/debs"
(cd "$WORK/debs" && apt-get download -qq "$TEXLIVE_PKG=$TEXLIVE_VER" "$NOTO_PKG=$NOTO_VER" \
    "$DEJAVU_PKG=$DEJAVU_VER" "$SYMBOLS_PKG=$SYMBOLS_VER")

check_sha() { # <deb-glob> <expected-sha256> <pinned-version> <used-version>
    local deb
    deb="$(ls "$WORK"/debs/$1)"
    if [ "$3" = "$4" ]; then
        echo "$2  $deb" | sha256sum --check --quiet -
    fi
}
check_sha "${TEXLIVE_PKG}_*.deb" "$TEXLIVE_SHA256" 2022.20230122-1 "$TEXLIVE_VER"
check_sha "${NOTO_PKG}_*.deb" "$NOTO_SHA256" 1:20220127+repack1-1 "$NOTO_VER"
check_sha "${DEJAVU_PKG}_*.deb" "$DEJAVU_SHA256" 2.37-6 "$DEJAVU_VER"
check_sha "${SYMBOLS_PKG}_*.deb" "$SYMBOLS_SHA256" 20201225-1 "$SYMBOLS_VER"

for deb in "$WORK"/debs/*.deb; do
    dpkg -x "$deb" "$WORK/x"
done
FANDOL_DIR="$WORK/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FANDOL_DOC="$WORK/x/usr/share/doc/texlive-doc/fonts/fandol"
NOTO_DIR="$WORK/x/usr/share/fonts/opentype/noto"
NOTO_COPYRIGHT="$WORK/x/usr/share/doc/fonts-noto-cjk/copyright"
DEJAVU_DIR="$WORK/x/usr/share/fonts/truetype/dejavu"
DEJAVU_COPYRIGHT="$WORK/x/usr/share/doc/fonts-dejavu-core/copyright"

STAGE="$WORK/out"
mkdir -p "$STAGE"

# --- Fandol: copied unchanged -------------------------------------------------
for f in FandolFang-Regular FandolHei-Regular FandolHei-Bold FandolKai-Regular; do
    cp "$FANDOL_DIR/$f.otf" "$STAGE/$f.otf"
done

# --- Noto Serif CJK SC: extract SC face from the .ttc, subset to GBK ---------
python3 - "$NOTO_DIR" "$STAGE" <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools import subset

noto_dir, stage = sys.argv[1], sys.argv[2]

# Code points to keep: every character of GBK (2-byte sequences with lead
# 0x81-0xFE and trail 0x40-0xFE except 0x7F that Python's gbk codec decodes),
# plus ASCII, Latin-1, general punctuation, CJK symbols & punctuation and the
# full-width/half-width forms (the font simply lacks a few of these).
cps = set()
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            cps.add(ord(bytes([lead, trail]).decode("gbk")))
        except UnicodeDecodeError:
            pass
for a, b in [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203B),
             (0x20AC, 0x20AC), (0x2103, 0x2103), (0x2116, 0x2116),
             (0x2E3A, 0x2E3B), (0x3000, 0x303F), (0xFF01, 0xFF65),
             (0xFFE0, 0xFFE6)]:
    cps.update(range(a, b + 1))

for weight in ("Regular", "Bold"):
    ttc = f"{noto_dir}/NotoSerifCJK-{weight}.ttc"
    # Face 2 of the collection is the SC (Simplified Chinese) face.
    font = TTFont(ttc, fontNumber=2, recalcTimestamp=False)
    ps = font["name"].getDebugName(6)
    assert ps == f"NotoSerifCJKsc-{weight}", ps

    # Keep 'locl' only for the ZHS (Simplified Chinese) language system.
    # The JAN/KOR/ZHT/ZHH 'locl' lookups would pull ~17k extra glyphs
    # (+6 MB) that a GBK/Simplified Chinese renderer never uses.
    for tag in ("GSUB", "GPOS"):
        table = font[tag].table
        feats = table.FeatureList.FeatureRecord
        for srec in table.ScriptList.ScriptRecord:
            langsys = [(lr.LangSysTag, lr.LangSys) for lr in srec.Script.LangSysRecord]
            if srec.Script.DefaultLangSys is not None:
                langsys.append(("dflt", srec.Script.DefaultLangSys))
            for ltag, ls in langsys:
                if ltag == "ZHS ":
                    continue
                ls.FeatureIndex = [i for i in ls.FeatureIndex
                                   if feats[i].FeatureTag != "locl"]
                ls.FeatureCount = len(ls.FeatureIndex)

    opts = subset.Options()
    # Layout features: fontTools defaults (kern, vert, vrt2, palt, halt, vpal,
    # vhal, vkrn, locl, ccmp, liga, ...).
    opts.hinting = False          # drop CFF hints (saves space)
    opts.name_IDs = ["*"]         # keep copyright/licence strings (IDs 0, 13, 14)
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(cps))
    sub.subset(font)
    font.save(f"{stage}/NotoSerifCJKsc-{weight}-GBK.otf")
    print(f"NotoSerifCJKsc-{weight}-GBK.otf: {font['maxp'].numGlyphs} glyphs")
PY

# --- DejaVu Serif: only U+2252 (the one GBK character Noto CJK lacks) --------
for f in DejaVuSerif DejaVuSerif-Bold; do
    python3 -m fontTools.subset "$DEJAVU_DIR/$f.ttf" --unicodes=U+2252 \
        --no-hinting --name-IDs='*' --notdef-outline \
        --output-file="$STAGE/$f-U2252.ttf"
done

# --- Noto Sans Symbols / Symbols 2: the marks real forms print ---------------
# Neither Fandol nor the GBK subset has ✔ ✓ ✗ ☑ ☐ or ⑪–⑳ (funders' forms use
# them: ticks in 执行监控表, ⑪–⑳ numbering materials). Enclosed alphanumerics
# (U+2460–24FF) from Noto Sans Symbols; ballot boxes, check marks and
# geometric shapes from Noto Sans Symbols 2 (SIL OFL 1.1, like Noto CJK).
SYMBOLS_DIR="$WORK/x/usr/share/fonts/truetype/noto"
python3 -m fontTools.subset "$SYMBOLS_DIR/NotoSansSymbols-Regular.ttf" --unicodes=U+2460-24FF \
    --no-hinting --layout-features='*' --name-IDs='*' --drop-tables+=DSIG \
    --output-file="$STAGE/NotoSansSymbols-Enclosed.ttf"
python3 -m fontTools.subset "$SYMBOLS_DIR/NotoSansSymbols2-Regular.ttf" \
    --unicodes=U+2610-2613,U+2713-2718,U+2705,U+274C,U+274E,U+25A0-25FF \
    --no-hinting --layout-features='*' --name-IDs='*' \
    --output-file="$STAGE/NotoSansSymbols2-Checks.ttf"

# --- licences -----------------------------------------------------------------
# Fandol: GPL-3 text as shipped with the fonts, plus the font exception
# statement (upstream README says "GPL + GPL font exception").
zcat "$FANDOL_DOC/COPYING.gz" > "$STAGE/LICENSE-Fandol-GPL-3.txt"
{
    cat <<'EOF'
Fandol fonts (FandolFang, FandolHei, FandolKai)
Copyright (c) 2012-2013, the Fandol team (Clerk Ma, Jie Su).
https://ctan.org/pkg/fandol

Licence: GNU General Public License version 3 (see LICENSE-Fandol-GPL-3.txt)
with the GPL font exception, as stated in the upstream README (below).

Font exception (standard FSF wording):

  As a special exception, if you create a document which uses this font,
  and embed this font or unaltered portions of this font into the document,
  this font does not by itself cause the resulting document to be covered
  by the GNU General Public License. This exception does not however
  invalidate any other reasons why the document might be covered by the
  GNU General Public License. If you modify this font, you may extend this
  exception to your version of the font, but you are not obligated to do
  so. If you do not wish to do so, delete this exception statement from
  your version.

The font files in this folder are unmodified copies from the Debian package
texlive-lang-chinese. Upstream README (usr/share/doc/texlive-doc/fonts/fandol/README):

EOF
    sed 's/^/  /' "$FANDOL_DOC/README"
} > "$STAGE/LICENSE-Fandol.txt"

# Noto CJK: SIL OFL 1.1, text taken from the package's Debian copyright file.
{
    echo "Noto Serif CJK SC (subset: NotoSerifCJKsc-Regular-GBK.otf, NotoSerifCJKsc-Bold-GBK.otf)"
    echo "Copyright (c) 2017-2022 Adobe (http://www.adobe.com/)."
    echo "Noto is a trademark of Google Inc."
    echo "https://github.com/notofonts/noto-cjk"
    echo
    echo "These files are Modified Versions (subsets) of the Original Version in the"
    echo "Debian package fonts-noto-cjk, distributed under the same licence."
    echo "NotoSansSymbols-Enclosed.ttf and NotoSansSymbols2-Checks.ttf are subsets of"
    echo "Noto Sans Symbols and Noto Sans Symbols 2 (Copyright 2015-2020 Google LLC)"
    echo "from the Debian package fonts-noto-core, under the same licence:"
    echo
    # Extract the stand-alone "License: SIL-1.1" paragraph (the one with the
    # indented full text), strip the one-space indent and turn Debian's " ."
    # paragraph separators back into blank lines.
    awk '/^License: SIL-1.1$/ {grab=1; buf=""; next}
         grab && /^ / {buf = buf $0 "\n"; next}
         grab {grab=0; if (buf != "") out=buf}
         END {if (grab && buf != "") out=buf; printf "%s", out}' "$NOTO_COPYRIGHT" |
        sed -e 's/^ //' -e 's/^\.$//'
} > "$STAGE/LICENSE-Noto-OFL-1.1.txt"
grep -q 'SIL OPEN FONT LICENSE Version 1.1' "$STAGE/LICENSE-Noto-OFL-1.1.txt"

# DejaVu: Bitstream Vera licence, from the package's Debian copyright file
# (the "Files: *" stanza, de-indented).
{
    echo "DejaVu Serif (subset: DejaVuSerif-U2252.ttf, DejaVuSerif-Bold-U2252.ttf)"
    echo "https://dejavu-fonts.github.io/"
    echo
    awk '/^Files: \*$/ {grab=1; next}
         grab && /^Files:/ {exit}
         grab {print}' "$DEJAVU_COPYRIGHT" | sed -e 's/^ //' -e 's/^\.$//'
} > "$STAGE/LICENSE-DejaVu.txt"
grep -q 'Bitstream Vera' "$STAGE/LICENSE-DejaVu.txt"

# --- sanity check: the fonts together cover all of GBK ------------------------
python3 - "$STAGE" <<'PY'
import sys, glob
from fontTools.ttLib import TTFont
stage = sys.argv[1]
covered = set()
for p in glob.glob(f"{stage}/*.otf") + glob.glob(f"{stage}/*.ttf"):
    covered |= set(TTFont(p, lazy=True).getBestCmap())
missing = []
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            c = ord(bytes([lead, trail]).decode("gbk"))
        except UnicodeDecodeError:
            continue
        if c not in covered:
            missing.append(c)
if missing:
    sys.exit("GBK characters not covered: " + " ".join("U+%04X" % c for c in missing[:50]))
print("GBK coverage: complete")
PY

# --- install into fonts/ ------------------------------------------------------
mkdir -p "$OUT"
cp "$STAGE"/* "$OUT"/
du -sb "$OUT"
