//! One function per kind of output page: content pages, procedures, roles, forms, print view, chooser.

use super::nav::{common, Place};
use super::roles;
use super::views::*;
use super::{MarkdownRequest, RenderedSite, Renderer, SearchDoc};
use crate::config::{Level, Role};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::procedure::{Procedure, Step};
use crate::site::{relative_href, Entry, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The print view of each language shows every page again, headings one level down.
pub const PRINT_HEADING_OFFSET: u8 = 1;

pub fn print_path(lang: &str) -> String {
    format!("{lang}/print.html")
}

/// The id of an entry's section in the print view, from its place in reading order; the ids of
/// its headings there start with it too.
pub fn print_anchor(position: usize) -> String {
    format!("print-{position}")
}

/// One unit of rendering work; jobs run in parallel and each yields files and search documents.
/// The print view is not a job: it is assembled afterwards from the bodies the page jobs rendered
/// for it, so the whole handbook is not rendered a second time by one thread.
enum Job<'a> {
    Entry(Entry, &'a str),
    Roles(&'a str),
    Role(&'a Role, &'a str),
    RolePack(&'a Role, &'a str),
    Forms(&'a str),
    Form(usize, &'a str),
    FormsPrint(&'a str),
    Search(&'a str),
    Chooser,
}

pub(super) type JobOutput = (Vec<OutputFile>, Vec<SearchDoc>);

pub fn render_all(renderer: &Renderer, site: &Site) -> Result<RenderedSite, Diagnostics> {
    let mut jobs = vec![Job::Chooser];
    for lang in site.languages() {
        jobs.extend(
            site.reading_order
                .iter()
                .map(|entry| Job::Entry(*entry, lang)),
        );
        jobs.push(Job::Roles(lang));
        jobs.extend(site.config.roles.iter().map(|role| Job::Role(role, lang)));
        jobs.extend(
            site.config
                .roles
                .iter()
                .map(|role| Job::RolePack(role, lang)),
        );
        jobs.push(Job::Forms(lang));
        jobs.extend((0..site.forms.len()).map(|index| Job::Form(index, lang)));
        jobs.push(Job::FormsPrint(lang));
        jobs.push(Job::Search(lang));
    }
    let languages: Vec<&str> = site.languages().iter().map(String::as_str).collect();
    let mut rendered = run_jobs(renderer, site, &jobs, &languages)?;
    for (name, bytes) in renderer.theme.static_files() {
        rendered
            .files
            .push(OutputFile::new(format!("static/{name}"), bytes.to_vec()));
    }
    Ok(rendered)
}

/// Some pages of the site, which `serve` renders again after an edit.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Pages and procedures, each in a language.
    pub entries: Vec<(Entry, String)>,
    /// Role guides (`roles/<id>.html`), by role id and language.
    pub role_guides: Vec<(String, String)>,
    /// Printable role packs (which hold the pages naming the role), by role id and language.
    pub role_packs: Vec<(String, String)>,
    /// Languages whose print view (every page in one) is rendered.
    pub print: Vec<String>,
}

/// Renders the selected pages.
pub fn render_selection(
    renderer: &Renderer,
    site: &Site,
    selection: &Selection,
) -> Result<RenderedSite, Diagnostics> {
    let role = |id: &str| site.config.roles.iter().find(|role| role.id == id);
    let mut jobs: Vec<Job> = selection
        .entries
        .iter()
        .map(|(entry, lang)| Job::Entry(*entry, lang))
        .collect();
    for (id, lang) in &selection.role_guides {
        jobs.extend(role(id).map(|role| Job::Role(role, lang)));
    }
    for (id, lang) in &selection.role_packs {
        jobs.extend(role(id).map(|role| Job::RolePack(role, lang)));
    }
    // The print view is assembled from every page's print body: render the language's pages,
    // but return only what was asked for.
    let mut bodies_only = std::collections::HashSet::new();
    for lang in &selection.print {
        for entry in &site.reading_order {
            if !selection
                .entries
                .iter()
                .any(|(e, l)| e == entry && l == lang)
            {
                jobs.push(Job::Entry(*entry, lang));
                bodies_only.insert(site.url(*entry, lang));
            }
        }
    }
    let print: Vec<&str> = selection.print.iter().map(String::as_str).collect();
    let mut rendered = run_jobs(renderer, site, &jobs, &print)?;
    rendered
        .files
        .retain(|file| !bodies_only.contains(&file.path));
    let page_of = |url: &str| url.split('#').next().unwrap_or("").to_string();
    rendered
        .search_docs
        .retain(|doc| !bodies_only.contains(&page_of(&doc.url)));
    Ok(rendered)
}

/// Runs jobs in parallel and gathers their files, search documents and every problem found;
/// then assembles the print view of each of `print_languages` from the page bodies rendered for it.
fn run_jobs(
    renderer: &Renderer,
    site: &Site,
    jobs: &[Job],
    print_languages: &[&str],
) -> Result<RenderedSite, Diagnostics> {
    type Done = (Result<JobOutput, Diagnostic>, Diagnostics, Option<String>);
    let results: Vec<Done> = jobs
        .par_iter()
        .map(|job| {
            let mut diagnostics = Diagnostics::default();
            let mut print_body = None;
            let output = run(renderer, site, job, &mut diagnostics, &mut print_body);
            (output, diagnostics, print_body)
        })
        .collect();
    let mut rendered = RenderedSite::default();
    let mut diagnostics = Diagnostics::default();
    let mut print_bodies: BTreeMap<&str, PrintBodies> = BTreeMap::new();
    for (job, (output, found, print_body)) in jobs.iter().zip(results) {
        diagnostics.extend(found);
        match output {
            Ok((files, docs)) => {
                rendered.files.extend(files);
                rendered.search_docs.extend(docs);
            }
            Err(error) => diagnostics.push(error),
        }
        if let (Job::Entry(entry, lang), Some(body)) = (job, print_body) {
            print_bodies.entry(lang).or_default().insert(*entry, body);
        }
    }
    let print_jobs: Vec<(&str, PrintBodies)> = print_languages
        .iter()
        .map(|lang| (*lang, print_bodies.remove(*lang).unwrap_or_default()))
        .collect();
    let prints: Vec<Result<JobOutput, Diagnostic>> = print_jobs
        .into_par_iter()
        .map(|(lang, bodies)| print(renderer, site, lang, bodies))
        .collect();
    for output in prints {
        match output {
            Ok((files, _)) => rendered.files.extend(files),
            Err(error) => diagnostics.push(error),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(rendered)
}

/// One language's page bodies as the print view shows them, rendered by the page jobs.
type PrintBodies = BTreeMap<Entry, String>;

fn run(
    renderer: &Renderer,
    site: &Site,
    job: &Job,
    diagnostics: &mut Diagnostics,
    print_body: &mut Option<String>,
) -> Result<JobOutput, Diagnostic> {
    match *job {
        Job::Entry(Entry::Page(index), lang) => {
            page(renderer, site, index, lang, diagnostics, print_body)
        }
        Job::Entry(Entry::Procedure(index), lang) => {
            procedure(renderer, site, index, lang, diagnostics)
        }
        Job::Roles(lang) => roles::roles_index(renderer, site, lang),
        Job::Role(role, lang) => roles::role_page(renderer, site, role, lang, diagnostics),
        Job::RolePack(role, lang) => roles::role_pack(renderer, site, role, lang),
        Job::Forms(lang) => forms_index(renderer, site, lang),
        Job::Form(index, lang) => form_page(renderer, site, index, lang, diagnostics),
        Job::FormsPrint(lang) => forms_print(renderer, site, lang),
        Job::Search(lang) => search_page(renderer, site, lang),
        Job::Chooser => chooser(renderer, site),
    }
}

/// The same generated page in another language: `th/roles/x.html` -> `en/roles/x.html`.
pub(super) fn same_path_in(path: String) -> impl Fn(&str) -> String {
    move |lang: &str| match path.split_once('/') {
        Some((_, rest)) => format!("{lang}/{rest}"),
        None => path.to_string(),
    }
}

/// Navigation for a generated page that every language has at the same path (roles index, forms
/// index, print views, search): always "translated", its switcher points at the same path.
pub(super) fn generated_page_common<'r>(
    renderer: &'r Renderer,
    site: &Site,
    lang: &str,
    output_path: &str,
    kind: &'static str,
    title_key: &str,
) -> Common<'r> {
    let other = same_path_in(output_path.to_string());
    let all = |_: &str| true;
    let place = Place {
        lang,
        output_path,
        entry: None,
        kind,
        title: renderer.string(lang, title_key),
        description: String::new(),
        other_language_path: &other,
        translated: &all,
        toc: Vec::new(),
    };
    common(renderer, site, &place)
}

pub(super) fn role_link(site: &Site, id: &str, lang: &str, output_path: &str) -> RoleLink {
    let title = site
        .config
        .role(id)
        .map(|role| role.name.get(lang, site.default_language()).to_string())
        .unwrap_or_else(|| id.to_string());
    RoleLink {
        id: id.to_string(),
        title,
        href: relative_href(output_path, &format!("{lang}/roles/{id}.html")),
    }
}

fn page(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
    print_body: &mut Option<String>,
) -> Result<JobOutput, Diagnostic> {
    let entry = Entry::Page(index);
    let page = &site.pages[index];
    let default_lang = site.default_language();
    let Some(version) = page
        .versions
        .get(lang)
        .or_else(|| page.versions.get(default_lang))
    else {
        return Ok((Vec::new(), Vec::new()));
    };
    let output_path = site.url(entry, lang);
    let (rendered, print) = renderer.markdown_and_print(
        site,
        MarkdownRequest {
            entry,
            lang,
            output_path: &output_path,
            markdown: version.body(),
            heading_offset: 0,
            path: &version.path,
            source: &version.source,
            offset: version.body_start,
            markdown_is_slice: true,
            id_prefix: "",
        },
        diagnostics,
    );
    *print_body = Some(print);
    let front_matter = &version.front_matter;
    let other = |code: &str| site.url(entry, code);
    let translated = |code: &str| page.versions.contains_key(code);
    let place = Place {
        lang,
        output_path: &output_path,
        entry: Some(entry),
        kind: if page.is_chapter_index() {
            "chapter"
        } else {
            "page"
        },
        title: front_matter.title.clone(),
        description: front_matter.description.clone().unwrap_or_default(),
        other_language_path: &other,
        translated: &translated,
        toc: rendered.headings.clone(),
    };
    let roles: Vec<RoleLink> = front_matter
        .roles
        .iter()
        .map(|role| role_link(site, role.get_ref(), lang, &output_path))
        .collect();
    let role_ids: Vec<String> = roles.iter().map(|role| role.id.clone()).collect();
    let children = site
        .node(entry)
        .map(|node| {
            node.children
                .iter()
                .map(|child| Link {
                    title: site.title(child.entry, lang).to_string(),
                    href: relative_href(&output_path, &site.url(child.entry, lang)),
                })
                .collect()
        })
        .unwrap_or_default();
    let layout = front_matter
        .layout
        .as_ref()
        .map(|l| l.get_ref().clone())
        .unwrap_or_default();
    let view = PageView {
        common: common(renderer, site, &place),
        body: rendered.html,
        roles,
        children,
        glossary: if layout == "glossary" {
            glossary_view(site, lang)
        } else {
            Vec::new()
        },
        directory: (layout == "directory").then(|| directory_view(renderer, site, lang)),
        layout,
    };
    let html = renderer.template("page.html", &view)?;
    let docs = rendered
        .sections
        .into_iter()
        .map(|section| SearchDoc {
            lang: lang.to_string(),
            url: match &section.anchor {
                Some(anchor) => format!("{output_path}#{anchor}"),
                None => output_path.clone(),
            },
            title: front_matter.title.clone(),
            heading: section.heading,
            text: section.text,
            kind: "page",
            roles: role_ids.clone(),
        })
        .collect();
    Ok((
        vec![OutputFile::new(output_path.clone(), html.into_bytes())],
        docs,
    ))
}

fn glossary_view(site: &Site, lang: &str) -> Vec<TermView> {
    let default_lang = site.default_language();
    let other_lang = site
        .languages()
        .iter()
        .find(|code| *code != lang)
        .cloned()
        .unwrap_or_default();
    site.glossary
        .sorted(lang, default_lang)
        .into_iter()
        .map(|term| TermView {
            id: term.id.clone(),
            term: term.term.get(lang, default_lang).to_string(),
            abbr: term
                .abbr
                .as_ref()
                .filter(|a| a.has(lang))
                .map(|a| a.get(lang, default_lang).to_string())
                .unwrap_or_default(),
            other_term: if other_lang.is_empty() {
                String::new()
            } else {
                term.term.get(&other_lang, default_lang).to_string()
            },
            definition: term
                .definition
                .as_ref()
                .map(|d| d.get(lang, default_lang).to_string())
                .unwrap_or_default(),
        })
        .collect()
}

fn directory_view(renderer: &Renderer, site: &Site, lang: &str) -> DirectoryView {
    let default_lang = site.default_language();
    let label = |map: &std::collections::BTreeMap<String, crate::localised::Localised>,
                 key: &str| {
        map.get(key)
            .map(|l| l.get(lang, default_lang).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let options = |map: &std::collections::BTreeMap<String, crate::localised::Localised>| {
        map.keys()
            .map(|key| FilterOption {
                value: key.clone(),
                label: label(map, key),
            })
            .collect()
    };
    let directory = &site.directory;
    DirectoryView {
        levels: Level::ALL
            .iter()
            .map(|level| FilterOption {
                value: level.id().to_string(),
                label: renderer.string(lang, &format!("level_{}", level.id())),
            })
            .collect(),
        types: options(&directory.types),
        services: options(&directory.services),
        organisations: directory
            .organisations
            .iter()
            .map(|org| OrganisationView {
                id: org.id.clone(),
                name: org.name.get(lang, default_lang).to_string(),
                abbr: org
                    .abbr
                    .as_ref()
                    .map(|a| a.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
                level: org.level.id().to_string(),
                level_label: renderer.string(lang, &format!("level_{}", org.level.id())),
                kind: org.kind.clone(),
                kind_label: label(&directory.types, &org.kind),
                services: org
                    .services
                    .iter()
                    .map(|s| FilterOption {
                        value: s.clone(),
                        label: label(&directory.services, s),
                    })
                    .collect(),
                description: org
                    .description
                    .as_ref()
                    .map(|d| d.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
                contact: org
                    .contact
                    .as_ref()
                    .map(|c| c.get(lang, default_lang).to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

/// A step as shown on a procedure page, a role guide or the print view.
pub fn step_view(
    renderer: &Renderer,
    site: &Site,
    procedure_index: usize,
    step: &Step,
    lang: &str,
    output_path: &str,
    diagnostics: &mut Diagnostics,
) -> StepView {
    let procedure = &site.procedures[procedure_index];
    let entry = Entry::Procedure(procedure_index);
    let default_lang = site.default_language();
    let procedure_href = relative_href(output_path, &site.url(entry, lang));
    let step_link = |id: &str| StepLink {
        title: procedure
            .step(id)
            .map(|s| format!("{}. {}", s.number, s.title.get(lang, default_lang)))
            .unwrap_or_default(),
        href: format!("{procedure_href}#step-{id}"),
        lead: role_link(
            site,
            procedure.step(id).map_or("", |s| s.lead.as_str()),
            lang,
            output_path,
        ),
    };
    let body = step.body.as_ref().map_or_else(String::new, |body| {
        renderer
            .markdown(
                site,
                MarkdownRequest {
                    entry,
                    lang,
                    output_path,
                    markdown: body.get(lang, default_lang),
                    heading_offset: 2,
                    path: &procedure.path,
                    source: &procedure.source,
                    offset: step.offset,
                    markdown_is_slice: false,
                    id_prefix: "",
                },
                diagnostics,
            )
            .html
    });
    StepView {
        id: step.id.clone(),
        anchor: step.anchor(),
        number: step.number,
        title: step.title.get(lang, default_lang).to_string(),
        lead: role_link(site, &step.lead, lang, output_path),
        support: step
            .support
            .iter()
            .map(|id| role_link(site, id, lang, output_path))
            .collect(),
        duration: step
            .duration
            .as_ref()
            .map(|d| d.get(lang, default_lang).to_string())
            .unwrap_or_default(),
        body,
        checklist: step
            .checklist
            .iter()
            .map(|item| item.get(lang, default_lang).to_string())
            .collect(),
        forms: step
            .forms
            .iter()
            .filter_map(|reference| site.forms.iter().find(|form| form.id == reference.id))
            .map(|form| Link {
                title: form_title(form, lang, default_lang),
                href: relative_href(output_path, &format!("{lang}/forms/{}.html", form.id)),
            })
            .collect(),
        next: step.next.iter().map(|id| step_link(id)).collect(),
        branches: step
            .branches
            .iter()
            .map(|branch| BranchView {
                condition: branch.condition.get(lang, default_lang).to_string(),
                target: step_link(&branch.goto),
            })
            .collect(),
        from: procedure
            .predecessors(&step.id)
            .map(|s| step_link(&s.id))
            .collect(),
        procedure: Some(Link {
            title: procedure.title.get(lang, default_lang).to_string(),
            href: procedure_href.clone(),
        }),
        guide_key: format!("{}#{}", procedure.id, step.id),
        part: "",
    }
}

fn form_title(form: &crate::form::Form, lang: &str, default_lang: &str) -> String {
    match &form.code {
        Some(code) => format!("{code} {}", form.title.get(lang, default_lang)),
        None => form.title.get(lang, default_lang).to_string(),
    }
}

fn procedure(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
) -> Result<JobOutput, Diagnostic> {
    let entry = Entry::Procedure(index);
    let procedure: &Procedure = &site.procedures[index];
    let default_lang = site.default_language();
    let output_path = site.url(entry, lang);
    let summary = procedure
        .summary
        .as_ref()
        .map_or_else(String::new, |summary| {
            renderer
                .markdown(
                    site,
                    MarkdownRequest {
                        entry,
                        lang,
                        output_path: &output_path,
                        markdown: summary.get(lang, default_lang),
                        heading_offset: 1,
                        path: &procedure.path,
                        source: &procedure.source,
                        offset: 0,
                        markdown_is_slice: false,
                        id_prefix: "",
                    },
                    diagnostics,
                )
                .html
        });
    let steps: Vec<StepView> = procedure
        .steps
        .iter()
        .map(|step| step_view(renderer, site, index, step, lang, &output_path, diagnostics))
        .collect();
    let other = |code: &str| site.url(entry, code);
    let translated = |code: &str| procedure.title.has(code);
    let toc = procedure
        .steps
        .iter()
        .map(|step| crate::markdown::Heading {
            level: 2,
            id: step.anchor(),
            text: format!("{}. {}", step.number, step.title.get(lang, default_lang)),
        })
        .collect();
    let place = Place {
        lang,
        output_path: &output_path,
        entry: Some(entry),
        kind: "procedure",
        title: procedure.title.get(lang, default_lang).to_string(),
        description: String::new(),
        other_language_path: &other,
        translated: &translated,
        toc,
    };
    let docs = procedure
        .steps
        .iter()
        .zip(&steps)
        .map(|(step, view)| SearchDoc {
            lang: lang.to_string(),
            url: format!("{output_path}#{}", step.anchor()),
            title: procedure.title.get(lang, default_lang).to_string(),
            heading: format!("{}. {}", view.number, view.title),
            text: [view.checklist.join(" "), strip_tags(&view.body)].join(" "),
            kind: "step",
            roles: step.roles().map(str::to_string).collect(),
        })
        .collect();
    let view = ProcedureView {
        common: common(renderer, site, &place),
        id: procedure.id.clone(),
        summary,
        diagram: procedure_diagram(renderer, site, procedure, lang),
        steps,
        guide_page: procedure.id.trim_end_matches(".toml").to_string(),
    };
    let html = renderer.template("procedure.html", &view)?;
    Ok((vec![OutputFile::new(output_path, html.into_bytes())], docs))
}

/// The procedure's flow diagram as inline SVG; the page's ordered step list is its text alternative.
fn procedure_diagram(
    renderer: &Renderer,
    site: &Site,
    procedure: &Procedure,
    lang: &str,
) -> String {
    let default_lang = site.default_language();
    let title = procedure.title.get(lang, default_lang);
    let lanes = procedure
        .steps
        .iter()
        .map(|step| step.lead.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let flow = super::diagram::Flow {
        id: procedure.id.clone(),
        title: renderer
            .string(lang, "diagram_title")
            .replace("{procedure}", title),
        description: renderer
            .string(lang, "diagram_description")
            .replace("{steps}", &procedure.steps.len().to_string())
            .replace("{lanes}", &lanes.to_string()),
        described_by: "step-list".to_string(),
        steps: procedure
            .steps
            .iter()
            .map(|step| super::diagram::FlowStep {
                id: step.id.clone(),
                number: step.number,
                title: step.title.get(lang, default_lang).to_string(),
                lead: step.lead.clone(),
                lead_name: site
                    .config
                    .role(&step.lead)
                    .map_or(step.lead.as_str(), |role| role.name.get(lang, default_lang))
                    .to_string(),
                next: step.next.clone(),
                branches: step
                    .branches
                    .iter()
                    .map(|branch| {
                        (
                            branch.condition.get(lang, default_lang).to_string(),
                            branch.goto.clone(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    super::diagram::svg(&flow)
}

/// Plain text of rendered HTML, for search documents built from HTML fragments.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::markdown::collapse_whitespace(&html_escape::decode_html_entities(&text))
}

#[derive(serde::Serialize)]
struct FormLinkView {
    id: String,
    code: String,
    title: String,
    purpose: String,
    href: String,
    used_by: Vec<Link>,
}

#[derive(serde::Serialize)]
struct FormsView<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    forms: Vec<FormLinkView>,
    print_all_href: String,
}

fn forms_index(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let output_path = format!("{lang}/forms/index.html");
    let forms = site
        .forms
        .iter()
        .map(|form| FormLinkView {
            id: form.id.clone(),
            code: form.code.clone().unwrap_or_default(),
            title: form.title.get(lang, default_lang).to_string(),
            purpose: form
                .purpose
                .as_ref()
                .map(|p| super::form_view::summary(p.get(lang, default_lang)))
                .unwrap_or_default(),
            href: relative_href(&output_path, &format!("{lang}/forms/{}.html", form.id)),
            used_by: steps_using_form(site, &form.id, lang, &output_path),
        })
        .collect();
    let html = renderer.template(
        "forms.html",
        &FormsView {
            common: generated_page_common(renderer, site, lang, &output_path, "forms", "forms"),
            forms,
            print_all_href: "print-all.html".into(),
        },
    )?;
    let paper_css = super::form_paper::paper_css(renderer, site, lang);
    Ok((
        vec![
            OutputFile::new(output_path, html.into_bytes()),
            OutputFile::new(format!("{lang}/forms/{PAPER_CSS}"), paper_css.into_bytes()),
        ],
        Vec::new(),
    ))
}

/// The generated page-margin CSS of the forms, one per language, next to the form pages.
const PAPER_CSS: &str = "paper.css";

/// Links to every procedure step that uses a form, in reading order.
pub fn steps_using_form(site: &Site, form_id: &str, lang: &str, output_path: &str) -> Vec<Link> {
    let default_lang = site.default_language();
    let mut links = Vec::new();
    for entry in &site.reading_order {
        if let Entry::Procedure(index) = entry {
            let procedure = &site.procedures[*index];
            for step in procedure
                .steps
                .iter()
                .filter(|step| step.forms.iter().any(|f| f.id == form_id))
            {
                links.push(Link {
                    title: format!(
                        "{} – {}. {}",
                        procedure.title.get(lang, default_lang),
                        step.number,
                        step.title.get(lang, default_lang)
                    ),
                    href: format!(
                        "{}#{}",
                        relative_href(output_path, &site.url(*entry, lang)),
                        step.anchor()
                    ),
                });
            }
        }
    }
    links
}

/// One annex form: the fillable on-screen form, which prints as the paper form.
fn form_page(
    renderer: &Renderer,
    site: &Site,
    index: usize,
    lang: &str,
    diagnostics: &mut Diagnostics,
) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let form = &site.forms[index];
    let output_path = format!("{lang}/forms/{}.html", form.id);
    let request = super::form_view::FormRequest {
        renderer,
        site,
        form,
        lang,
        output_path: &output_path,
        id_prefix: "f-".into(),
    };
    let view_form = super::form_view::form_view(&request, diagnostics);
    let other = same_path_in(output_path.clone());
    let translated = |code: &str| form.title.has(code);
    let place = Place {
        lang,
        output_path: &output_path,
        entry: None,
        kind: "form",
        title: form_title(form, lang, default_lang),
        description: view_form.summary.clone(),
        other_language_path: &other,
        translated: &translated,
        toc: Vec::new(),
    };
    let doc = SearchDoc {
        lang: lang.to_string(),
        url: output_path.clone(),
        title: form_title(form, lang, default_lang),
        heading: String::new(),
        text: form_search_text(&view_form),
        kind: "form",
        roles: form.roles.clone(),
    };
    let html = renderer.template(
        "form.html",
        &FormPageView {
            common: common(renderer, site, &place),
            form: view_form,
            paper_css: PAPER_CSS.into(),
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        vec![doc],
    ))
}

/// Purpose, part titles and question labels: what a reader may search a form by.
fn form_search_text(form: &FormView) -> String {
    let mut text = form.summary.clone();
    for section in &form.sections {
        text.push(' ');
        text.push_str(&section.title);
        for field in &section.fields {
            text.push(' ');
            text.push_str(&field.label);
        }
    }
    text
}

/// Every blank form of one language on one page, for trainers to print in one go.
fn forms_print(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let output_path = format!("{lang}/forms/print-all.html");
    // Link problems in intros and notes were reported with each form's own page.
    let mut ignored = Diagnostics::default();
    let forms = site
        .forms
        .iter()
        .map(|form| {
            let request = super::form_view::FormRequest {
                renderer,
                site,
                form,
                lang,
                output_path: &output_path,
                id_prefix: format!("f-{}-", form.id),
            };
            super::form_view::form_view(&request, &mut ignored)
        })
        .collect();
    let html = renderer.template(
        "forms-print.html",
        &FormsPrintView {
            common: generated_page_common(
                renderer,
                site,
                lang,
                &output_path,
                "forms-print",
                "form_print_all",
            ),
            forms,
            paper_css: PAPER_CSS.into(),
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

fn print(
    renderer: &Renderer,
    site: &Site,
    lang: &str,
    mut bodies: PrintBodies,
) -> Result<JobOutput, Diagnostic> {
    let output_path = print_path(lang);
    let mut entries = Vec::new();
    for (position, entry) in site.reading_order.iter().enumerate() {
        let depth = site.ancestors(*entry).len();
        let anchor = print_anchor(position);
        let title = site.title(*entry, lang).to_string();
        match *entry {
            Entry::Page(index) => {
                // A page without a body here has no version to show (the page job skipped it).
                let Some(body) = bodies.remove(entry) else {
                    continue;
                };
                entries.push(PrintEntry {
                    anchor,
                    title,
                    depth,
                    chapter: site.pages[index].is_chapter_index(),
                    body,
                    steps: Vec::new(),
                });
            }
            Entry::Procedure(index) => {
                let mut ignored = Diagnostics::default();
                let steps = site.procedures[index]
                    .steps
                    .iter()
                    .map(|step| {
                        step_view(
                            renderer,
                            site,
                            index,
                            step,
                            lang,
                            &output_path,
                            &mut ignored,
                        )
                    })
                    .collect();
                entries.push(PrintEntry {
                    anchor,
                    title,
                    depth,
                    chapter: false,
                    body: String::new(),
                    steps,
                });
            }
        }
    }
    let view = PrintView {
        common: generated_page_common(renderer, site, lang, &output_path, "print", "print_title"),
        entries,
    };
    let value = view.into_value().map_err(|error| {
        Diagnostic::error(
            &output_path,
            format!("cannot prepare the print view: {error}"),
        )
    })?;
    let html = renderer.template_value("print.html", value)?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

fn search_page(renderer: &Renderer, site: &Site, lang: &str) -> Result<JobOutput, Diagnostic> {
    let output_path = format!("{lang}/search.html");
    #[derive(serde::Serialize)]
    struct SearchView<'a> {
        #[serde(flatten)]
        common: Common<'a>,
        roles: Vec<RoleLink>,
    }
    let roles = site
        .config
        .roles
        .iter()
        .map(|role| role_link(site, &role.id, lang, &output_path))
        .collect();
    let html = renderer.template(
        "search.html",
        &SearchView {
            common: generated_page_common(renderer, site, lang, &output_path, "search", "search"),
            roles,
        },
    )?;
    Ok((
        vec![OutputFile::new(output_path, html.into_bytes())],
        Vec::new(),
    ))
}

fn chooser(renderer: &Renderer, site: &Site) -> Result<JobOutput, Diagnostic> {
    let default_lang = site.default_language();
    let home = site.tree.entry;
    let view = ChooserView {
        site_title: site
            .config
            .title
            .get(default_lang, default_lang)
            .to_string(),
        description: site
            .config
            .description
            .as_ref()
            .map(|d| d.get(default_lang, default_lang).to_string())
            .unwrap_or_default(),
        default_href: site.url(home, default_lang),
        languages: site
            .languages()
            .iter()
            .map(|code| LanguageLink {
                code: code.clone(),
                name: renderer.language_name(code),
                href: site.url(home, code),
                current: code == default_lang,
                translated: true,
            })
            .collect(),
    };
    let html = renderer.template("index.html", &view)?;
    Ok((
        vec![OutputFile::new("index.html".to_string(), html.into_bytes())],
        Vec::new(),
    ))
}
