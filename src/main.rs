//! The command line: parses arguments and reports; all work happens in the library.

use clap::{Parser, Subcommand};
use handbook::diagnostics::Diagnostics;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Builds bilingual handbooks, procedures and printable forms into a static site that works offline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the handbook into its output folder (default: public/)
    Build {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder, instead of output_dir from handbook.toml
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also build pages marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Check the handbook without writing anything: every build error, plus warnings for editors
    Check {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        strict: bool,
        /// Output format: text (to stderr) or json (to stdout, for editors and CI)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also check pages marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Build into a temporary folder and write one zip for offline copies (with SHA256SUMS)
    Pack {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The zip to write (default: <title>-<version>.zip in the current folder)
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            output,
            drafts,
        } => build(dir, output, drafts),
        Command::Check {
            dir,
            strict,
            format,
            drafts,
        } => check(dir, strict, format, drafts),
        Command::Pack { dir, output } => pack(dir, output),
    }
}

fn build(dir: PathBuf, output: Option<PathBuf>, drafts: bool) -> ExitCode {
    let started = Instant::now();
    let options = handbook::BuildOptions {
        root: dir,
        output_dir: output,
        include_drafts: drafts,
    };
    match handbook::build(&options) {
        Ok(summary) => {
            print_diagnostics(summary.warnings);
            let per_language: Vec<String> = summary
                .translated
                .iter()
                .map(|(lang, count)| format!("{lang}: {count}"))
                .collect();
            eprintln!(
                "built {} pages ({}) into {} ({} files) in {} ms",
                summary.entries,
                per_language.join(", "),
                summary.output_dir.display(),
                summary.files,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let count = diagnostics.error_count();
            print_diagnostics(diagnostics);
            eprintln!(
                "build failed with {count} error{}; the previous output was left as it was",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(diagnostics: Diagnostics) {
    for diagnostic in diagnostics.sorted() {
        eprintln!("{diagnostic}\n");
    }
}

fn check(dir: PathBuf, strict: bool, format: Format, drafts: bool) -> ExitCode {
    let report = handbook::check::check(&dir, drafts);
    let (errors, warnings) = (report.error_count(), report.warning_count());
    let passes = report.passes(strict);
    let diagnostics = report.diagnostics.sorted();
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diagnostics,
            });
            println!("{json:#}");
        }
        Format::Text => {
            for diagnostic in &diagnostics {
                eprintln!("{diagnostic}\n");
            }
            eprintln!(
                "checked {}: {errors} error{}, {warnings} warning{}",
                dir.display(),
                plural(errors),
                plural(warnings)
            );
        }
    }
    if passes {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn pack(dir: PathBuf, output: Option<PathBuf>) -> ExitCode {
    let started = Instant::now();
    match handbook::pack::pack(&dir, output.as_deref()) {
        Ok(packed) => {
            print_diagnostics(packed.warnings);
            eprintln!(
                "packed {} files into {} ({} KB) in {} ms",
                packed.files,
                packed.zip.display(),
                packed.bytes / 1024,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let count = diagnostics.error_count();
            print_diagnostics(diagnostics);
            eprintln!("pack failed with {count} error{}", plural(count));
            ExitCode::from(1)
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
