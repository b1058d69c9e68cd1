// Live reload for `handbook serve` (never part of a built site): reloads the page after a
// rebuild, keeping the scroll position, and shows build errors over the page.
(function () {
  "use strict";

  var scrollKey = "handbook-serve-scroll:" + location.pathname;
  var overlayId = "handbook-serve-errors";

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return; // storage disabled: reload without keeping the position
    }
    var y = saved === null ? NaN : parseInt(saved, 10);
    if (!isNaN(y)) {
      // After load, so images and fonts have their height.
      window.addEventListener("load", function () { window.scrollTo(0, y); });
    }
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY || window.pageYOffset || 0));
    } catch (e) { /* reload anyway */ }
    location.reload();
  }

  function styled(tag, styles) {
    var element = document.createElement(tag);
    // CSSOM properties, not a style attribute: the pages' CSP forbids inline styles.
    for (var name in styles) {
      if (Object.prototype.hasOwnProperty.call(styles, name)) {
        element.style[name] = styles[name];
      }
    }
    return element;
  }

  function hideErrors() {
    var old = document.getElementById(overlayId);
    if (old) { old.parentNode.removeChild(old); }
  }

  // The message is the terminal's text (file:line:col, source line, hint); it only ever goes
  // into text nodes, so markup in it is shown, not run.
  function showErrors(message) {
    hideErrors();
    var overlay = styled("div", {
      position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh", overflow: "auto",
      zIndex: "2147483647", background: "#fff8f6", color: "#3b0a00",
      borderTop: "4px solid #b3261e", boxShadow: "0 -4px 16px rgba(0,0,0,0.25)",
      padding: "1rem 1.25rem", fontSize: "15px", lineHeight: "1.5"
    });
    overlay.id = overlayId;
    overlay.setAttribute("role", "alert");
    var heading = styled("p", { margin: "0 0 0.5rem", fontWeight: "bold", fontSize: "17px" });
    heading.appendChild(document.createTextNode("handbook serve: the build failed"));
    var note = styled("p", { margin: "0 0 0.5rem" });
    note.appendChild(document.createTextNode(
      "You are seeing the last good build. Fix the file and save: this message goes away."));
    var details = styled("pre", {
      margin: "0", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
      fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: "14px"
    });
    details.appendChild(document.createTextNode(message));
    var close = styled("button", {
      position: "absolute", top: "0.5rem", right: "0.75rem", font: "inherit", cursor: "pointer"
    });
    close.type = "button";
    close.appendChild(document.createTextNode("Close"));
    close.addEventListener("click", hideErrors);
    overlay.appendChild(close);
    overlay.appendChild(heading);
    overlay.appendChild(note);
    overlay.appendChild(details);
    document.body.appendChild(overlay);
  }

  restoreScroll();
  if (!window.EventSource) { return; }
  var events = new EventSource("/__handbook/events");
  events.addEventListener("reload", reload);
  events.addEventListener("build-error", function (event) {
    var message = "";
    try { message = String(JSON.parse(event.data).message); } catch (e) { message = event.data; }
    showErrors(message);
  });
}());
