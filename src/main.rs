//! The command line: parses arguments and reports; all work happens in the library.

use clap::{Parser, Subcommand};
use handbook::diagnostics::Diagnostics;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// mimalloc instead of glibc's malloc: allocation was 10-16% of a large build's CPU (perf), most
// of it glibc's free lists (_int_malloc, _int_free, malloc_consolidate) under two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of the bundled v3; the Rust crate names no
/// constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays with the allocator before it goes back to the system, in
/// milliseconds (mimalloc's arenas wait ten times as long). At once (0) kept peak memory lowest,
/// but a build frees each rendered batch while the next one grows into the same amount again:
/// returned at once, every page of it faulted back in (see bench/ANALYSIS.md, "Speed, fourth
/// session"); kept for a second, the next batch reuses it.
const PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// Small pages only, for the whole process. Where transparent huge pages are on (`always`, or
/// `madvise`, which mimalloc asks for), each first touch of 2 MiB clears all of it, used or not.
/// On the bundled handbook's PDF edition that was 0.6-1.3 s of system time and 450 MB at the
/// peak; with small pages 0.3 s and 380 MB, for 0.2 s more user time (more TLB misses): 0.27 s
/// less CPU in all. The 10,000-page build's peak went 225 -> 175 MB at the same CPU
/// (bench/ANALYSIS.md, "Huge pages").
fn use_small_pages() {
    // SAFETY: sets the calling process's THP-disable flag; no memory is touched. Linux only,
    // where the constant exists; an old kernel refuses it and nothing changes.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn configure_memory() {
    use_small_pages();
    // SAFETY: sets one integer option of the allocator, before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

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
    /// Start a new handbook in DIR: a small bilingual example that builds, to edit into your own
    New {
        /// The folder to create (it must not exist yet, or be empty)
        dir: PathBuf,
        /// Language codes, the default first
        #[arg(long, value_delimiter = ',', default_value = "th,en")]
        languages: Vec<String>,
        /// The handbook's title (default: an example title in each language)
        #[arg(long)]
        title: Option<String>,
    },
    /// Write JSON Schemas of the handbook's TOML files, for editors that complete and check them
    Schema {
        /// The folder to write them into
        #[arg(default_value = handbook::schema::SCHEMA_DIR)]
        outdir: PathBuf,
    },
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
        /// Print how long each stage of the build took
        #[arg(long)]
        timings: bool,
    },
    /// Preview the handbook in a browser: serve it, rebuild on save and reload the page
    Serve {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port to listen on [default: 1111, or the next free one]
        #[arg(short, long)]
        port: Option<u16>,
        /// Address to listen on; the default keeps the preview on this computer
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the handbook in the default browser
        #[arg(long)]
        open: bool,
        /// Also show pages marked draft = true
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
    /// Make the PDF edition (handbook, chapters, role pocket guides, blank forms) without a browser
    Pdf {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder [default: pdf/ in the handbook folder]
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Editions: keep the record of this edition, which the next one compares with
    Edition {
        #[command(subcommand)]
        action: EditionAction,
    },
}

#[derive(Subcommand)]
enum EditionAction {
    /// Write this edition's record to editions/<date>.json (do it when you publish the edition)
    Save {
        /// The handbook folder (with handbook.toml)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    configure_memory();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            dir,
            output,
            drafts,
            timings,
        } => build(dir, output, drafts, timings),
        Command::Serve {
            dir,
            port,
            bind,
            open,
            drafts,
        } => {
            let mut options = handbook::serve::ServeOptions::new(dir);
            options.bind = bind;
            // An explicit port is a promise (a bookmark, a firewall rule): fail rather than move.
            options.port = port.unwrap_or(handbook::serve::DEFAULT_PORT);
            options.next_free_port = port.is_none();
            options.include_drafts = drafts;
            serve(options, open)
        }
        Command::Check {
            dir,
            strict,
            format,
            drafts,
        } => check(dir, strict, format, drafts),
        Command::Pack { dir, output } => pack(dir, output),
        Command::Schema { outdir } => match handbook::schema::write(&outdir) {
            Ok(written) => {
                for path in &written {
                    eprintln!("wrote {}", path.display());
                }
                eprintln!("point a TOML file at its schema with a first line such as: #:schema ./schemas/handbook.json");
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                print_diagnostics(diagnostics);
                ExitCode::from(1)
            }
        },
        Command::New {
            dir,
            languages,
            title,
        } => new(handbook::scaffold::NewOptions {
            dir,
            languages,
            title,
        }),
        Command::Edition {
            action: EditionAction::Save { dir },
        } => save_edition(dir),
        Command::Pdf { dir, output } => pdf(dir, output),
    }
}

