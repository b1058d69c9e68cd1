/* Dates in annex forms: typed and shown as the page's language writes them (Thai: day/month/
   Buddhist-Era year, 28/11/2569; English: 28 Nov 2026), kept as ISO (2026-11-28) in saved files
   and drafts. Classic script, loaded before forms.js, which uses window.HandbookDates. */
(function () {
  "use strict";

  // Thai: day/month/Buddhist-Era year (28/11/2569); English: 28 Nov 2026. Both accept the other
  // usual spellings (28/11/2026, 2026-11-28, 28 พ.ย. 2569, 28 November 2026, Thai digits).
  var thaiDates = (document.documentElement.getAttribute("lang") || "").slice(0, 2) === "th";
  var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  var THAI_MONTHS = ["มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค"];
  var THAI_MONTH_NAMES = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
    "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  function pad2(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(year, month, day) {
    if (year >= 2400) year -= 543; // a Buddhist-Era year, in whichever language it is typed
    if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
    if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
    return year + "-" + pad2(month) + "-" + pad2(day);
  }
  function monthNumber(word) {
    var plain = word.toLowerCase().replace(/\./g, "");
    var thai = THAI_MONTHS.indexOf(plain);
    if (thai === -1) thai = THAI_MONTH_NAMES.indexOf(plain);
    if (thai !== -1) return thai + 1;
    var english = MONTHS.indexOf(plain.slice(0, 3));
    return english !== -1 && /^[a-z]+$/.test(plain) ? english + 1 : 0;
  }
  // "" for an empty box, the ISO date, or null when the text is not a date.
  function parseDate(text) {
    var s = String(text).trim().replace(/[๐-๙]/g, function (c) { return String(c.charCodeAt(0) - 0x0E50); });
    if (!s) return "";
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (m) return isoDate(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})$/.exec(s);
    if (m) return isoDate(+m[3], +m[2], +m[1]);
    m = /^(\d{1,2})\s*([^\s\d]+)\s*(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?(\d{4})$/.exec(s);
    if (m && monthNumber(m[2])) return isoDate(+m[3], monthNumber(m[2]), +m[1]);
    return null;
  }
  function showDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return iso || "";
    if (thaiDates) return m[3] + "/" + m[2] + "/" + (+m[1] + 543);
    return +m[3] + " " + MONTHS[+m[2] - 1].charAt(0).toUpperCase() + MONTHS[+m[2] - 1].slice(1) + " " + m[1];
  }

  window.HandbookDates = { parse: parseDate, show: showDate };
})();
