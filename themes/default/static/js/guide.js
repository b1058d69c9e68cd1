/* Guide mode for procedure and role pages: one step at a time with next/previous, checklist ticks
   kept in localStorage (checklists hold no personal data), a progress bar and a reset control.
   Guide mode itself and the step shown are kept the same way, so a reload comes back to them.
   While guiding, the bar is one compact sticky row; the list of steps opens in a drawer.
   Where the browser refuses storage (some do for pages opened from a disk), the guide still works
   for the open page, says so, and offers to save and load the ticks as a small file.
   Classic script, works from file://; without it the page is the complete list of steps.
   Every string comes from the page (data- attributes), so it is localised at build time. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-guide-bar]");
  var container = document.querySelector("[data-guide]");
  if (!bar || !container) return;

  var toArray = function (list) { return Array.prototype.slice.call(list); };
  var part = function (selector) { return bar.querySelector(selector); };
  var page = bar.getAttribute("data-guide-page") || window.location.pathname;
  var prefix = "handbook-guide|" + page + "|";
  var steps = toArray(container.querySelectorAll(".step[data-step]"));
  var boxes = toArray(container.querySelectorAll("input[type=checkbox][data-check]"));
  var toggle = part("[data-guide-toggle]");
  var nav = part("[data-guide-nav]");
  var previous = part("[data-guide-prev]");
  var next = part("[data-guide-next]");
  var position = part("[data-guide-position]");
  var progress = part("[data-guide-progress]");
  var count = part("[data-guide-count]");
  var resets = toArray(bar.querySelectorAll("[data-guide-reset]"));
  var storageNote = part("[data-guide-storage-note]");
  var save = part("[data-guide-save]");
  var load = part("[data-guide-load]");
  var file = part("[data-guide-file]");
  var status = part("[data-guide-status]");
  var drawer = part("[data-guide-drawer]");
  var drawerToggle = part("[data-guide-drawer-toggle]");
  var stepList = part("[data-guide-step-list]");
  if (!steps.length) return;

  var fill = function (element, values) {
    return (element.getAttribute("data-template") || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  };
  var announce = function (attribute) {
    status.textContent = "";
    // A fresh text node after a tick is announced even when the message repeats.
    window.setTimeout(function () { status.textContent = status.getAttribute(attribute) || ""; }, 50);
  };

  // A tick is named by page, step and item, so one page's ticks never touch another's.
  var keyOf = function (box) {
    var step = box.closest(".step");
    return (step ? step.getAttribute("data-guide-key") : "") + "|" + box.getAttribute("data-check");
  };

  var storage = null;
  try {
    var candidate = window.localStorage;
    candidate.setItem(prefix + "probe", "1");
    candidate.removeItem(prefix + "probe");
    storage = candidate;
  } catch (error) {
    storage = null;
  }
  var storageLost = function () {
    storage = null;
    storageNote.hidden = false;
  };
  var stored = function (key) {
    if (!storage) return false;
    try { return storage.getItem(prefix + key) === "1"; } catch (error) { storageLost(); return false; }
  };
  // Guide mode and the step shown: "@mode" and "@step" cannot clash with a tick's key (a "#" in it).
  var setting = function (key, value) {
    if (!storage) return null;
    try {
      if (value === undefined) return storage.getItem(prefix + key);
      if (value === null) storage.removeItem(prefix + key);
      else storage.setItem(prefix + key, value);
    } catch (error) {
      storageLost();
    }
    return null;
  };
  var remember = function (key, ticked) {
    if (!storage) return;
    try {
      if (ticked) storage.setItem(prefix + key, "1");
      else storage.removeItem(prefix + key);
    } catch (error) {
      storageLost();
    }
  };

  var update = function () {
    var done = boxes.filter(function (box) { return box.checked; }).length;
    progress.max = Math.max(boxes.length, 1);
    progress.value = done;
    count.textContent = fill(count, { done: done, total: boxes.length });
  };

  boxes.forEach(function (box) {
    if (stored(keyOf(box))) box.checked = true;
    box.addEventListener("change", function () {
      remember(keyOf(box), box.checked);
      update();
    });
  });

  var current = 0;
  var guiding = false;
  var show = function (index, moveFocus) {
    current = Math.max(0, Math.min(steps.length - 1, index));
    steps.forEach(function (step, i) { step.classList.toggle("guide-current", i === current); });
    position.textContent = fill(position, { current: current + 1, total: steps.length });
    previous.disabled = current === 0;
    next.disabled = current === steps.length - 1;
    setting("@step", steps[current].id);
    toArray(stepList.querySelectorAll("a")).forEach(function (link, i) {
      if (i === current) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    if (moveFocus) {
      var heading = steps[current].querySelector(".step-title") || steps[current];
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  };
  var stepFromHash = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i].id === id) return i;
    }
    return -1;
  };
  var firstUnfinished = function () {
    for (var i = 0; i < steps.length; i += 1) {
      var open = toArray(steps[i].querySelectorAll("input[data-check]")).some(function (box) { return !box.checked; });
      if (open) return i;
    }
    return 0;
  };
  var stepById = function (id) {
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i].id === id) return i;
    }
    return -1;
  };
  var setDrawer = function (open) {
    drawer.hidden = !open;
    drawerToggle.setAttribute("aria-expanded", open ? "true" : "false");
  };
  var setGuiding = function (on, resume) {
    guiding = on;
    document.body.classList.toggle("guide-on", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    nav.hidden = !on;
    setting("@mode", on ? "1" : null);
    setDrawer(false);
    if (on) {
      var fromHash = stepFromHash();
      var kept = resume ? stepById(setting("@step") || "") : -1;
      show(fromHash >= 0 ? fromHash : kept >= 0 ? kept : firstUnfinished(), false);
    } else {
      setting("@step", null);
      steps.forEach(function (step) { step.classList.remove("guide-current"); });
    }
  };

  steps.forEach(function (step) {
    var title = step.querySelector(".step-title");
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + step.id;
    link.textContent = title ? title.textContent.replace(/\s+/g, " ").trim() : step.id;
    item.appendChild(link);
    stepList.appendChild(item);
  });
  stepList.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) setDrawer(false);
  });
  drawerToggle.addEventListener("click", function () { setDrawer(drawer.hidden); });
  // Escape closes the drawer and gives focus back to the button that opened it.
  bar.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || drawer.hidden) return;
    setDrawer(false);
    drawerToggle.focus();
  });
  toggle.addEventListener("click", function () { setGuiding(!guiding, false); });
  previous.addEventListener("click", function () { show(current - 1, true); });
  next.addEventListener("click", function () { show(current + 1, true); });
  // Links between steps ("next", "comes after") move the guide to the step they name.
  window.addEventListener("hashchange", function () {
    var index = stepFromHash();
    if (guiding && index >= 0) show(index, true);
  });

  resets.forEach(function (reset) {
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        remember(keyOf(box), false);
      });
      update();
      announce("data-reset-done");
    });
  });

  save.addEventListener("click", function () {
    var ticks = boxes.filter(function (box) { return box.checked; }).map(keyOf);
    var text = JSON.stringify({ format: "handbook-guide", version: 1, page: page, ticks: ticks }, null, 1);
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    link.download = (save.getAttribute("data-file-name") || "progress") + "-" + page.replace(/[^A-Za-z0-9]+/g, "-") + ".json";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });
  load.addEventListener("click", function () { file.click(); });
  file.addEventListener("change", function () {
    var chosen = file.files && file.files[0];
    if (!chosen) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = JSON.parse(String(reader.result)); } catch (error) { data = null; }
      if (!data || data.format !== "handbook-guide" || data.page !== page || !Array.isArray(data.ticks)) {
        announce("data-load-failed");
        return;
      }
      boxes.forEach(function (box) {
        box.checked = data.ticks.indexOf(keyOf(box)) !== -1;
        remember(keyOf(box), box.checked);
      });
      update();
      announce("data-loaded");
    };
    reader.onerror = function () { announce("data-load-failed"); };
    reader.readAsText(chosen);
    file.value = "";
  });

  if (!boxes.length) {
    progress.parentNode.hidden = true;
  }
  storageNote.hidden = storage !== null;
  update();
  bar.hidden = false;
  if (setting("@mode") === "1") setGuiding(true, true);
})();
