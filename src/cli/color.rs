//! Colour on a terminal only. `--color auto|always|never`; `auto` colours when stdout is
//! a terminal and neither `NO_COLOR` nor `CLICOLOR=0` is set (`CLICOLOR_FORCE` forces it).
//! anstream decides and strips the styles from everything written when it says no, so a
//! printer writes styles unconditionally and never prints an escape sequence as text.

use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ColorArg {
    /// When to colour the output: auto, always or never.
    ///
    /// auto colours on a terminal unless NO_COLOR is set. Default: auto.
    /// Example: --color never
    #[arg(long, value_name = "WHEN", value_enum, default_value_t)]
    pub color: ColorWhen,
}

/// Stdout, colouring as `--color` and the environment say.
pub type Stdout = anstream::AutoStream<std::io::StdoutLock<'static>>;

impl ColorArg {
    pub fn stdout(&self) -> Stdout {
        let choice = match self.color {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::AlwaysAnsi,
            ColorWhen::Never => anstream::ColorChoice::Never,
        };
        anstream::AutoStream::new(std::io::stdout().lock(), choice)
    }
}

/// Whether `out` keeps the styles written to it.
pub fn is_coloured(out: &Stdout) -> bool {
    out.current_choice() != anstream::ColorChoice::Never
}

/// The styles of the printers.
pub mod style {
    use anstyle::{AnsiColor, Style};

    pub const HEADING: Style = Style::new().bold();
    pub const MATCH: Style = AnsiColor::Red.on_default().bold();
}
