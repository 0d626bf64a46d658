//! Typst's messages in Chinese: no English from Typst reaches a user without
//! a Chinese explanation. Typst's own words follow in parentheses, so a
//! template's author can still look them up.

/// Typst's message `english` with a Chinese explanation before it.
pub fn explain(english: &str) -> String {
    let is_chinese = |text: &str| text.chars().next().is_some_and(|c| c as u32 >= 0x2E80);
    if is_chinese(english) {
        return english.to_owned();
    }
    // Our own words, carried through Typst's "failed to load file (…)".
    for wrapper in ["failed to load file (", "failed to load package ("] {
        if let Some(ours) = english.strip_prefix(wrapper).and_then(|r| r.strip_suffix(')'))
            && is_chinese(ours)
        {
            return ours.to_owned();
        }
    }
    if let Some(name) = english.strip_prefix("unknown variable:") {
        let name = name.trim();
        return format!("未定义的变量 {name}：Typst 代码里用到的名字要先用 #let 定义或从 style.typ 导入（{english}）");
    }
    format!("{}（{english}）", meaning(english))
}

/// What a message means, from its first words.
fn meaning(english: &str) -> &'static str {
    const MEANINGS: [(&str, &str); 28] = [
        ("unclosed delimiter", "括号或引号没有闭合"),
        ("unexpected", "排版代码写法有误"),
        ("expected", "排版代码写法有误或值的类型不对"),
        ("unknown variable", "使用了未定义的变量"),
        ("unknown font family", "没有这种字体"),
        ("file not found", "找不到文件"),
        ("failed to load file", "无法读取文件"),
        ("path", "路径超出了表格文件夹"),
        ("maximum function call depth exceeded", "函数调用层数过多（递归过深）"),
        ("maximum show rule depth exceeded", "show 规则嵌套过深"),
        ("maximum layout depth exceeded", "排版嵌套过深"),
        ("cannot", "无法进行这个操作"),
        ("panicked", "模板主动报错"),
        ("assertion failed", "模板中的断言不成立"),
        ("unknown", "未知的名称"),
        ("missing argument", "缺少参数"),
        ("unexpected argument", "多余的参数"),
        ("duplicate argument", "重复的参数"),
        ("array index out of bounds", "数组下标越界"),
        ("dictionary does not contain key", "字典中没有这个键"),
        ("number must be", "数值超出范围"),
        ("number too large", "数值过大"),
        ("value is too large", "数值过大"),
        ("division by zero", "除数为零"),
        ("failed to", "操作失败"),
        ("label", "标签有误"),
        ("page", "页面设置有误"),
        ("not a", "类型不对"),
    ];
    MEANINGS.iter().find(|(start, _)| english.starts_with(start)).map_or("排版出错", |(_, meaning)| meaning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typst_messages_come_with_chinese() {
        assert_eq!(explain("unclosed delimiter"), "括号或引号没有闭合（unclosed delimiter）");
        assert_eq!(
            explain("unknown variable: x"),
            "未定义的变量 x：Typst 代码里用到的名字要先用 #let 定义或从 style.typ 导入（unknown variable: x）"
        );
        assert_eq!(explain("something new"), "排版出错（something new）");
        assert_eq!(
            explain("failed to load file (模板只能读取本表格文件夹里的文件)"),
            "模板只能读取本表格文件夹里的文件"
        );
    }
}
