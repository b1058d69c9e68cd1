//! Tests of `shard.rs`.
use super::*;
use crate::search::encoding::*;

/// The decoder search.js implements, written again here to test the encoder against.
fn decode(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0, 0);
    for byte in text.bytes() {
        let digit = DIGITS.iter().position(|d| *d == byte).expect("a digit") as u32;
        value |= (digit & 31) << shift;
        if digit < 32 {
            numbers.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    numbers
}

#[test]
fn numbers_round_trip_and_small_ones_take_one_digit() {
    let numbers = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
    let mut text = String::new();
    for n in numbers {
        push_number(&mut text, n);
    }
    assert_eq!(decode(&text), numbers);
    assert_eq!(encode_set(&[3, 4, 10, 10]), "DBGA");
}

#[test]
fn postings_are_distances_and_one_digit_levels() {
    let postings = [
        Posting {
            doc: 5,
            impact: 220,
        },
        Posting { doc: 40, impact: 1 },
    ];
    let text = encode_postings(&postings);
    // 5, level 63 ("_"), then 35 (two digits), level 1 ("B").
    assert_eq!(text.len(), 5);
    let mut expected = String::from("F_");
    push_number(&mut expected, 35);
    expected.push('B');
    assert_eq!(text, expected);
}

#[test]
fn a_frequent_term_is_a_bitset_with_its_best_postings_exact() {
    let documents = 4096;
    // In every other document: level 10 mostly, level 60 (a title match) in every 20th.
    let postings: Vec<Posting> = (0..documents as u32 / 2)
        .map(|n| Posting {
            doc: n * 2,
            impact: if n % 20 == 0 { 210 } else { 35 },
        })
        .collect();
    let value: serde_json::Value =
        serde_json::from_str(&encode_term(&postings, documents)).expect("JSON");
    assert_eq!(value["n"], 2048);
    let bits = value["b"].as_str().expect("a bitset");
    let has = |doc: usize| {
        let digit = DIGITS.iter().position(|d| *d == bits.as_bytes()[doc / 6]);
        digit.is_some_and(|digit| digit >> (doc % 6) & 1 == 1)
    };
    assert!(has(0) && !has(1) && has(4094) && !has(4093));
    assert_eq!(value["r"], impact_level(35));
    // The top postings are the title matches, exact.
    let mut top = String::new();
    let mut previous = 0;
    for doc in (0..4096).step_by(40) {
        push_number(&mut top, doc - previous);
        top.push(char::from(DIGITS[impact_level(210) as usize]));
        previous = doc;
    }
    assert_eq!(value["t"], top);
    // A rare term stays an exact list.
    let rare = &postings[..10];
    assert_eq!(encode_term(rare, documents), json(&encode_postings(rare)));
}

#[test]
fn no_entries_still_make_one_empty_file() {
    let (starts, files) =
        split_sorted(Vec::<(&str, String)>::new(), "search/en", "pairs", "\"en\"");
    assert_eq!(starts, [""]);
    assert_eq!(files.len(), 1);
    assert_eq!(
        String::from_utf8_lossy(&files[0].bytes),
        "window.handbook._pairs(\"en\",0,{});\n"
    );
}

#[test]
fn thai_words_are_front_coded() {
    let words = ["การ", "การค้า", "ค้า", "ผู้"]
        .map(String::from)
        .into_iter()
        .collect();
    let groups = thai_vocabulary(&words);
    assert_eq!(groups[&'ก'], "AารCค้า");
    assert_eq!(groups[&'ค'], "A้า");
    assert_eq!(groups[&'ผ'], "Aู้");
}

#[test]
fn a_higher_impact_never_gets_a_lower_level() {
    let levels: Vec<u32> = (0..=220u16).map(impact_level).collect();
    assert!(levels.windows(2).all(|pair| pair[0] <= pair[1]));
    assert_eq!(levels[0], 1);
    assert_eq!(levels[220], IMPACT_LEVELS);
}

#[test]
fn sorted_keys_are_split_into_ranges_that_cover_every_key() {
    let keys: Vec<String> = (0..2000).map(|n| format!("term{n:04}")).collect();
    let entries = keys
        .iter()
        .map(|key| (key.as_str(), "ABCD".repeat(4)))
        .collect();
    let (starts, files) = split_sorted(entries, "search/en", "shard", "\"en\"");
    assert!(starts.len() > 3, "{} shards", starts.len());
    assert_eq!(starts.len(), files.len());
    assert_eq!(starts[0], "");
    assert!(starts.windows(2).all(|pair| pair[0] < pair[1]));
    for (n, file) in files.iter().enumerate() {
        assert_eq!(file.path, format!("search/en/shard-{n}.js"));
        let text = String::from_utf8_lossy(&file.bytes);
        assert!(text.starts_with(&format!("window.handbook._shard(\"en\",{n},{{")));
        // Every key in file n sorts at or after its start and before the next file's start.
        for key in &keys {
            let inside = text.contains(&format!("\"{key}\""));
            let in_range = key.as_str() >= starts[n].as_str()
                && starts
                    .get(n + 1)
                    .is_none_or(|next| key.as_str() < next.as_str());
            assert_eq!(inside, in_range, "{key} in shard {n}");
        }
    }
}

#[test]
fn shards_written_entry_by_entry_are_the_files_split_from_all_entries() {
    for count in [0, 1, 40, 3000] {
        let entries: Vec<(String, String)> = (0..count)
            .map(|n| (format!("term{n:05}"), json(&"x".repeat(n % 97))))
            .collect();
        let (starts, files) = split_sorted(entries.clone(), "search/th", "shard", "\"th\"");
        let mut writer = ShardWriter::new("th", "shard");
        let mut written: Vec<OutputFile> = entries
            .iter()
            .filter_map(|(key, value)| writer.push(key, value))
            .collect();
        let (written_starts, last) = writer.finish();
        written.push(last);
        assert_eq!(written_starts, starts, "{count} entries");
        let bytes = |files: &[OutputFile]| -> Vec<(String, Vec<u8>)> {
            files
                .iter()
                .map(|f| (f.path.clone(), f.bytes.clone()))
                .collect()
        };
        assert_eq!(bytes(&written), bytes(&files), "{count} entries");
        assert!(count < 3000 || files.len() > 3, "several shards");
    }
}

#[test]
fn a_pair_is_the_shorter_of_its_set_and_its_bitset() {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for round in 0..2_000u32 {
        let mut docs: Vec<u32> = (0..round % 300)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state % u64::from(round * 7 + 1)) as u32
            })
            .collect();
        docs.sort_unstable();
        docs.dedup();
        // Both written, the shorter kept: what `encode_pair` decides before writing either.
        let (set, bits) = (encode_set(&docs), encode_bits(docs.iter().copied()));
        let expected = if bits.len() < set.len() {
            format!("{{\"b\":{}}}", json(&bits))
        } else {
            json(&set)
        };
        assert_eq!(encode_pair(&docs), expected, "{docs:?}");
    }
}

#[test]
fn a_dense_term_s_cutoff_and_rest_are_those_of_its_sorted_levels() {
    let documents = 4096;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..20u32 {
        let postings: Vec<Posting> = (0..documents as u32 / 2 + round * 37)
            .map(|n| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let spread = u64::from(round % 4 + 1) * 60;
                Posting {
                    doc: n,
                    impact: (state % spread) as u16 + 1,
                }
            })
            .collect();
        // The rule as first written: sort the levels.
        let mut levels: Vec<u32> = postings.iter().map(|p| impact_level(p.impact)).collect();
        levels.sort_unstable();
        let cutoff = levels[levels.len() * (100 - DENSE_TOP_PERCENT) / 100];
        let below = levels.partition_point(|level| *level <= cutoff);
        let value: serde_json::Value =
            serde_json::from_str(&encode_term(&postings, documents)).expect("JSON");
        assert_eq!(value["r"], levels[below / 2], "round {round}");
        let top: Vec<Posting> = postings
            .iter()
            .filter(|p| impact_level(p.impact) > cutoff)
            .copied()
            .collect();
        assert_eq!(value["t"], encode_postings(&top), "round {round}");
    }
}
