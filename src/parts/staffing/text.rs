//! How a roster's words are looked for: case folded (MSW, msw), split into
//! the pieces a list writes (`助理社会工作师、心理咨询师二级`), and not
//! counted where the text denies them (`无社工证`, `非全日制`, `未取得社工证`).

/// Lower case for Latin letters, trimmed.
pub fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The pieces of a text, split at 、，,；;/ outside brackets: the comma in
/// `本科（社会工作，应届）` stays inside its piece.
pub fn pieces(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' | '《' => depth += 1,
            '）' | ')' | '】' | ']' | '》' => depth = depth.saturating_sub(1),
            '、' | '，' | ',' | '；' | ';' | '/' | '／' if depth == 0 => {
                found.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    found.push(&text[start..]);
    found.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// Words that deny what follows them, with the verbs that may stand
/// between (`未取得`, `没有持有`).
const DENIALS: &[&str] = &["无", "非", "未", "不", "没有", "尚无"];
const VERBS: &[&str] = &["取得", "考取", "持有", "具备", "获得", "持", "有"];

/// Whether `word` occurs in `text` (case folded) other than denied.
pub fn occurs(text: &str, word: &str) -> bool {
    let (text, word) = (fold(text), fold(word));
    if word.is_empty() {
        return false;
    }
    text.match_indices(word.as_str()).any(|(at, _)| !denied(&text[..at]))
}

/// Whether the text before a word ends in a denial.
fn denied(before: &str) -> bool {
    let before = before.trim_end();
    let ends_denied = |text: &str| DENIALS.iter().any(|d| text.ends_with(d));
    ends_denied(before) || VERBS.iter().filter_map(|v| before.strip_suffix(v)).any(ends_denied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_lists_but_not_brackets() {
        assert_eq!(pieces("助理社会工作师、心理咨询师二级"), ["助理社会工作师", "心理咨询师二级"]);
        assert_eq!(pieces("本科（社会工作，应届）"), ["本科（社会工作，应届）"]);
        assert_eq!(pieces("精通普通话，粤语仅能听懂"), ["精通普通话", "粤语仅能听懂"]);
        assert!(pieces(" ").is_empty());
    }

    #[test]
    fn a_denied_word_does_not_occur() {
        assert!(occurs("社工证", "社工证"));
        assert!(occurs("MSW（香港大学）", "msw"));
        for denied in ["无社工证", "未取得社工证", "没有社工证", "尚无社工证"] {
            assert!(!occurs(denied, "社工证"), "{denied}");
        }
        assert!(!occurs("本科（非全日制）", "全日制"));
        assert!(occurs("全日制本科", "全日制"));
        assert!(!occurs("志愿者（非村委）", "村委"));
        // 无 before a bracket denies the certificate, not the major inside.
        assert!(occurs("无（社会工作专业毕业）", "社会工作专业"));
        // One denied occurrence does not hide another.
        assert!(occurs("无大专学历，本科（专升本）前为大专", "大专"));
    }
}
