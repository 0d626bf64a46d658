//! The fonts: those built into wenshu (the open fonts of the repository's
//! `fonts/`, see its README for their licences) and a user's own font
//! folder; indexed once per process, faces loaded on first use.
//!
//! Templates ask for fonts by role (仿宋 body, 小标宋 title, 黑体, 楷体);
//! [`Fonts::roles`] picks, for each role, the families present in preference
//! order, so a user who drops 方正小标宋简体 or 仿宋_GB2312 into `fonts/` gets
//! them without editing a template, and nobody gets an "unknown font" warning.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::error::{Error, ErrorKind};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_fonts.rs"));
}

/// Families for each role, most preferred first; the last of each is bundled.
const ROLES: [(&str, &[&str]); 5] = [
    (
        "body",
        &["FangSong_GB2312", "仿宋_GB2312", "FZFangSong-Z02S", "方正仿宋简体", "FangSong", "仿宋", "FandolFang R"],
    ),
    ("title", &["FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "FandolSong"]),
    ("hei", &["FZHei-B01S", "方正黑体简体", "SimHei", "黑体", "FandolHei"]),
    ("kai", &["FZKai-Z03S", "方正楷体简体", "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "FandolKai"]),
    ("fallback", &["Noto Serif CJK SC", "Noto Serif SC"]),
];

/// Every face of every font file, with its metadata.
pub struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<Slot>,
}

struct Slot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl Fonts {
    /// Indexes the built-in fonts and every font file below `dir` (`.otf`,
    /// `.ttf`, `.otc`, `.ttc`) that is not one of them.
    pub fn load(dir: Option<&Path>) -> Result<Fonts, Error> {
        let mut faces: Vec<(String, Bytes)> = builtin::FILES
            .iter()
            .filter(|(name, _)| is_font_file(Path::new(name)))
            .map(|(name, bytes)| ((*name).to_owned(), Bytes::new(*bytes)))
            .collect();
        if let Some(dir) = dir {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
                .follow_links(false)
                .into_iter()
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.into_path())
                .filter(|path| is_font_file(path))
                .collect();
            // Sorted, so the font book (and so the PDF) is the same on every machine.
            files.sort();
            for path in files {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
                let length = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                // The repository's fonts/ holds the built-in files themselves.
                let builtin = builtin::FILES.iter().any(|(n, b)| *n == name && b.len() as u64 == length);
                if !builtin {
                    faces.push((name, map_file(&path)?));
                }
            }
        }
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for (_, data) in faces {
            for (index, info) in FontInfo::iter(&data).enumerate() {
                book.push(info);
                slots.push(Slot { data: data.clone(), index: index as u32, font: OnceLock::new() });
            }
        }
        if slots.is_empty() {
            let message = "没有可用的字体（.otf/.ttf/.ttc）".to_owned();
            return Err(Error::new(ErrorKind::Io, message));
        }
        Ok(Fonts { book: LazyHash::new(book), slots })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The face at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font.get_or_init(|| Font::new(slot.data.clone(), slot.index)).clone()
    }

    /// Whether some face can draw `c` (Typst falls back across all faces).
    pub fn covers(&self, c: char) -> bool {
        (0..self.slots.len()).any(|i| self.book.info(i).is_some_and(|info| info.coverage.contains(c as u32)))
    }

    /// A Typst dictionary of role → families present, most preferred first,
    /// always ending with the fallback: `(body: ("FandolFang R", "Noto Serif CJK SC"), …)`.
    pub fn roles(&self) -> String {
        let mut out = String::from("(");
        for ((role, _), (_, chosen)) in ROLES.iter().zip(self.role_families()) {
            let list: Vec<String> = chosen.iter().map(|f| crate::typeset::render::typst_string(f)).collect();
            out.push_str(&format!("{role}: ({},), ", list.join(", ")));
        }
        out.push(')');
        out
    }

    /// Each role, in the user's words, with the families present that fill
    /// it, most preferred first, ending with the fallback.
    pub fn role_families(&self) -> Vec<(&'static str, Vec<&'static str>)> {
        const NAMES: [&str; 5] = ["正文（仿宋）", "标题（小标宋）", "黑体", "楷体", "后备（生僻字）"];
        let present = |family: &&&str| self.book.contains_family(&family.to_lowercase());
        let fallback: Vec<&str> = ROLES[4].1.iter().filter(present).copied().collect();
        ROLES
            .iter()
            .zip(NAMES)
            .map(|((_, families), name)| {
                let mut chosen: Vec<&str> = families.iter().filter(present).copied().collect();
                for family in &fallback {
                    if !chosen.contains(family) {
                        chosen.push(family);
                    }
                }
                (name, chosen)
            })
            .collect()
    }

    /// The family names in the book, for messages and `wenshu fonts`.
    pub fn families(&self) -> Vec<String> {
        self.book.families().map(|(name, _)| name.to_owned()).collect()
    }
}

/// The bytes of a font file, mapped rather than read: indexing a face
/// touches only its tables, so a build pays only for the glyphs it draws.
fn map_file(path: &Path) -> Result<Bytes, Error> {
    let file = std::fs::File::open(path).map_err(|err| Error::io(path, "读取字体", &err))?;
    // SAFETY: the map is read-only and font files are not rewritten while
    // wenshu runs; if one were, a fresh process would see the new file.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|err| Error::io(path, "读取字体", &err))?;
    Ok(Bytes::new(map))
}

fn is_font_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "otf" | "ttf" | "otc" | "ttc")
}

/// Characters that draw nothing and so need no glyph.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}
