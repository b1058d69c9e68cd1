//! A page's heading ids held compactly (one string for all of them): what links to the page are checked against.
//!
//! A loaded page used to keep its headings (level, id and text, two strings each, about nine a
//! page) only for this; its own contents are taken from its parse when it is rendered.

/// The ids of a page's headings, in order: no two the same within a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchors {
    /// Each id followed by a newline, which no id has (slugs have no white space, and
    /// `{#custom}` ids end at it).
    Ids(Box<str>),
    /// A hash of each id, for a `build`, which reads the page again for the ids themselves
    /// (only to name them in a broken link's message): Thai ids are three bytes a letter.
    Hashes(Box<[u64]>),
    /// Not found yet: a `build` finds a page's heading ids only when a link to one of them is
    /// first checked ([`Anchors::found`]), reading the page again. Most pages are never linked
    /// to by a heading, and finding the ids is a whole Markdown parse of the body: 5% of a
    /// build's instructions when every page's were found while loading.
    Unread(std::sync::OnceLock<Box<Anchors>>),
}

impl Default for Anchors {
    fn default() -> Anchors {
        Anchors::Ids(Box::from(""))
    }
}

impl Anchors {
    /// The set of `ids`, in their order.
    pub fn of<'a>(ids: impl IntoIterator<Item = &'a str>) -> Anchors {
        let mut joined = String::new();
        for id in ids {
            // An id with a line break cannot be linked to; it is kept whole, without the break.
            joined.extend(id.chars().filter(|c| *c != '\n'));
            joined.push('\n');
        }
        Anchors::Ids(joined.into_boxed_str())
    }

    /// The heading ids of a Markdown body.
    pub fn of_body(body: &str) -> Anchors {
        let headings = crate::markdown::headings(body);
        Anchors::of(headings.iter().map(|heading| heading.id.as_str()))
    }

    /// The same set held as hashes of the ids: [`Anchors::ids`] no longer gives them.
    pub fn hashed(self) -> Anchors {
        match self {
            Anchors::Ids(_) => Anchors::Hashes(self.iter_ids().map(hash).collect()),
            hashes => hashes,
        }
    }

    /// Ids to be found later, by [`Anchors::found`].
    pub fn unread() -> Anchors {
        Anchors::Unread(std::sync::OnceLock::new())
    }

    /// The set itself: for ids not found yet, the set `find` makes (once; the same set after).
    pub fn found(&self, find: impl FnOnce() -> Anchors) -> &Anchors {
        match self {
            Anchors::Unread(later) => later.get_or_init(|| Box::new(find())),
            _ => self,
        }
    }

    /// Whether a heading has the id `id` (none for ids not found yet: see [`Anchors::found`]).
    pub fn contains(&self, id: &str) -> bool {
        match self {
            Anchors::Ids(_) => self.iter_ids().any(|found| found == id),
            Anchors::Hashes(hashes) => !id.contains('\n') && hashes.contains(&hash(id)),
            Anchors::Unread(later) => later.get().is_some_and(|found| found.contains(id)),
        }
    }

    /// The ids, in the order of the headings, when they are held (not as hashes).
    pub fn ids(&self) -> Option<impl Iterator<Item = &str>> {
        matches!(self, Anchors::Ids(_)).then(|| self.iter_ids())
    }

    fn iter_ids(&self) -> impl Iterator<Item = &str> {
        let joined = match self {
            Anchors::Ids(joined) => joined,
            Anchors::Hashes(_) | Anchors::Unread(_) => "",
        };
        joined.split_terminator('\n')
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Anchors::Ids(joined) => joined.is_empty(),
            Anchors::Hashes(hashes) => hashes.is_empty(),
            Anchors::Unread(later) => later.get().is_none_or(|found| found.is_empty()),
        }
    }
}

fn hash(id: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anchor_set_answers_as_the_headings_did() {
        let body = "Intro.\n\n## Steps\n\ntext\n\n## Steps\n\n### ขั้นตอน การ ช่วยเหลือ\n\n## Own {#own-id}\n\n```\n## not a heading\n```\n";
        let headings = crate::markdown::headings(body);
        let anchors = Anchors::of_body(body);
        let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
        let held: Vec<&str> = anchors.ids().expect("ids held").collect();
        assert_eq!(held, ids);
        assert_eq!(ids.len(), 4);
        let hashed = anchors.clone().hashed();
        assert!(hashed.ids().is_none());
        for set in [&anchors, &hashed] {
            for id in &ids {
                assert!(set.contains(id), "{id}");
            }
            for missing in [
                "",
                "step",
                "steps-2",
                "not-a-heading",
                "own",
                "steps\nsteps-1",
            ] {
                assert!(!set.contains(missing), "{missing:?}");
            }
            assert!(set.contains("own-id"));
            assert!(!set.is_empty());
        }
        assert!(Anchors::of_body("No headings.\n").is_empty());
        assert!(Anchors::of_body("No headings.\n").hashed().is_empty());
        assert!(!Anchors::of_body("No headings.\n").contains(""));
    }

    #[test]
    fn ids_not_found_yet_are_found_once_when_first_asked_for() {
        let body = "## Steps\n\n## Own {#own-id}\n";
        let later = Anchors::unread();
        assert!(!later.contains("steps") && later.is_empty());
        let mut finds = 0;
        for _ in 0..3 {
            let found = later.found(|| {
                finds += 1;
                Anchors::of_body(body).hashed()
            });
            assert!(found.contains("steps") && found.contains("own-id"));
            assert!(!found.contains("own"));
        }
        assert_eq!(finds, 1);
        assert!(later.contains("own-id") && !later.is_empty());
        // A set already found is itself.
        let held = Anchors::of_body(body);
        assert!(std::ptr::eq(held.found(|| unreachable!()), &held));
    }
}
