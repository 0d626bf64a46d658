//! The funder's file as a package: a zip of parts, untrusted like any
//! other input. It is opened only within limits (entries, sizes, no
//! macros), its parts read as text, and written back with only the parts
//! that hold values replaced: every other entry is copied as it is
//! compressed, byte for byte, in the original's order; a replaced part gets
//! a fixed time, so the same inputs give the same bytes on every machine.
//! Nothing the package points to (external relationships) is followed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

/// The most entries an original may have.
pub const MAX_ENTRIES: usize = 1000;
/// The most one part may decompress to.
pub const MAX_PART: u64 = 20 * 1024 * 1024;
/// The most all parts may decompress to.
pub const MAX_TOTAL: u64 = 100 * 1024 * 1024;

/// An original opened within its limits.
pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, String> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| "原件不是 zip 压缩包（.docx 和 .xlsx 都是），文件可能已损坏".to_owned())?;
        if archive.len() > MAX_ENTRIES {
            return Err(format!("原件的压缩包里有 {} 项，超过 {MAX_ENTRIES} 项的上限", archive.len()));
        }
        if archive.decompressed_size().is_none_or(|n| n > u128::from(MAX_TOTAL)) {
            return Err(format!("原件解压后超过 {} MB 的上限", MAX_TOTAL / 1024 / 1024));
        }
        let names: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.to_ascii_lowercase()).collect();
        if names.iter().any(|n| n.ends_with("vbaproject.bin") || n.ends_with(".bin") && n.contains("activex")) {
            return Err(
                "原件含宏或控件（.docm、.xlsm），wenshu 不填写这样的文件：请另存为 .docx/.xlsx 后重新导入".to_owned()
            );
        }
        Ok(Package { archive })
    }

    /// A part's text; `None` when there is no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(index) = self.archive.index_for_name(name) else { return Ok(None) };
        let file = self.archive.by_index(index).map_err(|err| format!("无法读取原件中的 {name}：{err}"))?;
        let mut bytes = Vec::new();
        file.take(MAX_PART + 1).read_to_end(&mut bytes).map_err(|err| format!("无法解压原件中的 {name}：{err}"))?;
        if bytes.len() as u64 > MAX_PART {
            return Err(format!("原件中的 {name} 解压后超过 {} MB", MAX_PART / 1024 / 1024));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
        String::from_utf8(bytes).map(Some).map_err(|_| format!("原件中的 {name} 不是 UTF-8 编码的 XML"))
    }

    /// The package again, the parts in `replaced` with their new text,
    /// every other entry copied as it is.
    pub fn repack(mut self, replaced: &BTreeMap<String, String>) -> Result<Vec<u8>, String> {
        let failed = |err: zip::result::ZipError| format!("写入填好的文件时出错：{err}");
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .system(zip::System::Unix)
            .unix_permissions(0o644);
        for index in 0..self.archive.len() {
            let file = self.archive.by_index_raw(index).map_err(failed)?;
            let name = file.name().map_err(failed)?.into_owned();
            match replaced.get(&name) {
                Some(text) => {
                    drop(file);
                    writer.start_file(name, options).map_err(failed)?;
                    writer.write_all(text.as_bytes()).map_err(|err| format!("写入填好的文件时出错：{err}"))?;
                }
                None => writer.raw_copy_file(file).map_err(failed)?,
            }
        }
        writer.finish().map(Cursor::into_inner).map_err(failed)
    }
}
