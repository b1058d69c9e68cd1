/* The home page's role chooser remembers the role a reader picked (localStorage: a role id, no
   personal data) and offers it first on the next visit, with "not me" to forget it. Where the
   browser refuses storage the chooser simply works as plain links. Classic script, file:// safe. */
(function () {
  "use strict";
  var chooser = document.querySelector("[data-role-chooser]");
  if (!chooser) return;
  var KEY = "handbook-role";
  var mine = chooser.querySelector("[data-role-mine]");
  var mineLink = chooser.querySelector("[data-role-mine-link]");
  var notMe = chooser.querySelector("[data-role-not-me]");
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem(KEY + "-probe", "1");
    storage.removeItem(KEY + "-probe");
  } catch (error) {
    storage = null;
  }
  if (!storage) return;

  var choiceFor = function (id) {
    var choices = chooser.querySelectorAll("[data-role-choice]");
    for (var i = 0; i < choices.length; i += 1) {
      if (choices[i].getAttribute("data-role-choice") === id) return choices[i];
    }
    return null;
  };
  var show = function () {
    var id = null;
    try { id = storage.getItem(KEY); } catch (error) { id = null; }
    var choice = id ? choiceFor(id) : null;
    mine.hidden = !choice;
    if (choice) {
      mineLink.href = choice.getAttribute("href");
      mineLink.textContent = choice.textContent;
    }
  };
  chooser.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-role-choice]") : null;
    if (!link) return;
    try { storage.setItem(KEY, link.getAttribute("data-role-choice")); } catch (error) { /* not kept */ }
  });
  notMe.addEventListener("click", function () {
    try { storage.removeItem(KEY); } catch (error) { /* nothing kept */ }
    show();
    var first = chooser.querySelector("summary");
    if (first) first.focus();
  });
  show();
})();