fn save_edition(dir: PathBuf) -> ExitCode {
    match handbook::edition::save(&dir) {
        Ok(path) => {
            eprintln!(
                "saved this edition's record to {}; name it in handbook.toml as [edition] previous = \"{}\" when you start the next edition",
                dir.join(&path).display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let count = diagnostics.error_count();
            print_diagnostics(diagnostics);
            eprintln!("edition save failed with {count} error{}", plural(count));
            ExitCode::from(1)
        }
    }
}

fn serve(options: handbook::serve::ServeOptions, open: bool) -> ExitCode {
    let asked_port = options.port;
    let server = match handbook::serve::Server::start(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    if asked_port != 0 && server.address().port() != asked_port {
        eprintln!(
            "port {asked_port} is in use; serving on port {} instead",
            server.address().port()
        );
    }
    let url = server.url();
    eprintln!("serving the handbook at {url} (Ctrl-C to stop)");
    if open {
        open_browser(&url);
    }
    let (stop, stopped) = std::sync::mpsc::channel();
    if let Err(error) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        eprintln!(
            "warning: cannot catch Ctrl-C ({error}); stop the server by closing the terminal"
        );
    }
    let _ = stopped.recv();
    eprintln!("stopping");
    server.stop();
    ExitCode::SUCCESS
}

/// Opens `url` in the default browser; a machine without one just gets a note.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if command.is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

fn build(dir: PathBuf, output: Option<PathBuf>, drafts: bool, timings: bool) -> ExitCode {
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
            if timings {
                eprint!("{}", summary.timings);
            }
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

fn new(options: handbook::scaffold::NewOptions) -> ExitCode {
    match handbook::scaffold::create(&options) {
        Ok(files) => {
            let dir = options.dir.display();
            eprintln!("created a handbook in {dir} ({} files)", files.len());
            let copies: Vec<&str> = options
                .languages
                .iter()
                .map(String::as_str)
                .filter(|lang| !handbook::scaffold::WRITTEN_IN.contains(lang))
                .collect();
            if !copies.is_empty() {
                eprintln!(
                    "the pages in {} are English copies: translate them",
                    copies.join(", ")
                );
            }
            eprintln!("next:");
            eprintln!("  handbook serve {dir} --open    preview it in a browser; pages reload as you save");
            eprintln!("  handbook build {dir}           write the site into {dir}/public");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            print_diagnostics(diagnostics);
            eprintln!("nothing was written");
            ExitCode::from(1)
        }
    }
}

fn pdf(dir: PathBuf, output: Option<PathBuf>) -> ExitCode {
    let started = Instant::now();
    match handbook::pdf::edition(&dir, output) {
        Ok(summary) => {
            print_diagnostics(summary.warnings);
            eprintln!(
                "made {} PDF files ({} KB) in {} in {} ms",
                summary.files,
                summary.pages_bytes / 1024,
                summary.output_dir.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            let count = diagnostics.error_count();
            print_diagnostics(diagnostics);
            eprintln!(
                "pdf failed with {count} error{}; the previous output was left as it was",
                plural(count)
            );
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
