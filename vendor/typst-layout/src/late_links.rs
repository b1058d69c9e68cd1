//! CHANGED for the handbook (see vendor/README.md): links to labels resolved after layout.
//!
//! Typst's link rule asks the introspector, while it realizes a paragraph, where a link's label
//! is and on which page (for the link's alternative text). The first layout pass has no answer,
//! so every paragraph with such a link came out different from the second pass's and was laid
//! out (shaped, broken into lines) again, with the blocks and page runs around it. Here the rule
//! leaves a placeholder instead: the destination and the alternative text name the label. Once a
//! pass has laid out its pages, `resolve` finds each label's element in those pages' tags and
//! replaces the placeholders: the pages are the same as Typst's own, and no paragraph depends on
//! the previous pass to hold a link.
//!
//! What Typst's rule gives and this matches: the destination is the labelled element's location
//! (no link when the label is missing or not unique); the alternative text is "<supplement>,
//! <page> <n>" for a referable element (a heading) and "<page> <n>" for any other, with `n` the
//! page's number in its numbering (arabic when it has none). Not matched: a referable element
//! with a numbering (a numbered heading) would be "<supplement> <its number>" in Typst; the
//! handbook numbers no headings, and gets "<supplement>, <page> <n>".

use std::collections::HashMap;

use ecow::{EcoString, EcoVec, eco_format};
use typst_library::foundations::{Content, Label};
use typst_library::introspection::{Location, Tag};
use typst_library::layout::{Frame, FrameItem};
use typst_library::model::{Destination, LinkMarker, Numbering, Refable, Url};
use typst_utils::PicoStr;

use crate::Page;

/// Starts a placeholder: no URL or alternative text Typst makes begins with a NUL.
const MARK: char = '\0';

/// The placeholder destination and alternative text of a link to `label`; `page` is the word for
/// "page" in the link's language.
/// None when the label is too long for a URL (Typst's own rule then links it).
pub fn placeholder(label: Label, page: &str) -> Option<(Destination, EcoString)> {
    let name = label.resolve();
    let url = Url::new(eco_format!("{MARK}{}", name.as_str())).ok()?;
    Some((
        Destination::Url(url),
        eco_format!("{MARK}{}{MARK}{page}", name.as_str()),
    ))
}

/// Where a label is: the element's location, its page's number (as shown) and supplement.
struct Target {
    location: Location,
    page: EcoString,
    supplement: Option<EcoString>,
    /// More than one element has the label: links to it get no destination, as in Typst.
    ambiguous: bool,
}

/// Replaces the placeholders of `placeholder` in laid-out pages.
pub fn resolve(pages: &mut EcoVec<Page>) {
    let mut targets: HashMap<Label, Target> = HashMap::new();
    let mut any = false;
    for page in pages.iter() {
        let number = match &page.numbering {
            Some(Numbering::Pattern(pattern)) => pattern
                .apply(None, &[page.number])
                .unwrap_or_else(|_| eco_format!("{}", page.number)),
            _ => eco_format!("{}", page.number),
        };
        find_targets(&page.frame, &number, &mut targets, &mut any);
    }
    if !any {
        return;
    }
    for page in pages.make_mut() {
        if let Some(frame) = replaced(&page.frame, &targets) {
            page.frame = frame;
        }
    }
}

fn find_targets(
    frame: &Frame,
    page: &EcoString,
    targets: &mut HashMap<Label, Target>,
    any: &mut bool,
) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => find_targets(&group.frame, page, targets, any),
            FrameItem::Link(Destination::Url(url), _) if url.starts_with(MARK) => *any = true,
            FrameItem::Tag(Tag::Start(elem, flags)) => {
                if placeholder_alt(elem).is_some() {
                    *any = true;
                }
                if !flags.introspectable {
                    continue;
                }
                let Some(label) = elem.label() else { continue };
                let Some(location) = elem.location() else {
                    continue;
                };
                match targets.get_mut(&label) {
                    // The same element may be tagged twice; the first place counts.
                    Some(target) if target.location == location => {}
                    Some(target) => target.ambiguous = true,
                    None => {
                        let supplement = elem
                            .with::<dyn Refable>()
                            .map(|refable| refable.supplement().plain_text());
                        targets.insert(
                            label,
                            Target {
                                location,
                                page: page.clone(),
                                supplement,
                                ambiguous: false,
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn placeholder_alt(elem: &Content) -> Option<&str> {
    let marker = elem.to_packed::<LinkMarker>()?;
    marker.alt.as_deref().filter(|alt| alt.starts_with(MARK))
}

fn found<'a>(targets: &'a HashMap<Label, Target>, name: &str) -> Option<&'a Target> {
    let label = Label::new(PicoStr::intern(name))?;
    targets.get(&label).filter(|target| !target.ambiguous)
}

/// What becomes of one item of a frame.
enum Change {
    /// A group whose frame changed.
    Group(Frame),
    /// A link to the element at this location, or no link (the label is missing or not unique).
    Link(Option<Location>),
    /// A link's alternative text.
    Alt(Option<EcoString>),
}

/// The frame with its placeholders replaced, or None when it holds none (it is not copied then:
/// only the frames on the way to a placeholder are).
fn replaced(frame: &Frame, targets: &HashMap<Label, Target>) -> Option<Frame> {
    let mut changes: Vec<(usize, Change)> = Vec::new();
    for (index, (_, item)) in frame.items().enumerate() {
        let change = match item {
            FrameItem::Group(group) => replaced(&group.frame, targets).map(Change::Group),
            FrameItem::Link(Destination::Url(url), _) => url
                .strip_prefix(MARK)
                .map(|name| Change::Link(found(targets, name).map(|target| target.location))),
            FrameItem::Tag(Tag::Start(elem, _)) => placeholder_alt(elem).map(|alt| {
                let mut parts = alt[MARK.len_utf8()..].splitn(2, MARK);
                let name = parts.next().unwrap_or_default();
                let page = parts.next().unwrap_or_default();
                Change::Alt(found(targets, name).map(|target| match &target.supplement {
                    Some(supplement) => eco_format!("{supplement}, {page} {}", target.page),
                    None => eco_format!("{page} {}", target.page),
                }))
            }),
            _ => None,
        };
        if let Some(change) = change {
            changes.push((index, change));
        }
    }
    if changes.is_empty() {
        return None;
    }
    let mut frame = frame.clone();
    let mut changes = changes.into_iter().peekable();
    let mut index = 0;
    frame.retain(|item| {
        let at = index;
        index += 1;
        let Some((_, change)) = changes.next_if(|(i, _)| *i == at) else {
            return true;
        };
        match (change, item) {
            (Change::Group(new), FrameItem::Group(group)) => group.frame = new,
            (Change::Link(Some(location)), FrameItem::Link(dest, _)) => {
                *dest = Destination::Location(location)
            }
            (Change::Link(None), _) => return false,
            (Change::Alt(alt), FrameItem::Tag(Tag::Start(elem, _))) => {
                if let Some(marker) = elem.to_packed_mut::<LinkMarker>() {
                    marker.alt = alt;
                }
            }
            _ => {}
        }
        true
    });
    Some(frame)
}
