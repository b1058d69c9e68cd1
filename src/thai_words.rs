//! ICU4X's dictionary word segmenter with only the South-East Asian data: Thai word boundaries for the search index and for wrapping diagram text.

use icu_provider::prelude::*;
use icu_segmenter::provider::{
    Baked, SegmenterBreakGraphemeClusterV1, SegmenterBreakWordOverrideV1, SegmenterBreakWordV1,
    SegmenterDictionaryAutoV2, SegmenterDictionaryExtendedV2,
};
use icu_segmenter::{options::WordBreakOptions, WordSegmenter};
use std::sync::OnceLock;

/// Serves ICU4X's compiled data except the Chinese/Japanese dictionary, so that ~2 MB of data
/// the handbook never uses is not linked into the binary.
struct SouthEastAsianData;

macro_rules! from_baked {
    ($($marker:ty),*) => {$(
        impl DataProvider<$marker> for SouthEastAsianData {
            fn load(&self, request: DataRequest) -> Result<DataResponse<$marker>, DataError> {
                Baked.load(request)
            }
        }
    )*};
}
from_baked!(
    SegmenterBreakWordV1,
    SegmenterBreakWordOverrideV1,
    SegmenterDictionaryExtendedV2,
    SegmenterBreakGraphemeClusterV1
);

impl DataProvider<SegmenterDictionaryAutoV2> for SouthEastAsianData {
    fn load(
        &self,
        request: DataRequest,
    ) -> Result<DataResponse<SegmenterDictionaryAutoV2>, DataError> {
        Err(DataErrorKind::IdentifierNotFound.with_req(SegmenterDictionaryAutoV2::INFO, request))
    }
}

/// A dictionary-mode word segmenter (not the LSTM: 90x slower, and it cuts the same word
/// differently in different sentences).
pub fn dictionary_segmenter() -> WordSegmenter {
    match WordSegmenter::try_new_dictionary_unstable(
        &SouthEastAsianData,
        WordBreakOptions::default(),
    ) {
        Ok(segmenter) => segmenter,
        // The compiled data is part of the binary; this cannot fail, but if it did the full
        // data set still segments correctly.
        Err(_) => WordSegmenter::new_dictionary(Default::default()).static_to_owned(),
    }
}

/// Byte offsets inside `text` where a word ends and another starts (not 0 nor its length):
/// between Thai dictionary words, and wherever Unicode's word rules break other scripts.
pub fn word_boundaries(text: &str) -> Vec<usize> {
    static SEGMENTER: OnceLock<WordSegmenter> = OnceLock::new();
    SEGMENTER
        .get_or_init(dictionary_segmenter)
        .as_borrowed()
        .segment_str(text)
        .filter(|at| *at > 0 && *at < text.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_words_have_boundaries_between_them() {
        let text = "ผู้เสียหายกลับบ้าน";
        let cuts = word_boundaries(text);
        assert!(!cuts.is_empty(), "{cuts:?}");
        assert!(cuts.iter().all(|at| text.is_char_boundary(*at)));
        // Never inside a cluster: no piece starts with a vowel or tone mark written above or below.
        for at in cuts {
            let next = text[at..].chars().next().unwrap_or(' ');
            assert!(
                !('\u{0e31}'..='\u{0e3a}').contains(&next),
                "{}",
                &text[at..]
            );
            assert!(
                !('\u{0e47}'..='\u{0e4e}').contains(&next),
                "{}",
                &text[at..]
            );
        }
    }
}
