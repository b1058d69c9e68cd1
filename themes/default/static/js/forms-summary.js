/* The error summary of an annex form (the GOV.UK pattern): after "Check answers", a list at the
   top of the form of every question to fix, each linked to its box; focus moves to the list.
   Classic script, loaded before forms.js, which calls window.HandbookErrorSummary(form). */
(function () {
  "use strict";

  // "1.2 Date of interview", without the condition, the instruction and the required mark; a
  // table cell adds its column and row: "3.1 Planned actions (Cost, row 2)".
  function questionText(wrapper, control) {
    var label = wrapper.querySelector("legend, .field-label");
    var copy = label ? label.cloneNode(true) : document.createElement("span");
    copy.querySelectorAll(".form-condition, .choice-instruction, .required-mark, .computed-mark").forEach(function (el) { el.remove(); });
    var text = copy.textContent.replace(/\s+/g, " ").trim();
    var cell = control.closest("td") && control.closest("td").querySelector(".cell-label");
    if (cell) text += " (" + cell.textContent.replace(/\s+/g, " ").trim() + ")";
    return text;
  }

  window.HandbookErrorSummary = function (form) {
    var box = form.querySelector("[data-error-summary]");
    return {
      // problems: [{ control, wrapper, message }], in the order of the form.
      show: function (problems) {
        if (!box) return;
        var list = box.querySelector("[data-error-list]");
        list.textContent = "";
        problems.forEach(function (problem) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + problem.control.id;
          var question = questionText(problem.wrapper, problem.control);
          link.textContent = question + (/[?:]$/.test(question) ? " " : ": ") + problem.message;
          link.addEventListener("click", function (event) {
            event.preventDefault();
            problem.wrapper.scrollIntoView({ block: "start" });
            problem.control.focus({ preventScroll: true });
          });
          item.appendChild(link);
          list.appendChild(item);
        });
        box.hidden = !problems.length;
        if (problems.length) {
          box.scrollIntoView({ block: "start" });
          box.focus({ preventScroll: true });
        }
      },
      hide: function () { if (box) box.hidden = true; }
    };
  };
})();
