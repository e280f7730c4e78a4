//! Cutting a long text to a width for a table cell, a heading or a terminal line: on a
//! word boundary where one is near, with an ellipsis saying something was cut.

/// `text` on one line (white space collapsed), at most `max` characters: cut at the last
/// space within the width (unless that keeps less than half of it, then mid-word) and
/// ended with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    // Room for the ellipsis.
    let keep = max.saturating_sub(1);
    let end = line.char_indices().nth(keep).map_or(line.len(), |(i, _)| i);
    let head = &line[..end];
    let cut = match head.rfind(' ') {
        Some(space) if head[..space].chars().count() >= keep / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn short_texts_stay_whole_on_one_line() {
        assert_eq!(
            shorten("Lex  Sarah-\nutredning", 40),
            "Lex Sarah- utredning"
        );
    }

    #[test]
    fn long_texts_end_on_a_word_within_the_width() {
        let cut = shorten(
            "Uppgifter om elever med skyddad identitet skickades till fel mottagare",
            30,
        );
        assert_eq!(cut, "Uppgifter om elever med…");
        assert!(cut.chars().count() <= 30);
    }

    #[test]
    fn one_long_word_is_cut_inside() {
        let cut = shorten(&"å".repeat(50), 10);
        assert_eq!(cut, format!("{}…", "å".repeat(9)));
    }
}
