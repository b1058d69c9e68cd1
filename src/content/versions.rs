//! A page's language versions, in language order: a short list held in one allocation of its exact size.
//!
//! A page has one or two versions; the map this replaces gave each page a B-tree leaf with room
//! for eleven (about 370 bytes) and a box per version.

use super::PageVersion;

/// The versions of a page by language code, in the order of the codes.
#[derive(Debug, Default)]
pub struct Versions {
    items: Vec<(String, PageVersion)>,
}

impl Versions {
    fn position(&self, lang: &str) -> Result<usize, usize> {
        self.items
            .binary_search_by(|(code, _)| code.as_str().cmp(lang))
    }

    pub fn get(&self, lang: &str) -> Option<&PageVersion> {
        let at = self.position(lang).ok()?;
        self.items.get(at).map(|(_, version)| version)
    }

    pub fn get_mut(&mut self, lang: &str) -> Option<&mut PageVersion> {
        let at = self.position(lang).ok()?;
        self.items.get_mut(at).map(|(_, version)| version)
    }

    pub fn contains_key(&self, lang: impl AsRef<str>) -> bool {
        self.position(lang.as_ref()).is_ok()
    }

    /// Puts `version` as the `lang` version; the one it replaces, if any.
    pub fn insert(&mut self, lang: String, version: PageVersion) -> Option<PageVersion> {
        match self.position(&lang) {
            Ok(at) => self
                .items
                .get_mut(at)
                .map(|(_, slot)| std::mem::replace(slot, version)),
            Err(at) => {
                // A vector's first push makes room for four.
                self.items.reserve_exact(1);
                self.items.insert(at, (lang, version));
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &PageVersion)> {
        self.items.iter().map(|(lang, version)| (lang, version))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut PageVersion)> {
        self.items
            .iter_mut()
            .map(|(lang, version)| (&*lang, version))
    }

    pub fn values(&self) -> impl Iterator<Item = &PageVersion> {
        self.items.iter().map(|(_, version)| version)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// `versions["th"]`, as on the map: for a language known to be there (it panics otherwise).
impl std::ops::Index<&str> for Versions {
    type Output = PageVersion;

    fn index(&self, lang: &str) -> &PageVersion {
        match self.get(lang) {
            Some(version) => version,
            None => panic!("no {lang} version"),
        }
    }
}

impl<'a> IntoIterator for &'a Versions {
    type Item = (&'a String, &'a PageVersion);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, PageVersion)>,
        fn(&'a (String, PageVersion)) -> (&'a String, &'a PageVersion),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter().map(|(lang, version)| (lang, version))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(title: &str) -> PageVersion {
        let source = format!("+++\ntitle = \"{title}\"\n+++\nBody.\n");
        let split = super::super::front_matter::split(std::path::Path::new("p.md"), &source)
            .unwrap_or_else(|_| panic!("front matter of {title}"));
        PageVersion {
            path: "p.md".into(),
            body_start: split.body_start,
            front_matter: split.front_matter,
            source,
            anchors: Default::default(),
            sections: Default::default(),
            on_disk: None,
        }
    }

    #[test]
    fn versions_answer_by_language_in_language_order_like_the_map_did() {
        let mut versions = Versions::default();
        assert!(versions.is_empty() && versions.get("th").is_none());
        assert!(versions.insert("th".into(), version("ไทย")).is_none());
        assert!(versions.insert("en".into(), version("English")).is_none());
        assert!(versions.insert("de".into(), version("Deutsch")).is_none());
        let title = |v: &PageVersion| v.front_matter.title.clone();
        assert_eq!(versions.get("th").map(title).as_deref(), Some("ไทย"));
        assert!(versions.contains_key("en") && !versions.contains_key("fr"));
        let order: Vec<&str> = versions.iter().map(|(lang, _)| lang.as_str()).collect();
        assert_eq!(order, ["de", "en", "th"]);
        let replaced = versions.insert("en".into(), version("English 2"));
        assert_eq!(replaced.map(|v| title(&v)).as_deref(), Some("English"));
        assert_eq!(versions.len(), 3);
        if let Some(v) = versions.get_mut("de") {
            v.front_matter.title = "Neu".into();
        }
        let titles: Vec<String> = (&versions).into_iter().map(|(_, v)| title(v)).collect();
        assert_eq!(titles, ["Neu", "English 2", "ไทย"]);
    }
}
