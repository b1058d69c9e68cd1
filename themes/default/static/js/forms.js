/* Annex forms: show_if applied live, validation messages in the page's language, table rows and
   totals, printing (filled, blank, blank with guidance). Saving, opening, the draft and clearing
   are in forms-store.js, which uses window.HandbookForm defined at the end of this file; dates
   are read and written by forms-dates.js, the error summary is drawn by forms-summary.js.
   Classic script (works from file://). Nothing typed is ever sent anywhere: there is no network
   code here. */
(function () {
  "use strict";
  var root = document.documentElement;

  /* ---------- Printing ---------- */

  // The print-all page holds blank forms only: it always prints blank, with guidance on request.
  var printAllTools = document.querySelector("[data-print-all-tools]");
  if (printAllTools) {
    root.classList.add("print-blank");
    printAllTools.hidden = false;
    printAllTools.addEventListener("click", function (event) {
      var action = event.target.closest("[data-action]");
      if (!action) return;
      root.classList.toggle("print-guidance", action.getAttribute("data-action") === "print-blank-guidance");
      window.print();
    });
  }

  /* ---------- Wide tables: a scroll region of their own, focusable and marked when it scrolls ---------- */

  function markScrollRegions() {
    document.querySelectorAll("[data-table-scroll]").forEach(function (region) {
      var scrolls = region.scrollWidth > region.clientWidth + 1;
      region.classList.toggle("is-scrollable", scrolls);
      if (scrolls) region.tabIndex = 0;
      else region.removeAttribute("tabindex");
    });
  }
  markScrollRegions();
  window.addEventListener("resize", markScrollRegions);

  var form = document.querySelector("form.paper-form[data-form]");
  var tools = document.querySelector("[data-form-tools]");
  if (!form || !tools) return;

  /* ---------- Strings ---------- */

  var messages = {};
  try { messages = JSON.parse(form.getAttribute("data-messages") || "{}"); } catch (e) { messages = {}; }
  function t(key, values) {
    var text = messages[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  var statusBox = tools.querySelector("[data-form-status]");
  var hasChecked = false;
  // Called after every change of an answer (forms-store.js keeps the draft with it).
  var onChange = [];

  form.noValidate = true;
  tools.hidden = false;
  form.querySelectorAll("[data-action='add-row'], [data-action='remove-row']").forEach(function (b) { b.hidden = false; });

  function status(text, kind) {
    statusBox.className = "form-status" + (kind ? " " + kind : "");
    statusBox.textContent = text;
  }

  /* ---------- Printing this form: filled, blank, blank with guidance ---------- */

  var textareaRows = [];
  function printAs(mode, guidance) {
    root.classList.remove("print-filled", "print-blank", "print-guidance");
    root.classList.add("print-" + mode);
    if (guidance) root.classList.add("print-guidance");
    if (mode === "filled") fitTextareas();
    markEmpty();
    window.print();
  }
  // Empty date and time boxes would print the browser's "mm/dd/yyyy" placeholder.
  function markEmpty() {
    form.querySelectorAll("input[type='date'], input[type='time']").forEach(function (input) {
      input.classList.toggle("is-empty", !input.value);
    });
  }
  // Ctrl+P without a button prints what is on screen, as filled.
  window.addEventListener("beforeprint", function () {
    if (!root.classList.contains("print-blank") && !root.classList.contains("print-filled")) {
      root.classList.add("print-filled");
      fitTextareas();
    }
    markEmpty();
    footerCaseCode(root.classList.contains("print-filled"));
  });
  window.addEventListener("afterprint", function () {
    root.classList.remove("print-filled", "print-blank", "print-guidance");
    textareaRows.forEach(function (saved) { saved[0].rows = saved[1]; });
    textareaRows = [];
    footerCaseCode(false);
  });
  /* A filled print carries the case code (the field with id "case_code") in every page footer.
     Page margins only show text from a stylesheet; a constructed one is allowed by the CSP. */
  var footerSheet = null;
  function footerCaseCode(on) {
    if (!document.adoptedStyleSheets || typeof CSSStyleSheet !== "function") return;
    if (footerSheet) {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (s) { return s !== footerSheet; });
      footerSheet = null;
    }
    var input = form.querySelector("input[name='case_code']");
    // The case-code box under the title holds the code too (on filled prints only).
    var box = document.querySelector(".paper-case-code .paper-box");
    if (box) box.textContent = on && input && !input.disabled ? input.value : "";
    if (!on || !input || !input.value || input.disabled) return;
    var text = (t("form_case_code") + ": " + input.value).replace(/[\\"]/g, "\\$&").replace(/[\r\n]/g, " ");
    try {
      footerSheet = new CSSStyleSheet();
      var page = "@page form-" + form.getAttribute("data-form");
      // Page 1 shows the code in the box under the title, not in its footer too.
      footerSheet.replaceSync(page + " { @bottom-left { content: \"" + text + "\"; } } " +
        page + ":first { @bottom-left { content: none; border: 0; } }");
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([footerSheet]);
    } catch (e) { footerSheet = null; }
  }
  // A filled textarea grows to show all its text on paper instead of cutting it off.
  function fitTextareas() {
    form.querySelectorAll("textarea").forEach(function (area) {
      var lineHeight = parseFloat(window.getComputedStyle(area).lineHeight) || 24;
      var needed = Math.ceil(area.scrollHeight / lineHeight);
      if (area.value && needed > area.rows) {
        textareaRows.push([area, area.rows]);
        area.rows = needed + 1;
      }
    });
  }

  /* ---------- Dates: typed and shown as the page's language writes them, saved as ISO ---------- */

  var dates = window.HandbookDates; // forms-dates.js, loaded before this script
  var parseDate = dates.parse;
  var showDate = dates.show;
  function isDate(el) { return el.hasAttribute && el.hasAttribute("data-date"); }
  // Marks a date box that is not a date (checked like any other format problem).
  function checkDate(el) {
    var iso = parseDate(el.value);
    el.setCustomValidity(iso === null ? t("form_error_date_format") : "");
    return iso;
  }
  // What a box holds for saved files and drafts: dates as ISO (or the text, if not a date yet).
  function answerOf(el) {
    if (!isDate(el)) return el.value;
    var iso = parseDate(el.value);
    return iso === null ? el.value : iso;
  }
  function putAnswer(el, value) {
    el.value = isDate(el) ? showDate(value) : value;
    if (isDate(el)) checkDate(el);
  }

  /* ---------- Answers and show_if ---------- */

  function fieldType(control) {
    var wrapper = control.closest("[data-field]");
    return wrapper ? wrapper.getAttribute("data-type") : "";
  }

  function controls() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.tagName !== "BUTTON" && el.tagName !== "FIELDSET" && el.tagName !== "OUTPUT";
    });
  }

  // The answers of one field, as show_if compares them; none when hidden (disabled).
  function answers(name) {
    var found = [];
    controls().forEach(function (el) {
      if (el.name !== name || el.disabled) return;
      if (el.type === "radio") { if (el.checked) found.push(el.value); }
      else if (el.type === "checkbox") {
        if (fieldType(el) === "checkbox") found.push(el.checked ? "yes" : "no");
        else if (el.checked) found.push(el.value);
      } else if (el.value !== "") found.push(el.value);
    });
    return found;
  }

  function holds(condition) {
    if (condition.all) return condition.all.every(holds);
    if (condition.any) return condition.any.some(holds);
    var given = answers(condition.field);
    if ("is" in condition) return given.indexOf(condition.is) !== -1;
    return given.indexOf(condition.not) === -1;
  }

  var conditionals = Array.prototype.map.call(form.querySelectorAll("[data-show-if]"), function (el) {
    var condition = null;
    try { condition = JSON.parse(el.getAttribute("data-show-if")); } catch (e) { condition = null; }
    return { element: el, condition: condition };
  });

  // Hidden parts are disabled, so they neither validate nor count in totals or saved files.
  function updateDisabled() {
    controls().forEach(function (el) {
      var hidden = !!el.closest("[data-show-if][hidden]");
      var otherFor = el.getAttribute("data-other-for");
      var otherOff = false;
      if (otherFor) {
        var choice = form.querySelector("[name='" + otherFor + "'][value='other']");
        otherOff = !choice || !choice.checked;
      }
      el.disabled = hidden || otherOff;
    });
  }

  function applyConditions() {
    // Conditions can depend on parts other conditions hide: repeat until nothing changes.
    for (var pass = 0; pass < 10; pass += 1) {
      updateDisabled();
      var changed = false;
      conditionals.forEach(function (item) {
        if (!item.condition) return;
        var show = holds(item.condition);
        if (item.element.hidden === show) {
          item.element.hidden = !show;
          changed = true;
          if (!show) clearErrors(item.element);
        }
      });
      if (!changed) break;
    }
    updateDisabled();
    // A part not asked leaves a line saying so, so that its number is not simply missing.
    form.querySelectorAll("[data-part-skipped]").forEach(function (note) {
      var part = document.getElementById(note.getAttribute("data-part-skipped"));
      note.hidden = !part || !part.hidden;
    });
  }

  /* ---------- Totals ---------- */

  function sum(values) {
    var total = 0;
    values.forEach(function (value) {
      var number = parseFloat(value);
      if (!isNaN(number)) total += number;
    });
    return String(Math.round(total * 100) / 100);
  }

  function updateTotals() {
    form.querySelectorAll("[data-total-of]").forEach(function (input) {
      var ids = [];
      try { ids = JSON.parse(input.getAttribute("data-total-of")); } catch (e) { ids = []; }
      var values = [];
      ids.forEach(function (id) { values = values.concat(answers(id)); });
      input.value = input.disabled ? "" : sum(values);
    });
    form.querySelectorAll("table[data-table]").forEach(function (table) {
      table.querySelectorAll("[data-total-column]").forEach(function (output) {
        var name = table.getAttribute("data-table") + "." + output.getAttribute("data-total-column");
        var values = [];
        table.querySelectorAll("[data-table-rows] [name='" + name + "']").forEach(function (cell) {
          if (!cell.disabled) values.push(cell.value);
        });
        output.value = sum(values);
      });
    });
  }

  /* ---------- Validation ---------- */

  function messageFor(el) {
    var v = el.validity;
    if (v.valueMissing) return (el.type === "radio" || el.type === "checkbox") && fieldType(el) !== "checkbox" ? t("form_error_choice") : t("form_error_required");
    if (v.customError) return el.validationMessage;
    if (v.badInput) return el.type === "number" ? t("form_error_number") : t("form_error_date");
    if (v.typeMismatch) return t("form_error_email");
    if (v.patternMismatch) return el.getAttribute("data-pattern-message") || t("form_error_pattern");
    if (v.rangeUnderflow) return t("form_error_min", { min: el.min });
    if (v.rangeOverflow) return t("form_error_max", { max: el.max });
    if (v.stepMismatch) return t("form_error_step", { step: el.step });
    if (v.tooLong) return t("form_error_too_long", { max: el.maxLength });
    return "";
  }

  function errorBox(wrapper) {
    return wrapper.querySelector("[data-error-for='" + wrapper.getAttribute("data-field") + "']");
  }

  function clearErrors(scope) {
    scope.querySelectorAll("[aria-invalid]").forEach(function (el) { markInvalid(el, false, ""); });
    scope.querySelectorAll(".field-error").forEach(function (box) { box.hidden = true; box.textContent = ""; });
  }

  function markInvalid(el, invalid, errorId) {
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && !/-error$/.test(id);
    });
    if (invalid) {
      el.setAttribute("aria-invalid", "true");
      described.push(errorId);
    } else {
      el.removeAttribute("aria-invalid");
    }
    if (described.length) el.setAttribute("aria-describedby", described.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  // Checks one field; shows or clears its message. Returns the first control to fix, or null.
  function validateField(wrapper, withRequired) {
    var box = errorBox(wrapper);
    if (!box || wrapper.closest("[data-show-if][hidden]")) return null;
    var type = wrapper.getAttribute("data-type");
    var fieldControls = Array.prototype.filter.call(wrapper.querySelectorAll("input, select, textarea"), function (el) {
      return el.name && el.willValidate && !el.closest("template");
    });
    var problem = null;
    var message = "";
    if (type === "multiselect" && wrapper.hasAttribute("data-required") && withRequired) {
      if (!fieldControls.some(function (el) { return el.type === "checkbox" && el.checked; })) {
        problem = fieldControls[0];
        message = t("form_error_choice");
      }
    }
    if (type === "table" && wrapper.hasAttribute("data-required") && withRequired) {
      if (!fieldControls.some(function (el) { return el.type === "checkbox" ? el.checked : el.value !== ""; })) {
        problem = fieldControls[0];
        message = t("form_error_required");
      }
    }
    fieldControls.forEach(function (el) {
      var text = messageFor(el);
      if (text && !withRequired && el.validity.valueMissing) text = "";
      if (text && !problem) { problem = el; message = text; }
    });
    fieldControls.forEach(function (el) { markInvalid(el, false, ""); });
    if (problem) {
      var invalid = problem.type === "radio" || (problem.type === "checkbox" && type === "multiselect")
        ? fieldControls.filter(function (el) { return el.name === problem.name; })
        : [problem];
      invalid.forEach(function (el) { markInvalid(el, true, box.id); });
      box.textContent = message;
      box.hidden = false;
    } else {
      box.textContent = "";
      box.hidden = true;
    }
    return problem;
  }

  function checkAll() {
    hasChecked = true;
    var problems = [];
    form.querySelectorAll("[data-field]").forEach(function (wrapper) {
      var problem = validateField(wrapper, true);
      if (problem) problems.push({ control: problem, wrapper: wrapper, message: errorBox(wrapper).textContent });
    });
    errorSummary.show(problems);
    if (problems.length) status(t("form_check_problems", { count: problems.length }), "error");
    else status(t("form_check_ok"));
    return problems.length;
  }

  /* ---------- The error summary (forms-summary.js) ---------- */

  var errorSummary = window.HandbookErrorSummary(form);

  /* ---------- Tables ---------- */

  function renumber(tbody) {
    Array.prototype.forEach.call(tbody.querySelectorAll("tr[data-row]"), function (row, index) {
      var n = String(index + 1);
      row.querySelectorAll("[data-row-number]").forEach(function (el) { el.textContent = n; });
      row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(/-[^-]+$/, "-" + n); });
      row.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace(/-[^-]+$/, "-" + n); });
    });
  }

  function addRow(wrapper, focus) {
    var tbody = wrapper.querySelector("[data-table-rows]");
    var template = wrapper.querySelector("template[data-row-template]");
    var holder = document.createElement("tbody");
    holder.innerHTML = template.innerHTML;
    var row = holder.querySelector("tr");
    tbody.appendChild(row);
    row.querySelectorAll("[data-action='remove-row']").forEach(function (b) { b.hidden = false; });
    renumber(tbody);
    updateDisabled();
    markScrollRegions();
    if (focus) {
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    }
    return row;
  }

  function removeRow(button) {
    var row = button.closest("tr[data-row]");
    var tbody = row.parentNode;
    var wrapper = tbody.closest("[data-field]");
    if (tbody.querySelectorAll("tr[data-row]").length === 1) {
      row.querySelectorAll("input, select, textarea").forEach(clearControl);
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    } else {
      var next = row.nextElementSibling || row.previousElementSibling;
      tbody.removeChild(row);
      renumber(tbody);
      var target = next && next.querySelector("[data-action='remove-row']");
      (target || wrapper.querySelector("[data-action='add-row']")).focus();
    }
    changed();
  }

  function clearControl(el) {
    if (el.type === "radio" || el.type === "checkbox") el.checked = false;
    else if (!el.readOnly) el.value = "";
    if (isDate(el)) el.setCustomValidity("");
  }

  /* ---------- Answers as data (saved files and drafts, in forms-store.js) ---------- */

  // The answers as plain data: { field: value | [values] , table: [ {column: value} ] }.
  function collect() {
    var data = {};
    form.querySelectorAll("table[data-table]").forEach(function (table) {
      var id = table.getAttribute("data-table");
      var rows = [];
      table.querySelectorAll("[data-table-rows] tr[data-row]").forEach(function (row) {
        var values = {};
        row.querySelectorAll("[name]").forEach(function (cell) {
          if (cell.disabled) return;
          var column = cell.name.slice(id.length + 1);
          values[column] = cell.type === "checkbox" ? (cell.checked ? "yes" : "") : answerOf(cell);
        });
        rows.push(values);
      });
      if (!table.closest("[data-show-if][hidden]")) data[id] = rows;
    });
    controls().forEach(function (el) {
      if (el.disabled || el.closest("table[data-table]") || el.hasAttribute("data-total-of")) return;
      if (el.type === "radio") {
        if (el.checked) data[el.name] = el.value;
        else if (!(el.name in data)) data[el.name] = "";
      } else if (el.type === "checkbox" && fieldType(el) !== "checkbox") {
        if (!Array.isArray(data[el.name])) data[el.name] = [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.type === "checkbox") {
        data[el.name] = el.checked ? "yes" : "";
      } else {
        data[el.name] = answerOf(el);
      }
    });
    return data;
  }

  function clearForm() {
    form.querySelectorAll("[data-table-rows]").forEach(function (tbody) {
      var rows = tbody.querySelectorAll("tr[data-row]");
      for (var i = rows.length - 1; i > 0; i -= 1) tbody.removeChild(rows[i]);
      renumber(tbody);
    });
    controls().forEach(clearControl);
    clearErrors(form);
    errorSummary.hide();
    hasChecked = false;
    applyConditions();
    updateTotals();
  }

  function restore(data) {
    clearForm();
    form.querySelectorAll("[data-field][data-type='table']").forEach(function (wrapper) {
      var table = wrapper.querySelector("table[data-table]");
      var id = table.getAttribute("data-table");
      var rows = Array.isArray(data[id]) ? data[id] : [];
      var tbody = wrapper.querySelector("[data-table-rows]");
      rows.forEach(function (values, index) {
        var row = index === 0 ? tbody.querySelector("tr[data-row]") : addRow(wrapper, false);
        row.querySelectorAll("[name]").forEach(function (cell) {
          var value = values[cell.name.slice(id.length + 1)];
          if (cell.type === "checkbox") cell.checked = value === "yes";
          else if (typeof value === "string") putAnswer(cell, value);
        });
      });
    });
    controls().forEach(function (el) {
      if (el.closest("table[data-table]") || !(el.name in data)) return;
      var value = data[el.name];
      if (el.type === "radio") el.checked = value === el.value;
      else if (el.type === "checkbox" && fieldType(el) !== "checkbox") el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      else if (el.type === "checkbox") el.checked = value === "yes";
      else if (typeof value === "string" && !el.readOnly) putAnswer(el, value);
    });
    applyConditions();
    updateTotals();
  }

  /* ---------- Events ---------- */

  function changed() {
    applyConditions();
    updateTotals();
    onChange.forEach(function (listener) { listener(); });
  }

  form.addEventListener("input", function (event) {
    if (tools.contains(event.target)) return;
    if (isDate(event.target)) checkDate(event.target);
    changed();
    var wrapper = event.target.closest("[data-field]");
    if (wrapper && errorBox(wrapper) && !errorBox(wrapper).hidden) validateField(wrapper, hasChecked);
  });
  form.addEventListener("change", function (event) {
    if (tools.contains(event.target)) return;
    // A date leaves its box written the language's way (28/11/2569, 28 Nov 2026).
    if (isDate(event.target) && checkDate(event.target)) event.target.value = showDate(checkDate(event.target));
    changed();
    var wrapper = event.target.closest("[data-field]");
    if (wrapper && errorBox(wrapper) && !errorBox(wrapper).hidden) validateField(wrapper, hasChecked);
  });
  // Leaving a box shows a format problem at once; "please answer" waits for Check answers.
  form.addEventListener("focusout", function (event) {
    var wrapper = event.target.closest && event.target.closest("[data-field]");
    if (wrapper && !wrapper.contains(event.relatedTarget)) validateField(wrapper, hasChecked);
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    if (button.getAttribute("data-action") === "add-row") {
      addRow(button.closest("[data-field]"), true);
      changed();
    } else if (button.getAttribute("data-action") === "remove-row") {
      removeRow(button);
    }
  });
  // Enter in a box must never submit the page (which would put answers in the address bar).
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    checkAll();
  });

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button) return;
    switch (button.getAttribute("data-action")) {
      case "check": checkAll(); break;
      case "print-filled": printAs("filled", false); break;
      case "print-blank": printAs("blank", false); break;
      case "print-blank-guidance": printAs("blank", true); break;
    }
  });

  applyConditions();
  updateTotals();

  // What forms-store.js (saving, opening, the draft, clearing) needs of this form.
  window.HandbookForm = {
    form: form,
    tools: tools,
    t: t,
    status: status,
    collect: collect,
    restore: restore,
    clear: clearForm,
    check: checkAll,
    onChange: onChange
  };
})();
