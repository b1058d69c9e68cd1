//! Thai compound words that ICU's dictionary, and so every browser and the PDF's line breaker, would break between their parts: kept whole like the handbook's own terms.

/// Line breaking by ICU's Thai dictionary finds the shortest words it knows, so it breaks
/// lexicalised compounds that a Thai reader reads as one word: เจ้า|หน้าที่ ("lord" | "duty"),
/// ขั้น|ตอน, หน่วย|งาน, ช่วย|เหลือ. Chromium, Firefox and Typst all break there at a line's end.
///
/// This list holds the compounds of official and social-work Thai, each checked to be split by
/// ICU's segmenter (Node's `Intl.Segmenter("th")`, the same data as Chromium's). It leaves out
/// phrases a reader may see broken (การ or ความ before a verb, but for two the handbook's
/// titles and diagrams use), names that may break after their first word (สถาน|คุ้มครอง: a
/// diagram's box must be able to wrap สถานคุ้มครองสวัสดิภาพ...), and words ICU already keeps
/// whole (ครอบครัว, หนังสือเดินทาง): marking those would add bytes and change nothing.
/// The SVG wrapper and long kept terms (`line_breaks::words`) use the same list.
/// A handbook's glossary adds its own terms on top of these (`Site::kept_words`).
pub const COMPOUNDS: &[&str] = &[
    "หน่วยงาน",
    "ช่วยเหลือ",
    "เจ้าหน้าที่",
    "ขั้นตอน",
    "ต่างประเทศ",
    "ระหว่างประเทศ",
    "เดินทาง",
    "ตรวจสอบ",
    "ตัดสินใจ",
    "ปราบปราม",
    "สหวิชาชีพ",
    "คัดแยก",
    "คัดกรอง",
    "ประสานงาน",
    "เป้าหมาย",
    "เบื้องต้น",
    "แสวงประโยชน์",
    "เปิดเผย",
    "หลีกเลี่ยง",
    "ครบถ้วน",
    "รายละเอียด",
    "ระยะเวลา",
    "บ่งชี้",
    "ตัวชี้วัด",
    "มอบหมาย",
    "หนี้สิน",
    "รายได้",
    "ท่าอากาศยาน",
    "ค่าสินไหมทดแทน",
    "สินไหมทดแทน",
    "เร่งด่วน",
    "ลงทะเบียน",
    "รักษาพยาบาล",
    "เยี่ยมบ้าน",
    "หลอกลวง",
    "ภาคผนวก",
    "บางส่วน",
    "องค์ประกอบ",
    "ข้อเสนอ",
    "ดำเนินการ",
    "ดำเนินคดี",
    "เรียบเรียง",
    "ค่าใช้จ่าย",
    "ค่าตอบแทน",
    "ปลายทาง",
    "รับผิดชอบ",
    "สุขภาพจิต",
    "คณะทำงาน",
    "ส่งต่อ",
    "ส่งกลับ",
    "ฝึกอาชีพ",
    "ประกอบอาชีพ",
    "เสริมพลัง",
    "เข้าเมือง",
    "ระดับชาติ",
    "รูปแบบ",
    "แบบฟอร์ม",
    "แบบประเมิน",
    "ข้อมูลส่วนบุคคล",
    "ส่วนบุคคล",
    "รายบุคคล",
    "รายกรณี",
    "ประจำตัว",
    "บัตรประจำตัวประชาชน",
    "ส่วนตัว",
    "บ้านพัก",
    "เห็นชอบ",
    "ลงนาม",
    "ลายมือชื่อ",
    "วันเดือนปี",
    "พนักงานอัยการ",
    "องค์กรพัฒนาเอกชน",
    "ประเมินผล",
    "ทางเลือก",
    "ช่องทาง",
    "สายด่วน",
    "ตีตรา",
    "เงินทุน",
    "สิทธิประโยชน์",
    "บังคับบัญชา",
    "บังคับใช้แรงงาน",
    // Read as one word in the handbook's titles and diagrams, though made of two.
    "ความช่วยเหลือ",
    "ความยินยอม",
    "ผู้เสียหาย",
    "ชาวไทย",
    // ผู้ ("one who") never stands alone: a line must not end on it.
    "ผู้จัดการ",
    "ผู้ปกครอง",
    "ผู้เยาว์",
    "ผู้รับผิดชอบ",
    "ผู้ประสานงาน",
    "ผู้ให้บริการ",
    "ผู้ใช้",
    "ผู้ส่ง",
    "ผู้ดูแล",
    "ผู้แปล",
    "ผู้บังคับบัญชา",
    "ผู้ค้ามนุษย์",
    "ผู้ที่",
    "ผู้หญิง",
    "ผู้ปฏิบัติงาน",
    "ผู้สัมภาษณ์",
    "ผู้กระทำ",
    "ผู้อื่น",
    "ผู้เชี่ยวชาญ",
    "ผู้รอดชีวิต",
    "ผู้สนับสนุน",
    "ผู้อนุมัติ",
    "ผู้ยื่นคำร้อง",
    "ผู้ประเมิน",
    "ผู้แสวงประโยชน์",
];

#[cfg(test)]
mod tests {
    use super::COMPOUNDS;
    use crate::thai_words::word_boundaries;

    /// Every compound is one the dictionary splits (else marking it only costs bytes), and none
    /// is listed twice.
    #[test]
    fn each_compound_is_one_the_dictionary_splits() {
        let kept_whole: Vec<&str> = COMPOUNDS
            .iter()
            .copied()
            .filter(|word| word_boundaries(word).is_empty())
            .collect();
        assert!(kept_whole.is_empty(), "already whole: {kept_whole:?}");
        let mut sorted = COMPOUNDS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), COMPOUNDS.len(), "a compound is listed twice");
    }
}
