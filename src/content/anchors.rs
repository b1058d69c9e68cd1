//! A page's heading ids held compactly (one string for all of them): what links to the page are checked against.
//!
//! A loaded page used to keep its headings (level, id and text, two strings each, about nine a
//! page) only for this; its own contents are taken from its parse when it is rendered.

/// The ids of a page's headings, in order: no two the same within a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Each id followed by a newline, which no id has (slugs have no white space, and
    /// `{#custom}` ids end at it).
    ids: Box<str>,
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
        Anchors {
            ids: joined.into_boxed_str(),
        }
    }

    /// The heading ids of a Markdown body.
    pub fn of_body(body: &str) -> Anchors {
        let headings = crate::markdown::headings(body);
        Anchors::of(headings.iter().map(|heading| heading.id.as_str()))
    }

    /// Whether a heading has the id `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|found| found == id)
    }

    /// The ids, in the order of the headings.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.split_terminator('\n')
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The bytes held for the ids (a loaded page's cost, for measuring).
    pub fn held_bytes(&self) -> usize {
        self.ids.len()
    }
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
        assert_eq!(anchors.iter().collect::<Vec<_>>(), ids);
        assert_eq!(ids.len(), 4);
        for id in &ids {
            assert!(anchors.contains(id), "{id}");
        }
        for missing in [
            "",
            "step",
            "steps-2",
            "not-a-heading",
            "own",
            "steps\nsteps-1",
        ] {
            assert!(!anchors.contains(missing), "{missing:?}");
        }
        assert!(anchors.contains("own-id"));
        assert!(Anchors::of_body("No headings.\n").is_empty());
        assert!(!Anchors::of_body("No headings.\n").contains(""));
    }
}
