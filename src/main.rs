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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            output,
            drafts,
        } => build(dir, output, drafts),
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
